"""Gap to the next tier: the fewest extra cents that lift a client into a higher tier.

With the client's revenue raised from ``x`` to ``y`` (every other client unchanged, so the
total becomes ``A + y⁺`` where ``A`` is the others' positive total), its share-before is
``O(y) / (A + y)`` with ``O(y)`` the revenue of others strictly above ``y``. That ratio falls
as ``y`` grows, so "reaches a higher tier" is an up-set in ``y``: for the tier ``j`` it needs
``O(y) < c̃ (A + y)`` with ``c̃`` the cutoff ``c_j`` less the share tolerance. Between two
consecutive population values ``u_k ≤ y < u_{k+1}``, ``O`` is constant, so the first interval
where the condition can hold is found by one binary search over the increasing sequence
``u_{k+1} − O_k / c̃`` – O(log n) per client after the population's one sort.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from xlpareto.engine.population import SHARE_TOLERANCE, Population, sorted_search
from xlpareto.engine.tiers import TierRule, computed_limits
from xlpareto.errors import XlparetoError

CENT = 0.01


def _tier_rows(tier: np.ndarray) -> list[tuple[int, slice | np.ndarray]]:
    """(tier, its rows) for each tier present: slices when ``tier`` is non-decreasing (the
    table's rank order, and subsets of it: each tier one block, so the steps below take
    views, not copies through masks), else masks."""
    if not tier.size:
        return []
    if bool(np.all(tier[1:] >= tier[:-1])):
        starts = np.flatnonzero(tier[1:] != tier[:-1]) + 1
        bounds = [0, *starts.tolist(), tier.size]
        return [(int(tier[low]), slice(low, high)) for low, high in pairwise(bounds)]
    return [(int(value), tier == value) for value in np.flatnonzero(np.bincount(tier))]


def _reaches(
    population: Population,
    others_total: np.ndarray,
    target: np.ndarray,
    revenue: np.ndarray,
    tier: np.ndarray,
) -> np.ndarray:
    """True where a client at ``revenue`` has share-before below ``target``.

    The clients of one tier are raised to about the same value (the limit of the tier above),
    so each tier's queries are searched on their own: they fall in a narrow window of the
    population (see :func:`~xlpareto.engine.population.sorted_search`).
    """
    parts = _tier_rows(tier)
    if len(parts) <= 1:
        above = population.sum_above(revenue)
    else:
        above = np.empty(revenue.size)
        for _, rows in parts:
            above[rows] = population.sum_above(revenue[rows])
    denominator = others_total + np.maximum(revenue, 0.0)
    return (revenue > 0) & (above < target * denominator)


def _raised(revenue: np.ndarray, cents: np.ndarray) -> np.ndarray:
    """``revenue + cents`` as money: rounded to 10 decimals, so that -0.02 + 0.29 is 0.27
    (the float a cell holding 0.27 has, and so tied with such a client), not 0.26999…"""
    raised = cents * CENT
    raised += revenue
    # np.round(raised, 10) as numpy computes it (times 10**10, rint, divided), in place
    raised *= 1e10
    np.rint(raised, out=raised)
    raised /= 1e10
    return raised


def _cents_needed(start: np.ndarray, needed: np.ndarray) -> np.ndarray:
    """Smallest whole number of cents ``g ≥ 0`` with ``start + g`` at least ``needed``."""
    return np.maximum(np.ceil(np.round((needed - start) / CENT, 6)), 0.0)


def _fixed_gaps(
    population: Population,
    rule: TierRule,
    revenue: np.ndarray,
    tier: np.ndarray,
    others_total: np.ndarray,
) -> np.ndarray:
    cutoffs = np.asarray(rule.cutoffs) * (1.0 - SHARE_TOLERANCE)
    gaps = np.zeros(revenue.size)  # 0 for the top tier
    # Only clients below the top tier have a gap: worked out on them alone – a view when they
    # are one block (the table's rank order), so the steps below copy nothing of the rest.
    upper_at = np.flatnonzero(tier > 0)
    if not upper_at.size:
        return gaps
    if upper_at[-1] - upper_at[0] + 1 == upper_at.size:
        upper_at = slice(int(upper_at[0]), int(upper_at[-1]) + 1)
    revenue, tier, others_total = revenue[upper_at], tier[upper_at], others_total[upper_at]
    target = cutoffs[tier - 1]
    # Breakpoints: distinct positive population values, ascending, plus +inf – taken from the
    # sorted population (the first of each run of equal values), not sorted again.
    values = population.ascending
    not_positive = int(np.searchsorted(values, 0.0, side="right"))
    positive = values[not_positive:]
    run_start = np.empty(positive.size, dtype=bool)
    run_start[:1] = True
    np.not_equal(positive[1:], positive[:-1], out=run_start[1:])
    run_starts = np.flatnonzero(run_start)
    distinct = positive[run_starts]
    breakpoints = np.append(distinct, np.inf)
    # O_k: revenue strictly above the start of interval k, interval k = [u_k, u_{k+1}), u_0 = 0.
    # Above u_k lie the values from the next run on (above 0: the positive values): the
    # positions a binary search of the starts would find.
    starts = np.concatenate(([0.0], distinct))
    above_start = population.suffix[
        np.concatenate(([not_positive], not_positive + run_starts[1:], [values.size]))
    ]
    minimal = np.empty(revenue.size)
    for value, chosen in _tier_rows(tier):
        cutoff = cutoffs[value - 1]
        # h_k = u_{k+1} − O_k / c increases with k; the condition can hold in interval k
        # exactly when h_k > −A.
        with np.errstate(invalid="ignore"):
            increasing = breakpoints - above_start / cutoff
        increasing[-1] = np.inf
        chosen_others = others_total[chosen]
        k = sorted_search(increasing, -chosen_others, "right")
        threshold = above_start[k] / cutoff - chosen_others
        minimal[chosen] = np.maximum(starts[k], threshold)
    found = _cents_needed(revenue, minimal)
    # Exact check in floating point: step a cent up where the candidate falls short and a
    # cent down where one less already reaches the tier.
    # A client whose gap a step leaves unchanged gives the same answer in the next step, so
    # each further step checks only the clients the previous one moved.
    todo = slice(None)  # first step: every client below the top tier
    for _ in range(3):
        raised = _raised(revenue[todo], found[todo])
        reached = _reaches(population, others_total[todo], target[todo], raised, tier[todo])
        todo = np.flatnonzero(~reached) if isinstance(todo, slice) else todo[~reached]
        found[todo] += 1
    todo = np.flatnonzero(found > 0)
    for _ in range(3):
        lower = found[todo] - 1  # ≥ 0: only gaps > 0 are checked
        raised = _raised(revenue[todo], lower)
        better = (lower >= 0) & _reaches(
            population, others_total[todo], target[todo], raised, tier[todo]
        )
        todo = todo[better]
        found[todo] = lower[better]
    gaps[upper_at] = found
    return gaps


def _computed_gaps(population: Population, revenue: np.ndarray, tier: np.ndarray) -> np.ndarray:
    limits = computed_limits(population)
    # To reach A a client must exceed ABLimit; to reach B it must reach BCLimit.
    needed_b = _cents_needed(revenue, np.full(revenue.size, limits.bc_limit))
    needed_a = _cents_needed(revenue, np.full(revenue.size, limits.ab_limit))
    needed_a = needed_a + (revenue + needed_a * CENT <= limits.ab_limit)
    needed_b = needed_b + (revenue + needed_b * CENT < limits.bc_limit)
    needed_b = np.where(
        revenue + np.maximum(needed_b - 1, 0) * CENT >= limits.bc_limit,
        np.maximum(needed_b - 1, 0),
        needed_b,
    )
    return np.select([tier == 1, tier == 2], [needed_a, needed_b], 0.0)


def gaps_to_next_tier(
    population: Population,
    rule: TierRule,
    revenue: np.ndarray,
    in_population: bool | np.ndarray,
    tiers: np.ndarray | None = None,
) -> np.ndarray:
    """Extra revenue (whole cents) each client needs to move up at least one tier.

    Parameters
    ----------
    population : the prepared population.
    rule : the tier rule.
    revenue : the clients' revenues.
    in_population : True (or a mask) where a client is a member of ``population``; False
        where a value is treated as one extra client.
    tiers : the tier index of each value when already worked out (the table's, from its
        rank order), so the values are not tiered again.

    Returns
    -------
    Gaps in currency units (0 for the top tier).
    """
    revenue = np.asarray(revenue, dtype=float)
    tier = rule.tier_index(population, revenue) if tiers is None else tiers
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        gaps = _gaps(population, rule, revenue, tier, in_population)
    if not np.isfinite(gaps).all():
        raise XlparetoError(
            "revenues: a gap to the next tier is larger than a spreadsheet can hold "
            "(about 1.8e308); use larger units (e.g. thousands)"
        )
    return gaps


def _gaps(
    population: Population,
    rule: TierRule,
    revenue: np.ndarray,
    tier: np.ndarray,
    in_population: bool | np.ndarray,
) -> np.ndarray:
    if rule.computed:
        gaps = _computed_gaps(population, revenue, tier)
    else:
        own = np.where(in_population, np.maximum(revenue, 0.0), 0.0)
        others_total = population.total - own
        extra = ~np.asarray(in_population, dtype=bool) & np.ones(revenue.size, dtype=bool)
        if extra.any():  # a value not in the population is one extra client: tier it so
            with_it = others_total[extra] + np.maximum(revenue[extra], 0.0)
            before = population.sum_above(revenue[extra]) / with_it
            thresholds = np.asarray(rule.cutoffs) * (1.0 - SHARE_TOLERANCE)
            tier = tier.copy()
            tier[extra] = np.searchsorted(thresholds, before, side="right")
        gaps = _fixed_gaps(population, rule, revenue, tier, others_total)
    return np.round(gaps * CENT, 2)
