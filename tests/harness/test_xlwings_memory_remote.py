"""The in-memory engine's remote mode: a host that applies a script's writes after it
returns (xlwings Server, xlwings Lite)."""

from __future__ import annotations

import pytest
import xlwings as xw
from xlwings_memory import (
    MAX_REQUEST_BYTES,
    PayloadTooLarge,
    ReadBeforeApplied,
    app_state,
    memory_mode,
    new_book,
    script_run,
)


@pytest.fixture
def book() -> xw.Book:
    return new_book(mode="remote")


@pytest.mark.parametrize("prop", ["status_bar", "screen_updating", "enable_events", "calculation"])
def test_no_status_bar_screen_updating_events_or_calculation(book: xw.Book, prop: str) -> None:
    with pytest.raises(NotImplementedError):
        getattr(book.app, prop)
    with pytest.raises(NotImplementedError):
        setattr(book.app, prop, False if prop != "calculation" else "manual")
    assert app_state(book).history == []


def test_alerts_work(book: xw.Book) -> None:
    book.app.alert("hello", title="t")
    assert [a.prompt for a in app_state(book).alerts] == ["hello"]


def test_a_created_table_has_no_ranges_until_applied(book: xw.Book) -> None:
    sheet = book.sheets[0]
    with script_run(book):
        sheet["A1:B1"].value = ["x", "y"]
        table = sheet.tables.add(source=sheet["A1:B2"], name="T")
        assert table.header_row_range is None and table.data_body_range is None
        with pytest.raises(ReadBeforeApplied, match="table T"):
            _ = table.range
        table.resize(sheet["A1:B4"])  # an action: fine
    assert sheet.tables["T"].range.address == "$A$1:$B$4"
    assert sheet.tables["T"].header_row_range.value == ["x", "y"]


def test_cells_written_in_the_run_cannot_be_read_back(book: xw.Book) -> None:
    sheet = book.sheets[0]
    sheet["A1"].value = 1  # before the script: applied
    with script_run(book):
        assert sheet["A1"].value == 1
        sheet["B1:B3"].value = [[1], [2], [3]]
        with pytest.raises(ReadBeforeApplied):
            _ = sheet["B2"].value
        with pytest.raises(ReadBeforeApplied):
            _ = sheet["A1:C1"].formula
        sheet["C5"].clear_contents()
        with pytest.raises(ReadBeforeApplied):
            _ = sheet["C5"].value
        assert sheet["D1"].value is None  # untouched cells read fine
    assert sheet["B2"].value == 2


def test_each_value_write_is_one_request_under_the_limit(book: xw.Book) -> None:
    sheet = book.sheets[0]
    with script_run(book):
        sheet["A1:B2"].value = [[1, "ab"], [2, "cd"]]
        assert app_state(book).requests == [len('[[1, "ab"], [2, "cd"]]')]
        with pytest.raises(PayloadTooLarge):
            sheet["A1"].value = "x" * MAX_REQUEST_BYTES
    sheet["A1"].value = "outside a script run: not a request"
    assert len(app_state(book).requests) == 1


def test_desktop_mode_is_unchanged() -> None:
    book = new_book()
    with script_run(book):
        book.sheets[0]["A1"].value = 3
        assert book.sheets[0]["A1"].value == 3
        book.app.status_bar = "fine"
    assert app_state(book).requests == []


def test_memory_mode_sets_the_default() -> None:
    with memory_mode("remote"):
        assert app_state(new_book()).remote
    assert not app_state(new_book()).remote
    with pytest.raises(ValueError, match="Unknown mode"):
        new_book(mode="cloud")
