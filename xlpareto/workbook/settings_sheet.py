"""The Settings sheet: named input cells (``layout.SETTINGS``) with labels, help and validation."""

from __future__ import annotations

import xlsxwriter

from xlpareto import layout
from xlpareto.workbook.formats import Formats

TITLE = "Settings"
INTRO = (
    "Change the yellow cells. The Dashboard updates itself; "
    "click 'Refresh analysis' for the Analysis sheet."
)
HEADER_ROW = min(s.row for s in layout.SETTINGS) - 1
SHARE_RULE = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": 0,
    "maximum": 1,
    "error_title": "A share between 0 % and 100 %",
}
VALIDATION = {
    layout.CUTOFF_A.name: {
        **SHARE_RULE,
        "error_message": "Enter a share between 0 and 1, e.g. 80%.",
    },
    layout.CUTOFF_B.name: {
        **SHARE_RULE,
        "error_message": "Enter a share between 0 and 1, above cutoff A, e.g. 95%.",
    },
    layout.CORE_SHARE.name: {
        **SHARE_RULE,
        "error_message": "Enter a share between 0 and 1, e.g. 80%.",
    },
    layout.TIER_METHOD.name: {
        "validate": "list",
        "source": list(layout.TIER_METHODS),
        "error_title": "Tier method",
        "error_message": "Choose Fixed or Computed.",
    },
    layout.BUDGET_TOTAL.name: {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "error_title": "Budget",
        "error_message": "Enter an amount of 0 or more.",
    },
    layout.HOURLY_COST.name: {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "error_title": "Cost of one hour",
        "error_message": "Enter an amount of 0 or more.",
    },
    layout.SPEND_EXISTING.name: {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "error_title": "Spend on existing clients",
        "error_message": "Enter an amount of 0 or more, or leave the cell blank.",
    },
    layout.SPEND_NEW.name: {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "error_title": "Spend on new business",
        "error_message": "Enter an amount of 0 or more, or leave the cell blank.",
    },
    layout.MIN_FIT.name: {
        **SHARE_RULE,
        "error_message": "Enter a share between 0 and 1, e.g. 50%.",
    },
    layout.BUDGET_UNIT.name: {
        "validate": "decimal",
        "criteria": ">",
        "value": 0,
        "error_title": "Budget unit",
        "error_message": "Enter an amount above 0, e.g. 0.01 or 100.",
    },
}

#: Defined name of the tier cutoffs as the worksheet functions take them: the two cutoff
#: cells, or the text "computed" when TierMethod is Computed.
TIER_CUTOFFS_NAME = "TierCutoffs"


def tier_cutoffs_formula() -> str:
    """``=IF(TierMethod="Computed","computed",Settings!$B$4:$B$5)`` from the layout."""
    first, second = layout.CUTOFF_A, layout.CUTOFF_B
    if second.row != first.row + 1:
        raise AssertionError("CutoffA and CutoffB must be adjacent rows")
    cells = f"{layout.SETTINGS_SHEET}!$B${first.row + 1}:$B${second.row + 1}"
    computed = layout.TIER_METHODS[1]
    return f'=IF({layout.TIER_METHOD.name}="{computed}","{computed.lower()}",{cells})'


def add_settings_sheet(workbook: xlsxwriter.Workbook, formats: Formats) -> None:
    """Add the Settings sheet and the workbook-level names of its cells."""
    sheet = workbook.add_worksheet(layout.SETTINGS_SHEET)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 14)
    sheet.set_column(2, 2, 70, formats.wrap)
    sheet.fit_to_pages(1, 0)  # printed one page wide
    sheet.write_string(0, 0, TITLE, formats.title)
    sheet.write_string(1, 0, INTRO, formats.muted)
    for col, text in enumerate(("Setting", "Value", "What it does")):
        sheet.write_string(HEADER_ROW, col, text, formats.bold)
    for setting in layout.SETTINGS:
        style = formats.input_number(setting.number_format)
        sheet.write_string(setting.row, 0, setting.label)
        if setting.default is None:
            sheet.write_blank(setting.row, 1, None, style)
        elif isinstance(setting.default, str):
            sheet.write_string(setting.row, 1, setting.default, style)
        else:
            sheet.write_number(setting.row, 1, setting.default, style)
        sheet.write_string(setting.row, 2, setting.help, formats.wrap)
        rule = {
            **VALIDATION[setting.name],
            "input_title": setting.label[:32],
            "input_message": setting.help[:255],
        }
        sheet.data_validation(setting.row, 1, setting.row, 1, rule)
        workbook.define_name(setting.name, setting.refers_to)
    workbook.define_name(TIER_CUTOFFS_NAME, tier_cutoffs_formula())
