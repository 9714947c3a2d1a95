"""Date columns (SPEC section 11): real dates, Excel serials, ISO text, day/month-first text."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.errors import XlparetoError
from xlpareto.io.dates import DAY_FIRST, MONTH_FIRST, parse_dates, serials_to_dates


def texts(parsed) -> list[str]:
    return parsed.dates.astype(str).tolist()


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, "1900-01-01"),
        (59, "1900-02-28"),
        (61, "1900-03-01"),  # after Excel's fictional 1900-02-29 (serial 60)
        (25569, "1970-01-01"),
        (36526, "2000-01-01"),
        (45292, "2024-01-01"),
        (45657.999, "2024-12-31"),  # a time of day is dropped
        (2958465, "9999-12-31"),
    ],
)
def test_excel_serials(serial, expected) -> None:
    assert texts(parse_dates([serial])) == [expected]


@pytest.mark.parametrize("serial", [0, 60, -1, 2958466, 0.5])
def test_serials_that_are_not_dates(serial) -> None:
    parsed = parse_dates([45292, serial])
    assert texts(parsed) == ["2024-01-01", "NaT"]
    assert parsed.unparseable.tolist() == [2]


def test_numeric_columns_are_serials() -> None:
    assert texts(parse_dates(pd.Series([45292, 45293]))) == ["2024-01-01", "2024-01-02"]
    assert texts(parse_dates(np.array([45292.5]))) == ["2024-01-01"]
    assert serials_to_dates(np.array([61.0]))[0] == np.datetime64("1900-03-01")


def test_real_dates_and_datetimes() -> None:
    values = [
        dt.date(2024, 2, 29),
        dt.datetime(2024, 3, 1, 23, 59),
        pd.Timestamp("2024-03-02 00:30", tz="Asia/Tokyo"),  # its local (wall-clock) date
        np.datetime64("2024-03-03T12:00"),
    ]
    assert texts(parse_dates(values)) == ["2024-02-29", "2024-03-01", "2024-03-02", "2024-03-03"]
    series = pd.Series(pd.to_datetime(["2024-01-02 23:00", None]))
    parsed = parse_dates(series)
    assert texts(parsed) == ["2024-01-02", "NaT"]
    assert parsed.blank == 1 and parsed.unparseable.size == 0
    aware = pd.Series(pd.to_datetime(["2024-01-02 23:00"]).tz_localize("America/New_York"))
    assert texts(parse_dates(aware)) == ["2024-01-02"]


def test_iso_text() -> None:
    parsed = parse_dates(["2024-01-05", "2024-12-31T10:30:00", "2024/02/29", " 2024-03-01 "])
    assert texts(parsed) == ["2024-01-05", "2024-12-31", "2024-02-29", "2024-03-01"]
    assert parsed.style is None
    bad = parse_dates(["2023-02-29", "2024-13-01", "2024-01-05"])  # no such days
    assert texts(bad) == ["NaT", "NaT", "2024-01-05"]
    assert bad.unparseable.tolist() == [1, 2]


def test_day_first_text_is_detected() -> None:
    # 31/12 only fits day-first, so the whole column is day-first: 01.02 is 1 February
    parsed = parse_dates(["31/12/2024", "01.02.2024", "5-6-2024"])
    assert texts(parsed) == ["2024-12-31", "2024-02-01", "2024-06-05"]
    assert parsed.style == DAY_FIRST


def test_month_first_text_is_detected() -> None:
    parsed = parse_dates(["12/31/2024", "01/02/2024", "2/29/2024 10:00"])
    assert texts(parsed) == ["2024-12-31", "2024-01-02", "2024-02-29"]
    assert parsed.style == MONTH_FIRST


def test_ambiguous_column_names_both_options() -> None:
    with pytest.raises(XlparetoError) as error:
        parse_dates(["01/02/2024", "03/04/2024"], name="Invoice date")
    message = str(error.value)
    assert message.startswith("Invoice date: the dates fit both day-first and month-first")
    assert "--dayfirst" in message and "--monthfirst" in message
    assert "'01/02/2024' at position 1" in message


def test_ambiguity_that_does_not_matter_is_no_error() -> None:
    # 05/05 reads the same either way
    parsed = parse_dates(["05/05/2024", "2024-01-01", "11.11.2023"])
    assert texts(parsed) == ["2024-05-05", "2024-01-01", "2023-11-11"]


def test_explicit_style_overrides() -> None:
    column = ["01/02/2024", "03/04/2024"]
    assert texts(parse_dates(column, dayfirst=True)) == ["2024-02-01", "2024-04-03"]
    assert texts(parse_dates(column, dayfirst=False)) == ["2024-01-02", "2024-03-04"]
    # with a forced style, a text that does not fit it is reported, not guessed
    forced = parse_dates(["12/31/2024", "01/02/2024"], dayfirst=True)
    assert texts(forced) == ["NaT", "2024-02-01"]
    assert forced.unparseable.tolist() == [1]


def test_mixed_styles_are_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^date: the column mixes day-first"):
        parse_dates(["31/12/2024", "12/31/2024"])


def test_unparseable_and_blank_cells_are_reported() -> None:
    values = ["2024-01-05", "soon", None, "", True, np.nan, "45292", "31/02/2024x", "2024-01-05"]
    parsed = parse_dates(values)
    assert texts(parsed)[0] == "2024-01-05" and texts(parsed)[-1] == "2024-01-05"
    assert parsed.unparseable.tolist() == [2, 5, 7, 8]
    assert parsed.blank == 3
    line = parsed.describe_unparseable("Date", limit=3)
    assert line == "Date: 4 cell(s) are not dates (positions 2, 5, 7, …)"
    assert parse_dates(["2024-01-05"]).describe_unparseable() == ""


def test_repeated_values_are_parsed_once_and_mapped_back() -> None:
    column = pd.Series(["02/01/2024", "31/01/2024"] * 1000, dtype="str")
    parsed = parse_dates(column)
    assert texts(parsed)[:4] == ["2024-01-02", "2024-01-31", "2024-01-02", "2024-01-31"]
    assert parsed.dates.size == 2000


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_every_format_of_one_date_agrees(date) -> None:
    serial = (date - dt.date(1899, 12, 30)).days
    expected = [date.isoformat()] * 4
    day_first = parse_dates([date.isoformat(), serial, date, date.strftime("%d/%m/%Y")], True)
    assert texts(day_first) == expected
    month_first = parse_dates([date.strftime("%m.%d.%Y")], dayfirst=False)
    assert texts(month_first) == [date.isoformat()]
