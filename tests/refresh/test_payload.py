"""Request sizes of the refresh's table writes: the bound holds for any cell content."""

from __future__ import annotations

import itertools
import json

from hypothesis import example, given
from hypothesis import strategies as st

from xlpareto.refresh.payload import row_bytes, row_chunks

numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**15), 10**15), st.just("")
)
texts = st.text(max_size=40)  # any characters: quotes, backslashes, control, astral


@given(st.lists(st.tuples(numbers, texts, numbers, texts), max_size=60))
@example([(-1.3407807929857241e154, "", -1.3407807929857241e154, "")])  # longest float repr
def test_the_bound_holds_for_every_row(rows) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)] or [[], [], [], []]
    bounds = row_bytes(columns, (False, True, False, True))
    for row, bound in zip(rows, bounds, strict=True):
        assert len(json.dumps([list(row)]).encode()) - 2 <= bound  # ensure_ascii escapes


@given(st.lists(st.tuples(numbers, texts), min_size=1, max_size=80), st.integers(40, 600))
def test_chunks_cover_the_rows_in_order_and_stay_under_the_limit(rows, limit) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)]
    chunks = row_chunks(columns, (False, True), limit=limit)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(rows)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    for start, stop in chunks:
        size = len(json.dumps([list(r) for r in rows[start:stop]]).encode())
        assert size <= limit or stop - start == 1  # a single row above the limit goes alone


def test_no_rows_no_chunks() -> None:
    assert row_chunks([[], []], (False, True)) == []
