"""Input sheets (Clients, Prospects, …): an Excel table written from its schema.

One builder renders any :class:`~xlpareto.layout.inputs.InputTable`: headers, column widths,
number formats, data validation and the note beside the table. It writes the template's
columns of the schema (``in_template``) and any other schema column the data has.

Examples
--------
>>> import io, pandas as pd, xlsxwriter
>>> from xlpareto.layout.inputs import PROSPECTS
>>> book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
>>> data = pd.DataFrame({"Prospect": ["Acme"], "Expected revenue": [5000.0], "Fit": [0.8]})
>>> list(input_frame(PROSPECTS, data).columns)
['Prospect', 'Expected revenue', 'Fit', 'Probability']
>>> add_input_sheet(book, PROSPECTS, data, Formats(book)).name
'Prospects'
>>> book.close()
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from xlpareto.engine.text import cell_text
from xlpareto.errors import XlparetoError
from xlpareto.layout.inputs import InputColumn, InputTable
from xlpareto.layout.limits import check_rows, check_text
from xlpareto.workbook.cell_writer import write_cell
from xlpareto.workbook.formats import Formats

NOTE_WIDTH = 60
HEADER_HEIGHT = 45


def input_frame(table: InputTable, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with the sheet's columns of ``table``, in schema order.

    Parameters
    ----------
    table : the input schema.
    data : rows with (some of) the schema's headers as columns; other columns are dropped.

    Returns
    -------
    pandas.DataFrame : the template's columns (blank where ``data`` has none) and the other
    schema columns ``data`` has.

    Raises
    ------
    XlparetoError : a required column is missing or there are no rows.
    """
    missing = [c.header for c in table.required if c.header not in data.columns]
    if missing:
        raise XlparetoError(f"{table.item} data needs the columns {', '.join(missing)}")
    headers = [c.header for c in table.columns if c.in_template or c.header in data.columns]
    frame = data.reindex(columns=headers)
    if frame.empty:
        raise XlparetoError(f"{table.item} data has no rows")
    return frame


def _cell_values(series: pd.Series, text: bool) -> list:
    values = series.astype(object).where(series.notna(), None).tolist()
    if text:
        return ["" if v is None else cell_text(v) for v in values]
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def _validation(column: InputColumn) -> dict:
    rule = dict(column.validation or {})
    if column.help:
        rule.setdefault("error_title", column.header[:32])
        rule.setdefault("error_message", column.help[:255])
    return rule


def add_input_sheet(
    workbook: xlsxwriter.Workbook, table: InputTable, data: pd.DataFrame, formats: Formats
) -> Worksheet:
    """Add the sheet of ``table`` with ``data`` as its Excel table.

    Parameters
    ----------
    workbook : the XlsxWriter workbook.
    table : the input schema (its ``sheet`` names the new sheet).
    data : the rows, columns named by the schema's headers (see :func:`input_frame`).
    formats : the workbook's shared formats.

    Returns
    -------
    xlsxwriter.worksheet.Worksheet : the new sheet.
    """
    if table.sheet is None:
        raise ValueError(f"{table.name} is a file shape, not a sheet")
    frame = input_frame(table, data)
    columns = [table.by_header(h) for h in frame.columns]
    top, left = table.top_left
    check_rows(top + 2, len(frame), what=f"{table.item} rows")  # before the sheet exists
    cells = [_cell_values(frame[c.header], c.kind == "text") for c in columns]
    for column, values in zip(columns, cells, strict=True):
        check_text(values, f"{table.name}[{column.header}]", top + 2)
    sheet = workbook.add_worksheet(table.sheet)
    column_formats = [formats.number(c.number_format) for c in columns]
    for col, (column, fmt, values) in enumerate(zip(columns, column_formats, cells, strict=True)):
        for row, value in enumerate(values, start=top + 1):
            write_cell(sheet, row, left + col, value, fmt)
        sheet.set_column(left + col, left + col, column.width, fmt)
        if column.validation is not None:
            last = top + max(len(frame), 1)
            sheet.data_validation(top + 1, left + col, last, left + col, _validation(column))
    sheet.add_table(
        top,
        left,
        top + len(frame),
        left + len(columns) - 1,
        {
            "name": table.name,
            "style": table.style,
            "columns": [
                {"header": c.header, "format": fmt}
                for c, fmt in zip(columns, column_formats, strict=True)
            ],
        },
    )
    sheet.freeze_panes(top + 1, 0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # table and note printed together, one page wide
    sheet.repeat_rows(top)
    if table.note:
        note_column = left + len(columns) + 1  # one empty column between table and note
        sheet.set_column(note_column, note_column, NOTE_WIDTH, formats.wrap)
        sheet.write_string(top, note_column, table.note, formats.muted)
        sheet.set_row(top, HEADER_HEIGHT)
    return sheet
