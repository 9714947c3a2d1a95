"""XlsxWriter rendering of any output sheet's content (Analysis, Growth, Profit, Pipeline).

Works on any XlsxWriter workbook: :func:`render_sheet` renders one
:class:`~xlpareto.layout.content.SheetContent` following its description: title, stamp,
note, the tables, tier and loss colours, widths, blocks, charts (by
:mod:`xlpareto.workbook.chart`), print setup. The template builder and ``xlpareto report``
call :func:`add_analysis_sheet` and :func:`add_money_sheets`. Every value goes through
:func:`~xlpareto.workbook.cell_writer.write_cell`, so a client named ``=1+1`` or
``@SUM(A1)`` stays literal text. A table of more than ``bulk_rows.BULK_ROWS`` rows has its
body handed back as a deferred body for the packaging step
(:func:`xlpareto.workbook.package.assemble`).

Examples
--------
>>> import io, xlsxwriter, xlpareto
>>> book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
>>> written = add_analysis_sheet(book, xlpareto.analyze(["a", "b"], [3, 1]), stamp="now")
>>> written.sheet.name, written.deferred
('Analysis', ())
>>> book.close()
"""

from __future__ import annotations

from dataclasses import dataclass

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from xlpareto.engine.analysis import Analysis
from xlpareto.engine.returns import SPEND_NAMES
from xlpareto.layout.analysis_content import analysis_content
from xlpareto.layout.content import Block, SheetContent, TableContent, print_ranges
from xlpareto.layout.limits import fit_content
from xlpareto.layout.money_content import money_contents
from xlpareto.layout.output_sheet import SheetSpec, column_widths, print_area
from xlpareto.layout.sheets import TableSpec
from xlpareto.workbook.bulk_rows import BULK_ROWS, DeferredBody
from xlpareto.workbook.cell_writer import write_cell
from xlpareto.workbook.chart import add_chart as add_pareto_chart  # any ChartSpec
from xlpareto.workbook.formats import Formats

MAX_ROW = 1_048_575  # Excel's last row (zero-based)


@dataclass(frozen=True)
class WrittenSheet:
    """A rendered sheet: the worksheet and the table bodies left for the packaging step."""

    sheet: Worksheet
    deferred: tuple[DeferredBody, ...]


def write_block(sheet: Worksheet, block: Block, formats: Formats) -> None:
    """Write a block at its position (title in the subtitle style, headers bold; a header
    over numbers right-aligned, as its numbers are)."""
    top, left = block.top_left
    for r, (row, row_formats) in enumerate(zip(block.rows, block.formats, strict=True)):
        for c, (value, fmt) in enumerate(zip(row, row_formats, strict=True)):
            header = formats.header_right if c > 0 else formats.bold
            style = header if r < block.header_rows else formats.number(fmt)
            if r == 0 and c == 0:
                style = formats.subtitle
            write_cell(sheet, top + r, left + c, value, style)


def _sheet_part(workbook: xlsxwriter.Workbook, sheet: Worksheet) -> str:
    return f"xl/worksheets/sheet{workbook.worksheets().index(sheet) + 1}.xml"


def _write_table(
    workbook: xlsxwriter.Workbook, sheet: Worksheet, table: TableContent, formats: Formats
) -> DeferredBody | None:
    spec = table.spec
    top, left = spec.top_left
    column_formats = [formats.number(c.number_format) for c in spec.columns]
    length = table.length
    bulk = length > BULK_ROWS
    written = min(length, 1) if bulk else length  # a large body goes to the packaging step
    for c, (values, fmt) in enumerate(zip(table.columns, column_formats, strict=True)):
        for r in range(written):
            write_cell(sheet, top + 1 + r, left + c, values[r], fmt)
    deferred = None
    if bulk:
        deferred = DeferredBody(
            _sheet_part(workbook, sheet),
            spec.name,
            top + 2,
            left,
            table.columns,
            column_formats,
            skip=1,  # the first row XlsxWriter wrote
        )
    sheet.add_table(
        top,
        left,
        top + max(written, 1),
        spec.last_column,
        {
            "name": spec.name,
            "style": spec.style,
            "columns": [
                {"header": c.header, "format": fmt}
                for c, fmt in zip(spec.columns, column_formats, strict=True)
            ],
        },
    )
    return deferred


def _tier_colours(sheet: Worksheet, spec: TableSpec, labels: tuple[str, ...], formats: Formats):
    """Tier colours on tier columns; the last tier's colour on negative numbers of a
    ``negative_colour`` column (the "Loss maker" flag)."""
    top = spec.top_left[0]
    loss = formats.tier(max(len(labels), 3) - 1)
    for column in spec.columns:
        col = spec.column_of(column.header)
        if column.negative_colour:
            negative = {"type": "cell", "criteria": "<", "value": 0, "format": loss}
            sheet.conditional_format(top + 1, col, MAX_ROW, col, negative)
        if not column.tier_colours:
            continue
        for index, label in enumerate(labels):
            sheet.conditional_format(  # down to the sheet's end: a refreshed table may grow
                top + 1,
                col,
                MAX_ROW,
                col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": '"' + label.replace('"', '""') + '"',
                    "format": formats.tier(index),
                },
            )


def _widths(sheet: Worksheet, spec: SheetSpec) -> None:
    for col, width in column_widths(spec).items():
        sheet.set_column(col, col, width)
    for table in spec.tables:  # a chart's helper cells: hidden (the chart shows them)
        if table.hidden_columns:
            first = table.top_left[1]
            sheet.set_column(first, first + table.hidden_columns - 1, None, None, {"hidden": True})


def render_sheet(
    workbook: xlsxwriter.Workbook, content: SheetContent, formats: Formats
) -> WrittenSheet:
    """Add the sheet ``content`` describes to an XlsxWriter workbook.

    Parameters
    ----------
    workbook : the workbook (ideally created with ``formats.WORKBOOK_OPTIONS``).
    content : the sheet's content and description.
    formats : the workbook's shared :class:`Formats`.

    Returns
    -------
    WrittenSheet : the worksheet and any table body left for the packaging step.
    """
    spec = content.spec
    sheet = workbook.add_worksheet(spec.name)
    sheet.write_string(*spec.title_cell, spec.title, formats.title)
    sheet.write_string(*spec.stamp_cell, content.stamp, formats.muted)
    if content.note:
        write_cell(sheet, *spec.note_cell, content.note, formats.bold)
    deferred = [_write_table(workbook, sheet, table, formats) for table in content.tables]
    for table in spec.tables:
        _tier_colours(sheet, table, content.tier_labels, formats)
    _widths(sheet, spec)
    for block in content.blocks:
        write_block(sheet, block, formats)
    tables = {table.spec.name: table for table in content.tables}
    for chart in spec.charts:
        add_pareto_chart(workbook, sheet, chart, tables)
    header_row = spec.table.top_left[0]
    if spec.print_setup.freeze_table_header:
        sheet.freeze_panes(header_row + 1, 0)
    if spec.print_setup.landscape:
        sheet.set_landscape()
    if spec.print_setup.one_page_wide:
        sheet.fit_to_pages(1, 0)
    ranges = print_ranges(content)
    if ranges:  # several ranges: XlsxWriter's print_area() takes one, the name any number
        workbook.define_name(f"{sheet.name}!_xlnm.Print_Area", "=" + print_area(ranges, sheet.name))
    if spec.print_setup.repeat_table_header:
        sheet.repeat_rows(header_row)  # printed with the table header on every page
    return WrittenSheet(sheet, tuple(body for body in deferred if body is not None))


def add_analysis_sheet(
    workbook: xlsxwriter.Workbook,
    analysis: Analysis,
    *,
    stamp: str,
    refreshed: str | None = None,
    formats: Formats | None = None,
    top: int | None = None,
) -> WrittenSheet:
    """Add the Analysis sheet for ``analysis`` to an XlsxWriter workbook.

    Parameters
    ----------
    workbook : the workbook (ideally created with ``formats.WORKBOOK_OPTIONS``).
    analysis : the result of :func:`xlpareto.analyze`.
    stamp : text for the stamp cell under the title, e.g. ``"Created 2026-01-31 09:00 …"``.
    refreshed : time of the analysis for the summary's "Last refreshed" row (no row if None).
    formats : the workbook's shared :class:`Formats` (created if omitted).
    top : write only the ``top`` largest clients (``--top N``; the sheet says how many were
        left out, the summary uses all); None writes all, or refuses what does not fit.

    Returns
    -------
    WrittenSheet : the worksheet (named ``layout.ANALYSIS_SHEET``) and, for a table of more
        than ``bulk_rows.BULK_ROWS`` clients, the deferred body to pass to
        :func:`xlpareto.workbook.package.assemble` with the closed workbook's bytes.
    """
    content = fit_content(analysis_content(analysis, stamp, refreshed), top)
    return render_sheet(workbook, content, formats or Formats(workbook))


def add_money_sheets(
    workbook: xlsxwriter.Workbook,
    analysis: Analysis,
    *,
    stamp: str,
    core_share: float,
    spend_names: tuple[str, str] = SPEND_NAMES,
    formats: Formats | None = None,
    only_with_data: bool = False,
    top: int | None = None,
) -> list[WrittenSheet]:
    """Add the Growth, Profit and Pipeline sheets for ``analysis``.

    Parameters
    ----------
    workbook, analysis, stamp, formats : as for :func:`add_analysis_sheet`.
    core_share : the core share in use (for the returns sentence).
    spend_names : how the surface names the spend inputs in the sentence (Settings names
        in a workbook, ``--spend-existing``/``--spend-new`` in ``report``).
    only_with_data : leave out a sheet whose part the analysis does not have (``report``:
        Growth only with a prior period, Profit with costs, Pipeline with prospects); by
        default every sheet is written, a missing part as its one-line note (the template).
    top : the most rows of each per-client table, as for :func:`add_analysis_sheet`.

    Returns
    -------
    list of WrittenSheet : the sheets written, in tab order.
    """
    formats = formats or Formats(workbook)
    parts = (analysis.growth, analysis.profit, analysis.pipeline)
    contents = [
        fit_content(content, top)
        for content, part in zip(
            money_contents(analysis, stamp, core_share, spend_names), parts, strict=True
        )
        if part is not None or not only_with_data
    ]  # all checked before the first is rendered
    return [render_sheet(workbook, content, formats) for content in contents]
