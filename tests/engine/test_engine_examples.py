"""Hand-checked examples from SPEC section 1."""

from __future__ import annotations

import numpy as np
import pytest

import xlpareto
from xlpareto.engine.gap import gaps_to_next_tier
from xlpareto.engine.population import Population
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.udfs import PARETO_TIER


def test_worked_example_tiers_and_shares() -> None:
    result = xlpareto.analyze(list("abcde"), [50, 30, 10, 5, 5])
    assert result.table["Tier"].tolist() == ["A", "A", "B", "B", "B"]
    assert result.table["Cumulative share"].tolist() == pytest.approx([0.5, 0.8, 0.9, 1, 1])


def test_exactness_example_client_at_exact_cutoff_is_b() -> None:
    assert PARETO_TIER([0.21, 0.15, 0.07, 0.02]) == [["A"], ["A"], ["B"], ["C"]]


def test_gap_can_skip_a_tier() -> None:
    values = np.array([80.0, 5, 5, 5, 5, 2])
    rule = make_tier_rule()
    population = Population(values)
    gaps = gaps_to_next_tier(population, rule, values, True)
    assert gaps[-1] == pytest.approx(3.0)
    lifted = values.copy()
    lifted[-1] += gaps[-1]
    assert rule.label(rule.tier_index(Population(lifted), lifted[-1:]))[0] == "A"
