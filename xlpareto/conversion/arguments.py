"""Worksheet arguments read into the typed values the engine takes.

A ``cutoffs`` range becomes a tuple of floats or ``"computed"``, a ``labels`` range a tuple of
texts; the engine (:func:`xlpareto.engine.tiers.make_tier_rule`) then applies the one rule for
what valid cutoffs and labels are. Range-level problems (an Excel error, a text among the
cutoffs, a blank label) are reported here, with the 1-based position in reading order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from xlpareto.conversion.cells import (
    Cells,
    error_literal,
    flatten,
    is_missing,
    read_cells,
)
from xlpareto.engine.population import check_positive_total
from xlpareto.engine.text import cell_text
from xlpareto.engine.tiers import COMPUTED, TierRule, check_cutoffs, make_tier_rule
from xlpareto.errors import XlparetoError


def read_cutoffs(value: Any) -> tuple[float, ...] | str | None:
    """A ``cutoffs`` argument: None when omitted or blank, ``"computed"``, or the numbers.

    A range is read in reading order (blank cells skipped); one cell holding the text
    ``computed`` (any case) means computed tiers. A text argument (from Python) may also list
    numbers, separated by commas or semicolons.

    Examples
    --------
    >>> read_cutoffs([[0.8], [None], [0.95]]), read_cutoffs([["Computed"]]), read_cutoffs("")
    ((0.8, 0.95), 'computed', None)
    """
    if is_missing(value):
        return None
    if isinstance(value, str):
        if value.strip().lower() == COMPUTED:
            return COMPUTED
        parts = [p for p in value.replace(";", ",").split(",") if p.strip()]
        try:
            return tuple(float(p) for p in parts)
        except ValueError:
            raise XlparetoError(f'cutoffs: expected numbers or "computed", got {value!r}') from None
    cells = read_cells(value, "cutoffs")
    items, _, _ = flatten(value)
    for position, (item, counted) in enumerate(zip(items, cells.counted, strict=True), 1):
        if not counted and not is_missing(item):
            if isinstance(item, str) and item.strip().lower() == COMPUTED and len(items) == 1:
                return COMPUTED
            raise XlparetoError(f"cutoffs: {item!r} at position {position} is not a number")
    return tuple(float(v) for v in cells.numbers)


def read_labels(value: Any) -> tuple[str, ...] | None:
    """A ``labels`` argument: None when omitted or blank, else one trimmed text per cell.

    Numbers become text (``1.0`` → ``"1"``); a blank cell, a boolean or an Excel error is an
    error naming its position. A text argument (from Python) is split at commas.

    Examples
    --------
    >>> read_labels([["Gold"], [" Silver "], [3.0]])
    ('Gold', 'Silver', '3')
    """
    if is_missing(value):
        return None
    items = (
        [p.strip() for p in value.split(",")]
        if isinstance(value, str)
        else flatten(value, "labels")[0]
    )
    texts = []
    for position, item in enumerate(items, 1):
        if is_missing(item) or isinstance(item, bool):
            raise XlparetoError(f"labels: position {position} is empty or not a text")
        text = cell_text(item).strip()
        if not text:
            raise XlparetoError(f"labels: position {position} is empty")
        literal = error_literal(text)
        if literal is not None:
            raise XlparetoError(f"labels: {literal} at position {position}")
        texts.append(text)
    return tuple(texts)


def read_tier_rule(cutoffs: Any = None, labels: Any = None) -> TierRule:
    """The tier rule of a worksheet function's ``cutoffs`` and ``labels`` arguments.

    Examples
    --------
    >>> read_tier_rule([[0.5], [0.8], [0.95]], [["W", "X", "Y", "Z"]]).labels
    ('W', 'X', 'Y', 'Z')
    """
    typed_cutoffs = read_cutoffs(cutoffs)
    if isinstance(typed_cutoffs, tuple):
        check_cutoffs(typed_cutoffs)  # bad cutoffs are reported before bad labels
    return make_tier_rule(typed_cutoffs, read_labels(labels))


def read_population(value: Any, name: str = "revenues") -> np.ndarray:
    """The counted numbers of a revenues range; an error when none is positive.

    Examples
    --------
    >>> read_population([[50], [None], [-5]]).tolist()
    [50.0, -5.0]
    """
    numbers = read_cells(value, name).numbers
    check_positive_total(numbers, name)
    return numbers


def read_weights(value: Any, name: str = "weights") -> Cells:
    """A weights range (for an exact split): counted cells must not be negative.

    Examples
    --------
    >>> read_weights([1, None, 2]).numbers.tolist()
    [1.0, 2.0]
    """
    cells = read_cells(value, name)
    negative = np.flatnonzero(cells.counted & (np.nan_to_num(cells.values) < 0))
    if negative.size:
        raise XlparetoError(f"{name}: negative weight at position {negative[0] + 1}")
    return cells
