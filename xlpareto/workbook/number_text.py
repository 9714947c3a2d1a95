"""Python's ``f"{v:.16G}"`` (the text XlsxWriter writes for a number) for a whole float array.

Why by hand: no vectorised formatter writes a fixed count of significant digits – numpy and
polars write the shortest text that reads back (``8305.53``), while ``.16G`` writes the value
rounded to 16 digits (``8305.530000000001``) – and a Python call per value costs ~0.3 µs,
seconds over the millions of cells of a large report. The method (numpy arithmetic on whole
arrays; the texts laid out in a byte grid, handed to polars):

1. ``e = floor(log10|x|)``, the decimal exponent, and ``k = 15 - e``: ``|x| * 10**k`` is in
   [10**15, 10**16) and rounds to the 16-digit mantissa ``M``.
2. ``|x| * 10**k`` is computed as ``p + err``: ``10**k`` as the pair ``H + L`` (``H`` the
   nearest double; ``L = 0`` when ``10**k`` is a double, 0 <= k <= 22), ``p + e1 = |x| * H``
   exactly with Dekker's error-free product (both factors split: numpy has no fused
   multiply-add), ``err = e1 + |x| * L``. For 0 <= k <= 22 ``err`` is exact; otherwise it is
   within ~1e-15 of the exact error.
3. ``log10`` may be one off near a power of ten: ``e`` is corrected when ``p + err`` is out of
   [10**15, 10**16) – decided exactly from ``p`` and the sign of ``err`` – and ``p + err`` is
   computed again.
4. The integer nearest ``err`` moves into ``floor(p)`` (exactly), then ``M`` is that plus -1,
   0 or 1, from the signs of ``(f - 0.5) + err`` and ``(f + 0.5) + err`` (``f = p - floor(p)``
   is a multiple of 1/8 as ``p`` >= 2**49, so both ``f ± 0.5`` are exact and the rounded
   sums keep the exact sums' signs). A zero sum is an
   exact tie of the 17th digit: round half to even, as Python does. When ``err`` is not
   exact, a sum within ``_MARGIN`` of zero cannot be decided: that value is left out (null),
   as are values outside [1e-99, 1e100) (three-digit exponents), NaN and infinities.
5. A mantissa that rounded up to 10**16 becomes 10**15 with ``e + 1``; the digits of ``M``
   are written with trailing zeros dropped, without an exponent for -4 <= e < 16 and else as
   Python does (``1.5E-05``, ``1E+16``: a sign and at least two digits).

Zero is ``"0"`` and negative zero ``"-0"``, as ``.16G`` writes them.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import polars as pl

#: Decimal exponents covered (two-digit exponents, no overflow or underflow in the products).
E_MIN, E_MAX = -99, 99
#: Least distance from a rounding tie that an inexact ``err`` can decide (its error < 1e-15).
_MARGIN = 2.0**-30
_SPLIT = 134217729.0  # 2**27 + 1, Dekker's splitter for 53-bit doubles
_LOW, _HIGH = 1e15, 1e16
_K_MIN = 15 - E_MAX


def _power_pairs() -> tuple[np.ndarray, np.ndarray]:
    """``10**k`` as ``H + L`` (nearest double and the rest, rounded) for k in [15 - E_MAX,
    15 - E_MIN + 1]; ``L`` is 0 exactly where ``10**k`` is a double."""
    high, low = [], []
    for k in range(_K_MIN, 15 - E_MIN + 2):
        power = Fraction(10) ** k
        high.append(float(power))
        low.append(float(power - Fraction(high[-1])))
    return np.array(high), np.array(low)


_H, _L = _power_pairs()


def _split(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = _SPLIT * v
    high = c - (c - v)
    return high, v - high


def _scaled(a: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a * 10**(15 - e)`` as ``p + err`` (Dekker's two-product, both factors split; ``err``
    exact where ``10**(15 - e)`` is a double)."""
    index = 15 - e - _K_MIN
    h = _H[index]
    p = a * h
    a_hi, a_lo = _split(a)
    h_hi, h_lo = _split(h)
    err = (((a_hi * h_hi - p) + a_hi * h_lo) + a_lo * h_hi) + a_lo * h_lo
    return p, err + a * _L[index]


def _out_of_range(p: np.ndarray, err: np.ndarray) -> np.ndarray:
    """-1 where ``p + err`` < 10**15, 1 where it is >= 10**16, else 0 (decided exactly)."""
    below = (p < _LOW) | ((p == _LOW) & (err < 0))
    above = (p > _HIGH) | ((p == _HIGH) & (err >= 0))
    return above.astype(np.int64) - below.astype(np.int64)


def mantissas(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The 16-digit decimal rounding of each value: ``|x| ≈ M * 10**(e - 15)``.

    Returns
    -------
    M : int64 mantissas in [10**15, 10**16) (10**15 where not ``done``).
    e : int64 decimal exponents.
    done : where the rounding is decided (finite, nonzero, in range, not a near-tie that
        an inexact product cannot settle).
    """
    a = np.abs(np.asarray(x, dtype=np.float64))
    with np.errstate(invalid="ignore"):
        done = np.isfinite(a) & (a >= 1e-99) & (a < 1e100)
    a = np.where(done, a, 1.0)
    e = np.clip(np.floor(np.log10(a)).astype(np.int64), E_MIN, E_MAX)
    p, err = _scaled(a, e)
    off = np.flatnonzero(_out_of_range(p, err))  # log10 one off next to a power of ten
    if len(off):
        e[off] = np.clip(e[off] + _out_of_range(p[off], err[off]), E_MIN, E_MAX)
        p[off], err[off] = _scaled(a[off], e[off])
        done[off] &= _out_of_range(p[off], err[off]) == 0
    exact = _L[15 - e - _K_MIN] == 0
    shift = np.rint(err)  # err is beyond ±1/2 only when inexact (the a * L part)
    err = err - shift  # exact: err and shift are close
    whole = np.floor(p)
    f = p - whole
    up = (f - 0.5) + err  # sign of (p + err) - (whole + 0.5), exactly when err is
    down = (f + 0.5) + err  # sign of (p + err) - (whole - 0.5)
    m = whole.astype(np.int64) + shift.astype(np.int64)
    odd = (m & 1).astype(bool)
    m += ((up > 0) | ((up == 0) & odd)).astype(np.int64)
    m -= ((down < 0) | ((down == 0) & odd)).astype(np.int64)
    done &= exact | ((np.abs(up) >= _MARGIN) & (np.abs(down) >= _MARGIN))
    carry = m == 10**16  # rounded up to the next power of ten
    m = np.where(carry, 10**15, m)
    e += carry
    done &= e <= E_MAX  # 1E+100: three exponent digits, left to Python
    m = np.where(done, m, 10**15)
    return m, e, done


#: Widest text: sign, "0.000" and 16 digits (or sign, 16 digits, point, "E-05"), padded.
_WIDTH = 24
_QUADS = np.array([f"{i:04d}".encode() for i in range(10_000)], dtype="S4").view(np.uint32)
#: The same with the trailing zeros NUL ("1200" -> "12\0\0"; "0000" -> NULs).
_QUADS_CUT = np.array([f"{i:04d}".rstrip("0").encode() for i in range(10_000)], dtype="S4").view(
    np.uint32
)
#: Trailing zeros of each four-digit group (4 for 0000).
_QUAD_ZEROS = np.array(
    [4 if i == 0 else len(f"{i:04d}") - len(f"{i:04d}".rstrip("0")) for i in range(10_000)],
    dtype=np.int64,
)


def _digits(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The 16 decimal digits of each mantissa as ASCII (shape (n, 16)), the same with the
    digits after the last nonzero one NUL, and how many digits count (at least one)."""
    n = len(m)
    quads = np.empty((4, n), dtype=np.int32)
    high, low = np.divmod(m, 10**8)
    np.divmod(high.astype(np.int32), 10**4, out=(quads[0], quads[1]))
    np.divmod(low.astype(np.int32), 10**4, out=(quads[2], quads[3]))
    digits = np.empty((n, 4), dtype=np.uint32)
    cut = np.zeros((n, 4), dtype=np.uint32)
    significant = np.ones(n, dtype=np.int64)
    last = np.zeros(n, dtype=np.int64)  # the last nonzero group
    for q in range(4):
        digits[:, q] = _QUADS[quads[q]]
        nonzero = quads[q] != 0
        significant = np.where(nonzero, 4 * (q + 1) - _QUAD_ZEROS[quads[q]], significant)
        last = np.where(nonzero, q, last)
    for q in range(4):  # whole groups before the last nonzero one, it cut, NULs after
        cut[:, q] = np.where(last > q, digits[:, q], np.where(last == q, _QUADS_CUT[quads[q]], 0))
    as_bytes = (digits.view(np.uint8).reshape(n, 16), cut.view(np.uint8).reshape(n, 16))
    return *as_bytes, significant


def render(m: np.ndarray, e: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """The ``.16G`` text of ``±M * 10**(e - 15)`` for 16-digit mantissas ``M`` (10**15 <=
    M < 10**16, or 0 with e = 0 for zero; -99 <= e <= 99), as a numpy ``S24`` array.

    The rows are sorted by layout – sign, where the point goes (fixed notation, ``e`` >= 0),
    the leading zeros (1e-4 <= |v| < 1) or the exponent form – so that each layout is a block
    copy of the digits into place; the digits after the point are NUL from the last nonzero
    one on (``S24`` drops trailing NULs); an exponent goes right after the digits.
    """
    n = len(m)
    fixed = (e >= -4) & (e < 16)
    # layouts: 0..15: fixed with e + 1 digits before the point; 16..19: "0." and -e - 1
    # zeros; 20: the exponent form; 21 more for a sign.
    layout = (np.where(fixed, np.where(e >= 0, e, 15 - e), 20) + 21 * neg).astype(np.int8)
    order = np.argsort(layout, kind="stable")
    bounds = np.searchsorted(layout[order], np.arange(43))
    e = e[order]
    digits, rest, significant = _digits(m[order])
    grid = np.zeros((n, _WIDTH), dtype=np.uint8)
    for k in np.flatnonzero(np.diff(bounds)).tolist():
        low, high = bounds[k], bounds[k + 1]
        block, count = grid[low:high], significant[low:high]
        sign, kind = divmod(k, 21)
        if sign:
            block[:, 0] = ord("-")
        if kind < 16:  # fixed, kind + 1 digits before the point
            cut = kind + 1
            block[:, sign : sign + cut] = digits[low:high, :cut]
            if cut < 16:
                block[:, sign + cut] = np.where(count > cut, ord("."), 0)
                block[:, sign + cut + 1 : sign + 17] = rest[low:high, cut:]
        elif kind < 20:  # 0.000ddd
            width = kind - 14
            block[:, sign : sign + width] = np.frombuffer(b"0.000"[:width], np.uint8)
            block[:, sign + width : sign + width + 16] = rest[low:high]
        else:  # d.dddE±XX
            block[:, sign] = digits[low:high, 0]
            block[:, sign + 1] = np.where(count > 1, ord("."), 0)
            block[:, sign + 2 : sign + 17] = rest[low:high, 1:]
            at = np.arange(high - low) * _WIDTH + sign + count + (count > 1)
            power = e[low:high]
            flat = block.reshape(-1)
            flat[at] = ord("E")
            flat[at + 1] = np.where(power < 0, ord("-"), ord("+"))
            flat[at + 2] = ord("0") + np.abs(power) // 10
            flat[at + 3] = ord("0") + np.abs(power) % 10
    texts = np.empty(n, dtype=f"S{_WIDTH}")
    texts[order] = grid.view(f"S{_WIDTH}").reshape(n)
    return texts


def number_texts(x: np.ndarray) -> pl.Series:
    """``f"{v:.16G}"`` of each value of ``x``, null where it is not decided here.

    Null for NaN, infinities, ``|v|`` outside [1e-99, 1e100) and the (very rare) values next
    to a rounding tie of the 17th digit that the inexact product cannot settle: the caller
    formats those with Python.

    Examples
    --------
    >>> number_texts(np.array([8305.53 + 5e-13, 1.5e-05, 1e16, -0.0, 0.25])).to_list()
    ['8305.530000000001', '1.5E-05', '1E+16', '-0', '0.25']
    """
    x = np.asarray(x, dtype=np.float64)
    quick = _whole_column(x)
    if quick is not None:
        return quick
    m, e, done = mantissas(x)
    zero = x == 0
    m[zero], e[zero] = 0, 0
    text = pl.Series("text", render(m, e, np.signbit(x))).cast(pl.String)
    done |= zero
    if done.all():
        return text
    return pl.select(pl.when(pl.Series(done)).then(text).alias("text")).to_series()


def _whole_column(x: np.ndarray) -> pl.Series | None:
    """The texts of a column that needs no digit work, else None: one value throughout (the
    cutoff-line columns: formatted once) or whole numbers below 10**16 (ranks: their
    ``.16G`` is their integer digits, cast by polars)."""
    if len(x) == 0 or not np.isfinite(x).all():
        return None
    bits = x.view(np.int64)
    if (bits == bits[0]).all():
        return pl.repeat(f"{x[0]:.16G}", len(x), eager=True).alias("text")
    if (np.abs(x) < 1e16).all() and (np.floor(x) == x).all() and not np.signbit(x[x == 0]).any():
        return pl.Series("text", x.astype(np.int64)).cast(pl.String)
    return None
