"""R's ``spline()`` port (method "fmm", :mod:`xlpareto.engine.r_spline`): exact on cubics,
R's handling of ties, knots and grids, and the chunked solve bit-identical to the loop."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xlpareto.engine.r_spline as spline_module
from xlpareto.engine.r_spline import fmm_coefficients, r_seq_by, r_spline, r_splinefun


def test_grid_is_rs_seq() -> None:
    grid = r_seq_by(0.0, 1.0, 0.001)
    assert len(grid) == 1001
    assert grid[-1] == 1.0
    assert grid[344] == 344 * 0.001 == 0.34400000000000003  # as R prints seq(0, 1, by = .001)[345]
    assert r_seq_by(0.0, 1.0, 0.01)[29] == 0.29


def _cubic(x: np.ndarray, coefficients: tuple[float, float, float, float]) -> np.ndarray:
    a, b, c, d = coefficients
    return a + x * (b + x * (c + x * d))


knots = st.lists(st.floats(-10, 10, allow_nan=False), min_size=4, max_size=40, unique=True).filter(
    lambda xs: np.min(np.diff(np.sort(xs))) > 1e-2
)
cubics = st.tuples(*[st.floats(-5, 5, allow_nan=False)] * 4)


@given(knots, cubics)
@settings(max_examples=150, deadline=None)
def test_fmm_reproduces_any_cubic(xs: list[float], coefficients) -> None:
    """The fmm end conditions make the spline exact on cubics (a natural spline is not)."""
    x = np.sort(np.asarray(xs))
    y = _cubic(x, coefficients)
    u = np.linspace(x[0], x[-1], 57)
    scale = 1.0 + np.abs(y).max()
    np.testing.assert_allclose(r_splinefun(x, y)(u), _cubic(u, coefficients), atol=1e-8 * scale)
    slope = coefficients[1] + u * (2 * coefficients[2] + u * 3 * coefficients[3])
    np.testing.assert_allclose(r_splinefun(x, y)(u, deriv=1), slope, atol=1e-7 * scale)


def test_fmm_is_not_the_natural_spline() -> None:
    x = np.arange(6.0)
    spline = r_splinefun(x, x**3)
    assert spline(np.array([0.0]), deriv=2)[0] == pytest.approx(0.0, abs=1e-9)
    assert spline(np.array([5.0]), deriv=2)[0] == pytest.approx(30.0)  # natural would give 0


@given(knots, st.lists(st.floats(-100, 100, allow_nan=False), min_size=40, max_size=40))
@settings(max_examples=150, deadline=None)
def test_spline_interpolates_with_continuous_derivatives(xs, ys) -> None:
    x = np.sort(np.asarray(xs))
    y = np.asarray(ys[: len(x)])
    b, c, d = fmm_coefficients(x, y)
    h = np.diff(x)
    scale = 1.0 + np.abs(y).max() / h.min() ** 3
    # the polynomial of interval i, at its right end, meets knot i + 1 ...
    right_value = y[:-1] + h * (b[:-1] + h * (c[:-1] + h * d[:-1]))
    np.testing.assert_allclose(right_value, y[1:], atol=1e-9 * scale)
    # ... with the slope and curvature of the next polynomial
    np.testing.assert_allclose(b[:-1] + h * (2 * c[:-1] + 3 * h * d[:-1]), b[1:], atol=1e-9 * scale)
    np.testing.assert_allclose(c[:-1] + 3 * h * d[:-1], c[1:], atol=1e-9 * scale)
    np.testing.assert_allclose(r_spline(x, y, xout=x)[1], y, atol=1e-9 * scale)


def test_three_points_give_the_parabola_two_points_the_line() -> None:
    x = np.array([0.0, 1.0, 3.0])
    u = np.linspace(0.0, 3.0, 13)
    np.testing.assert_allclose(r_splinefun(x, 2 * x**2 - x + 1)(u), 2 * u**2 - u + 1, atol=1e-12)
    np.testing.assert_allclose(r_spline([0.0, 2.0], [1.0, 5.0], xout=u)[1], 1 + 2 * u, atol=1e-12)
    assert r_spline([4.0], [7.0], xout=[0.0, 9.0])[1].tolist() == [7.0, 7.0]


def test_spline_sorts_and_averages_tied_x_like_r() -> None:
    xout, yout = r_spline([2.0, 0.0, 1.0, 1.0], [4.0, 0.0, 0.0, 2.0], n=5)
    assert xout.tolist() == [0.0, 0.5, 1.0, 1.5, 2.0]
    np.testing.assert_allclose(yout, xout**2, atol=1e-12)  # knots (0,0) (1,1) (2,4): parabola


def test_evaluation_keeps_the_left_interval_on_a_knot_like_r() -> None:
    """R's spline_eval stays in the interval it is in while u <= its right knot."""
    x = np.array([0.0, 1.0, 2.0, 3.0])
    u = np.array([0.5, 1.0, 2.0, 2.5, 3.0, 0.0])
    assert spline_module._intervals(x, u).tolist() == [0, 0, 2, 2, 2, 0]


@pytest.mark.parametrize(
    "data",
    [
        np.random.default_rng(1).lognormal(5, 2, 30_000),
        np.concatenate(([1e300], np.random.default_rng(2).random(20_000) * 1e-300)),
        np.concatenate((np.arange(9_000.0), np.zeros(9_000))),
    ],
    ids=["lognormal", "huge-then-tiny", "with-zeros"],
)
def test_chunked_solve_is_bit_identical_to_the_sequential_loop(data, monkeypatch) -> None:
    n = len(data)
    cumulative = np.cumsum(np.sort(data)[::-1])
    x = np.concatenate(([0.0], np.arange(1, n + 1) / n))
    y = np.concatenate(([0.0], cumulative / cumulative[-1]))
    fast = fmm_coefficients(x, y)
    monkeypatch.setattr(spline_module, "_SEQUENTIAL_MAX", 10**9)
    slow = fmm_coefficients(x, y)
    for a, b in zip(fast, slow, strict=True):
        assert np.array_equal(a.view(np.int64), b.view(np.int64))
