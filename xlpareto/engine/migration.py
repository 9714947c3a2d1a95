"""Tier migration between two periods of the same client rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from xlpareto.engine.tiers import TierRule, period_tiers
from xlpareto.errors import XlparetoError

NEW = "New"
LOST = "Lost"
CORNER = "Before \\ After"


def migration_counts(before: np.ndarray, after: np.ndarray, rule: TierRule) -> np.ndarray:
    """Counts matrix: rows = tiers before + New, columns = tiers after + Lost."""
    tiers_before = period_tiers(before, rule, name="before")
    return counts_of_tiers(tiers_before, period_tiers(after, rule, name="after"), rule)


def counts_of_tiers(
    tiers_before: np.ndarray, tiers_after: np.ndarray, rule: TierRule
) -> np.ndarray:
    """:func:`migration_counts` from the :func:`~xlpareto.engine.tiers.period_tiers` of both
    periods (−1 = no positive revenue), already worked out.

    Examples
    --------
    >>> from xlpareto.engine.tiers import make_tier_rule
    >>> counts_of_tiers(np.array([0, 1, -1]), np.array([0, -1, 2]), make_tier_rule())[:, 0]
    array([1, 0, 0, 0])
    """
    if (tiers_before < 0).all() and (tiers_after < 0).all():
        raise XlparetoError("before, after: no positive revenue in either period (the total is 0)")
    k = rule.tier_count
    rows = np.where(tiers_before >= 0, tiers_before, k)
    cols = np.where(tiers_after >= 0, tiers_after, k)
    counted = (tiers_before >= 0) | (tiers_after >= 0)
    flat = rows[counted] * (k + 1) + cols[counted]
    return np.bincount(flat, minlength=(k + 1) ** 2).reshape(k + 1, k + 1)


def migration_table(
    before: np.ndarray,
    after: np.ndarray,
    rule: TierRule,
    tiers: tuple[np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    """The PARETO_MIGRATION matrix as a DataFrame (index = before, columns = after).

    ``tiers``: the period tiers of ``before`` and ``after`` when already worked out.
    """
    if tiers is None:
        counts = migration_counts(before, after, rule)
    else:
        counts = counts_of_tiers(*tiers, rule)
    index = pd.Index([*rule.labels, NEW], name=CORNER)
    return pd.DataFrame(counts, index=index, columns=[*rule.labels, LOST])
