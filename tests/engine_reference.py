"""Brute-force reference implementations of SPEC section 1, for checking the engine.

Written straight from the definitions, with exact rational arithmetic (``Fraction``) and no
sorting tricks, so a disagreement with the engine points at the engine. Cutoffs are compared
exactly (the engine's 1e-12 tolerance only matters for shares that are mathematically equal
to a cutoff, which the exact arithmetic gets right by construction).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

DEFAULT_CUTOFFS = (0.8, 0.95)


def exact(value: float) -> Fraction:
    """A money amount as the decimal it was typed as (0.07 → 7/100, not the float's binary)."""
    return Fraction(repr(float(value)))


def total(values: Sequence[float]) -> Fraction:
    """``T = Σ r⁺``."""
    return sum((max(exact(v), Fraction(0)) for v in values), Fraction(0))


def share(values: Sequence[float], x: float) -> Fraction:
    """``SUMIF(range, ">="&x) / SUM(range)`` on ``r⁺``; 1 for ``x ≤ 0``."""
    if x <= 0:
        return Fraction(1)
    above = sum((exact(r) for r in values if r >= x and r > 0), Fraction(0))
    return above / total(values)


def before(values: Sequence[float], x: float) -> Fraction:
    """Share of the revenue strictly above ``x``."""
    above = sum((exact(r) for r in values if r > x and r > 0), Fraction(0))
    return above / total(values)


def tier(values: Sequence[float], x: float, cutoffs: Sequence[float] = DEFAULT_CUTOFFS) -> int:
    """Tier index ``#{c_i : before(x) ≥ c_i}`` (0 = best)."""
    b = before(values, x)
    return sum(1 for c in cutoffs if b >= exact(c))


def rank(values: Sequence[float], x: float) -> int:
    """1 + the number of values above ``x`` (``RANK.EQ``)."""
    return 1 + sum(1 for r in values if r > x)


def tier_with(
    values: Sequence[float], index: int | None, y: float, cutoffs: Sequence[float]
) -> int:
    """Tier of a client at revenue ``y``: client ``index`` raised to ``y``, or (index None)
    ``y`` added as one extra client."""
    others = [v for i, v in enumerate(values) if i != index]
    return tier([*others, y], y, cutoffs)


def gap(
    values: Sequence[float],
    index: int | None,
    x: float,
    cutoffs: Sequence[float] = DEFAULT_CUTOFFS,
    limit_cents: int = 200_000,
) -> float:
    """Smallest whole number of cents lifting the client into a higher tier, by trying every
    cent (all amounts must be whole numbers of cents; integer arithmetic, exact)."""
    others = [round(v * 100) for i, v in enumerate(values) if i != index]
    positive_others = sum(c for c in others if c > 0)
    fractions = [exact(c) for c in cutoffs]

    def tier_at(y: int) -> int:
        above = sum(c for c in others if c > y and c > 0)
        whole = positive_others + max(y, 0)
        return sum(1 for f in fractions if above * f.denominator >= f.numerator * whole)

    cents = round(x * 100)
    start = tier_at(cents)
    if start == 0:
        return 0.0
    for g in range(limit_cents + 1):
        if tier_at(cents + g) < start:
            return g / 100
    raise AssertionError("no gap found within the limit")


def gini(values: Sequence[float]) -> float:
    """``Σ_i Σ_j |x_i − x_j| / (2 n² mean)`` on ``r⁺`` – the textbook form (equal to SPEC's)."""
    xs = [max(exact(v), Fraction(0)) for v in values]
    n = len(xs)
    mean = sum(xs, Fraction(0)) / n
    return float(sum(abs(a - b) for a in xs for b in xs) / (2 * n * n * mean))


def hhi(values: Sequence[float]) -> float:
    """``Σ (r⁺/T)²``."""
    t = total(values)
    return float(sum((max(exact(v), Fraction(0)) / t) ** 2 for v in values))
