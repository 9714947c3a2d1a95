"""Realistic sample clients, generated deterministically from a seed.

About 200 small-company clients with skewed (Pareto-like) revenues, a prior-year column with a
few new clients (no prior revenue) and a few lost ones (revenue 0 this year), and for most
clients a cost to serve and the hours spent (costed at the ``HourlyCost`` default): a
handful of them cost more than they bring, one of them the third-largest client.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xlpareto import layout
from xlpareto.layout.inputs import CLIENTS

SEED = 2026
#: Share of the clients (with revenue) that have a cost to serve and hours.
COSTED_SHARE = 0.85
#: How many clients lose money; the first of them is the client of revenue rank 3.
LOSS_MAKERS = 5
LOSS_MAKER_RANK = 3

_FIRST = (
    "Alder",
    "Birch",
    "Cedar",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Linden",
    "Maple",
    "Northwind",
    "Orchard",
    "Pinnacle",
    "Quarry",
    "Riverside",
    "Summit",
    "Tidewater",
    "Upland",
    "Valley",
    "Willow",
    "Yarrow",
    "Zenith",
    "Beacon",
    "Copper",
    "Driftwood",
    "Evergreen",
    "Fieldstone",
    "Bluebell",
    "Ironwood",
    "Lakeshore",
    "Meadow",
    "Oakridge",
    "Silverline",
    "Sunrise",
    "Westbrook",
    "Highland",
    "Brightwater",
)
_SECOND = (
    "Bakery",
    "Logistics",
    "Dental",
    "Print",
    "Builders",
    "Consulting",
    "Foods",
    "Motors",
    "Florist",
    "Legal",
    "Optics",
    "Outfitters",
    "Pharmacy",
    "Studio",
    "Textiles",
    "Tools",
    "Travel",
    "Vineyards",
    "Hotels",
    "Electric",
    "Coffee",
    "Cycles",
    "Garden Centre",
    "Engineering",
    "Clinic",
    "Roofing",
    "Catering",
    "Media",
    "Plastics",
    "Supplies",
)
_SUFFIX = ("Ltd", "GmbH", "Inc.", "& Sons", "AG", "LLC", "Co.", "S.A.", "BV", "")


def sample_clients(n: int = 200, seed: int = SEED) -> pd.DataFrame:
    """The sample client table: Client, Revenue, Revenue prior, Cost to serve, Hours.

    Examples
    --------
    >>> frame = sample_clients()
    >>> list(frame.columns), len(frame)
    (['Client', 'Revenue', 'Revenue prior', 'Cost to serve', 'Hours'], 200)
    """
    rng = np.random.default_rng(seed)
    combos = [(f, s) for f in _FIRST for s in _SECOND]
    picks = rng.choice(len(combos), size=n, replace=False)
    suffixes = rng.choice(len(_SUFFIX), size=n)
    names = [
        " ".join(p for p in (*combos[i], _SUFFIX[j]) if p)
        for i, j in zip(picks, suffixes, strict=True)
    ]
    revenue = np.round((rng.pareto(1.05, size=n) + 1.0) * 2_500.0, 2)
    growth = rng.lognormal(mean=0.03, sigma=0.35, size=n)
    prior = np.round(revenue / growth, 2)
    order = rng.permutation(n)
    new_clients = order[:12]
    lost_clients = order[12:20]
    prior_values = prior.astype(object)
    prior_values[new_clients] = None
    revenue[lost_clients] = 0.0
    cost, hours = _costs(revenue, np.random.default_rng([seed, 1]))
    return pd.DataFrame(
        {
            layout.CLIENT_COLUMN: names,
            layout.REVENUE_COLUMN: revenue,
            layout.PRIOR_COLUMN: prior_values,
            CLIENTS.column("cost").header: cost,
            CLIENTS.column("hours").header: hours,
        }
    )


def _costs(revenue: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Cost to serve and hours: most clients profitable, a few loss makers (NaN: unknown).

    Drawn from their own generator, so the names and revenues stay those of the seed.
    """
    n = revenue.size
    rate = float(layout.HOURLY_COST.default)
    active = np.flatnonzero(revenue > 0)
    costed = np.zeros(n, dtype=bool)
    costed[rng.choice(active, size=round(COSTED_SHARE * active.size), replace=False)] = True
    cost_share = rng.uniform(0.15, 0.45, size=n)  # of revenue, as cost to serve
    time_share = rng.uniform(0.05, 0.30, size=n)  # of revenue, as hours × hourly cost
    ranked = np.argsort(-revenue, kind="stable")
    smaller = ranked[active.size // 2 : max(active.size - 5, active.size // 2)]  # B and C
    others = rng.choice(smaller, min(LOSS_MAKERS - 1, smaller.size), replace=False)
    top = ranked[min(LOSS_MAKER_RANK, active.size) - 1 : min(LOSS_MAKER_RANK, active.size)]
    losers = np.concatenate([top, others]).astype(np.intp)
    costed[losers] = True
    time_share[losers] = rng.uniform(0.75, 1.05, size=losers.size)  # with cost: above 1
    cost = np.where(costed, np.round(revenue * cost_share, 2), np.nan)
    hours = np.where(costed, np.round(revenue * time_share / rate * 2) / 2, np.nan)
    return cost, hours
