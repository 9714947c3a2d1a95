"""Issue 12, targeted command-line checks next to the fuzz suite: a successful ``report`` is
silent on stderr, a password-protected workbook is named as such in one line, ``_x000D_``
escapes in .xlsx names are decoded, and control characters are escaped in messages."""

from __future__ import annotations

import io

import openpyxl
from cli_support import pareto_rows, run, run_here, write_csv
from msoffcrypto.format.ooxml import OOXMLFile

from xlpareto.io.readers import read_input_file


def _workbook(path, rows) -> None:
    book = openpyxl.Workbook()
    for line in rows:
        book.active.append(line)
    book.save(path)


def test_a_successful_report_prints_nothing_on_stderr(tmp_path) -> None:
    rows = [["Client", "Revenue"], *[[f"C{i}", 1000 - i * 7] for i in range(40)]]
    write_csv(tmp_path / "clients.csv", rows)
    result = run("report", "clients.csv", "--budget", "50000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "clients_pareto.xlsx").is_file()


def test_a_password_protected_workbook_is_one_line_naming_it(tmp_path) -> None:
    plain = io.BytesIO()
    _workbook(plain, [["Client", "Revenue"], ["Acme", 10]])
    plain.seek(0)
    with open(tmp_path / "locked.xlsx", "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)  # a real encrypted (OLE) package
    result = run("report", "locked.xlsx", cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("xlpareto: error: locked.xlsx: ")
    assert "password-protected" in lines[0] and "zip" not in lines[0]


def test_x000d_escapes_in_xlsx_names_are_decoded(tmp_path) -> None:
    rows = [["Client", "Revenue"], ["Acme_x000D_ Ltd", 60], ["Beta_x005F_x000D_", 40]]
    _workbook(tmp_path / "clients.xlsx", rows)
    names = read_input_file(tmp_path / "clients.xlsx").clients.tolist()
    assert names == ["Acme\r Ltd", "Beta_x000D_"]
    result = run_here("report", "clients.xlsx", "-o", "out.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(pareto_rows(tmp_path / "out.xlsx")) == 2


def test_control_characters_in_a_header_are_escaped_in_the_message(tmp_path) -> None:
    write_csv(tmp_path / "clients.csv", [["Name\x1b[2J", "Amount\x07"], ["Acme", 10]])
    result = run_here("report", "clients.csv", "--client", "Client", cwd=tmp_path)
    assert result.returncode != 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
