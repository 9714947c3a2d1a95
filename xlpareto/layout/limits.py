"""Excel's sheet limits and the one check every writer runs before writing."""

from __future__ import annotations

from collections.abc import Iterable

from xlpareto.errors import XlparetoError

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767


def check_rows(first_data_row: int, rows: int, what: str = "clients") -> None:
    """Refuse a table whose last row would pass Excel's last row.

    Parameters
    ----------
    first_data_row : int
        1-based sheet row of the table's first data row.
    rows : int
        Number of data rows to write.
    what : str
        What one row holds, for the message.

    Examples
    --------
    >>> check_rows(5, 1_000)
    """
    fit = max(MAX_ROWS - first_data_row + 1, 0)
    if rows > fit:
        raise XlparetoError(
            f"{rows - fit:,} {what} do not fit on the sheet (Excel holds {fit:,} from "
            f"row {first_data_row}); narrow the input with --top N"
        )


def check_text(values: Iterable[object], column: str, first_row: int = 1) -> None:
    """Refuse text longer than Excel keeps in one cell, naming row and column.

    Examples
    --------
    >>> check_text(["Acme"], "Client")
    """
    for offset, value in enumerate(values):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise XlparetoError(
                f"{column} in row {first_row + offset} has {len(value):,} characters; "
                f"an Excel cell holds at most {MAX_CELL_CHARS:,}"
            )
