"""The compound file (CFB) writer on its own: edge sizes, many entries, random round trips."""

from __future__ import annotations

import io
import random

import olefile
from hypothesis import given, settings
from hypothesis import strategies as st
from vba_cfb_check import check_compound_file

from xlpareto.workbook.vba.cfb import build_compound_file


def _open(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


CFB_EDGE_CASES = {
    "mini_stream_largest": 4095,
    "regular_stream_smallest": 4096,
    "regular_4097": 4097,
    "one_mini_sector": 64,
    "two_mini_sectors": 65,
    "empty": 0,
    "several_hundred_kb": 600_000,
}


def test_compound_file_edge_cases_round_trip():
    rng = random.Random(5)
    streams = {f"S/{name}": rng.randbytes(size) for name, size in CFB_EDGE_CASES.items()}
    streams["Top"] = b"top"
    data = build_compound_file(streams)
    check_compound_file(data)
    with _open(data) as ole:
        assert ole.parsing_issues == []
        for path, content in streams.items():
            assert ole.openstream(path).read() == content


def test_many_entries_need_red_nodes_and_several_directory_sectors():
    streams = {f"VBA/Module{index}": bytes([index]) * (index * 97) for index in range(1, 41)}
    data = build_compound_file(streams)
    entries = check_compound_file(data)
    assert any(color == 0 for _kind, color, _start, _size in entries.values())  # red nodes
    with _open(data) as ole:
        assert len(ole.direntries) > 8  # more than two directory sectors
        for path, content in streams.items():
            assert ole.openstream(path).read() == content


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,30}", fullmatch=True),
        st.integers(min_value=0, max_value=9000),
        min_size=1,
        max_size=25,
    )
)
def test_random_compound_files_round_trip(sizes: dict[str, int]):
    unique = {name.upper(): name for name in sizes}.values()
    streams = {f"VBA/{name}": bytes([len(name)]) * sizes[name] for name in unique}
    data = build_compound_file(streams)
    check_compound_file(data)
    with _open(data) as ole:
        for path, content in streams.items():
            assert ole.openstream(path).read() == content
