"""The input schema (layout.inputs) and the column finder that reads it, for every table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto import layout
from xlpareto.errors import XlparetoError
from xlpareto.io.columns import SYNONYMS, find_columns, normalise
from xlpareto.layout.inputs import (
    CLIENTS,
    INPUT_TABLES,
    INVOICE_LINES,
    PROSPECTS,
    InputColumn,
    InputTable,
)

TABLES = list(INPUT_TABLES.values())
SYNONYM_CASES = [
    pytest.param(table, column, name, id=f"{table.name}-{column.role}-{name}")
    for table in TABLES
    for column in table.columns
    for name in column.synonyms
]


def _headers_with(table: InputTable, role: str, name: str) -> list[str]:
    """The required headers of ``table``, with ``name`` standing for ``role`` (put last)."""
    others = [c.header for c in table.required if c.role != role]
    return ["Notes", *others, name]


def test_flat_constants_are_views_of_the_schema() -> None:
    assert layout.CLIENTS_TABLE == CLIENTS.name == "Clients"
    assert (layout.CLIENT_COLUMN, layout.REVENUE_COLUMN, layout.PRIOR_COLUMN) == (
        "Client",
        "Revenue",
        "Revenue prior",
    )
    assert layout.CLIENTS_COLUMNS == (
        "Client",
        "Revenue",
        "Revenue prior",
        "Cost to serve",
        "Hours",
    )
    assert layout.CLIENTS_TOP_LEFT == CLIENTS.top_left == (0, 0)
    assert CLIENTS.sheet == layout.CLIENTS_SHEET


def test_the_tables_the_spec_names() -> None:
    assert CLIENTS.headers == ("Client", "Revenue", "Revenue prior", "Cost to serve", "Hours")
    assert CLIENTS.required_headers == ("Client", "Revenue")
    assert PROSPECTS.headers == ("Prospect", "Expected revenue", "Fit", "Probability")
    assert PROSPECTS.required_headers == ("Prospect", "Expected revenue", "Fit")
    assert INVOICE_LINES.headers == ("Date", "Client", "Amount", "Cost", "Hours")
    assert INVOICE_LINES.required_headers == ("Client", "Amount")
    for role in ("fit", "probability"):
        rule = PROSPECTS.column(role).validation
        assert (rule["criteria"], rule["minimum"], rule["maximum"]) == ("between", 0, 1)
    for role in ("cost", "hours"):
        assert CLIENTS.column(role).validation["criteria"] == ">="
        assert CLIENTS.column(role).kind == "number" and not CLIENTS.column(role).required


def test_client_synonyms_are_the_documented_ones() -> None:
    """The names the command line has always recognised, in the same order."""
    assert SYNONYMS["client"] == (
        "Client",
        "Client name",
        "Customer",
        "Customer name",
        "Account",
        "Account name",
        "Company",
        "Name",
        "Kunde",
        "Cliente",
    )
    assert SYNONYMS["revenue"] == (
        "Revenue",
        "Sales",
        "Amount",
        "Net revenue",
        "Net sales",
        "Turnover",
        "Total",
        "Value",
        "Umsatz",
    )
    assert SYNONYMS["prior"][0] == "Revenue prior" and SYNONYMS["prior"][-1] == "Vorjahr"
    assert len(SYNONYMS["prior"]) == 11


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_schema_is_consistent(table: InputTable) -> None:
    assert len(set(table.roles)) == len(table.roles)
    assert table.key in table.roles and table.column(table.key).required
    options = [c.option for c in table.columns]
    assert all(options) and len(set(options)) == len(options)
    names = [normalise(n) for c in table.columns for n in c.synonyms]
    assert len(set(names)) == len(names), "a header name would fit two columns"
    for column in table.columns:
        assert column.synonyms[0] == column.header
        assert column.kind in ("text", "number", "date")
        assert table.by_header(f"  {column.header.upper()} ") is column


def test_a_bad_column_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        InputColumn("x", "X", "money")
    with pytest.raises(ValueError, match="first synonym"):
        InputColumn("x", "X", "text", synonyms=("Y", "X"))
    with pytest.raises(KeyError, match="role 'nope'"):
        CLIENTS.column("nope")


@pytest.mark.parametrize(("table", "column", "name"), SYNONYM_CASES)
def test_every_column_is_found_by_each_of_its_synonyms(
    table: InputTable, column: InputColumn, name: str
) -> None:
    headers = _headers_with(table, column.role, name)
    choice = find_columns(headers, "x.csv", table)
    assert choice[column.role] == len(headers) - 1
    assert set(choice) == {c.role for c in table.required} | {column.role}


@given(data=st.data())
def test_synonyms_match_ignoring_case_spaces_and_separators(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(TABLES))
    column = data.draw(st.sampled_from(table.columns))
    name = data.draw(st.sampled_from(column.synonyms))
    spelled = "".join(
        data.draw(st.sampled_from([ch.upper(), ch.lower()])) if ch != " " else
        data.draw(st.sampled_from([" ", "_", "-", ".", ""]))
        for ch in name
    )  # fmt: skip
    choice = find_columns(_headers_with(table, column.role, spelled), "x.csv", table)
    assert choice.header(column.role) == spelled.strip()


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_column_can_be_named_by_hand(table: InputTable) -> None:
    headers = [f"Column {i}" for i in range(len(table.columns))]
    given_names = {c.role: h.upper() for c, h in zip(table.columns, headers, strict=True)}
    choice = find_columns(headers, "x.csv", table, given_names)
    assert dict(choice) == {c.role: i for i, c in enumerate(table.columns)}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_a_missing_required_column_names_its_option(table: InputTable) -> None:
    for column in table.required:
        headers = [c.header for c in table.required if c is not column]
        with pytest.raises(XlparetoError, match=rf"column '{column.header}' not found .*"):
            find_columns(headers, "x.csv", table)
        with pytest.raises(XlparetoError, match=f"use {column.option}$"):
            find_columns(headers, "x.csv", table)


def test_optional_columns_only_when_present_and_never_a_used_column() -> None:
    choice = find_columns(["Client", "Revenue"], "x.csv")
    assert dict(choice) == {"client": 0, "revenue": 1}
    choice = find_columns(["Hours", "Client", "Cost", "Revenue"], "x.csv")
    assert dict(choice) == {"client": 1, "revenue": 3, "cost": 2, "hours": 0}
    assert choice.describe() == "client 'Client', revenue 'Revenue', cost 'Cost', hours 'Hours'"
    # a column named by hand is never taken again by name: Cost is the revenue here
    choice = find_columns(["Client", "Cost"], "x.csv", given={"revenue": "cost"})
    assert dict(choice) == {"client": 0, "revenue": 1}


def test_the_preferred_synonym_wins() -> None:
    choice = find_columns(["Date", "Customer", "Revenue", "Amount"], "x.csv", INVOICE_LINES)
    assert dict(choice) == {"date": 0, "client": 1, "revenue": 3}  # Amount before Revenue
    choice = find_columns(["Company", "Value", "Fit score", "Chance"], "x.csv", PROSPECTS)
    assert dict(choice) == {"prospect": 0, "expected": 1, "fit": 2, "probability": 3}


def test_twice_message_lists_the_options_in_play() -> None:
    with pytest.raises(XlparetoError) as error:
        find_columns(
            ["Client", "Revenue"], "x.csv", given={"client": "Revenue", "revenue": "Revenue"}
        )
    assert str(error.value) == (
        "x.csv: the same column is used twice (client 'Revenue', revenue 'Revenue'); "
        "choose with --client, --revenue, --prior, --cost and --hours"
    )
    with pytest.raises(ValueError, match="role 'nope'"):
        find_columns(["Client", "Revenue"], "x.csv", given={"nope": "Client"})


def test_names_help_lists_every_column() -> None:
    text = CLIENTS.names_help()
    assert text.startswith("client = Client, Client name, Customer")
    assert "; prior (optional) = Revenue prior, Prior revenue" in text
    assert "; cost (optional) = Cost to serve, Cost, Costs" in text
