"""The headless LibreOffice harness itself: modules, canary compile check, recalculation, render.

Real files only: xlwings' ``quickstart_standalone.xlsm`` (the VBA project xlwings ships with
its standalone modules; rewritten by another library when xlwings builds it, not saved by
Excel) and small workbooks written here with XlsxWriter. Every test needing LibreOffice fails
(not skips) when it is missing.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
import xlsxwriter
import xlwings
from hypothesis import given, settings
from hypothesis import strategies as st
from libreoffice import (
    LibreOfficeError,
    a1_to_position,
    coloured_pixel_count,
    module_code_lines,
    png_has_chart_like_content,
    read_png,
)
from oletools.olevba import VBA_Parser

from xlpareto.workbook.vba import VbaModule, build_vba_project

QUICKSTART = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
QUICKSTART_MODULES = {"Dictionary", "Module1", "Sheet1", "Sheet2", "ThisWorkbook", "xlwings"}
# Modules of the quickstart that LibreOffice can compile (no #If with clashing branches).
QUICKSTART_COMPILABLE = ["Module1", "Sheet1", "Sheet2", "ThisWorkbook"]
GOOD_MODULE = "Option VBASupport 1\nFunction Twice(x)\n    Twice = 2 * x\nEnd Function\n"
BROKEN_MODULE = "Option VBASupport 1\nSub Broken(\n    x = \nEnd Sub\n"
REVENUES = [50, 20, 10, 8, 5, 4, 2, 1]


# --- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def quickstart_report(libreoffice):
    return libreoffice.inspect_workbook(QUICKSTART, compile_modules=QUICKSTART_COMPILABLE)


@pytest.fixture(scope="module")
def pareto_xlsx(tmp_path_factory) -> Path:
    """Data (formulas, one with a deliberately wrong cached value), Chart (column + line on a
    secondary axis), Plain (text and a cross-sheet formula, no chart)."""
    path = tmp_path_factory.mktemp("lo") / "pareto.xlsx"
    workbook = xlsxwriter.Workbook(path)
    data = workbook.add_worksheet("Data")
    chart_sheet = workbook.add_worksheet("Chart")
    plain = workbook.add_worksheet("Plain")
    data.write_row(0, 0, ["Client", "Revenue", "Cumulative share"])
    last = len(REVENUES) + 1
    for i, revenue in enumerate(REVENUES):
        data.write(i + 1, 0, f"Client {i}")
        data.write(i + 1, 1, revenue)
        data.write_formula(i + 1, 2, f"=SUM($B$2:B{i + 2})/SUM($B$2:$B${last})")
    data.write_formula("E1", f"=SUM(B2:B{last})", None, 999)  # cached value is wrong on purpose
    data.write_formula("E2", "=1/0")
    data.write_formula("E3", f'=IFERROR(MATCH("nobody",A2:A{last},0),"none")')
    columns = workbook.add_chart({"type": "column"})
    columns.add_series(
        {
            "name": "Revenue",
            "categories": f"=Data!$A$2:$A${last}",
            "values": f"=Data!$B$2:$B${last}",
        }
    )
    line = workbook.add_chart({"type": "line"})
    line.add_series(
        {
            "name": "Cumulative share",
            "categories": f"=Data!$A$2:$A${last}",
            "values": f"=Data!$C$2:$C${last}",
            "y2_axis": True,
        }
    )
    columns.combine(line)
    columns.set_y2_axis({"min": 0, "max": 1, "num_format": "0%"})
    chart_sheet.write("A1", "Pareto chart")
    chart_sheet.insert_chart("B3", columns)
    plain.write("A1", "Only text here")
    plain.write_formula("A2", "=Data!E1*2")
    workbook.close()
    return path


@pytest.fixture(scope="module")
def pareto_report(libreoffice, pareto_xlsx):
    return libreoffice.inspect_workbook(pareto_xlsx)


# --- Basic modules and the canary -------------------------------------------------------------
def test_lists_every_vba_module_of_the_xlwings_quickstart(quickstart_report):
    assert quickstart_report.basic_modules["VBAProject"] == sorted(QUICKSTART_MODULES)
    assert quickstart_report.module_types == {
        "Dictionary": "class",
        "Module1": "normal",
        "xlwings": "normal",
        "Sheet1": "document",
        "Sheet2": "document",
        "ThisWorkbook": "document",
    }
    assert quickstart_report.sheets == ["Sheet1", "_xlwings.conf"]


def test_module_sources_match_olevba(quickstart_report):
    parser = VBA_Parser(str(QUICKSTART))
    extracted = {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    assert set(extracted) == QUICKSTART_MODULES
    for name, code in extracted.items():
        assert module_code_lines(quickstart_report.module_sources[name]) == module_code_lines(code)
    assert len(module_code_lines(quickstart_report.module_sources["xlwings"])) > 1000


def test_canary_passes_when_the_listed_modules_compile(quickstart_report):
    assert quickstart_report.compile_error is None
    assert quickstart_report.compiled is True


def test_canary_catches_conditional_compilation_of_xlwings(libreoffice):
    # LibreOffice compiles both #If branches: xlwings and its Dictionary class cannot compile.
    report = libreoffice.inspect_workbook(
        QUICKSTART, compile_modules=[*QUICKSTART_COMPILABLE, "xlwings", "Dictionary"]
    )
    assert report.compiled is False
    assert report.compile_error == "LibreOffice Basic cannot compile module(s): xlwings, Dictionary"


def test_canary_detects_a_broken_module_and_passes_a_good_one(libreoffice):
    good = libreoffice.inspect_workbook(
        QUICKSTART,
        compile_modules=QUICKSTART_COMPILABLE,
        extra_modules={"Good": GOOD_MODULE},
        sheets_to_read=[],
    )
    broken = libreoffice.inspect_workbook(
        QUICKSTART,
        compile_modules=QUICKSTART_COMPILABLE,
        extra_modules={"Good": GOOD_MODULE, "Broken": BROKEN_MODULE},
        sheets_to_read=[],
    )
    assert (good.compiled, good.compile_error) == (True, None)
    assert broken.compiled is False
    assert broken.compile_error == "LibreOffice Basic cannot compile module(s): Broken"


def test_missing_module_is_a_compile_failure(libreoffice):
    report = libreoffice.inspect_workbook(
        QUICKSTART, compile_modules=["Module1", "NoSuchModule"], sheets_to_read=[]
    )
    assert report.compiled is False
    assert "NoSuchModule" in report.compile_error


def test_no_compile_check_unless_asked(pareto_report):
    assert pareto_report.compiled is None
    assert pareto_report.basic_modules == {}  # an .xlsx has no Basic libraries at all


def _xlsm_with_our_vba(path: Path, modules: list[VbaModule]) -> Path:
    """An .xlsm whose vbaProject.bin comes from our own writer; Data!A2 calls a VBA function."""
    workbook = xlsxwriter.Workbook(path)
    workbook.set_vba_name("ThisWorkbook")
    sheet = workbook.add_worksheet("Data")
    sheet.set_vba_name("Sheet1")
    sheet.write("A1", 21)
    sheet.write_formula("A2", "=Twice(A1)")
    workbook.add_vba_project(io.BytesIO(build_vba_project(modules)), is_stream=True)
    workbook.close()
    return path


def test_canary_on_a_vba_project_from_our_writer(libreoffice, tmp_path):
    documents = [VbaModule("ThisWorkbook", "document", ""), VbaModule("Sheet1", "document", "")]
    good = VbaModule(
        "Good", "standard", "Function Twice(x)\r\n    Twice = 2 * x\r\nEnd Function\r\n"
    )
    broken = VbaModule("Broken", "standard", "Sub Broken(\r\n    x = \r\nEnd Sub\r\n")
    names = ["ThisWorkbook", "Sheet1", "Good"]
    good_only = libreoffice.inspect_workbook(
        _xlsm_with_our_vba(tmp_path / "good.xlsm", [*documents, good]), compile_modules=names
    )
    with_broken = libreoffice.inspect_workbook(
        _xlsm_with_our_vba(tmp_path / "broken.xlsm", [*documents, good, broken]),
        compile_modules=[*names, "Broken"],
    )
    assert good_only.basic_modules["VBAProject"] == ["Good", "Sheet1", "ThisWorkbook"]
    assert good_only.module_types["Good"] == "normal"
    assert good_only.module_types["ThisWorkbook"] == "document"
    assert module_code_lines(good_only.module_sources["Good"]) == module_code_lines(good.code)
    assert (good_only.compiled, good_only.compile_error) == (True, None)
    # LibreOffice evaluates cell formulas that call VBA functions of the document.
    assert good_only.value("Data", "A2") == 42.0
    assert with_broken.compiled is False
    assert with_broken.compile_error == "LibreOffice Basic cannot compile module(s): Broken"


# --- recalculation and cell values ------------------------------------------------------------
def test_values_are_recalculated_not_cached(pareto_report):
    total = float(sum(REVENUES))
    assert pareto_report.value("Data", "E1") == total  # the file caches 999
    assert pareto_report.value("Plain", "A2") == 2 * total
    shares = [row[2] for row in pareto_report.cells["Data"][1:]]
    assert shares == pytest.approx(np.cumsum(REVENUES) / total)
    assert pareto_report.value("Data", "E3") == "none"


def test_errors_and_formulas_are_reported(pareto_report):
    assert pareto_report.value("Data", "E2") == "#DIV/0!"
    assert set(pareto_report.errors["Data"]) == {a1_to_position("E2")}
    assert pareto_report.formula("Data", "E3") == '=IFERROR(MATCH("nobody",A2:A9,0),"none")'
    assert pareto_report.formula("Data", "C3") == "=SUM($B$2:B3)/SUM($B$2:$B$9)"
    assert pareto_report.formula("Data", "B2") == "50"
    assert pareto_report.value("Data", "Z99") == ""


def test_sheets_to_read_limits_and_checks_names(libreoffice, pareto_xlsx):
    report = libreoffice.inspect_workbook(pareto_xlsx, sheets_to_read=["Plain"])
    assert list(report.cells) == ["Plain"]
    assert report.cells["Plain"] == [["Only text here"], [2.0 * sum(REVENUES)]]
    with pytest.raises(LibreOfficeError, match="no sheet 'Nope'"):
        libreoffice.inspect_workbook(pareto_xlsx, sheets_to_read=["Nope"])


def test_missing_toolchain_fails_instead_of_skipping(libreoffice, monkeypatch):
    monkeypatch.setattr(libreoffice.shutil, "which", lambda tool: None)
    assert not libreoffice.libreoffice_available()
    with pytest.raises(pytest.fail.Exception, match="soffice, pdftoppm"):
        libreoffice.require_libreoffice()


def test_a1_to_position():
    assert a1_to_position("A1") == (0, 0)
    assert a1_to_position("$AB$10") == (9, 27)


# --- rendering --------------------------------------------------------------------------------
def test_sheet_with_chart_renders_coloured_pixels_and_plain_sheet_does_not(
    libreoffice, pareto_xlsx, tmp_path
):
    chart_pages = libreoffice.pdf_to_pngs(
        libreoffice.render_pdf(pareto_xlsx, tmp_path, sheets=["Chart"]), tmp_path / "chart"
    )
    plain_pages = libreoffice.pdf_to_pngs(
        libreoffice.render_pdf(pareto_xlsx, tmp_path, sheets=["Plain"]), tmp_path / "plain"
    )
    assert png_has_chart_like_content(chart_pages[0])
    assert coloured_pixel_count(chart_pages[0]) > 2000
    assert len(plain_pages) == 1
    assert not png_has_chart_like_content(plain_pages[0])


def test_whole_workbook_renders_with_convert_to(libreoffice, pareto_xlsx, tmp_path):
    pdf = libreoffice.render_pdf(pareto_xlsx, tmp_path)
    assert pdf == tmp_path / "pareto.pdf"
    pages = libreoffice.pdf_to_pngs(pdf, tmp_path / "pages", dpi=40)
    verdicts = [png_has_chart_like_content(page, min_pixels=200) for page in pages]
    assert verdicts.count(True) == 1  # only the chart page
    image = read_png(pages[0])
    assert image.shape[2] == 3
    assert abs(image.shape[0] / image.shape[1] - 297 / 210) < 0.05  # an A4 portrait page
    assert (image == 255).all(axis=2).mean() > 0.8  # mostly white paper


# --- robustness -------------------------------------------------------------------------------
def _soffice_cmdlines() -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if "soffice" in line or "oosplash" in line]


def test_soffice_and_temp_dirs_are_gone_after_success_and_timeout(
    libreoffice, pareto_xlsx, monkeypatch
):
    created: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args, **kwargs):
        created.append(real_mkdtemp(*args, **kwargs))
        return created[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)
    with libreoffice.uncached():  # each call starts (and ends) its own soffice
        libreoffice.inspect_workbook(pareto_xlsx, sheets_to_read=[])
        with pytest.raises(LibreOfficeError, match="timed out"):
            libreoffice.inspect_workbook(pareto_xlsx, timeout=0.05)
    assert len(created) == 2
    for directory in created:
        assert not os.path.exists(directory)
        assert not [line for line in _soffice_cmdlines() if directory in line]


def test_a_repeated_call_is_served_from_the_cache_and_a_changed_file_is_not(
    libreoffice, pareto_xlsx, tmp_path, monkeypatch
):
    first = libreoffice.inspect_workbook(pareto_xlsx, sheets_to_read=["Plain"])
    pdf = libreoffice.render_pdf(pareto_xlsx, tmp_path / "a", sheets=["Chart"])
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(pareto_xlsx.read_bytes())
    changed = tmp_path / "changed.xlsx"
    with zipfile.ZipFile(pareto_xlsx) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("docProps/unused.txt", "other bytes, same sheets")
    started: list[dict] = []
    real = libreoffice._run_job_uncached

    def recording(job, workbook, timeout):
        started.append(job)
        return real(job, workbook, timeout)

    monkeypatch.setattr(libreoffice, "_run_job_uncached", recording)
    again = libreoffice.inspect_workbook(copy, sheets_to_read=["Plain"])
    again.cells["Plain"][0][0] = "changed by the caller"
    assert libreoffice.inspect_workbook(copy, sheets_to_read=["Plain"]).cells == first.cells
    second_pdf = libreoffice.render_pdf(copy, tmp_path / "b", sheets=["Chart"])
    assert second_pdf.read_bytes() == pdf.read_bytes() and second_pdf.parent == tmp_path / "b"
    assert started == []
    assert libreoffice.inspect_workbook(changed, sheets_to_read=["Plain"]).cells == first.cells
    assert [job["action"] for job in started] == ["inspect"]


def test_source_workbook_is_untouched(libreoffice, pareto_xlsx):
    before = pareto_xlsx.read_bytes()
    libreoffice.inspect_workbook(pareto_xlsx, sheets_to_read=[])
    assert pareto_xlsx.read_bytes() == before
    assert sorted(p.name for p in pareto_xlsx.parent.iterdir()) == ["pareto.xlsx"]


# --- the PNG reader, against an independent encoder with every filter type -------------------
def _paeth(left: int, above: int, corner: int) -> int:
    guess = left + above - corner
    pa, pb, pc = abs(guess - left), abs(guess - above), abs(guess - corner)
    return left if pa <= pb and pa <= pc else above if pb <= pc else corner


def _encode_png(image: np.ndarray, filters: list[int]) -> bytes:
    height, width, channels = image.shape
    colour_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    raw = bytearray()
    previous = [0] * (width * channels)
    for y in range(height):
        line = [int(v) for v in image[y].reshape(-1)]
        kind = filters[y % len(filters)]
        out = []
        for i, value in enumerate(line):
            left = line[i - channels] if i >= channels else 0
            corner = previous[i - channels] if i >= channels else 0
            predictor = (
                [0, left, previous[i], (left + previous[i]) // 2][kind]
                if kind < 4
                else (_paeth(left, previous[i], corner))
            )
            out.append((value - predictor) % 256)
        raw += bytes([kind, *out])
        previous = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw)))
        + chunk(b"IEND", b"")
    )


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 9), st.integers(1, 9), st.sampled_from([1, 2, 3, 4])),
    filters=st.lists(st.integers(0, 4), min_size=1, max_size=5),
    seed=st.integers(0, 2**32 - 1),
)
def test_png_reader_round_trips_every_filter(tmp_path_factory, shape, filters, seed):
    image = np.random.default_rng(seed).integers(0, 256, size=shape, dtype=np.uint8)
    path = tmp_path_factory.mktemp("png") / "x.png"
    path.write_bytes(_encode_png(image, filters))
    assert np.array_equal(read_png(path), image)


def test_coloured_pixels_ignore_greys(tmp_path):
    image = np.full((10, 10, 3), 255, np.uint8)
    image[0:5, :, :] = 90  # grey: text, borders
    image[9, 0:7] = (0, 69, 134)  # LibreOffice's default series blue
    path = tmp_path / "p.png"
    path.write_bytes(_encode_png(image, [0]))
    assert coloured_pixel_count(path) == 7
    assert not png_has_chart_like_content(path)
    assert png_has_chart_like_content(path, min_pixels=7)


def test_text_that_looks_like_a_formula_is_reported_as_text(libreoffice, tmp_path):
    path = tmp_path / "text.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("S")
    sheet.write_string(0, 0, "=1+1")
    sheet.write_formula(1, 0, "=1+2", None, 0)
    book.close()
    report = libreoffice.inspect_workbook(path, sheets_to_read=["S"])
    assert report.value("S", "A1") == "=1+1"
    assert report.formula("S", "A1") == "'=1+1"  # a constant, shown as Excel's formula bar does
    assert report.value("S", "A2") == 3
    assert report.formula("S", "A2") == "=1+2"
