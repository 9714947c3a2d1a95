"""Sums per group of large inputs that do not depend on the order polars adds the lines in.

Why by hand: polars adds a group's floats batch by batch on several threads, in an order
that changes from run to run, so the last digits of a sum did too (the same file gave
``44459274.21999981`` and ``44459274.2199998``). :func:`exact_sum` splits each value exactly
into a multiple of 2**-30 (added exactly as Int128 integers, in any order) and a remainder
below 2**-30 (added as floats: its rounding is far below the sum's last digit).

Values so small that they are all remainder (nonzero, below 2**-30 – say a revenue of
1e-300) would make a group's sum all rounding, and so depend on the order again. They make
:func:`exact_sum` NaN instead (NaN whatever the order, and at no extra cost: no amount read
is NaN), and :func:`settled` replaces each NaN sum by the exact sum (``math.fsum``) of that
group's values, from a second read of the lines of those groups only. Real amounts never
take that path.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import polars as pl

#: The grid of the exact part of a sum: 2**-30.
_GRID = 2.0**30
#: Values at least this large are summed as plain floats (their exact part would not fit
#: Int128 when many are added; no revenue is this large).
_EXACT_BELOW = 2.0**60


def exact_sum(values: pl.Expr) -> pl.Expr:
    """The sum of ``values`` (floats, no NaN) whatever order the lines are added in: the
    exact sum rounded, up to the rounding of the remainders below 2**-30; NaN when a value
    is tiny (nonzero, below 2**-30: see :func:`settled`)."""
    size = values.abs()
    split = (size < _EXACT_BELOW) & (size >= 1.0 / _GRID)
    grid = pl.when(split).then((values * _GRID).floor())
    low = (
        pl.when(split)
        .then(values - grid / _GRID)
        .when(values == 0)
        .then(values)
        .when(size < 1.0 / _GRID)
        .then(float("nan"))
        .otherwise(values)
    )
    return grid.cast(pl.Int128).sum().cast(pl.Float64) / _GRID + low.sum()


def _exact(values: pl.Series) -> float:
    """``math.fsum`` of finite ``values``; NaN when one is NaN or infinite (only a typed
    reading of a text file holds those, and a NaN sum sends it to the text reading)."""
    if not values.is_finite().all():
        return math.nan
    return math.fsum(values)


def settled(
    lines: pl.LazyFrame, groups: pl.DataFrame, keys: Sequence[str], sums: Mapping[str, pl.Expr]
) -> pl.DataFrame:
    """``groups`` (``lines`` aggregated by ``keys``, with column ``alias`` the
    :func:`exact_sum` of ``sums[alias]``) with each NaN sum – a group with a tiny value –
    replaced by the exact sum of the group's values (``math.fsum``: the same whatever the
    order; NaN stays where a value is NaN or infinite). Only the lines of those groups are
    read again."""
    nan = [alias for alias in sums if groups[alias].is_nan().any()]
    if not nan:
        return groups
    unsettled = groups.filter(pl.any_horizontal(pl.col(a).is_nan() for a in nan)).select(keys)
    values = {f"_exact_{alias}": sums[alias] for alias in nan}
    found = (
        lines.select(*keys, **values)
        .join(unsettled.lazy(), on=list(keys), how="semi")
        .group_by(keys)
        .agg(pl.col(name).drop_nulls() for name in values)
        .collect(engine="streaming")
    )
    exact = found.with_columns(
        pl.Series(name, [_exact(v) for v in found[name]], pl.Float64) for name in values
    )
    replaced = [
        pl.when(pl.col(alias).is_nan()).then(pl.col(name)).otherwise(pl.col(alias)).alias(alias)
        for name, alias in zip(values, nan, strict=True)
    ]
    joined = groups.join(exact, on=list(keys), how="left")
    return joined.with_columns(replaced).drop(list(values))
