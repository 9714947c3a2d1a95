"""Column names of the engine's client table (also the workbook's ParetoTable columns)."""

from __future__ import annotations

TABLE_COLUMNS = (
    "Rank",
    "Client",
    "Revenue",
    "Share",
    "Cumulative share",
    "Tier",
    "Gap to next tier",
)
BUDGET_COLUMN = "Budget"
PRIOR_TIER_COLUMN = "Prior tier"
MOVEMENT_COLUMN = "Movement"
#: The full analysis table: the client table, its budget and the tier movement.
ANALYSIS_COLUMNS = (*TABLE_COLUMNS, BUDGET_COLUMN, PRIOR_TIER_COLUMN, MOVEMENT_COLUMN)
COST_COLUMN = "Cost"
PROFIT_COLUMN = "Profit"
#: Columns the analysis table gains when costs are given (SPEC section 9).
PROFIT_COLUMNS = (COST_COLUMN, PROFIT_COLUMN)
