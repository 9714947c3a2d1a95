"""What the Analysis sheet shows for one analysis: pure data, no spreadsheet library.

:func:`analysis_content` turns an :class:`~xlpareto.engine.analysis.Analysis` and the
sheet's description (:data:`~xlpareto.layout.analysis_sheet.ANALYSIS`, or its variant with
Cost and Profit when the analysis has costs) into a :class:`~xlpareto.layout.content.
SheetContent` (see :mod:`xlpareto.layout.content` for the building blocks).

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

import itertools
from typing import Any

import numpy as np

from xlpareto.engine.analysis import Analysis
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.content import (
    Block,
    Rows,
    SheetContent,
    TableContent,
    frame_rows,
    item_block,
    plain,
    stack,
    table_block,
    table_columns,
)
from xlpareto.layout.formats import CURRENCY_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, RATIO_FORMAT
from xlpareto.layout.output_sheet import SheetSpec
from xlpareto.layout.sheets import BlockSpec, TableSpec

__all__ = [
    "STAMP_LABEL",
    "Block",
    "SheetContent",
    "TableContent",
    "analysis_blocks",
    "analysis_content",
    "analysis_table_rows",
    "cutoff_lines",
]

STAMP_LABEL = "Last refreshed"


def _has_prior(analysis: Analysis) -> bool:
    """Whether the analysis has a prior period (the migration exists only then)."""
    return analysis.migration is not None


def analysis_table_rows(analysis: Analysis, spec: TableSpec | None = None) -> Rows:
    """The ParetoTable body (no header) row by row, columns in the description's order."""
    spec = spec or described.describe_for(analysis.table.columns, _has_prior(analysis)).table
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
        items.append((f"{tier} clients", plain(clients), INTEGER_FORMAT))
        items.append((f"{tier} share of revenue", plain(revenue_share), PERCENT_FORMAT))
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
            items.append((f"Budget: {segment}", plain(amount), CURRENCY_FORMAT))
    items += [
        ("Rows skipped", int(analysis.intake.skipped), INTEGER_FORMAT),
        ("Duplicate rows merged", int(analysis.intake.merged_rows), INTEGER_FORMAT),
    ]
    if refreshed is not None:
        items.append((STAMP_LABEL, str(refreshed), None))
    return items


def _block_rows(analysis: Analysis, block: BlockSpec) -> Rows | None:
    """A small table's rows (title, header, body), or None when the analysis has none."""
    name = block.name.removeprefix("dashboard_")  # the Dashboard's copies of the tables
    if name == "summary":
        return frame_rows(analysis.summary, block.title)
    if name == "budget" and analysis.budget is not None:
        return frame_rows(analysis.budget, block.title)
    if name == "migration" and analysis.migration is not None:
        corner = str(analysis.migration.index.name or "Before \\ After")
        return frame_rows(analysis.migration, block.title, corner)
    return None


def _built_blocks(analysis: Analysis, refreshed: str | None) -> dict[str, Block | None]:
    built: dict[str, Block | None] = {
        described.SUMMARY.name: item_block(
            described.SUMMARY, _summary_items(analysis, refreshed), (0, 0)
        )
    }
    tables = (described.BUDGET, described.MIGRATION, *described.FIGURE_BLOCKS[1:])
    for spec in tables:
        rows = _block_rows(analysis, spec)
        built[spec.name] = None if rows is None else table_block(spec, rows, (0, 0))
    built[described.FIGURES_KPIS.name] = item_block(
        described.FIGURES_KPIS, _dashboard_kpis(analysis), (0, 0)
    )
    return built


def _dashboard_kpis(analysis: Analysis) -> list[tuple[str, Any, str | None]]:
    """The Dashboard's key figures that come from worksheet functions: label and value (a
    v2 figure the data has no input for says so: "no prior period", never a false 0)."""
    items: list[tuple[str, Any, str | None]] = [(described.FIGURES_KPIS.title, "", None)]
    for label, metric, number_format in described.DASHBOARD_KPIS:
        value = analysis.metrics.get(metric)
        if value is None:
            items.append((label, described.MISSING_FIGURE.get(metric, ""), None))
        else:
            items.append((label, plain(value), number_format))
    return items


def analysis_blocks(
    analysis: Analysis, refreshed: str | None, spec: SheetSpec | None = None
) -> list[Block]:
    """Every block of the sheet's areas with its position; absent parts (no budget, no
    prior period) are left out.

    ``refreshed`` adds a "Last refreshed" row to the summary (no row if None).
    """
    spec = spec or described.describe_for(analysis.table.columns, _has_prior(analysis))
    built = _built_blocks(analysis, refreshed)
    return [block for area in spec.areas for block in stack(area, built)]


def cutoff_lines(analysis: Analysis) -> list[tuple[str, float]]:
    """The Pareto chart's cutoff lines: (legend name, cumulative share) per tier boundary.

    Fixed cutoffs are the rule's (``"80 %"``, ``"95 %"``); computed tiers end where their
    clients do, so each line is at the cumulative share of a tier's last client (``"A/B
    73.4 %"``; an empty tier ends where the one before it did). Cutoffs too close to tell
    apart by their percent are named by their tiers too (``"A/B 80 %"``).

    Examples
    --------
    >>> import xlpareto
    >>> cutoff_lines(xlpareto.analyze(["a", "b", "c"], [5, 3, 2]))
    [('80 %', 0.8), ('95 %', 0.95)]
    """
    rule = analysis.rule
    labels = [str(label) for label in rule.labels]
    if not rule.computed:
        lines = [(described.percent_label(c), float(c)) for c in rule.cutoffs]
        if len({name for name, _ in lines}) == len(lines):
            return lines  # else cutoffs too close for the label's digits: named by tiers
        pairs = itertools.pairwise(labels)
        return [
            (f"{upper}/{lower} {name}", c)
            for (upper, lower), (name, c) in zip(pairs, lines, strict=True)
        ]
    shares = analysis.table["Cumulative share"].to_numpy(dtype=float)
    tiers = analysis.table["Tier"].astype(str).to_numpy()
    lines, reached = [], 0.0
    for upper, lower in itertools.pairwise(labels):
        mine = shares[tiers == upper]
        reached = max(reached, float(np.max(mine))) if mine.size else reached
        lines.append((f"{upper}/{lower} {described.percent_label(reached, 1)}", reached))
    return lines


def cutoff_content(analysis: Analysis, spec: SheetSpec) -> TableContent:
    """The cutoff lines' helper table: one constant column per line, as long as the
    ParetoTable (so each line spans the chart)."""
    lines = cutoff_lines(analysis)
    where = spec.table_named(described.CUTOFF_TABLE_NAME).top_left
    table = described.cutoff_table(tuple(name for name, _ in lines), where)
    rows = len(analysis.table)
    return TableContent(table, [[share] * rows for _, share in lines])


def analysis_content(
    analysis: Analysis,
    stamp: str,
    refreshed: str | None = None,
    spec: SheetSpec | None = None,
) -> SheetContent:
    """The Analysis sheet's content for ``analysis``.

    Parameters
    ----------
    analysis : the result of :func:`xlpareto.analyze`.
    stamp : text of the stamp cell, e.g. ``"Last refreshed 2026-01-31 09:00"``.
    refreshed : time of the analysis for the summary's "Last refreshed" row (no row if None).
    spec : the sheet's description (default: :data:`~xlpareto.layout.ANALYSIS`, with Cost
        and Profit when the analysis has them).

    Returns
    -------
    SheetContent
    """
    spec = spec or described.describe_for(analysis.table.columns, _has_prior(analysis))
    return SheetContent(
        spec=spec,
        stamp=stamp,
        tables=[
            TableContent(spec.table, table_columns(analysis.table, spec.table)),
            cutoff_content(analysis, spec),
        ],
        blocks=analysis_blocks(analysis, refreshed, spec),
        tier_labels=tuple(str(label) for label in analysis.rule.labels),
    )
