"""``analyze``: the whole client analysis in one call, for the refresh, the CLI and scripts."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.engine import metrics
from xlpareto.engine.budget import DEFAULT_CORE_SHARE, budget_table
from xlpareto.engine.columns import (
    BUDGET_COLUMN,
    COST_COLUMN,
    MOVEMENT_COLUMN,
    PRIOR_TIER_COLUMN,
    PROFIT_COLUMN,
)
from xlpareto.engine.intake import ClientList, IntakeReport, prepare_clients
from xlpareto.engine.migration import migration_table
from xlpareto.engine.money import (
    GrowthPart,
    PipelinePart,
    ProfitPart,
    growth_part,
    has_prospects,
    pipeline_part,
    profit_part,
)
from xlpareto.engine.parallel import parts_executor
from xlpareto.engine.population import Population, Ranked, largest_first, rank_population
from xlpareto.engine.prospects import DEFAULT_MIN_FIT
from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.tables import (
    client_table,
    tier_counts_from_ranked,
    tier_summary,
)
from xlpareto.engine.text import text_array, text_choices
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
    metrics : clients, revenue, top 20 % share, Pareto ratio, Gini, HHI, largest share;
        with a prior period ``nrr`` and ``grr``; with costs ``whale_peak``, ``loss_makers``
        and ``total_profit``; with prospects ``weighted_pipeline`` and ``prospects_funded``
        (None where the part has no figure, e.g. no budget to split).
    rule : the tier rule used.
    intake : what cleaning skipped and merged.
    growth : bridge, returns and retention (SPEC 7–8), None without a prior period.
    profit : costs, profit and the whale curve (SPEC 9), None without costs or hours.
    pipeline : the prospects' plan (SPEC 10), None without a prospect list.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    budget: pd.DataFrame | None
    migration: pd.DataFrame | None
    metrics: dict[str, float]
    rule: TierRule
    intake: IntakeReport = field(default_factory=lambda: IntakeReport(rows_read=0))
    growth: GrowthPart | None = None
    profit: ProfitPart | None = None
    pipeline: PipelinePart | None = None

    @property
    def bridge(self) -> pd.DataFrame | None:
        """The growth bridge by prior tier (``PARETO_BRIDGE``), or None."""
        return None if self.growth is None else self.growth.bridge

    @property
    def returns(self) -> pd.DataFrame | None:
        """The return-on-spend table (``PARETO_RETURNS``), or None."""
        return None if self.growth is None else self.growth.returns

    @property
    def whale(self) -> pd.DataFrame | None:
        """The whale table (``PARETO_WHALE``), or None."""
        return None if self.profit is None else self.profit.whale


def _movement(prior_tier: np.ndarray, tier: np.ndarray, revenue: np.ndarray) -> np.ndarray:
    had = prior_tier >= 0
    has = revenue > 0
    choice = np.select(
        [
            had & has & (tier < prior_tier),
            had & has & (tier > prior_tier),
            had & has,
            ~had & has,
            had & ~has,
        ],
        [0, 1, 2, 3, 4],
        5,
    )
    return text_choices(["up", "down", "same", "new", "lost", ""], choice)


def concentration_metrics(
    numbers: np.ndarray, descending: np.ndarray | None = None
) -> dict[str, float]:
    """The headline KPIs of a revenue population (``descending``: ``numbers`` already sorted
    largest first, so they are not sorted again)."""
    return {
        "clients": int(numbers.size),
        "revenue": float(np.maximum(numbers, 0).sum()),
        **metrics.headline_metrics(numbers, descending),
    }


def _ranked_table(
    names: Any,
    numbers: np.ndarray,
    rule: TierRule,
    budget: float | None,
    core_share: float,
    unit: float,
    pool: Executor,
) -> tuple[pd.DataFrame, np.ndarray, Ranked, np.ndarray]:
    """The client table in rank order, its tiers, the ranked population and the order."""
    # the analysis' one sort (ties in input order): the table, the prior tiers, the profit
    # columns, the budget and the summary all take their rank order from it
    order = largest_first(numbers)
    ranked = rank_population(numbers[order], presorted=True)  # shared with the migration
    table, tiers = client_table(
        names, numbers, rule, budget, core_share, unit, order=order, ranked=ranked, pool=pool
    )
    if BUDGET_COLUMN not in table:
        table[BUDGET_COLUMN] = ""
    return table, tiers, ranked, order


def _prior_part(
    client_list: ClientList,
    rule: TierRule,
    spend_existing: float | None,
    spend_new: float | None,
) -> tuple[Population | None, np.ndarray, GrowthPart]:
    """The prior period tiered once on its own values (the table's prior tiers, the
    migration and the bridge) and the growth part."""
    before = client_list.migration_before
    prior_population = None
    if (before > 0).any():
        prior_population = Population(before[~np.isnan(before)])
    prior_tiers = period_tiers(before, rule, population=prior_population)
    growth = growth_part(
        before, client_list.migration_after, spend_existing, spend_new, rule, prior_tiers
    )
    return prior_population, prior_tiers, growth


def analyze_clients(
    client_list: ClientList,
    rule: TierRule,
    budget: float | None = None,
    core_share: float = DEFAULT_CORE_SHARE,
    unit: float = DEFAULT_UNIT,
    *,
    hourly_cost: float | None = None,
    spend_existing: float | None = None,
    spend_new: float | None = None,
    prospects: Any = None,
    min_fit: float = DEFAULT_MIN_FIT,
) -> Analysis:
    """Analyse an already cleaned :class:`ClientList` (see :func:`analyze`)."""
    numbers = client_list.revenue
    with parts_executor(numbers.size) as pool:
        # the prior period's tiers and bridge and the profit part need nothing of the rank
        # order below: worked out alongside it (numpy's sorts, searches and Arrow's takes
        # release the GIL), each result taken where the one-thread order would use it, so
        # the same error is raised first
        prior_future = profit_future = None
        if client_list.prior is not None:
            prior_future = pool.submit(_prior_part, client_list, rule, spend_existing, spend_new)
        names = text_array(client_list.clients)
        if client_list.costs is not None or client_list.hours is not None:
            profit_future = pool.submit(
                profit_part, names, numbers, client_list.costs, client_list.hours, hourly_cost
            )
        table, tiers, ranked, order = _ranked_table(
            names, numbers, rule, budget, core_share, unit, pool
        )
        migration = None
        descending = table["Revenue"].to_numpy()  # the revenues in rank order: the one sort
        growth = None
        if prior_future is not None:
            before, after = client_list.migration_before, client_list.migration_after
            prior_population, prior_tiers, growth = prior_future.result()
            prior_population_tiers = period_tiers(
                before, rule, client_list.prior[order], population=prior_population
            )
            current = ranked.population  # the table's: its computed limits are not redone
            migration = migration_table(
                before, after, rule, (prior_tiers, period_tiers(after, rule, population=current))
            )
            table[PRIOR_TIER_COLUMN] = rule.text_labels(
                np.where(prior_population_tiers >= 0, prior_population_tiers, rule.tier_count),
                "",
            )
            table[MOVEMENT_COLUMN] = _movement(prior_population_tiers, tiers, descending)
        else:
            table[PRIOR_TIER_COLUMN] = ""
            table[MOVEMENT_COLUMN] = ""
        budget_frame = None
        counted = tier_counts_from_ranked(numbers, rule, order, tiers)
        if budget is not None:
            counts, tier_revenue, _ = counted
            budget_frame = budget_table(budget, counts, tier_revenue, rule.labels, core_share, unit)
        figures: dict[str, Any] = concentration_metrics(numbers, descending)
        if growth is not None:
            figures.update(nrr=growth.nrr, grr=growth.grr)
        profit = None
        if profit_future is not None:
            profit = profit_future.result()
            table[COST_COLUMN] = profit.cost[order]
            table[PROFIT_COLUMN] = profit.profit[order]
            figures.update(
                whale_peak=profit.whale_peak,
                loss_makers=profit.loss_makers,
                total_profit=profit.total_profit,
            )
    pipeline = None
    if prospects is not None and has_prospects(prospects):
        new_business = None
        if budget_frame is not None:
            new_business = float(
                budget_frame.loc[budget_frame["Segment"] == "New business", "Budget"].iloc[0]
            )
        pipeline = pipeline_part(prospects, new_business, min_fit, unit)
        figures.update(
            weighted_pipeline=pipeline.weighted_pipeline,
            prospects_funded=pipeline.prospects_funded,
        )
    return Analysis(
        table=table,
        summary=tier_summary(numbers, rule, counted),
        budget=budget_frame,
        migration=migration,
        metrics=figures,
        rule=rule,
        intake=client_list.report,
        growth=growth,
        profit=profit,
        pipeline=pipeline,
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
    costs: Any = None,
    hours: Any = None,
    hourly_cost: float | None = None,
    spend_existing: float | None = None,
    spend_new: float | None = None,
    prospects: Any = None,
    min_fit: float = DEFAULT_MIN_FIT,
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
    costs, hours : optional cost to serve and hours per row (summed per client); the table
        gains Cost and Profit and the result a whale curve (``profit``, ``whale``).
    hourly_cost : the cost of one hour (required when ``hours`` holds a number).
    spend_existing, spend_new : last period's spend on existing clients and on new
        business, for the returns table (``returns``) and its sentence.
    prospects : a prospect list (DataFrame or mapping with Prospect, Expected revenue, Fit
        and optionally Probability); the plan (``pipeline``) splits the budget's New
        business line over the prospects with ``Fit ≥ min_fit`` (default 0.5).

    Examples
    --------
    >>> result = analyze(["a", "b", "c", "d", "e"], [50, 30, 10, 5, 5])
    >>> result.table["Tier"].tolist()
    ['A', 'A', 'B', 'B', 'B']

    With a prior period, costs and spend:

    >>> result = analyze(["a", "b", "c"], [120, 30, 40], [100, 50, 0], costs=[20, 40, 5],
    ...                  spend_existing=10.0, spend_new=40.0)
    >>> result.bridge["Segment"].tolist()
    ['A clients', 'B clients', 'C clients', 'New clients', 'Total']
    >>> round(result.metrics["nrr"], 4), result.metrics["loss_makers"]
    (1.0, 1)
    >>> result.growth.sentence(0.8)
    'Existing clients returned more per 1.00 spent (2.00 vs 1.00): the evidence supports \
keeping the core share at 80%.'
    """
    rule = make_tier_rule(cutoffs, labels)
    client_list = prepare_clients(clients, revenue, prior, costs=costs, hours=hours)
    return analyze_clients(
        client_list,
        rule,
        budget,
        core_share,
        unit,
        hourly_cost=hourly_cost,
        spend_existing=spend_existing,
        spend_new=spend_new,
        prospects=prospects,
        min_fit=min_fit,
    )
