"""The Analysis sheet's content as plain 2-D lists: pure functions of an :class:`Analysis`.

Shared by every writer of the Analysis sheet (the template builder and ``xlpareto report``
through XlsxWriter, the refresh macro through xlwings), so all of them show the same cells
with the same number formats. Values are plain Python (``str``, ``int``, ``float``); ``""``
is a blank cell. Formats are Excel number-format codes, ``None`` for General/text.

Examples
--------
>>> import xlpareto
>>> analysis = xlpareto.analyze(["a", "b", "c", "d", "e"], [50, 30, 10, 5, 5])
>>> analysis_table_rows(analysis)[0][:3]
[1, 'a', 50.0]
>>> summary_block(analysis, None)[:3]
[['Summary', ''], ['Clients', 5], ['Revenue', 100.0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from xlpareto import layout
from xlpareto.engine.analysis import Analysis

Rows = list[list[Any]]

#: Number format of each ParetoTable column (text columns: Text, as the refresh writes them).
ANALYSIS_COLUMN_FORMATS: dict[str, str | None] = {
    "Rank": layout.INTEGER_FORMAT,
    "Client": layout.TEXT_FORMAT,
    "Revenue": layout.CURRENCY_FORMAT,
    "Share": layout.PERCENT_FORMAT,
    "Cumulative share": layout.PERCENT_FORMAT,
    "Tier": layout.TEXT_FORMAT,
    "Gap to next tier": layout.CURRENCY_FORMAT,
    "Budget": layout.CURRENCY_FORMAT,
    "Prior tier": layout.TEXT_FORMAT,
    "Movement": layout.TEXT_FORMAT,
}
#: ParetoTable columns that hold text (always written as literal strings, never formulas).
TEXT_COLUMNS = tuple(
    name for name, fmt in ANALYSIS_COLUMN_FORMATS.items() if fmt == layout.TEXT_FORMAT
)

_BUDGET_FORMATS = {
    "Segment": None,
    "Clients": layout.INTEGER_FORMAT,
    "Revenue share": layout.PERCENT_FORMAT,
    "Budget share": layout.PERCENT_FORMAT,
    "Budget": layout.CURRENCY_FORMAT,
    "Budget per client": layout.CURRENCY_FORMAT,
}

SUMMARY_TITLE = "Summary"
BUDGET_TITLE = "Budget split"
MIGRATION_TITLE = "Tier migration (clients)"
STAMP_LABEL = "Last refreshed"


@dataclass(frozen=True)
class Block:
    """A rectangular block of cells for the Analysis sheet's summary area.

    Attributes
    ----------
    name : "summary", "budget" or "migration".
    top_left : zero-based (row, column) of the block's first cell.
    rows : the cells, row by row (title row first).
    formats : number formats, same shape as ``rows`` (``None``: General / text).
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


def analysis_table_rows(analysis: Analysis) -> Rows:
    """The ParetoTable body (no header), columns in ``layout.ANALYSIS_COLUMNS`` order.

    Text columns hold ``str``; number columns hold ``int``/``float`` or ``""`` (blank).
    """
    table = analysis.table
    columns = [
        _column_values(table[name], name in TEXT_COLUMNS) if name in table else [""] * len(table)
        for name in layout.ANALYSIS_COLUMNS
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def analysis_table_formats() -> list[str | None]:
    """Number format of each ParetoTable column, in ``layout.ANALYSIS_COLUMNS`` order."""
    return [ANALYSIS_COLUMN_FORMATS[name] for name in layout.ANALYSIS_COLUMNS]


def _summary_items(analysis: Analysis, stamp: str | None) -> list[tuple[str, Any, str | None]]:
    m = analysis.metrics
    items: list[tuple[str, Any, str | None]] = [
        (SUMMARY_TITLE, "", None),
        ("Clients", int(m["clients"]), layout.INTEGER_FORMAT),
        ("Revenue", float(m["revenue"]), layout.CURRENCY_FORMAT),
    ]
    tiers = analysis.summary[analysis.summary["Tier"] != "Total"]
    for tier, clients, revenue_share in zip(
        tiers["Tier"], tiers["Clients"], tiers["% of revenue"], strict=True
    ):
        items.append((f"{tier} clients", _plain(clients), layout.INTEGER_FORMAT))
        items.append((f"{tier} share of revenue", _plain(revenue_share), layout.PERCENT_FORMAT))
    items += [
        ("Top 20 % of clients' share", float(m["top_20_share"]), layout.PERCENT_FORMAT),
        (
            "Pareto ratio (x of clients bring 1 - x)",
            float(m["pareto_ratio"]),
            layout.PERCENT_FORMAT,
        ),
        ("Gini coefficient", float(m["gini"]), "0.000"),
        ("HHI (0-1)", float(m["hhi"]), "0.000"),
        ("Largest client's share", float(m["largest_share"]), layout.PERCENT_FORMAT),
    ]
    if analysis.budget is not None:
        for segment, amount in zip(
            analysis.budget["Segment"], analysis.budget["Budget"], strict=True
        ):
            items.append((f"Budget: {segment}", _plain(amount), layout.CURRENCY_FORMAT))
    items += [
        ("Rows skipped", int(analysis.intake.skipped), layout.INTEGER_FORMAT),
        ("Duplicate rows merged", int(analysis.intake.merged_rows), layout.INTEGER_FORMAT),
    ]
    if stamp is not None:
        items.append((STAMP_LABEL, str(stamp), None))
    return items


def summary_block(analysis: Analysis, stamp: str | None) -> Rows:
    """Label/value rows: clients, revenue, tiers, concentration, budget, intake, stamp."""
    return [[label, value] for label, value, _ in _summary_items(analysis, stamp)]


def summary_formats(analysis: Analysis, stamp: str | None) -> list[str | None]:
    """Number format of each ``summary_block`` row's value (``None``: General / text)."""
    return [fmt for _, _, fmt in _summary_items(analysis, stamp)]


def _frame_block_rows(frame: pd.DataFrame, title: str, corner: str | None) -> Rows:
    header = [str(c) for c in frame.columns]
    body = [[_plain(v) for v in row] for row in frame.astype(object).to_numpy().tolist()]
    if corner is not None:
        header = [corner, *header]
        body = [[str(label), *row] for label, row in zip(frame.index, body, strict=True)]
    return [[title], header, *body]


def budget_block_rows(analysis: Analysis) -> Rows | None:
    """Title, header and rows of the budget table, or None without a budget."""
    if analysis.budget is None:
        return None
    return _frame_block_rows(analysis.budget, BUDGET_TITLE, None)


def migration_block_rows(analysis: Analysis) -> Rows | None:
    """Title, header and rows of the migration matrix, or None without a prior period."""
    if analysis.migration is None:
        return None
    corner = str(analysis.migration.index.name or "Before \\ After")
    return _frame_block_rows(analysis.migration, MIGRATION_TITLE, corner)


def _table_formats(rows: Rows, column_formats: list[str | None]) -> list[list[str | None]]:
    titles = [[None] * len(row) for row in rows[:2]]
    return titles + [list(column_formats[: len(row)]) for row in rows[2:]]


def analysis_blocks(analysis: Analysis, stamp: str | None) -> list[Block]:
    """Every block of the summary area with its position (see ``layout`` for the area).

    The summary sits at ``layout.ANALYSIS_SUMMARY_TOP_LEFT``; the budget table and the
    migration matrix sit under the chart, from ``layout.ANALYSIS_BLOCKS_TOP_LEFT`` down, one
    blank row apart. Absent parts (no budget, no prior period) are left out.
    """
    items = _summary_items(analysis, stamp)
    blocks = [
        Block(
            "summary",
            layout.ANALYSIS_SUMMARY_TOP_LEFT,
            [[label, value] for label, value, _ in items],
            [[None, fmt] for _, _, fmt in items],
            1,
        )
    ]
    row, col = layout.ANALYSIS_BLOCKS_TOP_LEFT
    budget = budget_block_rows(analysis)
    if budget is not None:
        formats = _table_formats(budget, [_BUDGET_FORMATS.get(h) for h in budget[1]])
        blocks.append(Block("budget", (row, col), budget, formats, 2))
        row += len(budget) + 1
    migration = migration_block_rows(analysis)
    if migration is not None:
        width = len(migration[1])
        formats = _table_formats(migration, [None] + [layout.INTEGER_FORMAT] * (width - 1))
        blocks.append(Block("migration", (row, col), migration, formats, 2))
    return blocks
