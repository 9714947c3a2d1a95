"""The hidden ``xlwings.conf`` sheet: keys in column A, values in column B, no blank rows.

xlwings reads it from A1 down to the first blank cell (``GetConfigFromSheet``), upper-cases
the keys, and lets it override the user's and the directory's config files. An *empty*
interpreter entry would still override a user's own setting, so the template leaves the
interpreter keys out (xlwings' default applies) and ``xlpareto new`` writes them.
"""

from __future__ import annotations

import sys

import xlsxwriter

from xlpareto import layout

INTERPRETER_WIN_KEY = "Interpreter_Win"
INTERPRETER_MAC_KEY = "Interpreter_Mac"


def interpreter_entries(interpreter: str | None, platform: str = sys.platform) -> dict[str, str]:
    """Config entries for ``interpreter`` on ``platform`` (both keys off Windows and Mac).

    Examples
    --------
    >>> interpreter_entries(r"C:\\py\\python.exe", "win32")
    {'Interpreter_Win': 'C:\\\\py\\\\python.exe'}
    >>> interpreter_entries(None)
    {}
    """
    if not interpreter:
        return {}
    if platform.startswith("win"):
        return {INTERPRETER_WIN_KEY: interpreter}
    if platform == "darwin":
        return {INTERPRETER_MAC_KEY: interpreter}
    return {INTERPRETER_WIN_KEY: interpreter, INTERPRETER_MAC_KEY: interpreter}


def config_entries(interpreter: str | None = None) -> dict[str, str]:
    """All entries of the sheet, in order."""
    return {layout.UDF_MODULES_KEY: layout.UDF_MODULE, **interpreter_entries(interpreter)}


def add_config_sheet(workbook: xlsxwriter.Workbook, interpreter: str | None = None) -> None:
    """Add the hidden ``xlwings.conf`` sheet."""
    sheet = workbook.add_worksheet(layout.CONFIG_SHEET)
    for row, (key, value) in enumerate(config_entries(interpreter).items()):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value)
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 60)
    sheet.hide()
