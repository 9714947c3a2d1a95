"""``analyze``: the whole client analysis in one call, for the refresh, the CLI and scripts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.engine import metrics
from xlpareto.engine.budget import DEFAULT_CORE_SHARE, budget_table
from xlpareto.engine.columns import BUDGET_COLUMN, MOVEMENT_COLUMN, PRIOR_TIER_COLUMN
from xlpareto.engine.intake import ClientList, IntakeReport, prepare_clients
from xlpareto.engine.migration import migration_table
from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.tables import client_table, tier_counts_and_revenue, tier_summary
from xlpareto.engine.tiers import TierRule, make_tier_rule, period_tiers


@dataclass(frozen=True)
class Analysis:
    """Result of :func:`analyze`.

    Attributes
    ----------
    table : one row per client, by rank: Rank, Client, Revenue, Share, Cumulative share, Tier,
        Gap to next tier, Budget, Prior tier, Movement.
    summary : one row per tier and a Total row (see ``PARETO_SUMMARY``).
    budget : the budget table (see ``PARETO_BUDGET``), or None without a budget.
    migration : tier migration matrix (see ``PARETO_MIGRATION``), or None without prior.
    metrics : clients, revenue, top 20 % share, Pareto ratio, Gini, HHI, largest share.
    rule : the tier rule used.
    intake : what cleaning skipped and merged.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    budget: pd.DataFrame | None
    migration: pd.DataFrame | None
    metrics: dict[str, float]
    rule: TierRule
    intake: IntakeReport = field(default_factory=lambda: IntakeReport(rows_read=0))


def _movement(prior_tier: np.ndarray, tier: np.ndarray, revenue: np.ndarray) -> np.ndarray:
    had = prior_tier >= 0
    has = revenue > 0
    return np.select(
        [
            had & has & (tier < prior_tier),
            had & has & (tier > prior_tier),
            had & has,
            ~had & has,
            had & ~has,
        ],
        ["up", "down", "same", "new", "lost"],
        "",
    ).astype(object)


def concentration_metrics(numbers: np.ndarray) -> dict[str, float]:
    """The headline KPIs of a revenue population."""
    return {
        "clients": int(numbers.size),
        "revenue": float(np.maximum(numbers, 0).sum()),
        "top_20_share": metrics.top_share(numbers, metrics.DEFAULT_TOP_FRACTION),
        "pareto_ratio": metrics.pareto_ratio(numbers),
        "gini": metrics.gini(numbers),
        "hhi": metrics.hhi(numbers),
        "largest_share": metrics.largest_share(numbers),
    }


def analyze_clients(
    client_list: ClientList,
    rule: TierRule,
    budget: float | None = None,
    core_share: float = DEFAULT_CORE_SHARE,
    unit: float = DEFAULT_UNIT,
) -> Analysis:
    """Analyse an already cleaned :class:`ClientList` (see :func:`analyze`)."""
    table, tiers = client_table(
        client_list.clients, client_list.revenue, rule, budget, core_share, unit
    )
    if BUDGET_COLUMN not in table:
        table[BUDGET_COLUMN] = ""
    migration = None
    if client_list.prior is not None:
        order = np.argsort(-client_list.revenue, kind="stable")
        # the prior tier of each table row, the prior period tiered on its own values
        prior_population_tiers = period_tiers(
            client_list.migration_before, rule, client_list.prior[order]
        )
        table[PRIOR_TIER_COLUMN] = np.where(
            prior_population_tiers >= 0,
            rule.label(np.maximum(prior_population_tiers, 0)),
            "",
        ).astype(object)
        table[MOVEMENT_COLUMN] = _movement(
            prior_population_tiers, tiers, table["Revenue"].to_numpy()
        )
        migration = migration_table(client_list.migration_before, client_list.migration_after, rule)
    else:
        table[PRIOR_TIER_COLUMN] = ""
        table[MOVEMENT_COLUMN] = ""
    numbers = client_list.revenue
    budget_frame = None
    if budget is not None:
        counts, tier_revenue, _ = tier_counts_and_revenue(numbers, rule)
        budget_frame = budget_table(budget, counts, tier_revenue, rule.labels, core_share, unit)
    return Analysis(
        table=table,
        summary=tier_summary(numbers, rule),
        budget=budget_frame,
        migration=migration,
        metrics=concentration_metrics(numbers),
        rule=rule,
        intake=client_list.report,
    )


def analyze(
    clients: Any,
    revenue: Any,
    prior: Any = None,
    *,
    cutoffs: Sequence[float] | str | None = None,
    labels: Sequence[str] | str | None = None,
    budget: float | None = None,
    core_share: float = DEFAULT_CORE_SHARE,
    unit: float = DEFAULT_UNIT,
) -> Analysis:
    """Run the whole Pareto analysis on a client list.

    Parameters
    ----------
    clients, revenue : client names and revenues (lists, arrays or Series of equal length).
        Duplicate names are summed; rows with a blank or non-numeric revenue are skipped.
    prior : optional prior-period revenues for tier movement and the migration matrix.
    cutoffs : cumulative-share cutoffs, a list, tuple, array or Series of numbers (default
        0.8, 0.95), or ``"computed"``.
    labels : tier labels, a list of texts or one comma-separated text (default A, B, C, …).
    budget : a sales/marketing budget to split across tiers and clients.
    core_share : part of the budget for existing clients (default 0.8).
    unit : budgets are whole multiples of this (default 0.01).

    Examples
    --------
    >>> result = analyze(["a", "b", "c", "d", "e"], [50, 30, 10, 5, 5])
    >>> result.table["Tier"].tolist()
    ['A', 'A', 'B', 'B', 'B']
    """
    rule = make_tier_rule(cutoffs, labels)
    client_list = prepare_clients(clients, revenue, prior)
    return analyze_clients(client_list, rule, budget, core_share, unit)
