"""A date column, read from what files hold: real dates, Excel serials or text.

- Real dates and datetimes (``datetime.date``, ``datetime``, ``pandas.Timestamp``,
  ``datetime64``): their calendar day (a time of day and a time zone are dropped, keeping the
  local wall-clock date).
- Numbers: Excel serials of the 1900 date system (1 = 1900-01-01; Excel's fictional
  1900-02-29, serial 60, is not a date; serials from 61 on are days since 1899-12-30); a
  fraction (time of day) is dropped. Serials below 1 or after 9999-12-31 and booleans are not
  dates.
- ISO text ``YYYY-MM-DD`` (also with ``/`` or ``.``), optionally followed by a time.
- Day-first (``31/12/2024``) or month-first (``12/31/2024``) text with ``/``, ``.`` or
  ``-`` and a four-digit year, optionally followed by a time. The style is chosen on the
  whole column: the one that fits every such text. A column that fits both, where the choice
  changes at least one date, is an error naming ``--dayfirst`` / ``--monthfirst``; a column
  mixing texts that fit only one style each is an error too. ``dayfirst=True/False``
  overrides the detection.

Blank cells become NaT and are counted; a non-blank cell that is not a date becomes NaT and
its position is reported (:attr:`ParsedDates.unparseable`), never silently dropped. Each
distinct value is parsed once (invoice lines repeat their dates), vectorised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from xlpareto.errors import XlparetoError

_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = rf"^(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}$"
_DAY_MONTH = rf"^(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}){_TIME}$"
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
_LAST_SERIAL = 2958465  # 9999-12-31
_NAT = np.datetime64("NaT", "D")

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"


@dataclass(frozen=True)
class ParsedDates:
    """A parsed date column.

    Attributes
    ----------
    dates : ``datetime64[D]`` per cell (NaT for blanks and for cells that are not dates).
    unparseable : 1-based positions of the non-blank cells that are not dates.
    blank : number of blank cells.
    style : ``"day-first"`` or ``"month-first"`` when day/month text was read, else None.
    """

    dates: np.ndarray
    unparseable: np.ndarray
    blank: int
    style: str | None

    def describe_unparseable(self, name: str = "date", limit: int = 5) -> str:
        """One line about the cells that are not dates ("" when there are none)."""
        count = self.unparseable.size
        if not count:
            return ""
        shown = ", ".join(str(p) for p in self.unparseable[:limit])
        more = ", …" if count > limit else ""
        return f"{name}: {count} cell(s) are not dates (positions {shown}{more})"


def _valid_dates(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """``datetime64[D]`` of year/month/day integers, NaT where that day does not exist."""
    ok = (month >= 1) & (month <= 12) & (day >= 1) & (year >= 1)
    first = (year.astype(np.int64) - 1970).astype("M8[Y]").astype("M8[M]")
    months = first + (np.where(ok, month, 1) - 1).astype("m8[M]")
    length = ((months + 1).astype("M8[D]") - months.astype("M8[D]")).astype(np.int64)
    ok &= day <= length
    dates = months.astype("M8[D]") + (np.where(ok, day, 1) - 1).astype("m8[D]")
    return np.where(ok, dates, _NAT)


def serials_to_dates(serials: np.ndarray) -> np.ndarray:
    """Excel 1900-system serials as ``datetime64[D]`` (NaT where not a date).

    Examples
    --------
    >>> serials_to_dates(np.array([1, 59, 60, 61, 45657.75, 0])).astype(str).tolist()
    ['1900-01-01', '1900-02-28', 'NaT', '1900-03-01', '2024-12-31', 'NaT']
    """
    numbers = np.asarray(serials, dtype=float)
    whole = np.floor(numbers)
    ok = (whole >= 1) & (whole <= _LAST_SERIAL) & (whole != 60)
    days = np.where(ok, whole, 61).astype(np.int64)
    days = np.where(days < 60, days + 1, days)  # before the fictional 1900-02-29
    return np.where(ok, _EXCEL_EPOCH + days.astype("m8[D]"), _NAT)


def _text_dates(texts: pd.Series, dayfirst: bool | None, first_positions: np.ndarray, name: str):
    """Parse distinct texts; returns (dates, blank mask, style)."""
    stripped = texts.str.strip()
    blank = (stripped == "").to_numpy(dtype=bool)
    dates = np.full(len(texts), _NAT)
    iso = stripped.str.extract(_ISO)
    is_iso = iso[0].notna().to_numpy(dtype=bool)
    if is_iso.any():
        parts = iso[is_iso][[0, 2, 3]].astype(np.int64).to_numpy()
        dates[is_iso] = _valid_dates(parts[:, 0], parts[:, 1], parts[:, 2])
    day_month = stripped.str.extract(_DAY_MONTH)
    is_dm = day_month[0].notna().to_numpy(dtype=bool)
    style = None
    if is_dm.any():
        parts = day_month[is_dm][[0, 2, 3]].astype(np.int64).to_numpy()
        first, second, year = parts[:, 0], parts[:, 1], parts[:, 2]
        as_day_first = _valid_dates(year, second, first)
        as_month_first = _valid_dates(year, first, second)
        if dayfirst is None:
            dayfirst = _detect_style(
                ~np.isnat(as_day_first),
                ~np.isnat(as_month_first),
                first != second,
                texts[is_dm].to_numpy(dtype=object),
                first_positions[is_dm],
                name,
            )
        dates[is_dm] = as_day_first if dayfirst else as_month_first
        style = DAY_FIRST if dayfirst else MONTH_FIRST
    return dates, blank, style


def _detect_style(
    day_ok: np.ndarray,
    month_ok: np.ndarray,
    differs: np.ndarray,
    texts: np.ndarray,
    positions: np.ndarray,
    name: str,
) -> bool:
    """True for day-first; raise when the column is ambiguous or mixed."""
    fits = day_ok | month_ok
    all_day = bool(day_ok[fits].all())
    all_month = bool(month_ok[fits].all())
    if all_day and all_month:
        matters = fits & differs
        if matters.any():
            index = int(np.flatnonzero(matters)[np.argmin(positions[matters])])
            raise XlparetoError(
                f"{name}: the dates fit both day-first and month-first (e.g. "
                f"{str(texts[index]).strip()!r} at position {positions[index]}); "
                "choose --dayfirst or --monthfirst"
            )
        return True  # every date reads the same either way
    if all_day or all_month:
        return all_day
    day_only = int(np.flatnonzero(day_ok & ~month_ok)[0])
    month_only = int(np.flatnonzero(month_ok & ~day_ok)[0])
    raise XlparetoError(
        f"{name}: the column mixes day-first ({str(texts[day_only]).strip()!r} at position "
        f"{positions[day_only]}) and month-first ({str(texts[month_only]).strip()!r} at "
        f"position {positions[month_only]}) dates"
    )


def _wall_date(value: object) -> np.datetime64:
    if isinstance(value, dt.datetime):
        return np.datetime64(value.replace(tzinfo=None), "D")
    if isinstance(value, dt.date):
        return np.datetime64(value, "D")
    return np.datetime64(value, "D")  # numpy datetime64


def _kinds(uniques: np.ndarray) -> np.ndarray:
    """Kind of each distinct value: 0 text, 1 number, 2 date, 3 other (not a date)."""
    inferred = pd.api.types.infer_dtype(uniques, skipna=True)
    fixed = {"string": 0, "integer": 1, "floating": 1, "mixed-integer-float": 1, "decimal": 1}
    fixed |= {"datetime": 2, "datetime64": 2, "date": 2, "boolean": 3}
    if inferred in fixed:
        return np.full(uniques.size, fixed[inferred], dtype=np.int8)

    def kind(value: object) -> int:  # mixed column: one check per distinct value
        if isinstance(value, str):
            return 0
        if isinstance(value, (bool, np.bool_)):
            return 3
        if isinstance(value, (int, float, np.integer, np.floating)):
            return 1
        if isinstance(value, (dt.date, np.datetime64)):
            return 2
        return 3

    return np.fromiter((kind(v) for v in uniques), dtype=np.int8, count=uniques.size)


def parse_dates(
    values: object,
    dayfirst: bool | None = None,
    name: str = "date",
    positions: np.ndarray | None = None,
) -> ParsedDates:
    """Parse a date column (see the module docstring for what is read).

    Parameters
    ----------
    values : the column (Series, array or list).
    dayfirst : ``True``/``False`` forces day-first / month-first text; ``None`` detects it.
    name : the column or option named in messages.
    positions : the 1-based line of each value, when ``values`` are the distinct texts of a
        longer column (default: each value's own position).

    Examples
    --------
    >>> parsed = parse_dates(["31/12/2024", "2024-01-05", 45292, None, "soon"])
    >>> parsed.dates.astype(str).tolist(), parsed.unparseable.tolist(), parsed.style
    (['2024-12-31', '2024-01-05', '2024-01-01', 'NaT', 'NaT'], [5], 'day-first')
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(np.ravel(values)))
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(series.dtype):
        dates = series.to_numpy(dtype="M8[ns]").astype("M8[D]")
        return ParsedDates(dates, np.array([], dtype=np.intp), int(np.isnat(dates).sum()), None)
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    codes, uniques = pd.factorize(np.asarray(series, dtype=object), use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    first_seen = np.full(uniques.size, 0, dtype=np.intp)
    present, first_index = np.unique(codes, return_index=True)
    keep = present >= 0
    first_seen[present[keep]] = (
        first_index[keep] + 1 if positions is None else np.asarray(positions)[first_index[keep]]
    )
    kinds = _kinds(uniques)
    parsed = np.full(uniques.size, _NAT)
    blank = np.zeros(uniques.size, dtype=bool)
    style = None
    numbers = kinds == 1
    if numbers.any():
        parsed[numbers] = serials_to_dates(uniques[numbers].astype(float))
    texts = kinds == 0
    if texts.any():
        text_dates, text_blank, style = _text_dates(
            pd.Series(uniques[texts], dtype=object).astype(str),
            dayfirst,
            first_seen[texts],
            name,
        )
        parsed[texts] = text_dates
        blank[texts] = text_blank
    real = kinds == 2
    if real.any():
        parsed[real] = np.array([_wall_date(v) for v in uniques[real]], dtype="M8[D]")
    not_date = np.isnat(parsed) & ~blank
    dates = np.append(parsed, _NAT)[codes]  # code −1 (None, NaN) picks the trailing NaT
    unparseable = np.flatnonzero(np.append(not_date, False)[codes]) + 1
    blank_count = int(np.count_nonzero(np.append(blank, True)[codes]))
    return ParsedDates(dates, unparseable, blank_count, style)
