"""The Pipeline sheet as data: the prospects' plan, its figures and the funded budgets.

Table ``PipelinePlan`` (SPEC section 10: Rank by Score, Prospect, Expected revenue, Fit,
Probability, Score, Budget, Note) at A4, growing down; right of it the figures (weighted
pipeline, prospects funded) and under them the chart data, table ``FundedProspects`` (the
funded rows' Prospect and Budget, in plan order); the bar chart of those budgets right of
the figures.

Examples
--------
>>> PIPELINE.table.name, PIPELINE.table_named(FUNDED_TABLE).top_left
('PipelinePlan', (13, 9))
>>> PIPELINE.chart(CHART_NAME).anchor
'M4'
"""

from __future__ import annotations

from xlpareto.layout.book import PIPELINE_SHEET
from xlpareto.layout.charts import AxisSpec, ChartSpec, SeriesSpec
from xlpareto.layout.formats import CURRENCY_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, TEXT_FORMAT
from xlpareto.layout.output_sheet import PrintSetup, SheetSpec
from xlpareto.layout.sheets import AreaSpec, BlockSpec, OutputColumn, TableSpec, below, right_of

PLAN_TABLE = "PipelinePlan"
FUNDED_TABLE = "FundedProspects"
CHART_NAME = "PipelineChart"
TITLE = "Pipeline: where the new-business money goes"

PLAN_COLUMNS = (
    OutputColumn("Rank", "number", INTEGER_FORMAT, 6),
    OutputColumn("Prospect", "text", TEXT_FORMAT, 30),
    OutputColumn("Expected revenue", "number", CURRENCY_FORMAT, 17),
    OutputColumn("Fit", "number", PERCENT_FORMAT, 8),
    OutputColumn("Probability", "number", PERCENT_FORMAT, 11),
    OutputColumn("Score", "number", CURRENCY_FORMAT, 12),
    OutputColumn("Budget", "number", CURRENCY_FORMAT, 12),
    OutputColumn("Note", "text", TEXT_FORMAT, 34),
)
FUNDED_COLUMNS = (
    OutputColumn("Prospect", "text", TEXT_FORMAT, 30),
    OutputColumn("Budget", "number", CURRENCY_FORMAT, 14),
)
FIGURES = BlockSpec("figures", "Pipeline", header_rows=1)


def describe() -> SheetSpec:
    """The Pipeline sheet, every position derived from the plan at A4."""
    plan = TableSpec(PLAN_TABLE, PLAN_COLUMNS, (3, 0), item="prospects")
    figures = AreaSpec("figures", right_of(plan), (30, 14, 2), 8, 3, (FIGURES,))
    funded = TableSpec(FUNDED_TABLE, FUNDED_COLUMNS, below(figures, gap=2), item="prospects")
    chart = ChartSpec(
        name=CHART_NAME,
        title="Budget of the funded prospects",
        table=FUNDED_TABLE,
        categories="Prospect",
        series=(SeriesSpec("Budget", "bar", "#2E75B6"),),
        top_left=right_of(figures, gap=0),
        size=(20, 9),
        x_title="",
        y_axis=AxisSpec("Budget", "#,##0"),
        kind="bar",
    )
    return SheetSpec(
        name=PIPELINE_SHEET,
        title=TITLE,
        title_cell=(0, 0),
        stamp_cell=(1, 0),
        tables=(plan, funded),
        areas=(figures,),
        charts=(chart,),
        print_setup=PrintSetup(landscape=True, repeat_table_header=True, one_page_wide=True),
    )


#: The Pipeline sheet every writer renders.
PIPELINE = describe()
