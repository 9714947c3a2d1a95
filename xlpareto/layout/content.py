"""What an output sheet shows, as plain cells: the building blocks every sheet's content uses.

A :class:`SheetContent` is one output sheet for one analysis: its description
(:class:`~xlpareto.layout.output_sheet.SheetSpec`), the tables' bodies column by column, the blocks
with their derived positions and number formats, the stamp, the tier labels to colour and
the one-line note that replaces the figures when the sheet's inputs are missing. Every
backend (XlsxWriter, the bulk writer, xlwings) renders that one object. Values are plain
Python (``str``, ``int``, ``float``); ``""`` is a blank cell. Formats are Excel
number-format codes, ``None`` for General.

Examples
--------
>>> import pandas as pd
>>> from xlpareto.layout.sheets import OutputColumn, TableSpec
>>> spec = TableSpec("T", (OutputColumn("x", "number", "0", 6),), (3, 0))
>>> table_columns(pd.DataFrame({"x": [1, 2]}), spec)
[[1, 2]]
>>> frame_rows(pd.DataFrame({"a": [1.5]}), "Title")
[['Title'], ['a'], [1.5]]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.layout.column_values import ColumnValues
from xlpareto.layout.output_sheet import SheetSpec
from xlpareto.layout.sheets import AreaSpec, BlockSpec, TableSpec

Rows = list[list[Any]]
Formats = list[list[str | None]]


@dataclass(frozen=True)
class Block:
    """A rectangular block of cells at its sheet position.

    Attributes
    ----------
    name : the block's name in the description ("summary", "budget", "migration", …).
    top_left : zero-based (row, column) of the block's first cell.
    rows : the cells, row by row (title row first).
    formats : number formats, same shape as ``rows`` (``None``: General).
    header_rows : how many leading rows are titles/headers (shown bold).
    """

    name: str
    top_left: tuple[int, int]
    rows: Rows
    formats: Formats
    header_rows: int

    @property
    def height(self) -> int:
        """Number of rows."""
        return len(self.rows)

    @property
    def width(self) -> int:
        """Number of columns (of the widest row)."""
        return max(len(row) for row in self.rows)


@dataclass(frozen=True)
class TableContent:
    """A table's body, column by column, with the description it follows."""

    spec: TableSpec
    columns: list[list[Any]]

    @property
    def length(self) -> int:
        """Number of data rows."""
        return len(self.columns[0]) if self.columns else 0

    @cached_property
    def rows(self) -> Rows:
        """The body row by row (for writers that take a 2-D list; computed once)."""
        return [list(row) for row in zip(*self.columns, strict=True)]


@dataclass(frozen=True)
class SheetContent:
    """Everything one output sheet shows, ready for any backend.

    Attributes
    ----------
    spec : the sheet's description (positions, formats, widths, charts).
    stamp : text of the stamp cell under the title.
    tables : the tables' bodies, in the description's order (empty bodies when the sheet
        has no figures: the tables and charts stay, bound, for the next refresh).
    blocks : the blocks that have content, with their positions.
    tier_labels : tier labels, best first (for the tier colours).
    note : one line saying why the sheet has no figures ("" when it has them).
    """

    spec: SheetSpec
    stamp: str
    tables: list[TableContent]
    blocks: list[Block]
    tier_labels: tuple[str, ...]
    note: str = ""

    @property
    def table(self) -> TableContent:
        """The main table's body."""
        return self.tables[0]

    def table_named(self, name: str) -> TableContent:
        """The body of the table called ``name``."""
        return next(table for table in self.tables if table.spec.name == name)


def plain(value: Any) -> Any:
    """A numpy scalar or NaN as a plain Python value ("" for missing)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value.item() if hasattr(value, "item") else value


def _arrow_text(column: pd.Series) -> bool:
    """Whether ``column`` is pandas text stored in Arrow (the ``str`` dtype with pyarrow)."""
    dtype = column.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def _column_values(column: pd.Series, is_text: bool) -> list[Any]:
    """One table column as plain Python values: ``str`` for text, numbers or ``""``; a
    :class:`~xlpareto.layout.column_values.ColumnValues` that keeps the numbers as an array
    (or knows the values are all texts) where the column's type says so."""
    missing = column.isna().to_numpy()
    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else "O"
    if kind in "iuf" and not missing.any():
        array = column.to_numpy()
        values = array.tolist()  # numpy → int/float in one C-level pass
        numbers = array.astype(np.float64)
        exact = kind == "f" or bool((np.abs(numbers) < 2**53).all())  # ints a float holds
        return ColumnValues(values, numbers if exact else None)
    if column.dtype == np.float64:  # floats with NaN: the blanks put in by position
        array = column.to_numpy()
        values = array.tolist()
        for index in np.flatnonzero(missing).tolist():
            values[index] = ""
        return ColumnValues(values, array)
    if pd.api.types.is_numeric_dtype(column) and not missing.any():
        return column.to_numpy().tolist()
    if is_text and _arrow_text(column) and not missing.any():  # the engine's text columns
        arrow = column.array.__arrow_array__()  # the Arrow data itself, not a copy
        return ColumnValues(column.to_numpy(dtype=object).tolist(), texts=True, arrow=arrow)
    values = column.astype(object).where(column.notna(), "").tolist()
    if is_text:
        if set(map(type, values)) <= {str}:
            return ColumnValues(values, texts=True)
        return [str(v) for v in values]
    return [plain(v) for v in values]


def table_columns(frame: pd.DataFrame | None, spec: TableSpec) -> list[list[Any]]:
    """The body of ``spec``'s table from a DataFrame whose columns the engine named.

    Text columns hold ``str``; number columns hold ``int``/``float`` or ``""`` (blank). A
    column the frame does not have (e.g. no budget) is blank; no frame is an empty body.
    """
    if frame is None:
        return [[] for _ in spec.columns]
    return [
        _column_values(frame[c.header], c.is_text) if c.header in frame else [""] * len(frame)
        for c in spec.columns
    ]


def table_content(frame: pd.DataFrame | None, spec: TableSpec) -> TableContent:
    """A table's content from an engine DataFrame (None: an empty body)."""
    return TableContent(spec, table_columns(frame, spec))


def frame_rows(frame: pd.DataFrame, title: str, corner: str | None = None) -> Rows:
    """A small table as block rows: the title, the header, the body (``corner`` heads an
    index column)."""
    header = [str(c) for c in frame.columns]
    body = [[plain(v) for v in row] for row in frame.astype(object).to_numpy().tolist()]
    if corner is not None:
        header = [corner, *header]
        body = [[str(label), *row] for label, row in zip(frame.index, body, strict=True)]
    return [[title], header, *body]


def table_block(block: BlockSpec, rows: Rows, top_left: tuple[int, int]) -> Block:
    """A small-table block: title and header rows unformatted, body by column format."""
    column_formats = block.formats_for(rows[1])
    titles: Formats = [[None] * len(row) for row in rows[:2]]
    formats = titles + [list(column_formats[: len(row)]) for row in rows[2:]]
    return Block(block.name, top_left, rows, formats, block.header_rows)


def item_block(
    block: BlockSpec, items: Iterable[tuple[str, Any, str | None]], top_left: tuple[int, int]
) -> Block:
    """A label/value block from ``(label, value, number format)`` items (title first)."""
    listed = list(items)
    rows = [[label, value] for label, value, _ in listed]
    formats: Formats = [[None, fmt] for _, _, fmt in listed]
    return Block(block.name, top_left, rows, formats, block.header_rows)


def stack(area: AreaSpec, built: dict[str, Block | None]) -> list[Block]:
    """The area's blocks that have content, stacked from its top-left one blank row apart.

    ``built`` maps a block name to a function's result placed at ``(0, 0)``; each is moved
    to its place in the area.
    """
    row, col = area.top_left
    placed = []
    for spec in area.blocks:
        block = built.get(spec.name)
        height = 0 if block is None else block.height
        if spec.reserved_rows is not None:  # a fixed slot: taken, content or not
            height = max(height, spec.reserved_rows)
        elif block is None:
            continue
        if block is not None:
            placed.append(
                Block(block.name, (row, col), block.rows, block.formats, block.header_rows)
            )
        row += height + 1
    return placed


def print_ranges(content: SheetContent) -> list[tuple[int, int, int, int]]:
    """The print area's ranges, zero-based ``(top, left, bottom, right)``: each column span
    of the print setup over the rows its title, tables, printed blocks and charts take.

    The ranges name their rows (``$A$1:$M$205``, not ``$A:$M``: openpyxl, which reads
    workbooks for ``xlpareto report``, warns on whole columns), so every writer sets the
    area again after writing the rows.
    """
    spec = content.spec
    printed = {block.name for area in spec.areas if area.printed for block in area.blocks}
    parts: list[tuple[int, int, int, int]] = [  # (top, left, bottom, right)
        (*spec.title_cell, *spec.title_cell),
        (*spec.stamp_cell, *spec.stamp_cell),
    ]
    for table in content.tables:
        top, left = table.spec.top_left
        parts.append((top, left, top + max(table.length, 1), table.spec.last_column))
    for block in content.blocks:
        if block.name in printed:
            top, left = block.top_left
            parts.append((top, left, top + block.height - 1, left + block.width - 1))
    for chart in spec.charts:
        top, left = chart.top_left
        parts.append((top, left, top + chart.height - 1, left + chart.width - 1))
    ranges = []
    for first, last in spec.print_setup.columns:
        inside = [p for p in parts if p[1] <= last and p[3] >= first]
        if inside:
            ranges.append((min(p[0] for p in inside), first, max(p[2] for p in inside), last))
    return ranges
