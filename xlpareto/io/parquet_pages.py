"""Damaged Parquet pages found before polars reads them.

Why: polars 2.1 aborts the whole process on some damaged data pages – a panic in several
threads that cascades into an abort, which no ``except`` can catch (found by the readers fuzz
test: a few bytes changed inside a page) – while pyarrow's reader raises an error naming the
damage ("Invalid page header"). So the columns a report reads are decoded once by pyarrow
first, a batch at a time (its own threads, the memory of one batch: 0.3 s at 10,000,000
lines; begun in a thread while the reader is imported, it hid no more than 0.02 s of that).
A file cut short fails in polars' own footer check, as one line. Without pyarrow (an
optional package: xlwings Lite has none) polars reads the file unchecked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from xlpareto.errors import XlparetoError

#: Rows decoded at a time.
_BATCH_ROWS = 1 << 20


def check_parquet_pages(path: Path, source: str, columns: Sequence[str]) -> None:
    """Raise a one-line error when a page of ``columns`` of the Parquet file cannot be
    decoded (``source``: the file's name in the message)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is installed wherever wheels exist
        return
    try:
        # texts kept as dictionaries (no string per value) and the file mapped: what is
        # checked is that every page decodes
        file = pq.ParquetFile(path, memory_map=True, read_dictionary=list(columns))
        for _ in file.iter_batches(batch_size=_BATCH_ROWS, columns=list(columns)):
            pass
    except (pa.ArrowException, OSError) as error:
        lines = str(error).strip().splitlines()
        detail = lines[0] if lines else type(error).__name__
        raise XlparetoError(f"{source}: not a readable Parquet file ({detail})") from None
    finally:
        # the batches' memory back for polars (without it the report's peak grew 170 MB)
        pa.default_memory_pool().release_unused()
