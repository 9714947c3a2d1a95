"""Per-row arguments read at once: same number of cells, text in counted rows."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from xlpareto import XlparetoError
from xlpareto.conversion import read_cells, read_optional_number, read_rows, require_numbers


def test_read_rows_reads_every_argument_and_keeps_omitted_ones_as_none() -> None:
    rows = read_rows(
        {"revenue": [[10], [None]], "costs": [[1], ["x"]], "hours": None}, optional=("hours",)
    )
    assert rows["hours"] is None
    assert rows["revenue"].values.tolist()[0] == 10.0
    assert rows["costs"].counted.tolist() == [True, False]
    assert list(rows) == ["revenue", "costs", "hours"]


def test_read_rows_same_number_of_cells_not_the_same_shape() -> None:
    assert len(read_rows({"a": [[1, 2]], "b": [[1], [2]]})["a"]) == 2
    with pytest.raises(XlparetoError) as error:
        read_rows({"expected": [1, 2, 3], "fit": [1, 2], "probability": [1]})
    assert str(error.value) == (
        "expected, fit, probability: must have the same number of cells (3 and 2 and 1)"
    )


def test_read_rows_reports_errors_with_argument_and_position() -> None:
    with pytest.raises(XlparetoError, match="after: #N/A at position 2"):
        read_rows({"before": [1, 2], "after": [1, "#N/A"]})
    with pytest.raises(XlparetoError, match="hours: #REF! at position 1"):
        read_rows({"hours": ["#REF!"]}, optional=("hours",))


@pytest.mark.parametrize(
    ("item", "shown"),
    [("n/a", "'n/a'"), (True, "TRUE"), (False, "FALSE"), ("a\nb", "'a\\nb'")],
)
def test_require_numbers_names_the_cell(item, shown) -> None:
    value = [[1], [None], [item]]
    cells = read_cells(value, "costs")
    require_numbers(value, cells, "costs", np.array([True, True, False]))  # not counted
    with pytest.raises(XlparetoError) as error:
        require_numbers(value, cells, "costs", np.array([True, True, True]))
    assert str(error.value) == f"costs: {shown} at position 3 is not a number"


def test_require_numbers_dates_and_omitted() -> None:
    value = [dt.date(2024, 1, 1)]
    with pytest.raises(XlparetoError, match="costs: a date at position 1 is not a number"):
        require_numbers(value, read_cells(value, "costs"), "costs", np.array([True]))
    require_numbers(None, None, "hours", np.array([True]))


def test_read_optional_number() -> None:
    assert read_optional_number("", "spend_new") is None
    assert read_optional_number([[None]], "spend_new") is None
    assert read_optional_number(5, "spend_new") == 5.0
    with pytest.raises(XlparetoError, match="spend_new: expected a number, got 'x'"):
        read_optional_number("x", "spend_new")


def test_numbers_too_large_to_add_up_are_an_error() -> None:
    with pytest.raises(XlparetoError) as error:
        read_rows({"before": [1e308], "after": [1e308]})
    assert str(error.value) == "after: the numbers are too large to add up (the sum overflows)"
    assert read_rows({"before": [1e307], "after": [1e307]})["after"].values.tolist() == [1e307]
