"""Table bodies as plain Python values: the fast paths give the general path's values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.errors import XlparetoError
from xlpareto.layout.column_values import ColumnValues, known_arrow, known_numbers, known_texts
from xlpareto.layout.content import plain, table_columns
from xlpareto.layout.limits import MAX_CELL_CHARS, check_text
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


@given(
    st.lists(st.one_of(st.floats(width=64, allow_nan=False), st.just(math.nan)), min_size=1),
    st.integers(0, 3),
)
def test_a_number_column_keeps_its_numbers_as_an_array_that_matches_its_values(values, skip):
    column = pd.Series(np.array(values, dtype=np.float64), name="x")
    body = table_columns(column.to_frame(), SPEC)[0][skip:]
    numbers = known_numbers(body)
    assert numbers is not None and len(numbers) == len(body)
    for value, number in zip(body, numbers.tolist(), strict=True):
        assert (value == "" and math.isnan(number)) or value == number


def test_changing_a_column_forgets_what_was_known_of_it():
    frame = pd.DataFrame({"x": [1.5, 2.5]})
    for change in (
        lambda b: b.__setitem__(0, "text"),
        lambda b: b.append(3.0),
        lambda b: b.extend(["a"]),
        lambda b: b.insert(0, "a"),
        lambda b: b.pop(),
        lambda b: b.remove(1.5),
        lambda b: b.clear(),
        lambda b: b.sort(),
        lambda b: b.reverse(),
        lambda b: b.__delitem__(0),
        lambda b: b.__iadd__(["a"]),
        lambda b: b.__imul__(2),
    ):
        body = table_columns(frame, SPEC)[0]
        assert known_numbers(body) is not None
        change(body)
        assert known_numbers(body) is None and not known_texts(body)
    with pytest.raises(ValueError, match="one value per item"):
        ColumnValues([1.0], numbers=np.array([1.0, 2.0]))
    # an int column beyond a float's exact range keeps its ints but no float copy
    big = table_columns(pd.DataFrame({"x": [2**60 + 1, 1]}), SPEC)[0]
    assert big == [2**60 + 1, 1] and known_numbers(big) is None


def test_text_columns_are_known_as_texts_only_when_every_value_is_a_str():
    text_spec = TableSpec("T", (OutputColumn("x", "text", "@", 10),), (3, 0))
    texts = table_columns(pd.DataFrame({"x": pd.Series(["a", "b"], dtype=str)}), text_spec)[0]
    assert known_texts(texts) and texts == ["a", "b"]
    mixed = table_columns(pd.DataFrame({"x": pd.Series(["a", 5], dtype=object)}), text_spec)[0]
    assert not known_texts(mixed) and mixed == ["a", "5"]


TEXT_SPEC = TableSpec("T", (OutputColumn("x", "text", "@", 10),), (3, 0))


@given(
    st.lists(st.text(max_size=6), min_size=1, max_size=30),
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from([1, 2]),
)
def test_arrow_texts_are_kept_and_sliced_with_their_values(texts, start, stop, step) -> None:
    # the engine's Arrow text columns keep their Arrow array; any slice keeps it in step
    # (or drops it, for a step), a change forgets it
    body = table_columns(pd.DataFrame({"x": pd.Series(texts, dtype="str")}), TEXT_SPEC)[0]
    assert known_arrow(body) is not None and known_arrow(body).to_pylist() == texts
    part = body[start:stop:step]
    assert part == texts[start:stop:step] and known_texts(part)
    arrow = known_arrow(part)
    assert (arrow is None) == (step != 1)
    if arrow is not None:
        assert arrow.to_pylist() == texts[start:stop]
    part.append("more")
    assert known_arrow(part) is None and not known_texts(part)


def test_text_with_blanks_is_not_kept_in_arrow() -> None:
    column = pd.Series(["a", None, "b"], dtype="str")
    body = table_columns(pd.DataFrame({"x": column}), TEXT_SPEC)[0]
    assert body == ["a", "", "b"] and known_arrow(body) is None


def test_a_text_too_long_for_a_cell_is_refused_from_its_arrow_lengths() -> None:
    long = "é" * (MAX_CELL_CHARS + 1)  # characters, not UTF-8 bytes, count
    fits = "é" * MAX_CELL_CHARS
    for texts, refused in (([fits, "a"], False), (["a", long], True)):
        body = table_columns(pd.DataFrame({"x": pd.Series(texts, dtype="str")}), TEXT_SPEC)[0]
        assert known_arrow(body) is not None
        if refused:
            with pytest.raises(XlparetoError, match=r"^T\[x\] in row 5 has 32,768 characters"):
                check_text(body, "T[x]", 4)
        else:
            check_text(body, "T[x]", 4)
