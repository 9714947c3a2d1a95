"""Dated invoice lines for the sample clients: two years, so ``demo`` shows a real bridge.

Each client's ``Revenue prior`` is split into invoice lines dated in the prior period
(:data:`PRIOR_YEAR`) and its ``Revenue`` into lines of the current period
(:data:`CURRENT_YEAR`), exactly to the cent; its cost to serve and hours go on its current
lines (to the cent, to the tenth of an hour). A few older lines (:data:`OLDER_YEAR`) fall
outside both periods, as in a real export. Deterministic for a seed.

Examples
--------
>>> lines = sample_invoice_lines()
>>> list(lines.columns)
['Invoice date', 'Client', 'Amount', 'Cost', 'Hours']
>>> str(lines["Invoice date"].max().date()) == PERIOD_END
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xlpareto import layout
from xlpareto.data.sample import SEED, sample_clients

PERIOD_END = "2025-12-31"
CURRENT_YEAR, PRIOR_YEAR, OLDER_YEAR = 2025, 2024, 2023
#: Lines dated before the prior period (not used by a 12-month analysis).
OLDER_LINES = 24
COLUMNS = ("Invoice date", "Client", "Amount", "Cost", "Hours")


def _split(total: float, parts: int, rng: np.random.Generator, scale: int) -> np.ndarray:
    """``total`` in ``parts`` positive pieces of ``1/scale`` that add up exactly."""
    units = round(total * scale)
    parts = max(1, min(parts, units))
    pieces = rng.multinomial(units - parts, rng.dirichlet(np.full(parts, 2.0))) + 1
    return pieces / scale


def _days(year: int, count: int, rng: np.random.Generator) -> np.ndarray:
    start = np.datetime64(f"{year}-01-01", "D")
    length = int((np.datetime64(f"{year + 1}-01-01", "D") - start).astype(np.int64))
    return start + rng.integers(0, length, size=count)


def sample_invoice_lines(seed: int = SEED) -> pd.DataFrame:
    """Invoice lines over two years whose sums per period are the sample clients' revenues.

    Returns
    -------
    pandas.DataFrame : ``Invoice date`` (dates), ``Client``, ``Amount``, ``Cost``, ``Hours``
    (NaN where the client has no cost figures), sorted by date.
    """
    clients = sample_clients(seed=seed)
    rng = np.random.default_rng([seed, 2])
    pieces: list[pd.DataFrame] = []
    for row in clients.itertuples(index=False):
        name, revenue, prior, cost, hours = row
        parts = int(np.clip(round(np.log1p(max(revenue, prior or 0) / 500.0) * 2.5), 1, 24))
        for year, amount in ((PRIOR_YEAR, prior), (CURRENT_YEAR, revenue)):
            if amount is None or not amount > 0:
                continue
            amounts = _split(float(amount), parts, rng, 100)
            frame = {"Invoice date": _days(year, amounts.size, rng), "Amount": amounts}
            for column, value, scale in (("Cost", cost, 100), ("Hours", hours, 10)):
                values = np.full(amounts.size, np.nan)
                if year == CURRENT_YEAR and value == value and value > 0:
                    split = _split(float(value), amounts.size, rng, scale)
                    values[: split.size] = split
                    values[split.size :] = 0.0
                frame[column] = values
            pieces.append(pd.DataFrame({"Client": name, **frame}))
    lines = pd.concat(pieces, ignore_index=True)
    picks = rng.choice(len(clients), size=OLDER_LINES, replace=False)
    history = pd.DataFrame(
        {
            "Invoice date": _days(OLDER_YEAR, OLDER_LINES, rng),
            "Client": clients[layout.CLIENT_COLUMN].to_numpy()[picks],
            "Amount": np.round(rng.uniform(200, 4000, size=OLDER_LINES), 2),
            "Cost": np.nan,
            "Hours": np.nan,
        }
    )
    lines = pd.concat([lines, history], ignore_index=True)
    last = lines.index[lines["Invoice date"].dt.year == CURRENT_YEAR][-1]
    lines.loc[last, "Invoice date"] = pd.Timestamp(PERIOD_END)  # the period end is a line
    lines = lines.sort_values("Invoice date", kind="stable").reset_index(drop=True)
    return lines[list(COLUMNS)]
