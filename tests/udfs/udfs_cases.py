"""Shared cases of the worksheet-function tests: SPEC section 1's worked example."""

from __future__ import annotations

WORKED = [50, 30, 10, 5, 5]
TIERS = ["A", "A", "B", "B", "B"]
SHARES = [0.5, 0.8, 0.9, 1.0, 1.0]
RANKS = [1, 2, 3, 4, 4]
# 10 sits exactly at 0.8: one more cent makes it A; a 5 is A once tied with the 10
GAPS = [0.0, 0.0, 0.01, 5.0, 5.0]


def column(values):
    return [[v] for v in values]
