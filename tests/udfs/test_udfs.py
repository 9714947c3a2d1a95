"""The thirteen worksheet functions called directly (as from Python, xlwings Lite or classic
xlwings without converters) with every input shape of SPEC section 2."""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pytest

from xlpareto import XlparetoError
from xlpareto import udfs as U
from xlpareto.engine.cells import EXCEL_ERRORS, flatten
from xlpareto.engine.computed_abc import computed_abc

WORKED = [50, 30, 10, 5, 5]
TIERS = ["A", "A", "B", "B", "B"]
SHARES = [0.5, 0.8, 0.9, 1.0, 1.0]
RANKS = [1, 2, 3, 4, 4]
# 10 sits exactly at 0.8: one more cent makes it A; a 5 is A once tied with the 10
GAPS = [0.0, 0.0, 0.01, 5.0, 5.0]


def column(values):
    return [[v] for v in values]


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


# --- optional arguments: omitted or blank -----------------------------------------------------

BLANKS = [None, "", [[None]], [[""]], [], [None, None], np.array([]), pd.Series([], dtype=float)]


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_blank_optional_arguments_take_defaults(blank) -> None:
    assert U.PARETO_TIER(WORKED, blank, blank, blank) == column(TIERS)
    assert U.PARETO_SHARE(10, WORKED) == U.PARETO_SHARE(10, WORKED)
    assert U.PARETO_GAP(WORKED, blank, blank) == U.PARETO_GAP(WORKED)
    assert U.PARETO_TOP_SHARE(WORKED, blank) == pytest.approx(0.5)
    assert U.PARETO_BUDGET(1000, WORKED, blank, blank, blank, blank) == U.PARETO_BUDGET(
        1000, WORKED
    )
    assert U.BUDGET_SPLIT(100, [1, 1, 1], blank) == column([33.34, 33.33, 33.33])
    assert U.PARETO_TABLE(list("abcde"), WORKED, blank, blank, blank, blank) == U.PARETO_TABLE(
        list("abcde"), WORKED
    )
    assert U.PARETO_SUMMARY(WORKED, blank, blank) == U.PARETO_SUMMARY(WORKED)
    assert U.PARETO_MIGRATION(WORKED, WORKED, blank, blank) == U.PARETO_MIGRATION(WORKED, WORKED)


@pytest.mark.parametrize(
    "cutoffs",
    [
        [0.5, 0.8, 0.95],
        [[0.5], [0.8], [0.95]],
        [[0.5, 0.8, 0.95]],
        np.array([0.5, 0.8, 0.95]),
        pd.Series([0.5, 0.8, 0.95]),
        (0.5, 0.8, 0.95),
        [0.5, None, 0.8, 0.95],  # a blank cell in the cutoffs range is skipped
    ],
    ids=["list", "column", "row", "numpy", "Series", "tuple", "with blank"],
)
def test_cutoffs_in_any_shape(cutoffs) -> None:
    assert U.PARETO_TIER([50, 30, 10, 5, 4, 1], None, cutoffs) == column(
        ["A", "B", "C", "C", "D", "D"]
    )
    assert U.PARETO_TIER([50, 30, 10, 5, 4, 1], None, cutoffs, [["W", "X", "Y", "Z"]]) == column(
        ["W", "X", "Y", "Y", "Z", "Z"]
    )


@pytest.mark.parametrize(
    "labels", [["H", "M", "L"], [["H"], ["M"], ["L"]], np.array(["H", "M", "L"])]
)
def test_labels_in_any_shape(labels) -> None:
    assert U.PARETO_TIER(WORKED, None, None, labels) == column(["H", "H", "M", "M", "M"])
    assert U.PARETO_SUMMARY(WORKED, None, labels)[1][0] == "H"
    assert U.PARETO_BUDGET(1000, WORKED, None, None, labels)[1][0] == "H clients"
    assert U.PARETO_MIGRATION(WORKED, WORKED, None, labels)[0] == [
        "Before \\ After",
        "H",
        "M",
        "L",
        "Lost",
    ]


def test_numbers_as_labels_become_text() -> None:
    assert U.PARETO_TIER(WORKED, None, [0.8], [1.0, 2.0]) == column(["1", "1", "2", "2", "2"])


# --- computed tiers ---------------------------------------------------------------------------

COMPUTED_VALUES = [120, 5, 40, 3, 88, 1, 15, 7, 60, 2, 9, 30]


@pytest.mark.parametrize("spelling", ["computed", "Computed", "COMPUTED", [["computed"]]])
def test_computed_tiers_use_the_abc_limits(spelling) -> None:
    abc = computed_abc(np.array(COMPUTED_VALUES, dtype=float))
    expected = ["ABC"[t] for t in abc.tiers(COMPUTED_VALUES)]
    assert U.PARETO_TIER(COMPUTED_VALUES, None, spelling) == column(expected)
    for value, tier in zip(COMPUTED_VALUES, expected, strict=True):
        assert U.PARETO_TIER(value, COMPUTED_VALUES, spelling) == tier
    summary = U.PARETO_SUMMARY(COMPUTED_VALUES, spelling)
    assert [row[0] for row in summary[1:]] == ["A", "B", "C", "Total"]
    assert sum(row[1] for row in summary[1:4]) == len(COMPUTED_VALUES)


def test_computed_tier_gaps_hold_the_limits_fixed() -> None:
    abc = computed_abc(np.array(COMPUTED_VALUES, dtype=float))
    tiers = [row[0] for row in U.PARETO_TIER(COMPUTED_VALUES, None, "computed")]
    gaps = [row[0] for row in U.PARETO_GAP(COMPUTED_VALUES, None, "computed")]
    for value, tier, gap in zip(COMPUTED_VALUES, tiers, gaps, strict=True):
        reached = (round(value * 100) + round(gap * 100)) / 100
        one_less = reached - 0.01
        if tier == "A":
            assert gap == 0
        elif tier == "B":  # to reach A a client must exceed ABLimit
            assert reached > abc.ab_limit and not one_less > abc.ab_limit
        else:  # to reach B it must reach BCLimit
            assert reached >= abc.bc_limit and not one_less >= abc.bc_limit
    assert U.PARETO_GAP(29.5, COMPUTED_VALUES, "computed") == pytest.approx(
        round(abc.bc_limit - 29.5, 2)
    )


def test_computed_tiers_reject_custom_label_count() -> None:
    with pytest.raises(XlparetoError, match="expected 3 labels"):
        U.PARETO_TIER(COMPUTED_VALUES, None, "computed", ["A", "B"])


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


def test_all_thirteen_functions_are_exported() -> None:
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
        ]
    )


@pytest.mark.parametrize(
    ("ragged", "fragment"),
    [([[1], [2], 3], "list of rows"), ([[1, 2], [3]], "different lengths")],
)
def test_ragged_ranges_are_clear_errors(ragged, fragment) -> None:
    with pytest.raises(XlparetoError, match=fragment):
        U.PARETO_TIER(ragged)
