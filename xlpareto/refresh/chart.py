"""Keep the Pareto chart bound to the ParetoTable after the table was resized.

The chart's series point at whole table columns (Client for the categories, Revenue for the
columns, Cumulative share for the line). Excel follows a table resize for series that span a
whole table column, which is what the in-memory test engine models. As a safeguard, on
classic Excel for Windows the series are also pointed at the new column ranges explicitly.
xlwings has no portable API for a series' ranges, so this one step uses the COM object
(``Chart.api``) and is skipped on every other host (macOS, xlwings Lite/Server, tests).
"""

from __future__ import annotations

import sys
from typing import Any

import xlwings as xw

from xlpareto import layout
from xlpareto.workbook import chart as chart_layout


def series_targets(sheet: xw.Sheet, body: xw.Range) -> tuple[dict[str, str], str]:
    """Series name -> values reference, and the categories reference, for a table body.

    Examples
    --------
    ``({"Revenue": "='Analysis'!$C$5:$C$204", "Cumulative share": ...}, "='Analysis'!$B$5:…")``
    """

    def column(name: str) -> str:
        index = layout.ANALYSIS_COLUMNS.index(name)
        quoted = sheet.name.replace("'", "''")
        return f"='{quoted}'!{body[:, index].address}"

    values = {
        chart_layout.VALUE_COLUMN: column(chart_layout.VALUE_COLUMN),
        chart_layout.LINE_COLUMN: column(chart_layout.LINE_COLUMN),
    }
    return values, column(chart_layout.CATEGORY_COLUMN)


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


def rebind_chart(sheet: xw.Sheet, body: xw.Range) -> bool:
    """Rebind the Pareto chart on classic Excel for Windows; False where not needed/possible."""
    if sys.platform != "win32" or sheet.book.app.engine.name != "excel":
        return False
    for chart in sheet.charts:
        if chart.name.lower() == layout.CHART_NAME.lower():
            values, categories = series_targets(sheet, body)
            return rebind_series(chart.api[1], values, categories) > 0
    return False
