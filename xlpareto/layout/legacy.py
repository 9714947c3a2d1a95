"""Analysis-sheet placement constants (being replaced by the descriptions).

The input-table constants moved to :mod:`xlpareto.layout.inputs` (views of its schema).
"""

from __future__ import annotations

from xlpareto.engine.columns import ANALYSIS_COLUMNS as ENGINE_ANALYSIS_COLUMNS

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


# --- Dashboard ----------------------------------------------------------------------------
DASHBOARD_TITLE_CELL = "A1"


# --- Analysis sheet: chart and block placement (added by the workbook builder) -------------
ANALYSIS_CHART_SIZE = (20, 9)  # (rows, columns) the chart covers from ANALYSIS_CHART_ANCHOR
ANALYSIS_BLOCKS_TOP_LEFT = (24, 14)  # zero-based O25: budget table, then migration matrix
ANALYSIS_AREA_COLUMNS = 12  # columns L:W hold the summary area (summary, chart, blocks)
