"""Cells of the in-memory xlwings engine: strings entered like typed input (unless the format
is Text or an apostrophe leads), formulas kept as text, number formats."""

# ruff: noqa: F811 - the fixtures imported from test_xlwings_memory_support are arguments

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_xlwings_memory_support import book, sample_path  # noqa: F401
from xlwings_memory import cell, new_book


def test_number_formats(book):
    sheet = book.sheets["Start"]
    sheet["A2:B3"].number_format = "0.0%"
    assert sheet["A2:B3"].number_format == "0.0%"
    assert sheet["A2:C3"].number_format is None  # mixed, as Excel reports it
    sheet["A2"].clear_formats()
    assert sheet["A2"].number_format == "General"


@pytest.mark.parametrize(
    ("written", "formula", "value"),
    [
        ("=1+1", "=1+1", None),
        ("+CMD|' /C calc'!A0", "=+CMD|' /C calc'!A0", None),
        ("-2+3", "=-2+3", None),
        ("@SUM(A1)", "=SUM(A1)", None),
        ("-2", None, -2.0),
        ("007", None, 7.0),
        ("50%", None, 0.5),
        ("true", None, True),
        ("plain", None, "plain"),
    ],
)
def test_strings_are_entered_like_excel_does(written, formula, value):
    sheet = new_book().sheets[0]
    sheet["A1"].value = written
    assert cell(sheet["A1"]).formula == formula
    assert sheet["A1"].value == value


@pytest.mark.parametrize("name", ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", "007"])
def test_two_ways_to_keep_text_literal(name):
    sheet = new_book().sheets[0]
    sheet["A1"].value = "'" + name
    sheet["B1"].number_format = "@"
    sheet["B1"].value = name
    assert [sheet["A1"].value, sheet["B1"].value] == [name, name]
    assert not cell(sheet["A1"]).is_formula and cell(sheet["A1"]).prefix_character == "'"
    assert not cell(sheet["B1"]).is_formula and cell(sheet["B1"]).prefix_character == ""


def test_formula_property_reads_and_writes_formulas():
    sheet = new_book().sheets[0]
    sheet["A1:A2"].value = [[1], [2]]
    sheet["A3"].formula = "=SUM(A1:A2)"
    assert sheet["A3"].formula == "=SUM(A1:A2)"
    assert sheet["A3"].value is None  # not evaluated in memory
    assert sheet["A1:A3"].formula == (("1",), ("2",), ("=SUM(A1:A2)",))


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_any_string_survives_an_apostrophe_or_text_format(text):
    sheet = new_book().sheets[0]
    sheet["A1"].value = "'" + text
    sheet["B1"].number_format = "@"
    sheet["B1"].value = text
    assert sheet["A1"].value == text
    assert sheet["B1"].value == (text if not text.startswith("'") else text[1:])
    assert not cell(sheet["A1"]).is_formula and not cell(sheet["B1"]).is_formula


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(
            st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=3, max_size=3
        ),
        min_size=1,
        max_size=8,
    )
)
def test_numeric_blocks_round_trip(rows):
    sheet = new_book().sheets[0]
    sheet["C3"].value = rows
    assert sheet["C3"].resize(len(rows), 3).options(ndim=2).value == [
        [float(x) for x in r] for r in rows
    ]
