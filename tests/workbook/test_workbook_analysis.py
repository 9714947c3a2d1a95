"""The Analysis sheet: blocks as plain lists, literal client names, table and chart bindings."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
import xlsxwriter

import xlpareto
from xlpareto import layout
from xlpareto.data import sample_clients
from xlpareto.layout.analysis_content import analysis_blocks, analysis_table_rows
from xlpareto.workbook import WORKBOOK_OPTIONS, add_analysis_sheet, assemble
from xlpareto.workbook.chart import series_references

FORMULA_LIKE = ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']


def _sample_analysis(names: list[str] | None = None) -> xlpareto.Analysis:
    data = sample_clients()
    if names:
        data.loc[: len(names) - 1, layout.CLIENT_COLUMN] = names
    return xlpareto.analyze(
        data[layout.CLIENT_COLUMN],
        data[layout.REVENUE_COLUMN],
        data[layout.PRIOR_COLUMN],
        budget=100000,
    )


def _write(analysis: xlpareto.Analysis, options: dict | None = WORKBOOK_OPTIONS) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **(options or {})})
    written = add_analysis_sheet(book, analysis, stamp="Last refreshed: test")
    book.close()
    return assemble(buffer.getvalue(), written.deferred)


def test_table_rows_follow_layout_columns_with_plain_values() -> None:
    prior = [40, 30, 20, 0, 5]
    analysis = xlpareto.analyze(["a", "b", "c", "d", "e"], [50, 30, 10, 5, 5], prior, budget=1000)
    rows = analysis_table_rows(analysis)
    assert len(rows) == 5 and all(len(r) == len(layout.ANALYSIS_COLUMNS) for r in rows)
    no_prior = analysis_table_rows(xlpareto.analyze(["a", "b"], [5, 3]))
    assert all(len(r) == len(layout.ANALYSIS_COLUMNS) - 2 for r in no_prior)  # no Movement
    assert [r[layout.ANALYSIS_COLUMNS.index("Tier")] for r in rows] == ["A", "A", "B", "B", "B"]
    assert all(type(v) in (int, float, str) for row in rows for v in row)
    assert sum(r[layout.ANALYSIS_COLUMNS.index("Budget")] for r in rows) == pytest.approx(800)


def test_summary_block_has_metrics_tiers_budget_and_intake() -> None:
    analysis = xlpareto.analyze(["a", "b", "b", "c"], [50, 30, 20, None], budget=1000)
    summary = analysis_blocks(analysis, "stamp")[0]
    rows = summary.rows
    labels = [r[0] for r in rows]
    values = dict(rows)
    assert values["Clients"] == 2 and values["Revenue"] == 100
    assert values["Rows skipped"] == 1 and values["Duplicate rows merged"] == 1
    assert values["Budget: Total"] == 1000 and values["Last refreshed"] == "stamp"
    assert "A clients" in labels and "Gini coefficient" in labels
    assert len(summary.formats) == len(rows)
    assert "Last refreshed" not in dict(analysis_blocks(analysis, None)[0].rows)


def test_dashboard_figures_sit_in_their_fixed_slots() -> None:
    """The Dashboard's formulas point at these cells: each block at its slot, in its area."""
    blocks = analysis_blocks(_sample_analysis(), "stamp")
    area = layout.ANALYSIS.area("dashboard")
    figures = [b for b in blocks if b.name.startswith("dashboard_")]
    assert [b.name for b in figures] == [spec.name for spec in area.blocks]
    for block, spec in zip(figures, area.blocks, strict=True):
        assert block.top_left == area.block_top_left(spec.name)
        assert block.height <= spec.reserved_rows
        assert block.top_left[0] + block.height <= area.top_left[0] + area.rows
        assert block.top_left[1] + block.width <= area.top_left[1] + area.columns
    below_chart = layout.ANALYSIS.area("blocks")
    assert area.top_left[0] > below_chart.top_left[0] + below_chart.rows  # no overlap


def test_blocks_fit_the_reserved_summary_area() -> None:
    blocks = [
        b for b in analysis_blocks(_sample_analysis(), "stamp") if not b.name.startswith("dash")
    ]
    assert [b.name for b in blocks] == ["summary", "budget", "migration"]
    top = layout.ANALYSIS_SUMMARY_TOP_LEFT[0]
    left = layout.ANALYSIS_SUMMARY_TOP_LEFT[1]
    for block in blocks:
        assert block.top_left[0] + block.height <= top + layout.ANALYSIS_SUMMARY_ROWS
        assert left <= block.top_left[1]
        assert block.top_left[1] + block.width <= left + layout.ANALYSIS_AREA_COLUMNS
        assert [len(r) for r in block.rows] == [len(f) for f in block.formats]
    chart_last_row = 3 + layout.ANALYSIS_CHART_SIZE[0]
    assert blocks[1].top_left[0] >= chart_last_row  # under the chart, not behind it


@pytest.mark.parametrize("options", [WORKBOOK_OPTIONS, None])
def test_formula_like_client_names_stay_text(options: dict | None) -> None:
    data = _write(_sample_analysis(FORMULA_LIKE), options)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    book = openpyxl.load_workbook(io.BytesIO(data))
    names = [row[1].value for row in book[layout.ANALYSIS_SHEET].iter_rows(min_row=5)]
    assert set(FORMULA_LIKE) <= set(names)


def test_table_and_chart_are_bound_to_the_table_columns() -> None:
    analysis = _sample_analysis()
    data = _write(analysis)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[layout.ANALYSIS_SHEET]
    table = sheet.tables[layout.ANALYSIS_TABLE]
    assert table.ref == "A4:J204"
    assert [c.name for c in table.tableColumns] == list(layout.ANALYSIS_COLUMNS)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        chart = package.read("xl/charts/chart1.xml").decode()
    refs = series_references(200)
    for key in ("categories", "values", "line_values"):
        assert refs[key].lstrip("=") in chart
    assert "<c:barChart>" in chart and "<c:lineChart>" in chart
    assert re.search(r"<c:max val=\"1\"/>", chart) and re.search(r"<c:min val=\"0\"/>", chart)
