"""Computed ABC analysis (Ultsch & Lötsch 2015) as the CRAN package ``ABCanalysis`` 1.2.1 does it.

Pure numpy. The ABC curve is interpolated with R's ``spline()`` (:mod:`xlpareto.engine.r_spline`,
a bit-faithful port), and the package's R details are kept: ``cumsum`` and ``sum`` in long
double, ``round`` half to even, ``which.min`` taking the first minimum. The result is the
pair of limits (``ABLimit``, ``BCLimit``) that classify the clients into A, B and C.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xlpareto.engine.r_spline import r_seq_by, r_spline, r_splinefun
from xlpareto.errors import XlparetoError

__all__ = ["ComputedAbc", "computed_abc"]


@dataclass(frozen=True)
class ComputedAbc:
    """Result of :func:`computed_abc`.

    Attributes
    ----------
    ab_limit, bc_limit : data values; A is ``v > ab_limit``, B is ``bc_limit ≤ v ≤ ab_limit``,
        C is ``v < bc_limit`` (the package's ``ABLimit``/``BCLimit``).
    a_point, b_point, c_point : ``(effort, yield)`` points A, B, C on the interpolated curve.
    ab_exchanged : True when point A is the break-even point (and B the Pareto point).
    """

    ab_limit: float
    bc_limit: float
    a_point: tuple[float, float]
    b_point: tuple[float, float]
    c_point: tuple[float, float]
    ab_exchanged: bool

    def tiers(self, values) -> np.ndarray:
        """Tier index per value: 0 = A (``> ab_limit``), 2 = C (``< bc_limit``), else 1 = B."""
        values = np.asarray(values, dtype=float)
        return np.where(values > self.ab_limit, 0, np.where(values < self.bc_limit, 2, 1))


def _squared_distances(effort, yield_, target_effort: float) -> np.ndarray:
    """``sum(abs(c(target, 1) - curve[i, ])^2)`` per grid point; R's ``sum`` adds in long double."""
    de = target_effort - effort
    dy = 1.0 - yield_
    total = (de * de).astype(np.longdouble) + (dy * dy).astype(np.longdouble)
    return total.astype(float)


def computed_abc(values) -> ComputedAbc:
    """Computed ABC analysis of finite numbers, identical to ``ABCanalysis(values)`` in R.

    Negative values count as items with value 0 on the ABC curve (the package's cleaning) but
    keep their own value for the limits and the sets, as in the package: the limits are taken
    from the raw values sorted descending, so negative values end up in C unless the B/C limit
    itself falls on a negative value.

    Parameters
    ----------
    values : 1-D array of finite numbers, in any order (blank cells already left out).

    Returns
    -------
    ComputedAbc

    Raises
    ------
    XlparetoError
        ``"revenues: computed tiers need at least one positive revenue"`` when no value is > 0;
        ``"cutoffs: computed tiers need more clients or less equal revenues: …"`` when the
        A/B (or B/C) point lies before the first client, ``round(effort * n) == 0``, where the
        package returns empty sets (a single client, for example, or equal revenues).

    Examples
    --------
    >>> abc = computed_abc(np.array([120, 5, 40, 3, 88, 1, 15, 7, 60, 2, 9, 30]))
    >>> (abc.ab_limit, abc.bc_limit, abc.ab_exchanged)
    (60.0, 30.0, False)
    >>> abc.tiers([120, 60, 30, 29]).tolist()
    [0, 1, 1, 2]
    """
    raw = np.asarray(values, dtype=float).ravel()
    if not np.isfinite(raw).all():
        raise XlparetoError("revenues: computed tiers need finite numbers")
    n = len(raw)
    if n == 0 or not (raw > 0).any():
        raise XlparetoError("revenues: computed tiers need at least one positive revenue")
    if bool(np.all(raw[:-1] >= raw[1:])) and not (raw == 0).any():
        descending = raw  # already sorted (a population's values): not sorted again
    else:  # (with zeros sorted anyway: the sort decides where -0.0 and 0.0 fall)
        descending = np.sort(raw)[::-1]
    cleaned = np.where(descending < 0, 0.0, descending)  # ABCcleanData; -0 stays -0 as in R

    # ABC curve (ABCcurve): long double cumsum as R's cumsum
    cumulative = np.cumsum(cleaned.astype(np.longdouble)).astype(float)
    y = np.concatenate(([0.0], cumulative / cumulative[-1]))
    x = np.concatenate(([0.0], np.arange(1, n + 1) / n))
    grid = r_seq_by(0.0, 1.0, 0.01 if n < 101 else 0.001)
    effort, yield_ = r_spline(x, y, xout=grid)
    reached = np.flatnonzero(yield_ >= 1.0)
    if len(reached) and reached[0] < len(yield_) - 1:
        yield_[reached[0] :] = 1.0
    m = len(effort)
    slope = r_splinefun(effort, yield_)(np.arange(1, m + 1) / m, deriv=1)

    # points (ABCanalysis); np.argmin is which.min: the first minimum
    pareto = int(np.argmin(_squared_distances(effort, yield_, 0.0)))
    break_even = int(np.argmin(np.abs(slope - 1.0)))
    exchanged = bool(effort[break_even] < effort[pareto])
    a_index, b_index = (break_even, pareto) if exchanged else (pareto, break_even)
    c_index = int(np.argmin(_squared_distances(effort, yield_, effort[b_index])))

    def point(i: int) -> tuple[float, float]:
        return (float(effort[i]), float(yield_[i]))

    a_rank = int(np.rint(effort[a_index] * n))  # R's round(): half to even
    c_rank = int(np.rint(effort[c_index] * n))
    if a_rank == 0 or c_rank == 0:
        which = "A/B" if a_rank == 0 else "B/C"
        raise XlparetoError(
            f"cutoffs: computed tiers need more clients or less equal revenues: the computed "
            f"{which} limit falls before the largest of the {n} revenue(s); use fixed cutoffs"
        )
    return ComputedAbc(
        ab_limit=float(descending[a_rank - 1]),
        bc_limit=float(descending[c_rank - 1]),
        a_point=point(a_index),
        b_point=point(b_index),
        c_point=point(c_index),
        ab_exchanged=exchanged,
    )
