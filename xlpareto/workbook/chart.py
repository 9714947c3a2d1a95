"""XlsxWriter rendering of any :class:`~xlpareto.layout.charts.ChartSpec`, by its kind.

- ``"combo"`` (the Pareto chart): Excel's own "Pareto" chart type is a chartEx part that no
  Python writer supports, so it is the classic combination: the first series' type
  (clustered columns) with the other series (the cumulative-share line and the dashed
  cutoff lines, each a constant helper column of the hidden ``ParetoCutoffs`` table: a
  native series every spreadsheet program draws and the refresh keeps bound by writing
  cells) combined on the secondary axis.
- ``"stacked"`` (the Growth waterfall): stacked columns whose first series is an invisible
  base (no fill, no border, left out of the legend): Excel's waterfall type is chartEx too.
- ``"scatter"`` (the whale curve): x-y lines without markers over a numeric x axis.
- ``"bar"`` (the funded prospects): horizontal bars, the first category on top.

Every series is bound to its table column by header (:func:`chart_references`).

Examples
--------
>>> series_references(200)["values"]
"='Analysis'!$C$5:$C$204"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import xlsxwriter
from xlsxwriter.chart import Chart
from xlsxwriter.worksheet import Worksheet

from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.charts import ChartSpec, SeriesSpec, label_interval, tier_point_colours
from xlpareto.layout.sheets import TableSpec, column_range, header_cell, sheet_reference

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
#: XlsxWriter chart type of each chart kind.
CHART_TYPES: dict[str, dict[str, str]] = {
    "combo": {},
    "stacked": {"type": "column", "subtype": "stacked"},
    "scatter": {"type": "scatter", "subtype": "straight"},
    "bar": {"type": "bar"},
}


class _Table(Protocol):
    """What the chart needs of a table's content: its description and its row count."""

    @property
    def spec(self) -> TableSpec: ...

    @property
    def length(self) -> int: ...

    @property
    def columns(self) -> list[list[Any]]: ...


def chart_references(
    chart: ChartSpec, table: TableSpec, sheet: str, rows: int
) -> tuple[dict[str, str], str]:
    """Series column -> values reference, and the categories reference, for ``rows`` rows
    of ``table`` (the series bound to the chart's own table)."""
    values = {
        series.column: sheet_reference(sheet, column_range(table, series.column, rows))
        for series in chart.series_for([table])
        if chart.source(series)[0] == table.name
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
    chart: ChartSpec, series: SeriesSpec, tables: Mapping[str, _Table], sheet: str
) -> dict[str, Any]:
    table_name, categories = chart.source(series)
    table = tables[table_name]
    spec, rows = table.spec, table.length
    # a helper table (the cutoff lines) has no categories: the chart's own table's
    category_source = table if categories in spec.headers else tables[chart.table]
    category_table = category_source.spec
    options: dict[str, Any] = {
        "name": sheet_reference(sheet, header_cell(spec, series.column)),
        "categories": sheet_reference(sheet, column_range(category_table, categories, rows)),
        "values": sheet_reference(sheet, column_range(spec, series.column, rows)),
    }
    if series.invisible:
        options |= {"fill": {"none": True}, "border": {"none": True}}
    elif series.chart_type in ("column", "bar"):
        options |= {"fill": {"color": series.colour}, "gap": 30 if chart.kind == "combo" else 60}
        if series.tier_column is not None and 0 < rows <= CACHE_LIMIT:
            tiers = table.columns[spec.headers.index(series.tier_column)]
            options["points"] = [
                {"fill": {"color": colour}, "border": {"none": True}}
                for colour in tier_point_colours(tiers)
            ]
    else:  # the whale curve is drawn a little bolder: it is the chart's whole message
        width = 2.75 if series.chart_type == "scatter" else 2.0
        line: dict[str, Any] = {"color": series.colour, "width": width}
        if series.dash is not None:
            line |= {"dash_type": series.dash, "width": 1.25}
        options |= {"line": line, "marker": {"type": "none"}}
    if series.secondary:
        options["y2_axis"] = True
    if rows > CACHE_LIMIT:
        options["values_data"] = []
        # the names' cache holds only the first (XlsxWriter would copy the whole column, 1 s
        # at 1,000,000 rows); one text keeps the categories a text reference
        names = category_source.columns[category_table.headers.index(categories)]
        options["categories_data"] = [str(names[0])] if names else []
    return options


def _value_axis(chart: ChartSpec) -> dict[str, Any]:
    axis = chart.y_axis
    options: dict[str, Any] = {
        "name": axis.title,
        "num_format": axis.number_format,
        "major_gridlines": {"visible": True},
    }
    if axis.minimum is not None:
        options["min"] = axis.minimum
    if axis.maximum is not None:
        options["max"] = axis.maximum
    return options


def _combo(
    workbook: xlsxwriter.Workbook, chart: ChartSpec, tables: Mapping[str, _Table], sheet: str
) -> Chart:
    primary_type = chart.series[0].chart_type
    main = workbook.add_chart({"type": primary_type, "name": chart.name})
    drawn = chart.series_for([table.spec for table in tables.values()])
    for series in drawn:
        if series.chart_type == primary_type:
            main.add_series(_series_options(chart, series, tables, sheet))
    others = [s for s in drawn if s.chart_type != primary_type]
    if others:
        combined = workbook.add_chart({"type": others[0].chart_type})
        for series in others:
            combined.add_series(_series_options(chart, series, tables, sheet))
        main.combine(combined)
        if chart.y2_axis is not None:
            axis = chart.y2_axis
            options: dict[str, Any] = {"name": axis.title, "num_format": axis.number_format}
            if axis.minimum is not None:
                options["min"] = axis.minimum
            if axis.maximum is not None:
                options["max"] = axis.maximum
            combined.set_y2_axis(options)
    rows = max((table.length for table in tables.values()), default=0)
    main.set_x_axis(
        {
            "name": chart.x_title,
            "num_font": {"rotation": -45},
            "interval_unit": label_interval(rows, chart.max_labels),
            "major_tick_mark": "none",
        }
    )
    # the plot uses most of the chart: room only for the title, the axis titles, the
    # slanted client labels and the legend
    main.set_plotarea({"layout": {"x": 0.12, "y": 0.25, "width": 0.76, "height": 0.42}})
    return main


def _single(
    workbook: xlsxwriter.Workbook, chart: ChartSpec, tables: Mapping[str, _Table], sheet: str
) -> Chart:
    main = workbook.add_chart(CHART_TYPES[chart.kind] | {"name": chart.name})
    for series in chart.series:
        main.add_series(_series_options(chart, series, tables, sheet))
    x_axis: dict[str, Any] = {"name": chart.x_title} if chart.x_title else {}
    if chart.kind == "scatter":
        x_axis |= {"min": 1, "major_gridlines": {"visible": False}}
    main.set_x_axis(x_axis)
    return main


def _axes(main: Chart, chart: ChartSpec) -> None:
    """The value axis; a bar chart's value axis is its horizontal one (XlsxWriter's x axis),
    its categories run top-down (the first, largest, on top)."""
    if chart.kind == "bar":
        main.set_x_axis(_value_axis(chart))
        main.set_y_axis({"reverse": True} | ({"name": chart.x_title} if chart.x_title else {}))
    else:
        main.set_y_axis(_value_axis(chart))


def _legend(chart: ChartSpec) -> dict[str, Any]:
    """At the bottom (the Pareto chart's at the top, clear of its slanted client labels),
    without invisible series; none for a single series."""
    if len(chart.series) == 1:
        return {"none": True}
    hidden = [i for i, series in enumerate(chart.series) if series.invisible]
    position = "top" if chart.kind == "combo" else "bottom"
    return {"position": position} | ({"delete_series": hidden} if hidden else {})


def add_chart(
    workbook: xlsxwriter.Workbook,
    worksheet: Worksheet,
    chart: ChartSpec,
    tables: Mapping[str, _Table],
    data_sheet: str | None = None,
) -> None:
    """Insert ``chart`` at its anchor, each series bound to its table's rows.

    Parameters
    ----------
    workbook, worksheet : where the chart goes.
    chart : its description.
    tables : table name -> its content (description and row count) on this sheet.
    data_sheet : the sheet with the tables, when not ``worksheet`` (the Dashboard's copy of
        the Pareto chart is bound to the Analysis sheet's ParetoTable).
    """
    build = _combo if chart.kind == "combo" else _single
    main = build(workbook, chart, tables, data_sheet or worksheet.name)
    main.set_title({"name": chart.title})
    if chart.reference_lines is not None:  # the helper cells are in hidden columns
        main.show_hidden_data()
    _axes(main, chart)
    main.set_legend(_legend(chart))
    main.set_size({"width": COLUMN_WIDTH_PX * chart.width, "height": ROW_HEIGHT_PX * chart.height})
    worksheet.insert_chart(chart.anchor, main, {"x_offset": 8, "y_offset": 0, "object_position": 1})
