"""The Profit sheet as data: the whale table, its figures, the A loss makers, the curve.

Table ``WhaleTable`` (SPEC section 9) at A4, growing down; right of it an area with the
figures (peak, loss makers, total profit) and the list "A clients that lose money"; the
whale-curve chart (cumulative profit share by client rank, with the 100 % line) right of
the area, and under the chart the two points of the 100 % line (table ``WhaleLine``).

Examples
--------
>>> PROFIT.table.name, PROFIT.area("figures").top_left, PROFIT.chart(CHART_NAME).anchor
('WhaleTable', (3, 8), 'M4')
"""

from __future__ import annotations

from xlpareto.layout.book import PROFIT_SHEET
from xlpareto.layout.charts import AxisSpec, ChartSpec, SeriesSpec
from xlpareto.layout.formats import CURRENCY_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, TEXT_FORMAT
from xlpareto.layout.output_sheet import PrintSetup, SheetSpec
from xlpareto.layout.sheets import AreaSpec, BlockSpec, OutputColumn, TableSpec, below, right_of

WHALE_TABLE = "WhaleTable"
LINE_TABLE = "WhaleLine"
CHART_NAME = "WhaleChart"
TITLE = "Profit: which clients earn the money"
SHARE_COLUMN = "Cumulative profit share"
LINE_COLUMN = "100 % of profit"
#: Rows of "A clients that lose money" listed (the rest are counted in one more row).
A_LOSS_ROWS = 40

WHALE_COLUMNS = (
    OutputColumn("Rank", "number", INTEGER_FORMAT, 6),
    OutputColumn("Client", "text", TEXT_FORMAT, 30),
    OutputColumn("Revenue", "number", CURRENCY_FORMAT, 14),
    OutputColumn("Cost", "number", CURRENCY_FORMAT, 12),
    OutputColumn("Profit", "number", CURRENCY_FORMAT, 12, negative_colour=True),
    OutputColumn(SHARE_COLUMN, "number", PERCENT_FORMAT, 22),
    OutputColumn("Class", "text", TEXT_FORMAT, 13),
)
LINE_COLUMNS = (
    OutputColumn("Rank", "number", INTEGER_FORMAT, 9),
    OutputColumn(LINE_COLUMN, "number", PERCENT_FORMAT, 14),
)

FIGURES = BlockSpec("figures", "Profit", header_rows=1)
A_LOSS_MAKERS = BlockSpec(
    "a_loss_makers",
    "A clients that lose money",
    header_rows=2,
    column_formats=(("Client", None), ("Revenue", CURRENCY_FORMAT), ("Profit", CURRENCY_FORMAT)),
)


def describe() -> SheetSpec:
    """The Profit sheet, every position derived from the whale table at A4."""
    whale = TableSpec(WHALE_TABLE, WHALE_COLUMNS, (3, 0))
    figures = AreaSpec(
        "figures", right_of(whale), (30, 14, 14, 2), A_LOSS_ROWS + 12, 4, (FIGURES, A_LOSS_MAKERS)
    )
    chart = ChartSpec(
        name=CHART_NAME,
        title="Whale curve: cumulative share of profit",
        table=WHALE_TABLE,
        categories="Rank",
        series=(
            SeriesSpec(SHARE_COLUMN, "scatter", "#2E75B6"),
            SeriesSpec(LINE_COLUMN, "scatter", "#ED7D31", table=LINE_TABLE, categories="Rank"),
        ),
        top_left=right_of(figures, gap=0),
        size=(20, 9),
        x_title="Clients by profit rank",
        y_axis=AxisSpec("Cumulative profit share", "0%", 0),
        kind="scatter",
    )
    line = TableSpec(LINE_TABLE, LINE_COLUMNS, below(chart), rows=2)
    return SheetSpec(
        name=PROFIT_SHEET,
        title=TITLE,
        title_cell=(0, 0),
        stamp_cell=(1, 0),
        tables=(whale, line),
        areas=(figures,),
        charts=(chart,),
        print_setup=PrintSetup(landscape=True, repeat_table_header=True, one_page_wide=True),
    )


#: The Profit sheet every writer renders.
PROFIT = describe()
