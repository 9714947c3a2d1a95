"""Migration, the summary, the client table and ``analyze`` (SPEC sections 1 and 2)."""

from __future__ import annotations

import numpy as np
import pytest
from engine_cases import WORKED

import xlpareto
from xlpareto import XlparetoError
from xlpareto.engine.migration import migration_counts
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.udfs import (
    PARETO_MIGRATION,
    PARETO_SUMMARY,
    PARETO_TABLE,
)

# --- migration --------------------------------------------------------------------------------


def test_migration_counts_new_lost_and_uncounted_rows() -> None:
    before = [60, 30, 10, None, 0, 5, None, "text"]
    after = [60, 10, 30, 20, 0, None, -3, None]
    # before: T = 105 → 60 A, 30 A (.57), 10 B (.86), 5 C (.952); after: T = 120 →
    # 60 A, 30 A (.5), 20 A (.75), 10 B (.917)
    assert PARETO_MIGRATION(before, after) == [
        ["Before \\ After", "A", "B", "C", "Lost"],
        ["A", 1, 1, 0, 0],
        ["B", 1, 0, 0, 0],
        ["C", 0, 0, 0, 1],
        ["New", 1, 0, 0, 0],
    ]


def test_migration_labels_cutoffs_and_errors() -> None:
    result = PARETO_MIGRATION([1, 2], [2, 1], [0.5], ["Top", "Rest"])
    assert result[0] == ["Before \\ After", "Top", "Rest", "Lost"]
    assert [row[0] for row in result[1:]] == ["Top", "Rest", "New"]
    with pytest.raises(XlparetoError, match="same length"):
        PARETO_MIGRATION([1, 2], [1, 2, 3])
    with pytest.raises(XlparetoError, match="no positive revenue"):
        PARETO_MIGRATION([0, None], [-1, 0])
    # one period without revenue: everyone is New (or Lost); after: 2 A, 1 A (2/3 < .8)
    assert PARETO_MIGRATION([None, None], [1, 2])[-1] == ["New", 2, 0, 0, 0]
    assert [row[-1] for row in PARETO_MIGRATION([1, 2], [0, None])[1:]] == [2, 0, 0, 0]
    counts = migration_counts(np.array([1.0, np.nan]), np.array([np.nan, 1.0]), make_tier_rule())
    assert counts.sum() == 2


# --- summary and table ------------------------------------------------------------------------


SUMMARY_HEADER = [
    "Tier",
    "Clients",
    "% of clients",
    "Revenue",
    "% of revenue",
    "Min revenue",
    "Max revenue",
]


def test_summary_blank_min_max_for_empty_tiers() -> None:
    assert PARETO_SUMMARY(WORKED, [0.5, 0.6, 0.7]) == [
        SUMMARY_HEADER,
        ["A", 1, 0.2, 50.0, 0.5, 50.0, 50.0],
        ["B", 1, 0.2, 30.0, 0.3, 30.0, 30.0],
        ["C", 0, 0.0, 0.0, 0.0, "", ""],
        ["D", 3, 0.6, 20.0, 0.2, 5.0, 10.0],
        ["Total", 5, 1.0, 100.0, 1.0, 5.0, 50.0],
    ]


def test_summary_revenue_is_positive_part_and_min_max_raw() -> None:
    rows = PARETO_SUMMARY([10, 0, -5, 5])
    assert rows[1] == ["A", 2, 0.5, 15.0, 1.0, 5.0, 10.0]
    assert rows[3] == ["C", 2, 0.5, 0.0, 0.0, -5.0, 0.0]
    assert rows[-1] == ["Total", 4, 1.0, 15.0, 1.0, -5.0, 10.0]


def test_table_sorted_by_rank_ties_in_input_order() -> None:
    table = PARETO_TABLE(["e", "b", "a", "d", "c"], [5, 30, 50, 5, 10])
    assert table[0] == [
        "Rank",
        "Client",
        "Revenue",
        "Share",
        "Cumulative share",
        "Tier",
        "Gap to next tier",
    ]
    assert [row[:3] for row in table[1:]] == [
        [1, "a", 50.0],
        [2, "b", 30.0],
        [3, "c", 10.0],
        [4, "e", 5.0],
        [4, "d", 5.0],
    ]
    assert [row[5] for row in table[1:]] == ["A", "A", "B", "B", "B"]
    assert [row[3] for row in table[1:]] == pytest.approx([0.5, 0.3, 0.1, 0.05, 0.05])
    assert [row[4] for row in table[1:]] == pytest.approx([0.5, 0.8, 0.9, 1.0, 1.0])


def test_table_leaves_out_ignored_rows_and_checks_lengths() -> None:
    table = PARETO_TABLE(["a", "b", "c", "d"], [10, None, "n/a", True])
    assert [row[1] for row in table[1:]] == ["a"]
    with pytest.raises(XlparetoError, match="same length"):
        PARETO_TABLE(["a", "b"], [1, 2, 3])


def test_analyze_public_api() -> None:
    result = xlpareto.analyze(list("abcde"), WORKED, budget=1000)
    assert result.summary["Clients"].tolist() == [2, 3, 0, 5]
    assert result.budget["Budget"].tolist() == [640.0, 160.0, 0.0, 200.0, 1000.0]
    assert result.metrics["gini"] == pytest.approx(0.46)
    assert result.metrics["hhi"] == pytest.approx(0.355)
    assert result.table["Budget"].sum() == pytest.approx(800.0)
