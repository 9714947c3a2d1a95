"""PARETO_PROFIT, PARETO_WHALE, PARETO_WHALE_PEAK and PARETO_LOSS_MAKERS (SPEC section 9)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from engine_xlwings import COM_ERRORS, MISSING, call_like_xlwings
from engine_xlwings import column as com_column
from hypothesis import given
from hypothesis import strategies as st
from udfs_cases import column

from xlpareto import XlparetoError
from xlpareto import udfs as U

WHALE_HEADER = ["Rank", "Client", "Revenue", "Cost", "Profit", "Cumulative profit share", "Class"]
NAMES = column(["a", "b", "c", "d"])
REVENUES = column([100, 40, 10, 30])
COSTS = column([40, 10, 30, 0])  # profits 60, 30, -20, 30: P = 100


# --- PARETO_PROFIT ----------------------------------------------------------------------------


def test_profit_per_cell_in_the_shape_of_revenue() -> None:
    assert U.PARETO_PROFIT(REVENUES, COSTS) == [[60.0], [30.0], [-20.0], [30.0]]
    assert U.PARETO_PROFIT([[100, 40]], [[40, 10]]) == [[60.0, 30.0]]  # a row stays a row
    assert U.PARETO_PROFIT([[100, 40], [10, 30]], column([40, 10, 30, 0])) == [
        [60.0, 30.0],
        [-20.0, 30.0],
    ]
    assert U.PARETO_PROFIT(np.array([5.0, 7.0]), pd.Series([1.0, None], dtype=object)) == [
        [4.0],
        [7.0],
    ]


def test_profit_scalar_in_scalar_out() -> None:
    assert U.PARETO_PROFIT(100, 30) == 70.0
    assert U.PARETO_PROFIT([[100]], [[None]]) == [[100.0]]
    assert U.PARETO_PROFIT(None, 30) == ""
    assert U.PARETO_PROFIT("n/a", "whatever") == ""  # an ignored revenue: costs not checked


def test_profit_blanks_and_negative_revenue() -> None:
    revenue = column([100, None, "text", True, -5, dt.date(2024, 1, 1)])
    costs = column([None, 3, "x", "y", 2, "z"])
    assert U.PARETO_PROFIT(revenue, costs) == [[100.0], [""], [""], [""], [-7.0], [""]]


def test_profit_errors_name_argument_and_position() -> None:
    with pytest.raises(XlparetoError) as error:
        U.PARETO_PROFIT(column([1, 2, 3]), column([0, "n/a", 0]))
    assert str(error.value) == "costs: 'n/a' at position 2 is not a number"
    with pytest.raises(XlparetoError, match="costs: TRUE at position 1 is not a number"):
        U.PARETO_PROFIT(column([1]), column([True]))
    with pytest.raises(XlparetoError, match="costs: negative value at position 2"):
        U.PARETO_PROFIT(column([1, 2]), column([0, -1]))
    with pytest.raises(XlparetoError, match="costs: #N/A at position 2"):
        U.PARETO_PROFIT(column([1, None]), column([0, "#N/A"]))  # even in an uncounted row
    with pytest.raises(XlparetoError, match="revenue: #DIV/0! at position 1"):
        U.PARETO_PROFIT(column(["#DIV/0!"]), column([0]))
    with pytest.raises(XlparetoError) as error:
        U.PARETO_PROFIT(column([1, 2, 3]), column([0, 0]))
    assert str(error.value) == "revenue, costs: must have the same number of cells (3 and 2)"


@given(
    st.lists(
        st.tuples(
            st.none() | st.floats(-1e6, 1e6),
            st.none() | st.floats(0, 1e6),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_profit_is_revenue_minus_cost_per_cell(rows) -> None:
    result = U.PARETO_PROFIT(column([r for r, _ in rows]), column([c for _, c in rows]))
    for (revenue, cost), (profit,) in zip(rows, result, strict=True):
        assert profit == ("" if revenue is None else revenue - (cost or 0.0))


# --- PARETO_WHALE -----------------------------------------------------------------------------


def test_whale_table_by_hand_ties_in_input_order() -> None:
    assert U.PARETO_WHALE(NAMES, REVENUES, COSTS) == [
        WHALE_HEADER,
        [1, "a", 100.0, 40.0, 60.0, 0.6, "Profit maker"],
        [2, "b", 40.0, 10.0, 30.0, 0.9, "Profit maker"],
        [2, "d", 30.0, 0.0, 30.0, 1.2, "Profit maker"],
        [4, "c", 10.0, 30.0, -20.0, 1.0, "Loss maker"],
    ]


def test_whale_with_hours_break_even_and_skipped_rows() -> None:
    names = column(["a", "b", "c", "d", "e"])
    revenues = column([100, 50, None, 20, "n/a"])
    costs = column([10, None, "ignored", 0, 5])
    hours = column([1, 0.5, None, None, 99])
    table = U.PARETO_WHALE(names, revenues, costs, hours, 40)
    assert table[1:] == [
        [1, "a", 100.0, 50.0, 50.0, 50 / 100, "Profit maker"],
        [2, "b", 50.0, 20.0, 30.0, 80 / 100, "Profit maker"],
        [3, "d", 20.0, 0.0, 20.0, 1.0, "Profit maker"],
    ]
    table = U.PARETO_WHALE(column(["a", "b"]), column([10, 5]), column([5, 5]))
    assert table[2][-1] == "Break-even" and table[2][0] == 2


def test_whale_errors() -> None:
    with pytest.raises(XlparetoError) as error:
        U.PARETO_WHALE(NAMES, REVENUES, column([200, 0, 0, 0]))
    assert (
        str(error.value) == "costs: total profit is not positive (the whale curve needs a profit)"
    )
    with pytest.raises(XlparetoError, match="hourly_cost: required when hours are given"):
        U.PARETO_WHALE(NAMES, REVENUES, COSTS, column([0, 1, 0, 0]))
    with pytest.raises(XlparetoError, match="hours: 'two' at position 2 is not a number"):
        U.PARETO_WHALE(NAMES, REVENUES, COSTS, column([0, "two", 0, 0]), 10)
    with pytest.raises(XlparetoError, match="hourly_cost: must be a finite number ≥ 0"):
        U.PARETO_WHALE(NAMES, REVENUES, COSTS, column([0, 1, 0, 0]), -10)
    with pytest.raises(XlparetoError, match=r"clients, revenues: .* \(3 and 4\)"):
        U.PARETO_WHALE(column(["a", "b", "c"]), REVENUES, COSTS)
    with pytest.raises(XlparetoError, match=r"revenues, costs, hours: .* \(4 and 4 and 3\)"):
        U.PARETO_WHALE(NAMES, REVENUES, COSTS, column([0, 1, 0]), 10)
    with pytest.raises(XlparetoError, match="clients: #N/A at position 4"):
        U.PARETO_WHALE(column(["a", "b", "c", "#N/A"]), REVENUES, COSTS)


def test_whale_hours_without_numbers_need_no_hourly_cost() -> None:
    table = U.PARETO_WHALE(NAMES, REVENUES, COSTS, column([None] * 4))
    assert table == U.PARETO_WHALE(NAMES, REVENUES, COSTS)
    # hours only in a row whose revenue is ignored: not counted, no hourly cost needed
    revenues = column([100, 40, "n/a", 30])
    assert U.PARETO_WHALE(NAMES, revenues, COSTS, column([None, None, 3, None]))[1:] == [
        [1, "a", 100.0, 40.0, 60.0, 0.5, "Profit maker"],
        [2, "b", 40.0, 10.0, 30.0, 0.75, "Profit maker"],
        [2, "d", 30.0, 0.0, 30.0, 1.0, "Profit maker"],
    ]
    with pytest.raises(XlparetoError, match="hourly_cost: required when hours are given"):
        U.PARETO_WHALE(NAMES, REVENUES, COSTS, column([None, None, 3, None]))


# --- PARETO_WHALE_PEAK and PARETO_LOSS_MAKERS -------------------------------------------------


def test_peak_and_loss_makers_by_hand() -> None:
    assert U.PARETO_WHALE_PEAK(REVENUES, COSTS) == pytest.approx(1.2)
    assert U.PARETO_LOSS_MAKERS(REVENUES, COSTS) == 1
    assert type(U.PARETO_LOSS_MAKERS(REVENUES, COSTS)) is int
    assert U.PARETO_WHALE_PEAK(column([10, 20]), column([1, 2])) == 1.0  # no loss makers
    # hours × hourly cost: 40 - 3 × 20 = -20 → a loss maker
    assert U.PARETO_LOSS_MAKERS(column([100, 40]), column([0, 0]), column([0, 3]), 20) == 1
    # the loss-maker count needs no positive total profit
    assert U.PARETO_LOSS_MAKERS(column([10, 10, None]), column([20, 30, 999])) == 2
    assert U.PARETO_LOSS_MAKERS(10, 20) == 1  # one cell each
    with pytest.raises(XlparetoError, match="total profit is not positive"):
        U.PARETO_WHALE_PEAK(column([10, 10]), column([20, 30]))


def test_profit_functions_through_xlwings() -> None:
    revenues, costs = com_column(100.0, 40.0, 10.0, 30.0), com_column(40.0, 10.0, 30.0, 0.0)
    assert call_like_xlwings("PARETO_WHALE_PEAK", revenues, costs, MISSING, MISSING) == [
        [pytest.approx(1.2)]
    ]
    assert call_like_xlwings("PARETO_LOSS_MAKERS", revenues, costs) == [[1]]
    assert call_like_xlwings("PARETO_PROFIT", revenues, costs) == [[60.0], [30.0], [-20.0], [30.0]]
    with pytest.raises(XlparetoError, match="costs: #VALUE! at position 3"):
        call_like_xlwings(
            "PARETO_LOSS_MAKERS", revenues, com_column(1.0, 2.0, COM_ERRORS["#VALUE!"], 0.0)
        )


@given(
    st.lists(st.tuples(st.floats(-100, 1000), st.floats(0, 500)), min_size=1, max_size=20),
    st.randoms(use_true_random=False),
)
def test_peak_at_least_one_last_share_one_and_order_free(rows, random) -> None:
    revenues = column([r for r, _ in rows])
    costs = column([c for _, c in rows])
    try:
        table = U.PARETO_WHALE(column(list(range(len(rows)))), revenues, costs)
    except XlparetoError:
        return  # no positive total profit
    peak = U.PARETO_WHALE_PEAK(revenues, costs)
    assert peak >= 1.0
    assert table[-1][5] == 1.0
    assert peak == max(r[5] for r in table[1:])
    assert U.PARETO_LOSS_MAKERS(revenues, costs) == sum(r[6] == "Loss maker" for r in table[1:])
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert U.PARETO_LOSS_MAKERS(
        column([r for r, _ in shuffled]), column([c for _, c in shuffled])
    ) == U.PARETO_LOSS_MAKERS(revenues, costs)
    assert U.PARETO_WHALE_PEAK(
        column([r for r, _ in shuffled]), column([c for _, c in shuffled])
    ) == pytest.approx(peak)


def test_sums_that_overflow_are_errors_never_infinite_or_wrong() -> None:
    big = column([1e308, 1e308])
    for call in (
        lambda: U.PARETO_NRR(big, big),
        lambda: U.PARETO_BRIDGE(big, big),
        lambda: U.PARETO_RETURNS(big, big, 1, 1),
        lambda: U.PARETO_WHALE_PEAK(big, column([0, 0])),
        lambda: U.PROSPECT_BUDGET(100, big, column([1, 1])),
    ):
        with pytest.raises(XlparetoError, match="too large to add up"):
            call()
    # hours costed at a huge hourly cost overflow too
    with pytest.raises(XlparetoError, match="hours: the numbers are too large to add up"):
        U.PARETO_LOSS_MAKERS(column([1, 2]), column([0, 0]), column([10, 10]), 1e307)


@given(st.floats(-1e6, 1e6), st.none() | st.floats(0, 1e6))
def test_profit_of_one_cell_agrees_with_the_array_call(revenue, cost) -> None:
    assert U.PARETO_PROFIT(revenue, cost) == U.PARETO_PROFIT([[revenue]], [[cost]])[0][0]
