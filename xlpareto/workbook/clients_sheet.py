"""The Clients sheet: the user's input table ``Clients`` (Client, Revenue, Revenue prior)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import xlsxwriter

from xlpareto import layout
from xlpareto.errors import XlparetoError
from xlpareto.workbook.cell_writer import write_cell
from xlpareto.workbook.formats import Formats

WIDTHS = (34, 16, 16)
NOTE_COLUMN = 4
NOTE = (
    "Your client list: one row per client. Paste over the sample data (the table grows); "
    "blank or text revenues are skipped, duplicate names are added up."
)


def client_frame(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with exactly the Clients columns (Revenue prior optional, blank if absent)."""
    missing = [c for c in layout.CLIENTS_COLUMNS[:2] if c not in data.columns]
    if missing:
        raise XlparetoError(f"client data needs the columns {', '.join(missing)}")
    frame = data.reindex(columns=list(layout.CLIENTS_COLUMNS))
    if frame.empty:
        raise XlparetoError("client data has no rows")
    return frame


def _cell_values(series: pd.Series, text: bool) -> list:
    values = series.astype(object).where(series.notna(), None).tolist()
    if text:
        return [
            "" if v is None else (format(v, "g") if isinstance(v, float) else str(v))
            for v in values
        ]
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def add_clients_sheet(workbook: xlsxwriter.Workbook, data: pd.DataFrame, formats: Formats) -> None:
    """Add the Clients sheet with ``data`` (columns ``layout.CLIENTS_COLUMNS``) as its table."""
    frame = client_frame(data)
    sheet = workbook.add_worksheet(layout.CLIENTS_SHEET)
    top, left = layout.CLIENTS_TOP_LEFT
    currency = formats.number(layout.CURRENCY_FORMAT)
    column_formats = (None, currency, currency)
    for col, (name, fmt) in enumerate(zip(layout.CLIENTS_COLUMNS, column_formats, strict=True)):
        for row, value in enumerate(_cell_values(frame[name], col == 0), start=top + 1):
            write_cell(sheet, row, left + col, value, fmt)
        sheet.set_column(left + col, left + col, WIDTHS[col], fmt)
    sheet.add_table(
        top,
        left,
        top + len(frame),
        left + len(layout.CLIENTS_COLUMNS) - 1,
        {
            "name": layout.CLIENTS_TABLE,
            "style": "Table Style Medium 2",
            "columns": [
                {"header": name, "format": fmt}
                for name, fmt in zip(layout.CLIENTS_COLUMNS, column_formats, strict=True)
            ],
        },
    )
    sheet.freeze_panes(top + 1, 0)
    sheet.set_column(NOTE_COLUMN, NOTE_COLUMN, 60, formats.wrap)
    sheet.write_string(top, NOTE_COLUMN, NOTE, formats.muted)
    sheet.set_row(top, 45)
