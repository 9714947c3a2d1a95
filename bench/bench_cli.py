"""``xlpareto report`` wall time (SPEC section 6): 100,000 clients and 1,000,000 invoice lines.

Run: ``python bench/bench_cli.py [--keep DIR]``. Generates the CSVs, runs the installed
command as a user would (a subprocess, so interpreter start and imports count), and prints
each wall time beside the engine alone (``prepare_clients`` + ``analyze_clients``) on the same
data, the ratio, and the in-process phases (read, analyse, write) of one run.

Target: ≤ 5 s wall for each report.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from xlpareto.engine import analyze_clients, make_tier_rule, prepare_clients
from xlpareto.io import read_input_file

TARGET_SECONDS = 5.0


def xlpareto_command() -> list[str]:
    """The installed console script next to this Python (else on PATH)."""
    beside = Path(sys.executable).with_name("xlpareto")
    return [str(beside) if beside.is_file() else shutil.which("xlpareto") or "xlpareto"]


def make_clients_csv(path: Path, clients: int, seed: int = 1) -> Path:
    """One row per client: Client, Revenue, Revenue prior (lognormal, cents)."""
    rng = np.random.default_rng(seed)
    pd.DataFrame(
        {
            "Client": [f"Client {i:07d}" for i in range(clients)],
            "Revenue": rng.lognormal(8, 1.6, clients).round(2),
            "Revenue prior": rng.lognormal(8, 1.6, clients).round(2),
        }
    ).to_csv(path, index=False)
    return path


def make_invoices_csv(path: Path, lines: int, clients: int, seed: int = 2) -> Path:
    """Invoice lines: Invoice, Customer, Amount; Pareto-skewed customers."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.2, clients) + 1e-3
    chosen = rng.choice(clients, lines, p=weights / weights.sum())
    pd.DataFrame(
        {
            "Invoice": np.arange(lines),
            "Customer": pd.Series(chosen).map(lambda i: f"Customer {i:06d}"),
            "Amount": rng.lognormal(5, 1.0, lines).round(2),
        }
    ).to_csv(path, index=False)
    return path


def wall(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one ``xlpareto`` run; fails if the command does.

    The CPU time is less sensitive to other processes on a busy machine than the wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*xlpareto_command(), *args], cwd=cwd, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def phases(path: Path, out: Path) -> dict[str, float]:
    """In-process timings of read, engine and write for one input."""
    import io

    import xlsxwriter

    from xlpareto.workbook import WORKBOOK_OPTIONS, Formats, add_analysis_sheet, assemble

    times = {}
    start = time.perf_counter()
    rows = read_input_file(path)
    times["read"] = time.perf_counter() - start
    start = time.perf_counter()
    client_list = prepare_clients(rows.clients, rows.revenue, rows.prior, rows.first_row)
    analysis = analyze_clients(client_list, make_tier_rule(), 100_000.0)
    times["engine"] = time.perf_counter() - start
    start = time.perf_counter()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    written = add_analysis_sheet(book, analysis, stamp="bench", formats=Formats(book))
    times["write: sheet"] = time.perf_counter() - start
    start = time.perf_counter()
    book.close()
    times["write: close (xml+zip)"] = time.perf_counter() - start
    start = time.perf_counter()
    out.write_bytes(assemble(buffer.getvalue(), written.deferred))
    times["write: package (bulk body + zip)"] = time.perf_counter() - start
    return times


def make_dated_lines_csv(path: Path, lines: int, clients: int, seed: int = 3) -> Path:
    """Dated invoice lines over two years (SPEC section 11): Date, Customer, Amount, Cost."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.2, clients) + 1e-3
    chosen = rng.choice(clients, lines, p=weights / weights.sum())
    days = rng.integers(0, 730, lines)
    pd.DataFrame(
        {
            "Date": (np.datetime64("2024-01-01") + days).astype(str),
            "Customer": pd.Series(chosen).map(lambda i: f"Customer {i:06d}"),
            "Amount": rng.lognormal(5, 1.0, lines).round(2),
            "Cost": rng.lognormal(3, 1.0, lines).round(2),
        }
    ).to_csv(path, index=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the CSVs and reports here")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="xlpareto-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cases = [
        ("100,000 clients", make_clients_csv(work / "clients_100k.csv", 100_000)),
        ("1,000,000 invoice lines", make_invoices_csv(work / "invoices_1m.csv", 1_000_000, 50_000)),
        (
            "1,000,000 dated lines",  # periods, the growth bridge, costs and the whale curve
            make_dated_lines_csv(work / "dated_1m.csv", 1_000_000, 50_000),
        ),
    ]
    startup, startup_cpu = min(wall(["--version"], work) for _ in range(3))
    print(f"start-up (xlpareto --version): {startup:.2f} s wall, {startup_cpu:.2f} s CPU")
    header = f"{'input':<26}{'report':>9}{'(CPU)':>9}{'engine':>9}{'ratio':>8}"
    print(f"{header}   target ≤ {TARGET_SECONDS:g} s wall")
    for name, path in cases:
        report, cpu = min(
            wall(["report", path.name, "-o", f"{path.stem}.xlsx"], work) for _ in range(2)
        )
        timings = phases(path, work / f"{path.stem}_inproc.xlsx")
        engine = timings["engine"]
        verdict = "ok" if report <= TARGET_SECONDS else "OVER TARGET"
        print(
            f"{name:<26}{report:8.2f}s{cpu:8.2f}s{engine:8.2f}s{report / engine:7.1f}x   {verdict}"
        )
        print("    phases: " + ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))


if __name__ == "__main__":
    main()
