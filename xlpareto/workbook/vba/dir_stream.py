"""The ``VBA/dir`` stream (MS-OVBA §2.3.4.2): project information, references and modules.

The record sequence follows the vbaProject.bin of xlwings' ``quickstart.xlsm`` (the one file
in the xlwings package that Excel itself saved): PROJECTINFORMATION without the optional
PROJECTCOMPATVERSION (which Excel writes), one REFERENCENAME +
REFERENCEREGISTERED pair per reference, then PROJECTMODULES. Every module's source starts
at MODULEOFFSET 0 (no performance cache), so the VBA host compiles from source. Cookies are
0xFFFF as the specification requires of writers.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

from xlpareto.workbook.vba.compression import compress

SYSKIND_WIN64 = 0x00000003  # as in the reference file
LCID_ENGLISH_US = 0x0409
# PROJECTVERSION of the reference file; Excel bumps it on save, any value is valid.
PROJECT_VERSION_MAJOR = 0x68FBFAC5
PROJECT_VERSION_MINOR = 0x0004
_COOKIE = 0xFFFF


@dataclass(frozen=True)
class Reference:
    """A REFERENCEREGISTERED reference to a registered type library."""

    name: str
    libid: str


STDOLE = Reference(
    "stdole",
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    r"#OLE Automation",
)
# Copied from the reference file.
OFFICE = Reference(
    "Office",
    r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
    r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
)
DEFAULT_REFERENCES = (STDOLE, OFFICE)


@dataclass(frozen=True)
class DirModule:
    """What the ``dir`` stream says about one module."""

    name: str
    procedural: bool  # True for standard modules, False for class and document modules
    docstring: str = ""  # MODULEDOCSTRING: the module's VB_Description


def _record(record_id: int, data: bytes = b"") -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _u16(value: int) -> bytes:
    return struct.pack("<H", value)


def _u32(value: int) -> bytes:
    return struct.pack("<I", value)


def _text_pair(record_id: int, unicode_id: int, text: str, code_page: str) -> bytes:
    """A record with MBCS text followed by its UTF-16LE twin (e.g. MODULENAME + unicode)."""
    return _record(record_id, text.encode(code_page)) + _record(
        unicode_id, text.encode("utf-16-le")
    )


def _help_file_path(path: str, encoding: str) -> bytes:
    """PROJECTHELPFILEPATH (§2.3.4.2.1.7): HelpFile1 and HelpFile2 both in the project's code
    page, and equal (HelpFile2 is not a UTF-16 twin, unlike the other paired records)."""
    data = path.encode(encoding)
    return _record(0x0006, data) + _record(0x003D, data)


def _project_information(project_name: str, code_page: int, help_file: str = "") -> bytes:
    encoding = f"cp{code_page}"
    version = struct.pack("<HII", 0x0009, 4, PROJECT_VERSION_MAJOR) + _u16(PROJECT_VERSION_MINOR)
    return b"".join(
        [
            _record(0x0001, _u32(SYSKIND_WIN64)),
            _record(0x0002, _u32(LCID_ENGLISH_US)),
            _record(0x0014, _u32(LCID_ENGLISH_US)),  # LCIDINVOKE
            _record(0x0003, _u16(code_page)),
            _record(0x0004, project_name.encode(encoding)),
            _text_pair(0x0005, 0x0040, "", encoding),  # DOCSTRING
            _help_file_path(help_file, encoding),  # HELPFILEPATH (both copies)
            _record(0x0007, _u32(0)),  # HELPCONTEXT
            _record(0x0008, _u32(0)),  # LIBFLAGS
            version,  # PROJECTVERSION: its size field says 4 but 6 bytes follow
            _text_pair(0x000C, 0x003C, "", encoding),  # CONSTANTS
        ]
    )


def _reference(reference: Reference, encoding: str) -> bytes:
    libid = reference.libid.encode(encoding)
    registered = _u32(len(libid)) + libid + _u32(0) + _u16(0)
    return _text_pair(0x0016, 0x003E, reference.name, encoding) + _record(0x000D, registered)


def _module(module: DirModule, encoding: str) -> bytes:
    return b"".join(
        [
            _text_pair(0x0019, 0x0047, module.name, encoding),  # MODULENAME + unicode
            _text_pair(0x001A, 0x0032, module.name, encoding),  # MODULESTREAMNAME
            _text_pair(0x001C, 0x0048, module.docstring, encoding),  # MODULEDOCSTRING
            _record(0x0031, _u32(0)),  # MODULEOFFSET: source at the start of the stream
            _record(0x001E, _u32(0)),  # MODULEHELPCONTEXT
            _record(0x002C, _u16(_COOKIE)),  # MODULECOOKIE
            _record(0x0021 if module.procedural else 0x0022),  # MODULETYPE
            _record(0x002B),  # terminator
        ]
    )


def dir_records(
    project_name: str,
    modules: Sequence[DirModule],
    code_page: int = 1252,
    references: Sequence[Reference] = DEFAULT_REFERENCES,
    help_file: str = "",
) -> bytes:
    """The decompressed ``dir`` stream (``help_file``: the project's help file path).

    Examples
    --------
    >>> data = dir_records("VBAProject", [DirModule("Module1", procedural=True)])
    >>> data[:2].hex(), data[-12:].hex()
    ('0100', '2b0000000000100000000000')
    """
    encoding = f"cp{code_page}"
    return b"".join(
        [
            _project_information(project_name, code_page, help_file),
            *(_reference(reference, encoding) for reference in references),
            _record(0x000F, _u16(len(modules))),  # PROJECTMODULES count
            _record(0x0013, _u16(_COOKIE)),  # PROJECTCOOKIE
            *(_module(module, encoding) for module in modules),
            _record(0x0010),  # terminator; its 4 zero "size" bytes are the Reserved field
        ]
    )


def build_dir_stream(
    project_name: str,
    modules: Sequence[DirModule],
    code_page: int = 1252,
    references: Sequence[Reference] = DEFAULT_REFERENCES,
) -> bytes:
    """The compressed ``dir`` stream, as stored in the compound file."""
    return compress(dir_records(project_name, modules, code_page, references))
