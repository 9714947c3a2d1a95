"""The v2 options of ``report``/``new``/``demo``: dates, costs, spend, prospects, numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from cli_support import pareto_rows, write_csv
from cli_support import run_here as run  # in-process: the console script runs in test_cli_commands

from xlpareto.data import sample_invoice_lines

LINES = [
    ["Invoice date", "Client", "Amount", "Cost", "Hours"],
    ["2024-12-31", "Acme", "100.00", "10", "1"],
    ["2024-01-01", "Acme", "50.00", "5", "2"],
    ["2023-12-31", "Acme", "40.00", "", ""],  # E − 12 months: prior period
    ["2023-06-01", "Bolt", "30.00", "", ""],
    ["2024-03-01", "Bolt", "10.00", "60", ""],  # costs more than it brings
    ["2022-12-31", "Bolt", "999.00", "", ""],  # outside both periods
    ["2024-06-15", "Crane", "20.00", "2", ""],
]
PROSPECTS = [
    ["Company", "Deal size", "Fit", "Win chance"],
    ["Orbit", "10000", "80 %", "50 %"],
    ["Pylon", "5000", "30 %", ""],
    ["Quill", "8000", "0.9", "0.25"],
]


def _lines(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "lines.csv", LINES)


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_report_with_dated_lines_costs_spend_and_prospects(tmp_path: Path) -> None:
    prospects = write_csv(tmp_path / "prospects.csv", PROSPECTS)
    out = _ok(
        run(
            "report",
            _lines(tmp_path),
            "--hourly-cost",
            "10",
            "--spend-existing",
            "100",
            "--spend-new",
            "50",
            "--prospects",
            prospects,
            "--min-fit",
            "0.5",
            "--budget",
            "1000",
            cwd=tmp_path,
        )
    )
    rows = {r["Client"]: r for r in pareto_rows(tmp_path / "lines_pareto.xlsx")}
    assert rows["Acme"]["Revenue"] == pytest.approx(150.0)  # 100 + 50 in (2023-12-31, E]
    assert rows["Bolt"]["Revenue"] == pytest.approx(10.0)
    assert rows["Crane"]["Revenue"] == pytest.approx(20.0)
    assert rows["Acme"]["Prior tier"] and rows["Crane"]["Prior tier"] in (None, "")
    assert "1 line(s) outside both periods not used" in out
    assert "current 2024-01-01 to 2024-12-31, prior 2023-01-01 to 2023-12-31" in out
    # Start 70 (Acme 40, Bolt 30) → Acme +110, Bolt −20: NRR (70 + 110 − 20)/70
    assert f"Net revenue retention {160 / 70:.1%}" in out
    assert "per 1.00 spent" in out
    assert "1 loss maker" in out  # Bolt: 10 − 60
    assert "Top funded prospects" in out and "Orbit" in out and "2 of 3 prospects funded" in out


def test_report_names_the_missing_spend_option(tmp_path: Path) -> None:
    out = _ok(run("report", _lines(tmp_path), "--hourly-cost", "10", cwd=tmp_path))
    assert "--spend-existing" in out or "--spend-new" in out


def test_prior_and_a_date_column_is_an_error(tmp_path: Path) -> None:
    rows = [[*LINES[0], "Prior"], *[[*r, "1"] for r in LINES[1:]]]
    source = write_csv(tmp_path / "lines.csv", rows)
    result = run("report", source, "--prior", "Prior", "--hourly-cost", "1", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("xlpareto: error: lines.csv: --prior and the date column")
    assert "one or the other" in result.stderr and result.stderr.count("\n") == 1


def test_period_options_and_day_first_dates(tmp_path: Path) -> None:
    rows = [["Date", "Client", "Amount"], ["01/02/2024", "a", "5"], ["03/04/2024", "b", "7"]]
    source = write_csv(tmp_path / "d.csv", rows)
    ambiguous = run("report", source, cwd=tmp_path)
    assert ambiguous.returncode == 2 and "--dayfirst" in ambiguous.stderr
    out = _ok(run("report", source, "--dayfirst", "--months", "1", cwd=tmp_path))
    assert "current 2024-03-04 to 2024-04-03" in out  # E = 3 April (day first)
    assert "1 line(s) outside both periods" in out  # 1 February is before the prior month
    out = _ok(run("report", source, "--monthfirst", "--period-end", "2024-03-31", cwd=tmp_path))
    assert "current 2023-04-01 to 2024-03-31" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--months", "0"], "--months: must be a whole number"),
        (["--period-end", "31/12/2024"], "--period-end: expected a date as YYYY-MM-DD"),
        (["--date", "When"], "column 'When' (--date) not found"),
        (["--cost", "Price"], "column 'Price' (--cost) not found"),
        (["--hours", "Effort"], "column 'Effort' (--hours) not found"),
        (["--hourly-cost", "-5"], "--hourly-cost: must be 0 or more"),
        (["--hourly-cost", "1", "--spend-new", "x"], "--spend-new: 'x' is not a number"),
        (["--hourly-cost", "1", "--min-fit", "2"], "--min-fit: must be between 0 and 1"),
        (["--hourly-cost", "1", "--prospects", "missing.csv"], "missing.csv: no such file"),
        (["--hourly-cost", "1", "--budget", "1,000"], "--budget: '1,000' is ambiguous"),
    ],
)
def test_bad_v2_options_are_one_line_errors(tmp_path: Path, args, message) -> None:
    result = run("report", _lines(tmp_path), *args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("xlpareto: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_cost_and_hours_columns_by_name_and_by_hand(tmp_path: Path) -> None:
    rows = [["Client", "Revenue", "Service cost", "Time spent"], ["a", "100", "150", "1"]]
    rows += [["b", "300", "10", "2"], ["c", "200", "", ""]]
    source = write_csv(tmp_path / "c.csv", rows)
    out = _ok(run("report", source, "--hourly-cost", "10", cwd=tmp_path))
    assert "1 loss maker" in out  # a: 100 − 150 − 10
    renamed = [["Client", "Revenue", "Spent", "Effort h"], *rows[1:]]
    source = write_csv(tmp_path / "r.csv", renamed)
    out = _ok(
        run(
            "report",
            source,
            "--cost",
            "Spent",
            "--hours",
            "Effort h",
            "--hourly-cost",
            "10",
            cwd=tmp_path,
        )
    )
    assert "1 loss maker" in out


@pytest.mark.parametrize(
    ("rows", "delimiter", "budget", "expected"),
    [
        ([["Kunde", "Umsatz"], ["a", "1.234,56"], ["b", "7,5"]], ";", "50.000", "50,000.00"),
        ([["Client", "Revenue"], ["a", "1,234.56"], ["b", "7.5"]], ",", "50.000", "50.00"),
    ],
)
def test_budget_follows_the_files_number_style(tmp_path, rows, delimiter, budget, expected):
    source = write_csv(tmp_path / "c.csv", rows, delimiter)
    out = _ok(run("report", source, "--budget", budget, cwd=tmp_path))
    total = next(line for line in out.splitlines() if line.strip().startswith("Total"))
    assert total.split()[-1] == expected


def test_an_ambiguous_budget_without_evidence_is_an_error(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "c.csv", [["Client", "Revenue"], ["a", "1234.5"], ["b", "7"]])
    result = run("report", source, "--budget", "50.000", cwd=tmp_path)
    assert result.returncode == 2
    assert "--budget: '50.000' is ambiguous (50 or 50000?)" in result.stderr
    forced = _ok(run("report", source, "--budget", "50.000", "--decimal", ".", cwd=tmp_path))
    assert "50.00" in forced


def test_new_with_dated_lines_and_prospects(tmp_path: Path) -> None:
    prospects = write_csv(tmp_path / "prospects.csv", PROSPECTS)
    path = tmp_path / "mine.xlsm"
    _ok(run("new", path, "--data", _lines(tmp_path), "--prospects", prospects, cwd=tmp_path))
    book = openpyxl.load_workbook(path)
    clients = book["Clients"]
    cells = [[c.value for c in row] for row in clients[clients.tables["Clients"].ref]]
    assert cells[0] == ["Client", "Revenue", "Revenue prior", "Cost to serve", "Hours"]
    by_name = {row[0]: row[1:] for row in cells[1:]}
    assert by_name["Acme"] == pytest.approx([150.0, 40.0, 15.0, 3.0])
    assert by_name["Bolt"][:2] == pytest.approx([10.0, 30.0])
    sheet = book["Prospects"]
    rows = [[c.value for c in row] for row in sheet[sheet.tables["Prospects"].ref]]
    assert rows[0] == ["Prospect", "Expected revenue", "Fit", "Probability"]
    assert rows[1] == ["Orbit", 10000, 0.8, 0.5]
    assert rows[2][:3] == ["Pylon", 5000, 0.3] and rows[2][3] in (None, "")


def test_new_prior_with_dates_is_an_error(tmp_path: Path) -> None:
    rows = [[*LINES[0], "Prior"], *[[*r, "1"] for r in LINES[1:]]]
    source = write_csv(tmp_path / "lines.csv", rows)
    result = run("new", tmp_path / "x.xlsm", "--data", source, "--prior", "Prior", cwd=tmp_path)
    assert result.returncode == 2 and "one or the other" in result.stderr
    assert not (tmp_path / "x.xlsm").exists()


def test_demo_reads_the_sample_lines_like_report(tmp_path: Path) -> None:
    out = _ok(run("demo", cwd=tmp_path))
    assert "Net revenue retention" in out and "per 1.00 spent" in out
    assert "loss makers" in out and "A clients that lose money" in out
    assert "Top funded prospects" in out
    assert "24 line(s) outside both periods not used" in out
    book = openpyxl.load_workbook(tmp_path / "xlpareto_demo.xlsx")
    clients = book["Clients"]
    header = [c.value for c in clients[1]][:5]
    assert header == ["Client", "Revenue", "Revenue prior", "Cost to serve", "Hours"]
    # the same figures as report on the same lines written as a CSV
    lines = sample_invoice_lines()
    lines["Invoice date"] = lines["Invoice date"].dt.strftime("%Y-%m-%d")
    lines.to_csv(tmp_path / "sample.csv", index=False)
    same = _ok(
        run(
            "report",
            tmp_path / "sample.csv",
            "--hourly-cost",
            "50",
            "--spend-existing",
            "40000",
            "--spend-new",
            "25000",
            cwd=tmp_path,
        )
    )
    demo_revenue = {r["Client"]: r["Revenue"] for r in pareto_rows(tmp_path / "xlpareto_demo.xlsx")}
    report_revenue = {
        r["Client"]: r["Revenue"] for r in pareto_rows(tmp_path / "sample_pareto.xlsx")
    }
    assert report_revenue == pytest.approx(demo_revenue)
    nrr = next(line for line in out.splitlines() if line.startswith("Net revenue retention"))
    assert nrr in same
