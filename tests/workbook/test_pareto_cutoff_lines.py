"""The Pareto chart's cutoff lines: one dashed line per tier boundary on the cumulative-share
axis, each a native series bound to a constant column of the hidden ParetoCutoffs table,
named by its header ("80 %"), in the chart part XlsxWriter writes (report, template and
Dashboard) and in the cells it is bound to."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import openpyxl
import pytest
import xlsxwriter
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import xlpareto
from xlpareto.data import sample_clients
from xlpareto.errors import XlparetoError
from xlpareto.layout import analysis_sheet as described
from xlpareto.layout.analysis_content import cutoff_lines
from xlpareto.layout.sheets import column_letter
from xlpareto.workbook.analysis_sheet import add_analysis_sheet
from xlpareto.workbook.builder import workbook_bytes

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
HELPER = described.ANALYSIS.table_named(described.CUTOFF_TABLE_NAME)
RULES = [None, (0.5, 0.7, 0.9), "computed"]


def _report(analysis: xlpareto.Analysis) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    add_analysis_sheet(book, analysis, stamp="now")
    book.close()
    return buffer.getvalue()


def _chart_parts(data: bytes) -> dict[str, ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {
            name: ET.fromstring(book.read(name))
            for name in book.namelist()
            if name.startswith("xl/charts/chart")
        }


def _pareto_part(data: bytes, title: str = "Pareto chart") -> ET.Element:
    for part in _chart_parts(data).values():
        texts = "".join(t.text or "" for t in part.iter(f"{{{NS['a']}}}t"))
        if title in texts:
            return part
    raise AssertionError("no Pareto chart part")


def _series(part: ET.Element) -> dict[str, tuple[ET.Element, ET.Element]]:
    """Series name reference -> (the series, the chart group holding it)."""
    found = {}
    for group in part.find("c:chart/c:plotArea", NS):
        for series in group.findall("c:ser", NS):
            found[series.find("c:tx/c:strRef/c:f", NS).text] = (series, group)
    return found


def _secondary_axes(part: ET.Element) -> set[str]:
    """Ids of the value axes drawn on the right (crossing at the maximum)."""
    return {
        axis.find("c:axId", NS).get("val")
        for axis in part.find("c:chart/c:plotArea", NS).findall("c:valAx", NS)
        if axis.find("c:crosses", NS) is not None and axis.find("c:crosses", NS).get("val") == "max"
    }


def _hidden(sheet, column: int) -> bool:
    """Whether the 1-based ``column`` is in a hidden range of the sheet's column widths."""
    return any(d.hidden and d.min <= column <= d.max for d in sheet.column_dimensions.values())


def _helper_column(index: int) -> str:
    return column_letter(HELPER.top_left[1] + index)


@pytest.mark.parametrize("cutoffs", RULES)
def test_each_cutoff_is_a_dashed_series_bound_to_its_constant_column(cutoffs) -> None:
    data = sample_clients(n=120, seed=3)
    analysis = xlpareto.analyze(data["Client"], data["Revenue"], cutoffs=cutoffs)
    lines = cutoff_lines(analysis)
    assert len(lines) == analysis.rule.tier_count - 1
    report = _report(analysis)
    part = _pareto_part(report)
    series = _series(part)
    header_row, first = HELPER.top_left[0] + 1, HELPER.top_left[0] + 2
    last = first + len(analysis.table) - 1
    secondary = _secondary_axes(part)
    sheet = openpyxl.load_workbook(io.BytesIO(report))[described.ANALYSIS.name]
    for index, (name, share) in enumerate(lines):
        col = _helper_column(index)
        line, group = series[f"'Analysis'!${col}${header_row}"]
        assert group.tag == f"{{{NS['c']}}}lineChart"
        assert {a.get("val") for a in group.findall("c:axId", NS)} & secondary
        assert (
            line.find("c:val/c:numRef/c:f", NS).text == f"'Analysis'!${col}${first}:${col}${last}"
        )
        assert line.find("c:spPr/a:ln/a:prstDash", NS).get("val") == "dash"
        assert line.find("c:marker/c:symbol", NS).get("val") == "none"
        assert sheet[f"{col}{header_row}"].value == name  # the legend's name
        column = [sheet[f"{col}{row}"].value for row in range(first, last + 1)]
        assert column == pytest.approx([share] * len(analysis.table))
        assert _hidden(sheet, HELPER.top_left[1] + index + 1)
    shown = part.find("c:chart/c:plotVisOnly", NS)  # hidden cells drawn (absent: not only
    assert shown is None or shown.get("val") == "0"  # the visible cells)
    names = [sheet[f"{_helper_column(i)}{header_row}"].value for i in range(len(lines))]
    if cutoffs is None:
        assert names == ["80 %", "95 %"]


def test_template_and_dashboard_draw_the_default_cutoffs() -> None:
    template = workbook_bytes()
    book = openpyxl.load_workbook(io.BytesIO(template))
    analysis = book[described.ANALYSIS.name]
    header_row = HELPER.top_left[0] + 1
    columns = [_helper_column(i) for i in range(2)]
    assert [analysis[f"{c}{header_row}"].value for c in columns] == ["80 %", "95 %"]
    charts = [
        p for p in _chart_parts(template).values() if "Pareto chart" in ET.tostring(p, "unicode")
    ]
    assert len(charts) == 2  # the Analysis sheet's and the Dashboard's copy
    for part in charts:
        names = _series(part)
        assert {f"'Analysis'!${c}${header_row}" for c in columns} <= set(names)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0.01, 1e6), min_size=6, max_size=60),
    st.lists(st.floats(0.05, 1.0), min_size=1, max_size=5, unique=True),
)
def test_lines_sit_on_the_tier_boundaries(revenues: list[float], cutoffs: list[float]) -> None:
    names = [f"c{i}" for i in range(len(revenues))]
    fixed = xlpareto.analyze(names, revenues, cutoffs=sorted(cutoffs))
    lines = cutoff_lines(fixed)
    assert [share for _, share in lines] == sorted(cutoffs)  # the rule's own cutoffs
    assert len({name for name, _ in lines}) == len(lines)  # distinct legend names
    try:
        computed = xlpareto.analyze(names, revenues, cutoffs="computed")
    except XlparetoError:  # data the computed method refuses
        assume(False)
    shares = computed.table["Cumulative share"].to_numpy(float)
    rank = {label: i for i, label in enumerate(computed.rule.labels)}
    tiers = np.array([rank[t] for t in computed.table["Tier"]])
    boundaries = [share for _, share in cutoff_lines(computed)]
    assert boundaries == sorted(boundaries)
    for j, boundary in enumerate(boundaries):  # tiers up to j end on the line, the rest above
        assert (shares[tiers <= j] <= boundary).all()
        assert (shares[tiers > j] >= boundary).all()
        if (tiers <= j).any():
            assert boundary == pytest.approx(shares[tiers <= j].max())
