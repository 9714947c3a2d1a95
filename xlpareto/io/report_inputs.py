"""The inputs of ``report``, ``new --data`` and ``demo``: one client list, periods, numbers.

The command line only collects the option texts (:class:`ReportOptions`); this module turns
them and the input file into what the engine takes:

- the file is read once with :data:`REPORT_TABLE` (the Clients columns plus the invoice
  lines' date column, :data:`~xlpareto.layout.inputs.INVOICE_LINES`), so a client list and
  dated invoice lines are both found by name;
- with a date column, revenue and prior revenue come from the dated lines (SPEC section 11,
  :mod:`xlpareto.engine.periods`): lines outside both periods are counted, costs and hours
  are summed per client over the current period; ``--prior`` with a date column is an
  error (one or the other);
- numbers given as options follow the input's number style, or are rejected as ambiguous
  (SPEC section 5, :func:`xlpareto.io.options.parse_amount`);
- ``--prospects FILE`` is read with the :data:`~xlpareto.layout.inputs.PROSPECTS` schema.

Examples
--------
>>> import pandas as pd
>>> lines = pd.DataFrame({"Date": ["2025-06-01", "2024-06-01", "2025-02-01"],
...                       "Client": ["a", "a", "b"], "Amount": [10.0, 4.0, 6.0]})
>>> data = client_input(frame_rows(lines, "lines"), ReportOptions())
>>> data.frame().values.tolist(), data.outside
([['a', 10.0, 4.0], ['b', 6.0, 0.0]], 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from xlpareto import layout
from xlpareto.engine.intake import (
    NO_REVENUE,
    ClientList,
    client_names,
    grouped_client_list,
    numeric_or_nan,
    prepare_clients,
)
from xlpareto.engine.periods import (
    CURRENT,
    DEFAULT_MONTHS,
    OUTSIDE,
    PeriodSplit,
    split_periods,
    sums_by_client,
)
from xlpareto.engine.prospects import DEFAULT_MIN_FIT
from xlpareto.errors import XlparetoError
from xlpareto.io.columns import find_columns
from xlpareto.io.dates import ParsedDates, parse_dates
from xlpareto.io.input_rows import check_counted_amounts, input_rows
from xlpareto.io.numbers import NumberStyle
from xlpareto.io.options import parse_amount, parse_budget, parse_core_share
from xlpareto.io.readers import InputRows, ReadOptions, read_input_file
from xlpareto.layout.inputs import CLIENTS, INVOICE_LINES, PROSPECTS, InputTable

if TYPE_CHECKING:  # polars is imported by the columnar reading only, not at every start
    from xlpareto.io.client_groups import ClientGroups

#: What ``report`` reads: the Clients columns and, optionally, a date per row.
REPORT_TABLE = InputTable(
    name=CLIENTS.name,  # in a workbook, the Clients table (or sheet) is read by default
    sheet=CLIENTS.sheet,
    top_left=(0, 0),
    key="client",
    item="row",
    columns=(INVOICE_LINES.column("date"), *CLIENTS.columns),
)
#: The per-client columns, as the Clients table names them.
_HEADERS = {c.role: c.header for c in CLIENTS.columns}
_PERIOD_END = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ReportOptions:
    """The option texts of ``report``/``new --data`` beyond reading (``None``: not given).

    Attributes
    ----------
    period_end, months, dayfirst : the periods of dated lines (SPEC section 11).
    budget, core_share, hourly_cost, spend_existing, spend_new, min_fit : numbers as typed.
    prospects : a prospect list (CSV/XLSX/Parquet).
    prior_given : ``--prior`` was given (an error with a date column).
    """

    period_end: str | None = None
    months: str | None = None
    dayfirst: bool | None = None
    budget: str | None = None
    core_share: str | None = None
    hourly_cost: str | None = None
    spend_existing: str | None = None
    spend_new: str | None = None
    min_fit: str | None = None
    prospects: Path | None = None
    prior_given: bool = False


@dataclass(frozen=True)
class Numbers:
    """The numeric options, parsed in the input's number style."""

    budget: float
    core_share: float
    hourly_cost: float | None
    spend_existing: float | None
    spend_new: float | None
    min_fit: float

    def engine_arguments(self) -> dict:
        """Keyword arguments of :func:`~xlpareto.engine.analyze_clients` beyond the rule."""
        return {
            "budget": self.budget,
            "core_share": self.core_share,
            "hourly_cost": self.hourly_cost,
            "spend_existing": self.spend_existing,
            "spend_new": self.spend_new,
            "min_fit": self.min_fit,
        }


def parse_numbers_options(options: ReportOptions, style: NumberStyle | None) -> Numbers:
    """The numeric options in ``style`` (None: a text such as ``50.000`` is ambiguous).

    Examples
    --------
    >>> parse_numbers_options(ReportOptions(budget="50.000"), NumberStyle.for_decimal(",")).budget
    50000.0
    """
    min_fit = parse_amount("--min-fit", options.min_fit, style, at_most=1)
    return Numbers(
        budget=parse_budget(options.budget, style=style),
        core_share=parse_core_share(options.core_share, style),
        hourly_cost=parse_amount("--hourly-cost", options.hourly_cost, style),
        spend_existing=parse_amount("--spend-existing", options.spend_existing, style),
        spend_new=parse_amount("--spend-new", options.spend_new, style),
        min_fit=DEFAULT_MIN_FIT if min_fit is None else min_fit,
    )


def parse_months(text: str | None) -> int:
    """``--months``: a whole number of months ≥ 1 (default 12)."""
    if text is None:
        return DEFAULT_MONTHS
    if not re.fullmatch(r"\s*\d+\s*", text) or int(text) < 1:
        raise XlparetoError(f"--months: must be a whole number of months ≥ 1, got {text!r}")
    return int(text)


def parse_period_end(text: str | None) -> np.datetime64 | None:
    """``--period-end``: a date written ``YYYY-MM-DD``."""
    if text is None:
        return None
    try:
        if not _PERIOD_END.fullmatch(text.strip()):
            raise ValueError
        return np.datetime64(text.strip(), "D")
    except ValueError:
        raise XlparetoError(f"--period-end: expected a date as YYYY-MM-DD, got {text!r}") from None


def read_options(
    sheet: str | None,
    columns: dict[str, str | None],
    delimiter: str | None,
    decimal: str | None,
    encoding: str | None,
) -> ReadOptions:
    """The reading options: ``columns`` maps roles of :data:`REPORT_TABLE` to ``--COL`` texts."""
    return ReadOptions(sheet, columns, delimiter, decimal, encoding)


def read_report_file(path: Path, options: ReadOptions) -> InputRows:
    """Read a client list or dated invoice lines (see the module docstring)."""
    return read_input_file(path, options, REPORT_TABLE)


def frame_rows(frame: pd.DataFrame, source: str, table: InputTable = REPORT_TABLE) -> InputRows:
    """The rows of an in-memory frame (the bundled sample lines), found by name like a file."""
    choice = find_columns(list(frame.columns), source, table)
    raw = {role: frame.iloc[:, position] for role, position in choice.items()}
    return input_rows(choice, raw, numeric_or_nan, source)


@dataclass(frozen=True)
class ClientInput:
    """One client list for the engine, from a client file or from dated lines.

    Attributes
    ----------
    clients, revenue, prior, costs, hours : the columns for
        :func:`~xlpareto.engine.prepare_clients` (``prior``/``costs``/``hours`` may be None).
    first_row : the file row of the first value (for messages).
    source : the input's name.
    number_style : the input's number style when known (for the numeric options).
    split : the periods, when the input has a date column.
    outside, undated, skipped_lines : lines outside both periods, lines without a date,
        used lines without a name or a numeric amount (dated input only).
    """

    clients: object
    revenue: np.ndarray
    prior: np.ndarray | None
    costs: np.ndarray | None
    hours: np.ndarray | None
    first_row: int
    source: str
    number_style: NumberStyle | None = None
    split: PeriodSplit | None = None
    outside: int = 0
    undated: int = 0
    skipped_lines: int = 0
    notes: list[str] = field(default_factory=list)
    #: Rows (lines) read from the input.
    lines: int = 0
    #: The rows already grouped per client (columnar reading); None: ``clients`` … ``hours``
    #: are rows for :func:`~xlpareto.engine.prepare_clients`.
    groups: ClientGroups | None = None

    def client_list(self) -> ClientList:
        """The engine's client list: skipped rows and merged duplicates counted."""
        if self.groups is None:
            return prepare_clients(
                self.clients, self.revenue, self.prior, self.first_row, self.costs, self.hours
            )
        groups = self.groups
        return grouped_client_list(
            groups.names,
            groups.revenue,
            groups.prior,
            groups.first_kept,
            groups.report,
            groups.cost_kept if self.costs is not None else None,
            groups.hours_kept if self.hours is not None else None,
        )

    def frame(self) -> pd.DataFrame:
        """One row per named client (first-seen order), numbers summed: the Clients table.

        A client whose revenue (or prior) has no number at all keeps a blank (NaN) there.
        """
        columns = {"client": client_names(self.clients), "revenue": self.revenue}
        for role in ("prior", "cost", "hours"):
            values = getattr(self, {"cost": "costs"}.get(role, role))
            if values is not None:
                columns[role] = values
        frame = pd.DataFrame({_HEADERS[r]: v for r, v in columns.items()})
        name = _HEADERS["client"]
        frame = frame[frame[name] != ""]
        if not frame[_HEADERS["revenue"]].notna().any():
            raise XlparetoError(f"{self.source}: {NO_REVENUE}")  # as report says it
        summed = frame.groupby(name, sort=False).sum(min_count=1).reset_index()
        return summed[summed.drop(columns=name).notna().any(axis=1)].reset_index(drop=True)

    def period_lines(self) -> list[str]:
        """What the periods were and which lines were not used (empty without dates)."""
        if self.split is None:
            return []
        split = self.split
        day = np.timedelta64(1, "D")
        lines = [
            f"Periods of {split.months} months: current {split.current_start + day} to "
            f"{split.end}, prior {split.prior_start + day} to {split.current_start}"
        ]
        if self.outside:
            lines.append(f"{self.outside:,} line(s) outside both periods not used")
        if self.undated:
            lines.append(f"{self.undated:,} line(s) without a date not used")
        if self.skipped_lines:
            lines.append(
                f"{self.skipped_lines:,} line(s) without a client name or a numeric amount skipped"
            )
        return lines


def dated_notes(rows: InputRows, options: ReportOptions) -> list[str]:
    """The notes for an input with a date column; ``--prior`` with one is an error."""
    date_header = rows.columns.header("date")
    if options.prior_given:
        raise XlparetoError(
            f"{rows.source}: --prior and the date column '{date_header}': use one or the "
            "other (with dates, both periods come from the lines)"
        )
    if "prior" not in rows.columns:
        return []
    return [
        f"column '{rows.columns.header('prior')}' not used: the periods come from the "
        f"dates in '{date_header}'"
    ]


def line_periods(rows: InputRows, options: ReportOptions) -> tuple[ParsedDates, PeriodSplit]:
    """The dates of the rows' date column and the periods they fall in (SPEC section 11);
    cells that are not dates are an error naming their rows."""
    header = rows.columns.header("date")
    parsed = parse_dates(rows.column("date"), options.dayfirst, name=f"column '{header}'")
    if parsed.unparseable.size:
        raise date_error(rows, parsed.unparseable)
    months, end = parse_months(options.months), parse_period_end(options.period_end)
    return parsed, split_periods(parsed.dates, months, end)


def check_date_options(source: str, options: ReportOptions) -> None:
    """Options about periods are an error for an input without a date column."""
    given = [
        option
        for option, value in (
            ("--period-end", options.period_end),
            ("--months", options.months),
            ("--dayfirst/--monthfirst", options.dayfirst),
        )
        if value is not None
    ]
    if given:
        raise XlparetoError(
            f"{source}: {given[0]} needs a date column, and none was found by name; "
            "choose it with --date"
        )


def date_error(rows: InputRows, positions: np.ndarray, count: int | None = None) -> XlparetoError:
    """The error for cells of the date column that are not dates (``positions``: 1-based
    lines of the first of them; ``count``: how many, default ``len(positions)``)."""
    count = len(positions) if count is None else count
    shown = ", ".join(str(p + rows.first_row - 1) for p in positions[:5])
    more = ", …" if count > 5 else ""
    return XlparetoError(
        f"{rows.source}: column '{rows.columns.header('date')}': {count:,} cell(s) are "
        f"not dates (rows {shown}{more})"
    )


def client_input(rows: InputRows, options: ReportOptions) -> ClientInput:
    """The client list of ``rows``: as read, or summed from dated lines per period."""
    hours = rows.column("hours")
    common = {"source": rows.source, "number_style": rows.number_style}
    if rows.column("date") is None:
        check_date_options(rows.source, options)
        check_counted_amounts(rows, (client_names(rows.clients) != "") & ~np.isnan(rows.revenue))
        return ClientInput(
            rows.clients,
            rows.revenue,
            rows.prior,
            rows.column("cost"),
            hours,
            rows.first_row,
            lines=rows.rows,
            **common,
        )
    notes = dated_notes(rows, options)
    parsed, split = line_periods(rows, options)
    names = client_names(rows.clients)
    amounts = rows.revenue
    unusable = (split.period != OUTSIDE) & ((names == "") | np.isnan(amounts))
    period = np.where(unusable, OUTSIDE, split.period).astype(np.int8)
    used = replace(split, period=period)
    check_counted_amounts(rows, period == CURRENT)  # the cost and hours the profit sums
    sums = sums_by_client(names, used, amounts, rows.column("cost"), hours).reset_index()
    undated = int(np.isnat(parsed.dates).sum())
    return ClientInput(
        sums["Client"].to_numpy(dtype=object),
        sums["Revenue"].to_numpy(),
        sums["Revenue prior"].to_numpy(),
        sums["Cost to serve"].to_numpy() if "Cost to serve" in sums else None,
        sums["Hours"].to_numpy() if "Hours" in sums else None,
        1,
        split=split,
        outside=split.outside,  # dated lines outside both periods (undated: counted apart)
        undated=undated,
        skipped_lines=int(unusable.sum()),
        notes=notes,
        lines=rows.rows,
        **common,
    )


def read_prospects(path: Path) -> pd.DataFrame:
    """The prospect list of ``path`` (Prospect, Expected revenue, Fit[, Probability]).

    Columns are found by name (:data:`~xlpareto.layout.inputs.PROSPECTS` synonyms);
    Fit and Probability may be written as percentages (``70 %``).
    """
    rows = read_input_file(path, ReadOptions(), PROSPECTS)
    frame = rows.to_frame()
    name = PROSPECTS.column("prospect").header
    frame[name] = client_names(frame[name])
    return frame


def check_hours(data: ClientInput, numbers: Numbers) -> ClientInput:
    """``data``, without its hours when there is no ``--hourly-cost`` to cost them.

    Hours cannot be costed without the cost of one hour: they are left out, and a note
    (printed with the periods) says so and names the option.
    """
    if data.hours is None or numbers.hourly_cost is not None:
        return data
    if not np.isfinite(np.asarray(data.hours, dtype=float)).any():
        return replace(data, hours=None)
    note = "hours not costed (no --hourly-cost): the profit counts the cost column only"
    return replace(data, hours=None, notes=[*data.notes, note])


def settings_numbers() -> Numbers:
    """The workbook's Settings defaults (what ``demo`` and a new workbook use)."""
    return Numbers(
        budget=float(layout.BUDGET_TOTAL.default),
        core_share=float(layout.CORE_SHARE.default),
        hourly_cost=float(layout.HOURLY_COST.default),
        spend_existing=float(layout.SPEND_EXISTING.default),
        spend_new=float(layout.SPEND_NEW.default),
        min_fit=float(layout.MIN_FIT.default),
    )
