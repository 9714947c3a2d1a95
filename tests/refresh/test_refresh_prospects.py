"""The refresh reads the Prospects table (optional) and never writes to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlwings as xw
from test_macros_support import TEMPLATE, stand_in_workbook
from xlwings_memory import book_snapshot, load_workbook_into_memory

from xlpareto import layout, macros
from xlpareto.data import sample_clients, sample_prospects
from xlpareto.layout.inputs import PROSPECTS
from xlpareto.refresh.reader import read_prospects_table

CLOCK = dt.datetime(2026, 3, 1, 9, 30)


@pytest.fixture
def book() -> xw.Book:
    return load_workbook_into_memory(TEMPLATE)


def test_the_prospects_table_is_read_with_its_headers(book: xw.Book) -> None:
    frame = read_prospects_table(book)
    assert list(frame.columns) == list(PROSPECTS.headers)
    expected = sample_prospects()
    assert frame["Prospect"].tolist() == expected["Prospect"].tolist()
    assert frame["Fit"].tolist() == pytest.approx(expected["Fit"].tolist())


def test_the_refresh_plans_the_pipeline_from_the_prospects_table(book: xw.Book) -> None:
    before = book_snapshot(book)[layout.PROSPECTS_SHEET]
    result = macros.refresh(book, now=lambda: CLOCK, notify=False)
    assert result.ok, result.message
    pipeline = result.analysis.pipeline
    assert pipeline is not None and len(pipeline.table) == len(sample_prospects())
    new_business = result.analysis.budget.set_index("Segment").loc["New business", "Budget"]
    budgets = [b for b in pipeline.table["Budget"] if b != ""]
    assert sum(budgets) == pytest.approx(new_business, abs=1e-9)
    tailor_made = pipeline.table[pipeline.table["Fit"] < layout.MIN_FIT.default]
    assert (tailor_made["Budget"] == 0).all()
    assert book_snapshot(book)[layout.PROSPECTS_SHEET] == before  # never written
    assert result.analysis.profit is not None  # the Clients table's costs are passed on


def test_a_workbook_without_prospects_has_no_pipeline(tmp_path: Path) -> None:
    path = stand_in_workbook(tmp_path / "old.xlsx", sample_clients(n=30))
    book = load_workbook_into_memory(path)
    assert read_prospects_table(book) is None
    result = macros.refresh(book, now=lambda: CLOCK, notify=False)
    assert result.ok and result.analysis.pipeline is None


def test_a_prospects_table_without_its_columns_is_a_message(book: xw.Book) -> None:
    sheet = book.sheets[layout.PROSPECTS_SHEET]
    sheet.range("C1").value = "Score"  # the Fit header renamed
    result = macros.refresh(book, now=lambda: CLOCK, notify=False)
    assert not result.ok and "Prospects table has no Fit column" in result.message


def test_a_prospect_name_with_half_a_character_is_a_message_naming_its_row(book: xw.Book) -> None:
    sheet = book.sheets[layout.PROSPECTS_SHEET]
    sheet.range("A3").value = "Nordwind " + chr(0xD83D)  # an emoji cut in two, as Excel can hold
    result = macros.refresh(book, now=lambda: CLOCK, notify=False)
    assert not result.ok
    assert "the Prospects table: the text in row 3 holds half a character" in result.message
