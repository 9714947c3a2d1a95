"""Helpers for the command-line tests: run the installed ``xlpareto`` and read its output."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

from xlpareto import layout


def xlpareto_command() -> list[str]:
    """The installed console script (next to this Python, else on PATH), else ``-m``."""
    beside = Path(sys.executable).with_name("xlpareto")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("xlpareto")
    return [found] if found else [sys.executable, "-m", "xlpareto"]


def run(*args: str | os.PathLike, cwd: Path, env: dict | None = None, timeout: float = 300):
    """Run ``xlpareto ARGS`` like a user would (stdout not a terminal)."""
    return subprocess.run(
        [*xlpareto_command(), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def run_here(*args: str | os.PathLike, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``xlpareto ARGS`` in this process: ``cli.main``, the console script's own code.

    The same parsing, errors and output as :func:`run` without the second or so that a new
    interpreter needs to import pandas; for the many small cases. An exception that is not
    a ``SystemExit`` propagates (a bug, as a traceback would be).
    """
    from xlpareto import cli

    argv = [str(arg) for arg in args]
    out, err, code = io.StringIO(), io.StringIO(), 0
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main(argv)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(["xlpareto", *argv], code, out.getvalue(), err.getvalue())


def write_csv(path: Path, rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """Write rows (the first is the header) with proper quoting."""
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def pareto_rows(path: Path) -> list[dict]:
    """The ParetoTable of a report as dicts (header → value)."""
    book = openpyxl.load_workbook(path)
    sheet = book[layout.ANALYSIS_SHEET]
    ref = sheet.tables[layout.ANALYSIS_TABLE].ref
    cells = [[c.value for c in row] for row in sheet[ref]]
    return [dict(zip(cells[0], row, strict=True)) for row in cells[1:]]


def revenue_by_client(path: Path) -> dict[str, float]:
    """Client → revenue from the report's ParetoTable."""
    return {row["Client"]: row["Revenue"] for row in pareto_rows(path)}
