"""``xlpareto report`` at scale against columnar floors (SPEC section 6, v2; issue 13).

Run: ``python bench/bench_report_scale.py [--lines N] [--clients N] [--one-row N]
[--repeat K] [--quick] [--keep DIR]``.

Generates the SPEC cases deterministically with numpy (seeded) in a temp dir:

- ``lines`` dated invoice lines (Client, Date, Revenue, Cost) over ``clients`` clients, as
  CSV and as Parquet (default 10,000,000 lines over 200,000 clients);
- ``one-row`` one-row clients (Client, Revenue, Revenue prior) as CSV (default 1,000,000).

For each case, interleaved and best of ``repeat`` (the machine may be shared), it measures
the floors: polars and DuckDB reading the file, grouping per client (current and prior
period sums, cost) and sorting by revenue; a vectorised sheet-XML writer that emits as many
cells of the same kinds as the report's per-client tables (Analysis with its cutoff-line
columns, and Profit for dated costs: rank, text, numbers, styled, each with its reference)
into zip entries with polars string expressions, streamed at deflate level 1 like the report
(no per-cell Python); interpreter start-up + ``import xlpareto.cli``. Then it runs
``python -m xlpareto report IN -o OUT --force`` as a child process and prints, per case, the
report's wall time, its peak RSS (``os.wait4`` rusage of that child), the floor
(faster reader + writer + start-up) and the ratio report / floor, and polars vs DuckDB side
by side. Targets: ratio ≤ 1.5, peak ≤ 1 GB at 10M lines. This is a script, not a test.

The writer floor deflates with :mod:`zipfile`'s zlib, as specified from the start. The
report deflates its sheets with Intel ISA-L (3.7 × zlib's speed), so the bench also times
the same floor writer with ISA-L's deflate and prints the ratio against that stricter floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
from isal import isal_zlib

TARGET_RATIO = 1.5
TARGET_PEAK_MB = 1024.0
PERIOD_END = dt.date(2025, 12, 31)
DAYS = 730  # two 12-month periods ending at PERIOD_END
CURRENT_START = dt.date(2025, 1, 1)  # current period (E - 12 months, E]
PRIOR_START = dt.date(2024, 1, 1)  # prior period (E - 24 months, E - 12 months]
#: The per-client tables the report writes, as (columns, the text columns among them): the
#: floor writes as many cells of the same kinds, one sheet per table. Analysis: Rank, Client,
#: Revenue, Share, Cumulative share, Tier, Gap, Budget, Prior tier, Movement (+ Cost, Profit
#: with dated costs), then the two constant cutoff-line columns of ParetoCutoffs; Profit: Rank,
#: Client, Revenue, Cost, Profit, Cumulative profit, Flag.
Tables = tuple[tuple[int, tuple[int, ...]], ...]
DATED_TABLES: Tables = ((12 + 2, (1, 5, 8, 9)), (7, (1, 6)))
ONE_ROW_TABLES: Tables = ((10 + 2, (1, 5, 8, 9)),)


@dataclass
class Case:
    """One input file and what its floors need to know."""

    name: str
    path: Path
    dated: bool
    tables: Tables
    best: dict[str, float] = field(default_factory=dict)
    peak_mb: list[float] = field(default_factory=list)
    groups: int = 0

    def record(self, key: str, seconds: float) -> None:
        """Keep the best (smallest) time per measurement."""
        self.best[key] = min(seconds, self.best.get(key, float("inf")))


def client_names(ids: np.ndarray) -> pl.Series:
    """``Client 0000123`` names built column-wise by polars (no per-row Python)."""
    return ("Client " + pl.Series("Client", ids).cast(pl.String).str.zfill(7)).alias("Client")


def make_dated(directory: Path, lines: int, clients: int, seed: int = 13) -> tuple[Path, Path]:
    """Dated invoice lines, Pareto-skewed clients, as CSV and Parquet."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.2, clients) + 1e-3
    chosen = rng.choice(clients, lines, p=weights / weights.sum())
    first = np.datetime64(PERIOD_END) - np.timedelta64(DAYS - 1, "D")
    dates = first + rng.integers(0, DAYS, lines).astype("timedelta64[D]")
    revenue = rng.lognormal(5, 1.0, lines).round(2)
    cost = (revenue * rng.uniform(0.0, 0.9, lines)).round(2)
    frame = pl.DataFrame(
        {
            "Client": client_names(chosen),
            "Date": pl.Series("Date", dates).cast(pl.Date),
            "Revenue": revenue,
            "Cost": cost,
        }
    )
    csv, parquet = directory / "lines.csv", directory / "lines.parquet"
    frame.write_csv(csv)
    frame.write_parquet(parquet)
    return csv, parquet


def make_one_row(directory: Path, clients: int, seed: int = 14) -> Path:
    """One row per client: Client, Revenue, Revenue prior (lognormal, cents)."""
    rng = np.random.default_rng(seed)
    path = directory / "clients.csv"
    pl.DataFrame(
        {
            "Client": client_names(np.arange(clients)),
            "Revenue": rng.lognormal(8, 1.6, clients).round(2),
            "Revenue prior": rng.lognormal(8, 1.6, clients).round(2),
        }
    ).write_csv(path)
    return path


def polars_floor(case: Case, as_text: bool = False) -> int:
    """polars: read, group per client (periods, cost), sort by revenue; number of groups.

    Written as polars runs it fastest (streaming engine, conditional sums as ``when/then``
    rather than ``filter`` inside the aggregation, first-seen order from the least row
    index rather than an order-keeping group-by), with DuckDB's tie-break. ``as_text``:
    every CSV cell read as text and cast afterwards, as xlpareto reads (a client called
    ``NA`` stays a client; its number rules are its own), instead of typed reading."""
    suffix = case.path.suffix
    if suffix == ".parquet":
        scan = pl.scan_parquet(case.path, row_index_name="row")
    else:
        scan = pl.scan_csv(case.path, infer_schema=not as_text, row_index_name="row")
    if as_text:
        amounts = ["Revenue", "Cost"] if case.dated else ["Revenue", "Revenue prior"]
        scan = scan.with_columns(pl.col(amounts).cast(pl.Float64, strict=False))
    if case.dated:
        date = pl.col("Date")
        if suffix != ".parquet":
            scan = scan.with_columns(date.str.to_date("%Y-%m-%d", strict=False))
        now = date >= CURRENT_START
        prior = (date >= PRIOR_START) & (date < CURRENT_START)
        aggs = [
            pl.when(now).then(pl.col("Revenue")).sum().alias("revenue"),
            pl.when(prior).then(pl.col("Revenue")).sum().alias("prior"),
            pl.when(now).then(pl.col("Cost")).sum().alias("cost"),
        ]
    else:
        aggs = [pl.col("Revenue").sum().alias("revenue"), pl.col("Revenue prior").sum()]
    out = (
        scan.with_columns(pl.col("Client").str.strip_chars())
        .group_by("Client")
        .agg(*aggs, pl.col("row").min().alias("seen"))
        .sort(["revenue", "seen"], descending=[True, False])
        .collect(engine="streaming")
    )
    return out.height


def duckdb_floor(case: Case, as_text: bool = False) -> int:
    """DuckDB: the same read, group and sort; number of groups (``as_text``: as
    :func:`polars_floor`, every CSV cell read as text, then ``TRY_CAST``)."""
    source = f"'{case.path}'"
    reader = f"read_parquet({source})" if case.path.suffix == ".parquet" else f"read_csv({source})"
    if as_text:
        amounts = ("Revenue", "Cost") if case.dated else ("Revenue", "Revenue prior")
        casts = ", ".join(f'TRY_CAST("{a}" AS DOUBLE) AS "{a}"' for a in amounts)
        date = ", TRY_CAST(Date AS DATE) AS Date" if case.dated else ""
        text = f"read_csv({source}, all_varchar = true)"
        reader = f"(SELECT Client, {casts}{date} FROM {text})"
    if case.dated:
        now, prior = (
            f"Date >= DATE '{CURRENT_START}'",
            (f"Date >= DATE '{PRIOR_START}' AND Date < DATE '{CURRENT_START}'"),
        )
        aggs = (
            f"sum(Revenue) FILTER (WHERE {now}) AS revenue, "
            f"sum(Revenue) FILTER (WHERE {prior}) AS prior, "
            f"sum(Cost) FILTER (WHERE {now}) AS cost"
        )
    else:
        aggs = 'sum(Revenue) AS revenue, sum("Revenue prior") AS prior'
    query = (
        f"SELECT trim(Client) AS Client, {aggs}, min(rowid) AS seen FROM {reader} "
        "GROUP BY 1 ORDER BY revenue DESC, seen"
    )
    with duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = false")
        try:
            result = con.execute(query).fetchnumpy()
        except duckdb.Error:  # readers without rowid: order by name as the tie-break
            result = con.execute(
                query.replace(", min(rowid) AS seen", "").replace(", seen", ", Client")
            ).fetchnumpy()
    return len(result["Client"])


def column_letters(count: int) -> list[str]:
    """``A``, ``B``, … for the first ``count`` columns (count ≤ 26)."""
    return [chr(ord("A") + i) for i in range(count)]


FLOOR_CHUNK_ROWS = 1 << 16  # rows rendered and compressed at a time, as the report does


def floor_rows(
    first: int, names: pl.Series, numbers: pl.Series, columns: int, texts: tuple[int, ...]
) -> bytes:
    """``<row>`` elements for rows ``first``.. with ``columns`` styled cells each (those at
    ``texts`` inline text), rendered by polars string expressions in one pass (no per-cell
    Python): numbers in polars' own shortest text (cheaper than the report's exact 16
    digits, so a floor), the first column an integer rank."""
    frame = pl.DataFrame(
        {
            "r": pl.int_range(first, first + len(names), eager=True).cast(pl.String),
            "name": names,
            "number": numbers.cast(pl.String),
            "rank": pl.int_range(first - 1, first - 1 + len(names), eager=True).cast(pl.String),
        }
    )
    parts: list[pl.Expr] = [pl.lit('<row r="'), pl.col("r"), pl.lit('">')]
    for index, letter in enumerate(column_letters(columns)):
        parts += [pl.lit(f'<c r="{letter}'), pl.col("r")]
        if index in texts:
            parts += [
                pl.lit('" s="6" t="inlineStr"><is><t>'),
                pl.col("name"),
                pl.lit("</t></is></c>"),
            ]
        else:
            value = pl.col("rank") if index == 0 else pl.col("number")
            parts += [pl.lit('" s="7"><v>'), value, pl.lit("</v></c>")]
    parts.append(pl.lit("</row>"))
    return frame.select(pl.concat_str(parts).str.join("").cast(pl.Binary)).item()


@contextmanager
def deflated_by(module: object) -> Iterator[None]:
    """:mod:`zipfile` deflating with ``module`` (zlib, or ISA-L's ``isal_zlib``, which has
    the same ``compressobj``): zipfile takes its compressor from its module global."""
    saved = zipfile.zlib
    zipfile.zlib = module
    try:
        yield
    finally:
        zipfile.zlib = saved


def writer_floor(directory: Path, rows: int, tables: Tables) -> None:
    """Vectorised sheet XML: per table a sheet of ``rows`` rows of its cells (rank, text and
    number cells with their styles, each with its reference) streamed into a zip entry at
    deflate level 1, a block of rows at a time, as the report writes its sheets."""
    rng = np.random.default_rng(0)
    numbers = pl.Series(rng.lognormal(8, 1.6, rows).round(2))
    names = pl.Series(np.arange(rows)).cast(pl.String).str.zfill(7)
    names = ("Client " + names).alias("name")
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    path = directory / "floor.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for sheet, (columns, texts) in enumerate(tables, start=1):
            with package.open(f"xl/worksheets/sheet{sheet}.xml", "w", force_zip64=True) as entry:
                entry.write(head.encode())
                for start in range(0, rows, FLOOR_CHUNK_ROWS):
                    stop = min(start + FLOOR_CHUNK_ROWS, rows)
                    block = (names[start:stop], numbers[start:stop], columns, texts)
                    entry.write(floor_rows(start + 2, *block))
                entry.write(b"</sheetData></worksheet>")


def child_env() -> dict[str, str]:
    """The environment of the children: this checkout first on the path."""
    root = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


#: GNU time, which starts the measured command itself: Linux keeps a forked child's peak RSS
#: from before its exec, so a child of this (large) process would report at least this
#: process' own size; a child of the small ``time`` process reports its own peak.
GNU_TIME = Path("/usr/bin/time")


def run_child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process; fails loudly on error."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped if GNU_TIME.exists() else command,
            env=child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr[-400:]}")
        kilobytes = float(rss.read().split()[-1]) if GNU_TIME.exists() else usage.ru_maxrss
    return seconds, kilobytes / 1024.0


def timed(action: Callable[[], object]) -> tuple[float, object]:
    """Wall seconds of one call and its result."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure(case: Case, directory: Path) -> None:
    """One interleaved round for ``case``: both readers, the writer, start-up, the report."""
    seconds, case.groups = timed(lambda: polars_floor(case))
    case.record("polars", seconds)
    seconds, groups = timed(lambda: duckdb_floor(case))
    if groups != case.groups:
        raise SystemExit(f"{case.name}: polars found {case.groups} clients, DuckDB {groups}")
    case.record("duckdb", seconds)
    if case.path.suffix == ".csv":  # the readers on all-text cells, as xlpareto reads CSV
        case.record("polars text", timed(lambda: polars_floor(case, as_text=True))[0])
        case.record("duckdb text", timed(lambda: duckdb_floor(case, as_text=True))[0])
    with deflated_by(zlib):
        seconds, _ = timed(lambda: writer_floor(directory, case.groups, case.tables))
    case.record("writer", seconds)
    with deflated_by(isal_zlib):
        seconds, _ = timed(lambda: writer_floor(directory, case.groups, case.tables))
    case.record("writer isal", seconds)
    seconds, _ = run_child([sys.executable, "-c", "import xlpareto.cli"])
    case.record("startup", seconds)
    out = directory / f"{case.name}.xlsx"
    command = [sys.executable, "-m", "xlpareto", "report", str(case.path), "-o", str(out)]
    seconds, peak = run_child([*command, "--force"])
    case.record("report", seconds)
    case.peak_mb.append(peak)


def print_case(case: Case, lines: int | None) -> None:
    """The figures of one case: floors, report, ratio, peak memory."""
    best = case.best
    reader = min(best["polars"], best["duckdb"])
    floor = reader + best["writer"] + best["startup"]
    ratio = best["report"] / floor
    strict_floor = reader + best["writer isal"] + best["startup"]
    strict = best["report"] / strict_floor
    faster = "polars" if best["polars"] <= best["duckdb"] else "DuckDB"
    rows = f"{lines:,} lines, " if lines else ""
    peaks = ", ".join(f"{p:.0f}" for p in case.peak_mb)
    cells = case.groups * sum(columns for columns, _ in case.tables)
    print(f"{case.name} ({rows}{case.groups:,} clients, {cells:,} cells)")
    print(f"  polars read+group+sort  {best['polars']:7.2f} s")
    print(f"  DuckDB read+group+sort  {best['duckdb']:7.2f} s   faster: {faster}")
    print(f"  vectorised XML writer   {best['writer']:7.2f} s")
    print(f"  start-up + imports      {best['startup']:7.2f} s")
    print(f"  floor                   {floor:7.2f} s")
    print(f"  xlpareto report         {best['report']:7.2f} s   peak RSS per run: {peaks} MB")
    verdict = "ok" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"  ratio report / floor    {ratio:7.2f} ×  (target ≤ {TARGET_RATIO}) {verdict}")
    verdict = "ok" if strict <= TARGET_RATIO else "ABOVE TARGET"
    print(f"  writer, ISA-L deflate   {best['writer isal']:7.2f} s")
    print(f"  floor with it           {strict_floor:7.2f} s")
    print(f"  ratio report / that     {strict:7.2f} ×  (target ≤ {TARGET_RATIO}) {verdict}")
    if case.dated:
        mem = "ok" if max(case.peak_mb) <= TARGET_PEAK_MB else "ABOVE TARGET"
        print(f"  peak RSS max            {max(case.peak_mb):7.0f} MB (target ≤ 1024) {mem}")


def main(argv: list[str] | None = None) -> None:
    """Generate the cases, measure them interleaved, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000, help="dated invoice lines")
    parser.add_argument("--clients", type=int, default=200_000, help="clients of the lines")
    parser.add_argument("--one-row", type=int, default=1_000_000, help="one-row clients")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (best of)")
    parser.add_argument("--quick", action="store_true", help="1M lines, 100,000 one-row clients")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    args = parser.parse_args(argv)
    if args.quick:
        args.lines, args.one_row = 1_000_000, 100_000
    directory = args.keep or Path(tempfile.mkdtemp(prefix="xlpareto-scale-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        seconds, (csv, parquet) = timed(lambda: make_dated(directory, args.lines, args.clients))
        one_row = make_one_row(directory, args.one_row)
        print(f"generated {args.lines:,} lines / {args.one_row:,} clients in {seconds:.1f} s")
        cases = [
            Case("lines CSV", csv, True, DATED_TABLES),
            Case("lines Parquet", parquet, True, DATED_TABLES),
            Case("one-row CSV", one_row, False, ONE_ROW_TABLES),
        ]
        for round_ in range(args.repeat):
            for case in cases:
                measure(case, directory)
                best = ", ".join(f"{k} {v:.2f}" for k, v in case.best.items())
                print(f"  {case.name}: best so far {best} s; peak {case.peak_mb[-1]:.0f} MB")
            print(f"round {round_ + 1}/{args.repeat} done", flush=True)
        for case in cases:
            print_case(case, args.lines if case.dated else None)
        print("polars vs DuckDB (read + group + sort, best of", args.repeat, "):")
        for case in cases:
            p, d = case.best["polars"], case.best["duckdb"]
            print(
                f"  {case.name:14s} polars {p:6.2f} s   DuckDB {d:6.2f} s"
                f"   DuckDB/polars {d / p:.2f}"
            )
            if "polars text" in case.best:
                p, d = case.best["polars text"], case.best["duckdb text"]
                print(
                    f"  {'as text':>14s} polars {p:6.2f} s   DuckDB {d:6.2f} s"
                    f"   DuckDB/polars {d / p:.2f}"
                )
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
