"""What Excel does with a value written through ``Range.Value`` – and A1 reference parsing.

Writing a Python string through COM behaves like typing it into the cell:

- ``"=..."`` becomes a formula; so do ``"+..."``, ``"-..."`` and ``"@..."`` unless the rest is a
  plain number (``"-2"`` is the number -2, ``"-2+3"`` the formula ``=-2+3``, ``"@SUM(A1)"``
  the formula ``=SUM(A1)``).
- A plain number (``"007"``, ``"1e3"``), a percentage (``"50%"``) or ``TRUE``/``FALSE`` is
  converted to a number or boolean.
- A leading apostrophe keeps the rest as literal text (the apostrophe becomes the cell's
  prefix character and is not part of the value).
- In a cell formatted as Text (``"@"``) the string is stored as it is (no formula, no number).
- ``""`` empties the cell. Dates are *not* parsed from strings (Excel would, by locale).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .model import GENERAL, MAX_COLUMNS, MAX_ROWS, TEXT_FORMAT

_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")
_PERCENT = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*%\s*")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_COLS = re.compile(r"\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})")
_ROWS = re.compile(r"\$?(\d{1,7}):\$?(\d{1,7})")


@dataclass(frozen=True)
class Entry:
    """The cell state a write produces. ``kind`` is "empty", "value" or "formula"."""

    kind: str
    value: Any = None
    formula: str | None = None
    prefixed: bool = False
    auto_format: str | None = None  # format Excel applies to a General cell (dates, %)


EMPTY = Entry("empty")


def parse_entry(value: Any, number_format: str = GENERAL) -> Entry:
    """Translate one written Python value into the cell state Excel would store."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return Entry("value", value)
    if isinstance(value, (int, float, Decimal)):
        return Entry("value", float(value))
    if isinstance(value, dt.datetime):
        fmt = "m/d/yyyy" if value.time() == dt.time(0) else "m/d/yyyy h:mm"
        return Entry("value", value.replace(tzinfo=None), auto_format=fmt)
    if isinstance(value, dt.date):
        return Entry(
            "value", dt.datetime(value.year, value.month, value.day), auto_format="m/d/yyyy"
        )
    if isinstance(value, dt.time):
        return Entry("value", value, auto_format="h:mm:ss")
    if not isinstance(value, str):
        raise TypeError(f"Excel can't store a value of type {type(value).__name__}: {value!r}")
    return _parse_text(value, number_format)


def _parse_text(text: str, number_format: str) -> Entry:
    if text == "":
        return EMPTY
    if text.startswith("'"):
        return Entry("value", text[1:], prefixed=True)
    if number_format == TEXT_FORMAT:
        return Entry("value", text)
    if _NUMBER.fullmatch(text):
        return Entry("value", float(text))
    if _PERCENT.fullmatch(text):
        return Entry("value", float(text.strip().rstrip("%")) / 100, auto_format="0%")
    if text.upper() in ("TRUE", "FALSE"):
        return Entry("value", text.upper() == "TRUE")
    if len(text) > 1 and text[0] == "=":
        return Entry("formula", formula=text)
    if len(text) > 1 and text[0] in "+-":
        return Entry("formula", formula="=" + text)
    if len(text) > 1 and text[0] == "@":
        return Entry("formula", formula="=" + text[1:])
    return Entry("value", text)


# --- references ---------------------------------------------------------------------------
def column_number(letters: str) -> int:
    """``"A"`` -> 1, ``"AA"`` -> 27."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    """1 -> ``"A"``, 27 -> ``"AA"``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_address(address: str) -> tuple[int, int, int, int] | None:
    """A1-style address (no sheet) to 1-based inclusive bounds, or None if it isn't one."""
    text = address.strip()
    if match := _COLS.fullmatch(text):
        c1, c2 = column_number(match[1]), column_number(match[2])
        return 1, min(c1, c2), MAX_ROWS, max(c1, c2)
    if match := _ROWS.fullmatch(text):
        r1, r2 = int(match[1]), int(match[2])
        return min(r1, r2), 1, max(r1, r2), MAX_COLUMNS
    parts = text.split(":")
    if len(parts) > 2:
        return None
    cells = [_CELL.fullmatch(part) for part in parts]
    if not all(cells):
        return None
    rows = [int(m[2]) for m in cells]
    cols = [column_number(m[1]) for m in cells]
    if min(rows) < 1 or max(rows) > MAX_ROWS or min(cols) < 1 or max(cols) > MAX_COLUMNS:
        return None
    return min(rows), min(cols), max(rows), max(cols)


def format_address(bounds: tuple[int, int, int, int], row_abs=True, col_abs=True) -> str:
    """1-based inclusive bounds to ``$A$1`` / ``$A$1:$B$2``."""
    r1, c1, r2, c2 = bounds
    rp, cp = ("$" if row_abs else ""), ("$" if col_abs else "")
    first = f"{cp}{column_letters(c1)}{rp}{r1}"
    if (r1, c1) == (r2, c2):
        return first
    return f"{first}:{cp}{column_letters(c2)}{rp}{r2}"


def quote_sheet(name: str) -> str:
    """Sheet name as it appears in a reference (quoted when needed)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) and not _CELL.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def split_reference(reference: str) -> tuple[str | None, str]:
    """``"=Settings!$B$4"`` -> ("Settings", "$B$4"); ``"'My S'!A1"`` -> ("My S", "A1")."""
    text = reference.strip().removeprefix("=")
    if "!" not in text:
        return None, text
    sheet, _, address = text.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, address
