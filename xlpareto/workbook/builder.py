"""Build the workbook: sheets, names, VBA project, then one packaging step (ribbon too).

Examples
--------
>>> import tempfile, pathlib
>>> path = build_template(pathlib.Path(tempfile.mkdtemp()) / "t.xlsm")
>>> path.suffix
'.xlsm'
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from pathlib import Path

import pandas as pd
import xlsxwriter
import xlwings

import xlpareto
from xlpareto import layout
from xlpareto.data import sample_clients, sample_prospects
from xlpareto.errors import XlparetoError
from xlpareto.io.output_files import TEMPLATE, WORKBOOK, mark
from xlpareto.layout.analysis_content import analysis_content
from xlpareto.layout.analysis_sheet import CUTOFF_TABLE_NAME
from xlpareto.layout.inputs import CLIENTS, PROSPECTS
from xlpareto.layout.limits import fit_content
from xlpareto.layout.money_content import money_contents
from xlpareto.workbook.analysis_sheet import add_analysis_sheet, render_sheet
from xlpareto.workbook.config_sheet import add_config_sheet
from xlpareto.workbook.dashboard_sheet import add_dashboard_sheet
from xlpareto.workbook.formats import WORKBOOK_OPTIONS, Formats
from xlpareto.workbook.input_sheet import add_input_sheet, input_frame
from xlpareto.workbook.package import assemble
from xlpareto.workbook.ribbon import CUSTOM_UI
from xlpareto.workbook.settings_sheet import add_settings_sheet
from xlpareto.workbook.start_sheet import add_start_sheet
from xlpareto.workbook.vba import build_vba_project
from xlpareto.workbook.vba_sources import vba_modules

#: Fixed document dates, so the same input gives the same bytes.
CREATED = dt.datetime(2026, 1, 1, 0, 0, 0)
STAMP = (
    "Built from the Clients table with the default settings. "
    "Click 'Refresh analysis' on the Pareto tab after changing Clients or Settings."
)
TEMPLATE_NAME = "workbook_template.xlsm"
#: How the returns sentence names the spend inputs in a workbook: the Settings names.
SETTING_SPEND_NAMES = (layout.SPEND_EXISTING.name, layout.SPEND_NEW.name)


def default_settings() -> dict:
    """The engine arguments that match the Settings defaults."""
    computed = layout.TIER_METHOD.default == layout.TIER_METHODS[1]
    return {
        "cutoffs": "computed" if computed else [layout.CUTOFF_A.default, layout.CUTOFF_B.default],
        "budget": float(layout.BUDGET_TOTAL.default),
        "core_share": float(layout.CORE_SHARE.default),
        "unit": float(layout.BUDGET_UNIT.default),
        "hourly_cost": float(layout.HOURLY_COST.default),
        "spend_existing": float(layout.SPEND_EXISTING.default),
        "spend_new": float(layout.SPEND_NEW.default),
        "min_fit": float(layout.MIN_FIT.default),
    }


def _column(frame: pd.DataFrame, role: str) -> pd.Series | None:
    header = CLIENTS.column(role).header
    return frame[header] if header in frame.columns else None


def analyse_frame(frame: pd.DataFrame, prospects: pd.DataFrame | None = None) -> xlpareto.Analysis:
    """The analysis the output sheets start with: default settings, as the refresh runs it
    on the same Clients (and Prospects) tables."""
    return xlpareto.analyze(
        frame[layout.CLIENT_COLUMN],
        frame[layout.REVENUE_COLUMN],
        _column(frame, "prior"),
        costs=_column(frame, "cost"),
        hours=_column(frame, "hours"),
        prospects=prospects,
        **default_settings(),
    )


def workbook_bytes(
    data: pd.DataFrame | None = None,
    interpreter: str | None = None,
    prospects: pd.DataFrame | None = None,
    kind: str = WORKBOOK,
) -> bytes:
    """The complete ``.xlsm`` as bytes (deterministic for the same input and xlwings).

    ``data`` fills the Clients table (default: the sample clients), ``prospects`` the
    Prospects table (default: the sample prospects); ``kind`` marks the file in its
    document properties (``template`` or ``workbook``: a user's workbook that no command
    replaces without ``--force``).
    """
    frame = input_frame(CLIENTS, sample_clients() if data is None else data)
    prospect_frame = input_frame(PROSPECTS, sample_prospects() if prospects is None else prospects)
    analysis = analyse_frame(frame, prospect_frame)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    book.set_properties(
        {
            "title": "xlpareto – Pareto (80/20) client analysis",
            "subject": "Which clients carry the business",
            "author": "xlpareto",
            "comments": f"xlpareto {xlpareto.__version__}, xlwings {xlwings.__version__}",
            "created": CREATED,
        }
    )
    book.set_custom_property(**mark(kind))
    book.set_calc_mode("auto")
    formats = Formats(book)
    pareto = analysis_content(analysis, STAMP)  # the Dashboard's chart: colours and lines
    money = {
        content.spec.name: fit_content(content)  # checked before anything is written
        for content in money_contents(
            analysis, STAMP, default_settings()["core_share"], SETTING_SPEND_NAMES
        )
    }
    writers = {  # each sheet's writer; the order is layout.BOOK_SHEETS's, nowhere else
        layout.START_SHEET: lambda: add_start_sheet(book, formats),
        layout.CLIENTS_SHEET: lambda: add_input_sheet(book, CLIENTS, frame, formats),
        layout.PROSPECTS_SHEET: lambda: add_input_sheet(book, PROSPECTS, prospect_frame, formats),
        layout.SETTINGS_SHEET: lambda: add_settings_sheet(book, formats),
        layout.DASHBOARD_SHEET: lambda: add_dashboard_sheet(
            book,
            frame,
            formats,
            prospects=prospect_frame,
            pareto=pareto.table,
            cutoff_lines=pareto.table_named(CUTOFF_TABLE_NAME),
        ),
        layout.ANALYSIS_SHEET: lambda: add_analysis_sheet(
            book, analysis, stamp=STAMP, formats=formats
        ),
        **{
            name: (lambda name=name: render_sheet(book, money[name], formats))
            for name in layout.V2_OUTPUT_SHEETS
        },
        layout.CONFIG_SHEET: lambda: add_config_sheet(book, interpreter),
    }
    written = {sheet.name: writers[sheet.name]() for sheet in layout.BOOK_SHEETS}
    deferred = [
        body
        for name in (layout.ANALYSIS_SHEET, *layout.V2_OUTPUT_SHEETS)
        for body in written[name].deferred
    ]
    book.set_vba_name(layout.WORKBOOK_CODENAME)
    for sheet in book.worksheets():
        sheet.set_vba_name(layout.SHEET_CODENAMES[sheet.name])
    book.add_vba_project(io.BytesIO(build_vba_project(vba_modules())), is_stream=True)
    book.close()
    return assemble(buffer.getvalue(), deferred, custom_ui=CUSTOM_UI)


def _xlsm_path(path: str | os.PathLike) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsm":
        raise XlparetoError(f"{target.name}: a workbook with macros must end in .xlsm")
    return target


def build_template(path: str | os.PathLike = TEMPLATE_NAME) -> Path:
    """Write the template (sample clients, interpreter left to xlwings' default) to ``path``."""
    target = _xlsm_path(path)
    target.write_bytes(workbook_bytes(kind=TEMPLATE))
    return target


def new_workbook(
    path: str | os.PathLike,
    data: pd.DataFrame | None = None,
    interpreter: str | None = None,
    prospects: pd.DataFrame | None = None,
) -> Path:
    """Write a ready-to-use workbook to ``path``.

    Parameters
    ----------
    path : the new ``.xlsm`` file.
    data : client rows with the columns ``Client``, ``Revenue`` and optionally the other
        columns of the Clients schema (``Revenue prior``, …; default: the sample clients).
    interpreter : Python for xlwings.conf (default: this Python, ``sys.executable``).
    prospects : prospect rows with the columns of the Prospects schema (default: the
        sample prospects).
    """
    target = _xlsm_path(path)
    target.write_bytes(workbook_bytes(data, interpreter or sys.executable, prospects))
    return target
