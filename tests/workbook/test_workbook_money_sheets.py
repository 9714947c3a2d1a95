"""Growth, Profit and Pipeline through XlsxWriter: tables, headers, formats, notes, charts."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from money_cases import FORMULA_LIKE_PROSPECTS, full_analysis
from xlwings_memory import chart_series, load_workbook_into_memory

import xlpareto
from xlpareto import layout
from xlpareto.engine.profit import LOSS_MAKER
from xlpareto.engine.prospects import PIPELINE_COLUMNS
from xlpareto.layout import analysis_sheet, growth_sheet, pipeline_sheet, profit_sheet
from xlpareto.layout.money_content import (
    NO_COSTS,
    NO_PRIOR,
    NO_PRIOR_REVENUE,
    NO_PROFIT,
    NO_PROSPECTS,
)
from xlpareto.workbook import (
    WORKBOOK_OPTIONS,
    Formats,
    add_analysis_sheet,
    add_money_sheets,
    assemble,
)

BRIDGE_HEADER = [
    "Segment", "Clients", "Revenue before", "Expansion", "Contraction", "Lost", "New",
    "Revenue after", "Net change", "NRR",
]  # fmt: skip
RETURNS_HEADER = [
    "Segment", "Spend", "Revenue gained", "Gained per 1.00 spent", "Cost per 1.00 gained",
    "Clients", "Spend per client",
]  # fmt: skip
WHALE_HEADER = [
    "Rank", "Client", "Revenue", "Cost", "Profit", "Cumulative profit share", "Class",
]  # fmt: skip


def _package(analysis: xlpareto.Analysis, **options) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    formats = Formats(book)
    written = [add_analysis_sheet(book, analysis, stamp="stamp", formats=formats)]
    written += add_money_sheets(
        book, analysis, stamp="stamp", core_share=0.8, formats=formats, **options
    )
    book.close()
    return assemble(buffer.getvalue(), [body for sheet in written for body in sheet.deferred])


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("money") / "full.xlsx"
    path.write_bytes(_package(full_analysis(), spend_names=("SpendExisting", "SpendNew")))
    return path


@pytest.fixture(scope="module")
def workbook(full: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(full)


def _table_values(sheet, name: str) -> list[list]:
    ref = sheet.tables[name].ref
    return [[c.value for c in row] for row in sheet[ref]]


def _charts(path: Path) -> dict[str, dict]:
    book = load_workbook_into_memory(path)
    return {
        sheet.name: {chart.name: chart_series(chart) for chart in sheet.charts}
        for sheet in book.sheets
    }


def test_sheet_order_follows_the_book(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [layout.ANALYSIS_SHEET, *layout.V2_OUTPUT_SHEETS]
    names = [s.name for s in layout.BOOK_SHEETS]
    assert names.index("Analysis") < names.index("Growth") < names.index("Profit")
    assert names.index("Profit") < names.index("Pipeline") < names.index("xlwings.conf")
    assert {s.name: s.code_name for s in layout.BOOK_SHEETS if s.role == "output"} == {
        "Analysis": "shAnalysis",
        "Growth": "shGrowth",
        "Profit": "shProfit",
        "Pipeline": "shPipeline",
    }


def test_growth_tables_headers_and_formats(workbook: openpyxl.Workbook) -> None:
    analysis = full_analysis()
    sheet = workbook[layout.GROWTH_SHEET]
    assert sorted(sheet.tables) == ["GrowthBridge", "GrowthReturns", "GrowthSteps"]
    bridge = _table_values(sheet, "GrowthBridge")
    assert bridge[0] == BRIDGE_HEADER == list(analysis.bridge.columns)
    assert [row[0] for row in bridge[1:]] == analysis.bridge["Segment"].tolist()
    assert bridge[-1][2] == pytest.approx(analysis.bridge["Revenue before"].iloc[-1])
    returns = _table_values(sheet, "GrowthReturns")
    assert returns[0] == RETURNS_HEADER == list(analysis.returns.columns)
    assert [row[0] for row in returns[1:]] == ["Existing clients", "New business"]
    top = growth_sheet.GROWTH.table.top_left[0]
    assert sheet.cell(top + 2, 3).number_format == "#,##0.00"  # Revenue before
    assert sheet.cell(top + 2, 10).number_format == "0.0%"  # NRR
    assert sheet.cell(top + 2, 1).data_type == "s"
    assert sheet["A3"].value is None  # no note: the sheet has its figures


def test_growth_sentence_names_the_settings_and_retention(workbook: openpyxl.Workbook) -> None:
    analysis = full_analysis()
    sheet = workbook[layout.GROWTH_SHEET]
    row, col = growth_sheet.GROWTH.area("text").top_left
    assert sheet.cell(row + 1, col + 1).value == "What the returns say"
    sentence = sheet.cell(row + 2, col + 1).value
    assert sentence == analysis.growth.sentence(0.8, ("SpendExisting", "SpendNew"))
    values = {sheet.cell(r, col + 1).value: sheet.cell(r, col + 2) for r in range(row + 1, row + 8)}
    assert values["Net revenue retention (NRR)"].value == pytest.approx(analysis.metrics["nrr"])
    assert values["Gross revenue retention (GRR)"].number_format == "0.0%"


def test_growth_waterfall_is_bound_to_its_steps(workbook: openpyxl.Workbook, full: Path) -> None:
    steps = _table_values(workbook[layout.GROWTH_SHEET], "GrowthSteps")
    assert [row[0] for row in steps[1:]] == list(growth_sheet.STEPS)
    base = dict((row[0], row[1]) for row in steps[1:])
    total = full_analysis().bridge.iloc[-1]
    assert base["Lost"] == pytest.approx(
        total["Revenue before"] + total["Expansion"] + total["Contraction"] + total["Lost"]
    )
    series = _charts(full)[layout.GROWTH_SHEET][growth_sheet.CHART_NAME]
    assert [s.name for s in series] == ["Base", "Start and end", "Increase", "Decrease"]
    assert {s.chart_type for s in series} == {"column_stacked"}
    assert series[0].values == "Growth!$M$27:$M$32".replace("M", "B")
    assert series[0].categories == "Growth!$A$27:$A$32"
    with zipfile.ZipFile(full) as package:
        charts = [package.read(n).decode() for n in package.namelist() if "charts/chart" in n]
    waterfall = next(c for c in charts if "'Growth'!$B$27:$B$32" in c)
    first_series = waterfall.split("<c:ser>")[1]
    assert "<a:noFill/>" in first_series  # the invisible base
    assert "<c:legendEntry>" in waterfall  # … and left out of the legend


def test_profit_whale_table_figures_and_a_loss_makers(workbook: openpyxl.Workbook) -> None:
    analysis = full_analysis()
    sheet = workbook[layout.PROFIT_SHEET]
    whale = _table_values(sheet, "WhaleTable")
    assert whale[0] == WHALE_HEADER == list(analysis.whale.columns)
    assert len(whale) == len(analysis.whale) + 1
    assert [row[1] for row in whale[1:4]] == analysis.whale["Client"].tolist()[:3]
    assert LOSS_MAKER in {row[6] for row in whale[1:]}
    row, col = profit_sheet.PROFIT.area("figures").top_left
    block = [
        [sheet.cell(r, c).value for c in range(col + 1, col + 4)] for r in range(row + 1, row + 12)
    ]
    labels = {r[0]: r[1] for r in block if r[0]}
    assert labels["Whale peak (share of profit)"] == pytest.approx(analysis.profit.whale_peak)
    assert labels["Loss makers (clients)"] == analysis.profit.loss_makers
    assert "A clients that lose money" in labels
    losing = next(r for r in block if r[0] == "Northwind Coffee BV")
    assert losing[:2] == ["Northwind Coffee BV", 332822.37] and losing[2] < 0
    formats = sheet.conditional_formatting
    ranges = {str(rng.sqref): [rule.operator for rule in rng.rules] for rng in formats}
    assert ranges["E5:E1048576"] == ["lessThan"]  # the Loss maker colour on Profit


def test_profit_whale_curve_with_its_100_percent_line(full: Path) -> None:
    series = _charts(full)[layout.PROFIT_SHEET][profit_sheet.CHART_NAME]
    rows = len(full_analysis().whale)
    assert [s.name for s in series] == ["Cumulative profit share", "100 % of profit"]
    assert series[0].values == f"Profit!$F$5:$F${4 + rows}"
    assert series[0].categories == f"Profit!$A$5:$A${4 + rows}"
    assert series[1].values == "Profit!$N$26:$N$27"
    assert {s.chart_type for s in series} == {"xy_scatter_lines_no_markers"} or all(
        "scatter" in s.chart_type for s in series
    )


def test_pipeline_plan_literal_names_and_funded_chart(
    workbook: openpyxl.Workbook, full: Path
) -> None:
    analysis = full_analysis()
    sheet = workbook[layout.PIPELINE_SHEET]
    plan = _table_values(sheet, "PipelinePlan")
    assert plan[0] == list(PIPELINE_COLUMNS)
    names = [row[1] for row in plan[1:]]
    assert set(FORMULA_LIKE_PROSPECTS) <= set(names)
    top = pipeline_sheet.PIPELINE.table.top_left[0]
    for r in range(top + 2, top + 2 + len(names)):
        assert sheet.cell(r, 2).data_type == "s"
    funded = _table_values(sheet, "FundedProspects")
    budget = analysis.pipeline.table
    expected = budget.loc[budget["Budget"] > 0, ["Prospect", "Budget"]].values.tolist()
    assert funded[1:] == expected
    assert len(expected) == analysis.pipeline.prospects_funded
    assert sum(row[6] for row in plan[1:]) == pytest.approx(
        float(analysis.budget.set_index("Segment").loc["New business", "Budget"])
    )
    (series,) = _charts(full)[layout.PIPELINE_SHEET][pipeline_sheet.CHART_NAME]
    assert series.chart_type.startswith("bar")
    last = 14 + len(expected)
    assert series.values == f"Pipeline!$K$15:$K${last}"
    assert series.categories == f"Pipeline!$J$15:$J${last}"


def test_pareto_table_gains_cost_and_profit(workbook: openpyxl.Workbook) -> None:
    sheet = workbook[layout.ANALYSIS_SHEET]
    header = _table_values(sheet, layout.ANALYSIS_TABLE)[0]
    assert header == [*layout.ANALYSIS_COLUMNS, "Cost", "Profit"]
    spec = analysis_sheet.ANALYSIS_WITH_PROFIT
    assert (
        spec.area("summary").top_left[1] == analysis_sheet.ANALYSIS.area("summary").top_left[1] + 2
    )
    assert sheet.cell(4, spec.area("summary").top_left[1] + 1).value == "Summary"
    rules = {str(r.sqref): [x.operator for x in r.rules] for r in sheet.conditional_formatting}
    assert rules["L5:L1048576"] == ["lessThan"]


def test_without_the_inputs_each_sheet_says_so_in_one_line(tmp_path: Path) -> None:
    analysis = xlpareto.analyze(["a", "b"], [3.0, 1.0], budget=100)
    path = tmp_path / "bare.xlsx"
    path.write_bytes(_package(analysis))
    book = openpyxl.load_workbook(path)
    for name, note in (
        (layout.GROWTH_SHEET, NO_PRIOR),
        (layout.PROFIT_SHEET, NO_COSTS),
        (layout.PIPELINE_SHEET, NO_PROSPECTS),
    ):
        sheet = book[name]
        assert sheet["A3"].value == note
        for table in sheet.tables.values():  # empty tables stay for the next refresh
            assert re.fullmatch(r"[A-Z]+(\d+):[A-Z]+(\d+)", table.ref)
            first, last = (int(n) for n in re.findall(r"\d+", table.ref))
            assert last == first + 1 and all(c.value is None for c in sheet[table.ref][1])
    assert all(len(charts) == 1 for charts in _charts(path).values())
    header = _table_values(book[layout.ANALYSIS_SHEET], layout.ANALYSIS_TABLE)[0]
    assert header == list(layout.ANALYSIS_COLUMNS[:-2])  # no prior: no Prior tier, Movement


def test_report_leaves_out_sheets_without_data(tmp_path: Path) -> None:
    growth_only = xlpareto.analyze(["a", "b"], [3.0, 1.0], [2.0, 2.0], budget=100)
    path = tmp_path / "report.xlsx"
    path.write_bytes(_package(growth_only, only_with_data=True))
    assert openpyxl.load_workbook(path).sheetnames == ["Analysis", "Growth"]
    no_prior = xlpareto.analyze(["a", "b"], [3.0, 1.0], [0.0, 0.0], budget=100)
    path.write_bytes(_package(no_prior, only_with_data=True))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Analysis", "Growth"]
    assert book["Growth"]["A3"].value == NO_PRIOR_REVENUE
    losing = xlpareto.analyze(["a", "b"], [3.0, 1.0], costs=[5.0, 0.0])
    path.write_bytes(_package(losing, only_with_data=True))
    assert openpyxl.load_workbook(path)["Profit"]["A3"].value == NO_PROFIT


def test_large_whale_table_is_written_in_bulk(tmp_path: Path) -> None:
    count = 6_000
    names = [f"c{i}" for i in range(count)]
    revenue = [float(1000 + i) for i in range(count)]
    costs = [float(900 + (i % 7) * 40) for i in range(count)]
    analysis = xlpareto.analyze(names, revenue, costs=costs)
    path = tmp_path / "bulk.xlsx"
    path.write_bytes(_package(analysis))
    sheet = openpyxl.load_workbook(path)[layout.PROFIT_SHEET]
    assert sheet.tables["WhaleTable"].ref == f"A4:G{4 + count}"
    assert sheet.cell(5 + count - 1, 2).value == analysis.whale["Client"].iloc[-1]


def test_two_bulk_tables_side_by_side_keep_cells_in_column_order(tmp_path: Path) -> None:
    count = 5_200
    prospects = {
        "Prospect": [f"p{i}" for i in range(count)],
        "Expected revenue": [float(100 + i) for i in range(count)],
        "Fit": [0.9] * count,
    }
    analysis = xlpareto.analyze(["a", "b"], [3.0, 1.0], budget=1_000_000, prospects=prospects)
    path = tmp_path / "prospects.xlsx"
    path.write_bytes(_package(analysis))
    with zipfile.ZipFile(path) as package:
        xml = package.read("xl/worksheets/sheet4.xml").decode()
    row = re.search(r'<row r="5000"[^>]*>(.*?)</row>', xml).group(1)
    columns = re.findall(r'<c r="([A-Z]+)5000"', row)
    assert columns == ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"]
    sheet = openpyxl.load_workbook(path)[layout.PIPELINE_SHEET]
    assert sheet.tables["PipelinePlan"].ref == f"A4:H{4 + count}"
    assert sheet.tables["FundedProspects"].ref == f"J14:K{14 + count}"
    assert sheet.cell(15 + count - 1, 10).value == analysis.pipeline.table["Prospect"].iloc[-1]


def test_report_writer_names_the_options_in_the_sentence(tmp_path: Path) -> None:
    from xlpareto.cli import _write_analysis  # the report writer as the command line calls it

    out = tmp_path / "report.xlsx"
    _write_analysis(out, full_analysis(), "test.csv", core_share=0.7)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [layout.ANALYSIS_SHEET, *layout.V2_OUTPUT_SHEETS]
    assert book.active.title == layout.ANALYSIS_SHEET
    sentence = book[layout.GROWTH_SHEET]["A19"].value
    assert sentence == full_analysis().growth.sentence(0.7, ("--spend-existing", "--spend-new"))
    assert "70%" in sentence


def test_more_tiers_than_the_growth_sheet_has_room_for() -> None:
    from xlpareto.layout.money_content import growth_content

    revenue = [float(2**i) for i in range(12)]
    cutoffs = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    analysis = xlpareto.analyze([f"c{i}" for i in range(12)], revenue, revenue, cutoffs=cutoffs)
    content = growth_content(analysis, "stamp", 0.8)
    assert content.note.startswith("The Growth sheet has room for 6 tiers, not 8")
    assert all(table.length == 0 for table in content.tables)
    fewer = xlpareto.analyze(["a", "b"], [2.0, 1.0], [1.0, 1.0], cutoffs=cutoffs[:5])
    assert growth_content(fewer, "stamp", 0.8).note == ""
