"""Keep an output sheet's charts bound to their tables after a table was resized.

A chart's series point at whole table columns (for the Pareto chart: Client for the
categories, Revenue for the columns, Cumulative share for the line, and each column of the
hidden ParetoCutoffs table for a dashed cutoff line, named by its header, "80 %"; the whale
curve's Rank and Cumulative profit share; the funded prospects' Prospect and Budget). The
cutoff lines follow the rule by cells alone: the refresh writes the helper table (values
and headers), so every host redraws them without touching the chart. Excel follows
a table resize for series that span a whole table column, which is what the in-memory test
engine models. As a safeguard, on classic Excel for Windows the series are also pointed at
the new column ranges explicitly. The ranges are computed from the description (the table's
top-left and the number of rows), never read back from the sheet. xlwings has no portable
API for a series' ranges, so this one step uses the COM object (``Chart.api``) and is
skipped on every other host (macOS, xlwings Lite/Server, tests).

:func:`style_chart` gives the bars their tier colours (:func:`~xlpareto.layout.charts.
tier_point_colours`) and shows every k-th client label (:func:`~xlpareto.layout.charts.
label_interval`), the same description the XlsxWriter chart follows. xlwings' chart API has
no per-point format nor a tick-label spacing, so this is COM (``Series.Points(i)``,
``Axis.TickLabelSpacing``) on classic Excel for Windows; elsewhere the chart keeps the
template's colours and spacing.

:func:`place_chart` moves a chart to its described anchor (the Analysis chart moves right
when the table gains Cost and Profit); it uses xlwings' portable ``left``/``top`` and runs
on classic desktop Excel only (the other hosts keep the chart where it is).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import xlwings as xw

from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.charts import ChartSpec, label_interval, tier_point_colours
from xlpareto.layout.sheets import TableSpec, column_range, sheet_reference

PARETO_CHART = described.ANALYSIS.chart(described.CHART_NAME)
#: Most bars coloured one by one (a COM call each); a longer table keeps one bar colour
#: (as the XlsxWriter chart past its cache limit).
POINT_COLOUR_LIMIT = 10_000
XL_CATEGORY = 1  # Excel's XlAxisType.xlCategory


def series_targets(
    sheet_name: str,
    rows: int,
    table: TableSpec = described.ANALYSIS.table,
    chart: ChartSpec = PARETO_CHART,
) -> tuple[dict[str, str], str]:
    """Series name -> values reference, and the categories reference, for ``rows`` rows.

    Examples
    --------
    >>> values, categories = series_targets("Analysis", 200)
    >>> values["Revenue"], categories
    ("='Analysis'!$C$5:$C$204", "='Analysis'!$B$5:$B$204")
    """
    values = {
        series.column: sheet_reference(sheet_name, column_range(table, series.column, rows))
        for series in chart.series_for([table])
        if chart.source(series)[0] == table.name
    }
    if chart.categories not in table.headers:  # the helper table: categories unchanged
        return values, ""
    return values, sheet_reference(sheet_name, column_range(table, chart.categories, rows))


def rebind_series(xl_chart: Any, values: dict[str, str], categories: str) -> int:
    """Point the series of a COM ``Chart`` at ``values`` (by series name); returns how many."""
    collection = xl_chart.SeriesCollection()
    done = 0
    for index in range(1, collection.Count + 1):
        series = xl_chart.SeriesCollection(index)
        target = values.get(series.Name)
        if target is not None:
            series.Values = target
            if categories:
                series.XValues = categories
            done += 1
    return done


def _bgr(colour: str) -> int:
    """A ``#RRGGBB`` colour as the integer COM's ``RGB`` properties take (``0xBBGGRR``)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return red | green << 8 | blue << 16


def style_series(xl_chart: Any, chart: ChartSpec, tiers: Sequence[object]) -> int:
    """Colour the bars of a COM ``Chart`` by tier and thin its category labels; returns how
    many bars were coloured one by one.

    The series takes the commonest colour first (which also resets the points a longer
    table coloured before), then each bar of another colour gets its own.
    """
    rows = len(tiers)
    xl_chart.Axes(XL_CATEGORY).TickLabelSpacing = label_interval(rows, chart.max_labels)
    bars = next((s for s in chart.series if s.tier_column is not None), None)
    if bars is None or not 0 < rows <= POINT_COLOUR_LIMIT:
        return 0
    collection = xl_chart.SeriesCollection()
    for index in range(1, collection.Count + 1):
        series = xl_chart.SeriesCollection(index)
        if series.Name != bars.column:
            continue
        colours = tier_point_colours(tiers)
        common = max(set(colours), key=colours.count)
        series.Format.Fill.ForeColor.RGB = _bgr(common)
        done = 0
        for point, colour in enumerate(colours, start=1):
            if colour != common:
                series.Points(point).Format.Fill.ForeColor.RGB = _bgr(colour)
                done += 1
        return done
    return 0


def _classic_windows(sheet: xw.Sheet) -> bool:
    return sys.platform == "win32" and sheet.book.app.engine.name == "excel"


def style_chart(sheet: xw.Sheet, chart: ChartSpec, tiers: Sequence[object]) -> bool:
    """Tier colours and label spacing for ``chart`` (:func:`style_series`) on classic Excel
    for Windows; False where not possible (the chart keeps the template's)."""
    if not _classic_windows(sheet):
        return False
    for candidate in sheet.charts:
        if candidate.name.lower() == chart.name.lower():
            style_series(candidate.api[1], chart, tiers)
            return True
    return False


def rebind_chart(
    sheet: xw.Sheet,
    rows: int,
    table: TableSpec = described.ANALYSIS.table,
    chart: ChartSpec = PARETO_CHART,
) -> bool:
    """Rebind ``chart`` to ``rows`` rows of ``table`` on classic Excel for Windows; False
    where not needed or not possible."""
    if not _classic_windows(sheet):
        return False
    for candidate in sheet.charts:
        if candidate.name.lower() == chart.name.lower():
            values, categories = series_targets(sheet.name, rows, table, chart)
            return rebind_series(candidate.api[1], values, categories) > 0
    return False


def charts_on(chart_specs: tuple[ChartSpec, ...], table: TableSpec) -> list[ChartSpec]:
    """The charts with a series (or their reference lines) bound to ``table``."""
    return [c for c in chart_specs if c.binds(table.name)]


def place_chart(sheet: xw.Sheet, chart: ChartSpec, x_offset: float = 6.0) -> bool:
    """Move ``chart`` to its described anchor on classic desktop Excel; False elsewhere or
    when the sheet has no such chart."""
    if sheet.book.app.engine.name != "excel":
        return False
    for candidate in sheet.charts:
        if candidate.name.lower() == chart.name.lower():
            anchor = sheet.range((chart.top_left[0] + 1, chart.top_left[1] + 1))
            candidate.left = anchor.left + x_offset
            candidate.top = anchor.top
            return True
    return False
