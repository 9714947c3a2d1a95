"""Shared test data for the Growth, Profit and Pipeline sheets (no tests here)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import xlpareto
from xlpareto.data import sample_clients

FORMULA_LIKE_PROSPECTS = ["=1+1", "@SUM(A1)", "+CMD|' /C calc'!A0", "-2"]


def sample_costs(frame: pd.DataFrame, seed: int = 3) -> np.ndarray:
    """Costs for the sample clients: most profitable, the second-largest client (an A)
    and a few others losing money."""
    rng = np.random.default_rng(seed)
    revenue = pd.to_numeric(frame["Revenue"], errors="coerce").fillna(0).to_numpy()
    costs = np.round(revenue * rng.uniform(0.3, 0.9, len(frame)), 2)
    order = np.argsort(-revenue, kind="stable")
    costs[order[1]] = round(revenue[order[1]] * 1.4, 2)
    costs[order[50::40]] = np.round(revenue[order[50::40]] * 1.2, 2)
    return costs


def sample_prospects(count: int = 26, seed: int = 4) -> pd.DataFrame:
    """A prospect list with a few tailor-made ones and formula-like names."""
    rng = np.random.default_rng(seed)
    names = [f"Prospect {i:02d}" for i in range(count)]
    names[: len(FORMULA_LIKE_PROSPECTS)] = FORMULA_LIKE_PROSPECTS
    fit = np.round(rng.uniform(0.2, 1, count), 2)
    fit[5] = 0.5  # exactly min_fit: funded
    return pd.DataFrame(
        {
            "Prospect": names,
            "Expected revenue": rng.integers(5, 90, count) * 1000.0,
            "Fit": fit,
            "Probability": np.round(rng.uniform(0.1, 0.9, count), 2),
        }
    )


def full_analysis(**kwargs) -> xlpareto.Analysis:
    """The sample clients with prior revenue, costs, spend and prospects."""
    frame = sample_clients()
    options = {
        "budget": 100_000,
        "costs": sample_costs(frame),
        "spend_existing": 40_000.0,
        "spend_new": 25_000.0,
        "prospects": sample_prospects(),
    } | kwargs
    return xlpareto.analyze(frame["Client"], frame["Revenue"], frame["Revenue prior"], **options)
