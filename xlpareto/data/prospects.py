"""Sample prospects for the template's Prospects sheet: 25 realistic possible clients.

Expected revenue is a year's revenue if won, Fit how close the need is to the ready-made
offer, Probability the chance to win. A few are tailor-made (Fit below the ``MinFit``
default of 0.5): they get no new-business money until someone reviews them.

Examples
--------
>>> frame = sample_prospects()
>>> len(frame), list(frame.columns)
(25, ['Prospect', 'Expected revenue', 'Fit', 'Probability'])
>>> int((frame["Fit"] < 0.5).sum())
4
"""

from __future__ import annotations

import pandas as pd

from xlpareto.layout.inputs import PROSPECTS

#: (name, expected revenue, fit, probability); hand-written, so the sample is stable.
PROSPECT_ROWS: tuple[tuple[str, float, float, float | None], ...] = (
    ("Harborview Dental Group", 18_000, 0.9, 0.6),
    ("Northgate Logistics GmbH", 42_000, 0.8, 0.35),
    ("Clearwater Optics", 9_500, 0.95, 0.7),
    ("Redstone Builders Ltd", 26_000, 0.7, 0.4),
    ("Lumen Print & Media", 7_200, 0.85, 0.8),
    ("Saltmarsh Hotels AG", 55_000, 0.6, 0.25),
    ("Greenfield Garden Centre", 6_400, 0.9, 0.65),
    ("Atlas Engineering S.A.", 88_000, 0.3, 0.3),  # tailor-made: a new workflow
    ("Brookside Pharmacy", 11_000, 0.8, 0.5),
    ("Kingsway Motors", 23_500, 0.65, 0.45),
    ("Mosaic Studio", 4_800, 1.0, 0.9),
    ("Pioneer Foods Inc.", 31_000, 0.75, 0.3),
    ("Silverbirch Legal LLP", 14_500, 0.55, 0.5),
    ("Ironbridge Plastics BV", 62_000, 0.25, 0.2),  # tailor-made: integration project
    ("Tallis Travel", 8_900, 0.8, None),
    ("Westwind Textiles", 19_000, 0.7, 0.4),
    ("Cobalt Electric Co.", 27_500, 0.5, 0.35),  # exactly the minimum fit: funded
    ("Fernhill Vineyards", 12_800, 0.9, 0.55),
    ("Quayside Catering", 5_600, 0.85, 0.75),
    ("Orion Clinic", 37_000, 0.4, 0.5),  # tailor-made: custom reporting
    ("Stonegate Roofing", 9_900, 0.75, 0.6),
    ("Bramble Coffee Roasters", 3_900, 0.95, 0.85),
    ("Vantage Consulting Ltd", 48_000, 0.45, 0.4),  # tailor-made: bespoke service
    ("Highmoor Cycles", 6_100, 0.9, 0.7),
    ("Meridian Supplies GmbH", 21_000, 0.6, 0.45),
)


def sample_prospects() -> pd.DataFrame:
    """The sample prospect table, with the Prospects schema's headers."""
    return pd.DataFrame(
        [(name, float(value), fit, probability) for name, value, fit, probability in PROSPECT_ROWS],
        columns=list(PROSPECTS.headers),
    )
