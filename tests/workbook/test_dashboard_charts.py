"""The Dashboard at a glance: the key figures' block, headers over their numbers, the two
native charts (the Pareto chart bound to the Analysis sheet's ParetoTable, the budget split
over the Dashboard's budget table) and the one-page print; rendered in LibreOffice against a
chart-less control."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto import layout
from xlpareto.workbook import builder
from xlpareto.workbook.dashboard_sheet import (
    BUDGET_TOP,
    KPI_TOP,
    KPIS,
    MIGRATION_TOP,
    SUMMARY_TOP,
)

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"


def _dashboard(data: bytes | Path):
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return openpyxl.load_workbook(source)[layout.DASHBOARD_SHEET]


def _charts(sheet) -> dict[str, object]:
    return {type(chart).__name__: chart for chart in sheet._charts}


def test_two_native_charts_bound_to_the_pareto_table_and_the_budget_table() -> None:
    sheet = _dashboard(TEMPLATE)
    charts = _charts(sheet)
    assert set(charts) == {"BarChart", "DoughnutChart"}
    pareto = charts["BarChart"]
    assert [type(c).__name__ for c in pareto._charts] == ["BarChart", "LineChart"]
    clients = openpyxl.load_workbook(TEMPLATE)[layout.ANALYSIS_SHEET]
    references = [s.val.numRef.f for c in pareto._charts for s in c.series]
    assert all(r.startswith(f"'{layout.ANALYSIS_SHEET}'!") for r in references)
    rows = {int(r.rsplit("$", 1)[1]) for r in references}
    assert len(rows) == 1  # both series end on the same row: the ParetoTable's last
    last = rows.pop()
    assert clients.cell(last, 2).value and not clients.cell(last + 1, 2).value
    (budget,) = charts["DoughnutChart"].series
    segments = budget.cat.strRef.f.split("!")[1].replace("$", "").split(":")
    first, end = (int(cell[1:]) for cell in segments)
    assert budget.val.numRef.f.startswith(f"{layout.DASHBOARD_SHEET}!$E$")
    labels = [sheet.cell(r, 1).value for r in range(first, end + 1)]
    assert labels == ["A clients", "B clients", "C clients", "New business"]  # no Total
    assert sheet.cell(first - 1, 5).value == "Budget"


def test_charts_sit_under_the_tables_side_by_side() -> None:
    sheet = _dashboard(TEMPLATE)
    anchors = sorted((c.anchor._from.row, c.anchor._from.col) for c in sheet._charts)
    last_table_row = max(r for r in range(1, 80) if sheet.cell(r, 1).value is not None)
    assert all(row >= last_table_row for row, _ in anchors)  # zero-based: below the last row
    assert len({row for row, _ in anchors}) == 1 and anchors[0][1] < anchors[1][1]


def test_number_headers_are_right_aligned_over_their_numbers() -> None:
    sheet = _dashboard(TEMPLATE)
    for top in (SUMMARY_TOP, BUDGET_TOP, MIGRATION_TOP):
        header_row = top + 1
        columns = [c for c in range(2, 8) if sheet.cell(header_row, c).value is not None]
        assert len(columns) >= 4
        for column in columns:
            assert sheet.cell(header_row, column).alignment.horizontal == "right", (top, column)
            assert isinstance(sheet.cell(header_row + 1, column).value, (int, float, str))
        assert sheet.cell(header_row, 1).alignment.horizontal in (None, "general", "left")


def test_key_figures_are_one_tidy_block_of_big_numbers() -> None:
    sheet = _dashboard(TEMPLATE)
    cells = [sheet.cell(KPI_TOP + 1 + i, 2) for i in range(len(KPIS))]
    assert [c.number_format for c in cells] == [k.number_format for k in KPIS]
    assert all(c.font.b and c.font.sz > 11 for c in cells)
    v2 = [sheet.cell(KPI_TOP + 1 + i, 7) for i in range(len(KPIS))]
    assert all(c.font.b and c.font.sz == cells[0].font.sz for c in v2 if c.value is not None)


def test_prints_on_one_page() -> None:
    sheet = _dashboard(TEMPLATE)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight in (None, 1)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.floats(1, 1e6, allow_nan=False), min_size=1, max_size=300))
def test_the_pareto_chart_follows_the_client_count(revenues) -> None:
    data = pd.DataFrame(
        {
            layout.CLIENT_COLUMN: [f"c{i}" for i in range(len(revenues))],
            layout.REVENUE_COLUMN: revenues,
        }
    )
    sheet = _dashboard(builder.workbook_bytes(data=data))
    pareto = _charts(sheet)["BarChart"]
    header = 4  # ParetoTable's header row on Analysis (1-based)
    for series in (s for c in pareto._charts for s in c.series):
        assert series.val.numRef.f.endswith(f"${header + len(revenues)}")


def _chartless(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    monkeypatch.setattr("xlpareto.workbook.dashboard_sheet.add_chart", lambda *a, **k: None)
    monkeypatch.setattr("xlpareto.workbook.dashboard_sheet._add_budget_chart", lambda *a: None)
    path.write_bytes(builder.workbook_bytes())
    return path


def test_rendered_dashboard_shows_its_charts_figures_and_no_hashes(
    tmp_path: Path, libreoffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libreoffice.images import coloured_pixel_count

    pdf = libreoffice.render_pdf(TEMPLATE, tmp_path / "with", sheets=[layout.DASHBOARD_SHEET])
    pages = libreoffice.pdf_to_pngs(pdf, tmp_path / "with")
    assert len(pages) == 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "###" not in text
    for expected in ("Key figures", "Tiers", "Budget split", "Tier migration", "3,152,693.57"):
        assert expected in text
    assert "Pareto chart" in text  # the chart's title, drawn
    control = _chartless(monkeypatch, tmp_path / "chartless.xlsm")
    plain = libreoffice.render_pdf(control, tmp_path / "without", sheets=[layout.DASHBOARD_SHEET])
    (plain_page,) = libreoffice.pdf_to_pngs(plain, tmp_path / "without")
    assert (
        "Pareto chart"
        not in subprocess.run(
            ["pdftotext", str(plain), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert coloured_pixel_count(pages[0]) > coloured_pixel_count(plain_page) + 2000
