"""The Dashboard's v2 key figures (growth, profit, pipeline): formulas, references, cached
values, and which figures a workbook gets from the columns of its data."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from openpyxl.worksheet.formula import ArrayFormula

from xlpareto import layout, udfs
from xlpareto.data import sample_clients
from xlpareto.workbook import new_workbook
from xlpareto.workbook.dashboard_figures import TITLE
from xlpareto.workbook.dashboard_sheet import KPI_TOP, add_dashboard_sheet, kpi_fallback
from xlpareto.workbook.formats import Formats

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"
FIRST = KPI_TOP + 1  # 1-based row of the first key figure
CLIENTS = pd.DataFrame(
    {
        layout.CLIENT_COLUMN: ["Acme", "Beta", "Gamma", "Delta"],
        layout.REVENUE_COLUMN: [1000.0, 400.0, 100.0, 50.0],
        layout.PRIOR_COLUMN: [800.0, 500.0, None, 50.0],
        "Cost to serve": [200.0, 100.0, 150.0, None],
        "Hours": [4.0, None, 2.0, 0.0],
    }
)
PROSPECTS = pd.DataFrame(
    {
        "Prospect": ["P1", "P2", "P3", "P4"],
        "Expected revenue": [10000.0, 5000.0, 8000.0, None],
        "Fit": [0.9, 0.5, 0.3, None],
        "Probability": [0.5, None, 0.8, None],
    }
)


def _figures(path_or_sheet) -> dict[str, tuple[object, object]]:
    """Label → (formula, cached value) of the v2 block (columns D and G)."""
    if isinstance(path_or_sheet, (str, Path)):
        formulas = openpyxl.load_workbook(path_or_sheet)[layout.DASHBOARD_SHEET]
        values = openpyxl.load_workbook(path_or_sheet, data_only=True)[layout.DASHBOARD_SHEET]
    else:
        formulas, values = path_or_sheet
    assert formulas.cell(KPI_TOP, 4).value == TITLE
    result = {}
    for row in range(FIRST, FIRST + 7):
        label = formulas.cell(row, 4).value
        if label is None:
            break
        formula = formulas.cell(row, 7).value
        if isinstance(formula, ArrayFormula):
            formula = formula.text
        fallback = kpi_fallback(label)
        if fallback is not None:  # IF(probe, live, the last refresh's figure, blank as
            # blank): keep the live one
            wrapped = re.fullmatch(r'=IF\(\$H\$2,(.*),IF\((.*)="","",\2\)\)', formula)
            assert wrapped and wrapped.group(2) == fallback, (label, formula)
            formula = "=" + wrapped.group(1)
        result[label] = (formula, values.cell(row, 7).value)
    return result


def test_template_shows_nrr_and_grr_beside_the_v1_figures() -> None:
    figures = _figures(TEMPLATE)
    sample = sample_clients()
    prior = [[None if pd.isna(v) else v] for v in sample[layout.PRIOR_COLUMN]]
    revenue = [[v] for v in sample[layout.REVENUE_COLUMN]]
    nrr_formula, nrr = figures["Net revenue retention (NRR)"]
    grr_formula, grr = figures["Gross revenue retention (GRR)"]
    assert nrr_formula == "=PARETO_NRR(Clients[Revenue prior],Clients[Revenue])"
    assert grr_formula == "=PARETO_GRR(Clients[Revenue prior],Clients[Revenue])"
    assert nrr == pytest.approx(udfs.PARETO_NRR(prior, revenue))
    assert grr == pytest.approx(udfs.PARETO_GRR(prior, revenue))
    assert 0 < grr <= 1 and nrr >= grr
    sheet = openpyxl.load_workbook(TEMPLATE)[layout.DASHBOARD_SHEET]
    assert sheet.cell(FIRST, 7).number_format == layout.PERCENT_FORMAT
    has_costs = "Cost to serve" in sample.columns
    assert ("Loss makers (cost more than they bring)" in figures) == has_costs


def test_costs_and_hours_give_the_whale_peak_and_loss_makers(tmp_path: Path) -> None:
    figures = _figures(new_workbook(tmp_path / "costs.xlsm", data=CLIENTS))
    inputs = "Clients[Revenue],Clients[Cost to serve],Clients[Hours],HourlyCost"
    # cost = cost to serve + hours x 50: 400, 100, 250, 0 → profits 600, 300, -150, 50
    assert figures["Whale peak (top clients' share of profit)"] == (
        f"=PARETO_WHALE_PEAK({inputs})",
        pytest.approx(950 / 800),
    )
    assert figures["Loss makers (cost more than they bring)"] == (
        f"=PARETO_LOSS_MAKERS({inputs})",
        1,
    )
    # prior 800, 500, -, 50 → 1000, 400, 100 (new), 50: NRR (1000 + 400 + 50) / 1350
    assert figures["Net revenue retention (NRR)"][1] == pytest.approx(1450 / 1350)
    assert figures["Gross revenue retention (GRR)"][1] == pytest.approx(1250 / 1350)
    # no prospects given: the workbook starts with the sample prospects, so they show
    assert "Weighted pipeline (expected x probability)" in figures


def test_costs_without_hours_count_no_hours(tmp_path: Path) -> None:
    data = CLIENTS.drop(columns=["Hours"])  # the table still has its (blank) Hours column
    figures = _figures(new_workbook(tmp_path / "no_hours.xlsm", data=data))
    formula, value = figures["Whale peak (top clients' share of profit)"]
    assert formula == (
        "=PARETO_WHALE_PEAK(Clients[Revenue],Clients[Cost to serve],Clients[Hours],HourlyCost)"
    )
    assert value == pytest.approx(1150 / 1100)  # profits 800, 300, -50, 50


def test_no_costs_no_profit_figures_and_errors_are_cached_as_messages(tmp_path: Path) -> None:
    data = CLIENTS.drop(columns=["Cost to serve", "Hours"]).assign(**{layout.PRIOR_COLUMN: None})
    figures = _figures(new_workbook(tmp_path / "plain.xlsm", data=data))
    # the template's table always has Cost to serve and Hours (blank here: no cost, peak 1)
    assert figures["Whale peak (top clients' share of profit)"][1] == pytest.approx(1.0)
    assert figures["Loss makers (cost more than they bring)"][1] == 0
    assert figures["Net revenue retention (NRR)"][1] == (
        "before: no positive revenue in the prior period"
    )


def _dashboard_with_prospects(prospects: pd.DataFrame):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    add_dashboard_sheet(book, CLIENTS, Formats(book), prospects=prospects)
    book.add_worksheet(layout.ANALYSIS_SHEET)  # the Pareto chart's data sheet
    book.close()
    formulas = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))[layout.DASHBOARD_SHEET]
    values = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), data_only=True)
    return formulas, values[layout.DASHBOARD_SHEET]


def test_prospects_give_the_pipeline_figures() -> None:
    formulas, values = _dashboard_with_prospects(PROSPECTS)
    figures = _figures((formulas, values))
    assert list(figures)[-3:] == [
        "Weighted pipeline (expected x probability)",
        "New-business budget (from the budget split)",
        "Prospects funded (fit at least MinFit)",
    ]
    expected = "Prospects[Expected revenue]"
    weighted = figures["Weighted pipeline (expected x probability)"]
    assert weighted == (
        f"=SUM(PROSPECT_SCORE({expected},SIGN(ROW({expected})),Prospects[Probability]))",
        10000 * 0.5 + 5000 + 8000 * 0.8,
    )
    # the budget table's New business line: (1 - CoreShare) of BudgetTotal
    budget_row = FIRST + 5
    new_business = figures["New-business budget (from the budget split)"]
    assert new_business == (
        '=INDEX($E$23:$E$27,MATCH("New business",$A$23:$A$27,0))',
        pytest.approx(layout.BUDGET_TOTAL.default * (1 - layout.CORE_SHARE.default)),
    )
    assert formulas.cell(26, 1).value == "New business"  # A26: inside the looked-up range
    assert values.cell(26, 5).value == new_business[1]
    funded_formula, funded = figures["Prospects funded (fit at least MinFit)"]
    assert funded_formula == (
        f"=SUMPRODUCT(--ISNUMBER({expected}),--(PROSPECT_BUDGET($G${budget_row},{expected},"
        "Prospects[Fit],Prospects[Probability],MinFit,BudgetUnit)>0))"
    )
    assert funded == 2  # P1 and P2 reach MinFit 0.5 (P2 exactly); P3 is tailor-made
    assert formulas.cell(budget_row, 7).number_format == layout.CURRENCY_FORMAT
    for row in (budget_row - 1, budget_row + 1):  # the array-computing cells
        assert isinstance(formulas.cell(row, 7).value, ArrayFormula)


def test_prospects_nobody_fits_is_cached_as_the_message() -> None:
    figures = _figures(_dashboard_with_prospects(PROSPECTS.assign(Fit=0.1)))
    assert figures["Prospects funded (fit at least MinFit)"][1] == (
        "fit: no prospect reaches min_fit"
    )


def test_libreoffice_renders_the_figures_beside_the_v1_ones(tmp_path: Path, libreoffice) -> None:
    """Rendered as saved (LibreOffice cannot run the Python functions, so it shows the
    cached values): the block's title, labels and numbers on the v1 figures' lines."""
    path = new_workbook(tmp_path / "costs.xlsm", data=CLIENTS)
    pdf = libreoffice.render_pdf(path, tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    header = next(line for line in lines if TITLE in line)
    assert "Key figures" in header
    expected = {
        "Net revenue retention (NRR)": "107.4%",
        "Gross revenue retention (GRR)": "92.6%",
        "Whale peak (top clients' share of profit)": "118.8%",
        "Loss makers (cost more than they bring)": "1",
    }
    v1_labels = ["Clients with a revenue", "Revenue", "Top 20 % of clients' share", "Pareto ratio"]
    for (label, shown), v1_label in zip(expected.items(), v1_labels, strict=True):
        line = next(line for line in lines if label in line)
        assert line.split()[-1] == shown, line
        assert line.lstrip().startswith(v1_label), line  # on the same line as a v1 figure
