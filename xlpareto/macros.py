"""Ribbon entry points of the workbook template (run by VBA's ``RunPython``).

The ribbon callbacks call the fixed ``*_from_excel`` functions, e.g.
``RunPython "import xlpareto.macros as m; m.refresh_from_excel()"``; each only finds the
calling book and calls a portable function that takes the book: :func:`refresh`,
:func:`clear_analysis`, :func:`go_to_settings`, :func:`show_help`. Those use xlwings'
portable API only (no ``.api``), so any host – classic xlwings, a script, an xlwings Lite
``@script`` wrapper – can call them.

Problems the user can fix (missing table, bad setting, no numeric revenue) end in a short
message box naming what to fix; any other exception propagates with its traceback, so a bug
report has one.

Examples
--------
>>> import xlwings as xw                                    # doctest: +SKIP
>>> result = refresh(xw.Book("my_clients.xlsm"), notify=False)  # doctest: +SKIP
>>> result.ok, result.clients                               # doctest: +SKIP
(True, 200)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import xlwings as xw

from xlpareto import layout
from xlpareto.engine import Analysis, analyze_clients, prepare_clients
from xlpareto.errors import XlparetoError
from xlpareto.layout.content import SheetContent
from xlpareto.layout.growth_sheet import GROWTH
from xlpareto.layout.pipeline_sheet import PIPELINE
from xlpareto.layout.profit_sheet import PROFIT
from xlpareto.refresh.app_state import Progress, quiet_writing, status_bar
from xlpareto.refresh.reader import read_clients_table, read_prospects_table
from xlpareto.refresh.settings import read_settings
from xlpareto.refresh.writer import (
    AnalysisOutput,
    analysis_sheet,
    clear_sheet,
    find_sheet,
    prepare_outputs,
    write_outputs,
)

ALERT_TITLE = "xlpareto"
STAMP_FORMAT = "%Y-%m-%d %H:%M"
HELP_TEXT = (
    "Pareto (80/20) analysis of your client list.\n\n"
    f"1. Enter your clients in the {layout.CLIENTS_TABLE} table ({layout.CLIENTS_SHEET} "
    f"sheet): {layout.CLIENT_COLUMN}, {layout.REVENUE_COLUMN} and optionally "
    f"{layout.PRIOR_COLUMN}.\n"
    f"2. Adjust the cutoffs, tier method and budget on the {layout.SETTINGS_SHEET} sheet.\n"
    f"3. Click Refresh analysis: the {layout.ANALYSIS_SHEET} sheet gets the ranked table, "
    "tiers, budget split and summary. The Dashboard updates by itself.\n\n"
    "Growth, Profit and Pipeline show the revenue bridge (needs Revenue prior), the profit "
    "by client (needs Cost to serve or Hours) and the prospects' budget (needs the Prospects "
    "table).\n\n"
    "Clear analysis empties the output sheets. Rows with a blank or non-numeric revenue are "
    "skipped and duplicate client names are added up; both are reported."
)


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh did.

    Attributes
    ----------
    ok : False when a user error stopped it (then ``message`` says what to fix).
    message : the closing message (or the error message) shown to the user.
    clients : clients written to the table (after merging duplicates).
    rows_read, skipped, merged : rows in the Clients table, rows skipped, duplicates merged.
    skipped_rows : sheet row numbers of the skipped rows.
    stamp : the "last refreshed" time text written to the sheet.
    analysis : the engine's result (None when the refresh failed).
    missing_sheets : output sheets this workbook lacks (made before them), not written.
    """

    ok: bool
    message: str
    clients: int = 0
    rows_read: int = 0
    skipped: int = 0
    merged: int = 0
    skipped_rows: tuple[int, ...] = ()
    stamp: str = ""
    analysis: Analysis | None = None
    missing_sheets: tuple[str, ...] = ()


# --- ribbon entry points (fixed names: the VBA callbacks call these) -----------------------
def refresh_from_excel() -> None:
    """Ribbon *Refresh analysis*."""
    refresh(xw.Book.caller())


def clear_from_excel() -> None:
    """Ribbon *Clear analysis*."""
    clear_analysis(xw.Book.caller())


def settings_from_excel() -> None:
    """Ribbon *Settings*."""
    go_to_settings(xw.Book.caller())


def help_from_excel() -> None:
    """Ribbon *Help*."""
    show_help(xw.Book.caller())


# --- portable functions ---------------------------------------------------------------------
def refresh(
    book: xw.Book, *, now: Callable[[], dt.datetime] = dt.datetime.now, notify: bool = True
) -> RefreshResult:
    """Rebuild the Analysis sheet of ``book`` from its Clients table and Settings.

    Parameters
    ----------
    book : the workbook (``xw.Book.caller()`` from the ribbon).
    now : clock for the "last refreshed" stamp (tests pass a fixed one).
    notify : show the closing message box (user errors are always shown).

    Returns
    -------
    RefreshResult : ``ok`` False after a user error (already shown in a message box).
    """
    app = book.app
    try:
        with status_bar(app) as progress:
            prepared = prepare_refresh(book, now=now, progress=progress)
            progress.show(f"writing {prepared.analysis.metrics['clients']:,} clients…")
            with quiet_writing(app):
                missing = write_outputs(book, list(prepared.outputs))
    except XlparetoError as error:
        message = str(error)
        app.alert(message, title=ALERT_TITLE, mode="critical")
        return RefreshResult(ok=False, message=message)
    result = _result(prepared.analysis, prepared.stamp, missing)
    if notify:
        app.alert(result.message, title=ALERT_TITLE, mode="info")
    return result


@dataclass(frozen=True)
class PreparedRefresh:
    """The Python part of a refresh: the analysis and the cells to write.

    Attributes
    ----------
    analysis : the engine's result.
    output : the Analysis sheet's cells.
    stamp : the "last refreshed" time text.
    outputs : every output sheet's cells, Analysis first, then Growth, Profit, Pipeline.
    """

    analysis: Analysis
    output: AnalysisOutput
    stamp: str
    outputs: tuple[SheetContent, ...] = ()


def prepare_refresh(
    book: xw.Book,
    *,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    progress: Progress | None = None,
) -> PreparedRefresh:
    """Read settings and clients from ``book``, analyse, and prepare the output cells.

    Nothing is written; user errors raise :class:`~xlpareto.errors.XlparetoError`.
    """
    progress = progress or Progress(None)
    with _gc_paused():
        return _prepare(book, now, progress)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large lists of plain values.

    Reading 100,000 rows and preparing a million output cells allocates millions of small
    acyclic objects; the collector's repeated full scans would take about half the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prepare(book: xw.Book, now: Callable[[], dt.datetime], progress: Progress) -> PreparedRefresh:
    progress.show("reading settings…")
    settings = read_settings(book)
    analysis_sheet(book)  # fail before the work if the output sheet is gone
    progress.show("reading the client table…")
    columns = read_clients_table(book)
    prospects = read_prospects_table(book)  # optional: an older workbook has none
    progress.show(f"analysing {len(columns.revenue):,} rows…")
    client_list = prepare_clients(
        columns.clients,
        columns.revenue,
        columns.prior,
        first_row=columns.first_row,
        costs=columns.column("cost"),
        hours=columns.column("hours"),
    )
    analysis = analyze_clients(
        client_list,
        settings.rule,
        settings.budget,
        settings.core_share,
        settings.unit,
        hourly_cost=settings.hourly_cost,
        spend_existing=settings.spend_existing,
        spend_new=settings.spend_new,
        prospects=prospects,
        min_fit=settings.min_fit,
    )
    stamp = now().strftime(STAMP_FORMAT)
    outputs = prepare_outputs(analysis, stamp, settings.core_share)
    return PreparedRefresh(analysis, outputs[0], stamp, tuple(outputs))


def _result(analysis: Analysis, stamp: str, missing: tuple[str, ...] = ()) -> RefreshResult:
    intake = analysis.intake
    clients = int(analysis.metrics["clients"])
    message = (
        f"{layout.ANALYSIS_SHEET} refreshed: {clients:,} client{'s' if clients != 1 else ''} "
        f"from {intake.rows_read:,} row{'s' if intake.rows_read != 1 else ''}; "
        f"{intake.message()}."
    )
    if missing:
        message += (
            f" This workbook has no {' / '.join(missing)} sheet; make a new workbook "
            "(xlpareto new) to get it."
        )
    return RefreshResult(
        ok=True,
        message=message,
        clients=clients,
        rows_read=intake.rows_read,
        skipped=intake.skipped,
        merged=intake.merged_rows,
        skipped_rows=intake.skipped_rows,
        stamp=stamp,
        analysis=analysis,
        missing_sheets=missing,
    )


#: The output sheets' descriptions, as Clear analysis empties them.
OUTPUT_SPECS = (layout.ANALYSIS, GROWTH, PROFIT, PIPELINE)


def clear_analysis(book: xw.Book) -> bool:
    """Empty the output sheets' tables, blocks, stamps and notes (the Analysis sheet must
    exist; a missing v2 sheet is skipped); False after a user error."""
    app = book.app
    try:
        with quiet_writing(app):
            for spec in OUTPUT_SPECS:
                if spec is layout.ANALYSIS or find_sheet(book, spec.name) is not None:
                    clear_sheet(book, spec)
    except XlparetoError as error:
        app.alert(str(error), title=ALERT_TITLE, mode="critical")
        return False
    return True


def go_to_settings(book: xw.Book) -> bool:
    """Show the Settings sheet with the first setting selected; False if it is missing."""
    for sheet in book.sheets:
        if sheet.name.lower() == layout.SETTINGS_SHEET.lower():
            sheet.activate()
            with contextlib.suppress(NotImplementedError):  # hosts without a selection
                sheet.range(layout.SETTINGS[0].cell).select()
            return True
    book.app.alert(
        f"The sheet {layout.SETTINGS_SHEET} is missing.", title=ALERT_TITLE, mode="critical"
    )
    return False


def show_help(book: xw.Book) -> None:
    """A short message box: what the workbook does and the three steps."""
    book.app.alert(HELP_TEXT, title=ALERT_TITLE, mode="info")
