"""Concentration metrics on positive revenues: Gini, HHI, top share, Pareto ratio."""

from __future__ import annotations

import numpy as np

from xlpareto.engine.population import check_finite_total
from xlpareto.errors import XlparetoError

#: The default fraction of top clients for :func:`top_share` (the top 20 %).
DEFAULT_TOP_FRACTION = 0.2


def _positive_descending(numbers: np.ndarray, name: str = "revenues") -> np.ndarray:
    return np.sort(_checked_positive(numbers, name))[::-1]


def _checked_positive(numbers: np.ndarray, name: str = "revenues") -> np.ndarray:
    """``r⁺`` in input order; no positive revenue, or a sum that overflows, is an error."""
    positive = np.maximum(np.asarray(numbers, dtype=float), 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        total = positive.sum()
    check_finite_total(float(total), name)
    if positive.size == 0 or not total > 0:
        raise XlparetoError(f"{name}: no positive revenue (the total is 0)")
    return positive


def pareto_curve(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points ``(k/n, S_k)`` of the Pareto curve, ``k = 0..n`` (largest clients first)."""
    return _curve(_positive_descending(numbers))


def _curve(descending: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    return _gini(_positive_descending(numbers))


def _gini(descending: np.ndarray) -> float:
    ascending = descending[::-1]
    ascending = ascending / ascending[-1]  # scale-free; keeps n·Σx far from overflow
    n = ascending.size
    weights = 2.0 * np.arange(1, n + 1) - n - 1
    # numpy's own (pairwise) sum of the products, not np.dot: BLAS' order of additions
    # depends on the CPU's kernel, and the figure is stored in the committed template
    return float(np.sum(weights * ascending) / (n * ascending.sum()))


def hhi(numbers: np.ndarray) -> float:
    """Herfindahl–Hirschman index ``Σ (r⁺/T)²`` on a 0–1 scale."""
    return _hhi(_positive_descending(numbers))


def _hhi(positive: np.ndarray) -> float:
    shares = positive / positive.sum()
    return float(np.sum(shares * shares))  # not np.dot: the same figure on every CPU


def top_share(numbers: np.ndarray, fraction: float = DEFAULT_TOP_FRACTION) -> float:
    """Share of revenue from the top ``fraction`` of clients (Pareto curve, interpolated)."""
    if not 0 <= fraction <= 1:
        raise XlparetoError(f"fraction: {fraction:g} is not between 0 and 1")
    return _top_share(pareto_curve(numbers), fraction)


def _top_share(curve: tuple[np.ndarray, np.ndarray], fraction: float) -> float:
    fractions, shares = curve
    return float(np.interp(fraction, fractions, shares))


def pareto_ratio(numbers: np.ndarray) -> float:
    """The ``x`` where the Pareto curve meets ``1 − x`` ("x of clients bring 1 − x")."""
    return _pareto_ratio(pareto_curve(numbers))


def _pareto_ratio(curve: tuple[np.ndarray, np.ndarray]) -> float:
    fractions, shares = curve
    distance = shares + fractions - 1.0  # increasing from −1 to 1
    k = int(np.searchsorted(distance, 0.0, side="left"))
    if k == 0:
        return 0.0
    low, high = distance[k - 1], distance[k]
    step = fractions[k] - fractions[k - 1]
    return float(fractions[k - 1] + step * (-low) / (high - low))


def largest_share(numbers: np.ndarray) -> float:
    """Share of revenue of the largest client."""
    return _largest_share(_positive_descending(numbers))


def _largest_share(positive: np.ndarray) -> float:
    return float(positive[0] / positive.sum())


def headline_metrics(numbers: np.ndarray, descending: np.ndarray | None = None) -> dict[str, float]:
    """Top 20 % share, Pareto ratio, Gini, HHI and largest share from one sort.

    ``descending``: ``numbers`` already sorted largest first (the analysis' one sort), so
    they are not sorted again; each figure equals its own function's.

    Examples
    --------
    >>> headline_metrics(np.array([10.0, 50, 40]))["largest_share"]
    0.5
    """
    if descending is None:
        positive = _positive_descending(numbers)
    else:  # the same checks on the input order; r⁺ of a descending order is descending
        _checked_positive(numbers)
        # laid out in memory as np.sort(r⁺)[::-1] (a reversed view of an ascending array):
        # numpy's sums and dot products then add in the same order, to the last bit
        positive = np.maximum(descending, 0.0)[::-1].copy()[::-1]
    curve = _curve(positive)
    return {
        "top_20_share": _top_share(curve, DEFAULT_TOP_FRACTION),
        "pareto_ratio": _pareto_ratio(curve),
        "gini": _gini(positive),
        "hhi": _hhi(positive),
        "largest_share": _largest_share(positive),
    }
