"""Shared XlsxWriter cell formats: one :class:`Formats` per workbook, created on first use.

Examples
--------
>>> import io, xlsxwriter
>>> book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
>>> formats = Formats(book)
>>> formats.number("0.0%") is formats.number("0.0%")
True
"""

from __future__ import annotations

from functools import cached_property

import xlsxwriter
from xlsxwriter.format import Format

#: Workbook options every writer of ours uses: text stays text ("=1+1" is never a formula).
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

#: Fill colours of the tiers, best first (cycled for more than three tiers).
TIER_FILLS = ("#C6EFCE", "#FFEB9C", "#FFC7CE", "#D9D9D9")
TIER_FONTS = ("#006100", "#9C5700", "#9C0006", "#404040")
ACCENT = "#1F4E78"


class Formats:
    """The cell formats of one XlsxWriter workbook (each created once)."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        self._numbers: dict[str | None, Format] = {}

    def number(self, num_format: str | None) -> Format | None:
        """A format with just this number format (``None``: no format)."""
        if num_format is None:
            return None
        if num_format not in self._numbers:
            self._numbers[num_format] = self.workbook.add_format({"num_format": num_format})
        return self._numbers[num_format]

    @cached_property
    def title(self) -> Format:
        """Sheet title."""
        return self.workbook.add_format({"bold": True, "font_size": 16, "font_color": ACCENT})

    @cached_property
    def subtitle(self) -> Format:
        """Section heading."""
        return self.workbook.add_format({"bold": True, "font_size": 12, "font_color": ACCENT})

    @cached_property
    def bold(self) -> Format:
        """Bold text (block headers, labels)."""
        return self.workbook.add_format({"bold": True})

    @cached_property
    def header_right(self) -> Format:
        """Bold, right aligned: the header of a column of numbers."""
        return self.workbook.add_format({"bold": True, "align": "right"})

    def figure(self, num_format: str) -> Format:
        """A key figure's value: a big bold number with a number format."""
        key = f"figure:{num_format}"
        if key not in self._numbers:
            self._numbers[key] = self.workbook.add_format(
                {"num_format": num_format, "bold": True, "font_size": 13, "font_color": ACCENT}
            )
        return self._numbers[key]

    @cached_property
    def muted(self) -> Format:
        """Grey italic note (stamps, help texts)."""
        return self.workbook.add_format({"italic": True, "font_color": "#595959"})

    @cached_property
    def wrap(self) -> Format:
        """Wrapped text, top aligned."""
        return self.workbook.add_format({"text_wrap": True, "valign": "top"})

    def input_number(self, num_format: str) -> Format:
        """An editable input cell (light yellow, bordered) with a number format."""
        key = f"input:{num_format}"
        if key not in self._numbers:
            self._numbers[key] = self.workbook.add_format(
                {
                    "num_format": num_format,
                    "bg_color": "#FFF2CC",
                    "border": 1,
                    "border_color": "#BFBFBF",
                }
            )
        return self._numbers[key]

    def tier(self, index: int) -> Format:
        """Conditional-format style of the tier with this index (0 = best)."""
        key = f"tier:{index % len(TIER_FILLS)}"
        if key not in self._numbers:
            i = index % len(TIER_FILLS)
            self._numbers[key] = self.workbook.add_format(
                {"bg_color": TIER_FILLS[i], "font_color": TIER_FONTS[i]}
            )
        return self._numbers[key]
