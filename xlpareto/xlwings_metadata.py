"""xlwings' real UDF metadata on any platform.

On Windows, ``xw.func``/``xw.arg`` record each function's ``__xlfunc__`` metadata (arguments,
conversion options, docs); that is what Excel's *Import Functions* turns into VBA wrappers
and what ``xlwings.udfs.call_udf`` uses to convert arguments. Off Windows those decorators are
no-ops, because ``xlwings.udfs`` imports the Windows-only modules ``pythoncom``,
``pywintypes`` and ``win32com``. This module imports ``xlwings.udfs`` with those three
stubbed (nothing from them runs at import time) and loads a fresh copy of a UDF module under
the real decorators. The builder uses it to generate the VBA wrappers exactly as xlwings
does; the tests use it to call every function through xlwings' converters.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

import xlwings

from xlpareto.layout import UDF_MODULE

_WINDOWS_ONLY = ("pythoncom", "pywintypes", "win32com", "win32com.client")


def _unavailable(*_args: object, **_kwargs: object) -> None:
    raise OSError("COM is not available on this platform")


class _StubModule(types.ModuleType):
    """A Windows-only module: every attribute is a function that raises when called."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return _unavailable


def _stub_modules() -> dict[str, ModuleType]:
    stubs = {name: _StubModule(name) for name in _WINDOWS_ONLY}
    stubs["win32com"].client = stubs["win32com.client"]  # type: ignore[attr-defined]
    return stubs


@contextmanager
def _windows_stubs() -> Iterator[None]:
    saved = {name: sys.modules.get(name) for name in _WINDOWS_ONLY}
    for name, module in _stub_modules().items():
        sys.modules.setdefault(name, module)
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)


def xlwings_udfs() -> ModuleType:
    """The real ``xlwings.udfs`` module (imported with the Windows-only modules stubbed)."""
    if "xlwings.udfs" in sys.modules:
        return sys.modules["xlwings.udfs"]
    with _windows_stubs():
        return importlib.import_module("xlwings.udfs")


def load_with_real_decorators(module_name: str = UDF_MODULE) -> ModuleType:
    """A fresh copy of ``module_name`` whose functions carry xlwings' ``__xlfunc__``.

    A package (``xlpareto.udfs``) is loaded fresh with its submodules, so the functions it
    re-exports carry the metadata too; the copies already imported stay as they were.
    """
    udfs = xlwings_udfs()
    if importlib.util.find_spec(module_name) is None:
        raise ImportError(f"cannot find module {module_name}")
    ours = [n for n in sys.modules if n == module_name or n.startswith(module_name + ".")]
    saved_modules = {name: sys.modules.pop(name) for name in ours}
    parent_name, _, child = module_name.rpartition(".")
    parent = sys.modules.get(parent_name) if parent_name else None
    missing = object()
    saved_attribute = getattr(parent, child, missing) if parent is not None else missing
    saved = (xlwings.func, xlwings.arg, xlwings.ret)
    xlwings.func, xlwings.arg, xlwings.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
    try:
        module = importlib.import_module(module_name)
    finally:
        xlwings.func, xlwings.arg, xlwings.ret = saved
        for name in [n for n in sys.modules if n == module_name or n.startswith(module_name + ".")]:
            del sys.modules[name]
        sys.modules.update(saved_modules)
        if parent is not None:
            if saved_attribute is missing:
                delattr(parent, child)
            else:
                setattr(parent, child, saved_attribute)
    return module


class _WorkbookName:
    """The one attribute ``generate_vba_wrapper`` reads from the workbook: its file name."""

    def __init__(self, name: str) -> None:
        self.Name = name


def vba_wrapper_source(module_name: str = UDF_MODULE, workbook_name: str = "book.xlsm") -> str:
    """The VBA wrappers xlwings' *Import Functions* would generate for ``module_name``."""
    module = load_with_real_decorators(module_name)
    buffer = io.StringIO()
    xlwings_udfs().generate_vba_wrapper(module_name, module, buffer, _WorkbookName(workbook_name))
    return buffer.getvalue()
