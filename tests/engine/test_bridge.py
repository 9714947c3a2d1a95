"""SPEC section 7: the growth bridge, NRR, GRR and the bridge table by prior tier.

Expected figures are worked out by hand in the comments beside them.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.bridge import (
    BRIDGE_COLUMNS,
    classify,
    gross_revenue_retention,
    growth_bridge,
    net_revenue_retention,
    period_values,
    prior_tiers,
    row_classes,
)
from xlpareto.engine.bridge import bridge_table as _bridge_table
from xlpareto.engine.migration import migration_counts, migration_table, period_tiers
from xlpareto.engine.population import rank_population
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.errors import XlparetoError

NAN = float("nan")
RULE = make_tier_rule()


def bridge_table(before, after, rule=RULE):
    return _bridge_table(before, after, rule)


def rows_of(table):
    return {row[0]: dict(zip(BRIDGE_COLUMNS, row, strict=True)) for row in table.values.tolist()}


# --- per-row classes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (10, 15, "Expansion"),
        (10, 10, "Flat"),
        (10, 4, "Contraction"),
        (10, 0, "Lost"),
        (10, -3, "Lost"),  # a = after⁺ = 0
        (10, NAN, "Lost"),  # blank after counts as 0
        (0, 7, "New"),
        (-5, 7, "New"),  # b = before⁺ = 0: a client won back counts as New
        (NAN, 7, "New"),
        (0, 0, ""),
        (NAN, NAN, ""),
        (-1, -2, ""),
        (0.1, 0.1, "Flat"),
    ],
)
def test_each_class(before, after, expected) -> None:
    assert row_classes([before], [after]).tolist() == [expected]


def test_classes_are_exclusive_and_cover_counted_rows() -> None:
    b, a = period_values([5, 5, 5, 0, 0, 5], [6, 5, 1, 3, 0, 0])
    assert classify(b, a).tolist() == [0, 1, 2, 4, -1, 3]


# --- bridge sums, NRR, GRR ----------------------------------------------------------------------


def test_bridge_sums_by_hand() -> None:
    # rows: 100→120 (+20 exp), 50→30 (−20 con), 20→0 (−20 lost), 0→40 (+40 new), 10→10 flat,
    # blank→blank (not counted), 30→45 (+15 exp)
    before = [100, 50, 20, 0, 10, NAN, 30]
    after = [120, 30, 0, 40, 10, NAN, 45]
    sums = growth_bridge(before, after)
    assert sums.start == 210  # 100 + 50 + 20 + 10 + 30
    assert sums.expansion == 35  # 20 + 15
    assert sums.contraction == -20
    assert sums.lost == -20
    assert sums.new == 40
    assert sums.end == 245  # 120 + 30 + 40 + 10 + 45
    assert sums.start + sums.expansion + sums.contraction + sums.lost + sums.new == sums.end
    assert sums.net_change == 35
    assert sums.counts == (2, 1, 1, 1, 1)
    assert sums.clients == 6
    # NRR = (210 + 35 − 20 − 20) / 210 = 205 / 210; GRR = (210 − 20 − 20) / 210 = 170 / 210
    assert net_revenue_retention(before, after) == pytest.approx(205 / 210, rel=1e-15)
    assert gross_revenue_retention(before, after) == pytest.approx(170 / 210, rel=1e-15)


def test_nrr_and_grr_of_a_tiny_case() -> None:
    # 100→150 and 100→0: NRR = (200 + 50 − 100) / 200 = 0.75; GRR = (200 − 100)/200 = 0.5
    assert net_revenue_retention([100, 100], [150, 0]) == 0.75
    assert gross_revenue_retention([100, 100], [150, 0]) == 0.5


def test_no_prior_revenue_is_an_error() -> None:
    for function in (net_revenue_retention, gross_revenue_retention, bridge_table):
        with pytest.raises(XlparetoError, match=r"^before: no positive revenue in the prior"):
            function([0, NAN, -4], [5, 6, 7])


def test_exact_summation_keeps_the_identity() -> None:
    # 1e16 + 1 − 1e16 loses the 1 in plain floats; fsum keeps it.
    before = [1e16, 1.0, 1.0, 0.0]
    after = [1e16, 3.0, 0.0, 0.1]
    sums = growth_bridge(before, after)
    assert sums.expansion == 2.0
    assert sums.lost == -1.0
    assert sums.new == 0.1
    assert math.fsum([sums.start, sums.expansion, sums.contraction, sums.lost, sums.new]) == (
        pytest.approx(sums.end, rel=1e-15)
    )


def test_lengths_must_match_and_infinity_is_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^before, after: must have the same number"):
        growth_bridge([1, 2], [1])
    with pytest.raises(XlparetoError, match=r"^after: infinite value at position 2$"):
        growth_bridge([1, 2], [1, float("inf")])


# --- the bridge table -------------------------------------------------------------------------


def test_bridge_table_by_prior_tier_by_hand() -> None:
    # before 50, 30, 10, 5, 5 (T = 100): shares before 0, .5, .8, .9, .9 → A, A, B, B, B;
    # row 6 has no prior revenue, row 7 is blank in both periods.
    before = [50, 30, 10, 5, 5, 0, NAN]
    after = [60, 20, 10, 0, 7, 8, NAN]
    table = bridge_table(before, after)
    assert list(table.columns) == list(BRIDGE_COLUMNS)
    segments = ["A clients", "B clients", "C clients", "New clients", "Total"]
    assert table["Segment"].tolist() == segments
    rows = rows_of(table)
    a = rows["A clients"]  # 50→60 (+10), 30→20 (−10)
    assert [a[c] for c in BRIDGE_COLUMNS[1:]] == [2, 80, 10, -10, 0, 0, 80, 0, 1.0]
    b = rows["B clients"]  # 10→10 flat, 5→0 lost, 5→7 (+2)
    assert [b[c] for c in BRIDGE_COLUMNS[1:9]] == [3, 20, 2, 0, -5, 0, 17, -3]
    assert b["NRR"] == pytest.approx(17 / 20)
    c = rows["C clients"]  # no prior clients: zeros and a blank NRR
    assert [c[col] for col in BRIDGE_COLUMNS[1:]] == [0, 0, 0, 0, 0, 0, 0, 0, ""]
    new = rows["New clients"]
    assert [new[col] for col in BRIDGE_COLUMNS[1:]] == [1, 0, 0, 0, 0, 8, 8, 8, ""]
    total = rows["Total"]
    assert [total[col] for col in BRIDGE_COLUMNS[1:9]] == [6, 100, 12, -10, -5, 8, 105, 5]
    assert total["NRR"] == pytest.approx(net_revenue_retention(before, after), rel=1e-15)
    assert total["NRR"] == pytest.approx(97 / 100)  # (100 + 12 − 10 − 5) / 100
    for row in rows.values():  # each row adds up
        parts = [row[c] for c in ("Revenue before", "Expansion", "Contraction", "Lost", "New")]
        assert math.fsum(parts) == pytest.approx(row["Revenue after"], abs=1e-9)
        assert row["Net change"] == pytest.approx(row["Revenue after"] - row["Revenue before"])


def test_bridge_tiers_use_the_numeric_prior_cells_only() -> None:
    # NaN is left out of the prior population, zeros and negatives stay in it:
    # before 60, 40, 0, −5, NaN: T = 100; 60 → A (before 0), 40 → before .6 < .8 → A.
    # With cutoff 0.5: 40 has share before .6 ≥ .5 → B.
    table = bridge_table([60, 40, 0, -5, NAN], [60, 40, 1, 0, 2], make_tier_rule([0.5]))
    rows = rows_of(table)
    assert rows["A clients"]["Clients"] == 1
    assert rows["B clients"]["Clients"] == 1
    # 0 → 1 and blank → 2 are New; −5 → 0 has no positive revenue in either period
    assert rows["New clients"]["Clients"] == 2
    assert rows["New clients"]["New"] == 3
    assert rows["Total"]["Clients"] == 4


def test_bridge_table_labels_and_computed_tiers() -> None:
    rule = make_tier_rule([0.8, 0.95], ["Gold", "Silver", "Bronze"])
    table = bridge_table([5, 3], [5, 3], rule)
    assert table["Segment"].tolist() == [
        "Gold clients",
        "Silver clients",
        "Bronze clients",
        "New clients",
        "Total",
    ]
    values = [1000, 900, 800, 100, 90, 80, 70, 10, 5, 4, 3, 2, 1, 1, 1]
    computed = bridge_table(values, values, make_tier_rule("computed"))
    assert computed["Clients"].tolist()[-1] == len(values)
    assert sum(computed["Clients"].tolist()[:3]) == len(values)


# --- properties -------------------------------------------------------------------------------

cents = st.integers(min_value=-2000, max_value=1_000_000).map(lambda c: c / 100)
cells = st.one_of(cents, st.just(NAN), st.just(0.0))
pairs = st.lists(st.tuples(cells, cells), min_size=1, max_size=30).filter(
    lambda rows: any(b > 0 for b, _ in rows)
)
rules = st.sampled_from([None, [0.5], [0.8, 0.95], [0.3, 0.6, 0.9]]).map(make_tier_rule)


def _split(rows):
    return np.array([b for b, _ in rows]), np.array([a for _, a in rows])


@settings(max_examples=80)
@given(pairs, rules, st.randoms(use_true_random=False))
def test_bridge_is_permutation_invariant(rows, rule, rng) -> None:
    shuffled = list(rows)
    rng.shuffle(shuffled)
    first = bridge_table(*_split(rows), rule)
    second = bridge_table(*_split(shuffled), rule)
    for column in BRIDGE_COLUMNS:
        left, right = first[column].tolist(), second[column].tolist()
        if column == "NRR":
            assert [x == "" for x in left] == [x == "" for x in right]
            left = [0 if x == "" else x for x in left]
            right = [0 if x == "" else x for x in right]
            assert left == pytest.approx(right, rel=1e-12)
        else:
            assert left == right  # exact sums do not depend on the order


@settings(max_examples=80)
@given(pairs, rules)
def test_every_row_adds_up_and_nrr_is_at_least_grr(rows, rule) -> None:
    before, after = _split(rows)
    table = bridge_table(before, after, rule)
    scale = max(table["Revenue before"].iloc[-1], table["Revenue after"].iloc[-1])
    for row in table.to_dict("records"):
        parts = [row[c] for c in ("Revenue before", "Expansion", "Contraction", "Lost", "New")]
        assert abs(math.fsum(parts) - row["Revenue after"]) <= 1e-9 * scale
        assert row["Expansion"] >= 0 and row["Contraction"] <= 0 and row["Lost"] <= 0
    for column in BRIDGE_COLUMNS[1:9]:  # Total sums the segment rows
        parts = table[column].iloc[:-1].tolist()
        assert math.fsum(parts) == pytest.approx(table[column].iloc[-1], abs=1e-9 * scale)
    nrr = net_revenue_retention(before, after)
    grr = gross_revenue_retention(before, after)
    assert nrr >= grr - 1e-15
    assert 0 <= grr <= 1 + 1e-15


@settings(max_examples=80)
@given(pairs, rules)
def test_bridge_agrees_with_the_migration_matrix(rows, rule) -> None:
    before, after = _split(rows)
    sums = growth_bridge(before, after)
    matrix = migration_table(before, after, rule)
    labels = list(rule.labels)
    assert sums.counts[4] == matrix.loc["New", labels].sum()  # New: the matrix's "New" row
    assert sums.counts[3] == matrix.loc[labels, "Lost"].sum()  # Lost: its "Lost" column
    table = bridge_table(before, after, rule)
    # clients per prior tier = row sums of the matrix's tier rows
    assert table["Clients"].tolist()[: len(labels)] == matrix.loc[labels].sum(axis=1).tolist()
    # row by row, the ranked tiers are the searched tiers of the migration's prior period
    assert prior_tiers(before, rule).tolist() == period_tiers(before, rule).tolist()


def test_sums_too_large_for_a_float_are_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^before, after: the numbers are too large to add"):
        growth_bridge([1e308, 1e308], [1.0, 1.0])


def test_computed_prior_tiers_keep_zeros_in_the_population() -> None:
    # Computed ABC limits depend on the zeros (not on the blanks): the bridge's tiers are those
    # of the migration matrix on the same data, which tiers each period on its numeric cells.
    values = [1000, 900, 800, 100, 90, 80, 70, 10, 5, 4, 3, 2, 1, 1, 1] + [0] * 10 + [NAN] * 3
    rule = make_tier_rule("computed")
    table = bridge_table(values, values, rule)
    counts = migration_counts(np.array(values), np.array(values), rule)
    assert table["Clients"].tolist()[:3] == counts[:3].sum(axis=1).tolist()
    without_zeros = bridge_table([v for v in values if v != 0], values[:15] + [NAN] * 3, rule)
    assert without_zeros["Clients"].tolist()[:3] != table["Clients"].tolist()[:3]


@pytest.mark.parametrize(("before", "after"), [([1e-300], [1e300]), ([5e-324, 0], [1.0, 2.0])])
def test_a_retention_past_the_float_range_is_an_error_not_an_infinity(before, after):
    with pytest.raises(XlparetoError, match=r"^before: .* too small .* NRR is larger than"):
        net_revenue_retention(before, after)
    assert 0 < gross_revenue_retention(before, after) <= 1  # what was kept: never past 1
    with pytest.raises(XlparetoError, match="NRR is larger than a number can be"):
        bridge_table(before, after)


tied = st.sampled_from([0.0, -0.0, -3.0, 1.0, 2.5, 10.0, 99.0, 1e6])
all_rules = st.one_of(rules, st.just(make_tier_rule("computed")))


@settings(max_examples=150)
@given(st.lists(st.one_of(tied, cents), min_size=1, max_size=80), all_rules)
def test_member_tiers_are_the_tiers_of_their_rank_positions(values, rule) -> None:
    # long runs of equal values (±0, negatives): a tier never splits one, so tiering the
    # members by value gives the tiers of their positions in a ranked sort
    numbers = np.array(values)
    if not numbers[numbers > 0].sum() > 0:
        return
    ranked = rank_population(numbers)
    expected = np.empty(numbers.size, dtype=np.intp)
    try:
        expected[ranked.order] = rule.ranked_tier_index(ranked)
    except XlparetoError:  # computed limits undefined here (e.g. one client)
        return
    by_value = rank_population(np.sort(numbers)[::-1], presorted=True)
    assert rule.member_tier_index(by_value, numbers).tolist() == expected.tolist()
