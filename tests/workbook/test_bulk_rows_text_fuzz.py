"""Fuzz: any client name the bulk writer streams reads back as XlsxWriter's cell-by-cell render."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.workbook import WORKBOOK_OPTIONS, assemble
from xlpareto.workbook.bulk_rows import DeferredBody
from xlpareto.workbook.cell_writer import write_cell

SPECIAL = st.sampled_from(
    ["=1+1", "+CMD", "-2", "@SUM(A1)", "&<>\"'", "_x0041_", " pad ", "\x07bell", "Zürich €"]
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF), max_size=300
)
NAMES = st.lists(
    st.one_of(SPECIAL, TEXT, st.floats(allow_nan=False, allow_infinity=False)),
    min_size=1,
    max_size=25,
)


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _read(package: bytes) -> dict[str, tuple[str | None, str]]:
    """Column B cells as (type, stored text): shared strings resolved, ``_xHHHH_`` escapes
    kept as stored (Excel decodes them the same way in shared and inline strings)."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        names = z.namelist()
        shared = (
            ["".join(si.itertext()) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
            if "xl/sharedStrings.xml" in names
            else []
        )
    cells = {}
    for c in sheet.iter(f"{{{NS['m']}}}c"):
        ref, kind = c.get("r"), c.get("t")
        if not ref.startswith("B"):
            continue
        if kind == "s":
            cells[ref] = ("str", shared[int(c.find("m:v", NS).text)])
        elif kind == "inlineStr":
            cells[ref] = ("str", "".join(c.find("m:is", NS).itertext()))
        else:
            cells[ref] = (kind, c.find("m:v", NS).text)
    return cells


@settings(max_examples=60, deadline=None)
@given(NAMES)
def test_bulk_body_reads_as_xlsxwriter_render(names: list[object]) -> None:
    reference = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, **WORKBOOK_OPTIONS})
    sheet = reference.add_worksheet()
    for row, name in enumerate(names):
        write_cell(sheet, row, 1, name, None)  # the XlsxWriter path's cell writer
    reference.close()
    bulk = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, **WORKBOOK_OPTIONS})
    bulk.add_worksheet().write_string(0, 0, "x")  # the sheet part exists
    bulk.close()
    body = DeferredBody("xl/worksheets/sheet1.xml", "none", 0, 1, [list(names)], [None])
    expected = _read(assemble(reference.filename.getvalue()))
    got = _read(assemble(bulk.filename.getvalue(), [body]))
    assert got == expected
