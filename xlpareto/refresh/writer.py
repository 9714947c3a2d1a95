"""Write an analysis to the ``Analysis`` sheet through xlwings – and only to that sheet.

The cell contents come from :mod:`xlpareto.workbook.blocks`, the same pure functions the
template builder and ``xlpareto report`` use, so every surface shows the same cells.

Text is written as literal text. A Python string written through ``Range.value`` is parsed
by Excel as if typed, so ``"=1+1"``, ``"+CMD|' /C calc'!A0"``, ``"-2+3"`` and ``"@SUM(A1)"``
would become formulas (and ``"007"``, ``"1/2"``, ``"TRUE"`` numbers, dates, booleans). Every
cell that receives text is given the Text number format ``"@"`` *before* the value is
written: Excel stores whatever is written into a Text-formatted cell as the string itself,
exactly like typing into it. We use the format rather than a leading apostrophe because it
is one call per column instead of touching every name, it leaves the value unchanged for
every reader (no ``'`` to strip, no "prefix character" that other hosts may show or drop),
and the cell stays text if the user later edits it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import xlwings as xw

from xlpareto import layout
from xlpareto.engine.analysis import Analysis
from xlpareto.errors import XlparetoError
from xlpareto.refresh.chart import rebind_chart
from xlpareto.workbook import blocks

TEXT_FORMAT = layout.TEXT_FORMAT
GENERAL_FORMAT = "General"
MAX_SHEET_ROWS = 1_048_576
#: Rows x columns the refresh owns (and clears) from the summary's top-left corner: the
#: label/value summary, up to the chart.
SUMMARY_AREA = (layout.ANALYSIS_SUMMARY_ROWS, 3)
#: ... and from the top-left corner of the budget and migration blocks under the chart
#: (3 tiers: at most 7 + 1 + 6 rows, 6 columns; kept generous for more tiers).
BLOCKS_AREA = (layout.ANALYSIS_SUMMARY_ROWS, 8)


@dataclass(frozen=True)
class AnalysisOutput:
    """Everything the refresh writes, prepared in Python before Excel is touched.

    Attributes
    ----------
    rows : the ParetoTable body, columns in ``layout.ANALYSIS_COLUMNS`` order.
    column_formats : number format per table column (``"@"`` for text columns).
    blocks : the summary, budget and migration blocks with their positions.
    stamp : the "last refreshed" text for ``layout.ANALYSIS_STAMP_CELL``.
    """

    rows: list[list[Any]]
    column_formats: list[str]
    blocks: list[blocks.Block]
    stamp: str


def prepare_output(analysis: Analysis, stamp: str) -> AnalysisOutput:
    """Turn an analysis into cell values and formats (pure Python, no Excel)."""
    formats = [
        TEXT_FORMAT if name in blocks.TEXT_COLUMNS else (fmt or GENERAL_FORMAT)
        for name, fmt in zip(layout.ANALYSIS_COLUMNS, blocks.analysis_table_formats(), strict=True)
    ]
    return AnalysisOutput(
        rows=blocks.analysis_table_rows(analysis),
        column_formats=formats,
        blocks=blocks.analysis_blocks(analysis, stamp),
        stamp=f"{blocks.STAMP_LABEL} {stamp}",
    )


def analysis_sheet(book: xw.Book) -> xw.Sheet:
    """The Analysis sheet; a user error if it was deleted or renamed."""
    wanted = layout.ANALYSIS_SHEET.lower()
    for sheet in book.sheets:
        if sheet.name.lower() == wanted:
            return sheet
    raise XlparetoError(
        f"The sheet {layout.ANALYSIS_SHEET} is missing; add a sheet named "
        f"{layout.ANALYSIS_SHEET} (or start again from a fresh xlpareto workbook)"
    )


def analysis_table(sheet: xw.Sheet) -> xw.main.Table:
    """The ParetoTable on the Analysis sheet, created at its layout position if missing."""
    for table in sheet.tables:
        if table.name.lower() == layout.ANALYSIS_TABLE.lower():
            return table
    for other in sheet.book.sheets:
        if any(t.name.lower() == layout.ANALYSIS_TABLE.lower() for t in other.tables):
            raise XlparetoError(
                f"The table {layout.ANALYSIS_TABLE} must be on the {layout.ANALYSIS_SHEET} "
                f"sheet, not on {other.name}; rename or delete that table"
            )
    row, col = layout.ANALYSIS_TABLE_TOP_LEFT
    width = len(layout.ANALYSIS_COLUMNS)
    header = sheet.range((row + 1, col + 1)).resize(1, width)
    header.number_format = TEXT_FORMAT
    header.value = list(layout.ANALYSIS_COLUMNS)
    return sheet.tables.add(source=header.resize(2, width), name=layout.ANALYSIS_TABLE)


def write_analysis(book: xw.Book, output: AnalysisOutput) -> None:
    """Write the table, the blocks and the stamp to the Analysis sheet."""
    sheet = analysis_sheet(book)
    _write_table(sheet, output.rows, output.column_formats)
    _clear_block_areas(sheet)
    for block in output.blocks:
        _write_block(sheet, block)
    _write_text(sheet.range(layout.ANALYSIS_STAMP_CELL), output.stamp)


def clear_analysis_sheet(book: xw.Book) -> None:
    """Empty the ParetoTable (header and one blank row stay), the blocks and the stamp."""
    sheet = analysis_sheet(book)
    _write_table(sheet, [], [])
    _clear_block_areas(sheet)
    sheet.range(layout.ANALYSIS_STAMP_CELL).clear_contents()


def _write_table(sheet: xw.Sheet, rows: list[list[Any]], formats: list[str]) -> None:
    table = analysis_table(sheet)
    old = table.range
    top, left = old.row, old.column
    old_bottom, old_right = old.last_cell.row, old.last_cell.column
    width = len(layout.ANALYSIS_COLUMNS)
    totals = 1 if table.show_totals else 0
    body_rows = max(len(rows), 1)  # a table keeps at least one (blank) body row
    bottom = top + body_rows + totals
    if bottom > MAX_SHEET_ROWS:
        raise XlparetoError(
            f"{len(rows):,} clients don't fit on one sheet below row {top}; split the client list"
        )
    table.resize(sheet.range((top, left), (bottom, left + width - 1)))
    header = table.header_row_range
    if header.options(ndim=1).value != list(layout.ANALYSIS_COLUMNS):
        header.number_format = TEXT_FORMAT
        header.value = list(layout.ANALYSIS_COLUMNS)
    body = sheet.range((top + 1, left), (top + body_rows, left + width - 1))
    if rows:
        for index, number_format in enumerate(formats):
            body[:, index].number_format = number_format
        body.value = rows
    else:
        body.clear()
    rebind_chart(sheet, body)
    right = left + width - 1
    if old_bottom > bottom:  # the list shrank: no stale rows below the table
        sheet.range((bottom + 1, left), (old_bottom, max(old_right, right))).clear()
    if old_right > right:  # an older, wider table: drop the columns it no longer has
        sheet.range((top, right + 1), (min(old_bottom, bottom), old_right)).clear()


def _clear_block_areas(sheet: xw.Sheet) -> None:
    """Empty the areas and reset their number formats. Fonts and fills stay (``clear()``
    would also drop the template's bold headings, which xlwings can't restore on every
    host)."""
    for (row, col), (height, width) in (
        (layout.ANALYSIS_SUMMARY_TOP_LEFT, SUMMARY_AREA),
        (layout.ANALYSIS_BLOCKS_TOP_LEFT, BLOCKS_AREA),
    ):
        area = sheet.range((row + 1, col + 1)).resize(height, width)
        area.clear_contents()
        area.number_format = GENERAL_FORMAT


def _write_block(sheet: xw.Sheet, block: blocks.Block) -> None:
    row, col = block.top_left
    width = block.width
    rows = [[*r, *[""] * (width - len(r))] for r in block.rows]
    formats = [[*f, *[None] * (width - len(f))] for f in block.formats]
    area = sheet.range((row + 1, col + 1)).resize(len(rows), width)
    for i, (values, row_formats) in enumerate(zip(rows, formats, strict=True)):
        cell_formats = [
            TEXT_FORMAT if isinstance(value, str) and value else (fmt or GENERAL_FORMAT)
            for value, fmt in zip(values, row_formats, strict=True)
        ]
        start = 0
        for j in range(1, width + 1):  # one call per run of equal formats
            if j == width or cell_formats[j] != cell_formats[start]:
                if cell_formats[start] != GENERAL_FORMAT:
                    area[i, start:j].number_format = cell_formats[start]
                start = j
    area.value = rows
    with contextlib.suppress(NotImplementedError):  # hosts without font formatting
        area[: block.header_rows, :].font.bold = True


def _write_text(cell: xw.Range, text: str) -> None:
    cell.number_format = TEXT_FORMAT
    cell.value = text
