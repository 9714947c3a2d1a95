"""What the command line prints: a compact rich summary of an analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from xlpareto.engine import Analysis
from xlpareto.engine.intake import client_names
from xlpareto.io.readers import InputRows


def _money(value: object) -> str:
    return f"{value:,.2f}" if isinstance(value, (int, float, np.number)) else ""


def _budget_by_segment(analysis: Analysis) -> dict[str, float]:
    if analysis.budget is None:
        return {}
    return dict(zip(analysis.budget["Segment"], analysis.budget["Budget"], strict=True))


def print_summary(console: Console, analysis: Analysis, title: str) -> None:
    """Tiers (clients, shares, revenue, budget), the concentration KPIs, the budget split."""
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
