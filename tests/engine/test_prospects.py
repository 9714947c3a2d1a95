"""SPEC section 10: prospect scores, the exact new-business split and the pipeline table."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xlpareto.engine.prospects import (
    PIPELINE_COLUMNS,
    TAILOR_MADE,
    pipeline_metrics,
    pipeline_table,
    prospect_budget,
    prospect_scores,
)
from xlpareto.errors import XlparetoError

NAN = float("nan")


def test_scores_by_hand() -> None:
    # 1000 × 0.8 × 0.5 = 400; 200 × 0.25 × blank(1) = 50; blank expected: uncounted
    scores = prospect_scores([1000, 200, NAN], [0.8, 0.25, NAN], [0.5, NAN, NAN])
    assert scores[:2].tolist() == [400.0, 50.0]
    assert np.isnan(scores[2])
    assert prospect_scores([10], [1]).tolist() == [10.0]  # no probability column at all


def test_budget_split_by_hand() -> None:
    # scores 300, 100, 0 (fit 0.4 < 0.5 → unfunded), 100: weights 3 : 1 : 0 : 1 of 10.00
    # → 6.00, 2.00, 0, 2.00
    budget = prospect_budget(10, [300, 100, 900, 100], [1, 1, 0.4, 1])
    assert budget.tolist() == [6.0, 2.0, 0.0, 2.0]


def test_equal_remainders_go_to_the_earlier_row() -> None:
    # 1.00 over three equal scores: 0.34, 0.33, 0.33
    assert prospect_budget(1, [5, 5, 5], [1, 1, 1]).tolist() == [0.34, 0.33, 0.33]
    # whole units: 10 over three → 4, 3, 3
    assert prospect_budget(10, [5, 5, 5], [1, 1, 1], unit=1).tolist() == [4, 3, 3]


def test_min_fit_is_compared_exactly() -> None:
    # fit exactly 0.5 is funded; 0.49999999999999994 (the float below 0.5) is not
    budget = prospect_budget(10, [100, 100], [0.5, np.nextafter(0.5, 0)])
    assert budget.tolist() == [10.0, 0.0]
    budget = prospect_budget(10, [100, 100], [0.3, 0.2], min_fit=0.3)
    assert budget.tolist() == [10.0, 0.0]


def test_uncounted_rows_get_nan_and_are_not_checked() -> None:
    budget = prospect_budget(10, [NAN, 100], [7, 1], [-3, 1])
    assert np.isnan(budget[0]) and budget[1] == 10.0


def test_errors() -> None:
    with pytest.raises(XlparetoError, match=r"^expected: negative value at position 2$"):
        prospect_scores([1, -1], [1, 1])
    with pytest.raises(XlparetoError, match=r"^fit: 1.5 at position 1 is not in \[0, 1\]$"):
        prospect_scores([1, 1], [1.5, 1])
    with pytest.raises(XlparetoError, match=r"^fit: a number in \[0, 1\] is required at posi"):
        prospect_scores([1, 1], [1, NAN])
    with pytest.raises(XlparetoError, match=r"^probability: -0.1 at position 2 is not in"):
        prospect_scores([1, 1], [1, 1], [1, -0.1])
    with pytest.raises(XlparetoError, match=r"^min_fit: 1.2 is not in \[0, 1\]$"):
        prospect_budget(10, [1], [1], min_fit=1.2)
    with pytest.raises(XlparetoError, match=r"^fit: no prospect reaches min_fit$"):
        prospect_budget(10, [100, 100], [0.4, 0.1])
    with pytest.raises(XlparetoError, match=r"^fit: no prospect reaches min_fit$"):
        prospect_budget(10, [100, 0], [0.4, 0.9])  # fit reached, but Score 0
    with pytest.raises(XlparetoError, match=r"^total: a number is required$"):
        prospect_budget(NAN, [1], [1])
    with pytest.raises(XlparetoError, match=r"^total: must be a finite number ≥ 0, got -5$"):
        prospect_budget(-5, [1], [1])
    with pytest.raises(XlparetoError, match=r"^total: .* not a whole multiple"):
        prospect_budget(10.001, [1], [1])
    with pytest.raises(XlparetoError, match=r"^expected, fit: must have the same number"):
        prospect_scores([1, 2], [1])


def test_pipeline_table_by_hand() -> None:
    # scores: p 100 × 1 × 0.5 = 50; q 400 × 0.25 = 100 (tailor-made); r 200 × 0.5 = 100;
    # s blank (uncounted); t 50 × 1 = 50. Order by score: q, r (tie, input order), p, t (tie).
    # Budget 90 over the funded p, r, t by 50 : 100 : 50 → 22.50, 45.00, 22.50.
    table = pipeline_table(
        ["p", "q", "r", "s", "t"],
        [100, 400, 200, NAN, 50],
        [1, 0.25, 0.5, NAN, 1],
        [0.5, NAN, NAN, NAN, 1],
        total=90,
    )
    assert list(table.columns) == list(PIPELINE_COLUMNS)
    assert table["Prospect"].tolist() == ["q", "r", "p", "t"]
    assert table["Rank"].tolist() == [1, 1, 3, 3]
    assert table["Score"].tolist() == [100, 100, 50, 50]
    assert table["Probability"].tolist() == [1, 1, 0.5, 1]
    assert table["Budget"].tolist() == [0, 45, 22.5, 22.5]
    assert table["Note"].tolist() == [TAILOR_MADE, "", "", ""]
    without_total = pipeline_table(["p"], [100], [1])
    assert without_total["Budget"].tolist() == [""]


def test_metrics_by_hand() -> None:
    # weighted pipeline = 100 × 0.5 + 400 × 1 + 200 × 1 = 650
    metrics = pipeline_metrics([100, 400, 200], [1, 0.25, 0.5], [0.5, NAN, 1], total=90)
    assert metrics.weighted_pipeline == 650
    assert metrics.prospects_eligible == 2
    assert metrics.prospects_funded == 2
    assert pipeline_metrics([100], [1]).prospects_funded is None


# --- properties -------------------------------------------------------------------------------

prospect = st.tuples(
    st.integers(min_value=0, max_value=10**7).map(lambda c: c / 100),
    st.sampled_from([0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]),
    st.one_of(st.just(NAN), st.sampled_from([0.0, 0.2, 0.5, 0.9, 1.0])),
)


@settings(max_examples=100)
@given(
    st.lists(prospect, min_size=1, max_size=25),
    st.integers(min_value=0, max_value=10**8),
    st.sampled_from([0.01, 1.0, 0.05]),
)
def test_budgets_add_up_exactly_in_units(rows, units, unit) -> None:
    expected, fit, probability = (np.array(column) for column in zip(*rows, strict=True))
    scores = expected * fit * np.where(np.isnan(probability), 1, probability)
    funded = fit >= 0.5
    assume((scores[funded] > 0).any())
    total = float(Decimal(units) * Decimal(repr(unit)))
    budget = prospect_budget(total, expected, fit, probability, 0.5, unit)
    in_units = [Decimal(repr(float(b))) / Decimal(repr(unit)) for b in budget]
    assert all(u == u.to_integral_value() for u in in_units)
    assert sum(in_units) == units
    assert (budget[~funded] == 0).all()
    assert (budget[funded & (scores == 0)] == 0).all()
    assert (budget >= 0).all()


def test_too_large_to_split_is_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^total: 1e\+20 is too large to split exactly"):
        prospect_budget(1e20, [1, 2], [1, 1])
    with pytest.raises(XlparetoError, match=r"^expected: the numbers are too large to add up$"):
        prospect_budget(10, [1e308, 1e308], [1, 1])
    with pytest.raises(XlparetoError, match=r"^expected: the numbers are too large to add up$"):
        pipeline_metrics([1e308, 1e308], [1, 1])
