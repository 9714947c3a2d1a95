"""Exact splits and the tier-budget model (SPEC sections 1 and 2), hand-checked."""

from __future__ import annotations

import numpy as np
import pytest
from engine_cases import WORKED, flat

from xlpareto import XlparetoError
from xlpareto.engine.budget import budget_table, segment_units
from xlpareto.engine.splits import hamilton, split_total, units_in
from xlpareto.udfs import (
    BUDGET_SPLIT,
    PARETO_BUDGET,
    PARETO_TABLE,
)

# --- exact splits -----------------------------------------------------------------------------


def test_budget_split_exact_and_ties_to_earlier_parts() -> None:
    assert flat(BUDGET_SPLIT(100, [1, 1, 1])) == [33.34, 33.33, 33.33]
    assert flat(BUDGET_SPLIT(0.02, [1, 1, 1])) == [0.01, 0.01, 0.0]
    assert flat(BUDGET_SPLIT(10, [1, 2, 2])) == [2.0, 4.0, 4.0]
    assert flat(BUDGET_SPLIT(100, [1, 1, 1], 5)) == [35, 35, 30]
    assert flat(BUDGET_SPLIT(0, [1, 2])) == [0.0, 0.0]
    assert hamilton(10, np.array([1.0, 1, 1])).tolist() == [4, 3, 3]
    assert hamilton(7, np.array([0.0, 1, 0])).tolist() == [0, 7, 0]


def test_budget_split_123456_78_is_a_multiple_of_a_cent() -> None:
    assert units_in(123456.78, 0.01) == 12345678
    parts = split_total(123456.78, np.array([1.0, 2, 3, 0, 7]))
    assert round(sum(round(p * 100) for p in parts)) == 12345678
    # 12345678 × w/13: floors leave 2 cents, to the largest remainders .769 (7) and .615 (3)
    assert parts.tolist() == [9496.67, 18993.35, 28490.03, 0.0, 66476.73]
    result = BUDGET_SPLIT(123456.78, [1, 2, 3, 0, 7])
    assert sum(round(p * 100) for p in flat(result)) == 12345678


@pytest.mark.parametrize("total", [98765.43, 1234567.89, 123456.78, 99999999.99, 0.07, 1e-2])
def test_cent_amounts_are_multiples_of_a_cent(total) -> None:
    assert units_in(total, 0.01) == round(total * 100)
    assert sum(round(p * 100) for p in flat(BUDGET_SPLIT(total, [3, 1, 1]))) == round(total * 100)


@pytest.mark.parametrize(
    ("total", "weights", "unit", "fragment"),
    [
        (100.001, [1, 1], None, "total: 100.001 is not a whole multiple"),
        (10.5, [1, 1], 1, "not a whole multiple of the unit 1"),
        (-1, [1, 1], None, "total: must not be negative"),
        (100, [1, -1], None, "weights: negative weight at position 2"),
        (100, [0, 0], None, "weights: all weights are zero"),
        (100, ["x", None], None, "weights: all weights are zero"),
        (100, [1, "#DIV/0!"], None, "weights: #DIV/0! at position 2"),
        (100, [1, 1], 0, "unit"),
        (100, [1, 1], -0.01, "unit"),
        (None, [1, 1], None, "total: a number is required"),
        ("abc", [1, 1], None, "total"),
    ],
)
def test_budget_split_errors(total, weights, unit, fragment) -> None:
    with pytest.raises(XlparetoError) as error:
        BUDGET_SPLIT(total, weights, unit)
    assert fragment in str(error.value)


# --- budget model -----------------------------------------------------------------------------


def test_pareto_budget_rows() -> None:
    assert PARETO_BUDGET(1000, WORKED) == [
        ["Segment", "Clients", "Revenue share", "Budget share", "Budget", "Budget per client"],
        ["A clients", 2, 0.8, 0.64, 640.0, 320.0],
        ["B clients", 3, 0.2, 0.16, 160.0, 53.33],
        ["C clients", 0, 0.0, 0.0, 0.0, ""],
        ["New business", "", "", 0.2, 200.0, ""],
        ["Total", 5, 1.0, 1.0, 1000.0, ""],
    ]


def test_pareto_budget_one_exact_split_across_rows() -> None:
    rows = PARETO_BUDGET(100.07, [60, 20, 10, 10], 0.8)
    budgets = [row[4] for row in rows[1:-1]]
    assert sum(round(b * 100) for b in budgets) == 10007
    assert budgets == [64.05, 16.01, 0.0, 20.01]  # remainders .48, .12, 0, .4: one cent to A
    assert rows[-1][4] == 100.07
    assert segment_units(100.07, np.array([80.0, 20, 0]), 0.8, 0.01).tolist() == [
        6405,
        1601,
        0,
        2001,
    ]


def test_pareto_budget_core_share_extremes_and_errors() -> None:
    all_core = PARETO_BUDGET(1000, WORKED, 1)
    assert [row[4] for row in all_core[1:]] == [800.0, 200.0, 0.0, 0.0, 1000.0]
    no_core = PARETO_BUDGET(1000, WORKED, 0)
    assert [row[4] for row in no_core[1:]] == [0.0, 0.0, 0.0, 1000.0, 1000.0]
    with pytest.raises(XlparetoError, match="core_share"):
        PARETO_BUDGET(1000, WORKED, 1.2)
    with pytest.raises(XlparetoError, match=r"^total: must not be negative"):
        PARETO_BUDGET(-1000, WORKED)
    with pytest.raises(XlparetoError, match=r"^total: .* not a whole multiple"):
        PARETO_BUDGET(10.001, WORKED)
    with pytest.raises(XlparetoError, match=r"^budget: must not be negative"):
        PARETO_TABLE(list("abcde"), WORKED, None, None, -5)


def test_pareto_budget_unit_and_per_client_rounding() -> None:
    rows = PARETO_BUDGET(1000, WORKED, 0.8, None, None, 10)
    assert [row[4] for row in rows[1:]] == [640, 160, 0, 200, 1000]
    assert rows[2][5] == 50  # 160 / 3 rounded to the unit 10
    frame = budget_table(1000, np.array([2, 3, 0]), np.array([80.0, 20, 0]), ("A", "B", "C"))
    assert frame["Budget"].tolist() == [640.0, 160.0, 0.0, 200.0, 1000.0]


def test_table_budget_per_client_adds_up_with_ties_to_the_higher_ranked() -> None:
    # table order: q (60), s (20), p (10), r (10); B = p, r; B's budget 16.01
    table = PARETO_TABLE(["p", "q", "r", "s"], [10, 60, 10, 20], None, None, 100.07)
    header, *rows = table
    assert header[-1] == "Budget"
    assert [row[1] for row in rows] == ["q", "s", "p", "r"]
    assert [row[0] for row in rows] == [1, 2, 3, 3]
    budget = {row[1]: row[-1] for row in rows}
    assert budget == {"q": 48.04, "s": 16.01, "p": 8.01, "r": 8.0}
    assert round((budget["q"] + budget["s"]) * 100) == 6405
    assert round((budget["p"] + budget["r"]) * 100) == 1601


def test_table_budget_per_client_sums_to_tier_budget_on_a_larger_list() -> None:
    rng = np.random.default_rng(7)
    values = (rng.integers(1, 10_000, 300) / 100).tolist()
    total = 98765.43
    table = PARETO_TABLE([f"c{i}" for i in range(300)], values, None, None, total)
    budget = PARETO_BUDGET(total, values)
    by_tier: dict[str, int] = {}
    for row in table[1:]:
        by_tier[row[5]] = by_tier.get(row[5], 0) + round(row[-1] * 100)
    for label, row in zip("ABC", budget[1:4], strict=True):
        assert by_tier.get(label, 0) == round(row[4] * 100)


@pytest.mark.parametrize(
    ("total", "clients", "expected"),
    [(0.05, 2, 0.03), (10.10, 4, 2.53), (0.25, 2, 0.13), (160, 3, 53.33), (1, 3, 0.33)],
)
def test_budget_per_client_rounds_like_excel_round(total, clients, expected) -> None:
    # Excel's =ROUND(0.05/2, 2) is 0.03: halves go away from zero
    rows = PARETO_BUDGET(total, [1] * clients, 1)
    assert rows[1][4] == total
    assert rows[1][5] == expected
