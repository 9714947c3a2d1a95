"""Read and group large inputs column-wise on polars: invoice lines to one row per client.

Why polars: measured side by side on the SPEC cases (``bench/bench_report_scale.py``), polars
and DuckDB read, group and sort 10,000,000 lines in a few seconds, an order of magnitude
faster than pandas' ``read_csv(dtype=str)`` followed by regular expressions over every cell.
Polars was chosen because its streaming engine runs the whole query – typed reading, number
parsing, trimming, periods and the group-by – batch by batch (out of core: a 100M-line file
never holds 100M lines in memory) and it takes a Python function per batch for the rare cells
its fast casts cannot read, so the number rules stay the ones of :mod:`xlpareto.io.numbers`.

The query (:func:`group_lines`) works on a lazy frame of typed columns – ``row`` (0-based data
row), ``client`` (text), ``revenue``/``prior``/``cost``/``hours`` (floats, null: not a number)
and, for dated lines, ``period`` (:data:`~xlpareto.engine.periods.CURRENT`, ``PRIOR``,
``OUTSIDE``, :data:`UNDATED`). Text files and Parquet build that frame lazily from the file
(:func:`scan_text`, :func:`scan_parquet`); other inputs (Excel, non-UTF-8 text) from the rows
already read (:func:`frame_of_rows`), so every input is grouped by the same query. Its
results are those of the row-by-row path (:func:`xlpareto.engine.prepare_clients` and
:func:`xlpareto.engine.periods.sums_by_client`): the same clients in the same first-seen
order, the same rows skipped and merged, the same sums.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from xlpareto.engine.intake import SHOWN_ROWS, IntakeReport, amount_error
from xlpareto.engine.periods import CURRENT, OUTSIDE, PRIOR, PeriodSplit
from xlpareto.engine.text import arrow_text
from xlpareto.errors import XlparetoError
from xlpareto.io.exact_sums import exact_sum, settled
from xlpareto.io.numbers import NumberStyle, clean_text, parse_numbers
from xlpareto.io.readers import CHECKED_AMOUNTS

#: ``period`` of a line without a date (counted apart from the lines outside both periods).
UNDATED = -2
#: Python's whitespace (what ``str.strip`` removes; polars' default trimming keeps
#: U+001C…U+001F): names are trimmed exactly as the row-by-row path trims them. Written out
#: (a test checks it against ``str.isspace``): finding it takes 0.3 s at every start.
PYTHON_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_AMOUNTS = ("revenue", "prior", "cost", "hours")


def number_parser(style: NumberStyle) -> Callable[[pl.Series], pl.Series]:
    """A batch function: number texts in ``style`` to floats (null: not a number).

    Texts polars' cast reads (:func:`fast_number`) are cast; only the unsure others
    (separators, currency signs, spaces, parentheses, …) take :func:`parse_numbers`.

    Examples
    --------
    >>> parse = number_parser(NumberStyle.for_decimal(","))
    >>> parse(pl.Series(["1.234,5", "7", "", "EUR 3,5", "1,2,3"])).to_list()
    [1234.5, 7.0, None, 3.5, None]
    """

    def parse(texts: pl.Series) -> pl.Series:
        frame = texts.cast(pl.String).fill_null("").to_frame("text")
        value = fast_number(pl.col("text"), style)
        result = frame.select(value=value, slow=unsure(pl.col("text"), value))
        values = result["value"].to_numpy().astype(float)  # nulls become NaN
        slow = result["slow"].to_numpy()
        if slow.any():
            texts_slow = pd.Series(frame["text"].filter(result["slow"]).to_list(), dtype=object)
            values[slow] = parse_numbers(clean_text(texts_slow), style)
        return pl.Series(texts.name, values).fill_nan(None)

    return parse


def _text(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.String).fill_null("")


def _trimmed(column: str) -> pl.Expr:
    return _text(column).str.strip_chars(PYTHON_WHITESPACE)


def fast_number(text: pl.Expr, style: NumberStyle) -> pl.Expr:
    """Plain number texts in ``style`` as floats, by polars' cast alone; null for the others.

    Where the cast reads a text, it reads it as :func:`parse_numbers` does; texts it does not
    read (thousands separators, currency signs, spaces, words) are *unsure*
    (:func:`unsure`) and settled by :meth:`LineSource.needs_exact`. In the decimal-comma
    style a text with a dot (``1.234``: a thousands separator) is never cast.
    """
    if style.decimal == ".":
        value = text.cast(pl.Float64, strict=False)
    else:
        dotless = ~text.str.contains(".", literal=True)
        value = pl.when(dotless).then(
            text.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
        )
    return pl.when(value.is_finite()).then(value)


def unsure(text: pl.Expr, value: pl.Expr) -> pl.Expr:
    """A non-blank text the fast cast did not read (it may still be a number)."""
    return value.is_null() & (text != "")


@dataclass(frozen=True)
class LineSource:
    """An input file scanned lazily: its columns as stored, and how to type them.

    Attributes
    ----------
    raw : the file's columns (all text for CSV) with ``row``.
    headers : role → the file's header.
    numbers : the roles that are numbers.
    style : the number style of text numbers.
    """

    raw: pl.LazyFrame
    headers: Mapping[str, str]
    numbers: tuple[str, ...]
    style: NumberStyle

    def _texts(self) -> list[str]:
        schema = self.raw.collect_schema()
        return [r for r in self.numbers if schema[self.headers[r]] == pl.String]

    def lines(self, exact: bool = False, trim: bool = True) -> pl.LazyFrame:
        """The typed lines: ``row``, ``client`` (trimmed unless not ``trim``), the numbers,
        ``date`` (text) and, unless ``exact``, ``_unsure`` (a number text the fast cast did
        not read)."""
        schema = self.raw.collect_schema()
        parse = number_parser(self.style)
        columns, doubts = [pl.col("row")], []
        for role, header in self.headers.items():
            column, kind = pl.col(header), schema[header]
            if role == "client":
                name = _trimmed(header) if trim else _text(header)
                columns.append(name.alias("client"))
            elif role == "date":
                columns.append(column.alias("date"))
            elif role not in self.numbers:
                continue
            elif kind == pl.String and exact:
                value = column.map_batches(parse, pl.Float64, is_elementwise=True)
                columns.append(value.alias(role))
                columns += _unread(role, column, kind, unsure(column, value))
            elif kind == pl.String:
                value = fast_number(column, self.style)
                columns.append(value.alias(role))
                doubts.append(unsure(column, value))
                columns += _unread(role, column, kind, unsure(column, value))
            elif kind.is_numeric():
                value = column.cast(pl.Float64)
                columns.append(pl.when(value.is_finite()).then(value).alias(role))
                columns += _unread(role, column, kind, value.is_infinite())  # NaN: blank
            else:  # booleans, dates, …: not numbers, as the row-by-row reader reads them
                columns.append(pl.lit(None, dtype=pl.Float64).alias(role))
                columns += _unread(role, column, kind, column.is_not_null())
        if doubts:
            columns.append(pl.any_horizontal(doubts).alias("_unsure"))
        return self.raw.select(columns)

    def needs_exact(self, limit: int = 100_000) -> bool:
        """Whether a text the fast cast left unread is a number after all (then the lines
        must be read with :meth:`lines` ``(exact=True)``): checked on the unread texts only,
        or assumed when more than ``limit`` rows have them."""
        texts = self._texts()
        if not texts:
            return False
        doubts = [
            unsure(pl.col(self.headers[r]), fast_number(pl.col(self.headers[r]), self.style))
            for r in texts
        ]
        found = (
            self.raw.filter(pl.any_horizontal(doubts))
            .select([self.headers[r] for r in texts])
            .head(limit + 1)
            .collect(engine="streaming")
        )
        if found.height > limit:
            return True
        parse = number_parser(self.style)
        return any(parse(found[self.headers[r]]).is_not_null().any() for r in texts)


def _unread(role: str, column: pl.Expr, kind: pl.DataType, unread: pl.Expr) -> list[pl.Expr]:
    """For a cost or hours column, ``<role>_unread``: a cell that may be neither blank nor a
    number (text, a boolean, not finite), and ``<role>_raw``, the cell as text (read only
    for the message; the group-by does not read it). A text of only spaces or noise
    characters is blank after all: :func:`first_bad_amount` settles those few."""
    if role not in CHECKED_AMOUNTS:
        return []
    text = column.cast(pl.String)
    if kind == pl.Boolean:  # as Python writes it, like the row-by-row reader's message
        text = pl.when(column).then(pl.lit("True")).when(~column).then(pl.lit("False"))
    return [unread.alias(f"{role}_unread"), text.alias(f"{role}_raw")]


def scan_text(
    path: Path,
    delimiter: str,
    headers: Mapping[str, str],
    style: NumberStyle,
    numbers: tuple[str, ...],
) -> LineSource:
    """The lines of a UTF-8 text file (``headers``: role → header), scanned lazily.

    Every cell is read as text (a client called ``NA`` stays a client); number columns are
    parsed in ``style``; the date column stays text (periods are mapped by :func:`with_periods`).
    """
    scan = pl.scan_csv(
        path,
        separator=delimiter,
        infer_schema=False,
        empty_string_is_null=False,
        row_index_name="row",
        encoding="utf8",
    )
    return LineSource(scan, headers, numbers, style)


def scan_parquet(
    path: Path, headers: Mapping[str, str], style: NumberStyle, numbers: tuple[str, ...]
) -> LineSource:
    """The lines of a Parquet file: number columns as floats, text numbers parsed."""
    return LineSource(pl.scan_parquet(path, row_index_name="row"), headers, numbers, style)


def frame_of_rows(
    values: Mapping[str, object],
    names: np.ndarray,
    unread: Mapping[str, pd.Series] | None = None,
) -> pl.LazyFrame:
    """The typed lines of rows already read (``names`` trimmed, amounts as floats; ``unread``:
    the cost and hours cells that are neither blank nor a number, by position)."""
    columns: dict[str, object] = {"row": np.arange(len(names), dtype=np.int64)}
    columns["client"] = pl.Series(names.tolist(), dtype=pl.String)
    for role in _AMOUNTS:
        if values.get(role) is not None:
            columns[role] = pl.Series(np.asarray(values[role], dtype=float)).fill_nan(None)
            if role in CHECKED_AMOUNTS:
                cells = (unread or {}).get(role, pd.Series([], dtype=object))
                flags = np.zeros(len(names), dtype=bool)
                flags[cells.index.to_numpy(dtype=np.int64)] = True
                raw = np.full(len(names), None, dtype=object)
                raw[cells.index.to_numpy(dtype=np.int64)] = [str(v) for v in cells]
                columns[f"{role}_unread"] = flags
                columns[f"{role}_raw"] = pl.Series(raw.tolist(), dtype=pl.String)
    if values.get("period") is not None:
        columns["period"] = np.asarray(values["period"], dtype=np.int8)
    return pl.LazyFrame(columns)


def with_periods(lines: pl.LazyFrame, keys: pl.Series, periods: np.ndarray) -> pl.LazyFrame:
    """``lines`` with a ``period`` per line from its date text (``keys[i]``, a distinct
    text, → ``periods[i]``).

    A join with the small table of distinct texts: streamed, unlike ``replace_strict``, which
    held all 10,000,000 lines of the benchmark in memory (1.3 GB instead of 0.4 GB).
    """
    table = pl.LazyFrame({"date": keys, "period": pl.Series(periods, dtype=pl.Int8)})
    key = pl.col("date").cast(pl.String).fill_null("")
    joined = lines.with_columns(date=key).join(table, on="date", how="left")
    return joined.with_columns(pl.col("period").fill_null(UNDATED)).drop("date")


def with_date_periods(lines: pl.LazyFrame, split: PeriodSplit) -> pl.LazyFrame:
    """``lines`` of a date column (Parquet) with a ``period`` per line: its date compared
    with the split's bounds, as :func:`~xlpareto.engine.periods.split_periods` compares them
    (no join, no text: 1.55 → 1.43 s at 10,000,000 lines); a line without a date is
    undated."""
    date = pl.col("date").cast(pl.Date)
    start, middle, end = split.prior_start, split.current_start, split.end
    period = (
        pl.when((date > middle) & (date <= end))
        .then(pl.lit(CURRENT, dtype=pl.Int8))
        .when((date > start) & (date <= middle))
        .then(pl.lit(PRIOR, dtype=pl.Int8))
        .when(date.is_null())
        .then(pl.lit(UNDATED, dtype=pl.Int8))
        .otherwise(pl.lit(OUTSIDE, dtype=pl.Int8))
    )
    return lines.with_columns(period=period).drop("date")


def rows_with(lines: pl.LazyFrame, column: str, texts: list[str], limit: int) -> list[int]:
    """The first ``limit`` 0-based rows whose ``column`` text is one of ``texts``."""
    found = (
        lines.filter(pl.col(column).cast(pl.String).fill_null("").is_in(texts))
        .select(pl.col("row").bottom_k(limit))
        .collect(engine="streaming")
    )
    return sorted(found["row"].to_list())


def _trimmed_groups(groups: pl.DataFrame, sums: list[str]) -> pl.DataFrame:
    """``groups`` keyed by names as read, with the names trimmed. Where that makes two
    groups one client's (``"Acme"`` and ``"Acme "``), their ``sums`` are then added in an
    order fixed by the sums themselves: not the order the groups came from the threads in,
    nor the order of the lines in the file."""
    trimmed = groups["client"].str.strip_chars(PYTHON_WHITESPACE)
    if trimmed.equals(groups["client"]):
        return groups
    return groups.with_columns(trimmed).sort(["client", "period", *sums], nulls_last=True)


def _unsure_count(lines: pl.LazyFrame) -> list[pl.Expr]:
    return (
        [_count(pl.col("_unsure")).alias("unsure")] if "_unsure" in lines.collect_schema() else []
    )


def unsure_total(groups: pl.DataFrame) -> int:
    """How many lines hold a number text the fast cast did not read."""
    return int(groups["unsure"].sum()) if "unsure" in groups.columns else 0


def _where(condition: pl.Expr, column: str) -> pl.Expr:
    """``column`` where ``condition`` holds, else null: an element-wise step that the
    streaming group-by aggregates batch by batch (``.filter`` inside ``agg`` runs 3–5 ×
    slower there)."""
    return pl.when(condition).then(pl.col(column))


def _count(condition: pl.Expr) -> pl.Expr:
    return condition.cast(pl.Int64).sum()


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
    roles = [role for role in _AMOUNTS if role in lines.collect_schema()]
    kept = (pl.col("client") != "") & pl.col("revenue").is_not_null()
    aggregates = [
        pl.col("row").min().alias("first_row"),
        _where(kept, "row").min().alias("first_kept"),
        _count(kept).alias("kept"),
        _count(~kept).alias("skipped"),
        pl.len().alias("rows"),
        *_unsure_count(lines),
    ]
    sums: dict[str, pl.Expr] = {}
    for role in roles:
        values = pl.col(role)
        sums[role] = values
        if role in CHECKED_AMOUNTS:
            sums[f"{role}_kept"] = _where(kept, role)
            aggregates.append(_where(kept & _maybe_bad(role), "row").min().alias(f"{role}_bad"))
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


def _grouped(
    source: LineSource | pl.LazyFrame,
    query: Callable[[pl.LazyFrame], pl.DataFrame],
    trim: bool = True,
) -> tuple[pl.LazyFrame, pl.DataFrame]:
    """``query`` on the lines typed by the fast casts; again on the exactly parsed lines
    when a text the casts left unread is a number after all (``trim``: client names
    trimmed, else as read, for a query that trims its groups' names)."""
    if isinstance(source, pl.LazyFrame):
        return source, query(source)
    lines = source.lines(trim=trim)
    groups = query(lines)
    if unsure_total(groups) and source.needs_exact():
        lines = source.lines(exact=True, trim=trim)
        groups = query(lines)
    return lines, groups


def group_lines(source: LineSource | pl.LazyFrame, first_row: int = 2) -> ClientGroups:
    """Group client rows (no periods): per client sums, skipped and merged rows counted.

    A row counts when it has a name and a numeric revenue; the others are skipped (their
    sheet row numbers, ``row + first_row``, are reported). A counted row with a negative
    cost or hours is an error naming the row.
    """
    lines, groups = _grouped(source, _client_query)
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


def text_array(texts: pl.Series) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """A polars text column as pandas text (``str``) on the same Arrow data: no Python
    string per value (at 1,000,000 clients the names' round trip through a list and back
    to Arrow cost 0.18 s); Python strings without pyarrow (an optional package)."""
    try:
        import pyarrow  # noqa: F401 - only whether it is installed
    except ImportError:
        return np.asarray(texts.to_list(), dtype=object)
    return arrow_text(texts.to_arrow())


def _maybe_bad(role: str) -> pl.Expr:
    """A cost or hours cell that is negative or may be no number (see :func:`_unread`)."""
    return (pl.col(role) < 0) | pl.col(f"{role}_unread")


def check_amounts(
    lines: pl.LazyFrame, groups: pl.DataFrame, counted: pl.Expr, first_row: int
) -> None:
    """Raise the one-line error for the first counted line (``counted``) whose cost or hours
    is text, a boolean, not finite or negative, when the groups' ``<role>_bad`` (the least
    such row per group, on the fast flags) found one: the rule of
    :func:`~xlpareto.io.readers.check_counted_amounts`, on the file's rows."""
    for role, name in CHECKED_AMOUNTS.items():
        column = f"{role}_bad"
        if column not in groups.columns or groups[column].drop_nulls().is_empty():
            continue
        found = first_bad_amount(lines, counted, role)
        if found is not None:
            row, value = found
            raise amount_error(name, value, row + first_row)


def first_bad_amount(lines: pl.LazyFrame, counted: pl.Expr, role: str) -> tuple[int, object] | None:
    """The first counted line with a bad ``role`` cell and what it holds (the number when it
    is negative, else the cell as text), or None when every flagged cell was blank after all
    (only spaces or noise characters, as :func:`~xlpareto.io.numbers.clean_text` cleans)."""
    raw = pl.col(f"{role}_raw")
    text = pl.col(f"{role}_unread") & (raw.str.strip_chars(PYTHON_WHITESPACE) != "")
    candidates = (
        lines.filter(counted & ((pl.col(role) < 0) | text))
        .select("row", role, f"{role}_raw", f"{role}_unread")
        .sort("row")
        .collect(engine="streaming")
    )
    for row, value, cell, unread in candidates.iter_rows():
        if not unread:
            return int(row), float(value)
        if clean_text(pd.Series([cell], dtype=object))[0] != "":
            return int(row), cell
    return None


@dataclass(frozen=True)
class PeriodSums:
    """Dated lines grouped per client over the two periods (:func:`sum_periods`).

    Attributes
    ----------
    names : clients with a used line (named, numeric revenue, in a period), first-used order.
    revenue, prior : per client the current and prior period's revenue (0 when none).
    cost, hours : per client the current period's sums (None without the column).
    outside, undated, unusable : dated lines outside both periods, lines without a date,
        lines in a period without a name or a numeric revenue.
    """

    names: np.ndarray
    revenue: np.ndarray
    prior: np.ndarray
    cost: np.ndarray | None
    hours: np.ndarray | None
    outside: int
    undated: int
    unusable: int
    lines: int
    unsure: int = 0


def sum_periods(
    source: LineSource | pl.LazyFrame,
    periods: Callable[[pl.LazyFrame], pl.LazyFrame],
    first_row: int = 2,
) -> PeriodSums:
    """Per client: current and prior revenue, current cost and hours (SPEC section 11).

    ``periods`` gives the typed lines their ``period`` (e.g. :func:`with_periods`). The same
    sums as :func:`xlpareto.engine.periods.sums_by_client` over the used lines. A current
    line with a numeric revenue whose cost or hours is text, a boolean or negative is an
    error naming its row (``row + first_row``).
    """
    lines, groups = _grouped(source, lambda lines: _period_query(periods(lines)), trim=False)
    named = pl.col("client").str.strip_chars(PYTHON_WHITESPACE) != ""
    used = named & pl.col("revenue").is_not_null() & (pl.col("period") == CURRENT)
    check_amounts(periods(lines), groups, used, first_row)
    clients = groups.filter(pl.col("used") > 0).sort("first_used")
    extras = [role for role in CHECKED_AMOUNTS if role in groups.columns]

    def sums(column: str) -> np.ndarray:
        values = clients[column].cast(pl.Float64).to_numpy().astype(float)
        if not np.isfinite(values).all():
            raise XlparetoError(f"{column}: the sums per client are too large to add up")
        return values

    return PeriodSums(
        names=np.asarray(clients["client"].to_list(), dtype=object),
        revenue=sums("revenue"),
        prior=sums("prior"),
        cost=sums("cost") if "cost" in extras else None,
        hours=sums("hours") if "hours" in extras else None,
        outside=int(groups["outside"].sum()),
        undated=int(groups["undated"].sum()),
        unusable=int(groups["unusable"].sum()),
        lines=int(groups["lines"].sum()),
        unsure=unsure_total(groups),
    )


def _period_query(lines: pl.LazyFrame) -> pl.DataFrame:
    """Per client: the counts and sums :func:`sum_periods` reads.

    The lines are grouped by client *and* period (at most four groups per client), so each
    amount is summed once per group – not once per period under a mask, the order-free
    :func:`exact_sum` being the costly part (at 10,000,000 lines a third less time) – and
    the few groups are then folded per client. The names are trimmed in that fold, on the
    groups rather than on every line (0.13–0.16 s less at 10,000,000 lines): the lines'
    ``client`` may be untrimmed.
    """
    schema = lines.collect_schema()
    numeric = pl.col("revenue").is_not_null()
    sums = {"revenue": pl.col("revenue")}
    sums |= {role: _where(numeric, role) for role in ("cost", "hours") if role in schema}
    extras = list(sums)[1:]
    keys = ["client", "period"]
    # the least row of a current line with a numeric revenue and a cost or hours that may
    # be bad (negative, text): settled by check_amounts on the lines that are used
    current = numeric & (pl.col("period") == CURRENT)
    bad = [_where(current & _maybe_bad(role), "row").min().alias(f"{role}_bad") for role in extras]
    groups = (
        lines.group_by(keys)
        .agg(
            _where(numeric, "row").min().alias("first_used"),
            pl.col("revenue").count().alias("used"),
            pl.len().alias("lines"),
            *_unsure_count(lines),
            *bad,
            *(exact_sum(values).alias(alias) for alias, values in sums.items()),
        )
        .collect(engine="streaming")
    )
    groups = _trimmed_groups(settled(lines, groups, keys, sums), list(sums))
    period = pl.col("period")
    # a line is used when it is in a period, named and has a numeric revenue
    in_period = period.is_in([CURRENT, PRIOR])
    used = in_period & (pl.col("client") != "")
    unusable = pl.when(used).then(pl.col("lines") - pl.col("used"))
    unusable = unusable.when(in_period).then(pl.col("lines")).otherwise(0)
    folded = [
        pl.col("first_used").filter(used & (pl.col("used") > 0)).min().alias("first_used"),
        pl.col("used").filter(used).sum().alias("used"),
        unusable.sum().alias("unusable"),
        pl.col("lines").filter(period == OUTSIDE).sum().alias("outside"),
        pl.col("lines").filter(period == UNDATED).sum().alias("undated"),
        pl.col("lines").sum().alias("lines"),
        *([pl.col("unsure").sum().alias("unsure")] if "unsure" in groups.columns else []),
        # one group per client and period: a "sum" of its one value (0 without the group)
        pl.col("revenue").filter(used & (period == CURRENT)).sum().alias("revenue"),
        pl.col("revenue").filter(used & (period == PRIOR)).sum().alias("prior"),
        *(pl.col(role).filter(used & (period == CURRENT)).sum().alias(role) for role in extras),
        *(pl.col(f"{role}_bad").filter(used).min() for role in extras),
    ]
    return groups.group_by("client").agg(folded)
