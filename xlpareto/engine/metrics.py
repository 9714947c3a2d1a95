"""Concentration metrics on positive revenues: Gini, HHI, top share, Pareto ratio."""

from __future__ import annotations

import numpy as np

from xlpareto.engine.population import check_finite_total
from xlpareto.errors import XlparetoError

#: The default fraction of top clients for :func:`top_share` (the top 20 %).
DEFAULT_TOP_FRACTION = 0.2


def _positive_descending(numbers: np.ndarray, name: str = "revenues") -> np.ndarray:
    positive = np.maximum(np.asarray(numbers, dtype=float), 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        total = positive.sum()
    check_finite_total(float(total), name)
    if positive.size == 0 or not total > 0:
        raise XlparetoError(f"{name}: no positive revenue (the total is 0)")
    return np.sort(positive)[::-1]


def pareto_curve(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points ``(k/n, S_k)`` of the Pareto curve, ``k = 0..n`` (largest clients first)."""
    descending = _positive_descending(numbers)
    cumulative = np.concatenate(([0.0], np.cumsum(descending)))
    shares = np.minimum(cumulative / cumulative[-1], 1.0)
    fractions = np.arange(descending.size + 1) / descending.size
    return fractions, shares


def gini(numbers: np.ndarray) -> float:
    """Gini coefficient ``Σ (2i − n − 1) x_(i) / (n Σx)`` of ``r⁺``, ``x`` ascending.

    Examples
    --------
    >>> round(gini(np.array([1.0, 1, 1, 1])), 12), round(gini(np.array([0.0, 0, 0, 1])), 12)
    (0.0, 0.75)
    """
    ascending = _positive_descending(numbers)[::-1]
    ascending = ascending / ascending[-1]  # scale-free; keeps n·Σx far from overflow
    n = ascending.size
    weights = 2.0 * np.arange(1, n + 1) - n - 1
    return float(np.dot(weights, ascending) / (n * ascending.sum()))


def hhi(numbers: np.ndarray) -> float:
    """Herfindahl–Hirschman index ``Σ (r⁺/T)²`` on a 0–1 scale."""
    positive = _positive_descending(numbers)
    shares = positive / positive.sum()
    return float(np.dot(shares, shares))


def top_share(numbers: np.ndarray, fraction: float = DEFAULT_TOP_FRACTION) -> float:
    """Share of revenue from the top ``fraction`` of clients (Pareto curve, interpolated)."""
    if not 0 <= fraction <= 1:
        raise XlparetoError(f"fraction: {fraction:g} is not between 0 and 1")
    fractions, shares = pareto_curve(numbers)
    return float(np.interp(fraction, fractions, shares))


def pareto_ratio(numbers: np.ndarray) -> float:
    """The ``x`` where the Pareto curve meets ``1 − x`` ("x of clients bring 1 − x")."""
    fractions, shares = pareto_curve(numbers)
    distance = shares + fractions - 1.0  # increasing from −1 to 1
    k = int(np.searchsorted(distance, 0.0, side="left"))
    if k == 0:
        return 0.0
    low, high = distance[k - 1], distance[k]
    step = fractions[k] - fractions[k - 1]
    return float(fractions[k - 1] + step * (-low) / (high - low))


def largest_share(numbers: np.ndarray) -> float:
    """Share of revenue of the largest client."""
    positive = _positive_descending(numbers)
    return float(positive[0] / positive.sum())
