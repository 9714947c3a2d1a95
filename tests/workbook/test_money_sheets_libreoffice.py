"""Growth, Profit and Pipeline in LibreOffice: the sheets open with their values and each
native chart is drawn (the render with the chart shows its colours, the render without it
does not). These tests fail, never skip, when LibreOffice is missing."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import xlsxwriter
from libreoffice import inspect_workbook, pdf_to_pngs, read_png, render_pdf, require_libreoffice
from money_cases import full_analysis

from xlpareto import layout
from xlpareto.layout import growth_sheet, pipeline_sheet, profit_sheet
from xlpareto.workbook import (
    WORKBOOK_OPTIONS,
    Formats,
    add_analysis_sheet,
    add_money_sheets,
    assemble,
    builder,
)

#: Each sheet's chart colours that nothing else on the sheet uses.
CHART_COLOURS = {
    layout.GROWTH_SHEET: ("#70AD47", "#C00000"),  # increase and decrease columns
    layout.PROFIT_SHEET: ("#2E75B6", "#ED7D31"),  # the whale curve and the 100 % line
    layout.PIPELINE_SHEET: ("#2E75B6",),  # the funded budgets' bars
}
TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"


@pytest.fixture(scope="module", autouse=True)
def libreoffice() -> None:
    require_libreoffice()


def _report(path: Path) -> Path:
    analysis = full_analysis()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    formats = Formats(book)
    written = [add_analysis_sheet(book, analysis, stamp="stamp", formats=formats)]
    written += add_money_sheets(book, analysis, stamp="stamp", core_share=0.8, formats=formats)
    book.close()
    path.write_bytes(assemble(buffer.getvalue(), [b for s in written for b in s.deferred]))
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(tmp_path_factory.mktemp("lo_money") / "report.xlsx")


@pytest.fixture(scope="module")
def no_charts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    patch = pytest.MonkeyPatch()
    patch.setattr("xlpareto.workbook.analysis_sheet.add_pareto_chart", lambda *a: None)
    try:
        return _report(tmp_path_factory.mktemp("lo_money_plain") / "no_charts.xlsx")
    finally:
        patch.undo()


def _colour_pixels(path: Path, sheet: str, out: Path) -> list[int]:
    """Per colour of the sheet's chart: the pixels near it over the sheet's rendered pages."""
    pages = pdf_to_pngs(render_pdf(path, out, sheets=[sheet]), out, dpi=100)
    assert pages
    counts = []
    for colour in CHART_COLOURS[sheet]:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        total = 0
        for page in pages:
            pixels = read_png(page)[..., :3].astype(int)
            total += int((np.abs(pixels - rgb).max(axis=-1) <= 30).sum())
        counts.append(total)
    return counts


def test_the_sheets_open_with_their_values(report: Path) -> None:
    analysis = full_analysis()
    seen = inspect_workbook(report, sheets_to_read=list(layout.V2_OUTPUT_SHEETS))
    assert seen.sheets == [layout.ANALYSIS_SHEET, *layout.V2_OUTPUT_SHEETS]
    assert seen.value(layout.GROWTH_SHEET, "A4") == "Segment"
    assert seen.value(layout.GROWTH_SHEET, "B5") == analysis.bridge["Clients"].iloc[0]
    assert seen.value(layout.GROWTH_SHEET, "J9") == pytest.approx(analysis.metrics["nrr"])
    assert seen.value(layout.PROFIT_SHEET, "B5") == analysis.whale["Client"].iloc[0]
    assert seen.value(layout.PROFIT_SHEET, "N27") == 1
    names = analysis.pipeline.table["Prospect"].tolist()
    assert [seen.value(layout.PIPELINE_SHEET, f"B{5 + i}") for i in range(len(names))] == names
    for sheet in layout.V2_OUTPUT_SHEETS:
        text = [str(v) for row in seen.cells[sheet] for v in row]
        assert not any(v.startswith("#") and v.endswith(("!", "?", "A")) for v in text)


@pytest.mark.parametrize("sheet", layout.V2_OUTPUT_SHEETS)
def test_each_chart_renders(report: Path, no_charts: Path, sheet: str, tmp_path: Path) -> None:
    with_chart = _colour_pixels(report, sheet, tmp_path / "with")
    without = _colour_pixels(no_charts, sheet, tmp_path / "without")
    assert all(count >= 150 for count in with_chart), (with_chart, without)
    assert all(count < 20 for count in without), (with_chart, without)


def test_the_templates_growth_chart_renders(tmp_path: Path) -> None:
    counts = _colour_pixels(TEMPLATE, layout.GROWTH_SHEET, tmp_path)
    assert all(count >= 150 for count in counts), counts
    seen = inspect_workbook(TEMPLATE, sheets_to_read=list(layout.V2_OUTPUT_SHEETS))
    assert seen.value(layout.PROFIT_SHEET, "A3") in ("", None)  # the sample has costs: no note
    assert seen.value(layout.GROWTH_SHEET, "A4") == growth_sheet.BRIDGE_COLUMNS[0].header
    assert seen.value(layout.PIPELINE_SHEET, "B4") == pipeline_sheet.PLAN_COLUMNS[1].header
    assert seen.value(layout.PROFIT_SHEET, "F4") == profit_sheet.SHARE_COLUMN
    assert builder.SETTING_SPEND_NAMES == ("SpendExisting", "SpendNew")
