"""The Excel-proven vbaProject.bin that xlwings ships, for comparison tests of our VBA writer."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import xlwings

XLWINGS_DIR = Path(xlwings.__file__).parent
REFERENCE_XLSM = XLWINGS_DIR / "quickstart_standalone.xlsm"

# MODULEOFFSET of each module in the reference's dir stream (source starts there).
REFERENCE_MODULE_OFFSETS = {
    "ThisWorkbook": 0x333,
    "Sheet1": 0x333,
    "Sheet2": 0x333,
    "Module1": 0x45F,
    "xlwings": 0,
    "Dictionary": 0x48E9,
}


def reference_vba_bin() -> bytes:
    """The bytes of ``xl/vbaProject.bin`` inside xlwings' quickstart_standalone.xlsm."""
    with zipfile.ZipFile(REFERENCE_XLSM) as archive:
        return archive.read("xl/vbaProject.bin")


def dir_records(decompressed: bytes) -> list[tuple[int, bytes]]:
    """Split a decompressed ``dir`` stream into (record id, data) pairs (MS-OVBA §2.3.4.2).

    PROJECTVERSION (0x0009) is the one record whose size field (always 4) does not
    count its 6 data bytes.
    """
    records = []
    position = 0
    while position < len(decompressed):
        record_id, size = struct.unpack_from("<HI", decompressed, position)
        if record_id == 0x0009:
            size = 6
        records.append((record_id, decompressed[position + 6 : position + 6 + size]))
        position += 6 + size
    assert position == len(decompressed), "dir stream ends inside a record"
    return records
