"""Read worksheet ranges into numbers, the way Excel's ``SUM`` sees a range.

Everything a worksheet function may receive (scalar, 1-D list, list of lists, ``None``,
numpy arrays, pandas objects) becomes a :class:`Cells`: a flat float array in reading order
with ``NaN`` where a cell is ignored (blank, text, boolean), plus the shape to give results.
Excel errors, NaN and ±inf raise :class:`~xlpareto.errors.XlparetoError` naming the position.
"""

from __future__ import annotations

import datetime as dt
import itertools
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.engine.text import cell_text, check_whole_characters
from xlpareto.errors import XlparetoError

#: Excel's error literals (as xlwings' ``err_to_str`` delivers them).
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
        "#EXTERNAL!",
    }
)

_FAST_TYPES = frozenset({float, int, np.float64})
_ROW_TYPES = frozenset({list, tuple, np.ndarray})


@dataclass(frozen=True)
class Cells:
    """Numbers read from a range.

    Attributes
    ----------
    values : float array in reading order; ``NaN`` where the cell is ignored.
    counted : bool array, True where the cell holds a number that counts.
    shape : (rows, columns) of the input; a scalar is ``(1, 1)``.
    is_scalar : True when the input was a single value (not a range).
    """

    values: np.ndarray
    counted: np.ndarray
    shape: tuple[int, int]
    is_scalar: bool

    @property
    def numbers(self) -> np.ndarray:
        """The counted numbers only, in reading order."""
        if self.counted.all():
            return self.values
        return self.values[self.counted]

    def __len__(self) -> int:
        return int(self.values.size)


def is_missing(value: Any) -> bool:
    """True for an omitted or blank optional argument (``None``, ``""``, empty range)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)):
        return value.size == 0
    if isinstance(value, (list, tuple)):
        return all(is_missing(v) for v in value)
    return False


def flatten(value: Any, name: str = "range") -> tuple[list[Any], tuple[int, int], bool]:
    """Flatten an argument into reading order; return (items, shape, is_scalar).

    A 1-D list, 1-D array or Series counts as a column; a list of lists is a block read row by
    row; a DataFrame is its values. Errors name the argument ``name``.

    Examples
    --------
    >>> flatten([[1, 2], [3]], "revenues")
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: revenues: rows of the range have different lengths
    """
    if isinstance(value, (pd.DataFrame, pd.Series)):
        value = value.to_numpy(dtype=object)
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return [value.item()], (1, 1), True
        if value.ndim == 1:
            return value.tolist(), (value.shape[0], 1), False
        if value.ndim == 2:
            return value.ravel().tolist(), (value.shape[0], value.shape[1]), False
        raise XlparetoError(
            f"{name}: arrays with {value.ndim} dimensions are not supported (a range has rows "
            "and columns)"
        )
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (list, tuple, np.ndarray)):
            if not set(map(type, value)) <= _ROW_TYPES:
                raise XlparetoError(f"{name}: a range must be a list of rows (lists of cells)")
            widths = set(map(len, value))
            if len(widths) != 1:
                raise XlparetoError(f"{name}: rows of the range have different lengths")
            items = list(itertools.chain.from_iterable(value))
            return items, (len(value), widths.pop()), False
        return list(value), (len(value), 1), False
    return [value], (1, 1), True


def error_literal(item: Any) -> str | None:
    """The Excel error an item stands for (``" #n/a"`` → ``"#N/A"``), or None.

    Examples
    --------
    >>> error_literal(" #n/a"), error_literal("n/a"), error_literal(3)
    ('#N/A', None, None)
    """
    if isinstance(item, str):
        literal = item.strip().upper()
        if literal in EXCEL_ERRORS:
            return literal
    return None


def check_no_errors(items: list[Any], name: str) -> None:
    """Raise at the first Excel error literal among ``items`` (reading order)."""
    for position, item in enumerate(items, 1):
        literal = error_literal(item)
        if literal is not None:
            raise XlparetoError(f"{name}: {literal} at position {position}")


def _classify(item: Any, name: str, position: int) -> float:
    """Return the number an item counts as, or NaN when ignored; raise on errors."""
    if item is None or isinstance(item, (bool, np.bool_)):
        return np.nan
    if isinstance(item, str):
        literal = error_literal(item)
        if literal is not None:
            raise XlparetoError(f"{name}: {literal} at position {position}")
        return np.nan
    if isinstance(item, numbers.Number) and not isinstance(item, complex):
        try:
            number = float(item)
        except OverflowError:  # an integer beyond float range
            raise XlparetoError(
                f"{name}: the number at position {position} is too large (beyond about 1.8e308)"
            ) from None
        if np.isnan(number):
            raise XlparetoError(f"{name}: not a number (NaN) at position {position}")
        if np.isinf(number):
            raise XlparetoError(f"{name}: infinite value at position {position}")
        return number
    if isinstance(item, (dt.datetime, dt.date, dt.time, pd.Timestamp)):
        return np.nan  # dates are ignored (xlwings delivers them converted, not as serials)
    if item is pd.NaT or item is pd.NA:
        return np.nan
    raise XlparetoError(f"{name}: unsupported value {item!r} at position {position}")


def _fast_numbers(items: list[Any]) -> np.ndarray | None:
    """``items`` as floats when all are plain numbers that fit a float, else None."""
    if not set(map(type, items)) <= _FAST_TYPES:
        return None
    try:
        return np.array(items, dtype=float)
    except OverflowError:  # an integer beyond float range: the slow path names it
        return None


def read_cells(value: Any, name: str) -> Cells:
    """Read an argument into :class:`Cells` (see module docstring for the rules).

    Examples
    --------
    >>> cells = read_cells([[10.0], [None], ["x"], [5]], "revenues")
    >>> cells.numbers.tolist(), cells.shape
    ([10.0, 5.0], (4, 1))
    """
    items, shape, is_scalar = flatten(value, name)
    values = _fast_numbers(items)
    if values is not None:
        if not np.isfinite(values).all():
            position = int(np.flatnonzero(~np.isfinite(values))[0])
            _classify(values[position], name, position + 1)
        counted = np.ones(values.size, dtype=bool)
    else:
        values = np.fromiter(
            (_classify(item, name, i + 1) for i, item in enumerate(items)),
            dtype=float,
            count=len(items),
        )
        counted = ~np.isnan(values)
    return Cells(values=values, counted=counted, shape=shape, is_scalar=is_scalar)


def read_scalar_number(value: Any, name: str, default: float | None = None) -> float:
    """Read a single numeric argument (blank → ``default``); raise a clear error otherwise."""
    if is_missing(value):
        if default is None:
            raise XlparetoError(f"{name}: a number is required")
        return float(default)
    items, _, _ = flatten(value, name)
    if len(items) != 1:
        raise XlparetoError(f"{name}: expected a single number, got {len(items)} cells")
    number = _classify(items[0], name, 1)
    if np.isnan(number):
        raise XlparetoError(f"{name}: expected a number, got {items[0]!r}")
    return number


def read_texts(value: Any, name: str) -> np.ndarray:
    """Texts in reading order as an object array (blank → ``""``; a number or a boolean as
    the text a client name is, :func:`~xlpareto.engine.text.cell_text`); an Excel error is
    an error.

    Examples
    --------
    >>> read_texts([["Acme"], [None], [1234567.0], [False]], "clients").tolist()
    ['Acme', '', '1234567', 'False']
    """
    items, _, _ = flatten(value, name)
    check_no_errors(items, name)
    check_whole_characters(items, name, 1, "at position")
    return np.array(["" if item is None else cell_text(item) for item in items], dtype=object)
