"""Books and sheets of the in-memory engine (``xlwings.base_classes``)."""

from __future__ import annotations

import itertools
import numbers

from xlwings import base_classes

from . import entry as ent
from .model import MAX_COLUMNS, MAX_ROWS, SheetModel, WorkbookModel
from .names import Names, refers_to_bounds
from .objects import Charts, Tables
from .ranges import Range
from .seed import read_workbook


class Books(base_classes.Books):
    def __init__(self, app):
        self.app = app
        self._books: list[Book] = []

    @property
    def active(self):
        return self._books[-1] if self._books else None

    def __call__(self, name_or_index):
        if isinstance(name_or_index, numbers.Number):
            return self._books[name_or_index - 1]
        for book in self._books:
            if name_or_index.lower() in (book.name.lower(), book.fullname.lower()):
                return book
        raise KeyError(name_or_index)

    def __len__(self):
        return len(self._books)

    def add(self):
        number = len(self._books) + 1
        model = WorkbookModel(name=f"Book{number}", fullname=f"Book{number}")
        model.add_sheet("Sheet1")
        return self._attach(model)

    def _attach(self, model):
        book = Book(self, model)
        self._books.append(book)
        return book

    def open(
        self,
        fullname,
        update_links=None,
        read_only=None,
        format=None,
        password=None,
        write_res_password=None,
        ignore_read_only_recommended=None,
        origin=None,
        delimiter=None,
        editable=None,
        notify=None,
        converter=None,
        add_to_mru=None,
        local=None,
        corrupt_load=None,
    ):
        return self._attach(read_workbook(fullname))

    def __iter__(self):
        return iter(list(self._books))


class Book(base_classes.Book):
    def __init__(self, books, model):
        self._books = books
        self._model = model

    @property
    def name(self):
        return self._model.name

    @property
    def sheets(self):
        return Sheets(self)

    @property
    def app(self):
        return self._books.app

    def close(self):
        self._books._books.remove(self)

    @property
    def fullname(self):
        return self._model.fullname

    @property
    def names(self):
        return Names(self, scope=None)

    def activate(self):
        self._books._books.remove(self)
        self._books._books.append(self)


class Sheets(base_classes.Sheets):
    def __init__(self, book):
        self.book = book

    @property
    def active(self):
        model = self.book._model
        return Sheet(self.book, model.sheets[model.active_sheet])

    def __call__(self, name_or_index):
        model = self.book._model
        if isinstance(name_or_index, numbers.Number):
            if not 1 <= name_or_index <= len(model.sheets):
                raise IndexError(f"Sheet index {name_or_index} out of range.")
            return Sheet(self.book, model.sheets[name_or_index - 1])
        return Sheet(self.book, model.sheet(name_or_index))

    def __len__(self):
        return len(self.book._model.sheets)

    def __iter__(self):
        for sheet in list(self.book._model.sheets):
            yield Sheet(self.book, sheet)

    def add(self, before=None, after=None, name=None):
        model = self.book._model
        if name is None:
            taken = {s.name.lower() for s in model.sheets}
            name = next(f"Sheet{i}" for i in itertools.count(1) if f"sheet{i}" not in taken)
        if before is not None:
            index = model.sheets.index(before._model)
        elif after is not None:
            index = model.sheets.index(after._model) + 1
        else:
            index = model.active_sheet
        sheet = model.add_sheet(name, index)
        model.active_sheet = model.sheets.index(sheet)
        return Sheet(self.book, sheet)


class Sheet(base_classes.Sheet):
    def __init__(self, book, model: SheetModel):
        self._book = book
        self._model = model

    # --- helpers (not part of the xlwings API) -----------------------------------------
    def _name_bounds(self, name):
        """1-based bounds of a defined name that refers to this sheet, or None."""
        for defined in self._book._model.names:
            if defined.scope is not None and defined.scope is not self._model:
                continue
            if defined.name.lower() != name.lower():
                continue
            target = refers_to_bounds(defined)
            if target is not None and target[0].lower() == self.name.lower():
                return target[1]
        return None

    def _after_write(self, bounds):
        """Excel keeps table headers as text: empty -> "ColumnN", others -> their text."""
        r1, c1, r2, c2 = bounds
        sheet = self._model
        for table in sheet.tables:
            if not table.show_headers or not r1 <= table.first_row <= r2:
                continue
            for col in range(max(c1, table.first_col), min(c2, table.last_col) + 1):
                key = (table.first_row, col)
                value = sheet.values.get(key)
                if key in sheet.formulas:
                    value = sheet.formulas.pop(key)
                if value is None:
                    value = f"Column{col - table.first_col + 1}"
                elif isinstance(value, float) and value.is_integer():
                    value = str(int(value))
                sheet.values[key] = str(value)

    # --- xlwings API ------------------------------------------------------------------------
    @property
    def name(self):
        return self._model.name

    @name.setter
    def name(self, value):
        old = self._model.name
        if any(
            s.name.lower() == value.lower()
            for s in self._book._model.sheets
            if s is not self._model
        ):
            raise ValueError(f"A sheet named {value!r} already exists.")
        for defined in self._book._model.names:
            sheet, address = ent.split_reference(defined.refers_to)
            if sheet is not None and sheet.lower() == old.lower():
                defined.refers_to = f"={ent.quote_sheet(value)}!{address}"
        self._model.name = value

    @property
    def names(self):
        return Names(self._book, scope=self._model)

    @property
    def book(self):
        return self._book

    @property
    def index(self):
        return self._book._model.sheets.index(self._model) + 1

    def range(self, arg1, arg2=None):
        return Range(self, arg1, arg2)

    @property
    def cells(self):
        return Range(self, (1, 1), (MAX_ROWS, MAX_COLUMNS))

    def activate(self):
        self._book._model.active_sheet = self.index - 1

    def clear_contents(self):
        sheet = self._model
        sheet.values.clear()
        sheet.formulas.clear()
        sheet.prefixed.clear()
        for table in sheet.tables:
            self._after_write(table.bounds)

    @property
    def charts(self):
        return Charts(self)

    @property
    def tables(self):
        return Tables(self)

    @property
    def used_range(self):
        bounds = self._model.used_bounds()
        if bounds is None:
            return Range(self, (1, 1))
        r1, c1, r2, c2 = bounds
        return Range(self, (r1 + 1, c1 + 1), (r2 + 1, c2 + 1))

    @property
    def visible(self):
        return self._model.visible

    @visible.setter
    def visible(self, value):
        self._model.visible = bool(value)
