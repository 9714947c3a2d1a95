"""Issue 12 fuzz suite for the command line's readers: random CSV / XLSX / Parquet files
(random headers, numbers in both styles, blanks, text, formula-like text, control characters,
huge numbers, damaged bytes) are read into rows of the documented shape, or refused with a
one-line ``XlparetoError`` that names the file (or the option) – never another exception,
never a warning, never a raw control character.

Budget: ``EXAMPLES`` examples for each of the ``len(KINDS)`` file kinds."""

from __future__ import annotations

import io
import os
import re
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from columnar_support import assert_same, both_ways
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlpareto.errors import XlparetoError
from xlpareto.io.grouped_inputs import read_client_input
from xlpareto.io.readers import InputRows, ReadOptions, read_input_file
from xlpareto.io.report_inputs import ReportOptions

EXAMPLES = int(os.environ.get("XLPARETO_FUZZ_EXAMPLES", "12"))
KINDS = ("csv", "xlsx", "parquet", "csv-damaged", "xlsx-damaged", "parquet-damaged")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

HEADERS = st.one_of(
    st.sampled_from(["Client", "Revenue", "client", "REVENUE ", "Customer", "Sales", "Cost"]),
    st.sampled_from(["Prior revenue", "Hours", "=HYPERLINK(1)", "Rev\x1b[2J", "", "Client"]),
    st.text(max_size=6),
)
US = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: f"{x:,.2f}")
EU = US.map(lambda s: s.translate(str.maketrans(",.", ".,")))
CELL_TEXTS = st.one_of(
    US,
    EU,
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["", " ", "NA", "null", "=1+2", "+cmd", "-", "1e308", "9e999", "-1e400"]),
    st.sampled_from(["1.7976931348623157e308", "5e-324", "12 %", "€ 1.234,50", "(15)", "abc"]),
    st.sampled_from(["Acme_x000D_ Ltd", "a\x00b", "\x1b[31mred", "tab\tin", "x\r\ny"]),
    st.text(max_size=6),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """Headers (usually with a Client and a Revenue column) and rows of cell texts."""
    headers = draw(st.lists(HEADERS, min_size=1, max_size=4))
    if draw(st.integers(0, 3)):
        headers = ["Client", "Revenue", *headers[:2]]
    n_rows = draw(st.integers(0, 6))
    rows = [[draw(CELL_TEXTS) for _ in headers] for _ in range(n_rows)]
    return headers, rows


def _excel_value(text: str, as_number: bool) -> Any:
    try:
        return float(text) if as_number else text
    except ValueError:
        return text


def _csv_bytes(headers: list[str], rows: list[list[str]], data: st.DataObject) -> bytes:
    delimiter = data.draw(st.sampled_from([",", ";", "\t", "|"]))
    buffer = io.StringIO()
    pd.DataFrame(rows, columns=range(len(headers))).to_csv(
        buffer, sep=delimiter, header=headers, index=False
    )
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return buffer.getvalue().encode(encoding, errors="replace")


def _xlsx_bytes(headers: list[str], rows: list[list[str]], data: st.DataObject) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    numbers = data.draw(st.booleans())
    for line in [headers, *rows]:
        values = [_excel_value(v, numbers and line is not headers) for v in line]
        # openpyxl refuses control characters in cells (Excel cannot hold them either)
        sheet.append([CONTROL.sub("", v) if isinstance(v, str) else v for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return _same_bytes_every_time(buffer.getvalue())


def _same_bytes_every_time(package: bytes) -> bytes:
    """``package`` with fixed zip timestamps and save time: openpyxl writes the time of the
    save, so the same example gave other bytes (and other damage) when Hypothesis replayed
    it to shrink a failure – a FlakyStrategyDefinition instead of the failure."""
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(fixed, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = re.sub(rb">\d{4}-\d\d-\d\dT[\d:]+Z<", b">2020-01-01T00:00:00Z<", content)
            info = zipfile.ZipInfo(entry.filename, date_time=(2020, 1, 1, 0, 0, 0))
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def _parquet_bytes(headers: list[str], rows: list[list[str]], data: st.DataObject) -> bytes:
    frame = pd.DataFrame(rows, columns=range(len(headers)), dtype=object)
    if data.draw(st.booleans()):
        frame = frame.apply(lambda c: pd.to_numeric(c, errors="coerce")) if len(frame) else frame
    names = [f"{h}" if headers.index(h) == i else f"{h}.{i}" for i, h in enumerate(headers)]
    frame.columns = names
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


WRITERS = {
    "csv": (_csv_bytes, ".csv"),
    "xlsx": (_xlsx_bytes, ".xlsx"),
    "parquet": (_parquet_bytes, ".parquet"),
}


def _damage(content: bytes, data: st.DataObject) -> bytes:
    """Overwrite a few bytes, or cut the file short."""
    if data.draw(st.booleans()):
        return content[: data.draw(st.integers(0, len(content)))]
    damaged = bytearray(content)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    return bytes(damaged)


def assert_rows_shape(rows: InputRows) -> None:
    """Every role has one value per row; numbers are floats; at least one row."""
    assert rows.rows >= 1
    assert {"client", "revenue"} <= set(rows.values)
    for role, values in rows.values.items():
        assert len(values) == rows.rows, role
        if rows.table.column(role).kind == "number":
            assert isinstance(values, np.ndarray) and values.dtype == float, role
    assert "\n" not in rows.describe()


def check_file(path: Path) -> None:
    assert_same(*both_ways(path))  # the columnar path reads it as the row-by-row path does
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            rows = read_input_file(path)
        except XlparetoError as error:
            message = str(error)
            assert message and not CONTROL.search(message), repr(message)
            assert message.startswith((path.name, str(path))), message
            return
    assert_rows_shape(rows)


@pytest.mark.parametrize("kind", KINDS)
def test_fuzz_reader(kind: str) -> None:
    write, suffix = WRITERS[kind.split("-")[0]]

    @FUZZ
    @given(tables(), st.data())
    def run(table: tuple[list[str], list[list[str]]], data: st.DataObject) -> None:
        content = write(*table, data)
        if kind.endswith("damaged"):
            content = _damage(content, data)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"clients{suffix}"
            path.write_bytes(content)
            check_file(path)

    run()


# --- what the suite found ----------------------------------------------------------------------
def test_rows_longer_than_a_header_with_a_repeated_name_are_one_line(tmp_path: Path) -> None:
    """Was pandas' ``ValueError: zip() argument 2 is shorter than argument 1``."""
    path = tmp_path / "clients.csv"
    path.write_bytes(b"Client,Revenue,Client\n,.00,0.00,0.00\n")
    with pytest.raises(XlparetoError, match=r"^clients\.csv: not a valid CSV file"):
        read_input_file(path)


def test_a_parquet_file_with_damaged_pages_is_one_line(tmp_path: Path) -> None:
    """Was pyarrow's ``OSError: Couldn't deserialize thrift`` (the schema still reads)."""
    buffer = io.BytesIO()
    pd.DataFrame({"Client": ["Acme"] * 50, "Revenue": range(50)}).to_parquet(buffer, index=False)
    content = bytearray(buffer.getvalue())
    content[4:40] = b"\xff" * 36  # the first data page, after the magic 'PAR1'
    path = tmp_path / "clients.parquet"
    path.write_bytes(bytes(content))
    with pytest.raises(XlparetoError, match=r"^clients\.parquet: not a readable Parquet file"):
        read_input_file(path)


def test_control_characters_of_a_header_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(b"Rev\x1b[2J\n1\n")
    with pytest.raises(XlparetoError) as caught:
        read_input_file(path)
    assert "Rev\\x1b[2J" in str(caught.value) and "\x1b" not in str(caught.value)


def test_classic_mac_line_ends_are_read_as_line_ends(tmp_path: Path) -> None:
    """Was a bare ``KeyError`` from the columnar path, which ends lines at LF only."""
    lines = ["Client,Revenue", "Acme,10", "Birch,5", "Acme,3"]
    mac, unix = tmp_path / "mac.csv", tmp_path / "unix.csv"
    mac.write_bytes("\r".join(lines).encode() + b"\r")
    unix.write_bytes("\n".join(lines).encode() + b"\n")
    old, new = both_ways(mac)
    assert_same(old, new)
    assert new[2].clients.tolist() == both_ways(unix)[1][2].clients.tolist() == ["Acme", "Birch"]
    assert new[2].revenue.tolist() == [13.0, 5.0]


def test_a_bare_carriage_return_in_a_field_is_read_the_same_both_ways(tmp_path: Path) -> None:
    """Found by the fuzz test: pandas ends a line at a bare CR, polars did not."""
    path = tmp_path / "clients.csv"
    path.write_bytes(b"Client,Revenue,client,Prior revenue\n0.00,0.00,\r,0.00\n")
    assert_same(*both_ways(path))


@pytest.mark.parametrize(
    ("field", "value"), [(6, b"\x40\x00"), (8, b"\x20\x00")]
)  # version needed 6.4; flag bit 5 (patched data)
def test_a_workbook_with_zip_headers_zipfile_cannot_read_is_one_line(tmp_path, field, value):
    """Were zipfile's bare ``NotImplementedError`` (found by the damaged-file fuzz test)."""
    book = openpyxl.Workbook()
    book.active.append(["Client", "Revenue"])
    book.active.append(["Acme", 10])
    buffer = io.BytesIO()
    book.save(buffer)
    content = bytearray(buffer.getvalue())
    for signature, offset in ((b"PK\x01\x02", field), (b"PK\x03\x04", field - 2)):
        # every entry's central directory and local header (the local one: 2 bytes earlier)
        for found in re.finditer(re.escape(signature), bytes(content)):
            content[found.start() + offset : found.start() + offset + 2] = value
    path = tmp_path / "clients.xlsx"
    path.write_bytes(bytes(content))
    with pytest.raises(XlparetoError, match=r"^clients\.xlsx: not a readable Excel workbook"):
        read_input_file(path)


def test_an_existing_output_with_zip_headers_zipfile_cannot_read_is_not_ours(tmp_path):
    """A damaged package where an output goes is the user's file (not a bare error)."""
    from xlpareto.io.output_files import written_by_xlpareto

    path = tmp_path / "out.xlsx"
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    content = bytearray(buffer.getvalue())
    for found in re.finditer(re.escape(b"PK\x01\x02"), bytes(content)):
        content[found.start() + 6 : found.start() + 8] = b"\x40\x00"  # zip version 6.4
    path.write_bytes(bytes(content))
    assert written_by_xlpareto(path) is None


DAMAGED = Path(__file__).resolve().parents[1] / "data" / "damaged"


@pytest.mark.parametrize("grouped", [True, False])
def test_a_parquet_file_whose_pages_make_polars_abort_is_one_line(tmp_path: Path, grouped) -> None:
    """Was a "Fatal Python error: Aborted" with a Rust backtrace (polars 2.1 panicking in
    several threads on a damaged page header), which no ``except`` can catch: pyarrow
    decodes the pages first and names the damage."""
    path = tmp_path / "clients.parquet"
    path.write_bytes((DAMAGED / "page_header.parquet").read_bytes())
    message = r"^clients\.parquet: not a readable Parquet file \(Invalid page header"
    with pytest.raises(XlparetoError, match=message):
        read_client_input(path, ReadOptions(), ReportOptions(), grouped)
