"""Tables, names, the app and the entry points of the in-memory xlwings engine."""

# ruff: noqa: F811 - the fixtures imported from test_xlwings_memory_support are arguments

from __future__ import annotations

import pytest
import xlwings as xw
from test_xlwings_memory_support import book, sample_path  # noqa: F401
from xlwings_memory import (
    activated,
    app_state,
    book_snapshot,
    chart_series,
    mock_caller,
)
from xlwings_memory.fixtures import memory_book, xlwings_memory  # noqa: F401


def test_table_resize_keeps_stale_cells_and_rebinds_the_chart(book):
    analysis = book.sheets["Analysis"]
    table = analysis.tables["ParetoTable"]
    table.resize(analysis["A1"].resize(3, 3))  # shrink: header + 2 rows
    assert table.data_body_range.address == "$A$2:$C$3"
    assert analysis["A4:C4"].value == [3.0, "Gamma", 25.0]  # Excel leaves them: callers clear
    chart = analysis.charts["Pareto"]
    bound = chart_series(chart)[0]
    assert (bound.values, bound.categories) == ("Analysis!$C$2:$C$3", "Analysis!$B$2:$B$3")
    table.resize(analysis["A1:D6"])  # grow: the new header cell gets Excel's default name
    assert table.header_row_range.value == ["Rank", "Client", "Revenue", "Column4"]
    assert chart_series(chart)[0].values == "Analysis!$C$2:$C$6"
    assert chart_series(chart)[1].values == "Analysis!$A$2:$A$6"
    with pytest.raises(ValueError, match="same row"):
        table.resize(analysis["A2:C6"])


def test_table_headers_stay_text(book):
    table = book.sheets["Analysis"].tables["ParetoTable"]
    table.header_row_range[0, 1].value = 2024
    table.header_row_range[0, 2].clear_contents()
    assert table.header_row_range.value == ["Rank", "2024", "Column3"]


def test_names_read_and_write_through_refers_to_range(book):
    book.names["CutoffA"].refers_to_range.value = 0.7
    assert book.sheets["Settings"]["B4"].value == 0.7
    assert book.sheets["Settings"].range("CutoffA").value == 0.7
    book.sheets["Settings"]["B6"].name = "BudgetTotal"
    assert book.names["BudgetTotal"].refers_to == "=Settings!$B$6"
    assert "BudgetTotal" in book.names and "Nope" not in book.names
    book.sheets["Settings"].name = "Options"
    assert book.names["CutoffA"].refers_to == "=Options!$B$4"


def test_range_name_gets_and_sets_a_ranges_defined_name(book):
    settings = book.sheets["Settings"]
    cutoff = settings["B4"].name  # an xw.Name, as Excel's Range.Name
    assert isinstance(cutoff, xw.main.Name)
    assert (cutoff.name, cutoff.refers_to) == ("CutoffA", "=Settings!$B$4")
    assert settings["B5"].name.name == "Settings!LocalMethod"  # a sheet-level name
    assert settings["B4:B5"].name is None  # only a name for exactly that range counts
    assert settings["A4"].name is None and book.sheets["Start"]["B4"].name is None
    settings["B6:C7"].name = "Budget"
    assert settings["B6:C7"].name.refers_to == "=Settings!$B$6:$C$7"
    assert book.names["Budget"].refers_to_range.address == "$B$6:$C$7"
    settings["B4"].name = "Threshold"  # a second name for the cell: the first still answers
    assert settings["B4"].name.name == "CutoffA"
    book.names["Total"] = settings["B8"]  # xlwings' Names.__setitem__ sets Range.name
    assert settings["B8"].name.refers_to == "=Settings!$B$8"
    settings.name = "My settings"  # a quoted sheet name in the reference
    assert settings["B6:C7"].name.refers_to == "='My settings'!$B$6:$C$7"
    assert settings["B4"].name.name == "CutoffA"


# --- app, entry points, isolation ----------------------------------------------------------
def test_app_settings_are_recorded_and_restored(book):
    app = book.app
    with app.properties(screen_updating=False, calculation="manual", status_bar="Working..."):
        app.status_bar = "Step 2"
        assert app.screen_updating is False and app.calculation == "manual"
    assert app.screen_updating is True and app.calculation == "automatic"
    state = app_state(book)
    assert state.changes("status_bar") == ["Working...", "Step 2", False]
    assert state.status_bar is False
    with pytest.raises(ValueError, match="calculation"):
        app.calculation = "sometimes"


def test_alerts_are_recorded(book):
    answer = book.app.alert("Table 'Clients' is missing.", title="xlpareto", mode="critical")
    assert answer == "ok"
    alert = app_state(book).alerts[-1]
    assert (alert.prompt, alert.title, alert.mode) == (
        "Table 'Clients' is missing.",
        "xlpareto",
        "critical",
    )


def test_xw_book_and_caller_use_the_active_engine(sample_path, xlwings_memory):
    opened = xw.Book(sample_path)
    assert xw.Book(sample_path) == opened  # found again by name, like Excel
    assert opened.app in list(xw.apps)
    assert xw.books.active == opened
    assert opened.app.engine.name == "memory"
    with mock_caller(opened):
        assert xw.Book.caller() == opened
    assert not hasattr(xw.Book, "_mock_caller")


def test_memory_book_fixture_gives_independent_books(sample_path, memory_book):
    first, second = memory_book(sample_path), memory_book(sample_path)
    first.sheets["Start"]["A1"].value = "changed"
    assert second.sheets["Start"]["A1"].value == "Welcome"
    assert app_state(first) is not app_state(second)


def test_snapshot_detects_any_change_on_a_sheet(book):
    before = book_snapshot(book)
    book.sheets["Analysis"]["A10"].value = 1
    after = book_snapshot(book)
    assert {name for name in before if before[name] != after[name]} == {"Analysis"}
    book.sheets["Start"]["Z1"].number_format = "0.00"
    assert book_snapshot(book)["Start"] != before["Start"]


def test_sheet_clear_contents_keeps_formats_and_table_headers(book):
    clients = book.sheets["Clients"]
    clients.clear_contents()
    assert clients.tables["Clients"].header_row_range.value == ["Column1", "Column2", "Column3"]
    assert clients["A2"].value is None and clients["E4"].number_format == "yyyy-mm-dd"


def test_engine_deactivates_cleanly():
    previous = xw.engines.active
    with activated():
        assert xw.engines.active.name == "memory"
        xw.Book()
        assert len(xw.apps) == 1
    assert xw.engines.active is previous
