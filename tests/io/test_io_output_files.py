"""Which files a command may write (SPEC 12 "Nothing is lost"), and the mark it reads back."""

from __future__ import annotations

import os

import pytest
import xlsxwriter

from xlpareto.errors import XlparetoError
from xlpareto.io.output_files import (
    REPORT,
    TEMPLATE,
    WORKBOOK,
    check_output,
    mark,
    written_by_xlpareto,
)


def _book(path, kind=None):
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet()
    if kind is not None:
        book.set_custom_property(**mark(kind))
    book.close()
    return path


@pytest.mark.parametrize("kind", [REPORT, TEMPLATE, WORKBOOK])
def test_the_mark_is_read_back(tmp_path, kind):
    assert written_by_xlpareto(_book(tmp_path / "a.xlsx", kind)) == kind


def test_files_without_the_mark_are_not_ours(tmp_path):
    assert written_by_xlpareto(_book(tmp_path / "plain.xlsx")) is None
    (tmp_path / "text.xlsx").write_text("hello")
    assert written_by_xlpareto(tmp_path / "text.xlsx") is None
    assert written_by_xlpareto(tmp_path / "missing.xlsx") is None


def test_a_report_replaces_only_its_own_kind(tmp_path):
    report = _book(tmp_path / "r.xlsx", REPORT)
    check_output(report, ".xlsx", replaces=REPORT)  # re-running a report just works
    for other, reason in (
        (_book(tmp_path / "w.xlsx", WORKBOOK), "an xlpareto workbook, not a report"),
        (_book(tmp_path / "p.xlsx"), "not an xlpareto report"),
    ):
        with pytest.raises(XlparetoError, match=r"already exists; use --force") as caught:
            check_output(other, ".xlsx", replaces=REPORT)
        assert reason in str(caught.value)
        check_output(other, ".xlsx", replaces=REPORT, force=True)


def test_new_never_replaces_without_force(tmp_path):
    workbook = _book(tmp_path / "w.xlsm", WORKBOOK)
    with pytest.raises(XlparetoError, match="already exists; use --force"):
        check_output(workbook, ".xlsm")
    check_output(workbook, ".xlsm", force=True)


@pytest.mark.parametrize("link", ["same", "dotdot", "symlink", "hardlink"])
def test_an_input_is_never_an_output_however_it_is_reached(tmp_path, link):
    source = _book(tmp_path / "in.xlsx", REPORT)  # even an xlpareto report, even with --force
    (tmp_path / "sub").mkdir()
    out = {
        "same": source,
        "dotdot": tmp_path / "sub" / ".." / "in.xlsx",
        "symlink": tmp_path / "link.xlsx",
        "hardlink": tmp_path / "hard.xlsx",
    }[link]
    if link == "symlink":
        os.symlink(source, out)
    if link == "hardlink":
        os.link(source, out)
    for force in (False, True):
        with pytest.raises(XlparetoError, match="would overwrite the input file"):
            check_output(out, ".xlsx", [None, source], force=force, replaces=REPORT)


def test_suffix_folder_and_directory_are_checked(tmp_path):
    with pytest.raises(XlparetoError, match=r"must be a \.xlsx file"):
        check_output(tmp_path / "a.csv", ".xlsx")
    with pytest.raises(XlparetoError, match="does not exist"):
        check_output(tmp_path / "nope" / "a.xlsx", ".xlsx")
    (tmp_path / "d.xlsx").mkdir()
    with pytest.raises(XlparetoError, match="is a directory"):
        check_output(tmp_path / "d.xlsx", ".xlsx")
