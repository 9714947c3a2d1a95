"""Excel's application state during a refresh: status bar, screen updating, calculation.

Everything is set through xlwings' portable ``App`` properties and restored in ``finally``
blocks, so an error never leaves Excel frozen or in manual calculation. Hosts that don't
have a setting (xlwings Lite / Server raise ``NotImplementedError``) are simply skipped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import xlwings as xw

STATUS_PREFIX = "xlpareto: "


def _get(app: xw.App, prop: str) -> tuple[bool, Any]:
    try:
        return True, getattr(app, prop)
    except NotImplementedError:
        return False, None


def _set(app: xw.App, prop: str, value: Any) -> None:
    with contextlib.suppress(NotImplementedError):
        setattr(app, prop, value)


class Progress:
    """Shows what the refresh is doing on the status bar (restored by :func:`status_bar`)."""

    def __init__(self, app: xw.App | None) -> None:
        self._app = app

    def show(self, text: str) -> None:
        """Put ``xlpareto: <text>`` on the status bar."""
        if self._app is not None:
            _set(self._app, "status_bar", STATUS_PREFIX + text)


@contextlib.contextmanager
def status_bar(app: xw.App) -> Iterator[Progress]:
    """Hand out a :class:`Progress`; give the status bar back as it was afterwards."""
    known, previous = _get(app, "status_bar")
    try:
        yield Progress(app if known else None)
    finally:
        if known:
            # False hands the status bar back to Excel (its default messages)
            _set(app, "status_bar", previous if previous else False)


@contextlib.contextmanager
def quiet_writing(app: xw.App) -> Iterator[None]:
    """Screen updating, events and automatic calculation off while writing; all restored.

    Events are off so that a user's ``Worksheet_Change`` handler doesn't run once per write.
    """
    saved = []
    try:
        for prop, value in (
            ("screen_updating", False),
            ("enable_events", False),
            ("calculation", "manual"),
        ):
            known, previous = _get(app, prop)
            if known:
                saved.append((prop, previous))
                _set(app, prop, value)
        yield
    finally:
        for prop, previous in reversed(saved):
            _set(app, prop, previous)
