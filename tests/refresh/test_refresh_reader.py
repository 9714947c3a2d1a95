"""The refresh's table reader reads the columns the input schema names (in-memory engine)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from test_macros_support import TEMPLATE, stand_in_workbook
from xlwings_memory import load_workbook_into_memory

from xlpareto.data import sample_clients
from xlpareto.errors import XlparetoError
from xlpareto.layout.inputs import CLIENTS, PROSPECTS, InputColumn
from xlpareto.refresh.reader import read_clients_table, read_input_table
from xlpareto.workbook import WORKBOOK_OPTIONS, Formats
from xlpareto.workbook.input_sheet import add_input_sheet

PROSPECT_ROWS = pd.DataFrame(
    {
        "Prospect": ["Acme", "Birch", "Cedar"],
        "Expected revenue": [5000.0, 1200.0, 800.0],
        "Fit": [0.8, 0.3, 1.0],
        "Probability": [0.5, None, 0.9],
    }
)


def test_the_template_has_the_template_columns() -> None:
    columns = read_clients_table(load_workbook_into_memory(TEMPLATE))
    assert list(columns.values) == ["client", "revenue", "prior", "cost", "hours"]
    assert columns.first_row == 2 and len(columns.clients) == 200
    assert sum(v is not None for v in columns.column("cost")) > 150


def test_optional_columns_are_read_by_schema_when_present(tmp_path: Path) -> None:
    data = pd.DataFrame(
        {
            "Notes": ["x", "y", "z"],
            " hours ": [2.0, None, 1.5],
            "Client": ["a", "b", "c"],
            "COST TO SERVE": [10.0, 20.0, "#N/A"],
            "Revenue": [100.0, 50.0, 5.0],
        }
    )
    book = load_workbook_into_memory(stand_in_workbook(tmp_path / "c.xlsx", data))
    columns = read_clients_table(book)
    assert list(columns.values) == ["client", "revenue", "cost", "hours"]  # schema order
    assert columns.prior is None
    assert columns.column("cost") == [10.0, 20.0, "#N/A"]  # errors read as their text
    assert columns.column("hours") == [2.0, None, 1.5]
    assert columns.revenue == [100.0, 50.0, 5.0]


def _prospects_book(path: Path, data: pd.DataFrame) -> Path:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    add_input_sheet(book, PROSPECTS, data, Formats(book))
    book.close()
    return path


def test_another_input_table_is_read_by_its_schema(tmp_path: Path) -> None:
    book = load_workbook_into_memory(_prospects_book(tmp_path / "p.xlsx", PROSPECT_ROWS))
    columns = read_input_table(book, PROSPECTS)
    assert list(columns.values) == list(PROSPECTS.roles)
    assert columns.column("prospect") == ["Acme", "Birch", "Cedar"]
    assert columns.column("fit") == [0.8, 0.3, 1.0]
    assert columns.column("probability") == [0.5, None, 0.9]


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        (
            ["Fit"],
            "The Prospects table has no Fit column; "
            "name the column headers Prospect, Expected revenue and Fit",
        ),
        (
            ["Prospect", "Fit"],
            "The Prospects table has no Prospect or Fit column; "
            "name the column headers Prospect, Expected revenue and Fit",
        ),
    ],
)
def test_missing_required_columns_are_named(tmp_path: Path, drop: list[str], message: str) -> None:
    data = PROSPECT_ROWS.rename(columns={name: f"My {name}" for name in drop})
    book = xlsxwriter.Workbook(str(tmp_path / "p.xlsx"), WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("Prospects")
    sheet.add_table(
        0, 0, len(data), len(data.columns) - 1,
        {"name": "Prospects", "columns": [{"header": h} for h in data.columns]},
    )  # fmt: skip
    book.close()
    with pytest.raises(XlparetoError) as error:
        read_input_table(load_workbook_into_memory(tmp_path / "p.xlsx"), PROSPECTS)
    assert str(error.value) == message


def test_a_missing_table_names_the_required_columns(tmp_path: Path) -> None:
    book = load_workbook_into_memory(stand_in_workbook(tmp_path / "old.xlsx", sample_clients(n=5)))
    with pytest.raises(XlparetoError) as error:
        read_input_table(book, PROSPECTS)
    assert str(error.value) == (
        "No table named Prospects found. Put your prospects in an Excel table (Insert > Table) "
        "named Prospects with the columns Prospect, Expected revenue and Fit"
    )
    assert read_input_table(book, CLIENTS).first_row == 2


def test_a_new_schema_column_is_read_with_no_other_code(tmp_path: Path) -> None:
    region = InputColumn("region", "Region", "text", option="--region")
    extended = dataclasses.replace(CLIENTS, columns=(*CLIENTS.columns, region))
    data = pd.DataFrame({"Client": ["a", "b"], "Revenue": [1.0, 2.0], "Region": ["N", "S"]})
    book = load_workbook_into_memory(stand_in_workbook(tmp_path / "c.xlsx", data))
    assert read_input_table(book, extended).column("region") == ["N", "S"]
    assert read_clients_table(book).column("region") is None  # not in today's schema
