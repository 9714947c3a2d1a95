"""The sorted population of revenues: ranks and cumulative shares by binary search.

One sort prepares a :class:`Population`; every rank, share and share-before query is then a
``searchsorted`` (O(log n)). :func:`population_for` caches prepared populations keyed on the
values, so Excel's fill-down of scalar formulas does not re-sort the range on every call.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cached_property

import numpy as np

from xlpareto.errors import XlparetoError

#: Relative tolerance for comparing shares with cutoffs (SPEC section 1, "Exactness").
SHARE_TOLERANCE = 1e-12


def check_positive_total(numbers: np.ndarray, name: str = "revenues") -> None:
    """Raise when the positive parts of ``numbers`` add up to 0 (nothing to take shares of).

    Examples
    --------
    >>> check_positive_total(np.array([0.0, -5.0]))
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: revenues: no positive revenue (the total is 0)
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(np.maximum(numbers, 0).sum())
    check_finite_total(total, name)
    if not total > 0:
        raise XlparetoError(f"{name}: no positive revenue (the total is 0)")


def check_finite_total(total: float, name: str = "revenues") -> None:
    """Raise when a sum of revenues overflowed (more than a float can hold, ~1.8e308).

    Examples
    --------
    >>> check_finite_total(float("inf"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    xlpareto.errors.XlparetoError: revenues: the numbers are too large to add up ...
    """
    if not np.isfinite(total):
        raise XlparetoError(
            f"{name}: the numbers are too large to add up (the sum overflows); use larger "
            "units (e.g. thousands)"
        )


#: Queries spread over less than this part of the sorted values are searched in that window.
_WINDOW_PART = 8
#: From this many queries on, their range is looked at first (a pass for min and max).
_WINDOW_QUERIES = 64


def sorted_search(ascending: np.ndarray, queries: np.ndarray, side: str) -> np.ndarray:
    """``np.searchsorted(ascending, queries, side)``, faster for the engine's usual queries.

    Queries in descending order (the table's rank order) are searched reversed, so the
    binary search walks forwards. Queries that all fall in a narrow range of ``ascending``
    (e.g. gaps raising many clients to one tier limit) are searched in that window only:
    every value before it is below the smallest query and every value after it above the
    largest, so the positions are the window's start plus the positions in the window.

    Examples
    --------
    >>> sorted_search(np.array([1.0, 2, 2, 3, 5]), np.array([4.0, 2, 2.5]), "right").tolist()
    [4, 3, 3]
    """
    queries = np.asarray(queries, dtype=float)
    if queries.ndim != 1 or queries.size < 2:
        return np.searchsorted(ascending, queries, side=side)
    if queries.size >= _WINDOW_QUERIES:
        low, high = queries.min(), queries.max()
        if np.isfinite(low) and np.isfinite(high):
            start = int(np.searchsorted(ascending, low, side="left"))
            stop = int(np.searchsorted(ascending, high, side="right"))
            if (stop - start) * _WINDOW_PART < ascending.size:
                found = np.searchsorted(ascending[start:stop], queries, side=side)
                found += start
                return found
    if bool(np.all(queries[:-1] >= queries[1:])):
        return np.searchsorted(ascending, queries[::-1], side=side)[::-1]
    return np.searchsorted(ascending, queries, side=side)


#: Below this many values the plain stable sort is as fast as building the integer keys.
_KEYED_SORT_SIZE = 4096
#: Flips the 63 low bits: with the sign bit kept, a float's bits become a descending key.
_LOW_BITS = np.uint64(2**63 - 1)


def largest_first(values: np.ndarray) -> np.ndarray:
    """``np.argsort(-values, kind="stable")``: positions largest first, ties in input order,
    NaN last – about 2.6 × faster on large arrays.

    The floats are turned into unsigned integers that sort the other way round (a positive
    float's bits with the 63 low bits flipped, a negative float's bits as they are; -0.0
    counted as 0.0). Those are sorted by numpy's default sort, which is vectorised
    (x86-simd-sort: 42 ms against 109 ms for the stable sort of 1,000,000 revenues on
    AVX-512), then each run of equal keys is put back in input order (:func:`_ties_in_order`).

    Examples
    --------
    >>> largest_first(np.array([5.0, -1, 7, 5, 0])).tolist()
    [2, 0, 3, 4, 1]
    """
    values = np.asarray(values, dtype=float)
    if values.size < _KEYED_SORT_SIZE or np.isnan(values).any():
        return np.argsort(-values, kind="stable")
    bits = (values + 0.0).view(np.uint64)  # + 0.0 turns -0.0 into 0.0
    keys = np.where(bits > _LOW_BITS, bits, bits ^ _LOW_BITS)
    return _ties_in_order(keys, np.argsort(keys))


def _ties_in_order(keys: np.ndarray, order: np.ndarray) -> np.ndarray:
    """``order`` (sorting ``keys``, ties in any order) with each run of equal keys in
    ascending position: what a stable sort gives. Only the tied positions are sorted again,
    by (run, position) packed into one integer."""
    ranked = keys[order]
    same = ranked[1:] == ranked[:-1]
    if not same.any():
        return order
    tied = np.zeros(order.size, dtype=bool)
    tied[1:] = same
    tied[:-1] |= same
    at = np.flatnonzero(tied)
    run = np.concatenate(([0], np.cumsum(~same)))[at].astype(np.int64) * order.size
    packed = run + order[at]  # < size**2: fits int64 for any array numpy can hold here
    packed.sort()
    order[at] = packed - run  # runs keep their places: run is ascending along ``at``
    return order


class Population:
    """Revenues of one population, sorted once.

    Parameters
    ----------
    numbers : the counted revenues (any order; finite floats).

    Examples
    --------
    >>> pop = Population(np.array([50.0, 30, 10, 5, 5]))
    >>> pop.share(np.array([30.0])).tolist(), pop.rank(np.array([5.0])).tolist()
    ([0.8], [4])
    """

    def __init__(
        self, numbers: np.ndarray, *, descending: np.ndarray | None = None, name: str = "revenues"
    ) -> None:
        if descending is None:
            descending = np.sort(np.asarray(numbers, dtype=float))[::-1]
        self.descending = descending
        self.ascending = descending[::-1]
        #: cumulative[i] = sum of the positive parts of the i + 1 largest values
        with np.errstate(over="ignore", invalid="ignore"):
            if descending.size and descending[-1] >= 0:  # sorted: no negatives to clip
                cumulative = np.cumsum(descending)
            else:
                cumulative = np.maximum(descending, 0.0)
                np.cumsum(cumulative, out=cumulative)
        self.cumulative = cumulative
        self.total = float(cumulative[-1]) if cumulative.size else 0.0
        check_finite_total(self.total, name)  # ``name``: the argument an overflow names

    @cached_property
    def suffix(self) -> np.ndarray:
        """``suffix[i]`` = sum of positive parts of ``ascending[i:]``; ``suffix[n] = 0``."""
        suffix = np.zeros(self.cumulative.size + 1)
        suffix[:-1] = self.cumulative[::-1]
        return suffix

    @property
    def size(self) -> int:
        """Number of counted values."""
        return int(self.ascending.size)

    def require_positive_total(self, name: str = "revenues") -> None:
        """Raise when there is no positive revenue to take shares of."""
        if not self.total > 0:
            raise XlparetoError(f"{name}: no positive revenue (the total is 0)")

    def positions(self, queries: np.ndarray, side: str) -> np.ndarray:
        """``searchsorted`` of ``queries`` in ``ascending`` (see :func:`sorted_search`)."""
        return sorted_search(self.ascending, queries, side)

    def rank(self, queries: np.ndarray) -> np.ndarray:
        """Descending rank; ties share the smallest rank (``RANK.EQ``)."""
        above = self.size - self.positions(queries, "right")
        return above + 1

    def sum_at_least(self, queries: np.ndarray) -> np.ndarray:
        """Sum of positive revenues ``r ≥ x``."""
        return self.suffix[self.positions(queries, "left")]

    def sum_above(self, queries: np.ndarray) -> np.ndarray:
        """Sum of positive revenues ``r > x``."""
        return self.suffix[self.positions(queries, "right")]

    def before_limits(self, thresholds: np.ndarray) -> np.ndarray:
        """Per threshold ``t``, the value ``v`` with ``share_before(x) ≥ t`` exactly when
        ``x < v`` (``share_before`` only changes at population values), so tiering a query
        is a comparison, not a binary search; ``-inf`` where no value qualifies."""
        self.require_positive_total()
        every_before = np.minimum(self.suffix / self.total, 1.0)  # share_before per position
        # non-increasing in the position: the count of positions reaching t is a prefix
        reaching = np.array([np.count_nonzero(every_before >= t) for t in thresholds], dtype=int)
        padded = np.concatenate(([-np.inf], self.ascending, [np.inf]))
        return padded[reaching]

    def share(self, queries: np.ndarray) -> np.ndarray:
        """Cumulative share ``Σ_{r ≥ x} r⁺ / T`` (1 for ``x ≤ 0``)."""
        self.require_positive_total()
        queries = np.asarray(queries, dtype=float)
        result = self.sum_at_least(queries) / self.total
        return np.where(queries <= 0, 1.0, np.minimum(result, 1.0))

    def share_before(self, queries: np.ndarray) -> np.ndarray:
        """Share of revenue strictly above ``x``: ``Σ_{r > x} r⁺ / T``."""
        self.require_positive_total()
        return np.minimum(self.sum_above(np.asarray(queries, dtype=float)) / self.total, 1.0)


class Ranked:
    """A population in rank order (largest first): rank, cumulative share and share-before of
    every position, from one sort and no binary search per client (each computed on first
    use).

    Attributes
    ----------
    population : the prepared population.
    order : input index of each rank position (ties in an unspecified order).
    """

    def __init__(self, numbers: np.ndarray, *, presorted: bool = False) -> None:
        numbers = np.asarray(numbers, dtype=float)
        if presorted:
            self.order = np.arange(numbers.size)
            descending = numbers
        else:
            self.order = np.argsort(numbers)[::-1]
            descending = numbers[self.order]
        self.population = Population(numbers, descending=descending)
        n = descending.size
        first = np.empty(n, dtype=bool)
        first[:1] = True
        np.not_equal(descending[1:], descending[:-1], out=first[1:])
        #: True where a position starts a new value (a group of tied clients).
        self.first = first
        self.has_ties = not first.all()

    @cached_property
    def rank(self) -> np.ndarray:
        """Rank of each position; tied clients share their group's first rank."""
        size = self.first.size
        rank = np.arange(1, size + 1, dtype=np.int32 if size < 2**31 - 1 else np.int64)
        if self.has_ties:
            rank *= self.first  # 0 inside a tie group, then carry the group's first rank
            np.maximum.accumulate(rank, out=rank)
        return rank

    @cached_property
    def share(self) -> np.ndarray:
        """Cumulative share of each position (SUMIF convention: ties share the group's end)."""
        population = self.population
        if self.has_ties:
            last = np.empty(self.first.size, dtype=bool)
            last[-1:] = True
            last[:-1] = self.first[1:]
            share = np.where(last, population.cumulative, np.inf)
            np.minimum.accumulate(share[::-1], out=share[::-1])
        else:
            share = population.cumulative.copy()
        if population.total > 0:
            share /= population.total  # partial sums of non-negatives never exceed the total
        if population.size and population.descending[-1] <= 0:
            share[population.descending <= 0] = 1.0
        return share

    @cached_property
    def before(self) -> np.ndarray:
        """Share of revenue strictly above each position's value."""
        population = self.population
        before = np.empty(self.first.size)
        before[:1] = 0.0
        before[1:] = population.cumulative[:-1]
        if self.has_ties:
            np.copyto(before, -np.inf, where=~self.first)
            np.maximum.accumulate(before, out=before)
        if population.total > 0:
            before /= population.total
        return before

    def boundaries(self, thresholds: np.ndarray) -> np.ndarray:
        """First rank position whose share-before reaches each threshold (O(log n) each)."""
        population = self.population
        cumulative = population.cumulative
        total = population.total
        n = cumulative.size
        # before(i) ≥ t  ⇔  cumulative[start(i) − 1] / T ≥ t: the positions from the first
        # group start after the first j with cumulative[j] / T ≥ t.
        result = []
        for threshold in np.asarray(thresholds, dtype=float):
            j = int(np.searchsorted(cumulative, threshold * total, side="left"))
            while j > 0 and cumulative[j - 1] / total >= threshold:
                j -= 1  # the same test as the share-before array, to the last bit
            while j < n and cumulative[j] / total < threshold:
                j += 1
            result.append(min(j + 1, n))
        if self.has_ties:  # move each start forward to the next group start
            first = self.first
            for index, start in enumerate(result):
                if start < n and not first[start]:
                    step = int(np.argmax(first[start:]))  # stops at the first True
                    result[index] = start + step if first[start + step] else n
        return np.asarray(result, dtype=np.intp)


def rank_population(numbers: np.ndarray, *, presorted: bool = False) -> Ranked:
    """Sort once and describe every position (see :class:`Ranked`).

    ``presorted=True`` promises ``numbers`` are already in descending order (ties in the
    order the caller wants), which skips the sort.

    Examples
    --------
    >>> ranked = rank_population(np.array([5.0, 50, 30, 5, 10]))
    >>> ranked.rank.tolist(), ranked.share.tolist(), ranked.before.tolist()
    ([1, 2, 3, 4, 4], [0.5, 0.8, 0.9, 1.0, 1.0], [0.0, 0.5, 0.8, 0.9, 0.9])
    """
    return Ranked(numbers, presorted=presorted)


_CACHE: OrderedDict[bytes, Population] = OrderedDict()
_CACHE_SIZE = 16


def population_for(numbers: np.ndarray) -> Population:
    """A prepared :class:`Population`, cached on the values (LRU of 16 populations)."""
    key = np.ascontiguousarray(numbers, dtype=float).tobytes()
    population = _CACHE.get(key)
    if population is None:
        population = Population(numbers)
        _CACHE[key] = population
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return population


def clear_population_cache() -> None:
    """Forget every cached population (used by tests and benchmarks)."""
    _CACHE.clear()
