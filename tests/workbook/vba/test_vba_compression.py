"""MS-OVBA §2.4.1 compression: round trips through oletools' independent decompressor."""

from __future__ import annotations

import random
from pathlib import Path

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream
from vba_reference import STANDALONE_MODULE_OFFSETS, XLWINGS_DIR, excel_vba_bin, standalone_vba_bin

from xlpareto.errors import XlparetoError
from xlpareto.workbook.vba.compression import CHUNK_SIZE, compress, decompress

XLWINGS_SOURCES = sorted(
    [
        XLWINGS_DIR / "xlwings.bas",
        *(XLWINGS_DIR / "addin").glob("*.bas"),
        *(XLWINGS_DIR / "addin").glob("*.cls"),
    ]
)


def _oletools(container: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(container)))


def _raw_final_chunk(data: bytes) -> bool:
    """True when the compressor had to store the last partial chunk raw (zero-padded)."""
    container = compress(data)
    position = 1
    last_header = None
    while position < len(container):
        last_header = int.from_bytes(container[position : position + 2], "little")
        position += (last_header & 0x0FFF) + 3
    return bool(data) and last_header is not None and not last_header >> 15


def test_xlwings_sources_are_found():
    assert len(XLWINGS_SOURCES) >= 10
    assert XLWINGS_DIR / "xlwings.bas" in XLWINGS_SOURCES


@pytest.mark.parametrize("path", XLWINGS_SOURCES, ids=lambda path: path.name)
def test_every_xlwings_module_round_trips_through_oletools(path: Path):
    source = path.read_bytes()
    container = compress(source)
    assert len(container) < len(source)  # really compressed, not raw chunks
    assert _oletools(container) == source
    assert decompress(container) == source


def test_known_prefix_of_the_specification_example():
    # MS-OVBA §3.2.2 example input; the first tokens are fixed by the format.
    container = compress(b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa")
    # signature, header, flags 0, "#aaabcde", flags 0x82, "f", copy token (offset 8, length 3)
    assert container.hex().startswith("012fb000236161616263646582660070")
    assert _oletools(container) == b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"


EDGE_INPUTS = {
    "empty": b"",
    "one_byte": b"a",
    "exactly_4096": bytes(range(256)) * 16,
    "4097": (b"Sub A()\r\nEnd Sub\r\n" * 300)[:4097],
    "run_of_one_byte": b"a" * 20000,
    "run_across_chunks": b"x" * (CHUNK_SIZE * 3 + 5),
    "two_byte_period": b"ab" * 9000,
    "random_incompressible_full_chunks": random.Random(1).randbytes(CHUNK_SIZE * 3),
    "random_short": random.Random(2).randbytes(100),
}


@pytest.mark.parametrize("data", EDGE_INPUTS.values(), ids=EDGE_INPUTS.keys())
def test_edge_inputs_round_trip(data: bytes):
    container = compress(data)
    assert _oletools(container) == data
    assert decompress(container) == data


def test_incompressible_full_chunks_are_stored_raw():
    data = EDGE_INPUTS["random_incompressible_full_chunks"]
    container = compress(data)
    assert len(container) == 1 + 3 * (2 + CHUNK_SIZE)
    assert container[1:3] == bytes.fromhex("ff3f")  # raw chunk header: size 4098, flag 0


def test_incompressible_short_final_chunk_is_zero_padded_as_the_spec_says():
    data = random.Random(3).randbytes(4000)  # 4000 literals + 500 flag bytes > 4096
    assert _raw_final_chunk(data)
    padded = data + bytes(CHUNK_SIZE - len(data))
    assert _oletools(compress(data)) == padded
    assert decompress(compress(data)) == padded


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3 * CHUNK_SIZE + 100))
def test_random_bytes_round_trip(data: bytes):
    container = compress(data)
    expected = data
    if _raw_final_chunk(data):
        expected = data + bytes(-len(data) % CHUNK_SIZE)
    assert _oletools(container) == expected
    assert decompress(container) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from([b"a", b"b", b"Dim ", b"\r\n", b"End Sub", b"    ", b"x" * 40]),
        max_size=2000,
    ).map(b"".join)
)
def test_repetitive_text_round_trips_exactly(data: bytes):
    container = compress(data)
    assert not _raw_final_chunk(data)
    assert _oletools(container) == data
    assert decompress(container) == data


def test_excel_made_streams_decompress_like_oletools():
    with olefile.OleFileIO(excel_vba_bin()) as ole:
        for stream in ("VBA/dir",):
            container = ole.openstream(stream).read()
            assert decompress(container) == _oletools(container)


def test_xlwings_module_streams_decompress_like_oletools():
    with olefile.OleFileIO(standalone_vba_bin()) as ole:
        container = ole.openstream("VBA/dir").read()
        assert decompress(container) == _oletools(container)
        for name, offset in STANDALONE_MODULE_OFFSETS.items():
            container = ole.openstream(f"VBA/{name}").read()[offset:]
            assert decompress(container) == _oletools(container)
            assert decompress(container).startswith(f'Attribute VB_Name = "{name}"'.encode())


def test_compression_is_deterministic():
    source = (XLWINGS_DIR / "xlwings.bas").read_bytes()
    assert compress(source) == compress(source)


@pytest.mark.parametrize(
    "container",
    [b"", b"\x02\x00\x00", b"\x01\x00\x00", b"\x01\x02\xb0\x01\x00\x00"],
    ids=["empty", "bad_signature", "bad_chunk_signature", "token_before_chunk"],
)
def test_corrupt_containers_are_rejected(container: bytes):
    with pytest.raises(XlparetoError):
        decompress(container)
