"""Worksheet-function errors (SPEC sections 1 and 2): Excel error literals, NaN, inf, one-line
messages naming the argument and position, and no positive revenue."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from udfs_cases import WORKED, column

from xlpareto import XlparetoError
from xlpareto import udfs as U
from xlpareto.conversion.cells import EXCEL_ERRORS, flatten

# --- errors: Excel error literals, NaN, inf ---------------------------------------------------


@pytest.mark.parametrize("literal", sorted(EXCEL_ERRORS))
def test_every_excel_error_literal_is_an_error(literal) -> None:
    with pytest.raises(XlparetoError) as error:
        U.PARETO_TIER([50, 30, literal])
    assert str(error.value) == f"revenue: {literal} at position 3"


@pytest.mark.parametrize(
    ("literal", "shown"), [("#n/a", "#N/A"), (" #DIV/0! ", "#DIV/0!"), ("#Value!", "#VALUE!")]
)
def test_error_literals_any_case_and_spacing(literal, shown) -> None:
    with pytest.raises(XlparetoError, match=f"revenues: {shown} at position 1"):
        U.PARETO_GINI([literal, 5])


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (float("nan"), "not a number (NaN)"),
        (np.nan, "not a number (NaN)"),
        (float("inf"), "infinite value"),
        (-np.inf, "infinite value"),
        ("#N/A", "#N/A"),
        ("#DIV/0!", "#DIV/0!"),
    ],
)
def test_error_positions_in_reading_order_for_every_shape(bad, fragment) -> None:
    block = [[50, 30], [10, bad], [5, 5]]  # reading order: position 4
    message = f"{fragment} at position 4"
    for value in (
        block,
        np.array(block, dtype=object),
        pd.DataFrame(block, dtype=object),
        [50, 30, 10, bad, 5, 5],
        pd.Series([50, 30, 10, bad, 5, 5], dtype=object),
        np.array([50, 30, 10, bad, 5, 5], dtype=object),
    ):
        with pytest.raises(XlparetoError) as error:
            U.PARETO_TIER(value)
        assert str(error.value) == f"revenue: {message}"
        with pytest.raises(XlparetoError) as error:
            U.PARETO_TIER(5, value)
        assert str(error.value) == f"revenues: {message}"
    if isinstance(bad, float):
        with pytest.raises(XlparetoError, match="position 4"):
            U.PARETO_TIER(np.array([50.0, 30, 10, bad, 5, 5]))


ARGUMENT_ERRORS = [
    ("PARETO_TIER", ("#N/A", WORKED), "revenue: #N/A at position 1"),
    ("PARETO_TIER", (5, [1, "#REF!"]), "revenues: #REF! at position 2"),
    ("PARETO_TIER", (5, WORKED, ["#NUM!"]), "cutoffs: #NUM! at position 1"),
    ("PARETO_TIER", (5, WORKED, None, ["A", "B", "#N/A"]), "labels: #N/A at position 3"),
    ("PARETO_SHARE", (5, [1, float("inf")]), "revenues: infinite value at position 2"),
    ("PARETO_RANK", ([1, "#NULL!"],), "revenue: #NULL! at position 2"),
    ("PARETO_GAP", (5, WORKED, [80]), "cutoffs: 80 at position 1"),
    ("PARETO_TABLE", (["a"], ["#N/A"]), "revenues: #N/A at position 1"),
    ("PARETO_TABLE", (["a"], [1], None, None, "#VALUE!"), "budget: #VALUE! at position 1"),
    ("PARETO_TABLE", (["a"], [1], None, None, 10, 2), "core_share: 2 is not between 0 and 1"),
    ("PARETO_SUMMARY", ([1, 2, "#DIV/0!"],), "revenues: #DIV/0! at position 3"),
    ("PARETO_TOP_SHARE", ([1, 2], "#N/A"), "fraction: #N/A at position 1"),
    ("PARETO_TOP_SHARE", ([1, 2], [0.1, 0.2]), "fraction: expected a single number, got 2"),
    ("PARETO_RATIO", ([[1, 2], [3, np.nan]],), "revenues: not a number (NaN) at position 4"),
    ("PARETO_GINI", (["#N/A"],), "revenues: #N/A at position 1"),
    ("PARETO_HHI", ([1, -np.inf],), "revenues: infinite value at position 2"),
    ("PARETO_MIGRATION", ([1, 2], [1, "#N/A"]), "after: #N/A at position 2"),
    ("PARETO_MIGRATION", (["#N/A", 2], [1, 2]), "before: #N/A at position 1"),
    ("BUDGET_SPLIT", (100, [1, "#N/A"]), "weights: #N/A at position 2"),
    ("BUDGET_SPLIT", ("#N/A", [1, 2]), "total: #N/A at position 1"),
    ("BUDGET_SPLIT", (100, [1, 2], "#N/A"), "unit: #N/A at position 1"),
    ("PARETO_BUDGET", (100, [1, 2], "#N/A"), "core_share: #N/A at position 1"),
    ("PARETO_BUDGET", (100, [1, 2], None, None, None, 0), "unit: must be a positive number"),
    ("PARETO_BUDGET", (-100, [1, 2]), "total: must not be negative"),
]


@pytest.mark.parametrize(("name", "args", "message"), ARGUMENT_ERRORS)
def test_error_messages_name_the_argument_on_one_line(name, args, message) -> None:
    with pytest.raises(XlparetoError) as error:
        getattr(U, name)(*args)
    text = str(error.value)
    assert text.startswith(message)
    assert "\n" not in text
    assert isinstance(error.value, ValueError)


# --- T = 0 ------------------------------------------------------------------------------------

NO_POSITIVE = [0, -5, None, "x"]

T_ZERO_CALLS = {
    "PARETO_TIER": lambda v: U.PARETO_TIER(v),
    "PARETO_TIER scalar": lambda v: U.PARETO_TIER(1, v),
    "PARETO_SHARE": lambda v: U.PARETO_SHARE(v),
    "PARETO_SHARE scalar": lambda v: U.PARETO_SHARE(1, v),
    "PARETO_GAP": lambda v: U.PARETO_GAP(v),
    "PARETO_GAP scalar": lambda v: U.PARETO_GAP(1, v),
    "PARETO_TABLE": lambda v: U.PARETO_TABLE(["c"] * len(flatten(v)[0]), v),
    "PARETO_SUMMARY": lambda v: U.PARETO_SUMMARY(v),
    "PARETO_TOP_SHARE": lambda v: U.PARETO_TOP_SHARE(v),
    "PARETO_RATIO": lambda v: U.PARETO_RATIO(v),
    "PARETO_GINI": lambda v: U.PARETO_GINI(v),
    "PARETO_HHI": lambda v: U.PARETO_HHI(v),
    "PARETO_MIGRATION": lambda v: U.PARETO_MIGRATION(v, v),
    "PARETO_BUDGET": lambda v: U.PARETO_BUDGET(100, v),
    "PARETO_TIER computed": lambda v: U.PARETO_TIER(v, None, "computed"),
}


@pytest.mark.parametrize("call", T_ZERO_CALLS)
@pytest.mark.parametrize("values", [NO_POSITIVE, [0.0, 0.0], [-1], [[0, None], [-2, "x"]]], ids=str)
def test_no_positive_revenue_fails(call, values) -> None:
    with pytest.raises(XlparetoError, match="positive revenue") as error:
        T_ZERO_CALLS[call](values)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("call", [c for c in T_ZERO_CALLS if "scalar" not in c])
@pytest.mark.parametrize("values", [[], [None], [[None, ""]]], ids=str)
def test_empty_population_fails(call, values) -> None:
    with pytest.raises(XlparetoError, match="positive revenue"):
        T_ZERO_CALLS[call](values)


def test_all_blank_revenues_range_counts_as_omitted() -> None:
    # "Optional arguments may be omitted or blank": then revenue is its own population
    assert U.PARETO_TIER(5, [[None], [None]]) == U.PARETO_TIER(5) == "A"


def test_rank_and_budget_split_work_without_positive_revenue() -> None:
    assert U.PARETO_RANK(NO_POSITIVE) == column([1, 2, "", ""])
    assert U.PARETO_RANK(3, NO_POSITIVE) == 1
    assert U.PARETO_RANK(-1, NO_POSITIVE) == 2
    assert U.PARETO_RANK(5, []) == 1
    assert U.BUDGET_SPLIT(0, [1, 2]) == column([0.0, 0.0])
    assert U.BUDGET_SPLIT(10, [0, 2]) == column([0.0, 10.0])
