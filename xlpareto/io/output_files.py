"""Nothing is lost (SPEC section 12): which files a command may write, and the mark it leaves.

Every file xlpareto writes carries a custom document property ``xlpareto`` naming what it is
(``report``, ``template`` or ``workbook``). A command may replace an existing file only when
``--force`` is given, or when the file is one xlpareto wrote itself *of the kind that command
writes* (``report``/``demo`` replace reports, ``template`` replaces templates): so re-running
a report just works, while a workbook made by ``new`` – the user's own file – or any other
file needs ``--force``. No command ever writes over one of its own inputs, however the path
reaches it (same name, ``..``, a symbolic link or a hard link): files are compared by
identity (device and inode, :func:`os.path.samefile`), not by name.

Why by hand: reading one document property is a few lines of :mod:`zipfile` and
:mod:`xml.etree`; openpyxl would load the whole workbook to read it.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> check_output(folder / "new.xlsx", ".xlsx")  # a new file: fine
>>> (folder / "mine.xlsx").write_text("not a workbook")
14
>>> try:
...     check_output(folder / "mine.xlsx", ".xlsx", replaces=REPORT)
... except XlparetoError as error:
...     print(str(error).split(": ", 1)[1])
already exists; use --force to overwrite it (not an xlpareto report)
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from xlpareto.errors import XlparetoError
from xlpareto.io.broken_files import BROKEN_WORKBOOK

#: Name of the custom document property that marks xlpareto's files.
MARK_PROPERTY = "xlpareto"
REPORT = "report"
TEMPLATE = "template"
WORKBOOK = "workbook"
_CUSTOM_PART = "docProps/custom.xml"
_PROPERTIES = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
_MAX_PART = 1 << 20  # a custom-properties part larger than this is not ours


def mark(kind: str) -> dict[str, str]:
    """The custom property to give a file of this kind (``workbook.set_custom_property``)."""
    return {"name": MARK_PROPERTY, "value": kind}


def written_by_xlpareto(path: Path) -> str | None:
    """The kind of xlpareto file at ``path`` (``"report"``, …), or None for any other file.

    Examples
    --------
    >>> written_by_xlpareto(Path("no such file.xlsx")) is None
    True
    """
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo(_CUSTOM_PART)
            if info.file_size > _MAX_PART:
                return None
            root = ElementTree.fromstring(package.read(info))
    except BROKEN_WORKBOOK:  # damaged or no package: not one of ours
        return None
    for prop in root.iter(_PROPERTIES):
        if prop.get("name") == MARK_PROPERTY:
            return "".join(prop.itertext()).strip() or None
    return None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return False


def check_output(
    out: Path,
    suffix: str,
    inputs: Iterable[Path | None] = (),
    *,
    force: bool = False,
    replaces: str | None = None,
) -> None:
    """Refuse to write ``out`` where that could lose something; one-line errors.

    Parameters
    ----------
    out : the file to write.
    suffix : the extension it must have (``".xlsx"``).
    inputs : the command's input files: never written, ``--force`` or not.
    force : ``--force``: an existing file (not an input) may be replaced.
    replaces : the kind of xlpareto file this command may replace without ``--force``.
    """
    if out.suffix.lower() != suffix:
        raise XlparetoError(f"{out}: the output must be a {suffix} file")
    if out.is_dir():
        raise XlparetoError(f"{out}: is a directory")
    if not out.parent.is_dir():
        raise XlparetoError(f"{out}: the folder {out.parent} does not exist")
    for source in inputs:
        if source is not None and _same_file(out, source):
            raise XlparetoError(
                f"{out}: would overwrite the input file {source} (the same file on disk); "
                "choose another output"
            )
    if not (out.exists() or out.is_symlink()) or force:
        return
    kind = written_by_xlpareto(out)
    if replaces is not None and kind == replaces:
        return
    if kind is None:
        reason = f"not an xlpareto {replaces}" if replaces else "not written by xlpareto"
    else:
        reason = f"an xlpareto {kind}" + (f", not a {replaces}" if replaces else "")
    raise XlparetoError(f"{out}: already exists; use --force to overwrite it ({reason})")
