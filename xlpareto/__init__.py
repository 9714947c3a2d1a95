"""xlpareto: Pareto (80/20) client analysis for Excel and the command line.

>>> import xlpareto
>>> xlpareto.analyze(["a", "b", "c", "d", "e"], [50, 30, 10, 5, 5]).table["Tier"].tolist()
['A', 'A', 'B', 'B', 'B']
"""

from __future__ import annotations

from xlpareto.engine import Analysis, TierRule, analyze, make_tier_rule
from xlpareto.errors import XlparetoError

__version__ = "0.1.0"

__all__ = ["Analysis", "TierRule", "XlparetoError", "__version__", "analyze", "make_tier_rule"]
