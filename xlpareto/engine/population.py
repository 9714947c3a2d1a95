"""The sorted population of revenues: ranks and cumulative shares by binary search.

One sort prepares a :class:`Population`; every rank, share and share-before query is then a
``searchsorted`` (O(log n)). :func:`population_for` caches prepared populations keyed on the
values, so Excel's fill-down of scalar formulas does not re-sort the range on every call.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from xlpareto.errors import XlparetoError

#: Relative tolerance for comparing shares with cutoffs (SPEC section 1, "Exactness").
SHARE_TOLERANCE = 1e-12


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

    def __init__(self, numbers: np.ndarray, *, descending: np.ndarray | None = None) -> None:
        if descending is None:
            descending = np.sort(np.asarray(numbers, dtype=float))[::-1]
        self.ascending = descending[::-1]
        #: cumulative[i] = sum of the positive parts of the i + 1 largest values
        self.cumulative = np.cumsum(np.maximum(descending, 0.0))
        # suffix[i] = sum of positive parts of ascending[i:], suffix[n] = 0
        suffix = np.zeros(descending.size + 1)
        suffix[:-1] = self.cumulative[::-1]
        self.suffix = suffix
        self.total = float(suffix[0]) if descending.size else 0.0

    @property
    def size(self) -> int:
        """Number of counted values."""
        return int(self.ascending.size)

    def require_positive_total(self, name: str = "revenues") -> None:
        """Raise when there is no positive revenue to take shares of."""
        if not self.total > 0:
            raise XlparetoError(f"{name}: no positive revenue (the total is 0)")

    def rank(self, queries: np.ndarray) -> np.ndarray:
        """Descending rank; ties share the smallest rank (``RANK.EQ``)."""
        above = self.size - np.searchsorted(self.ascending, queries, side="right")
        return above + 1

    def sum_at_least(self, queries: np.ndarray) -> np.ndarray:
        """Sum of positive revenues ``r ≥ x``."""
        return self.suffix[np.searchsorted(self.ascending, queries, side="left")]

    def sum_above(self, queries: np.ndarray) -> np.ndarray:
        """Sum of positive revenues ``r > x``."""
        return self.suffix[np.searchsorted(self.ascending, queries, side="right")]

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


@dataclass(frozen=True)
class Members:
    """Rank, cumulative share and share-before of every member of a population, in input
    order – computed from one sort, without a binary search per member."""

    population: Population
    rank: np.ndarray
    share: np.ndarray
    before: np.ndarray


def describe_members(numbers: np.ndarray) -> Members:
    """Rank, share and share-before of each value within the values themselves.

    Examples
    --------
    >>> m = describe_members(np.array([5.0, 50, 30, 5, 10]))
    >>> m.rank.tolist(), m.share.tolist()
    ([4, 1, 2, 4, 3], [1.0, 0.5, 0.8, 1.0, 0.9])
    """
    numbers = np.asarray(numbers, dtype=float)
    order = np.argsort(numbers)[::-1]
    descending = numbers[order]
    population = Population(numbers, descending=descending)
    n = descending.size
    cumulative = population.cumulative
    new_group = np.empty(n, dtype=bool)
    new_group[:1] = True
    np.not_equal(descending[1:], descending[:-1], out=new_group[1:])
    group = np.cumsum(new_group) - 1  # tie group of each sorted position
    starts = np.flatnonzero(new_group)
    ends = np.append(starts[1:], n) - 1
    total = population.total
    with np.errstate(invalid="ignore", divide="ignore"):
        group_share = np.minimum(cumulative[ends] / total, 1.0)
        group_share[descending[starts] <= 0] = 1.0
        group_before = np.minimum(np.where(starts > 0, cumulative[starts - 1], 0.0) / total, 1.0)
    rank = np.empty(n, dtype=np.int64)
    share = np.empty(n)
    before = np.empty(n)
    rank[order] = (starts + 1)[group]
    share[order] = group_share[group]
    before[order] = group_before[group]
    return Members(population=population, rank=rank, share=share, before=before)


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
