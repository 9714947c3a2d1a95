"""Worksheet functions of the growth bridge and the return on spend (SPEC sections 7 and 8)."""

from __future__ import annotations

from typing import Any

import numpy as np

from xlpareto.conversion import frame_rows, read_optional_number, read_rows, read_tier_rule
from xlpareto.engine.bridge import bridge_table, gross_revenue_retention, net_revenue_retention
from xlpareto.engine.returns import returns_table, spend_returns
from xlpareto.udfs.declarations import (
    DOC_AFTER,
    DOC_BEFORE,
    DOC_CUTOFFS,
    DOC_LABELS,
    RANGE,
    argument,
    worksheet_function,
)


def _periods(before: Any, after: Any) -> tuple[np.ndarray, np.ndarray]:
    """``before`` and ``after`` as engine inputs (NaN where a cell is blank or ignored)."""
    rows = read_rows({"before": before, "after": after})
    return rows["before"].values, rows["after"].values  # type: ignore[union-attr]


@worksheet_function
@argument("before", doc=DOC_BEFORE, **RANGE)
@argument("after", doc=DOC_AFTER, **RANGE)
def PARETO_NRR(before: Any, after: Any) -> float:
    """Net revenue retention: this period's revenue from last period's clients, divided by
    last period's revenue (new clients left out)."""
    return net_revenue_retention(*_periods(before, after))


@worksheet_function
@argument("before", doc=DOC_BEFORE, **RANGE)
@argument("after", doc=DOC_AFTER, **RANGE)
def PARETO_GRR(before: Any, after: Any) -> float:
    """Gross revenue retention: like NRR, but growth of existing clients is not counted
    (only what was kept)."""
    return gross_revenue_retention(*_periods(before, after))


@worksheet_function
@argument("before", doc=DOC_BEFORE, **RANGE)
@argument("after", doc=DOC_AFTER, **RANGE)
@argument("cutoffs", doc=DOC_CUTOFFS, **RANGE)
@argument("labels", doc=DOC_LABELS, **RANGE)
def PARETO_BRIDGE(before: Any, after: Any, cutoffs: Any = None, labels: Any = None) -> Any:
    """Growth bridge by prior-period tier: revenue before, expansion, contraction, lost, new,
    revenue after, net change and NRR."""
    rule = read_tier_rule(cutoffs, labels)
    return frame_rows(bridge_table(*_periods(before, after), rule))


@worksheet_function
@argument("before", doc=DOC_BEFORE, **RANGE)
@argument("after", doc=DOC_AFTER, **RANGE)
@argument(
    "spend_existing",
    doc="Last period's spend on existing clients (blank if unknown).",
    **RANGE,
)
@argument(
    "spend_new", doc="Last period's spend on winning new clients (blank if unknown).", **RANGE
)
def PARETO_RETURNS(before: Any, after: Any, spend_existing: Any, spend_new: Any) -> Any:
    """Return on spend: revenue gained per 1.00 spent on existing clients (their growth) and
    on new business (new clients)."""
    returns = spend_returns(
        *_periods(before, after),
        read_optional_number(spend_existing, "spend_existing"),
        read_optional_number(spend_new, "spend_new"),
    )
    return frame_rows(returns_table(returns))
