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

from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from xlpareto import macros, udfs

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


def _like(udf: Callable[..., Any]) -> Callable[[_F], _F]:
    """Give a Lite function the docstring of its :mod:`xlpareto.udfs` twin (Lite's help)."""

    def inner(f: _F) -> _F:
        f.__doc__ = udf.__doc__
        return f

    return inner


def _range(name: str, doc: str) -> Callable[[_F], _F]:
    """A range argument, declared like the udfs' (2-D list, Excel errors as text)."""
    return arg(name, doc=doc, **udfs.RANGE)


# --- worksheet functions ------------------------------------------------------------------
@func
@_range("revenue", udfs.DOC_REVENUE)
@_range("revenues", udfs.DOC_REVENUES)
@_range("cutoffs", udfs.DOC_CUTOFFS)
@_range("labels", udfs.DOC_LABELS)
@_like(udfs.PARETO_TIER)
def PARETO_TIER(revenue: Any, revenues: Any = None, cutoffs: Any = None, labels: Any = None) -> Any:
    return udfs.PARETO_TIER(revenue, revenues, cutoffs, labels)


@func
@_range("revenue", udfs.DOC_REVENUE)
@_range("revenues", udfs.DOC_REVENUES)
@_like(udfs.PARETO_SHARE)
def PARETO_SHARE(revenue: Any, revenues: Any = None) -> Any:
    return udfs.PARETO_SHARE(revenue, revenues)


@func
@_range("revenue", udfs.DOC_REVENUE)
@_range("revenues", udfs.DOC_REVENUES)
@_like(udfs.PARETO_RANK)
def PARETO_RANK(revenue: Any, revenues: Any = None) -> Any:
    return udfs.PARETO_RANK(revenue, revenues)


@func
@_range("revenue", udfs.DOC_REVENUE)
@_range("revenues", udfs.DOC_REVENUES)
@_range("cutoffs", udfs.DOC_CUTOFFS)
@_like(udfs.PARETO_GAP)
def PARETO_GAP(revenue: Any, revenues: Any = None, cutoffs: Any = None) -> Any:
    return udfs.PARETO_GAP(revenue, revenues, cutoffs)


@func
@_range("clients", "Client names, one per revenue.")
@_range("revenues", "Client revenues.")
@_range("cutoffs", udfs.DOC_CUTOFFS)
@_range("labels", udfs.DOC_LABELS)
@_range("budget", "Optional budget to split over the clients by tier.")
@_range("core_share", "Share of the budget for existing clients (default 0.8).")
@_like(udfs.PARETO_TABLE)
def PARETO_TABLE(
    clients: Any,
    revenues: Any,
    cutoffs: Any = None,
    labels: Any = None,
    budget: Any = None,
    core_share: Any = None,
) -> Any:
    return udfs.PARETO_TABLE(clients, revenues, cutoffs, labels, budget, core_share)


@func
@_range("revenues", "Client revenues.")
@_range("cutoffs", udfs.DOC_CUTOFFS)
@_range("labels", udfs.DOC_LABELS)
@_like(udfs.PARETO_SUMMARY)
def PARETO_SUMMARY(revenues: Any, cutoffs: Any = None, labels: Any = None) -> Any:
    return udfs.PARETO_SUMMARY(revenues, cutoffs, labels)


@func
@_range("revenues", "Client revenues.")
@_range("fraction", "Fraction of top clients (default 0.2 = top 20 %).")
@_like(udfs.PARETO_TOP_SHARE)
def PARETO_TOP_SHARE(revenues: Any, fraction: Any = None) -> float:
    return udfs.PARETO_TOP_SHARE(revenues, fraction)


@func
@_range("revenues", "Client revenues.")
@_like(udfs.PARETO_RATIO)
def PARETO_RATIO(revenues: Any) -> float:
    return udfs.PARETO_RATIO(revenues)


@func
@_range("revenues", "Client revenues.")
@_like(udfs.PARETO_GINI)
def PARETO_GINI(revenues: Any) -> float:
    return udfs.PARETO_GINI(revenues)


@func
@_range("revenues", "Client revenues.")
@_like(udfs.PARETO_HHI)
def PARETO_HHI(revenues: Any) -> float:
    return udfs.PARETO_HHI(revenues)


@func
@_range("before", "Revenues of the earlier period, one per client row.")
@_range("after", "Revenues of the later period, same client rows.")
@_range("cutoffs", udfs.DOC_CUTOFFS)
@_range("labels", udfs.DOC_LABELS)
@_like(udfs.PARETO_MIGRATION)
def PARETO_MIGRATION(before: Any, after: Any, cutoffs: Any = None, labels: Any = None) -> Any:
    return udfs.PARETO_MIGRATION(before, after, cutoffs, labels)


@func
@_range("total", "Amount to split (a multiple of unit).")
@_range("weights", "Weights, one per part (≥ 0).")
@_range("unit", "Smallest money unit (default 0.01).")
@_like(udfs.BUDGET_SPLIT)
def BUDGET_SPLIT(total: Any, weights: Any, unit: Any = None) -> Any:
    return udfs.BUDGET_SPLIT(total, weights, unit)


@func
@_range("total", "Sales and marketing budget to split.")
@_range("revenues", "Client revenues.")
@_range("core_share", "Share for existing clients (default 0.8); rest: new business.")
@_range("cutoffs", udfs.DOC_CUTOFFS)
@_range("labels", udfs.DOC_LABELS)
@_range("unit", "Smallest money unit (default 0.01).")
@_like(udfs.PARETO_BUDGET)
def PARETO_BUDGET(
    total: Any,
    revenues: Any,
    core_share: Any = None,
    cutoffs: Any = None,
    labels: Any = None,
    unit: Any = None,
) -> Any:
    return udfs.PARETO_BUDGET(total, revenues, core_share, cutoffs, labels, unit)


# --- scripts (the ribbon's buttons) -------------------------------------------------------
@script
def refresh_analysis(book: xw.Book) -> None:
    """Refresh analysis: rebuild the Analysis sheet from the Clients table and the Settings."""
    macros.refresh(book)


@script
def clear_analysis(book: xw.Book) -> None:
    """Clear analysis: empty the Analysis sheet's table, summary and stamp."""
    macros.clear_analysis(book)


#: the worksheet functions, in the order of :mod:`xlpareto.udfs`
FUNCTIONS = tuple(udfs.__all__)
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
