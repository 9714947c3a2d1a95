"""Per-value queries against a population – the shared core of the scalar/array functions.

``=PARETO_TIER(B2)`` asks about one value within a range; ``=PARETO_TIER(B2:B200)`` asks
about every value of the range within itself. Both go through :func:`evaluate`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from xlpareto.engine.cells import Cells, is_missing, read_cells, shape_like
from xlpareto.engine.population import Population, population_for

#: A query: (population, counted query values, membership mask) -> results per value.
Query = Callable[[Population, np.ndarray, np.ndarray], np.ndarray]


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
        population = population_for(cells.numbers)
        values = cells.numbers
        members = np.ones(values.size, dtype=bool)
    else:
        population = population_for(read_cells(revenues, "revenues").numbers)
        cells = read_cells(revenue, "revenue")
        values = cells.numbers
        members = members_of(population, values)
    if cells.is_scalar and not cells.counted[0]:
        return ""
    return scatter(query(population, values, members), cells)


def scatter(results: np.ndarray, cells: Cells) -> Any:
    """Put results for the counted cells back at their positions, shaped like the input."""
    if cells.counted.all():
        return shape_like(results, cells)
    full = np.empty(cells.values.size, dtype=object)
    full[cells.counted] = np.asarray(results, dtype=object)
    return shape_like(full, cells)
