"""Exact splits at the edges of float range: split exactly or refuse, never a wrong number."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.engine.splits import MAX_UNITS, split_total
from xlpareto.errors import XlparetoError


@pytest.mark.parametrize(
    ("total", "unit", "message"),
    [
        (1e20, 0.01, "too large to split exactly"),
        (1e300, 1e-12, "too large to split exactly"),
        (float("inf"), 1.0, "must be a finite number"),
        (0.001, 0.01, "smaller than the unit"),
    ],
)
def test_totals_that_cannot_be_split_exactly_are_refused(total, unit, message):
    with pytest.raises(XlparetoError, match=message):
        split_total(total, np.array([1.0, 1.0]), unit)


@pytest.mark.parametrize(
    ("total", "weights", "unit", "parts"),
    [
        (1e20, [1, 1], 1e6, [5e19, 5e19]),
        (100, [1e308, 1e308, 0], 0.01, [50, 50, 0]),  # the weight sum would overflow
        (1, [1, 0, 0], 1e-12, [1, 0, 0]),
        (1e300, [1, 2], 1e300, [0, 1e300]),
        (0.03, [1, 1, 0], 0.01, [0.02, 0.01, 0]),
    ],
)
def test_edge_splits_are_exact(total, weights, unit, parts):
    result = split_total(total, np.array(weights, dtype=float), unit)
    assert result.tolist() == parts
    assert (result >= 0).all()


@given(
    st.integers(min_value=0, max_value=MAX_UNITS),
    st.lists(st.floats(min_value=0, max_value=1e308), min_size=1, max_size=12),
)
def test_parts_are_whole_units_that_add_up_and_zero_weights_get_nothing(units, weights):
    weights_array = np.array(weights)
    if not weights_array.max() > 0:
        weights_array[0] = 1.0
    parts = split_total(float(units), weights_array, 1.0)
    assert (parts >= 0).all()
    assert math.fsum(parts) == units
    assert (parts[weights_array == 0] == 0).all()
