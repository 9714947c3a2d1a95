"""SPEC section 9: cost, profit, the whale curve, its peak and the loss makers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.profit import (
    WHALE_COLUMNS,
    client_costs,
    client_profits,
    loss_maker_count,
    profit_classes,
    whale_curve,
    whale_peak,
    whale_table,
)
from xlpareto.errors import XlparetoError

NAN = float("nan")


def test_cost_is_cost_to_serve_plus_hours_times_rate() -> None:
    # 10 + 2 × 25 = 60; blank cost + 1 × 25 = 25; 5 + blank hours = 5
    costs = client_costs([100, 50, 20], [10, NAN, 5], [2, 1, NAN], 25.0)
    assert costs.tolist() == [60.0, 25.0, 5.0]
    assert client_profits([100, 50, 20], [10, NAN, 5], [2, 1, NAN], 25.0).tolist() == [
        40.0,
        25.0,
        15.0,
    ]


def test_profit_on_raw_revenue_and_ignored_rows() -> None:
    profits = client_profits([-10, NAN, 0], [5, 1, 0])
    assert profits[0] == -15.0  # raw (negative) revenue
    assert np.isnan(profits[1])  # ignored revenue: no profit
    assert profits[2] == 0.0


def test_cost_errors_name_the_position() -> None:
    with pytest.raises(XlparetoError, match=r"^costs: negative value at position 3$"):
        client_costs([1, 2, 3], [0, 0, -1])
    with pytest.raises(XlparetoError, match=r"^hours: negative value at position 1$"):
        client_costs([1, 2], [0, 0], [-2, 1], 10.0)
    with pytest.raises(XlparetoError, match=r"^costs: infinite value at position 2$"):
        client_costs([1, 2], [0, float("inf")])
    with pytest.raises(XlparetoError, match=r"^revenues, costs: must have the same number"):
        client_costs([1, 2], [0, 0, 0])


def test_cells_of_uncounted_rows_are_not_checked() -> None:
    costs = client_costs([1, NAN], [0, -5], [1, float("inf")], 2.0)
    assert costs[0] == 2.0 and np.isnan(costs[1])


def test_hourly_cost_rules() -> None:
    with pytest.raises(XlparetoError, match=r"^hourly_cost: required when hours are given$"):
        client_costs([10, 20], [0, 0], [NAN, 0])  # a 0 is a number too
    with pytest.raises(XlparetoError, match=r"^hourly_cost: must be a finite number ≥ 0"):
        client_costs([10], [0], [1], -1.0)
    with pytest.raises(XlparetoError, match=r"^hourly_cost: must be a finite number ≥ 0"):
        client_costs([10], [0], [1], float("inf"))
    # hours only in an uncounted row: no rate needed
    assert client_costs([10, NAN], [1, 0], [NAN, 3]).tolist()[0] == 1.0


def test_classes() -> None:
    assert profit_classes(np.array([0.01, 0.0, -0.01])).tolist() == [
        "Profit maker",
        "Break-even",
        "Loss maker",
    ]


def test_whale_curve_by_hand() -> None:
    # profits: a 80, b −20, c 40, d 0, e 40; P = 140.
    # whale order (ties in input order): a 80, c 40, e 40, d 0, b −20
    # W: 80/140, 120/140, 160/140, 160/140, 1; peak = 160/140
    clients = ["a", "b", "c", "d", "e", "f"]
    revenue = [100, 10, 50, 5, 60, NAN]
    costs = [20, 30, 10, 5, 20, 999]
    table = whale_table(clients, revenue, costs)
    assert list(table.columns) == list(WHALE_COLUMNS)
    assert table["Client"].tolist() == ["a", "c", "e", "d", "b"]  # f: ignored revenue
    assert table["Rank"].tolist() == [1, 2, 2, 4, 5]
    assert table["Profit"].tolist() == [80, 40, 40, 0, -20]
    assert table["Revenue"].tolist() == [100, 50, 60, 5, 10]
    assert table["Cost"].tolist() == [20, 10, 20, 5, 30]
    assert table["Cumulative profit share"].tolist() == pytest.approx(
        [80 / 140, 120 / 140, 160 / 140, 160 / 140, 1.0], rel=1e-15
    )
    assert table["Class"].tolist() == [
        "Profit maker",
        "Profit maker",
        "Profit maker",
        "Break-even",
        "Loss maker",
    ]
    assert whale_peak(revenue, costs) == pytest.approx(160 / 140, rel=1e-15)
    assert loss_maker_count(revenue, costs) == 1
    assert whale_curve(revenue, costs).total_profit == 140


def test_peak_is_one_without_loss_makers() -> None:
    assert whale_peak([0.1, 0.2, 0.7, 3], [0, 0, 0, 3]) == 1.0


def test_total_profit_must_be_positive() -> None:
    message = r"^costs: total profit is not positive \(the whale curve needs a profit\)$"
    with pytest.raises(XlparetoError, match=message):
        whale_peak([10, 20], [15, 15])  # P = 0
    with pytest.raises(XlparetoError, match=message):
        whale_table(["a"], [10], [11])
    assert loss_maker_count([10, 20], [15, 25]) == 2  # the count needs no profit


def test_clients_and_revenues_lengths() -> None:
    with pytest.raises(XlparetoError, match=r"^clients, revenues: must have the same number"):
        whale_table(["a"], [1, 2], [0, 0])


# --- properties -------------------------------------------------------------------------------

cents = st.integers(min_value=-50_000, max_value=500_000).map(lambda c: c / 100)
cost_cents = st.integers(min_value=0, max_value=200_000).map(lambda c: c / 100)
rows = st.lists(st.tuples(cents, cost_cents), min_size=1, max_size=30).filter(
    lambda rs: sum(round(r * 100) - round(c * 100) for r, c in rs) > 0
)


@settings(max_examples=100)
@given(rows, st.randoms(use_true_random=False))
def test_whale_properties(data, rng) -> None:
    revenue = np.array([r for r, _ in data])
    costs = np.array([c for _, c in data])
    curve = whale_curve(revenue, costs)
    assert curve.peak >= 1.0
    assert curve.cumulative_share[-1] == 1.0
    assert (np.diff(curve.profit) <= 0).all()
    assert (curve.peak > 1.0) == (curve.loss_makers > 0) or curve.peak == pytest.approx(1.0)
    shuffled = list(range(len(data)))
    rng.shuffle(shuffled)
    other = whale_curve(revenue[shuffled], costs[shuffled])
    # the same profits in the same order; only the order of tied rows may differ
    assert other.profit.tolist() == curve.profit.tolist()
    assert other.rank.tolist() == curve.rank.tolist()
    assert other.peak == pytest.approx(curve.peak, rel=1e-9)
    assert other.loss_makers == curve.loss_makers
    # ties in input order: within equal profits, input positions increase
    for i in range(len(data) - 1):
        if curve.profit[i] == curve.profit[i + 1]:
            assert curve.order[i] < curve.order[i + 1]


def test_overflow_is_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^costs: the cost at position 2 is too large$"):
        client_costs([1, 2], [0, 1e308], [0, 1e308], 10.0)
    with pytest.raises(XlparetoError, match=r"^costs: the profit at position 1 is too large$"):
        whale_curve([-1e308, 5], [1e308, 0])
    with pytest.raises(XlparetoError, match=r"^costs: the numbers are too large to add up$"):
        whale_curve([1e308, 1e308], [0, 0])
