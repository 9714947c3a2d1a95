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
from xlpareto.engine.population import Members, Population, describe_members, population_for


@dataclass
class QueryContext:
    """Counted query values within a population; rank/share/share-before on demand.

    When the values are the population itself, ``members`` carries all three from one sort.
    """

    population: Population
    values: np.ndarray
    in_population: np.ndarray
    members: Members | None = None

    @cached_property
    def rank(self) -> np.ndarray:
        """Descending rank of each value."""
        return self.members.rank if self.members else self.population.rank(self.values)

    @cached_property
    def share(self) -> np.ndarray:
        """Cumulative share of each value."""
        self.population.require_positive_total()
        return self.members.share if self.members else self.population.share(self.values)

    @cached_property
    def before(self) -> np.ndarray:
        """Share of revenue strictly above each value."""
        self.population.require_positive_total()
        if self.members:
            return self.members.before
        return self.population.share_before(self.values)


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
        described = describe_members(values)
        context = QueryContext(
            described.population, values, np.ones(values.size, dtype=bool), described
        )
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
    full = np.empty(cells.values.size, dtype=object)
    full[cells.counted] = np.asarray(results, dtype=object)
    return shape_like(full, cells)
