"""Issue 12: every worksheet function, through xlwings' conversion, either returns a result
or raises one-line ``XlparetoError`` naming an argument – never another exception or a
warning. Plus the overflow, huge-integer and shape groups."""

from __future__ import annotations

import inspect
import warnings

import pytest
from engine_xlwings import call_like_xlwings, column
from hypothesis import strategies as st

from xlpareto import XlparetoError, udfs

FUNCTIONS = sorted(udfs.__all__)
CELLS = st.one_of(
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 1.7e308, 5e-324, 0.0]),
    st.text(max_size=3),
)
RANGES = st.lists(CELLS, min_size=1, max_size=5).map(lambda xs: column(*xs))


def _required(name: str) -> list[str]:
    parameters = inspect.signature(getattr(udfs, name)).parameters.values()
    return [p.name for p in parameters if p.default is inspect.Parameter.empty]


def _check(name: str, args: list) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = call_like_xlwings(name, *args)
        except XlparetoError as error:
            message = str(error)
            assert "\n" not in message
            params = inspect.signature(getattr(udfs, name)).parameters
            assert message.split(":")[0] in params, message
            return
    assert isinstance(result, (list, float, int, str))


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
