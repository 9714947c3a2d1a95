"""Exactly rounded sums per group, vectorised (``math.fsum`` semantics without a Python pass
over every value).

Each float is ``M × 2^(e − 53)`` with an integer mantissa ``|M| < 2^53`` (``np.frexp``).
Splitting ``M`` into a high part (< 2^27) and a low part (< 2^26) and adding those parts per
(group, exponent) with ``np.bincount`` is exact: every partial sum is an integer below 2^53
as long as a chunk holds fewer than 2^26 values. Each (group, exponent) sum times its power of
two is then an exact float, and ``math.fsum`` over those few thousand terms gives the
correctly rounded total of a group – or of a ± combination of groups, rounded once.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from xlpareto.engine.checks import exact_sum

_MANTISSA_BITS = 53
_HIGH_SHIFT = 26
_CHUNK = 1 << 26  # values per bincount: keeps every partial sum below 2^53
_SMALLEST_EXPONENT = -1073  # frexp exponent of the smallest subnormal
_EXPONENTS = 1024 - _SMALLEST_EXPONENT + 1
#: Below this exponent a bucket's low part is not an exact float: use math.fsum directly.
_EXACT_FROM_EXPONENT = -1021 + _MANTISSA_BITS


#: Beyond this magnitude math.fsum's intermediate overflow (an error) is kept as it was.
_FSUM_ONLY_FROM = 1e300


def exact_total(values: np.ndarray, name: str = "values") -> float:
    """``math.fsum(values)`` (via :func:`~xlpareto.engine.checks.exact_sum`, the same value
    and errors), vectorised: about 3 × faster on 1,000,000 values.

    Examples
    --------
    >>> exact_total(np.array([1e16, 1.0, -1e16, 0.5]))
    1.5
    """
    values = np.asarray(values, dtype=float)
    if not values.size or not np.abs(values).max() < _FSUM_ONLY_FROM:
        return exact_sum(values, name)  # empty, NaN, inf or near overflow: math.fsum itself
    total = GroupSums(values, np.zeros(values.size, dtype=np.intp), 1, name).total([0])
    return total if total != 0 else exact_sum(values, name)  # fsum's sign of a zero


class GroupSums:
    """Exact sums of ``values`` per group, combined with signs and rounded once.

    Parameters
    ----------
    values : finite floats.
    groups : group index of each value, in ``[0, group_count)``.
    group_count : number of groups.
    name : the argument named when a sum is too large for a float.

    Examples
    --------
    >>> sums = GroupSums(np.array([1e16, 1.0, -1e16, 0.1, 0.2]), np.array([0, 0, 0, 1, 1]), 2)
    >>> sums.total([0]), sums.total([1]), sums.total([0, 1]), sums.total([1], minus=[0])
    (1.0, 0.30000000000000004, 1.3, -0.7)
    """

    def __init__(
        self, values: np.ndarray, groups: np.ndarray, group_count: int, name: str = "values"
    ) -> None:
        values = np.asarray(values, dtype=float)
        groups = np.asarray(groups, dtype=np.intp)
        self.name = name
        self.group_count = group_count
        mantissa, exponent = np.frexp(values)
        # (a zero's exponent is 0: it never is the smallest below 0, so no mask is needed)
        if exponent.size and int(exponent.min(initial=0)) < _EXACT_FROM_EXPONENT:
            self._terms = None  # tiny (near-subnormal) values: exact sums by math.fsum
            self._values, self._groups = values, groups
            return
        # products with powers of two are exact (no overflow or underflow in these ranges);
        # worked out in place (each step one pass, no temporary arrays)
        integer = mantissa
        integer *= 2.0**_MANTISSA_BITS  # exact integers, |integer| < 2^53
        high = integer * 2.0**-_HIGH_SHIFT
        np.trunc(high, out=high)
        low = high * 2.0**_HIGH_SHIFT
        np.subtract(integer, low, out=low)
        key = groups * _EXPONENTS
        key += exponent
        key -= _SMALLEST_EXPONENT
        size = group_count * _EXPONENTS
        columns = []
        for start in range(0, max(values.size, 1), _CHUNK):  # one pass below 67M values
            part = slice(start, start + _CHUNK)
            columns.append(np.bincount(key[part], weights=high[part], minlength=size))
            columns.append(np.bincount(key[part], weights=low[part], minlength=size))
        powers = np.tile(np.arange(_EXPONENTS) + _SMALLEST_EXPONENT - _MANTISSA_BITS, group_count)
        terms = []
        with np.errstate(over="ignore"):  # a too-large term becomes inf: reported by total()
            for index, column in enumerate(columns):
                shift = _HIGH_SHIFT if index % 2 == 0 else 0
                terms.append(np.ldexp(column, powers + shift).reshape(group_count, _EXPONENTS))
        terms_by_group = np.concatenate(terms, axis=1)  # row g: exact float terms of group g
        used = np.flatnonzero(terms_by_group.any(axis=0))  # the exponents that occur
        self._terms = terms_by_group[:, used]

    def total(self, plus: Iterable[int], minus: Iterable[int] = ()) -> float:
        """Correctly rounded ``Σ groups in plus − Σ groups in minus``."""
        plus, minus = list(plus), list(minus)
        if self._terms is None:
            values, groups = self._values, self._groups
            selected = [values[groups == g] for g in plus] + [-values[groups == g] for g in minus]
            return exact_sum(np.concatenate([np.zeros(1), *selected]), self.name)
        rows = np.concatenate((self._terms[plus], -self._terms[minus])).ravel()
        if not np.isfinite(rows).all():
            exact_sum(np.array([np.inf]), self.name)  # raises: the sum is too large
        return exact_sum(rows, self.name) + 0.0  # + 0.0: no negative zero
