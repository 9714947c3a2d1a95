"""Call a worksheet function the way xlwings' COM server does, without Excel.

On Windows, ``xlwings.udfs.call_udf`` converts every argument with
``xlwings.conversion.read(None, value, arg_info["options"])`` (omitted arguments become
``arg_info["optional"]``), calls the function, and converts the result with
``xlwings.conversion.write(result, None, ret_info["options"])``. Both pipelines use two
functions of the ``"excel"`` engine – ``clean_value_data`` (which, with ``err_to_str``, turns
COM error codes such as ``-2146826246`` into ``"#N/A"``) and ``prepare_xl_data_element`` –
that live in ``xlwings/_xlwindows.py``, a module that cannot be imported off Windows.

This helper compiles exactly those functions (and the ``cell_errors`` table) from xlwings' own
source file with :mod:`ast`, and registers a minimal engine named ``"excel"`` exposing them, so
the conversion code that runs is xlwings' own, byte for byte.

Public: :data:`COM_ERRORS`, :func:`excel_engine`, :func:`call_like_xlwings`,
:func:`real_udfs`.
"""

from __future__ import annotations

import ast
import datetime as dt
from functools import cache
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import xlwings
import xlwings.conversion as conversion
from xlwings.main import Engine

from xlpareto.xlwings_metadata import load_with_real_decorators

WINDOWS_ENGINE = Path(xlwings.__file__).parent / "_xlwindows.py"

#: "Missing" as pywin32 passes an omitted optional argument to ``call_udf``.
MISSING = -2147352572

_FUNCTIONS = ("_clean_value_data_element", "_com_time_to_datetime")
_METHODS = ("clean_value_data", "prepare_xl_data_element")


def _windows_engine_source() -> dict[str, Any]:
    """``cell_errors`` and the conversion helpers of ``_xlwindows.py``, compiled here."""
    tree = ast.parse(WINDOWS_ENGINE.read_text(encoding="utf-8"))
    picked: list[ast.stmt] = []
    methods: list[ast.stmt] = []
    for node in tree.body:
        is_error_table = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "cell_errors" for t in node.targets
        )
        if is_error_table or (isinstance(node, ast.FunctionDef) and node.name in _FUNCTIONS):
            picked.append(node)
        elif isinstance(node, ast.ClassDef) and node.name == "Engine":
            methods = [
                item
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name in _METHODS
            ]
    found = {getattr(n, "name", "cell_errors") for n in picked} | {m.name for m in methods}
    missing = {"cell_errors", *_FUNCTIONS, *_METHODS} - found
    if missing:
        raise RuntimeError(f"xlwings' _xlwindows.py no longer defines {sorted(missing)}")
    engine_class = ast.ClassDef(
        name="ExcelEngineFunctions",
        bases=[],
        keywords=[],
        body=methods,
        decorator_list=[],
        type_params=[],
    )
    module = ast.Module(body=[*picked, engine_class], type_ignores=[])
    ast.fix_missing_locations(module)

    def no_dates(_value: Any) -> Any:  # results of xlpareto never hold dates
        raise AssertionError("unexpected date in a result")

    namespace: dict[str, Any] = {
        "np": np,
        "pd": pd,
        "dt": dt,
        # pywintypes.TimeType is Windows-only; dates do not occur in these tests.
        "time_types": (dt.date, dt.datetime, np.datetime64),
        "_datetime_to_com_time": no_dates,
    }
    exec(compile(module, str(WINDOWS_ENGINE), "exec"), namespace)
    return namespace


#: COM error codes as pywin32 delivers error cells, by their Excel literal.
COM_ERRORS: dict[str, int] = {
    text: code for code, text in _windows_engine_source()["cell_errors"].items()
}


@cache
def excel_engine() -> Engine:
    """Register (once) and return an ``"excel"`` engine with xlwings' Windows conversions."""
    if "excel" in xlwings.engines.engines_by_name:
        return xlwings.engines["excel"]
    functions = _windows_engine_source()["ExcelEngineFunctions"]
    impl = SimpleNamespace(
        name="excel",
        type="desktop",
        clean_value_data=functions.clean_value_data,
        prepare_xl_data_element=functions.prepare_xl_data_element,
    )
    engine = Engine(impl=impl)
    xlwings.engines.add(engine)
    return engine


@cache
def real_udfs() -> ModuleType:
    """``xlpareto.udfs`` loaded under xlwings' real decorators (carrying ``__xlfunc__``)."""
    return load_with_real_decorators()


def call_like_xlwings(name: str, *raw_args: Any) -> Any:
    """Call worksheet function ``name`` as ``xlwings.udfs.call_udf`` does.

    ``raw_args`` are values as pywin32 delivers them: a cell as a scalar, a range as a tuple of
    row tuples, an error as its COM code (see :data:`COM_ERRORS`), an omitted optional
    argument as :data:`MISSING`. Returns what xlwings hands back to Excel (a list of rows).
    """
    excel_engine()
    func = getattr(real_udfs(), name)
    info = func.__xlfunc__
    args_info = info["args"]
    args = []
    for position, raw in enumerate(raw_args):
        arg_info = args_info[min(position, len(args_info) - 1)]
        if isinstance(raw, int) and raw == MISSING:
            args.append(arg_info.get("optional", None))
        else:
            args.append(conversion.read(None, raw, arg_info["options"]))
    result = func(*args)
    return conversion.write(result, None, info["ret"]["options"])


def column(*values: Any) -> tuple[tuple[Any, ...], ...]:
    """A one-column range as pywin32 delivers it: a tuple of 1-tuples."""
    return tuple((v,) for v in values)


def row(*values: Any) -> tuple[tuple[Any, ...], ...]:
    """A one-row range as pywin32 delivers it: one tuple in a tuple."""
    return (tuple(values),)
