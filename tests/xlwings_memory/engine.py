"""Engine, apps and app state of the in-memory engine (``xlwings.base_classes``)."""

from __future__ import annotations

import datetime as dt
import itertools

from xlwings import base_classes

from .model import Alert, AppState, WorkbookModel
from .workbook import Book, Books

try:
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - both are test dependencies
    np = pd = None

CALCULATION_MODES = ("automatic", "manual", "semiautomatic")
_pids = itertools.count(90_001)


class Engine:
    """The engine object ``xlwings.main.Engine`` wraps (a desktop-type engine)."""

    def __init__(self):
        self.apps = Apps()

    @property
    def name(self):
        return "memory"

    @property
    def type(self):
        # "desktop": xlwings hands scalars and 2-D lists to Range.raw_value as with COM.
        return "desktop"

    @staticmethod
    def prepare_xl_data_element(x, date_format):
        """Like the Windows engine: NaN/None -> "", numpy numbers -> float, pandas dates."""
        kind = type(x)
        if kind is str or kind is int or (kind is float and x == x):
            return x
        if x is None:
            return ""
        if isinstance(x, str):
            return x
        if pd is not None and isinstance(x, pd.Timestamp):
            return None if pd.isna(x) else x.to_pydatetime()
        if np is not None and isinstance(x, np.datetime64):
            return None if np.isnat(x) else pd.Timestamp(x).to_pydatetime()
        if pd is not None and not isinstance(x, (list, tuple)) and pd.isna(x):
            return ""
        if np is not None and isinstance(x, np.bool_):
            return bool(x)
        if np is not None and isinstance(x, np.number):
            return float(x)
        return x

    @staticmethod
    def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
        def clean(value):
            if value is None or value == "":
                return empty_as
            if isinstance(value, dt.datetime) and datetime_builder is not dt.datetime:
                return datetime_builder(
                    year=value.year,
                    month=value.month,
                    day=value.day,
                    hour=value.hour,
                    minute=value.minute,
                    second=value.second,
                    microsecond=value.microsecond,
                    tzinfo=None,
                )
            if number_builder is not None and isinstance(value, float):
                return number_builder(value)
            return value

        if empty_as is None and number_builder is None and datetime_builder is dt.datetime:
            return data  # raw_value already builds fresh lists
        return [[clean(value) for value in row] for row in data]


class Apps(base_classes.Apps):
    def __init__(self):
        self._apps: list[App] = []

    def keys(self):
        return [app.pid for app in self._apps]

    def add(self, spec=None, add_book=None, xl=None, visible=None):
        app = App(self, add_book=add_book is not False)
        self._apps.insert(0, app)
        return app

    def __iter__(self):
        return iter(list(self._apps))

    def __len__(self):
        return len(self._apps)

    def __getitem__(self, pid):
        for app in self._apps:
            if app.pid == pid:
                return app
        raise KeyError(pid)


def _calculation_mode(value):
    if value not in CALCULATION_MODES:
        raise ValueError(f"Invalid calculation mode {value!r}: use one of {CALCULATION_MODES}.")
    return value


def _setting(prop, convert=lambda value: value, remote=False):
    """An app setting kept in ``AppState``; every assignment is added to its history. On a
    remote app a setting that xlwings Server/Lite don't have raises NotImplementedError."""

    def unsupported(self):
        if self._state.remote and not remote:
            raise NotImplementedError(f"App.{prop} is not supported on a remote host.")

    def get(self):
        unsupported(self)
        return getattr(self._state, prop)

    def set_(self, value):
        unsupported(self)
        value = convert(value)
        setattr(self._state, prop, value)
        self._state.history.append((prop, value))

    return property(get, set_, doc=f"The app's {prop} (assignments recorded).")


class App(base_classes.App):
    def __init__(self, apps, add_book=True):
        self._apps = apps
        self._state = AppState(pid=next(_pids))
        self._books = Books(self)
        if add_book:
            self._books.add()

    @property
    def engine(self):
        return engine

    def activate(self, steal_focus=False):
        self._apps._apps.remove(self)
        self._apps._apps.insert(0, self)

    visible = _setting("visible", bool, remote=True)

    def quit(self):
        self.kill()

    def kill(self):
        if self in self._apps._apps:
            self._apps._apps.remove(self)

    screen_updating = _setting("screen_updating", bool)

    enable_events = _setting("enable_events", bool)

    calculation = _setting("calculation", _calculation_mode)

    @property
    def books(self):
        return self._books

    @property
    def pid(self):
        return self._state.pid

    status_bar = _setting("status_bar")

    def alert(self, prompt, title, buttons, mode, callback):
        if not isinstance(prompt, str):
            raise TypeError("The alert prompt must be a string.")
        self._state.alerts.append(Alert(prompt, title, buttons, mode))
        return "ok" if buttons in (None, "ok", "ok_cancel") else "yes"


engine = Engine()


def book_from_model(model: WorkbookModel, remote: bool = False) -> Book:
    """Attach a workbook model to a new app of the engine and return the Book impl;
    ``remote``: the app behaves like xlwings Server/Lite (see :class:`AppState`)."""
    app = engine.apps.add(add_book=False)
    app._state.remote = remote
    return app.books._attach(model)


def reset() -> None:
    """Close every app of the engine."""
    engine.apps._apps.clear()
