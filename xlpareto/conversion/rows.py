"""Per-row arguments: several ranges that describe the same rows, read at once.

The v2 worksheet functions take several ranges with one cell per row – ``before``/``after``;
``revenue``/``costs``/``hours``; ``expected``/``fit``/``probability``. :func:`read_rows`
reads each into :class:`~xlpareto.conversion.cells.Cells` (an Excel error literal anywhere is
an error naming the argument and its 1-based position) and checks that they all have the same
number of cells. :func:`require_numbers` then rejects text or a boolean in the rows that
count (a cost of ``"n/a"`` next to a counted revenue is a mistake, not a blank).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import numpy as np

from xlpareto.conversion.cells import Cells, flatten, is_missing, read_cells, read_scalar_number
from xlpareto.engine.checks import check_same_length
from xlpareto.errors import XlparetoError


def read_rows(
    arguments: Mapping[str, Any], optional: Collection[str] = ()
) -> dict[str, Cells | None]:
    """Read per-row arguments (by name, in signature order) that must have the same length.

    Parameters
    ----------
    arguments : argument name → the value the worksheet function received.
    optional : names of arguments that may be omitted or blank; those give ``None``.

    Returns
    -------
    dict : argument name → :class:`Cells` (or ``None`` for an omitted optional argument).

    Raises
    ------
    XlparetoError : an Excel error literal, NaN or ±inf in a range, or arguments with
        different numbers of cells (the message names them and their sizes).

    Examples
    --------
    >>> rows = read_rows({"before": [[10], [None]], "after": [[12], ["x"]]})
    >>> rows["before"].values.tolist(), rows["after"].counted.tolist()
    ([10.0, nan], [True, False])
    >>> read_rows({"before": [1, 2], "after": [1]})
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: before, after: must have the same number of cells (2 and 1)
    """
    cells: dict[str, Cells | None] = {}
    for name, value in arguments.items():
        cells[name] = None if name in optional and is_missing(value) else read_cells(value, name)
    check_same_length([(name, c.values) for name, c in cells.items() if c is not None])
    check_sum_fits(cells)
    return cells


def check_sum_fits(cells: Mapping[str, Cells | None], factors: Mapping[str, float] = {}) -> None:
    """Raise when the numbers of these arguments are too large to add up in floats.

    The bridge, profit and score sums add and subtract the per-row numbers (hours times
    ``factors["hours"]``, the hourly cost); when the sum of their sizes overflows, a sum
    could be infinite or a split silently wrong, so it is an error naming the argument.

    Examples
    --------
    >>> check_sum_fits({"before": read_cells([1e308], "before"), "after": None})
    >>> check_sum_fits({"before": read_cells([1e308], "before"),
    ...                 "after": read_cells([1e308], "after")})
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: after: the numbers are too large to add up (the sum overflows)
    """
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for name, argument in cells.items():
            if argument is None:
                continue
            total += float(np.abs(argument.numbers).sum()) * factors.get(name, 1.0)
            if not np.isfinite(total):
                raise XlparetoError(
                    f"{name}: the numbers are too large to add up (the sum overflows)"
                )


def values_of(cells: Cells | None) -> np.ndarray | None:
    """The engine input of a per-row argument: its values (NaN where ignored), or None."""
    return None if cells is None else cells.values


def _describe(item: Any) -> str:
    if isinstance(item, (bool, np.bool_)):
        return "TRUE" if item else "FALSE"
    if isinstance(item, str):
        return repr(item)  # quoted, control characters escaped
    return f"a {type(item).__name__}"


def require_numbers(value: Any, cells: Cells | None, name: str, rows: np.ndarray) -> None:
    """Raise when a cell of ``rows`` holds text, a boolean or a date (blank is allowed).

    Parameters
    ----------
    value : the argument as received (to tell a blank cell from a text one).
    cells : the argument read by :func:`read_rows` (``None``: omitted, nothing to check).
    name : the argument's name, for the message.
    rows : bool array, True for the rows that count.

    Examples
    --------
    >>> costs = [[5], [None], ["n/a"]]
    >>> require_numbers(costs, read_cells(costs, "costs"), "costs", np.array([1, 1, 0], bool))
    >>> require_numbers(costs, read_cells(costs, "costs"), "costs", np.array([1, 1, 1], bool))
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: costs: 'n/a' at position 3 is not a number
    """
    if cells is None:
        return
    suspects = np.flatnonzero(rows & ~cells.counted)
    if not suspects.size:
        return
    items, _, _ = flatten(value)
    for position in suspects.tolist():
        item = items[position]
        if not is_missing(item):
            raise XlparetoError(
                f"{name}: {_describe(item)} at position {position + 1} is not a number"
            )


def read_optional_number(value: Any, name: str) -> float | None:
    """A single optional number: ``None`` when omitted or blank.

    Examples
    --------
    >>> read_optional_number(None, "spend_new"), read_optional_number([[25]], "spend_new")
    (None, 25.0)
    """
    return None if is_missing(value) else read_scalar_number(value, name)
