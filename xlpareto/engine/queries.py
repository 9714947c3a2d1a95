"""Per-value queries against a population – the shared core of the scalar/array functions.

``=PARETO_TIER(B2)`` asks about one value within a range; ``=PARETO_TIER(B2:B200)`` asks
about every value of the range within itself. Both go through :func:`evaluate`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from xlpareto.engine.cells import Cells, is_missing, read_cells, shape_like
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
    found = np.searchsorted(ascending, values, side="left")
    inside = found < ascending.size
    return inside & (ascending[np.minimum(found, ascending.size - 1)] == values)


def evaluate(revenue: Any, revenues: Any, query: Query) -> Any:
    """Apply ``query`` to each counted value of ``revenue`` within its population.

    With ``revenues`` omitted, ``revenue`` is itself the population. Results take the shape of
    ``revenue``; ignored positions get ``""``.
    """
    if is_missing(revenues):
        cells = read_cells(revenue, "revenue")
        values = cells.numbers
        ranked = rank_population(values)
        context = QueryContext(ranked.population, values, np.ones(values.size, dtype=bool), ranked)
    else:
        population = population_for(read_cells(revenues, "revenues").numbers)
        cells = read_cells(revenue, "revenue")
        values = cells.numbers
        context = QueryContext(population, values, members_of(population, values))
    if cells.is_scalar and not cells.counted[0]:
        return ""
    return scatter(query(context), cells)


def scatter(results: np.ndarray, cells: Cells) -> Any:
    """Put results for the counted cells back at their positions, shaped like the input."""
    if cells.counted.all():
        return shape_like(results, cells)
    full = np.full(cells.values.size, "", dtype=object)
    full[cells.counted] = np.asarray(results, dtype=object)
    return shape_like(full, cells)
