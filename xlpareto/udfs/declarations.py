"""What every worksheet function declares: its category, how range arguments are read, and
the argument help texts shared by several functions.

Range arguments are declared with ``ndim=2`` (so a column stays a column and the result keeps
the input's orientation) and ``err_to_str=True`` (so an Excel error in the range arrives as
its literal, e.g. ``"#N/A"``, and is reported instead of being read as a number).
"""

from __future__ import annotations

from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.tiers import DEFAULT_CUTOFFS

CATEGORY = "xlpareto"
RANGE = {"ndim": 2, "err_to_str": True}

DOC_REVENUE = "A revenue, or a range of revenues (then one result per cell)."
DOC_REVENUES = "The client revenues to compare with. Omit to use 'revenue' itself."
DOC_CUTOFFS = (
    f"Cumulative-share cutoffs, e.g. {{{','.join(f'{c:g}' for c in DEFAULT_CUTOFFS)}}} "
    '(default), or "computed".'
)
DOC_UNIT = f"Smallest money unit (default {DEFAULT_UNIT:g})."
DOC_LABELS = "Tier labels, one more than cutoffs (default A, B, C)."
DOC_BEFORE = "Revenues of the prior period, one per client row."
DOC_AFTER = "Revenues of the current period, the same client rows."
DOC_CLIENT_REVENUES = "Client revenues (this period), one per client row."
DOC_COSTS = "Cost to serve each client, one per client row (blank = 0)."
DOC_HOURS = "Hours spent on each client, one per client row (blank = 0)."
DOC_HOURLY_COST = "Cost of one hour; needed when hours are given."
DOC_EXPECTED = "Expected revenue of each prospect (a year's revenue if won)."
DOC_FIT = "Fit of each prospect to the ready-made offer, 0 to 1."
DOC_PROBABILITY = "Chance to win each prospect, 0 to 1 (blank = 1)."
