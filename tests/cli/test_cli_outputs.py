"""Nothing is lost (SPEC 12) on the command line: which files report, demo, new and
template may replace, and that an input is never an output however it is reached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import run_here, write_csv

from xlpareto.io.output_files import REPORT, TEMPLATE, WORKBOOK, written_by_xlpareto

ROWS = [["Client", "Revenue"], ["Acme", "100"], ["Birch", "50"], ["Cedar", "10"]]


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "clients.csv", ROWS)


def test_a_report_is_marked_and_rerunning_it_replaces_it(tmp_path: Path, clients: Path):
    assert run_here("report", clients, "-o", "out.xlsx", cwd=tmp_path).returncode == 0
    assert written_by_xlpareto(tmp_path / "out.xlsx") == REPORT
    again = run_here("report", clients, "-o", "out.xlsx", cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_a_file_xlpareto_did_not_write_needs_force(tmp_path: Path, clients: Path):
    (tmp_path / "mine.xlsx").write_bytes(b"my own numbers")
    refused = run_here("report", clients, "-o", "mine.xlsx", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.startswith("xlpareto: error: mine.xlsx: already exists; use --force")
    assert (tmp_path / "mine.xlsx").read_bytes() == b"my own numbers"
    forced = run_here("report", clients, "-o", "mine.xlsx", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and written_by_xlpareto(tmp_path / "mine.xlsx") == REPORT


def test_a_workbook_made_by_new_is_never_replaced_without_force(tmp_path: Path, clients):
    assert run_here("new", "book.xlsm", cwd=tmp_path).returncode == 0
    assert written_by_xlpareto(tmp_path / "book.xlsm") == WORKBOOK
    before = (tmp_path / "book.xlsm").read_bytes()
    for args in (["new", "book.xlsm"], ["template", "-o", "book.xlsm"]):
        result = run_here(*args, cwd=tmp_path)
        assert result.returncode == 2 and "an xlpareto workbook" in result.stderr, args
    assert (tmp_path / "book.xlsm").read_bytes() == before
    assert run_here("new", "book.xlsm", "--force", cwd=tmp_path).returncode == 0


def test_template_replaces_its_own_template(tmp_path: Path):
    assert run_here("template", "-o", "t.xlsm", cwd=tmp_path).returncode == 0
    assert written_by_xlpareto(tmp_path / "t.xlsm") == TEMPLATE
    assert run_here("template", "-o", "t.xlsm", cwd=tmp_path).returncode == 0


def test_demo_replaces_its_report_but_not_another_file(tmp_path: Path):
    assert run_here("demo", cwd=tmp_path).returncode == 0
    assert run_here("demo", cwd=tmp_path).returncode == 0  # re-running just works
    (tmp_path / "other.xlsx").write_bytes(b"x")
    assert run_here("demo", "-o", "other.xlsx", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("link", ["hardlink", "symlink", "dotdot"])
def test_an_input_is_never_the_output_even_with_force(tmp_path: Path, link: str):
    assert run_here("demo", "-o", "in.xlsx", cwd=tmp_path).returncode == 0  # an xlsx input
    source = tmp_path / "in.xlsx"
    (tmp_path / "sub").mkdir()
    target = {"hardlink": "hard.xlsx", "symlink": "soft.xlsx", "dotdot": "sub/../in.xlsx"}[link]
    if link == "hardlink":
        os.link(source, tmp_path / target)
    if link == "symlink":
        os.symlink(source, tmp_path / target)
    before = source.read_bytes()
    result = run_here("report", "in.xlsx", "-o", target, "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert "would overwrite the input file" in result.stderr
    assert source.read_bytes() == before


def test_new_never_writes_over_its_data_file(tmp_path: Path, clients: Path):
    assert run_here("new", "book.xlsm", cwd=tmp_path).returncode == 0
    os.link(tmp_path / "book.xlsm", tmp_path / "alias.xlsm")
    result = run_here("new", "alias.xlsm", "--data", "book.xlsm", "--force", cwd=tmp_path)
    assert result.returncode == 2 and "would overwrite the input file" in result.stderr
