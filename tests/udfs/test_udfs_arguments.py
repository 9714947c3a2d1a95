"""Optional worksheet-function arguments: omitted or blank, cutoffs and labels in any shape,
computed tiers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from udfs_cases import TIERS, WORKED, column

from xlpareto import XlparetoError
from xlpareto import udfs as U
from xlpareto.engine.computed_abc import computed_abc

# --- optional arguments: omitted or blank -----------------------------------------------------

BLANKS = [None, "", [[None]], [[""]], [], [None, None], np.array([]), pd.Series([], dtype=float)]


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_blank_optional_arguments_take_defaults(blank) -> None:
    assert U.PARETO_TIER(WORKED, blank, blank, blank) == column(TIERS)
    assert U.PARETO_SHARE(10, WORKED) == U.PARETO_SHARE(10, WORKED)
    assert U.PARETO_GAP(WORKED, blank, blank) == U.PARETO_GAP(WORKED)
    assert U.PARETO_TOP_SHARE(WORKED, blank) == pytest.approx(0.5)
    assert U.PARETO_BUDGET(1000, WORKED, blank, blank, blank, blank) == U.PARETO_BUDGET(
        1000, WORKED
    )
    assert U.BUDGET_SPLIT(100, [1, 1, 1], blank) == column([33.34, 33.33, 33.33])
    assert U.PARETO_TABLE(list("abcde"), WORKED, blank, blank, blank, blank) == U.PARETO_TABLE(
        list("abcde"), WORKED
    )
    assert U.PARETO_SUMMARY(WORKED, blank, blank) == U.PARETO_SUMMARY(WORKED)
    assert U.PARETO_MIGRATION(WORKED, WORKED, blank, blank) == U.PARETO_MIGRATION(WORKED, WORKED)


@pytest.mark.parametrize(
    "cutoffs",
    [
        [0.5, 0.8, 0.95],
        [[0.5], [0.8], [0.95]],
        [[0.5, 0.8, 0.95]],
        np.array([0.5, 0.8, 0.95]),
        pd.Series([0.5, 0.8, 0.95]),
        (0.5, 0.8, 0.95),
        [0.5, None, 0.8, 0.95],  # a blank cell in the cutoffs range is skipped
    ],
    ids=["list", "column", "row", "numpy", "Series", "tuple", "with blank"],
)
def test_cutoffs_in_any_shape(cutoffs) -> None:
    assert U.PARETO_TIER([50, 30, 10, 5, 4, 1], None, cutoffs) == column(
        ["A", "B", "C", "C", "D", "D"]
    )
    assert U.PARETO_TIER([50, 30, 10, 5, 4, 1], None, cutoffs, [["W", "X", "Y", "Z"]]) == column(
        ["W", "X", "Y", "Y", "Z", "Z"]
    )


@pytest.mark.parametrize(
    "labels", [["H", "M", "L"], [["H"], ["M"], ["L"]], np.array(["H", "M", "L"])]
)
def test_labels_in_any_shape(labels) -> None:
    assert U.PARETO_TIER(WORKED, None, None, labels) == column(["H", "H", "M", "M", "M"])
    assert U.PARETO_SUMMARY(WORKED, None, labels)[1][0] == "H"
    assert U.PARETO_BUDGET(1000, WORKED, None, None, labels)[1][0] == "H clients"
    assert U.PARETO_MIGRATION(WORKED, WORKED, None, labels)[0] == [
        "Before \\ After",
        "H",
        "M",
        "L",
        "Lost",
    ]


def test_numbers_as_labels_become_text() -> None:
    assert U.PARETO_TIER(WORKED, None, [0.8], [1.0, 2.0]) == column(["1", "1", "2", "2", "2"])


# --- computed tiers ---------------------------------------------------------------------------

COMPUTED_VALUES = [120, 5, 40, 3, 88, 1, 15, 7, 60, 2, 9, 30]


@pytest.mark.parametrize("spelling", ["computed", "Computed", "COMPUTED", [["computed"]]])
def test_computed_tiers_use_the_abc_limits(spelling) -> None:
    abc = computed_abc(np.array(COMPUTED_VALUES, dtype=float))
    expected = ["ABC"[t] for t in abc.tiers(COMPUTED_VALUES)]
    assert U.PARETO_TIER(COMPUTED_VALUES, None, spelling) == column(expected)
    for value, tier in zip(COMPUTED_VALUES, expected, strict=True):
        assert U.PARETO_TIER(value, COMPUTED_VALUES, spelling) == tier
    summary = U.PARETO_SUMMARY(COMPUTED_VALUES, spelling)
    assert [row[0] for row in summary[1:]] == ["A", "B", "C", "Total"]
    assert sum(row[1] for row in summary[1:4]) == len(COMPUTED_VALUES)


def test_computed_tier_gaps_hold_the_limits_fixed() -> None:
    abc = computed_abc(np.array(COMPUTED_VALUES, dtype=float))
    tiers = [row[0] for row in U.PARETO_TIER(COMPUTED_VALUES, None, "computed")]
    gaps = [row[0] for row in U.PARETO_GAP(COMPUTED_VALUES, None, "computed")]
    for value, tier, gap in zip(COMPUTED_VALUES, tiers, gaps, strict=True):
        reached = (round(value * 100) + round(gap * 100)) / 100
        one_less = reached - 0.01
        if tier == "A":
            assert gap == 0
        elif tier == "B":  # to reach A a client must exceed ABLimit
            assert reached > abc.ab_limit and not one_less > abc.ab_limit
        else:  # to reach B it must reach BCLimit
            assert reached >= abc.bc_limit and not one_less >= abc.bc_limit
    assert U.PARETO_GAP(29.5, COMPUTED_VALUES, "computed") == pytest.approx(
        round(abc.bc_limit - 29.5, 2)
    )


def test_computed_tiers_reject_custom_label_count() -> None:
    with pytest.raises(XlparetoError, match="expected 3 labels"):
        U.PARETO_TIER(COMPUTED_VALUES, None, "computed", ["A", "B"])
