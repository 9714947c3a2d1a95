"""Worksheet functions of the prospects' plan (SPEC section 10).

A prospect row counts when its expected revenue is a number; then its fit must be a number
in [0, 1] and its probability blank or a number in [0, 1].
"""

from __future__ import annotations

from typing import Any

import numpy as np

from xlpareto.conversion import (
    Cells,
    read_rows,
    read_scalar_number,
    require_numbers,
    scatter,
    values_of,
)
from xlpareto.engine.prospects import DEFAULT_MIN_FIT, prospect_budget, prospect_scores
from xlpareto.engine.splits import DEFAULT_UNIT
from xlpareto.udfs.declarations import (
    DOC_EXPECTED,
    DOC_FIT,
    DOC_PROBABILITY,
    DOC_UNIT,
    RANGE,
    argument,
    worksheet_function,
)


def _prospect_rows(
    expected: Any, fit: Any, probability: Any
) -> tuple[Cells, np.ndarray, np.ndarray, np.ndarray | None]:
    """The ``expected`` cells (for the result's shape) and the three engine inputs."""
    arguments = {"expected": expected, "fit": fit, "probability": probability}
    rows = read_rows(arguments, optional=("probability",))
    cells = rows["expected"]
    assert cells is not None and rows["fit"] is not None
    for name in ("fit", "probability"):
        require_numbers(arguments[name], rows[name], name, cells.counted)
    return cells, cells.values, rows["fit"].values, values_of(rows["probability"])


def _shaped(results: np.ndarray, cells: Cells) -> Any:
    if cells.is_scalar and not cells.counted[0]:
        return ""
    return scatter(results[cells.counted], cells)


@worksheet_function
@argument("expected", doc=DOC_EXPECTED, **RANGE)
@argument("fit", doc=DOC_FIT, **RANGE)
@argument("probability", doc=DOC_PROBABILITY, **RANGE)
def PROSPECT_SCORE(expected: Any, fit: Any, probability: Any = None) -> Any:
    """Prospect score: expected revenue × fit × probability, per prospect."""
    cells, *inputs = _prospect_rows(expected, fit, probability)
    return _shaped(prospect_scores(*inputs), cells)


@worksheet_function
@argument("total", doc="New-business budget to split (a multiple of unit).", **RANGE)
@argument("expected", doc=DOC_EXPECTED, **RANGE)
@argument("fit", doc=DOC_FIT, **RANGE)
@argument("probability", doc=DOC_PROBABILITY, **RANGE)
@argument(
    "min_fit",
    doc=f"Prospects with a lower fit get no money (default {DEFAULT_MIN_FIT:g}).",
    **RANGE,
)
@argument("unit", doc=DOC_UNIT, **RANGE)
def PROSPECT_BUDGET(
    total: Any,
    expected: Any,
    fit: Any,
    probability: Any = None,
    min_fit: Any = None,
    unit: Any = None,
) -> Any:
    """New-business budget per prospect: split by score over the prospects that fit the
    offer well enough; exact to the unit."""
    amount = read_scalar_number(total, "total")
    cells, *inputs = _prospect_rows(expected, fit, probability)
    budget = prospect_budget(
        amount,
        *inputs,
        read_scalar_number(min_fit, "min_fit", DEFAULT_MIN_FIT),
        read_scalar_number(unit, "unit", DEFAULT_UNIT),
    )
    return _shaped(budget, cells)
