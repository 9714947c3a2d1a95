"""The columnar path (polars) gives what the row-by-row path gives, on any input.

Property tests: random client rows and dated invoice lines – names with spaces, blanks and
duplicates; numbers as plain, grouped, noisy, negative or no numbers at all – written as CSV
(and Parquet), read both ways. The clients, their order, the sums, the rows skipped and
merged, the periods' counts and every error must be the same.
"""

from __future__ import annotations

import csv
import itertools
import random
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest
from columnar_support import assert_same, both_ways
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlpareto.engine.text import PYTHON_WHITESPACE
from xlpareto.io.client_groups import group_lines
from xlpareto.io.columnar import fast_number, number_parser, text_array, unsure
from xlpareto.io.grouped_inputs import read_client_input, scan_input
from xlpareto.io.numbers import NumberStyle, clean_text, parse_numbers
from xlpareto.io.readers import ReadOptions
from xlpareto.io.report_inputs import ReportOptions, client_input, read_report_file

NAMES = st.sampled_from(["Acme", " Acme", "Acme ", "Birch", "birch", "", " ", "NA", "\x1cC\x1f"])
NUMBER_TEXTS = st.one_of(
    st.integers(-(10**6), 10**9).map(str),
    st.decimals(0, 10**6, places=2, allow_nan=False).map(str),
    st.sampled_from(
        ["", " ", "x", "1,234.50", "(12.5)", "€ 7", "12 ", "1e3", "5.", "1,2,3", "nan", "-inf"]
    ),
)
COSTS = st.one_of(
    st.integers(0, 10**5).map(str),
    st.sampled_from(["", "2.5", "n/a", " ", "€", "-3", "(2)", "1,234.50", "TRUE", "NaN", "inf"]),
)
DATES = st.one_of(
    st.dates(min_value=np.datetime64("2022-01-01").astype(object)).map(str),
    st.sampled_from(["", "2025-12-31", "2024-06-30"]),
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


@SETTINGS
@given(rows=st.lists(st.tuples(NAMES, NUMBER_TEXTS, NUMBER_TEXTS, COSTS), max_size=40))
def test_client_rows_are_grouped_as_the_row_by_row_path_groups_them(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "c.csv", ["Client", "Revenue", "Prior", "Cost"], rows)
        old, new = both_ways(path)
        assert_same(old, new)


@SETTINGS
@given(
    rows=st.lists(st.tuples(NAMES, DATES, NUMBER_TEXTS, COSTS), min_size=1, max_size=40),
    months=st.sampled_from([None, "1", "12"]),
)
def test_dated_lines_are_summed_per_period_as_the_row_by_row_path_sums_them(rows, months):
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "l.csv", ["Client", "Date", "Amount", "Cost"], rows)
        old, new = both_ways(path, ReportOptions(months=months))
        assert_same(old, new)


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(
            NAMES,
            st.one_of(st.none(), st.dates(np.datetime64("2022-06-01").astype(object),
                                          np.datetime64("2026-03-01").astype(object))),
            st.floats(-1e6, 1e6),
        ),
        min_size=1,
        max_size=40,
    ),
    months=st.sampled_from([None, "1", "12"]),
)  # fmt: skip
def test_dated_parquet_lines_are_summed_per_period_as_the_row_by_row_path_sums_them(rows, months):
    # a Date column is grouped and joined as dates (no text per line): same periods and
    # sums as the row-by-row path, lines without a date counted as undated
    names, dates, amounts = zip(*rows, strict=True)
    frame = pl.DataFrame(
        {"Client": names, "Date": pl.Series(dates, dtype=pl.Date), "Revenue": amounts}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l.parquet"
        frame.write_parquet(path)
        assert scan_input(path, ReadOptions()) is not None
        assert pl.scan_parquet(path).collect_schema()["Date"] == pl.Date
        if all(d is None for d in dates):
            return  # no date at all: the error is the row-by-row path's (tested there)
        old, new = both_ways(path, ReportOptions(months=months))
        assert_same(old, new)


@SETTINGS
@given(rows=st.lists(st.tuples(NAMES, NUMBER_TEXTS, COSTS), min_size=1, max_size=30))
def test_parquet_text_and_number_columns_are_read_as_the_row_by_row_path_reads_them(rows):
    names, revenue, cost = zip(*rows, strict=True)
    numbers = pl.Series(parse_numbers(clean_text(pl.Series(cost).to_pandas()), NumberStyle()))
    frame = pl.DataFrame({"Client": names, "Revenue": revenue, "Cost": numbers.fill_nan(None)})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.parquet"
        frame.write_parquet(path)
        assert scan_input(path, ReadOptions()) is not None
        old, new = both_ways(path)
        assert_same(old, new)


@pytest.mark.parametrize("decimal", [".", ","])
@given(texts=st.lists(NUMBER_TEXTS, max_size=30))
@settings(max_examples=60, deadline=None)
def test_the_batch_number_parser_reads_as_parse_numbers(decimal, texts):
    style = NumberStyle.for_decimal(decimal)
    expected = parse_numbers(clean_text(pl.Series(texts, dtype=pl.String).to_pandas()), style)
    parsed = number_parser(style)(pl.Series(texts, dtype=pl.String)).to_numpy().astype(float)
    np.testing.assert_array_equal(parsed, expected)


@pytest.mark.parametrize("decimal", [".", ","])
@given(texts=st.lists(st.one_of(NUMBER_TEXTS, st.text("0123456789.,+-eE€ ()xinfa", max_size=8))))
@settings(max_examples=150, deadline=None)
def test_what_the_fast_cast_reads_it_reads_as_parse_numbers_and_the_rest_is_unsure(decimal, texts):
    style = NumberStyle.for_decimal(decimal)
    expected = parse_numbers(clean_text(pl.Series(texts, dtype=pl.String).to_pandas()), style)
    frame = pl.DataFrame({"t": pl.Series(texts, dtype=pl.String)})
    value = fast_number(pl.col("t"), style)
    found = frame.select(value=value, unsure=unsure(pl.col("t"), value))
    read = found["value"].to_numpy().astype(float)
    cast = ~np.isnan(read)
    np.testing.assert_array_equal(read[cast], expected[cast])
    left = ~cast & ~found["unsure"].to_numpy()  # neither read nor unsure: blank texts
    assert np.isnan(expected[left]).all()
    assert all(text == "" for text, gone in zip(texts, left, strict=True) if gone)


@given(texts=st.lists(st.one_of(NUMBER_TEXTS, st.text("0123456789.,+-eE€ ()xinfa_", max_size=8))))
@settings(max_examples=150, deadline=None)
def test_what_the_typed_csv_reading_reads_it_reads_as_parse_numbers(texts):
    # the report reads plain number columns as floats with polars' CSV reader: where that
    # gives a finite number, the text rules give the same; NaN, infinities and read errors
    # send the file to the text reading
    style = NumberStyle.for_decimal(".")
    for text in texts:
        cell = '"' + text.replace('"', '""') + '"'
        try:
            read = pl.read_csv(
                f"v\n{cell}\n".encode(),
                schema_overrides={"v": pl.Float64},
                infer_schema=False,
                empty_string_is_null=False,
            )["v"][0]
        except pl.exceptions.ComputeError:
            continue
        expected = parse_numbers(clean_text(pd.Series([text], dtype=object)), style)[0]
        if read is None:
            assert np.isnan(expected), text
        elif np.isfinite(read):
            assert read == expected, text


@pytest.fixture
def typed_first(monkeypatch):
    """Every decimal-point CSV read typed first, whatever its first rows hold: so the typed
    reading meets the texts it fails or doubts, which real files show only past the
    number-style sample."""
    monkeypatch.setattr(
        "xlpareto.io.grouped_inputs._read_as_floats", lambda texts, style: style.decimal == "."
    )


@SETTINGS
@given(rows=st.lists(st.tuples(NAMES, NUMBER_TEXTS, NUMBER_TEXTS, COSTS), max_size=40))
def test_typed_reading_or_its_fallback_groups_as_the_row_by_row_path(typed_first, rows):
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "c.csv", ["Client", "Revenue", "Prior", "Cost"], rows)
        old, new = both_ways(path)
        assert_same(old, new)


@SETTINGS
@given(rows=st.lists(st.tuples(NAMES, DATES, NUMBER_TEXTS, COSTS), min_size=1, max_size=40))
def test_typed_reading_or_its_fallback_sums_periods_as_the_row_by_row_path(typed_first, rows):
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "l.csv", ["Client", "Date", "Amount", "Cost"], rows)
        old, new = both_ways(path)
        assert_same(old, new)


def test_plain_numbers_are_read_typed_and_others_past_the_sample_as_text(tmp_path, monkeypatch):
    rows = [("Acme", "10.5", "1"), ("Birch", "20", "2"), ("Acme", "1,234.50", "nan")]
    path = write_csv(tmp_path / "c.csv", ["Client", "Revenue", "Cost"], rows)
    monkeypatch.setattr("xlpareto.io.grouped_inputs.SAMPLE_ROWS", 2)
    scan = scan_input(path, ReadOptions())
    assert scan.lines.text is not None  # the first two rows are plain: typed first
    assert scan.lines.raw.collect_schema()["Revenue"] == pl.Float64
    old, new = both_ways(path)
    assert_same(old, new)  # 1,234.50 is a number and nan a cost error, as row by row
    assert isinstance(new, str) and "nan" in new


@pytest.mark.parametrize("cell", ["nan", "inf", "-Infinity"])
def test_a_cost_the_typed_reading_reads_as_nan_or_infinite_is_named_as_written(
    tmp_path, typed_first, cell
):
    rows = [("Acme", "10.5", "1"), ("Birch", "20", cell)]
    path = write_csv(tmp_path / "c.csv", ["Client", "Revenue", "Cost"], rows)
    old, new = both_ways(path)
    assert old == new
    assert f"'{cell}'" in new


def test_a_revenue_the_typed_reading_reads_as_infinite_is_no_number(tmp_path, typed_first):
    rows = [("Acme", "10.5"), ("Birch", "inf"), ("Cedar", "nan")]
    path = write_csv(tmp_path / "c.csv", ["Client", "Revenue"], rows)
    old, new = both_ways(path)
    assert_same(old, new)
    assert new[2].clients.tolist() == ["Acme"]


def test_a_sample_with_thousands_separators_is_read_as_text_at_once(tmp_path):
    rows = [("Acme", "1,234.50"), ("Birch", "20")]
    path = write_csv(tmp_path / "c.csv", ["Client", "Revenue"], rows)
    scan = scan_input(path, ReadOptions())
    assert scan.lines.text is None
    assert scan.lines.raw.collect_schema()["Revenue"] == pl.String
    assert_same(*both_ways(path))


def test_names_are_trimmed_of_exactly_pythons_whitespace():
    assert set(PYTHON_WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_names_that_trim_to_one_client_add_up_the_same_whatever_the_line_order(tmp_path):
    # dated lines are grouped by the names as read and trimmed per group: the spellings of
    # Acme are groups of their own, whose sums (floats do not add associatively) must be
    # added in an order that neither the threads nor the file's line order decide
    amounts = ["0.1", "0.2", "0.3", "1e16", "-1e16", "7.7"]
    spellings = [" Acme", "Acme ", "Acme\xa0", "\tAcme", "Acme\u3000", "Acme\n"]
    named = enumerate(zip(spellings, amounts, strict=True))
    acme = [(name, f"2025-0{m + 1}-01", amount) for m, (name, amount) in named]
    revenues = set()
    orders = list(itertools.permutations(range(len(acme))))
    for order in random.Random(5).sample(orders, 24):
        rows = [("Birch", "2025-12-01", "5"), *(acme[i] for i in order)]
        rows.append(("Birch", "2024-02-01", "3"))
        path = write_csv(tmp_path / "l.csv", ["Client", "Date", "Amount"], rows)
        _, data = read_client_input(path, ReadOptions(), ReportOptions(), True)
        clients = data.client_list()
        assert clients.clients.tolist() == ["Birch", "Acme"]
        assert clients.prior.tolist() == [3.0, 0.0]
        revenues.add(clients.revenue[1])
    assert len(revenues) == 1
    assert revenues.pop() == pytest.approx(8.3, abs=4.0)


def test_a_counted_row_with_a_negative_cost_is_an_error_naming_its_row(tmp_path):
    rows = [("a", "5", "1"), ("b", "", "-3"), ("c", "7", "-2")]
    path = write_csv(tmp_path / "c.csv", ["Client", "Revenue", "Cost"], rows)
    old, new = both_ways(path)
    assert new == old == "costs: '-2.0' in row 4 is not a number of 0 or more"


def test_skipped_rows_beyond_the_first_five_are_counted(tmp_path):
    rows = [("", "1", "")] * 7 + [("a", "x", "")] * 3 + [("a", "2", "")]
    path = write_csv(tmp_path / "c.csv", ["Client", "Revenue", "Prior"], rows)
    old, new = both_ways(path)
    assert_same(old, new)
    assert new[2].report.skipped == 10
    assert new[2].report.message().startswith("10 rows skipped (")


def test_dates_that_are_not_dates_are_reported_with_their_rows(tmp_path):
    rows = [("a", "2025-01-05", "1")] * 3 + [("b", "soon", "2"), ("c", "2025-02-30", "3")]
    path = write_csv(tmp_path / "l.csv", ["Client", "Date", "Revenue"], rows * 2)
    old, new = both_ways(path)
    assert new == old
    assert "4 cell(s) are not dates (rows 5, 6, 10, 11)" in new


def test_a_csv_polars_refuses_is_read_or_worded_by_the_row_by_row_reader(tmp_path):
    ragged = tmp_path / "ragged.csv"  # polars: more fields than the header; pandas reads it
    ragged.write_text("Client,Revenue\na,1\nb,2,3,4\n", encoding="utf-8")
    assert_same(*both_ways(ragged))
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('Client,Revenue\na,1\n"b,2\n', encoding="utf-8")
    old, new = both_ways(unclosed)
    assert new == old
    assert "not a valid CSV file" in new


def test_other_encodings_and_excel_go_through_the_same_grouping(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("Client;Revenue\nMüller;1.234,5\nMüller ;10\nZ;x\n".encode("cp1252"))
    assert scan_input(path, ReadOptions()) is None
    old, new = both_ways(path)
    assert_same(old, new)
    assert new[1].groups is not None
    assert new[2].clients.tolist() == ["Müller"]
    assert new[2].report.merged_rows == 1


def test_day_first_dates_are_detected_over_the_distinct_texts(tmp_path):
    rows = [("a", "03/04/2025", "1"), ("b", "25/12/2024", "2"), ("a", "01/02/2023", "4")]
    path = write_csv(tmp_path / "l.csv", ["Client", "Date", "Revenue"], rows)
    old, new = both_ways(path)
    assert_same(old, new)
    rows = read_report_file(path, ReadOptions())
    assert client_input(rows, ReportOptions()).split.end == np.datetime64("2025-04-03")


def _panicking_parquet(folder: Path) -> Path:
    """A damaged Parquet file that makes polars' Rust code panic (found by byte flips)."""
    import random

    from xlpareto.io.native_errors import NativePanic, native_guard

    path = folder / "damaged.parquet"
    pl.DataFrame({"Client": ["a", "b"] * 50, "Revenue": [1.0, 2.0] * 50}).write_parquet(path)
    content = path.read_bytes()
    for seed in range(200):
        random.seed(seed)
        damaged = bytearray(content)
        for _ in range(3):
            damaged[random.randrange(len(damaged))] = random.randrange(256)
        path.write_bytes(bytes(damaged))
        try:
            with native_guard():
                pl.read_parquet(path)
        except NativePanic:
            return path
        except Exception:
            continue
    raise AssertionError("no byte flip made polars panic")


def test_a_parquet_file_that_makes_polars_panic_is_one_error_line(tmp_path):
    from cli_support import run

    path = _panicking_parquet(tmp_path)
    for command in (["report", path.name], ["new", "b.xlsm", "--data", path.name]):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("xlpareto: error: damaged.parquet: not a readable Parquet file")


def test_the_native_guard_passes_other_stderr_output_through(capfd):
    import os

    from xlpareto.io.native_errors import native_guard

    with native_guard():
        os.write(2, b"a native warning\n")
    assert capfd.readouterr().err == "a native warning\n"


def test_the_number_style_sample_is_parsed_like_the_file_not_split_at_unicode_breaks(tmp_path):
    """Found by the readers fuzz: str.splitlines() also breaks at U+001E, so a sample built
    from lines saw other cells than the CSV parser and chose another number style."""
    path = tmp_path / "c.csv"
    path.write_text("Client;Revenue;client;REVENUE \n0.00;0;\x1e;0.00\n", encoding="utf-8")
    old, new = both_ways(path)
    assert_same(old, new)
    assert new[0].endswith("decimal ',', thousands '.'; encoding utf-8)")


def test_grouped_names_stay_pandas_text_from_the_reader_to_the_analysis(tmp_path):
    # the names go from polars to the engine on their Arrow data (no Python string each):
    # same names, same order, and the client list keeps that text type
    path = tmp_path / "c.csv"
    path.write_text("Client,Revenue\n b ,5\na,3\nb,2\n,9\nc,x\nd,1\n", encoding="utf-8")
    scan = scan_input(path, ReadOptions())
    groups = group_lines(scan.lines)
    assert isinstance(groups.names, pd.api.extensions.ExtensionArray)
    assert groups.names.tolist() == ["b", "a", "c", "d"]
    _, data = read_client_input(path, ReadOptions(), ReportOptions())
    result = data.client_list()
    assert isinstance(result.clients, pd.api.extensions.ExtensionArray)
    assert result.clients.tolist() == ["b", "a", "d"] and result.revenue.tolist() == [7, 3, 1]
    assert text_array(pl.Series(["x", ""])).tolist() == ["x", ""]
