"""``xlpareto template`` and ``xlpareto new`` (the workbook builder behind the command line)."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from cli_support import revenue_by_client, write_csv
from cli_support import run_here as run  # in-process; the console script itself: test_cli_commands

from xlpareto import layout
from xlpareto.data import sample_clients
from xlpareto.io.output_files import TEMPLATE
from xlpareto.workbook import workbook_bytes


def _table(path, sheet_name, table_name):
    sheet = openpyxl.load_workbook(path)[sheet_name]
    cells = sheet[sheet.tables[table_name].ref]
    return [[c.value for c in row] for row in cells], [[c.data_type for c in row] for row in cells]


def _conf(path) -> dict:
    sheet = openpyxl.load_workbook(path)[layout.CONFIG_SHEET]
    return {row[0].value: row[1].value for row in sheet.iter_rows() if row[0].value}


def test_template_default_name_and_bytes(tmp_path):
    result = run("template", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "workbook_template.xlsm").read_bytes()
    # the builder's template bytes, unchanged by the command line
    assert built == workbook_bytes(kind=TEMPLATE)


def test_template_output_option(tmp_path):
    result = run("template", "-o", "mine.xlsm", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mine.xlsm").is_file()
    assert not (tmp_path / "workbook_template.xlsm").exists()


def test_new_without_data_has_the_sample_clients_and_this_python(tmp_path):
    result = run("new", "book.xlsm", "--interpreter", "/opt/python/bin/python3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    values, _ = _table(tmp_path / "book.xlsm", layout.CLIENTS_SHEET, layout.CLIENTS_TABLE)
    assert values[0] == list(layout.CLIENTS_COLUMNS)
    assert [row[0] for row in values[1:]] == sample_clients()[layout.CLIENT_COLUMN].tolist()
    assert "/opt/python/bin/python3" in _conf(tmp_path / "book.xlsm").values()


def test_new_with_invoice_lines_sums_clients_and_keeps_names_as_text(tmp_path):
    rows = [["Customer", "Amount", "Prior"]]
    rows += [["=1+1", "10.50", "1"], ["@SUM(A1)", "5", ""], ["=1+1", "2", "2"], ["Lost", "", "9"]]
    rows += [["", "7", ""], ["Nothing", "x", ""]]
    write_csv(tmp_path / "lines.csv", rows)
    result = run("new", "book.xlsm", "--data", "lines.csv", "--prior", "Prior", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 clients for the Clients table" in result.stdout
    values, types = _table(tmp_path / "book.xlsm", layout.CLIENTS_SHEET, layout.CLIENTS_TABLE)
    assert [row[:3] for row in values[1:]] == [
        ["=1+1", 12.5, 3],
        ["@SUM(A1)", 5, None],
        ["Lost", None, 9],
    ]
    assert {row[3] for row in values[1:]} == {row[4] for row in values[1:]} == {None}
    assert [t[0] for t in types[1:]] == ["s", "s", "s"]
    # xlwings.conf points at the Python that runs the command (this venv's)
    conf = _conf(tmp_path / "book.xlsm")
    assert Path(conf["Interpreter_Win"]).parent == Path(sys.executable).parent


def test_new_workbook_round_trips_through_report(tmp_path):
    write_csv(tmp_path / "c.csv", [["Client", "Revenue"], ["a", "3"], ["b", "1"], ["a", "2"]])
    assert run("new", "book.xlsm", "--data", "c.csv", cwd=tmp_path).returncode == 0
    result = run("report", "book.xlsm", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[table Clients]" in result.stdout
    assert revenue_by_client(tmp_path / "book_pareto.xlsx") == {"a": 5, "b": 1}


def test_new_force_overwrites(tmp_path):
    (tmp_path / "book.xlsm").write_text("old")
    result = run("new", "book.xlsm", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "book.xlsm").read_bytes()[:2] == b"PK"
