"""Books, sheets and defined names of the in-memory engine (``xlwings.base_classes``)."""

from __future__ import annotations

import itertools
import numbers

from xlwings import base_classes

from . import entry as ent
from .model import MAX_COLUMNS, MAX_ROWS, DefinedName, SheetModel, WorkbookModel
from .ranges import Range


class Books(base_classes.Books):
    def __init__(self, app):
        self.app = app
        self._books: list[Book] = []

    @property
    def api(self):
        return self._books

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
        from .seed import read_workbook

        return self._attach(read_workbook(fullname))

    def __iter__(self):
        return iter(list(self._books))


class Book(base_classes.Book):
    def __init__(self, books, model):
        self._books = books
        self._model = model

    @property
    def api(self):
        return self._model

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
    def api(self):
        return self.book._model.sheets

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
            sheet, address = ent.split_reference(defined.refers_to)
            if sheet is not None and sheet.lower() == self.name.lower():
                return ent.parse_address(address)
        return None

    def _after_write(self, bounds):
        """Excel keeps table headers as unique text: empty -> "ColumnN", others -> str."""
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
    def api(self):
        return self._model

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

    def select(self):
        self.activate()

    def clear_contents(self):
        sheet = self._model
        sheet.values.clear()
        sheet.formulas.clear()
        sheet.prefixed.clear()
        for table in sheet.tables:
            self._after_write(table.bounds)

    def clear_formats(self):
        self._model.number_formats.clear()

    def clear(self):
        self.clear_contents()
        self.clear_formats()

    def autofit(self, axis=None):
        pass  # no layout in memory

    def delete(self):
        model = self._book._model
        if len(model.sheets) == 1:
            raise ValueError("A workbook must contain at least one visible worksheet.")
        model.tables = [t for t in model.tables if t.sheet is not self._model]
        model.sheets.remove(self._model)
        model.active_sheet = min(model.active_sheet, len(model.sheets) - 1)

    @property
    def charts(self):
        from .objects import Charts

        return Charts(self)

    @property
    def tables(self):
        from .objects import Tables

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

    @property
    def show_gridlines(self):
        return self._model.show_gridlines

    @show_gridlines.setter
    def show_gridlines(self, value):
        self._model.show_gridlines = bool(value)


class Names(base_classes.Names):
    def __init__(self, book, scope):
        self._book = book
        self._scope = scope  # None: the workbook's Names (all of them, as in Excel)

    def _items(self):
        names = self._book._model.names
        return [n for n in names if self._scope is None or n.scope is self._scope]

    def __call__(self, name_or_index):
        items = self._items()
        if isinstance(name_or_index, numbers.Number):
            if not 1 <= name_or_index <= len(items):
                raise KeyError(name_or_index)
            return Name(self._book, items[name_or_index - 1])
        for defined in items:
            if Name(self._book, defined).name.lower() == name_or_index.lower():
                return Name(self._book, defined)
        raise KeyError(name_or_index)

    def contains(self, name_or_index):
        try:
            self(name_or_index)
        except KeyError:
            return False
        return True

    def __len__(self):
        return len(self._items())

    def add(self, name, refers_to):
        if hasattr(refers_to, "get_address"):
            refers_to = "=" + refers_to.get_address(include_sheetname=True)
        scope = self._scope
        if scope is None and "!" in name:
            sheet, _, name = name.rpartition("!")
            scope = self._book._model.sheet(sheet.strip("'"))
        model = self._book._model
        model.names = [
            n for n in model.names if not (n.name.lower() == name.lower() and n.scope is scope)
        ]
        defined = DefinedName(
            name, refers_to if refers_to.startswith("=") else "=" + refers_to, scope
        )
        model.names.append(defined)
        return Name(self._book, defined)


class Name(base_classes.Name):
    def __init__(self, book, model: DefinedName):
        self._book = book
        self._model = model

    def delete(self):
        self._book._model.names.remove(self._model)

    @property
    def name(self):
        if self._model.scope is None:
            return self._model.name
        return f"{ent.quote_sheet(self._model.scope.name)}!{self._model.name}"

    @name.setter
    def name(self, value):
        self._model.name = value

    @property
    def refers_to(self):
        return self._model.refers_to

    @refers_to.setter
    def refers_to(self, value):
        self._model.refers_to = value if value.startswith("=") else "=" + value

    @property
    def refers_to_range(self):
        sheet_name, address = ent.split_reference(self._model.refers_to)
        bounds = ent.parse_address(address)
        if sheet_name is None or bounds is None:
            raise ValueError(f"Name {self.name!r} doesn't refer to a range: {self.refers_to}")
        sheet = Sheet(self._book, self._book._model.sheet(sheet_name))
        return Range(sheet, bounds[:2], bounds[2:])
