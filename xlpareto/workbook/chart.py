"""The native Pareto chart: revenue columns plus a cumulative-share line on a 0–100 % axis.

Excel's own "Pareto" chart type is a chartEx part that no Python writer supports, so the
chart is the classic combination (clustered columns + line on the secondary axis). Its
series point at the ParetoTable's column ranges; after the table is resized, rebind them
with :func:`series_references` (the refresh macro does).

Examples
--------
>>> series_references(200)["values"]
"='Analysis'!$C$5:$C$204"
"""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.utility import xl_range_abs
from xlsxwriter.worksheet import Worksheet

from xlpareto import layout

CATEGORY_COLUMN = layout.CLIENT_COLUMN
VALUE_COLUMN = layout.REVENUE_COLUMN
LINE_COLUMN = "Cumulative share"
COLUMN_COLOUR = "#2E75B6"
LINE_COLOUR = "#C00000"
WIDTH_PX = 64 * layout.ANALYSIS_CHART_SIZE[1]
HEIGHT_PX = 20 * layout.ANALYSIS_CHART_SIZE[0]
#: Above this many rows the series values are written without cached points (XlsxWriter would
#: otherwise copy every value into the chart part; spreadsheet programs read the ranges).
CACHE_LIMIT = 10_000


def _column_ref(column: str, rows: int) -> str:
    header_row, first_col = layout.ANALYSIS_TABLE_TOP_LEFT
    col = first_col + layout.ANALYSIS_COLUMNS.index(column)
    last = header_row + max(rows, 1)
    return f"='{layout.ANALYSIS_SHEET}'!{xl_range_abs(header_row + 1, col, last, col)}"


def series_references(rows: int) -> dict[str, str]:
    """Formulas of the chart's ranges for a ParetoTable with ``rows`` data rows.

    Keys: ``categories`` (client names), ``values`` (revenue column series) and
    ``line_values`` (cumulative-share line series).
    """
    return {
        "categories": _column_ref(CATEGORY_COLUMN, rows),
        "values": _column_ref(VALUE_COLUMN, rows),
        "line_values": _column_ref(LINE_COLUMN, rows),
    }


def _header_ref(column: str) -> str:
    header_row, first_col = layout.ANALYSIS_TABLE_TOP_LEFT
    col = first_col + layout.ANALYSIS_COLUMNS.index(column)
    return f"='{layout.ANALYSIS_SHEET}'!{xl_range_abs(header_row, col, header_row, col)}"


def add_pareto_chart(workbook: xlsxwriter.Workbook, worksheet: Worksheet, rows: int) -> None:
    """Insert the Pareto chart at ``layout.ANALYSIS_CHART_ANCHOR`` over ``rows`` table rows."""
    refs = series_references(rows)
    no_cache = {"values_data": []} if rows > CACHE_LIMIT else {}
    columns = workbook.add_chart({"type": "column", "name": layout.CHART_NAME})
    columns.add_series(
        {
            "name": _header_ref(VALUE_COLUMN),
            "categories": refs["categories"],
            "values": refs["values"],
            "fill": {"color": COLUMN_COLOUR},
            "gap": 30,
            **no_cache,
        }
    )
    line = workbook.add_chart({"type": "line"})
    line.add_series(
        {
            "name": _header_ref(LINE_COLUMN),
            "categories": refs["categories"],
            "values": refs["line_values"],
            "y2_axis": True,
            "line": {"color": LINE_COLOUR, "width": 2.0},
            "marker": {"type": "none"},
            **no_cache,
        }
    )
    columns.combine(line)
    columns.set_title({"name": "Pareto chart"})
    columns.set_x_axis({"name": "Clients by rank", "num_font": {"rotation": -45}})
    columns.set_y_axis(
        {"name": "Revenue", "num_format": "#,##0", "major_gridlines": {"visible": True}}
    )
    line.set_y2_axis({"name": "Cumulative share", "min": 0, "max": 1, "num_format": "0%"})
    columns.set_legend({"position": "bottom"})
    columns.set_size({"width": WIDTH_PX, "height": HEIGHT_PX})
    worksheet.insert_chart(
        layout.ANALYSIS_CHART_ANCHOR,
        columns,
        {"x_offset": 8, "y_offset": 0, "object_position": 1},
    )
