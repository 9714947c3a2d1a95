"""Exact money splits: largest-remainder (Hamilton) apportionment in whole units."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from xlpareto.errors import XlparetoError

UNIT_TOLERANCE = 1e-9
#: The most whole units a split handles: integers up to 2**53 are exact in a float, so
#: every part and their sum stay exact; a larger count is refused, never returned wrong.
MAX_UNITS = 2**53
#: The default money unit: budgets are whole cents.
DEFAULT_UNIT = 0.01


def decimals_of(unit: float) -> int:
    """Decimal places needed to print multiples of ``unit`` exactly (0.01 → 2)."""
    for places in range(0, 12):
        if abs(round(unit, places) - unit) <= UNIT_TOLERANCE * unit:
            return places
    return 12


def units_in(total: float, unit: float, name: str = "total") -> int:
    """``total / unit`` as an integer; raise when total is negative or not a multiple."""
    if not unit > 0 or not math.isfinite(unit):
        raise XlparetoError(f"unit: must be a positive number, got {unit:g}")
    if total < 0:
        raise XlparetoError(f"{name}: must not be negative, got {total:g}")
    if not math.isfinite(total):
        raise XlparetoError(f"{name}: must be a finite number, got {total:g}")
    quotient = total / unit
    count = round(quotient) if math.isfinite(quotient) else MAX_UNITS + 1
    if count > MAX_UNITS:
        raise XlparetoError(
            f"{name}: {total:g} is too large to split exactly in units of {unit:g} "
            f"(at most {MAX_UNITS:,} units; use a larger unit)"
        )
    if total > 0 and count == 0:
        raise XlparetoError(f"{name}: {total:g} is smaller than the unit {unit:g}")
    # Compare the amounts as the decimals they print as: in floats, count * unit is off by
    # an ulp of total (98765.43 vs 98765.43000000001), more than 1e-9 of a cent.
    exact_unit = Decimal(repr(float(unit)))
    off = abs(Decimal(repr(float(total))) - count * exact_unit)
    if off > Decimal(UNIT_TOLERANCE) * exact_unit:
        raise XlparetoError(f"{name}: {total:g} is not a whole multiple of the unit {unit:g}")
    return int(count)


def hamilton(units: int, weights: np.ndarray, name: str = "weights") -> np.ndarray:
    """Split ``units`` whole units by ``weights``; equal remainders go to earlier parts.

    Examples
    --------
    >>> hamilton(10, np.array([1.0, 1, 1])).tolist()
    [4, 3, 3]
    """
    weights = np.asarray(weights, dtype=float)
    if (weights < 0).any():
        position = int(np.flatnonzero(weights < 0)[0]) + 1
        raise XlparetoError(f"{name}: negative weight at position {position}")
    if not np.isfinite(weights).all():
        raise XlparetoError(f"{name}: weights must be finite numbers")
    largest = weights.max() if weights.size else 0.0
    if not largest > 0:
        raise XlparetoError(f"{name}: all weights are zero")
    weights = weights / largest  # the same proportions; the sum cannot overflow
    weight_sum = math.fsum(weights)
    quotas = units * (weights / weight_sum)
    floors = np.floor(quotas + 1e-9)
    remainders = np.round(quotas - floors, 9)
    parts = floors.astype(np.int64)
    missing = units - int(parts.sum())
    if missing > 0:  # the largest remainders, never a part whose weight is 0
        order = np.argsort(-np.where(weights > 0, remainders, -1.0), kind="stable")
        parts[order[:missing]] += 1
    elif missing < 0:  # rounding pushed a floor up: take back from the smallest remainders
        order = np.argsort(remainders, kind="stable")[::-1]
        parts[order[:-missing]] -= 1
    return parts


#: Up to this many groups, the bonus units are chosen per group by selection, not by a sort.
_FEW_GROUPS = 16


def _with_bonus(
    parts: np.ndarray, missing: np.ndarray, groups: np.ndarray, remainders: np.ndarray
) -> np.ndarray:
    """``parts`` plus one unit for the ``missing[g]`` members of each group ``g`` with the
    largest remainders, equal remainders to the earlier member: the first ``missing[g]``
    members of the group in (remainder descending, position) order, found in linear time.

    ``np.partition`` gives the ``m``-th largest remainder ``t``; every member above ``t``
    gets a unit (fewer than ``m`` of them), then the earliest members equal to ``t``.
    """
    for group, need in enumerate(missing.tolist()):
        if need <= 0:
            continue
        members = np.flatnonzero(groups == group)  # in the given order
        if need >= members.size:
            parts[members] += 1
            continue
        own = remainders[members]
        threshold = np.partition(own, members.size - need)[members.size - need]
        above = members[own > threshold]
        parts[above] += 1
        parts[members[own == threshold][: need - above.size]] += 1
    return parts


def grouped_hamilton(units: np.ndarray, groups: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each group's ``units[g]`` across its members by weight (Hamilton, vectorised).

    Members are taken in the given order; equal remainders go to the earlier member. A group
    with zero total weight gets nothing (its ``units`` must then be 0).
    """
    weights = np.asarray(weights, dtype=float)
    groups = np.asarray(groups)
    group_weight = np.bincount(groups, weights=weights, minlength=units.size)
    safe = np.where(group_weight > 0, group_weight, 1.0)
    quotas = units[groups] * (weights / safe[groups])
    floors = np.floor(quotas + 1e-9)
    remainders = np.round(quotas - floors, 9)
    parts = floors.astype(np.int64)
    missing = units - np.bincount(groups, weights=parts, minlength=units.size).astype(np.int64)
    if units.size <= _FEW_GROUPS and np.isfinite(remainders).all():
        return _with_bonus(parts, missing, groups, remainders)
    order = np.lexsort((np.arange(groups.size), -remainders, groups))
    sorted_groups = groups[order]
    group_start = np.searchsorted(sorted_groups, np.arange(units.size), side="left")
    position_in_group = np.arange(groups.size) - group_start[sorted_groups]
    bonus = position_in_group < missing[sorted_groups]
    parts[order[bonus]] += 1
    return parts


def split_total(
    total: float, weights: np.ndarray, unit: float = DEFAULT_UNIT, name: str = "weights"
) -> np.ndarray:
    """Split ``total`` by ``weights`` into multiples of ``unit`` that add up exactly."""
    units = units_in(total, unit)
    return np.round(hamilton(units, weights, name) * unit, decimals_of(unit))
