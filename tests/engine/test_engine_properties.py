"""Property-based tests (hypothesis) for the invariants of SPEC section 1.

Revenues are drawn as whole cents (money, as typed into a sheet) from a small pool so that
ties, zeros and negatives are common; a second strategy draws arbitrary finite floats where a
property does not depend on exact ties.
"""

from __future__ import annotations

import itertools

import engine_reference as ref
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xlpareto.engine import metrics
from xlpareto.engine.splits import hamilton
from xlpareto.udfs import (
    BUDGET_SPLIT,
    PARETO_BUDGET,
    PARETO_GAP,
    PARETO_GINI,
    PARETO_HHI,
    PARETO_RANK,
    PARETO_RATIO,
    PARETO_SHARE,
    PARETO_TABLE,
    PARETO_TIER,
    PARETO_TOP_SHARE,
)

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CUTOFF_CHOICES = [None, [0.5], [0.8, 0.95], [0.3, 0.6, 0.9], [0.2, 0.5, 0.8, 0.95, 1.0]]

cents = st.one_of(
    st.sampled_from([-500, -1, 0, 1, 2, 5, 7, 10, 21, 15, 50, 100, 2000, 5000, 8000]),
    st.integers(min_value=-1000, max_value=1_000_000),
)


def _has_positive(values: list[float]) -> bool:
    return any(v > 0 for v in values)


money_lists = (
    st.lists(cents, min_size=1, max_size=25)
    .map(lambda xs: [x / 100 for x in xs])
    .filter(_has_positive)
)
float_lists = st.lists(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=40,
).filter(_has_positive)
cutoff_choices = st.sampled_from(CUTOFF_CHOICES)


def flat(result):
    return [row[0] for row in result]


def labels_for(cutoffs) -> str:
    return "ABCDEF"[: (2 if cutoffs is None else len(cutoffs)) + 1]


# --- permutation invariance and scalar == array -----------------------------------------------


@FAST
@given(values=money_lists, cutoffs=cutoff_choices, data=st.data())
def test_permutation_invariance(values, cutoffs, data) -> None:
    shuffled = data.draw(st.permutations(values))
    for function in (PARETO_SHARE, PARETO_RANK, PARETO_GAP):
        original = dict(zip(values, flat(function(values)), strict=True))
        permuted = dict(zip(shuffled, flat(function(shuffled)), strict=True))
        assert original == permuted
    original = dict(zip(values, flat(PARETO_TIER(values, None, cutoffs)), strict=True))
    permuted = dict(zip(shuffled, flat(PARETO_TIER(shuffled, None, cutoffs)), strict=True))
    assert original == permuted
    assert PARETO_GINI(values) == pytest.approx(PARETO_GINI(shuffled), rel=1e-9, abs=1e-12)
    assert PARETO_HHI(values) == pytest.approx(PARETO_HHI(shuffled), rel=1e-12)


@FAST
@given(values=money_lists, cutoffs=cutoff_choices)
def test_scalar_form_equals_array_form(values, cutoffs) -> None:
    tiers = flat(PARETO_TIER(values, None, cutoffs))
    shares = flat(PARETO_SHARE(values))
    ranks = flat(PARETO_RANK(values))
    gaps = flat(PARETO_GAP(values, None, cutoffs))
    for index, value in enumerate(values):
        assert PARETO_TIER(value, values, cutoffs) == tiers[index]
        assert PARETO_SHARE(value, values) == shares[index]
        assert PARETO_RANK(value, values) == ranks[index]
        assert PARETO_GAP(value, values, cutoffs) == gaps[index]


# --- shares, ranks, tiers against the definitions ---------------------------------------------


@FAST
@given(values=st.one_of(money_lists, float_lists))
def test_shares_equal_brute_force_sumif_and_fall_with_revenue(values) -> None:
    total = sum(max(v, 0.0) for v in values)
    shares = flat(PARETO_SHARE(values))
    for value, share in zip(values, shares, strict=True):
        expected = 1.0 if value <= 0 else sum(r for r in values if r >= value) / total
        assert share == pytest.approx(expected, rel=1e-9)
        assert 0 < share <= 1
    pairs = sorted(zip(values, shares, strict=True))
    for (low, low_share), (high, high_share) in itertools.pairwise(pairs):
        assert high_share <= low_share
        if low == high:
            assert high_share == low_share


@FAST
@given(values=money_lists, x=cents)
def test_scalar_queries_outside_the_population(values, x) -> None:
    x = x / 100
    total = sum(max(v, 0.0) for v in values)
    expected = 1.0 if x <= 0 else sum(r for r in values if r >= x and r > 0) / total
    assert PARETO_SHARE(x, values) == pytest.approx(expected, rel=1e-9)
    assert PARETO_RANK(x, values) == 1 + sum(1 for r in values if r > x)
    assert PARETO_TIER(x, values) == "ABC"[ref.tier(values, x)]


@FAST
@given(values=money_lists)
def test_ranks_are_rank_eq(values) -> None:
    ranks = flat(PARETO_RANK(values))
    assert ranks == [1 + sum(1 for r in values if r > v) for v in values]


@FAST
@given(values=money_lists, cutoffs=cutoff_choices)
def test_tiers_match_exact_definition_and_are_monotone(values, cutoffs) -> None:
    labels = labels_for(cutoffs)
    cut = ref.DEFAULT_CUTOFFS if cutoffs is None else cutoffs
    tiers = flat(PARETO_TIER(values, None, cutoffs))
    assert tiers == [labels[ref.tier(values, v, cut)] for v in values]
    pairs = sorted(zip(values, tiers, strict=True))
    for (low, low_tier), (high, high_tier) in itertools.pairwise(pairs):
        assert labels.index(high_tier) <= labels.index(low_tier)
        if low == high:
            assert low_tier == high_tier
    assert tiers[values.index(max(values))] == "A"
    for value, tier in zip(values, tiers, strict=True):
        if value <= 0:
            assert tier == labels[-1]


@FAST
@given(values=float_lists, cutoffs=cutoff_choices)
def test_tiers_monotone_on_arbitrary_floats(values, cutoffs) -> None:
    labels = labels_for(cutoffs)
    tiers = [labels.index(t) for t in flat(PARETO_TIER(values, None, cutoffs))]
    order = np.argsort(values, kind="stable")
    ordered = np.asarray(tiers)[order]
    assert (np.diff(ordered) <= 0).all()
    for value, tier in zip(values, tiers, strict=True):
        if value <= 0:
            assert tier == len(labels) - 1


# --- gaps -------------------------------------------------------------------------------------


def _tier_of(values, index, cutoffs):
    return "ABCDEF".index(flat(PARETO_TIER(values, None, cutoffs))[index])


@SLOW
@given(values=money_lists, cutoffs=cutoff_choices)
def test_gap_is_minimal_in_whole_cents(values, cutoffs) -> None:
    gaps = flat(PARETO_GAP(values, None, cutoffs))
    for index, (value, gap) in enumerate(zip(values, gaps, strict=True)):
        start = _tier_of(values, index, cutoffs)
        assert gap >= 0
        assert round(gap * 100) == pytest.approx(gap * 100, abs=1e-6)
        if start == 0:
            assert gap == 0
            continue
        target = round(value * 100) + round(gap * 100)
        raised = list(values)
        raised[index] = target / 100
        assert _tier_of(raised, index, cutoffs) < start
        if gap > 0:
            raised[index] = (target - 1) / 100
            assert _tier_of(raised, index, cutoffs) == start


@SLOW
@given(values=money_lists, x=cents, cutoffs=cutoff_choices)
def test_gap_of_an_extra_client_is_minimal(values, x, cutoffs) -> None:
    x_value = x / 100
    assume(x_value not in values)
    gap = PARETO_GAP(x_value, values, cutoffs)
    start = _tier_of([*values, x_value], len(values), cutoffs)
    if start == 0:
        assert gap == 0
        return
    target = x + round(gap * 100)
    assert _tier_of([*values, target / 100], len(values), cutoffs) < start
    if gap > 0:
        assert _tier_of([*values, (target - 1) / 100], len(values), cutoffs) == start


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.integers(min_value=-300, max_value=3000), min_size=1, max_size=8)
    .map(lambda xs: [x / 100 for x in xs])
    .filter(_has_positive),
    cutoffs=cutoff_choices,
)
def test_gap_equals_brute_force_cent_search(values, cutoffs) -> None:
    cut = ref.DEFAULT_CUTOFFS if cutoffs is None else cutoffs
    gaps = flat(PARETO_GAP(values, None, cutoffs))
    assert gaps == [ref.gap(values, i, v, cut) for i, v in enumerate(values)]


# --- exact splits -----------------------------------------------------------------------------

weights_lists = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=1000),
        st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=30,
).filter(lambda ws: sum(ws) > 0)


@FAST
@given(total_cents=st.integers(min_value=0, max_value=10**11), weights=weights_lists)
def test_budget_split_adds_up_exactly_and_follows_quotas(total_cents, weights) -> None:
    parts = flat(BUDGET_SPLIT(total_cents / 100, weights))
    units = [round(p * 100) for p in parts]
    assert all(abs(u - p * 100) < 1e-3 for u, p in zip(units, parts, strict=True))
    assert sum(units) == total_cents
    weight_sum = sum(weights)
    for unit_count, weight in zip(units, weights, strict=True):
        quota = total_cents * weight / weight_sum
        assert unit_count >= 0
        assert quota - 1 - 1e-6 * max(1, quota) <= unit_count <= quota + 1 + 1e-6 * max(1, quota)


@FAST
@given(units=st.integers(min_value=0, max_value=10**6), weights=weights_lists)
def test_hamilton_ties_go_to_earlier_parts(units, weights) -> None:
    doubled = [*weights, *weights]
    parts = hamilton(units, np.asarray(doubled, dtype=float)).tolist()
    assert sum(parts) == units
    half = len(weights)
    for first, second in zip(parts[:half], parts[half:], strict=True):
        assert first - second in (0, 1)  # same weight: the earlier part never gets less


@FAST
@given(
    values=money_lists,
    total_cents=st.integers(min_value=0, max_value=10**10),
    core=st.sampled_from([0, 0.25, 0.8, 1]),
    cutoffs=cutoff_choices,
)
def test_budget_rows_and_table_budgets_add_up_exactly(values, total_cents, core, cutoffs) -> None:
    total = total_cents / 100
    rows = PARETO_BUDGET(total, values, core, cutoffs)
    segments = rows[1:-1]
    assert sum(round(row[4] * 100) for row in segments) == total_cents
    assert rows[-1][4] == total
    assert sum(row[1] for row in segments[:-1]) == len(values)
    table = PARETO_TABLE([f"c{i}" for i in range(len(values))], values, cutoffs, None, total, core)
    per_tier: dict[str, int] = {}
    for row in table[1:]:
        per_tier[row[5]] = per_tier.get(row[5], 0) + round(row[-1] * 100)
    for label, row in zip(labels_for(cutoffs), segments, strict=False):
        assert per_tier.get(label, 0) == round(row[4] * 100)


# --- concentration ----------------------------------------------------------------------------


@FAST
@given(values=st.one_of(money_lists, float_lists))
def test_hhi_bounds(values) -> None:
    # HHI = Σ (r⁺/T)²: with p clients of positive revenue it lies in [1/p, 1] (1/p when they
    # are equal, 1 for a single one); since p ≤ n, also in [1/n, 1].
    positive = sum(1 for v in values if v > 0)
    hhi = PARETO_HHI(values)
    assert 1 / positive - 1e-12 <= hhi <= 1 + 1e-12
    assert hhi >= 1 / len(values) - 1e-12


@FAST
@given(values=st.one_of(money_lists, float_lists))
def test_gini_bounds(values) -> None:
    # all on r⁺ over the n clients: 0 ≤ G ≤ 1 − 1/n < 1
    gini = PARETO_GINI(values)
    n = len(values)
    assert -1e-12 <= gini <= 1 - 1 / n + 1e-12
    assert gini < 1


@FAST
@given(values=money_lists)
def test_gini_equals_mean_absolute_difference_form(values) -> None:
    assert PARETO_GINI(values) == pytest.approx(ref.gini(values), rel=1e-9, abs=1e-12)


@FAST
@given(values=st.one_of(money_lists, float_lists), fraction=st.floats(0, 1))
def test_top_share_and_pareto_ratio(values, fraction) -> None:
    top = PARETO_TOP_SHARE(values, fraction)
    assert fraction - 1e-12 <= top <= 1 + 1e-12  # the curve lies above the diagonal
    assert PARETO_TOP_SHARE(values, 1) == pytest.approx(1.0)
    assert PARETO_TOP_SHARE(values, 0) == 0.0
    ratio = PARETO_RATIO(values)
    assert 0 <= ratio <= 0.5 + 1e-12
    # at the ratio the curve meets 1 − x
    fractions, shares = metrics.pareto_curve(np.asarray(values, dtype=float))
    assert np.interp(ratio, fractions, shares) == pytest.approx(1 - ratio, abs=1e-9)
