"""Periods from dated invoice lines (SPEC section 11), on parsed dates (``datetime64[D]``).

With period end ``E`` and ``N`` months, the current period is ``(E − N months, E]`` and the
prior period ``(E − 2N months, E − N months]``. Months are calendar months; a day past the
end of a shorter month is clamped to its last day (2024-03-31 − 1 month = 2024-02-29), and
``E − 2N months`` is taken from ``E`` directly (not by stepping twice). Lines without a date
(NaT) or outside both periods are not used and are counted.

:func:`sums_by_client` adds up amount, cost and hours per client key in one vectorised pass
(clients in order of their first used line; a client with no line in either period is left
out; an amount that is NaN adds nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from xlpareto.errors import XlparetoError

DEFAULT_MONTHS = 12
CURRENT, PRIOR, OUTSIDE = 0, 1, -1


def subtract_months(dates: np.ndarray | np.datetime64, months: int) -> np.ndarray:
    """``dates − months`` calendar months, clamped to the end of the target month.

    Examples
    --------
    >>> subtract_months(np.array(["2024-03-31", "2023-03-31", "2024-05-15"], "M8[D]"), 1)
    array(['2024-02-29', '2023-02-28', '2024-04-15'], dtype='datetime64[D]')
    """
    days = np.asarray(dates, dtype="M8[D]")
    month = days.astype("M8[M]")
    day_of_month = (days - month.astype("M8[D]")).astype(np.int64)  # 0-based
    target = month - np.timedelta64(int(months), "M")
    month_length = ((target + 1).astype("M8[D]") - target.astype("M8[D]")).astype(np.int64)
    return target.astype("M8[D]") + np.minimum(day_of_month, month_length - 1)


@dataclass(frozen=True)
class PeriodSplit:
    """Which period each line falls in.

    Attributes
    ----------
    end : ``E``; ``current_start`` = ``E − N months``; ``prior_start`` = ``E − 2N months``
        (both starts excluded from their period).
    period : per line ``0`` (current), ``1`` (prior) or ``−1`` (not used).
    undated : number of lines without a date (NaT).
    """

    end: np.datetime64
    current_start: np.datetime64
    prior_start: np.datetime64
    months: int
    period: np.ndarray

    @property
    def current(self) -> np.ndarray:
        """Mask of lines in the current period."""
        return self.period == CURRENT

    @property
    def prior(self) -> np.ndarray:
        """Mask of lines in the prior period."""
        return self.period == PRIOR

    undated: int = 0

    @property
    def unused(self) -> int:
        """Number of lines not used: outside both periods or without a date."""
        return int(np.count_nonzero(self.period == OUTSIDE))

    @property
    def outside(self) -> int:
        """Number of dated lines outside both periods."""
        return self.unused - self.undated


def split_periods(
    dates: np.ndarray, months: int = DEFAULT_MONTHS, period_end: object | None = None
) -> PeriodSplit:
    """Assign each dated line to the current period, the prior period or neither.

    Parameters
    ----------
    dates : ``datetime64`` per line (NaT for a missing date), floored to days.
    months : period length ``N`` in calendar months (a whole number ≥ 1).
    period_end : ``E`` (anything ``np.datetime64`` reads, e.g. ``"2024-12-31"``); default the
        latest date.

    Examples
    --------
    >>> dates = np.array(["2024-12-31", "2023-12-31", "2024-01-01", "2022-12-31"], "M8[D]")
    >>> split = split_periods(dates, 12)
    >>> split.period.tolist(), split.outside, str(split.current_start)
    ([0, 1, 0, -1], 1, '2023-12-31')
    """
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise XlparetoError(f"months: must be a whole number of months ≥ 1, got {months!r}")
    days = np.asarray(dates).astype("M8[D]")
    if period_end is None:
        known = days[~np.isnat(days)]
        if not known.size:
            raise XlparetoError("dates: no line has a date")
        end = known.max()
    else:
        try:
            end = np.datetime64(period_end, "D")
        except (TypeError, ValueError):
            raise XlparetoError(f"period_end: {period_end!r} is not a date (YYYY-MM-DD)") from None
        if np.isnat(end):
            raise XlparetoError("period_end: a date is required")
    current_start = subtract_months(end, int(months))[()]
    prior_start = subtract_months(end, 2 * int(months))[()]
    period = np.full(days.size, OUTSIDE, dtype=np.int8)  # NaT compares False: stays −1
    period[(days > current_start) & (days <= end)] = CURRENT
    period[(days > prior_start) & (days <= current_start)] = PRIOR
    undated = int(np.count_nonzero(np.isnat(days)))
    return PeriodSplit(end, current_start, prior_start, int(months), period, undated)


def sums_by_client(
    keys: object,
    split: PeriodSplit,
    amount: object,
    cost: object | None = None,
    hours: object | None = None,
) -> pd.DataFrame:
    """Per client key: current revenue, prior revenue, and current cost and hours.

    Returns a DataFrame indexed by client (``Client``; first-used order) with columns
    ``Revenue``, ``Revenue prior`` and, when given, ``Cost to serve`` and ``Hours``.

    Examples
    --------
    >>> dates = np.array(["2024-06-01", "2023-06-01", "2024-05-01", "2020-01-01"], "M8[D]")
    >>> split = split_periods(dates, 12)
    >>> sums_by_client(["b", "a", "b", "c"], split, [10.0, 5, 2, 99]).reset_index().values.tolist()
    [['b', 12.0, 0.0], ['a', 0.0, 5.0]]
    """
    period = split.period
    names = np.asarray(keys, dtype=object).ravel()
    columns = {"amount": amount, "cost": cost, "hours": hours}
    arrays = {k: np.asarray(v, dtype=float).ravel() for k, v in columns.items() if v is not None}
    for name, array in [("keys", names), *arrays.items()]:
        if array.size != period.size:
            raise XlparetoError(
                f"{name}: must have one cell per line ({array.size} for {period.size} lines)"
            )
    used = period != OUTSIDE
    codes, clients = pd.factorize(pd.Series(names[used], dtype=object), sort=False)
    if (codes < 0).any():
        position = int(np.flatnonzero(used)[np.flatnonzero(codes < 0)[0]]) + 1
        raise XlparetoError(f"keys: blank client at line {position}")
    count = len(clients)
    line_period = period[used].astype(np.intp)
    slot = codes + count * line_period  # current sums first, then prior
    result = {}

    def summed(name: str) -> np.ndarray:
        values = arrays[name][used]
        infinite = np.isinf(values)
        if infinite.any():
            position = int(np.flatnonzero(used)[np.flatnonzero(infinite)[0]]) + 1
            raise XlparetoError(f"{name}: infinite value at line {position}")
        sums = np.bincount(
            slot, weights=np.where(np.isnan(values), 0.0, values), minlength=2 * count
        )
        if not np.isfinite(sums).all():
            raise XlparetoError(f"{name}: the sums per client are too large to add up")
        return sums

    amounts = summed("amount")
    result["Revenue"] = amounts[:count]
    result["Revenue prior"] = amounts[count:]
    for key, column in (("cost", "Cost to serve"), ("hours", "Hours")):
        if key in arrays:
            result[column] = summed(key)[:count]
    return pd.DataFrame(result, index=pd.Index(clients, name="Client", dtype=object))
