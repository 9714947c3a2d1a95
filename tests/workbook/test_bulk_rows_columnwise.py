"""The column-wise cell renderer writes exactly what the per-cell path (XlsxWriter's rules)
writes, and bodies merge with the rows XlsxWriter wrote in their range."""

from __future__ import annotations

import io
import sys
import xml.etree.ElementTree as ET
import zipfile
from unittest import mock

import numpy as np
import pandas as pd
import polars as pl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.layout.column_values import known_numbers, known_texts
from xlpareto.layout.content import table_columns
from xlpareto.layout.sheets import OutputColumn, TableSpec
from xlpareto.workbook import WORKBOOK_OPTIONS, assemble, bulk_rows
from xlpareto.workbook.bulk_rows import DeferredBody, _cell, number_texts, render_column
from xlpareto.workbook.cell_writer import write_cell

FLOATS = st.floats(allow_nan=False, allow_infinity=False)
MONEY = st.integers(-(10**14), 10**14).map(lambda cents: cents / 100)
DECIMALS = st.tuples(st.integers(-(10**12), 10**12), st.integers(0, 8)).map(
    lambda pair: pair[0] / 10 ** pair[1]
)
NUMBERS = st.one_of(FLOATS, MONEY, DECIMALS, st.integers(-(2**60), 2**60))
VALUES = st.lists(
    st.one_of(NUMBERS, NUMBERS, st.just(""), st.none(), st.text(max_size=8), st.booleans()),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBERS, min_size=1, max_size=60), st.sampled_from(["", ' s="7"']))
def test_numbers_are_written_as_xlsxwriter_writes_them(values: list, style: str) -> None:
    expected = [_cell(f"D{9 + i}", v, style) for i, v in enumerate(values)]
    assert render_column(values, "D", 9, style) == expected


@settings(max_examples=200, deadline=None)
@given(VALUES, st.sampled_from(["", ' s="3"']))
def test_any_column_is_written_as_the_per_cell_path(values: list, style: str) -> None:
    expected = [_cell(f"AB{1 + i}", v, style) for i, v in enumerate(values)]
    assert render_column(values, "AB", 1, style) == expected


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.lists(st.one_of(FLOATS, MONEY, st.just(float("nan"))), min_size=1, max_size=40),
        st.lists(st.integers(1 - 2**53, 2**53 - 1), min_size=1, max_size=40),  # float-exact
        st.lists(st.text(max_size=8), min_size=1, max_size=40),
    ),
    st.sampled_from(["", ' s="3"']),
    st.integers(0, 5),
)
def test_table_content_columns_are_written_as_the_per_cell_path(values, style, skip) -> None:
    # the table content's columns carry their numbers as an array (or know they are texts):
    # the writer renders from that, and must write what the per-cell path writes of the
    # values themselves, also for a slice (the body after the first row, a block of rows)
    text = isinstance(values[0], str)
    column = pd.Series(values, name="x", dtype=str if text else None)
    kind, number_format = ("text", "@") if text else ("number", "0.00")
    spec = TableSpec("T", (OutputColumn("x", kind, number_format, 10),), (3, 0))
    body = table_columns(column.to_frame(), spec)[0]
    assert known_numbers(body) is not None or known_texts(body)
    part = body[skip:]
    expected = [_cell(f"C{4 + i}", v, style) for i, v in enumerate(list(part))]
    assert render_column(part, "C", 4, style) == expected


def test_the_column_wise_path_takes_most_money_values() -> None:
    """Not a fallback in disguise: two-decimal amounts and integers are formatted by it, and
    each one it writes is the 16-digit text (values where the shortest text differs too)."""
    rng = np.random.default_rng(5)
    values = np.concatenate([np.round(rng.lognormal(8, 2, 5000), 2), np.arange(1, 5000.0)])
    texts = number_texts(values)
    written = texts.is_not_null().to_numpy()
    assert written.mean() > 0.9
    assert texts.filter(texts.is_not_null()).to_list() == [f"{v:.16G}" for v in values[written]]
    assert any(f"{v:.16G}" != repr(v) for v in values[written])  # e.g. 8305.530000000001


NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cells(package: bytes) -> dict[str, tuple]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        shared = (
            ["".join(si.itertext()) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
            if "xl/sharedStrings.xml" in z.namelist()
            else []
        )
    cells, order = {}, []
    for row in sheet.iter(f"{NS}row"):
        refs = [c.get("r") for c in row]
        order.append(refs)
        for c in row:
            kind = c.get("t")
            if kind == "s":
                value = ("str", shared[int(c.find(f"{NS}v").text)])
            elif kind == "inlineStr":
                value = ("str", "".join(c.find(f"{NS}is").itertext()))
            else:
                v = c.find(f"{NS}v")
                value = (kind, None if v is None else v.text)
            cells[c.get("r")] = (*value, c.get("s"))
    columns = [[ord(r[0]) for r in refs] for refs in order]
    assert all(c == sorted(c) for c in columns)  # cells in column order in every row
    return cells


@pytest.mark.parametrize("whole", [False, True])
@pytest.mark.parametrize("short_run", [bulk_rows.SHORT_RUN, 0])
def test_two_bodies_and_xlsxwriter_rows_in_their_range_merge_cell_by_cell(
    whole: bool, short_run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two bodies side by side of different lengths, with cells XlsxWriter wrote left of,
    between and right of them in some of their rows (like the summary block); the bodies
    handed over as the rest of each column, or (``whole``) as the whole columns with the
    rows XlsxWriter wrote skipped; the merged rows rendered cell by cell (a short run) or
    column-wise (``short_run`` 0)."""
    monkeypatch.setattr(bulk_rows, "SHORT_RUN", short_run)
    rows = 300
    left = [list(range(rows)), [f"n{i}" for i in range(rows)]]
    right = [[i / 7 for i in range(rows // 2)]]
    others = {(5, 0): "far left", (7, 4): "between", (7, 9): 3.5, (200, 9): "right"}

    def book(bulk: bool) -> bytes:
        """As the sheet renderers do: XlsxWriter writes each body's first row (so its
        formats are in the workbook), the bulk path the rest."""
        workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, **WORKBOOK_OPTIONS})
        sheet = workbook.add_worksheet()
        fmt = workbook.add_format({"num_format": "0.00"})
        for (r, c), value in others.items():
            write_cell(sheet, r, c, value)
        deferred = []
        for name, top, col, columns, formats in (
            ("t", 3, 1, left, [None, fmt]),
            ("u", 6, 5, right, [fmt]),
        ):
            written = 1 if bulk else len(columns[0])
            for c, (values, f) in enumerate(zip(columns, formats, strict=True)):
                for r in range(written):
                    write_cell(sheet, top + r, col + c, values[r], f)
            part = "xl/worksheets/sheet1.xml"
            if whole:
                body = DeferredBody(part, name, top + 1, col, columns, formats, skip=written)
            else:
                rest = [values[written:] for values in columns]
                body = DeferredBody(part, name, top + 1, col, rest, formats)
            deferred.append(body)
        workbook.close()
        return assemble(workbook.filename.getvalue(), deferred)

    assert _cells(book(True)) == _cells(book(False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=40), st.integers(0, 5), st.booleans())
def test_rows_are_joined_from_their_arrow_buffer(texts, start, arrow) -> None:
    # the concatenated rows' Arrow data (also of a slice: an offset into the buffers), or
    # polars' join where pyarrow is missing: the same UTF-8 bytes
    rows = pl.Series("row", texts)[start:]
    expected = "".join(texts[start:]).encode()
    if arrow:
        assert bytes(bulk_rows._joined(rows)) == expected
    else:
        with mock.patch.dict(sys.modules, {"pyarrow": None}):  # import pyarrow fails
            assert bulk_rows._joined(rows) == expected
