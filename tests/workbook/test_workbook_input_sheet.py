"""The one input-sheet builder writes any input table of the schema (read back with openpyxl)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from xlpareto.data import sample_clients
from xlpareto.errors import XlparetoError
from xlpareto.layout.inputs import CLIENTS, INVOICE_LINES, PROSPECTS, InputTable
from xlpareto.workbook import WORKBOOK_OPTIONS, Formats
from xlpareto.workbook.input_sheet import add_input_sheet, input_frame

PROSPECTS_DATA = pd.DataFrame(
    {
        "Prospect": ["=1+1", "Birch Legal", "Cedar Foods"],
        "Expected revenue": [5000.0, 1200.5, 800.0],
        "Fit": [0.8, 0.3, 1.0],
        "Extra": ["dropped", "dropped", "dropped"],
    }
)


def _write(path: Path, table: InputTable, data: pd.DataFrame) -> openpyxl.Workbook:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    add_input_sheet(book, table, data, Formats(book))
    book.close()
    return openpyxl.load_workbook(path)


def _validations(sheet) -> dict[str, object]:
    return {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}


def test_a_prospects_sheet_from_the_schema(tmp_path: Path) -> None:
    sheet = _write(tmp_path / "p.xlsx", PROSPECTS, PROSPECTS_DATA)[PROSPECTS.sheet]
    table = sheet.tables[PROSPECTS.name]
    assert table.ref == "A1:D4"  # Probability (in the template) is written blank
    assert [c.name for c in table.tableColumns] == list(PROSPECTS.headers)
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet["A"][1:4]] == ["=1+1", "Birch Legal", "Cedar Foods"]
    assert sheet["A2"].data_type == "s"  # a name stays text, never a formula
    assert [sheet.cell(r, 2).value for r in (2, 3, 4)] == [5000.0, 1200.5, 800.0]
    assert [sheet.cell(r, 4).value for r in (2, 3, 4)] == [None, None, None]
    for column_letter, role in zip("ABCD", PROSPECTS.roles, strict=True):
        column = PROSPECTS.column(role)
        assert sheet[f"{column_letter}2"].number_format == (column.number_format or "General")
        assert sheet.column_dimensions[column_letter].width == pytest.approx(column.width, abs=1)
    rules = _validations(sheet)
    assert set(rules) == {"B2:B4", "C2:C4", "D2:D4"}
    assert (rules["B2:B4"].type, rules["B2:B4"].operator, rules["B2:B4"].formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    for ref in ("C2:C4", "D2:D4"):
        rule = rules[ref]
        assert rule.operator in (None, "between")  # "between" is the default, left out
        assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "0", "1")
        assert rule.error and "between 0 and 1" in rule.error
    assert sheet["F1"].value == PROSPECTS.note  # one empty column between table and note


def test_clients_sheet_shows_optional_columns_the_data_has(tmp_path: Path) -> None:
    data = sample_clients(n=10)
    data["Cost to serve"] = 100.0
    data["Hours"] = [1.5] * 9 + [None]
    sheet = _write(tmp_path / "c.xlsx", CLIENTS, data)[CLIENTS.sheet]
    table = sheet.tables[CLIENTS.name]
    assert [c.name for c in table.tableColumns] == list(CLIENTS.headers)
    assert table.ref == "A1:E11"
    assert set(_validations(sheet)) == {"D2:D11", "E2:E11"}
    assert sheet["D2"].value == 100.0 and sheet["E11"].value is None
    assert sheet["E2"].number_format == CLIENTS.column("hours").number_format
    assert sheet["G1"].value == CLIENTS.note


def test_clients_sheet_with_the_template_columns_only(tmp_path: Path) -> None:
    sheet = _write(tmp_path / "c.xlsx", CLIENTS, sample_clients(n=5)[["Client", "Revenue"]])[
        CLIENTS.sheet
    ]
    assert [c.name for c in sheet.tables[CLIENTS.name].tableColumns] == list(CLIENTS.headers)
    assert set(_validations(sheet)) == {"D2:D6", "E2:E6"}  # blank cost columns, validated
    assert sheet["D2"].value is None and sheet["E2"].value is None
    assert sheet["G1"].value == CLIENTS.note


def test_input_frame_errors() -> None:
    with pytest.raises(XlparetoError, match="prospect data needs the columns Fit"):
        input_frame(PROSPECTS, PROSPECTS_DATA.drop(columns="Fit"))
    with pytest.raises(XlparetoError, match="client data has no rows"):
        input_frame(CLIENTS, pd.DataFrame({"Client": [], "Revenue": []}))
    with pytest.raises(ValueError, match="not a sheet"):
        add_input_sheet(None, INVOICE_LINES, pd.DataFrame(), None)
