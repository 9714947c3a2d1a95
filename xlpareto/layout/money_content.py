"""What the Growth, Profit and Pipeline sheets show for one analysis: pure data.

Each function turns an :class:`~xlpareto.engine.analysis.Analysis` into the
:class:`~xlpareto.layout.content.SheetContent` of one v2 output sheet. A part the analysis
does not have (no prior revenue, no costs, no prospects) gives empty tables – they and their
charts stay on the sheet, bound, for the next refresh – and a one-line ``note`` saying why.

Examples
--------
>>> import xlpareto
>>> analysis = xlpareto.analyze(["a", "b"], [120, 30], [100, 50], costs=[130, 5])
>>> growth = growth_content(analysis, "stamp", 0.8)
>>> growth.table.rows[-1][:3], growth.note
(['Total', 2, 150.0], '')
>>> profit_content(analysis, "stamp").blocks[1].rows[:2]
[['A clients that lose money'], ['Client', 'Revenue', 'Profit']]
>>> pipeline_content(analysis, "stamp").note
'No prospects: fill in the Prospects table (Prospect, Expected revenue, Fit, Probability).'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from xlpareto.engine.analysis import Analysis
from xlpareto.engine.bridge import NO_PRIOR_REVENUE as BRIDGE_NOTE
from xlpareto.engine.profit import NO_PROFIT as PROFIT_NOTE
from xlpareto.engine.returns import SPEND_NAMES
from xlpareto.layout import growth_sheet, pipeline_sheet, profit_sheet
from xlpareto.layout.content import (
    Block,
    Formats,
    SheetContent,
    item_block,
    plain,
    stack,
    table_content,
)
from xlpareto.layout.formats import CURRENCY_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT
from xlpareto.layout.output_sheet import SheetSpec

NO_PRIOR = "No prior revenue: add a Revenue prior column to the Clients table to see the bridge."
NO_COSTS = "No costs: add Cost to serve or Hours to the Clients table to see the profit."
NO_PROSPECTS = (
    "No prospects: fill in the Prospects table (Prospect, Expected revenue, Fit, Probability)."
)
NO_PRIOR_REVENUE = (
    "No positive prior revenue: fill in the Revenue prior column of the Clients table to see "
    "the bridge."
)
TOO_MANY_TIERS = (
    "The Growth sheet has room for {room} tiers, not {tiers}: use fewer cutoffs, or "
    "=PARETO_BRIDGE(...) in a sheet of your own."
)
NO_PROFIT = "No whale curve: the total profit is not positive (the costs exceed the revenue)."
#: The engine's one-line notes, as the sheets say them.
SHEET_NOTES = {BRIDGE_NOTE: NO_PRIOR_REVENUE, PROFIT_NOTE: NO_PROFIT}


def _note(engine_note: str | None, default: str) -> str:
    """The sheet's line for an engine note (an unknown note as the engine says it)."""
    return default if engine_note is None else SHEET_NOTES.get(engine_note, engine_note)


def _sheet(
    spec: SheetSpec,
    stamp: str,
    frames: dict[str, pd.DataFrame | None],
    blocks: dict[str, Block | None],
    note: str,
    labels: tuple[str, ...] = (),
) -> SheetContent:
    tables = [table_content(frames.get(table.name), table) for table in spec.tables]
    placed = [block for area in spec.areas for block in stack(area, blocks)]
    return SheetContent(spec, stamp, tables, placed, labels, note)


def _labels(analysis: Analysis) -> tuple[str, ...]:
    return tuple(str(label) for label in analysis.rule.labels)


# --- Growth ---------------------------------------------------------------------------------
def waterfall_steps(bridge: pd.DataFrame) -> pd.DataFrame:
    """The waterfall's chart data from a bridge's Total row: per step an invisible base and
    the visible part (Start and End as totals, rises as Increase, falls as Decrease).

    Examples
    --------
    >>> total = pd.DataFrame({"Segment": ["Total"], "Revenue before": [100.0],
    ...     "Expansion": [30.0], "Contraction": [-10.0], "Lost": [-20.0], "New": [15.0],
    ...     "Revenue after": [115.0]})
    >>> waterfall_steps(total)["Base"].tolist()
    [0.0, 100.0, 120.0, 100.0, 100.0, 0.0]
    """
    total = bridge[bridge["Segment"] == "Total"].iloc[0]
    start, end = float(total["Revenue before"]), float(total["Revenue after"])
    expansion, contraction = float(total["Expansion"]), float(total["Contraction"])
    lost, new = float(total["Lost"]), float(total["New"])
    after_contraction = start + expansion + contraction
    after_lost = after_contraction + lost
    g = growth_sheet
    return pd.DataFrame(
        {
            g.STEP: list(g.STEPS),
            g.BASE: [0.0, start, after_contraction, after_lost, after_lost, 0.0],
            g.ENDS: [start, 0.0, 0.0, 0.0, 0.0, end],
            g.INCREASE: [0.0, expansion, 0.0, 0.0, new, 0.0],
            g.DECREASE: [0.0, 0.0, -contraction, -lost, 0.0, 0.0],
        }
    )


def growth_content(
    analysis: Analysis,
    stamp: str,
    core_share: float,
    spend_names: tuple[str, str] = SPEND_NAMES,
) -> SheetContent:
    """The Growth sheet: bridge, returns, the returns sentence (the spend inputs named as
    the surface names them: Settings names in a workbook, options in ``report``), NRR/GRR and
    the waterfall's data."""
    g, growth = growth_sheet, analysis.growth
    if growth is None or growth.bridge is None:
        note = NO_PRIOR if growth is None else _note(growth.note, NO_PRIOR)
        return _sheet(g.GROWTH, stamp, {}, {}, note, _labels(analysis))
    if len(growth.bridge) > g.BRIDGE_ROWS:  # the returns table sits under the bridge's room
        note = TOO_MANY_TIERS.format(tiers=len(growth.bridge) - 2, room=g.BRIDGE_ROWS - 2)
        return _sheet(g.GROWTH, stamp, {}, {}, note, _labels(analysis))
    frames = {
        g.BRIDGE_TABLE: growth.bridge,
        g.RETURNS_TABLE: growth.returns,
        g.STEPS_TABLE: waterfall_steps(growth.bridge),
    }
    sentence = growth.sentence(core_share, spend_names) or ""
    blocks: dict[str, Block | None] = {
        g.SENTENCE.name: item_block(
            g.SENTENCE, [(g.SENTENCE.title, "", None), (sentence, "", None)], (0, 0)
        ),
        g.RETENTION.name: item_block(
            g.RETENTION,
            [
                (g.RETENTION.title, "", None),
                ("Net revenue retention (NRR)", plain(growth.nrr), PERCENT_FORMAT),
                ("Gross revenue retention (GRR)", plain(growth.grr), PERCENT_FORMAT),
            ],
            (0, 0),
        ),
    }
    return _sheet(g.GROWTH, stamp, frames, blocks, "", _labels(analysis))


# --- Profit ---------------------------------------------------------------------------------
def _a_loss_makers(analysis: Analysis) -> Block | None:
    """Clients in the top revenue tier whose profit is negative (in ParetoTable order)."""
    table = analysis.table
    spec = profit_sheet.A_LOSS_MAKERS
    losing = table[(table["Tier"] == str(analysis.rule.labels[0])) & (table["Profit"] < 0)]
    if losing.empty:
        return None
    shown = losing.head(profit_sheet.A_LOSS_ROWS)
    rows: list[list[Any]] = [
        [spec.title],
        ["Client", "Revenue", "Profit"],
        *(
            [str(client), plain(revenue), plain(profit)]
            for client, revenue, profit in shown[["Client", "Revenue", "Profit"]].values
        ),
    ]
    formats: Formats = [[None], [None, None, None]] + [
        [None, CURRENCY_FORMAT, CURRENCY_FORMAT] for _ in range(len(shown))
    ]
    if len(losing) > len(shown):
        rows.append([f"… and {len(losing) - len(shown):,} more (see the table)"])
        formats.append([None])
    return Block(spec.name, (0, 0), rows, formats, spec.header_rows)


def profit_content(analysis: Analysis, stamp: str) -> SheetContent:
    """The Profit sheet: whale table, its figures, the A clients that lose money, the
    100 % line's two points."""
    p, profit = profit_sheet, analysis.profit
    if profit is None or profit.whale is None:
        note = NO_COSTS if profit is None else _note(profit.note, NO_COSTS)
        return _sheet(p.PROFIT, stamp, {}, {}, note, _labels(analysis))
    whale = profit.whale
    line = pd.DataFrame({"Rank": [1, max(len(whale), 1)], p.LINE_COLUMN: [1.0, 1.0]})
    figures = item_block(
        p.FIGURES,
        [
            (p.FIGURES.title, "", None),
            ("Whale peak (share of profit)", plain(profit.whale_peak), "0%"),
            ("Loss makers (clients)", int(profit.loss_makers), INTEGER_FORMAT),
            ("Total profit", plain(profit.total_profit), CURRENCY_FORMAT),
        ],
        (0, 0),
    )
    blocks = {p.FIGURES.name: figures, p.A_LOSS_MAKERS.name: _a_loss_makers(analysis)}
    frames = {p.WHALE_TABLE: whale, p.LINE_TABLE: line}
    return _sheet(p.PROFIT, stamp, frames, blocks, "", _labels(analysis))


# --- Pipeline -------------------------------------------------------------------------------
def pipeline_content(analysis: Analysis, stamp: str) -> SheetContent:
    """The Pipeline sheet: the plan, its figures and the funded prospects' budgets."""
    q, pipeline = pipeline_sheet, analysis.pipeline
    if pipeline is None:
        return _sheet(q.PIPELINE, stamp, {}, {}, NO_PROSPECTS)
    plan = pipeline.table
    budget = pd.to_numeric(plan["Budget"], errors="coerce")
    funded = plan.loc[budget > 0, ["Prospect", "Budget"]]
    items: list[tuple[str, Any, str | None]] = [
        (q.FIGURES.title, "", None),
        ("Weighted pipeline", plain(pipeline.weighted_pipeline), CURRENCY_FORMAT),
        ("Prospects funded", plain(pipeline.prospects_funded), INTEGER_FORMAT),
    ]
    if pipeline.note:
        items.append((str(pipeline.note), "", None))
    blocks = {q.FIGURES.name: item_block(q.FIGURES, items, (0, 0))}
    frames = {q.PLAN_TABLE: plan, q.FUNDED_TABLE: funded}
    return _sheet(q.PIPELINE, stamp, frames, blocks, "")


def money_contents(
    analysis: Analysis,
    stamp: str,
    core_share: float,
    spend_names: tuple[str, str] = SPEND_NAMES,
) -> list[SheetContent]:
    """The three v2 sheets' contents, in tab order (Growth, Profit, Pipeline)."""
    return [
        growth_content(analysis, stamp, core_share, spend_names),
        profit_content(analysis, stamp),
        pipeline_content(analysis, stamp),
    ]
