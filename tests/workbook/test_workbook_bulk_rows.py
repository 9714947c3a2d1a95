"""Large ParetoTables: the bulk-written body equals what XlsxWriter writes cell by cell."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.escape import unescape

import xlpareto
from xlpareto import layout
from xlpareto.layout.analysis_sheet import CUTOFF_TABLE_NAME, TABLE_NAME
from xlpareto.workbook import WORKBOOK_OPTIONS, add_analysis_sheet, assemble, bulk_rows

ROWS = bulk_rows.BULK_ROWS + 700
SPECIAL_NAMES = [
    "=1+1",
    "+CMD|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    "Smith & <Sons>",
    "  padded  ",
    "bell\x07char",
    "Zürich Café €",
]


def _analysis() -> xlpareto.Analysis:
    rng = np.random.default_rng(3)
    names = [f"Client {i}" for i in range(ROWS)]
    revenue = np.round(rng.pareto(1.1, ROWS) * 1000 + 1, 2)
    revenue[:: len(SPECIAL_NAMES)] = 0.0  # some zero revenues (lost clients)
    prior = np.round(revenue * rng.lognormal(0, 0.3, ROWS), 2)
    prior[::7] = np.nan  # new clients
    for index, name in enumerate(SPECIAL_NAMES):
        names[index * 611] = name
    return xlpareto.analyze(names, revenue, prior, budget=250_000)


def _package(analysis: xlpareto.Analysis) -> bytes:
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, **WORKBOOK_OPTIONS})
    written = add_analysis_sheet(book, analysis, stamp="stamp")
    book.close()
    return assemble(book.filename.getvalue(), written.deferred)  # splices the deferred body


def test_the_packaging_step_writes_the_body(tmp_path: Path) -> None:
    path = tmp_path / "on_disk.xlsx"
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    written = add_analysis_sheet(book, _analysis(), stamp="stamp")
    book.close()
    # the bodies are left to the packaging step: the table's, the cutoff lines' helper table's
    assert [d.table_name for d in written.deferred] == [TABLE_NAME, CUTOFF_TABLE_NAME]
    path.write_bytes(assemble(buffer.getvalue(), written.deferred))
    sheet = openpyxl.load_workbook(path, read_only=True)[layout.ANALYSIS_SHEET]
    top = layout.ANALYSIS_TABLE_TOP_LEFT[0] + 2  # first data row (1-based)
    clients = [
        row[0] for row in sheet.iter_rows(min_row=top, min_col=2, max_col=2, values_only=True)
    ]
    assert len(clients) == ROWS and all(clients)  # every client row is in the file


@pytest.fixture(scope="module")
def both() -> tuple[bytes, bytes]:
    analysis = _analysis()
    bulk = _package(analysis)
    original = bulk_rows.BULK_ROWS
    bulk_rows.BULK_ROWS = 10**9  # the cell-by-cell XlsxWriter path, for comparison
    try:
        import xlpareto.workbook.analysis_sheet as analysis_sheet

        analysis_sheet.BULK_ROWS = 10**9
        plain = _package(analysis)
    finally:
        bulk_rows.BULK_ROWS = original
        analysis_sheet.BULK_ROWS = original
    return bulk, plain


def _cells(package: bytes) -> dict[tuple[int, int], tuple]:
    book = openpyxl.load_workbook(io.BytesIO(package))
    sheet = book[layout.ANALYSIS_SHEET]
    # openpyxl undoes Excel's "_xHHHH_" escapes in shared strings but not in inline strings;
    # Excel undoes them in both, so compare what Excel shows.
    return {
        (cell.row, cell.column): (
            unescape(cell.value) if isinstance(cell.value, str) else cell.value,
            cell.data_type,
            cell.number_format,
        )
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None or cell.has_style
    }


def test_bulk_path_is_used_and_package_differs(both: tuple[bytes, bytes]) -> None:
    bulk, plain = both
    assert bulk != plain
    names = zipfile.ZipFile(io.BytesIO(bulk)).namelist()
    sheet = zipfile.ZipFile(io.BytesIO(bulk)).read("xl/worksheets/sheet1.xml")
    assert b't="inlineStr"' in sheet  # the body really came from the bulk writer
    assert names == zipfile.ZipFile(io.BytesIO(plain)).namelist()


def test_every_cell_value_type_and_format_equal(both: tuple[bytes, bytes]) -> None:
    bulk, plain = both
    bulk_cells, plain_cells = _cells(bulk), _cells(plain)
    assert bulk_cells.keys() == plain_cells.keys()
    differences = [key for key in plain_cells if bulk_cells[key] != plain_cells[key]]
    assert differences == []


def test_escapes_match_xlsxwriter() -> None:
    """Text escaped as XlsxWriter escapes shared strings (Excel reads both back the same)."""
    xml = "".join(bulk_rows.render_column(["_x0041_ & <b>", "bell\x07", " x "], "B", 5, ""))
    assert "_x005F_x0041_ &amp; &lt;b&gt;" in xml
    assert "bell_x0007_" in xml
    assert '<t xml:space="preserve"> x </t>' in xml


def test_formula_like_names_stay_text(both: tuple[bytes, bytes]) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(both[0]))[layout.ANALYSIS_SHEET]
    client_col = layout.ANALYSIS_COLUMNS.index("Client") + 1
    seen = {}
    for row in sheet.iter_rows(min_row=6, min_col=client_col, max_col=client_col):
        seen[row[0].value] = row[0].data_type
    for name in ("=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")'):
        assert seen[name] == "s"


def test_table_and_dimension_cover_all_rows(both: tuple[bytes, bytes]) -> None:
    package = zipfile.ZipFile(io.BytesIO(both[0]))
    last = layout.ANALYSIS_TABLE_TOP_LEFT[0] + 1 + ROWS
    table = ET.fromstring(package.read("xl/tables/table1.xml"))
    assert table.get("ref") == f"A4:J{last}"
    assert table.find("{*}autoFilter").get("ref") == f"A4:J{last}"
    sheet = ET.fromstring(package.read("xl/worksheets/sheet1.xml"))  # well-formed XML
    assert sheet.find("{*}dimension").get("ref").endswith(str(last))
    numbers = [int(row.get("r")) for row in sheet.find("{*}sheetData")]
    assert numbers == sorted(set(numbers))  # rows in order, none duplicated


def test_libreoffice_reads_the_bulk_body(both: tuple[bytes, bytes], libreoffice, tmp_path: Path):
    path = tmp_path / "bulk.xlsx"
    path.write_bytes(both[0])
    report = libreoffice.inspect_workbook(path, sheets_to_read=[layout.ANALYSIS_SHEET])
    plain = openpyxl.load_workbook(io.BytesIO(both[1]))[layout.ANALYSIS_SHEET]
    last = layout.ANALYSIS_TABLE_TOP_LEFT[0] + 1 + ROWS
    for row in (5, 6, 4000, last):
        for column in "ABCEF":
            assert report.value(layout.ANALYSIS_SHEET, f"{column}{row}") == pytest.approx(
                plain[f"{column}{row}"].value
            )


def test_rows_rendered_in_blocks_by_threads_are_the_rows_rendered_at_once() -> None:
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, **WORKBOOK_OPTIONS})
    written = add_analysis_sheet(book, _analysis(), stamp="stamp")
    book.close()
    xml = zipfile.ZipFile(book.filename).read("xl/worksheets/sheet1.xml")

    def sheet(chunk_rows: int) -> bytes:
        chunks = bulk_rows.sheet_chunks(xml, written.deferred, chunk_rows)
        return b"".join(bytes(chunk) for chunk in chunks)

    whole = sheet(10**9)  # one block
    assert whole.count(b"<row ") > ROWS
    assert sheet(97) == whole  # over a hundred blocks, two rendered at a time, in order
