"""Reference VBA projects from the xlwings package, for comparison tests of our VBA writer.

Only ``quickstart.xlsm`` was saved by Excel itself: it is the reference for what Excel
writes (the ``dir`` record sequence, the PROJECT stream, the document modules).
``quickstart_standalone.xlsm`` and the add-ins are rewritten by another library when xlwings
builds its files; they are used only for the module texts xlwings ships (the ``xlwings``
standard module and the ``Dictionary`` class), never as "what Excel writes".
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import xlwings

XLWINGS_DIR = Path(xlwings.__file__).parent
EXCEL_XLSM = XLWINGS_DIR / "quickstart.xlsm"  # saved by Excel
STANDALONE_XLSM = XLWINGS_DIR / "quickstart_standalone.xlsm"  # rewritten when xlwings builds

# MODULEOFFSET of each module in the standalone file's dir stream (source starts there).
STANDALONE_MODULE_OFFSETS = {
    "ThisWorkbook": 0x333,
    "Sheet1": 0x333,
    "Sheet2": 0x333,
    "Module1": 0x45F,
    "xlwings": 0,
    "Dictionary": 0x48E9,
}


def _vba_bin(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/vbaProject.bin")


def excel_vba_bin() -> bytes:
    """``xl/vbaProject.bin`` of xlwings' quickstart.xlsm: a VBA project Excel saved."""
    return _vba_bin(EXCEL_XLSM)


def standalone_vba_bin() -> bytes:
    """``xl/vbaProject.bin`` of xlwings' quickstart_standalone.xlsm (xlwings' module texts)."""
    return _vba_bin(STANDALONE_XLSM)


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
