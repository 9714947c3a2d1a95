"""Tier rules: fixed cumulative-share cutoffs or computed ABC limits, and the tier of a value.

Fixed cutoffs ``c_1 < … < c_k`` in (0, 1]: ``tier(x) = L_j`` with
``j = #{c_i : before(x) ≥ c_i}`` (shares compared with a relative tolerance of 1e-12), so the
client that crosses a cutoff stays in the upper tier. Computed tiers use the ABC limits of
Ultsch & Lötsch (see :mod:`xlpareto.engine.computed_abc`).
"""

from __future__ import annotations

import itertools
import math
import numbers
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from xlpareto.engine.population import SHARE_TOLERANCE, Population, Ranked
from xlpareto.engine.text import check_whole_characters, text_choices
from xlpareto.errors import XlparetoError

DEFAULT_CUTOFFS = (0.8, 0.95)
COMPUTED = "computed"
#: Tiers of the computed ABC method: always A, B, C.
COMPUTED_TIER_COUNT = 3


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
        thresholds = np.asarray(self.cutoffs) * (1.0 - SHARE_TOLERANCE)
        # share_before(x) ≥ t exactly when x < limit_t (limits fall as t grows)
        limits = population.before_limits(thresholds)
        if thresholds.size > 8:
            above = np.searchsorted(limits[::-1], queries, side="right")
            return (thresholds.size - above).astype(np.intp)
        index = np.zeros(np.shape(queries), dtype=np.intp)
        for limit in limits:  # a few cutoffs: comparisons beat a binary search
            index += queries < limit
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

    def member_tier_index(self, ranked: Ranked, members: np.ndarray) -> np.ndarray:
        """Tier index of each of ``members`` (values of ``ranked``'s population, in any
        order; NaN gets 0): :meth:`ranked_tier_index` of their rank positions, with no
        order to scatter back.

        A tier starts where a run of equal values starts (:meth:`Ranked.boundaries`), so
        a member is in tier ``j`` or below exactly when it is at most the first value of
        tier ``j``: a comparison per tier. The population can then be sorted by value
        alone (numpy's vectorised sort), not by position.

        Examples
        --------
        >>> from xlpareto.engine.population import rank_population
        >>> values = np.array([5.0, 50, 30, 5, 10])
        >>> ranked = rank_population(np.sort(values)[::-1], presorted=True)
        >>> make_tier_rule().member_tier_index(ranked, values).tolist()
        [1, 0, 0, 1, 1]
        """
        population = ranked.population
        population.require_positive_total()
        if self.computed:
            return computed_limits(population).tier_indices(members)
        thresholds = np.asarray(self.cutoffs) * (1.0 - SHARE_TOLERANCE)
        starts = np.maximum.accumulate(ranked.boundaries(thresholds))  # tiers 1, 2, …
        tiers = np.zeros(np.shape(members), dtype=np.intp)
        for start in starts[starts < population.size].tolist():
            tiers += members <= population.descending[start]
        return tiers

    def label(self, indices: np.ndarray) -> np.ndarray:
        """Tier labels for tier indices."""
        return np.asarray(self.labels, dtype=object)[indices]

    def text_labels(
        self, indices: np.ndarray, extra: str | None = None
    ) -> pd.api.extensions.ExtensionArray:
        """Tier labels for tier indices as pandas text (index ``tier_count`` → ``extra``).

        Taken from the few labels, not converted from one Python object per client.
        """
        choices = [*self.labels, extra] if extra is not None else list(self.labels)
        return text_choices(choices, indices)


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


class CutoffError(XlparetoError):
    """A cutoff list that breaks the rule of :func:`check_cutoffs`.

    Attributes
    ----------
    reason : ``"empty"``, ``"range"`` (a value not in (0, 1]) or ``"order"`` (not strictly
        increasing).
    position : 1-based position of the offending cutoff (for ``"order"``, the one that is not
        greater than the cutoff before it); None for ``"empty"``.
    value : the offending cutoff, or None.
    """

    def __init__(
        self,
        message: str,
        reason: Literal["empty", "range", "order"],
        position: int | None = None,
        value: float | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.position = position
        self.value = value


def check_cutoffs(cutoffs: Sequence[float]) -> tuple[float, ...]:
    """The one rule for fixed cutoffs: at least one, each in (0, 1], strictly increasing.

    Every surface feeds it (worksheet ranges, ``--cutoffs``, the Settings sheet); a broken
    rule raises :class:`CutoffError` (message in the worksheet wording, ``cutoffs: …``).

    Examples
    --------
    >>> check_cutoffs([0.8, 0.95])
    (0.8, 0.95)
    >>> check_cutoffs([0.95, 0.8])
    Traceback (most recent call last):
    ...
    xlpareto.engine.tiers.CutoffError: cutoffs: must be strictly increasing (e.g. 0.8, 0.95)
    """
    values = tuple(float(value) for value in cutoffs)
    if not values:
        raise CutoffError("cutoffs: at least one cutoff is required", "empty")
    for position, value in enumerate(values, 1):
        if not 0 < value <= 1:
            raise CutoffError(
                f"cutoffs: {value:g} at position {position} is not in (0, 1] "
                "(write 80% or 0.8, not 80)",
                "range",
                position,
                value,
            )
    for position, (previous, value) in enumerate(itertools.pairwise(values), 2):
        if not value > previous:
            raise CutoffError(
                "cutoffs: must be strictly increasing (e.g. 0.8, 0.95)", "order", position, value
            )
    return values


def _typed_cutoffs(cutoffs: Sequence[float] | str | None) -> tuple[float, ...] | str:
    """Default, ``"computed"`` (any case) or a sequence of real numbers (not booleans)."""
    if cutoffs is None:
        return DEFAULT_CUTOFFS
    if isinstance(cutoffs, str):
        if cutoffs.strip().lower() == COMPUTED:
            return COMPUTED
        raise XlparetoError(f'cutoffs: expected numbers or "computed", got {cutoffs!r}')
    values = list(cutoffs)
    for position, value in enumerate(values, 1):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise XlparetoError(f"cutoffs: {value!r} at position {position} is not a number")
        if not math.isfinite(value):
            raise XlparetoError(f"cutoffs: not a finite number at position {position}")
    return check_cutoffs(values)


def check_labels(labels: Sequence[str], count: int) -> tuple[str, ...]:
    """``count`` different, non-empty texts (trimmed).

    Examples
    --------
    >>> check_labels(["Gold ", "Silver", "Bronze"], 3)
    ('Gold', 'Silver', 'Bronze')
    """
    texts = []
    for position, label in enumerate(labels, 1):
        if not isinstance(label, str):
            raise XlparetoError(f"labels: position {position} is empty or not a text")
        text = label.strip()
        if not text:
            raise XlparetoError(f"labels: position {position} is empty")
        texts.append(text)
    if len(texts) != count:
        raise XlparetoError(f"labels: expected {count} labels (one per tier), got {len(texts)}")
    if len(set(texts)) != len(texts):
        raise XlparetoError("labels: labels must be different from each other")
    check_whole_characters(texts, "labels", 1, "at position")
    return tuple(texts)


def make_tier_rule(
    cutoffs: Sequence[float] | str | None = None, labels: Sequence[str] | str | None = None
) -> TierRule:
    """Build a validated :class:`TierRule` from typed arguments.

    Parameters
    ----------
    cutoffs : numbers in (0, 1], strictly increasing (default 0.8, 0.95), or ``"computed"``
        (any case). Worksheet ranges are read into this form by :mod:`xlpareto.conversion`.
    labels : ``len(cutoffs) + 1`` texts (default A, B, C, …; three for computed tiers); a
        single text is read as a comma-separated list (``"Gold,Silver,Bronze"``).

    Examples
    --------
    >>> make_tier_rule([0.5, 0.8, 0.95]).labels
    ('A', 'B', 'C', 'D')
    >>> make_tier_rule("Computed", ("H", "M", "L")).computed
    True
    """
    typed = _typed_cutoffs(cutoffs)
    computed = typed == COMPUTED
    fixed = () if computed else typed
    count = COMPUTED_TIER_COUNT if computed else len(fixed) + 1
    if labels is None:
        names = default_labels(count)
    else:
        names = check_labels(labels.split(",") if isinstance(labels, str) else labels, count)
    return TierRule(cutoffs=fixed, labels=names, computed=computed)


def period_tiers(
    period: np.ndarray,
    rule: TierRule,
    queries: np.ndarray | None = None,
    *,
    population: Population | None = None,
    name: str = "revenues",
) -> np.ndarray:
    """Tier index of ``queries`` (default: ``period`` itself) with the period tiered on its
    own values; −1 where a query is NaN or not > 0 (``name``: the argument an error names).

    ``period`` holds one period's revenues with ``NaN`` for rows without a number (those are
    left out of the population); queries are expected to be values of the period.
    ``population``: that population already prepared (the numeric values of ``period``), so
    it is not sorted again.

    Examples
    --------
    >>> period_tiers(np.array([50.0, np.nan, 30, 10, 0, 5, 5]), make_tier_rule()).tolist()
    [0, -1, 0, 1, -1, 1, 1]
    """
    period = np.asarray(period, dtype=float)
    queries = period if queries is None else np.asarray(queries, dtype=float)
    tiers = np.full(queries.size, -1)
    positive = ~np.isnan(queries) & (queries > 0)
    if positive.any():
        if population is None:
            population = Population(period[~np.isnan(period)], name=name)
        if population.total > 0:
            tiers[positive] = rule.tier_index(population, queries[positive])
    return tiers
