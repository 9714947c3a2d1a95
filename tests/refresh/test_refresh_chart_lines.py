"""The refreshed Pareto chart: its cutoff lines follow the Settings by cells alone (the hidden
ParetoCutoffs table, on every host), and on classic Excel for Windows its bars take their tier
colours and its client labels thin out (COM, here a stand-in with the members it uses)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import xlwings as xw
from test_macros_support import set_clients, stand_in_workbook
from xlwings_memory import chart_series, load_workbook_into_memory

from xlpareto import layout, macros
from xlpareto.data import sample_clients
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.charts import label_interval, tier_point_colours
from xlpareto.refresh import chart as refresh_chart
from xlpareto.refresh.chart import style_chart, style_series

pytestmark = pytest.mark.usefixtures("engine_mode")
HELPER = described.ANALYSIS.table_named(described.CUTOFF_TABLE_NAME)
CHART = described.ANALYSIS.chart(described.CHART_NAME)


def _setting(book: xw.Book, name: str, value) -> None:
    book.names[name].refers_to_range.value = value


def _helper(book: xw.Book, rows: int, columns: int) -> list[list]:
    row, col = HELPER.top_left
    sheet = book.sheets[layout.ANALYSIS_SHEET]
    return sheet.range((row + 1, col + 1)).resize(rows + 1, columns).options(ndim=2).value


@pytest.mark.parametrize(("a", "b"), [(0.7, 0.9), (0.5, 0.99)])
def test_the_lines_follow_the_settings_and_the_table(book: xw.Book, a: float, b: float) -> None:
    data = sample_clients(n=37, seed=5)
    set_clients(book, {c: data[c].tolist() for c in layout.CLIENTS_COLUMNS})
    _setting(book, layout.CUTOFF_A.name, a)
    _setting(book, layout.CUTOFF_B.name, b)
    assert macros.refresh(book, notify=False).ok
    cells = _helper(book, 37 + 1, 2)
    assert cells[0] == [described.percent_label(a), described.percent_label(b)]
    assert cells[1:38] == [[a, b]] * 37
    assert cells[38] == [None, None]  # no stale row under the table
    (chart,) = book.sheets[layout.ANALYSIS_SHEET].charts
    lines = chart_series(chart)[2:]  # the template's two cutoff lines, still bound
    top = HELPER.top_left[0]
    assert [s.values for s in lines] == [
        f"Analysis!$AA${top + 2}:$AA${top + 38}",
        f"Analysis!$AB${top + 2}:$AB${top + 38}",
    ]
    assert {s.axis_group for s in lines} == {"secondary"}


def test_a_book_without_the_helper_table_is_refreshed_without_it(tmp_path: Path) -> None:
    """An Analysis sheet without the chart (an older or hand-made book): the ParetoTable is
    added, the chart's hidden helper table is not (nothing would draw it)."""
    book = load_workbook_into_memory(stand_in_workbook(tmp_path / "b.xlsx", with_analysis=False))
    sheet = book.sheets[layout.ANALYSIS_SHEET]
    assert macros.refresh(book, notify=False).ok
    for cleared in (False, True):
        if cleared:
            assert macros.clear_analysis(book)
        assert [t.name for t in sheet.tables] == [described.ANALYSIS_TABLE]
        assert _helper(book, 3, 2) == [[None, None]] * 4, cleared  # no visible clutter


class _Fill:
    def __init__(self) -> None:
        self.ForeColor = type("Colour", (), {"RGB": None})()


class _Formatted:
    def __init__(self) -> None:
        self.Format = type("Format", (), {})()
        self.Format.Fill = _Fill()


class _Series(_Formatted):
    def __init__(self, name: str, points: int) -> None:
        super().__init__()
        self.Name = name
        self.points = [_Formatted() for _ in range(points)]

    def Points(self, index: int) -> _Formatted:
        return self.points[index - 1]


class _Axis:
    TickLabelSpacing = None


class _ComChart:
    """The few members of Excel's COM Chart that style_series uses."""

    def __init__(self, names: list[str], points: int) -> None:
        self.series = [_Series(n, points) for n in names]
        self.Count = len(names)
        self.axis = _Axis()

    def SeriesCollection(self, index: int | None = None):
        return self if index is None else self.series[index - 1]

    def Axes(self, kind: int) -> _Axis:
        assert kind == refresh_chart.XL_CATEGORY
        return self.axis


def _bgr(colour: str) -> int:
    return int(colour[5:7] + colour[3:5] + colour[1:3], 16)


@pytest.mark.parametrize("counts", [(3, 5, 12), (50, 90, 60), (1, 0, 0), (30, 1, 0)])
def test_bars_take_their_tier_colours(counts: tuple[int, int, int]) -> None:
    tiers = [t for t, n in zip("ABC", counts, strict=True) for _ in range(n)]
    com = _ComChart(["Cumulative share", "Revenue", "80 %"], len(tiers))
    done = style_series(com, CHART, tiers)
    expected = tier_point_colours(tiers)
    common = Counter(expected).most_common(1)[0][0]
    line, bars, cutoff = com.series
    assert _bgr(common) == bars.Format.Fill.ForeColor.RGB
    shown = [p.Format.Fill.ForeColor.RGB or bars.Format.Fill.ForeColor.RGB for p in bars.points]
    assert shown == [_bgr(c) for c in expected]  # every bar its tier's colour
    assert done == sum(c != common for c in expected)
    assert line.Format.Fill.ForeColor.RGB is None and cutoff.Format.Fill.ForeColor.RGB is None
    assert com.axis.TickLabelSpacing == label_interval(len(tiers), CHART.max_labels)


def test_a_very_long_table_keeps_one_bar_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_chart, "POINT_COLOUR_LIMIT", 10)
    com = _ComChart(["Revenue"], 11)
    assert style_series(com, CHART, ["A"] * 5 + ["B"] * 6) == 0
    assert all(p.Format.Fill.ForeColor.RGB is None for p in com.series[0].points)
    assert com.axis.TickLabelSpacing == 1  # 11 clients: every label


def test_styling_needs_classic_windows_excel(book: xw.Book) -> None:
    assert style_chart(book.sheets[layout.ANALYSIS_SHEET], CHART, ["A", "B"]) is False
