"""``Range``: the cell-level implementation of ``xlwings.base_classes.Range``."""

from __future__ import annotations

import itertools
import json
from typing import Any

from xlwings import base_classes

from . import entry as ent
from .model import (
    GENERAL,
    MAX_COLUMNS,
    MAX_REQUEST_BYTES,
    MAX_ROWS,
    PayloadTooLarge,
    ReadBeforeApplied,
    SheetModel,
)
from .names import Name, refers_to_bounds

#: reads above this many cells are refused (sheet.cells.value would be 17 billion cells)
MAX_READ_CELLS = 20_000_000


def _check_cell(row: int, col: int) -> None:
    if not (1 <= row <= MAX_ROWS and 1 <= col <= MAX_COLUMNS):
        raise IndexError(f"Cell ({row}, {col}) is outside the sheet.")


def _bounds_of(arg: Any, sheet) -> tuple[int, int, int, int]:
    """1-based inclusive bounds of one constructor argument."""
    if isinstance(arg, Range):
        return arg._bounds
    if isinstance(arg, str):
        bounds = ent.parse_address(arg)
        if bounds is None:
            bounds = sheet._name_bounds(arg)
        if bounds is None:
            raise ValueError(f"The address/named range '{arg}' doesn't exist.")
        return bounds
    if isinstance(arg, tuple) and len(arg) == 4:
        row, col, nrows, ncols = arg
        last_row = row + nrows - 1 if nrows > 1 or ncols > 1 else row
        last_col = col + ncols - 1 if nrows > 1 or ncols > 1 else col
        return row, col, last_row, last_col
    if isinstance(arg, tuple) and len(arg) == 2:
        return arg[0], arg[1], arg[0], arg[1]
    raise ValueError(f"Invalid range argument: {arg!r}")


class Range(base_classes.Range):
    def __init__(self, sheet, arg1, arg2=None):
        self.sheet = sheet  # our Sheet impl (xlwings.main.Range.sheet wraps it)
        self.options = None  # set by xlwings.main.Range
        r1, c1, r2, c2 = _bounds_of(arg1, sheet)
        if arg2 is not None:
            q1, d1, q2, d2 = _bounds_of(arg2, sheet)
            r1, c1, r2, c2 = min(r1, q1), min(c1, d1), max(r2, q2), max(c2, d2)
        r1, r2 = min(r1, r2), max(r1, r2)
        c1, c2 = min(c1, c2), max(c1, c2)
        _check_cell(r1, c1)
        _check_cell(r2, c2)
        self._bounds = (r1, c1, r2, c2)

    # --- helpers (not part of the xlwings API) -----------------------------------------
    @property
    def _model(self) -> SheetModel:
        return self.sheet._model

    def _pending(self):
        """The book's not-yet-applied actions (remote mode, during a script run) or None."""
        return self.sheet._book._model.pending

    def _record_write(self, data: Any = None) -> None:
        """Remote mode: remember what this script wrote; a value write is one request."""
        pending = self._pending()
        if pending is None:
            return
        pending.writes.append((self._model, self._zero_bounds()))
        if data is not None:
            size = len(json.dumps(data, default=str))
            if size > MAX_REQUEST_BYTES:
                raise PayloadTooLarge(
                    f"A write of {size:,} bytes to {self.address} exceeds the host's "
                    f"{MAX_REQUEST_BYTES:,}-byte request limit."
                )
            self.sheet._book.app._state.requests.append(size)

    def _check_read(self) -> None:
        pending = self._pending()
        if pending is not None and pending.overlaps(self._model, self._zero_bounds()):
            raise ReadBeforeApplied(
                f"{self.sheet.name}!{self.address} was read back in the script that wrote "
                "it; a remote host still returns the old cells."
            )

    def _cells(self):
        r1, c1, r2, c2 = self._bounds
        return [(r, c) for r in range(r1 - 1, r2) for c in range(c1 - 1, c2)]

    def _zero_bounds(self) -> tuple[int, int, int, int]:
        r1, c1, r2, c2 = self._bounds
        return r1 - 1, c1 - 1, r2 - 1, c2 - 1

    def _write(self, data: Any, formula: bool = False) -> None:
        self._record_write(data)
        r1, c1, r2, c2 = self._bounds
        if isinstance(data, (list, tuple)):
            rows = data
            if data and not isinstance(data[0], (list, tuple)):
                rows = [data]  # a flat list is one row, as with COM
        else:
            rows = [[data] * (c2 - c1 + 1) for _ in range(r2 - r1 + 1)]
        sheet = self._model
        values, formulas, prefixed = sheet.values, sheet.formulas, sheet.prefixed
        formats = sheet.number_formats
        parse = ent.parse_entry
        plain = {}  # constants Excel stores as they are: the fast path for big writes
        width = max((len(row) for row in rows), default=0)
        cols = range(c1 - 1, c1 - 1 + width)
        for r, row in enumerate(rows, start=r1 - 1):
            for col, value in zip(cols, row, strict=False):  # ragged rows: shorter ones
                key = (r, col)
                kind = type(value)
                if kind is float and value == value:
                    plain[key] = value
                    continue
                if kind is int:
                    plain[key] = float(value)
                    continue
                if (
                    kind is str
                    and value[:1].isalpha()
                    and not (len(value) in (4, 5) and value.upper() in ("TRUE", "FALSE"))
                ):
                    plain[key] = value
                    continue
                if formula and isinstance(value, str) and value.startswith("="):
                    entry = ent.Entry("formula", formula=value)
                else:
                    entry = parse(value, formats.get(key, GENERAL))
                if entry.kind == "value":
                    values[key] = entry.value
                    formulas.pop(key, None)
                    if entry.prefixed:
                        prefixed.add(key)
                    else:
                        prefixed.discard(key)
                    if entry.auto_format and key not in formats:
                        formats[key] = entry.auto_format
                elif entry.kind == "formula":
                    formulas[key] = entry.formula
                    values.pop(key, None)
                    prefixed.discard(key)
                else:
                    values.pop(key, None)
                    formulas.pop(key, None)
                    prefixed.discard(key)
        values.update(plain)
        if formulas:
            for key in plain:
                formulas.pop(key, None)
        if prefixed:
            prefixed.difference_update(plain)
        last_row = r1 - 1 + max(len(rows), 1) - 1
        last_col = c1 - 1 + max(width, 1) - 1
        self.sheet._after_write((r1 - 1, c1 - 1, last_row, last_col))

    # --- identity and geometry ----------------------------------------------------------
    @property
    def api(self):
        return self

    @property
    def row(self):
        return self._bounds[0]

    @property
    def column(self):
        return self._bounds[1]

    @property
    def shape(self):
        r1, c1, r2, c2 = self._bounds
        return r2 - r1 + 1, c2 - c1 + 1

    def __len__(self):
        nrows, ncols = self.shape
        return nrows * ncols

    def __call__(self, arg1, arg2=None):
        if arg2 is None:
            ncols = self.shape[1]
            row, col = divmod(arg1 - 1, ncols)
            return self(row + 1, col + 1)
        return Range(self.sheet, (self.row + arg1 - 1, self.column + arg2 - 1))

    def get_address(self, row_absolute, col_absolute, external):
        address = ent.format_address(self._bounds, row_absolute, col_absolute)
        if not external:
            return address
        book = self.sheet.book.name
        sheet = self.sheet.name
        prefix = f"[{book}]{sheet}"
        if ent.quote_sheet(sheet) != sheet or " " in book:
            prefix = "'" + prefix.replace("'", "''") + "'"
        return f"{prefix}!{address}"

    @property
    def address(self):
        return ent.format_address(self._bounds)

    @property
    def has_array(self):
        return False

    @property
    def name(self):
        """The first defined name that refers to exactly this range (Excel's Range.Name)."""
        here = (self.sheet.name.lower(), self._bounds)
        for defined in self.sheet.book._model.names:
            target = refers_to_bounds(defined)
            if target is not None and (target[0].lower(), target[1]) == here:
                return Name(self.sheet.book, defined)
        return None

    @name.setter
    def name(self, value):
        refers_to = f"={ent.quote_sheet(self.sheet.name)}!{self.address}"
        self.sheet.book.names.add(value, refers_to)

    # --- values ---------------------------------------------------------------------------
    @property
    def raw_value(self):
        if len(self) > MAX_READ_CELLS:
            raise ValueError(
                f"Reading {len(self):,} cells is too much for the in-memory engine; "
                "read a smaller range (e.g. sheet.used_range)."
            )
        self._check_read()
        r1, c1, r2, c2 = self._zero_bounds()
        get = self._model.values.get
        if r1 == r2 and c1 == c2:
            return get((r1, c1))
        flat = list(map(get, itertools.product(range(r1, r2 + 1), range(c1, c2 + 1))))
        width = c2 - c1 + 1
        return [flat[i : i + width] for i in range(0, len(flat), width)]

    @raw_value.setter
    def raw_value(self, value):
        self._write(value)

    @property
    def formula(self):
        self._check_read()
        sheet = self._model

        def text(key):
            if key in sheet.formulas:
                return sheet.formulas[key]
            value = sheet.values.get(key)
            if value is None:
                return ""
            if isinstance(value, bool):
                return "TRUE" if value else "FALSE"
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return str(value)

        r1, c1, r2, c2 = self._zero_bounds()
        if r1 == r2 and c1 == c2:
            return text((r1, c1))
        return tuple(tuple(text((r, c)) for c in range(c1, c2 + 1)) for r in range(r1, r2 + 1))

    @formula.setter
    def formula(self, value):
        self._write(value, formula=True)

    def clear_contents(self):
        self._record_write()
        sheet = self._model
        for key in self._cells():
            sheet.values.pop(key, None)
            sheet.formulas.pop(key, None)
            sheet.prefixed.discard(key)
        self.sheet._after_write(self._zero_bounds())

    def clear_formats(self):
        self._record_write()
        formats = self._model.number_formats
        for key in self._cells():
            formats.pop(key, None)

    def clear(self):
        self.clear_contents()
        self.clear_formats()

    @property
    def number_format(self):
        formats = self._model.number_formats
        found = {formats.get(key, GENERAL) for key in self._cells()}
        return found.pop() if len(found) == 1 else None

    @number_format.setter
    def number_format(self, value):
        self._record_write()
        formats = self._model.number_formats
        if value == GENERAL:
            for key in self._cells():
                formats.pop(key, None)
        else:
            formats.update(dict.fromkeys(self._cells(), value))

    # --- navigation -----------------------------------------------------------------------
    def end(self, direction):
        """Ctrl+arrow: to the end of a filled run, else to the next filled cell or the edge."""
        dr, dc = {"down": (1, 0), "up": (-1, 0), "right": (0, 1), "left": (0, -1)}[direction]
        sheet = self._model
        filled = {*sheet.values, *sheet.formulas}
        r, c = self.row - 1, self.column - 1

        def inside(row, col):
            return 0 <= row < MAX_ROWS and 0 <= col < MAX_COLUMNS

        if (r, c) in filled and (r + dr, c + dc) in filled:
            while inside(r + dr, c + dc) and (r + dr, c + dc) in filled:
                r, c = r + dr, c + dc
            return Range(self.sheet, (r + 1, c + 1))

        def ahead(key):
            return (key[0] - r) * dr + (key[1] - c) * dc

        line = [k for k in filled if (k[1] == c if dr else k[0] == r) and ahead(k) > 0]
        if line:
            r, c = min(line, key=ahead)
        elif dr:
            r = MAX_ROWS - 1 if dr > 0 else 0
        else:
            c = MAX_COLUMNS - 1 if dc > 0 else 0
        return Range(self.sheet, (r + 1, c + 1))
