"""The one-sort analysis: tiering by value limits and grouping by integer codes give exactly
the results of the definitions they replace (share-before per query, group-by on names)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.intake import prepare_clients
from xlpareto.engine.population import (
    _KEYED_SORT_SIZE,
    SHARE_TOLERANCE,
    Population,
    largest_first,
)
from xlpareto.engine.tiers import make_tier_rule

money = st.floats(-1e6, 1e9, allow_nan=False).map(lambda v: round(v, 2))
cutoff_lists = st.lists(st.floats(0.01, 1.0), min_size=1, max_size=12, unique=True).map(sorted)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(money, min_size=1, max_size=60),
    st.lists(st.one_of(money, st.just(float("nan"))), max_size=30),
    cutoff_lists,
)
def test_tier_index_is_the_share_before_definition(population_values, extra, cutoffs) -> None:
    values = np.array(population_values)
    if not np.maximum(values, 0).sum() > 0:
        values = np.append(values, 1.0)
    population = Population(values)
    rule = make_tier_rule(cutoffs)
    # queries: the population itself, its values in rank order, and other values
    queries = np.concatenate((values, np.sort(values)[::-1], np.array(extra)))
    before = np.minimum(
        population.suffix[np.searchsorted(population.ascending, queries, side="right")]
        / population.total,
        1.0,
    )
    thresholds = np.asarray(rule.cutoffs) * (1.0 - SHARE_TOLERANCE)
    expected = (before[:, None] >= thresholds[None, :]).sum(axis=1)
    assert rule.tier_index(population, queries).tolist() == expected.tolist()
    # descending queries (the table's rank order) are searched reversed: same positions
    descending = np.sort(queries[~np.isnan(queries)])[::-1]
    for side in ("left", "right"):
        assert (
            population.positions(descending, side).tolist()
            == np.searchsorted(population.ascending, descending, side=side).tolist()
        )


names = st.sampled_from(["a", " a", "b ", "c", "", " ", "d", "e"])
amount = st.one_of(money, st.just(float("nan")))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(names, amount, amount, amount), min_size=1, max_size=40))
def test_grouping_by_codes_equals_grouping_by_names(rows) -> None:
    clients = [row[0] for row in rows]
    revenue = np.array([row[1] for row in rows])
    prior = np.array([row[2] for row in rows])
    costs = np.array([abs(row[3]) for row in rows])
    trimmed = np.array([name.strip() for name in clients], dtype=object)
    keep = ~np.isnan(revenue) & (trimmed != "")
    if not keep.any():
        return
    result = prepare_clients(clients, revenue, prior, costs=costs)
    frame = pd.DataFrame(
        {"client": trimmed, "revenue": revenue, "prior": prior, "costs": costs, "keep": keep}
    )
    named = frame[frame["client"] != ""]
    kept = named[named["keep"]].groupby("client", sort=False)
    assert result.clients.tolist() == kept["revenue"].sum().index.tolist()
    assert result.revenue.tobytes() == kept["revenue"].sum().to_numpy(dtype=float).tobytes()
    cost_sums = kept["costs"].sum(min_count=1).to_numpy(dtype=float)
    if np.isnan(cost_sums).all():
        assert result.costs is None
    else:
        np.testing.assert_array_equal(result.costs, cost_sums)
    every = named.groupby("client", sort=False)
    np.testing.assert_array_equal(
        result.migration_before, every["prior"].sum(min_count=1).to_numpy(dtype=float)
    )
    np.testing.assert_array_equal(
        result.migration_after, every["revenue"].sum(min_count=1).to_numpy(dtype=float)
    )
    np.testing.assert_array_equal(
        result.prior,
        every["prior"].sum(min_count=1).reindex(kept["revenue"].sum().index).to_numpy(),
    )
    assert result.report.merged_rows == int(keep.sum()) - len(result.clients)


special = st.sampled_from(
    [0.0, -0.0, 1.5, -1.5, float("inf"), float("-inf"), float("nan"), 5e-324, -5e-324, 1e308]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(money, special), min_size=1, max_size=50),
    st.integers(0, 3),
    st.integers(0, 2**32 - 1),
)
def test_largest_first_is_the_stable_descending_sort(values, size_step, seed) -> None:
    # sizes on both sides of the integer-key path's threshold, many ties, ±0, ±inf, NaN
    size = [10, _KEYED_SORT_SIZE - 1, _KEYED_SORT_SIZE, 3 * _KEYED_SORT_SIZE][size_step]
    numbers = np.random.default_rng(seed).choice(np.array(values), size)
    expected = np.argsort(-numbers, kind="stable")
    assert largest_first(numbers).tolist() == expected.tolist()
    finite = numbers[~np.isnan(numbers)]
    assert largest_first(finite).tolist() == np.argsort(-finite, kind="stable").tolist()


@settings(max_examples=30, deadline=None)
@given(st.integers(_KEYED_SORT_SIZE, 4 * _KEYED_SORT_SIZE), st.integers(0, 2**32 - 1))
def test_largest_first_without_ties_and_with_one_long_run(size, seed) -> None:
    # distinct values (no run to put back in order) and a long run of zeros among them
    rng = np.random.default_rng(seed)
    distinct = rng.permutation(np.linspace(-1e6, 1e6, size))
    assert largest_first(distinct).tolist() == np.argsort(-distinct, kind="stable").tolist()
    zeros = np.where(rng.random(size) < 0.6, 0.0, distinct)
    assert largest_first(zeros).tolist() == np.argsort(-zeros, kind="stable").tolist()
