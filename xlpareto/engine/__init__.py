"""The analysis engine: pure numpy/pandas, no Excel and no file I/O.

Public entry point: :func:`analyze`. The pieces (populations, tier rules, gaps, metrics,
exact splits, budget, migration) are importable on their own.
"""

from __future__ import annotations

from xlpareto.engine.analysis import Analysis, analyze, analyze_clients, concentration_metrics
from xlpareto.engine.intake import ClientList, IntakeReport, prepare_clients
from xlpareto.engine.tiers import TierRule, make_tier_rule

__all__ = [
    "Analysis",
    "ClientList",
    "IntakeReport",
    "TierRule",
    "analyze",
    "analyze_clients",
    "concentration_metrics",
    "make_tier_rule",
    "prepare_clients",
]
