"""Computed ABC analysis (:mod:`xlpareto.engine.computed_abc`): the R package's own outputs,
invariants and errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.computed_abc import computed_abc
from xlpareto.errors import XlparetoError

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "abc"
REFERENCES = ["small_12", "lognormal_200", "swiss_inhabitants"]


def _reference(name: str) -> dict:
    return json.loads((REFERENCE_DIR / f"{name}.json").read_text())


# --------------------------------------------------------------------------- R's own outputs


@pytest.mark.parametrize("name", REFERENCES)
def test_reproduces_the_r_package(name: str) -> None:
    ref = _reference(name)
    values = np.asarray(ref["values"], dtype=float)
    result = computed_abc(values)
    tiers = result.tiers(values)
    positions = np.arange(1, len(values) + 1)
    assert positions[tiers == 0].tolist() == sorted(ref["Aind"])
    assert positions[tiers == 1].tolist() == sorted(ref["Bind"])
    assert positions[tiers == 2].tolist() == sorted(ref["Cind"])
    assert result.ab_limit == ref["ABLimit"][0]
    assert result.bc_limit == ref["BCLimit"][0]
    assert result.ab_exchanged is ref["ABexchanged"]
    for got, expected in [(result.a_point, ref["A"]), (result.b_point, ref["B"])]:
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(result.c_point, ref["C"], rtol=0, atol=1e-9)


def test_reference_files_cover_both_grids_and_both_orders() -> None:
    refs = [_reference(name) for name in REFERENCES]
    assert {len(r["values"]) < 101 for r in refs} == {True, False}
    assert {r["ABexchanged"] for r in refs} == {True, False}


# --------------------------------------------------------------------------- invariants, errors

revenue_lists = st.lists(
    st.one_of(
        st.integers(-50, 10_000).map(float),
        st.floats(0.01, 1e6, allow_nan=False),
        st.sampled_from([0.0, 100.0, 250.5]),
    ),
    min_size=3,
    max_size=300,
)


def _try(values: np.ndarray):
    try:
        return computed_abc(values)
    except XlparetoError:
        return None


@given(revenue_lists, st.randoms(use_true_random=False))
@settings(max_examples=100, deadline=None)
def test_permutation_invariant(values: list[float], random) -> None:
    shuffled = list(values)
    random.shuffle(shuffled)
    first, second = _try(np.asarray(values)), _try(np.asarray(shuffled))
    assert first == second
    if first is not None:
        tiers = first.tiers(np.asarray(values))
        assert sorted(tiers.tolist()) == sorted(second.tiers(np.asarray(shuffled)).tolist())


@given(revenue_lists)
@settings(max_examples=100, deadline=None)
def test_ties_share_a_set_and_sets_are_ordered(values: list[float]) -> None:
    result = _try(np.asarray(values))
    if result is None:
        return
    array = np.asarray(values)
    tiers = result.tiers(array)
    for value in np.unique(array):
        assert len(set(tiers[array == value].tolist())) == 1
    order = np.argsort(-array, kind="stable")
    assert (np.diff(tiers[order]) >= 0).all()  # A, then B, then C down the ranking
    assert result.bc_limit <= result.ab_limit
    assert result.ab_limit in array and result.bc_limit in array


def test_negative_values_are_zero_items_on_the_curve_and_end_in_c() -> None:
    values = np.array([10, -5, 0, 3, 2, 1, -1, 0.5, 0.2, 0.1, 0.05, 0.01])
    result = computed_abc(values)
    cleaned = computed_abc(np.maximum(values, 0))
    assert (result.a_point, result.c_point) == (cleaned.a_point, cleaned.c_point)
    assert result.tiers(values)[values < 0].tolist() == [2, 2]


@pytest.mark.parametrize("values", [[], [0.0, 0.0], [-3.0, 0.0, -1.0]])
def test_no_positive_revenue_is_an_error(values) -> None:
    with pytest.raises(XlparetoError, match="at least one positive revenue"):
        computed_abc(np.asarray(values, dtype=float))


@pytest.mark.parametrize("values", [[5.0], [1.0, 1.0, 1.0, 1.0, 1.0]])
def test_limit_before_the_first_client_is_an_error(values) -> None:
    with pytest.raises(XlparetoError, match="need more clients or less equal revenues"):
        computed_abc(np.asarray(values))


def test_non_finite_is_an_error() -> None:
    with pytest.raises(XlparetoError, match="finite"):
        computed_abc(np.array([1.0, np.inf, 2.0]))


def test_two_clients_work() -> None:
    result = computed_abc(np.array([5.0, 1.0]))
    assert result.tiers(np.array([5.0, 1.0])).tolist() == [1, 2]
