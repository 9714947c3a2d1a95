"""Per-value queries against a population – the shared core of the scalar/array functions.

``=PARETO_TIER(B2)`` asks about one value within a range; ``=PARETO_TIER(B2:B200)`` asks
about every value of the range within itself. Both build a :func:`query_context`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from xlpareto.engine.population import Population, Ranked, population_for, rank_population
from xlpareto.engine.tiers import TierRule


@dataclass
class QueryContext:
    """Counted query values within a population; rank/share/share-before/tier on demand.

    When the values are the population itself (``ranked`` given), everything comes from the
    one sort in rank order and is put back in input order with one permutation.
    """

    population: Population
    values: np.ndarray
    in_population: np.ndarray
    ranked: Ranked | None = None

    @cached_property
    def _inverse(self) -> np.ndarray:
        order = self.ranked.order
        inverse = np.empty(order.size, dtype=np.intp)
        inverse[order] = np.arange(order.size)
        return inverse

    @cached_property
    def rank(self) -> np.ndarray:
        """Descending rank of each value."""
        if self.ranked is not None:
            return self.ranked.rank[self._inverse]
        return self.population.rank(self.values)

    @cached_property
    def share(self) -> np.ndarray:
        """Cumulative share of each value."""
        self.population.require_positive_total()
        if self.ranked is not None:
            return self.ranked.share[self._inverse]
        return self.population.share(self.values)

    def tier_index(self, rule: TierRule) -> np.ndarray:
        """Tier index of each value under ``rule``."""
        if self.ranked is not None:
            return rule.ranked_tier_index(self.ranked)[self._inverse]
        return rule.tier_index(self.population, self.values)


#: A query: context -> one result per counted value.
Query = Callable[[QueryContext], np.ndarray]


def members_of(population: Population, values: np.ndarray) -> np.ndarray:
    """True where a value occurs in the population (so it is that client, not an extra)."""
    ascending = population.ascending
    if not ascending.size:
        return np.zeros(values.shape, dtype=bool)
    found = np.searchsorted(ascending, values, side="left")
    inside = found < ascending.size
    return inside & (ascending[np.minimum(found, ascending.size - 1)] == values)


def query_context(values: np.ndarray, population: np.ndarray | None = None) -> QueryContext:
    """The context for queries about ``values`` within ``population``.

    With ``population`` omitted, ``values`` are the population itself (one sort in rank order);
    otherwise the prepared population comes from the cache (Excel's fill-down of a scalar
    formula does not re-sort the range) and a value found in it is that client.

    Examples
    --------
    >>> query_context(np.array([50.0, 30, 10, 5, 5])).rank.tolist()
    [1, 2, 3, 4, 4]
    >>> query_context(np.array([20.0]), np.array([50.0, 30, 10, 5, 5])).rank.tolist()
    [3]
    """
    values = np.asarray(values, dtype=float)
    if population is None:
        ranked = rank_population(values)
        return QueryContext(ranked.population, values, np.ones(values.size, dtype=bool), ranked)
    prepared = population_for(population)
    return QueryContext(prepared, values, members_of(prepared, values))
