"""Tier rules: fixed cumulative-share cutoffs or computed ABC limits, and the tier of a value.

Fixed cutoffs ``c_1 < … < c_k`` in (0, 1]: ``tier(x) = L_j`` with
``j = #{c_i : before(x) ≥ c_i}`` (shares compared with a relative tolerance of 1e-12), so the
client that crosses a cutoff stays in the upper tier. Computed tiers use the ABC limits of
Ultsch & Lötsch (see :mod:`xlpareto.engine.computed_abc`).
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from xlpareto.engine.cells import EXCEL_ERRORS, flatten, is_missing, read_cells
from xlpareto.engine.population import SHARE_TOLERANCE, Population, Ranked
from xlpareto.errors import XlparetoError

DEFAULT_CUTOFFS = (0.8, 0.95)
COMPUTED = "computed"


def default_labels(count: int) -> tuple[str, ...]:
    """A, B, C, … (``count`` labels)."""
    letters = string.ascii_uppercase
    return tuple(letters[i] if i < 26 else f"T{i + 1}" for i in range(count))


@dataclass(frozen=True)
class TierRule:
    """How clients are put into tiers.

    Attributes
    ----------
    cutoffs : increasing cumulative-share cutoffs in (0, 1]; empty for computed tiers.
    labels : one label per tier, best first.
    computed : True for the data-driven computed ABC method (three tiers).
    """

    cutoffs: tuple[float, ...]
    labels: tuple[str, ...]
    computed: bool = False

    @property
    def tier_count(self) -> int:
        """Number of tiers."""
        return len(self.labels)

    def tier_index(self, population: Population, queries: np.ndarray) -> np.ndarray:
        """Index (0 = best) of the tier each query value falls in within ``population``."""
        population.require_positive_total()
        queries = np.asarray(queries, dtype=float)
        if self.computed:
            limits = computed_limits(population)
            return limits.tier_indices(queries)
        before = population.share_before(queries)
        thresholds = np.asarray(self.cutoffs) * (1.0 - SHARE_TOLERANCE)
        if thresholds.size > 8:
            return np.searchsorted(thresholds, before, side="right")
        index = np.zeros(np.shape(before), dtype=np.intp)
        for threshold in thresholds:  # a few cutoffs: comparisons beat a binary search
            index += before >= threshold
        return index

    def ranked_tier_index(self, ranked: Ranked) -> np.ndarray:
        """Tier index of every rank position of ``ranked`` (no per-client search)."""
        population = ranked.population
        population.require_positive_total()
        if self.computed:
            return computed_limits(population).tier_indices(population.descending)
        thresholds = np.asarray(self.cutoffs) * (1.0 - SHARE_TOLERANCE)
        edges = np.concatenate(([0], ranked.boundaries(thresholds), [population.size]))
        edges = np.maximum.accumulate(edges)
        return np.repeat(np.arange(len(self.labels), dtype=np.intp), np.diff(edges))

    def label(self, indices: np.ndarray) -> np.ndarray:
        """Tier labels for tier indices."""
        return np.asarray(self.labels, dtype=object)[indices]


@dataclass(frozen=True)
class ComputedLimits:
    """The fixed A/B and B/C limits (data values) of a computed ABC analysis."""

    ab_limit: float
    bc_limit: float

    def tier_indices(self, queries: np.ndarray) -> np.ndarray:
        """A (0): ``x > ABLimit``; B (1): ``BCLimit ≤ x ≤ ABLimit``; C (2): ``x < BCLimit``."""
        return np.where(queries > self.ab_limit, 0, np.where(queries >= self.bc_limit, 1, 2))


_LIMITS_CACHE: dict[int, tuple[Population, ComputedLimits]] = {}


def computed_limits(population: Population) -> ComputedLimits:
    """Computed ABC limits of a population (cached per prepared population)."""
    cached = _LIMITS_CACHE.get(id(population))
    if cached is not None and cached[0] is population:
        return cached[1]
    from xlpareto.engine.computed_abc import computed_abc

    result = computed_abc(population.ascending[::-1])
    limits = ComputedLimits(float(result.ab_limit), float(result.bc_limit))
    if len(_LIMITS_CACHE) > 16:
        _LIMITS_CACHE.clear()
    _LIMITS_CACHE[id(population)] = (population, limits)
    return limits


def _parse_cutoffs(cutoffs: Any) -> tuple[float, ...] | str:
    if is_missing(cutoffs):
        return DEFAULT_CUTOFFS
    if isinstance(cutoffs, str):
        if cutoffs.strip().lower() == COMPUTED:
            return COMPUTED
        parts = [p for p in cutoffs.replace(";", ",").split(",") if p.strip()]
        try:
            numbers = tuple(float(p) for p in parts)
        except ValueError:
            raise XlparetoError(
                f'cutoffs: expected numbers or "computed", got {cutoffs!r}'
            ) from None
    else:
        cells = read_cells(cutoffs, "cutoffs")
        items, _, _ = flatten(cutoffs)
        for position, (item, counted) in enumerate(zip(items, cells.counted, strict=True), 1):
            if not counted and not is_missing(item):
                if isinstance(item, str) and item.strip().lower() == COMPUTED and len(items) == 1:
                    return COMPUTED
                raise XlparetoError(f"cutoffs: {item!r} at position {position} is not a number")
        numbers = tuple(float(v) for v in cells.numbers)
    if not numbers:
        raise XlparetoError("cutoffs: at least one cutoff is required")
    for position, value in enumerate(numbers, 1):
        if not 0 < value <= 1:
            raise XlparetoError(
                f"cutoffs: {value:g} at position {position} is not in (0, 1] "
                "(write 80% or 0.8, not 80)"
            )
    if any(b <= a for a, b in itertools.pairwise(numbers)):
        raise XlparetoError("cutoffs: must be strictly increasing (e.g. 0.8, 0.95)")
    return numbers


def _parse_labels(labels: Any, count: int) -> tuple[str, ...]:
    if is_missing(labels):
        return default_labels(count)
    if isinstance(labels, str):
        items: Sequence[Any] = [p.strip() for p in labels.split(",")]
    else:
        items, _, _ = flatten(labels)
    texts = []
    for position, item in enumerate(items, 1):
        if is_missing(item) or isinstance(item, bool):
            raise XlparetoError(f"labels: position {position} is empty or not a text")
        text = (format(item, "g") if isinstance(item, float) else str(item)).strip()
        if not text:
            raise XlparetoError(f"labels: position {position} is empty")
        if text.upper() in EXCEL_ERRORS:
            raise XlparetoError(f"labels: {text.upper()} at position {position}")
        texts.append(text)
    if len(texts) != count:
        raise XlparetoError(f"labels: expected {count} labels (one per tier), got {len(texts)}")
    if len(set(texts)) != len(texts):
        raise XlparetoError("labels: labels must be different from each other")
    return tuple(texts)


def make_tier_rule(cutoffs: Any = None, labels: Any = None) -> TierRule:
    """Build a validated :class:`TierRule` from worksheet-style arguments.

    Parameters
    ----------
    cutoffs : numbers in (0, 1], strictly increasing (default 0.8, 0.95), or ``"computed"``.
    labels : ``len(cutoffs) + 1`` texts (default A, B, C, …).

    Examples
    --------
    >>> make_tier_rule([0.5, 0.8, 0.95]).labels
    ('A', 'B', 'C', 'D')
    """
    parsed = _parse_cutoffs(cutoffs)
    if parsed == COMPUTED:
        return TierRule(cutoffs=(), labels=_parse_labels(labels, 3), computed=True)
    return TierRule(cutoffs=parsed, labels=_parse_labels(labels, len(parsed) + 1))
