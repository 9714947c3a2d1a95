"""The v2 parts of an analysis: growth (bridge, NRR/GRR, returns), profit and the pipeline.

Each part is computed from the cleaned client list (and, for the pipeline, the prospect
list) by the section's own engine module; what a part cannot show for the data it got
(no prior revenue, no costs, no profit, no prospect that fits) is not an error of the
whole analysis but a one-line ``note`` that the part's output sheet shows instead.

Examples
--------
>>> growth = growth_part(np.array([100.0, 50, 0]), np.array([130.0, 40, 20]), None, None)
>>> round(growth.nrr, 4), round(growth.grr, 4), growth.note
(1.1333, 0.9333, None)
>>> growth_part(np.array([0.0]), np.array([5.0]), None, None).note
'before: no positive revenue in the prior period'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.engine.bridge import NO_PRIOR_REVENUE, bridge_with_total, growth_bridge
from xlpareto.engine.intake import numeric_or_nan
from xlpareto.engine.profit import client_costs, whale_curve_of, whale_frame
from xlpareto.engine.prospects import (
    DEFAULT_MIN_FIT,
    PIPELINE_COLUMNS,
    pipeline_metrics,
    pipeline_table,
)
from xlpareto.engine.returns import (
    SPEND_NAMES,
    Returns,
    returns_sentence,
    returns_table,
    spend_returns,
)
from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.text import check_whole_characters
from xlpareto.engine.tiers import TierRule
from xlpareto.errors import XlparetoError

#: The prospect list's columns, as the engine names them (the Prospects table's headers).
PROSPECT_NAME, EXPECTED, FIT, PROBABILITY = PIPELINE_COLUMNS[1:5]


@dataclass(frozen=True)
class GrowthPart:
    """Where last period's change came from (SPEC sections 7 and 8).

    Attributes
    ----------
    bridge : the bridge by prior tier (``PARETO_BRIDGE``), None without prior revenue.
    returns : the returns table (``PARETO_RETURNS``), None without prior revenue.
    spend : the returns per side, for :meth:`sentence`.
    nrr, grr : net and gross revenue retention (None without prior revenue).
    note : why there is no bridge, else None.
    """

    bridge: pd.DataFrame | None
    returns: pd.DataFrame | None
    spend: Returns | None
    nrr: float | None
    grr: float | None
    note: str | None

    def sentence(self, core_share: float, names: tuple[str, str] = SPEND_NAMES) -> str | None:
        """The returns sentence (the spend inputs named as the surface names them)."""
        return None if self.spend is None else returns_sentence(self.spend, core_share, names)


def growth_part(
    before: np.ndarray,
    after: np.ndarray,
    spend_existing: float | None,
    spend_new: float | None,
    rule: TierRule | None = None,
    tiers: np.ndarray | None = None,
) -> GrowthPart:
    """The growth part for per-client prior (``before``) and current (``after``) revenue
    (``tiers``: the prior tier of each client when already worked out, see
    :func:`~xlpareto.engine.bridge.bridge_with_total`)."""
    # the tier bridge's Total row is the bridge over all rows: worked out once
    bridge = None
    try:
        if rule is not None:
            bridge, sums = bridge_with_total(before, after, rule, tiers)
        else:
            sums = None
    except XlparetoError:  # e.g. no prior revenue to tier: an error only when there is some
        sums = growth_bridge(before, after)
        if sums.start > 0:
            raise
    if sums is None:
        sums = growth_bridge(before, after)
    if not sums.start > 0:
        return GrowthPart(None, None, None, None, None, NO_PRIOR_REVENUE)
    spend = spend_returns(before, after, spend_existing, spend_new, sums)
    return GrowthPart(
        bridge=bridge,
        returns=returns_table(spend),
        spend=spend,
        nrr=sums.nrr,
        grr=sums.grr,
        note=None,
    )


@dataclass(frozen=True)
class ProfitPart:
    """Which clients cost more than they bring (SPEC section 9).

    Attributes
    ----------
    cost, profit : per client of the cleaned list, in its order.
    whale : the whale table (``PARETO_WHALE``), None when the total profit is not positive.
    whale_peak, total_profit : the curve's peak and ``P`` (None without a whale table).
    loss_makers : clients with profit < 0.
    note : why there is no whale table, else None.
    """

    cost: np.ndarray
    profit: np.ndarray
    whale: pd.DataFrame | None
    whale_peak: float | None
    total_profit: float | None
    loss_makers: int
    note: str | None


def profit_part(
    clients: np.ndarray,
    revenue: np.ndarray,
    costs: np.ndarray | None,
    hours: np.ndarray | None,
    hourly_cost: float | None,
) -> ProfitPart:
    """The profit part of a cleaned client list (costs/hours per client, NaN = blank)."""
    revenue = np.asarray(revenue, dtype=float)
    cost = client_costs(revenue, costs, hours, hourly_cost)
    with np.errstate(over="ignore"):  # an overflow is the whale curve's error, as before
        profit = revenue - cost
    loss_makers = int(np.count_nonzero(profit < 0))
    try:  # the costs and profits above, not worked out a second time
        curve = whale_curve_of(revenue, cost, profit)
    except XlparetoError as error:
        return ProfitPart(cost, profit, None, None, None, loss_makers, str(error))
    return ProfitPart(
        cost=cost,
        profit=profit,
        whale=whale_frame(clients, curve),
        whale_peak=curve.peak,
        total_profit=curve.total_profit,
        loss_makers=loss_makers,
        note=None,
    )


@dataclass(frozen=True)
class PipelinePart:
    """Where the new-business money goes (SPEC section 10).

    Attributes
    ----------
    table : the pipeline plan (``PIPELINE_COLUMNS``); Budget blank when there is no
        new-business budget or no prospect reaches ``min_fit``.
    weighted_pipeline : Σ Expected revenue × Probability.
    prospects_funded : prospects with a budget > 0 (None without a budget split).
    note : why the budget is not split, else None.
    """

    table: pd.DataFrame
    weighted_pipeline: float
    prospects_funded: int | None
    note: str | None


def has_prospects(prospects: Any) -> bool:
    """True when a prospect list has at least one row with a numeric Expected revenue (an
    empty Prospects table is no input: the Pipeline sheet then says so).

    Examples
    --------
    >>> has_prospects({"Expected revenue": [None, ""]}), has_prospects({"Expected revenue": [5]})
    (False, True)
    """
    if isinstance(prospects, Mapping) and PROSPECT_NAME in prospects:  # before pandas reads it
        check_whole_characters(list(prospects[PROSPECT_NAME]), "prospects")
    frame = pd.DataFrame(prospects)
    return EXPECTED in frame and bool(np.isfinite(numeric_or_nan(frame[EXPECTED])).any())


def pipeline_part(
    prospects: Any,
    total: float | None,
    min_fit: float = DEFAULT_MIN_FIT,
    unit: float = DEFAULT_UNIT,
) -> PipelinePart:
    """The pipeline for a prospect list (a DataFrame or mapping with the columns Prospect,
    Expected revenue, Fit and optionally Probability) and the new-business budget ``total``.
    """
    frame = pd.DataFrame(prospects)
    missing = [name for name in (PROSPECT_NAME, EXPECTED, FIT) if name not in frame]
    if missing:
        raise XlparetoError(f"prospects: no {', '.join(missing)} column")
    names = frame[PROSPECT_NAME].to_numpy(dtype=object)
    expected = numeric_or_nan(frame[EXPECTED])
    fit = numeric_or_nan(frame[FIT])
    probability = numeric_or_nan(frame[PROBABILITY]) if PROBABILITY in frame else None
    note = None
    try:
        table = pipeline_table(names, expected, fit, probability, total, min_fit, unit)
        funded = pipeline_metrics(expected, fit, probability, min_fit, total, unit)
    except XlparetoError as error:
        if total is None or "min_fit" not in str(error):
            raise
        note = str(error)
        table = pipeline_table(names, expected, fit, probability, None, min_fit, unit)
        funded = pipeline_metrics(expected, fit, probability, min_fit, None, unit)
    return PipelinePart(table, funded.weighted_pipeline, funded.prospects_funded, note)
