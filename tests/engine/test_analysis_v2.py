"""``xlpareto.analyze`` with the v2 inputs: prior period, costs/hours, spend and prospects."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import xlpareto
from xlpareto.engine import parallel
from xlpareto.engine.bridge import bridge_table
from xlpareto.engine.tiers import make_tier_rule

PROSPECTS = {
    "Prospect": ["Quick win", "Big custom", "Solid fit", "=1+1"],
    "Expected revenue": [1000.0, 9000.0, 3000.0, 500.0],
    "Fit": [0.9, 0.2, 0.5, 0.75],
    "Probability": [0.5, 0.9, None, 0.4],
}


def test_the_bridge_is_the_bridge_of_the_per_client_sums():
    # duplicates are summed before the bridge: a = 30 + 20 = 50 after, 40 before
    result = xlpareto.analyze(["a", "b", "a", "c"], [30, 10, 20, 7], [40, 10, 0, 0])
    expected = bridge_table([40.0, 10.0, 0.0], [50.0, 10.0, 7.0], make_tier_rule())
    assert result.bridge.equals(expected)
    assert result.metrics["nrr"] == pytest.approx(60 / 50)
    assert result.metrics["grr"] == pytest.approx(1.0)


def test_a_lost_client_with_a_blank_current_revenue_is_in_the_bridge():
    result = xlpareto.analyze(["a", "b"], [100, None], [80, 50])
    total = result.bridge[result.bridge["Segment"] == "Total"].iloc[0]
    assert total["Lost"] == -50.0
    assert total["Revenue before"] == 130.0
    assert result.metrics["grr"] == pytest.approx(80 / 130)


def test_without_prior_revenue_growth_is_a_note_not_an_error():
    result = xlpareto.analyze(["a", "b"], [10, 5], [0, None])
    assert result.bridge is None and result.returns is None
    assert result.growth.note == "before: no positive revenue in the prior period"
    assert result.metrics["nrr"] is None
    assert xlpareto.analyze(["a"], [1]).growth is None  # no prior column at all


def test_spend_gives_the_returns_and_one_sentence():
    result = xlpareto.analyze(
        ["a", "b", "c"], [150, 50, 30], [100, 50, 0], spend_existing=25.0, spend_new=60.0
    )
    rows = result.returns.set_index("Segment")
    assert rows.loc["Existing clients", "Gained per 1.00 spent"] == 2.0
    assert rows.loc["New business", "Gained per 1.00 spent"] == 0.5
    assert result.growth.sentence(0.75) == (
        "Existing clients returned more per 1.00 spent (2.00 vs 0.50): the evidence "
        "supports keeping the core share at 75%."
    )
    named = result.growth.sentence(0.75, ("SpendExisting", "SpendNew"))
    assert named == result.growth.sentence(0.75)  # both spends given: nothing named
    blank = xlpareto.analyze(["a"], [150], [100], spend_existing=25.0)
    assert "SpendNew is blank" in blank.growth.sentence(0.8, ("SpendExisting", "SpendNew"))


def test_costs_and_hours_give_cost_and_profit_per_table_row():
    result = xlpareto.analyze(
        ["small", "big", "small", "mid"],
        [10, 100, 5, 50],
        costs=[2, 30, None, 70],
        hours=[1, None, 1, 0],
        hourly_cost=4.0,
    )
    table = result.table.set_index("Client")
    assert table.loc["small", "Cost"] == 2 + 2 * 4.0  # both rows summed, blank cost = 0
    assert table.loc["big", "Cost"] == 30.0
    assert table.loc["mid", "Profit"] == -20.0
    np.testing.assert_array_equal(table["Profit"], table["Revenue"] - table["Cost"])
    assert list(result.table["Client"]) == ["big", "mid", "small"]  # still by rank
    assert result.metrics["loss_makers"] == 1
    assert result.metrics["total_profit"] == pytest.approx(15 - 10 + 70 - 20)
    assert result.whale["Client"].tolist() == ["big", "small", "mid"]
    assert result.metrics["whale_peak"] == pytest.approx(75 / 55)


def test_no_total_profit_is_a_note_and_the_table_keeps_its_profit():
    result = xlpareto.analyze(["a", "b"], [10, 5], costs=[30, 1])
    assert result.whale is None
    assert result.profit.note.startswith("costs: total profit is not positive")
    assert result.table["Profit"].tolist() == [-20.0, 4.0]
    assert result.metrics["loss_makers"] == 1 and result.metrics["whale_peak"] is None


def test_a_text_cost_in_a_counted_row_names_the_row():
    with pytest.raises(xlpareto.XlparetoError, match=r"costs: 'n/a' in row 3"):
        xlpareto.analyze(["a", "b"], [10, 5], costs=[1, "n/a"])
    # a row without a revenue is not checked
    assert xlpareto.analyze(["a", "b"], [10, None], costs=[1, "n/a"]).table["Cost"].tolist() == [
        1.0
    ]


def test_prospects_split_the_new_business_line_to_the_cent():
    result = xlpareto.analyze(
        ["a", "b"], [70, 30], budget=10_000.01, core_share=0.8, prospects=PROSPECTS
    )
    new_business = result.budget.set_index("Segment").loc["New business", "Budget"]
    plan = result.pipeline.table
    assert math.fsum(plan["Budget"]) == pytest.approx(new_business, abs=1e-9)
    # scores 1620 (fit 0.2: not funded), 1500, 450, 150
    assert plan["Prospect"].tolist() == ["Big custom", "Solid fit", "Quick win", "=1+1"]
    assert plan.set_index("Prospect").loc["Big custom", "Budget"] == 0.0
    assert result.metrics["prospects_funded"] == 3
    assert result.metrics["weighted_pipeline"] == pytest.approx(500 + 8100 + 3000 + 200)
    assert "=1+1" in plan["Prospect"].tolist()  # formula-like names stay names


def test_prospects_without_a_budget_or_a_fit_get_a_note_or_blank_budgets():
    unfunded = xlpareto.analyze(["a"], [1], prospects=PROSPECTS)
    assert set(unfunded.pipeline.table["Budget"]) == {""}
    assert unfunded.metrics["prospects_funded"] is None
    nobody = dict(PROSPECTS, Fit=[0.1, 0.2, 0.3, 0.4])
    result = xlpareto.analyze(["a"], [1], budget=100, prospects=nobody)
    assert result.pipeline.note == "fit: no prospect reaches min_fit"
    with pytest.raises(xlpareto.XlparetoError, match="prospects: no Fit column"):
        xlpareto.analyze(["a"], [1], prospects={"Prospect": ["x"], "Expected revenue": [1]})


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abcdef"),
            st.floats(0, 1e6, allow_nan=False),
            st.floats(0, 1e6, allow_nan=False),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_the_bridge_adds_up_and_nrr_is_at_least_grr(rows):
    names, after, before = (list(column) for column in zip(*rows, strict=True))
    if not sum(after) > 0:
        after[0] = 1.0
    try:
        result = xlpareto.analyze(names, after, before)
    except xlpareto.XlparetoError as error:  # a subnormal prior revenue: no NRR to show
        assert "NRR is larger than a number can be" in str(error)
        assert any(0 < b < 1e-300 for b in before)  # some tier's prior revenue
        return
    if result.bridge is None:
        assert not sum(before) > 0
        return
    for _, row in result.bridge.iterrows():
        moved = row["Expansion"] + row["Contraction"] + row["Lost"] + row["New"]
        scale = max(row["Revenue before"], row["Revenue after"], 1.0)
        assert abs(row["Revenue before"] + moved - row["Revenue after"]) <= 1e-9 * scale
    assert result.metrics["nrr"] >= result.metrics["grr"] - 1e-12


def test_blank_cost_columns_and_an_empty_prospect_list_are_no_input():
    # the template's Cost to serve and Hours columns left blank, its Prospects table empty
    result = xlpareto.analyze(
        ["a", "b"],
        [3, 1],
        costs=[None, ""],
        hours=[None, None],
        prospects={"Prospect": ["x"], "Expected revenue": [None], "Fit": [0.9]},
    )
    assert result.profit is None and "Cost" not in result.table
    assert result.pipeline is None and "weighted_pipeline" not in result.metrics
    one_cost = xlpareto.analyze(["a", "b"], [3, 1], costs=[None, 0])
    assert one_cost.profit is not None  # a single number (even 0) is an input


@pytest.mark.parametrize("threaded_from", [0, 10**9])  # threads even for 2 clients; never
def test_parts_worked_out_alongside_the_table_raise_as_one_thread_would(monkeypatch, threaded_from):
    # the prior and profit parts run next to the rank-ordered table (in threads, or at
    # submission): the table's own error still comes first, and a part's error is raised,
    # not lost in its thread
    monkeypatch.setattr(parallel, "THREADED_CLIENTS", threaded_from)
    with pytest.raises(xlpareto.XlparetoError, match="no positive revenue"):
        xlpareto.analyze(["a", "b"], [-1.0, -2.0], [5.0, 3.0], costs=[1.0, 1.0])

    def broken(*args, **kwargs):
        raise RuntimeError("profit part failed")

    monkeypatch.setattr("xlpareto.engine.analysis.profit_part", broken)
    with pytest.raises(RuntimeError, match="profit part failed"):
        xlpareto.analyze(["a", "b"], [10.0, 2.0], [5.0, 3.0], costs=[1.0, 1.0])
    monkeypatch.setattr("xlpareto.engine.analysis.growth_part", broken)
    with pytest.raises(RuntimeError, match="profit part failed"):  # the prior part's
        xlpareto.analyze(["a", "b"], [10.0, 2.0], [5.0, 3.0])


def test_threaded_analysis_gives_the_same_tables_each_run():
    rng = np.random.default_rng(3)
    size = 20_000  # above the sorts' integer-key threshold
    revenue = np.round(rng.pareto(1.2, size) * 100, 2)
    prior = np.round(revenue * rng.uniform(0.5, 1.5, size), 2)
    costs = np.round(revenue * rng.uniform(0.1, 1.3, size), 2)
    names = [f"c{i}" for i in range(size)]
    runs = [xlpareto.analyze(names, revenue, prior, costs=costs, budget=1e5) for _ in range(3)]
    for run in runs[1:]:
        assert run.table.equals(runs[0].table)
        assert run.whale.equals(runs[0].whale)
        assert run.bridge.equals(runs[0].bridge)
        assert run.migration.equals(runs[0].migration)
    # the rank order is the stable descending one; the whale order likewise by profit
    expected = np.argsort(-revenue, kind="stable")
    assert runs[0].table["Client"].tolist() == [names[i] for i in expected]
    whale = np.argsort(-(revenue - costs), kind="stable")
    assert runs[0].whale["Client"].tolist() == [names[i] for i in whale]


def test_where_no_thread_can_start_the_parts_run_one_after_the_other(monkeypatch):
    # xlwings Lite (Pyodide, Excel on the web) cannot start threads: same analysis, inline
    rng = np.random.default_rng(5)
    size = parallel.THREADED_CLIENTS + 10
    revenue = np.round(rng.pareto(1.2, size) * 100, 2)
    prior = np.round(revenue * rng.uniform(0.5, 1.5, size), 2)
    costs = np.round(revenue * rng.uniform(0.1, 1.3, size), 2)
    names = [f"c{i}" for i in range(size)]
    threaded = xlpareto.analyze(names, revenue, prior, costs=costs)

    def cannot_start(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", cannot_start)
    parallel.threads_start.cache_clear()
    try:
        assert not parallel.threads_start()
        assert isinstance(parallel.parts_executor(size), parallel.InlineExecutor)
        inline = xlpareto.analyze(names, revenue, prior, costs=costs)
    finally:
        parallel.threads_start.cache_clear()
    assert inline.table.equals(threaded.table) and inline.whale.equals(threaded.whale)
    assert inline.bridge.equals(threaded.bridge) and inline.metrics == threaded.metrics
    assert isinstance(parallel.parts_executor(size - 20), parallel.InlineExecutor)  # small


@pytest.mark.parametrize("threaded_from", [0, 10**9])
def test_a_gap_too_large_for_a_cell_is_raised_before_a_budget_too_large(monkeypatch, threaded_from):
    # the gaps are worked out in a thread while the other columns (and the budgets) are
    # made: their error still comes first, as when they were made first, and is not lost
    monkeypatch.setattr(parallel, "THREADED_CLIENTS", threaded_from)
    huge = ["a", "b", "c"], [8e307, 8e307, 1.0]
    for budget in (None, 1e5, 1e300):  # 1e300: too large to split in cents on its own
        with pytest.raises(xlpareto.XlparetoError, match="gap to the next tier is larger"):
            xlpareto.analyze(*huge, budget=budget)
    with pytest.raises(xlpareto.XlparetoError, match="too large to split exactly"):
        xlpareto.analyze(["a", "b", "c"], [5.0, 3.0, 1.0], budget=1e300)
