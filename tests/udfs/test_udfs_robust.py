"""Issue 12, targeted: overflowing totals, huge integers and badly shaped ranges are one-line
``XlparetoError``s naming the argument, through xlwings' conversion (the fuzz suite over
every function is ``test_udfs_fuzz.py``)."""

from __future__ import annotations

import warnings

import pytest
from engine_xlwings import call_like_xlwings, column

from xlpareto import XlparetoError, udfs


@pytest.mark.parametrize("name", ["PARETO_GINI", "PARETO_HHI", "PARETO_TOP_SHARE", "PARETO_RATIO"])
def test_overflowing_total_is_an_error_naming_revenues(name) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(XlparetoError, match=r"^revenues: .*too large to add up"):
            call_like_xlwings(name, column(1e308, 1e308, 5.0))


@pytest.mark.parametrize("name", ["PARETO_SHARE", "PARETO_TIER", "PARETO_RANK", "PARETO_GAP"])
def test_overflowing_population_per_value(name) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(XlparetoError, match=r"^revenues: "):
            call_like_xlwings(name, column(1e308, 1e308, 5.0))


def test_python_integers_beyond_float_range_name_the_argument() -> None:
    with pytest.raises(XlparetoError, match=r"^revenues: the number at position 1 is too large"):
        udfs.PARETO_GINI([[10**400], [1]])
    with pytest.raises(XlparetoError, match=r"^unit: "):
        udfs.BUDGET_SPLIT(100, [[1], [2]], 10**400)


@pytest.mark.parametrize(
    ("value", "words"),
    [([[1, 2], [3]], "different lengths"), ([[1], [2], 3], "list of rows")],
)
def test_shape_messages_name_the_argument(value, words) -> None:
    with pytest.raises(XlparetoError, match=f"^revenues: .*{words}"):
        udfs.PARETO_GINI(value)
