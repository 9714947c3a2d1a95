"""The Dashboard where the worksheet functions can't run (Excel for Mac; here: LibreOffice,
which can't run them either): every figure falls back to the last refresh's figures on the
Analysis sheet, with a note saying so; no error values. Fails, never skips, without
LibreOffice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from libreoffice import inspect_workbook, pdf_to_pngs, read_png, render_pdf, require_libreoffice

import xlpareto
from xlpareto import layout
from xlpareto.data import sample_clients, sample_prospects
from xlpareto.layout.analysis_sheet import DASHBOARD_KPIS, MISSING_FIGURE, dashboard_figure
from xlpareto.layout.inputs import PROSPECTS
from xlpareto.layout.sheets import cell_name
from xlpareto.workbook import builder, dashboard_figures, dashboard_sheet
from xlpareto.workbook.input_sheet import input_frame

ERRORS = re.compile(r"#(NAME|VALUE|REF|N/A|DIV/0|NUM|NULL)[?!]?|Err:\d+")
REFRESHED_ROWS = 60  # the "last refresh" saw the first 60 clients only


@pytest.fixture(scope="module", autouse=True)
def libreoffice() -> None:
    require_libreoffice()


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook whose Analysis sheet holds another refresh than the Clients table (the
    first 60 clients), so a figure shown from it can't be the Dashboard's cached value."""
    original = builder.analyse_frame
    builder.analyse_frame = lambda frame, *rest: original(frame.head(REFRESHED_ROWS), *rest)
    try:
        data = builder.workbook_bytes()
    finally:
        builder.analyse_frame = original
    path = tmp_path_factory.mktemp("fallback") / "refreshed.xlsm"
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def report(refreshed: Path):
    return inspect_workbook(refreshed, sheets_to_read=[layout.DASHBOARD_SHEET])


def _last_refresh() -> xlpareto.Analysis:
    prospects = input_frame(PROSPECTS, sample_prospects())
    return builder.analyse_frame(sample_clients().head(REFRESHED_ROWS), prospects)


def test_no_error_values_on_the_dashboard(report) -> None:
    cells = [value for row in report.cells[layout.DASHBOARD_SHEET] for value in row]
    assert [v for v in cells if isinstance(v, str) and ERRORS.search(v)] == []
    assert report.value(layout.DASHBOARD_SHEET, cell_name(*dashboard_sheet.LIVE_CELL)) == 0


def test_the_note_says_the_figures_are_the_last_refresh(report) -> None:
    note = report.value(layout.DASHBOARD_SHEET, "A2")
    assert note.startswith(dashboard_sheet.NOTE_FALLBACK)
    assert note.endswith(builder.STAMP)  # the Analysis sheet's stamp


def test_key_figures_are_the_last_refreshs(report) -> None:
    metrics = _last_refresh().metrics
    grid = report.cells[layout.DASHBOARD_SHEET]
    places = {  # label -> its value cell: v1 figures in A/B, the v2 ones in their block
        cell: (row, col + 1 if col == 0 else dashboard_figures.VALUE_COLUMN)
        for row, cells in enumerate(grid)
        for col, cell in enumerate(cells)
        if isinstance(cell, str)
    }
    for label, metric, _ in DASHBOARD_KPIS:
        row, col = places[label]
        expected = metrics.get(metric)
        if expected is None:  # the data has no input for this figure: it says so
            assert grid[row][col] == MISSING_FIGURE[metric], label
        else:
            assert grid[row][col] == pytest.approx(expected, rel=1e-12), label
    everyone = builder.analyse_frame(sample_clients()).metrics
    assert report.value(layout.DASHBOARD_SHEET, "B9") != pytest.approx(everyone["gini"])
    assert report.value(layout.DASHBOARD_SHEET, "B5") == len(sample_clients())  # native COUNT


def test_tables_are_the_last_refreshs(report) -> None:
    analysis = _last_refresh()
    top = dashboard_sheet.SUMMARY_TOP
    grid = report.cells[layout.DASHBOARD_SHEET]
    header = grid[top][:7]
    assert header == list(analysis.summary.columns)
    for offset, row in enumerate(analysis.summary.itertuples(index=False), start=1):
        shown = grid[top + offset][:7]
        assert shown[0] == row[0]
        assert shown[1:] == pytest.approx([float(v) for v in row[1:]], rel=1e-12)
    budget = grid[dashboard_sheet.BUDGET_TOP : dashboard_sheet.BUDGET_TOP + 6]
    assert budget[0][:6] == list(analysis.budget.columns)
    assert budget[4][0] == "New business" and budget[4][1] == ""  # blank stays blank
    assert budget[5][4] == pytest.approx(float(layout.BUDGET_TOTAL.default))
    migration = grid[dashboard_sheet.MIGRATION_TOP + 1]
    assert migration[1:4] == [float(v) for v in analysis.migration.iloc[0, :3]]


def test_windows_formulas_stay_live_first(refreshed: Path) -> None:
    """Where the functions run, the live formulas win: IF(probe, live, refreshed)."""
    sheet = openpyxl.load_workbook(refreshed)[layout.DASHBOARD_SHEET]
    probe = cell_name(*dashboard_sheet.LIVE_CELL)
    assert sheet[probe].value == dashboard_sheet.LIVE_FORMULA
    row, col = dashboard_figure("dashboard_kpis")
    gini = sheet["B9"].value
    refreshed_gini = f"'Analysis'!${chr(65 + col + 1)}${row + 3}"  # Gini: the third figure
    assert gini == (
        f"=IF(${probe[0]}${probe[1:]},PARETO_GINI(Clients[Revenue]),"
        f'IF({refreshed_gini}="","",{refreshed_gini}))'  # an empty cell is blank, not 0
    )
    summary = sheet.cell(dashboard_sheet.SUMMARY_TOP + 1, 1).value
    assert summary.text.startswith(f"=IF(${probe[0]}${probe[1:]},PARETO_SUMMARY(")
    assert sheet.cell(dashboard_sheet.SUMMARY_TOP + 1, 1).value.ref == "A14:G18"


def test_the_dashboard_renders_numbers(refreshed: Path, tmp_path: Path) -> None:
    pdf = render_pdf(refreshed, tmp_path, sheets=[layout.DASHBOARD_SHEET])
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert not ERRORS.search(text), text
    revenue = _last_refresh().summary["Revenue"].iloc[-1]
    assert f"{revenue:,.2f}" in text  # the refreshed total revenue, in the Tiers table
    assert "can't run here" in text
    pages = pdf_to_pngs(pdf, tmp_path)
    assert pages and np.asarray(read_png(pages[0])).size


def test_the_probe_is_a_number_where_the_functions_run() -> None:
    """Windows: the probe's call, made the way xlwings makes it, returns the number 1."""
    from engine_xlwings import call_like_xlwings

    assert dashboard_sheet.LIVE_FORMULA == "=IFERROR(ISNUMBER(PARETO_RANK(1,1)),FALSE)"
    assert call_like_xlwings("PARETO_RANK", 1.0, 1.0) == [[1]]  # one cell holding 1
