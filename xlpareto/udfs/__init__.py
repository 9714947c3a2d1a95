"""Worksheet functions for Excel (xlwings UDFs, category "xlpareto").

Thin on purpose: each function declares its xlwings options, reads its arguments, calls the
engine and shapes the result. The Excel name is the Python name. Every function also works
when called from Python with scalars, lists, numpy arrays or pandas objects.

``xlpareto.udfs`` is the UDF module named in ``xlwings.conf``; it exports every function.
They live by subject:

- :mod:`~xlpareto.udfs.pareto`: tiers, shares, ranks, gaps, tables, metrics, migration and
  budget splits (SPEC section 2);
- :mod:`~xlpareto.udfs.growth`: growth bridge, NRR, GRR, return on spend (sections 7–8);
- :mod:`~xlpareto.udfs.profit`: profit, the whale curve, loss makers (section 9);
- :mod:`~xlpareto.udfs.prospects`: prospect scores and budgets (section 10).

What they all declare (category, how a range is read, shared argument help) is in
:mod:`~xlpareto.udfs.declarations`.
"""

from __future__ import annotations

# What every function declares, re-exported: xlpareto.lite declares its twins the same way.
from xlpareto.udfs.declarations import (  # noqa: F401
    CATEGORY,
    DOC_CUTOFFS,
    DOC_LABELS,
    DOC_REVENUE,
    DOC_REVENUES,
    DOC_UNIT,
    RANGE,
)
from xlpareto.udfs.growth import PARETO_BRIDGE, PARETO_GRR, PARETO_NRR, PARETO_RETURNS
from xlpareto.udfs.pareto import (
    BUDGET_SPLIT,
    PARETO_BUDGET,
    PARETO_GAP,
    PARETO_GINI,
    PARETO_HHI,
    PARETO_MIGRATION,
    PARETO_RANK,
    PARETO_RATIO,
    PARETO_SHARE,
    PARETO_SUMMARY,
    PARETO_TABLE,
    PARETO_TIER,
    PARETO_TOP_SHARE,
)
from xlpareto.udfs.profit import PARETO_LOSS_MAKERS, PARETO_PROFIT, PARETO_WHALE, PARETO_WHALE_PEAK
from xlpareto.udfs.prospects import PROSPECT_BUDGET, PROSPECT_SCORE

__all__ = [
    "BUDGET_SPLIT",
    "PARETO_BRIDGE",
    "PARETO_BUDGET",
    "PARETO_GAP",
    "PARETO_GINI",
    "PARETO_GRR",
    "PARETO_HHI",
    "PARETO_LOSS_MAKERS",
    "PARETO_MIGRATION",
    "PARETO_NRR",
    "PARETO_PROFIT",
    "PARETO_RANK",
    "PARETO_RATIO",
    "PARETO_RETURNS",
    "PARETO_SHARE",
    "PARETO_SUMMARY",
    "PARETO_TABLE",
    "PARETO_TIER",
    "PARETO_TOP_SHARE",
    "PARETO_WHALE",
    "PARETO_WHALE_PEAK",
    "PROSPECT_BUDGET",
    "PROSPECT_SCORE",
]
