"""A small workbook made with XlsxWriter for the in-memory engine's tests (no tests here).

Import the fixtures into a test module: ``from test_xlwings_memory_support import book,
sample_path  # noqa: F401``.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
import xlwings as xw
from xlwings_memory import load_workbook_into_memory


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("memory")
    path = folder / "sample.xlsm"
    with zipfile.ZipFile(Path(xw.__file__).parent / "quickstart_standalone.xlsm") as macros:
        (folder / "vbaProject.bin").write_bytes(macros.read("xl/vbaProject.bin"))
    workbook = xlsxwriter.Workbook(path)
    workbook.add_vba_project(folder / "vbaProject.bin")
    money = workbook.add_format({"num_format": "#,##0.00"})
    percent = workbook.add_format({"num_format": "0%"})
    text = workbook.add_format({"num_format": "@"})
    quoted = workbook.add_format({"quote_prefix": True})

    start = workbook.add_worksheet("Start")
    start.write("A1", "Welcome")
    clients = workbook.add_worksheet("Clients")
    clients.add_table(
        "A1:C4",
        {
            "name": "Clients",
            "columns": [{"header": "Client"}, {"header": "Revenue"}, {"header": "Revenue prior"}],
            "data": [["Acme", 100, 80], ["Beta", 50.5, None], ["Gamma", 25, 30]],
        },
    )
    clients.set_column("B:C", 12, money)
    clients.write_formula("E1", "=SUM(Clients[Revenue])", None, 175.5)
    clients.write_string("E2", "=1+1", quoted)
    clients.write_string("E3", "=2+2", text)
    clients.write_datetime(
        "E4", dt.datetime(2024, 5, 17), workbook.add_format({"num_format": "yyyy-mm-dd"})
    )
    clients.write_dynamic_array_formula("G1:G3", "=SORT(A2:A4)", None, "Acme")
    settings_sheet = workbook.add_worksheet("Settings")
    settings_sheet.write("A4", "Cutoff A")
    settings_sheet.write("B4", 0.8, percent)
    settings_sheet.write("B5", "Fixed")
    workbook.define_name("CutoffA", "=Settings!$B$4")
    workbook.define_name("Settings!LocalMethod", "=Settings!$B$5")
    analysis = workbook.add_worksheet("Analysis")
    analysis.add_table(
        "A1:C4",
        {
            "name": "ParetoTable",
            "columns": [{"header": "Rank"}, {"header": "Client"}, {"header": "Revenue"}],
            "data": [[1, "Acme", 100], [2, "Beta", 50.5], [3, "Gamma", 25]],
        },
    )
    column = workbook.add_chart({"type": "column", "name": "Pareto"})
    column.add_series(
        {
            "name": "=Analysis!$C$1",
            "categories": "=Analysis!$B$2:$B$4",
            "values": "=Analysis!$C$2:$C$4",
        }
    )
    line = workbook.add_chart({"type": "line"})
    line.add_series(
        {
            "name": "Cumulative",
            "categories": "=Analysis!$B$2:$B$4",
            "values": "=Analysis!$A$2:$A$4",
            "y2_axis": True,
        }
    )
    column.combine(line)
    column.set_title({"name": "Revenue"})
    analysis.insert_chart("E2", column)
    hidden = workbook.add_worksheet("xlwings.conf")
    hidden.write_row("A1", ["UDF Modules", "xlpareto.udfs"])
    hidden.hide()
    clients.activate()
    workbook.close()
    return path


@pytest.fixture
def book(sample_path) -> xw.Book:
    return load_workbook_into_memory(sample_path)
