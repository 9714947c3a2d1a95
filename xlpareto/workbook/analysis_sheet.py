"""The Analysis sheet: title, stamp, the ParetoTable, the summary area and the Pareto chart.

Works on any XlsxWriter workbook: the template builder and ``xlpareto report`` both call
:func:`add_analysis_sheet`. Every text cell is written with ``write_string`` so a client named
``=1+1`` or ``@SUM(A1)`` stays literal text.

Examples
--------
>>> import io, xlsxwriter, xlpareto
>>> book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
>>> sheet = add_analysis_sheet(book, xlpareto.analyze(["a", "b"], [3, 1]), stamp="now")
>>> sheet.name
'Analysis'
>>> book.close()
"""

from __future__ import annotations

from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from xlpareto import layout
from xlpareto.engine.analysis import Analysis
from xlpareto.workbook.blocks import (
    Block,
    analysis_blocks,
    analysis_table_formats,
    analysis_table_rows,
)
from xlpareto.workbook.bulk_rows import BULK_ROWS, DeferredBody, defer_rows
from xlpareto.workbook.cell_writer import write_cell
from xlpareto.workbook.chart import add_pareto_chart
from xlpareto.workbook.formats import Formats

TITLE = "Pareto analysis of the client list"
MAX_ROW = 1_048_575  # Excel's last row (zero-based)
COLUMN_WIDTHS = {
    "Rank": 6,
    "Client": 30,
    "Revenue": 14,
    "Share": 9,
    "Cumulative share": 11,
    "Tier": 6,
    "Gap to next tier": 14,
    "Budget": 12,
    "Prior tier": 9,
    "Movement": 10,
}
SUMMARY_WIDTHS = (34, 14, 2)  # label, value, gap before the chart


def write_block(sheet: Worksheet, block: Block, formats: Formats) -> None:
    """Write a summary-area block at its position."""
    top, left = block.top_left
    for r, (row, row_formats) in enumerate(zip(block.rows, block.formats, strict=True)):
        for c, (value, fmt) in enumerate(zip(row, row_formats, strict=True)):
            style = formats.bold if r < block.header_rows else formats.number(fmt)
            if r == 0 and c == 0:
                style = formats.subtitle
            write_cell(sheet, top + r, left + c, value, style)


def _write_table(
    workbook: xlsxwriter.Workbook, sheet: Worksheet, rows: list[list[Any]], formats: Formats
) -> tuple[int, int]:
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    column_formats = [formats.number(f) for f in analysis_table_formats()]
    bulk = len(rows) > BULK_ROWS
    written = rows[:1] if bulk else rows  # large bodies are spliced in after saving
    for c, fmt in enumerate(column_formats):
        for r, row in enumerate(written, start=top + 1):
            write_cell(sheet, r, left + c, row[c], fmt)
    if bulk:
        defer_rows(
            workbook,
            DeferredBody(sheet, layout.ANALYSIS_TABLE, top + 2, left, rows[1:], column_formats),
        )
    last_row = top + max(len(rows), 1)
    last_col = left + len(layout.ANALYSIS_COLUMNS) - 1
    sheet.add_table(
        top,
        left,
        top + max(len(written), 1),
        last_col,
        {
            "name": layout.ANALYSIS_TABLE,
            "style": "Table Style Medium 2",
            "columns": [
                {"header": name, "format": fmt}
                for name, fmt in zip(layout.ANALYSIS_COLUMNS, column_formats, strict=True)
            ],
        },
    )
    return last_row, last_col


def _tier_colours(sheet: Worksheet, analysis: Analysis, formats: Formats) -> None:
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    for name in ("Tier", "Prior tier"):
        col = left + layout.ANALYSIS_COLUMNS.index(name)
        for index, label in enumerate(analysis.rule.labels):
            sheet.conditional_format(  # down to the sheet's end: a refreshed table may grow
                top + 1,
                col,
                MAX_ROW,
                col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": '"' + str(label).replace('"', '""') + '"',
                    "format": formats.tier(index),
                },
            )


def add_analysis_sheet(
    workbook: xlsxwriter.Workbook,
    analysis: Analysis,
    *,
    stamp: str,
    refreshed: str | None = None,
    formats: Formats | None = None,
) -> Worksheet:
    """Add the Analysis sheet for ``analysis`` to an XlsxWriter workbook.

    Parameters
    ----------
    workbook : the workbook (ideally created with ``formats.WORKBOOK_OPTIONS``).
    analysis : the result of :func:`xlpareto.analyze`.
    stamp : text for the stamp cell under the title, e.g. ``"Created 2026-01-31 09:00 …"``.
    refreshed : time of the analysis for the summary's "Last refreshed" row (no row if None).
    formats : the workbook's shared :class:`Formats` (created if omitted).

    Returns
    -------
    The new worksheet (named ``layout.ANALYSIS_SHEET``).

    Notes
    -----
    A table of more than ``bulk_rows.BULK_ROWS`` clients has its body written in bulk when the
    workbook is closed (``workbook.close()`` as usual).
    """
    formats = formats or Formats(workbook)
    sheet = workbook.add_worksheet(layout.ANALYSIS_SHEET)
    sheet.write_string(layout.ANALYSIS_TITLE_CELL, TITLE, formats.title)
    sheet.write_string(layout.ANALYSIS_STAMP_CELL, stamp, formats.muted)
    rows = analysis_table_rows(analysis)
    _write_table(workbook, sheet, rows, formats)
    _tier_colours(sheet, analysis, formats)
    for name, width in COLUMN_WIDTHS.items():
        col = layout.ANALYSIS_TABLE_TOP_LEFT[1] + layout.ANALYSIS_COLUMNS.index(name)
        sheet.set_column(col, col, width)
    summary_col = layout.ANALYSIS_SUMMARY_TOP_LEFT[1]
    for offset, width in enumerate(SUMMARY_WIDTHS):
        sheet.set_column(summary_col + offset, summary_col + offset, width)
    blocks_col = layout.ANALYSIS_BLOCKS_TOP_LEFT[1]
    sheet.set_column(blocks_col, blocks_col + 5, 14)
    for block in analysis_blocks(analysis, refreshed):
        write_block(sheet, block, formats)
    add_pareto_chart(workbook, sheet, len(rows))
    sheet.freeze_panes(layout.ANALYSIS_TABLE_TOP_LEFT[0] + 1, 0)
    sheet.set_landscape()  # printed with the table header on every page
    sheet.repeat_rows(layout.ANALYSIS_TABLE_TOP_LEFT[0])
    return sheet


def table_range(rows: int) -> str:
    """A1 range of the ParetoTable (header included) for ``rows`` data rows."""
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    last_col = xl_col_to_name(left + len(layout.ANALYSIS_COLUMNS) - 1)
    return f"{xl_rowcol_to_cell(top, left)}:{last_col}{top + max(rows, 1) + 1}"
