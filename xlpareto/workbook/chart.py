"""XlsxWriter rendering of a :class:`~xlpareto.layout.sheets.ChartSpec` (the Pareto chart).

Excel's own "Pareto" chart type is a chartEx part that no Python writer supports, so the
chart is the classic combination: the first series' type (clustered columns) with the
other series (the cumulative-share line) combined on the secondary axis. Every series is
bound to its table column by header; :func:`series_references` gives those ranges.

Examples
--------
>>> series_references(200)["values"]
"='Analysis'!$C$5:$C$204"
"""

from __future__ import annotations

from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.sheets import (
    ChartSpec,
    SeriesSpec,
    TableSpec,
    column_range,
    header_cell,
    sheet_reference,
)

_PARETO = described.ANALYSIS.chart(described.CHART_NAME)
CATEGORY_COLUMN = _PARETO.categories
VALUE_COLUMN = _PARETO.series[0].column
LINE_COLUMN = _PARETO.series[1].column
COLUMN_COLOUR = _PARETO.series[0].colour
LINE_COLOUR = _PARETO.series[1].colour
#: Above this many rows the series values are written without cached points (XlsxWriter would
#: otherwise copy every value into the chart part; spreadsheet programs read the ranges).
CACHE_LIMIT = 10_000
ROW_HEIGHT_PX, COLUMN_WIDTH_PX = 20, 64  # Excel's default cell size, to size the chart


def chart_references(
    chart: ChartSpec, table: TableSpec, sheet: str, rows: int
) -> tuple[dict[str, str], str]:
    """Series column -> values reference, and the categories reference, for ``rows`` rows."""
    values = {
        series.column: sheet_reference(sheet, column_range(table, series.column, rows))
        for series in chart.series
    }
    return values, sheet_reference(sheet, column_range(table, chart.categories, rows))


def series_references(rows: int) -> dict[str, str]:
    """Formulas of the Pareto chart's ranges for a ParetoTable with ``rows`` data rows.

    Keys: ``categories`` (client names), ``values`` (revenue column series) and
    ``line_values`` (cumulative-share line series).
    """
    values, categories = chart_references(
        _PARETO, described.ANALYSIS.table, described.ANALYSIS.name, rows
    )
    return {
        "categories": categories,
        "values": values[VALUE_COLUMN],
        "line_values": values[LINE_COLUMN],
    }


def _series_options(
    series: SeriesSpec, table: TableSpec, sheet: str, refs: tuple[dict[str, str], str], rows: int
) -> dict[str, Any]:
    values, categories = refs
    options: dict[str, Any] = {
        "name": sheet_reference(sheet, header_cell(table, series.column)),
        "categories": categories,
        "values": values[series.column],
    }
    if series.chart_type == "column":
        options |= {"fill": {"color": series.colour}, "gap": 30}
    else:
        options |= {"line": {"color": series.colour, "width": 2.0}, "marker": {"type": "none"}}
    if series.secondary:
        options["y2_axis"] = True
    if rows > CACHE_LIMIT:
        options["values_data"] = []
    return options


def add_chart(
    workbook: xlsxwriter.Workbook,
    worksheet: Worksheet,
    chart: ChartSpec,
    table: TableSpec,
    rows: int,
) -> None:
    """Insert ``chart`` at its anchor, its series bound to ``table``'s ``rows`` data rows."""
    refs = chart_references(chart, table, worksheet.name, rows)
    primary_type = chart.series[0].chart_type
    main = workbook.add_chart({"type": primary_type, "name": chart.name})
    for series in chart.series:
        if series.chart_type == primary_type:
            main.add_series(_series_options(series, table, worksheet.name, refs, rows))
    others = [s for s in chart.series if s.chart_type != primary_type]
    combined = None
    if others:
        combined = workbook.add_chart({"type": others[0].chart_type})
        for series in others:
            combined.add_series(_series_options(series, table, worksheet.name, refs, rows))
        main.combine(combined)
    main.set_title({"name": chart.title})
    main.set_x_axis({"name": chart.x_title, "num_font": {"rotation": -45}})
    main.set_y_axis(
        {
            "name": chart.y_axis.title,
            "num_format": chart.y_axis.number_format,
            "major_gridlines": {"visible": True},
        }
    )
    if chart.y2_axis is not None and combined is not None:
        axis = chart.y2_axis
        options: dict[str, Any] = {"name": axis.title}
        if axis.minimum is not None:
            options["min"] = axis.minimum
        if axis.maximum is not None:
            options["max"] = axis.maximum
        combined.set_y2_axis(options | {"num_format": axis.number_format})
    main.set_legend({"position": "bottom"})
    main.set_size({"width": COLUMN_WIDTH_PX * chart.width, "height": ROW_HEIGHT_PX * chart.height})
    worksheet.insert_chart(chart.anchor, main, {"x_offset": 8, "y_offset": 0, "object_position": 1})
