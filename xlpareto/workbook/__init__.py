"""The workbook builder: the Analysis sheet, the template and fresh user workbooks.

``add_analysis_sheet`` writes the Analysis sheet into any XlsxWriter workbook (the template
and ``xlpareto report``); ``analysis_blocks`` gives the same content as plain 2-D lists for
the refresh macro. The VBA project writer lives in ``xlpareto.workbook.vba``.
"""

from __future__ import annotations

from xlpareto.workbook.analysis_sheet import add_analysis_sheet
from xlpareto.workbook.blocks import (
    Block,
    analysis_blocks,
    analysis_table_rows,
    summary_block,
    summary_formats,
)
from xlpareto.workbook.builder import build_template, new_workbook, workbook_bytes
from xlpareto.workbook.formats import WORKBOOK_OPTIONS, Formats

__all__ = [
    "WORKBOOK_OPTIONS",
    "Block",
    "Formats",
    "add_analysis_sheet",
    "analysis_blocks",
    "analysis_table_rows",
    "build_template",
    "new_workbook",
    "summary_block",
    "summary_formats",
    "workbook_bytes",
]
