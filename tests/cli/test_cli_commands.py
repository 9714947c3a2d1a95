"""The installed ``xlpareto`` command: --help, --version, demo (run as a subprocess)."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from cli_support import pareto_rows, run, run_here, xlpareto_command

import xlpareto
from xlpareto import layout
from xlpareto.data import sample_clients

COMMANDS = ["demo", "report", "new", "template", "lite"]


def test_the_console_script_is_installed():
    assert xlpareto_command()[0].endswith("xlpareto"), "the console script is not installed"


def test_version(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"xlpareto {xlpareto.__version__}"


def test_python_dash_m_runs_the_same_program(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "xlpareto", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"xlpareto {xlpareto.__version__}"


def test_help_lists_every_command(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_no_arguments_shows_help(tmp_path):
    result = run(cwd=tmp_path)
    assert "Usage" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(tmp_path, command):
    result = run_here(command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
    assert list(tmp_path.iterdir()) == []  # --help writes nothing


def test_report_help_documents_the_column_synonyms(tmp_path):
    text = " ".join(run_here("report", "--help", cwd=tmp_path).stdout.split())
    for name in ("Customer", "Sales", "Amount", "Revenue prior", "--sheet", "--delimiter"):
        assert name in text


def test_demo_prints_a_summary_and_writes_the_workbook(tmp_path):
    result = run_here("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b" not in out  # not a terminal: no colours, no spinner
    for text in ("200 sample clients", "Tier", "% revenue", "Budget", "New business", "Total"):
        assert text in out
    analysis = xlpareto.analyze(
        *(sample_clients()[c] for c in layout.CLIENTS_COLUMNS[:3]), budget=100_000
    )
    m = analysis.metrics
    assert f"{m['top_20_share']:.1%} of revenue" in out
    assert f"Gini {m['gini']:.3f}" in out
    assert f"Pareto ratio {m['pareto_ratio']:.0%}" in out
    assert "100,000.00" in out and "20,000.00" in out  # total and new-business budget
    for row in analysis.summary.itertuples(index=False):
        assert f"{row[1]:,}" in out
    path = tmp_path / "xlpareto_demo.xlsx"
    assert path.is_file()
    book = openpyxl.load_workbook(path)
    # the sample has dated lines (Growth), costs (Profit) and prospects (Pipeline)
    assert book.sheetnames == [
        layout.CLIENTS_SHEET,
        layout.ANALYSIS_SHEET,
        layout.GROWTH_SHEET,
        layout.PROFIT_SHEET,
        layout.PIPELINE_SHEET,
    ]
    texts = [c for row in book[layout.GROWTH_SHEET].iter_rows(values_only=True) for c in row]
    sentences = [t for t in texts if isinstance(t, str) and "per 1.00 spent (" in t]
    assert len(sentences) == 1  # the spend of the Settings defaults: the two sides compared
    assert sentences[0].startswith(("Existing clients returned more", "New business returned"))
    assert book.active.title == layout.ANALYSIS_SHEET
    assert layout.CLIENTS_TABLE in book[layout.CLIENTS_SHEET].tables
    rows = pareto_rows(path)
    assert len(rows) == 200
    # the demo reads the sample's dated lines: the same clients, revenues and tiers (lost
    # clients, all at 0, are in the order of their first invoice line)
    expected = analysis.table
    paying = int((expected["Revenue"] > 0).sum())
    assert [r["Client"] for r in rows][:paying] == expected["Client"].tolist()[:paying]
    assert {r["Client"] for r in rows} == set(expected["Client"])
    assert [r["Tier"] for r in rows] == expected["Tier"].tolist()
    assert {r["Movement"] for r in rows} >= {"same", "new"}  # the prior column was used
    assert _has_chart_part(path)


def _has_chart_part(path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return any(name.startswith("xl/charts/chart") for name in archive.namelist())


def test_demo_output_option(tmp_path):
    result = run_here("demo", "-o", "sub.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sub.xlsx").is_file()
    assert not (tmp_path / "xlpareto_demo.xlsx").exists()
    assert _has_chart_part(tmp_path / "sub.xlsx")


def test_a_report_loads_no_pydantic(tmp_path):
    """Typer from 0.29 on validates every option with pydantic, 0.18 s of every command's
    start-up (pyproject pins typer below it): a report runs without importing it."""
    source = tmp_path / "clients.csv"
    source.write_text("Client,Revenue\nAcme,10\nBolt,5\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from xlpareto.cli import main\n"
        "try:\n"
        f"    main(['report', {str(source)!r}, '-o', {str(tmp_path / 'out.xlsx')!r}])\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out.xlsx").exists()
    assert result.stdout.splitlines()[-1] == "LOADED []"
