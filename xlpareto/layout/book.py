"""The workbook's sheets in their one order, with the VBA code name of each, and xlwings.conf."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of the workbook.

    Attributes
    ----------
    name : the tab name.
    code_name : the VBA codeName (the sheet's document module in the VBA project).
    role : ``"input"`` (the user's data and settings: never written by the refresh),
        ``"output"`` (rebuilt by the refresh and ``report``), ``"formulas"`` (live formulas
        over the inputs), ``"guide"`` or ``"config"``.
    """

    name: str
    code_name: str
    role: str


START = SheetInfo("Start", "shStart", "guide")
CLIENTS = SheetInfo("Clients", "shClients", "input")
PROSPECTS = SheetInfo("Prospects", "shProspects", "input")
SETTINGS = SheetInfo("Settings", "shSettings", "input")
DASHBOARD = SheetInfo("Dashboard", "shDashboard", "formulas")
ANALYSIS = SheetInfo("Analysis", "shAnalysis", "output")
GROWTH = SheetInfo("Growth", "shGrowth", "output")
PROFIT = SheetInfo("Profit", "shProfit", "output")
PIPELINE = SheetInfo("Pipeline", "shPipeline", "output")
CONFIG = SheetInfo("xlwings.conf", "shConfig", "config")  # xlwings reads this exact name

#: Every sheet of the workbook, in tab order.
BOOK_SHEETS: tuple[SheetInfo, ...] = (
    START,
    CLIENTS,
    PROSPECTS,
    SETTINGS,
    DASHBOARD,
    ANALYSIS,
    GROWTH,
    PROFIT,
    PIPELINE,
    CONFIG,
)

START_SHEET = START.name
CLIENTS_SHEET = CLIENTS.name
PROSPECTS_SHEET = PROSPECTS.name
SETTINGS_SHEET = SETTINGS.name
DASHBOARD_SHEET = DASHBOARD.name
ANALYSIS_SHEET = ANALYSIS.name
GROWTH_SHEET = GROWTH.name
PROFIT_SHEET = PROFIT.name
PIPELINE_SHEET = PIPELINE.name
#: The output sheets added in v2 (a workbook made before them may lack them).
V2_OUTPUT_SHEETS = (GROWTH_SHEET, PROFIT_SHEET, PIPELINE_SHEET)
CONFIG_SHEET = CONFIG.name

#: Sheet names in tab order, and their VBA code names (views of ``BOOK_SHEETS``).
SHEETS = tuple(sheet.name for sheet in BOOK_SHEETS)
SHEET_CODENAMES = {sheet.name: sheet.code_name for sheet in BOOK_SHEETS}
WORKBOOK_CODENAME = "ThisWorkbook"
DASHBOARD_TITLE_CELL = "A1"

# --- xlwings.conf -------------------------------------------------------------------------
UDF_MODULES_KEY = "UDF Modules"
UDF_MODULE = "xlpareto.udfs"
MACROS_MODULE = "xlpareto.macros"
