"""Exactly rounded group sums agree with math.fsum to the last bit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.engine.exact import GroupSums
from xlpareto.errors import XlparetoError

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
tricky = st.sampled_from([1e16, 1.0, -1e16, 0.1, 0.2, -0.3, 5e-324, -2e-310, 1e-300, 0.0])
values = st.lists(st.tuples(st.one_of(finite, tricky), st.integers(0, 3)), max_size=60)


def fsum_of(pairs, plus, minus):
    terms = [v for v, g in pairs if g in plus] + [-v for v, g in pairs if g in minus]
    return math.fsum(terms)


@given(values, st.sets(st.integers(0, 3)), st.sets(st.integers(0, 3)))
def test_group_sums_are_fsum(pairs, plus, minus) -> None:
    array = np.array([v for v, _ in pairs], dtype=float)
    groups = np.array([g for _, g in pairs], dtype=np.intp)
    try:
        expected = fsum_of(pairs, plus, minus)
    except OverflowError:
        with pytest.raises(XlparetoError, match="too large to add up"):
            GroupSums(array, groups, 4).total(sorted(plus), sorted(minus))
        return
    assert GroupSums(array, groups, 4).total(sorted(plus), sorted(minus)) == expected


def test_cancellation_by_hand() -> None:
    # 1e16 + 1 − 1e16 + 1 = 2 exactly (plain floats give 0 or 1 depending on the order)
    sums = GroupSums(np.array([1e16, 1.0, -1e16, 1.0]), np.zeros(4, dtype=np.intp), 1)
    assert sums.total([0]) == 2.0
    assert sums.total([0], [0]) == 0.0
    assert math.copysign(1, sums.total([], [0]) + 2.0) == 1.0


def test_overflow_is_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^before: the numbers are too large to add up$"):
        GroupSums(np.array([1e308, 1e308]), np.zeros(2, dtype=np.intp), 1, "before").total([0])
