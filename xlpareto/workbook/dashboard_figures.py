"""The Dashboard's v2 key figures – growth, profit, pipeline – beside the v1 key figures.

A second column of key figures (labels in column D, values in column G, the rows of the v1
key figures): NRR and GRR over ``Clients[Revenue prior]`` and ``Clients[Revenue]``; the whale
peak and the loss makers over ``Clients[Cost to serve]`` (and ``Clients[Hours]`` with
``HourlyCost``) when the Clients data has costs; the weighted pipeline, the new-business
budget and the prospects it funds over the ``Prospects`` table when there are prospects. A
formula that names a table column which does not exist is an error in Excel, so a figure is
only written when the data it is built with has its columns.

Every formula is a live formula through the worksheet functions, stored with the value those
functions give for the data and the default settings (an error's message where they fail, as
the cell would show it). Formulas that compute over arrays inside the cell are stored as
dynamic-array formulas, so Excel 365 does not add an implicit ``@``.

Examples
--------
>>> import pandas as pd
>>> clients = pd.DataFrame({"Client": ["a", "b"], "Revenue": [120.0, 30.0],
...                         "Revenue prior": [100.0, 50.0], "Cost to serve": [20.0, 40.0]})
>>> figures = key_figures(clients)
>>> for figure in figures:
...     print(f"{figure.label}: {figure.value:.4g}")
Net revenue retention (NRR): 1
Gross revenue retention (GRR): 0.8667
Whale peak (top clients' share of profit): 1.111
Loss makers (cost more than they bring): 1
>>> figures[2].formula
'=PARETO_WHALE_PEAK(Clients[Revenue],Clients[Cost to serve])'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.worksheet import Worksheet

from xlpareto import layout, udfs
from xlpareto.engine.budget import NEW_BUSINESS  # the row whose Budget the prospects share
from xlpareto.errors import XlparetoError
from xlpareto.layout.inputs import CLIENTS, PROSPECTS, InputTable
from xlpareto.workbook.formats import Formats
from xlpareto.workbook.input_sheet import input_frame

TITLE = "Growth, profit and pipeline"
LABEL_COLUMN = 3  # D: the label runs over E and F
VALUE_COLUMN = 6  # G
BUDGET_COLUMN = 4  # E: Budget in the budget table


def _reference(table: InputTable, role: str) -> str:
    return f"{table.name}[{table.column(role).header}]"


REVENUES = _reference(CLIENTS, "revenue")
PRIOR = _reference(CLIENTS, "prior")
COSTS = _reference(CLIENTS, "cost")
HOURS = _reference(CLIENTS, "hours")
EXPECTED = _reference(PROSPECTS, "expected")
FIT = _reference(PROSPECTS, "fit")
PROBABILITY = _reference(PROSPECTS, "probability")
REVENUE_HEADER = CLIENTS.column("revenue").header
PRIOR_HEADER = CLIENTS.column("prior").header
COST_HEADER = CLIENTS.column("cost").header
HOURS_HEADER = CLIENTS.column("hours").header


@dataclass(frozen=True)
class KeyFigure:
    """One v2 key figure: label, live formula, cached value, number format.

    ``dynamic`` marks a formula that computes over arrays inside the cell (stored as a
    dynamic-array formula).
    """

    label: str
    formula: str
    value: Any
    number_format: str
    dynamic: bool = False


def _column(frame: pd.DataFrame, header: str) -> list[list[Any]]:
    """A frame column as a worksheet range (one-cell rows, blanks as None)."""
    series = frame[header]
    values = series.astype(object).where(series.notna(), None).tolist()
    return [[v.item() if isinstance(v, np.generic) else v] for v in values]


def _cached(compute: Callable[[], Any]) -> Any:
    """What the cell shows: the function's value, or its error message (as xlwings shows)."""
    try:
        return compute()
    except XlparetoError as error:
        return str(error)


def _growth(clients: pd.DataFrame) -> list[KeyFigure]:
    prior, revenues = _column(clients, PRIOR_HEADER), _column(clients, REVENUE_HEADER)
    return [
        KeyFigure(
            "Net revenue retention (NRR)",
            f"=PARETO_NRR({PRIOR},{REVENUES})",
            _cached(lambda: udfs.PARETO_NRR(prior, revenues)),
            layout.PERCENT_FORMAT,
        ),
        KeyFigure(
            "Gross revenue retention (GRR)",
            f"=PARETO_GRR({PRIOR},{REVENUES})",
            _cached(lambda: udfs.PARETO_GRR(prior, revenues)),
            layout.PERCENT_FORMAT,
        ),
    ]


def _profit(clients: pd.DataFrame) -> list[KeyFigure]:
    revenues, costs = _column(clients, REVENUE_HEADER), _column(clients, COST_HEADER)
    arguments: list[Any] = [revenues, costs]
    references = [REVENUES, COSTS]
    if HOURS_HEADER in clients.columns:
        arguments += [_column(clients, HOURS_HEADER), layout.HOURLY_COST.default]
        references += [HOURS, layout.HOURLY_COST.name]
    inputs = ",".join(references)
    return [
        KeyFigure(
            "Whale peak (top clients' share of profit)",
            f"=PARETO_WHALE_PEAK({inputs})",
            _cached(lambda: udfs.PARETO_WHALE_PEAK(*arguments)),
            layout.PERCENT_FORMAT,
        ),
        KeyFigure(
            "Loss makers (cost more than they bring)",
            f"=PARETO_LOSS_MAKERS({inputs})",
            _cached(lambda: udfs.PARETO_LOSS_MAKERS(*arguments)),
            layout.INTEGER_FORMAT,
        ),
    ]


def _numbers(result: Any) -> list[float]:
    """The numbers of a worksheet function's array result (blanks ``""`` left out)."""
    return [v for row in result for v in row if not isinstance(v, str)]


def _pipeline(
    prospects: pd.DataFrame, budget_lookup: str, new_business: Any, budget_cell: str
) -> list[KeyFigure]:
    """Weighted pipeline, the new-business budget (``budget_lookup``, cached
    ``new_business``; in ``budget_cell``) and the prospects it funds."""
    frame = input_frame(PROSPECTS, prospects)
    expected = _column(frame, PROSPECTS.column("expected").header)
    fit = _column(frame, PROSPECTS.column("fit").header)
    probability = _column(frame, PROSPECTS.column("probability").header)
    ones = [[1] for _ in expected]  # SIGN(ROW(...)): a 1 for every prospect row
    settings = f"{layout.MIN_FIT.name},{layout.BUDGET_UNIT.name}"
    funded = (
        f"=SUMPRODUCT(--ISNUMBER({EXPECTED}),"
        f"--(PROSPECT_BUDGET({budget_cell},{EXPECTED},{FIT},{PROBABILITY},{settings})>0))"
    )

    def count_funded() -> Any:
        if isinstance(new_business, str):
            raise XlparetoError("total: a number is required")
        budget = udfs.PROSPECT_BUDGET(
            new_business,
            expected,
            fit,
            probability,
            layout.MIN_FIT.default,
            layout.BUDGET_UNIT.default,
        )
        return sum(v > 0 for v in _numbers(budget))

    return [
        KeyFigure(
            "Weighted pipeline (expected x probability)",
            f"=SUM(PROSPECT_SCORE({EXPECTED},SIGN(ROW({EXPECTED})),{PROBABILITY}))",
            _cached(lambda: sum(_numbers(udfs.PROSPECT_SCORE(expected, ones, probability)))),
            layout.CURRENCY_FORMAT,
            dynamic=True,
        ),
        KeyFigure(
            "New-business budget (from the budget split)",
            budget_lookup,
            new_business,
            layout.CURRENCY_FORMAT,
        ),
        KeyFigure(
            "Prospects funded (fit at least MinFit)",
            funded,
            _cached(count_funded),
            layout.INTEGER_FORMAT,
            dynamic=True,
        ),
    ]


def _cell(row: int, col: int) -> str:
    return f"${chr(ord('A') + col)}${row + 1}"


def key_figures(
    clients: pd.DataFrame,
    prospects: pd.DataFrame | None = None,
    budget_rows: list[list[Any]] | None = None,
    budget_top: int = 0,
    top: int = 0,
) -> list[KeyFigure]:
    """The v2 key figures the data has columns for, in sheet order.

    Parameters
    ----------
    clients : the Clients frame the workbook is built with (its columns decide the figures).
    prospects : the Prospects rows, or None (then no pipeline figures).
    budget_rows : the Dashboard's budget table as cached (header first), to look up the
        New business budget; ``budget_top`` is its zero-based header row on the sheet.
    top : zero-based row of the first figure (to refer to the budget figure's own cell).
    """
    figures = _growth(clients)
    if COST_HEADER in clients.columns:
        figures += _profit(clients)
    if prospects is not None and len(prospects):
        rows = budget_rows or [[]]
        first, last = budget_top + 1, budget_top + max(len(rows) - 1, 1)
        segments = f"{_cell(first, 0)}:{_cell(last, 0)}"
        budgets = f"{_cell(first, BUDGET_COLUMN)}:{_cell(last, BUDGET_COLUMN)}"
        lookup = f'=INDEX({budgets},MATCH("{NEW_BUSINESS}",{segments},0))'
        new_business = next((r[BUDGET_COLUMN] for r in rows[1:] if r[0] == NEW_BUSINESS), "")
        budget_cell = _cell(top + len(figures) + 1, VALUE_COLUMN)  # the pipeline's 2nd row
        figures += _pipeline(prospects, lookup, new_business, budget_cell)
    return figures


def write_key_figures(
    sheet: Worksheet,
    top: int,
    figures: list[KeyFigure],
    formats: Formats,
    formula: Callable[[KeyFigure], str] = lambda figure: figure.formula,
) -> None:
    """Write the block: its title one row above ``top``, then one figure per row.

    ``formula`` gives the formula a figure's cell gets (the Dashboard wraps the live one in
    its fallback to the last refresh's figure).
    """
    sheet.write_string(top - 1, LABEL_COLUMN, TITLE, formats.subtitle)
    for offset, figure in enumerate(figures):
        row = top + offset
        sheet.write_string(row, LABEL_COLUMN, figure.label)
        number_format = formats.figure(figure.number_format)
        if figure.dynamic:
            sheet.write_dynamic_array_formula(
                row, VALUE_COLUMN, row, VALUE_COLUMN, formula(figure), number_format, figure.value
            )
        else:
            sheet.write_formula(row, VALUE_COLUMN, formula(figure), number_format, figure.value)
