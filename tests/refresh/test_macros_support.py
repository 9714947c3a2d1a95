"""Helpers for the refresh-macro tests (no tests here): workbooks on the in-memory engine.

``stand_in_workbook`` writes a small .xlsx with the template's layout (Clients table,
Settings names, Analysis sheet from the real ``add_analysis_sheet``) for tests that need a
book shaped differently from the template (missing table, extra columns, …).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
import xlwings as xw

import xlpareto
from xlpareto import layout
from xlpareto.data import sample_clients
from xlpareto.workbook import WORKBOOK_OPTIONS, add_analysis_sheet, assemble

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "workbook_template.xlsm"


def stand_in_workbook(
    path: Path,
    clients: pd.DataFrame | None = None,
    settings: dict[str, Any] | None = None,
    *,
    table_name: str = layout.CLIENTS_TABLE,
    clients_sheet: str = layout.CLIENTS_SHEET,
    with_analysis: bool = True,
) -> Path:
    """Write an .xlsx laid out like the template; returns ``path``."""
    data = sample_clients() if clients is None else clients
    values = {s.name: s.default for s in layout.SETTINGS} | (settings or {})
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    sheet = book.add_worksheet(clients_sheet)
    headers = [str(c) for c in data.columns]
    for c in range(len(headers)):
        for r, value in enumerate(data.iloc[:, c].tolist(), start=1):
            if value is None or (isinstance(value, float) and value != value):
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    sheet.add_table(
        0,
        0,
        max(len(data), 1),
        len(headers) - 1,
        {"name": table_name, "columns": [{"header": h} for h in headers]},
    )
    settings_sheet = book.add_worksheet(layout.SETTINGS_SHEET)
    for setting in layout.SETTINGS:
        settings_sheet.write_string(setting.row, 0, setting.label)
        value = values[setting.name]
        if value is not None:
            settings_sheet.write(setting.row, 1, value)
        book.define_name(setting.name, setting.refers_to)
    book.add_worksheet(layout.DASHBOARD_SHEET).write_string(0, 0, "Dashboard")
    if with_analysis:
        analysis = xlpareto.analyze(
            sample_clients()[layout.CLIENT_COLUMN],
            sample_clients()[layout.REVENUE_COLUMN],
            sample_clients()[layout.PRIOR_COLUMN],
            budget=100000,
        )
        deferred = add_analysis_sheet(book, analysis, stamp="Last refreshed (template)").deferred
    else:
        book.add_worksheet(layout.ANALYSIS_SHEET)  # empty: no ParetoTable, no chart
        deferred = ()
    book.close()
    path.write_bytes(assemble(buffer.getvalue(), deferred))
    return path


def set_clients(book: xw.Book, columns: dict[str, list[Any]]) -> None:
    """Write new client data into the Clients table (through xlwings), resizing it."""
    sheet = book.sheets[layout.CLIENTS_SHEET]
    table = sheet.tables[layout.CLIENTS_TABLE]
    headers = table.header_row_range.options(ndim=1).value
    length = max(len(v) for v in columns.values())
    old = table.range
    sheet.range((old.row + 1, old.column), old.last_cell).clear_contents()
    top, left = old.row, old.column
    table.resize(sheet.range((top, left), (top + max(length, 1), left + len(headers) - 1)))
    for name, values in columns.items():
        col = headers.index(name)
        cells = sheet.range((top + 1, left + col)).resize(len(values), 1)
        cells.number_format = "@" if all(isinstance(v, str) for v in values) else "General"
        cells.options(transpose=True).value = values
