"""Ranks, shares and the concentration metrics (SPEC section 1), hand-checked."""

from __future__ import annotations

import engine_reference as ref
import numpy as np
import pytest
from engine_cases import WORKED

from xlpareto import XlparetoError
from xlpareto.engine import metrics
from xlpareto.engine.population import Population
from xlpareto.udfs import (
    PARETO_GINI,
    PARETO_HHI,
    PARETO_RANK,
    PARETO_RATIO,
    PARETO_SHARE,
    PARETO_TOP_SHARE,
)

# --- ranks and shares -------------------------------------------------------------------------


def test_rank_of_a_scalar_not_in_the_range() -> None:
    assert PARETO_RANK(20, WORKED) == 3
    assert PARETO_RANK(100, WORKED) == 1
    assert PARETO_RANK(1, WORKED) == 6
    assert PARETO_RANK(5, WORKED) == 4
    assert PARETO_RANK(-3, WORKED) == 6
    assert PARETO_RANK(30, WORKED) == 2


def test_share_of_non_positive_values_is_one() -> None:
    assert PARETO_SHARE(0, WORKED) == 1.0
    assert PARETO_SHARE(-10, WORKED) == 1.0
    assert PARETO_SHARE(20, WORKED) == pytest.approx(0.8)  # SUMIF(">=20") = 80
    assert PARETO_SHARE(1000, WORKED) == 0.0


def test_share_before_and_population_queries() -> None:
    population = Population(np.array(WORKED, dtype=float))
    assert population.share_before(np.array([50.0, 30, 10, 5, 0])).tolist() == pytest.approx(
        [0, 0.5, 0.8, 0.9, 1.0]
    )
    assert population.total == 100.0


# --- concentration ----------------------------------------------------------------------------


def test_concentration_hand_computed() -> None:
    assert PARETO_HHI(WORKED) == pytest.approx(0.25 + 0.09 + 0.01 + 0.0025 + 0.0025)
    assert PARETO_GINI(WORKED) == pytest.approx(230 / 500)
    assert PARETO_GINI(WORKED) == pytest.approx(ref.gini(WORKED))
    assert PARETO_TOP_SHARE(WORKED) == pytest.approx(0.5)
    assert PARETO_TOP_SHARE(WORKED, 0.3) == pytest.approx(0.65)
    assert PARETO_TOP_SHARE(WORKED, 0) == 0.0
    assert PARETO_TOP_SHARE(WORKED, 1) == pytest.approx(1.0)
    assert PARETO_RATIO(WORKED) == pytest.approx(0.2 + 0.2 * 0.3 / 0.5)


def test_pareto_ratio_exact_80_20() -> None:
    # 2 of 10 clients bring 80 %: the curve meets 1 − x exactly at x = 0.2
    values = [40, 40] + [2.5] * 8
    assert PARETO_RATIO(values) == pytest.approx(0.2)
    assert PARETO_TOP_SHARE(values) == pytest.approx(0.8)


def test_concentration_counts_non_positive_clients_as_zero() -> None:
    assert PARETO_GINI([0, 0, 0, 1]) == pytest.approx(0.75)
    assert PARETO_GINI([-5, 0, 0, 1]) == pytest.approx(0.75)
    assert PARETO_HHI([1, 1, 0, -3]) == pytest.approx(0.5)
    assert PARETO_TOP_SHARE([10, 0, 0, 0, 0]) == pytest.approx(1.0)
    assert metrics.largest_share(np.array([3.0, 1.0, -1.0])) == pytest.approx(0.75)


@pytest.mark.parametrize("fraction", [-0.1, 1.5])
def test_top_share_fraction_out_of_range(fraction) -> None:
    with pytest.raises(XlparetoError, match="fraction"):
        PARETO_TOP_SHARE(WORKED, fraction)
