"""What the command line prints: a compact rich summary of an analysis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from xlpareto import layout
from xlpareto.engine import Analysis
from xlpareto.engine.intake import client_names
from xlpareto.io.readers import InputRows


def _money(value: object) -> str:
    return f"{value:,.2f}" if isinstance(value, (int, float, np.number)) else ""


def _budget_by_segment(analysis: Analysis) -> dict[str, float]:
    if analysis.budget is None:
        return {}
    return dict(zip(analysis.budget["Segment"], analysis.budget["Budget"], strict=True))


#: How the command line names the spend inputs in the returns sentence.
CLI_SPEND_NAMES = ("--spend-existing", "--spend-new")
#: Funded prospects listed in the summary.
TOP_PROSPECTS = 5


def print_summary(
    console: Console,
    analysis: Analysis,
    title: str,
    *,
    core_share: float | None = None,
    periods: list[str] | tuple[str, ...] = (),
) -> None:
    """Tiers (clients, shares, revenue, budget), the concentration KPIs, the budget split.

    Then, when the analysis has them: NRR/GRR and the returns sentence (``core_share`` is
    the one in use), the whale peak and the loss makers, the top funded prospects, and the
    ``periods`` lines (which periods, lines not used).
    """
    budgets = _budget_by_segment(analysis)
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Tier", no_wrap=True)
    for name in ("Clients", "% clients", "Revenue", "% revenue", "Budget"):
        table.add_column(name, justify="right", no_wrap=True)
    rows = list(analysis.summary.itertuples(index=False))
    for row in rows[:-1]:
        table.add_row(
            str(row[0]),
            f"{row[1]:,}",
            f"{row[2]:.1%}",
            _money(row[3]),
            f"{row[4]:.1%}",
            _money(budgets.get(f"{row[0]} clients", "")),
        )
    if "New business" in budgets:
        table.add_row("New business", "", "", "", "", _money(budgets["New business"]))
    total = rows[-1]
    table.add_row(
        "Total",
        f"{total[1]:,}",
        f"{total[2]:.1%}",
        _money(total[3]),
        f"{total[4]:.1%}",
        _money(budgets.get("Total", "")),
        style="bold",
    )
    console.print(table)
    m = analysis.metrics
    ratio = m["pareto_ratio"]
    console.print(
        f"Top 20 % of clients bring {m['top_20_share']:.1%} of revenue; "
        f"Pareto ratio {ratio:.0%}/{1 - ratio:.0%}"
    )
    console.print(f"Gini {m['gini']:.3f} · HHI {m['hhi']:.4f}")
    cutoffs = computed_cutoffs_line(analysis)
    if cutoffs:
        console.print(cutoffs)
    _print_migration(console, analysis)
    _print_v2(console, analysis, core_share)
    for line in periods:
        console.print(line)


def computed_cutoffs_line(analysis: Analysis) -> str:
    """The cutoffs computed ABC found (cumulative revenue share and smallest revenue of
    each tier but the last), or "" for fixed cutoffs.

    Examples
    --------
    >>> from xlpareto.engine import analyze
    >>> analysis = analyze(list("abcdefg"), [100, 50, 20, 10, 5, 3, 1], cutoffs="computed")
    >>> computed_cutoffs_line(analysis)
    'Computed cutoffs: A to 52.9 % of revenue (revenue ≥ 100.00) · B to 89.9 % (revenue ≥ 20.00)'
    """
    if not analysis.rule.computed:
        return ""
    tiers = analysis.summary.iloc[:-1]
    shares = tiers.iloc[:, 4].astype(float).cumsum().to_numpy()
    parts = []
    for (label, clients, minimum), share in zip(
        zip(tiers.iloc[:, 0], tiers.iloc[:, 1], tiers["Min revenue"], strict=True),
        shares[:-1],
        strict=False,
    ):
        smallest = f"revenue ≥ {_money(minimum)}" if clients else "no client"
        unit = " of revenue" if not parts else ""
        parts.append(f"{label} to {share:.1%}{unit} ({smallest})".replace("%", " %", 1))
    return "Computed cutoffs: " + " · ".join(parts) if parts else ""


def _print_migration(console: Console, analysis: Analysis) -> None:
    """The tier migration matrix (prior tier in rows, this year's in columns) and how many
    clients moved up, down, were lost or are new."""
    matrix = analysis.migration
    if matrix is None:
        return
    table = Table(
        title="Tier migration: last year (rows) to this year (columns)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column(str(matrix.index.name or ""), no_wrap=True)
    for name in matrix.columns:
        table.add_column(str(name), justify="right", no_wrap=True)
    for label, row in matrix.iterrows():
        table.add_row(str(label), *(f"{int(v):,}" for v in row))
    console.print(table)
    console.print(migration_line(matrix, analysis.rule.labels))


def migration_line(matrix: pd.DataFrame, labels: tuple[str, ...] | list[str]) -> str:
    """One sentence: clients that stayed, moved up, moved down, were lost and are new.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 1, 0], [2, 3, 1], [1, 0, 0]], index=["A", "B", "New"],
    ...                  columns=["A", "B", "Lost"])
    >>> migration_line(m, ["A", "B"])
    'Tier movements: 4 stayed · 2 moved up · 1 moved down · 1 lost · 1 new'
    """
    rank = {label: i for i, label in enumerate(labels)}
    counts = {"stayed": 0, "moved up": 0, "moved down": 0, "lost": 0, "new": 0}
    for before, row in matrix.iterrows():
        for after, count in row.items():
            if before not in rank:
                counts["new"] += int(count)
            elif after not in rank:
                counts["lost"] += int(count)
            elif rank[after] == rank[before]:
                counts["stayed"] += int(count)
            elif rank[after] < rank[before]:
                counts["moved up"] += int(count)
            else:
                counts["moved down"] += int(count)
    return "Tier movements: " + " · ".join(f"{n:,} {what}" for what, n in counts.items())


def _print_v2(console: Console, analysis: Analysis, core_share: float | None) -> None:
    growth, profit, pipeline = analysis.growth, analysis.profit, analysis.pipeline
    if growth is not None and growth.nrr is not None:
        console.print(f"Net revenue retention {growth.nrr:.1%} · gross {growth.grr:.1%}")
        if core_share is not None:
            sentence = growth.sentence(core_share, CLI_SPEND_NAMES)
            if sentence:
                console.print(sentence)
    if profit is not None:
        if profit.whale_peak is not None:
            console.print(
                f"Whale curve peak {profit.whale_peak:.0%} of total profit; "
                f"{profit.loss_makers:,} loss maker{'s' if profit.loss_makers != 1 else ''}"
            )
            _print_losing_a_clients(console, analysis)
        elif profit.note:
            console.print(profit.note)
    if pipeline is not None:
        _print_prospects(console, pipeline)


def _print_losing_a_clients(console: Console, analysis: Analysis) -> None:
    table = analysis.table
    if "Profit" not in table or not len(analysis.rule.labels):
        return
    first = analysis.rule.labels[0]
    profit = pd.to_numeric(table["Profit"], errors="coerce")
    losing = table[(table["Tier"] == first) & (profit < 0)]
    if len(losing):
        names = ", ".join(str(n) for n in losing["Client"].head(5))
        more = ", …" if len(losing) > 5 else ""
        console.print(f"{first} clients that lose money: {names}{more}")


def _print_prospects(console: Console, pipeline) -> None:
    plan = pipeline.table
    console.print(f"Weighted pipeline {pipeline.weighted_pipeline:,.2f}")
    budgets = pd.to_numeric(plan["Budget"], errors="coerce")
    funded = plan[budgets > 0]
    if funded.empty:
        if pipeline.note:
            console.print(pipeline.note)
        return
    table = Table(title="Top funded prospects", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Prospect")
    for name in ("Expected revenue", "Fit", "Score", "Budget"):
        table.add_column(name, justify="right", no_wrap=True)
    for row in funded.head(TOP_PROSPECTS).itertuples(index=False):
        values = dict(zip(plan.columns, row, strict=True))
        table.add_row(
            str(values["Prospect"]),
            _money(values["Expected revenue"]),
            f"{values['Fit']:.0%}",
            _money(values["Score"]),
            _money(values["Budget"]),
        )
    console.print(table)
    console.print(f"{len(funded):,} of {len(plan):,} prospects funded")


def clients_table(rows: InputRows) -> pd.DataFrame:
    """One row per named client (first-seen order), numbers summed; for the Clients table.

    The columns are those of the template's table (``template_columns`` of the schema)
    that the input has, under their schema headers. Rows without a name are dropped; a
    client whose revenue (or prior) has no number at all keeps a blank (NaN) there, so lost
    clients with a blank current revenue stay listed.
    """
    table = rows.table
    name = table.column(table.key).header
    frame = rows.to_frame()
    frame = frame[[c.header for c in table.template_columns if c.header in frame.columns]].copy()
    frame[name] = client_names(frame[name])
    frame = frame[frame[name] != ""]
    summed = frame.groupby(name, sort=False).sum(min_count=1).reset_index()
    numbers = summed.drop(columns=name)
    return summed[numbers.notna().any(axis=1)].reset_index(drop=True)


def table_intake(rows, frame) -> str:
    """What ``new`` left out of the Clients table and merged, like ``report``'s line.

    A row is left out when its client name is blank or its client has no number at all
    (every such row is listed by its row number); the other rows of a client beyond its
    first are merged into it. A client with only a prior revenue stays (a lost client).
    """
    from xlpareto.engine.intake import SHOWN_ROWS, client_names

    names = pd.Series(client_names(rows.clients), dtype=object)
    kept = names.isin(frame[layout.CLIENT_COLUMN]).to_numpy()  # hashed: fast for 1M lines
    left_out = [int(i) + rows.first_row for i in np.flatnonzero(~kept)]
    merged = int(kept.sum()) - len(frame)
    parts = []
    if left_out:
        shown = ", ".join(map(str, left_out[:SHOWN_ROWS])) + (
            ", …" if len(left_out) > SHOWN_ROWS else ""
        )
        plural = "s" if len(left_out) != 1 else ""
        parts.append(
            f"{len(left_out):,} row{plural} skipped (blank client or no number: row {shown})"
        )
    if merged:
        plural = "s" if merged != 1 else ""
        parts.append(f"{merged:,} duplicate row{plural} merged into their client")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def print_next_steps(console: Console, path: Path, sample: bool) -> None:
    arrow = "▸" if _encodable(console, "▸") else ">"
    steps = [
        f"Open {path.name} in Excel (Mac: run `xlwings runpython install` once first).",
        "Click Enable Content in the yellow bar.",
    ]
    if sample:
        steps.append("Replace the sample clients in the Clients table with yours.")
    steps.append(f"Click Pareto {arrow} Refresh analysis on the ribbon.")
    console.print("Next steps:")
    for number, text in enumerate(steps, 1):
        console.print(f"  {number}. {text}")


def _encodable(console: Console, text: str) -> bool:
    try:
        text.encode(console.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
