"""Worksheet functions of profitability: profit, the whale curve, loss makers (SPEC section 9).

A row counts when its revenue is a number; in a counted row, ``costs`` and ``hours`` must be
numbers or blank (blank = 0). ``hourly_cost`` is needed when ``hours`` holds a number.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from xlpareto.conversion import (
    check_sum_fits,
    frame_rows,
    read_optional_number,
    read_rows,
    read_texts,
    require_numbers,
    scatter,
    values_of,
)
from xlpareto.engine.profit import client_profits, loss_maker_count, whale_peak, whale_table
from xlpareto.udfs.declarations import (
    DOC_CLIENT_REVENUES,
    DOC_COSTS,
    DOC_HOURLY_COST,
    DOC_HOURS,
    RANGE,
    argument,
    worksheet_function,
)


def _cost_rows(
    arguments: dict[str, Any], revenue_name: str, hourly_cost: Any
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None, float | None]:
    """Revenue, costs and hours as engine inputs (checked), and the hourly cost."""
    rows = read_rows(arguments, optional=("hours",))
    revenue = rows[revenue_name]
    assert revenue is not None
    for name in ("costs", "hours"):
        if name in rows:
            require_numbers(arguments[name], rows[name], name, revenue.counted)
    rate = read_optional_number(hourly_cost, "hourly_cost")
    if rate is not None and rate > 0:  # hours are costed: their cost must add up too
        check_sum_fits(rows, {"hours": rate})
    return revenue.values, values_of(rows.get("costs")), values_of(rows.get("hours")), rate


@worksheet_function
@argument("revenue", doc="A revenue, or a range of revenues (then one result per cell).", **RANGE)
@argument("costs", doc="The cost of serving each, same number of cells (blank = 0).", **RANGE)
def PARETO_PROFIT(revenue: Any, costs: Any) -> Any:
    """Profit: revenue minus cost, per cell."""
    revenues = read_rows({"revenue": revenue, "costs": costs})
    cells = revenues["revenue"]
    assert cells is not None
    require_numbers(costs, revenues["costs"], "costs", cells.counted)
    profits = client_profits(cells.values, revenues["costs"].values)  # type: ignore[union-attr]
    if cells.is_scalar and not cells.counted[0]:
        return ""
    return scatter(profits[cells.counted], cells)


@worksheet_function
@argument("clients", doc="Client names, one per client row.", **RANGE)
@argument("revenues", doc=DOC_CLIENT_REVENUES, **RANGE)
@argument("costs", doc=DOC_COSTS, **RANGE)
@argument("hours", doc=DOC_HOURS, **RANGE)
@argument("hourly_cost", doc=DOC_HOURLY_COST, **RANGE)
def PARETO_WHALE(
    clients: Any, revenues: Any, costs: Any, hours: Any = None, hourly_cost: Any = None
) -> Any:
    """Whale table: clients by profit, largest first, with the cumulative share of total
    profit and the class (Profit maker, Break-even, Loss maker)."""
    names = read_texts(clients, "clients")  # the engine checks it has one name per revenue
    arguments = {"revenues": revenues, "costs": costs, "hours": hours}
    revenue, cost, time, rate = _cost_rows(arguments, "revenues", hourly_cost)
    return frame_rows(whale_table(names, revenue, cost, time, rate))


@worksheet_function
@argument("revenues", doc=DOC_CLIENT_REVENUES, **RANGE)
@argument("costs", doc=DOC_COSTS, **RANGE)
@argument("hours", doc=DOC_HOURS, **RANGE)
@argument("hourly_cost", doc=DOC_HOURLY_COST, **RANGE)
def PARETO_WHALE_PEAK(
    revenues: Any, costs: Any, hours: Any = None, hourly_cost: Any = None
) -> float:
    """Peak of the whale curve: the share of total profit the most profitable clients earn
    before the loss makers give some back (1 = no loss makers)."""
    arguments = {"revenues": revenues, "costs": costs, "hours": hours}
    return whale_peak(*_cost_rows(arguments, "revenues", hourly_cost))


@worksheet_function
@argument("revenues", doc=DOC_CLIENT_REVENUES, **RANGE)
@argument("costs", doc=DOC_COSTS, **RANGE)
@argument("hours", doc=DOC_HOURS, **RANGE)
@argument("hourly_cost", doc=DOC_HOURLY_COST, **RANGE)
def PARETO_LOSS_MAKERS(
    revenues: Any, costs: Any, hours: Any = None, hourly_cost: Any = None
) -> int:
    """Number of clients that cost more to serve than they bring in."""
    arguments = {"revenues": revenues, "costs": costs, "hours": hours}
    return loss_maker_count(*_cost_rows(arguments, "revenues", hourly_cost))
