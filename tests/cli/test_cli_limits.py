"""Excel's limits on the command line: a client list longer than a sheet is refused with one
line naming how many do not fit; ``--top N`` writes the N largest and says how many were
left out, while the summaries use every client. The sheet's last row is lowered (the one
constant in ``layout.limits``) so the real writers meet the limit without 1M rows."""

from __future__ import annotations

import openpyxl
import pytest
from cli_support import pareto_rows, write_csv
from cli_support import run_here as run

from xlpareto import layout
from xlpareto.layout import limits
from xlpareto.layout.analysis_sheet import ANALYSIS, CUTOFF_TABLE_NAME

CLIENTS = 40


@pytest.fixture
def short_sheets(monkeypatch):
    """Sheets that end 30 rows below the ParetoTable's header."""
    last = ANALYSIS.table.top_left[0] + 1 + 30
    monkeypatch.setattr(limits, "MAX_ROWS", last)
    return 30


def _clients(tmp_path, count=CLIENTS, prior=True):
    header = ["Client", "Revenue", "Revenue prior"] if prior else ["Client", "Revenue"]
    rows = [[f"C{i:03d}", 1000 + 37 * i, 900 + 11 * i][: len(header)] for i in range(count)]
    return write_csv(tmp_path / "clients.csv", [header, *rows])


def test_report_refuses_a_list_longer_than_the_sheet(tmp_path, short_sheets):
    source = _clients(tmp_path)
    result = run("report", source, "-o", tmp_path / "r.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"{CLIENTS - short_sheets:,} clients do not fit" in lines[0]
    assert "--top N" in lines[0]
    assert not (tmp_path / "r.xlsx").exists()  # nothing half-written


def test_top_writes_the_largest_and_keeps_every_client_in_the_summary(tmp_path, short_sheets):
    source = _clients(tmp_path)
    out = tmp_path / "r.xlsx"
    result = run("report", source, "-o", out, "--top", "25", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "25 largest of 40 clients (15 left out" in result.stdout
    rows = pareto_rows(out)
    assert [row["Client"] for row in rows] == [f"C{i:03d}" for i in range(39, 14, -1)]
    sheet = openpyxl.load_workbook(out)[layout.ANALYSIS_SHEET]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Shows the 25 largest of 40 clients" in text for text in texts)
    full = run("report", source, "-o", tmp_path / "all.xlsx", "--top", "40", cwd=tmp_path)
    assert full.returncode == 2  # 40 still do not fit: --top does not hide the limit


def test_summary_figures_with_top_equal_the_full_analysis(tmp_path, monkeypatch):
    source = _clients(tmp_path)
    everything, top = tmp_path / "all.xlsx", tmp_path / "top.xlsx"
    assert run("report", source, "-o", everything, cwd=tmp_path).returncode == 0
    assert run("report", source, "-o", top, "--top", "5", cwd=tmp_path).returncode == 0

    # the cutoff lines' helper table is per client like the ParetoTable (cut to --top)
    helper = ANALYSIS.table_named(CUTOFF_TABLE_NAME).top_left[1]

    def blocks(path):  # every cell right of the table: summary, budget, migration
        sheet = openpyxl.load_workbook(path)[layout.ANALYSIS_SHEET]
        right = ANALYSIS.table.last_column + 2
        return {
            (c.row, c.column): c.value
            for row in sheet.iter_rows(min_col=right, max_col=helper)
            for c in row
            if c.value is not None and not str(c.value).startswith("Created")
        }

    assert len(pareto_rows(top)) == 5 and len(pareto_rows(everything)) == CLIENTS
    assert blocks(top) == blocks(everything)


def test_new_refuses_and_top_keeps_the_largest_clients(tmp_path, monkeypatch):
    from xlpareto.layout.inputs import CLIENTS as SCHEMA
    from xlpareto.layout.profit_sheet import PROFIT

    # the per-client tables (Clients, ParetoTable, WhaleTable) hold 35 clients; the other
    # tables (the sample prospects' plan, the bridge) end higher up
    per_client = [SCHEMA.top_left[0], ANALYSIS.table.top_left[0], PROFIT.table.top_left[0]]
    monkeypatch.setattr(limits, "MAX_ROWS", max(per_client) + 1 + 35)
    source = _clients(tmp_path)
    refused = run("new", tmp_path / "b.xlsm", "--data", source, cwd=tmp_path)
    assert refused.returncode == 2
    assert "do not fit" in refused.stderr and "--top N" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "b.xlsm").exists()
    made = run("new", tmp_path / "b.xlsm", "--data", source, "--top", "35", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "Kept the 35 largest of 40 clients (5 left out" in made.stdout
    table = openpyxl.load_workbook(tmp_path / "b.xlsm")["Clients"].tables["Clients"]
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsm")["Clients"]
    names = [row[0].value for row in sheet[table.ref]][1:]
    assert names == [f"C{i:03d}" for i in range(5, 40)]  # the largest, in the file's order


def test_a_name_longer_than_a_cell_is_refused_not_cut(tmp_path):
    long_name = "x" * (limits.MAX_CELL_CHARS + 1)
    source = write_csv(tmp_path / "c.csv", [["Client", "Revenue"], ["A", 5], [long_name, 3]])
    result = run("report", source, "-o", tmp_path / "r.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "32,768 characters" in result.stderr and "[Client]" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    made = run("new", tmp_path / "b.xlsm", "--data", source, cwd=tmp_path)
    assert made.returncode == 2 and "32,768 characters" in made.stderr


def test_top_must_be_positive(tmp_path):
    result = run("report", _clients(tmp_path), "--top", "0", cwd=tmp_path)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "--top" in result.stderr
