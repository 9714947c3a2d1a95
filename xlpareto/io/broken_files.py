"""Recognise workbooks that cannot be read, and decode the text escapes of .xlsx cells.

A password-protected .xlsx is not a zip package but an OLE compound file holding an
``EncryptionInfo`` stream; it is named as such instead of "not a zip file". Damaged
packages raise a handful of exception types from zipfile, zlib, the XML parser and openpyxl;
:data:`BROKEN_WORKBOOK` lists them so a reader turns each into one ``XlparetoError`` line.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

#: What reading a damaged .xlsx can raise (zip, deflate, XML, openpyxl's own parsing).
BROKEN_WORKBOOK: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    ElementTree.ParseError,
    OSError,
    # zipfile: an entry of an unknown zip version, compression or flag (damaged headers)
    NotImplementedError,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ole_kind(path: Path) -> str | None:
    """``"encrypted"`` for a password-protected workbook, ``"ole"`` for another OLE file
    (e.g. an old .xls), None when ``path`` is not an OLE compound file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_OLE_MAGIC))
            if head != _OLE_MAGIC:
                return None
            body = handle.read(64 * 1024 * 1024)
    except OSError:
        return None
    return "encrypted" if _ENCRYPTION_INFO in body else "ole"


def unreadable_reason(path: Path, error: BaseException) -> str:
    """Why ``path`` could not be read as an .xlsx, in one short phrase.

    Examples
    --------
    >>> unreadable_reason(Path("missing.xlsx"), zipfile.BadZipFile("File is not a zip file"))
    'not a readable Excel workbook (File is not a zip file)'
    """
    kind = ole_kind(path)
    if kind == "encrypted":
        return (
            "the workbook is password-protected (encrypted); remove the password in Excel "
            "(File > Info > Protect Workbook) and save it again"
        )
    if kind == "ole":
        return "an old-format .xls file (save it as .xlsx in Excel)"
    detail = " ".join(str(error).split()) or type(error).__name__
    return f"not a readable Excel workbook ({detail})"


def decode_escapes(value: object) -> object:
    """Decode OOXML's ``_xHHHH_`` escapes in a cell text (``_x005F_`` is a literal ``_``).

    Examples
    --------
    >>> decode_escapes("Acme_x000D_ Ltd"), decode_escapes("_x005F_x000D_"), decode_escapes(3)
    ('Acme\\r Ltd', '_x000D_', 3)
    """
    if isinstance(value, str) and "_x" in value:
        return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value
