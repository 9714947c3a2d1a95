"""The Analysis sheet as data: the ParetoTable, the summary, the Pareto chart, two blocks.

The engine names the table's columns (:mod:`xlpareto.engine.columns`); this description
gives each its kind, number format, width and tier colouring. Positions are derived from
what comes before: the summary one blank column right of the table, the chart right of
the summary (its columns and a narrow gap column), the budget table and the migration
matrix under the chart, one blank row apart. :func:`describe` builds the description for
any column list, which is how a test shows that a wider table moves everything right.

Examples
--------
>>> ANALYSIS.area("summary").top_left, ANALYSIS.chart(CHART_NAME).anchor
((3, 11), 'O4')
>>> ANALYSIS.area("blocks").top_left
(24, 14)
"""

from __future__ import annotations

import dataclasses

from xlpareto.engine.columns import ANALYSIS_COLUMNS as ENGINE_COLUMNS
from xlpareto.engine.columns import PROFIT_COLUMNS as ENGINE_PROFIT_COLUMNS
from xlpareto.engine.tiers import DEFAULT_CUTOFFS
from xlpareto.layout.book import ANALYSIS_SHEET
from xlpareto.layout.charts import AxisSpec, ChartSpec, SeriesSpec
from xlpareto.layout.formats import (
    CURRENCY_FORMAT,
    INTEGER_FORMAT,
    PERCENT_FORMAT,
    RANK_FORMAT,
    RATIO_FORMAT,
    TEXT_FORMAT,
)
from xlpareto.layout.output_sheet import PrintSetup, SheetSpec
from xlpareto.layout.sheets import (
    AreaSpec,
    BlockSpec,
    OutputColumn,
    TableSpec,
    below,
    cell_name,
    right_of,
)

TABLE_NAME = "ParetoTable"
CHART_NAME = "ParetoChart"
#: the Pareto chart's helper cells: one constant column per tier cutoff (hidden)
CUTOFF_TABLE_NAME = "ParetoCutoffs"
CUTOFF_LINE_COLOUR = "#595959"
TITLE = "Pareto analysis of the client list"
TABLE_TOP_LEFT = (3, 0)  # header row on row 4, column A; rows 1-2 hold the title and stamp

#: Kind, number format, width and highlight ("tiers": tier colours, "negative": the loss
#: colour on numbers below 0) of each column the engine may return.
COLUMN_STYLES: dict[str, tuple[str, str, float, str]] = {
    "Rank": ("number", RANK_FORMAT, 6, ""),
    "Client": ("text", TEXT_FORMAT, 30, ""),
    "Revenue": ("number", CURRENCY_FORMAT, 14, ""),
    "Share": ("number", PERCENT_FORMAT, 9, ""),
    "Cumulative share": ("number", PERCENT_FORMAT, 16, ""),  # the header fits
    "Tier": ("text", TEXT_FORMAT, 6, "tiers"),
    "Gap to next tier": ("number", CURRENCY_FORMAT, 14, ""),
    "Budget": ("number", CURRENCY_FORMAT, 12, ""),
    "Prior tier": ("text", TEXT_FORMAT, 9, "tiers"),
    "Movement": ("text", TEXT_FORMAT, 10, ""),
    "Cost": ("number", CURRENCY_FORMAT, 12, ""),
    "Profit": ("number", CURRENCY_FORMAT, 12, "negative"),
}


def output_column(header: str) -> OutputColumn:
    """The ParetoTable column for an engine column name (its style from COLUMN_STYLES)."""
    kind, number_format, width, highlight = COLUMN_STYLES[header]
    return OutputColumn(
        header,
        kind,  # type: ignore[arg-type]
        number_format,
        width,
        tier_colours=highlight == "tiers",
        negative_colour=highlight == "negative",
    )


COLUMNS = tuple(output_column(name) for name in ENGINE_COLUMNS)

SUMMARY = BlockSpec("summary", "Summary", header_rows=1)
BUDGET = BlockSpec(
    "budget",
    "Budget split",
    header_rows=2,
    column_formats=(
        ("Segment", None),
        ("Clients", INTEGER_FORMAT),
        ("Revenue share", PERCENT_FORMAT),
        ("Budget share", PERCENT_FORMAT),
        ("Budget", CURRENCY_FORMAT),
        ("Budget per client", CURRENCY_FORMAT),
    ),
)
MIGRATION = BlockSpec(
    "migration",
    "Tier migration (clients)",
    header_rows=2,
    default_format=INTEGER_FORMAT,
    label_column=True,
)

# --- the Dashboard's figures, for hosts where the worksheet functions can't run (Mac) --------
#: most tiers the fixed slots make room for (the workbook's Settings give three)
MAX_TIERS = 10
#: the Dashboard's key figures that come from worksheet functions: (label, metric, format)
DASHBOARD_KPIS = (
    ("Top 20 % of clients' share", "top_20_share", PERCENT_FORMAT),
    ("Pareto ratio (x of clients bring 1 - x)", "pareto_ratio", PERCENT_FORMAT),
    ("Gini coefficient", "gini", RATIO_FORMAT),
    ("HHI (0-1)", "hhi", RATIO_FORMAT),
    ("Net revenue retention (NRR)", "nrr", PERCENT_FORMAT),
    ("Gross revenue retention (GRR)", "grr", PERCENT_FORMAT),
    ("Whale peak (top clients' share of profit)", "whale_peak", PERCENT_FORMAT),
    ("Loss makers (cost more than they bring)", "loss_makers", INTEGER_FORMAT),
    ("Weighted pipeline (expected x probability)", "weighted_pipeline", CURRENCY_FORMAT),
    ("Prospects funded (fit at least MinFit)", "prospects_funded", INTEGER_FORMAT),
)
#: what a key figure shows when the data has no input for it (never a false 0)
MISSING_FIGURE = {
    "nrr": "no prior period",
    "grr": "no prior period",
    "whale_peak": "no costs",
    "loss_makers": "no costs",
    "weighted_pipeline": "no prospects",
    "prospects_funded": "no prospects",
}
FIGURES_KPIS = BlockSpec(
    "dashboard_kpis",
    "Dashboard figures of this refresh (shown there where worksheet functions can't run)",
    header_rows=1,
    reserved_rows=1 + len(DASHBOARD_KPIS),
)
FIGURES_SUMMARY = BlockSpec(
    "dashboard_summary",
    "Tiers",
    header_rows=2,
    column_formats=(
        ("Tier", None),
        ("Clients", INTEGER_FORMAT),
        ("% of clients", PERCENT_FORMAT),
        ("Revenue", CURRENCY_FORMAT),
        ("% of revenue", PERCENT_FORMAT),
        ("Min revenue", CURRENCY_FORMAT),
        ("Max revenue", CURRENCY_FORMAT),
    ),
    reserved_rows=2 + MAX_TIERS + 1,  # title, header, tiers, Total
)
FIGURES_BUDGET = dataclasses.replace(
    BUDGET,
    name="dashboard_budget",
    reserved_rows=2 + MAX_TIERS + 2,  # + New business, Total
)
FIGURES_MIGRATION = dataclasses.replace(
    MIGRATION,
    name="dashboard_migration",
    reserved_rows=2 + MAX_TIERS + 1,  # + New
)
FIGURE_BLOCKS = (FIGURES_KPIS, FIGURES_SUMMARY, FIGURES_BUDGET, FIGURES_MIGRATION)

SUMMARY_WIDTHS = (34, 14)  # label, value
GAP_WIDTH = 2  # the narrow column between the summary and the chart
RESERVED_ROWS = 40  # rows each block area owns (cleared by the refresh)
#: budget table, migration matrix and the Dashboard figures (7 columns: the tier summary);
#: the first holds the labels (the longest key figure label fits)
BLOCK_WIDTHS = (42,) + (17,) * 7
BLOCK_COLUMNS = 8  # columns the blocks under the chart own (room for more tiers)
CHART_SIZE = (20, 9)  # (rows, columns) the chart covers


def percent_label(share: float, digits: int = 2) -> str:
    """A cutoff's name in the chart's legend: ``0.8`` → ``"80 %"``, ``0.955`` → ``"95.5 %"``
    (at most ``digits`` decimals).

    Examples
    --------
    >>> percent_label(0.8), percent_label(0.955), percent_label(1 / 3), percent_label(0.8202, 1)
    ('80 %', '95.5 %', '33.33 %', '82 %')
    """
    return f"{round(share * 100, digits):g} %"


def cutoff_column(header: str) -> OutputColumn:
    """One cutoff line's helper column (its header names the line in the legend)."""
    return OutputColumn(header, "number", PERCENT_FORMAT, 9)


def cutoff_table(headers: tuple[str, ...], top_left: tuple[int, int]) -> TableSpec:
    """The helper table of the cutoff lines: a column per cutoff, hidden (room for as many
    cutoffs as the most tiers)."""
    columns = tuple(cutoff_column(header) for header in headers)
    return TableSpec(
        CUTOFF_TABLE_NAME, columns, top_left, style="Table Style Light 1", hidden_columns=MAX_TIERS
    )


#: the cutoff lines' headers of the default rule (the template's chart is built with them)
DEFAULT_CUTOFF_HEADERS = tuple(percent_label(cutoff) for cutoff in DEFAULT_CUTOFFS)


def describe(
    columns: tuple[OutputColumn, ...] = COLUMNS,
    figures_at: tuple[int, int] | None = None,
    cutoffs_at: tuple[int, int] | None = None,
) -> SheetSpec:
    """The Analysis sheet for a ParetoTable with ``columns``, every position derived.

    Parameters
    ----------
    columns : the table's columns (default: the engine's, styled by COLUMN_STYLES).
    figures_at : where the Dashboard's figures go (default: under the blocks). The
        Dashboard's formulas point at them, so every variant of the sheet keeps them in
        one place: under the blocks of the widest variant.
    cutoffs_at : where the cutoff lines' helper table goes (default: one blank column
        right of the chart); every variant keeps it right of the widest variant's chart (a
        table the refresh finds stays where it is).

    Returns
    -------
    SheetSpec : table at A4, summary one blank column right of it, chart right of the
        summary and its gap column, blocks under the chart one blank row apart; printed:
        the table and the summary, one page wide.
    """
    table = TableSpec(TABLE_NAME, columns, TABLE_TOP_LEFT)
    summary = AreaSpec(
        "summary",
        right_of(table, gap=1),
        (*SUMMARY_WIDTHS, GAP_WIDTH),
        RESERVED_ROWS,
        len(SUMMARY_WIDTHS) + 1,  # the gap column belongs to the summary area
        (SUMMARY,),
    )
    chart = ChartSpec(
        name=CHART_NAME,
        title="Pareto chart",
        table=TABLE_NAME,
        categories="Client",
        series=(
            SeriesSpec("Revenue", "column", "#2E75B6", tier_column="Tier"),
            SeriesSpec("Cumulative share", "line", "#C00000", secondary=True),
        ),
        top_left=right_of(summary, gap=0),
        size=CHART_SIZE,
        x_title="Clients by rank",
        y_axis=AxisSpec("Revenue", "#,##0"),
        y2_axis=AxisSpec("Cumulative share", "0%", 0, 1),
        reference_lines=SeriesSpec(
            "", "line", CUTOFF_LINE_COLOUR, secondary=True, table=CUTOFF_TABLE_NAME, dash="dash"
        ),
    )
    cutoffs = cutoff_table(DEFAULT_CUTOFF_HEADERS, cutoffs_at or right_of(chart, gap=1))
    blocks = AreaSpec(
        "blocks",
        below(chart, gap=1),
        BLOCK_WIDTHS,
        RESERVED_ROWS,
        BLOCK_COLUMNS,
        (BUDGET, MIGRATION),
    )
    figures = AreaSpec(
        "dashboard",
        figures_at or below(blocks, gap=1),
        BLOCK_WIDTHS,
        sum(block.reserved_rows + 1 for block in FIGURE_BLOCKS),  # type: ignore[operator]
        BLOCK_COLUMNS,
        FIGURE_BLOCKS,
        printed=False,  # for the Dashboard's formulas, not for reading
    )
    chart_left = chart.top_left[1]
    return SheetSpec(
        name=ANALYSIS_SHEET,
        title=TITLE,
        title_cell=(0, 0),
        stamp_cell=(1, 0),
        tables=(table, cutoffs),
        areas=(summary, blocks, figures),
        charts=(chart,),
        print_setup=PrintSetup(
            landscape=True,
            repeat_table_header=True,
            freeze_table_header=True,
            one_page_wide=True,
            columns=(  # the table with its summary (not the gap column), then the chart
                (0, summary.top_left[1] + len(SUMMARY_WIDTHS) - 1),  # with the budget split
                (chart_left, chart_left + len(BUDGET.column_formats) - 1),  # under it
            ),
        ),
    )


#: The Analysis sheet when the analysis has costs: Cost and Profit at the table's end.
ANALYSIS_WITH_PROFIT = describe(
    COLUMNS + tuple(output_column(name) for name in ENGINE_PROFIT_COLUMNS)
)
#: The Analysis sheet every writer renders (without costs); its Dashboard figures and the
#: cutoff lines' helper table sit where the wider variant has them, so the Dashboard finds
#: them in both.
ANALYSIS = describe(
    figures_at=ANALYSIS_WITH_PROFIT.area("dashboard").top_left,
    cutoffs_at=ANALYSIS_WITH_PROFIT.table_named(CUTOFF_TABLE_NAME).top_left,
)


#: The columns that only mean something with a prior period.
PRIOR_COLUMNS = ("Prior tier", "Movement")


def _without_prior(spec: SheetSpec) -> SheetSpec:
    """``spec`` without Prior tier and Movement (no prior revenue), figures where they were."""
    columns = tuple(c for c in spec.table.columns if c.header not in PRIOR_COLUMNS)
    cutoffs_at = spec.table_named(CUTOFF_TABLE_NAME).top_left
    return describe(columns, figures_at=spec.area("dashboard").top_left, cutoffs_at=cutoffs_at)


#: The two layouts without a prior period: Prior tier and Movement left out.
ANALYSIS_NO_PRIOR = _without_prior(ANALYSIS)
ANALYSIS_WITH_PROFIT_NO_PRIOR = _without_prior(ANALYSIS_WITH_PROFIT)

#: Every layout of the Analysis sheet (the refresh clears the areas of each).
VARIANTS = (ANALYSIS, ANALYSIS_WITH_PROFIT, ANALYSIS_NO_PRIOR, ANALYSIS_WITH_PROFIT_NO_PRIOR)


def describe_for(headers: object, has_prior: bool | None = None) -> SheetSpec:
    """The Analysis description for a table with these engine ``headers`` (a DataFrame's
    columns, or a written table's header row): with Cost and Profit when the analysis has
    them, without Prior tier and Movement when it has no prior period (``has_prior``;
    default: whether the headers name a prior tier).

    Examples
    --------
    >>> describe_for(ANALYSIS_COLUMNS, has_prior=False).table.headers[-1]
    'Budget'
    """
    names = list(headers)
    profit = ENGINE_PROFIT_COLUMNS[-1] in names
    prior = PRIOR_COLUMNS[0] in names if has_prior is None else has_prior
    if prior:
        return ANALYSIS_WITH_PROFIT if profit else ANALYSIS
    return ANALYSIS_WITH_PROFIT_NO_PRIOR if profit else ANALYSIS_NO_PRIOR


# --- flat views of the description (the short names most code and the tests use) ----------
_SUMMARY_AREA = ANALYSIS.area("summary")
_BLOCKS_AREA = ANALYSIS.area("blocks")
_CHART = ANALYSIS.chart(CHART_NAME)

ANALYSIS_TABLE = ANALYSIS.table.name
ANALYSIS_COLUMNS = ANALYSIS.table.headers  # Rank … Movement, as the engine names them
ANALYSIS_STAMP_CELL = cell_name(*ANALYSIS.stamp_cell)  # "Last refreshed ..." text
ANALYSIS_TABLE_TOP_LEFT = ANALYSIS.table.top_left
ANALYSIS_SUMMARY_TOP_LEFT = _SUMMARY_AREA.top_left
ANALYSIS_SUMMARY_ROWS = _SUMMARY_AREA.rows
ANALYSIS_CHART_SIZE = _CHART.size
ANALYSIS_BLOCKS_TOP_LEFT = _BLOCKS_AREA.top_left
#: the area with the Dashboard's figures (fixed slots; see :func:`dashboard_figure`)
DASHBOARD_FIGURES = ANALYSIS.area("dashboard")


def dashboard_figure(block: str, spec: SheetSpec = ANALYSIS) -> tuple[int, int]:
    """Zero-based position of the first cell under a figures block's title: the KPI
    values' first label, or a table's header row."""
    row, col = spec.area("dashboard").block_top_left(block)
    return row + 1, col


#: columns right of the table that hold the summary area (summary, chart, blocks)
ANALYSIS_AREA_COLUMNS = _SUMMARY_AREA.columns + _CHART.width
