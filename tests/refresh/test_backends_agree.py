"""One description, three backends: XlsxWriter, the bulk writer and xlwings write the same
cells (value, type, number format; widths where the backend has them) for one content – for
every output sheet: Analysis (with and without Cost and Profit), Growth, Profit, Pipeline.

The xlwings side writes over a book that shows another analysis (the stand-in book for the
Analysis sheet, the template for the others, whose Profit and Pipeline sheets hold only
their one-line notes and the Analysis sheet no Cost and Profit columns), so stale cells
would show as differences."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
import xlsxwriter
from money_cases import full_analysis
from openpyxl.utils.escape import unescape
from test_macros_support import TEMPLATE, stand_in_workbook
from xlwings_memory import MODES, book_snapshot, load_workbook_into_memory, script_run

import xlpareto
from xlpareto import layout
from xlpareto.layout.analysis_content import SheetContent, analysis_content
from xlpareto.layout.money_content import money_contents
from xlpareto.layout.output_sheet import column_widths
from xlpareto.layout.sheets import column_letter
from xlpareto.refresh.writer import write_analysis
from xlpareto.workbook import WORKBOOK_OPTIONS, Formats, assemble
from xlpareto.workbook import analysis_sheet as xlsx_backend

NAMES = ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", "007", "Smith & <Sons>", "  pad  "]
Cell = tuple[str, Any, str]  # (type "s"/"n", value, number format)


CASES = ["analysis", "analysis with profit", "Growth", "Profit", "Pipeline"]


def _analysis_content() -> SheetContent:
    rng = np.random.default_rng(5)
    count = 260
    names = [f"Client {i}" for i in range(count)]
    names[: len(NAMES)] = NAMES
    revenue = np.round(rng.pareto(1.2, count) * 1000 + 1, 2)
    revenue[::13] = 0.0
    prior = np.round(revenue * rng.lognormal(0, 0.4, count), 2)
    prior[::9] = np.nan
    analysis = xlpareto.analyze(names, revenue, prior, budget=50_000)
    return analysis_content(analysis, "Last refreshed 2026-02-01 10:00", "2026-02-01 10:00")


@pytest.fixture(scope="module", params=CASES)
def content(request: pytest.FixtureRequest) -> SheetContent:
    if request.param == "analysis":
        return _analysis_content()
    analysis = full_analysis(budget=60_000, spend_existing=30_000.0)
    if request.param == "analysis with profit":
        return analysis_content(analysis, "Last refreshed 2026-02-01 10:00", "2026-02-01 10:00")
    contents = money_contents(analysis, "Last refreshed 2026-02-01 10:00", 0.75)
    return next(c for c in contents if c.spec.name == request.param)


def _xlsxwriter_package(content: SheetContent, bulk_rows: int) -> bytes:
    original = xlsx_backend.BULK_ROWS
    xlsx_backend.BULK_ROWS = bulk_rows
    try:
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
        written = xlsx_backend.render_sheet(book, content, Formats(book))
        book.close()
    finally:
        xlsx_backend.BULK_ROWS = original
    assert bool(written.deferred) == (content.table.length > bulk_rows)
    return assemble(buffer.getvalue(), written.deferred)


def _openpyxl_cells(
    package: bytes, name: str
) -> tuple[dict[tuple[int, int], Cell], dict[str, float]]:
    sheet = openpyxl.load_workbook(io.BytesIO(package))[name]
    cells = {}
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if value is None:
                if cell.has_style:
                    cells[(cell.row - 1, cell.column - 1)] = ("blank", None, cell.number_format)
                continue
            if isinstance(value, str):  # openpyxl leaves "_xHHHH_" escapes in inline strings
                cells[(cell.row - 1, cell.column - 1)] = ("s", unescape(value), cell.number_format)
            else:
                cells[(cell.row - 1, cell.column - 1)] = ("n", float(value), cell.number_format)
    widths = {
        column_letter(col - 1): dimension.width
        for dimension in sheet.column_dimensions.values()
        if dimension.customWidth
        for col in range(dimension.min, dimension.max + 1)  # a <col> element spans columns
    }
    return cells, widths


def _xlwings_cells(content: SheetContent, tmp_path: Path, mode: str) -> dict[tuple[int, int], Cell]:
    """Refresh a book whose sheet shows another analysis with ``content`` (in ``mode``)."""
    name = content.spec.name
    if name == layout.ANALYSIS_SHEET:
        source = stand_in_workbook(tmp_path / "before.xlsx")
    else:
        source = TEMPLATE
    book = load_workbook_into_memory(source, mode=mode)
    with script_run(book):  # remote mode: what the host has after the script
        write_analysis(book, content)
    cells = {}
    for key, (value, formula, _, number_format) in book_snapshot(book)[name].items():
        assert formula is None, key
        if value is None:
            cells[key] = ("blank", None, number_format)
        elif isinstance(value, str):
            cells[key] = ("s", value, number_format)
        else:
            cells[key] = ("n", float(value), number_format)
    return cells


@pytest.fixture(scope="module")
def files(content: SheetContent) -> dict:
    name = content.spec.name
    plain, plain_widths = _openpyxl_cells(_xlsxwriter_package(content, 10**9), name)
    bulk, bulk_widths = _openpyxl_cells(_xlsxwriter_package(content, 0), name)
    return {"plain": plain, "bulk": bulk, "widths": (plain_widths, bulk_widths)}


@pytest.fixture(scope="module", params=MODES)
def rendered(
    request: pytest.FixtureRequest,
    files: dict,
    content: SheetContent,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict:
    """The three backends' cells; xlwings on the in-memory engine's desktop and remote
    modes."""
    plain, bulk, (plain_widths, bulk_widths) = files["plain"], files["bulk"], files["widths"]
    xlwings = _xlwings_cells(content, tmp_path_factory.mktemp("xlwings"), request.param)
    return {
        "plain": plain,
        "bulk": bulk,
        "xlwings": xlwings,
        "widths": (plain_widths, bulk_widths),
    }


def _filled(cells: dict[tuple[int, int], Cell]) -> dict[tuple[int, int], Cell]:
    return {key: cell for key, cell in cells.items() if cell[0] != "blank"}


def _same_value(file_cell: Cell, xlwings_cell: Cell) -> bool:
    """Same type and value; the file keeps 16 significant digits of a float."""
    if file_cell[0] != xlwings_cell[0]:
        return False
    if file_cell[0] == "n":
        return xlwings_cell[1] == pytest.approx(file_cell[1], rel=1e-15, abs=1e-300)
    return file_cell[1] == xlwings_cell[1]


def test_xlsxwriter_and_bulk_write_identical_cells(rendered: dict) -> None:
    assert rendered["bulk"] == rendered["plain"]


def test_xlwings_writes_the_same_values_and_types(rendered: dict) -> None:
    plain, xlwings = _filled(rendered["plain"]), _filled(rendered["xlwings"])
    assert xlwings.keys() == plain.keys()
    differences = [key for key in plain if not _same_value(plain[key], xlwings[key])]
    assert differences == []


def test_xlwings_writes_the_same_number_formats(rendered: dict, content: SheetContent) -> None:
    """Identical everywhere, with one rule for text: table text columns are Text ("@") in
    every backend; a block's text cell is literal through XlsxWriter's ``write_string`` and
    through the Text format on xlwings (where a string would otherwise be parsed)."""
    plain, xlwings = rendered["plain"], rendered["xlwings"]
    body, headers = set(), set()
    for table in content.tables:
        top, left = table.spec.top_left
        width = table.spec.width
        headers |= {(top, left + c) for c in range(width)}
        body |= {
            (top + r, left + c) for r in range(1, max(table.length, 1) + 1) for c in range(width)
        }
    for key in body:  # every body cell, blanks too
        assert xlwings[key][2] == plain[key][2], key
    for key in headers:  # kept from the book, or written as Text where the refresh wrote it
        assert xlwings[key][2] in (plain[key][2], "@"), key
    body |= headers
    title = content.spec.title_cell  # written by the builder only; the refresh keeps it
    for key, (kind, _, number_format) in _filled(plain).items():
        if key in body or key == title:
            continue
        expected = "@" if kind == "s" else number_format
        assert xlwings[key][2] == expected, key


def test_widths_follow_the_description(rendered: dict, content: SheetContent) -> None:
    plain_widths, bulk_widths = rendered["widths"]
    assert plain_widths == bulk_widths
    for col, width in column_widths(content.spec).items():
        letter = column_letter(col)
        assert plain_widths[letter] == pytest.approx(width, abs=0.8), letter
