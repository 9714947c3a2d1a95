"""PROSPECT_SCORE and PROSPECT_BUDGET (SPEC section 10), by hand and as properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from engine_xlwings import COM_ERRORS, MISSING, call_like_xlwings
from engine_xlwings import column as com_column
from hypothesis import given
from hypothesis import strategies as st
from udfs_cases import column

from xlpareto import XlparetoError
from xlpareto import udfs as U

EXPECTED = column([1000, 200, None, 500])
FIT = column([0.8, 0.25, None, 1.0])
PROBABILITY = column([0.5, None, None, 0.2])
PROBABILITY_NAME, AT_2, OUT = "probability: ", "at position 2 is not a number", "is not in [0, 1]"


# --- PROSPECT_SCORE ---------------------------------------------------------------------------


def test_score_by_hand_blank_probability_is_one() -> None:
    assert U.PROSPECT_SCORE(EXPECTED, FIT, PROBABILITY) == [[400.0], [50.0], [""], [100.0]]
    assert U.PROSPECT_SCORE(EXPECTED, FIT) == [[800.0], [50.0], [""], [500.0]]
    assert U.PROSPECT_SCORE(EXPECTED, FIT, None) == U.PROSPECT_SCORE(EXPECTED, FIT)
    assert U.PROSPECT_SCORE(EXPECTED, FIT, column([None] * 4)) == U.PROSPECT_SCORE(EXPECTED, FIT)


def test_score_shapes_and_scalars() -> None:
    assert U.PROSPECT_SCORE([[1000, 200]], [[0.8, 0.25]]) == [[800.0, 50.0]]
    assert U.PROSPECT_SCORE([[1000, 200], [None, 10]], column([1, 1, 1, 0.5])) == [
        [1000.0, 200.0],
        ["", 5.0],
    ]
    assert U.PROSPECT_SCORE(1000, 0.5, 0.5) == 250.0
    assert U.PROSPECT_SCORE("tbd", "x") == ""  # an uncounted row is not checked


@pytest.mark.parametrize(
    ("expected", "fit", "probability", "message"),
    [
        ([[10], [-1]], [[1], [1]], None, "expected: negative value at position 2"),
        ([[10], [5]], [[1], [1.5]], None, "fit: 1.5 at position 2 is not in [0, 1]"),
        ([[10], [5]], [[1], [None]], None, "fit: a number in [0, 1] is required at position 2"),
        ([[10], [5]], [[1], ["good"]], None, "fit: 'good' at position 2 is not a number"),
        (
            [[10], [5]],
            [[1], [1]],
            [[1], ["likely"]],
            "probability: 'likely' at position 2 is not a number",
        ),
        (
            [[10], [5]],
            [[1], [1]],
            [[-0.1], [1]],
            "probability: -0.1 at position 1 is not in [0, 1]",
        ),
        ([[10], [5]], [[1]], None, "expected, fit: must have the same number of cells (2 and 1)"),
        (
            [[10], [5]],
            [[1], [1]],
            [[1]],
            "expected, fit, probability: must have the same number of cells (2 and 2 and 1)",
        ),
        ([[10], ["#N/A"]], [[1], [1]], None, "expected: #N/A at position 2"),
        ([[10], [None]], [[1], ["#REF!"]], None, "fit: #REF! at position 2"),
    ],
)
def test_score_errors_name_argument_and_position(expected, fit, probability, message) -> None:
    with pytest.raises(XlparetoError) as error:
        U.PROSPECT_SCORE(expected, fit, probability)
    assert str(error.value) == message
    with pytest.raises(XlparetoError) as error:
        U.PROSPECT_BUDGET(100, expected, fit, probability)
    assert str(error.value) == message


# --- PROSPECT_BUDGET --------------------------------------------------------------------------


def test_budget_exact_to_the_cent_equal_remainders_to_the_earlier_row() -> None:
    expected = column([300, 300, 300, 900])
    fit = column([1, 1, 1, 0.4])  # the last is tailor-made: 0
    assert U.PROSPECT_BUDGET(100, expected, fit) == [[33.34], [33.33], [33.33], [0.0]]
    assert U.PROSPECT_BUDGET(100, [[300, 300, 300, 900]], [[1, 1, 1, 0.4]]) == [
        [33.34, 33.33, 33.33, 0.0]
    ]


def test_budget_min_fit_boundary_is_funded() -> None:
    expected, fit = column([100, 100, 100]), column([0.5, 0.49, 0.7])
    assert U.PROSPECT_BUDGET(120, expected, fit) == [[50.0], [0.0], [70.0]]
    assert U.PROSPECT_BUDGET(120, expected, fit, None, 0.7) == [[0.0], [0.0], [120.0]]
    # min_fit 0: scores 50, 49, 70 (of 169); 35.50, 34.79, 49.70 and the last cent to the
    # largest remainder (.41 against .29, .29)
    assert U.PROSPECT_BUDGET(120, expected, fit, None, 0) == [[35.5], [34.79], [49.71]]


def test_budget_blanks_probability_unit_and_scalar() -> None:
    result = U.PROSPECT_BUDGET(1000, EXPECTED, FIT, PROBABILITY, None, 10)
    # scores 400, (fit 0.25 < 0.5), -, 100 → 800 and 200 in whole tens
    assert result == [[800.0], [0.0], [""], [200.0]]
    assert U.PROSPECT_BUDGET(250, 1000, 0.9) == 250.0
    with pytest.raises(XlparetoError, match="no prospect reaches min_fit"):
        U.PROSPECT_BUDGET(250, None, 0.9)  # no prospect counts: nothing to split over


def test_budget_errors() -> None:
    with pytest.raises(XlparetoError) as error:
        U.PROSPECT_BUDGET(100, column([100, 100]), column([0.2, 0.4]))
    assert str(error.value) == "fit: no prospect reaches min_fit"
    with pytest.raises(XlparetoError, match="fit: no prospect reaches min_fit"):
        U.PROSPECT_BUDGET(100, column([0, 100]), column([1, 0.4]))  # a fit with score 0
    with pytest.raises(XlparetoError, match=r"min_fit: 1\.5 is not in"):
        U.PROSPECT_BUDGET(100, column([100]), column([1]), None, 1.5)
    with pytest.raises(XlparetoError, match=r"total: 100\.001 is not a whole multiple"):
        U.PROSPECT_BUDGET(100.001, column([100]), column([1]))
    with pytest.raises(XlparetoError, match="total: must be a finite number ≥ 0"):
        U.PROSPECT_BUDGET(-5, column([100]), column([1]))
    with pytest.raises(XlparetoError, match="total: a number is required"):
        U.PROSPECT_BUDGET(None, column([100]), column([1]))


def test_prospect_functions_through_xlwings() -> None:
    expected, fit = com_column(300.0, 300.0, None), com_column(1.0, 0.5, None)
    assert call_like_xlwings("PROSPECT_SCORE", expected, fit, MISSING) == [[300.0], [150.0], [""]]
    assert call_like_xlwings("PROSPECT_BUDGET", 90.0, expected, fit, MISSING, MISSING, 5.0) == [
        [60.0],
        [30.0],
        [""],
    ]
    with pytest.raises(XlparetoError, match="probability: #N/A at position 3"):
        call_like_xlwings("PROSPECT_SCORE", expected, fit, com_column(1.0, 1.0, COM_ERRORS["#N/A"]))


prospect_rows = st.lists(
    st.tuples(
        st.none() | st.floats(0, 1e6).map(lambda v: round(v, 2)),
        st.floats(0, 1),
        st.none() | st.floats(0, 1),
    ),
    min_size=1,
    max_size=30,
)


@given(prospect_rows, st.integers(0, 10_000_000).map(lambda cents: cents / 100))
def test_budget_adds_up_exactly_to_the_total(rows, total) -> None:
    expected = column([e for e, _, _ in rows])
    fit = column([f for _, f, _ in rows])
    probability = column([p for _, _, p in rows])
    try:
        result = U.PROSPECT_BUDGET(total, expected, fit, probability)
    except XlparetoError as error:
        assert str(error) == "fit: no prospect reaches min_fit"
        return
    budgets = [b for (b,) in result if b != ""]
    assert sum(Decimal(repr(b)) for b in budgets) == Decimal(repr(total))
    scores = U.PROSPECT_SCORE(expected, fit, probability)
    for (budget,), (score,), (_, fit_value, _) in zip(result, scores, rows, strict=True):
        assert (budget == "") == (score == "")
        if budget != "" and fit_value < 0.5:
            assert budget == 0.0


@given(prospect_rows)
def test_score_is_the_product_per_row_and_a_scalar_call_agrees(rows) -> None:
    expected = column([e for e, _, _ in rows])
    fit = column([f for _, f, _ in rows])
    probability = column([p for _, _, p in rows])
    result = U.PROSPECT_SCORE(expected, fit, probability)
    for (e, f, p), (score,) in zip(rows, result, strict=True):
        if e is None:
            assert score == ""
            continue
        assert score == e * f * (1.0 if p is None else p)
        assert U.PROSPECT_SCORE(e, f, p) == score
