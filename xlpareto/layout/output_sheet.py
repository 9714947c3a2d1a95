"""One output sheet as data: its tables, areas and charts, its print setup and the column
widths every writer gives it (:class:`SheetSpec`).

Every writer of an output sheet (XlsxWriter for the template and ``xlpareto report``, the
bulk writer for large tables, xlwings for the refresh) renders one :class:`SheetSpec`, so
headers, number formats, widths, tier colours and chart bindings are said once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlpareto.layout.charts import ChartSpec
from xlpareto.layout.sheets import AreaSpec, Position, TableSpec, column_letter


@dataclass(frozen=True)
class PrintSetup:
    """Page setup: orientation, table header repeated on every page, frozen header,
    printed one page wide (as many pages down as needed), and the columns printed.

    ``columns``: zero-based ``(first, last)`` sheet-column spans of the print area, each
    printed from a new page over the rows its parts take (:func:`~xlpareto.layout.content.
    print_ranges`); empty prints the whole used range. One page wide over the whole
    Analysis sheet (table, summary, chart, blocks side by side) shrinks the table to an
    unreadable size, so it prints the table with its summary, then the chart with the
    blocks under it.
    """

    landscape: bool = True
    repeat_table_header: bool = True
    freeze_table_header: bool = True
    one_page_wide: bool = False
    columns: tuple[tuple[int, int], ...] = ()


def print_area(ranges: Sequence[tuple[int, int, int, int]], sheet: str | None = None) -> str:
    """A print area of zero-based ``(top, left, bottom, right)`` ranges in A1, comma
    separated (Excel prints each from a new page), each on ``sheet`` when given.

    Examples
    --------
    >>> print_area([(0, 0, 204, 12), (3, 14, 40, 19)])
    '$A$1:$M$205,$O$4:$T$41'
    >>> print_area([(0, 0, 9, 1)], "Analysis")
    "'Analysis'!$A$1:$B$10"
    """
    prefix = "" if sheet is None else "'" + sheet.replace("'", "''") + "'!"
    return ",".join(
        f"{prefix}${column_letter(left)}${top + 1}:${column_letter(right)}${bottom + 1}"
        for top, left, bottom, right in ranges
    )


@dataclass(frozen=True)
class SheetSpec:
    """One output sheet: title, stamp and note cells, its tables, block areas and charts.

    Attributes
    ----------
    name, title : the tab name and the title text (at ``title_cell``).
    title_cell, stamp_cell : where the title and the "last refreshed" stamp go.
    tables : the sheet's Excel tables; the first is its main table (frozen header, printed
        header rows).
    areas : rectangles of blocks the writers own.
    charts : native charts bound to the tables.
    print_setup : page setup.
    note_cell : the one line saying why the sheet has no figures (e.g. no prior revenue).
    """

    name: str
    title: str
    title_cell: Position
    stamp_cell: Position
    tables: tuple[TableSpec, ...]
    areas: tuple[AreaSpec, ...]
    charts: tuple[ChartSpec, ...]
    print_setup: PrintSetup = PrintSetup()
    note_cell: Position = (2, 0)

    @property
    def table(self) -> TableSpec:
        """The main table."""
        return self.tables[0]

    def table_named(self, name: str) -> TableSpec:
        """The table called ``name``."""
        return next(table for table in self.tables if table.name == name)

    def area(self, name: str) -> AreaSpec:
        """The area called ``name``."""
        return next(area for area in self.areas if area.name == name)

    def chart(self, name: str) -> ChartSpec:
        """The chart called ``name``."""
        return next(chart for chart in self.charts if chart.name == name)


def column_widths(spec: SheetSpec) -> dict[int, float]:
    """Zero-based sheet column -> width: the widest any table or area of ``spec`` gives it
    (the one rule every backend follows). A table in hidden columns gives none: a width
    would show its columns again."""
    widths: dict[int, float] = {}
    for table in spec.tables:
        if table.hidden_columns:
            continue
        for column in table.columns:
            col = table.column_of(column.header)
            widths[col] = max(widths.get(col, 0), column.width)
    for area in spec.areas:
        for offset, width in enumerate(area.widths):
            col = area.top_left[1] + offset
            widths[col] = max(widths.get(col, 0), width)
    return dict(sorted(widths.items()))
