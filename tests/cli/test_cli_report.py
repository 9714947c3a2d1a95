"""``xlpareto report`` on CSV, XLSX/XLSM and Parquet.

Run in-process (``cli.main``, the console script's code, without a new interpreter per
case); the installed console script itself is run by test_cli_commands/errors/usage.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cli_support import pareto_rows, revenue_by_client, write_csv
from cli_support import run_here as run
from openpyxl.worksheet.table import Table

import xlpareto

FORMULA_LIKE = [
    "=1+1",
    "+CMD|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
]


def test_csv_comma_delimiter_with_thousands_commas(tmp_path):
    source = write_csv(
        tmp_path / "clients.csv",
        [["Client", "Revenue"], ["North", "1,234.56"], ["South", "12.5"], ["East", "1,000,000"]],
    )
    result = run("report", source, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "delimiter ','" in result.stdout and "decimal '.'" in result.stdout
    out = tmp_path / "clients_pareto.xlsx"
    assert revenue_by_client(out) == {"East": 1_000_000, "North": 1234.56, "South": 12.5}


def test_csv_semicolon_delimiter_with_decimal_comma(tmp_path):
    source = write_csv(
        tmp_path / "kunden.csv",
        [["Kunde", "Umsatz", "Umsatz Vorjahr"], ["Nord", "1.234,56", "1.000"], ["Süd", "12,5", ""]],
        delimiter=";",
        encoding="cp1252",
    )
    result = run("report", source, "-o", "out.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "delimiter ';'" in result.stdout and "decimal ','" in result.stdout
    assert "prior 'Umsatz Vorjahr'" in result.stdout
    rows = pareto_rows(tmp_path / "out.xlsx")
    assert {r["Client"]: r["Revenue"] for r in rows} == {"Nord": 1234.56, "Süd": 12.5}
    assert {r["Client"]: r["Movement"] for r in rows} == {"Nord": "same", "Süd": "new"}


@pytest.mark.parametrize(("delimiter", "name"), [("\t", "tab"), ("|", "|")])
def test_csv_tab_and_pipe_delimiters(tmp_path, delimiter, name):
    source = write_csv(
        tmp_path / "c.txt", [["customer", "sales"], ["a", "10"], ["b", "30"]], delimiter
    )
    result = run("report", source, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"delimiter '{name}'" in result.stdout
    assert revenue_by_client(tmp_path / "c_pareto.xlsx") == {"a": 10, "b": 30}


def test_forced_delimiter_and_decimal(tmp_path):
    # "1,500" alone is ambiguous; --decimal , says it is one and a half
    source = write_csv(tmp_path / "c.csv", [["Client", "Revenue"], ["a", "1,500"], ["b", "2"]], ";")
    result = run("report", source, "--delimiter", ";", "--decimal", ",", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert revenue_by_client(tmp_path / "c_pareto.xlsx") == {"a": 1.5, "b": 2}


def test_invoice_lines_are_summed_and_bad_rows_counted(tmp_path):
    rng = np.random.default_rng(7)
    names = [f"Client {i:02d}" for i in range(40)]
    lines = pd.DataFrame(
        {
            "Customer": rng.choice(names, 600),
            "Amount": rng.lognormal(5, 1.2, 600).round(2),
        }
    )
    rows = [["Invoice", "Customer", "Amount"]]
    rows += [[i, c, f"{a:.2f}"] for i, (c, a) in enumerate(lines.itertuples(index=False))]
    rows += [[900, "Client 01", ""], [901, "Client 02", "n/a"], [902, "", "5"]]
    source = write_csv(tmp_path / "invoices.csv", rows)
    result = run("report", source, "--budget", "50000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "603 rows" in result.stdout
    assert "3 rows skipped" in result.stdout
    expected = lines.groupby("Customer")["Amount"].sum()
    merged = 600 - expected.size
    assert f"{merged} duplicate rows merged" in result.stdout
    got = revenue_by_client(tmp_path / "invoices_pareto.xlsx")
    assert set(got) == set(expected.index)
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, abs=1e-6)
    budget = sum(r["Budget"] for r in pareto_rows(tmp_path / "invoices_pareto.xlsx"))
    assert budget == pytest.approx(40_000)  # 80 % of 50,000 goes to existing clients


def _assert_all_text(path, names):
    """Every cell holding one of ``names`` is a string cell, and no cell is a formula."""
    book = openpyxl.load_workbook(path)
    found = set()
    formulas = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{sheet.title}!{cell.coordinate}={cell.value}")
                if cell.value in names:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    found.add(cell.value)
    assert not formulas, formulas
    assert found == set(names)


def test_the_text_check_detects_a_formula(tmp_path):
    """The check above can fail: a real formula cell is reported."""
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet().write("A1", "=1+1")  # XlsxWriter's default turns it into a formula
    book.close()
    with pytest.raises(AssertionError):
        _assert_all_text(path, ["=1+1"])


def test_formula_like_client_names_stay_text(tmp_path):
    rows = [["Client", "Revenue", "Revenue prior"]]
    rows += [[name, 100 * (i + 1), 50] for i, name in enumerate(FORMULA_LIKE)]
    source = write_csv(tmp_path / "evil.csv", rows)
    result = run("report", source, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "evil_pareto.xlsx"
    _assert_all_text(out, FORMULA_LIKE)
    assert set(revenue_by_client(out)) == set(FORMULA_LIKE)


def _xlsx_with_sheet_and_table(path):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes["A1"] = "exported from the CRM"
    data = book.create_sheet("Data")
    data.append([])  # header on row 3, after a blank row and a title
    data["A2"] = None
    data.append(["Account name", "Net sales", "Prior sales"])
    for name, value, prior in [("Big", 900, 800), ("Mid", 90, None), ("Tiny", "n/a", 1)]:
        data.append([name, value, prior])
    data.append([1001, 10, 10])  # a numeric client id becomes the text "1001"
    other = book.create_sheet("Other")
    other["C5"], other["D5"] = "Name", "Amount"
    for i, (name, value) in enumerate([("x", 5), ("y", 15), ("z", 25)], start=6):
        other[f"C{i}"], other[f"D{i}"] = name, value
    other.add_table(Table(displayName="Sales", ref="C5:D8"))
    other["F5"] = "not part of the table"
    book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_xlsx_sheet(tmp_path, suffix):
    source = _xlsx_with_sheet_and_table(tmp_path / f"crm{suffix}")
    result = run("report", source, "--sheet", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[sheet Data]" in result.stdout
    assert "1 row skipped" in result.stdout and "row 6" in result.stdout  # "n/a" on row 6
    rows = pareto_rows(tmp_path / "crm_pareto.xlsx")
    assert {r["Client"]: r["Revenue"] for r in rows} == {"Big": 900, "Mid": 90, "1001": 10}
    assert rows[1]["Movement"] == "new"  # Mid had no prior revenue


def test_xlsx_table(tmp_path):
    source = _xlsx_with_sheet_and_table(tmp_path / "crm.xlsx")
    result = run("report", source, "--sheet", "Sales", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[table Sales]" in result.stdout
    assert revenue_by_client(tmp_path / "crm_pareto.xlsx") == {"x": 5, "y": 15, "z": 25}


def test_xlsx_default_prefers_the_clients_table(tmp_path):
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Start"
    book.active["A1"] = "Read me"
    sheet = book.create_sheet("Clients")
    sheet.append(["Client", "Revenue", "Revenue prior"])
    sheet.append(["only", 7, 3])
    sheet.add_table(Table(displayName="Clients", ref="A1:C2"))
    book.save(path)
    result = run("report", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[table Clients]" in result.stdout
    assert revenue_by_client(tmp_path / "book_pareto.xlsx") == {"only": 7}


def test_report_on_the_demo_workbook(tmp_path):
    assert run("demo", cwd=tmp_path).returncode == 0
    result = run("report", "xlpareto_demo.xlsx", "-o", "again.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(pareto_rows(tmp_path / "again.xlsx")) == 200


def test_parquet(tmp_path):
    table = pa.table(
        {
            "Customer": ["a", "b", "a", "c"],
            "Sales": [10.0, 30.0, 5.5, None],
            "Prior": [1.0, 2.0, 3.0, 4.0],
        }
    )
    pq.write_table(table, tmp_path / "s.parquet")
    result = run("report", "s.parquet", "--cutoffs", "computed", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 row skipped" in result.stdout
    rows = pareto_rows(tmp_path / "s_pareto.xlsx")
    assert {r["Client"]: r["Revenue"] for r in rows} == {"a": 15.5, "b": 30.0}
    assert {r["Prior tier"] for r in rows} != {""}


def test_options_reach_the_engine(tmp_path):
    values = [50, 30, 10, 5, 5]
    rows = [["Client", "Revenue"]] + [[f"c{i}", v] for i, v in enumerate(values)]
    source = write_csv(tmp_path / "c.csv", rows)
    result = run(
        "report", source, "--cutoffs", "50%,90%", "--labels", "Gold,Silver,Bronze",
        "--budget", "1 000", "--core-share", "0.5", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = xlpareto.analyze(
        [f"c{i}" for i in range(5)], values, cutoffs=[0.5, 0.9],
        labels=["Gold", "Silver", "Bronze"], budget=1000, core_share=0.5,
    )  # fmt: skip
    got = pareto_rows(tmp_path / "c_pareto.xlsx")
    assert [r["Tier"] for r in got] == expected.table["Tier"].tolist()
    assert [r["Budget"] for r in got] == expected.table["Budget"].tolist()
    assert sum(r["Budget"] for r in got) == pytest.approx(500)


def test_cost_and_hours_columns_are_read_and_keep_the_revenue_analysis(tmp_path):
    """Optional schema columns are found and named; ranks and tiers stay those of revenue."""
    lines = [["Client", "Revenue", "Cost", "Hours"], ["a", "10", "3", "1"], ["b", "30", "", "2"]]
    write_csv(tmp_path / "with.csv", lines)
    write_csv(tmp_path / "without.csv", [row[:2] for row in lines])
    result = run("report", "with.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "revenue 'Revenue', cost 'Cost', hours 'Hours'" in result.stdout
    assert "Hours not costed (no --hourly-cost)" in result.stdout
    assert run("report", "without.csv", cwd=tmp_path).returncode == 0
    keys = ("Rank", "Client", "Revenue", "Tier", "Budget")
    with_costs = [{k: r[k] for k in keys} for r in pareto_rows(tmp_path / "with_pareto.xlsx")]
    plain = [{k: r[k] for k in keys} for r in pareto_rows(tmp_path / "without_pareto.xlsx")]
    assert with_costs == plain
