"""The v1 worksheet functions (SPEC section 2): tiers, shares, ranks, gaps, the Pareto table,
the tier summary, concentration metrics, the migration matrix and the budget splits."""

from __future__ import annotations

from typing import Any

from xlpareto.conversion import (
    frame_rows,
    is_missing,
    read_cells,
    read_population,
    read_scalar_number,
    read_texts,
    read_tier_rule,
    read_weights,
    scatter,
)
from xlpareto.engine import budget as budget_model
from xlpareto.engine import metrics
from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.engine.gap import gaps_to_next_tier
from xlpareto.engine.migration import CORNER, migration_table
from xlpareto.engine.population import check_positive_total
from xlpareto.engine.queries import Query, query_context
from xlpareto.engine.splits import DEFAULT_UNIT, split_total
from xlpareto.engine.tables import client_table, tier_counts_and_revenue, tier_summary
from xlpareto.errors import XlparetoError
from xlpareto.udfs.declarations import (
    DOC_CUTOFFS,
    DOC_LABELS,
    DOC_REVENUE,
    DOC_REVENUES,
    DOC_UNIT,
    RANGE,
    argument,
    worksheet_function,
)


def _per_value(revenue: Any, revenues: Any, query: Query) -> Any:
    """Apply ``query`` to each counted value of ``revenue`` within its population.

    With ``revenues`` omitted (or blank), ``revenue`` is itself the population. Results take
    the shape of ``revenue``; ignored positions get ``""``.
    """
    population = None if is_missing(revenues) else read_cells(revenues, "revenues").numbers
    cells = read_cells(revenue, "revenue")
    if cells.is_scalar and not cells.counted[0]:
        return ""
    return scatter(query(query_context(cells.numbers, population)), cells)


@worksheet_function
@argument("revenue", doc=DOC_REVENUE, **RANGE)
@argument("revenues", doc=DOC_REVENUES, **RANGE)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
@argument("labels", doc=DOC_LABELS, **RANGE)
def PARETO_TIER(revenue: Any, revenues: Any = None, cutoffs: Any = None, labels: Any = None) -> Any:
    """Pareto tier (A, B, C …) of a client's revenue: clients before 80 % of the cumulative
    revenue are A, before 95 % B, the rest C."""
    rule = read_tier_rule(cutoffs, labels)
    return _per_value(revenue, revenues, lambda q: rule.label(q.tier_index(rule)))


@worksheet_function
@argument("revenue", doc=DOC_REVENUE, **RANGE)
@argument("revenues", doc=DOC_REVENUES, **RANGE)
def PARETO_SHARE(revenue: Any, revenues: Any = None) -> Any:
    """Cumulative revenue share up to and including this client (SUMIF(range,">="&x)/SUM)."""
    return _per_value(revenue, revenues, lambda q: q.share)


@worksheet_function
@argument("revenue", doc=DOC_REVENUE, **RANGE)
@argument("revenues", doc=DOC_REVENUES, **RANGE)
def PARETO_RANK(revenue: Any, revenues: Any = None) -> Any:
    """Rank of a revenue, largest = 1; tied revenues share the smallest rank (RANK.EQ)."""
    return _per_value(revenue, revenues, lambda q: q.rank)


@worksheet_function
@argument("revenue", doc=DOC_REVENUE, **RANGE)
@argument("revenues", doc=DOC_REVENUES, **RANGE)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
def PARETO_GAP(revenue: Any, revenues: Any = None, cutoffs: Any = None) -> Any:
    """Extra revenue (whole cents) a client needs to move up at least one tier; 0 for the top
    tier."""
    rule = read_tier_rule(cutoffs)
    return _per_value(
        revenue,
        revenues,
        lambda q: gaps_to_next_tier(q.population, rule, q.values, q.in_population),
    )


@worksheet_function
@argument("clients", doc="Client names, one per revenue.", **RANGE)
@argument("revenues", doc="Client revenues.", **RANGE)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
@argument("labels", doc=DOC_LABELS, **RANGE)
@argument("budget", doc="Optional budget to split over the clients by tier.", **RANGE)
@argument(
    "core_share",
    doc=f"Share of the budget for existing clients (default {DEFAULT_CORE_SHARE:g}).",
    **RANGE,
)
def PARETO_TABLE(
    clients: Any,
    revenues: Any,
    cutoffs: Any = None,
    labels: Any = None,
    budget: Any = None,
    core_share: Any = None,
) -> Any:
    """Spilled Pareto table: Rank, Client, Revenue, Share, Cumulative share, Tier, Gap to next
    tier (and Budget), sorted by rank."""
    rule = read_tier_rule(cutoffs, labels)
    cells = read_cells(revenues, "revenues")
    names = read_texts(clients, "clients")
    if len(names) != len(cells):
        raise XlparetoError(
            f"clients and revenues must have the same length ({len(names)} vs {len(cells)})"
        )
    total = None if is_missing(budget) else read_scalar_number(budget, "budget")
    share = read_scalar_number(core_share, "core_share", DEFAULT_CORE_SHARE)
    check_positive_total(cells.numbers)
    table, _ = client_table(names, cells.values, rule, total, share)
    return frame_rows(table)


@worksheet_function
@argument("revenues", doc="Client revenues.", **RANGE)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
@argument("labels", doc=DOC_LABELS, **RANGE)
def PARETO_SUMMARY(revenues: Any, cutoffs: Any = None, labels: Any = None) -> Any:
    """Tier summary: clients, % of clients, revenue, % of revenue, min and max per tier."""
    rule = read_tier_rule(cutoffs, labels)
    return frame_rows(tier_summary(read_population(revenues), rule))


@worksheet_function
@argument("revenues", doc="Client revenues.", **RANGE)
@argument(
    "fraction",
    doc=f"Fraction of top clients (default {metrics.DEFAULT_TOP_FRACTION:g} = top "
    f"{metrics.DEFAULT_TOP_FRACTION * 100:g} %).",
    **RANGE,
)
def PARETO_TOP_SHARE(revenues: Any, fraction: Any = None) -> float:
    """Share of revenue that comes from the top 20 % (or 'fraction') of clients."""
    numbers = read_population(revenues)
    return metrics.top_share(
        numbers, read_scalar_number(fraction, "fraction", metrics.DEFAULT_TOP_FRACTION)
    )


@worksheet_function
@argument("revenues", doc="Client revenues.", **RANGE)
def PARETO_RATIO(revenues: Any) -> float:
    """Pareto ratio x: x of the clients bring 1 − x of the revenue (0.2 means 20/80)."""
    return metrics.pareto_ratio(read_population(revenues))


@worksheet_function
@argument("revenues", doc="Client revenues.", **RANGE)
def PARETO_GINI(revenues: Any) -> float:
    """Gini coefficient of revenue concentration (0 = equal, near 1 = one client has all)."""
    return metrics.gini(read_population(revenues))


@worksheet_function
@argument("revenues", doc="Client revenues.", **RANGE)
def PARETO_HHI(revenues: Any) -> float:
    """Herfindahl–Hirschman index of revenue shares, 0–1 scale (1 = a single client)."""
    return metrics.hhi(read_population(revenues))


@worksheet_function
@argument("before", doc="Revenues of the earlier period, one per client row.", **RANGE)
@argument("after", doc="Revenues of the later period, same client rows.", **RANGE)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
@argument("labels", doc=DOC_LABELS, **RANGE)
def PARETO_MIGRATION(before: Any, after: Any, cutoffs: Any = None, labels: Any = None) -> Any:
    """Tier-migration matrix between two periods: rows = tier before + New, columns = tier
    after + Lost, cells = client counts."""
    rule = read_tier_rule(cutoffs, labels)
    earlier = read_cells(before, "before")
    later = read_cells(after, "after")
    if len(earlier) != len(later):
        raise XlparetoError(
            f"before and after must have the same length ({len(earlier)} vs {len(later)})"
        )
    table = migration_table(earlier.values, later.values, rule)
    return frame_rows(table, corner=CORNER)


@worksheet_function
@argument("total", doc="Amount to split (a multiple of unit).", **RANGE)
@argument("weights", doc="Weights, one per part (≥ 0).", **RANGE)
@argument("unit", doc=DOC_UNIT, **RANGE)
def BUDGET_SPLIT(total: Any, weights: Any, unit: Any = None) -> Any:
    """Split a total by weights into whole units that add up exactly (largest remainder)."""
    amount = read_scalar_number(total, "total")
    step = read_scalar_number(unit, "unit", DEFAULT_UNIT)
    cells = read_weights(weights)
    return scatter(split_total(amount, cells.numbers, step), cells)


@worksheet_function
@argument("total", doc="Sales and marketing budget to split.", **RANGE)
@argument("revenues", doc="Client revenues.", **RANGE)
@argument(
    "core_share",
    doc=f"Share for existing clients (default {DEFAULT_CORE_SHARE:g}); rest: new business.",
    **RANGE,
)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
@argument("labels", doc=DOC_LABELS, **RANGE)
@argument("unit", doc=DOC_UNIT, **RANGE)
def PARETO_BUDGET(
    total: Any,
    revenues: Any,
    core_share: Any = None,
    cutoffs: Any = None,
    labels: Any = None,
    unit: Any = None,
) -> Any:
    """Budget by segment: the core share to A, B, C clients by tier revenue, the rest to new
    business; exact to the unit."""
    rule = read_tier_rule(cutoffs, labels)
    numbers = read_population(revenues)
    counts, tier_revenue, _ = tier_counts_and_revenue(numbers, rule)
    table = budget_model.budget_table(
        read_scalar_number(total, "total"),
        counts,
        tier_revenue,
        rule.labels,
        read_scalar_number(core_share, "core_share", DEFAULT_CORE_SHARE),
        read_scalar_number(unit, "unit", DEFAULT_UNIT),
    )
    return frame_rows(table)
