"""The template and a ``new_workbook`` file in LibreOffice: modules, compile, values, renders.

LibreOffice is the independent real spreadsheet program (no Excel on our machines). These
tests fail, never skip, when it is missing.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from libreoffice import (
    inspect_workbook,
    module_code_lines,
    pdf_to_pngs,
    read_png,
    render_pdf,
    require_libreoffice,
)

from xlpareto import layout
from xlpareto.layout.analysis_sheet import DEFAULT_CUTOFF_HEADERS
from xlpareto.layout.charts import TIER_BAR_COLOURS
from xlpareto.workbook import builder, new_workbook
from xlpareto.workbook.chart import COLUMN_COLOUR, LINE_COLOUR
from xlpareto.workbook.vba.packager import stored_source
from xlpareto.workbook.vba_sources import vba_modules

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"
# Modules with xlwings' conditional compilation cannot compile in LibreOffice (it compiles
# both branches of #If); they are checked for presence and content only.
NOT_COMPILABLE = ("xlwings", "Dictionary")
COMPILABLE = [m.name for m in vba_modules() if m.name not in NOT_COMPILABLE]


@pytest.fixture(scope="module", autouse=True)
def libreoffice() -> None:
    require_libreoffice()


@pytest.fixture(scope="module")
def user_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = pd.DataFrame(
        {
            layout.CLIENT_COLUMN: ["=1+1", "@SUM(A1)", "Plain Ltd", "Other BV"],
            layout.REVENUE_COLUMN: [500.0, 300.0, 150.0, 50.0],
            layout.PRIOR_COLUMN: [400.0, None, 100.0, 80.0],
        }
    )
    return new_workbook(tmp_path_factory.mktemp("lo") / "mine.xlsm", data=data)


def _check_modules(path: Path, sheets: list[str]):
    report = inspect_workbook(path, compile_modules=COMPILABLE, sheets_to_read=sheets)
    modules = vba_modules()
    assert sorted(report.basic_modules["VBAProject"]) == sorted(m.name for m in modules)
    assert report.compiled is True, report.compile_error
    for module in modules:
        seen = module_code_lines(report.module_sources[module.name])
        assert seen == module_code_lines(stored_source(module)), module.name
    assert "Function RunPython" in report.module_sources["xlwings"]
    return report


def test_template_opens_compiles_and_recalculates() -> None:
    report = _check_modules(TEMPLATE, [layout.DASHBOARD_SHEET, layout.ANALYSIS_SHEET])
    assert report.sheets == list(layout.SHEETS)
    assert report.value(layout.DASHBOARD_SHEET, "B5") == 200  # =COUNT(Clients[Revenue])
    assert report.value(layout.DASHBOARD_SHEET, "B11") == pytest.approx(0.13023533714378716)
    assert report.value(layout.ANALYSIS_SHEET, "A5") == 1
    assert report.value(layout.ANALYSIS_SHEET, "B5") == "Zenith Clinic BV"


def test_new_workbook_opens_compiles_and_keeps_names_as_text(user_book: Path) -> None:
    report = _check_modules(user_book, [layout.CLIENTS_SHEET, layout.ANALYSIS_SHEET])
    assert report.value(layout.CLIENTS_SHEET, "A2") == "=1+1"
    assert report.value(layout.CLIENTS_SHEET, "A3") == "@SUM(A1)"
    assert report.value(layout.ANALYSIS_SHEET, "B5") == "=1+1"
    assert report.value(layout.ANALYSIS_SHEET, "C5") == 500


def _chart_pages(path: Path, out: Path) -> list[Path]:
    """Pages of the Analysis render that show the chart's bar (plain or tier) and line
    colours."""
    pages = pdf_to_pngs(render_pdf(path, out, sheets=[layout.ANALYSIS_SHEET]), out, dpi=120)
    assert pages

    def near(pixels: np.ndarray, colour: str) -> int:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(pixels[..., :3].astype(int) - rgb).max(axis=-1) <= 30).sum())

    found = []
    for page in pages:
        pixels = read_png(page)
        bars = sum(near(pixels, c) for c in (COLUMN_COLOUR, *TIER_BAR_COLOURS[:2]))
        if bars >= 40 and near(pixels, LINE_COLOUR) >= 40:  # the page is one wide: smaller
            found.append(page)
    return found


def test_analysis_renders_with_the_chart(tmp_path: Path) -> None:
    assert _chart_pages(TEMPLATE, tmp_path)


def test_chart_detection_fails_without_the_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("xlpareto.workbook.analysis_sheet.add_pareto_chart", lambda *a: None)
    no_chart = tmp_path / "no_chart.xlsm"
    no_chart.write_bytes(builder.workbook_bytes())
    assert not _chart_pages(no_chart, tmp_path)


def test_new_workbook_analysis_renders_with_the_chart(user_book: Path, tmp_path: Path) -> None:
    assert _chart_pages(user_book, tmp_path)


def test_dashboard_renders(tmp_path: Path) -> None:
    pdf = render_pdf(TEMPLATE, tmp_path, sheets=[layout.DASHBOARD_SHEET])
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("Dashboard", "Key figures", "Tiers", "Budget split", "3,152,693.57"):
        assert expected in text
    assert pdf_to_pngs(pdf, tmp_path)


def test_chart_without_cached_points_still_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large tables get series without cached points; the chart must still be drawn."""
    monkeypatch.setattr("xlpareto.workbook.chart.CACHE_LIMIT", 0)
    uncached = tmp_path / "uncached.xlsm"
    uncached.write_bytes(builder.workbook_bytes())
    with zipfile.ZipFile(uncached) as package:
        chart = package.read("xl/charts/chart1.xml").decode()
    values = chart.split("<c:val>")[1:]
    series = 2 + len(DEFAULT_CUTOFF_HEADERS)  # revenue, cumulative share, the cutoff lines
    assert len(values) == series and not any("<c:pt " in v.split("</c:val>")[0] for v in values)
    categories = [c.split("</c:cat>")[0] for c in chart.split("<c:cat>")[1:]]
    # the names stay a text reference with only the first name cached, not the whole column
    assert categories and all("<c:strRef>" in c and c.count("<c:pt ") == 1 for c in categories)
    assert _chart_pages(uncached, tmp_path)
