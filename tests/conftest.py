"""Shared pytest fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile

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


def pytest_configure(config: pytest.Config) -> None:
    """Give the run one LibreOffice result cache, shared by its xdist workers (via the env)."""
    if hasattr(config, "workerinput") or os.environ.get("XLPARETO_LO_CACHE"):
        return  # an xdist worker (inherits the controller's), or the caller chose one
    folder = tempfile.mkdtemp(prefix="xlpareto-lo-cache-")
    config._xlpareto_lo_cache = folder  # type: ignore[attr-defined]
    os.environ["XLPARETO_LO_CACHE"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's LibreOffice result cache."""
    folder = getattr(config, "_xlpareto_lo_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("XLPARETO_LO_CACHE", None)


# --- end of LibreOffice harness fixtures ------------------------------------------------------

# --- in-memory xlwings engine fixtures (tests/xlwings_memory/) --------------------------------
from xlwings_memory.fixtures import memory_book, xlwings_memory  # noqa: E402, F401

# --- hypothesis: no per-example deadline (CI machines are shared; timing is not a property) --
settings.register_profile(
    "xlpareto", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("xlpareto")
