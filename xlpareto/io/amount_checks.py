"""Cost and hours cells of the lines that count: numbers of 0 or more (SPEC sections 9, 12).

The typed lines carry, per checked amount, a cheap flag of the cells that may be no number
(:func:`unread_columns`); the group-by keeps the least flagged row per group, and only when it
found one are the flagged lines looked at again (:func:`first_bad_amount`) for the first that is
really bad – text, a boolean, not finite or negative – and named in the error.
"""

from __future__ import annotations

import pandas as pd
import polars as pl

from xlpareto.engine.intake import amount_error
from xlpareto.engine.text import PYTHON_WHITESPACE
from xlpareto.io.amount_cells import CHECKED_AMOUNTS
from xlpareto.io.numbers import clean_text


def unread_columns(role: str, column: pl.Expr, kind: pl.DataType, unread: pl.Expr) -> list[pl.Expr]:
    """For a cost or hours column, ``<role>_unread``: a cell that may be neither blank nor a
    number (text, a boolean, not finite), and ``<role>_raw``, the cell as text (read only
    for the message; the group-by does not read it). A text of only spaces or noise
    characters is blank after all: :func:`first_bad_amount` settles those few."""
    if role not in CHECKED_AMOUNTS:
        return []
    text = column.cast(pl.String)
    if kind == pl.Boolean:  # as Python writes it, like the row-by-row reader's message
        text = pl.when(column).then(pl.lit("True")).when(~column).then(pl.lit("False"))
    return [unread.alias(f"{role}_unread"), text.alias(f"{role}_raw")]


def maybe_bad(role: str) -> pl.Expr:
    """A cost or hours cell that is negative or may be no number (see :func:`unread_columns`)."""
    return (pl.col(role) < 0) | pl.col(f"{role}_unread")


def check_amounts(
    lines: pl.LazyFrame, groups: pl.DataFrame, counted: pl.Expr, first_row: int
) -> None:
    """Raise the one-line error for the first counted line (``counted``) whose cost or hours
    is text, a boolean, not finite or negative, when the groups' ``<role>_bad`` (the least
    such row per group, on the fast flags) found one: the rule of
    :func:`~xlpareto.io.input_rows.check_counted_amounts`, on the file's rows."""
    for role, name in CHECKED_AMOUNTS.items():
        column = f"{role}_bad"
        if column not in groups.columns or groups[column].drop_nulls().is_empty():
            continue
        found = first_bad_amount(lines, counted, role)
        if found is not None:
            row, value = found
            raise amount_error(name, value, row + first_row)


def first_bad_amount(lines: pl.LazyFrame, counted: pl.Expr, role: str) -> tuple[int, object] | None:
    """The first counted line with a bad ``role`` cell and what it holds (the number when it
    is negative, else the cell as text), or None when every flagged cell was blank after all
    (only spaces or noise characters, as :func:`~xlpareto.io.numbers.clean_text` cleans)."""
    raw = pl.col(f"{role}_raw")
    text = pl.col(f"{role}_unread") & (raw.str.strip_chars(PYTHON_WHITESPACE) != "")
    candidates = (
        lines.filter(counted & ((pl.col(role) < 0) | text))
        .select("row", role, f"{role}_raw", f"{role}_unread")
        .sort("row")
        .collect(engine="streaming")
    )
    for row, value, cell, unread in candidates.iter_rows():
        if not unread:
            return int(row), float(value)
        if clean_text(pd.Series([cell], dtype=object))[0] != "":
            return int(row), cell
    return None
