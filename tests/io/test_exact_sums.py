"""Sums per client do not depend on the order polars adds the lines in (issue 13)."""

from __future__ import annotations

import math
import random

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.io.columnar import exact_sum

money = st.integers(-(10**12), 10**12).map(lambda cents: cents / 100)
amounts = st.one_of(
    money,
    st.floats(-1e15, 1e15, allow_nan=False, width=64),
    st.floats(-1e18, 1e18, allow_nan=False, width=64),  # up to the exact grid's end, 2**60
    st.floats(-1e-300, 1e-300, width=64),  # far below the grid: all remainder
)


def _sum(values: list[float]) -> float:
    frame = pl.DataFrame({"x": pl.Series(values, dtype=pl.Float64)})
    return frame.select(exact_sum(pl.col("x"))).item()


@given(st.lists(amounts, min_size=1, max_size=200), st.randoms())
def test_the_sum_is_the_same_in_any_order(values: list[float], rng: random.Random) -> None:
    shuffled = values[:]
    rng.shuffle(shuffled)
    assert _sum(shuffled) == _sum(values)


@given(st.lists(st.one_of(money, st.floats(-1e15, 1e15, width=64)), min_size=1, max_size=200))
def test_the_sum_is_the_exact_sum_rounded(values: list[float]) -> None:
    exact = math.fsum(values)  # correctly rounded
    scale = max(1.0, max(abs(v) for v in values))
    # only the remainders below 2**-30 are added as floats: far below the sum's last digit
    assert abs(_sum(values) - exact) <= math.ulp(exact) + len(values) * 2.0**-82 * scale


def test_ten_dimes_make_one() -> None:
    values = [0.1] * 10
    assert sum(values) == 0.9999999999999999  # added one by one, as floats
    assert _sum(values) == 1.0 == math.fsum(values)


def test_grouped_sums_are_identical_when_the_lines_come_in_another_order() -> None:
    rng = random.Random(7)
    clients = [f"c{rng.randrange(50)}" for _ in range(20_000)]
    revenue = [rng.randrange(1, 10**7) / 100 for _ in clients]
    frame = pl.DataFrame({"client": clients, "revenue": revenue})
    order = list(range(len(clients)))
    rng.shuffle(order)

    def sums(lines: pl.DataFrame) -> dict[str, float]:
        grouped = lines.lazy().group_by("client").agg(exact_sum(pl.col("revenue")).alias("r"))
        return dict(grouped.collect(engine="streaming").iter_rows())

    assert sums(frame) == sums(frame[order])


@given(st.lists(st.floats(-(2.0**-30), 2.0**-30, width=64), min_size=1, max_size=50))
def test_values_below_the_grid_step_are_not_lost(values: list[float]) -> None:
    # e.g. one revenue of -9.2e-227 stays itself (the row-by-row path's exact sum), not 0.0
    exact = math.fsum(values)
    assert abs(_sum(values) - exact) <= 2 * math.ulp(2.0**-30) * len(values)
    if len(values) == 1:
        assert _sum(values) == values[0]
