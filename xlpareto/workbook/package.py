"""The one packaging step: XlsxWriter's zip, the bulk table bodies and the ribbon, once.

XlsxWriter writes every part it knows (sheets, tables, charts, styles, VBA project); two
things it cannot write are added here, in one rewrite of the package: large table bodies
rendered in bulk (:mod:`xlpareto.workbook.bulk_rows`) and the ribbon's ``customUI`` part
(:mod:`xlpareto.workbook.ribbon`). Entries are written in XlsxWriter's order (the ribbon
part last) with fixed timestamps and attributes, so the same input gives the same bytes.

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
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from xlpareto.workbook import ribbon
from xlpareto.workbook.bulk_rows import DeferredBody, splice

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
#: Parts at least this large (a bulk-written sheet) are deflated at level 1: about 4x faster
#: on a 100,000-row sheet for a file about a quarter larger.
LARGE_PART = 1 << 20


def _info(name: str, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    info.file_size = size  # decides zip64 before the entry is streamed
    info._compresslevel = 1 if size >= LARGE_PART else COMPRESS_LEVEL  # type: ignore[attr-defined]
    return info


def write_reproducible_zip(
    parts: Iterable[tuple[str, bytes | list[bytes]]], target: BinaryIO | None = None
) -> bytes | None:
    """A zip of ``parts`` in the given order with fixed timestamps, attributes and
    compression levels (so the same parts give the same bytes).

    A part given as a list of byte pieces is streamed into its entry piece by piece (never
    joined). With ``target`` (a writable binary file) the zip goes there and None is
    returned; otherwise its bytes are returned.
    """
    buffer = io.BytesIO() if target is None else target
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            chunks = [data] if isinstance(data, bytes) else data
            info = _info(name, sum(map(len, chunks)))
            with package.open(info, "w") as entry:
                for chunk in chunks:
                    entry.write(chunk)
    return buffer.getvalue() if target is None else None


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
    deferred : table bodies to splice in (from the sheet renderers' bulk path).
    custom_ui : a ribbon ``customUI`` XML part to add (with its relationship).
    out : write the package straight to this file (streamed; nothing is read back).

    Returns
    -------
    bytes or None : the package, rewritten once, reproducibly (None when ``out`` is given).
    """
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts: dict[str, bytes | list[bytes]] = {n: source.read(n) for n in source.namelist()}
    del package
    for body in deferred:
        splice(parts, body)
    if custom_ui is not None:
        joined = {n: p if isinstance(p, bytes) else b"".join(p) for n, p in parts.items()}
        parts = dict(ribbon.with_custom_ui(joined, custom_ui))
    if out is None:
        return write_reproducible_zip(parts.items())
    with open(out, "wb") as target:
        write_reproducible_zip(parts.items(), target)
    return None
