"""The refresh macro: user errors (a message box naming what to fix), unexpected errors
(traceback kept, Excel restored), the ribbon entry points and hosts without some features,
tables deleted or turned into plain ranges, the figures the Dashboard falls back to.

Shares the fixtures and helpers of :mod:`test_macros` (the refresh on the book's own data).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import xlwings as xw
from test_macros import (
    DESKTOP_ONLY,
    _analysis_sheet,
    _assert_state_restored,
    _clients_frame,
    _described,
    _expected_rows,
    _pareto_frame,
    _refresh,
    _setting,
    _table_rows,
)
from test_macros_support import set_clients, stand_in_workbook
from xlwings_memory import (
    MAX_REQUEST_BYTES,
    app_state,
    book_snapshot,
    is_remote,
    load_workbook_into_memory,
    mock_caller,
    workbook_model,
)

from xlpareto import layout, macros
from xlpareto.data import sample_clients

pytestmark = pytest.mark.usefixtures("engine_mode")  # desktop and remote (conftest.py)

# --- user errors: a message box naming what to fix --------------------------------------------
BAD_SETTINGS = [
    (
        {"CutoffA": 80},
        "Settings: CutoffA (80) must be a share above 0% and at most 100% "
        "(write 80% or 0.8, not 80)",
    ),
    ({"CutoffA": 0}, "Settings: CutoffA (0) must be a share above 0% and at most 100%"),
    ({"CutoffB": 1.5}, "Settings: CutoffB (1.5) must be a share above 0% and at most 100%"),
    ({"CutoffB": 0.7}, "Settings: CutoffB (0.7) must be greater than CutoffA (0.8)"),
    ({"CutoffB": 0.8}, "Settings: CutoffB (0.8) must be greater than CutoffA (0.8)"),
    ({"CutoffA": "eighty"}, "Settings: CutoffA (eighty) must be a number"),
    ({"CutoffA": None}, "Settings: CutoffA is empty; enter a number"),
    ({"CutoffB": True}, "Settings: CutoffB (True) must be a number"),
    ({"TierMethod": "Magic"}, "Settings: TierMethod (Magic) must be Fixed or Computed"),
    ({"TierMethod": None}, "Settings: TierMethod is empty; choose Fixed or Computed"),
    ({"BudgetTotal": -5}, "Settings: BudgetTotal (-5) must not be negative"),
    (
        {"BudgetTotal": 100.005},
        "Settings: BudgetTotal (100.005) must be a whole multiple of BudgetUnit (0.01)",
    ),
    ({"CoreShare": 1.2}, "Settings: CoreShare (1.2) must be between 0% and 100%"),
    ({"CoreShare": -0.1}, "Settings: CoreShare (-0.1) must be between 0% and 100%"),
    ({"BudgetUnit": 0}, "Settings: BudgetUnit (0) must be greater than 0"),
    ({"BudgetUnit": "#N/A"}, "Settings: BudgetUnit (#N/A) must be a number"),
]


def _assert_user_error(book: xw.Book, result: macros.RefreshResult, expected: str) -> None:
    assert not result.ok
    (alert,) = app_state(book).alerts
    assert alert.prompt.startswith(expected), alert.prompt
    assert alert.prompt == result.message
    assert alert.mode == "critical" and alert.title == "xlpareto"
    assert "Traceback" not in alert.prompt and "\n" not in alert.prompt
    _assert_state_restored(book)


@pytest.mark.parametrize(("values", "message"), BAD_SETTINGS)
def test_bad_settings(book: xw.Book, values: dict, message: str) -> None:
    for name, value in values.items():
        _setting(book, name, value)
    before = book_snapshot(book)
    result = _refresh(book)
    _assert_user_error(book, result, message)
    assert book_snapshot(book) == before


def test_missing_setting_name(book: xw.Book) -> None:
    book.names[layout.CORE_SHARE.name].delete()
    result = _refresh(book)
    _assert_user_error(book, result, "Settings: the named cell CoreShare is missing")


def test_missing_clients_table(book: xw.Book) -> None:
    book.sheets[layout.CLIENTS_SHEET].tables[layout.CLIENTS_TABLE].name = "MyClients"
    before = book_snapshot(book)
    result = _refresh(book)
    _assert_user_error(book, result, "No table named Clients found.")
    assert book_snapshot(book) == before


def test_missing_revenue_column(book: xw.Book) -> None:
    table = book.sheets[layout.CLIENTS_SHEET].tables[layout.CLIENTS_TABLE]
    table.header_row_range[1].value = "Sales"
    result = _refresh(book)
    _assert_user_error(book, result, "The Clients table has no Revenue column")


def test_no_numeric_revenue(book: xw.Book) -> None:
    set_clients(book, {"Client": ["a", "b"], "Revenue": ["n/a", None]})
    result = _refresh(book)
    _assert_user_error(book, result, "revenue: no numeric revenue found")


def test_missing_analysis_sheet(book: xw.Book) -> None:
    book.sheets[layout.ANALYSIS_SHEET].name = "Old analysis"
    result = _refresh(book)
    _assert_user_error(book, result, "The sheet Analysis is missing")


# --- unexpected errors: traceback kept, Excel restored --------------------------------------
@DESKTOP_ONLY
def test_unexpected_error_propagates_and_restores_excel(
    book: xw.Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_state(book).status_bar = "user text"

    def broken(*args):
        assert app_state(book).screen_updating is False
        assert app_state(book).calculation == "manual"
        assert app_state(book).enable_events is False
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("xlpareto.refresh.writer._write_table", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        _refresh(book)
    state = app_state(book)
    assert state.alerts == []
    assert state.screen_updating is True and state.calculation == "automatic"
    assert state.enable_events is True
    assert state.status_bar == "user text"
    assert state.changes("status_bar")[-1] == "user text"


@DESKTOP_ONLY
def test_manual_calculation_is_kept(book: xw.Book) -> None:
    book.app.calculation = "manual"
    _refresh(book, notify=False)
    assert app_state(book).calculation == "manual"


@DESKTOP_ONLY
def test_progress_on_the_status_bar(book: xw.Book) -> None:
    _refresh(book, notify=False)
    messages = app_state(book).changes("status_bar")
    assert messages[-1] is False
    assert any("200 rows" in str(m) for m in messages)
    assert all(str(m).startswith("xlpareto: ") for m in messages[:-1])


# --- ribbon entry points ------------------------------------------------------------------
def test_ribbon_entry_points_use_the_calling_book(xlwings_memory, book_path: Path) -> None:
    book = load_workbook_into_memory(book_path)  # after the engine was activated
    with mock_caller(book):
        macros.refresh_from_excel()
        assert len(_table_rows(book)) == 200
        macros.settings_from_excel()
        assert book.sheets.active.name == layout.SETTINGS_SHEET
        macros.help_from_excel()
        macros.clear_from_excel()
    assert _table_rows(book) == [[None] * _described(book).table.width]
    alerts = app_state(book).alerts
    assert [a.mode for a in alerts] == ["info", "info"]
    assert "Refresh analysis" in alerts[1].prompt


def test_prior_tier_and_movement(book: xw.Book) -> None:
    set_clients(
        book,
        {
            "Client": ["big", "mid", "new", "gone", "small"],
            "Revenue": [100, 20, 30, 0, 1],
            "Revenue prior": [10, 100, None, 40, 1],
        },
    )
    _refresh(book, notify=False)
    frame = _pareto_frame(book).set_index("Client")
    assert frame.loc["big", "Movement"] == "up"
    assert frame.loc["mid", "Movement"] == "down"
    assert frame.loc["new", "Movement"] == "new"
    assert frame.loc["gone", "Movement"] == "lost"
    assert (frame.loc["big", "Prior tier"], frame.loc["big", "Tier"]) == ("B", "A")
    assert np.isclose(frame["Revenue"].sum(), 151)


def test_hosts_without_status_bar_screen_updating_or_calculation(
    book: xw.Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlwings Lite/Server raise NotImplementedError for these settings: the refresh runs."""

    def unsupported(self, value=None):
        raise NotImplementedError("not on this host")

    app_class = type(book.app.impl)
    for prop in ("status_bar", "screen_updating", "enable_events", "calculation"):
        monkeypatch.setattr(app_class, prop, property(unsupported, unsupported))
    result = _refresh(book, notify=False)
    assert result.ok and len(_table_rows(book)) == 200
    assert app_state(book).history == []


def test_a_deleted_pareto_table_is_created_again(tmp_path: Path) -> None:
    path = stand_in_workbook(tmp_path / "bare.xlsx", sample_clients(n=25), with_analysis=False)
    book = load_workbook_into_memory(path)
    assert len(_analysis_sheet(book).tables) == 0
    result = _refresh(book, notify=False)
    assert result.ok
    table = _analysis_sheet(book).tables[layout.ANALYSIS_TABLE]
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    assert (table.range.row, table.range.column) == (top + 1, left + 1)
    headers = _described(book).table.headers
    assert table.range.shape == (26, len(headers))
    assert list(_pareto_frame(book).columns) == list(headers)
    _refresh(book, notify=False)  # and the second run finds it
    assert len(_analysis_sheet(book).tables) == 1


def test_a_table_turned_into_a_plain_range_is_created_again(book: xw.Book) -> None:
    """Issue 14's defect: on a remote host a just-added table has no ranges yet, so the
    writer must not read them (it computes them from the description)."""
    model = workbook_model(book)
    model.tables.remove(model.table(layout.ANALYSIS_TABLE))  # Table Design > Convert to Range
    result = _refresh(book, notify=False)
    assert result.ok
    table = _analysis_sheet(book).tables[layout.ANALYSIS_TABLE]
    assert table.range.shape == (201, _described(book).table.width)
    assert (
        _table_rows(book)[0][1]
        == _expected_rows(
            _clients_frame(book)[layout.CLIENT_COLUMN], _clients_frame(book)[layout.REVENUE_COLUMN]
        )[0][1]
    )


def test_a_large_table_is_written_in_requests_under_5_mb(book: xw.Book) -> None:
    """Excel on the web refuses a request above 5 MB: the table goes in chunks (each value
    write of the remote mode is one request, measured as the JSON of its values)."""
    count = 30_000
    names = [
        f"Client {i:05d} " + "with a name long enough to need more bytes " * 3 for i in range(count)
    ]
    revenue = [float(1 + (i * 7919) % 100_000) for i in range(count)]
    set_clients(book, {"Client": names, "Revenue": revenue, "Revenue prior": revenue})
    assert _refresh(book, notify=False).ok
    assert len(_table_rows(book)) == count
    assert _table_rows(book)[0][1] == _expected_rows(names, revenue, revenue)[0][1]
    requests = app_state(book).requests
    if is_remote(book):
        assert sum(requests) > MAX_REQUEST_BYTES  # one write would have been refused
        assert max(requests) < MAX_REQUEST_BYTES
    else:
        assert requests == []  # desktop Excel: no request limit to measure


def test_the_refresh_writes_the_figures_the_dashboard_falls_back_to(book: xw.Book) -> None:
    """Where the worksheet functions can't run (Mac), the Dashboard shows these cells."""
    from xlpareto.layout.analysis_sheet import DASHBOARD_KPIS, MISSING_FIGURE
    from xlpareto.workbook.dashboard_sheet import kpi_fallback, table_fallback

    set_clients(book, {"Client": list("abcde"), "Revenue": [50, 30, 10, 5, 5]})
    result = _refresh(book, notify=False)
    for label, metric, _ in DASHBOARD_KPIS:
        address = kpi_fallback(label).split("!")[1]
        value = _analysis_sheet(book)[address].value
        expected = result.analysis.metrics.get(metric)
        if expected is None:  # no input for it here (no prior, costs, prospects): says so
            assert value == MISSING_FIGURE[metric], label
        else:
            assert value == pytest.approx(expected), label
    summary = table_fallback("summary", 5, 7).split("!")[1]
    rows = _analysis_sheet(book)[summary].value
    assert rows[0] == list(result.analysis.summary.columns)
    assert [r[0] for r in rows[1:]] == ["A", "B", "C", "Total"]
    assert rows[-1][1] == 5


# --- Excel's limits: refused with a message box, nothing written ---------------------------
def test_a_client_list_longer_than_the_sheet_is_refused(book: xw.Book, monkeypatch) -> None:
    from xlpareto.layout import limits

    monkeypatch.setattr(limits, "MAX_ROWS", layout.ANALYSIS_TABLE_TOP_LEFT[0] + 1 + 50)
    set_clients(book, {"Client": [f"C{i}" for i in range(60)], "Revenue": list(range(60, 0, -1))})
    before = book_snapshot(book)
    result = _refresh(book)
    _assert_user_error(book, result, "10 clients do not fit on the sheet")
    assert "split the client list" in result.message
    assert book_snapshot(book) == before


def test_a_name_longer_than_a_cell_is_refused(book: xw.Book) -> None:
    from xlpareto.layout import limits

    long_name = "n" * (limits.MAX_CELL_CHARS + 1)
    set_clients(book, {"Client": ["short", long_name], "Revenue": [5, 3]})
    before = book_snapshot(book)
    result = _refresh(book)
    _assert_user_error(book, result, "ParetoTable[Client] in row")
    assert "32,768 characters" in result.message
    assert book_snapshot(book) == before
