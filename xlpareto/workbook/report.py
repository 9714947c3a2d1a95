"""The report ``.xlsx`` that ``xlpareto report`` and ``demo`` write: the Analysis sheet (a
Clients sheet first for the demo) and the Growth, Profit and Pipeline sheets the analysis
has data for, marked as an xlpareto report and packaged once.

Examples
--------
>>> import pathlib, tempfile, xlpareto
>>> out = pathlib.Path(tempfile.mkdtemp()) / "r.xlsx"
>>> write_report(out, xlpareto.analyze(["a", "b"], [3, 1]), "a list")
>>> from xlpareto.io.output_files import written_by_xlpareto
>>> written_by_xlpareto(out)
'report'
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter

import xlpareto
from xlpareto.engine.analysis import Analysis
from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.io.output_files import REPORT, mark
from xlpareto.layout.inputs import CLIENTS
from xlpareto.workbook.analysis_sheet import add_analysis_sheet, add_money_sheets
from xlpareto.workbook.formats import WORKBOOK_OPTIONS, Formats
from xlpareto.workbook.input_sheet import add_input_sheet
from xlpareto.workbook.package import assemble

#: How the returns sentence names the spend inputs in ``report``: its options.
SPEND_OPTIONS = ("--spend-existing", "--spend-new")


def report_stamp(source: str, when: datetime) -> str:
    """The stamp under the Analysis title: when, which xlpareto, from what."""
    return f"Created {when:%Y-%m-%d %H:%M} by xlpareto {xlpareto.__version__} from {source}"


def write_report(
    out: Path,
    analysis: Analysis,
    source: str,
    clients: pd.DataFrame | None = None,
    core_share: float | None = None,
    top: int | None = None,
) -> None:
    """Write the report for ``analysis`` to ``out``.

    Parameters
    ----------
    out : the ``.xlsx`` to write (the caller checked it may be written).
    analysis : the result of :func:`xlpareto.analyze`.
    source : what the analysis was read from (for the stamp).
    clients : a Clients sheet to put first (the demo), or None.
    core_share : the core share in use (for the returns sentence).
    top : write only the ``top`` largest clients per table (``--top N``); None: all, and a
        table past Excel's last row is refused before anything is written.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    book.set_custom_property(**mark(REPORT))  # so that re-running may replace it
    formats = Formats(book)
    if clients is not None:
        add_input_sheet(book, CLIENTS, clients, formats)
    when = datetime.now()
    stamp = report_stamp(source, when)
    written = add_analysis_sheet(
        book, analysis, stamp=stamp, refreshed=f"{when:%Y-%m-%d %H:%M}", formats=formats, top=top
    )
    money = add_money_sheets(
        book,
        analysis,
        stamp=stamp,
        core_share=DEFAULT_CORE_SHARE if core_share is None else core_share,
        spend_names=SPEND_OPTIONS,
        formats=formats,
        only_with_data=True,
        top=top,
    )
    written.sheet.activate()
    book.close()
    deferred = [*written.deferred, *(body for sheet in money for body in sheet.deferred)]
    package = buffer.getvalue()
    buffer.close()  # the XlsxWriter zip is held once, as bytes
    assemble(package, deferred, out=out)
