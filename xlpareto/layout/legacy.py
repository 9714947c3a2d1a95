"""Input table constants (being replaced by the descriptions; the Analysis sheet has one)."""

from __future__ import annotations

# --- the user's input table ---------------------------------------------------------------
CLIENTS_TABLE = "Clients"
CLIENT_COLUMN = "Client"
REVENUE_COLUMN = "Revenue"
PRIOR_COLUMN = "Revenue prior"
CLIENTS_COLUMNS = (CLIENT_COLUMN, REVENUE_COLUMN, PRIOR_COLUMN)
CLIENTS_TOP_LEFT = (0, 0)  # zero-based (row, col) of the table's header cell: A1


# --- Dashboard ----------------------------------------------------------------------------
DASHBOARD_TITLE_CELL = "A1"
