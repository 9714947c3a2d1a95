"""PARETO_NRR, PARETO_GRR, PARETO_BRIDGE and PARETO_RETURNS (SPEC sections 7 and 8), by hand."""

from __future__ import annotations

import math

import pytest
from engine_xlwings import COM_ERRORS, MISSING, call_like_xlwings
from engine_xlwings import column as com_column
from hypothesis import given
from hypothesis import strategies as st
from udfs_cases import column

from xlpareto import XlparetoError
from xlpareto import udfs as U

BRIDGE_HEADER = [
    "Segment",
    "Clients",
    "Revenue before",
    "Expansion",
    "Contraction",
    "Lost",
    "New",
    "Revenue after",
    "Net change",
    "NRR",
]
RETURNS_HEADER = [
    "Segment",
    "Spend",
    "Revenue gained",
    "Gained per 1.00 spent",
    "Cost per 1.00 gained",
    "Clients",
    "Spend per client",
]
# Expansion 100→120, Contraction 50→30, Lost 20→0, New 0→40: Start 170, End 190
BEFORE = [100, 50, 20, 0]
AFTER = [120, 30, 0, 40]


# --- NRR and GRR ------------------------------------------------------------------------------


def test_nrr_and_grr_by_hand() -> None:
    assert U.PARETO_NRR(column(BEFORE), column(AFTER)) == pytest.approx(150 / 170)
    assert U.PARETO_GRR(column(BEFORE), column(AFTER)) == pytest.approx(130 / 170)
    assert isinstance(U.PARETO_NRR(column(BEFORE), column(AFTER)), float)


def test_any_shape_gives_the_same_figure() -> None:
    expected = U.PARETO_NRR(column(BEFORE), column(AFTER))
    assert U.PARETO_NRR([BEFORE], [AFTER]) == expected  # a row
    assert U.PARETO_NRR([[100, 50], [20, 0]], [[120, 30], [0, 40]]) == expected  # a block
    assert U.PARETO_NRR(BEFORE, AFTER) == expected  # from Python
    assert U.PARETO_NRR(100, 150) == 1.5  # one cell each: scalar in, scalar out


def test_blank_text_and_boolean_cells_count_as_zero() -> None:
    # row 2 has no prior revenue (blank): New; row 3 is text/boolean in both: not counted
    before = column([100, None, "n/a", -5])
    after = column([50, 30, True, 10])
    assert U.PARETO_NRR(before, after) == 0.5
    assert U.PARETO_GRR(before, after) == 0.5


def test_no_prior_revenue_is_the_spec_error() -> None:
    for function in (U.PARETO_NRR, U.PARETO_GRR, U.PARETO_BRIDGE):
        with pytest.raises(XlparetoError) as error:
            function(column([0, None, -3]), column([10, 20, 30]))
        assert str(error.value) == "before: no positive revenue in the prior period"


def test_before_and_after_must_have_the_same_number_of_cells() -> None:
    for function in (U.PARETO_NRR, U.PARETO_GRR, U.PARETO_BRIDGE):
        with pytest.raises(XlparetoError) as error:
            function(column([1, 2, 3]), column([1, 2]))
        assert str(error.value) == "before, after: must have the same number of cells (3 and 2)"
    with pytest.raises(XlparetoError, match=r"\(3 and 2\)"):
        U.PARETO_RETURNS(column([1, 2, 3]), column([1, 2]), 1, 1)
    # the number of cells counts, not the shape: a 2 x 2 block matches a 4-cell column
    assert U.PARETO_NRR([[1, 2], [3, 4]], column([1, 2, 3, 4])) == 1.0


@pytest.mark.parametrize("literal", sorted(COM_ERRORS))
def test_error_cells_name_argument_and_position(literal) -> None:
    with pytest.raises(XlparetoError) as error:
        call_like_xlwings("PARETO_NRR", com_column(1.0, 2.0), com_column(1.0, COM_ERRORS[literal]))
    assert str(error.value) == f"after: {literal} at position 2"
    with pytest.raises(XlparetoError) as error:
        call_like_xlwings("PARETO_BRIDGE", com_column(COM_ERRORS[literal], 2.0), com_column(1, 2))
    assert str(error.value) == f"before: {literal} at position 1"


def test_error_in_a_row_that_does_not_count_is_still_an_error() -> None:
    with pytest.raises(XlparetoError, match="before: #REF! at position 3"):
        U.PARETO_GRR(column([10, 5, "#REF!"]), column([10, 5, None]))
    with pytest.raises(XlparetoError, match=r"after: not a number \(NaN\) at position 1"):
        U.PARETO_NRR([1.0], [math.nan])


# --- PARETO_BRIDGE ----------------------------------------------------------------------------


def test_bridge_by_prior_tier_by_hand() -> None:
    # prior tiers of 50, 30, 10, 5, 5 (section 1's worked example): A, A, B, B, B; 0 → New
    before = column([50, 30, 10, 5, 5, 0])
    after = column([60, 20, 10, 0, 5, 8])
    assert U.PARETO_BRIDGE(before, after) == [
        BRIDGE_HEADER,
        ["A clients", 2, 80.0, 10.0, -10.0, 0.0, 0.0, 80.0, 0.0, 1.0],
        ["B clients", 3, 20.0, 0.0, 0.0, -5.0, 0.0, 15.0, -5.0, 0.75],
        ["C clients", 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ""],
        ["New clients", 1, 0.0, 0.0, 0.0, 0.0, 8.0, 8.0, 8.0, ""],
        ["Total", 6, 100.0, 10.0, -10.0, -5.0, 8.0, 103.0, 3.0, 0.95],
    ]


def test_bridge_with_cutoffs_and_labels() -> None:
    before, after = column([50, 30, 10, 5, 5]), column([55, 30, 0, 5, 10])
    table = U.PARETO_BRIDGE(before, after, [[0.5, 0.9]], [["Gold", "Silver", "Bronze"]])
    assert [r[0] for r in table] == [
        "Segment",
        "Gold clients",
        "Silver clients",
        "Bronze clients",
        "New clients",
        "Total",
    ]
    assert [r[1] for r in table[1:]] == [1, 2, 2, 0, 5]
    computed = U.PARETO_BRIDGE(before, after, "computed")
    assert [r[0] for r in computed[1:4]] == ["A clients", "B clients", "C clients"]
    with pytest.raises(XlparetoError, match="labels"):
        U.PARETO_BRIDGE(before, after, None, [["X", "Y"]])


def test_bridge_leaves_out_rows_without_revenue_in_either_period() -> None:
    # rows 2 and 3 have no positive revenue in either period; row 4 (text before) is New
    table = U.PARETO_BRIDGE(column([10, None, 0, "x"]), column([12, 0, None, 5]))
    assert table[-1][:2] == ["Total", 2]
    assert table[-2][:2] == ["New clients", 1]


# --- PARETO_RETURNS ---------------------------------------------------------------------------


def test_returns_by_hand() -> None:
    assert U.PARETO_RETURNS(column([100, 50, 0]), column([130, 40, 20]), 60, 40) == [
        RETURNS_HEADER,
        ["Existing clients", 60.0, 30.0, 0.5, 2.0, 1, 60.0],
        ["New business", 40.0, 20.0, 0.5, 2.0, 1, 40.0],
    ]


def test_returns_blank_spend_and_zero_divisors() -> None:
    table = U.PARETO_RETURNS(column([100, 50]), column([100, 40]), None, [[0]])
    # no expansion: Cost per 1.00 gained blank; no new clients: Spend per client blank
    assert table[1] == ["Existing clients", "", 0.0, "", "", 0, ""]
    assert table[2] == ["New business", 0.0, 0.0, "", "", 0, ""]
    assert U.PARETO_RETURNS(column([100]), column([150]), "", [[None]])[1][1] == ""


def test_returns_still_answer_without_prior_revenue() -> None:
    table = U.PARETO_RETURNS(column([0, None]), column([10, 20]), 5, 15)
    assert table[1] == ["Existing clients", 5.0, 0.0, 0.0, "", 0, ""]
    assert table[2] == ["New business", 15.0, 30.0, 2.0, 0.5, 2, 7.5]


@pytest.mark.parametrize(
    ("existing", "new", "message"),
    [
        (-1, 5, "spend_existing: must be a finite number ≥ 0, got -1"),
        (5, "lots", "spend_new: expected a number, got 'lots'"),
        (5, [[1, 2]], "spend_new: expected a single number, got 2 cells"),
        ("#N/A", 5, "spend_existing: #N/A at position 1"),
    ],
)
def test_returns_bad_spend(existing, new, message) -> None:
    with pytest.raises(XlparetoError) as error:
        U.PARETO_RETURNS(column([1]), column([2]), existing, new)
    assert str(error.value) == message


def test_returns_through_xlwings_with_omitted_spend() -> None:
    table = call_like_xlwings(
        "PARETO_RETURNS", com_column(100.0, 0.0), com_column(120.0, 10.0), 10.0, None
    )
    assert table[1] == ["Existing clients", 10.0, 20.0, 2.0, 0.5, 1, 10.0]
    assert table[2][1] == ""
    assert call_like_xlwings("PARETO_NRR", com_column(100.0), com_column(80.0)) == [[0.8]]
    assert call_like_xlwings("PARETO_BRIDGE", com_column(1.0), com_column(2.0), MISSING)[-1][
        -1
    ] == pytest.approx(2.0)


# --- properties -------------------------------------------------------------------------------

revenues = st.lists(
    st.one_of(st.none(), st.floats(-100, 1000, allow_nan=False).map(lambda v: round(v, 2))),
    min_size=1,
    max_size=25,
)


@given(st.data())
def test_bridge_rows_add_up_and_nrr_is_at_least_grr(data) -> None:
    before = data.draw(revenues)
    after = data.draw(
        st.lists(st.none() | st.floats(-100, 1000), min_size=len(before), max_size=len(before))
    )
    if not any(v is not None and v > 0 for v in before):
        return
    nrr, grr = (
        U.PARETO_NRR(column(before), column(after)),
        U.PARETO_GRR(column(before), column(after)),
    )
    assert nrr >= grr - 1e-12
    table = U.PARETO_BRIDGE(column(before), column(after))
    for row in table[1:]:
        start, expansion, contraction, lost, new, end, net = row[2:9]
        assert math.isclose(
            start + expansion + contraction + lost + new, end, abs_tol=1e-9 * max(1, end)
        )
        assert math.isclose(end - start, net, abs_tol=1e-9 * max(1, end, start))
    total = table[-1]
    assert total[-1] == pytest.approx(nrr)
    assert total[1] == sum(r[1] for r in table[1:-1])
    reversed_table = U.PARETO_BRIDGE(column(before[::-1]), column(after[::-1]))
    assert reversed_table[-1][2:9] == pytest.approx(total[2:9])
