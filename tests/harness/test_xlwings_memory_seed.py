"""The in-memory xlwings engine seeded from a file, and xlwings' own conversion (DataFrames,
``expand``, ``resize``, ``options``) running on top of it."""

# ruff: noqa: F811 - the fixtures imported from test_xlwings_memory_support are arguments

from __future__ import annotations

import datetime as dt

import pandas as pd
from test_xlwings_memory_support import book, sample_path  # noqa: F401
from xlwings_memory import CellState, SeriesState, cell, chart_series


def test_seed_reads_sheets_in_order_with_visibility(book):
    assert [s.name for s in book.sheets] == [
        "Start",
        "Clients",
        "Settings",
        "Analysis",
        "xlwings.conf",
    ]
    assert [s.visible for s in book.sheets] == [True, True, True, True, False]
    assert book.sheets.active.name == "Clients"
    assert book.name == "sample.xlsm"


def test_seed_reads_values_formulas_and_text(book):
    clients = book.sheets["Clients"]
    assert clients["A2:C4"].value == [
        ["Acme", 100.0, 80.0],
        ["Beta", 50.5, None],
        ["Gamma", 25.0, 30.0],
    ]
    total = cell(clients["E1"])
    assert total.is_formula and total.formula == "=SUM(Clients[Revenue])"
    assert clients["E1"].value == 175.5  # the cached result stored in the file
    assert cell(clients["E2"]) == xw_cell("=1+1", None, "'", "General")
    assert cell(clients["E3"]) == xw_cell("=2+2", None, "", "@")
    assert cell(clients["G1"]).formula == "=SORT(A2:A4)"  # file prefixes _xlfn./_xlws. dropped
    assert clients["G1"].value == "Acme"
    assert clients["E4"].value == dt.datetime(2024, 5, 17)
    assert clients["E4"].number_format == "yyyy-mm-dd"


def xw_cell(value, formula, prefix, number_format):
    return CellState(value, formula, prefix, number_format)


def test_seed_reads_tables_names_and_charts(book):
    table = book.sheets["Clients"].tables["Clients"]
    assert table.range.address == "$A$1:$C$4"
    assert table.header_row_range.value == ["Client", "Revenue", "Revenue prior"]
    assert table.show_totals is False
    assert book.names["CutoffA"].refers_to == "=Settings!$B$4"
    assert book.names["CutoffA"].refers_to_range.value == 0.8
    assert book.sheets["Settings"]["CutoffA"].number_format == "0%"
    assert book.sheets["Settings"].names["Settings!LocalMethod"].refers_to_range.value == "Fixed"
    chart = book.sheets["Analysis"].charts["Pareto"]
    assert chart.chart_type == "combination"
    assert chart.title == "Revenue"
    series = list(chart.series)
    assert [s.name for s in series] == ["Revenue", "Cumulative"]
    assert [s.chart_type for s in series] == ["column_clustered", "line"]
    assert [s.axis_group for s in series] == ["primary", "secondary"]
    assert chart_series(chart) == [
        SeriesState(
            "Revenue", "Analysis!$C$2:$C$4", "Analysis!$B$2:$B$4", "column_clustered", "primary"
        ),
        SeriesState("Cumulative", "Analysis!$A$2:$A$4", "Analysis!$B$2:$B$4", "line", "secondary"),
    ]


# --- xlwings' conversion on top of the engine ---------------------------------------------
def test_dataframe_read_of_a_table_range(book):
    table = book.sheets["Clients"].tables["Clients"]
    frame = table.range.options(pd.DataFrame, index=False).value
    expected = pd.DataFrame(
        {
            "Client": ["Acme", "Beta", "Gamma"],
            "Revenue": [100.0, 50.5, 25.0],
            "Revenue prior": [80.0, None, 30.0],
        }
    )
    pd.testing.assert_frame_equal(frame, expected)


def test_dataframe_write_and_numbers_option(book):
    sheet = book.sheets["Start"]
    frame = pd.DataFrame(
        {"n": [1, 2], "when": pd.to_datetime(["2024-01-02", "2024-01-03 12:30"], format="ISO8601")}
    )
    sheet["C1"].options(index=False).value = frame
    assert sheet["C1"].expand().value == [
        ["n", "when"],
        [1.0, dt.datetime(2024, 1, 2)],
        [2.0, dt.datetime(2024, 1, 3, 12, 30)],
    ]
    assert sheet["C2:C3"].options(numbers=int).value == [1, 2]
    assert sheet["D2"].number_format == "m/d/yyyy"


def test_two_dimensional_writes_expand_and_resize(book):
    sheet = book.sheets.add("Scratch")
    sheet["B2"].value = [["a", "b", "c"], [1, 2, 3], [4, 5, 6]]
    assert sheet["B2"].expand("table").address == "$B$2:$D$4"
    assert sheet["B2"].expand("down").address == "$B$2:$B$4"
    assert sheet["B2"].expand("right").address == "$B$2:$D$2"
    assert sheet["B2"].resize(2, 2).value == [["a", "b"], [1.0, 2.0]]
    assert sheet["B2"].offset(1, 1).value == 2.0
    assert sheet["B2:D4"].options(ndim=2, transpose=True).value[0] == ["a", 1.0, 4.0]
    sheet["F1:G2"].value = 7  # a scalar fills the whole range, as in Excel
    assert sheet["F1:G2"].value == [[7.0, 7.0], [7.0, 7.0]]
    sheet["B3:D3"].clear_contents()
    assert sheet["B2"].expand().address == "$B$2:$D$2"
    assert sheet.used_range.address == "$B$1:$G$4"
    assert sheet["B2"].end("down").address == "$B$4"
    assert sheet["B4"].end("up").address == "$B$2"
