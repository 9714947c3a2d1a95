"""The readers behind the command line, in-process: number styles, delimiters, columns."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.errors import XlparetoError
from xlpareto.io import NumberStyle, detect_style, find_columns, parse_numbers
from xlpareto.io.csv_files import delimiter_option, detect_delimiter
from xlpareto.io.numbers import clean_text

cents = st.integers(min_value=-(10**11), max_value=10**11)


def _us(value: int) -> str:
    return f"{value / 100:,.2f}"


def _eu(value: int) -> str:
    return _us(value).translate(str.maketrans(",.", ".,"))


@given(st.lists(cents, min_size=1, max_size=30))
def test_both_styles_are_detected_and_parsed_exactly(values):
    for write, decimal in ((_us, "."), (_eu, ",")):
        text = clean_text(pd.Series([write(v) for v in values]))
        style = detect_style([text])
        assert style == NumberStyle.for_decimal(decimal)
        assert parse_numbers(text, style).tolist() == [v / 100 for v in values]


@pytest.mark.parametrize(
    ("texts", "delimiter", "decimal"),
    [
        (["1,234", "2,500"], ",", "."),  # ambiguous: the file's convention decides
        (["1,234", "2,500"], ";", ","),
        (["1.234", "17"], ";", ","),
        (["1,234,567"], ";", "."),  # two thousands groups are decisive
        (["1.234.567"], ",", ","),
        (["12,5"], ",", ","),
        (["1 234,50 €"], ",", ","),
        (["CHF 1'234.50"], ";", "."),
        (["", "n/a"], ";", ","),
    ],
)
def test_style_detection_cases(texts, delimiter, decimal):
    assert detect_style([clean_text(pd.Series(texts))], delimiter).decimal == decimal


@pytest.mark.parametrize(
    ("text", "style", "value"),
    [
        ("(1,234.50)", ".", -1234.5),
        ("-12", ".", -12.0),
        ("+3.5", ".", 3.5),
        ("1e3", ".", 1000.0),
        ("€ 3.000.000,00", ",", 3_000_000.0),
        ("1,2,3", ".", None),  # wrong grouping: not a number, never guessed
        ("12abc", ".", None),
        ("", ".", None),
        ("inf", ".", None),
        ("1.234,5", ".", None),
    ],
)
def test_parse_cases(text, style, value):
    parsed = parse_numbers(clean_text(pd.Series([text])), NumberStyle.for_decimal(style))[0]
    assert (parsed == value) if value is not None else pd.isna(parsed)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["a,b", "1,2"], ","),
        (["a;b", "1,5;2"], ";"),
        (["a\tb", "x,y\t2"], "\t"),
        (["a|b|c", "1|2|3"], "|"),
        (["Client,Revenue", '"Smith; Jones",1'], ","),
        (["onlyone", "x"], ","),
    ],
)
def test_delimiter_detection(lines, expected):
    assert detect_delimiter(lines) == expected


def test_delimiter_option():
    assert delimiter_option("tab") == "\t"
    assert delimiter_option("\\t") == "\t"
    assert delimiter_option(";") == ";"
    with pytest.raises(XlparetoError, match="--delimiter"):
        delimiter_option("ab")


def test_columns_by_synonym_and_option():
    choice = find_columns(["ID", "customer name", "NET_SALES", "prior-revenue"], "x.csv")
    assert (choice["client"], choice["revenue"], choice["prior"]) == (1, 2, 3)
    choice = find_columns(["Name", "Client", "Revenue"], "x.csv")
    assert (choice["client"], choice["revenue"], choice.get("prior")) == (
        1,
        2,
        None,
    )  # Client beats Name
    choice = find_columns(["Kunde", "Umsatz", "Vorjahr"], "x.csv", given={"client": "kunde"})
    assert list(choice.values()) == [0, 1, 2]
    with pytest.raises(XlparetoError, match=r"column 'Revenue' not found .*; use --revenue"):
        find_columns(["Client", "Notes"], "x.csv")
    with pytest.raises(XlparetoError, match="used twice"):
        find_columns(
            ["Client", "Revenue"], "x.csv", given={"client": "Revenue", "revenue": "Revenue"}
        )


def test_progress_only_on_a_terminal_and_for_large_work():
    import io

    from rich.console import Console

    from xlpareto.io.progress import LARGE_ROWS, is_large, step

    assert not is_large(rows=LARGE_ROWS) and is_large(rows=LARGE_ROWS + 1)
    for terminal, large, shown in [(True, True, True), (True, False, False), (False, True, False)]:
        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=terminal, width=80)
        with step(console, "Reading big.csv …", large=large):
            console.print("done")
        assert ("Reading big.csv" in buffer.getvalue()) == shown, (terminal, large)
        assert ("\x1b" in buffer.getvalue()) == shown
