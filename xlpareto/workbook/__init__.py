"""The workbook builder: renders the sheet descriptions through XlsxWriter, packages once.

``add_analysis_sheet`` writes the Analysis sheet and ``add_money_sheets`` the Growth,
Profit and Pipeline sheets into any XlsxWriter workbook (the template and ``xlpareto
report``); :func:`~xlpareto.workbook.package.assemble` turns the saved zip
into the finished file (bulk table bodies, ribbon). The content itself is pure data in
:mod:`xlpareto.layout.analysis_content`; the VBA project writer lives in
``xlpareto.workbook.vba``.
"""

from __future__ import annotations

from xlpareto.workbook.analysis_sheet import WrittenSheet, add_analysis_sheet, add_money_sheets
from xlpareto.workbook.builder import build_template, new_workbook, workbook_bytes
from xlpareto.workbook.formats import WORKBOOK_OPTIONS, Formats
from xlpareto.workbook.package import assemble

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
