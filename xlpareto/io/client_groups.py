"""Client rows grouped per client in one columnar query (no periods): sums, skipped and
merged rows, first-seen order – what :func:`xlpareto.engine.prepare_clients` gives."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import polars as pl

from xlpareto.engine.intake import SHOWN_ROWS, IntakeReport
from xlpareto.io.amount_cells import CHECKED_AMOUNTS
from xlpareto.io.amount_checks import check_amounts, maybe_bad
from xlpareto.io.columnar import (
    AMOUNTS,
    LineSource,
    count_true,
    grouped,
    text_array,
    unsure_count,
    unsure_total,
    where,
)
from xlpareto.io.exact_sums import exact_sum, settled


def _sum_or_null(values: pl.Expr) -> pl.Expr:
    """The sum, or null when no value is a number (pandas' ``sum(min_count=1)``)."""
    return pl.when(values.count() > 0).then(exact_sum(values))


@dataclass(frozen=True)
class ClientGroups:
    """Lines grouped per named client, in first-seen order (:func:`group_lines`).

    Attributes
    ----------
    names : the named clients, trimmed, in order of their first line (pandas text).
    revenue, prior, cost, hours : per client the sums over all its lines, NaN where no line
        has a number (what the Clients table of ``new --data`` holds); None without the column.
    first_kept : per client its first row with a numeric revenue (−1: none).
    cost_kept, hours_kept : cost and hours summed over the rows with a numeric revenue
        (NaN: no number) – what the profit uses.
    report : rows read, skipped (first rows and count), merged.
    """

    names: pd.api.extensions.ExtensionArray | np.ndarray
    revenue: np.ndarray
    prior: np.ndarray | None
    cost: np.ndarray | None
    hours: np.ndarray | None
    first_kept: np.ndarray
    cost_kept: np.ndarray | None
    hours_kept: np.ndarray | None
    report: IntakeReport
    unsure: int = 0


def _client_query(lines: pl.LazyFrame) -> pl.DataFrame:
    roles = [role for role in AMOUNTS if role in lines.collect_schema()]
    kept = (pl.col("client") != "") & pl.col("revenue").is_not_null()
    aggregates = [
        pl.col("row").min().alias("first_row"),
        where(kept, "row").min().alias("first_kept"),
        count_true(kept).alias("kept"),
        count_true(~kept).alias("skipped"),
        pl.len().alias("rows"),
        *unsure_count(lines),
    ]
    sums: dict[str, pl.Expr] = {}
    for role in roles:
        values = pl.col(role)
        sums[role] = values
        if role in CHECKED_AMOUNTS:
            sums[f"{role}_kept"] = where(kept, role)
            aggregates.append(where(kept & maybe_bad(role), "row").min().alias(f"{role}_bad"))
    aggregates += [_sum_or_null(values).alias(alias) for alias, values in sums.items()]
    # the first skipped rows, in the same pass over the file (a list per group is slow)
    skipped = lines.filter(~kept).select(pl.col("row").bottom_k(SHOWN_ROWS).alias("skipped"))
    groups, first_skipped = pl.collect_all(
        [lines.group_by("client").agg(aggregates), skipped], engine="streaming"
    )
    groups = settled(lines, groups, ["client"], sums)
    return groups.with_columns(
        skipped_rows=pl.lit(first_skipped["skipped"].sort().to_list(), dtype=pl.List(pl.Int64))
    )


def group_lines(source: LineSource | pl.LazyFrame, first_row: int = 2) -> ClientGroups:
    """Group client rows (no periods): per client sums, skipped and merged rows counted.

    A row counts when it has a name and a numeric revenue; the others are skipped (their
    sheet row numbers, ``row + first_row``, are reported). A counted row with a negative
    cost or hours is an error naming the row.
    """
    lines, groups = grouped(source, _client_query)
    kept = (pl.col("client") != "") & pl.col("revenue").is_not_null()
    check_amounts(lines, groups, kept, first_row)
    rows_read = int(groups["rows"].sum())
    skipped_rows = groups["skipped_rows"][0] if groups.height else pl.Series([], dtype=pl.Int64)
    named = groups.filter(pl.col("client") != "").sort("first_row")
    kept_total = int(named["kept"].sum())
    kept_groups = int((named["kept"] > 0).sum())
    report = IntakeReport(
        rows_read=rows_read,
        skipped_rows=tuple(int(r) + first_row for r in skipped_rows.to_list()),
        merged_rows=kept_total - kept_groups,
        skipped_total=int(groups["skipped"].sum()),
    )

    def floats(column: str) -> np.ndarray | None:
        if column not in named.columns:
            return None
        return named[column].cast(pl.Float64).to_numpy().astype(float)

    revenue = floats("revenue")
    revenue[named["kept"].to_numpy() == 0] = np.nan
    return ClientGroups(
        names=text_array(named["client"]),
        revenue=revenue,
        prior=floats("prior"),
        cost=floats("cost"),
        hours=floats("hours"),
        first_kept=named["first_kept"].fill_null(-1).to_numpy().astype(np.int64),
        cost_kept=floats("cost_kept"),
        hours_kept=floats("hours_kept"),
        report=report,
        unsure=unsure_total(groups),
    )
