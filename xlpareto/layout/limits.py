"""Excel's sheet limits and the one check every writer runs before writing.

Every output sheet's content (:class:`~xlpareto.layout.content.SheetContent`) and every
input sheet goes through :func:`fit_content` / :func:`check_rows` / :func:`check_text`
before anything is written, so a table is never cut at row 1,048,576 and a long name never
cut at 32,767 characters without a word (SPEC section 12).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from xlpareto.errors import XlparetoError
from xlpareto.layout.column_values import known_arrow
from xlpareto.layout.content import SheetContent, TableContent

#: How ``report`` and ``new`` tell the user to narrow the input.
NARROW_WITH_TOP = "narrow the input with --top N"

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767


def check_rows(
    first_data_row: int, rows: int, what: str = "clients", how: str = NARROW_WITH_TOP
) -> None:
    """Refuse a table whose last row would pass Excel's last row.

    Parameters
    ----------
    first_data_row : int
        1-based sheet row of the table's first data row.
    rows : int
        Number of data rows to write.
    what : str
        What one row holds, for the message.
    how : str
        How the user can narrow the input (the refresh: split the client list).

    Examples
    --------
    >>> check_rows(5, 1_000)
    """
    fit = max(MAX_ROWS - first_data_row + 1, 0)
    if rows > fit:
        raise XlparetoError(
            f"{rows - fit:,} {what} do not fit on the sheet (Excel holds {fit:,} from "
            f"row {first_data_row}); {how}"
        )


def check_text(values: Iterable[object], column: str, first_row: int = 1) -> None:
    """Refuse text longer than Excel keeps in one cell, naming row and column.

    Examples
    --------
    >>> check_text(["Acme"], "Client")
    """
    arrow = known_arrow(values)
    if arrow is not None:  # texts kept in Arrow: their lengths (in characters) from Arrow
        import pyarrow.compute as pc

        longest = pc.max(pc.utf8_length(arrow)).as_py() if len(arrow) else 0
        if longest <= MAX_CELL_CHARS:
            return
    values = values if isinstance(values, list) else list(values)
    try:  # the usual case, a column of texts: their lengths in one C-level pass
        if max(map(len, values), default=0) <= MAX_CELL_CHARS:
            return
    except TypeError:  # numbers among them: look at the texts one by one
        pass
    for offset, value in enumerate(values):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise XlparetoError(
                f"{column} in row {first_row + offset} has {len(value):,} characters; "
                f"an Excel cell holds at most {MAX_CELL_CHARS:,}"
            )


def _kept(table: TableContent, top: int | None) -> TableContent:
    if top is None or table.length <= top:
        return table
    return TableContent(table.spec, [values[:top] for values in table.columns])


def left_out_note(shown: int, total: int, what: str = "clients") -> str:
    """The sheet's note when ``--top`` left rows out.

    Examples
    --------
    >>> left_out_note(2, 5)
    'Shows the 2 largest of 5 clients (--top 2; 3 left out); summaries and figures use all 5'
    """
    return (
        f"Shows the {shown:,} largest of {total:,} {what} (--top {shown:,}; "
        f"{total - shown:,} left out); summaries and figures use all {total:,}"
    )


def fit_content(
    content: SheetContent, top: int | None = None, how: str = NARROW_WITH_TOP
) -> SheetContent:
    """Check that every table of ``content`` fits on a sheet; with ``top``, keep each table's
    first ``top`` rows and say on the sheet how many were left out.

    Parameters
    ----------
    content : an output sheet's content (its tables are in their written order).
    top : the most rows per table to write (``--top N``), or None for all.
    how : how to narrow the input, for the error.

    Returns
    -------
    SheetContent : ``content`` itself when nothing was left out.

    Raises
    ------
    XlparetoError : a table's rows pass Excel's last row, or a text passes 32,767 characters.
    """
    if top is not None and top < 1:
        raise XlparetoError(f"--top must be a whole number of at least 1, not {top}")
    tables = [_kept(table, top) for table in content.tables]
    for table in tables:
        first_data_row = table.spec.top_left[0] + 2  # zero-based header row -> 1-based body
        check_rows(first_data_row, table.length, table.spec.item, how)
        for column, values in zip(table.spec.columns, table.columns, strict=True):
            if column.is_text:
                check_text(values, f"{table.spec.name}[{column.header}]", first_data_row)
    left_out = [(new.length, old.length, new.spec.item)
                for new, old in zip(tables, content.tables, strict=True)
                if new.length < old.length]  # fmt: skip
    if not left_out:
        return content
    shown, total, item = left_out[0]
    note = content.note or left_out_note(shown, total, item)
    return replace(content, tables=tables, note=note)
