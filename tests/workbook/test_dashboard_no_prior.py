"""A Dashboard figure without data reads as a short text or blank where the worksheet
functions can't run (here LibreOffice, recalculating): never a false 0.0 %. Fails, never
skips, without LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from libreoffice import inspect_workbook, require_libreoffice

from xlpareto import layout
from xlpareto.data import sample_clients
from xlpareto.layout import analysis_sheet as described
from xlpareto.workbook import builder, dashboard_figures

GROWTH = ("Net revenue retention (NRR)", "Gross revenue retention (GRR)")


@pytest.fixture(scope="module", autouse=True)
def libreoffice() -> None:
    require_libreoffice()


def _v2_figures(path: Path) -> dict[str, object]:
    """Label -> recalculated value of the Dashboard's v2 block."""
    grid = inspect_workbook(path, sheets_to_read=[layout.DASHBOARD_SHEET]).cells[
        layout.DASHBOARD_SHEET
    ]
    return {
        row[dashboard_figures.LABEL_COLUMN]: row[dashboard_figures.VALUE_COLUMN]
        for row in grid
        if len(row) > dashboard_figures.VALUE_COLUMN and row[dashboard_figures.LABEL_COLUMN]
    }


def _without_prior(path: Path) -> Path:
    data = sample_clients(n=80, seed=2).drop(columns=[layout.PRIOR_COLUMN])
    path.write_bytes(builder.workbook_bytes(data))
    return path


def test_no_prior_period_says_so(tmp_path: Path) -> None:
    figures = _v2_figures(_without_prior(tmp_path / "no_prior.xlsm"))
    for label in GROWTH:
        assert figures[label] == described.MISSING_FIGURE["nrr"], label
    assert isinstance(figures["Whale peak (top clients' share of profit)"], float)  # has costs


def test_an_empty_figure_cell_is_blank_not_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last refresh left the cell empty (never refreshed, or cleared): blank, not 0."""
    monkeypatch.setattr(described, "MISSING_FIGURE", {})
    figures = _v2_figures(_without_prior(tmp_path / "blank.xlsm"))
    for label in GROWTH:
        assert figures[label] == "", label
