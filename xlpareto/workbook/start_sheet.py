"""The Start sheet: what the workbook is, the three steps to use it, what it needs."""

from __future__ import annotations

import xlsxwriter
import xlwings

from xlpareto import layout
from xlpareto.workbook.formats import Formats

TITLE = "xlpareto – who carries your business? (80/20 client analysis)"
INTRO = (
    "Most sales come from a few clients. This workbook ranks your clients by revenue, sorts "
    "them into tiers A, B and C (A: the clients that make the first 80 % of revenue), "
    "measures how concentrated your revenue is and splits your sales and marketing budget: "
    "about 80 % to look after and grow the clients you have, 20 % for new business."
)
STEPS = (
    f"1. Put your clients on the '{layout.CLIENTS_SHEET}' sheet: one row per client with this "
    "year's revenue and (optional) last year's revenue. Paste over the sample data; the "
    "table grows with your list.",
    f"2. Check the '{layout.SETTINGS_SHEET}' sheet: tier cutoffs (or the computed method), "
    "the budget to split and the share for existing clients.",
    f"3. Click 'Refresh analysis' on the 'Pareto' ribbon tab. The '{layout.ANALYSIS_SHEET}' "
    "sheet gets the ranked client table, the summary, the budget split and the Pareto "
    f"chart. The '{layout.DASHBOARD_SHEET}' sheet updates by itself (worksheet functions).",
)
NEEDS = (
    "Needs: Python with the xlpareto package and xlwings {version} exactly (the VBA code in "
    "this file belongs to that version). Easiest: run 'xlpareto new MyClients.xlsm' and "
    "use the file it creates – it already points at your Python. Enable macros when Excel "
    "asks. Worksheet functions (=PARETO_TIER(...) and friends) work on Windows; the ribbon "
    "works on Windows and, after 'xlwings runpython install', on the Mac, where the "
    "Dashboard shows the figures of the last refresh. Excel on the web, or live functions "
    "on a Mac: xlwings Lite ('xlpareto lite' writes the code to paste, see the README)."
)
FUNCTIONS = (
    "Worksheet functions: PARETO_TIER, PARETO_SHARE, PARETO_RANK, PARETO_GAP, PARETO_TABLE, "
    "PARETO_SUMMARY, PARETO_TOP_SHARE, PARETO_RATIO, PARETO_GINI, PARETO_HHI, "
    "PARETO_MIGRATION, BUDGET_SPLIT, PARETO_BUDGET; PARETO_NRR, PARETO_GRR, PARETO_BRIDGE, "
    "PARETO_RETURNS, PARETO_PROFIT, PARETO_WHALE, PARETO_WHALE_PEAK, PARETO_LOSS_MAKERS, "
    "PROSPECT_SCORE, PROSPECT_BUDGET (category 'xlpareto' in Insert Function)."
)
#: The growth bridge in two plain sentences (the Growth sheet, SPEC section 7).
BRIDGE = (
    "The growth bridge on the 'Growth' sheet splits the change since last year into clients "
    "who bought more (expansion), bought less (contraction), left (lost) and came new. Its "
    "NRR is what last year's clients bring this year as a share of what they brought then; "
    "with what each side cost you (Settings), it shows whether existing clients or new "
    "business returned more per 1.00 spent."
)


def add_start_sheet(workbook: xlsxwriter.Workbook, formats: Formats) -> None:
    """Add the Start sheet."""
    sheet = workbook.add_worksheet(layout.START_SHEET)
    sheet.set_column(0, 0, 110, formats.wrap)
    sheet.hide_gridlines(2)
    sheet.fit_to_pages(1, 0)  # printed one page wide
    sheet.write_string(0, 0, TITLE, formats.title)
    sheet.write_string(2, 0, INTRO, formats.wrap)
    sheet.write_string(4, 0, "How to use it", formats.subtitle)
    for offset, step in enumerate(STEPS):
        sheet.write_string(5 + offset, 0, step, formats.wrap)
    sheet.write_string(9, 0, "What it needs", formats.subtitle)
    sheet.write_string(10, 0, NEEDS.format(version=xlwings.__version__), formats.wrap)
    sheet.write_string(12, 0, FUNCTIONS, formats.wrap)
    sheet.write_string(14, 0, "Where growth came from", formats.subtitle)
    sheet.write_string(15, 0, BRIDGE, formats.wrap)
    for row in (2, 10, 12, 15):
        sheet.set_row(row, 48)
    for row in range(5, 8):
        sheet.set_row(row, 32)
    sheet.activate()
