"""The workbook builder: renders the sheet descriptions through XlsxWriter, packages once.

``add_analysis_sheet`` writes the Analysis sheet and ``add_money_sheets`` the Growth,
Profit and Pipeline sheets into any XlsxWriter workbook (the template and ``xlpareto
report``); :func:`~xlpareto.workbook.package.assemble` turns the saved zip
into the finished file (bulk table bodies, ribbon). The content itself is pure data in
:mod:`xlpareto.layout.analysis_content`; the VBA project writer lives in
``xlpareto.workbook.vba``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlpareto.workbook.analysis_sheet import (
        WrittenSheet,
        add_analysis_sheet,
        add_money_sheets,
    )
    from xlpareto.workbook.builder import build_template, new_workbook, workbook_bytes
    from xlpareto.workbook.formats import WORKBOOK_OPTIONS, Formats
    from xlpareto.workbook.package import assemble

#: Each name's module, imported on first use: ``xlpareto report`` needs the sheet writers
#: only, not the template builder and what it loads (xlwings, the VBA project writer):
#: 0.06 s less at every report.
_MODULES = {
    "WORKBOOK_OPTIONS": "formats",
    "Formats": "formats",
    "WrittenSheet": "analysis_sheet",
    "add_analysis_sheet": "analysis_sheet",
    "add_money_sheets": "analysis_sheet",
    "assemble": "package",
    "build_template": "builder",
    "new_workbook": "builder",
    "workbook_bytes": "builder",
}

__all__ = [
    "WORKBOOK_OPTIONS",
    "Formats",
    "WrittenSheet",
    "add_analysis_sheet",
    "add_money_sheets",
    "assemble",
    "build_template",
    "new_workbook",
    "workbook_bytes",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
