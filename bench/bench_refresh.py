"""Refresh macro benchmark (SPEC section 6): the refresh's Python work for 100,000 clients.

The Python work is what runs before Excel is written to: read the settings and the Clients
table through xlwings (on the in-memory engine of ``tests/xlwings_memory``), analyse, and
prepare the output cells. Target ≤ 1 s, judged on CPU time (see ``main``). Printed next to
the engine alone (``xlpareto.analyze``) on the same data, and the in-memory write for
information (in Excel the write is Excel's own time).
Run: ``python bench/bench_refresh.py [clients]``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "refresh")]

from test_macros_support import set_clients, stand_in_workbook  # noqa: E402
from xlwings_memory import load_workbook_into_memory  # noqa: E402

import xlpareto  # noqa: E402
from xlpareto import layout, macros  # noqa: E402
from xlpareto.engine import analyze_clients, prepare_clients  # noqa: E402
from xlpareto.refresh.reader import read_clients_table  # noqa: E402
from xlpareto.refresh.settings import read_settings  # noqa: E402
from xlpareto.refresh.writer import prepare_output, write_analysis  # noqa: E402

TARGET_SECONDS = 1.0


@dataclass
class Timing:
    """Best wall time and best CPU time (seconds) of repeated runs, and the last result."""

    wall: float = float("inf")
    cpu: float = float("inf")
    result: object = None

    def line(self, label: str, note: str = "") -> str:
        return f"  {label:<32} {self.wall * 1e3:8.1f} ms wall {self.cpu * 1e3:8.1f} ms CPU  {note}"


def best_of(function: Callable[[], object], repeat: int = 7, paused: bool = True) -> Timing:
    """Time ``function``; ``paused`` runs it with the garbage collector paused, as the
    refresh does (``macros._gc_paused``). CPU time is reported too because the wall time
    on a busy shared machine includes waiting for a core."""
    timing = Timing()
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        if paused:
            with macros._gc_paused():
                timing.result = function()
        else:
            timing.result = function()
        timing.wall = min(timing.wall, time.perf_counter() - wall)
        timing.cpu = min(timing.cpu, time.process_time() - cpu)
    return timing


def client_columns(clients: int, seed: int = 11) -> dict[str, list]:
    """Skewed revenues with a prior year, a few duplicates (1 %) and blank revenues (0.1 %)."""
    rng = np.random.default_rng(seed)
    revenue = np.round(rng.lognormal(9, 1.6, clients), 2)
    prior = np.round(revenue * rng.lognormal(0, 0.4, clients), 2)
    ids = np.arange(clients)
    ids[rng.choice(clients, clients // 100, replace=False)] = rng.integers(
        0, clients, clients // 100
    )
    names = [f"Client {i:06d}" for i in ids]
    revenue_cells: list = revenue.tolist()
    for i in rng.choice(clients, clients // 1000, replace=False):
        revenue_cells[i] = None
    prior_cells: list = [None if i % 25 == 0 else v for i, v in enumerate(prior.tolist())]
    return {
        layout.CLIENT_COLUMN: names,
        layout.REVENUE_COLUMN: revenue_cells,
        layout.PRIOR_COLUMN: prior_cells,
    }


def main(clients: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = load_workbook_into_memory(stand_in_workbook(Path(folder) / "bench.xlsx"))
    set_clients(book, client_columns(clients))
    clock = lambda: dt.datetime(2026, 1, 1)  # noqa: E731

    # prepare_refresh pauses the collector itself
    python_work = best_of(lambda: macros.prepare_refresh(book, now=clock), paused=False)
    prepared = python_work.result
    settings_time = best_of(lambda: read_settings(book))
    settings = settings_time.result
    read_time = best_of(lambda: read_clients_table(book))
    columns = read_time.result
    analyse_time = best_of(
        lambda: analyze_clients(
            prepare_clients(columns.clients, columns.revenue, columns.prior, columns.first_row),
            settings.rule,
            settings.budget,
            settings.core_share,
            settings.unit,
        )
    )
    output_time = best_of(lambda: prepare_output(analyse_time.result, "2026-01-01 00:00"))

    def engine() -> object:
        return xlpareto.analyze(
            columns.clients,
            columns.revenue,
            columns.prior,
            budget=settings.budget,
            core_share=settings.core_share,
            unit=settings.unit,
        )

    engine_time = best_of(engine, paused=False)
    write_time = best_of(lambda: write_analysis(book, prepared.output), repeat=2)
    assert prepared.analysis.intake.rows_read == clients

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"refresh of {clients:,} clients (in-memory xlwings book; "
        f"{os.cpu_count()} CPUs, load {load:.1f})"
    )
    print(settings_time.line("read settings"))
    print(read_time.line("read Clients table (xlwings)"))
    print(analyse_time.line("intake + analysis (engine)"))
    print(output_time.line("prepare output cells (blocks)"))
    # Judged on CPU time: single-threaded work, whose wall time on an idle machine is its CPU
    # time; on a busy machine (load above the CPU count) the wall time also counts waiting.
    verdict = "ok" if python_work.cpu <= TARGET_SECONDS else "OVER TARGET"
    print(
        python_work.line(
            "Python work (all of the above)",
            f"target ≤ {TARGET_SECONDS * 1e3:.0f} ms (CPU): {verdict}",
        )
    )
    print(engine_time.line("engine alone (xlpareto.analyze)", "same data"))
    print(write_time.line("write to the in-memory book", "information only"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
