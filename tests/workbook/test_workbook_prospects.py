"""The template's Prospects sheet and the Clients table's cost columns (read with openpyxl)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xlpareto import layout
from xlpareto.data import sample_prospects
from xlpareto.layout.inputs import CLIENTS, PROSPECTS

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(TEMPLATE, keep_vba=True)


def test_prospects_sheet_comes_right_after_clients(book) -> None:
    names = book.sheetnames
    assert names.index("Prospects") == names.index("Clients") + 1
    assert layout.SHEET_CODENAMES["Prospects"] == "shProspects"
    assert [s.name for s in layout.BOOK_SHEETS][1:3] == ["Clients", "Prospects"]


def test_prospects_table_headers_and_sample_rows(book) -> None:
    sheet = book["Prospects"]
    table = sheet.tables["Prospects"]
    rows = [[c.value for c in row] for row in sheet[table.ref]]
    assert rows[0] == ["Prospect", "Expected revenue", "Fit", "Probability"]
    assert len(rows) - 1 == len(sample_prospects()) == 25
    assert rows[1][:3] == list(sample_prospects().iloc[0, :3])
    assert sum(1 for row in rows[1:] if row[2] < layout.MIN_FIT.default) >= 3


def test_fit_and_probability_are_validated_between_0_and_1(book) -> None:
    sheet = book["Prospects"]
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    for ref in ("C2:C26", "D2:D26"):
        rule = rules[ref]
        assert rule.type == "decimal" and rule.operator in (None, "between")  # the default
        assert (rule.formula1, rule.formula2) == ("0", "1")
    assert rules["B2:B26"].operator == "greaterThanOrEqual"


def test_the_sheet_explains_fit_in_two_lines(book) -> None:
    sheet = book["Prospects"]
    note = sheet.cell(1, len(PROSPECTS.columns) + 2).value
    assert note == PROSPECTS.note
    lines = note.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Fit:") and "MinFit" in lines[1]


def test_clients_table_has_cost_to_serve_and_hours(book) -> None:
    sheet = book["Clients"]
    table = sheet.tables["Clients"]
    header = [c.value for c in sheet[table.ref][0]]
    assert header == ["Client", "Revenue", "Revenue prior", "Cost to serve", "Hours"]
    assert CLIENTS.column("cost").in_template and CLIENTS.column("hours").in_template
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules["D2:D201"].operator == rules["E2:E201"].operator == "greaterThanOrEqual"
