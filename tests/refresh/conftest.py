"""The refresh suite runs on both modes of the in-memory engine (``engine_mode``).

``desktop``: Excel through COM, every call applied at once. ``remote``: a host that applies
writes later (xlwings Server, xlwings Lite): each ribbon entry point runs as one script
whose writes the host applies after it returns (:func:`xlwings_memory.script_run`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import xlwings as xw
from test_macros_support import TEMPLATE
from xlwings_memory import MODES, load_workbook_into_memory, memory_mode, script_run

from xlpareto import macros

#: the portable functions a ribbon button (or a Lite @script) runs; the book comes first
SCRIPTS = ("refresh", "clear_analysis", "go_to_settings", "show_help")


def _as_script(function: Callable) -> Callable:
    @functools.wraps(function)
    def run(book, *args, **kwargs):
        with script_run(book):
            return function(book, *args, **kwargs)

    return run


@pytest.fixture(params=MODES)
def engine_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Books loaded in the test use this mode; on ``remote`` each macro is one script run."""
    if request.param == "remote":
        for name in SCRIPTS:
            monkeypatch.setattr(macros, name, _as_script(getattr(macros, name)))
    with memory_mode(request.param) as mode:
        yield mode


@pytest.fixture
def book_path() -> Path:
    """The committed workbook template."""
    return TEMPLATE


@pytest.fixture
def book(book_path: Path, engine_mode: str) -> xw.Book:
    """A fresh in-memory copy of the committed workbook template (in the test's mode)."""
    return load_workbook_into_memory(book_path)
