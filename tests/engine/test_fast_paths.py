"""The fast paths of ``analyze`` give exactly what the straightforward computations give: the
shared sort and shared tiers (vs each public function on its own), unique names without a
group-by, the windowed binary search, the per-tier bonus selection, the vectorised exact sum.
Inputs with ties, zeros, -0.0, negatives, NaN and duplicate names."""

from __future__ import annotations

import math
import re
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine import intake, metrics
from xlpareto.engine import text as text_module
from xlpareto.engine.analysis import analyze
from xlpareto.engine.bridge import bridge_table
from xlpareto.engine.exact import exact_total
from xlpareto.engine.intake import prepare_clients
from xlpareto.engine.migration import migration_table
from xlpareto.engine.population import sorted_search
from xlpareto.engine.profit import whale_table
from xlpareto.engine.splits import grouped_hamilton
from xlpareto.engine.tables import client_table, tier_summary
from xlpareto.engine.text import text_array
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.errors import XlparetoError

# few distinct cent amounts: many ties; zeros of both signs; negatives
money = st.one_of(
    st.sampled_from([0.0, -0.0, 5.0, 5.0, 12.5, -3.0, 100.0]),
    st.floats(-1e4, 1e6, allow_nan=False).map(lambda v: round(v, 2)),
)
maybe_money = st.one_of(money, st.just(float("nan")))
rules = st.sampled_from([None, (0.5, 0.8, 0.95), (0.3,), "computed"])


def _frames_equal(ours: pd.DataFrame, reference: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(ours, reference, check_exact=True)


def _reference_parts(names, revenue, prior, costs, hours, rule):
    """The parts that can fail, each on its own, in the analysis' order."""
    client_list = prepare_clients(names, revenue, prior, costs=costs, hours=hours)
    table, _ = client_table(client_list.clients, client_list.revenue, rule, 1000.0)
    migration_table(client_list.migration_before, client_list.migration_after, rule)
    metrics.gini(client_list.revenue)
    return client_list, table


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", " c", "d ", "e", "f"]), maybe_money, maybe_money),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
    rules,
)
def test_analyze_equals_each_part_computed_on_its_own(rows, unique, cutoffs) -> None:
    names = [f"{row[0]}{i}" if unique else row[0] for i, row in enumerate(rows)]
    revenue = np.array([row[1] for row in rows])
    prior = np.array([row[2] for row in rows])
    costs = np.abs(revenue[::-1])  # NaN where the mirrored revenue is blank
    hours = np.where(np.isnan(prior), np.nan, 0.5)
    rule = make_tier_rule(cutoffs)
    kwargs = dict(costs=costs, hours=hours, hourly_cost=4.0, budget=1000.0, cutoffs=cutoffs)
    try:
        result = analyze(names, revenue, prior, **kwargs)
    except XlparetoError as error:  # then the straightforward computation fails the same way
        try:
            _reference_parts(names, revenue, prior, costs, hours, rule)
        except XlparetoError as reference:
            assert str(reference) == str(error)
            return
        raise
    client_list, reference = _reference_parts(names, revenue, prior, costs, hours, rule)
    numbers = client_list.revenue
    _frames_equal(result.table[reference.columns], reference)
    _frames_equal(result.summary, tier_summary(numbers, rule))
    assert result.metrics["top_20_share"] == metrics.top_share(numbers)
    for name in ("pareto_ratio", "gini", "hhi", "largest_share"):
        assert result.metrics[name] == getattr(metrics, name)(numbers)
    before, after = client_list.migration_before, client_list.migration_after
    _frames_equal(result.migration, migration_table(before, after, rule))
    if result.bridge is not None:
        _frames_equal(result.bridge, bridge_table(before, after, rule))
    if result.whale is not None:
        whale = whale_table(client_list.clients, numbers, client_list.costs, client_list.hours, 4.0)
        _frames_equal(result.whale, whale)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(maybe_money, maybe_money, maybe_money), min_size=1, max_size=30))
def test_unique_names_give_what_grouping_by_names_gives(rows) -> None:
    names = [f" client {i} " for i in range(len(rows))]
    revenue = np.array([row[0] for row in rows])
    prior = np.array([row[1] for row in rows])
    costs = np.abs(np.array([row[2] for row in rows]))
    keep = ~np.isnan(revenue)
    if not keep.any():
        return
    result = prepare_clients(names, revenue, prior, costs=costs)
    frame = pd.DataFrame(
        {"client": [n.strip() for n in names], "revenue": revenue, "prior": prior, "costs": costs}
    )
    kept = frame[keep].groupby("client", sort=False)
    every = frame.groupby("client", sort=False)
    assert result.clients.tolist() == kept["revenue"].sum().index.tolist()
    assert result.revenue.tobytes() == kept["revenue"].sum().to_numpy(dtype=float).tobytes()
    cost_sums = kept["costs"].sum(min_count=1).to_numpy(dtype=float)
    if np.isnan(cost_sums).all():
        assert result.costs is None
    else:
        assert result.costs.tobytes() == cost_sums.tobytes()
    for ours, column in ((result.migration_before, "prior"), (result.migration_after, "revenue")):
        assert ours.tobytes() == every[column].sum(min_count=1).to_numpy(dtype=float).tobytes()
    assert result.report.merged_rows == 0


def test_distinct_names_are_told_by_their_hashes() -> None:
    names = np.array([f"client {i}" for i in range(5000)], dtype=object)
    assert intake._all_distinct(names)
    assert not intake._all_distinct(np.append(names, "client 17"))
    assert intake._all_distinct(names[:0]) and intake._all_distinct(names[:1])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", " c", "a "]), maybe_money, maybe_money),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_equal_hashes_group_by_the_names_themselves(rows, unique) -> None:
    # two distinct names with one hash (forced here) go through pandas' factorize: the same
    # client list as when the hashes tell them apart
    names = [f"{row[0]}{i}" if unique else row[0] for i, row in enumerate(rows)]
    revenue = np.array([row[1] for row in rows])
    prior = np.array([row[2] for row in rows])
    try:
        told = prepare_clients(names, revenue, prior)
    except XlparetoError:
        return
    with mock.patch.object(intake, "_all_distinct", return_value=False):
        collided = prepare_clients(names, revenue, prior)
    assert collided.clients.tolist() == told.clients.tolist()
    for ours, theirs in (
        (collided.revenue, told.revenue),
        (collided.prior, told.prior),
        (collided.migration_before, told.migration_before),
        (collided.migration_after, told.migration_after),
    ):
        assert ours.tobytes() == theirs.tobytes()
    assert collided.report == told.report


finite = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 1))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(finite, st.sampled_from([0.0, 5.0, 5.1])), min_size=1, max_size=300),
    st.lists(st.one_of(finite, st.just(float("nan")), st.just(float("inf"))), max_size=80),
    st.sampled_from(["left", "right"]),
    st.sampled_from(["as given", "descending", "narrow"]),
)
def test_sorted_search_is_searchsorted(values, queries, side, shape) -> None:
    ascending = np.sort(np.array(values))
    asked = np.array(queries, dtype=float)
    if shape == "descending":
        asked = np.sort(asked[~np.isnan(asked)])[::-1]
    elif shape == "narrow" and asked.size:  # clustered around one population value
        offsets = np.round(np.nan_to_num(asked, posinf=0.5) % 1.0, 1) * 0.1
        # enough of them for the windowed search (it starts at 64 queries)
        asked = ascending[ascending.size // 2] + np.resize(offsets, 100)
    expected = np.searchsorted(ascending, asked, side=side)
    assert sorted_search(ascending, asked, side).tolist() == expected.tolist()


def _grouped_hamilton_by_lexsort(
    units: np.ndarray, groups: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """The straightforward Hamilton split: one sort by (group, remainder ↓, position)."""
    group_weight = np.bincount(groups, weights=weights, minlength=units.size)
    safe = np.where(group_weight > 0, group_weight, 1.0)
    quotas = units[groups] * (weights / safe[groups])
    floors = np.floor(quotas + 1e-9)
    remainders = np.round(quotas - floors, 9)
    parts = floors.astype(np.int64)
    missing = units - np.bincount(groups, weights=parts, minlength=units.size).astype(np.int64)
    order = np.lexsort((np.arange(groups.size), -remainders, groups))
    sorted_groups = groups[order]
    group_start = np.searchsorted(sorted_groups, np.arange(units.size), side="left")
    position_in_group = np.arange(groups.size) - group_start[sorted_groups]
    parts[order[position_in_group < missing[sorted_groups]]] += 1
    return parts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from([0.0, 1.0, 1.0, 2.5, 3.0, 7.0])),
        min_size=1,
        max_size=60,
    ),
    st.lists(st.integers(0, 500), min_size=4, max_size=4),
)
def test_bonus_by_selection_equals_the_sort(members, totals) -> None:
    groups = np.array([m[0] for m in members])
    weights = np.array([m[1] for m in members])
    group_weight = np.bincount(groups, weights=weights, minlength=4)
    units = np.where(group_weight > 0, np.array(totals), 0).astype(np.int64)
    ours = grouped_hamilton(units, groups, weights)
    assert ours.tolist() == _grouped_hamilton_by_lexsort(units, groups, weights).tolist()
    assert np.bincount(groups, weights=ours, minlength=4).astype(int).tolist() == units.tolist()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(-1e18, 1e18, allow_nan=False),
            st.sampled_from([0.0, -0.0, 1e16, -1e16, 0.1, 1e-310]),
        ),
        max_size=50,
    )
)
def test_exact_total_is_fsum(values) -> None:
    array = np.array(values, dtype=float)
    expected = math.fsum(array)
    ours = exact_total(array)
    assert ours == expected and math.copysign(1.0, ours) == math.copysign(1.0, expected)


names_or_not = st.one_of(
    st.text(max_size=8), st.none(), st.just(float("nan")), st.integers(-5, 5), st.floats()
)


@settings(max_examples=150, deadline=None)
@given(st.lists(names_or_not, max_size=20), st.booleans())
def test_text_array_is_pandas_text(values, strings_only) -> None:
    # Arrow's direct read of the names gives what pandas' own conversion gives, and anything
    # else (numbers, None, NaN) takes pandas' path
    items = [v for v in values if isinstance(v, str)] if strings_only else values
    column = np.array(items, dtype=object)
    expected = pd.array(column, dtype="str")
    result = text_array(column)
    assert result.dtype == expected.dtype
    assert result.equals(expected)


# every character Python's str.strip removes, and a few that look alike but are kept
SPACES = [" ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x85", "\xa0", "\u2003"]
SPACES += ["\u2028", "\u3000"]
LOOK_ALIKES = ["\x00", "\x08", "\u200b", "é", "\U0001f600"]  # not whitespace to Python
spacing = st.sampled_from([*SPACES, *LOOK_ALIKES])
padded_names = st.lists(st.one_of(spacing, st.characters()), max_size=6).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(padded_names, min_size=1, max_size=20))
def test_trimmed_text_strips_as_python_strips(names) -> None:
    # only the names whose first or last byte may be whitespace go through str.strip: the
    # result is str.strip of every name, as Python texts and as pandas text
    items = np.array(names, dtype=object)
    result = text_module.trimmed_text(items)
    if any(0xD800 <= ord(c) <= 0xDFFF for name in names for c in name):
        assert result is None  # a lone surrogate is no UTF-8 text: the names take pandas' path
        return
    trimmed, text = result
    assert trimmed.tolist() == [name.strip() for name in names]
    assert text.dtype == pd.array(trimmed, dtype="str").dtype
    assert text.tolist() == [name.strip() for name in names]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(padded_names, names_or_not, st.sampled_from(["a", " a"])), money),
        min_size=1,
        max_size=20,
    )
)
def test_an_array_of_names_gives_the_client_list_a_list_gives(rows) -> None:
    # object arrays of texts take the Arrow path (trimmed_text); a list takes the name-by-name
    # path: the same clients, sums and report
    names = [row[0] for row in rows]
    revenue = np.array([row[1] for row in rows])
    try:
        expected = prepare_clients(names, revenue)
    except XlparetoError as error:
        with pytest.raises(XlparetoError, match=re.escape(str(error))):
            prepare_clients(np.array(names, dtype=object), revenue)
        return
    result = prepare_clients(np.array(names, dtype=object), revenue)
    assert list(result.clients) == list(expected.clients)
    assert result.revenue.tobytes() == expected.revenue.tobytes()
    assert result.report == expected.report
    try:
        expected_table = analyze(names, revenue).table
    except XlparetoError as error:  # e.g. no positive revenue: the same error
        with pytest.raises(XlparetoError, match=re.escape(str(error))):
            analyze(np.array(names, dtype=object), revenue)
        return
    table = analyze(np.array(names, dtype=object), revenue).table
    pd.testing.assert_frame_equal(table, expected_table, check_exact=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=30))
def test_client_numbers_are_distinct_texts_that_read_back(numbers) -> None:
    # a whole number is written without a point, any other in its shortest exact form: two
    # client numbers never become one client (format "g" wrote 1234567 as 1.23457e+06)
    texts = [text_module.cell_text(v) for v in numbers]
    assert all(float(t) == v for t, v in zip(texts, numbers, strict=True))
    assert len(set(texts)) == len({v + 0.0 for v in numbers})  # -0.0 and 0.0: one client
    revenue = np.ones(len(numbers))
    clients = prepare_clients(np.array(numbers, dtype=object), revenue).clients
    assert list(clients) == list(dict.fromkeys(texts))
