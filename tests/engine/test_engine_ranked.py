"""The rank-order core (one sort, running max/min over tie groups, tier boundaries by binary
search) gives bit-for-bit the same ranks, shares, shares-before and tiers as per-value
binary searches in the population."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.population import Population, rank_population
from xlpareto.engine.tiers import make_tier_rule

revenues = st.lists(
    st.one_of(
        st.integers(-5, 40).map(float),
        st.integers(-500, 4000).map(lambda cents: cents / 100),
        st.sampled_from([0.21, 0.15, 0.07, 0.02, 0.1, 0.2, 0.3]),
    ),
    min_size=1,
    max_size=60,
).filter(lambda values: sum(max(v, 0) for v in values) > 0)
cutoff_sets = st.lists(
    st.sampled_from([0.05, 0.2, 0.5, 0.6, 0.8, 0.9, 0.95, 1.0]), min_size=1, max_size=4, unique=True
).map(sorted)


@settings(max_examples=300, deadline=None)
@given(values=revenues, cutoffs=cutoff_sets)
def test_rank_order_core_equals_binary_search(values: list[float], cutoffs: list[float]) -> None:
    numbers = np.array(values)
    ranked = rank_population(numbers)
    descending = ranked.population.descending
    population = Population(numbers)
    rule = make_tier_rule(cutoffs)
    assert np.array_equal(ranked.rank, population.rank(descending))
    assert np.array_equal(ranked.share, population.share(descending))
    assert np.array_equal(ranked.before, population.share_before(descending))
    assert np.array_equal(numbers[ranked.order], descending)
    assert np.array_equal(rule.ranked_tier_index(ranked), rule.tier_index(population, descending))


def test_presorted_keeps_the_callers_tie_order() -> None:
    ranked = rank_population(np.array([9.0, 5, 5, 1]), presorted=True)
    assert ranked.order.tolist() == [0, 1, 2, 3]
    assert ranked.rank.tolist() == [1, 2, 2, 4]
    assert ranked.share.tolist() == [0.45, 0.95, 0.95, 1.0]
