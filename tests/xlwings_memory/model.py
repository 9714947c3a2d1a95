"""The in-memory workbook: plain data, no xlwings.

Coordinates are zero-based ``(row, col)`` tuples. A cell's state is spread over a few dicts
so that large writes stay cheap:

- ``values``: what ``Range.Value`` returns – constants, and the cached result of seeded
  formulas (openpyxl ``data_only``). Empty cells are absent (never ``""`` or ``None``).
- ``formulas``: formula text (``"=A1*2"``) of cells that hold a formula.
- ``prefixed``: cells whose text was entered with a leading apostrophe (Excel's
  ``PrefixCharacter``); the stored text has no apostrophe.
- ``number_formats``: per-cell format code; absent means ``"General"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
GENERAL = "General"
TEXT_FORMAT = "@"

Cell = tuple[int, int]

#: Excel on the web refuses a request above 5 MB (remote mode: one value write = one request)
MAX_REQUEST_BYTES = 5 * 1024 * 1024


class PayloadTooLarge(RuntimeError):
    """A remote host's request limit was exceeded (Excel on the web: 5 MB per request)."""


class ReadBeforeApplied(RuntimeError):
    """A script read cells it wrote itself on a host that applies writes after the script."""


@dataclass
class Alert:
    """One message box shown through ``App.alert``."""

    prompt: str
    title: str | None
    buttons: str
    mode: str | None


#: The two ways the engine can behave: like desktop Excel (COM/AppleScript: every call is
#: applied at once) or like a host that applies writes later (xlwings Server and xlwings
#: Lite's remote engine: a script's writes are sent to Excel as actions after it returns).
MODES = ("desktop", "remote")


@dataclass
class AppState:
    """Application-level settings and what the code did with them.

    ``remote`` apps have no status bar, screen updating, events or calculation mode (they
    raise ``NotImplementedError``, as xlwings Server/Lite do); ``requests`` holds the size in
    bytes (JSON) of every value write made during a script run, one request each.
    """

    pid: int
    remote: bool = False
    status_bar: str | bool = False
    screen_updating: bool = True
    calculation: str = "automatic"
    enable_events: bool = True
    visible: bool = True
    alerts: list[Alert] = field(default_factory=list)
    #: every property assignment in order: ("status_bar", "Reading…"), ("calculation", …)
    history: list[tuple[str, Any]] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)

    def changes(self, prop: str) -> list[Any]:
        """Values assigned to one property, in order."""
        return [value for name, value in self.history if name == prop]


@dataclass
class DefinedName:
    """A defined name; ``scope`` is None for workbook-level names."""

    name: str
    refers_to: str  # "=Settings!$B$4"
    scope: SheetModel | None = None


@dataclass
class TableModel:
    """An Excel table (ListObject); bounds are zero-based and inclusive."""

    name: str
    sheet: SheetModel
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    show_headers: bool = True
    show_totals: bool = False

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        return self.first_row, self.first_col, self.last_row, self.last_col

    @property
    def body_bounds(self) -> tuple[int, int, int, int]:
        top = self.first_row + (1 if self.show_headers else 0)
        bottom = self.last_row - (1 if self.show_totals else 0)
        return top, self.first_col, bottom, self.last_col


@dataclass
class SeriesModel:
    """One chart series; refs are (sheet, zero-based inclusive bounds) or None."""

    name: str | None
    values_ref: tuple[SheetModel, tuple[int, int, int, int]] | None
    categories_ref: tuple[SheetModel, tuple[int, int, int, int]] | None = None
    chart_type: str | None = None
    axis_group: str = "primary"


@dataclass
class ChartModel:
    """A chart object embedded in a sheet."""

    name: str
    sheet: SheetModel
    chart_type: str = "column_clustered"
    series: list[SeriesModel] = field(default_factory=list)
    title: str | None = None


@dataclass(eq=False)
class SheetModel:
    """A worksheet."""

    name: str
    book: WorkbookModel
    visible: bool = True
    values: dict[Cell, Any] = field(default_factory=dict)
    formulas: dict[Cell, str] = field(default_factory=dict)
    prefixed: set[Cell] = field(default_factory=set)
    number_formats: dict[Cell, str] = field(default_factory=dict)
    charts: list[ChartModel] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"<SheetModel {self.name!r}: {len(self.values)} values, {len(self.formulas)} formulas>"
        )

    @property
    def tables(self) -> list[TableModel]:
        return [t for t in self.book.tables if t.sheet is self]

    def number_format(self, cell: Cell) -> str:
        return self.number_formats.get(cell, GENERAL)

    def used_bounds(self) -> tuple[int, int, int, int] | None:
        """Bounding box of every cell with content or a format (Excel's UsedRange)."""
        keys = [*self.values, *self.formulas, *self.number_formats]
        if not keys:
            return None
        rows = [r for r, _ in keys]
        cols = [c for _, c in keys]
        return min(rows), min(cols), max(rows), max(cols)

    def snapshot(self) -> dict[Cell, tuple[Any, str | None, bool, str]]:
        """Every non-default cell: (value, formula, prefixed, number format)."""
        keys = set(self.values) | set(self.formulas) | set(self.number_formats)
        return {
            k: (
                self.values.get(k),
                self.formulas.get(k),
                k in self.prefixed,
                self.number_format(k),
            )
            for k in keys
        }


@dataclass(eq=False)
class PendingActions:
    """A script's actions the host applies only after the script returns (remote mode).

    ``writes``: (sheet, zero-based bounds) written so far – reading them back is a bug,
    because the host would still return the old cells. ``tables``: tables added so far –
    their ranges are not known yet.
    """

    writes: list[tuple[SheetModel, tuple[int, int, int, int]]] = field(default_factory=list)
    tables: list[TableModel] = field(default_factory=list)

    def overlaps(self, sheet: SheetModel, bounds: tuple[int, int, int, int]) -> bool:
        """True if ``bounds`` on ``sheet`` touch a cell written in this run."""
        r1, c1, r2, c2 = bounds
        return any(
            s is sheet and r1 <= b[2] and b[0] <= r2 and c1 <= b[3] and b[1] <= c2
            for s, b in self.writes
        )

    def created(self, table: TableModel) -> bool:
        """True if ``table`` was added in this run."""
        return any(t is table for t in self.tables)


@dataclass(eq=False)
class WorkbookModel:
    """A workbook: ordered sheets, tables (names unique per book), defined names."""

    name: str
    fullname: str
    sheets: list[SheetModel] = field(default_factory=list)
    tables: list[TableModel] = field(default_factory=list)
    names: list[DefinedName] = field(default_factory=list)
    active_sheet: int = 0
    #: during a script run on a remote app: what the host has not applied yet
    pending: PendingActions | None = None

    def __repr__(self) -> str:
        return f"<WorkbookModel {self.name!r}: sheets {[s.name for s in self.sheets]}>"

    def sheet(self, name: str) -> SheetModel:
        for sheet in self.sheets:
            if sheet.name.lower() == name.lower():
                return sheet
        raise KeyError(name)

    def add_sheet(self, name: str, index: int | None = None) -> SheetModel:
        sheet = SheetModel(name=name, book=self)
        self.sheets.insert(len(self.sheets) if index is None else index, sheet)
        return sheet

    def table(self, name: str) -> TableModel | None:
        for table in self.tables:
            if table.name.lower() == name.lower():
                return table
        return None
