"""Number formats shared by every writer (template, report, refresh)."""

from __future__ import annotations

CURRENCY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "0"
#: A rank: an integer kept one letter's width off the right edge, so it does not touch the
#: (left-aligned) client name in the next column.
RANK_FORMAT = "0_M"
RATIO_FORMAT = "0.000"
TEXT_FORMAT = "@"  # Text: what is written stays literal text (never a formula)
GENERAL_FORMAT = "General"
