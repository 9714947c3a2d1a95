"""Read ``report``'s input and group it per client in one columnar pass (issue 13).

UTF-8 text files and Parquet files are scanned by polars (:mod:`xlpareto.io.columnar`):
the number style is detected on the first 100,000 rows (like a spreadsheet program's import
preview), every line is parsed, trimmed and grouped in the scan, and only the per-client sums
come back to Python. Other inputs – Excel workbooks (openpyxl reads them whole anyway) and
text in other encodings – are read row by row (:func:`~xlpareto.io.readers.read_input_file`)
and grouped by the same query. The result is the :class:`~xlpareto.io.report_inputs.ClientInput`
the row-by-row path gives, with the grouping already done (``groups``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from xlpareto.engine.intake import client_names
from xlpareto.engine.periods import PeriodSplit, split_periods
from xlpareto.errors import XlparetoError
from xlpareto.io import client_groups, columnar, period_groups
from xlpareto.io.columns import ColumnChoice, find_columns
from xlpareto.io.csv_files import csv_texts, sniff_csv, text_numbers
from xlpareto.io.dates import parse_dates
from xlpareto.io.native_errors import NativePanic, native_guard
from xlpareto.io.numbers import NumberStyle, clean_text
from xlpareto.io.parquet_pages import check_parquet_pages
from xlpareto.io.readers import FORMATS, InputRows, ReadOptions, check_input_path
from xlpareto.io.report_inputs import (
    REPORT_TABLE,
    ClientInput,
    ReportOptions,
    check_date_options,
    client_input,
    date_error,
    dated_notes,
    line_periods,
    parse_months,
    parse_period_end,
    read_report_file,
)

_UTF8 = ("utf-8", "utf-8-sig")
#: Gives typed lines their ``period`` column.
PeriodOf = Callable[[pl.LazyFrame], pl.LazyFrame]
#: The rows the number style is detected on (a spreadsheet program's import preview).
SAMPLE_ROWS = 100_000


@dataclass(frozen=True)
class Scan:
    """An input file as typed lines (lazily), and how it was read."""

    lines: columnar.LineSource | pl.LazyFrame
    rows: InputRows  # columns, source, details and number style (values: unused)
    dated: bool
    split: PeriodSplit | None = None  # known when the lines carry their period


def _headers(rows: InputRows, headers: list[str]) -> dict[str, str]:
    return {role: headers[position] for role, position in rows.columns.items()}


def _number_roles(choice: ColumnChoice) -> tuple[str, ...]:
    return tuple(role for role in choice if choice.table.column(role).kind == "number")


def _scan_csv(path: Path, options: ReadOptions) -> Scan | None:
    source = path.name
    sniff = sniff_csv(path, source, options, REPORT_TABLE)
    if sniff.encoding not in _UTF8 or len(set(sniff.headers)) != len(sniff.headers):
        return None  # polars reads UTF-8 with unique headers only
    if sniff.lone_cr:  # polars ends lines at LF only: CR-only files go row by row
        return None
    choice = sniff.choice
    try:  # the first rows, parsed as the row-by-row reader parses the whole file
        sample = csv_texts(path, sniff, SAMPLE_ROWS)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None  # the row-by-row reader words what is wrong
    order = sorted(choice.values())
    numbers = _number_roles(choice)
    raw = {r: clean_text(sample.iloc[:, order.index(choice[r])]) for r in numbers}
    style = text_numbers(sniff, raw, source, options)
    rows = InputRows({}, choice, source, 2, style.details, style.known)
    headers = _headers(rows, sniff.headers)
    texts = [sample.iloc[:, order.index(choice[role])] for role in numbers]
    typed = _read_as_floats(texts, style.style)
    lines = columnar.scan_text(path, sniff.delimiter, headers, style.style, numbers, typed)
    return Scan(lines, rows, "date" in choice)


def _read_as_floats(texts: list[pd.Series], style: NumberStyle) -> bool:
    """Whether polars' CSV reader may read the number columns as floats: numbers with a
    decimal point, and every number text of the first rows (``texts``, as read) one its
    fast cast reads – a file with thousands separators, currency signs or words there is
    read as text at once rather than after a failed typed reading."""
    if style.decimal != ".":
        return False
    frame = pl.DataFrame(
        {str(i): pl.Series(t.to_numpy(), dtype=pl.String) for i, t in enumerate(texts)}
    )
    doubts = [
        columnar.unsure(pl.col(name), columnar.fast_number(pl.col(name), style)).any()
        for name in frame.columns
    ]
    return not any(frame.select(doubts).row(0))


def _scan_parquet(path: Path, options: ReadOptions) -> Scan | None:
    try:
        schema = pl.scan_parquet(path).collect_schema()
    except (pl.exceptions.PolarsError, OSError):
        return None  # the row-by-row reader words what is wrong
    headers = list(schema.names())
    if len(set(headers)) != len(headers):
        return None
    choice = find_columns(headers, path.name, REPORT_TABLE, options.columns)
    chosen = {role: schema[headers[p]] for role, p in choice.items()}
    if chosen["client"] not in (pl.String, pl.Categorical) and not chosen["client"].is_integer():
        return None  # e.g. float client numbers: formatted as the row-by-row path does
    if "date" in chosen and chosen["date"] not in (pl.String, pl.Date):
        return None  # serials, datetimes with zones: the row-by-row date reader
    check_parquet_pages(path, path.name, [headers[p] for p in choice.values()])
    style = NumberStyle.for_decimal(options.decimal or ".")
    rows = InputRows({}, choice, path.name, 2, [], style if options.decimal else None)
    numbers = _number_roles(choice)
    lines = columnar.scan_parquet(path, _headers(rows, headers), style, numbers)
    return Scan(lines, rows, "date" in choice)


def _scan_rows(rows: InputRows, report: ReportOptions) -> Scan:
    """Rows already read (Excel, other encodings) as typed lines for the same grouping.

    Dates are parsed per row (Excel cells hold real dates and serials) and the lines carry
    their period.
    """
    values = {role: rows.column(role) for role in ("revenue", "prior", "cost", "hours")}
    split = None
    if rows.column("date") is not None and not report.prior_given:
        parsed, split = line_periods(rows, report)
        values["period"] = np.where(np.isnat(parsed.dates), columnar.UNDATED, split.period)
    lines = columnar.frame_of_rows(values, client_names(rows.clients), rows.unread)
    return Scan(lines, rows, rows.column("date") is not None, split)


def scan_input(path: Path, options: ReadOptions) -> Scan | None:
    """The file as typed lines when polars can scan it (UTF-8 text, Parquet), else None."""
    kind = FORMATS.get(path.suffix.lower())
    try:
        if kind == "csv":
            return _scan_csv(path, options)
        if kind == "parquet":
            return _scan_parquet(path, options)
    except UnicodeDecodeError:
        return None
    return None


def _periods(scan: Scan, report: ReportOptions) -> tuple[PeriodOf, PeriodSplit]:
    """How the lines get their period, and the split (SPEC section 11): from the distinct
    date texts, or from a date column's latest date."""
    raw, column = scan.lines.raw, scan.lines.headers["date"]
    months, end = parse_months(report.months), parse_period_end(report.period_end)
    if raw.collect_schema()[column] == pl.Date:
        # real dates (Parquet): nothing to parse; the default period end is the latest date
        latest = None
        if end is None:
            latest = raw.select(pl.col(column).max()).collect(engine="streaming").item()
        split = split_periods(np.array([latest], dtype="M8[D]"), months, end)
        return partial(period_groups.with_date_periods, split=split), split
    header = scan.rows.columns.header("date")
    key = pl.col(column).cast(pl.String).fill_null("")
    found = (
        raw.group_by(key.alias("date"))
        .agg(pl.col("row").min())
        .sort("row")
        .collect(engine="streaming")
    )
    keys = found["date"]
    texts = keys.to_list()
    parsed = parse_dates(
        pd.Series(texts, dtype=object),
        report.dayfirst,
        name=f"column '{header}'",
        positions=found["row"].to_numpy() + 1,
    )
    if parsed.unparseable.size:
        bad = [texts[p - 1] for p in parsed.unparseable]
        rows = period_groups.rows_with(raw, column, bad, 5)
        count = (
            raw.filter(pl.col(column).cast(pl.String).fill_null("").is_in(bad))
            .select(pl.len())
            .collect(engine="streaming")
            .item()
        )
        raise date_error(scan.rows, np.array(rows) + 1, count)
    split = split_periods(parsed.dates, months, end)
    period = np.where(np.isnat(parsed.dates), columnar.UNDATED, split.period).astype(np.int8)
    return partial(period_groups.with_periods, keys=keys, periods=period), split


def grouped_input(scan: Scan, report: ReportOptions) -> ClientInput:
    """The client list of a scanned input: grouped per client (and period) in one query."""
    rows = scan.rows
    common = {"source": rows.source, "number_style": rows.number_style}
    if not scan.dated:
        check_date_options(rows.source, report)
        groups = client_groups.group_lines(scan.lines, rows.first_row)
        return ClientInput(
            groups.names,
            groups.revenue,
            groups.prior,
            groups.cost,
            groups.hours,
            rows.first_row,
            groups=groups,
            lines=groups.report.rows_read,
            **common,
        )
    notes = dated_notes(rows, report)
    split = scan.split

    def periods(lines: pl.LazyFrame) -> pl.LazyFrame:
        return lines.drop("prior", strict=False)

    if split is None:
        period_of, split = _periods(scan, report)

        def periods(lines: pl.LazyFrame) -> pl.LazyFrame:
            return period_of(lines.drop("prior", strict=False))

    sums = period_groups.sum_periods(scan.lines, periods, rows.first_row)
    return ClientInput(
        sums.names,
        sums.revenue,
        sums.prior,
        sums.cost,
        sums.hours,
        1,
        split=split,
        outside=sums.outside,
        undated=sums.undated,
        skipped_lines=sums.unusable,
        notes=notes,
        lines=sums.lines,
        groups=sums.client_groups(),
        **common,
    )


def read_client_input(
    path: Path, options: ReadOptions, report: ReportOptions, grouped: bool = True
) -> tuple[str, ClientInput]:
    """Read and group ``report``'s input; returns the "what was read" line and the clients.

    ``grouped=False`` reads the rows one by one and keeps them (``new --data`` writes them
    into the Clients table and reports what was skipped there).

    Raises
    ------
    XlparetoError : with a one-line message for every problem with the file.
    """
    check_input_path(path, options)
    if not grouped:
        rows = read_report_file(path, options)
        return rows.describe(), client_input(rows, report)
    try:
        with native_guard():
            scan = scan_input(path, options)
            data = grouped_input(scan, report) if scan is not None else None
    except (pl.exceptions.PolarsError, NativePanic):
        # a line polars cannot read, a damaged file: the row-by-row reader names the problem
        scan = data = None
    if data is None:
        rows = read_report_file(path, options)
        scan = _scan_rows(rows, report)
        data = grouped_input(scan, report)
    if data.lines == 0:
        raise XlparetoError(f"{scan.rows.source}: no data rows below the header")
    return scan.rows.describe(data.lines), data
