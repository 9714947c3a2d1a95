"""Bad input: one line on stderr, exit code 2, no traceback, no output file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import run, run_here, write_csv

GOOD = [["Client", "Revenue"], ["a", "10"], ["b", "20"]]


def _setup(tmp_path: Path) -> None:
    write_csv(tmp_path / "good.csv", GOOD)
    write_csv(tmp_path / "german.csv", [["Kunde", "Umsatz"], ["a", "1,5"]], ";")
    write_csv(tmp_path / "nonumbers.csv", [["Client", "Revenue"], ["a", "x"], ["b", ""]])
    write_csv(tmp_path / "noclients.csv", [["Client", "Revenue"], ["", "10"]])
    write_csv(tmp_path / "header.csv", [["Client", "Revenue"]])
    write_csv(tmp_path / "zeros.csv", [["Client", "Revenue"], ["a", "0"], ["b", "-5"]])
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_text("\n\n   \n")
    (tmp_path / "ragged.csv").write_text('Client,Revenue\na,1\nb,2,3,4\n"c,5\n')
    (tmp_path / "notes.doc").write_text("hello")
    (tmp_path / "noext").write_text("Client,Revenue\na,1\n")
    (tmp_path / "fake.xlsx").write_text("Client,Revenue\na,1\n")
    (tmp_path / "fake.parquet").write_text("Client,Revenue\na,1\n")
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "latin.csv").write_bytes("Client,Revenue\nMüller,1\n".encode("latin-1"))


BAD = {
    "missing file": (["missing.csv"], "missing.csv: no such file"),
    "directory": (["folder.csv"], "is a directory"),
    "unsupported format": (["notes.doc"], "unsupported format '.doc'"),
    "no extension": (["noext"], "unsupported format '(no extension)'"),
    "empty file": (["empty.csv"], "empty.csv: the file is empty"),
    "blank lines only": (["blank.csv"], "blank.csv: the file is empty"),
    "header only": (["header.csv"], "no data rows"),
    "ragged csv": (["ragged.csv"], "ragged.csv: not a valid CSV file"),
    "not an xlsx": (["fake.xlsx"], "fake.xlsx: not a readable Excel workbook"),
    "not a parquet": (["fake.parquet"], "fake.parquet: not a readable Parquet file"),
    "missing revenue column": (
        ["german.csv", "--client", "Kunde", "--revenue", "Revenue"],
        "german.csv: column 'Revenue' (--revenue) not found (columns: Kunde, Umsatz)",
    ),
    "default column missing": (
        ["german.csv", "--revenue", "Umsatz", "--client", "Client"],
        "column 'Client' (--client) not found",
    ),
    "unknown prior": (["good.csv", "--prior", "Last"], "column 'Last' (--prior) not found"),
    "same column twice": (
        ["good.csv", "--client", "Revenue", "--revenue", "Revenue"],
        "the same column is used twice",
    ),
    "no numeric revenue": (["nonumbers.csv"], "nonumbers.csv: revenue: no numeric revenue"),
    "no named client": (["noclients.csv"], "no numeric revenue"),
    "no positive revenue": (["zeros.csv"], "no positive revenue"),
    "cutoffs decreasing": (["good.csv", "--cutoffs", "0.95,0.8"], "cutoffs: must be strictly"),
    "cutoffs above 1": (["good.csv", "--cutoffs", "0.8,1.5"], "cutoffs"),
    "cutoffs text": (["good.csv", "--cutoffs", "high,low"], "--cutoffs: 'high' is not a number"),
    "cutoffs empty": (["good.csv", "--cutoffs", ","], "--cutoffs"),
    "labels count": (["good.csv", "--labels", "A,B"], "labels: expected 3 labels"),
    "labels duplicate": (["good.csv", "--labels", "A,A,B"], "labels"),
    "labels empty": (["good.csv", "--labels", "A,,C"], "--labels: empty label"),
    "budget text": (["good.csv", "--budget", "lots"], "--budget: 'lots' is not a number"),
    "budget negative": (["good.csv", "--budget", "-1"], "--budget: must not be negative"),
    "budget infinite": (["good.csv", "--budget", "inf"], "--budget"),
    "budget not in cents": (["good.csv", "--budget", "10.0001"], "multiple of the unit"),
    "core share": (["good.csv", "--core-share", "1.5"], "--core-share: must be between 0 and 1"),
    "core share text": (["good.csv", "--core-share", "most"], "--core-share"),
    "output not xlsx": (["good.csv", "-o", "out.csv"], "the output must be a .xlsx file"),
    "output folder missing": (["good.csv", "-o", "nope/out.xlsx"], "does not exist"),
    "output is the input": (
        ["fake.xlsx", "-o", "fake.xlsx"],
        "would overwrite the input file",
    ),
    "unknown sheet": (["fake.xlsx", "--sheet", "x"], "fake.xlsx"),
    "sheet on a csv": (["good.csv", "--sheet", "Data"], "--sheet applies to .xlsx/.xlsm"),
    "bad delimiter": (["good.csv", "--delimiter", "ab"], "--delimiter: expected one character"),
    "bad decimal": (["good.csv", "--decimal", ";"], "--decimal: must be '.' or ','"),
    "bad encoding": (["good.csv", "--encoding", "klingon"], "--encoding: unknown encoding"),
    "wrong encoding": (["latin.csv", "--encoding", "utf-8"], "use --encoding"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, case):
    _setup(tmp_path)
    before = set(tmp_path.rglob("*"))
    args, expected = BAD[case]
    result = run_here("report", *args, cwd=tmp_path)  # in-process; the console script: below
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("xlpareto: error: "), lines[0]
    assert expected in lines[0]
    assert set(tmp_path.rglob("*")) == before  # nothing written


def test_latin1_is_detected_without_option(tmp_path):
    _setup(tmp_path)
    result = run_here("report", "latin.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "encoding cp1252" in result.stdout


def test_unknown_sheet_lists_sheets_and_tables(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.save(tmp_path / "b.xlsx")
    result = run_here("report", "b.xlsx", "--sheet", "Nope", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "xlpareto: error: b.xlsx: no sheet or table named 'Nope' (sheets: Data; tables: none)"
    )


def test_empty_sheet(tmp_path):
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "b.xlsx")
    result = run_here("report", "b.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "the sheet is empty" in result.stderr and len(result.stderr.splitlines()) == 1


def test_parquet_is_read_without_pyarrow(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"Client": ["a"], "Revenue": [1.0]}), tmp_path / "s.parquet")
    blocker = tmp_path / "blocker" / "pyarrow"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('pyarrow is blocked for this test')")
    # keep the caller's PYTHONPATH behind the blocker: it may point at the tree under test
    path = os.pathsep.join(filter(None, [str(blocker.parent), os.environ.get("PYTHONPATH")]))
    for command in (["report", "s.parquet"], ["new", "b.xlsm", "--data", "s.parquet"]):
        result = run(*command, cwd=tmp_path, env={"PYTHONPATH": path})
        assert result.returncode == 0, result.stderr
        assert "Read s.parquet: 1 rows" in result.stdout


def test_new_refuses_to_overwrite_and_checks_the_suffix(tmp_path):
    (tmp_path / "book.xlsm").write_text("mine")
    result = run_here("new", "book.xlsm", cwd=tmp_path)
    assert result.returncode == 2
    assert "already exists; use --force" in result.stderr
    assert (tmp_path / "book.xlsm").read_text() == "mine"
    result = run_here("new", "book.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "the output must be a .xlsm file" in result.stderr


def test_new_with_bad_data_file(tmp_path):
    _setup(tmp_path)
    result = run_here(
        "new", "book.xlsm", "--data", "nonumbers.csv", "--revenue", "Umsatz", cwd=tmp_path
    )
    assert result.returncode == 2
    assert "column 'Umsatz' (--revenue) not found" in result.stderr
    assert not (tmp_path / "book.xlsm").exists()


def test_usage_errors_are_the_one_error_line(tmp_path):
    """A missing argument through the console script: one line, exit code 2, no panel."""
    result = run("report", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "xlpareto: error: missing argument 'INPUT'; see 'xlpareto report --help'\n"
    )
    assert result.stdout == ""
