"""Prospects (SPEC section 10): score, the new-business budget per prospect, the pipeline.

A row counts when its Expected revenue is a number (not NaN); then Expected revenue must be
≥ 0, Fit a number in [0, 1] and Probability NaN (blank = 1) or in [0, 1]. Score =
Expected revenue × Fit × Probability. The budget goes to the prospects with
``Fit ≥ min_fit`` (compared exactly) in proportion to Score, split exactly in whole
``unit``s with equal remainders to the earlier row; the others get 0 and the note
:data:`TAILOR_MADE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from xlpareto.engine.checks import (
    as_row_values,
    check_amount,
    check_fraction,
    check_not_negative,
    check_same_length,
    check_unit_interval,
    exact_sum,
)
from xlpareto.engine.splits import split_total
from xlpareto.engine.text import check_whole_characters
from xlpareto.errors import XlparetoError

PIPELINE_COLUMNS = (
    "Rank",
    "Prospect",
    "Expected revenue",
    "Fit",
    "Probability",
    "Score",
    "Budget",
    "Note",
)
TAILOR_MADE = "Tailor-made: review before spending"
DEFAULT_MIN_FIT = 0.5
NOBODY_FITS = "fit: no prospect reaches min_fit"
#: Largest number of whole units split exactly (integers up to 2**53 are exact floats).
MAX_UNITS = 2**53


@dataclass(frozen=True)
class Prospects:
    """Checked prospect rows (every array has one entry per input row).

    Attributes
    ----------
    counted : True where Expected revenue is a number.
    expected, fit : the inputs (NaN in uncounted rows).
    probability : the probability used (blank → 1; NaN in uncounted rows).
    score : Expected revenue × Fit × Probability (NaN in uncounted rows).
    """

    counted: np.ndarray
    expected: np.ndarray
    fit: np.ndarray
    probability: np.ndarray
    score: np.ndarray

    def eligible(self, min_fit: float = DEFAULT_MIN_FIT) -> np.ndarray:
        """Counted rows with ``Fit ≥ min_fit`` (exact comparison)."""
        return self.counted & (self.fit >= check_fraction(min_fit, "min_fit"))


def prospect_rows(expected: object, fit: object, probability: object | None = None) -> Prospects:
    """Check the prospect columns and compute the scores.

    Examples
    --------
    >>> rows = prospect_rows([1000, float("nan"), 500], [0.5, float("nan"), 1.0], [0.5, 1, np.nan])
    >>> rows.score.tolist(), rows.probability.tolist()
    ([250.0, nan, 500.0], [0.5, nan, 1.0])
    """
    expected_values = as_row_values(expected, "expected")
    fit_values = np.asarray(fit, dtype=float).ravel()
    named = [("expected", expected_values), ("fit", fit_values)]
    if probability is not None:
        probability_values = np.asarray(probability, dtype=float).ravel()
        named.append(("probability", probability_values))
    else:
        probability_values = np.full(expected_values.size, np.nan)
    check_same_length(named)
    counted = ~np.isnan(expected_values)
    check_not_negative(expected_values, "expected", counted)
    check_unit_interval(fit_values, "fit", counted)
    check_unit_interval(probability_values, "probability", counted & ~np.isnan(probability_values))
    probability_values = np.where(np.isnan(probability_values), 1.0, probability_values)
    fit_values = np.where(counted, fit_values, np.nan)
    probability_values = np.where(counted, probability_values, np.nan)
    score = expected_values * fit_values * probability_values
    return Prospects(counted, expected_values, fit_values, probability_values, score)


def prospect_scores(expected: object, fit: object, probability: object | None = None) -> np.ndarray:
    """Score per row, NaN for uncounted rows.

    Examples
    --------
    >>> prospect_scores([1000, 200], [0.8, 0.25], [0.5, np.nan]).tolist()
    [400.0, 50.0]
    """
    return prospect_rows(expected, fit, probability).score


def _budgets(rows: Prospects, total: float, min_fit: float, unit: float) -> np.ndarray:
    if check_amount(total, "total") is None:
        raise XlparetoError("total: a number is required")
    eligible = rows.eligible(min_fit)
    weights = np.where(eligible, rows.score, 0.0)
    if not (weights > 0).any():
        raise XlparetoError(NOBODY_FITS)
    exact_sum(weights, "expected")  # the scores must add up to a finite number
    if unit > 0 and abs(total) / unit > MAX_UNITS:
        raise XlparetoError(f"total: {total:g} is too large to split exactly in units of {unit:g}")
    budget = np.full(rows.counted.size, np.nan)
    budget[rows.counted] = split_total(total, weights[rows.counted], unit, "score")
    return budget


def prospect_budget(
    total: float,
    expected: object,
    fit: object,
    probability: object | None = None,
    min_fit: float = DEFAULT_MIN_FIT,
    unit: float = 0.01,
) -> np.ndarray:
    """Budget per row (NaN for uncounted rows); the counted rows add up exactly to ``total``.

    Examples
    --------
    >>> prospect_budget(100, [300, 300, 300, 900], [1, 1, 1, 0.4]).tolist()
    [33.34, 33.33, 33.33, 0.0]
    """
    return _budgets(prospect_rows(expected, fit, probability), total, min_fit, unit)


@dataclass(frozen=True)
class PipelineMetrics:
    """Figures of a prospect list.

    Attributes
    ----------
    weighted_pipeline : Σ Expected revenue × Probability over counted rows (exactly rounded).
    prospects_eligible : counted rows the budget goes to (``Fit ≥ min_fit`` and Score > 0).
    prospects_funded : rows that receive a budget > 0 (``None`` when no total is given).
    """

    weighted_pipeline: float
    prospects_eligible: int
    prospects_funded: int | None


def pipeline_metrics(
    expected: object,
    fit: object,
    probability: object | None = None,
    min_fit: float = DEFAULT_MIN_FIT,
    total: float | None = None,
    unit: float = 0.01,
) -> PipelineMetrics:
    """Weighted pipeline and prospect counts.

    Examples
    --------
    >>> pipeline_metrics([1000, 400], [0.9, 0.2], [0.5, np.nan], total=100)
    PipelineMetrics(weighted_pipeline=900.0, prospects_eligible=1, prospects_funded=1)
    """
    rows = prospect_rows(expected, fit, probability)
    counted = rows.counted
    weighted = exact_sum(rows.expected[counted] * rows.probability[counted], "expected")
    eligible = int(np.count_nonzero(rows.eligible(min_fit) & (rows.score > 0)))
    funded = None
    if total is not None:
        funded = int(np.count_nonzero(_budgets(rows, total, min_fit, unit) > 0))
    return PipelineMetrics(weighted, eligible, funded)


def pipeline_table(
    prospects: Sequence[object] | np.ndarray,
    expected: object,
    fit: object,
    probability: object | None = None,
    total: float | None = None,
    min_fit: float = DEFAULT_MIN_FIT,
    unit: float = 0.01,
) -> pd.DataFrame:
    """The pipeline plan (columns :data:`PIPELINE_COLUMNS`): counted rows by Score, largest
    first, ties in input order; Rank like ``RANK.EQ`` on Score. Probability shows the value
    used (blank → 1). Budget is blank (``""``) when no ``total`` is given.

    Examples
    --------
    >>> table = pipeline_table(["p", "q", "r"], [100, 200, 200], [1, 0.5, 0.3], total=50)
    >>> table.values.tolist()
    [[1, 'p', 100.0, 1.0, 1.0, 100.0, 25.0, ''], [1, 'q', 200.0, 0.5, 1.0, 100.0, 25.0, ''], \
[3, 'r', 200.0, 0.3, 1.0, 60.0, 0.0, 'Tailor-made: review before spending']]
    """
    names = np.asarray(prospects, dtype=object).ravel()
    check_whole_characters(names, "prospects")
    rows = prospect_rows(expected, fit, probability)
    check_same_length([("prospects", names), ("expected", rows.expected)])
    counted = np.flatnonzero(rows.counted)
    order = counted[np.argsort(-rows.score[counted], kind="stable")]
    score = rows.score[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = score[1:] != score[:-1]
    rank = np.arange(1, order.size + 1) * first
    np.maximum.accumulate(rank, out=rank)
    if total is None:
        budget: np.ndarray = np.full(order.size, "", dtype=object)
    else:
        budget = _budgets(rows, total, min_fit, unit)[order]
    eligible = rows.eligible(min_fit)[order]
    note = np.where(eligible, "", TAILOR_MADE).astype(object)
    columns = (
        rank,
        names[order],
        rows.expected[order],
        rows.fit[order],
        rows.probability[order],
        score,
        budget,
        note,
    )
    return pd.DataFrame(dict(zip(PIPELINE_COLUMNS, columns, strict=True)))
