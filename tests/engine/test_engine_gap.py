"""Gap to the next tier (SPEC section 1): recomputed at the gap and one cent less."""

from __future__ import annotations

import engine_reference as ref
import numpy as np
import pytest
from engine_cases import WORKED, flat, gaps, tiers
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.engine.gap import gaps_to_next_tier
from xlpareto.engine.population import Population
from xlpareto.engine.tables import client_table
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.errors import XlparetoError
from xlpareto.udfs import (
    PARETO_GAP,
    PARETO_TIER,
)

# --- gaps -------------------------------------------------------------------------------------

GAP_POPULATIONS = [
    WORKED,
    [80, 5, 5, 5, 5, 2],
    [0.21, 0.15, 0.07, 0.02],
    [100, 40, 40, 10, 7, 3, 0, -4],
    [12.34, 5.67, 5.67, 1.01, 0.99, 0.5],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    [0.36, 0.15, -0.02, 0.27, 0.19, 0.34],  # tie reached at -0.02 + 0.29 = 0.27
    [2.26, 42.94, 38.42, 33.9, 3.39],  # tie reached at 2.26 + 1.13 = 3.39
]


@pytest.mark.parametrize("values", GAP_POPULATIONS)
@pytest.mark.parametrize("cutoffs", [None, [0.5], [0.3, 0.6, 0.9]])
def test_gap_recomputed_at_gap_and_one_cent_less(values, cutoffs) -> None:
    cut = ref.DEFAULT_CUTOFFS if cutoffs is None else cutoffs
    result = gaps(values, cutoffs)
    for index, (value, gap) in enumerate(zip(values, result, strict=True)):
        start = ref.tier_with(values, index, value, cut)
        assert gap == ref.gap(values, index, value, cut), (index, value)
        cents = round(value * 100) + round(gap * 100)
        if start == 0:
            assert gap == 0
            continue
        raised = list(values)
        raised[index] = cents / 100
        assert flat(PARETO_TIER(raised, None, cutoffs))[index] < tiers(values, cutoffs)[index]
        if gap > 0:
            raised[index] = (cents - 1) / 100
            assert flat(PARETO_TIER(raised, None, cutoffs))[index] == tiers(values, cutoffs)[index]


@pytest.mark.parametrize("values", GAP_POPULATIONS[:6])
@pytest.mark.parametrize("x", [0.03, 1.5, 4.0, 6.0, 20.0, 45.0, 0.0, -1.0])
def test_gap_of_a_scalar_not_in_the_population_is_an_extra_client(values, x) -> None:
    if x in values:
        return
    gap = PARETO_GAP(x, values)
    assert gap == ref.gap(values, None, x)
    start = ref.tier_with(values, None, x, ref.DEFAULT_CUTOFFS)
    if start == 0:
        assert gap == 0
    else:
        y = (round(x * 100) + round(gap * 100)) / 100
        assert flat(PARETO_TIER([*values, y]))[-1] < "ABC"[start]
        if gap > 0:
            y = (round(x * 100) + round(gap * 100) - 1) / 100
            assert flat(PARETO_TIER([*values, y]))[-1] == "ABC"[start]


def test_gap_of_a_scalar_in_the_population_is_that_client() -> None:
    for index, value in enumerate(WORKED):
        assert PARETO_GAP(value, WORKED) == gaps(WORKED)[index]
    # the worked example: the 10 (B) needs 30 – at 40 it is ranked 2nd with 50 above: 50/130
    assert PARETO_GAP(10, WORKED) == ref.gap(WORKED, 2, 10)
    assert PARETO_GAP(20, WORKED) == 0  # an extra client at 20: 80 above of 120 → A


def test_gap_engine_api_masks_membership() -> None:
    values = np.array([50.0, 30, 10, 5, 5])
    population = Population(values)
    rule = make_tier_rule()
    queries = np.array([10.0, 10.0])
    result = gaps_to_next_tier(population, rule, queries, np.array([True, False]))
    assert result.tolist() == [ref.gap(WORKED, 2, 10), ref.gap(WORKED, None, 10)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.floats(-1e4, 1e7).map(lambda v: round(v, 2)), min_size=1, max_size=80),
    st.sampled_from([None, "computed", (0.5,), (0.6, 0.9, 0.99)]),
)
def test_the_tables_gaps_from_its_own_tiers_are_the_gaps_worked_out_alone(values, cutoffs):
    # the client table passes the tiers of its rank order to the gaps: the same gaps as
    # tiering every client again
    revenue = np.array(values)
    if not np.maximum(revenue, 0).sum() > 0:
        revenue = np.append(revenue, 10.0)
    rule = make_tier_rule(cutoffs)
    if rule.computed and revenue.size < 3:
        revenue = np.append(revenue, [1.0, 2.0, 3.0])
    try:
        table = client_table(np.array([f"c{i}" for i in range(revenue.size)]), revenue, rule)
    except XlparetoError:  # e.g. computed tiers on too few distinct values
        return
    descending = table.table["Revenue"].to_numpy()
    population = Population(descending)
    alone = gaps_to_next_tier(population, rule, descending, True)
    assert table.table["Gap to next tier"].tolist() == alone.tolist()
    assert table.tiers.tolist() == rule.tier_index(population, descending).tolist()
