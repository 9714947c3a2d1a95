"""Keep an output sheet's charts bound to their tables after a table was resized.

A chart's series point at whole table columns (for the Pareto chart: Client for the
categories, Revenue for the columns, Cumulative share for the line; the whale curve's
Rank and Cumulative profit share; the funded prospects' Prospect and Budget). Excel follows
a table resize for series that span a whole table column, which is what the in-memory test
engine models. As a safeguard, on classic Excel for Windows the series are also pointed at
the new column ranges explicitly. The ranges are computed from the description (the table's
top-left and the number of rows), never read back from the sheet. xlwings has no portable
API for a series' ranges, so this one step uses the COM object (``Chart.api``) and is
skipped on every other host (macOS, xlwings Lite/Server, tests).

:func:`place_chart` moves a chart to its described anchor (the Analysis chart moves right
when the table gains Cost and Profit); it uses xlwings' portable ``left``/``top`` and runs
on classic desktop Excel only (the other hosts keep the chart where it is).
"""

from __future__ import annotations

import sys
from typing import Any

import xlwings as xw

from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.sheets import ChartSpec, TableSpec, column_range, sheet_reference

PARETO_CHART = described.ANALYSIS.chart(described.CHART_NAME)


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
        for series in chart.series
        if chart.source(series)[0] == table.name
    }
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
            series.XValues = categories
            done += 1
    return done


def rebind_chart(
    sheet: xw.Sheet,
    rows: int,
    table: TableSpec = described.ANALYSIS.table,
    chart: ChartSpec = PARETO_CHART,
) -> bool:
    """Rebind ``chart`` to ``rows`` rows of ``table`` on classic Excel for Windows; False
    where not needed or not possible."""
    if sys.platform != "win32" or sheet.book.app.engine.name != "excel":
        return False
    for candidate in sheet.charts:
        if candidate.name.lower() == chart.name.lower():
            values, categories = series_targets(sheet.name, rows, table, chart)
            return rebind_series(candidate.api[1], values, categories) > 0
    return False


def charts_on(chart_specs: tuple[ChartSpec, ...], table: TableSpec) -> list[ChartSpec]:
    """The charts with a series bound to ``table``."""
    return [c for c in chart_specs if any(c.source(s)[0] == table.name for s in c.series)]


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
