"""Realistic sample clients, generated deterministically from a seed.

About 200 small-company clients with skewed (Pareto-like) revenues, a prior-year column with a
few new clients (no prior revenue) and a few lost ones (revenue 0 this year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xlpareto import layout

SEED = 2026

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
    """The sample client table: columns Client, Revenue, Revenue prior.

    Examples
    --------
    >>> frame = sample_clients()
    >>> list(frame.columns), len(frame)
    (['Client', 'Revenue', 'Revenue prior'], 200)
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
    return pd.DataFrame(
        {
            layout.CLIENT_COLUMN: names,
            layout.REVENUE_COLUMN: revenue,
            layout.PRIOR_COLUMN: prior_values,
        }
    )
