"""The one text/number rule for XlsxWriter cells: text stays literal text, numbers numbers.

Every XlsxWriter writer of ours (template sheets, ``report``) writes values through
:func:`write_cell`, so a client named ``=1+1`` or ``@SUM(A1)`` is never a formula.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet


def write_cell(sheet: Worksheet, row: int, col: int, value: Any, cell_format: Any = None) -> None:
    """Write one value by type: text as a literal string, numbers as numbers, "" blank."""
    if isinstance(value, str):
        if value == "":
            sheet.write_blank(row, col, None, cell_format)
        else:
            sheet.write_string(row, col, value, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif value is None:
        sheet.write_blank(row, col, None, cell_format)
    else:
        sheet.write_number(row, col, value, cell_format)
