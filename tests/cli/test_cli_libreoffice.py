"""LibreOffice (an independent spreadsheet program) opens ``xlpareto report`` output.

It reads the ParetoTable back (formula-like client names stay literal text, not computed)
and renders the Analysis sheet with its chart: the same report with the chart's drawing
removed renders with far fewer coloured pixels, so the difference is the chart.
Fails (never skips) when LibreOffice is missing: the ``libreoffice`` fixture.
"""

from __future__ import annotations

import re
import shutil
import zipfile

from cli_support import pareto_rows, run, write_csv

from xlpareto import layout

NAMES = ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']


def _report(tmp_path):
    rows = [["Client", "Revenue", "Revenue prior"]]
    rows += [[name, 5000 - 900 * i, 1000] for i, name in enumerate(NAMES)]
    rows += [[f"Client {i:02d}", round(3000 / (i + 1), 2), 100 + i] for i in range(20)]
    source = write_csv(tmp_path / "clients.csv", rows)
    result = run("report", source, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "clients_pareto.xlsx"


def _without_chart(path, target):
    """Copy of the workbook whose sheets carry no drawing (so no chart is shown)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", item.filename):
                data, count = re.subn(rb"<drawing r:id=\"rId\d+\"/>", b"", data)
                assert count == 1, "expected one drawing on the Analysis sheet"
            copy.writestr(item, data)
    return target


def test_libreoffice_reads_the_report_table_as_text(tmp_path, libreoffice):
    out = _report(tmp_path)
    report = libreoffice.inspect_workbook(out, sheets_to_read=[layout.ANALYSIS_SHEET])
    assert layout.ANALYSIS_SHEET in report.sheets
    expected = pareto_rows(out)
    top, left = layout.ANALYSIS_TABLE_TOP_LEFT
    grid = report.cells[layout.ANALYSIS_SHEET]
    header = grid[top][left : left + len(layout.ANALYSIS_COLUMNS)]
    assert header == list(layout.ANALYSIS_COLUMNS)
    client_col = left + layout.ANALYSIS_COLUMNS.index("Client")
    seen = [grid[top + 1 + i][client_col] for i in range(len(expected))]
    assert seen == [row["Client"] for row in expected]
    assert set(NAMES) <= set(seen)  # "=1+1" stays the text "=1+1"; as a formula it would be 2
    assert all(isinstance(value, str) for value in seen)
    formulas = report.formulas[layout.ANALYSIS_SHEET]
    stored = {formulas[top + 1 + i][client_col] for i in range(len(expected))}
    assert not {f for f in stored if f.startswith("=")}  # no cell of the column is a formula
    assert "'=1+1" in stored  # LibreOffice holds it as the text constant =1+1
    revenue_col = left + layout.ANALYSIS_COLUMNS.index("Revenue")
    revenues = [grid[top + 1 + i][revenue_col] for i in range(len(expected))]
    assert revenues == [row["Revenue"] for row in expected]


def test_libreoffice_renders_the_chart(tmp_path, libreoffice):
    out = _report(tmp_path)
    bare = _without_chart(out, tmp_path / "bare.xlsx")
    counts = {}
    for name, path in (("report", out), ("bare", bare)):
        folder = tmp_path / name
        pdf = libreoffice.render_pdf(path, folder, sheets=[layout.ANALYSIS_SHEET])
        pages = libreoffice.pdf_to_pngs(pdf, folder, dpi=200)  # one page wide: a smaller chart
        counts[name] = sum(libreoffice.coloured_pixel_count(p) for p in pages)
        if name == "report":
            assert any(libreoffice.png_has_chart_like_content(p) for p in pages)
            shutil.copy(pages[0], tmp_path / "first_page.png")  # for a human look
    assert counts["report"] > counts["bare"] + 2000, counts
