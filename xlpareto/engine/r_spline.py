"""R's ``spline()`` (method ``"fmm"``) in numpy, bit for bit: the interpolation the CRAN
package ``ABCanalysis`` draws its ABC curve with (see :mod:`xlpareto.engine.computed_abc`).

A port of R's ``stats/src/splines.c`` (``fmm_spline`` and ``spline_eval``) together with the R
details the package relies on: ``regularize.values`` (tied x get the mean y, in long double),
``seq(0, 1, by = …)`` and ``seq.int(length.out = …)``.

The fmm tridiagonal solve is a sequential recurrence. For large inputs it is run exactly, not
approximately, by :func:`_scan`: chunks of the recurrence run side by side as numpy vectors,
each chunk warmed up on the tail of the previous one; because the recurrence is contracting,
the warmed-up state coincides bit for bit with the true one, which is checked, and any chunk
where it does not is recomputed sequentially.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from xlpareto.errors import XlparetoError

__all__ = ["fmm_coefficients", "r_seq_by", "r_spline", "r_splinefun"]

_SEQUENTIAL_MAX = 4096  # recurrences up to this length run as a plain loop
_WARM_UP = 64  # steps a chunk runs on its predecessor's tail before its own part

State = tuple  # tuple of floats (sequential) or of equally long float arrays (chunked)
Step = Callable[[State, State], State]


# --------------------------------------------------------------------------- exact recurrences


def _scan_sequential(step: Step, init: State, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    states = []
    state = tuple(float(s) for s in init)
    try:
        for inp in zip(*(a.tolist() for a in inputs), strict=True):
            state = step(state, inp)
            states.append(state)
    except ZeroDivisionError:  # Python floats raise where C gives inf/nan: use numpy scalars
        states, state = [], tuple(np.float64(s) for s in init)
        with np.errstate(all="ignore"):
            for inp in zip(*inputs, strict=True):
                state = step(state, inp)
                states.append(state)
    width = len(init)
    if not states:
        return [np.empty(0) for _ in range(width)]
    return [np.array(col, dtype=float) for col in zip(*states, strict=True)]


def _bits(values) -> np.ndarray:
    return np.asarray(values, dtype=float).view(np.int64)


def _scan(
    step: Step, init: State, inputs: Sequence[np.ndarray], guess: Sequence[np.ndarray]
) -> list[np.ndarray]:
    """All states of ``s_i = step(s_{i-1}, inputs_i)``, ``s_{-1} = init``, as a C loop gives them.

    ``step`` must use only ``+ - * /`` so that it works on floats and on arrays alike.
    ``guess[k][i]`` is a rough guess of component k of ``s_i`` (only its accuracy is at stake:
    a good guess saves sequential repairs, the result is exact either way).
    """
    n = len(inputs[0])
    if n <= _SEQUENTIAL_MAX:
        return _scan_sequential(step, init, inputs)
    length = max(_WARM_UP, math.isqrt(n))
    chunks = -(-n // length)
    pad = chunks * length - n
    blocks = [np.concatenate([a, np.repeat(a[-1:], pad)]).reshape(chunks, length) for a in inputs]
    main = [np.ascontiguousarray(blk.T) for blk in blocks]  # row k: position k of every chunk
    warm = [np.ascontiguousarray(blk[:-1, length - _WARM_UP :].T) for blk in blocks]
    out = [np.empty((length, chunks)) for _ in init]
    with np.errstate(all="ignore"):
        first = np.arange(1, chunks) * length - _WARM_UP - 1  # state before each warm-up
        state = tuple(np.asarray(g, dtype=float)[first] for g in guess)
        for k in range(_WARM_UP):
            state = step(state, tuple(w[k] for w in warm))
        entering = state
        state = tuple(
            np.concatenate(([float(s0)], s)) for s0, s in zip(init, entering, strict=True)
        )
        for k in range(length):
            state = step(state, tuple(m[k] for m in main))
            for o, s in zip(out, state, strict=True):
                o[k] = s
    good = np.logical_and.reduce(
        [_bits(e) == _bits(o[-1, :-1]) for e, o in zip(entering, out, strict=True)]
    )
    if not good.all():  # repair in order: chunk j is exact once chunk j - 1 is
        for j in range(1, chunks):
            exact = [o[-1, j - 1] for o in out]
            if (_bits(exact) == _bits([e[j - 1] for e in entering])).all():
                continue
            owned = min(length, n - j * length)
            redo = _scan_sequential(step, tuple(exact), [m[:owned, j] for m in main])
            for o, r in zip(out, redo, strict=True):
                o[:owned, j] = r
    return [o.T.reshape(-1)[:n] for o in out]


def _eliminate(state: State, inp: State) -> State:
    b_prev, c_prev = state
    d_prev, b_i, c_i = inp
    t = d_prev / b_prev
    return b_i - t * d_prev, c_i - t * c_prev


def _substitute(state: State, inp: State) -> State:
    (c_next,) = state
    c_i, d_i, b_i = inp
    return ((c_i - d_i * c_next) / b_i,)


# --------------------------------------------------------------------------- R's spline()


def fmm_coefficients(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients ``b, c, d`` of R's fmm spline (``stats/src/splines.c``, ``fmm_spline``).

    ``x`` must be strictly increasing. On ``[x_i, x_{i+1}]`` the spline is
    ``y_i + b_i h + c_i h² + d_i h³`` with ``h = u − x_i``.

    Examples
    --------
    >>> b, c, d = fmm_coefficients(np.arange(5.0), np.arange(5.0) ** 3)
    >>> bool(np.allclose(d, 1.0))
    True
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    b, c, d = np.zeros(n), np.zeros(n), np.zeros(n)
    if n < 2:
        return b, c, d
    if n < 3:
        b[:] = (y[1] - y[0]) / (x[1] - x[0])
        return b, c, d
    d[:-1] = np.diff(x)
    slope = np.diff(y) / d[:-1]
    b[1:-1] = 2.0 * (d[:-2] + d[1:-1])
    c[1:-1] = slope[1:] - slope[:-1]
    b[0] = -d[0]
    b[-1] = -d[-2]
    if n > 3:
        c0 = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0])
        cn = c[-2] / (x[-1] - x[-3]) - c[-3] / (x[-2] - x[-4])
        c[0] = c0 * d[0] * d[0] / (x[3] - x[0])
        c[-1] = -cn * d[-2] * d[-2] / (x[-1] - x[-4])
    # Gaussian elimination, then backward substitution (the sequential loops of the C code)
    # (guesses: the diagonal before elimination, and 0, which is exact where the curve is flat)
    zeros = np.zeros(n - 1)
    b[1:], c[1:] = _scan(_eliminate, (b[0], c[0]), (d[:-1], b[1:], c[1:]), (b[1:], zeros))
    c[-1] = c[-1] / b[-1]
    (back,) = _scan(_substitute, (c[-1],), (c[-2::-1], d[-2::-1], b[-2::-1]), (zeros,))
    c[:-1] = back[::-1]
    # polynomial coefficients
    b[-1] = (y[-1] - y[-2]) / d[-2] + d[-2] * (c[-2] + 2.0 * c[-1])
    b[:-1] = (y[1:] - y[:-1]) / d[:-1] - d[:-1] * (c[1:] + 2.0 * c[:-1])
    d[:-1] = (c[1:] - c[:-1]) / d[:-1]
    c *= 3.0
    d[-1] = d[-2]
    return b, c, d


def _intervals(x: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Interval index per point as ``spline_eval`` picks it, including its remembered interval.

    The C loop keeps the previous interval while ``x[i] <= u <= x[i+1]``, so a point exactly on
    a knot is evaluated in the interval to its left when the point before it was there.
    """
    n = len(x)
    found = np.clip(np.searchsorted(x, u, side="right") - 1, 0, n - 1)
    on_knot = np.flatnonzero((found >= 1) & (x[found] == u))
    for pos in on_knot.tolist():
        previous = found[pos - 1] if pos > 0 else 0
        if previous == found[pos] - 1:
            found[pos] = previous
    return found


def _evaluate(x, y, b, c, d, u: np.ndarray) -> np.ndarray:
    i = _intervals(x, u)
    dx = u - x[i]
    return y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]))


def _regularize(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """R's ``regularize.values``: sort by x; tied x get the mean of their y (long double)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = ~(np.isnan(x) | np.isnan(y))
    if ok.all() and (np.diff(x) > 0).all():
        return x, y
    x, y = x[ok], y[ok]
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    unique_x, start, counts = np.unique(x, return_index=True, return_counts=True)
    if len(unique_x) == len(x):
        return x, y
    y_out = y[start].copy()
    for k in np.flatnonzero(counts > 1).tolist():
        group = y[start[k] : start[k] + counts[k]].astype(np.longdouble)
        mean = np.cumsum(group)[-1] / counts[k]
        mean += np.cumsum(group - mean)[-1] / counts[k]
        y_out[k] = float(mean)
    return unique_x, y_out


def r_splinefun(x, y) -> Callable[..., np.ndarray]:
    """R's ``splinefun(x, y, method = "fmm")``: a function ``f(u, deriv=0)`` (deriv 0–3).

    Examples
    --------
    >>> f = r_splinefun([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 8.0, 27.0])
    >>> [round(float(v), 12) for v in f(np.array([1.5, 2.5]), deriv=1)]
    [6.75, 18.75]
    """
    knots, values = _regularize(x, y)
    if len(knots) == 0:
        raise XlparetoError("spline: zero non-NA points")
    b, c, d = fmm_coefficients(knots, values)

    def spline_function(u, deriv: int = 0) -> np.ndarray:
        u = np.atleast_1d(np.asarray(u, dtype=float))
        zero = np.zeros_like(b)
        coefficients = {
            0: (values, b, c, d),
            1: (b, 2.0 * c, 3.0 * d, zero),
            2: (2.0 * c, 6.0 * d, zero, zero),
            3: (6.0 * d, zero, zero, zero),
        }
        if deriv not in coefficients:
            raise XlparetoError("spline: 'deriv' must be between 0 and 3")
        return _evaluate(knots, *coefficients[deriv], u)

    return spline_function


def r_spline(x, y, n: int | None = None, xout=None) -> tuple[np.ndarray, np.ndarray]:
    """R's ``spline(x, y, n, method = "fmm", xout)``: ``(xout, yout)``.

    Without ``xout``, ``n`` points (default ``3 * length(x)``) from ``min(x)`` to ``max(x)``
    as ``seq.int(xmin, xmax, length.out = n)`` makes them.

    Examples
    --------
    >>> r_spline([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 8.0, 27.0], xout=[0.5])[1].round(12).tolist()
    [0.125]
    """
    knots, values = _regularize(x, y)
    if len(knots) == 0:
        raise XlparetoError("spline: zero non-NA points")
    if xout is None:
        count = 3 * len(np.atleast_1d(x)) if n is None else int(n)
        xout = _r_seq_length(knots[0], knots[-1], count)
    xout = np.atleast_1d(np.asarray(xout, dtype=float))
    return xout, r_splinefun(knots, values)(xout)


def _r_seq_length(start: float, stop: float, count: int) -> np.ndarray:
    if count < 1:
        raise XlparetoError("spline: 'spline' requires n >= 1")
    out = np.empty(count)
    out[0] = start
    if count > 1:
        out[-1] = stop
    if count > 2:
        step = (stop - start) / (count - 1)
        out[1:-1] = start + np.arange(1, count - 1) * step
    return out


def r_seq_by(start: float, stop: float, step: float) -> np.ndarray:
    """R's ``seq(start, stop, by = step)`` for doubles: ``start + (0:n) * step``, capped at stop.

    Examples
    --------
    >>> r_seq_by(0.0, 1.0, 0.01)[[29, 100]].tolist()
    [0.29, 1.0]
    """
    count = int((stop - start) / step + 1e-10)
    return np.minimum(start + np.arange(count + 1) * step, stop)
