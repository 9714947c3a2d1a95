"""The worksheet functions and the ribbon actions for xlwings Lite (Excel on the web, Mac,
Windows – Python runs inside the add-in, via Pyodide).

Each ``@func`` delegates to the function of the same name in :mod:`xlpareto.udfs` (same
name, arguments, docstring – Lite shows it as the function's help – and behaviour); each
``@script`` calls the portable ribbon function of :mod:`xlpareto.macros` with the book
Lite passes. There is no second implementation. ``xlpareto lite`` writes the ``main.py``
that imports these into the Lite editor.

Arguments are declared as in :mod:`xlpareto.udfs`: every range as a 2-D list
(``ndim=2``, so a column stays a column and a result keeps its input's orientation) with
Excel errors as their text (``err_to_str=True``, so ``#N/A`` in a range is reported, not
read as a number). Results need no converter: a list of lists spills, a number fills one
cell.

Examples
--------
>>> PARETO_TIER([[50], [30], [10], [5], [5]])
[['A'], ['A'], ['B'], ['B'], ['B']]
>>> PARETO_TIER.__doc__ == udfs.PARETO_TIER.__doc__
True
>>> xlfunc(PARETO_TIER)["args"]["revenue"]["ndim"]
2
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from xlpareto import macros, udfs
from xlpareto.udfs.declarations import declared_arguments

_F = TypeVar("_F", bound=Callable[..., Any])


def _records_metadata() -> bool:
    """True if xlwings' ``func`` is a real one (xlwings Lite/Server, or Windows): those come
    from other modules; the open package's stand-ins are defined in ``xlwings`` itself."""
    return getattr(xw.func, "__module__", "xlwings") != "xlwings"


# --- the decorators -----------------------------------------------------------------------
# In xlwings Lite, ``from xlwings import func, script, arg, ret`` gives the real decorators
# (they record ``__xlfunc__``/``__xlscript__`` metadata that the add-in registers). The open
# package installed here (Linux, macOS, no xlwings Server) defines the same four names as
# decorators that return the function unchanged – they record nothing, so this module could
# not be tested. Only then the shim below is used: it records the declarations and nothing
# else (no conversion, no registration), so tests can check what Lite would be told.
if _records_metadata():  # pragma: no cover - xlwings Lite, xlwings Server or Windows
    from xlwings import arg, func, ret, script
else:

    def _meta(function: Callable) -> dict[str, Any]:
        meta = function.__dict__.setdefault("__xlfunc__", {"args": {}, "ret": {}})
        return meta

    def func(function: _F | None = None, **options: Any) -> Any:  # type: ignore[no-redef]
        """Record a worksheet function (its options and docstring)."""

        def inner(f: _F) -> _F:
            _meta(f).update(name=f.__name__, options=options, doc=f.__doc__)
            return f

        return inner if function is None else inner(function)

    def arg(name: str, convert: Any = None, **options: Any) -> Callable[[_F], _F]:  # type: ignore[no-redef]
        """Record one argument's converter and options."""

        def inner(f: _F) -> _F:
            declared = dict(options) if convert is None else {"convert": convert, **options}
            _meta(f)["args"][name] = declared
            return f

        return inner

    def ret(convert: Any = None, **options: Any) -> Callable[[_F], _F]:  # type: ignore[no-redef]
        """Record the result's converter and options."""

        def inner(f: _F) -> _F:
            _meta(f)["ret"] = dict(options) if convert is None else {"convert": convert, **options}
            return f

        return inner

    def script(function: _F | None = None, **options: Any) -> Any:  # type: ignore[no-redef]
        """Record a script (its options and docstring)."""

        def inner(f: _F) -> _F:
            f.__dict__["__xlscript__"] = {"name": f.__name__, "options": options, "doc": f.__doc__}
            return f

        return inner if function is None else inner(function)


def xlfunc(function: Callable) -> dict[str, Any]:
    """The metadata a worksheet function of this module carries (``__xlfunc__``)."""
    return function.__xlfunc__  # type: ignore[attr-defined]


def _lite_function(udf: Callable[..., Any]) -> Callable[..., Any]:
    """The xlwings Lite twin of a worksheet function: the same name, signature and docstring
    (Lite's help), the same argument declarations (read from the udf, so both stay one
    declaration), and a body that calls the udf."""

    def twin(*args: Any, **kwargs: Any) -> Any:
        return getattr(udfs, udf.__name__)(*args, **kwargs)  # looked up at call time

    functools.update_wrapper(twin, udf, updated=())  # name, doc, signature; not __dict__
    twin.__module__ = __name__
    for name, options in reversed(declared_arguments(udf).items()):
        twin = arg(name, **options)(twin)
    return func(twin)


# --- worksheet functions: every function of xlpareto.udfs ---------------------------------
#: the worksheet functions, in the order of :mod:`xlpareto.udfs`
FUNCTIONS = tuple(udfs.__all__)
globals().update({name: _lite_function(getattr(udfs, name)) for name in FUNCTIONS})


# --- scripts (the ribbon's buttons) -------------------------------------------------------
@script
def refresh_analysis(book: xw.Book) -> None:
    """Refresh analysis: rebuild the Analysis sheet from the Clients table and the Settings."""
    macros.refresh(book)


@script
def clear_analysis(book: xw.Book) -> None:
    """Clear analysis: empty the Analysis sheet's table, summary and stamp."""
    macros.clear_analysis(book)


#: the scripts, as Lite lists them
SCRIPTS = ("refresh_analysis", "clear_analysis")

__all__ = [*FUNCTIONS, *SCRIPTS]


# --- the files a user pastes into the xlwings Lite editor ---------------------------------
MAIN_PY_HEADER = '''"""xlpareto in xlwings Lite: Pareto (80/20) client analysis.

Worksheet functions: =PARETO_TIER(...), =PARETO_SUMMARY(...) and the rest, as in the
xlpareto workbook's Dashboard. Scripts: refresh_analysis (the ribbon's Refresh analysis)
and clear_analysis. Written by `xlpareto lite`; the code lives in the xlpareto package
(requirements.txt), this file only imports it so that xlwings Lite registers it.
"""

'''


def main_py() -> str:
    """The ``main.py`` for the xlwings Lite editor: imports every function and script."""
    names = "".join(f"    {name},\n" for name in sorted(__all__))
    return (
        MAIN_PY_HEADER
        + "from xlpareto.lite import (  # noqa: F401 - imported to be registered by Lite\n"
        + names
        + ")\n"
    )


def requirements_txt(package: str | None = None) -> str:
    """The ``requirements.txt``: xlwings pinned as xlpareto pins it, and xlpareto itself.

    Parameters
    ----------
    package : how to name xlpareto: a requirement (default ``xlpareto==<this version>``) or
        the URL of a wheel you host (the server must allow CORS requests from Excel).
    """
    import xlpareto

    return (
        "# xlwings Lite installs these; numpy and pandas come with Pyodide (not pinned)\n"
        f"xlwings=={xw.__version__}\n"
        "numpy\n"
        "pandas\n"
        f"{package or f'xlpareto=={xlpareto.__version__}'}\n"
    )
