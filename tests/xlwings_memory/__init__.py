"""An in-memory xlwings engine for tests: xlwings' own high-level API on a Python model.

Only the lowest layer (``xlwings.base_classes``) is ours, so ``xw.Book``, ``Sheet``,
``Range``, ``Table``, ``Name``, ``Chart`` and xlwings' converters (``options(pd.DataFrame,
...)``, ``expand``, ``resize``) run unmodified.

Examples
--------
>>> book = load_workbook_into_memory("workbook_template.xlsm")  # doctest: +SKIP
>>> book.sheets["Clients"].tables["Clients"].range.options(pd.DataFrame, index=False).value
... # doctest: +SKIP
>>> cell(book.sheets["Analysis"]["B2"]).is_formula  # doctest: +SKIP
False
>>> app_state(book).alerts, app_state(book).changes("status_bar")  # doctest: +SKIP

Two modes (``mode=`` of the loaders, or :func:`memory_mode` for a block): ``"desktop"``
behaves like Excel through COM, every call applied at once; ``"remote"`` behaves like the
hosts that apply writes later (xlwings Server, xlwings Lite): no status bar, screen
updating, events or calculation mode (``NotImplementedError``), and inside
:func:`script_run` a table added by the script has no ranges yet (``None``), reading back a
cell the script wrote is an error (the host would return the old value), and each value
write is one request, refused above 5 MB (Excel on the web's limit) and recorded in
``app_state(book).requests``.

Cell values follow Excel: numbers read back as floats, written strings are parsed like typed
input (``"=1+1"``, ``"-2+3"``, ``"+x"``, ``"@SUM(A1)"`` become formulas, ``"007"`` becomes 7.0)
unless they start with an apostrophe or the cell's number format is ``"@"``. Formula cells
have no computed value: ``.value`` returns the cached result loaded from the file, or None
for formulas written at runtime; ``.formula`` returns the formula text.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlwings as xw

from . import engine as _engine
from .entry import format_address, quote_sheet
from .model import (
    GENERAL,
    MAX_REQUEST_BYTES,
    MODES,
    Alert,
    AppState,
    PayloadTooLarge,
    PendingActions,
    ReadBeforeApplied,
    SheetModel,
    WorkbookModel,
)
from .seed import read_workbook

ENGINE_NAME = "memory"
_default_mode = ["desktop"]

__all__ = [
    "ENGINE_NAME",
    "MAX_REQUEST_BYTES",
    "MODES",
    "Alert",
    "AppState",
    "CellState",
    "PayloadTooLarge",
    "ReadBeforeApplied",
    "SeriesState",
    "SheetModel",
    "WorkbookModel",
    "activated",
    "app_state",
    "book_snapshot",
    "cell",
    "chart_series",
    "is_remote",
    "load_workbook_into_memory",
    "memory_mode",
    "mock_caller",
    "new_book",
    "register",
    "script_run",
    "workbook_model",
]


def register() -> xw.main.Engine:
    """Add the engine to ``xw.engines`` (once) and return it; doesn't activate it."""
    if ENGINE_NAME not in xw.engines.engines_by_name:
        xw.engines.add(xw.main.Engine(impl=_engine.engine))
    return xw.engines[ENGINE_NAME]


@contextlib.contextmanager
def activated() -> Iterator[xw.main.Engine]:
    """Make the engine the active one (``xw.Book(path)``, ``xw.apps``, ``xw.books`` use it);
    on exit close its apps, restore the previous engine and drop any mock caller."""
    memory = register()
    previous = xw.engines.active
    _engine.reset()
    memory.activate()
    try:
        yield memory
    finally:
        _engine.reset()
        xw.engines.active = previous
        if "_mock_caller" in vars(xw.Book):
            del xw.Book._mock_caller


def _remote(mode: str | None) -> bool:
    mode = mode or _default_mode[0]
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}: use one of {MODES}.")
    return mode == "remote"


@contextlib.contextmanager
def memory_mode(mode: str) -> Iterator[str]:
    """Books loaded inside the block use ``mode`` (``"desktop"`` or ``"remote"``) unless
    the loader is given one."""
    _remote(mode)
    previous = _default_mode[0]
    _default_mode[0] = mode
    try:
        yield mode
    finally:
        _default_mode[0] = previous


def load_workbook_into_memory(path: str | Path, mode: str | None = None) -> xw.Book:
    """A fresh in-memory copy of a workbook file, in its own app (so status bar and alert
    history belong to this book alone). Works whether or not the engine is active."""
    register()
    return xw.Book(impl=_engine.book_from_model(read_workbook(path), remote=_remote(mode)))


def new_book(mode: str | None = None) -> xw.Book:
    """An empty in-memory book with one sheet ``Sheet1``, in its own app."""
    register()
    model = WorkbookModel(name="Book1", fullname="Book1")
    model.add_sheet("Sheet1")
    return xw.Book(impl=_engine.book_from_model(model, remote=_remote(mode)))


def is_remote(book: xw.Book) -> bool:
    """True if the book's app behaves like xlwings Server/Lite."""
    return app_state(book).remote


@contextlib.contextmanager
def script_run(book: xw.Book) -> Iterator[xw.Book]:
    """One script run (a ribbon action, a Lite ``@script``) on ``book``.

    Remote mode: the script's writes are "not applied yet" inside the block (created tables
    have no ranges, cells it wrote can't be read back); when the block ends the host has
    applied them. Desktop mode: nothing changes. Runs don't nest.
    """
    model = workbook_model(book)
    if not is_remote(book) or model.pending is not None:
        yield book
        return
    model.pending = PendingActions()
    try:
        yield book
    finally:
        model.pending = None


@contextlib.contextmanager
def mock_caller(book: xw.Book) -> Iterator[xw.Book]:
    """Let ``xw.Book.caller()`` return ``book`` inside the block."""
    book.set_mock_caller()
    try:
        yield book
    finally:
        if "_mock_caller" in vars(xw.Book):
            del xw.Book._mock_caller


def workbook_model(book: xw.Book) -> WorkbookModel:
    """The raw model behind an in-memory ``xw.Book``."""
    return _impl(book)._model


def app_state(book_or_app: xw.Book | xw.App) -> AppState:
    """Status bar, screen updating, calculation, alerts and the history of their changes."""
    app = book_or_app.app if isinstance(book_or_app, xw.Book) else book_or_app
    return _impl(app)._state


@dataclass(frozen=True)
class CellState:
    """What a single cell holds, beyond what ``Range.value`` can tell."""

    value: Any
    formula: str | None  # formula text, or None when the cell holds a constant
    prefix_character: str  # "'" when the text was entered with a leading apostrophe
    number_format: str

    @property
    def is_formula(self) -> bool:
        return self.formula is not None


@dataclass(frozen=True)
class SeriesState:
    """A chart series with its ranges as references (``"Analysis!$C$2:$C$11"``)."""

    name: str | None
    values: str | None
    categories: str | None
    chart_type: str
    axis_group: str


def chart_series(chart: xw.Chart) -> list[SeriesState]:
    """The series of a chart and the ranges they are bound to."""

    def reference(ref):
        if ref is None:
            return None
        sheet, (r1, c1, r2, c2) = ref
        return f"{quote_sheet(sheet.name)}!{format_address((r1 + 1, c1 + 1, r2 + 1, c2 + 1))}"

    model = _impl(chart)._model
    return [
        SeriesState(
            s.name,
            reference(s.values_ref),
            reference(s.categories_ref),
            s.chart_type or model.chart_type,
            s.axis_group,
        )
        for s in model.series
    ]


def cell(rng: xw.Range) -> CellState:
    """State of the top-left cell of ``rng``."""
    sheet = _impl(rng).sheet._model
    key = (rng.row - 1, rng.column - 1)
    return CellState(
        value=sheet.values.get(key),
        formula=sheet.formulas.get(key),
        prefix_character="'" if key in sheet.prefixed else "",
        number_format=sheet.number_formats.get(key, GENERAL),
    )


def book_snapshot(book: xw.Book) -> dict[str, dict]:
    """Sheet name -> every non-default cell ``(row, col): (value, formula, prefixed,
    number_format)``; compare two snapshots to prove sheets were left untouched."""
    return {sheet.name: sheet.snapshot() for sheet in workbook_model(book).sheets}


def _impl(obj: Any) -> Any:
    impl = getattr(obj, "impl", None)
    if impl is None or not impl.__class__.__module__.startswith(__name__):
        raise TypeError(f"{obj!r} doesn't belong to the in-memory xlwings engine.")
    return impl
