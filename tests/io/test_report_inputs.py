"""The report's inputs: dated lines → periods per client, prospects, numbers in the file's style."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from xlpareto.errors import XlparetoError
from xlpareto.io.numbers import NumberStyle
from xlpareto.io.options import _number, parse_amount, parse_budget
from xlpareto.io.report_inputs import (
    REPORT_TABLE,
    ReportOptions,
    check_hours,
    client_input,
    parse_months,
    parse_numbers_options,
    parse_period_end,
    read_options,
    read_prospects,
    read_report_file,
)

LINES = [
    ["Invoice date", "Client", "Amount", "Cost", "Hours"],
    ["2024-12-31", "Acme", "100.00", "10", "1"],  # current period (E)
    ["2024-01-01", "Acme", "50.00", "5", "2"],  # current: first day after E − 12 months
    ["2023-12-31", "Acme", "40.00", "7", "3"],  # E − 12 months exactly: prior
    ["2023-01-01", "Bolt", "30.00", "", ""],  # prior
    ["2022-12-31", "Bolt", "999.00", "", ""],  # E − 24 months: outside both periods
    ["2024-06-15", "Crane", "20.00", "2", ""],  # current: a new client
    ["", "Crane", "5.00", "", ""],  # no date: not used
]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _read(path: Path, options: ReportOptions | None = None, **columns) -> object:
    rows = read_report_file(path, read_options(None, columns, None, None, None))
    return client_input(rows, options or ReportOptions())


def test_dated_lines_give_both_periods_per_client_by_hand(tmp_path: Path) -> None:
    data = _read(_write(tmp_path / "lines.csv", LINES))
    frame = data.frame().set_index("Client")
    assert frame.loc["Acme", "Revenue"] == pytest.approx(150.0)
    assert frame.loc["Acme", "Revenue prior"] == pytest.approx(40.0)
    assert frame.loc["Bolt", "Revenue"] == 0 and frame.loc["Bolt", "Revenue prior"] == 30.0
    assert frame.loc["Crane", "Revenue"] == 20.0 and frame.loc["Crane", "Revenue prior"] == 0
    # costs and hours: summed over the current period only
    assert frame.loc["Acme", "Cost to serve"] == 15.0 and frame.loc["Acme", "Hours"] == 3.0
    assert frame.loc["Crane", "Cost to serve"] == 2.0
    assert (data.outside, data.undated) == (1, 1)
    lines = data.period_lines()
    assert "current 2024-01-01 to 2024-12-31, prior 2023-01-01 to 2023-12-31" in lines[0]
    assert "1 line(s) outside both periods" in lines[1]
    assert "1 line(s) without a date" in lines[2]


def test_period_end_and_months(tmp_path: Path) -> None:
    path = _write(tmp_path / "lines.csv", LINES)
    data = _read(path, ReportOptions(period_end="2024-06-30", months="6"))
    frame = data.frame().set_index("Client")
    # 2024-06-30 − 6 months = 2023-12-30 (calendar months): current (2023-12-30,
    # 2024-06-30] holds Acme's 50 and 40, and Crane's 20; prior (2023-06-30, 2023-12-30]
    assert frame.loc["Acme", "Revenue"] == 90.0 and frame.loc["Acme", "Revenue prior"] == 0
    assert frame.loc["Crane", "Revenue"] == 20.0
    assert "Bolt" not in frame.index  # its lines are outside both periods
    assert data.outside == 3


def test_prior_with_a_date_column_is_an_error(tmp_path: Path) -> None:
    rows = [[*LINES[0], "Revenue prior"], *[[*r, "1"] for r in LINES[1:]]]
    path = _write(tmp_path / "lines.csv", rows)
    with pytest.raises(XlparetoError, match="use one or the other"):
        _read(path, ReportOptions(prior_given=True), prior="Revenue prior")
    data = _read(path)  # found by name only: the dates win, and the prior column is named
    assert "not used: the periods come from the dates" in data.notes[0]


def test_date_column_by_hand_and_synonyms(tmp_path: Path) -> None:
    rows = [["Booked", "Customer", "Sales"], ["2024-05-01", "a", "3"], ["2023-05-01", "a", "2"]]
    path = _write(tmp_path / "x.csv", rows)
    assert _read(path).split is None  # "Booked" is not a date name
    data = _read(path, date="Booked")
    assert data.frame().values.tolist() == [["a", 3.0, 2.0]]
    assert REPORT_TABLE.column("date").synonyms[:3] == ("Date", "Invoice date", "Posting date")


def test_day_first_text_and_the_ambiguity_error(tmp_path: Path) -> None:
    rows = [["Date", "Client", "Amount"], ["01/02/2024", "a", "1"], ["03/04/2024", "b", "2"]]
    path = _write(tmp_path / "x.csv", rows)
    with pytest.raises(XlparetoError, match="--dayfirst"):
        _read(path)
    day_first = _read(path, ReportOptions(dayfirst=True))
    assert str(day_first.split.end) == "2024-04-03"
    assert str(_read(path, ReportOptions(dayfirst=False)).split.end) == "2024-03-04"


@pytest.mark.parametrize(
    ("options", "option"),
    [
        (ReportOptions(months="6"), "--months"),
        (ReportOptions(period_end="2024-12-31"), "--period-end"),
        (ReportOptions(dayfirst=False), "--dayfirst/--monthfirst"),
    ],
)
def test_period_options_need_a_date_column(tmp_path: Path, options, option) -> None:
    path = _write(tmp_path / "c.csv", [["Client", "Revenue"], ["a", "1"]])
    with pytest.raises(XlparetoError, match=f"c.csv: {option} needs a date column"):
        _read(path, options)


def test_cells_that_are_not_dates_are_an_error_with_rows(tmp_path: Path) -> None:
    rows = [["Date", "Client", "Amount"], ["2024-01-01", "a", "1"], ["soon", "b", "2"]]
    with pytest.raises(XlparetoError, match=r"1 cell\(s\) are not dates \(rows 3\)"):
        _read(_write(tmp_path / "x.csv", rows))


@pytest.mark.parametrize(
    ("months", "end", "message"),
    [
        ("0", None, "--months"),
        ("1.5", None, "--months"),
        (None, "31.12.2024", "--period-end"),
        (None, "2024-02-30", "--period-end"),
    ],
)
def test_bad_period_options(months, end, message) -> None:
    with pytest.raises(XlparetoError, match=message):
        parse_months(months)
        parse_period_end(end)


def test_excel_dates_and_serials(tmp_path: Path) -> None:
    path = tmp_path / "lines.xlsx"
    frame = pd.DataFrame(
        {
            "Posting date": [pd.Timestamp("2024-03-01"), pd.Timestamp("2023-03-01")],
            "Client": ["a", "a"],
            "Amount": [10.0, 4.0],
        }
    )
    frame.to_excel(path, index=False)
    data = _read(path)
    assert data.frame().values.tolist() == [["a", 10.0, 4.0]]
    assert data.number_style is None  # an .xlsx file shows no number style


def test_prospects_with_percentages(tmp_path: Path) -> None:
    rows = [
        ["Lead", "Deal size", "Fit", "Chance"],
        ["Acme", "10,000", "70 %", "50%"],
        ["Bolt", "5,000", "0.4", ""],
        ["Crane", "2,500", "100%", "0.25"],
    ]
    frame = read_prospects(_write(tmp_path / "p.csv", rows))
    assert list(frame.columns) == ["Prospect", "Expected revenue", "Fit", "Probability"]
    assert frame["Fit"].tolist() == pytest.approx([0.7, 0.4, 1.0])
    assert frame["Probability"].tolist()[::2] == pytest.approx([0.5, 0.25])
    assert np.isnan(frame["Probability"][1])
    assert frame["Expected revenue"].tolist() == [10000.0, 5000.0, 2500.0]


def test_prospects_file_needs_its_columns(tmp_path: Path) -> None:
    rows = [["Prospect", "Fit"], ["Acme", "0.5"]]
    with pytest.raises(XlparetoError, match="'Expected revenue' not found"):
        read_prospects(_write(tmp_path / "p.csv", rows))


# --- numbers given as options follow the input's number style (SPEC 5) -------------------------
COMMA_DECIMAL = NumberStyle.for_decimal(",")
POINT_DECIMAL = NumberStyle.for_decimal(".")


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("50.000", COMMA_DECIMAL, 50000.0),
        ("50.000", POINT_DECIMAL, 50.0),
        ("1,234", POINT_DECIMAL, 1234.0),
        ("1,234", COMMA_DECIMAL, 1.234),
        ("1.234,5", None, 1234.5),
        ("1,234.5", None, 1234.5),
        ("1,000,000", None, 1e6),
        ("1.000.000", None, 1e6),
        ("0,800", None, 0.8),
        ("50 000", None, 50000.0),
        ("80%", None, 0.8),
        ("12,5", None, 12.5),
    ],
)
def test_option_numbers(text, style, expected) -> None:
    assert _number("--budget", text, style) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["50.000", "1,234", "100,000"])
def test_ambiguous_option_numbers_are_an_error(text) -> None:
    with pytest.raises(XlparetoError, match=rf"--budget: '{text}' is ambiguous"):
        parse_budget(text)


def _style_of(tmp_path: Path, rows: list[list[str]], delimiter: str = ",") -> object:
    return _read(_write(tmp_path / "c.csv", rows, delimiter)).number_style


def test_the_file_shows_its_number_style_only_with_thousands(tmp_path: Path) -> None:
    german = [["Kunde", "Umsatz"], ["a", "1.234,56"], ["b", "7,5"]]
    english = [["Client", "Revenue"], ["a", "1,234.56"], ["b", "7.5"]]
    plain = [["Client", "Revenue"], ["a", "1234.56"], ["b", "7.5"]]
    assert _style_of(tmp_path, german, ";") == COMMA_DECIMAL
    assert _style_of(tmp_path, english) == POINT_DECIMAL
    assert _style_of(tmp_path, plain) is None
    options = ReportOptions(budget="50.000", spend_new="1.500", hourly_cost="62,50")
    numbers = parse_numbers_options(options, COMMA_DECIMAL)
    assert (numbers.budget, numbers.spend_new, numbers.hourly_cost) == (50000, 1500, 62.5)
    assert parse_numbers_options(ReportOptions(budget="50.000"), POINT_DECIMAL).budget == 50
    with pytest.raises(XlparetoError, match=r"--spend-existing: '2\.500' is ambiguous"):
        parse_numbers_options(ReportOptions(spend_existing="2.500"), None)


@pytest.mark.parametrize(
    ("option", "text", "bound", "message"),
    [
        ("--spend-new", "-1", None, "must be 0 or more"),
        ("--hourly-cost", "abc", None, "is not a number"),
        ("--min-fit", "1.5", 1, "between 0 and 1"),
        ("--min-fit", "150%", 1, "between 0 and 1"),
        ("--spend-existing", "inf", None, "not a finite number"),
    ],
)
def test_bad_amount_options(option, text, bound, message) -> None:
    with pytest.raises(XlparetoError, match=f"{option}: .*{message}|{option}: must"):
        parse_amount(option, text, at_most=bound)


def test_min_fit_default_and_percent() -> None:
    assert parse_numbers_options(ReportOptions(), None).min_fit == 0.5
    assert parse_numbers_options(ReportOptions(min_fit="70%"), None).min_fit == 0.7


def test_hours_without_an_hourly_cost_are_left_out_with_a_note(tmp_path: Path) -> None:
    data = _read(_write(tmp_path / "lines.csv", LINES))
    checked = check_hours(data, parse_numbers_options(ReportOptions(), None))
    assert checked.hours is None and "no --hourly-cost" in checked.notes[-1]
    assert checked.costs is not None
    costed = check_hours(data, parse_numbers_options(ReportOptions(hourly_cost="50"), None))
    assert costed is data


def test_prospects_from_xlsx_and_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"Opportunity": ["a", "b"], "Value": [100.0, 50.0], "Offer fit": ["80 %", 0.5]}
    )
    frame.to_excel(tmp_path / "p.xlsx", index=False)
    read = read_prospects(tmp_path / "p.xlsx")
    assert read["Fit"].tolist() == pytest.approx([0.8, 0.5])
    assert "Probability" not in read.columns  # optional, absent
    frame["Offer fit"] = ["80%", "50%"]
    frame.to_parquet(tmp_path / "p.parquet")
    read = read_prospects(tmp_path / "p.parquet")
    assert read["Fit"].tolist() == pytest.approx([0.8, 0.5])
    assert read["Expected revenue"].tolist() == [100.0, 50.0]


def test_an_xlsx_input_leaves_option_numbers_without_a_style(tmp_path: Path) -> None:
    pd.DataFrame({"Client": ["a"], "Revenue": [1234.5]}).to_excel(tmp_path / "c.xlsx", index=False)
    data = _read(tmp_path / "c.xlsx")
    with pytest.raises(XlparetoError, match=r"--budget: '50\.000' is ambiguous"):
        parse_numbers_options(ReportOptions(budget="50.000"), data.number_style)
    assert parse_numbers_options(ReportOptions(budget="50000"), data.number_style).budget == 50000
