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

from xlpareto.workbook import ribbon
from xlpareto.workbook.bulk_rows import DeferredBody, splice

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
#: Parts at least this large (a bulk-written sheet) are deflated at level 1: about 4x faster
#: on a 100,000-row sheet for a file about a quarter larger.
LARGE_PART = 1 << 20


def write_reproducible_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``parts`` in the given order with fixed timestamps, attributes and
    compression levels (so the same parts give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            level = 1 if len(data) >= LARGE_PART else COMPRESS_LEVEL
            package.writestr(info, data, compresslevel=level)
    return buffer.getvalue()


def assemble(
    package: bytes,
    deferred: Iterable[DeferredBody] = (),
    custom_ui: str | None = None,
) -> bytes:
    """The finished workbook file from the zip XlsxWriter saved.

    Parameters
    ----------
    package : the bytes ``xlsxwriter.Workbook.close()`` wrote.
    deferred : table bodies to splice in (from the sheet renderers' bulk path).
    custom_ui : a ribbon ``customUI`` XML part to add (with its relationship).

    Returns
    -------
    bytes : the package, rewritten once, reproducibly.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for body in deferred:
        splice(parts, body)
    if custom_ui is not None:
        parts = ribbon.with_custom_ui(parts, custom_ui)
    return write_reproducible_zip(parts.items())
