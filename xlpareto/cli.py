"""The ``xlpareto`` command line (Typer)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

import xlpareto
from xlpareto.data import sample_clients

app = typer.Typer(
    help="Pareto (80/20) client analysis for Excel and the command line.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()


def _version(value: bool) -> None:
    if value:
        console.print(f"xlpareto {xlpareto.__version__}")
        raise typer.Exit()


@app.callback()
def cli(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Pareto (80/20) client analysis for Excel and the command line."""


@app.command()
def demo() -> None:
    """Analyse the bundled sample clients and print a summary."""
    frame = sample_clients()
    result = xlpareto.analyze(
        frame["Client"], frame["Revenue"], frame["Revenue prior"], budget=100_000
    )
    table = Table(title="xlpareto demo: 200 sample clients")
    for column in result.summary.columns:
        table.add_column(str(column))
    for row in result.summary.itertuples(index=False):
        table.add_row(*(f"{v:.1%}" if isinstance(v, float) and v <= 1 else str(v) for v in row))
    console.print(table)
    m = result.metrics
    console.print(
        f"Top 20 % share {m['top_20_share']:.1%} · Pareto ratio "
        f"{m['pareto_ratio']:.2f} · Gini {m['gini']:.3f} · HHI {m['hhi']:.4f}"
    )


def main() -> None:
    """Entry point of the console script."""
    app()
