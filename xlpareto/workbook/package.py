"""The one packaging step: XlsxWriter's zip, the bulk table bodies and the ribbon, once.

XlsxWriter writes every part it knows (sheets, tables, charts, styles, VBA project); two
things it cannot write are added here, in one pass over the package: large table bodies
rendered in bulk (:mod:`xlpareto.workbook.bulk_rows`) and the ribbon's ``customUI`` part
(:mod:`xlpareto.workbook.ribbon`). Entries are written in XlsxWriter's order (the ribbon
part last) by :class:`~xlpareto.workbook.zip_stream.ZipStreamWriter`: the parts nobody
changes are copied compressed as XlsxWriter wrote them, the few edited ones (table ranges,
content types, relationships) are deflated again, and a sheet with a bulk body is streamed
into its entry block by block (never held whole). Timestamps and attributes are fixed, so
the same input gives the same bytes.

Examples
--------
>>> import io, zipfile
>>> plain = io.BytesIO()
>>> with zipfile.ZipFile(plain, "w") as z:
...     z.writestr("[Content_Types].xml", "<Types/>")
>>> package = assemble(plain.getvalue())
>>> [i.date_time for i in zipfile.ZipFile(io.BytesIO(package)).infolist()]
[(1980, 1, 1, 0, 0, 0)]
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from xlpareto.workbook import ribbon
from xlpareto.workbook.bulk_rows import DeferredBody, grown_table, sheet_chunks
from xlpareto.workbook.zip_stream import RawEntry, ZipStreamWriter, raw_entries

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Deflate level of the edited small parts (zlib's default, as XlsxWriter's parts).
COMPRESS_LEVEL = 6
#: Deflate level of a streamed bulk sheet: about 4x faster than level 6 on a 100,000-row
#: sheet for a file about a quarter larger.
BULK_LEVEL = 1
_RIBBON_PARTS = ("[Content_Types].xml", "_rels/.rels")


def _inflate(entry: RawEntry) -> bytes:
    if entry.compress_type == 0:
        return bytes(entry.data)
    return zlib.decompress(entry.data, -15)


def _write(
    target: BinaryIO,
    entries: list[RawEntry],
    deferred: list[DeferredBody],
    custom_ui: str | None,
) -> None:
    sheets: dict[str, list[DeferredBody]] = {}
    for body in deferred:
        sheets.setdefault(body.sheet_part, []).append(body)
    edited: dict[str, bytes] = {}
    for entry in entries:
        if entry.name.startswith("xl/tables/"):
            for body in deferred:
                grown = grown_table(edited.get(entry.name) or _inflate(entry), body)
                if grown is not None:
                    edited[entry.name] = grown
    if custom_ui is not None:
        own = {e.name: _inflate(e) for e in entries if e.name in _RIBBON_PARTS}
        edited.update(ribbon.with_custom_ui(own, custom_ui))
    with ZipStreamWriter(target) as package:
        for entry in entries:
            if entry.name in sheets:
                chunks = sheet_chunks(_inflate(entry), sheets[entry.name])
                package.write_stream(entry.name, chunks, BULK_LEVEL)
            elif entry.name in edited:
                package.write_bytes(entry.name, edited.pop(entry.name), COMPRESS_LEVEL)
            elif custom_ui is None or entry.name != ribbon.CUSTOM_UI_PART:
                package.copy_raw(entry)
        for name, data in edited.items():  # the ribbon part, last
            package.write_bytes(name, data, COMPRESS_LEVEL)


def assemble(
    package: bytes,
    deferred: Iterable[DeferredBody] = (),
    custom_ui: str | None = None,
    out: Path | None = None,
) -> bytes | None:
    """The finished workbook file from the zip XlsxWriter saved.

    Parameters
    ----------
    package : the bytes ``xlsxwriter.Workbook.close()`` wrote.
    deferred : table bodies to write in (from the sheet renderers' bulk path).
    custom_ui : a ribbon ``customUI`` XML part to add (with its relationship).
    out : write the package straight to this file (streamed; nothing is read back).

    Returns
    -------
    bytes or None : the package, reproducibly (None when ``out`` is given).
    """
    entries = raw_entries(package)
    bodies = [body for body in deferred if body.length]
    if out is not None:
        with open(out, "wb") as target:
            _write(target, entries, bodies, custom_ui)
        return None
    buffer = io.BytesIO()
    _write(buffer, entries, bodies, custom_ui)
    return buffer.getvalue()
