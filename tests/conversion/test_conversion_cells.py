"""The conversion layer's cell rules (SPEC sections 1 and 2): flattening in reading order,
what counts as a number, Excel error literals at their positions, shapes back out."""

from __future__ import annotations

import datetime as dt
import decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto import XlparetoError
from xlpareto.conversion import (
    EXCEL_ERRORS,
    error_literal,
    flatten,
    is_missing,
    read_cells,
    read_scalar_number,
    read_texts,
    scatter,
    shape_like,
)

cell_values = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet="abc ", max_size=3).filter(lambda t: error_literal(t) is None),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
grids = st.integers(min_value=1, max_value=6).flatmap(
    lambda width: st.lists(
        st.lists(cell_values, min_size=width, max_size=width), min_size=1, max_size=6
    )
)
number_grids = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(
            st.floats(allow_nan=False, allow_infinity=False, width=32),
            min_size=width,
            max_size=width,
        ),
        min_size=1,
        max_size=5,
    )
)


def _round_trip(value):
    """shape_like(flatten(x)) with each counted cell standing for itself."""
    cells = read_cells(value, "x")
    items, shape, _ = flatten(value)
    assert cells.shape == shape
    return shape_like(items, cells)


def _blanked(grid):
    """The grid as the round trip returns it: ignored cells become ""."""
    return [
        [
            item if isinstance(item, (int, float)) and not isinstance(item, bool) else ""
            for item in row
        ]
        for row in grid
    ]


# --- flatten and shape_like round-trip every shape ---------------------------------------


@given(grid=grids)
def test_list_of_lists_round_trips_with_ignored_cells_blank(grid) -> None:
    assert _round_trip(grid) == _blanked(grid)
    assert _round_trip(tuple(tuple(row) for row in grid)) == _blanked(grid)


@given(column=st.lists(cell_values, min_size=1, max_size=20))
def test_one_dimensional_list_is_a_column(column) -> None:
    assert _round_trip(column) == _blanked([[item] for item in column])


@given(grid=number_grids)
def test_numpy_and_pandas_blocks_round_trip(grid) -> None:
    array = np.array(grid, dtype=float)
    expected = array.tolist()
    assert _round_trip(array) == expected
    assert _round_trip(pd.DataFrame(array)) == expected
    assert _round_trip(array.astype(object)) == expected


@given(column=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1))
def test_numpy_1d_and_series_are_columns(column) -> None:
    expected = [[v] for v in column]
    assert _round_trip(np.array(column)) == expected
    assert _round_trip(pd.Series(column)) == expected
    assert read_cells(pd.Series(column), "x").shape == (len(column), 1)


@pytest.mark.parametrize(
    "scalar", [7, 7.5, np.float64(7), np.int64(7), np.array(7.0), decimal.Decimal(7)]
)
def test_scalar_round_trips_as_a_scalar(scalar) -> None:
    cells = read_cells(scalar, "x")
    assert cells.is_scalar and cells.shape == (1, 1)
    assert shape_like(np.array([3]), cells) == 3
    assert type(shape_like(np.array([3]), cells)) is int


def test_three_dimensional_arrays_and_ragged_ranges_are_errors() -> None:
    with pytest.raises(XlparetoError, match="3 dimensions"):
        flatten(np.zeros((2, 2, 2)))
    with pytest.raises(XlparetoError, match="list of rows"):
        flatten([[1], 2])
    with pytest.raises(XlparetoError, match="different lengths"):
        flatten([[1, 2], [3]])


# --- what counts ----------------------------------------------------------------------------


def test_numbers_count_and_blank_text_booleans_dates_are_ignored() -> None:
    items = [1, 2.5, np.float32(3), None, "", "text", True, np.bool_(False)]
    items += [dt.date(2024, 1, 1), pd.Timestamp("2024-01-01"), pd.NaT]
    cells = read_cells(items, "revenues")
    assert cells.numbers.tolist() == [1.0, 2.5, 3.0]
    assert cells.counted.tolist() == [True] * 3 + [False] * 8
    assert len(cells) == len(items)


def test_unsupported_values_are_errors_naming_the_position() -> None:
    with pytest.raises(XlparetoError, match=r"revenues: unsupported value .* at position 2"):
        read_cells([1, object()], "revenues")
    with pytest.raises(XlparetoError, match="at position 1"):
        read_cells([1j], "revenues")


# --- Excel errors at their positions ----------------------------------------------------------


@given(
    grid=grids,
    literal=st.sampled_from(sorted(EXCEL_ERRORS)),
    data=st.data(),
)
def test_an_error_literal_is_reported_at_its_reading_order_position(grid, literal, data) -> None:
    rows, cols = len(grid), len(grid[0])
    row = data.draw(st.integers(0, rows - 1))
    col = data.draw(st.integers(0, cols - 1))
    spelled = data.draw(st.sampled_from([literal, literal.lower(), f" {literal} "]))
    grid = [list(r) for r in grid]  # the drawn cell is the only error (texts are a, b, c)
    grid[row][col] = spelled
    position = row * cols + col + 1
    with pytest.raises(XlparetoError) as error:
        read_cells(grid, "revenues")
    assert str(error.value) == f"revenues: {literal} at position {position}"
    with pytest.raises(XlparetoError) as error:
        read_texts(grid, "clients")
    assert str(error.value) == f"clients: {literal} at position {position}"


@pytest.mark.parametrize(
    ("bad", "message"),
    [(np.nan, "not a number (NaN)"), (np.inf, "infinite value"), (-np.inf, "infinite value")],
)
def test_nan_and_inf_are_errors_in_the_fast_path_too(bad, message) -> None:
    for value in ([1.0, 2.0, bad], np.array([1.0, 2.0, bad]), [[1.0], [2.0], [bad]]):
        with pytest.raises(XlparetoError) as error:
            read_cells(value, "revenues")
        assert str(error.value) == f"revenues: {message} at position 3"


def test_error_literal_spellings() -> None:
    assert error_literal("#n/a") == "#N/A"
    assert error_literal("  #DIV/0!  ") == "#DIV/0!"
    assert error_literal("#N/A2") is None
    assert error_literal(None) is None
    assert {"#N/A", "#VALUE!", "#REF!", "#SPILL!", "#CALC!"} <= EXCEL_ERRORS


# --- scalars, texts, missing ----------------------------------------------------------------


def test_read_scalar_number() -> None:
    assert read_scalar_number(None, "unit", 0.01) == 0.01
    assert read_scalar_number([[5]], "total") == 5.0
    with pytest.raises(XlparetoError, match="total: a number is required"):
        read_scalar_number("", "total")
    with pytest.raises(XlparetoError, match="expected a single number, got 2 cells"):
        read_scalar_number([1, 2], "total")
    with pytest.raises(XlparetoError, match="total: expected a number, got 'abc'"):
        read_scalar_number("abc", "total")
    with pytest.raises(XlparetoError, match="total: #N/A at position 1"):
        read_scalar_number("#N/A", "total")


def test_read_texts_keeps_reading_order_and_blanks() -> None:
    # numbers and booleans become the text a client name is (cell_text), as in the engine
    texts = read_texts([["a", None], ["c", 4], [1234567.0, True]], "clients").tolist()
    assert texts == ["a", "", "c", "4", "1234567", "True"]


@pytest.mark.parametrize(
    "blank", [None, "", [], [[None]], [[""], [None]], np.array([]), pd.Series([], dtype=float)]
)
def test_is_missing(blank) -> None:
    assert is_missing(blank)


@pytest.mark.parametrize("value", [0, " ", [[None, 0]], np.array([0.0]), "x"])
def test_is_not_missing(value) -> None:
    assert not is_missing(value)


def test_scatter_puts_results_back_at_counted_positions() -> None:
    cells = read_cells([[50, "x"], [None, 5]], "revenue")
    assert scatter(np.array(["A", "B"]), cells) == [["A", ""], ["", "B"]]
    assert scatter(np.array([1, 2, 3]), read_cells([[1, 2, 3]], "revenue")) == [[1, 2, 3]]
