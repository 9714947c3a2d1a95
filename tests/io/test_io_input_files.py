"""Input files read by the schema: optional columns carried, every format, the new --data path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from xlpareto.errors import XlparetoError
from xlpareto.io import InputRows, ReadOptions, read_input_file
from xlpareto.io.terminal import clients_table
from xlpareto.layout.inputs import BETWEEN_0_AND_1, CLIENTS, INVOICE_LINES, PROSPECTS, InputColumn
from xlpareto.workbook import WORKBOOK_OPTIONS, Formats
from xlpareto.workbook.input_sheet import add_input_sheet

HEADERS = ["Customer", "Sales", "Prior", "Costs", "Time spent", "Notes"]
ROWS = [
    ["Acme", "1.234,50", "1.000", "200", "1,5", "x"],
    ["Birch", "10", "", "", "2", "y"],
    ["Acme", "5,5", "3", "1", "", "z"],
]
EXPECTED = {
    "revenue": [1234.5, 10.0, 5.5],
    "prior": [1000.0, np.nan, 3.0],
    "cost": [200.0, np.nan, 1.0],
    "hours": [1.5, 2.0, np.nan],
}


def _csv(path: Path, headers: list[str], rows: list[list[str]], delimiter: str = ";") -> Path:
    lines = [delimiter.join(headers), *(delimiter.join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, headers: list[str], rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _numbers_rows() -> list[list]:
    return [
        ["Acme", 1234.5, 1000, 200, 1.5, "x"],
        ["Birch", 10, None, None, 2, "y"],
        ["Acme", 5.5, 3, 1, None, "z"],
    ]


def _assert_carried(rows: InputRows) -> None:
    assert list(rows.values) == ["client", "revenue", "prior", "cost", "hours"]
    assert rows.clients.tolist() == ["Acme", "Birch", "Acme"]
    for role, expected in EXPECTED.items():
        np.testing.assert_array_equal(rows.column(role), expected)
        assert rows.column(role).dtype == float
    assert rows.columns.describe() == (
        "client 'Customer', revenue 'Sales', prior 'Prior', cost 'Costs', hours 'Time spent'"
    )
    assert list(rows.to_frame().columns) == list(CLIENTS.headers)


def test_csv_carries_cost_and_hours(tmp_path: Path) -> None:
    rows = read_input_file(_csv(tmp_path / "c.csv", HEADERS, ROWS))
    _assert_carried(rows)
    assert "decimal ','" in rows.describe()  # detected from every number column


def test_xlsx_carries_cost_and_hours(tmp_path: Path) -> None:
    rows = read_input_file(_xlsx(tmp_path / "c.xlsx", HEADERS, _numbers_rows()))
    _assert_carried(rows)
    assert rows.first_row == 2


def test_parquet_carries_cost_and_hours(tmp_path: Path) -> None:
    frame = pd.DataFrame(_numbers_rows(), columns=HEADERS)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "c.parquet")
    _assert_carried(read_input_file(tmp_path / "c.parquet"))


def test_without_optional_columns_the_rows_are_as_before(tmp_path: Path) -> None:
    rows = read_input_file(_csv(tmp_path / "c.csv", ["Client", "Revenue"], [["a", "1"]], ","))
    assert list(rows.values) == ["client", "revenue"]
    assert rows.prior is None and rows.column("cost") is None
    assert rows.describe().startswith("c.csv: 1 rows (client 'Client', revenue 'Revenue'; ")


def test_columns_named_by_hand(tmp_path: Path) -> None:
    path = _csv(tmp_path / "c.csv", ["Who", "Money", "Effort"], [["a", "1", "2"]], ",")
    options = ReadOptions(columns={"client": "who", "revenue": "MONEY", "prior": None})
    rows = read_input_file(path, options)
    assert dict(rows.columns) == {"client": 0, "revenue": 1, "hours": 2}
    with pytest.raises(XlparetoError, match=r"column 'Hours' \(--hours\) not found"):
        read_input_file(
            path, ReadOptions(columns={"client": "Who", "revenue": "Money", "hours": "Hours"})
        )


def test_other_tables_read_by_their_schema(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "p.csv",
        ["Lead", "Deal size", "Fit", "Chance"],
        [["Acme", "5000", "0.8", ""], ["Birch", "100", "0.2", "0.5"]],
        ",",
    )
    rows = read_input_file(path, table=PROSPECTS)
    assert rows.table is PROSPECTS and rows.rows == 2
    np.testing.assert_array_equal(rows.column("probability"), [np.nan, 0.5])
    assert list(rows.to_frame().columns) == list(PROSPECTS.headers)
    lines = _csv(
        tmp_path / "l.csv", ["Posting date", "Client", "Amount"], [["2026-01-31", "a", "5"]], ","
    )
    rows = read_input_file(lines, table=INVOICE_LINES)
    assert rows.column("date").tolist() == ["2026-01-31"]  # dates are carried as read
    np.testing.assert_array_equal(rows.revenue, [5.0])


def test_xlsx_default_table_follows_the_schema(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Client", "Revenue"])
    book.active.append(["a", 1])
    prospects = book.create_sheet("Prospects")
    prospects.append(["Prospect", "Expected revenue", "Fit"])
    prospects.append(["p", 100, 0.5])
    book.save(tmp_path / "b.xlsx")
    assert read_input_file(tmp_path / "b.xlsx").source == "b.xlsx [sheet Sheet]"
    rows = read_input_file(tmp_path / "b.xlsx", table=PROSPECTS)
    assert rows.source == "b.xlsx [sheet Prospects]" and rows.column("fit").tolist() == [0.5]


def test_new_data_keeps_the_template_columns(tmp_path: Path) -> None:
    """Cost and hours are carried into the Clients table of `new` (template columns)."""
    rows = read_input_file(_csv(tmp_path / "c.csv", HEADERS, ROWS))
    table = clients_table(rows)
    assert list(table.columns) == ["Client", "Revenue", "Revenue prior", "Cost to serve", "Hours"]
    assert table.to_dict("list") == {
        "Client": ["Acme", "Birch"],
        "Revenue": [1240.0, 10.0],
        "Revenue prior": [1003.0, pytest.approx(np.nan, nan_ok=True)],
        "Cost to serve": [201.0, pytest.approx(np.nan, nan_ok=True)],
        "Hours": [1.5, 2.0],
    }


def test_a_new_column_is_one_schema_entry(tmp_path: Path) -> None:
    """A column added to the schema is found, read, carried and written with no other code."""
    region = InputColumn(
        "region", "Region", "text", synonyms=("Region", "Area"), option="--region", width=20
    )
    discount = InputColumn(
        "discount", "Discount", "number", synonyms=("Discount", "Rebate"), option="--discount",
        number_format="0%", validation=BETWEEN_0_AND_1, in_template=False,
    )  # fmt: skip
    extended = dataclasses.replace(CLIENTS, columns=(*CLIENTS.columns, region, discount))
    path = _csv(
        tmp_path / "c.csv", ["Area", "Client", "Revenue", "Rebate"], [["North", "a", "9", "0,5"]]
    )
    rows = read_input_file(path, table=extended)
    assert rows.column("region").tolist() == ["North"]
    np.testing.assert_array_equal(rows.column("discount"), [0.5])
    book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), WORKBOOK_OPTIONS)
    add_input_sheet(book, extended, rows.to_frame(), Formats(book))
    book.close()
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")[CLIENTS.sheet]
    table = sheet.tables[CLIENTS.name]
    assert [c.name for c in table.tableColumns] == [
        "Client", "Revenue", "Revenue prior", "Cost to serve", "Hours", "Region", "Discount",
    ]  # fmt: skip
    assert (sheet["F2"].value, sheet["G2"].value, sheet["G2"].number_format) == ("North", 0.5, "0%")
    assert [str(dv.sqref) for dv in sheet.data_validations.dataValidation] == ["D2", "E2", "G2"]
