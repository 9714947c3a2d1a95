"""Shared cases and helpers of the engine unit tests (SPEC section 1's worked example)."""

from __future__ import annotations

from xlpareto.udfs import PARETO_GAP, PARETO_TIER

WORKED = [50, 30, 10, 5, 5]


def flat(result):
    """A column result (list of 1-element rows) as a flat list."""
    return [row[0] for row in result]


def tiers(values, cutoffs=None, labels=None):
    return flat(PARETO_TIER(values, None, cutoffs, labels))


def gaps(values, cutoffs=None):
    return flat(PARETO_GAP(values, None, cutoffs))
