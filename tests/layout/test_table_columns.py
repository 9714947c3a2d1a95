"""Table bodies as plain Python values: the fast paths give the general path's values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.layout.content import plain, table_columns
from xlpareto.layout.sheets import OutputColumn, TableSpec

SPEC = TableSpec("T", (OutputColumn("x", "number", "0.00", 10),), (3, 0))


def _general(column: pd.Series) -> list[object]:
    """The general path: every value through :func:`plain`, blanks for NaN."""
    return [plain(v) for v in column.astype(object).where(column.notna(), "").tolist()]


@given(st.lists(st.one_of(st.floats(width=64), st.just(math.nan)), max_size=60))
def test_floats_with_blanks_match_the_general_path(values: list[float]) -> None:
    column = pd.Series(np.array(values, dtype=np.float64), name="x")
    body = table_columns(column.to_frame(), SPEC)[0]
    expected = _general(column)
    assert [type(v) for v in body] == [type(v) for v in expected]
    assert body == expected  # NaN never reaches the body: it is "" (blank)
    assert all(v == "" for v, x in zip(body, values, strict=True) if math.isnan(x))


@given(st.lists(st.integers(-(2**62), 2**62), max_size=40))
def test_integers_stay_integers(values: list[int]) -> None:
    column = pd.Series(values, dtype=np.int64, name="x")
    body = table_columns(column.to_frame(), SPEC)[0]
    assert body == values and all(type(v) is int for v in body)
