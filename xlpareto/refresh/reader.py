"""Read the user's input tables (``Clients``, ``Prospects``) from a book, wherever they are.

Only the columns of the input schema (:mod:`xlpareto.layout.inputs`) are read, one column at
a time: the required ones must be there, optional ones (``Revenue prior``, ``Cost to serve``,
``Hours``) are read when present; extra user columns are left alone. Column headers match
case-insensitively and ignoring surrounding spaces. Excel errors are read as their text
(``"#N/A"``), so they count as non-numeric revenue and the row is skipped and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import xlwings as xw

from xlpareto.engine.text import check_whole_characters
from xlpareto.errors import XlparetoError
from xlpareto.layout.inputs import CLIENTS, PROSPECTS, InputTable


@dataclass(frozen=True)
class TableColumns:
    """The raw columns of an input table, as xlwings read them.

    Attributes
    ----------
    values : role → one value per table row, for every schema column the table has.
    first_row : sheet row number (1-based) of the first data row, for messages.
    """

    values: dict[str, list[Any]]
    first_row: int

    def column(self, role: str) -> list[Any] | None:
        """The column with this role, or None when the table has none."""
        return self.values.get(role)

    @property
    def clients(self) -> list[Any]:
        """The ``Client`` column."""
        return self.values["client"]

    @property
    def revenue(self) -> list[Any]:
        """The ``Revenue`` column."""
        return self.values["revenue"]

    @property
    def prior(self) -> list[Any] | None:
        """The ``Revenue prior`` column, or None when the table has none."""
        return self.values.get("prior")


def find_table(book: xw.Book, name: str) -> xw.main.Table | None:
    """The table called ``name`` (case-insensitive, as Excel compares names) on any sheet."""
    wanted = name.lower()
    for sheet in book.sheets:
        for table in sheet.tables:
            if table.name.lower() == wanted:
                return table
    return None


def _joined(words: tuple[str, ...] | list[str], last: str) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def read_input_table(book: xw.Book, schema: InputTable = CLIENTS) -> TableColumns:
    """Read the schema's columns of its table in ``book``.

    Parameters
    ----------
    book : the calling workbook.
    schema : the input table to read (default: ``Clients``).

    Returns
    -------
    TableColumns : every required column, and the optional columns the table has.

    Raises
    ------
    XlparetoError : the table or one of its required columns is missing.
    """
    table = find_table(book, schema.name)
    required = schema.required_headers
    if table is None:
        raise XlparetoError(
            f"No table named {schema.name} found. Put your {schema.item}s in an Excel table "
            f"(Insert > Table) named {schema.name} with the columns {_joined(required, 'and')}"
        )
    header = table.header_row_range
    if header is None:
        raise XlparetoError(
            f"The {schema.name} table has no header row; turn it on (Table Design > Header Row)"
        )
    titles = header.options(ndim=1).value
    positions = {str(t).strip().lower(): i for i, t in reversed(list(enumerate(titles))) if t}
    missing = [name for name in required if name.lower() not in positions]
    if missing:
        raise XlparetoError(
            f"The {schema.name} table has no {_joined(missing, 'or')} column; "
            f"name the column headers {_joined(required, 'and')}"
        )
    present = [c for c in schema.columns if c.header.lower() in positions]
    body = table.data_body_range
    if body is None:  # Excel: a table without data rows has no DataBodyRange
        return TableColumns({c.role: [] for c in present if c.required}, header.row + 1)

    def column(title: str) -> list[Any]:
        values = body[:, positions[title.lower()]].options(ndim=1, err_to_str=True).value
        return list(values)

    return TableColumns({c.role: column(c.header) for c in present}, body.row)


def read_clients_table(book: xw.Book) -> TableColumns:
    """Read the ``Clients`` table: Client, Revenue, and the optional columns it has.

    Raises
    ------
    XlparetoError : the table or one of its required columns is missing.
    """
    return read_input_table(book, CLIENTS)


def read_prospects_table(book: xw.Book) -> pd.DataFrame | None:
    """The ``Prospects`` table as a frame with its schema's headers, or None.

    The table is optional: a workbook made before it (or one whose user deleted it) has no
    pipeline; a table without rows is None too.

    Raises
    ------
    XlparetoError : the table exists but a required column is missing.
    """
    if find_table(book, PROSPECTS.name) is None:
        return None
    columns = read_input_table(book, PROSPECTS)
    if not columns.values.get(PROSPECTS.key):
        return None
    names = columns.values[PROSPECTS.key]
    check_whole_characters(names, f"the {PROSPECTS.name} table", columns.first_row)
    return pd.DataFrame(
        {PROSPECTS.column(role).header: values for role, values in columns.values.items()}
    )
