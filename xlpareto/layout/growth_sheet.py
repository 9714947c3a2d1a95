"""The Growth sheet as data: the bridge, the returns table, their sentence and a waterfall.

Table ``GrowthBridge`` (SPEC section 7's bridge by prior tier) at A4 with room for
:data:`BRIDGE_ROWS` rows; ``GrowthReturns`` (section 8) under it; the returns sentence and
the retention figures under that; under them the waterfall's chart data (table
``GrowthSteps``: Start, Expansion, Contraction, Lost, New, End as a stacked column's
invisible base and its visible parts) and the chart right of its data. The sheet is as wide
as the bridge, so it prints one page wide.

Examples
--------
>>> GROWTH.table.name, GROWTH.table_named(RETURNS_TABLE).top_left
('GrowthBridge', (13, 0))
>>> GROWTH.table_named(STEPS_TABLE).top_left, GROWTH.chart(CHART_NAME).anchor
((25, 0), 'G26')
"""

from __future__ import annotations

from xlpareto.layout.book import GROWTH_SHEET
from xlpareto.layout.charts import AxisSpec, ChartSpec, SeriesSpec
from xlpareto.layout.formats import CURRENCY_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, TEXT_FORMAT
from xlpareto.layout.output_sheet import PrintSetup, SheetSpec
from xlpareto.layout.sheets import AreaSpec, BlockSpec, OutputColumn, TableSpec, below, right_of

BRIDGE_TABLE = "GrowthBridge"
RETURNS_TABLE = "GrowthReturns"
STEPS_TABLE = "GrowthSteps"
CHART_NAME = "GrowthChart"
TITLE = "Growth: where last period's change came from"
BRIDGE_ROWS = 8  # body rows reserved for the bridge (tiers + New clients + Total)
MONEY_WIDTH = 14  # one width for the money columns the tables share
RATIO_WIDTH = 20  # the returns' ratio columns (their headers are long)
RATIO_FORMAT_2 = "0.00"


def _money(header: str) -> OutputColumn:
    return OutputColumn(header, "number", CURRENCY_FORMAT, MONEY_WIDTH)


SEGMENT = OutputColumn("Segment", "text", TEXT_FORMAT, 30)
BRIDGE_COLUMNS = (
    SEGMENT,
    OutputColumn("Clients", "number", INTEGER_FORMAT, MONEY_WIDTH),
    *(
        _money(h)
        for h in ("Revenue before", "Expansion", "Contraction", "Lost", "New", "Revenue after")
    ),
    _money("Net change"),
    OutputColumn("NRR", "number", PERCENT_FORMAT, 9),
)
RETURNS_COLUMNS = (
    SEGMENT,
    _money("Spend"),
    _money("Revenue gained"),
    OutputColumn("Gained per 1.00 spent", "number", RATIO_FORMAT_2, RATIO_WIDTH),
    OutputColumn("Cost per 1.00 gained", "number", RATIO_FORMAT_2, RATIO_WIDTH),
    OutputColumn("Clients", "number", INTEGER_FORMAT, MONEY_WIDTH),
    _money("Spend per client"),
)
#: The waterfall's steps, in drawing order.
STEPS = ("Start", "Expansion", "Contraction", "Lost", "New", "End")
STEP, BASE, ENDS, INCREASE, DECREASE = "Step", "Base", "Start and end", "Increase", "Decrease"
STEPS_COLUMNS = (
    OutputColumn(STEP, "text", TEXT_FORMAT, SEGMENT.width),
    *(_money(h) for h in (BASE, ENDS)),
    *(OutputColumn(h, "number", CURRENCY_FORMAT, RATIO_WIDTH) for h in (INCREASE, DECREASE)),
)

SENTENCE = BlockSpec("sentence", "What the returns say", header_rows=1)
RETENTION = BlockSpec("retention", "Retention", header_rows=1)


def describe() -> SheetSpec:
    """The Growth sheet, every position derived from the bridge at A4."""
    bridge = TableSpec(BRIDGE_TABLE, BRIDGE_COLUMNS, (3, 0), rows=BRIDGE_ROWS)
    returns = TableSpec(RETURNS_TABLE, RETURNS_COLUMNS, below(bridge), rows=2)
    text = AreaSpec("text", below(returns), (), 7, bridge.width, (SENTENCE, RETENTION))
    steps = TableSpec(STEPS_TABLE, STEPS_COLUMNS, below(text), rows=len(STEPS))
    chart = ChartSpec(
        name=CHART_NAME,
        title="Revenue bridge: last period to this period",
        table=STEPS_TABLE,
        categories=STEP,
        series=(
            SeriesSpec(BASE, "column", "#FFFFFF", invisible=True),
            SeriesSpec(ENDS, "column", "#2E75B6"),
            SeriesSpec(INCREASE, "column", "#70AD47"),
            SeriesSpec(DECREASE, "column", "#C00000"),
        ),
        top_left=right_of(steps),
        size=(20, 9),
        x_title="",
        y_axis=AxisSpec("Revenue", "#,##0"),
        kind="stacked",
    )
    return SheetSpec(
        name=GROWTH_SHEET,
        title=TITLE,
        title_cell=(0, 0),
        stamp_cell=(1, 0),
        tables=(bridge, returns, steps),
        areas=(text,),
        charts=(chart,),
        print_setup=PrintSetup(landscape=True, repeat_table_header=False, one_page_wide=True),
    )


#: The Growth sheet every writer renders.
GROWTH = describe()
