"""The vectorised ``.16G`` formatter writes exactly Python's ``f"{v:.16G}"`` (XlsxWriter's
number text), leaves to Python only what it documents, and leaves almost nothing on real data."""

from __future__ import annotations

import struct
from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.workbook.bulk_rows import _cell, render_column
from xlpareto.workbook.number_text import E_MAX, E_MIN, mantissas, number_texts

ANY = st.floats(allow_nan=False, allow_infinity=False, width=64)


def _ulps(value: float, steps: int) -> float:
    """``value`` moved ``steps`` doubles up (or down)."""
    (bits,) = struct.unpack("<q", struct.pack("<d", value))
    return struct.unpack("<d", struct.pack("<q", bits + steps))[0]


NEAR_POWERS = st.builds(
    lambda power, steps, negative: (-1) ** negative * _ulps(10.0**power, steps),
    st.integers(-110, 110),
    st.integers(-4, 4),
    st.booleans(),
)
#: 9.9999999999999995e-k and friends: the 16-digit rounding carries into the next power.
NINES = st.builds(
    lambda digits, power: float(f"{'9' * digits}e{power}"),
    st.integers(15, 18),
    st.integers(-30, 30),
)


@st.composite
def ties(draw: st.DrawFn) -> float:
    """An exact tie of the 17th digit: ``a / 2**j`` (``a`` odd) whose exact decimal expansion
    ``a * 5**j / 10**j`` has 17 significant digits (the last one a 5)."""
    j = draw(st.integers(1, 24))  # 2**-24: the one tie where 10**k (k = 23) is inexact
    low, high = -(-(10**16) // 5**j), min((10**17 - 1) // 5**j, 2**53 - 1)
    a = draw(st.integers(low, high).map(lambda v: v | 1).filter(lambda v: v <= high))
    value = a / 2**j  # exact: a < 2**53
    assert Fraction(value) == Fraction(a, 2**j) and len(str(a * 5**j)) == 17
    return -value if draw(st.booleans()) else value


CENTS = st.integers(-(10**9), 10**9).map(lambda cents: cents / 100)
MONEY_SUMS = st.lists(CENTS, min_size=2, max_size=6).map(sum)
SHARES = st.floats(1e-12, 1e-4)
SHARE_RATIOS = st.tuples(st.integers(1, 10**9), st.integers(10**9, 10**13)).map(
    lambda pair: pair[0] / 100 / (pair[1] / 100)
)
INTEGERS = st.integers(-(2**63), 2**63).map(float)
SUBNORMALS = st.floats(-2.2250738585072014e-308, 2.2250738585072014e-308)
VALUES = st.one_of(
    ANY, NEAR_POWERS, NINES, ties(), MONEY_SUMS, SHARES, SHARE_RATIOS, INTEGERS, SUBNORMALS
)


def _exact_power(value: float) -> bool:
    """Whether ``10**(15 - e)`` is a double for the decimal exponent ``e`` of ``value`` (then
    the formatter decides every value exactly)."""
    return 0 <= 15 - Decimal(value).adjusted() <= 22


@settings(max_examples=400, deadline=None)
@given(st.lists(VALUES, min_size=1, max_size=50))
def test_every_text_written_is_pythons(values: list[float]) -> None:
    texts = number_texts(np.array(values)).to_list()
    for value, text in zip(values, texts, strict=True):
        if text is not None:
            assert text == f"{value:.16G}", value
        else:  # left to Python only where documented
            inside = 10.0**E_MIN <= abs(value) < 10.0 ** (E_MAX + 1) and abs(value) < 9.99e99
            assert not inside or not _exact_power(value), value


@settings(max_examples=150, deadline=None)
@given(st.lists(VALUES, min_size=1, max_size=50), st.sampled_from(["", ' s="4"']))
def test_the_column_with_its_python_fallback_is_the_per_cell_path(values, style) -> None:
    expected = [_cell(f"C{3 + i}", v, style) for i, v in enumerate(values)]
    assert render_column(values, "C", 3, style) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(ties(), min_size=1, max_size=20))
def test_exact_ties_round_half_to_even(values: list[float]) -> None:
    m, _, done = mantissas(np.array(values))
    exact = np.array([_exact_power(v) for v in values])
    assert done[exact].all()  # ties where 10**k is a double are decided, never left out
    for value, mantissa, decided in zip(values, m.tolist(), done.tolist(), strict=True):
        a, j = Fraction(abs(value)).numerator, Fraction(abs(value)).denominator.bit_length() - 1
        digits = a * 5**j  # 17 digits, the last a 5
        expected = digits // 10 + (digits // 10) % 2  # half to even
        if decided:
            assert mantissa == (expected if expected < 10**16 else expected // 10)


def test_real_report_numbers_are_nearly_never_left_to_python() -> None:
    """Sums of two-decimal amounts, their shares of the total, the running shares, ratios
    and counts, as a report's tables hold them: (almost) all formatted column-wise."""
    rng = np.random.default_rng(11)
    lines = np.round(rng.lognormal(5, 1.5, (200_000, 8)), 2)
    sums = lines[:, : rng.integers(1, 9)].sum(axis=1)
    shares = sums / sums.sum()
    columns = [
        sums,
        shares,
        np.cumsum(np.sort(shares)[::-1]),
        sums / np.roll(sums, 1) - 1,
        np.arange(1.0, len(sums) + 1),
        -sums,
    ]
    values = np.concatenate(columns)
    texts = number_texts(values)
    left = texts.null_count()
    assert left <= len(values) // 100_000
    assert (np.abs(shares) < 1e-4).mean() > 0.9  # exponent-form shares are part of it
    sample = rng.choice(len(values), 20_000, replace=False)
    written = texts.gather(sample).to_list()
    assert written == [f"{v:.16G}" for v in values[sample]]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(-(10**16) + 1, 10**16 - 1).map(float), st.just(-0.0)),
        min_size=1,
        max_size=50,
    )
)
def test_whole_number_columns_are_pythons_text(values: list[float]) -> None:
    """Ranks and other whole numbers skip the digit work (integer digits cast by polars)."""
    assert number_texts(np.array(values)).to_list() == [f"{v:.16G}" for v in values]


@given(VALUES, st.integers(1, 30))
def test_a_column_of_one_value_is_pythons_text(value: float, count: int) -> None:
    """The cutoff-line columns hold one value on every row: it is formatted once."""
    assert number_texts(np.full(count, value)).to_list() == [f"{value:.16G}"] * count
