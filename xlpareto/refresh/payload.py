"""Split a large table write into requests that stay under a host's size limit.

Excel on the web refuses a request above 5 MB. On hosts that apply writes later (xlwings
Server, xlwings Lite) every ``Range.value`` write becomes one action of the request the
host sends to Excel, so the refresh writes a long table in row chunks whose values take
less than :data:`MAX_REQUEST_BYTES` each. The size of a chunk is bounded, not measured
(serialising a 100,000-row table to JSON takes longer than the rest of the refresh): a
number takes at most 25 bytes in JSON (``-1.2345678901234567e-308,``), a text at most
twelve bytes per character plus its quotes and comma (a character outside the Basic
Multilingual Plane is escaped as two ``\\uXXXX``), a row adds its brackets. Desktop Excel
gets the same chunks; a few calls instead of one cost nothing there.

The table comes column by column (as the content holds it), so a text column's lengths are
one pass over a list of strings.

Examples
--------
>>> row_chunks([[1.0, 2.0], ["a", "b"]], (False, True))
[(0, 2)]
>>> row_chunks([[1.0] * 10, ["a"] * 10], (False, True), limit=100)
[(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: bytes a chunk's values may take (Excel on the web: 5 MB per request, with room to spare
#: for the rest of the request: the action, its address, the number formats)
MAX_REQUEST_BYTES = 4_000_000
# json.dumps separates values by ", ": a comma and a space after each value and row
NUMBER_BYTES = 26  # the longest float repr, 24 characters (-1.3407807929857241e+154), ", "
TEXT_OVERHEAD = 4  # quotes and ", "
ESCAPE_BYTES = 12  # the longest JSON escape of one character: a surrogate pair
ROW_OVERHEAD = 4  # brackets and ", "


def _text_bytes(values: Sequence[Any]) -> np.ndarray:
    try:  # a text column holds str only: one C-level pass
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    except TypeError:
        lengths = np.fromiter(
            (len(v) if isinstance(v, str) else NUMBER_BYTES for v in values),
            dtype=np.int64,
            count=len(values),
        )
    return lengths * ESCAPE_BYTES + TEXT_OVERHEAD


def row_bytes(columns: Sequence[Sequence[Any]], text_columns: Sequence[bool]) -> np.ndarray:
    """An upper bound of each row's JSON size in bytes (``columns``: the table by column)."""
    length = len(columns[0]) if columns else 0
    sizes = np.full(length, ROW_OVERHEAD + NUMBER_BYTES * len(text_columns), dtype=np.int64)
    for column, is_text in zip(columns, text_columns, strict=True):
        if is_text:
            sizes += _text_bytes(column) - NUMBER_BYTES
    return sizes


def row_chunks(
    columns: Sequence[Sequence[Any]],
    text_columns: Sequence[bool],
    limit: int = MAX_REQUEST_BYTES,
) -> list[tuple[int, int]]:
    """``(start, stop)`` row slices, in order, each under ``limit`` bytes (at least one row).

    A single row above the limit gets a chunk of its own (a cell holds at most 32,767
    characters, so a row of the Analysis table can't reach 5 MB).
    """
    ends = np.cumsum(row_bytes(columns, text_columns))
    chunks, start, done = [], 0, 0
    while start < len(ends):
        stop = int(np.searchsorted(ends, done + limit, side="right"))
        stop = max(stop, start + 1)
        chunks.append((start, stop))
        done = int(ends[stop - 1])
        start = stop
    return chunks
