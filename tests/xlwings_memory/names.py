"""Defined names of the in-memory engine (``xlwings.base_classes.Names`` and ``Name``).

A name's ``refers_to`` is kept as text (``"=Settings!$B$4"``) and resolved when it is used,
as Excel does: renaming a sheet rewrites the references (``Sheet.name``), and a name that
doesn't point at a range (``"=#REF!"``) only fails when its range is asked for.
"""

from __future__ import annotations

import numbers

from xlwings import base_classes

from . import entry as ent
from .model import DefinedName


def refers_to_bounds(defined: DefinedName) -> tuple[str, tuple[int, int, int, int]] | None:
    """(sheet name, 1-based bounds) of the range a name refers to, or None."""
    sheet, address = ent.split_reference(defined.refers_to)
    bounds = ent.parse_address(address)
    if sheet is None or bounds is None:
        return None
    return sheet, bounds


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
            name = Name(self._book, defined)
            if name.name.lower() == name_or_index.lower():
                return name
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
        scope = self._scope
        if scope is None and "!" in name:
            sheet, _, name = name.rpartition("!")
            scope = self._book._model.sheet(sheet.strip("'"))
        model = self._book._model
        model.names = [
            n for n in model.names if not (n.name.lower() == name.lower() and n.scope is scope)
        ]
        defined = DefinedName(name, _formula(refers_to), scope)
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
        self._model.refers_to = _formula(value)

    @property
    def refers_to_range(self):
        target = refers_to_bounds(self._model)
        if target is None:
            raise ValueError(f"Name {self.name!r} doesn't refer to a range: {self.refers_to}")
        sheet, (r1, c1, r2, c2) = target
        return self._book.sheets(sheet).range((r1, c1), (r2, c2))


def _formula(refers_to: str) -> str:
    return refers_to if refers_to.startswith("=") else "=" + refers_to
