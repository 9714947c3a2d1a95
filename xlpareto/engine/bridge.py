"""The growth bridge (SPEC section 7): where last period's revenue change came from.

Per row, ``b = before⁺`` and ``a = after⁺`` (NaN – a blank or ignored cell – counts as 0).
A row counts when ``b > 0`` or ``a > 0`` and is exactly one of Expansion, Flat,
Contraction, Lost or New. Every figure is one exactly rounded sum (``math.fsum`` semantics,
computed per segment and class by :class:`~xlpareto.engine.exact.GroupSums`): Expansion is
the exact ``Σ a − Σ b`` of its rows rounded once, NRR's numerator the exact
``Start + Expansion + Contraction + Lost``; so ``Start + Expansion + Contraction + Lost +
New = End`` holds to a few ulps.

Tiers in the bridge are the tiers of the *prior* period, computed on the numeric cells of
``before`` (NaN left out of that population; zeros and negatives stay in it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from xlpareto.engine.checks import as_row_values, check_same_length
from xlpareto.engine.exact import GroupSums
from xlpareto.engine.population import rank_population
from xlpareto.engine.tiers import TierRule
from xlpareto.errors import XlparetoError

BRIDGE_COLUMNS = (
    "Segment",
    "Clients",
    "Revenue before",
    "Expansion",
    "Contraction",
    "Lost",
    "New",
    "Revenue after",
    "Net change",
    "NRR",
)
#: Row classes, in the order of their integer codes (−1 = row not counted).
CLASSES = ("Expansion", "Flat", "Contraction", "Lost", "New")
EXPANSION, FLAT, CONTRACTION, LOST, NEW = range(5)
NOT_COUNTED = -1
NEW_CLIENTS = "New clients"
TOTAL = "Total"
NO_PRIOR_REVENUE = "before: no positive revenue in the prior period"


def period_values(before: object, after: object) -> tuple[np.ndarray, np.ndarray]:
    """Checked ``(b, a)``: the positive parts of both periods, NaN counted as 0."""
    before_values = as_row_values(before, "before")
    after_values = as_row_values(after, "after")
    check_same_length([("before", before_values), ("after", after_values)])
    b = np.where(before_values > 0, before_values, 0.0)  # NaN > 0 is False: NaN → 0
    a = np.where(after_values > 0, after_values, 0.0)
    return b, a


def classify(b: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Class code of each row (see :data:`CLASSES`; −1 when neither period is > 0).

    Examples
    --------
    >>> b = np.array([10.0, 10, 10, 10, 0, 0])
    >>> a = np.array([15.0, 10, 4, 0, 7, 0])
    >>> [CLASSES[c] if c >= 0 else "" for c in classify(b, a)]
    ['Expansion', 'Flat', 'Contraction', 'Lost', 'New', '']
    """
    # with b > 0 (and a ≥ 0): [a ≤ b] + [a < b] + [a = 0] is 0 for a > b (Expansion), 1 for
    # a = b (Flat), 2 for 0 < a < b (Contraction) and 3 for a = 0 (Lost) – three comparisons
    # added, not five masks assigned
    with_prior = np.add(a <= b, a < b, dtype=np.int8)
    with_prior += a == 0
    without = np.where(a > 0, np.int8(NEW), np.int8(NOT_COUNTED))
    return np.where(b > 0, with_prior, without)


def row_classes(before: object, after: object) -> np.ndarray:
    """Class name per row (``""`` for rows with no positive revenue in either period).

    Examples
    --------
    >>> row_classes([10, 10, float("nan")], [12, 0, 5]).tolist()
    ['Expansion', 'Lost', 'New']
    """
    codes = classify(*period_values(before, after))
    names = np.asarray([*CLASSES, ""], dtype=object)
    return names[codes]  # code −1 picks the trailing ""


@dataclass(frozen=True)
class BridgeSums:
    """The bridge of one set of rows (every money figure exactly rounded)."""

    clients: int
    start: float
    expansion: float
    contraction: float
    lost: float
    new: float
    end: float
    retained: float  # Σ a over rows with b > 0 (= start + expansion + contraction + lost)
    kept: float  # Σ min(a, b) over rows with b > 0 (= start + contraction + lost)
    net_change: float  # End − Start, summed exactly over the rows
    counts: tuple[int, int, int, int, int]  # rows per class, in CLASSES order

    @property
    def nrr(self) -> float | None:
        """Net revenue retention, ``None`` without prior revenue."""
        return _retention(self.retained, self.start, "NRR")

    @property
    def grr(self) -> float | None:
        """Gross revenue retention, ``None`` without prior revenue."""
        return _retention(self.kept, self.start, "GRR")


def _retention(kept: float, start: float, name: str) -> float | None:
    """``kept / start`` (None when ``start`` is not positive); a ratio past the float range
    (a tiny prior revenue next to a huge current one) is an error, not an infinity."""
    if not start > 0:
        return None
    ratio = kept / start
    if not math.isfinite(ratio):
        raise XlparetoError(
            f"before: the prior revenue {start:.3g} is too small next to this period's "
            f"{kept:.3g}: the {name} is larger than a number can be"
        )
    return ratio


def _segment_sums(
    b: np.ndarray, a: np.ndarray, codes: np.ndarray, segment: np.ndarray, segment_count: int
) -> tuple[GroupSums, np.ndarray]:
    """Exact sums of ``a`` and ``b`` per (segment, class), and the row counts per group.

    Group ``s × 5 + c`` holds ``a`` of segment ``s`` and class ``c``; the same group plus
    ``5 × segment_count`` holds ``b``.
    """
    groups = segment.astype(np.intp) * len(CLASSES) + codes
    group_count = segment_count * len(CLASSES)
    sums = GroupSums(
        np.concatenate((a, b)),
        np.concatenate((groups, groups + group_count)),
        2 * group_count,
        "before, after",
    )
    return sums, np.bincount(groups, minlength=group_count)


def _bridge_sums(
    sums: GroupSums, counts: np.ndarray, segments: Sequence[int], segment_count: int
) -> BridgeSums:
    """The bridge of the rows of ``segments``, each figure one exactly rounded sum."""
    offset = segment_count * len(CLASSES)

    def after(*classes: int) -> list[int]:
        return [s * len(CLASSES) + c for s in segments for c in classes]

    def before(*classes: int) -> list[int]:
        return [offset + g for g in after(*classes)]

    every = range(len(CLASSES))
    prior = (EXPANSION, FLAT, CONTRACTION, LOST)
    class_counts = counts.reshape(segment_count, len(CLASSES))[list(segments)].sum(axis=0)
    total = sums.total
    return BridgeSums(
        clients=int(class_counts.sum()),
        start=total(before(*every)),
        expansion=total(after(EXPANSION), before(EXPANSION)),
        contraction=total(after(CONTRACTION), before(CONTRACTION)),
        lost=total([], before(LOST)),
        new=total(after(NEW)),
        end=total(after(*every)),
        retained=total(after(*prior)),
        kept=total(before(EXPANSION, FLAT) + after(CONTRACTION, LOST)),
        net_change=total(after(*every), before(*every)),
        counts=tuple(int(c) for c in class_counts),  # type: ignore[arg-type]
    )


def growth_bridge(before: object, after: object) -> BridgeSums:
    """The bridge over all rows: Start, Expansion, Contraction, Lost, New, End.

    Parameters
    ----------
    before, after : per-row revenues of the prior and the current period (NaN = blank).

    Examples
    --------
    >>> sums = growth_bridge([100, 50, 20, 0], [120, 30, 0, 40])
    >>> sums.start, sums.expansion, sums.contraction, sums.lost, sums.new, sums.end
    (170.0, 20.0, -20.0, -20.0, 40.0, 190.0)
    >>> round(sums.nrr, 6), round(sums.grr, 6)
    (0.882353, 0.764706)
    """
    b, a = period_values(before, after)
    codes = classify(b, a)
    counted = codes >= 0
    segment = np.zeros(int(np.count_nonzero(counted)), dtype=np.intp)
    sums, counts = _segment_sums(b[counted], a[counted], codes[counted], segment, 1)
    return _bridge_sums(sums, counts, [0], 1)


def _require_prior(sums: BridgeSums) -> BridgeSums:
    if not sums.start > 0:
        raise XlparetoError(NO_PRIOR_REVENUE)
    return sums


def net_revenue_retention(before: object, after: object) -> float:
    """NRR ``= (Start + Expansion + Contraction + Lost) / Start``.

    Examples
    --------
    >>> net_revenue_retention([100, 100], [150, 0])
    0.75
    """
    return float(_require_prior(growth_bridge(before, after)).nrr)  # type: ignore[arg-type]


def gross_revenue_retention(before: object, after: object) -> float:
    """GRR ``= (Start + Contraction + Lost) / Start`` (expansion left out).

    Examples
    --------
    >>> gross_revenue_retention([100, 100], [150, 50])
    0.75
    """
    return float(_require_prior(growth_bridge(before, after)).grr)  # type: ignore[arg-type]


def prior_tiers(before: object, rule: TierRule) -> np.ndarray:
    """Prior-period tier index per row (−1 where ``before`` is not > 0).

    The population is the numeric cells of ``before`` (NaN left out, zeros kept). One sort
    of its values ranks it; each row's tier then follows from its value
    (:meth:`~xlpareto.engine.tiers.TierRule.member_tier_index`: no search per row).

    Examples
    --------
    >>> from xlpareto.engine.tiers import make_tier_rule
    >>> prior_tiers([5, 50, float("nan"), 30, 0, 10], make_tier_rule()).tolist()
    [1, 0, -1, 0, -1, 1]
    """
    values = as_row_values(before, "before")
    positive = values > 0
    if not positive.any():
        raise XlparetoError(NO_PRIOR_REVENUE)
    blank = np.isnan(values)
    population = values[~blank] if blank.any() else values
    # sorted by value only (the tiers need no positions): numpy's vectorised sort
    ranked = rank_population(np.ascontiguousarray(np.sort(population)[::-1]), presorted=True)
    tiers = rule.member_tier_index(ranked, values)
    tiers[~positive] = -1  # also NaN
    return tiers


def _row(segment: str, sums: BridgeSums) -> list[object]:
    nrr = sums.nrr
    return [
        segment,
        sums.clients,
        sums.start,
        sums.expansion,
        sums.contraction,
        sums.lost,
        sums.new,
        sums.end,
        sums.net_change,
        "" if nrr is None else nrr,  # no prior revenue (the New clients row, an empty tier)
    ]


def bridge_table(before: object, after: object, rule: TierRule) -> pd.DataFrame:
    """The PARETO_BRIDGE table by prior-period tier (columns :data:`BRIDGE_COLUMNS`).

    Rows: one per tier label (``"A clients"``, …; rows with ``b > 0`` in that prior tier),
    ``"New clients"`` (``b = 0, a > 0``) and ``"Total"``. A segment without rows has zeros
    and a blank (``""``) NRR; the New clients row's NRR is always blank.

    Examples
    --------
    >>> from xlpareto.engine.tiers import make_tier_rule
    >>> table = bridge_table([50, 30, 10, 5, 5, 0], [60, 20, 10, 0, 5, 8], make_tier_rule())
    >>> table[["Segment", "Clients", "Expansion", "Contraction", "Lost", "New"]].values.tolist()
    [['A clients', 2, 10.0, -10.0, 0.0, 0.0], ['B clients', 3, 0.0, 0.0, -5.0, 0.0], \
['C clients', 0, 0.0, 0.0, 0.0, 0.0], ['New clients', 1, 0.0, 0.0, 0.0, 8.0], \
['Total', 6, 10.0, -10.0, -5.0, 8.0]]
    """
    return bridge_with_total(before, after, rule)[0]


def bridge_with_total(
    before: object, after: object, rule: TierRule, tiers: np.ndarray | None = None
) -> tuple[pd.DataFrame, BridgeSums]:
    """:func:`bridge_table` and the bridge over all rows (equal to :func:`growth_bridge`:
    every figure is one exactly rounded sum, so grouping the rows first changes nothing).

    Examples
    --------
    >>> from xlpareto.engine.tiers import make_tier_rule
    >>> table, total = bridge_with_total([50, 30, 0], [60, 20, 8], make_tier_rule())
    >>> total == growth_bridge([50, 30, 0], [60, 20, 8]), table["Clients"].tolist()
    (True, [2, 0, 0, 1, 3])

    ``tiers``: :func:`prior_tiers` of ``before`` when already worked out (the analysis tiers
    the prior period once for the table, the migration and the bridge).
    """
    b, a = period_values(before, after)
    if tiers is None:
        tiers = prior_tiers(before, rule)
    elif not (b > 0).any():  # as prior_tiers
        raise XlparetoError(NO_PRIOR_REVENUE)
    codes = classify(b, a)
    counted = codes >= 0
    tier_count = rule.tier_count
    segment = np.where(tiers >= 0, tiers, tier_count)[counted]  # New clients = tier_count
    segment_count = tier_count + 1
    sums, counts = _segment_sums(b[counted], a[counted], codes[counted], segment, segment_count)
    labels = [f"{label} clients" for label in rule.labels] + [NEW_CLIENTS]
    rows = [  # a loop over segments, not over clients
        _row(label, _bridge_sums(sums, counts, [index], segment_count))
        for index, label in enumerate(labels)
    ]
    total = _bridge_sums(sums, counts, range(segment_count), segment_count)
    rows.append(_row(TOTAL, total))
    return pd.DataFrame(rows, columns=list(BRIDGE_COLUMNS)), total
