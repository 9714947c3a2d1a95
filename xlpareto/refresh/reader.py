"""Read the user's ``Clients`` table from a book, wherever the user put it.

Only the ``Client``, ``Revenue`` and (optional) ``Revenue prior`` columns are read, one
column at a time; extra user columns are left alone. Column headers match case-insensitively
and ignoring surrounding spaces. Excel errors are read as their text (``"#N/A"``), so they
count as non-numeric revenue and the row is skipped and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import xlwings as xw

from xlpareto import layout
from xlpareto.errors import XlparetoError


@dataclass(frozen=True)
class ClientColumns:
    """The raw columns of the client table, as xlwings read them.

    Attributes
    ----------
    clients, revenue : one value per table row.
    prior : the ``Revenue prior`` column, or None when the table has none.
    first_row : sheet row number (1-based) of the first data row, for messages.
    """

    clients: list[Any]
    revenue: list[Any]
    prior: list[Any] | None
    first_row: int


def find_table(book: xw.Book, name: str) -> xw.main.Table | None:
    """The table called ``name`` (case-insensitive, as Excel compares names) on any sheet."""
    wanted = name.lower()
    for sheet in book.sheets:
        for table in sheet.tables:
            if table.name.lower() == wanted:
                return table
    return None


def read_clients(book: xw.Book) -> ClientColumns:
    """Read the Client, Revenue and optional Revenue prior columns of the Clients table.

    Raises
    ------
    XlparetoError : the table or one of its required columns is missing.
    """
    table = find_table(book, layout.CLIENTS_TABLE)
    if table is None:
        raise XlparetoError(
            f"No table named {layout.CLIENTS_TABLE} found. Put your clients in an Excel table "
            f"(Insert > Table) named {layout.CLIENTS_TABLE} with the columns "
            f"{layout.CLIENT_COLUMN} and {layout.REVENUE_COLUMN}"
        )
    header = table.header_row_range
    if header is None:
        raise XlparetoError(
            f"The {layout.CLIENTS_TABLE} table has no header row; turn it on "
            "(Table Design > Header Row)"
        )
    titles = header.options(ndim=1).value
    positions = {str(t).strip().lower(): i for i, t in reversed(list(enumerate(titles))) if t}
    missing = [
        column
        for column in (layout.CLIENT_COLUMN, layout.REVENUE_COLUMN)
        if column.lower() not in positions
    ]
    if missing:
        raise XlparetoError(
            f"The {layout.CLIENTS_TABLE} table has no {' or '.join(missing)} column; "
            f"name the column headers {layout.CLIENT_COLUMN} and {layout.REVENUE_COLUMN}"
        )
    body = table.data_body_range
    if body is None:  # Excel: a table without data rows has no DataBodyRange
        return ClientColumns([], [], None, header.row + 1)

    def column(title: str) -> list[Any]:
        values = body[:, positions[title.lower()]].options(ndim=1, err_to_str=True).value
        return list(values)

    prior_key = layout.PRIOR_COLUMN.lower()
    return ClientColumns(
        clients=column(layout.CLIENT_COLUMN),
        revenue=column(layout.REVENUE_COLUMN),
        prior=column(layout.PRIOR_COLUMN) if prior_key in positions else None,
        first_row=body.row,
    )
