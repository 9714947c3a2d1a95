"""The template's sheets as openpyxl reads them: tables, names, validation, config, formulas."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from xlpareto import layout, udfs
from xlpareto.data import sample_clients, sample_prospects
from xlpareto.layout.inputs import CLIENTS, PROSPECTS
from xlpareto.workbook import dashboard_sheet, new_workbook
from xlpareto.workbook.dashboard_figures import key_figures
from xlpareto.workbook.dashboard_sheet import KPIS, kpi_fallback, spill_formulas, with_fallback
from xlpareto.workbook.input_sheet import input_frame
from xlpareto.workbook.settings_sheet import TIER_CUTOFFS_NAME, tier_cutoffs_formula

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"
FORMULA_LIKE = ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(TEMPLATE)


@pytest.fixture(scope="module")
def user_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = pd.DataFrame(
        {
            layout.CLIENT_COLUMN: [*FORMULA_LIKE, "Plain Ltd", 1001],
            layout.REVENUE_COLUMN: [500.0, 300.0, 100.0, 50.0, 30.0, 15.0, 5.0],
        }
    )
    path = tmp_path_factory.mktemp("new") / "mine.xlsm"
    return new_workbook(path, data=data, interpreter=r"C:\Python\python.exe")


def test_sheets_in_order_with_config_hidden(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == list(layout.SHEETS)
    states = {ws.title: ws.sheet_state for ws in book.worksheets}
    assert states.pop(layout.CONFIG_SHEET) == "hidden"
    assert set(states.values()) == {"visible"}


def test_clients_table_holds_the_sample_data(book: openpyxl.Workbook) -> None:
    sheet = book[layout.CLIENTS_SHEET]
    table = sheet.tables[layout.CLIENTS_TABLE]
    sample = sample_clients()
    assert table.ref == f"A1:E{len(sample) + 1}"
    assert [c.name for c in table.tableColumns] == list(layout.CLIENTS_COLUMNS)
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, max_col=3, values_only=True))
    assert [r[0] for r in rows] == sample[layout.CLIENT_COLUMN].tolist()
    assert [r[1] for r in rows] == pytest.approx(sample[layout.REVENUE_COLUMN].tolist())
    assert sum(r[2] is None for r in rows) == sample[layout.PRIOR_COLUMN].isna().sum() > 0
    assert sheet["B2"].number_format == layout.CURRENCY_FORMAT


def test_settings_names_defaults_and_validation(book: openpyxl.Workbook) -> None:
    sheet = book[layout.SETTINGS_SHEET]
    for setting in layout.SETTINGS:
        name = book.defined_names[setting.name]
        assert name.attr_text == setting.refers_to.lstrip("=")
        assert sheet[setting.cell].value == setting.default
        assert sheet[setting.cell].number_format == setting.number_format
    assert book.defined_names[TIER_CUTOFFS_NAME].attr_text == tier_cutoffs_formula().lstrip("=")
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    method = rules[layout.TIER_METHOD.cell]
    assert method.type == "list" and method.formula1 == '"Fixed,Computed"'
    for share in (layout.CUTOFF_A, layout.CUTOFF_B, layout.CORE_SHARE):
        rule = rules[share.cell]
        assert rule.operator in (None, "between")  # "between" is the default, left out
        assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "0", "1")
    assert (rules[layout.BUDGET_TOTAL.cell].operator, rules[layout.BUDGET_TOTAL.cell].formula1) == (
        "greaterThanOrEqual",
        "0",
    )
    assert (rules[layout.BUDGET_UNIT.cell].operator, rules[layout.BUDGET_UNIT.cell].formula1) == (
        "greaterThan",
        "0",
    )


def test_config_sheet_of_template_and_new_workbook(
    book: openpyxl.Workbook, user_book: Path
) -> None:
    rows = list(book[layout.CONFIG_SHEET].iter_rows(values_only=True))
    assert rows == [(layout.UDF_MODULES_KEY, layout.UDF_MODULE)]
    user = openpyxl.load_workbook(user_book)[layout.CONFIG_SHEET]
    entries = {k: v for k, v in user.iter_rows(values_only=True)}
    assert entries[layout.UDF_MODULES_KEY] == layout.UDF_MODULE
    key = {"win32": "Interpreter_Win", "darwin": "Interpreter_Mac"}.get(sys.platform)
    for name in [key] if key else ["Interpreter_Win", "Interpreter_Mac"]:
        assert entries[name] == r"C:\Python\python.exe"
    assert None not in entries  # no blank rows


def test_new_workbook_defaults_to_this_python(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(new_workbook(tmp_path / "b.xlsm"))[layout.CONFIG_SHEET]
    assert sys.executable in [v for _, v in sheet.iter_rows(values_only=True)]


def test_dashboard_formulas_with_cached_values(book: openpyxl.Workbook) -> None:
    sheet = book[layout.DASHBOARD_SHEET]
    formulas = [sheet.cell(5 + i, 2).value for i in range(len(KPIS))]
    fallbacks = [kpi_fallback(k.label) for k in KPIS]
    assert formulas == [
        k.formula if fallback is None else with_fallback(k.formula, fallback)
        for k, fallback in zip(KPIS, fallbacks, strict=True)
    ]
    assert sum(f is not None for f in fallbacks) == 4  # the ones with worksheet functions
    values = openpyxl.load_workbook(TEMPLATE, data_only=True)[layout.DASHBOARD_SHEET]
    assert values["B5"].value == 200
    assert values["B7"].value == pytest.approx(0.7696674244176545)  # top 20 % share
    assert values["A14"].value == "Tier" and values["A15"].value == "A"
    assert values["B15"].value == 50


def test_spilling_formulas_are_dynamic_arrays() -> None:
    with zipfile.ZipFile(TEMPLATE) as package:
        number = layout.SHEETS.index(layout.DASHBOARD_SHEET) + 1
        sheet = package.read(f"xl/worksheets/sheet{number}.xml").decode()
        assert "xl/metadata.xml" in package.namelist()
        metadata = package.read("xl/metadata.xml").decode()
    assert "XLDAPR" in metadata and "fDynamic" in metadata
    for formula in spill_formulas().values():
        live = formula.lstrip("=")
        text = re.escape(f"IF($H$2,{live},IF('Analysis'!") + r"[^<]*"
        match = re.search(
            rf'<c r="(A\d+)"[^>]* cm="1"[^>]*><f t="array" ref="A\d+:\w+">{text}</f>', sheet
        )
        assert match, formula
    plain = re.findall(r"<f>([^<]*)</f>", sheet)
    clients = input_frame(CLIENTS, sample_clients())
    budget = udfs.PARETO_BUDGET(
        layout.BUDGET_TOTAL.default, [[v] for v in clients[layout.REVENUE_COLUMN]]
    )
    figures = key_figures(
        clients,
        input_frame(PROSPECTS, sample_prospects()),
        budget,
        dashboard_sheet.BUDGET_TOP,
        dashboard_sheet.KPI_TOP,
    )
    v2_plain = [f.formula for f in figures if not f.dynamic]
    # single-value KPIs, the note, the probe and the v2 key figures stay plain formulas
    assert len(plain) == len(KPIS) + 2 + len(v2_plain)
    for figure in figures:  # a live formula, inside its Mac fallback where it has one
        text = re.escape(figure.formula.lstrip("=")).replace('"', '(?:"|&quot;)')
        plain_cell = re.search(rf"<f>(IF\(\$H\$2,)?{text}(,[^<]*\))?</f>", sheet)
        assert (plain_cell is not None) != figure.dynamic, figure.label


def test_formula_like_client_names_are_text_everywhere(user_book: Path) -> None:
    book = openpyxl.load_workbook(user_book)
    clients = [r[0] for r in book[layout.CLIENTS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert clients[:5] == FORMULA_LIKE and clients[6] == "1001"
    analysis = [r[1] for r in book[layout.ANALYSIS_SHEET].iter_rows(min_row=5, values_only=True)]
    assert set(FORMULA_LIKE) <= set(analysis)
    with zipfile.ZipFile(user_book) as package:
        for name in (layout.CLIENTS_SHEET, layout.ANALYSIS_SHEET):
            index = layout.SHEETS.index(name) + 1
            sheet = package.read(f"xl/worksheets/sheet{index}.xml").decode()
            assert not re.search(r"<f[ >]", sheet)


def test_analysis_sheet_starts_filled(book: openpyxl.Workbook) -> None:
    sheet = book[layout.ANALYSIS_SHEET]
    # the sample has costs: Cost and Profit after Movement (K, L)
    assert sheet.tables[layout.ANALYSIS_TABLE].ref == "A4:L204"
    assert sheet["A5"].value == 1 and sheet["F5"].value == "A"
    assert sheet.conditional_formatting, "tiers are coloured"
    coloured = {str(rule.sqref) for rule in sheet.conditional_formatting}
    # Tier, Prior tier and the loss-maker colour of Profit: also when the table grows
    assert coloured == {"F5:F1048576", "I5:I1048576", "L5:L1048576"}
    assert len(sheet._charts) == 1
