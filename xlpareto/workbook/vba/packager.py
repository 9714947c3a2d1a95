"""Assemble ``vbaProject.bin``: module sources -> module streams, dir, PROJECT, compound file.

Module streams hold only compressed source (MODULEOFFSET 0, no performance cache). The
stored source is what the VBA editor keeps after importing a ``.bas``/``.cls`` export:
CRLF line ends, the ``VERSION``/``BEGIN``…``END`` block of a class export dropped, and the
attribute header the editor writes for class and document modules (checked against the
vbaProject.bin that xlwings ships).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from xlpareto.errors import XlparetoError
from xlpareto.workbook.vba.cfb import build_compound_file
from xlpareto.workbook.vba.compression import compress
from xlpareto.workbook.vba.dir_stream import DirModule, build_dir_stream
from xlpareto.workbook.vba.project_stream import (
    ProjectModule,
    build_project_stream,
    build_project_wm_stream,
)
from xlpareto.workbook.vba.vba_project_stream import build_vba_project_stream

WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
WORKBOOK_CODE_NAME = "ThisWorkbook"
_PROJECT_ID_NAMESPACE = uuid.UUID("8a4c3b52-6a0e-5f43-9d1e-3c1f0b7e2a10")

# The attribute header the VBA editor stores, in its order, with its defaults.
_HEADER_DEFAULTS = {
    "class": {
        "VB_Base": f'"{CLASS_BASE}"',
        "VB_GlobalNameSpace": "False",
        "VB_Creatable": "False",
        "VB_PredeclaredId": "False",
        "VB_Exposed": "False",
        "VB_TemplateDerived": "False",
        "VB_Customizable": "False",
    },
    "document": {
        "VB_Base": None,  # workbook or worksheet, chosen by name
        "VB_GlobalNameSpace": "False",
        "VB_Creatable": "False",
        "VB_PredeclaredId": "True",
        "VB_Exposed": "True",
        "VB_TemplateDerived": "False",
        "VB_Customizable": "True",
    },
    "standard": {},
}
_RESERVED_NAMES = {"DIR"}  # would clash with the VBA/dir stream
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_ATTRIBUTE = re.compile(r"Attribute\s+(\w+)\s*=\s*(.*)")
_CLASS_EXPORT_BLOCK = re.compile(r"VERSION 1\.0 CLASS\r\nBEGIN\r\n(?:.*\r\n)*?END\r\n")


@dataclass(frozen=True)
class VbaModule:
    """One VBA module from a ``.bas``/``.cls`` export.

    Attributes
    ----------
    name : str
        Module name, e.g. ``"xlwings"``, ``"ThisWorkbook"``, ``"shStart"``, ``"Dictionary"``.
    kind : {"standard", "class", "document"}
        Standard module, class module, or the document module of the workbook or a sheet
        (its name is the workbook's or sheet's codeName).
    code : str
        The source as in an export; may include the ``Attribute VB_Name = ...`` header.
    """

    name: str
    kind: Literal["standard", "class", "document"]
    code: str


def _split_header(code: str) -> tuple[dict[str, str], str]:
    """Leading ``Attribute`` lines (name -> raw value, in order) and the rest of the code."""
    attributes: dict[str, str] = {}
    lines = code.split("\r\n")
    index = 0
    while index < len(lines) and (match := _ATTRIBUTE.fullmatch(lines[index])):
        attributes[match.group(1)] = match.group(2)
        index += 1
    return attributes, "\r\n".join(lines[index:])


def stored_source(module: VbaModule) -> str:
    """The module text as the VBA editor stores it (CRLF, canonical attribute header).

    Examples
    --------
    >>> stored_source(VbaModule("Module1", "standard", "Sub A()\\nEnd Sub\\n"))
    'Attribute VB_Name = "Module1"\\r\\nSub A()\\r\\nEnd Sub\\r\\n'
    """
    code = module.code.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    if module.kind == "class":
        code = _CLASS_EXPORT_BLOCK.sub("", code, count=1) if code.startswith("VERSION") else code
    attributes, body = _split_header(code)
    declared = attributes.pop("VB_Name", None)
    if declared is not None and declared.strip('"') != module.name:
        raise XlparetoError(
            f"VBA module {module.name!r} declares the different name {declared} in its source."
        )
    header = {"VB_Name": f'"{module.name}"'}
    for key, default in _HEADER_DEFAULTS[module.kind].items():
        if key == "VB_Base" and default is None:
            default = f'"{WORKBOOK_BASE if module.name == WORKBOOK_CODE_NAME else WORKSHEET_BASE}"'
        header[key] = attributes.pop(key, default)
    header.update(attributes)  # further module attributes (e.g. VB_Description) keep their order
    text = "".join(f"Attribute {key} = {value}\r\n" for key, value in header.items()) + body
    return text if text.endswith("\r\n") else text + "\r\n"


def module_description(module: VbaModule) -> str:
    """The module's ``Attribute VB_Description`` text ("" without one), for MODULEDOCSTRING.

    The value is a VBA string literal: its quotes are removed and doubled quotes undone;
    nothing else is unescaped (VBA strings have no escapes).

    Examples
    --------
    >>> module_description(VbaModule("M", "standard", 'Attribute VB_Description = "Say ""hi"" "'))
    'Say "hi" '
    """
    attributes, _ = _split_header(stored_source(module))
    value = attributes.get("VB_Description", "").strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].replace('""', '"')
    return value


def _check_modules(modules: Sequence[VbaModule], project_name: str) -> None:
    if not _IDENTIFIER.fullmatch(project_name):
        raise XlparetoError(f"Invalid VBA project name {project_name!r}.")
    seen: set[str] = set()
    for module in modules:
        if module.kind not in _HEADER_DEFAULTS:
            raise XlparetoError(f"Unknown VBA module kind {module.kind!r}.")
        if not _IDENTIFIER.fullmatch(module.name):
            raise XlparetoError(
                f"Invalid VBA module name {module.name!r}: use up to 31 letters, digits or _, "
                "starting with a letter."
            )
        if module.name.upper() in _RESERVED_NAMES:
            raise XlparetoError(f"A VBA module cannot be called {module.name!r}.")
        if module.name.upper() in seen:
            raise XlparetoError(f"Duplicate VBA module name {module.name!r}.")
        seen.add(module.name.upper())


def project_id(project_name: str, modules: Sequence[VbaModule]) -> str:
    """A deterministic ``{GUID}`` for the project (Office writes a random one)."""
    key = "|".join([project_name, *(f"{m.kind}:{m.name}" for m in modules)])
    return "{" + str(uuid.uuid5(_PROJECT_ID_NAMESPACE, key)).upper() + "}"


def build_vba_project(
    modules: Sequence[VbaModule], project_name: str = "VBAProject", code_page: int = 1252
) -> bytes:
    """Build ``vbaProject.bin`` (an MS-OVBA project in a compound file) from module sources.

    Parameters
    ----------
    modules : Sequence[VbaModule]
        The modules, in the order the VBA editor should list them.
    project_name : str
        The VBA project name.
    code_page : int
        Code page of the source text and names (1252: Western European).

    Returns
    -------
    bytes
        The compound file; the same input always gives the same bytes.

    Examples
    --------
    >>> data = build_vba_project([
    ...     VbaModule("ThisWorkbook", "document", ""),
    ...     VbaModule("Module1", "standard", "Sub Hello()\\r\\n    MsgBox 1\\r\\nEnd Sub\\r\\n"),
    ... ])
    >>> data[:8].hex()
    'd0cf11e0a1b11ae1'
    """
    _check_modules(modules, project_name)
    encoding = f"cp{code_page}"
    streams: dict[str, bytes] = {}
    identifier = project_id(project_name, modules)
    try:
        streams["PROJECT"] = build_project_stream(
            identifier, project_name, [ProjectModule(m.name, m.kind) for m in modules], code_page
        )
        streams["PROJECTwm"] = build_project_wm_stream([m.name for m in modules], code_page)
        streams["VBA/_VBA_PROJECT"] = build_vba_project_stream()
        dir_modules = [
            DirModule(m.name, procedural=m.kind == "standard", docstring=module_description(m))
            for m in modules
        ]
        streams["VBA/dir"] = build_dir_stream(project_name, dir_modules, code_page)
        for module in modules:
            streams[f"VBA/{module.name}"] = compress(stored_source(module).encode(encoding))
    except UnicodeEncodeError as error:
        raise XlparetoError(
            f"VBA text has a character that code page {code_page} cannot hold: "
            f"{error.object[error.start : error.end]!r}."
        ) from error
    except LookupError as error:
        raise XlparetoError(f"Unknown code page {code_page}.") from error
    return build_compound_file(streams)
