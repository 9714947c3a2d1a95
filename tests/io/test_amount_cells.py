"""Cost and hours cells of the lines that count are numbers of 0 or more (SPEC sections 9 and
12): text, a boolean, an infinite or a negative number there is a one-line error naming the
file row and what the cell holds – read row by row or by the columnar path, dated or not –
while blank cells are 0 and the cells of lines that do not count are not checked."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from columnar_support import both_ways

from xlpareto.io.grouped_inputs import scan_input
from xlpareto.io.readers import ReadOptions


def _csv(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def _error(path: Path) -> str:
    """The error both paths give (they must agree)."""
    old, new = both_ways(path)
    assert isinstance(new, str), "the columnar path read a bad cost"
    assert old == new
    return new


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("n/a", "'n/a'"), ("TBD", "'TBD'"), ("-4", "'-4.0'"), ("(2)", "'-2.0'"), ("12 %", "'12 %'")],
)
def test_a_counted_row_with_a_cost_that_is_no_amount_is_an_error(tmp_path, cell, shown):
    rows = [("Acme", "10", "1"), ("Birch", "5", cell), ("Acme", "3", "2")]
    path = _csv(tmp_path / "c.csv", ["Client", "Revenue", "Cost"], rows)
    assert _error(path) == f"costs: {shown} in row 3 is not a number of 0 or more"


def test_hours_that_are_text_are_an_error_naming_the_hours(tmp_path):
    rows = [("Acme", "10", "1", "2"), ("Birch", "5", "2", "lots")]
    path = _csv(tmp_path / "c.csv", ["Client", "Revenue", "Cost", "Hours"], rows)
    assert _error(path) == "hours: 'lots' in row 3 is not a number of 0 or more"


def test_blank_costs_and_the_costs_of_rows_that_do_not_count_are_not_checked(tmp_path):
    # blank, only spaces, only a currency sign: 0; a row without a numeric revenue or a name
    # is skipped, whatever its cost holds
    rows = [("Acme", "10", ""), ("Birch", "5", "  "), ("Cedar", "4", "€"), ("Dune", "", "n/a")]
    rows.append(("", "7", "-3"))
    path = _csv(tmp_path / "c.csv", ["Client", "Revenue", "Cost"], rows)
    old, new = both_ways(path)
    assert not isinstance(new, str), new
    assert new[2].costs is None  # no cost number at all: no profit part
    assert old[2].clients.tolist() == new[2].clients.tolist() == ["Acme", "Birch", "Cedar"]


def test_a_dated_line_is_checked_where_its_cost_is_summed(tmp_path):
    # a negative line inside a client's positive sum was read quietly: now named by its row
    rows = [
        ("Acme", "2025-11-03", "10", "4"),
        ("Acme", "2025-12-01", "8", "-1"),
        ("Birch", "2025-06-10", "5", "2"),
    ]
    path = _csv(tmp_path / "l.csv", ["Client", "Date", "Revenue", "Cost"], rows)
    assert _error(path) == "costs: '-1.0' in row 3 is not a number of 0 or more"


def test_a_dated_line_outside_the_current_period_is_not_checked(tmp_path):
    # the profit sums the current period's costs: a prior line's cost is not read
    rows = [
        ("Acme", "2025-11-03", "10", "4"),
        ("Acme", "2024-10-01", "8", "n/a"),
        ("Birch", "2025-06-10", "5", "x"),
        ("Birch", "2025-07-10", "", "x"),  # no revenue: not used
    ]
    path = _csv(tmp_path / "l.csv", ["Client", "Date", "Revenue", "Cost"], rows)
    assert _error(path) == "costs: 'x' in row 4 is not a number of 0 or more"
    rows[2] = ("Birch", "2025-06-10", "5", "2")
    path = _csv(tmp_path / "l.csv", ["Client", "Date", "Revenue", "Cost"], rows)
    old, new = both_ways(path)
    assert not isinstance(new, str), new
    assert new[2].costs.tolist() == old[2].costs.tolist() == [4.0, 2.0]


def test_an_excel_cost_cell_holding_a_boolean_or_a_date_is_an_error(tmp_path):
    for cell, shown in ((True, "'True'"), (dt.datetime(2025, 3, 1), "'2025-03-01 00:00:00'")):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in (("Client", "Revenue", "Cost"), ("Acme", 10, 1), ("Birch", 5, cell)):
            sheet.append(row)
        path = tmp_path / "c.xlsx"
        book.save(path)
        assert _error(path) == f"costs: {shown} in row 3 is not a number of 0 or more"


def test_parquet_costs_that_are_booleans_or_infinite_are_errors(tmp_path):
    path = tmp_path / "c.parquet"
    columns = {"Client": ["Acme", "Birch", "Cedar"], "Revenue": [10.0, 5.0, None]}
    pl.DataFrame({**columns, "Cost": [1.0, float("inf"), -2.0]}).write_parquet(path)
    assert scan_input(path, ReadOptions()) is not None  # the columnar path reads it
    assert _error(path) == "costs: 'inf' in row 3 is not a number of 0 or more"
    pl.DataFrame({**columns, "Cost": [True, None, False]}).write_parquet(path)
    assert _error(path) == "costs: 'True' in row 2 is not a number of 0 or more"
    pl.DataFrame({**columns, "Cost": [1.0, float("nan"), -2.0]}).write_parquet(path)
    old, new = both_ways(path)  # NaN is a blank cell; Cedar's row does not count
    assert not isinstance(new, str), new
    for costs in (old[2].costs, new[2].costs):  # NaN: no number (0 for the profit)
        assert costs[0] == 1.0 and math.isnan(costs[1]) and costs.size == 2
