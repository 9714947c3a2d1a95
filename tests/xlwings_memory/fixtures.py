"""Pytest fixtures for the in-memory xlwings engine (import them in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import xlwings as xw

from . import activated, load_workbook_into_memory


@pytest.fixture
def xlwings_memory() -> Iterator[xw.main.Engine]:
    """The in-memory engine, active for this test (``xw.Book(path)``, ``xw.apps``,
    ``xw.Book.caller()`` after ``book.set_mock_caller()``); cleaned up afterwards."""
    with activated() as engine:
        yield engine


@pytest.fixture
def memory_book(xlwings_memory) -> Callable[[str | Path], xw.Book]:
    """Factory: ``memory_book(path)`` -> a fresh in-memory ``xw.Book`` seeded from the file."""
    return load_workbook_into_memory
