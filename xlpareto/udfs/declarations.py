"""What every worksheet function declares: its category, how range arguments are read, and
the argument help texts shared by several functions.

Range arguments are declared with ``ndim=2`` (so a column stays a column and the result keeps
the input's orientation) and ``err_to_str=True`` (so an Excel error in the range arrives as
its literal, e.g. ``"#N/A"``, and is reported instead of being read as a number).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.engine.tiers import DEFAULT_CUTOFFS

CATEGORY = "xlpareto"
RANGE = {"ndim": 2, "err_to_str": True}
#: Where each worksheet function keeps its argument declarations (name -> xlwings options),
#: so that :mod:`xlpareto.lite` declares the same arguments to xlwings Lite.
ARGUMENTS_ATTRIBUTE = "__xlpareto_arguments__"

_F = TypeVar("_F", bound=Callable[..., Any])


def worksheet_function(function: _F) -> _F:
    """Declare a worksheet function in the ``xlpareto`` category (xlwings' ``func``)."""
    return xw.func(category=CATEGORY)(function)


def argument(name: str, **options: Any) -> Callable[[_F], _F]:
    """Declare one argument with xlwings' ``arg`` (e.g. ``doc=…, **RANGE``), and record the
    same declaration on the function for xlwings Lite (:data:`ARGUMENTS_ATTRIBUTE`)."""

    def declare(function: _F) -> _F:
        arguments = function.__dict__.setdefault(ARGUMENTS_ATTRIBUTE, {})
        arguments[name] = dict(options)
        return xw.arg(name, **options)(function)

    return declare


def declared_arguments(function: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    """A worksheet function's argument declarations, in signature order."""
    import inspect

    arguments = getattr(function, ARGUMENTS_ATTRIBUTE, {})
    return {name: arguments[name] for name in inspect.signature(function).parameters}


DOC_REVENUE = "A revenue, or a range of revenues (then one result per cell)."
DOC_REVENUES = "The client revenues to compare with. Omit to use 'revenue' itself."
DOC_CUTOFFS = (
    f"Cumulative-share cutoffs, e.g. {{{','.join(f'{c:g}' for c in DEFAULT_CUTOFFS)}}} "
    '(default), or "computed".'
)
DOC_UNIT = f"Smallest money unit (default {DEFAULT_UNIT:g})."
DOC_LABELS = "Tier labels, one more than cutoffs (default A, B, C)."
DOC_BEFORE = "Revenues of the prior period, one per client row."
DOC_AFTER = "Revenues of the current period, the same client rows."
DOC_CLIENT_REVENUES = "Client revenues (this period), one per client row."
DOC_COSTS = "Cost to serve each client, one per client row (blank = 0)."
DOC_HOURS = "Hours spent on each client, one per client row (blank = 0)."
DOC_HOURLY_COST = "Cost of one hour; needed when hours are given."
DOC_EXPECTED = "Expected revenue of each prospect (a year's revenue if won)."
DOC_FIT = "Fit of each prospect to the ready-made offer, 0 to 1."
DOC_PROBABILITY = "Chance to win each prospect, 0 to 1 (blank = 1)."
