"""Shared pytest fixtures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# --- LibreOffice harness fixtures (owner: LibreOffice harness; tests/libreoffice/) ------------
# `libreoffice` fails (never skips) the requesting test when soffice, pdftoppm or uno under
# /usr/bin/python3 is missing, then hands out the harness module:
#     def test_x(libreoffice): report = libreoffice.inspect_workbook(path)


@pytest.fixture(scope="session")
def libreoffice():
    """The headless LibreOffice harness (``tests/libreoffice``), after checking the toolchain."""
    import libreoffice as harness

    harness.require_libreoffice()
    return harness


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs LibreOffice, so ``-m "not libreoffice"`` runs the others."""
    for item in items:
        if "libreoffice" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)


# --- end of LibreOffice harness fixtures ------------------------------------------------------

# --- in-memory xlwings engine fixtures (tests/xlwings_memory/) --------------------------------
from xlwings_memory.fixtures import memory_book, xlwings_memory  # noqa: E402, F401

# --- hypothesis: no per-example deadline (CI machines are shared; timing is not a property) --
settings.register_profile(
    "xlpareto", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("xlpareto")
