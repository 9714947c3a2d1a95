"""Hand-checked unit tests for every rule of SPEC section 1 (engine, through its public
functions and the worksheet functions that expose it)."""

from __future__ import annotations

import engine_reference as ref
import numpy as np
import pytest

import xlpareto
from xlpareto import XlparetoError
from xlpareto.engine import metrics
from xlpareto.engine.budget import budget_table, segment_units
from xlpareto.engine.gap import gaps_to_next_tier
from xlpareto.engine.migration import migration_counts
from xlpareto.engine.population import Population
from xlpareto.engine.splits import hamilton, split_total, units_in
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.udfs import (
    BUDGET_SPLIT,
    PARETO_BUDGET,
    PARETO_GAP,
    PARETO_GINI,
    PARETO_HHI,
    PARETO_MIGRATION,
    PARETO_RANK,
    PARETO_RATIO,
    PARETO_SHARE,
    PARETO_SUMMARY,
    PARETO_TABLE,
    PARETO_TIER,
    PARETO_TOP_SHARE,
)

WORKED = [50, 30, 10, 5, 5]


def flat(result):
    """A column result (list of 1-element rows) as a flat list."""
    return [row[0] for row in result]


def tiers(values, cutoffs=None, labels=None):
    return flat(PARETO_TIER(values, None, cutoffs, labels))


def gaps(values, cutoffs=None):
    return flat(PARETO_GAP(values, None, cutoffs))


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


# --- gaps -------------------------------------------------------------------------------------

GAP_POPULATIONS = [
    WORKED,
    [80, 5, 5, 5, 5, 2],
    [0.21, 0.15, 0.07, 0.02],
    [100, 40, 40, 10, 7, 3, 0, -4],
    [12.34, 5.67, 5.67, 1.01, 0.99, 0.5],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    [0.36, 0.15, -0.02, 0.27, 0.19, 0.34],  # tie reached at -0.02 + 0.29 = 0.27
    [2.26, 42.94, 38.42, 33.9, 3.39],  # tie reached at 2.26 + 1.13 = 3.39
]


@pytest.mark.parametrize("values", GAP_POPULATIONS)
@pytest.mark.parametrize("cutoffs", [None, [0.5], [0.3, 0.6, 0.9]])
def test_gap_recomputed_at_gap_and_one_cent_less(values, cutoffs) -> None:
    cut = ref.DEFAULT_CUTOFFS if cutoffs is None else cutoffs
    result = gaps(values, cutoffs)
    for index, (value, gap) in enumerate(zip(values, result, strict=True)):
        start = ref.tier_with(values, index, value, cut)
        assert gap == ref.gap(values, index, value, cut), (index, value)
        cents = round(value * 100) + round(gap * 100)
        if start == 0:
            assert gap == 0
            continue
        raised = list(values)
        raised[index] = cents / 100
        assert flat(PARETO_TIER(raised, None, cutoffs))[index] < tiers(values, cutoffs)[index]
        if gap > 0:
            raised[index] = (cents - 1) / 100
            assert flat(PARETO_TIER(raised, None, cutoffs))[index] == tiers(values, cutoffs)[index]


@pytest.mark.parametrize("values", GAP_POPULATIONS[:6])
@pytest.mark.parametrize("x", [0.03, 1.5, 4.0, 6.0, 20.0, 45.0, 0.0, -1.0])
def test_gap_of_a_scalar_not_in_the_population_is_an_extra_client(values, x) -> None:
    if x in values:
        return
    gap = PARETO_GAP(x, values)
    assert gap == ref.gap(values, None, x)
    start = ref.tier_with(values, None, x, ref.DEFAULT_CUTOFFS)
    if start == 0:
        assert gap == 0
    else:
        y = (round(x * 100) + round(gap * 100)) / 100
        assert flat(PARETO_TIER([*values, y]))[-1] < "ABC"[start]
        if gap > 0:
            y = (round(x * 100) + round(gap * 100) - 1) / 100
            assert flat(PARETO_TIER([*values, y]))[-1] == "ABC"[start]


def test_gap_of_a_scalar_in_the_population_is_that_client() -> None:
    for index, value in enumerate(WORKED):
        assert PARETO_GAP(value, WORKED) == gaps(WORKED)[index]
    # the worked example: the 10 (B) needs 30 – at 40 it is ranked 2nd with 50 above: 50/130
    assert PARETO_GAP(10, WORKED) == ref.gap(WORKED, 2, 10)
    assert PARETO_GAP(20, WORKED) == 0  # an extra client at 20: 80 above of 120 → A


def test_gap_engine_api_masks_membership() -> None:
    values = np.array([50.0, 30, 10, 5, 5])
    population = Population(values)
    rule = make_tier_rule()
    queries = np.array([10.0, 10.0])
    result = gaps_to_next_tier(population, rule, queries, np.array([True, False]))
    assert result.tolist() == [ref.gap(WORKED, 2, 10), ref.gap(WORKED, None, 10)]


# --- ranks and shares -------------------------------------------------------------------------


def test_rank_of_a_scalar_not_in_the_range() -> None:
    assert PARETO_RANK(20, WORKED) == 3
    assert PARETO_RANK(100, WORKED) == 1
    assert PARETO_RANK(1, WORKED) == 6
    assert PARETO_RANK(5, WORKED) == 4
    assert PARETO_RANK(-3, WORKED) == 6
    assert PARETO_RANK(30, WORKED) == 2


def test_share_of_non_positive_values_is_one() -> None:
    assert PARETO_SHARE(0, WORKED) == 1.0
    assert PARETO_SHARE(-10, WORKED) == 1.0
    assert PARETO_SHARE(20, WORKED) == pytest.approx(0.8)  # SUMIF(">=20") = 80
    assert PARETO_SHARE(1000, WORKED) == 0.0


def test_share_before_and_population_queries() -> None:
    population = Population(np.array(WORKED, dtype=float))
    assert population.share_before(np.array([50.0, 30, 10, 5, 0])).tolist() == pytest.approx(
        [0, 0.5, 0.8, 0.9, 1.0]
    )
    assert population.total == 100.0


# --- concentration ----------------------------------------------------------------------------


def test_concentration_hand_computed() -> None:
    assert PARETO_HHI(WORKED) == pytest.approx(0.25 + 0.09 + 0.01 + 0.0025 + 0.0025)
    assert PARETO_GINI(WORKED) == pytest.approx(230 / 500)
    assert PARETO_GINI(WORKED) == pytest.approx(ref.gini(WORKED))
    assert PARETO_TOP_SHARE(WORKED) == pytest.approx(0.5)
    assert PARETO_TOP_SHARE(WORKED, 0.3) == pytest.approx(0.65)
    assert PARETO_TOP_SHARE(WORKED, 0) == 0.0
    assert PARETO_TOP_SHARE(WORKED, 1) == pytest.approx(1.0)
    assert PARETO_RATIO(WORKED) == pytest.approx(0.2 + 0.2 * 0.3 / 0.5)


def test_pareto_ratio_exact_80_20() -> None:
    # 2 of 10 clients bring 80 %: the curve meets 1 − x exactly at x = 0.2
    values = [40, 40] + [2.5] * 8
    assert PARETO_RATIO(values) == pytest.approx(0.2)
    assert PARETO_TOP_SHARE(values) == pytest.approx(0.8)


def test_concentration_counts_non_positive_clients_as_zero() -> None:
    assert PARETO_GINI([0, 0, 0, 1]) == pytest.approx(0.75)
    assert PARETO_GINI([-5, 0, 0, 1]) == pytest.approx(0.75)
    assert PARETO_HHI([1, 1, 0, -3]) == pytest.approx(0.5)
    assert PARETO_TOP_SHARE([10, 0, 0, 0, 0]) == pytest.approx(1.0)
    assert metrics.largest_share(np.array([3.0, 1.0, -1.0])) == pytest.approx(0.75)


@pytest.mark.parametrize("fraction", [-0.1, 1.5])
def test_top_share_fraction_out_of_range(fraction) -> None:
    with pytest.raises(XlparetoError, match="fraction"):
        PARETO_TOP_SHARE(WORKED, fraction)


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


# --- migration --------------------------------------------------------------------------------


def test_migration_counts_new_lost_and_uncounted_rows() -> None:
    before = [60, 30, 10, None, 0, 5, None, "text"]
    after = [60, 10, 30, 20, 0, None, -3, None]
    # before: T = 105 → 60 A, 30 A (.57), 10 B (.86), 5 C (.952); after: T = 120 →
    # 60 A, 30 A (.5), 20 A (.75), 10 B (.917)
    assert PARETO_MIGRATION(before, after) == [
        ["Before \\ After", "A", "B", "C", "Lost"],
        ["A", 1, 1, 0, 0],
        ["B", 1, 0, 0, 0],
        ["C", 0, 0, 0, 1],
        ["New", 1, 0, 0, 0],
    ]


def test_migration_labels_cutoffs_and_errors() -> None:
    result = PARETO_MIGRATION([1, 2], [2, 1], [0.5], ["Top", "Rest"])
    assert result[0] == ["Before \\ After", "Top", "Rest", "Lost"]
    assert [row[0] for row in result[1:]] == ["Top", "Rest", "New"]
    with pytest.raises(XlparetoError, match="same length"):
        PARETO_MIGRATION([1, 2], [1, 2, 3])
    with pytest.raises(XlparetoError, match="no positive revenue"):
        PARETO_MIGRATION([0, None], [-1, 0])
    # one period without revenue: everyone is New (or Lost); after: 2 A, 1 A (2/3 < .8)
    assert PARETO_MIGRATION([None, None], [1, 2])[-1] == ["New", 2, 0, 0, 0]
    assert [row[-1] for row in PARETO_MIGRATION([1, 2], [0, None])[1:]] == [2, 0, 0, 0]
    counts = migration_counts(np.array([1.0, np.nan]), np.array([np.nan, 1.0]), make_tier_rule())
    assert counts.sum() == 2


# --- summary and table ------------------------------------------------------------------------


SUMMARY_HEADER = [
    "Tier",
    "Clients",
    "% of clients",
    "Revenue",
    "% of revenue",
    "Min revenue",
    "Max revenue",
]


def test_summary_blank_min_max_for_empty_tiers() -> None:
    assert PARETO_SUMMARY(WORKED, [0.5, 0.6, 0.7]) == [
        SUMMARY_HEADER,
        ["A", 1, 0.2, 50.0, 0.5, 50.0, 50.0],
        ["B", 1, 0.2, 30.0, 0.3, 30.0, 30.0],
        ["C", 0, 0.0, 0.0, 0.0, "", ""],
        ["D", 3, 0.6, 20.0, 0.2, 5.0, 10.0],
        ["Total", 5, 1.0, 100.0, 1.0, 5.0, 50.0],
    ]


def test_summary_revenue_is_positive_part_and_min_max_raw() -> None:
    rows = PARETO_SUMMARY([10, 0, -5, 5])
    assert rows[1] == ["A", 2, 0.5, 15.0, 1.0, 5.0, 10.0]
    assert rows[3] == ["C", 2, 0.5, 0.0, 0.0, -5.0, 0.0]
    assert rows[-1] == ["Total", 4, 1.0, 15.0, 1.0, -5.0, 10.0]


def test_table_sorted_by_rank_ties_in_input_order() -> None:
    table = PARETO_TABLE(["e", "b", "a", "d", "c"], [5, 30, 50, 5, 10])
    assert table[0] == [
        "Rank",
        "Client",
        "Revenue",
        "Share",
        "Cumulative share",
        "Tier",
        "Gap to next tier",
    ]
    assert [row[:3] for row in table[1:]] == [
        [1, "a", 50.0],
        [2, "b", 30.0],
        [3, "c", 10.0],
        [4, "e", 5.0],
        [4, "d", 5.0],
    ]
    assert [row[5] for row in table[1:]] == ["A", "A", "B", "B", "B"]
    assert [row[3] for row in table[1:]] == pytest.approx([0.5, 0.3, 0.1, 0.05, 0.05])
    assert [row[4] for row in table[1:]] == pytest.approx([0.5, 0.8, 0.9, 1.0, 1.0])


def test_table_leaves_out_ignored_rows_and_checks_lengths() -> None:
    table = PARETO_TABLE(["a", "b", "c", "d"], [10, None, "n/a", True])
    assert [row[1] for row in table[1:]] == ["a"]
    with pytest.raises(XlparetoError, match="same length"):
        PARETO_TABLE(["a", "b"], [1, 2, 3])


def test_analyze_public_api() -> None:
    result = xlpareto.analyze(list("abcde"), WORKED, budget=1000)
    assert result.summary["Clients"].tolist() == [2, 3, 0, 5]
    assert result.budget["Budget"].tolist() == [640.0, 160.0, 0.0, 200.0, 1000.0]
    assert result.metrics["gini"] == pytest.approx(0.46)
    assert result.metrics["hhi"] == pytest.approx(0.355)
    assert result.table["Budget"].sum() == pytest.approx(800.0)


@pytest.mark.parametrize(
    ("total", "clients", "expected"),
    [(0.05, 2, 0.03), (10.10, 4, 2.53), (0.25, 2, 0.13), (160, 3, 53.33), (1, 3, 0.33)],
)
def test_budget_per_client_rounds_like_excel_round(total, clients, expected) -> None:
    # Excel's =ROUND(0.05/2, 2) is 0.03: halves go away from zero
    rows = PARETO_BUDGET(total, [1] * clients, 1)
    assert rows[1][4] == total
    assert rows[1][5] == expected
