"""xlwings rendering of the output sheets' content – and only of those sheets.

The refresh writes :func:`~xlpareto.layout.analysis_content.analysis_content` and
:func:`~xlpareto.layout.money_content.money_contents` of its analysis, the same content the
template builder and ``xlpareto report`` render through XlsxWriter, following the same
descriptions. :func:`write_sheet` renders any :class:`SheetContent`: every table resized
(charts kept bound), the areas cleared and refilled, the stamp and the one-line note.
Ranges are computed from the description's positions and the content's size; the only
things read back are the existing tables' ranges (to clear stale rows) and headers.

A workbook made before the Growth, Profit and Pipeline sheets existed is refreshed without
them: :func:`write_outputs` skips a missing v2 sheet and reports it (creating it would need
charts, which xlwings cannot add on every host; ``xlpareto new`` makes a workbook that has
them). A missing Analysis sheet stays an error. Long tables are written in chunks that keep each
request under Excel on the web's 5 MB (:mod:`xlpareto.refresh.payload`).

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
import dataclasses
from dataclasses import dataclass
from typing import Any, NamedTuple

import xlwings as xw

from xlpareto.engine.analysis import Analysis
from xlpareto.errors import XlparetoError
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.analysis_content import STAMP_LABEL, Block, SheetContent, analysis_content
from xlpareto.layout.book import V2_OUTPUT_SHEETS
from xlpareto.layout.charts import ChartSpec
from xlpareto.layout.content import print_ranges
from xlpareto.layout.formats import GENERAL_FORMAT, TEXT_FORMAT
from xlpareto.layout.limits import check_rows, fit_content
from xlpareto.layout.money_content import money_contents
from xlpareto.layout.output_sheet import SheetSpec, column_widths, print_area
from xlpareto.layout.settings import SPEND_EXISTING, SPEND_NEW
from xlpareto.layout.sheets import AreaSpec, TableSpec
from xlpareto.refresh.chart import charts_on, place_chart, rebind_chart, style_chart
from xlpareto.refresh.payload import row_chunks

#: How the refresh tells the user to narrow the input (it has no --top).
SPLIT_THE_LIST = "split the client list"
#: What the refresh writes, prepared in Python before Excel is touched.
AnalysisOutput = SheetContent


def prepare_output(analysis: Analysis, stamp: str) -> SheetContent:
    """Turn an analysis into the sheet's cells (pure Python, no Excel).

    The table body is laid out row by row here, so the write only talks to Excel.
    """
    content = analysis_content(analysis, f"{STAMP_LABEL} {stamp}", refreshed=stamp)
    fit_content(content, how=SPLIT_THE_LIST)  # refused before Excel is touched
    _ = content.table.rows  # computed once, before Excel is touched
    return content


def prepare_outputs(analysis: Analysis, stamp: str, core_share: float) -> list[SheetContent]:
    """Every output sheet's cells, Analysis first (pure Python, no Excel); the returns
    sentence names the Settings (``SpendExisting``, ``SpendNew``)."""
    money = money_contents(
        analysis, f"{STAMP_LABEL} {stamp}", core_share, (SPEND_EXISTING.name, SPEND_NEW.name)
    )
    for content in money:
        fit_content(content, how=SPLIT_THE_LIST)
        for table in content.tables:
            _ = table.rows
    return [prepare_output(analysis, stamp), *money]


def find_sheet(book: xw.Book, name: str) -> xw.Sheet | None:
    """The sheet called ``name`` (any case), or None."""
    wanted = name.lower()
    return next((sheet for sheet in book.sheets if sheet.name.lower() == wanted), None)


def analysis_sheet(book: xw.Book, spec: SheetSpec = described.ANALYSIS) -> xw.Sheet:
    """The output sheet of ``spec``; a user error if it was deleted or renamed."""
    sheet = find_sheet(book, spec.name)
    if sheet is not None:
        return sheet
    raise XlparetoError(
        f"The sheet {spec.name} is missing; add a sheet named "
        f"{spec.name} (or start again from a fresh xlpareto workbook)"
    )


@dataclass(frozen=True)
class _Placed:
    """The table found on (or just added to) the sheet, and the range it covered."""

    table: Any  # xw.main.Table
    top: int  # 1-based header row
    left: int  # 1-based first column
    bottom: int  # 1-based last row before this write (totals included)
    right: int  # 1-based last column before this write
    totals: int
    created: bool


def _place_table(sheet: xw.Sheet, spec: TableSpec) -> _Placed:
    """The table on the sheet, added at its described position (with its header) if missing.

    A table just added is not read back: on hosts that apply writes later (xlwings
    Lite/Server) its ranges are not known yet, and they are known from the description.
    """
    wanted = spec.name.lower()
    for table in sheet.tables:
        if table.name.lower() == wanted:
            old = table.range
            last = old.last_cell
            totals = 1 if table.show_totals else 0
            return _Placed(table, old.row, old.column, last.row, last.column, totals, False)
    for other in sheet.book.sheets:
        if any(t.name.lower() == wanted for t in other.tables):
            raise XlparetoError(
                f"The table {spec.name} must be on the {sheet.name} "
                f"sheet, not on {other.name}; rename or delete that table"
            )
    row, col = spec.top_left
    header = sheet.range((row + 1, col + 1)).resize(1, spec.width)
    header.number_format = TEXT_FORMAT
    header.value = list(spec.headers)
    table = sheet.tables.add(source=header.resize(2, spec.width), name=spec.name)
    return _Placed(table, row + 1, col + 1, row + 2, col + spec.width, 0, True)


class TableWritten(NamedTuple):
    """What writing a table did: ``created`` (added, as it was missing), ``new_width``
    (its columns changed, e.g. Cost and Profit added)."""

    created: bool
    new_width: bool


def _set_widths(sheet: xw.Sheet, spec: SheetSpec) -> None:
    """Column widths of the description (only on a sheet whose table was just added, so a
    user's own widths stay); skipped on hosts without column widths."""
    with contextlib.suppress(NotImplementedError):
        for col, width in column_widths(spec).items():
            sheet.range((1, col + 1)).column_width = width


def _areas_to_clear(spec: SheetSpec) -> list[AreaSpec]:
    """The sheet's areas, and on the Analysis sheet those of its other layout too (with or
    without Cost and Profit: the blocks move when the table changes width)."""
    variants = described.VARIANTS if spec.name == described.ANALYSIS.name else (spec,)
    areas: dict[tuple, AreaSpec] = {}
    for variant in (spec, *variants):
        for area in variant.areas:
            areas.setdefault((area.top_left, area.rows, area.columns), area)
    return list(areas.values())


def _cell(sheet: xw.Sheet, position: tuple[int, int]) -> xw.Range:
    return sheet.range((position[0] + 1, position[1] + 1))


def write_sheet(book: xw.Book, output: SheetContent) -> None:
    """Write the tables, the blocks, the stamp and the note to the output sheet."""
    spec = output.spec
    sheet = analysis_sheet(book, spec)
    areas = _areas_to_clear(spec)
    # read before anything is written: a host that applies writes later (xlwings Lite and
    # Server) would return the old cells for what this script wrote
    headers_kept = [_header_kept(sheet, table.spec, areas) for table in output.tables]
    tables = [
        (table, kept)
        for table, kept in zip(output.tables, headers_kept, strict=True)
        if _writes(table.spec, kept)
    ]
    _clear_areas(sheet, areas)  # first: an older layout's area may lie
    written = [  # where a wider table now goes
        _write_table(sheet, table.spec, table.rows, spec.charts, table.columns, kept)
        for table, kept in tables
    ]
    if any(w.created for w in written):
        _set_widths(sheet, spec)
    if any(w.created or w.new_width for w in written):  # the layout moved (Cost and Profit
        for chart in spec.charts:  # came or went): the charts follow; else they stay put
            place_chart(sheet, chart)
    _set_print_area(sheet, output)
    _style_charts(sheet, output)
    for block in output.blocks:
        _write_block(sheet, block)
    _write_text(_cell(sheet, spec.stamp_cell), output.stamp)
    if output.note:
        _write_text(_cell(sheet, spec.note_cell), output.note)
    else:
        _cell(sheet, spec.note_cell).clear_contents()


def _writes(spec: TableSpec, found: bool | None) -> bool:
    """Whether to write this table: always, but a chart's hidden helper table only where the
    book has it (``found`` not None): an older book's chart has no series bound to it, and
    xlwings can't hide columns on every host."""
    return found is not None or not spec.hidden_columns


def _set_print_area(sheet: xw.Sheet, output: SheetContent) -> None:
    """The described print area over the rows just written (the table and the summary);
    skipped on hosts without page setup (xlwings Lite and Server)."""
    ranges = print_ranges(output)
    if not ranges:
        return
    with contextlib.suppress(NotImplementedError):
        sheet.page_setup.print_area = print_area(ranges)


def _style_charts(sheet: xw.Sheet, output: SheetContent) -> None:
    """Bars coloured by tier and thinned labels, for each chart with a tier-coloured series
    (classic Excel for Windows only, :func:`~xlpareto.refresh.chart.style_chart`)."""
    for chart in output.spec.charts:
        bars = next((s for s in chart.series if s.tier_column is not None), None)
        if bars is None:
            continue
        table = output.table_named(chart.source(bars)[0])
        tiers = table.columns[table.spec.headers.index(bars.tier_column)]
        style_chart(sheet, chart, tiers)


#: The Analysis sheet is written like any other output sheet.
write_analysis = write_sheet


def write_outputs(book: xw.Book, outputs: list[SheetContent]) -> tuple[str, ...]:
    """Write every output sheet; returns the v2 sheets skipped because the book lacks them."""
    skipped = []
    for output in outputs:
        name = output.spec.name
        if name in V2_OUTPUT_SHEETS and find_sheet(book, name) is None:
            skipped.append(name)
            continue
        write_sheet(book, output)
    return tuple(skipped)


def clear_sheet(book: xw.Book, spec: SheetSpec = described.ANALYSIS) -> None:
    """Empty the tables (header and one blank row stay), the blocks, the stamp and note."""
    sheet = analysis_sheet(book, spec)
    if spec.name == described.ANALYSIS.name:  # the table keeps its width (Cost and Profit)
        existing = _find_table(sheet, spec.table.name)
        if existing is not None:
            spec = described.describe_for(existing.header_row_range.options(ndim=1).value)
    areas = _areas_to_clear(spec)
    headers_kept = [_header_kept(sheet, table, areas) for table in spec.tables]  # read first
    _clear_areas(sheet, areas)
    for table, kept in zip(spec.tables, headers_kept, strict=True):
        if _writes(table, kept):
            _write_table(sheet, table, [], spec.charts, None, kept)
    _cell(sheet, spec.stamp_cell).clear_contents()
    _cell(sheet, spec.note_cell).clear_contents()


#: Empty the Analysis sheet.
clear_analysis_sheet = clear_sheet


def _find_table(sheet: xw.Sheet, name: str) -> Any | None:
    wanted = name.lower()
    return next((t for t in sheet.tables if t.name.lower() == wanted), None)


def _overlaps(area: AreaSpec, top: int, left: int, right: int) -> bool:
    """Whether ``area`` covers a cell of row ``top`` between ``left`` and ``right``
    (1-based)."""
    row, col = area.top_left
    return row + 1 <= top <= row + area.rows and col + 1 <= right and left <= col + area.columns


def _header_kept(sheet: xw.Sheet, spec: TableSpec, cleared: list[AreaSpec]) -> bool | None:
    """Whether the existing table's header is ``spec``'s and no area about to be cleared
    covers it (so it need not be written again); None when the table is missing. Read
    before anything on the sheet is written."""
    table = _find_table(sheet, spec.name)
    if table is None:
        return None
    old = table.range
    top, left = old.row, old.column
    right = left + spec.width - 1
    if any(_overlaps(area, top, left, right) for area in cleared):
        return False
    header = sheet.range((top, left), (top, right))
    return header.options(ndim=1).value == list(spec.headers)


def _write_table(
    sheet: xw.Sheet,
    spec: TableSpec,
    rows: list[list[Any]],
    charts: tuple[ChartSpec, ...] = described.ANALYSIS.charts,
    columns: list[list[Any]] | None = None,
    header_kept: bool | None = None,
) -> TableWritten:
    """Resize the table to ``rows`` and write them (``columns``: the same body column by
    column, to size the requests); whether it had to be added or changed width.

    ``header_kept``: whether the header is already ours, when it was read before the sheet
    was first written (None: read it here, before this function writes anything)."""
    if header_kept is None:
        header_kept = _header_kept(sheet, spec, [])
    placed = _place_table(sheet, spec)
    top, left, width = placed.top, placed.left, spec.width
    body_rows = max(len(rows), 1)  # a table keeps at least one (blank) body row
    bottom = top + body_rows + placed.totals
    check_rows(top + 1, body_rows + placed.totals, how=SPLIT_THE_LIST)  # the rows written
    right = left + width - 1
    header = sheet.range((top, left), (top, right))
    header_differs = placed.created or not header_kept
    placed.table.resize(sheet.range((top, left), (bottom, right)))
    if header_differs and not placed.created:  # renamed, or columns came or went: ours back
        header.number_format = TEXT_FORMAT
        header.value = list(spec.headers)
    body = sheet.range((top + 1, left), (top + body_rows, right))
    if rows:
        for index, column in enumerate(spec.columns):  # Text ("@") before text is written
            body[:, index].number_format = column.number_format
        text_columns = [column.is_text for column in spec.columns]
        by_column = columns if columns is not None else [list(c) for c in zip(*rows, strict=True)]
        for start, stop in row_chunks(by_column, text_columns):  # each request under 5 MB
            body[start:stop, :].value = rows[start:stop]
    else:
        body.clear()
    where = dataclasses.replace(spec, top_left=(top - 1, left - 1))
    for chart in charts_on(charts, spec):
        rebind_chart(sheet, body_rows, where, chart)
    if placed.bottom > bottom:  # the list shrank: no stale rows below the table
        sheet.range((bottom + 1, left), (placed.bottom, max(placed.right, right))).clear()
    if placed.right > right:  # an older, wider table: drop the columns it no longer has
        sheet.range((top, right + 1), (min(placed.bottom, bottom), placed.right)).clear()
    return TableWritten(placed.created, placed.right != right)


def _clear_areas(sheet: xw.Sheet, areas: tuple[AreaSpec, ...]) -> None:
    """Empty the areas and reset their number formats. Fonts and fills stay (``clear()``
    would also drop the template's bold headings, which xlwings can't restore on every
    host)."""
    for area in areas:
        row, col = area.top_left
        cells = sheet.range((row + 1, col + 1)).resize(area.rows, area.columns)
        cells.clear_contents()
        cells.number_format = GENERAL_FORMAT


def cell_formats(values: list[Any], formats: list[str | None]) -> list[str]:
    """The one text/number rule for xlwings: Text for non-empty text, else the number format
    (General when there is none)."""
    return [
        TEXT_FORMAT if isinstance(value, str) and value else (fmt or GENERAL_FORMAT)
        for value, fmt in zip(values, formats, strict=True)
    ]


def _write_block(sheet: xw.Sheet, block: Block) -> None:
    row, col = block.top_left
    width = block.width
    rows = [[*r, *[""] * (width - len(r))] for r in block.rows]
    formats = [[*f, *[None] * (width - len(f))] for f in block.formats]
    area = sheet.range((row + 1, col + 1)).resize(len(rows), width)
    for i, (values, row_formats) in enumerate(zip(rows, formats, strict=True)):
        formats_here = cell_formats(values, row_formats)
        start = 0
        for j in range(1, width + 1):  # one call per run of equal formats
            if j == width or formats_here[j] != formats_here[start]:
                if formats_here[start] != GENERAL_FORMAT:
                    area[i, start:j].number_format = formats_here[start]
                start = j
    area.value = rows
    with contextlib.suppress(NotImplementedError):  # hosts without font formatting
        area[: block.header_rows, :].font.bold = True


def _write_text(cell: xw.Range, text: str) -> None:
    cell.number_format = TEXT_FORMAT
    cell.value = text
