"""The bundled sample data: costs with loss makers, prospects, two years of invoice lines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import xlpareto
from xlpareto import layout
from xlpareto.data import sample_clients, sample_invoice_lines, sample_prospects
from xlpareto.data.lines import OLDER_LINES, PERIOD_END
from xlpareto.io.report_inputs import ReportOptions, client_input, frame_rows

RATE = float(layout.HOURLY_COST.default)


def _profit(frame: pd.DataFrame) -> pd.Series:
    cost = frame["Cost to serve"].fillna(0) + frame["Hours"].fillna(0) * RATE
    return frame["Revenue"] - cost


def test_most_clients_have_costs_and_a_handful_lose_money() -> None:
    frame = sample_clients()
    costed = frame["Cost to serve"].notna() & frame["Hours"].notna()
    assert 0.8 <= costed.mean() <= 0.9
    losers = _profit(frame) < 0
    assert 3 <= losers.sum() <= 8
    assert (frame.loc[costed, "Cost to serve"] >= 0).all() and (frame["Hours"].dropna() >= 0).all()


def test_exactly_one_a_client_loses_money() -> None:
    frame = sample_clients()
    analysis = xlpareto.analyze(
        frame["Client"], frame["Revenue"], frame["Revenue prior"],
        costs=frame["Cost to serve"], hours=frame["Hours"], hourly_cost=RATE,
    )  # fmt: skip
    table = analysis.table
    losing_a = table[(table["Tier"] == "A") & (pd.to_numeric(table["Profit"]) < 0)]
    assert len(losing_a) == 1
    assert analysis.metrics["loss_makers"] == int((_profit(frame) < 0).sum())
    assert analysis.metrics["whale_peak"] > 1


def test_sample_data_is_deterministic() -> None:
    pd.testing.assert_frame_equal(sample_clients(), sample_clients())
    pd.testing.assert_frame_equal(sample_invoice_lines(), sample_invoice_lines())
    pd.testing.assert_frame_equal(sample_prospects(), sample_prospects())
    assert not sample_clients(seed=7).equals(sample_clients())


def test_prospects_are_realistic_and_some_are_tailor_made() -> None:
    frame = sample_prospects()
    assert 20 <= len(frame) <= 30 and frame["Prospect"].is_unique
    assert ((frame["Fit"] >= 0) & (frame["Fit"] <= 1)).all()
    probability = frame["Probability"].dropna()
    assert ((probability >= 0) & (probability <= 1)).all()
    assert 3 <= (frame["Fit"] < layout.MIN_FIT.default).sum() <= 6
    assert (frame["Expected revenue"] > 0).all()


def test_invoice_line_sums_are_the_clients_revenues_per_period() -> None:
    lines = sample_invoice_lines()
    assert str(lines["Invoice date"].max().date()) == PERIOD_END
    assert lines["Invoice date"].is_monotonic_increasing
    data = client_input(frame_rows(lines, "sample"), ReportOptions())
    assert data.outside == OLDER_LINES and data.undated == 0
    summed = data.frame().set_index("Client")
    clients = sample_clients().set_index("Client")
    active = clients[(clients["Revenue"] > 0) | clients["Revenue prior"].notna()]
    assert set(summed.index) == set(active.index)
    expected = active.reindex(summed.index)
    np.testing.assert_allclose(summed["Revenue"], expected["Revenue"], atol=1e-6)
    prior = expected["Revenue prior"].astype(float).fillna(0)
    np.testing.assert_allclose(summed["Revenue prior"], prior, atol=1e-6)
    np.testing.assert_allclose(
        summed["Cost to serve"], expected["Cost to serve"].fillna(0), atol=1e-6
    )
    np.testing.assert_allclose(summed["Hours"], expected["Hours"].fillna(0), atol=1e-9)


def test_the_bridge_from_the_lines_is_real() -> None:
    clients = sample_clients()
    analysis = xlpareto.analyze(clients["Client"], clients["Revenue"], clients["Revenue prior"])
    bridge = analysis.bridge.set_index("Segment")
    assert bridge.loc["Total", "Expansion"] > 0 and bridge.loc["Total", "Lost"] < 0
    assert bridge.loc["New clients", "New"] > 0
    assert 0 < analysis.metrics["grr"] < analysis.metrics["nrr"] < 1.2


@pytest.mark.parametrize("seed", [1, 99])
def test_other_seeds_keep_the_shape(seed: int) -> None:
    frame = sample_clients(n=120, seed=seed)
    assert (_profit(frame) < 0).sum() >= 1
    assert list(frame.columns) == list(layout.CLIENTS_COLUMNS)
