"""The workbook's sheets, tables, names and cells: the one source of truth.

The template builder, the refresh macro, the command line's report writer and the tests all
read these constants instead of repeating strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlpareto.engine.columns import ANALYSIS_COLUMNS as ENGINE_ANALYSIS_COLUMNS

# --- sheets -------------------------------------------------------------------------------
START_SHEET = "Start"
CLIENTS_SHEET = "Clients"
SETTINGS_SHEET = "Settings"
DASHBOARD_SHEET = "Dashboard"
ANALYSIS_SHEET = "Analysis"
CONFIG_SHEET = "xlwings.conf"  # xlwings reads this exact name

SHEETS = (START_SHEET, CLIENTS_SHEET, SETTINGS_SHEET, DASHBOARD_SHEET, ANALYSIS_SHEET, CONFIG_SHEET)

#: VBA codeNames of the sheets (document modules in the VBA project carry these names).
SHEET_CODENAMES = {
    START_SHEET: "shStart",
    CLIENTS_SHEET: "shClients",
    SETTINGS_SHEET: "shSettings",
    DASHBOARD_SHEET: "shDashboard",
    ANALYSIS_SHEET: "shAnalysis",
    CONFIG_SHEET: "shConfig",
}
WORKBOOK_CODENAME = "ThisWorkbook"

# --- the user's input table ---------------------------------------------------------------
CLIENTS_TABLE = "Clients"
CLIENT_COLUMN = "Client"
REVENUE_COLUMN = "Revenue"
PRIOR_COLUMN = "Revenue prior"
CLIENTS_COLUMNS = (CLIENT_COLUMN, REVENUE_COLUMN, PRIOR_COLUMN)
CLIENTS_TOP_LEFT = (0, 0)  # zero-based (row, col) of the table's header cell: A1


# --- settings (named cells) ---------------------------------------------------------------
@dataclass(frozen=True)
class Setting:
    """One named cell on the Settings sheet."""

    name: str
    label: str
    default: float | str
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
    0.8,
    3,
    "0%",
    "Clients before this cumulative revenue share are A clients.",
)
CUTOFF_B = Setting(
    "CutoffB",
    "Cutoff B (cumulative share)",
    0.95,
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
    0.8,
    7,
    "0%",
    "Part of the budget for existing clients; the rest goes to new business.",
)
BUDGET_UNIT = Setting(
    "BudgetUnit", "Budget unit", 0.01, 8, "0.00", "Budgets are whole multiples of this amount."
)

SETTINGS = (CUTOFF_A, CUTOFF_B, TIER_METHOD, BUDGET_TOTAL, CORE_SHARE, BUDGET_UNIT)
SETTING_NAMES = tuple(s.name for s in SETTINGS)

# --- the Analysis sheet (written by the refresh and by `xlpareto report`) ------------------
ANALYSIS_TABLE = "ParetoTable"
ANALYSIS_COLUMNS = ENGINE_ANALYSIS_COLUMNS  # Rank … Movement, as the engine names them
ANALYSIS_TITLE_CELL = "A1"
ANALYSIS_STAMP_CELL = "A2"  # "Last refreshed ..." text
ANALYSIS_TABLE_TOP_LEFT = (3, 0)  # zero-based: header row on row 4, column A
ANALYSIS_SUMMARY_TOP_LEFT = (3, 11)  # zero-based: L4, right of the table (never overlaps it)
ANALYSIS_SUMMARY_ROWS = 40  # rows reserved for the summary block (cleared before writing)
ANALYSIS_CHART_ANCHOR = "O4"  # the chart sits right of the summary block
CHART_NAME = "ParetoChart"

# Number formats shared by every writer.
CURRENCY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "0"
TEXT_FORMAT = "@"  # Text: what is written stays literal text (never a formula)

# --- Dashboard ----------------------------------------------------------------------------
DASHBOARD_TITLE_CELL = "A1"

# --- xlwings.conf -------------------------------------------------------------------------
UDF_MODULES_KEY = "UDF Modules"
UDF_MODULE = "xlpareto.udfs"
MACROS_MODULE = "xlpareto.macros"

# --- Analysis sheet: chart and block placement (added by the workbook builder) -------------
ANALYSIS_CHART_SIZE = (20, 9)  # (rows, columns) the chart covers from ANALYSIS_CHART_ANCHOR
ANALYSIS_BLOCKS_TOP_LEFT = (24, 14)  # zero-based O25: budget table, then migration matrix
ANALYSIS_AREA_COLUMNS = 12  # columns L:W hold the summary area (summary, chart, blocks)
