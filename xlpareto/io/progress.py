"""Progress for long reads and writes: a rich status spinner on a terminal, nothing otherwise.

Short runs stay silent too: a step shows its spinner only when the work is *large* (more than
:data:`LARGE_ROWS` rows, or an input file over :data:`LARGE_BYTES`), so a quick report prints
just its summary, and output piped into a file or another program never gets control codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

LARGE_ROWS = 50_000
LARGE_BYTES = 2_000_000  # about 50,000 CSV rows


def is_large(*, rows: int = 0, path: Path | None = None) -> bool:
    """True for more than ``LARGE_ROWS`` rows or a file over ``LARGE_BYTES``."""
    size = path.stat().st_size if path is not None and path.is_file() else 0
    return rows > LARGE_ROWS or size > LARGE_BYTES


@contextmanager
def step(console: Console, message: str, *, large: bool) -> Iterator[None]:
    """Show ``message`` with a spinner while the block runs (terminal and large work only)."""
    if large and console.is_terminal and not console.quiet:
        with console.status(message):
            yield
    else:
        yield


def speed_line(rows: int, seconds: float) -> str:
    """The last line of a long run: how long it took and how many rows it read per second.

    Examples
    --------
    >>> speed_line(10_000_000, 8.0)
    'Done in 8.0 s: 10,000,000 rows read (1,250,000 rows/s)'
    """
    rate = rows / seconds if seconds > 0 else float("inf")
    return f"Done in {seconds:.1f} s: {rows:,} rows read ({rate:,.0f} rows/s)"
