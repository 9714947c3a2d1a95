"""The console summary of ``report``/``demo``: computed cutoffs, the tier migration, and the
number-style hint when ``--decimal`` is the wrong way round."""

from __future__ import annotations

import pandas as pd
import pytest
from cli_support import run_here as run
from cli_support import write_csv
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from xlpareto.engine import analyze
from xlpareto.errors import XlparetoError
from xlpareto.io.terminal import computed_cutoffs_line, migration_line

ROWS = [
    ["Client", "Revenue", "Prior"],
    ["North", "1.234,56", "1.000,00"],
    ["South", "2.345,00", "3.000,00"],
    ["East", "10.000,00", "2.000,00"],
    ["West", "500,00", ""],
    ["Gone", "", "700,00"],
]


def _csv(tmp_path, rows=ROWS):
    return write_csv(tmp_path / "clients.csv", rows, delimiter=";")


def test_computed_cutoffs_are_printed_only_with_computed_tiers(tmp_path):
    source = _csv(tmp_path)
    computed = run("report", source, "--cutoffs", "computed", "-o", "a.xlsx", cwd=tmp_path)
    assert computed.returncode == 0, computed.stderr
    fixed = run("report", source, "-o", "b.xlsx", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert "Computed cutoffs: A to " in computed.stdout
    assert "Computed cutoffs" not in fixed.stdout


def test_migration_matrix_and_movements_with_prior_revenue(tmp_path):
    result = run("report", _csv(tmp_path), "-o", "a.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Tier migration: last year (rows) to this year (columns)" in result.stdout
    movements = next(x for x in result.stdout.splitlines() if x.startswith("Tier movements:"))
    assert "1 lost" in movements and "1 new" in movements  # Gone lost, West new


def test_no_migration_without_prior_revenue(tmp_path):
    rows = [r[:2] for r in ROWS]
    result = run("report", _csv(tmp_path, rows), "-o", "a.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Tier migration" not in result.stdout and "Tier movements" not in result.stdout


def test_demo_prints_the_migration(tmp_path):
    result = run("demo", "-o", "demo.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Tier movements:" in result.stdout


@pytest.mark.parametrize(
    ("rows", "wrong", "right"),
    [
        (ROWS, ".", ","),
        ([["Client", "Revenue"], ["a", "1,234.56"], ["b", "12.50"]], ",", "."),
    ],
)
def test_wrong_decimal_option_hints_at_the_number_style(tmp_path, rows, wrong, right):
    result = run("report", _csv(tmp_path, rows), "--decimal", wrong, cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("xlpareto: error: ")
    assert "no numeric revenue" in lines[0] and f"try --decimal {right}" in lines[0]


def test_a_revenue_that_is_no_number_in_either_style_has_no_hint(tmp_path):
    rows = [["Client", "Revenue"], ["a", "n/a"], ["b", "-"]]
    result = run("report", _csv(tmp_path, rows), "--decimal", ".", cwd=tmp_path)
    assert result.returncode != 0
    assert "no numeric revenue" in result.stderr and "try --decimal" not in result.stderr


def test_help_documents_text_inputs(tmp_path):
    result = run("report", "--help", cwd=tmp_path)
    text = " ".join(result.stdout.split())
    assert ".tsv" in text and ".txt" in text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=4, max_size=4), min_size=4, max_size=4))
def test_migration_line_counts_every_client_once(cells):
    labels = ["A", "B", "C"]
    matrix = pd.DataFrame(cells, index=[*labels, "New"], columns=[*labels, "Lost"])
    line = migration_line(matrix, labels).removeprefix("Tier movements: ")
    counts = {
        " ".join(p.split()[1:]): int(p.split()[0].replace(",", "")) for p in line.split(" · ")
    }
    assert sum(counts.values()) == int(matrix.to_numpy().sum())
    assert counts["stayed"] == sum(cells[i][i] for i in range(3))
    assert counts["new"] == sum(cells[3]) and counts["lost"] == sum(r[3] for r in cells[:3])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(1, 1e6, allow_nan=False), min_size=3, max_size=60))
def test_computed_cutoffs_line_names_each_tier_but_the_last(revenues):
    try:
        analysis = analyze([f"c{i}" for i in range(len(revenues))], revenues, cutoffs="computed")
    except XlparetoError:  # data computed ABC can't split (SPEC: use fixed cutoffs)
        reject()
    line = computed_cutoffs_line(analysis)
    labels = list(analysis.rule.labels)
    assert line.startswith("Computed cutoffs: ")
    assert [p.split()[0] for p in line.removeprefix("Computed cutoffs: ").split(" · ")] == labels[
        :-1
    ]
