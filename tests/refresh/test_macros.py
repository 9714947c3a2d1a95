"""The refresh macro, run through xlwings' own objects on the in-memory engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import xlwings as xw
from test_macros_support import set_clients, stand_in_workbook
from xlwings_memory import (
    app_state,
    book_snapshot,
    cell,
    chart_series,
    load_workbook_into_memory,
)

import xlpareto
from xlpareto import layout, macros
from xlpareto.data import sample_clients
from xlpareto.layout.analysis_content import analysis_table_rows
from xlpareto.layout.analysis_sheet import describe_for
from xlpareto.layout.formats import RANK_FORMAT
from xlpareto.layout.output_sheet import SheetSpec
from xlpareto.refresh.chart import rebind_chart, rebind_series, series_targets
from xlpareto.workbook.chart import series_references

pytestmark = pytest.mark.usefixtures("engine_mode")  # desktop and remote (conftest.py)
CLOCK = dt.datetime(2026, 3, 1, 9, 30)
FORMULA_LIKE = [
    "=1+1",
    "+CMD|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    "007",
    "TRUE",
    "50%",
    "-2",
    "1/2",
]


def _clock() -> dt.datetime:
    return CLOCK


def _refresh(book: xw.Book, **kwargs) -> macros.RefreshResult:
    return macros.refresh(book, now=kwargs.pop("now", _clock), **kwargs)


def _clients_frame(book: xw.Book) -> pd.DataFrame:
    table = book.sheets[layout.CLIENTS_SHEET].tables[layout.CLIENTS_TABLE]
    return table.range.options(pd.DataFrame, index=False).value


def _analysis_sheet(book: xw.Book) -> xw.Sheet:
    return book.sheets[layout.ANALYSIS_SHEET]


def _pareto_frame(book: xw.Book) -> pd.DataFrame:
    table = _analysis_sheet(book).tables[layout.ANALYSIS_TABLE]
    return table.range.options(pd.DataFrame, index=False, empty="").value


def _described(book: xw.Book) -> SheetSpec:
    """The Analysis layout the refresh writes for the book's Clients table."""
    return _described_for(_clients_frame(book))


def _summary(book: xw.Book) -> dict:
    row, col = _described(book).area("summary").top_left
    rows = _analysis_sheet(book).range((row + 1, col + 1)).resize(40, 2).value
    return {label: value for label, value in rows if label is not None}


def _setting(book: xw.Book, name: str, value) -> None:
    book.names[name].refers_to_range.value = value


def _expected_rows(clients, revenue, prior=None, **kwargs) -> list[list]:
    analysis = xlpareto.analyze(clients, revenue, prior, **kwargs)
    return [
        [float(v) if isinstance(v, (int, float)) else (None if v == "" else v) for v in row]
        for row in analysis_table_rows(analysis)
    ]


def _costs_of(data: pd.DataFrame) -> dict:
    """The costs and hours (costed at the HourlyCost default) of a Clients frame that has
    them, as the refresh reads them."""
    costs = {
        key: data[header]
        for key, header in (("costs", "Cost to serve"), ("hours", "Hours"))
        if header in data.columns
    }
    if costs:
        costs["hourly_cost"] = layout.HOURLY_COST.default
    return costs


def _prior_of(data: pd.DataFrame) -> pd.Series | None:
    return data[layout.PRIOR_COLUMN] if layout.PRIOR_COLUMN in data.columns else None


def _expected_for(data: pd.DataFrame, **kwargs) -> list[list]:
    """The table the refresh writes for a Clients frame: costs and hours (costed at the
    HourlyCost default) when the frame has them, as the refresh reads them."""
    return _expected_rows(
        data[layout.CLIENT_COLUMN],
        data[layout.REVENUE_COLUMN],
        _prior_of(data),
        **_costs_of(data),
        **kwargs,
    )


def _described_for(data: pd.DataFrame) -> SheetSpec:
    """The Analysis layout the refresh writes for a Clients frame (with Cost and Profit
    when it has costs)."""
    analysis = xlpareto.analyze(
        data[layout.CLIENT_COLUMN], data[layout.REVENUE_COLUMN], _prior_of(data), **_costs_of(data)
    )
    return describe_for(analysis.table.columns)


def _table_rows(book: xw.Book) -> list[list]:
    body = _analysis_sheet(book).tables[layout.ANALYSIS_TABLE].data_body_range
    return body.options(ndim=2).value


OUTPUT_SHEETS = {sheet.name for sheet in layout.BOOK_SHEETS if sheet.role == "output"}


def _others(book: xw.Book) -> dict:
    """Every sheet the refresh does not own (Analysis, Growth, Profit, Pipeline)."""
    return {k: v for k, v in book_snapshot(book).items() if k not in OUTPUT_SHEETS}


#: For tests of what only a desktop host has (screen updating, calculation mode, status
#: bar): they run on the desktop mode alone, instead of being skipped on the remote one.
DESKTOP_ONLY = pytest.mark.parametrize("engine_mode", ["desktop"], indirect=True)


def _assert_state_restored(book: xw.Book) -> None:
    state = app_state(book)
    assert state.screen_updating is True and state.enable_events is True
    assert state.calculation == "automatic"
    assert state.status_bar is False


# --- refresh on the book's own data --------------------------------------------------------
def test_refresh_writes_the_engines_analysis(book: xw.Book) -> None:
    data = _clients_frame(book)
    assert len(data) == 200
    result = _refresh(book, notify=False)
    assert result.ok and result.clients == len(data)
    expected = _expected_for(data, budget=100000)
    assert _table_rows(book) == expected
    frame = _pareto_frame(book)
    assert list(frame.columns) == list(_described_for(data).table.headers)
    assert frame["Budget"].sum() == pytest.approx(100000 * 0.8)
    assert set(frame["Movement"]) <= {"up", "down", "same", "new", "lost", ""}
    summary = _summary(book)
    assert summary["Clients"] == len(data)
    assert summary["Budget: Total"] == 100000
    assert summary["Last refreshed"] == "2026-03-01 09:30"
    assert _analysis_sheet(book)[layout.ANALYSIS_STAMP_CELL].value == (
        "Last refreshed 2026-03-01 09:30"
    )
    assert app_state(book).alerts == []
    _assert_state_restored(book)


def test_refresh_reproduces_the_templates_analysis_sheet(book: xw.Book) -> None:
    """The builder (XlsxWriter) and the macro (xlwings) write the same cell values for the
    same data and settings – apart from the stamp and the "Last refreshed" row, which only a
    refresh writes (the template has not been refreshed yet)."""
    before = book_snapshot(book)[layout.ANALYSIS_SHEET]
    _refresh(book, notify=False)
    after = book_snapshot(book)[layout.ANALYSIS_SHEET]
    stamp_cells = {(1, 0)}
    col = _described(book).area("summary").top_left[1]
    labels = {k: v[0] for k, v in after.items() if k[1] == col}
    refreshed_rows = [r for (r, _), label in labels.items() if label == "Last refreshed"]
    assert len(refreshed_rows) == 1
    assert before.get((refreshed_rows[0], col), (None,))[0] is None
    stamp_cells |= {(refreshed_rows[0], col), (refreshed_rows[0], col + 1)}
    values_before = {
        k: v[0] for k, v in before.items() if k not in stamp_cells and v[0] is not None
    }
    values_after = {k: v[0] for k, v in after.items() if k not in stamp_cells and v[0] is not None}
    assert values_after.keys() == values_before.keys()
    for key, value in values_after.items():  # the .xlsx keeps 16 significant digits
        expected = values_before[key]
        assert value == (pytest.approx(expected, rel=1e-15) if type(value) is float else expected)
    assert all(after[k][1] is None for k in values_after)  # no formulas written


def test_number_formats_and_text_columns(book: xw.Book) -> None:
    _refresh(book, notify=False)
    spec = _described(book)
    body = _analysis_sheet(book).tables[layout.ANALYSIS_TABLE].data_body_range
    formats = {name: body[:, i].number_format for i, name in enumerate(spec.table.headers)}
    assert formats["Revenue"] == formats["Gap to next tier"] == formats["Budget"] == "#,##0.00"
    assert formats["Share"] == formats["Cumulative share"] == layout.PERCENT_FORMAT
    assert formats["Rank"] == RANK_FORMAT  # kept off the client name
    assert formats["Client"] == formats["Tier"] == formats["Movement"] == "@"
    row, col = spec.area("summary").top_left
    summary = _analysis_sheet(book).range((row + 1, col + 1)).resize(40, 2)
    labels = {summary[i, 0].value: summary[i, 1] for i in range(40) if summary[i, 0].value}
    assert labels["Revenue"].number_format == layout.CURRENCY_FORMAT
    assert labels["A share of revenue"].number_format == layout.PERCENT_FORMAT


def test_closing_message_box(book: xw.Book) -> None:
    result = _refresh(book)
    (alert,) = app_state(book).alerts
    assert alert.prompt == result.message
    assert alert.title == "xlpareto" and alert.mode == "info"
    assert "200 clients" in alert.prompt


def test_running_twice_gives_identical_cells(book: xw.Book) -> None:
    _refresh(book, notify=False)
    first = book_snapshot(book)
    _refresh(book, notify=False)
    assert book_snapshot(book) == first
    _refresh(book, notify=False, now=lambda: dt.datetime(2027, 1, 1))
    later = book_snapshot(book)[layout.ANALYSIS_SHEET]
    changed = {k for k, v in later.items() if first[layout.ANALYSIS_SHEET].get(k) != v}
    stamp_row = layout.ANALYSIS_STAMP_CELL
    summary_col = _described(book).area("summary").top_left[1]
    assert stamp_row == "A2"
    assert (1, 0) in changed and len(changed) == 2
    (other,) = changed - {(1, 0)}
    assert other[1] == summary_col + 1  # the summary's "Last refreshed" value


def _tables_and_names(book: xw.Book) -> tuple[list, list]:
    tables = [
        (s.name, t.name, t.range.address)
        for s in book.sheets
        for t in s.tables
        if s.name not in OUTPUT_SHEETS
    ]
    return tables, [(n.name, n.refers_to) for n in book.names]


def test_other_sheets_are_never_written(book: xw.Book) -> None:
    before, structure = _others(book), _tables_and_names(book)
    _refresh(book, notify=False)
    assert _others(book) == before and _tables_and_names(book) == structure
    set_clients(book, {"Client": ["a", "b"], "Revenue": [2, 1]})
    middle, structure = _others(book), _tables_and_names(book)
    _refresh(book, notify=False)
    macros.clear_analysis(book)
    _refresh(book, notify=False)
    assert _others(book) == middle and _tables_and_names(book) == structure
    assert before[layout.SETTINGS_SHEET] == middle[layout.SETTINGS_SHEET]
    assert before[layout.DASHBOARD_SHEET] == middle[layout.DASHBOARD_SHEET]


# --- shrinking and growing ---------------------------------------------------------------
def _assert_no_stale_cells(book: xw.Book, rows: int) -> None:
    sheet = _analysis_sheet(book)
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    snapshot = book_snapshot(book)[layout.ANALYSIS_SHEET]
    width = _described(book).table.width
    below = [k for k in snapshot if k[0] > top + rows and left <= k[1] < left + width]
    assert below == []
    table = sheet.tables[layout.ANALYSIS_TABLE]
    assert table.range.shape == (rows + 1, width)


def test_shrinking_and_growing_lists(book: xw.Book) -> None:
    _refresh(book, notify=False)
    set_clients(
        book,
        {"Client": ["x", "y", "z"], "Revenue": [5.0, 3.0, 2.0], "Revenue prior": [1, 1, 1]},
    )
    _refresh(book, notify=False)
    _assert_no_stale_cells(book, 3)
    assert [r[1] for r in _table_rows(book)] == ["x", "y", "z"]
    data = sample_clients(n=350, seed=7)
    set_clients(book, {c: data[c].tolist() for c in layout.CLIENTS_COLUMNS})
    _refresh(book, notify=False)
    _assert_no_stale_cells(book, 350)
    assert _table_rows(book) == _expected_for(_clients_frame(book), budget=100000)


def test_chart_stays_bound_to_the_table(book: xw.Book) -> None:
    sheet = _analysis_sheet(book)
    for n in (200, 3, 420):
        data = sample_clients(n=n, seed=n)
        set_clients(book, {c: data[c].tolist() for c in layout.CLIENTS_COLUMNS})
        _refresh(book, notify=False)
        (chart,) = sheet.charts
        top, _ = layout.ANALYSIS_TABLE_TOP_LEFT
        series = {s.name: s for s in chart_series(chart)}
        assert series["Revenue"].values == f"Analysis!$C${top + 2}:$C${top + 1 + n}"
        assert series["Cumulative share"].values == f"Analysis!$E${top + 2}:$E${top + 1 + n}"
        assert series["Cumulative share"].axis_group == "secondary"
        assert series["Revenue"].categories == f"Analysis!$B${top + 2}:$B${top + 1 + n}"


class _FakeSeries:
    def __init__(self, name: str) -> None:
        self.Name, self.Values, self.XValues = name, None, None


class _FakeComChart:
    """The few members of Excel's COM Chart that rebind_series uses."""

    def __init__(self, names: list[str]) -> None:
        self.series = [_FakeSeries(n) for n in names]
        self.Count = len(names)

    def SeriesCollection(self, index: int | None = None):
        return self if index is None else self.series[index - 1]


def test_chart_series_targets_and_com_rebinding(book: xw.Book) -> None:
    sheet = _analysis_sheet(book)
    body = sheet.tables[layout.ANALYSIS_TABLE].data_body_range
    values, categories = series_targets(sheet.name, body.shape[0])
    expected = series_references(200)
    assert values == {"Revenue": expected["values"], "Cumulative share": expected["line_values"]}
    assert categories == expected["categories"]
    com = _FakeComChart(["Cumulative share", "Other", "Revenue"])
    assert rebind_series(com, values, categories) == 2
    assert [(s.Values, s.XValues) for s in com.series] == [
        (expected["line_values"], expected["categories"]),
        (None, None),
        (expected["values"], expected["categories"]),
    ]
    assert rebind_chart(sheet, body.shape[0]) is False  # only on classic Excel for Windows


def test_clear_analysis_empties_table_blocks_and_stamp(book: xw.Book) -> None:
    _refresh(book, notify=False)
    refreshed = book_snapshot(book)
    assert macros.clear_analysis(book)
    _assert_no_stale_cells(book, 1)
    assert _table_rows(book) == [[None] * _described(book).table.width]
    assert _summary(book) == {}
    assert _analysis_sheet(book)[layout.ANALYSIS_STAMP_CELL].value is None
    _refresh(book, notify=False)
    assert book_snapshot(book) == refreshed
    _assert_state_restored(book)


# --- literal text ---------------------------------------------------------------------------
def test_formula_like_client_names_stay_text(book: xw.Book) -> None:
    names = FORMULA_LIKE
    revenue = list(range(len(names) * 10, 0, -10))
    set_clients(book, {"Client": names, "Revenue": revenue})
    _refresh(book, notify=False)
    sheet = _analysis_sheet(book)
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    client_col = left + layout.ANALYSIS_COLUMNS.index("Client")
    for offset, name in enumerate(names, start=1):
        state = cell(sheet.range((top + offset + 1, client_col + 1)))
        assert not state.is_formula, name
        assert state.value == name
        assert state.number_format == "@"


# --- intake: duplicates and skipped rows ---------------------------------------------------
def test_duplicates_and_skipped_rows_are_reported(book: xw.Book) -> None:
    set_clients(
        book,
        {
            "Client": ["a", "b", "a", "c", "d", "b", "e", "f"],
            "Revenue": [10, 5, 15, None, "n/a", 1, "#N/A", 3],
        },
    )
    result = _refresh(book)
    assert result.ok
    assert result.clients == 3  # a (25), b (6), f (3)
    assert (result.skipped, result.merged, result.rows_read) == (3, 2, 8)
    table_top = book.sheets[layout.CLIENTS_SHEET].tables[layout.CLIENTS_TABLE].range.row
    assert result.skipped_rows == (table_top + 4, table_top + 5, table_top + 7)
    assert [r[1:3] for r in _table_rows(book)] == [["a", 25.0], ["b", 6.0], ["f", 3.0]]
    summary = _summary(book)
    assert (summary["Rows skipped"], summary["Duplicate rows merged"]) == (3, 2)
    (alert,) = app_state(book).alerts
    assert "3 rows skipped" in alert.prompt and "row 5, 6, 8" in alert.prompt
    assert "2 duplicate rows merged" in alert.prompt


def test_extra_columns_and_a_table_on_another_sheet(tmp_path: Path) -> None:
    data = sample_clients(n=30)
    data.insert(0, "Region", ["North"] * 30)
    data["Notes"] = "=1+1"
    data = data[["Region", "Revenue prior", "Revenue", "Notes", "Client"]]
    path = stand_in_workbook(tmp_path / "extra.xlsx", data, clients_sheet="My data")
    book = load_workbook_into_memory(path)
    result = _refresh(book, notify=False)
    assert result.ok and result.clients == 30
    assert _table_rows(book) == _expected_for(data, budget=100000)


def test_without_prior_column_or_budget(tmp_path: Path) -> None:
    data = sample_clients(n=40)[[layout.CLIENT_COLUMN, layout.REVENUE_COLUMN]]
    book = load_workbook_into_memory(
        stand_in_workbook(tmp_path / "b.xlsx", data, {layout.BUDGET_TOTAL.name: None})
    )
    _refresh(book, notify=False)
    frame = _pareto_frame(book)
    assert "Prior tier" not in frame.columns and "Movement" not in frame.columns  # left out
    assert list(frame.columns) == list(layout.ANALYSIS_COLUMNS[:-2])
    assert (frame["Budget"] == "").all()
    row, col = layout.ANALYSIS_BLOCKS_TOP_LEFT
    blocks = _analysis_sheet(book).range((row + 1, col + 1)).resize(20, 8).value
    assert all(v is None for line in blocks for v in line)  # the template's blocks are gone


def test_computed_tier_method(book: xw.Book) -> None:
    _setting(book, layout.TIER_METHOD.name, "  computed ")
    _setting(book, layout.CUTOFF_A.name, "ignored when computed")
    result = _refresh(book, notify=False)
    assert result.ok and result.analysis.rule.computed
    data = _clients_frame(book)
    expected = xlpareto.analyze(
        data[layout.CLIENT_COLUMN],
        data[layout.REVENUE_COLUMN],
        data[layout.PRIOR_COLUMN],
        cutoffs="computed",
        budget=100000,
    )
    assert _pareto_frame(book)["Tier"].tolist() == expected.table["Tier"].tolist()
    fixed = xlpareto.analyze(data[layout.CLIENT_COLUMN], data[layout.REVENUE_COLUMN])
    assert expected.table["Tier"].tolist() != fixed.table["Tier"].tolist()
