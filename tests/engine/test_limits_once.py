"""The analysis' tier counts come from the client table's own tiers (limits worked out once)
and its text columns are taken from a few choices: same results as the definitions."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.bridge import (
    NO_PRIOR_REVENUE,
    bridge_table,
    bridge_with_total,
    growth_bridge,
)
from xlpareto.engine.money import growth_part
from xlpareto.engine.returns import spend_returns
from xlpareto.engine.tables import client_table, tier_counts_and_revenue, tier_counts_from_ranked
from xlpareto.engine.text import text_choices
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.errors import XlparetoError

money = st.floats(-1e6, 1e9, allow_nan=False).map(lambda v: round(v, 2))
rules = st.sampled_from([None, "computed", [0.5], [0.3, 0.6, 0.9]])


@settings(max_examples=200, deadline=None)
@given(st.lists(money, min_size=1, max_size=80), rules)
def test_counts_from_table_tiers_equal_recomputed_counts(values, cutoffs) -> None:
    numbers = np.array(values)
    if not np.maximum(numbers, 0).sum() > 0:
        numbers = np.append(numbers, 1.0)
    rule = make_tier_rule(cutoffs)
    order = np.argsort(-numbers, kind="stable")
    names = pd.array([f"c{i}" for i in range(numbers.size)], dtype="str")
    try:
        expected = tier_counts_and_revenue(numbers, rule, order)
    except XlparetoError as error:  # computed limits undefined: the table says the same
        with pytest.raises(XlparetoError, match=re.escape(str(error))):
            client_table(names, numbers, rule, order=order)
        return
    tiers = client_table(names, numbers, rule, order=order).tiers
    ours = tier_counts_from_ranked(numbers, rule, order, tiers)
    for mine, theirs in zip(ours, expected, strict=True):
        assert mine.tobytes() == theirs.tobytes()


def test_counts_fall_back_when_tiers_do_not_cover_every_number() -> None:
    numbers = np.array([5.0, 1.0, 3.0])
    rule = make_tier_rule()
    order = np.argsort(-numbers, kind="stable")
    ours = tier_counts_from_ranked(numbers, rule, order, np.array([0]))
    expected = tier_counts_and_revenue(numbers, rule, order)
    assert [a.tolist() for a in ours] == [b.tolist() for b in expected]


@given(st.lists(st.integers(0, 3), min_size=1, max_size=50))
def test_text_choices_equal_object_labels(indices) -> None:
    choices = ["A", "B", "C", ""]
    taken = text_choices(choices, np.array(indices, dtype=np.intp))
    inferred = pd.Series(np.array(choices, dtype=object)[np.array(indices, dtype=np.intp)])
    pd.testing.assert_series_equal(pd.Series(taken), inferred)


periods = st.lists(
    st.tuples(money, money).map(lambda pair: (abs(pair[0]), abs(pair[1]))), max_size=40
)


@settings(max_examples=80, deadline=None)
@given(periods, st.sampled_from([None, [0.5], [0.3, 0.6, 0.9]]))
def test_bridge_total_equals_growth_bridge(rows, cutoffs) -> None:
    before = np.array([row[0] for row in rows] + [1.0])
    after = np.array([row[1] for row in rows] + [2.0])
    table, total = bridge_with_total(before, after, make_tier_rule(cutoffs))
    assert total == growth_bridge(before, after)
    pd.testing.assert_frame_equal(table, bridge_table(before, after, make_tier_rule(cutoffs)))
    part = growth_part(before, after, 10.0, 20.0, make_tier_rule(cutoffs))
    assert (part.nrr, part.grr) == (total.nrr, total.grr)
    assert part.spend == spend_returns(before, after, 10.0, 20.0)


def test_growth_part_without_prior_revenue_is_a_note_not_an_error() -> None:
    part = growth_part(np.array([0.0, 0.0]), np.array([5.0, 1.0]), None, None, make_tier_rule())
    assert (part.bridge, part.note) == (None, NO_PRIOR_REVENUE)
