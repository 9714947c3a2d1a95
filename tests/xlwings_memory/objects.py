"""Tables and charts of the in-memory engine (``xlwings.base_classes``)."""

from __future__ import annotations

import itertools
import numbers

from xlwings import base_classes

from .model import ChartModel, ReadBeforeApplied, SeriesModel, TableModel
from .ranges import Range


def _range(sheet, bounds):
    """Range impl from zero-based inclusive bounds."""
    r1, c1, r2, c2 = bounds
    return Range(sheet, (r1 + 1, c1 + 1), (r2 + 1, c2 + 1))


def model_property(attribute: str) -> property:
    """A read/write property that delegates to ``self._model.<attribute>``."""

    def get(self):
        return getattr(self._model, attribute)

    def set_(self, value):
        setattr(self._model, attribute, value)

    return property(get, set_, doc=f"The model's {attribute}.")


class Collection(base_classes.Collection):
    """Shared by Tables and Charts: items of one sheet, by 1-based index or name."""

    def __init__(self, sheet):
        self._sheet = sheet

    def _items(self):
        raise NotImplementedError

    def _wrap(self, model):
        raise NotImplementedError

    def __call__(self, key):
        items = self._items()
        if isinstance(key, numbers.Number):
            if not 1 <= key <= len(items):
                raise IndexError(f"Index {key} out of range ({len(items)} elements).")
            return self._wrap(items[key - 1])
        for item in items:
            if item.name.lower() == key.lower():
                return self._wrap(item)
        raise KeyError(key)

    def __len__(self):
        return len(self._items())

    def __iter__(self):
        return (self._wrap(item) for item in self._items())

    def __contains__(self, key):
        return any(item.name.lower() == key.lower() for item in self._items())


# --- tables -------------------------------------------------------------------------------
class Tables(Collection, base_classes.Tables):
    def _items(self):
        return self._sheet._model.tables

    def _wrap(self, model):
        return Table(self._sheet, model)

    def add(
        self,
        source_type=None,
        source=None,
        link_source=None,
        has_headers=None,
        destination=None,
        table_style_name=None,
        name=None,
    ):
        if has_headers is False:
            raise NotImplementedError("The in-memory engine only adds tables with headers.")
        source = getattr(source, "impl", source)
        book = self._sheet.book._model
        if name is None:
            name = next(f"Table{i}" for i in itertools.count(1) if book.table(f"Table{i}") is None)
        elif book.table(name) is not None:
            raise ValueError(f"A table named {name!r} already exists.")
        r1, c1, r2, c2 = source._zero_bounds()
        if r2 == r1:
            r2 += 1  # Excel adds an empty data row under a header-only source
        model = TableModel(name, self._sheet._model, r1, c1, r2, c2)
        book.tables.append(model)
        if book.pending is not None:  # remote mode: its ranges are known once applied
            book.pending.tables.append(model)
        self._sheet._after_write(model.bounds)
        return Table(self._sheet, model)


class Table(base_classes.Table):
    def __init__(self, sheet, model: TableModel):
        self._sheet = sheet
        self._model = model

    @property
    def name(self):
        return self._model.name

    @name.setter
    def name(self, value):
        other = self._sheet.book._model.table(value)
        if other is not None and other is not self._model:
            raise ValueError(f"A table named {value!r} already exists.")
        self._model.name = value

    def _applied(self):
        """False for a table added in the current script run of a remote app: like
        xlwings Server/Lite, its ranges are None until the host has run the actions."""
        pending = self._sheet.book._model.pending
        return pending is None or not pending.created(self._model)

    @property
    def range(self):
        if not self._applied():
            raise ReadBeforeApplied(
                f"The range of table {self._model.name}, added in this script, is not known "
                "until the host has applied the script's actions."
            )
        return _range(self._sheet, self._model.bounds)

    @property
    def header_row_range(self):
        if not self._model.show_headers or not self._applied():
            return None
        t = self._model
        return _range(self._sheet, (t.first_row, t.first_col, t.first_row, t.last_col))

    @property
    def data_body_range(self):
        if not self._applied():
            return None
        return _range(self._sheet, self._model.body_bounds)

    @property
    def totals_row_range(self):
        if not self._model.show_totals or not self._applied():
            return None
        t = self._model
        return _range(self._sheet, (t.last_row, t.first_col, t.last_row, t.last_col))

    @property
    def show_headers(self):
        return self._model.show_headers

    @property
    def show_totals(self):
        return self._model.show_totals

    def resize(self, range):
        """Excel's ListObject.Resize: same header row, overlapping the old range."""
        target = getattr(range, "impl", range)
        t = self._model
        if target.sheet._model is not t.sheet:
            raise ValueError("A table can only be resized on its own sheet.")
        r1, c1, r2, c2 = target._zero_bounds()
        if t.show_headers and r1 != t.first_row:
            raise ValueError("The header row of a resized table must stay in the same row.")
        if r2 < t.first_row or r1 > t.last_row or c2 < t.first_col or c1 > t.last_col:
            raise ValueError("The resized table range must overlap the original table range.")
        minimum_rows = 1 + t.show_headers + t.show_totals
        if r2 - r1 + 1 < minimum_rows:
            raise ValueError(f"A table with headers needs at least {minimum_rows} rows.")
        old_columns = _column_bodies(t)
        t.first_row, t.first_col, t.last_row, t.last_col = r1, c1, r2, c2
        self._sheet._after_write(t.bounds)
        _rebind_charts(t, old_columns)


def _column_bodies(table: TableModel) -> dict[int, tuple[int, int, int, int]]:
    """Sheet column -> data body bounds of that table column."""
    top, c1, bottom, c2 = table.body_bounds
    return {c: (top, c, bottom, c) for c in range(c1, c2 + 1)}


def _rebind_charts(table: TableModel, old_columns) -> None:
    """Excel extends series that span a whole table column when the table resizes."""
    new_columns = _column_bodies(table)
    for sheet in table.sheet.book.sheets:
        for chart in sheet.charts:
            for series in chart.series:
                for attr in ("values_ref", "categories_ref"):
                    ref = getattr(series, attr)
                    if ref is None or ref[0] is not table.sheet:
                        continue
                    col = ref[1][1]
                    if ref[1] == old_columns.get(col) and col in new_columns:
                        setattr(series, attr, (ref[0], new_columns[col]))


# --- charts -------------------------------------------------------------------------------
class Charts(Collection, base_classes.Charts):
    def _items(self):
        return self._sheet._model.charts

    def _wrap(self, model):
        return Chart(self._sheet, model)


class Chart(base_classes.Chart):
    def __init__(self, sheet, model: ChartModel):
        self._sheet = sheet
        self._model = model

    name = model_property("name")

    @property
    def chart_type(self):
        return self._model.chart_type

    title = model_property("title")

    @property
    def series(self):
        return ChartSeriesCollection(self)


class ChartSeriesCollection(base_classes.ChartSeriesCollection):
    def __init__(self, chart):
        self._chart = chart

    def __call__(self, key):
        series = self._chart._model.series
        if not isinstance(key, numbers.Number) or not 1 <= key <= len(series):
            raise IndexError(f"Series index {key!r} out of range ({len(series)} series).")
        return ChartSeries(self._chart, series[key - 1])

    def __len__(self):
        return len(self._chart._model.series)

    def __iter__(self):
        return (ChartSeries(self._chart, s) for s in self._chart._model.series)


class ChartSeries(base_classes.ChartSeries):
    def __init__(self, chart, model: SeriesModel):
        self._chart = chart
        self._model = model

    name = model_property("name")

    @property
    def chart_type(self):
        return self._model.chart_type or self._chart._model.chart_type

    axis_group = model_property("axis_group")
