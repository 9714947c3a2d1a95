"""Numbers written as text (CSV, text columns): detect the separators, then parse vectorised.

Both "1.234,56" (decimal comma, dot thousands) and "1,234.56" (decimal point, comma
thousands) occur in exports. Spaces, non-breaking spaces, apostrophes (Swiss ``1'234.50``),
currency signs and codes are ignored; ``(1,234.00)`` is negative. A text that does not fit
the chosen style exactly (``1,2,3``, ``12abc``, ``n/a``) is *not a number* – it is skipped
and counted like a blank, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from xlpareto.errors import XlparetoError

#: Characters dropped before parsing: whitespace, apostrophes, currency signs.
_NOISE = r"[\s\u00a0\u202f'’€$£¥]"
#: A currency code before or after the number (``CHF 1'234.50``, ``1.234,50 EUR``).
_CURRENCY_CODE = r"^[A-Z]{3}(?=[-+(\d.,])|(?<=[\d.,)])[A-Z]{3}$"
_GROUPED = {",": r"^[+-]?\d{1,3}(?:,\d{3})+$", ".": r"^[+-]?\d{1,3}(?:\.\d{3})+$"}
_SIMPLE_DECIMAL = {",": r"^[+-]?\d*,\d+$", ".": r"^[+-]?\d*\.\d+$"}


@dataclass(frozen=True)
class NumberStyle:
    """How numbers are written: the decimal separator and the thousands separator."""

    decimal: str = "."
    thousands: str = ","

    @classmethod
    def for_decimal(cls, decimal: str) -> NumberStyle:
        """The style with ``decimal`` ("." or ",") and the other one as thousands separator."""
        if decimal not in (".", ","):
            raise XlparetoError(f"--decimal: must be '.' or ',', got {decimal!r}")
        return cls(decimal, "," if decimal == "." else ".")

    @property
    def pattern(self) -> str:
        """Regular expression a cleaned text must match in full."""
        thousands, decimal = re.escape(self.thousands), re.escape(self.decimal)
        integer = rf"(?:\d{{1,3}}(?:{thousands}\d{{3}})+|\d+)"
        return rf"^[+-]?(?:{integer}(?:{decimal}\d*)?|{decimal}\d+)(?:[eE][+-]?\d+)?$"


def clean_text(values: pd.Series) -> pd.Series:
    """Texts without noise characters; ``(x)`` becomes ``-x``.

    Only the texts that hold anything but digits, separators, signs and exponents are
    rewritten, so a plain numeric column costs one vectorised scan.
    """
    text = values.astype("string").fillna("")
    noisy = text.str.contains(r"[^0-9.,+\-eE]", regex=True).to_numpy(dtype=bool)
    if noisy.any():
        dirty = text[noisy].str.replace(_NOISE, "", regex=True)
        dirty = dirty.str.replace(_CURRENCY_CODE, "", regex=True)
        text = text.copy()
        text[noisy] = dirty.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    return text


def detect_style(columns: list[pd.Series], delimiter: str | None = None) -> NumberStyle:
    """Guess the number style from cleaned texts of the numeric columns.

    Decisive evidence wins: a value with both separators (the last one is the decimal one), a
    separator followed by other than three digits (a decimal separator), or one used twice in
    three-digit groups (a thousands separator). Undecided values such as ``1,234`` follow the
    file's convention: decimal comma when the delimiter is ``;``, else decimal point.
    """
    votes = {",": 0, ".": 0}
    for text in columns:
        text = text[text != ""]
        if text.empty:
            continue
        has_comma, has_dot = (
            text.str.contains(",", regex=False),
            text.str.contains(".", regex=False),
        )
        both = text[has_comma & has_dot]
        if not both.empty:
            comma_last = both.str.rfind(",") > both.str.rfind(".")
            votes[","] += int(comma_last.sum())
            votes["."] += int((~comma_last).sum())
        for separator, other in ((",", "."), (".", ",")):
            only = text[(has_comma if separator == "," else has_dot) & ~(has_dot & has_comma)]
            if only.empty:
                continue
            decimal_like = only.str.match(_SIMPLE_DECIMAL[separator])  # 12,5 and 1,234
            grouped = only.str.match(_GROUPED[separator])  # 1,234 and 1,234,567
            votes[separator] += int((decimal_like & ~grouped).sum())
            votes[other] += int((grouped & ~decimal_like).sum())
    if votes[","] > votes["."]:
        return NumberStyle.for_decimal(",")
    if votes["."] > votes[","]:
        return NumberStyle.for_decimal(".")
    return NumberStyle.for_decimal("," if delimiter == ";" else ".")


def shows_thousands(columns: list[pd.Series], style: NumberStyle) -> bool:
    """Whether some number in ``columns`` is written with ``style``'s thousands separator.

    Only then is the style known beyond doubt for a text such as ``50.000`` given as an
    option (see :func:`xlpareto.io.options.parse_amount`).

    Examples
    --------
    >>> style = NumberStyle.for_decimal(",")
    >>> shows_thousands([pd.Series(["1.234,56", "7"])], style)
    True
    >>> shows_thousands([pd.Series(["1234,56"])], style)
    False
    """
    for text in columns:
        grouped = text.str.contains(style.thousands, regex=False) & text.str.match(style.pattern)
        if bool(grouped.fillna(False).any()):
            return True
    return False


def style_hint(text: pd.Series, style: NumberStyle) -> str:
    """A hint when no text of a column is a number in ``style`` but some are in the other
    style (``--decimal`` chosen the wrong way round), else "".

    Examples
    --------
    >>> style_hint(pd.Series(["1.234,56", "7,5"]), NumberStyle.for_decimal("."))
    'the column looks like 1.234,56 numbers: try --decimal ,'
    >>> style_hint(pd.Series(["1,234.56"]), NumberStyle.for_decimal(","))
    'the column looks like 1,234.56 numbers: try --decimal .'
    >>> style_hint(pd.Series(["1234.5"]), NumberStyle.for_decimal("."))
    ''
    """
    if not np.isnan(parse_numbers(text, style)).all():
        return ""
    other = NumberStyle.for_decimal("," if style.decimal == "." else ".")
    if np.isnan(parse_numbers(text, other)).all():
        return ""
    example = f"1{other.thousands}234{other.decimal}56"
    return f"the column looks like {example} numbers: try --decimal {other.decimal}"


def parse_numbers(text: pd.Series, style: NumberStyle) -> np.ndarray:
    """Floats from cleaned texts in ``style``; blanks and non-numbers become NaN."""
    valid = text.str.match(style.pattern).fillna(False).to_numpy(dtype=bool)
    result = np.full(len(text), np.nan)
    if not valid.any():
        return result
    plain = text[valid]
    if plain.str.contains(style.thousands, regex=False).any():
        plain = plain.str.replace(style.thousands, "", regex=False)
    if style.decimal != ".":
        plain = plain.str.replace(style.decimal, ".", regex=False)
    try:
        result[valid] = plain.astype("float64").to_numpy()
    except (ValueError, TypeError):  # a form the fast cast does not take (e.g. "5.")
        result[valid] = pd.to_numeric(plain, errors="coerce").to_numpy(dtype=float)
    result[~np.isfinite(result)] = np.nan
    return result
