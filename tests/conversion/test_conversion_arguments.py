"""Cutoffs, labels, populations and weights read from worksheet arguments into the typed
values the engine takes; the one cutoff rule they all feed; the dependency direction."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto import XlparetoError, make_tier_rule
from xlpareto.conversion import (
    read_cutoffs,
    read_labels,
    read_population,
    read_tier_rule,
    read_weights,
)
from xlpareto.engine.tiers import DEFAULT_CUTOFFS, CutoffError, check_cutoffs
from xlpareto.io.options import parse_cutoffs

# --- read_cutoffs / read_labels: typed values out --------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ([[None], [""]], None),
        ([0.5, 0.8], (0.5, 0.8)),
        ([[0.5], [None], [0.8]], (0.5, 0.8)),
        (np.array([0.5, 0.8]), (0.5, 0.8)),
        (pd.Series([0.5, 0.8]), (0.5, 0.8)),
        ([["Computed"]], "computed"),
        (" COMPUTED ", "computed"),
        ("0.5;0.8", (0.5, 0.8)),
        ("0.5, 0.8", (0.5, 0.8)),
        ([95, 80], (95.0, 80.0)),  # out of rule, but typed: the engine judges it
    ],
)
def test_read_cutoffs(value, expected) -> None:
    assert read_cutoffs(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["x", 0.8], "cutoffs: 'x' at position 1 is not a number"),
        ([0.8, True], "cutoffs: True at position 2 is not a number"),
        ([0.8, "computed"], "cutoffs: 'computed' at position 2 is not a number"),
        ([[0.8], ["#N/A"]], "cutoffs: #N/A at position 2"),
        ("abc", "cutoffs: expected numbers or \"computed\", got 'abc'"),
    ],
)
def test_read_cutoffs_errors(value, message) -> None:
    with pytest.raises(XlparetoError) as error:
        read_cutoffs(value)
    assert str(error.value) == message


def test_read_labels() -> None:
    assert read_labels(None) is None
    assert read_labels([[None]]) is None
    assert read_labels([["H"], ["M"], ["L"]]) == ("H", "M", "L")
    assert read_labels(np.array([" H ", "M"])) == ("H", "M")
    assert read_labels([1.0, 2.5, 3]) == ("1", "2.5", "3")
    assert read_labels("Gold, Silver ,Bronze") == ("Gold", "Silver", "Bronze")
    for bad, message in [
        (["A", None], "labels: position 2 is empty or not a text"),
        (["A", True], "labels: position 2 is empty or not a text"),
        (["A", "  "], "labels: position 2 is empty"),
        (["#n/a", "B"], "labels: #N/A at position 1"),
    ]:
        with pytest.raises(XlparetoError) as error:
            read_labels(bad)
        assert str(error.value) == message


def test_bad_cutoffs_are_reported_before_bad_labels() -> None:
    with pytest.raises(XlparetoError, match="strictly increasing"):
        read_tier_rule([0.95, 0.8], ["A", None, "C"])
    with pytest.raises(XlparetoError, match="labels: position 2"):
        read_tier_rule([0.8, 0.95], ["A", None, "C"])


# --- the one cutoff rule ----------------------------------------------------------------------

shares = st.floats(min_value=-0.5, max_value=1.5, allow_nan=False)


@given(cutoffs=st.lists(shares, min_size=1, max_size=5))
def test_every_surface_applies_the_same_cutoff_rule(cutoffs) -> None:
    valid = all(0 < c <= 1 for c in cutoffs) and all(b > a for a, b in itertools.pairwise(cutoffs))
    text = ",".join(repr(c) for c in cutoffs)
    surfaces = {
        "engine": lambda: make_tier_rule(cutoffs).cutoffs,
        "worksheet": lambda: read_tier_rule([[c] for c in cutoffs]).cutoffs,
        "command line": lambda: parse_cutoffs(text),
    }
    for name, surface in surfaces.items():
        if valid:
            assert surface() == tuple(cutoffs), name
        else:
            with pytest.raises(XlparetoError, match=r"^cutoffs: "):
                surface()


def test_cutoff_error_says_what_and_where() -> None:
    with pytest.raises(CutoffError) as error:
        check_cutoffs([0.5, 1.2])
    assert (error.value.reason, error.value.position, error.value.value) == ("range", 2, 1.2)
    with pytest.raises(CutoffError) as error:
        check_cutoffs([0.5, 0.9, 0.9])
    assert (error.value.reason, error.value.position) == ("order", 3)
    with pytest.raises(CutoffError) as error:
        check_cutoffs([])
    assert error.value.reason == "empty" and error.value.position is None
    assert isinstance(error.value, XlparetoError)


def test_make_tier_rule_takes_typed_values_and_simple_sequences() -> None:
    assert make_tier_rule().cutoffs == DEFAULT_CUTOFFS
    assert make_tier_rule((0.5, 0.9), ("X", "Y", "Z")).labels == ("X", "Y", "Z")
    assert make_tier_rule(np.array([0.5, 0.9])).cutoffs == (0.5, 0.9)
    assert make_tier_rule(pd.Series([0.5, 0.9]), pd.Series(["X", "Y", "Z"])).tier_count == 3
    assert make_tier_rule("computed", "H,M,L").labels == ("H", "M", "L")
    with pytest.raises(XlparetoError, match=r"cutoffs: '0\.8' at position 1 is not a number"):
        make_tier_rule(["0.8"])
    with pytest.raises(XlparetoError, match="cutoffs: True at position 1 is not a number"):
        make_tier_rule([True])
    with pytest.raises(XlparetoError, match="not a finite number at position 2"):
        make_tier_rule([0.5, float("nan")])
    with pytest.raises(XlparetoError, match="labels: position 2 is empty or not a text"):
        make_tier_rule([0.8], ["A", 2])


# --- populations and weights ------------------------------------------------------------------


def test_read_population_and_weights() -> None:
    assert read_population([[3], ["x"], [-1]]).tolist() == [3.0, -1.0]
    with pytest.raises(XlparetoError, match=r"^before: no positive revenue"):
        read_population([0, -1, None], "before")
    assert read_weights([[1, None], [0, 2]]).numbers.tolist() == [1.0, 0.0, 2.0]
    with pytest.raises(XlparetoError, match="weights: negative weight at position 3"):
        read_weights([1, "x", -2])


# --- the dependency direction: engine ← conversion ← udfs ------------------------------------


def test_engine_imports_neither_conversion_nor_xlwings_nor_file_formats() -> None:
    code = (
        "import sys, xlpareto.engine, xlpareto.engine.computed_abc, xlpareto.engine.gap, "
        "xlpareto.engine.queries, xlpareto.engine.metrics;"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('xlwings', 'xlsxwriter', 'openpyxl', 'polars', 'duckdb') "
        "or m.startswith(('xlpareto.conversion', 'xlpareto.io', 'xlpareto.udfs'))];"
        "print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
