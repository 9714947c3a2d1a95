"""The worksheet functions called directly (as from Python, xlwings Lite or classic xlwings
without converters) with every input shape of SPEC section 2, and plain-value results."""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pytest
from udfs_cases import GAPS, RANKS, SHARES, TIERS, WORKED, column

from xlpareto import XlparetoError
from xlpareto import udfs as U

# Every way a column of the worked example can arrive; each is read as a column.
COLUMN_SHAPES = {
    "1-D list": lambda v: list(v),
    "tuple": lambda v: tuple(v),
    "list of lists": lambda v: [[x] for x in v],
    "tuple of tuples": lambda v: tuple((x,) for x in v),
    "numpy 1-D": lambda v: np.array(v, dtype=float),
    "numpy 1-D int": lambda v: np.array(v, dtype=np.int64),
    "numpy 2-D column": lambda v: np.array(v, dtype=float).reshape(-1, 1),
    "numpy object": lambda v: np.array(v, dtype=object),
    "pandas Series": lambda v: pd.Series(v, dtype=float),
    "pandas DataFrame": lambda v: pd.DataFrame({"revenue": v}),
}


@pytest.mark.parametrize("shape", COLUMN_SHAPES)
def test_column_in_column_out(shape) -> None:
    revenues = COLUMN_SHAPES[shape](WORKED)
    assert U.PARETO_TIER(revenues) == column(TIERS)
    assert U.PARETO_SHARE(revenues) == column(pytest.approx(s) for s in SHARES)
    assert U.PARETO_RANK(revenues) == column(RANKS)
    assert U.PARETO_GAP(revenues) == column(GAPS)
    # as the population argument too
    assert U.PARETO_TIER(10, revenues) == "B"
    assert U.PARETO_TIER(COLUMN_SHAPES[shape]([50, 10]), revenues) == column(["A", "B"])
    assert U.PARETO_GINI(revenues) == pytest.approx(0.46)
    assert U.PARETO_HHI(revenues) == pytest.approx(0.355)
    assert U.PARETO_TOP_SHARE(revenues) == pytest.approx(0.5)
    assert U.PARETO_RATIO(revenues) == pytest.approx(0.32)
    assert U.PARETO_SUMMARY(revenues) == U.PARETO_SUMMARY(WORKED)
    assert U.PARETO_BUDGET(1000, revenues) == U.PARETO_BUDGET(1000, WORKED)
    assert U.BUDGET_SPLIT(100, revenues) == column([50.0, 30.0, 10.0, 5.0, 5.0])
    names = COLUMN_SHAPES["numpy object" if "numpy" in shape else shape]
    if shape == "pandas Series":
        names = pd.Series
    assert U.PARETO_TABLE(names(list("abcde")), revenues) == U.PARETO_TABLE(list("abcde"), WORKED)
    assert U.PARETO_MIGRATION(revenues, revenues) == U.PARETO_MIGRATION(WORKED, WORKED)


def test_worked_gaps_are_what_the_tier_function_says() -> None:
    for index, gap in enumerate(GAPS):
        if gap == 0:
            assert TIERS[index] == "A"
            continue
        raised = list(WORKED)
        raised[index] += gap
        assert U.PARETO_TIER(raised)[index][0] < TIERS[index]
        raised[index] -= 0.01
        assert U.PARETO_TIER(raised)[index][0] == TIERS[index]


ROW_SHAPES = {
    "list of one row": lambda v: [list(v)],
    "tuple of one row": lambda v: (tuple(v),),
    "numpy 2-D row": lambda v: np.array([v], dtype=float),
    "pandas one-row DataFrame": lambda v: pd.DataFrame([v]),
}


@pytest.mark.parametrize("shape", ROW_SHAPES)
def test_row_in_row_out(shape) -> None:
    revenues = ROW_SHAPES[shape](WORKED)
    assert U.PARETO_TIER(revenues) == [TIERS]
    assert U.PARETO_RANK(revenues) == [RANKS]
    assert U.BUDGET_SPLIT(100, revenues) == [[50.0, 30.0, 10.0, 5.0, 5.0]]


BLOCK = [[50, 30], [10, None], [5, 5]]  # read row by row: 50, 30, 10, (blank), 5, 5


@pytest.mark.parametrize(
    "block",
    [
        BLOCK,
        tuple(tuple(r) for r in BLOCK),
        np.array(BLOCK, dtype=object),
        pd.DataFrame(BLOCK, dtype=object),
    ],
    ids=["lists", "tuples", "numpy", "DataFrame"],
)
def test_block_in_block_out_row_by_row(block) -> None:
    assert U.PARETO_TIER(block) == [["A", "A"], ["B", ""], ["B", "B"]]
    assert U.PARETO_RANK(block) == [[1, 2], [3, ""], [4, 4]]
    assert U.PARETO_SHARE(block) == [[0.5, pytest.approx(0.8)], [pytest.approx(0.9), ""], [1, 1]]
    assert U.BUDGET_SPLIT(100, block) == [[50.0, 30.0], [10.0, ""], [5.0, 5.0]]


def test_block_of_numpy_floats() -> None:
    block = np.array([[50.0, 30.0], [10.0, 5.0]])
    assert U.PARETO_TIER(block) == [["A", "A"], ["B", "B"]]
    assert U.PARETO_TIER(pd.DataFrame(block)) == [["A", "A"], ["B", "B"]]


@pytest.mark.parametrize(
    "scalar",
    [10, 10.0, np.float64(10), np.int64(10), np.float32(10), np.array(10.0), decimal.Decimal(10)],
    ids=["int", "float", "np.float64", "np.int64", "np.float32", "0-d array", "Decimal"],
)
def test_scalar_in_scalar_out(scalar) -> None:
    assert U.PARETO_TIER(scalar, WORKED) == "B"
    assert U.PARETO_SHARE(scalar, WORKED) == pytest.approx(0.9)
    assert U.PARETO_RANK(scalar, WORKED) == 3
    assert U.PARETO_GAP(scalar, WORKED) == 0.01
    assert isinstance(U.PARETO_RANK(scalar, WORKED), int)
    assert isinstance(U.PARETO_SHARE(scalar, WORKED), float)
    assert U.PARETO_TIER(scalar) == "A"  # a single value is its own population


@pytest.mark.parametrize("ignored", [None, "", "text", True, False, np.bool_(True)])
def test_ignored_scalar_gives_empty_string(ignored) -> None:
    for function in (U.PARETO_TIER, U.PARETO_SHARE, U.PARETO_RANK, U.PARETO_GAP):
        assert function(ignored, WORKED) == ""


def test_ignored_positions_give_empty_strings_and_do_not_count() -> None:
    values = [50, None, 30, "", 10, "n/a", 5, True, 5, False]
    expected_tiers = ["A", "", "A", "", "B", "", "B", "", "B", ""]
    assert U.PARETO_TIER(values) == column(expected_tiers)
    assert U.PARETO_RANK(values) == column([1, "", 2, "", 3, "", 4, "", 4, ""])
    assert U.PARETO_GAP(values) == column([0.0, "", 0.0, "", 0.01, "", 5.0, "", 5.0, ""])
    assert U.PARETO_GINI(values) == U.PARETO_GINI(WORKED)
    assert U.PARETO_TIER(10, values) == "B"
    assert U.PARETO_SUMMARY(values) == U.PARETO_SUMMARY(WORKED)


def test_pandas_missing_values_are_errors_not_blanks() -> None:
    # NaN is treated like an error (SPEC 1), whichever container it comes in
    with pytest.raises(XlparetoError, match=r"revenue: not a number \(NaN\) at position 2"):
        U.PARETO_TIER(pd.Series([50.0, np.nan, 30.0]))


# --- tables: shapes and lengths ---------------------------------------------------------------


def test_table_accepts_mixed_shapes_and_checks_length() -> None:
    expected = U.PARETO_TABLE(list("abcde"), WORKED)
    assert U.PARETO_TABLE(np.array(list("abcde")), pd.Series(WORKED)) == expected
    assert U.PARETO_TABLE(pd.DataFrame({"c": list("abcde")}), column(WORKED)) == expected
    with pytest.raises(XlparetoError, match=r"same length \(4 vs 5\)"):
        U.PARETO_TABLE(list("abcd"), WORKED)
    with pytest.raises(XlparetoError, match="same length"):
        U.PARETO_MIGRATION(WORKED, WORKED[:3])


def test_table_with_budget_column_and_plain_values() -> None:
    table = U.PARETO_TABLE(list("abcde"), WORKED, None, None, 1000)
    assert table[0][-1] == "Budget"
    assert [row[-1] for row in table[1:]] == [400.0, 240.0, 80.0, 40.0, 40.0]
    for row in table:
        for cell in row:
            assert type(cell) in (int, float, str), (cell, type(cell))


@pytest.mark.parametrize(
    "name",
    ["PARETO_TABLE", "PARETO_SUMMARY", "PARETO_BUDGET", "PARETO_MIGRATION"],
)
def test_table_results_are_rectangular_lists_of_plain_values(name) -> None:
    args = {
        "PARETO_TABLE": (list("abcde"), WORKED, None, None, 1000),
        "PARETO_SUMMARY": (WORKED,),
        "PARETO_BUDGET": (1000, WORKED),
        "PARETO_MIGRATION": (WORKED, WORKED[::-1]),
    }[name]
    result = getattr(U, name)(*args)
    assert isinstance(result, list) and all(isinstance(row, list) for row in result)
    assert len({len(row) for row in result}) == 1
    for row in result:
        for cell in row:
            assert type(cell) in (int, float, str), (name, cell, type(cell))


def test_scalar_results_are_python_numbers() -> None:
    for name in ("PARETO_TOP_SHARE", "PARETO_RATIO", "PARETO_GINI", "PARETO_HHI"):
        assert type(getattr(U, name)(WORKED)) is float
    for cell in U.PARETO_SHARE(WORKED):
        assert type(cell[0]) is float
    for cell in U.PARETO_RANK(WORKED):
        assert type(cell[0]) is int


def test_every_spec_function_is_exported() -> None:
    assert sorted(U.__all__) == sorted(
        [
            "PARETO_TIER",
            "PARETO_SHARE",
            "PARETO_RANK",
            "PARETO_GAP",
            "PARETO_TABLE",
            "PARETO_SUMMARY",
            "PARETO_TOP_SHARE",
            "PARETO_RATIO",
            "PARETO_GINI",
            "PARETO_HHI",
            "PARETO_MIGRATION",
            "BUDGET_SPLIT",
            "PARETO_BUDGET",
            # v2 (SPEC sections 7-10)
            "PARETO_NRR",
            "PARETO_GRR",
            "PARETO_BRIDGE",
            "PARETO_RETURNS",
            "PARETO_PROFIT",
            "PARETO_WHALE",
            "PARETO_WHALE_PEAK",
            "PARETO_LOSS_MAKERS",
            "PROSPECT_SCORE",
            "PROSPECT_BUDGET",
        ]
    )
    for name in U.__all__:  # xlwings.conf names the package; it must export every function
        assert getattr(U, name).__module__.startswith("xlpareto.udfs.")


@pytest.mark.parametrize(
    ("ragged", "fragment"),
    [([[1], [2], 3], "list of rows"), ([[1, 2], [3]], "different lengths")],
)
def test_ragged_ranges_are_clear_errors(ragged, fragment) -> None:
    with pytest.raises(XlparetoError, match=fragment):
        U.PARETO_TIER(ragged)
