"""Checks on the typed per-row inputs of the v2 engine functions.

The v2 engine takes plain typed inputs: 1-D float arrays in which NaN means "not a number"
(a blank, text or boolean cell that the conversion layer left out), and scalars (``None`` for
a blank optional setting). These helpers turn them into arrays and raise
:class:`~xlpareto.errors.XlparetoError` with a one-line message that names the argument and
the 1-based position of the bad cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from xlpareto.errors import XlparetoError


def as_row_values(values: object, name: str) -> np.ndarray:
    """``values`` as a 1-D float array; ±inf is an error (NaN stays: it means "ignored").

    Examples
    --------
    >>> as_row_values([1, float("nan"), 3], "before").tolist()
    [1.0, nan, 3.0]
    """
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise XlparetoError(f"{name}: expected numbers") from None
    infinite = np.isinf(array)
    if infinite.any():
        position = int(np.flatnonzero(infinite)[0]) + 1
        raise XlparetoError(f"{name}: infinite value at position {position}")
    return array


def check_same_length(arrays: Sequence[tuple[str, np.ndarray]]) -> None:
    """Raise unless every named per-row array has the same number of cells.

    Examples
    --------
    >>> check_same_length([("before", np.zeros(3)), ("after", np.zeros(2))])
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: before, after: must have the same number of cells (3 and 2)
    """
    sizes = [int(np.size(array)) for _, array in arrays]
    if len(set(sizes)) > 1:
        names = ", ".join(name for name, _ in arrays)
        counts = " and ".join(str(size) for size in sizes)
        raise XlparetoError(f"{names}: must have the same number of cells ({counts})")


def first_position(mask: np.ndarray) -> int | None:
    """1-based position of the first True in ``mask`` (None when there is none)."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) + 1 if hits.size else None


def check_not_negative(values: np.ndarray, name: str, rows: np.ndarray | None = None) -> None:
    """Raise on the first negative value (among ``rows`` when given)."""
    negative = values < 0
    if rows is not None:
        negative &= rows
    position = first_position(negative)
    if position is not None:
        raise XlparetoError(f"{name}: negative value at position {position}")


def check_unit_interval(values: np.ndarray, name: str, rows: np.ndarray) -> None:
    """Raise on the first value of ``rows`` that is not a number in [0, 1] (NaN included)."""
    bad = rows & ~((values >= 0) & (values <= 1))
    position = first_position(bad)
    if position is not None:
        value = values[position - 1]
        if math.isnan(value):
            raise XlparetoError(f"{name}: a number in [0, 1] is required at position {position}")
        raise XlparetoError(f"{name}: {value:g} at position {position} is not in [0, 1]")


def check_amount(value: float | None, name: str) -> float | None:
    """A finite number ≥ 0, or ``None`` (blank) kept as ``None``.

    Examples
    --------
    >>> check_amount(2.5, "spend_new"), check_amount(None, "spend_new")
    (2.5, None)
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise XlparetoError(f"{name}: expected a number, got {value!r}")
    number = float(value)
    if math.isnan(number):
        return None
    if not math.isfinite(number) or number < 0:
        raise XlparetoError(f"{name}: must be a finite number ≥ 0, got {number:g}")
    return number


def check_fraction(value: float, name: str) -> float:
    """A number in [0, 1] (``min_fit``, ``core_share``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise XlparetoError(f"{name}: expected a number in [0, 1], got {value!r}")
    number = float(value)
    if not 0 <= number <= 1:
        raise XlparetoError(f"{name}: {number:g} is not in [0, 1]")
    return number


def exact_sum(values: object, name: str) -> float:
    """Exactly rounded sum (``math.fsum``); a sum too large for a float is an error.

    Examples
    --------
    >>> exact_sum(np.array([1e16, 1.0, -1e16]), "before")
    1.0
    >>> exact_sum(np.array([1e308, 1e308]), "before")
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: before: the numbers are too large to add up
    """
    try:
        total = math.fsum(values)  # type: ignore[arg-type]
    except OverflowError:
        total = math.inf
    if not math.isfinite(total):
        raise XlparetoError(f"{name}: the numbers are too large to add up")
    return total


def check_finite_result(values: np.ndarray, name: str, what: str) -> None:
    """Raise when a computed per-row value overflowed (``what`` names it, e.g. "profit")."""
    position = first_position(np.isinf(values))
    if position is not None:
        raise XlparetoError(f"{name}: the {what} at position {position} is too large")
