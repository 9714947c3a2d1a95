"""The ``VBA/_VBA_PROJECT`` stream (MS-OVBA §2.3.4.1) without a performance cache."""

from __future__ import annotations

import struct

RESERVED1 = 0x61CC
# Version 0xFFFF tells the VBA host that no compiled cache is valid: it compiles from source.
VERSION_SOURCE_ONLY = 0xFFFF
RESERVED2 = 0x00
RESERVED3 = 0x0001  # as in the reference file


def build_vba_project_stream() -> bytes:
    """The 7-byte ``_VBA_PROJECT`` stream: ``CC 61 FF FF 00 01 00``.

    Examples
    --------
    >>> build_vba_project_stream().hex()
    'cc61ffff000100'
    """
    return struct.pack("<HHBH", RESERVED1, VERSION_SOURCE_ONLY, RESERVED2, RESERVED3)
