"""What the Analysis sheet shows for one analysis: pure data, no spreadsheet library.

:func:`analysis_content` turns an :class:`~xlpareto.engine.analysis.Analysis` and the
sheet's description (:data:`~xlpareto.layout.analysis_sheet.ANALYSIS`) into a
:class:`SheetContent`: the table's values column by column, the blocks with their derived
positions and number formats, the stamp and the tier labels to colour. Every backend
(XlsxWriter, the bulk writer, xlwings) renders that one object. Values are plain Python
(``str``, ``int``, ``float``); ``""`` is a blank cell. Formats are Excel number-format codes,
``None`` for General.

Examples
--------
>>> import xlpareto
>>> analysis = xlpareto.analyze(["a", "b", "c", "d", "e"], [50, 30, 10, 5, 5])
>>> analysis_table_rows(analysis)[0][:3]
[1, 'a', 50.0]
>>> content = analysis_content(analysis, "stamp")
>>> content.blocks[0].rows[:3]
[['Summary', ''], ['Clients', 5], ['Revenue', 100.0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from xlpareto.engine.analysis import Analysis
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.formats import CURRENCY_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, RATIO_FORMAT
from xlpareto.layout.sheets import AreaSpec, BlockSpec, SheetSpec, TableSpec

Rows = list[list[Any]]
STAMP_LABEL = "Last refreshed"


@dataclass(frozen=True)
class Block:
    """A rectangular block of cells at its sheet position.

    Attributes
    ----------
    name : the block's name in the description ("summary", "budget", "migration").
    top_left : zero-based (row, column) of the block's first cell.
    rows : the cells, row by row (title row first).
    formats : number formats, same shape as ``rows`` (``None``: General).
    header_rows : how many leading rows are titles/headers (shown bold).
    """

    name: str
    top_left: tuple[int, int]
    rows: Rows
    formats: list[list[str | None]]
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
    table : the table body.
    blocks : the blocks that have content, with their positions.
    tier_labels : tier labels, best first (for the tier colours).
    """

    spec: SheetSpec
    stamp: str
    table: TableContent
    blocks: list[Block]
    tier_labels: tuple[str, ...]


def _plain(value: Any) -> Any:
    """A numpy scalar or NaN as a plain Python value ("" for missing)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value.item() if hasattr(value, "item") else value


def _column_values(column: pd.Series, is_text: bool) -> list[Any]:
    """One table column as plain Python values: ``str`` for text, numbers or ``""``."""
    if pd.api.types.is_numeric_dtype(column) and not column.isna().any():
        return column.to_numpy().tolist()  # numpy → int/float in one C-level pass
    values = column.astype(object).where(column.notna(), "").tolist()
    if is_text:
        return values if set(map(type, values)) <= {str} else [str(v) for v in values]
    return [_plain(v) for v in values]


def table_columns(frame: pd.DataFrame, spec: TableSpec) -> list[list[Any]]:
    """The body of ``spec``'s table from a DataFrame whose columns the engine named.

    Text columns hold ``str``; number columns hold ``int``/``float`` or ``""`` (blank). A
    column the frame does not have (e.g. no budget) is blank.
    """
    return [
        _column_values(frame[c.header], c.is_text) if c.header in frame else [""] * len(frame)
        for c in spec.columns
    ]


def analysis_table_rows(analysis: Analysis, spec: TableSpec = described.ANALYSIS.table) -> Rows:
    """The ParetoTable body (no header) row by row, columns in the description's order."""
    return TableContent(spec, table_columns(analysis.table, spec)).rows


def _summary_items(analysis: Analysis, refreshed: str | None) -> list[tuple[str, Any, str | None]]:
    m = analysis.metrics
    items: list[tuple[str, Any, str | None]] = [
        (described.SUMMARY.title, "", None),
        ("Clients", int(m["clients"]), INTEGER_FORMAT),
        ("Revenue", float(m["revenue"]), CURRENCY_FORMAT),
    ]
    tiers = analysis.summary[analysis.summary["Tier"] != "Total"]
    for tier, clients, revenue_share in zip(
        tiers["Tier"], tiers["Clients"], tiers["% of revenue"], strict=True
    ):
        items.append((f"{tier} clients", _plain(clients), INTEGER_FORMAT))
        items.append((f"{tier} share of revenue", _plain(revenue_share), PERCENT_FORMAT))
    items += [
        ("Top 20 % of clients' share", float(m["top_20_share"]), PERCENT_FORMAT),
        ("Pareto ratio (x of clients bring 1 - x)", float(m["pareto_ratio"]), PERCENT_FORMAT),
        ("Gini coefficient", float(m["gini"]), RATIO_FORMAT),
        ("HHI (0-1)", float(m["hhi"]), RATIO_FORMAT),
        ("Largest client's share", float(m["largest_share"]), PERCENT_FORMAT),
    ]
    if analysis.budget is not None:
        for segment, amount in zip(
            analysis.budget["Segment"], analysis.budget["Budget"], strict=True
        ):
            items.append((f"Budget: {segment}", _plain(amount), CURRENCY_FORMAT))
    items += [
        ("Rows skipped", int(analysis.intake.skipped), INTEGER_FORMAT),
        ("Duplicate rows merged", int(analysis.intake.merged_rows), INTEGER_FORMAT),
    ]
    if refreshed is not None:
        items.append((STAMP_LABEL, str(refreshed), None))
    return items


def _frame_rows(frame: pd.DataFrame, title: str, corner: str | None) -> Rows:
    header = [str(c) for c in frame.columns]
    body = [[_plain(v) for v in row] for row in frame.astype(object).to_numpy().tolist()]
    if corner is not None:
        header = [corner, *header]
        body = [[str(label), *row] for label, row in zip(frame.index, body, strict=True)]
    return [[title], header, *body]


def _block_rows(analysis: Analysis, block: BlockSpec) -> Rows | None:
    """A small table's rows (title, header, body), or None when the analysis has none."""
    name = block.name.removeprefix("dashboard_")  # the Dashboard's copies of the tables
    if name == "summary":
        return _frame_rows(analysis.summary, block.title, None)
    if name == "budget" and analysis.budget is not None:
        return _frame_rows(analysis.budget, block.title, None)
    if name == "migration" and analysis.migration is not None:
        corner = str(analysis.migration.index.name or "Before \\ After")
        return _frame_rows(analysis.migration, block.title, corner)
    return None


def _dashboard_kpis(analysis: Analysis, spec: BlockSpec, top_left: tuple[int, int]) -> Block:
    """The Dashboard's key figures that come from worksheet functions, label and value."""
    rows: Rows = [[spec.title, ""]]
    formats: list[list[str | None]] = [[None, None]]
    for label, metric, number_format in described.DASHBOARD_KPIS:
        value = analysis.metrics.get(metric)  # a v2 figure the data has no input for: blank
        rows.append([label, "" if value is None else _plain(value)])
        formats.append([None, number_format])
    return Block(spec.name, top_left, rows, formats, spec.header_rows)


def _table_block(block: BlockSpec, rows: Rows, top_left: tuple[int, int]) -> Block:
    column_formats = block.formats_for(rows[1])
    titles = [[None] * len(row) for row in rows[:2]]
    formats = titles + [list(column_formats[: len(row)]) for row in rows[2:]]
    return Block(block.name, top_left, rows, formats, block.header_rows)


def _area_blocks(analysis: Analysis, area: AreaSpec, refreshed: str | None) -> list[Block]:
    """The area's blocks that have content, stacked from its top-left one blank row apart
    (a block with reserved rows takes them, content or not)."""
    row, col = area.top_left
    blocks = []
    for spec in area.blocks:
        if spec.name == "summary":
            items = _summary_items(analysis, refreshed)
            rows = [[label, value] for label, value, _ in items]
            formats = [[None, fmt] for _, _, fmt in items]
            block: Block | None = Block(spec.name, (row, col), rows, formats, spec.header_rows)
        elif spec.name == "dashboard_kpis":
            block = _dashboard_kpis(analysis, spec, (row, col))
        else:
            table_rows = _block_rows(analysis, spec)
            block = None if table_rows is None else _table_block(spec, table_rows, (row, col))
        if block is not None:
            blocks.append(block)
        height = 0 if block is None else block.height
        if spec.reserved_rows is not None:
            height = max(height, spec.reserved_rows)
        if block is not None or spec.reserved_rows is not None:
            row += height + 1
    return blocks


def analysis_blocks(
    analysis: Analysis, refreshed: str | None, spec: SheetSpec = described.ANALYSIS
) -> list[Block]:
    """Every block of the sheet's areas with its position; absent parts (no budget, no
    prior period) are left out.

    ``refreshed`` adds a "Last refreshed" row to the summary (no row if None).
    """
    return [block for area in spec.areas for block in _area_blocks(analysis, area, refreshed)]


def analysis_content(
    analysis: Analysis,
    stamp: str,
    refreshed: str | None = None,
    spec: SheetSpec = described.ANALYSIS,
) -> SheetContent:
    """The Analysis sheet's content for ``analysis``.

    Parameters
    ----------
    analysis : the result of :func:`xlpareto.analyze`.
    stamp : text of the stamp cell, e.g. ``"Last refreshed 2026-01-31 09:00"``.
    refreshed : time of the analysis for the summary's "Last refreshed" row (no row if None).
    spec : the sheet's description (default: :data:`~xlpareto.layout.ANALYSIS`).

    Returns
    -------
    SheetContent
    """
    return SheetContent(
        spec=spec,
        stamp=stamp,
        table=TableContent(spec.table, table_columns(analysis.table, spec.table)),
        blocks=analysis_blocks(analysis, refreshed, spec),
        tier_labels=tuple(str(label) for label in analysis.rule.labels),
    )
