"""Tiers with fixed cutoffs (SPEC section 1): the worked example, ties, the crossing
client, boundaries, negative and equal revenues, custom cutoffs and labels."""

from __future__ import annotations

import engine_reference as ref
import pytest
from engine_cases import WORKED, flat, gaps, tiers

import xlpareto
from xlpareto import XlparetoError
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.udfs import (
    PARETO_GAP,
    PARETO_GINI,
    PARETO_HHI,
    PARETO_RANK,
    PARETO_RATIO,
    PARETO_SHARE,
    PARETO_TIER,
    PARETO_TOP_SHARE,
)

# --- SPEC's worked examples -------------------------------------------------------------------


def test_worked_example_tiers_shares_ranks() -> None:
    assert tiers(WORKED) == ["A", "A", "B", "B", "B"]
    assert flat(PARETO_SHARE(WORKED)) == pytest.approx([0.5, 0.8, 0.9, 1.0, 1.0], rel=1e-15)
    assert flat(PARETO_RANK(WORKED)) == [1, 2, 3, 4, 4]
    table = xlpareto.analyze(list("abcde"), WORKED).table
    assert table["Tier"].tolist() == ["A", "A", "B", "B", "B"]


def test_exactness_client_exactly_at_cutoff_is_b() -> None:
    values = [0.21, 0.15, 0.07, 0.02]
    # plain floats put the share above 0.07 just under 0.8
    assert (0.21 + 0.15) / (0.21 + 0.15 + 0.07 + 0.02) < 0.8
    assert ref.before(values, 0.07) == ref.exact(0.8)
    assert tiers(values) == ["A", "A", "B", "C"]
    assert PARETO_TIER(0.07, values) == "B"
    assert tiers(values[::-1]) == ["C", "B", "A", "A"]


def test_gap_can_skip_a_tier() -> None:
    values = [80, 5, 5, 5, 5, 2]
    assert tiers(values) == ["A", "A", "A", "A", "A", "C"]
    assert gaps(values) == [0, 0, 0, 0, 0, 3.0]
    raised = [80, 5, 5, 5, 5, 5.0]
    assert tiers(raised)[-1] == "A"  # C straight to A
    assert tiers([80, 5, 5, 5, 5, 4.99])[-1] == "C"


# --- ties, crossing client, boundaries --------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([80, 10, 10], ["A", "B", "B"]),  # tie group starting exactly at 0.8
        ([50, 30, 10, 10], ["A", "A", "B", "B"]),
        ([40, 20, 20, 20], ["A", "A", "A", "A"]),  # tie group straddling 0.8
        ([95, 5], ["A", "C"]),  # exactly at 0.95
        ([90, 5, 5], ["A", "B", "B"]),  # tie group straddling 0.95
        ([94, 3, 3], ["A", "B", "B"]),
        ([60, 30, 10], ["A", "A", "B"]),  # 30 crosses 0.8, 10 crosses 0.95
        ([79, 11, 10], ["A", "A", "B"]),
    ],
)
def test_ties_and_boundaries(values, expected) -> None:
    assert ["ABC"[ref.tier(values, v)] for v in values] == expected  # the exact reference
    assert tiers(values) == expected


def test_tie_group_straddling_a_cutoff_shares_the_upper_tier() -> None:
    # before(10) = 0.7: the whole tie group starts below 0.8, so all are A; their share is 1
    values = [70, 10, 10, 10]
    assert tiers(values) == ["A", "A", "A", "A"]
    assert flat(PARETO_SHARE(values)) == [0.7, 1.0, 1.0, 1.0]
    assert flat(PARETO_RANK(values)) == [1, 2, 2, 2]


def test_crossing_client_stays_in_the_upper_tier() -> None:
    # 30 takes the cumulative share from 0.5 to 0.8 – crosses 0.8 – and is still A;
    # in 60, 30, 10 the 30 goes from .6 to .9 (A) and the 10 from .9 to 1.0 (B).
    assert tiers([50, 30, 20]) == ["A", "A", "B"]
    assert tiers([60, 30, 10]) == ["A", "A", "B"]
    assert tiers([60, 35, 5]) == ["A", "A", "C"]


def test_largest_client_is_always_first_label() -> None:
    assert tiers([1000, 1]) == ["A", "C"]
    assert tiers([1], [0.01]) == ["A"]
    assert tiers([5, 5, 5], [0.1, 0.2]) == ["A", "A", "A"]


# --- negative, zero, single, equal ------------------------------------------------------------


def test_negative_and_zero_revenues() -> None:
    values = [10, 0, -5, 5]
    assert tiers(values) == ["A", "C", "C", "A"]
    assert flat(PARETO_SHARE(values)) == pytest.approx([10 / 15, 1, 1, 1])
    assert flat(PARETO_RANK(values)) == [1, 3, 4, 2]
    # 0 and -5 reach B at y = 0.79: 15 / 15.79 < 0.95 (15 / 15.78 is not)
    assert gaps(values) == [0, 0.79, 5.79, 0]
    assert PARETO_GINI(values) == pytest.approx((5 * 1 + 10 * 3) / (4 * 15))
    assert PARETO_HHI(values) == pytest.approx((10 / 15) ** 2 + (5 / 15) ** 2)
    assert flat(PARETO_TIER(values, None, None, ["Top", "Mid", "Low"]))[1] == "Low"


def test_zero_and_negative_gap_targets_match_reference() -> None:
    values = [10, 0, -5, 5]
    for index, value in enumerate(values):
        assert gaps(values)[index] == ref.gap(values, index, value)


def test_single_client() -> None:
    assert PARETO_TIER([7]) == [["A"]]
    assert PARETO_SHARE([7]) == [[1.0]]
    assert PARETO_RANK([7]) == [[1]]
    assert PARETO_GAP([7]) == [[0.0]]
    assert PARETO_GINI([7]) == 0.0
    assert PARETO_HHI([7]) == 1.0
    assert PARETO_TOP_SHARE([7]) == pytest.approx(0.2)
    assert PARETO_RATIO([7]) == pytest.approx(0.5)


def test_all_equal_revenues() -> None:
    values = [5.0] * 5
    assert tiers(values) == ["A"] * 5
    assert flat(PARETO_SHARE(values)) == [1.0] * 5
    assert flat(PARETO_RANK(values)) == [1] * 5
    assert gaps(values) == [0.0] * 5
    assert PARETO_GINI(values) == pytest.approx(0.0, abs=1e-15)
    assert PARETO_HHI(values) == pytest.approx(0.2)
    assert PARETO_TOP_SHARE(values) == pytest.approx(0.2)
    assert PARETO_TOP_SHARE(values, 0.35) == pytest.approx(0.35)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 10, 101])
def test_pareto_ratio_is_one_half_for_equal_revenues(n) -> None:
    assert PARETO_RATIO([3.0] * n) == pytest.approx(0.5, abs=1e-12)


# --- custom cutoffs and labels ----------------------------------------------------------------


def test_four_tier_custom_cutoffs() -> None:
    values = [50, 30, 10, 5, 4, 1]
    cutoffs = [0.5, 0.8, 0.95]
    assert tiers(values, cutoffs) == ["A", "B", "C", "C", "D", "D"]
    labels = ["Gold", "Silver", "Bronze", "Tin"]
    assert tiers(values, cutoffs, labels) == ["Gold", "Silver", "Bronze", "Bronze", "Tin", "Tin"]
    assert [["A", "B", "C", "D"][ref.tier(values, v, cutoffs)] for v in values] == tiers(
        values, cutoffs
    )
    assert make_tier_rule(cutoffs).labels == ("A", "B", "C", "D")
    assert make_tier_rule([0.8]).labels == ("A", "B")
    # gaps with four tiers: each non-top client reaches a higher tier at gap, not a cent less
    for index, value in enumerate(values):
        assert gaps(values, cutoffs)[index] == ref.gap(values, index, value, cutoffs)


def test_cutoff_of_one_and_single_cutoff() -> None:
    assert tiers([50, 30, 20], [1.0]) == ["A", "A", "A"]
    assert tiers([50, 30, 20], [0.5]) == ["A", "B", "B"]
    assert tiers([50, 30, 20], "COMPUTED") == tiers([50, 30, 20], "computed")


@pytest.mark.parametrize(
    ("cutoffs", "fragment"),
    [
        ([0.95, 0.8], "strictly increasing"),
        ([0.8, 0.8], "strictly increasing"),
        ([80, 95], "80 at position 1 is not in (0, 1]"),
        ([0.8, 95], "95 at position 2"),
        ([0, 0.8], "not in (0, 1]"),
        ([-0.1], "not in (0, 1]"),
        ([1.01], "not in (0, 1]"),
        (["x", 0.8], "position 1 is not a number"),
        ([0.8, True], "position 2 is not a number"),
        (["#N/A"], "#N/A at position 1"),
        ([0.8, float("nan")], "NaN"),
        ("abc", "cutoffs"),
    ],
)
def test_invalid_cutoffs(cutoffs, fragment) -> None:
    with pytest.raises(XlparetoError, match="cutoffs") as error:
        PARETO_TIER(WORKED, None, cutoffs)
    assert fragment in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("labels", "fragment"),
    [
        (["A", "B"], "expected 3 labels"),
        (["A", "B", "C", "D"], "expected 3 labels"),
        (["A", "A", "B"], "different"),
        (["A", None, "C"], "position 2"),
        (["A", "", "C"], "position 2"),
        (["A", "B", "  "], "position 3"),
        (["A", "#N/A", "C"], "#N/A"),
    ],
)
def test_invalid_labels(labels, fragment) -> None:
    with pytest.raises(XlparetoError, match="labels") as error:
        PARETO_TIER(WORKED, None, None, labels)
    assert fragment in str(error.value)


def test_labels_for_four_tiers_must_be_four() -> None:
    with pytest.raises(XlparetoError, match="expected 4 labels"):
        make_tier_rule([0.5, 0.8, 0.95], ["A", "B", "C"])
    assert make_tier_rule("computed", ["H", "M", "L"]).labels == ("H", "M", "L")
    with pytest.raises(XlparetoError, match="expected 3 labels"):
        make_tier_rule("computed", ["H", "L"])
