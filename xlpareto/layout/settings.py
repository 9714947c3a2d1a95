"""The Settings sheet's named cells: name, label, default, row, number format and help."""

from __future__ import annotations

from dataclasses import dataclass

from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.engine.prospects import DEFAULT_MIN_FIT
from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.tiers import DEFAULT_CUTOFFS
from xlpareto.layout.book import SETTINGS_SHEET


@dataclass(frozen=True)
class Setting:
    """One named cell on the Settings sheet."""

    name: str
    label: str
    default: float | str | None  # None: the cell starts blank
    row: int  # zero-based row on the Settings sheet; the value sits in column B
    number_format: str
    help: str

    @property
    def cell(self) -> str:
        """A1 address of the value cell."""
        return f"B{self.row + 1}"

    @property
    def refers_to(self) -> str:
        """Absolute reference for the workbook-level defined name."""
        return f"={SETTINGS_SHEET}!$B${self.row + 1}"


TIER_METHODS = ("Fixed", "Computed")

CUTOFF_A = Setting(
    "CutoffA",
    "Cutoff A (cumulative share)",
    DEFAULT_CUTOFFS[0],
    3,
    "0%",
    "Clients before this cumulative revenue share are A clients.",
)
CUTOFF_B = Setting(
    "CutoffB",
    "Cutoff B (cumulative share)",
    DEFAULT_CUTOFFS[1],
    4,
    "0%",
    "Clients before this share (and after cutoff A) are B clients.",
)
TIER_METHOD = Setting(
    "TierMethod",
    "Tier method",
    "Fixed",
    5,
    "@",
    "Fixed uses the cutoffs above; Computed finds A/B/C from the data.",
)
BUDGET_TOTAL = Setting(
    "BudgetTotal",
    "Budget to split",
    100000,
    6,
    "#,##0.00",
    "Sales and marketing budget for the period.",
)
CORE_SHARE = Setting(
    "CoreShare",
    "Share for existing clients",
    DEFAULT_CORE_SHARE,
    7,
    "0%",
    "Part of the budget for existing clients; the rest goes to new business.",
)
BUDGET_UNIT = Setting(
    "BudgetUnit",
    "Budget unit",
    DEFAULT_UNIT,
    8,
    "0.00",
    "Budgets are whole multiples of this amount.",
)

HOURLY_COST = Setting(
    "HourlyCost",
    "Cost of one hour",
    50,
    9,
    "#,##0.00",
    "What an hour of your team's time costs; Hours in the Clients table are costed with it.",
)
SPEND_EXISTING = Setting(
    "SpendExisting",
    "Last period's spend on existing clients",
    40000,
    10,
    "#,##0.00",
    "Account management and sales time with the clients you have (leave blank if unknown).",
)
SPEND_NEW = Setting(
    "SpendNew",
    "Last period's spend on new business",
    25000,
    11,
    "#,##0.00",
    "Marketing and new-business sales to win new clients (leave blank if unknown).",
)
MIN_FIT = Setting(
    "MinFit",
    "Minimum fit for new-business money",
    DEFAULT_MIN_FIT,
    12,
    "0%",
    "Prospects whose Fit to the ready-made offer is below this get no budget (review first).",
)

SETTINGS = (
    CUTOFF_A,
    CUTOFF_B,
    TIER_METHOD,
    BUDGET_TOTAL,
    CORE_SHARE,
    BUDGET_UNIT,
    HOURLY_COST,
    SPEND_EXISTING,
    SPEND_NEW,
    MIN_FIT,
)
SETTING_NAMES = tuple(s.name for s in SETTINGS)
