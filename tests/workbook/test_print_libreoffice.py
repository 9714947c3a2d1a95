"""The ``report`` workbook rendered in LibreOffice: the Analysis sheet prints one page wide
with its header on every page, and no rendered cell shows ``###`` (a column too narrow)."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from xlpareto import layout

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``xlpareto demo`` (200 clients with prior revenue and a budget) in a fresh folder."""
    folder = tmp_path_factory.mktemp("demo")
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "xlpareto", "demo"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return folder / "xlpareto_demo.xlsx"


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_analysis_prints_one_page_wide_with_its_header_on_every_page(
    libreoffice, demo_book: Path, tmp_path: Path
) -> None:
    pdf = libreoffice.render_pdf(demo_book, tmp_path, sheets=[layout.ANALYSIS_SHEET])
    pages = _page_texts(pdf)
    first, last = layout.ANALYSIS_COLUMNS[0], layout.ANALYSIS_COLUMNS[-1]
    assert 1 < len(pages) < 10  # 200 rows over a few pages down, none across
    for page in pages[:-1]:  # a page across would lack the first or the last column's header
        assert first in page and last in page and "Cumulative share" in page


def _word_height(pdf: Path) -> float:
    """Median height (pt) of the printed words: the text's printed size."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    spans = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)
    return statistics.median(float(bottom) - float(top) for top, bottom in spans)


def test_the_analysis_table_prints_legibly(libreoffice, demo_book: Path, tmp_path: Path) -> None:
    """The table with its summary, then the chart with the blocks under it, each one page
    wide: the table prints near the Clients sheet's size (side by side, one page wide
    shrank it to 0.63 of it)."""
    analysis = libreoffice.render_pdf(demo_book, tmp_path / "a", sheets=[layout.ANALYSIS_SHEET])
    clients = libreoffice.render_pdf(demo_book, tmp_path / "c", sheets=[layout.CLIENTS_SHEET])
    pages = _page_texts(analysis)
    assert "Summary" in pages[0] and "Budget split" not in pages[0]
    assert "Budget split" in pages[-1] and "Rank" not in pages[-1]  # the chart's page
    assert _word_height(analysis) >= 0.8 * _word_height(clients)
    assert "Dashboard figures of this refresh" not in "".join(pages)  # for formulas only


def test_no_rendered_cell_shows_hashes(libreoffice, demo_book: Path, tmp_path: Path) -> None:
    pages = _page_texts(libreoffice.render_pdf(demo_book, tmp_path))
    assert pages
    assert not [i for i, page in enumerate(pages) if "###" in page]
