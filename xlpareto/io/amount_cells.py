"""Cost and hours cells of rows already read (Excel, CSV row by row): the cells that are no
number (SPEC sections 9 and 12; the error is
:func:`~xlpareto.io.input_rows.check_counted_amounts`). The columnar path checks the same
rule in its queries (:mod:`xlpareto.io.amount_checks`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The amounts that are an error where a counted row holds text, a boolean or a negative
#: number in them (SPEC section 9), by role, with the name the message gives them; a
#: revenue that is not a number skips its row instead.
CHECKED_AMOUNTS = {"cost": "costs", "hours": "hours"}


def unread_cells(
    cells: pd.Series, numbers: np.ndarray, written: pd.Series | None = None
) -> pd.Series:
    """The cells that are neither blank (empty, only spaces) nor read as a number, with
    their 0-based positions as the index (and, given ``written``, its values there: the
    cells as the file has them, ``cells`` being cleaned).

    Examples
    --------
    >>> unread_cells(pd.Series([1.5, "", " ", "n/a", True]), np.array([1.5, *[np.nan] * 4]))
    3     n/a
    4    True
    dtype: object
    """
    cells = pd.Series(cells, dtype=object).reset_index(drop=True)
    unread = np.isnan(np.asarray(numbers, dtype=float))
    if not unread.any():
        return cells.iloc[:0]
    candidates = cells[unread]
    blank = candidates.map(lambda v: v is None or (isinstance(v, float) and np.isnan(v)))
    blank |= candidates.map(lambda v: isinstance(v, str) and not v.strip())
    found = candidates[~blank.to_numpy(dtype=bool)]
    if written is None:
        return found
    return pd.Series(written, dtype=object).reset_index(drop=True)[found.index]
