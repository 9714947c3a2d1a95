"""Client table and tier summary as pandas DataFrames (the shapes the surfaces show)."""

from __future__ import annotations

from concurrent.futures import Executor
from typing import NamedTuple

import numpy as np
import pandas as pd

from xlpareto.engine.budget import DEFAULT_CORE_SHARE, client_budgets, segment_units
from xlpareto.engine.columns import BUDGET_COLUMN
from xlpareto.engine.gap import gaps_to_next_tier
from xlpareto.engine.parallel import InlineExecutor
from xlpareto.engine.population import Ranked, largest_first, rank_population
from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.tiers import TierRule
from xlpareto.errors import XlparetoError

SUMMARY_COLUMNS = (
    "Tier",
    "Clients",
    "% of clients",
    "Revenue",
    "% of revenue",
    "Min revenue",
    "Max revenue",
)


class ClientTable(NamedTuple):
    """Result of :func:`client_table`: the table and the tier index of each of its rows."""

    table: pd.DataFrame
    tiers: np.ndarray


def client_table(
    clients: np.ndarray,
    revenue: np.ndarray,
    rule: TierRule,
    budget: float | None = None,
    core_share: float = DEFAULT_CORE_SHARE,
    unit: float = DEFAULT_UNIT,
    *,
    order: np.ndarray | None = None,
    ranked: Ranked | None = None,
    pool: Executor | None = None,
) -> ClientTable:
    """One row per client with a counted revenue, sorted by rank (ties in input order).

    Parameters
    ----------
    clients : client names, one per row.
    revenue : revenues with ``NaN`` for rows that are not counted (those rows are left out).
    rule : the tier rule.
    budget : when given, a Budget column: each tier's budget split over its clients.
    order : the analysis' one sort, ``largest_first(revenue)`` (stable, descending) of a
        revenue without NaN (then not sorted again).
    ranked : with ``order``, ``rank_population(revenue[order], presorted=True)`` when the
        caller already made it (it then shares the population and its computed limits).
    pool : where the gaps are worked out while the other columns are made (numpy's
        searches and Arrow's take of the names release the GIL); None: one after the other.

    Returns
    -------
    ClientTable
        ``table`` (columns :data:`~xlpareto.engine.columns.TABLE_COLUMNS`, and Budget) and
        ``tiers``, the tier index (0 = best) of each table row.

    Examples
    --------
    >>> from xlpareto.engine.tiers import make_tier_rule
    >>> result = client_table(np.array(["a", "b", "c"]), np.array([10.0, 60, 30]), make_tier_rule())
    >>> result.table["Client"].tolist(), result.tiers.tolist()
    (['b', 'c', 'a'], [0, 0, 1])
    """
    revenue = np.asarray(revenue, dtype=float)
    keep = ~np.isnan(revenue)
    if order is None or not keep.all():
        names = np.asarray(clients, dtype=object)[keep]
        values = revenue[keep]
        order = largest_first(values)
        ranked = None  # made for this order below
    else:  # names may be a text array (pandas' str dtype): taken in rank order, not converted
        names, values = clients, revenue
    if ranked is None:
        values = values[order]
        ranked = rank_population(values, presorted=True)
    else:
        values = ranked.population.descending
    population = ranked.population
    population.require_positive_total()
    tiers = rule.ranked_tier_index(ranked)
    pool = pool or InlineExecutor()
    gaps = pool.submit(gaps_to_next_tier, population, rule, values, True, tiers)
    columns = {
        "Rank": ranked.rank,
        "Client": names[order],
        "Revenue": values,
        "Share": np.maximum(values, 0.0) / population.total,
        "Cumulative share": ranked.share,
        "Tier": rule.text_labels(tiers),
    }
    budgets = {}
    if budget is not None:  # while the gaps are worked out
        tier_revenue = np.bincount(tiers, np.maximum(values, 0.0), minlength=rule.tier_count)
        try:
            units = segment_units(budget, tier_revenue, core_share, unit)[:-1]
            budgets[BUDGET_COLUMN] = client_budgets(units, tiers, values, unit)
        except XlparetoError:
            gaps.result()  # a gap's error comes first, as when the gaps were made first
            raise
    table = pd.DataFrame({**columns, "Gap to next tier": gaps.result(), **budgets})
    return ClientTable(table, tiers)


def tier_counts_and_revenue(
    numbers: np.ndarray, rule: TierRule, order: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per tier: client counts, Σ r⁺, and the tier index of every number (``order``: a
    descending order of ``numbers`` already computed, so they are not sorted again)."""
    if order is None:
        ranked = rank_population(numbers)
    else:
        ranked = rank_population(numbers[order], presorted=True)
        ranked.order = order
    tiers = np.empty(ranked.order.size, dtype=np.intp)
    tiers[ranked.order] = rule.ranked_tier_index(ranked)
    counts = np.bincount(tiers, minlength=rule.tier_count)
    revenue = np.bincount(tiers, np.maximum(numbers, 0.0), minlength=rule.tier_count)
    return counts, revenue, tiers


def tier_counts_from_ranked(
    numbers: np.ndarray, rule: TierRule, order: np.ndarray, ranked_tiers: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`tier_counts_and_revenue` from tiers already worked out in rank order
    (``ranked_tiers[i]`` is the tier of ``numbers[order[i]]``): the limits are not computed
    again. Falls back to computing them when the tiers do not cover every number."""
    if ranked_tiers.size != numbers.size:
        return tier_counts_and_revenue(numbers, rule, order)
    tiers = np.empty(order.size, dtype=np.intp)
    tiers[order] = ranked_tiers
    counts = np.bincount(tiers, minlength=rule.tier_count)
    revenue = np.bincount(tiers, np.maximum(numbers, 0.0), minlength=rule.tier_count)
    return counts, revenue, tiers


def tier_summary(
    numbers: np.ndarray,
    rule: TierRule,
    counted: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    """The PARETO_SUMMARY table: one row per tier and a Total row (``counted``: the result
    of :func:`tier_counts_and_revenue` when already computed)."""
    numbers = np.asarray(numbers, dtype=float)
    counts, revenue, tiers = counted or tier_counts_and_revenue(numbers, rule)
    total = revenue.sum()
    rows = []
    for index, label in enumerate(rule.labels):
        members = numbers[tiers == index]
        low, high = (float(members.min()), float(members.max())) if members.size else ("", "")
        rows.append(
            [
                label,
                int(counts[index]),
                counts[index] / numbers.size,
                float(revenue[index]),
                revenue[index] / total,
                low,
                high,
            ]
        )
    rows.append(
        [
            "Total",
            int(numbers.size),
            1.0,
            float(total),
            1.0,
            float(numbers.min()),
            float(numbers.max()),
        ]
    )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
