"""The Dashboard sheet: live worksheet-function formulas over ``Clients`` and the Settings names.

Every formula is stored with the value it has for the data it is built with (computed here
by the same worksheet functions), so the first look shows numbers. Spilling formulas are
stored as dynamic-array formulas.

Where the worksheet functions can't run (Excel for Mac, Python not set up, a spreadsheet
program without xlwings such as LibreOffice) each figure that needs one falls back to the
figures of the last refresh, which the refresh writes on its own Analysis sheet (the
``dashboard`` area of :data:`xlpareto.layout.ANALYSIS`):
``=IF(<live>, PARETO_GINI(...), 'Analysis'!<cell>)``. ``<live>`` is one probe cell,
``=IFERROR(ISNUMBER(PARETO_RANK(1,1)),FALSE)``: TRUE exactly where the functions run (on
a Mac xlwings' VBA wrapper returns its error as text, elsewhere the name is unknown).
Excel's IF evaluates only the branch it returns, so on Windows nothing changes – the live
formulas win, and a problem with the data still shows its message – and on a Mac no
function is called. The note under the title says which figures are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from xlpareto import layout, udfs
from xlpareto.engine.budget import NEW_BUSINESS
from xlpareto.layout.analysis_sheet import ANALYSIS, CHART_NAME, DASHBOARD_KPIS, dashboard_figure
from xlpareto.layout.content import TableContent
from xlpareto.layout.inputs import CLIENTS
from xlpareto.layout.sheets import cell_name, column_letter, sheet_reference
from xlpareto.workbook.cell_writer import write_cell
from xlpareto.workbook.chart import ROW_HEIGHT_PX, add_chart
from xlpareto.workbook.dashboard_figures import KeyFigure, key_figures, write_key_figures
from xlpareto.workbook.formats import Formats
from xlpareto.workbook.input_sheet import input_frame
from xlpareto.workbook.settings_sheet import TIER_CUTOFFS_NAME

REVENUES = f"{layout.CLIENTS_TABLE}[{layout.REVENUE_COLUMN}]"
PRIOR = f"{layout.CLIENTS_TABLE}[{layout.PRIOR_COLUMN}]"
TITLE = "Dashboard"
NOTE = (
    "Live formulas through the xlpareto worksheet functions: they recalculate when the "
    "Clients table or the Settings change (Windows, with Python and xlwings)."
)
NOTE_FALLBACK = (
    "The worksheet functions can't run here (e.g. Excel for Mac): these are the figures of "
    "the last Refresh analysis (Analysis sheet) - "
)
#: the probe cell (hidden): TRUE where the worksheet functions run
LIVE_CELL = (1, 7)  # H2
LIVE_FORMULA = "=IFERROR(ISNUMBER(PARETO_RANK(1,1)),FALSE)"
HIDDEN_FORMAT = ";;;"
PCT, MONEY, INT, RATIO = (
    layout.PERCENT_FORMAT,
    layout.CURRENCY_FORMAT,
    layout.INTEGER_FORMAT,
    "0.000",
)


@dataclass(frozen=True)
class Kpi:
    """One key figure: label, formula, value function of the revenues, number format."""

    label: str
    formula: str
    value: Callable[[list[list[Any]]], Any]
    number_format: str


def _positive(revenues: list[list[Any]]) -> list[float]:
    return [max(v[0], 0) for v in revenues if isinstance(v[0], (int, float))]


def _count(revenues: list[list[Any]]) -> int:
    return sum(isinstance(v[0], (int, float)) for v in revenues)


def _revenue(revenues: list[list[Any]]) -> float:
    return sum(_positive(revenues))


def _largest_share(revenues: list[list[Any]]) -> float:
    positive = _positive(revenues)
    return max(positive) / sum(positive)


KPIS = (
    Kpi("Clients with a revenue", f"=COUNT({REVENUES})", _count, INT),
    Kpi("Revenue", f'=SUMIF({REVENUES},">0")', _revenue, MONEY),
    Kpi(
        "Top 20 % of clients' share",
        f"=PARETO_TOP_SHARE({REVENUES},0.2)",
        lambda r: udfs.PARETO_TOP_SHARE(r, 0.2),
        PCT,
    ),
    Kpi(
        "Pareto ratio (x of clients bring 1 - x)",
        f"=PARETO_RATIO({REVENUES})",
        udfs.PARETO_RATIO,
        PCT,
    ),
    Kpi("Gini coefficient", f"=PARETO_GINI({REVENUES})", udfs.PARETO_GINI, RATIO),
    Kpi("HHI (0-1)", f"=PARETO_HHI({REVENUES})", udfs.PARETO_HHI, RATIO),
    Kpi(
        "Largest client's share",
        f'=MAX({REVENUES})/SUMIF({REVENUES},">0")',
        _largest_share,
        PCT,
    ),
)
KPI_TOP = 4  # zero-based row of the first KPI
SUMMARY_TOP = 13
BUDGET_TOP = 21
MIGRATION_TOP = 30

#: the charts, side by side under the tables: the Pareto chart (bound to the Analysis
#: sheet's ParetoTable, drawn from the Analysis chart's own description) under columns A-D
#: and the budget split (a doughnut over this sheet's budget table) under E-G
CHARTS_TOP = MIGRATION_TOP + 7
CHART_ROWS = 18
PARETO_CHART = replace(
    ANALYSIS.chart(CHART_NAME),
    name="DashboardParetoChart",
    top_left=(CHARTS_TOP, 0),
    size=(CHART_ROWS, 9),
)
BUDGET_CHART_NAME = "DashboardBudgetChart"
BUDGET_CHART_COLUMN = 4  # E
BUDGET_CHART_WIDTH_PX = 300
BUDGET_VALUE_COLUMN = 4  # E: Budget
#: budget segments: the tiers (dark to light accent), new business in orange
BUDGET_COLOURS = ("#1F4E79", "#2E75B6", "#9DC3E6", "#DEEBF7", "#BDD7EE")
NEW_BUSINESS_COLOUR = "#ED7D31"
KPI_ROW_HEIGHT = 18

SUMMARY_FORMATS = (None, INT, PCT, MONEY, PCT, MONEY, MONEY)
BUDGET_FORMATS = (None, INT, PCT, PCT, MONEY, MONEY)


def spill_formulas() -> dict[str, str]:
    """The dashboard's live spilling formulas by block name."""
    s = layout
    return {
        "summary": f"=PARETO_SUMMARY({REVENUES},{TIER_CUTOFFS_NAME})",
        "budget": (
            f"=PARETO_BUDGET({s.BUDGET_TOTAL.name},{REVENUES},{s.CORE_SHARE.name},"
            f"{TIER_CUTOFFS_NAME},,{s.BUDGET_UNIT.name})"
        ),
        "migration": f"=PARETO_MIGRATION({PRIOR},{REVENUES},{TIER_CUTOFFS_NAME})",
    }


def _absolute(row: int, col: int) -> str:
    return f"${column_letter(col)}${row + 1}"


def _live() -> str:
    return _absolute(*LIVE_CELL)


def _analysis(a1: str) -> str:
    return sheet_reference(layout.ANALYSIS_SHEET, a1).removeprefix("=")


def kpi_fallback(label: str) -> str | None:
    """The Analysis cell with the last refresh's value of a key figure (None: the figure
    needs no worksheet function)."""
    labels = [kpi[0] for kpi in DASHBOARD_KPIS]
    if label not in labels:
        return None
    row, col = dashboard_figure("dashboard_kpis")
    return _analysis(_absolute(row + labels.index(label), col + 1))


def table_fallback(block: str, rows: int, columns: int) -> str:
    """The Analysis range with the last refresh's copy of a Dashboard table."""
    row, col = dashboard_figure(f"dashboard_{block}")
    return _analysis(f"{_absolute(row, col)}:{_absolute(row + rows - 1, col + columns - 1)}")


def with_fallback(live: str, fallback: str) -> str:
    """``=IF(<probe>, live, fallback)``; a blank fallback cell shows blank: a reference to
    an empty cell is 0 in a formula, which would read as a false 0.0 % (an Analysis sheet
    never refreshed, or cleared)."""
    fallback = f'IF({fallback}="","",{fallback})'
    return f"=IF({_live()},{live.removeprefix('=')},{fallback})"


def _column(series: pd.Series) -> list[list[Any]]:
    values = series.astype(object).where(series.notna(), None).tolist()
    return [[v.item() if hasattr(v, "item") else v] for v in values]


def _default_cutoffs() -> Any:
    if layout.TIER_METHOD.default == layout.TIER_METHODS[1]:
        return "computed"
    return [[layout.CUTOFF_A.default], [layout.CUTOFF_B.default]]


def _write_spill(
    sheet: Worksheet,
    top: int,
    block: str,
    rows: list[list[Any]],
    column_formats: tuple,
    formats: Formats,
    corner_is_label: bool = True,
) -> None:
    width = max(len(r) for r in rows)
    live = spill_formulas()[block]
    formula = with_fallback(live, table_fallback(block, len(rows), width))
    sheet.write_dynamic_array_formula(
        top, 0, top + len(rows) - 1, width - 1, formula, formats.bold, rows[0][0]
    )
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r == 0 and c == 0:
                continue
            fmt = formats.bold if c == 0 and corner_is_label else None
            if r == 0:
                fmt = formats.header_right if c > 0 else formats.bold
            if r > 0 and c > 0:
                fmt = formats.number(column_formats[min(c, len(column_formats) - 1)])
            write_cell(sheet, top + r, c, value, fmt)


def add_dashboard_sheet(
    workbook: xlsxwriter.Workbook,
    data: pd.DataFrame,
    formats: Formats,
    prospects: pd.DataFrame | None = None,
    pareto: TableContent | None = None,
    cutoff_lines: TableContent | None = None,
) -> None:
    """Add the Dashboard; cached values come from ``data`` and the default settings.

    The v2 key figures (:mod:`~xlpareto.workbook.dashboard_figures`) sit beside the v1 ones:
    growth always, profit when ``data`` has costs, the pipeline when ``prospects`` is given.
    Below the tables: the Pareto chart over the Analysis sheet's ParetoTable (``pareto``:
    the Analysis table's content, for its size and the bars' tier colours; default: the
    clients with a revenue, uncoloured; ``cutoff_lines``: the Analysis sheet's cutoff lines'
    helper table, default: no lines) and the budget split.
    """
    frame = input_frame(CLIENTS, data)
    revenues, prior = _column(frame[layout.REVENUE_COLUMN]), _column(frame[layout.PRIOR_COLUMN])
    cutoffs = _default_cutoffs()
    sheet = workbook.add_worksheet(layout.DASHBOARD_SHEET)
    sheet.set_portrait()  # printed on one page
    sheet.fit_to_pages(1, 1)
    for offset in range(len(KPIS)):
        sheet.set_row(KPI_TOP + offset, KPI_ROW_HEIGHT)
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 6, 14)
    sheet.set_column(5, 5, 17)  # "Budget per client"
    sheet.write_string(layout.DASHBOARD_TITLE_CELL, TITLE, formats.title)
    sheet.write_formula(*LIVE_CELL, LIVE_FORMULA, formats.number(HIDDEN_FORMAT), True)
    stamp = _analysis(cell_name(*layout.ANALYSIS.stamp_cell))
    note = f'=IF({_live()},"{NOTE}","{NOTE_FALLBACK}"&{stamp})'
    note_format = formats.workbook.add_format(
        {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}
    )
    sheet.merge_range(1, 0, 1, 6, "", note_format)  # the note wraps over the blocks' width
    sheet.set_row(1, 30)
    sheet.write_formula(1, 0, note, note_format, NOTE)
    sheet.write_string(KPI_TOP - 1, 0, "Key figures", formats.subtitle)
    for offset, kpi in enumerate(KPIS):
        value = kpi.value(revenues)
        formula = _figure_with_fallback(kpi)
        sheet.write_string(KPI_TOP + offset, 0, kpi.label)
        sheet.write_formula(KPI_TOP + offset, 1, formula, formats.figure(kpi.number_format), value)
    sheet.write_string(SUMMARY_TOP - 1, 0, "Tiers", formats.subtitle)
    summary = udfs.PARETO_SUMMARY(revenues, cutoffs)
    _write_spill(sheet, SUMMARY_TOP, "summary", summary, SUMMARY_FORMATS, formats)
    sheet.write_string(BUDGET_TOP - 1, 0, "Budget split", formats.subtitle)
    budget = udfs.PARETO_BUDGET(
        layout.BUDGET_TOTAL.default,
        revenues,
        layout.CORE_SHARE.default,
        cutoffs,
        None,
        layout.BUDGET_UNIT.default,
    )
    _write_spill(sheet, BUDGET_TOP, "budget", budget, BUDGET_FORMATS, formats)
    sheet.write_string(
        MIGRATION_TOP - 1,
        0,
        "Tier migration: last year (rows) to this year (columns)",
        formats.subtitle,
    )
    migration = udfs.PARETO_MIGRATION(prior, revenues, cutoffs)
    _write_spill(sheet, MIGRATION_TOP, "migration", migration, (None, INT), formats)
    # --- v2: growth, profit and pipeline figures, beside the v1 key figures ---------------
    figures = key_figures(frame, prospects, budget, BUDGET_TOP, KPI_TOP)
    write_key_figures(sheet, KPI_TOP, figures, formats, _figure_with_fallback)
    if pareto is None:  # no tier colours: the bars take the series colour
        rows = _count(revenues)
        pareto = TableContent(ANALYSIS.table, [[""] * rows for _ in ANALYSIS.table.columns])
    tables = {ANALYSIS.table.name: pareto}
    if cutoff_lines is not None:
        tables[cutoff_lines.spec.name] = cutoff_lines
    add_chart(workbook, sheet, PARETO_CHART, tables, data_sheet=layout.ANALYSIS_SHEET)
    _add_budget_chart(workbook, sheet, [row[0] for row in budget[1:-1]])


def _add_budget_chart(workbook: xlsxwriter.Workbook, sheet: Worksheet, segments: list) -> None:
    """A doughnut of the budget table's Budget column by segment (the Total row left out)."""
    first, last = BUDGET_TOP + 1, BUDGET_TOP + len(segments)
    chart = workbook.add_chart({"type": "doughnut", "name": BUDGET_CHART_NAME})
    colours = [
        NEW_BUSINESS_COLOUR if segment == NEW_BUSINESS else BUDGET_COLOURS[i % len(BUDGET_COLOURS)]
        for i, segment in enumerate(segments)
    ]
    name = sheet.name
    chart.add_series(
        {
            "name": "Budget",
            "categories": [name, first, 0, last, 0],
            "values": [name, first, BUDGET_VALUE_COLUMN, last, BUDGET_VALUE_COLUMN],
            "points": [{"fill": {"color": c}, "border": {"color": "#FFFFFF"}} for c in colours],
            "data_labels": {"percentage": True, "num_format": "0%"},
        }
    )
    chart.set_title({"name": "Budget split"})
    chart.set_legend({"position": "bottom"})
    chart.set_hole_size(50)
    chart.set_size({"width": BUDGET_CHART_WIDTH_PX, "height": ROW_HEIGHT_PX * CHART_ROWS})
    sheet.insert_chart(
        CHARTS_TOP,
        BUDGET_CHART_COLUMN,
        chart,
        {"x_offset": 14, "y_offset": 0, "object_position": 1},
    )


def _figure_with_fallback(figure: Kpi | KeyFigure) -> str:
    """A key figure's live formula, wrapped to show the last refresh's figure where the
    worksheet functions can't run (figures that need no worksheet function stay as they are)."""
    fallback = kpi_fallback(figure.label)
    return figure.formula if fallback is None else with_fallback(figure.formula, fallback)
