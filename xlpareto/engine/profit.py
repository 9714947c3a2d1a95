"""Profitability (SPEC section 9): cost to serve, profit, the whale curve and loss makers.

``cost = cost_to_serve + hours × hourly_cost`` (NaN – a blank cell – counts as 0) and
``profit = revenue − cost`` on the raw revenue. Rows whose revenue is NaN (ignored) are left
out of everything, and their cost and hours cells are not checked.

The whale curve orders the counted rows by profit, largest first, ties in input order:
``W_k = Σ_{j≤k} p_j / P``. Its cumulative sums are divided by their own last value, so the
last share is exactly 1 and, without loss makers, no share exceeds 1; ``P`` (the total
profit reported) is exactly rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from xlpareto.engine.checks import (
    as_row_values,
    check_amount,
    check_finite_result,
    check_not_negative,
    check_same_length,
)
from xlpareto.engine.exact import exact_total
from xlpareto.engine.population import largest_first
from xlpareto.engine.text import text_choices
from xlpareto.errors import XlparetoError

WHALE_COLUMNS = ("Rank", "Client", "Revenue", "Cost", "Profit", "Cumulative profit share", "Class")
PROFIT_MAKER = "Profit maker"
BREAK_EVEN = "Break-even"
LOSS_MAKER = "Loss maker"
NO_PROFIT = "costs: total profit is not positive (the whale curve needs a profit)"


def client_costs(
    revenue: object,
    costs: object | None = None,
    hours: object | None = None,
    hourly_cost: float | None = None,
) -> np.ndarray:
    """Cost per row, NaN where ``revenue`` is NaN (an uncounted row).

    Parameters
    ----------
    revenue : per-row revenue (NaN = ignored row).
    costs : per-row cost to serve (NaN = blank = 0), ≥ 0 and finite in counted rows.
    hours : per-row hours (NaN = blank = 0), ≥ 0 and finite in counted rows.
    hourly_cost : cost of one hour, finite ≥ 0; required when a counted row has hours.

    Examples
    --------
    >>> client_costs([100, 50, float("nan")], [10, float("nan"), 5], [2, 1, 1], 20.0).tolist()
    [50.0, 20.0, nan]
    """
    revenue_values = as_row_values(revenue, "revenues")
    counted = ~np.isnan(revenue_values)
    total = np.zeros(revenue_values.size)
    rate = check_amount(hourly_cost, "hourly_cost")
    named = [("revenues", revenue_values)]
    named += [
        (name, _column(v, name))
        for name, v in (("costs", costs), ("hours", hours))
        if v is not None
    ]
    check_same_length(named)
    for name, values in named[1:]:
        used = counted & ~np.isnan(values)  # cells of uncounted rows are not checked
        bad = used & ~np.isfinite(values)
        if bad.any():
            position = int(np.flatnonzero(bad)[0]) + 1
            raise XlparetoError(f"{name}: infinite value at position {position}")
        check_not_negative(values, name, used)
        values = np.where(used, values, 0.0)
        if name == "hours" and used.any():
            if rate is None:
                raise XlparetoError("hourly_cost: required when hours are given")
            with np.errstate(over="ignore"):  # an overflow is reported just below
                values = values * rate
        with np.errstate(over="ignore"):
            total += values
    check_finite_result(total, "costs", "cost")
    total[~counted] = np.nan
    return total


def _column(values: object, name: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise XlparetoError(f"{name}: expected numbers") from None


def client_profits(
    revenue: object,
    costs: object | None = None,
    hours: object | None = None,
    hourly_cost: float | None = None,
) -> np.ndarray:
    """``revenue − cost`` per row (NaN where revenue is ignored).

    Examples
    --------
    >>> client_profits([100, -5, float("nan")], [30, 0, 0]).tolist()
    [70.0, -5.0, nan]
    """
    revenue_values = as_row_values(revenue, "revenues")
    with np.errstate(over="ignore"):  # an overflow is reported just below
        profits = revenue_values - client_costs(revenue_values, costs, hours, hourly_cost)
    check_finite_result(profits, "costs", "profit")
    return profits


def profit_classes(profits: np.ndarray) -> np.ndarray:
    """``"Profit maker"`` (p > 0), ``"Break-even"`` (p = 0), ``"Loss maker"`` (p < 0).

    Examples
    --------
    >>> profit_classes(np.array([3.0, 0, -1])).tolist()
    ['Profit maker', 'Break-even', 'Loss maker']
    """
    names = np.asarray([LOSS_MAKER, BREAK_EVEN, PROFIT_MAKER], dtype=object)
    return names[np.sign(profits).astype(np.intp) + 1]


@dataclass(frozen=True)
class WhaleCurve:
    """Counted rows in whale order (profit descending, ties in input order).

    Attributes
    ----------
    order : 0-based input position of each row, in whale order.
    revenue, cost, profit : values in whale order.
    rank : ``RANK.EQ`` of profit (ties share the smallest rank).
    cumulative_share : ``W_k`` of each position.
    total_profit : ``P`` (exactly rounded).
    """

    order: np.ndarray
    revenue: np.ndarray
    cost: np.ndarray
    profit: np.ndarray
    rank: np.ndarray
    cumulative_share: np.ndarray
    total_profit: float

    @property
    def peak(self) -> float:
        """``max_k W_k``: 1 without loss makers, above 1 with some."""
        return float(self.cumulative_share.max())

    @property
    def loss_makers(self) -> int:
        """Number of rows with profit < 0."""
        return int(np.count_nonzero(self.profit < 0))

    @property
    def classes(self) -> np.ndarray:
        """Class of each position (see :func:`profit_classes`)."""
        return profit_classes(self.profit)


def whale_curve(
    revenue: object,
    costs: object | None = None,
    hours: object | None = None,
    hourly_cost: float | None = None,
) -> WhaleCurve:
    """The whale curve of the counted rows; ``P ≤ 0`` is an error.

    Examples
    --------
    >>> curve = whale_curve([100, 40, 10, 30], [40, 10, 30, 0])
    >>> curve.order.tolist(), curve.profit.tolist(), curve.rank.tolist()
    ([0, 1, 3, 2], [60.0, 30.0, 30.0, -20.0], [1, 2, 2, 4])
    >>> curve.cumulative_share.tolist(), curve.peak, curve.loss_makers
    ([0.6, 0.9, 1.2, 1.0], 1.2, 1)
    """
    revenue_values = as_row_values(revenue, "revenues")
    cost = client_costs(revenue_values, costs, hours, hourly_cost)
    with np.errstate(over="ignore"):  # an overflow is reported just below
        every_profit = revenue_values - cost
    return whale_curve_of(revenue_values, cost, every_profit)


def whale_curve_of(revenue: np.ndarray, cost: np.ndarray, every_profit: np.ndarray) -> WhaleCurve:
    """:func:`whale_curve` of per-row ``revenue`` (floats, NaN = ignored) whose
    :func:`client_costs` and ``revenue − cost`` are already worked out (not again).

    Examples
    --------
    >>> revenue, cost = np.array([10.0, 50]), np.array([20.0, 10])
    >>> whale_curve_of(revenue, cost, revenue - cost).order.tolist()
    [1, 0]
    """
    revenue_values = revenue
    check_finite_result(every_profit, "costs", "profit")
    counted = np.flatnonzero(~np.isnan(revenue_values))
    profit = every_profit[counted]
    total_profit = exact_total(profit, "costs")
    if not total_profit > 0:
        raise XlparetoError(NO_PROFIT)
    whale = largest_first(profit)
    profit = profit[whale]
    with np.errstate(over="ignore"):
        cumulative = np.cumsum(profit)
    if not np.isfinite(cumulative).all():
        raise XlparetoError("costs: the profits are too large to add up")
    last = cumulative[-1] if cumulative[-1] > 0 else total_profit
    share = cumulative / last
    share[-1] = 1.0
    first = np.ones(profit.size, dtype=bool)
    first[1:] = profit[1:] != profit[:-1]
    rank = np.arange(1, profit.size + 1) * first
    np.maximum.accumulate(rank, out=rank)
    order = counted[whale]
    return WhaleCurve(
        order=order,
        revenue=revenue_values[order],
        cost=cost[order],
        profit=profit,
        rank=rank,
        cumulative_share=share,
        total_profit=total_profit,
    )


def whale_peak(
    revenue: object,
    costs: object | None = None,
    hours: object | None = None,
    hourly_cost: float | None = None,
) -> float:
    """The whale curve's peak ``max_k W_k``.

    Examples
    --------
    >>> whale_peak([100, 10], [20, 30])
    1.3333333333333333
    """
    return whale_curve(revenue, costs, hours, hourly_cost).peak


def loss_maker_count(
    revenue: object,
    costs: object | None = None,
    hours: object | None = None,
    hourly_cost: float | None = None,
) -> int:
    """Number of counted rows with profit < 0 (no total-profit requirement).

    Examples
    --------
    >>> loss_maker_count([100, 10, float("nan")], [120, 30, 999])
    2
    """
    return int(np.count_nonzero(client_profits(revenue, costs, hours, hourly_cost) < 0))


def whale_table(
    clients: Sequence[object] | np.ndarray,
    revenue: object,
    costs: object | None = None,
    hours: object | None = None,
    hourly_cost: float | None = None,
) -> pd.DataFrame:
    """The PARETO_WHALE table (columns :data:`WHALE_COLUMNS`), one row per counted client.

    Examples
    --------
    >>> table = whale_table(["a", "b", "c"], [100, 10, 50], [20, 30, 10])
    >>> table.values.tolist()
    [[1, 'a', 100.0, 20.0, 80.0, 0.8, 'Profit maker'], [2, 'c', 50.0, 10.0, 40.0, 1.2, \
'Profit maker'], [3, 'b', 10.0, 30.0, -20.0, 1.0, 'Loss maker']]
    """
    names = np.asarray(clients, dtype=object).ravel()
    revenue_values = as_row_values(revenue, "revenues")
    check_same_length([("clients", names), ("revenues", revenue_values)])
    return whale_frame(names, whale_curve(revenue_values, costs, hours, hourly_cost))


def whale_frame(
    names: np.ndarray | pd.api.extensions.ExtensionArray, curve: WhaleCurve
) -> pd.DataFrame:
    """The PARETO_WHALE table of an already computed ``curve`` (``names``: one per client,
    in the order the curve's revenues were given).

    Examples
    --------
    >>> whale_frame(np.array(["a", "b"]), whale_curve([10, 50], [20, 10]))["Client"].tolist()
    ['b', 'a']
    """
    columns = (
        curve.rank,
        names[curve.order],
        curve.revenue,
        curve.cost,
        curve.profit,
        curve.cumulative_share,
        # the class labels taken as pandas text from the three choices (as profit_classes)
        text_choices(
            [LOSS_MAKER, BREAK_EVEN, PROFIT_MAKER], np.sign(curve.profit).astype(np.intp) + 1
        ),
    )
    return pd.DataFrame(dict(zip(WHALE_COLUMNS, columns, strict=True)))
