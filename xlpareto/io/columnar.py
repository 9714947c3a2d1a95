"""Read and group large inputs column-wise on polars: invoice lines to one row per client.

Why polars: measured side by side on the SPEC cases (``bench/bench_report_scale.py``), polars
and DuckDB read, group and sort 10,000,000 lines in a few seconds, an order of magnitude
faster than pandas' ``read_csv(dtype=str)`` followed by regular expressions over every cell.
Polars was chosen because its streaming engine runs the whole query – typed reading, number
parsing, trimming, periods and the group-by – batch by batch (out of core: a 100M-line file
never holds 100M lines in memory) and it takes a Python function per batch for the rare cells
its fast casts cannot read, so the number rules stay the ones of :mod:`xlpareto.io.numbers`.

The lines are a lazy frame of typed columns – ``row`` (0-based data row), ``client`` (text),
``revenue``/``prior``/``cost``/``hours`` (floats, null: not a number; a typed reading keeps
NaN and infinities) and, for dated lines,
``period`` (:data:`~xlpareto.engine.periods.CURRENT`, ``PRIOR``, ``OUTSIDE``,
:data:`UNDATED`). Text files and Parquet build that frame lazily from the file
(:func:`scan_text`, :func:`scan_parquet`); other inputs (Excel, non-UTF-8 text) from the rows
already read (:func:`frame_of_rows`), so every input is grouped by the same queries. A text
file's number columns are read as floats by polars' CSV reader where its first rows show
plain numbers with a decimal point, and as text otherwise – or when that typed reading
fails on a cell or meets a NaN or an infinity (:func:`grouped`). The queries are
:func:`xlpareto.io.client_groups.group_lines` (one row per client) and
:func:`xlpareto.io.period_groups.sum_periods` (dated lines, two periods), with the checks of
:mod:`xlpareto.io.amount_checks`. Their results are those of the row-by-row path
(:func:`xlpareto.engine.prepare_clients` and :func:`xlpareto.engine.periods.sums_by_client`):
the same clients in the same first-seen order, the same rows skipped and merged, the same sums.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from xlpareto.engine.text import PYTHON_WHITESPACE, arrow_text
from xlpareto.io.amount_cells import CHECKED_AMOUNTS
from xlpareto.io.amount_checks import unread_columns
from xlpareto.io.numbers import NumberStyle, clean_text, parse_numbers

#: ``period`` of a line without a date (counted apart from the lines outside both periods).
UNDATED = -2


#: The amounts of a line, as floats (null: not a number).
AMOUNTS = ("revenue", "prior", "cost", "hours")


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
    text : for a text file whose number columns polars' CSV reader reads as floats
        (:func:`scan_text` ``typed``), the same file with every cell read as text: what
        :func:`grouped` reads when the typed reading fails or doubts a cell.
    """

    raw: pl.LazyFrame
    headers: Mapping[str, str]
    numbers: tuple[str, ...]
    style: NumberStyle
    text: LineSource | None = None

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
                columns += unread_columns(role, column, kind, unsure(column, value))
            elif kind == pl.String:
                value = fast_number(column, self.style)
                columns.append(value.alias(role))
                doubt = unsure(column, value)
                doubts.append(doubt)
                columns += unread_columns(role, column, kind, doubt)
            elif kind.is_numeric() and self.text is not None:
                # a text file's floats, NaN and infinities kept: they were texts ("nan",
                # "inf") that the text reading reads as none, and a sum they make NaN or
                # infinite sends the file there (:func:`grouped`), with no flag per line
                columns.append(column.cast(pl.Float64).alias(role))
                columns += unread_columns(role, column, kind, pl.lit(False))
            elif kind.is_numeric():
                value = column.cast(pl.Float64)
                columns.append(pl.when(value.is_finite()).then(value).alias(role))
                columns += unread_columns(role, column, kind, value.is_infinite())  # NaN: blank
            else:  # booleans, dates, …: not numbers, as the row-by-row reader reads them
                columns.append(pl.lit(None, dtype=pl.Float64).alias(role))
                columns += unread_columns(role, column, kind, column.is_not_null())
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


def scan_text(
    path: Path,
    delimiter: str,
    headers: Mapping[str, str],
    style: NumberStyle,
    numbers: tuple[str, ...],
    typed: bool = False,
) -> LineSource:
    """The lines of a UTF-8 text file (``headers``: role → header), scanned lazily.

    Every cell is read as text (a client called ``NA`` stays a client); number columns are
    parsed in ``style``; the date column stays text (periods are mapped by
    :func:`~xlpareto.io.period_groups.with_periods`). ``typed``: the number columns are read
    as floats by polars' CSV reader instead – for files whose number texts its fast cast
    reads (decimal point, no thousands separators; the text reading stands by as
    :attr:`LineSource.text`). At 10,000,000 lines 0.3 s less than casting the texts.
    """

    def scan(floats: Mapping[str, type[pl.Float64]] | None) -> pl.LazyFrame:
        return pl.scan_csv(
            path,
            separator=delimiter,
            infer_schema=False,
            schema_overrides=floats,
            empty_string_is_null=False,
            row_index_name="row",
            encoding="utf8",
        )

    text = LineSource(scan(None), headers, numbers, style)
    if not typed:
        return text
    floats = {headers[role]: pl.Float64 for role in numbers}
    return LineSource(scan(floats), headers, numbers, style, text)


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
    for role in AMOUNTS:
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


def unsure_count(lines: pl.LazyFrame) -> list[pl.Expr]:
    return (
        [count_true(pl.col("_unsure")).alias("unsure")]
        if "_unsure" in lines.collect_schema()
        else []
    )


def unsure_total(groups: pl.DataFrame) -> int:
    """How many lines hold a number text the fast cast did not read."""
    return int(groups["unsure"].sum()) if "unsure" in groups.columns else 0


def where(condition: pl.Expr, column: str) -> pl.Expr:
    """``column`` where ``condition`` holds, else null: an element-wise step that the
    streaming group-by aggregates batch by batch (``.filter`` inside ``agg`` runs 3–5 ×
    slower there)."""
    return pl.when(condition).then(pl.col(column))


def count_true(condition: pl.Expr) -> pl.Expr:
    return condition.cast(pl.Int64).sum()


def grouped(
    source: LineSource | pl.LazyFrame,
    query: Callable[[pl.LazyFrame], pl.DataFrame],
    trim: bool = True,
) -> tuple[pl.LazyFrame, pl.DataFrame]:
    """``query`` on the lines typed by the fast casts; again on the exactly parsed lines
    when a text the casts left unread is a number after all (``trim``: client names
    trimmed, else as read, for a query that trims its groups' names). A source read typed
    (:attr:`LineSource.text`) is read as text when its typed reading fails on a cell or
    a NaN or an infinity makes a sum of the result one (:func:`_finite_sums`)."""
    if isinstance(source, pl.LazyFrame):
        return source, query(source)
    if source.text is not None:  # typed reading first; as text where it fails or doubts
        lines = source.lines(trim=trim)
        try:
            groups = query(lines)
        except pl.exceptions.ComputeError:  # a number text the CSV reader cannot read
            groups = None
        if groups is not None and _finite_sums(groups):
            return lines, groups
        source = source.text
    lines = source.lines(trim=trim)
    groups = query(lines)
    if unsure_total(groups) and source.needs_exact():
        lines = source.lines(exact=True, trim=trim)
        groups = query(lines)
    return lines, groups


def _finite_sums(groups: pl.DataFrame) -> bool:
    """Whether every sum of ``groups`` (its float columns) is finite or null.

    A typed reading keeps NaN and infinities; each line whose amounts a result uses is in
    such a sum – the folded periods' sums hold every named line in a period – so all sums
    finite means no line that counts held one, and the result is the text reading's."""
    floats = groups.select(pl.col(pl.Float64))
    if not floats.width:
        return True
    return bool(floats.select(pl.all_horizontal(pl.all().is_finite().all())).item())


def text_array(texts: pl.Series) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """A polars text column as pandas text (``str``) on the same Arrow data: no Python
    string per value (at 1,000,000 clients the names' round trip through a list and back
    to Arrow cost 0.18 s); Python strings without pyarrow (an optional package)."""
    try:
        import pyarrow  # noqa: F401 - only whether it is installed
    except ImportError:
        return np.asarray(texts.to_list(), dtype=object)
    return arrow_text(texts.to_arrow())
