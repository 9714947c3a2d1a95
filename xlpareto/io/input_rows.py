"""The rows of an input file as read: by role of its schema, numbers as floats, and what the
user chose (:class:`ReadOptions`) – what every reader of :mod:`xlpareto.io.readers` returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from xlpareto.engine.intake import amount_error
from xlpareto.io.amount_cells import CHECKED_AMOUNTS, unread_cells
from xlpareto.io.columns import ColumnChoice
from xlpareto.io.numbers import (
    NumberStyle,
)
from xlpareto.layout.inputs import InputTable


@dataclass(frozen=True)
class ReadOptions:
    """What the user chose on the command line (``None``: detect).

    Attributes
    ----------
    sheet : XLSX/XLSM sheet or table to read.
    columns : role → header chosen by hand (``--client``, ``--revenue``, …; ``None``:
        found by name).
    delimiter, decimal, encoding : CSV settings.
    """

    sheet: str | None = None
    columns: Mapping[str, str | None] = field(default_factory=dict)
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class InputRows:
    """The rows of an input file, by role of its schema (``columns.table``).

    Attributes
    ----------
    values : role → column, for every column found: text and date columns as read (a
        Series), number columns as floats (NaN: not a number).
    columns : which input column each role came from.
    source : the input's name, for messages.
    first_row : row number (1-based) of the first data row, for messages.
    details : how the file was read (delimiter, number style, …).
    number_style : the number style, when the file shows it beyond doubt (thousands
        separators seen) or ``--decimal`` gave it; None otherwise (Excel, Parquet, plain
        numbers). Numbers given as options follow it (SPEC section 5).
    unread : for the amounts that must be numbers where counted (cost, hours), the cells
        that are neither blank nor a number (text, booleans, dates), by 0-based position;
        their values hold NaN there.
    """

    values: Mapping[str, pd.Series | np.ndarray]
    columns: ColumnChoice
    source: str
    first_row: int = 2
    details: list[str] = field(default_factory=list)
    number_style: NumberStyle | None = None
    unread: Mapping[str, pd.Series] = field(default_factory=dict)

    @property
    def table(self) -> InputTable:
        """The schema the rows were read with."""
        return self.columns.table

    def column(self, role: str) -> pd.Series | np.ndarray | None:
        """The column with this role, or None when the input has none."""
        return self.values.get(role)

    @property
    def clients(self) -> pd.Series:
        """The client names (the ``client`` column)."""
        return self.values["client"]

    @property
    def revenue(self) -> np.ndarray:
        """The revenues (the ``revenue`` column)."""
        return self.values["revenue"]

    @property
    def prior(self) -> np.ndarray | None:
        """The prior-period revenues, or None when the input has none."""
        return self.values.get("prior")

    @property
    def rows(self) -> int:
        """Number of data rows read."""
        return len(self.values[self.table.key])

    def describe(self, rows: int | None = None) -> str:
        """One line: where the data came from and how it was read (``rows``: how many rows
        were read, when the values were not kept)."""
        extra = "; ".join([self.columns.describe(), *self.details])
        return f"{self.source}: {self.rows if rows is None else rows:,} rows ({extra})"

    def to_frame(self) -> pd.DataFrame:
        """The rows as a frame with the schema's headers (``Client``, ``Revenue``, …)."""
        return pd.DataFrame(
            {
                self.table.column(role).header: (
                    values.to_numpy() if isinstance(values, pd.Series) else values
                )
                for role, values in self.values.items()
            }
        )


def input_rows(
    choice: ColumnChoice,
    raw: Mapping[str, pd.Series],
    numbers: Callable[[pd.Series], np.ndarray],
    source: str,
    first_row: int = 2,
    details: list[str] | None = None,
    number_style: NumberStyle | None = None,
    written: Mapping[str, pd.Series] | None = None,
) -> InputRows:
    """The one construction of the rows: number columns through ``numbers``, others as read.

    Columns marked ``percent`` in the schema also take ``70 %`` (read as 0.7). ``written``:
    the number cells as the file has them, where ``raw`` holds them cleaned (CSV), so that an
    error shows the cell as written.
    """
    values, unread = {}, {}
    for role, column in raw.items():
        spec = choice.table.column(role)
        if spec.kind != "number":
            values[role] = column
        elif spec.percent:
            values[role] = percent_numbers(column, numbers)
        else:
            values[role] = numbers(column)
        if role in CHECKED_AMOUNTS:
            unread[role] = unread_cells(column, values[role], (written or {}).get(role))
    return InputRows(values, choice, source, first_row, details or [], number_style, unread)


def percent_numbers(column: pd.Series, numbers: Callable[[pd.Series], np.ndarray]) -> np.ndarray:
    """``numbers(column)``, where a text ending in ``%`` is read as that number / 100.

    Examples
    --------
    >>> from xlpareto.engine.intake import numeric_or_nan
    >>> percent_numbers(pd.Series([0.5, "70 %", "x"], dtype=object), numeric_or_nan).tolist()
    [0.5, 0.7, nan]
    """
    texts = column.map(lambda v: v.strip() if isinstance(v, str) else "").astype("string")
    percent = texts.str.endswith("%").fillna(False).to_numpy(dtype=bool)
    result = numbers(column)
    if not percent.any():
        return result
    stripped = texts[percent].str[:-1].str.strip()
    parsed = numbers(stripped.reset_index(drop=True))
    unread = np.isnan(parsed)
    if unread.any():  # Excel cells: text is not parsed by the number reader
        fallback = pd.to_numeric(stripped.str.replace(",", ".", regex=False), errors="coerce")
        parsed[unread] = fallback.to_numpy(dtype=float, na_value=np.nan)[unread]
    result[percent] = parsed / 100
    return result


def check_counted_amounts(rows: InputRows, counted: np.ndarray) -> None:
    """Raise the one-line error for the first counted row (``counted``: a mask of the rows)
    whose cost or hours is text, a boolean, not finite or negative – the rule the engine
    applies to the Clients table (:func:`~xlpareto.engine.intake.optional_amounts`)."""
    for role, name in CHECKED_AMOUNTS.items():
        values = rows.column(role)
        if values is None:
            continue
        with np.errstate(invalid="ignore"):
            bad = counted & (np.asarray(values, dtype=float) < 0)
        unread = rows.unread.get(role)
        if unread is not None and len(unread):
            bad[unread.index[counted[unread.index]]] = True
        if bad.any():
            at = int(np.flatnonzero(bad)[0])
            value = unread[at] if unread is not None and at in unread.index else values[at]
            raise amount_error(name, value, at + rows.first_row)
