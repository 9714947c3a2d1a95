"""Sums per client do not depend on the order polars adds the lines in (issue 13)."""

from __future__ import annotations

import itertools
import math
import random

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.io.exact_sums import exact_sum, settled

money = st.integers(-(10**12), 10**12).map(lambda cents: cents / 100)
amounts = st.one_of(
    money,
    st.floats(-1e15, 1e15, allow_nan=False, width=64),
    st.floats(-1e18, 1e18, allow_nan=False, width=64),  # up to the exact grid's end, 2**60
    st.floats(-1e-300, 1e-300, width=64),  # far below the grid: all remainder
)


def _grouped_sums(lines: pl.DataFrame) -> dict[str, float]:
    """Per client the order-free sum of ``revenue``, tiny values settled."""
    lazy, sums = lines.lazy(), {"r": pl.col("revenue")}
    grouped = lazy.group_by("client").agg(exact_sum(pl.col("revenue")).alias("r"))
    result = settled(lazy, grouped.collect(engine="streaming"), ["client"], sums)
    assert result.columns == ["client", "r"]
    return dict(result.iter_rows())


def _sum(values: list[float]) -> float:
    return _grouped_sums(pl.DataFrame({"client": ["c"] * len(values), "revenue": values}))["c"]


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

    assert _grouped_sums(frame) == _grouped_sums(frame[order])


@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.one_of(money, st.floats(-1e-300, 1e-300))),
        min_size=1,
        max_size=60,
    ),
    st.randoms(),
)
def test_groups_with_tiny_values_get_their_exact_sum(lines, rng: random.Random) -> None:
    # a group of amounts below the grid's step is all rounding: its exact total is added
    # afterwards, so it does not depend on the order either, and is fsum's
    frame = pl.DataFrame(
        {
            "client": [c for c, _ in lines],
            "revenue": pl.Series("revenue", [v for _, v in lines], pl.Float64),
        }
    )
    order = list(range(len(lines)))
    rng.shuffle(order)
    sums = _grouped_sums(frame)
    assert sums == _grouped_sums(frame[order])
    for client, total in sums.items():
        values = [v for c, v in lines if c == client]
        if all(abs(v) < 2.0**-30 for v in values):
            assert total == math.fsum(values)


@given(st.lists(st.floats(-(2.0**-30), 2.0**-30, width=64), min_size=1, max_size=50))
def test_values_below_the_grid_step_are_not_lost(values: list[float]) -> None:
    # e.g. one revenue of -9.2e-227 stays itself (the row-by-row path's exact sum), not 0.0
    exact = math.fsum(values)
    assert abs(_sum(values) - exact) <= 2 * math.ulp(2.0**-30) * len(values)
    if len(values) == 1:
        assert _sum(values) == values[0]


def test_tiny_amounts_add_up_the_same_in_every_order() -> None:
    # found by hypothesis: added as floats, these gave ...747e-301 or ...7472e-301
    values = [0.0, 2.8238478863945405e-301, 2.8238478863945405e-301, 1.4707960742938501e-301]
    values.append(2.8238478863945405e-301)
    totals = {_sum(list(order)) for order in itertools.permutations(values)}
    assert totals == {math.fsum(values)}


def test_a_group_with_a_nan_or_an_infinity_keeps_a_nan_sum() -> None:
    # only a typed reading of a text file holds these ("nan", "inf" cells): its NaN sum
    # sends the file to the text reading, so the group is not settled into a number
    frame = pl.DataFrame(
        {"client": ["a", "a", "b", "c"], "revenue": [float("inf"), -float("inf"), 1e-300, 2.0]}
    )
    sums = _grouped_sums(frame)
    assert math.isnan(sums["a"])
    assert sums["b"] == 1e-300 and sums["c"] == 2.0
