"""SPEC section 11 (engine part): calendar-month periods and per-client sums by period."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.engine.periods import split_periods, subtract_months, sums_by_client
from xlpareto.errors import XlparetoError


def days(*texts: str) -> np.ndarray:
    return np.array(texts, dtype="M8[D]")


@pytest.mark.parametrize(
    ("date", "months", "expected"),
    [
        ("2024-03-31", 1, "2024-02-29"),  # leap year: clamped to the 29th
        ("2023-03-31", 1, "2023-02-28"),
        ("2024-02-29", 12, "2023-02-28"),  # no 29 February in 2023
        ("2024-02-29", 48, "2020-02-29"),
        ("2024-05-31", 1, "2024-04-30"),
        ("2024-01-15", 1, "2023-12-15"),  # across a year
        ("2024-03-31", 2, "2024-01-31"),  # directly, not 03-31 → 02-29 → 01-29
        ("2024-12-31", 12, "2023-12-31"),
        ("1900-03-01", 1, "1900-02-01"),
        ("1900-03-31", 1, "1900-02-28"),  # 1900 is not a leap year
        ("2000-03-31", 1, "2000-02-29"),  # 2000 is
    ],
)
def test_subtract_months(date, months, expected) -> None:
    assert str(subtract_months(days(date), months)[0]) == expected


def test_period_boundaries() -> None:
    # E = 2024-03-31, N = 1: current (2024-02-29, 2024-03-31], prior (2024-01-31, 2024-02-29]
    dates = days(
        "2024-03-31",  # E itself: current
        "2024-03-01",  # current
        "2024-02-29",  # exactly E − N months: prior
        "2024-02-01",  # prior
        "2024-01-31",  # exactly E − 2N months: outside
        "2024-04-01",  # after E: outside
    )
    split = split_periods(dates, 1, "2024-03-31")
    assert split.period.tolist() == [0, 0, 1, 1, -1, -1]
    assert str(split.current_start) == "2024-02-29"
    assert str(split.prior_start) == "2024-01-31"
    assert split.outside == 2
    assert split.current.tolist() == [True, True, False, False, False, False]
    assert split.prior.tolist() == [False, False, True, True, False, False]


def test_default_end_is_the_latest_date_and_nat_is_outside() -> None:
    dates = np.array(["2024-06-30", "NaT", "2023-06-30", "2023-07-01"], dtype="M8[D]")
    split = split_periods(dates)  # 12 months: current (2023-06-30, 2024-06-30]
    assert str(split.end) == "2024-06-30"
    assert split.period.tolist() == [0, -1, 1, 0]
    assert (split.outside, split.undated, split.unused) == (0, 1, 1)
    late = split_periods(dates, 12, "2024-06-29")  # the 2024-06-30 line is after E
    assert (late.outside, late.undated, late.unused) == (1, 1, 2)


def test_period_errors() -> None:
    with pytest.raises(XlparetoError, match=r"^months: must be a whole number"):
        split_periods(days("2024-01-01"), 0)
    with pytest.raises(XlparetoError, match=r"^months: must be a whole number"):
        split_periods(days("2024-01-01"), 1.5)
    with pytest.raises(XlparetoError, match=r"^dates: no line has a date$"):
        split_periods(np.array(["NaT"], dtype="M8[D]"))
    with pytest.raises(XlparetoError, match=r"^period_end: 'soon' is not a date"):
        split_periods(days("2024-01-01"), 1, "soon")


def test_sums_by_client_by_hand() -> None:
    # E = 2024-12-31, N = 12: current (2023-12-31, 2024-12-31], prior (2022-12-31, 2023-12-31]
    dates = days(
        "2024-05-01",  # b current 10
        "2023-05-01",  # a prior 5
        "2024-12-31",  # b current 2.5
        "2021-01-01",  # c outside: c left out
        "2023-12-31",  # a prior 1 (the boundary)
        "2024-01-01",  # a current 7
        "2024-02-01",  # d current, amount NaN: adds nothing
    )
    split = split_periods(dates, 12, np.datetime64("2024-12-31"))
    table = sums_by_client(
        ["b", "a", "b", "c", "a", "a", "d"],
        split,
        [10, 5, 2.5, 99, 1, 7, np.nan],
        cost=[1, 100, 2, 50, 100, 3, 4],
        hours=[0.5, 9, 0, 9, 9, 1, np.nan],
    )
    assert table.index.tolist() == ["b", "a", "d"]  # first used line order
    assert table.columns.tolist() == ["Revenue", "Revenue prior", "Cost to serve", "Hours"]
    assert table["Revenue"].tolist() == [12.5, 7.0, 0.0]
    assert table["Revenue prior"].tolist() == [0.0, 6.0, 0.0]
    assert table["Cost to serve"].tolist() == [3.0, 3.0, 4.0]  # current period only
    assert table["Hours"].tolist() == [0.5, 1.0, 0.0]


def test_sums_by_client_lengths_and_blank_keys() -> None:
    split = split_periods(days("2024-01-01", "2024-01-02"))
    with pytest.raises(XlparetoError, match=r"^amount: must have one cell per line"):
        sums_by_client(["a", "b"], split, [1.0])
    with pytest.raises(XlparetoError, match=r"^keys: blank client at line 2$"):
        sums_by_client(["a", None], split, [1.0, 2.0])


# --- properties -------------------------------------------------------------------------------

dates_strategy = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2200, 12, 31))


@given(dates_strategy, st.integers(min_value=1, max_value=60))
def test_subtract_months_matches_the_calendar(date, months) -> None:
    result = subtract_months(np.array([date], dtype="M8[D]"), months)[0].item()
    total = date.year * 12 + date.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_first - dt.timedelta(days=1)).day
    assert result == dt.date(year, month, min(date.day, last_day))


@given(dates_strategy, st.integers(min_value=1, max_value=36))
def test_boundaries_belong_where_the_spec_says(end, months) -> None:
    end64 = np.datetime64(end, "D")
    start = subtract_months(end64, months)[()]
    prior_start = subtract_months(end64, 2 * months)[()]
    one = np.timedelta64(1, "D")
    dates = np.array([end64, start, start + one, prior_start, prior_start + one, end64 + one])
    split = split_periods(dates, months, end64)
    assert split.period.tolist() == [0, 1, 0, -1, 1, -1]


def test_sums_by_client_overflow_and_infinity() -> None:
    split = split_periods(days("2024-01-01", "2024-01-02"))
    with pytest.raises(XlparetoError, match=r"^amount: the sums per client are too large"):
        sums_by_client(["a", "a"], split, [1e308, 1e308])
    with pytest.raises(XlparetoError, match=r"^cost: infinite value at line 2$"):
        sums_by_client(["a", "b"], split, [1.0, 1.0], cost=[0, np.inf])
