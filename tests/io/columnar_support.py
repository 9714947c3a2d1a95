"""Shared by the columnar tests: read an input both ways and compare what each gives."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from xlpareto.errors import XlparetoError
from xlpareto.io.grouped_inputs import read_client_input
from xlpareto.io.readers import ReadOptions
from xlpareto.io.report_inputs import ReportOptions


def both_ways(path: Path, report: ReportOptions | None = None):
    """(row-by-row result or error, columnar result or error), with the "Read" lines."""
    report = report or ReportOptions()
    results = []
    for grouped in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a successful read warns about nothing
            try:
                described, data = read_client_input(path, ReadOptions(), report, grouped)
                results.append((described, data, data.client_list()))
            except XlparetoError as error:
                results.append(str(error))
    return results


def assert_same_floats(a, b) -> None:
    if a is None or b is None:
        assert a is None and b is None
        return
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-12)


def assert_same(old, new) -> None:
    if isinstance(old, str) or isinstance(new, str):
        assert old == new
        return
    (old_line, old_data, old_list), (new_line, new_data, new_list) = old, new
    assert old_line == new_line
    assert old_list.clients.tolist() == new_list.clients.tolist()
    for field in ("revenue", "prior", "costs", "hours", "migration_after", "migration_before"):
        assert_same_floats(getattr(old_list, field), getattr(new_list, field))
    assert old_list.report.message() == new_list.report.message()
    assert old_list.report.rows_read == new_list.report.rows_read
    assert old_data.period_lines() == new_data.period_lines()
    assert old_data.number_style == new_data.number_style
    old_frame, new_frame = old_data.frame(), new_data.frame()
    assert old_frame.columns.tolist() == new_frame.columns.tolist()
    assert old_frame.iloc[:, 0].tolist() == new_frame.iloc[:, 0].tolist()
    assert_same_floats(old_frame.iloc[:, 1:].to_numpy(), new_frame.iloc[:, 1:].to_numpy())
