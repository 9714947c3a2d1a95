"""Output sheets as data: derived positions, a wider table, thin import surfaces."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

import xlpareto
from xlpareto import layout
from xlpareto.engine.columns import ANALYSIS_COLUMNS as ENGINE_COLUMNS
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.analysis_content import analysis_content
from xlpareto.layout.output_sheet import SheetSpec
from xlpareto.layout.sheets import OutputColumn, cell_name, column_letter
from xlpareto.workbook import WORKBOOK_OPTIONS, Formats, assemble
from xlpareto.workbook.analysis_sheet import render_sheet

ROOT = Path(__file__).resolve().parents[2]
EXTRA = (
    OutputColumn("Cost", "number", layout.CURRENCY_FORMAT, 12),
    OutputColumn("Profit", "number", layout.CURRENCY_FORMAT, 12),
)


def _rectangles(spec: SheetSpec) -> dict[str, tuple[int, int, int, int]]:
    """(first row, first col, last row, last col) of every part of the sheet."""
    table = spec.table
    parts = {"table": (*table.top_left, 1_048_575, table.last_column)}
    for area in spec.areas:
        top, left = area.top_left
        parts[area.name] = (top, left, top + area.rows - 1, left + area.columns - 1)
    for chart in spec.charts:
        top, left = chart.top_left
        parts[chart.name] = (top, left, top + chart.height - 1, left + chart.width - 1)
    return parts


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def test_derived_positions_are_todays() -> None:
    spec = layout.ANALYSIS
    assert spec.table.headers == ENGINE_COLUMNS  # the engine names the columns
    assert cell_name(*spec.table.top_left) == "A4"
    assert cell_name(*spec.area("summary").top_left) == "L4"
    assert spec.chart(layout.CHART_NAME).anchor == "O4"
    assert cell_name(*spec.area("blocks").top_left) == "O25"
    assert layout.ANALYSIS_SUMMARY_TOP_LEFT == (3, 11)
    assert layout.ANALYSIS_BLOCKS_TOP_LEFT == (24, 14)
    assert layout.ANALYSIS_CHART_SIZE == (20, 9) and layout.ANALYSIS_AREA_COLUMNS == 12
    assert (cell_name(*spec.title_cell), layout.ANALYSIS_STAMP_CELL) == ("A1", "A2")


def test_no_part_overlaps_another() -> None:
    for spec in (layout.ANALYSIS, described.describe(described.COLUMNS + EXTRA)):
        parts = list(_rectangles(spec).items())
        for i, (name, box) in enumerate(parts):
            for other, other_box in parts[i + 1 :]:
                assert not _overlaps(box, other_box), (name, other)


def test_two_more_table_columns_move_everything_right_of_the_table() -> None:
    wide = described.describe(described.COLUMNS + EXTRA)
    narrow = layout.ANALYSIS
    assert wide.table.last_column == narrow.table.last_column + 2
    for name in ("summary", "blocks"):
        (top, left), (old_top, old_left) = wide.area(name).top_left, narrow.area(name).top_left
        assert (top, left) == (old_top, old_left + 2)
    assert wide.chart(layout.CHART_NAME).anchor == "Q4"
    assert wide.area("summary").top_left[1] == wide.table.last_column + 2  # one blank column


def test_a_wider_table_renders_where_its_description_says(tmp_path: Path) -> None:
    analysis = xlpareto.analyze(["a", "b", "c"], [5, 3, 1], budget=900)
    analysis.table["Cost"] = [1.0, 2.0, 3.0]  # as an engine returning costs would
    analysis.table["Profit"] = analysis.table["Revenue"] - analysis.table["Cost"]
    spec = described.describe(described.COLUMNS + EXTRA)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    written = render_sheet(book, analysis_content(analysis, "stamp", spec=spec), Formats(book))
    book.close()
    data = assemble(buffer.getvalue(), written.deferred)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[layout.ANALYSIS_SHEET]
    assert sheet.tables[layout.ANALYSIS_TABLE].ref == "A4:L7"
    assert [sheet.cell(4, c).value for c in (11, 12)] == ["Cost", "Profit"]
    assert sheet.cell(5, 12).value == 4.0 and sheet.cell(5, 12).number_format == "#,##0.00"
    summary_col = column_letter(wide_summary := spec.area("summary").top_left[1])
    assert sheet[f"{summary_col}4"].value == "Summary" and wide_summary == 13
    assert sheet["Q25"].value == "Budget split"
    assert sheet.column_dimensions["N"].width > 30  # the summary's label column
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        drawing = package.read("xl/drawings/drawing1.xml").decode()
        chart = package.read("xl/charts/chart1.xml").decode()
    assert "<xdr:col>16</xdr:col>" in drawing  # anchored at column Q
    assert "'Analysis'!$C$5:$C$7" in chart and "'Analysis'!$E$5:$E$7" in chart


def _loaded_by_a_fresh_import(module: str, test: str) -> list[str]:
    """The modules a new Python has loaded after ``import module`` for which the
    expression ``test`` (of ``m``, a module's name) is true."""
    code = (
        f"import sys, json; import {module}; "
        f"print(json.dumps([m for m in sorted(sys.modules) if {test}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_the_macros_load_neither_the_builder_nor_xlsxwriter() -> None:
    test = "m.split('.')[0] == 'xlsxwriter' or m.startswith('xlpareto.workbook')"
    assert _loaded_by_a_fresh_import("xlpareto.macros", test) == []


def test_the_report_writer_loads_neither_the_template_builder_nor_xlwings() -> None:
    test = "m in ('xlpareto.workbook.builder', 'xlwings')"
    assert _loaded_by_a_fresh_import("xlpareto.workbook.report", test) == []
    assert _loaded_by_a_fresh_import("xlpareto.workbook.builder", test) != []  # the test works


def test_every_name_of_the_workbook_package_is_its_modules_own() -> None:
    import importlib

    import xlpareto.workbook as workbook

    for name in workbook.__all__:
        module = importlib.import_module(f"xlpareto.workbook.{workbook._MODULES[name]}")
        assert getattr(workbook, name) is getattr(module, name)
    assert sorted(workbook.__all__) == sorted(workbook._MODULES)
    with pytest.raises(AttributeError, match="no attribute 'build'"):
        workbook.build  # noqa: B018 - the attribute access is the test
