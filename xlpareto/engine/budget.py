"""The tier-budget model: the core share to existing clients by tier revenue, the rest to new
business; one exact split across all segments, then per client within each tier."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from xlpareto.engine.splits import DEFAULT_UNIT, decimals_of, grouped_hamilton, hamilton, units_in
from xlpareto.errors import XlparetoError

BUDGET_COLUMNS = (
    "Segment",
    "Clients",
    "Revenue share",
    "Budget share",
    "Budget",
    "Budget per client",
)
#: The default share of the budget for existing clients (the rest goes to new business).
DEFAULT_CORE_SHARE = 0.8
NEW_BUSINESS = "New business"
TOTAL = "Total"


def check_core_share(core_share: float) -> float:
    """Validate the share of the budget for existing clients (0–1)."""
    if not 0 <= core_share <= 1:
        raise XlparetoError(f"core_share: {core_share:g} is not between 0 and 1")
    return float(core_share)


def segment_units(
    total: float, tier_revenue: np.ndarray, core_share: float, unit: float, name: str = "budget"
) -> np.ndarray:
    """Whole units of budget per tier plus new business (last element), exactly ``total``.

    ``name`` is the argument the total came from, for error messages.
    """
    check_core_share(core_share)
    units = units_in(total, unit, name)
    revenue = np.maximum(np.asarray(tier_revenue, dtype=float), 0.0)
    weights = np.append(core_share * revenue / revenue.sum(), 1.0 - core_share)
    if units == 0:
        return np.zeros(weights.size, dtype=np.int64)
    return hamilton(units, weights, "budget")


def per_client_budget(budget: float, clients: int, unit: float) -> float:
    """``budget / clients`` rounded to ``unit`` as Excel's ``ROUND`` does: halves away from
    zero, on the amounts as printed (0.05 / 2 → 0.03 for a unit of 0.01, not 0.02).

    Examples
    --------
    >>> per_client_budget(10.10, 4, 0.01), per_client_budget(160, 3, 0.01)
    (2.53, 53.33)
    """
    step = Decimal(repr(float(unit)))
    units = (Decimal(repr(budget)) / clients / step).to_integral_value(rounding=ROUND_HALF_UP)
    return float(round(float(units * step), decimals_of(unit)))


def budget_table(
    total: float,
    tier_counts: np.ndarray,
    tier_revenue: np.ndarray,
    labels: tuple[str, ...],
    core_share: float = DEFAULT_CORE_SHARE,
    unit: float = DEFAULT_UNIT,
    name: str = "total",
) -> pd.DataFrame:
    """The PARETO_BUDGET table (header = :data:`BUDGET_COLUMNS`); ``name`` is the argument
    ``total`` came from, for error messages."""
    units = segment_units(total, tier_revenue, core_share, unit, name)
    places = decimals_of(unit)
    budget = np.round(units * unit, places)
    counts = np.asarray(tier_counts, dtype=np.int64)
    revenue_share = np.asarray(tier_revenue, dtype=float) / np.sum(tier_revenue)
    per_client = [
        per_client_budget(float(b), int(c), unit) if c else ""
        for b, c in zip(budget[:-1], counts, strict=True)
    ]
    share = budget / total if total > 0 else np.zeros(budget.size)
    rows = [
        [f"{label} clients", int(c), float(rs), float(s), float(b), pc]
        for label, c, rs, s, b, pc in zip(
            labels, counts, revenue_share, share[:-1], budget[:-1], per_client, strict=True
        )
    ]
    rows.append([NEW_BUSINESS, "", "", float(share[-1]), float(budget[-1]), ""])
    rows.append([TOTAL, int(counts.sum()), 1.0, 1.0, float(np.round(total, places)), ""])
    return pd.DataFrame(rows, columns=list(BUDGET_COLUMNS))


def client_budgets(
    tier_units: np.ndarray, tiers: np.ndarray, revenue: np.ndarray, unit: float
) -> np.ndarray:
    """Each client's part of its tier's budget, in proportion to ``r⁺``, exact per tier.

    ``tiers`` and ``revenue`` must be in table order (rank order): equal remainders go to the
    client ranked higher.
    """
    weights = np.maximum(np.asarray(revenue, dtype=float), 0.0)
    parts = grouped_hamilton(np.asarray(tier_units, dtype=np.int64), tiers, weights)
    return np.round(parts * unit, decimals_of(unit))
