"""The parts of output sheets as data: tables, blocks and areas, with derived positions
(charts: :mod:`xlpareto.layout.charts`; a whole sheet: :mod:`xlpareto.layout.output_sheet`).

Every writer renders these parts from one :class:`~xlpareto.layout.output_sheet.SheetSpec`.
Positions are zero-based ``(row, column)`` pairs; :func:`right_of` and :func:`below` derive a
part's place from the part before it, so a wider table moves everything right of it.

Examples
--------
>>> rank = OutputColumn("Rank", "number", "0", 6)
>>> name = OutputColumn("Client", "text", "@", 30)
>>> table = TableSpec("T", (rank, name), (3, 0))
>>> table.last_column, table.column_of("Client")
(1, 1)
>>> right_of(table, gap=1)
(3, 3)
>>> cell_name(3, 14)
'O4'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Position = tuple[int, int]
ColumnKind = Literal["text", "number"]


def column_letter(col: int) -> str:
    """Excel column letters of a zero-based column index (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """A1 name of a zero-based cell (``(3, 0)`` → ``A4``)."""
    return f"{column_letter(col)}{row + 1}"


class _Wide(Protocol):
    @property
    def top_left(self) -> Position: ...

    @property
    def width(self) -> int: ...


class _Tall(Protocol):
    @property
    def top_left(self) -> Position: ...

    @property
    def height(self) -> int: ...


def column_range(table: TableSpec, header: str, rows: int) -> str:
    """Absolute A1 range of a table column's body for ``rows`` data rows (at least one).

    Examples
    --------
    >>> column_range(TableSpec("T", (OutputColumn("x", "number", "0", 6),), (3, 2)), "x", 200)
    '$C$5:$C$204'
    """
    col = column_letter(table.column_of(header))
    first = table.top_left[0] + 2
    return f"${col}${first}:${col}${first + max(rows, 1) - 1}"


def header_cell(table: TableSpec, header: str) -> str:
    """Absolute A1 name of a table column's header cell."""
    return f"${column_letter(table.column_of(header))}${table.top_left[0] + 1}"


def sheet_reference(sheet: str, a1: str) -> str:
    """A formula reference to ``a1`` on ``sheet``: ``='Analysis'!$C$5:$C$204``."""
    return "='" + sheet.replace("'", "''") + "'!" + a1


def right_of(box: _Wide, gap: int = 1) -> Position:
    """Top-left of a part placed right of ``box``, ``gap`` blank columns between, same top."""
    top, left = box.top_left
    return top, left + box.width + gap


def below(box: _Tall, gap: int = 1) -> Position:
    """Top-left of a part placed under ``box``, ``gap`` blank rows between, same left."""
    top, left = box.top_left
    return top + box.height + gap, left


@dataclass(frozen=True)
class OutputColumn:
    """One column of an output table.

    Attributes
    ----------
    header : the column's name (as the engine names its DataFrame column).
    kind : ``"text"`` (always written as literal text, never a formula) or ``"number"``.
    number_format : Excel number format (``"@"`` for text columns).
    width : column width in characters.
    tier_colours : shade the cells by tier label (conditional formats).
    negative_colour : shade negative numbers like the last tier (the "Loss maker" flag).
    """

    header: str
    kind: ColumnKind
    number_format: str
    width: float
    tier_colours: bool = False
    negative_colour: bool = False

    @property
    def is_text(self) -> bool:
        """True for a text column."""
        return self.kind == "text"


@dataclass(frozen=True)
class TableSpec:
    """An Excel table: its name, columns and the position of its header's first cell.

    Attributes
    ----------
    name : the Excel table name.
    columns : the columns in order.
    top_left : zero-based position of the header's first cell.
    style : Excel table style.
    rows : body rows reserved under the header (a part :func:`below` it goes under them);
        None for a table that grows down the sheet (nothing is placed under it).
    hidden_columns : sheet columns hidden from the table's first one (0: none). A chart's
        helper cells (the cutoff lines' constant columns) are hidden, with room for a
        table that grows wider (more cutoffs); the chart shows hidden data. The refresh
        writes such a table only where the workbook has it (an older workbook's chart has
        no series bound to it).
    item : what one row is, in messages ("clients", "prospects").
    """

    name: str
    columns: tuple[OutputColumn, ...]
    top_left: Position
    style: str = "Table Style Medium 2"
    rows: int | None = None
    hidden_columns: int = 0
    item: str = "clients"

    @property
    def height(self) -> int:
        """Rows covered: the header and the reserved body rows (one for a growing table)."""
        return 1 + (self.rows or 1)

    @property
    def headers(self) -> tuple[str, ...]:
        """Column headers in order."""
        return tuple(column.header for column in self.columns)

    @property
    def width(self) -> int:
        """Number of columns."""
        return len(self.columns)

    @property
    def last_column(self) -> int:
        """Zero-based sheet column of the last table column."""
        return self.top_left[1] + self.width - 1

    def column_of(self, header: str) -> int:
        """Zero-based sheet column of the column named ``header``."""
        return self.top_left[1] + self.headers.index(header)

    def column(self, header: str) -> OutputColumn:
        """The column named ``header``."""
        return self.columns[self.headers.index(header)]


@dataclass(frozen=True)
class BlockSpec:
    """A titled block of cells (label/value rows or a small table) in an area.

    Attributes
    ----------
    name : identifier used by the content functions (``"summary"``, ``"budget"``…).
    title : text of the block's first cell.
    header_rows : leading rows shown bold (title, column headers).
    column_formats : number format of a small table's columns, by header.
    default_format : number format of a column not in ``column_formats``.
    label_column : the first column holds row labels (text, no number format).
    reserved_rows : rows the block always takes in its area (None: as many as it has), so
        the blocks after it, and formulas that point at it, don't move with its content.
    """

    name: str
    title: str
    header_rows: int = 1
    column_formats: tuple[tuple[str, str | None], ...] = ()
    default_format: str | None = None
    label_column: bool = False
    reserved_rows: int | None = None

    def formats_for(self, headers: list[str]) -> list[str | None]:
        """Number format of each column of a small table with these ``headers``."""
        known = dict(self.column_formats)
        formats = [known.get(header, self.default_format) for header in headers]
        if self.label_column and formats:
            formats[0] = None
        return formats


@dataclass(frozen=True)
class AreaSpec:
    """A rectangle of the sheet that holds blocks, stacked top-down one blank row apart.

    The writers own the whole rectangle: the refresh clears it before writing the blocks.

    Attributes
    ----------
    name : identifier.
    top_left : zero-based position of the first block.
    widths : width of each of the area's columns (characters).
    rows : rows reserved (and cleared) from ``top_left``.
    columns : columns reserved (and cleared); at least ``len(widths)``.
    blocks : the blocks in stacking order (a block with no content is left out).
    printed : part of the print area when it lies in one (False: cells for other sheets'
        formulas, such as the Dashboard's fallback figures).
    """

    name: str
    top_left: Position
    widths: tuple[float, ...]
    rows: int
    columns: int
    blocks: tuple[BlockSpec, ...]
    printed: bool = True

    @property
    def height(self) -> int:
        """Rows reserved."""
        return self.rows

    @property
    def width(self) -> int:
        """Columns reserved."""
        return self.columns

    def block_top_left(self, name: str) -> Position:
        """Position of a block whose predecessors all reserve their rows (fixed slots).

        Examples
        --------
        >>> first = BlockSpec("a", "A", reserved_rows=3)
        >>> AreaSpec("x", (10, 2), (9,), 9, 1, (first, BlockSpec("b", "B"))).block_top_left("b")
        (14, 2)
        """
        row, col = self.top_left
        for block in self.blocks:
            if block.name == name:
                return row, col
            if block.reserved_rows is None:
                raise ValueError(f"block {block.name!r} has no fixed size; {name!r} moves")
            row += block.reserved_rows + 1
        raise KeyError(name)
