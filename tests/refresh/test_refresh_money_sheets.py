"""The refresh writes Growth, Profit and Pipeline like the builder does, keeps their charts
bound, shows a one-line note when an input is missing, and skips the v2 sheets of a
workbook made before them (reporting it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import xlwings as xw
from money_cases import FORMULA_LIKE_PROSPECTS, sample_costs, sample_prospects
from test_macros_support import TEMPLATE, set_clients, stand_in_workbook
from xlwings_memory import book_snapshot, chart_series, load_workbook_into_memory

import xlpareto
from xlpareto import layout, macros
from xlpareto.data import sample_clients
from xlpareto.layout import growth_sheet, pipeline_sheet, profit_sheet
from xlpareto.layout.money_content import NO_PRIOR_REVENUE, NO_PROSPECTS
from xlpareto.refresh.writer import prepare_outputs, write_outputs
from xlpareto.workbook import new_workbook

CLOCK = dt.datetime(2026, 3, 1, 9, 30)
STAMP = (1, 0)
NOTE = (2, 0)

pytestmark = pytest.mark.usefixtures("engine_mode")  # desktop and remote (conftest.py)


def _refresh(book: xw.Book) -> macros.RefreshResult:
    result = macros.refresh(book, now=lambda: CLOCK, notify=False)
    assert result.ok, result.message
    return result


def _values(book: xw.Book, sheet: str) -> dict:
    return {k: v[0] for k, v in book_snapshot(book)[sheet].items() if v[0] is not None}


def _same(after: dict, before: dict, skip: set) -> None:
    after = {k: v for k, v in after.items() if k not in skip}
    before = {k: v for k, v in before.items() if k not in skip}
    assert after.keys() == before.keys()
    for key, value in after.items():  # the .xlsx keeps 16 significant digits
        expected = before[key]
        assert value == (pytest.approx(expected, rel=1e-15) if type(value) is float else expected)


def _table(book: xw.Book, sheet: str, name: str) -> pd.DataFrame:
    return book.sheets[sheet].tables[name].range.options(pd.DataFrame, index=False).value


@pytest.fixture
def book() -> xw.Book:
    return load_workbook_into_memory(TEMPLATE)


@pytest.fixture(scope="module")
def costed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = sample_clients()
    data["Cost to serve"] = sample_costs(data)
    return new_workbook(tmp_path_factory.mktemp("costs") / "costs.xlsm", data=data)


def test_refresh_reproduces_the_templates_v2_sheets(book: xw.Book) -> None:
    before = {name: _values(book, name) for name in layout.V2_OUTPUT_SHEETS}
    _refresh(book)
    for name in layout.V2_OUTPUT_SHEETS:
        after = _values(book, name)
        assert after[STAMP] == "Last refreshed 2026-03-01 09:30"
        _same(after, before[name], {STAMP})
    for name in layout.V2_OUTPUT_SHEETS:  # the template has prior revenue, costs, prospects
        assert NOTE not in _values(book, name)
    data = sample_clients()  # without costs and prospects: the sheets say what is missing
    bare = xlpareto.analyze(data["Client"], data["Revenue"], data["Revenue prior"])
    write_outputs(book, prepare_outputs(bare, "2026-03-01 09:30", 0.8))
    assert _values(book, layout.PROFIT_SHEET)[NOTE].startswith("No costs")
    assert _values(book, layout.PIPELINE_SHEET)[NOTE] == NO_PROSPECTS
    assert NOTE not in _values(book, layout.GROWTH_SHEET)


def test_growth_sheet_follows_the_clients_table(book: xw.Book) -> None:
    _refresh(book)
    data = sample_clients()
    expected = xlpareto.analyze(
        data["Client"], data["Revenue"], data["Revenue prior"], budget=100_000,
        spend_existing=40_000.0, spend_new=25_000.0,
    )  # fmt: skip
    bridge = _table(book, layout.GROWTH_SHEET, growth_sheet.BRIDGE_TABLE)
    assert list(bridge.columns) == list(expected.bridge.columns)
    assert bridge["Segment"].tolist() == expected.bridge["Segment"].tolist()
    assert bridge["Net change"].tolist() == pytest.approx(expected.bridge["Net change"].tolist())
    row, col = growth_sheet.GROWTH.area("text").top_left
    sentence = book.sheets[layout.GROWTH_SHEET].range((row + 2, col + 1)).value
    assert sentence == expected.growth.sentence(0.8, ("SpendExisting", "SpendNew"))
    set_clients(book, {"Client": ["x", "y"], "Revenue": [5.0, 3.0], "Revenue prior": ["", ""]})
    _refresh(book)
    values = _values(book, layout.GROWTH_SHEET)
    assert values[NOTE] == NO_PRIOR_REVENUE
    for name in (growth_sheet.BRIDGE_TABLE, growth_sheet.RETURNS_TABLE, growth_sheet.STEPS_TABLE):
        table = book.sheets[layout.GROWTH_SHEET].tables[name]
        assert table.range.shape[0] == 2
        assert set(table.data_body_range.value) == {None}
    text_rows = range(row, row + growth_sheet.GROWTH.area("text").rows)
    assert [k for k in values if k[0] in text_rows] == []
    set_clients(book, {"Client": ["x", "y"], "Revenue": [5.0, 3.0], "Revenue prior": [4, 4]})
    _refresh(book)
    assert NOTE not in _values(book, layout.GROWTH_SHEET)
    (chart,) = book.sheets[layout.GROWTH_SHEET].charts
    series = chart_series(chart)
    assert [s.values for s in series] == [f"Growth!${letter}$27:${letter}$32" for letter in "BCDE"]


def test_profit_sheet_refresh_matches_the_built_workbook(costed_path: Path) -> None:
    book = load_workbook_into_memory(costed_path)
    before = _values(book, layout.PROFIT_SHEET)
    assert NOTE not in before
    _refresh(book)
    _same(_values(book, layout.PROFIT_SHEET), before, {STAMP})
    whale = _table(book, layout.PROFIT_SHEET, profit_sheet.WHALE_TABLE)
    assert whale["Class"].value_counts()["Loss maker"] >= 2
    header = _table(book, layout.ANALYSIS_SHEET, layout.ANALYSIS_TABLE).columns
    assert list(header) == [*layout.ANALYSIS_COLUMNS, "Cost", "Profit"]


def test_whale_chart_stays_bound_when_the_list_changes(costed_path: Path) -> None:
    book = load_workbook_into_memory(costed_path)
    for count in (3, 250):
        data = sample_clients(n=count, seed=count)
        set_clients(
            book,
            {c: data[c].tolist() for c in layout.CLIENTS_COLUMNS}
            | {"Cost to serve": list(sample_costs(data) * 0.5)},
        )
        _refresh(book)
        (chart,) = book.sheets[layout.PROFIT_SHEET].charts
        share, line = chart_series(chart)
        assert share.values == f"Profit!$F$5:$F${4 + count}"
        assert share.categories == f"Profit!$A$5:$A${4 + count}"
        assert line.values == "Profit!$N$26:$N$27"
        line_rows = _table(book, layout.PROFIT_SHEET, profit_sheet.LINE_TABLE)
        assert line_rows["Rank"].tolist() == [1, count]


def test_pipeline_sheet_through_the_refresh_writer(book: xw.Book) -> None:
    data = sample_clients()
    for prospects in (sample_prospects(), sample_prospects(count=8, seed=9)):
        analysis = xlpareto.analyze(
            data["Client"], data["Revenue"], budget=50_000, prospects=prospects
        )
        assert write_outputs(book, prepare_outputs(analysis, "now", 0.8)) == ()
        plan = _table(book, layout.PIPELINE_SHEET, pipeline_sheet.PLAN_TABLE)
        assert plan["Prospect"].tolist() == analysis.pipeline.table["Prospect"].tolist()
        funded = _table(book, layout.PIPELINE_SHEET, pipeline_sheet.FUNDED_TABLE)
        assert len(funded) == analysis.pipeline.prospects_funded
        assert funded["Budget"].sum() == pytest.approx(10_000)  # the New business line
        (chart,) = book.sheets[layout.PIPELINE_SHEET].charts
        (series,) = chart_series(chart)
        assert series.values == f"Pipeline!$K$15:$K${14 + len(funded)}"
        assert NOTE not in _values(book, layout.PIPELINE_SHEET)
    sheet = book.sheets[layout.PIPELINE_SHEET]
    snapshot = book_snapshot(book)[layout.PIPELINE_SHEET]
    names = {v[0]: v for v in snapshot.values() if v[0] in FORMULA_LIKE_PROSPECTS}
    assert set(names) <= set(FORMULA_LIKE_PROSPECTS) and names
    assert all(formula is None and fmt == "@" for _, formula, _, fmt in names.values())
    assert sheet.tables[pipeline_sheet.PLAN_TABLE].range.shape == (9, 8)


def test_running_twice_gives_identical_v2_sheets(costed_path: Path) -> None:
    book = load_workbook_into_memory(costed_path)
    _refresh(book)
    first = book_snapshot(book)
    _refresh(book)
    assert book_snapshot(book) == first


def test_a_workbook_without_the_v2_sheets_is_refreshed_and_says_so(tmp_path: Path) -> None:
    book = load_workbook_into_memory(stand_in_workbook(tmp_path / "v1.xlsx"))
    result = _refresh(book)
    assert result.missing_sheets == layout.V2_OUTPUT_SHEETS
    assert "no Growth / Profit / Pipeline sheet" in result.message
    assert "xlpareto new" in result.message
    assert [s.name for s in book.sheets] == [
        layout.CLIENTS_SHEET, layout.SETTINGS_SHEET, layout.DASHBOARD_SHEET, layout.ANALYSIS_SHEET,
    ]  # fmt: skip
    assert macros.clear_analysis(book) is True


def test_clear_analysis_empties_the_v2_sheets(costed_path: Path) -> None:
    book = load_workbook_into_memory(costed_path)
    _refresh(book)
    assert macros.clear_analysis(book) is True
    for name in layout.V2_OUTPUT_SHEETS:
        values = _values(book, name)
        titles = {(0, 0)}
        leftover = {
            k: v
            for k, v in values.items()
            if k not in titles and not any(
                k[0] == t.top_left[0] and t.top_left[1] <= k[1] <= t.last_column
                for t in {"Growth": growth_sheet.GROWTH, "Profit": profit_sheet.PROFIT,
                          "Pipeline": pipeline_sheet.PIPELINE}[name].tables
            )
        }  # fmt: skip
        assert leftover == {}, name


class _FakeRange:
    def __init__(self, row: int, col: int) -> None:
        self.left, self.top = col * 50.0, row * 15.0


class _FakeChart:
    def __init__(self, name: str) -> None:
        self.name, self.left, self.top = name, 0.0, 0.0


class _FakeSheet:
    """The few members of an xlwings sheet on classic desktop Excel that place_chart uses."""

    def __init__(self, engine: str) -> None:
        self.charts = [_FakeChart("Other"), _FakeChart(layout.CHART_NAME)]
        self.book = type("B", (), {"app": type("A", (), {"engine": type("E", (), {})})})()
        self.book.app.engine.name = engine

    def range(self, cell: tuple[int, int]) -> _FakeRange:
        return _FakeRange(*cell)


def test_the_pareto_chart_follows_a_wider_table_on_desktop_excel() -> None:
    from xlpareto.layout.analysis_sheet import ANALYSIS_WITH_PROFIT
    from xlpareto.refresh.chart import place_chart

    chart = ANALYSIS_WITH_PROFIT.chart(layout.CHART_NAME)
    sheet = _FakeSheet("excel")
    assert place_chart(sheet, chart) is True  # type: ignore[arg-type]
    moved = sheet.charts[1]
    row, col = chart.top_left
    assert (moved.left, moved.top) == ((col + 1) * 50.0 + 6.0, (row + 1) * 15.0)
    assert (sheet.charts[0].left, sheet.charts[0].top) == (0.0, 0.0)
    assert place_chart(_FakeSheet("remote"), chart) is False  # type: ignore[arg-type]


def test_blank_costs_and_an_empty_prospects_table_give_the_one_line_notes(book: xw.Book) -> None:
    # the template's own tables: Cost to serve and Hours kept but left blank, no prospects
    set_clients(book, {"Client": ["x", "y"], "Revenue": [5.0, 3.0], "Revenue prior": [4, 4]})
    prospects = book.sheets[layout.PROSPECTS_SHEET].tables[layout.PROSPECTS_SHEET]
    prospects.data_body_range.clear_contents()
    result = _refresh(book)
    assert result.ok
    assert _values(book, layout.PROFIT_SHEET)[NOTE].startswith("No costs")
    assert _values(book, layout.PIPELINE_SHEET)[NOTE] == NO_PROSPECTS
