"""The packaging step copies XlsxWriter's compressed entries as they are and writes the
same bytes for the same input."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from isal import isal_zlib

from xlpareto.workbook import WORKBOOK_OPTIONS, assemble, zip_stream
from xlpareto.workbook.bulk_rows import DeferredBody
from xlpareto.workbook.ribbon import CUSTOM_UI_PART
from xlpareto.workbook.zip_stream import FAST_LEVEL, ZipStreamWriter, fast_deflate, raw_entries


@pytest.fixture
def deflater(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The streamed parts' deflate: ISA-L (installed with xlpareto), or zlib where no isal
    wheel exists (Pyodide); either must write a package that reads back."""
    if request.param == "zlib":
        monkeypatch.setattr(zip_stream, "_isal_zlib", None)
    return request.param


def _xlsxwriter_package() -> bytes:
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, **WORKBOOK_OPTIONS})
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "Client")
    sheet.add_table(0, 0, 1, 0, {"name": "T", "columns": [{"header": "Client"}]})
    book.add_worksheet().write_number(0, 0, 1.5)
    book.close()
    return book.filename.getvalue()


def _compressed(package: bytes) -> dict[str, bytes]:
    return {entry.name: bytes(entry.data) for entry in raw_entries(package)}


def test_untouched_entries_are_copied_compressed_as_they_are() -> None:
    source = _xlsxwriter_package()
    body = DeferredBody("xl/worksheets/sheet1.xml", "T", 2, 0, [["a", "b", "c"]], [None])
    result = assemble(source, [body], custom_ui="<customUI/>")
    before, after = _compressed(source), _compressed(result)
    edited = {"xl/worksheets/sheet1.xml", "xl/tables/table1.xml", "_rels/.rels"}
    assert list(after) == [*before, CUSTOM_UI_PART]
    untouched = [name for name in before if name not in {*edited, "[Content_Types].xml"}]
    assert len(untouched) > 5
    assert all(after[name] == before[name] for name in untouched)
    assert all(after[name] != before[name] for name in edited)
    package = zipfile.ZipFile(io.BytesIO(result))
    assert package.testzip() is None  # every CRC and size in the headers is right
    assert b"<t>c</t>" in package.read("xl/worksheets/sheet1.xml")
    assert b'ref="A1:A5"' in package.read("xl/tables/table1.xml")


def test_same_input_gives_the_same_bytes() -> None:
    source = _xlsxwriter_package()
    body = DeferredBody("xl/worksheets/sheet1.xml", "T", 2, 0, [["x"] * 5000], [None])
    assert assemble(source, [body]) == assemble(source, [body])


def test_a_copy_without_changes_is_what_zipfile_writes() -> None:
    """Same header fields as ``zipfile`` (fixed date, no data descriptor, no extra)."""
    reference = io.BytesIO()
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("a.xml", "dir/é.xml"):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 0  # MS-DOS attributes, as the package writes
            with z.open(info, "w") as entry:  # as the package step wrote before
                entry.write(b"<x/>" * 99)
    copy = io.BytesIO()
    with ZipStreamWriter(copy) as writer:
        for entry in raw_entries(reference.getvalue()):
            writer.copy_raw(entry)
    assert copy.getvalue() == reference.getvalue()


def test_streamed_parts_are_deflated_by_isal_where_it_is_installed() -> None:
    assert fast_deflate() is isal_zlib
    out = io.BytesIO()
    data = b"<row><c>1</c></row>" * 50_000
    with ZipStreamWriter(out) as writer:
        writer.write_stream("s.xml", [data], level=FAST_LEVEL, threaded=False)
    compressor = isal_zlib.compressobj(FAST_LEVEL, isal_zlib.DEFLATED, -15)
    expected = compressor.compress(data) + compressor.flush()
    assert bytes(raw_entries(out.getvalue())[0].data) == expected  # ISA-L's bytes, not zlib's
    assert expected != zlib.compress(data, FAST_LEVEL)[2:-4]


@pytest.mark.parametrize("deflater", ["isal", "zlib"], indirect=True)
def test_small_parts_keep_zlibs_level_six(deflater: str) -> None:
    out = io.BytesIO()
    with ZipStreamWriter(out) as writer:
        writer.write_bytes("a.xml", b"<a/>" * 500)
    assert bytes(raw_entries(out.getvalue())[0].data) == zlib.compress(b"<a/>" * 500, 6)[2:-4]


@pytest.mark.parametrize("deflater", ["isal", "zlib"], indirect=True)
def test_streamed_entries_read_back(deflater: str) -> None:
    out = io.BytesIO()
    chunks = [bytes([65 + i % 26]) * 70_000 for i in range(40)]
    with ZipStreamWriter(out) as writer:
        writer.write_stream("big.xml", iter(chunks), level=1)
        writer.write_bytes("small.xml", b"<s/>")
    package = zipfile.ZipFile(out)
    assert package.testzip() is None
    assert package.read("big.xml") == b"".join(chunks)
    assert package.read("small.xml") == b"<s/>"


@pytest.mark.parametrize("deflater", ["isal", "zlib"], indirect=True)
# the fixture sets the deflater once for all examples (the same for each): no state to reset
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.binary(max_size=3000), max_size=12), st.booleans(), st.integers(0, 9))
def test_pieces_deflated_apart_make_one_stream(
    deflater: str, pieces: list[bytes], threaded: bool, level: int
) -> None:
    # threaded, each piece is deflated on its own (a sync flush, no final block) and the
    # stream closed by an empty final block: any pieces, also none or empty ones, read back
    # with their CRC, and the deflate stream ends exactly where the entry ends
    out = io.BytesIO()
    with ZipStreamWriter(out) as writer:
        writer.write_stream("p.xml", iter(pieces), level=level, threaded=threaded)
    package = zipfile.ZipFile(out)
    assert package.testzip() is None
    assert package.read("p.xml") == b"".join(pieces)
    entry = raw_entries(out.getvalue())[0]
    inflater = zlib.decompressobj(-15)
    assert inflater.decompress(bytes(entry.data)) == b"".join(pieces)
    assert inflater.eof and inflater.unused_data == b""
