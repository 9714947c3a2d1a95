"""The Analysis sheet's print area: the table with its summary, then the chart with the
blocks under it, over the rows they take (never the Dashboard's fallback figures)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import xlpareto
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.analysis_content import analysis_content
from xlpareto.layout.content import print_ranges


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(1, 1e6), min_size=1, max_size=80), st.booleans())
def test_the_print_area_covers_the_table_and_the_chart_page(
    revenues: list[float], prior: bool
) -> None:
    names = [f"c{i}" for i in range(len(revenues))]
    before = [r * 0.9 for r in revenues] if prior else None
    content = analysis_content(xlpareto.analyze(names, revenues, before, budget=1000), "now")
    spec = content.spec
    table, chart = spec.table, spec.chart(described.CHART_NAME)
    (top, left, bottom, right), (chart_top, chart_left, chart_bottom, _) = print_ranges(content)
    summary = next(b for b in content.blocks if b.name == "summary")
    assert (top, left) == (0, 0)
    assert bottom == max(
        table.top_left[0] + len(revenues), summary.top_left[0] + summary.height - 1
    )
    assert right == summary.top_left[1] + summary.width - 1  # the summary, not the gap column
    assert (chart_top, chart_left) == chart.top_left
    under = [b for b in content.blocks if b.name in ("budget", "migration")]
    assert chart_bottom == max(
        [chart.top_left[0] + chart.height - 1] + [b.top_left[0] + b.height - 1 for b in under]
    )
    figures = spec.area("dashboard").top_left[0]
    assert chart_bottom < figures  # the Dashboard's fallback figures are not printed
