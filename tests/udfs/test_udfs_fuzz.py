"""Issue 12 fuzz suite: every worksheet function, called through xlwings' own conversion with
random cells and ranges, returns a result of the documented shape or raises a one-line
``XlparetoError`` that names one of its arguments – never another exception, never a warning.

Budget: ``EXAMPLES`` examples per function × 23 functions (see ``FUNCTIONS``)."""

from __future__ import annotations

import inspect
import os
import re
import warnings
from typing import Any

import pytest
from engine_xlwings import COM_ERRORS, MISSING, call_like_xlwings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlpareto import XlparetoError, udfs

FUNCTIONS = sorted(udfs.__all__)
EXAMPLES = int(os.environ.get("XLPARETO_FUZZ_EXAMPLES", "20"))

NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=200),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e308, -1e308, 1.7e308, 5e-324, 1e-12, 1e20, 1e300, 0.5, 0.8]),
)
TEXTS = st.one_of(
    st.text(max_size=4),
    st.sampled_from(["=1+1", "=cmd|' /C calc'!A0", "1,5", "1.234,5", "abc", "\x00\x1b[31m", "A"]),
)
CELLS = st.one_of(
    st.none(),
    NUMBERS,
    TEXTS,
    st.booleans(),
    st.sampled_from(sorted(COM_ERRORS.values())),
)


@st.composite
def ranges(draw: st.DrawFn) -> Any:
    """A cell as pywin32 delivers it, or a rectangular range (tuple of row tuples)."""
    if draw(st.booleans()):
        return draw(CELLS)
    n_rows = draw(st.integers(min_value=1, max_value=6))
    n_cols = draw(st.sampled_from([1, 1, 1, 2, 3]))
    return tuple(tuple(draw(CELLS) for _ in range(n_cols)) for _ in range(n_rows))


def _parameters(name: str) -> list[inspect.Parameter]:
    return list(inspect.signature(getattr(udfs, name)).parameters.values())


@st.composite
def arguments(draw: st.DrawFn, name: str) -> list[Any]:
    """Raw arguments for ``name``: every required one, optional ones often omitted."""
    args: list[Any] = []
    for parameter in _parameters(name):
        optional = parameter.default is not inspect.Parameter.empty
        args.append(MISSING if optional and draw(st.booleans()) else draw(ranges()))
    return args


def names_an_argument(message: str, parameters: list[str]) -> bool:
    """The message opens with an argument's name: ``"unit: …"`` or, for a rule between
    arguments, ``"revenues and costs must …"`` / ``"before, after: …"``."""
    name = "|".join(map(re.escape, parameters))
    return re.match(rf"^({name})((, ({name}))*( and ({name}))?)?[: ]", message) is not None


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, str)) and not isinstance(value, bool)


def assert_documented_shape(result: Any) -> None:
    """A scalar, or a non-empty rectangle of scalars; no NaN or infinity reaches Excel."""
    if _is_scalar(result):
        cells = [result]
    else:
        assert isinstance(result, list) and result, result
        width = len(result[0]) if isinstance(result[0], list) else None
        rows = result if width is not None else [result]
        assert all(isinstance(r, list) and len(r) == len(rows[0]) for r in rows), result
        cells = [c for r in rows for c in r]
    for cell in cells:
        assert _is_scalar(cell) or cell is None, cell
        if isinstance(cell, float):
            assert cell == cell and abs(cell) != float("inf"), result


def check(name: str, args: list[Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = call_like_xlwings(name, *args)
        except XlparetoError as error:
            message = str(error)
            assert message and "\n" not in message and "\r" not in message, message
            assert names_an_argument(message, [p.name for p in _parameters(name)]), message
            return
    assert_documented_shape(result)


@pytest.mark.parametrize("name", ["PARETO_SHARE", "PARETO_GAP", "PARETO_TIER"])
@pytest.mark.parametrize("revenues", [("x",), (("x",), ("",)), ((None,), ("=1+1",))])
def test_a_population_without_numbers_names_revenues(name: str, revenues: Any) -> None:
    """Found by this suite: an all-text revenues range was an IndexError."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(XlparetoError, match=r"^revenues: no positive revenue"):
            call_like_xlwings(name, ((5,),), revenues[0] if len(revenues) == 1 else revenues)


def test_the_suite_covers_every_worksheet_function() -> None:
    assert len(FUNCTIONS) == 23


@pytest.mark.parametrize(
    ("message", "ok"),
    [
        ("revenues: no number found", True),
        ("revenues and costs must have the same number of cells", True),
        ("before, after: different lengths", True),
        ("revenuesx: no", False),
        ("no numeric revenue found", False),
        ("the total: bad", False),
    ],
)
def test_names_an_argument_is_precise(message: str, ok: bool) -> None:
    assert names_an_argument(message, ["revenues", "costs", "before", "after"]) is ok


@pytest.mark.parametrize("name", FUNCTIONS)
def test_fuzz_worksheet_function(name: str) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(arguments(name))
    def run(args: list[Any]) -> None:
        check(name, args)

    run()


@pytest.mark.parametrize("name", ["PARETO_TABLE", "PARETO_WHALE"])
def test_client_cells_that_are_numbers_or_booleans_come_back_as_text(name: str) -> None:
    """Found by this suite (300 examples): a boolean client cell was echoed as a boolean;
    numbers are written as the engine writes client names (1234567, not 1.23457e+06)."""
    clients = ((False,), (1234567.0,), (1234568.0,))
    extra = [((0,), (0,), (0,))] if name == "PARETO_WHALE" else []
    result = call_like_xlwings(name, clients, ((1,), (2,), (3,)), *extra)
    assert [row[1] for row in result[1:]] == ["1234568", "1234567", "False"]


# --- what the suite found at 2,000 examples ------------------------------------------------------
def test_an_after_period_too_large_to_add_up_names_after() -> None:
    """Named "revenues", an argument PARETO_MIGRATION does not have."""
    with pytest.raises(XlparetoError, match=r"^after: the numbers are too large to add up"):
        udfs.PARETO_MIGRATION([[None], [None], [1.0]], [[None], [1e308], [1e308]])
    with pytest.raises(XlparetoError, match=r"^before: the numbers are too large to add up"):
        udfs.PARETO_MIGRATION([[1e308], [1e308], [1.0]], [[1.0], [None], [2.0]])


def test_a_spend_per_gain_too_large_for_a_number_names_the_spend() -> None:
    """Was an infinite "Cost per 1.00 gained" cell (1e308 spent for 0.5 gained)."""
    with pytest.raises(XlparetoError, match=r"^spend_new: the spend per 1\.00 gained is too large"):
        udfs.PARETO_RETURNS(None, 0.5, None, 1e308)
    table = udfs.PARETO_RETURNS(None, 0.5, None, 1e300)  # large but a number: a row as usual
    assert table[2][4] == pytest.approx(2e300)
