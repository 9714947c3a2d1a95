"""Engine and worksheet-function benchmarks (SPEC section 6), as ratios to a floor measured
in the same run on the same data. Run: ``python bench/bench_engine.py``.

Targets: engine on 1,000,000 clients ≤ 1.5 × floor and ≤ 400 MB peak; the whole
``analyze`` with everything on (tiers, gaps, budget, migration, bridge, profit; costs,
hours and a prior period) ≤ 3 × floor, computed tiers ≤ 1.5 × fixed ones;
array UDF on a 100,000-row column ≤ 2 × (list→array conversion + floor); 10,000 scalar
``PARETO_TIER`` calls against one 10,000-value population ≤ 3 × converting that argument
10,000 times.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import numpy as np

import xlpareto
from xlpareto.conversion.cells import read_cells
from xlpareto.engine.bridge import bridge_table
from xlpareto.engine.population import clear_population_cache, rank_population
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.udfs import PARETO_TIER


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def numpy_floor(values: np.ndarray) -> None:
    """The bare numpy floor: argsort + cumsum + searchsorted."""
    order = np.argsort(values)[::-1]
    cumulative = np.cumsum(values[order])
    np.searchsorted(cumulative, cumulative[-1] * np.array([0.8, 0.95]))


def engine_ranks_shares_tiers(values: np.ndarray) -> None:
    """What the engine does for ranks, shares and tiers of every client."""
    ranked = rank_population(values)  # rank order, as the analysis table shows clients
    ranked.rank, ranked.share  # noqa: B018 - computed on first use
    make_tier_rule().ranked_tier_index(ranked)


def peak_megabytes(function: Callable[[], object]) -> float:
    """Peak traced memory (numpy reports its buffers to tracemalloc) in MB."""
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def report(name: str, ours: float, floor: float, target: float) -> None:
    ratio = ours / floor
    verdict = "ok" if ratio <= target else "OVER TARGET"
    print(
        f"{name:<46} {ours * 1e3:9.1f} ms  floor {floor * 1e3:9.1f} ms  "
        f"ratio {ratio:5.2f} (target ≤ {target})  {verdict}"
    )


def main() -> None:
    rng = np.random.default_rng(7)

    values = np.round(rng.pareto(1.1, 1_000_000) * 1000 + 10, 2)
    floor = best_of(lambda: numpy_floor(values))
    ours = best_of(lambda: engine_ranks_shares_tiers(values))
    report("engine, 1,000,000 clients", ours, floor, 1.5)
    print(
        f"{'  peak memory':<46} {peak_megabytes(lambda: engine_ranks_shares_tiers(values)):9.1f} MB"
        "  (target ≤ 400 MB)"
    )

    prior = values * rng.uniform(0.5, 1.5, values.size)
    prior[rng.random(values.size) < 0.1] = 0.0  # new clients
    rule = make_tier_rule()
    report(
        "growth bridge by prior tier, 1,000,000 clients",
        best_of(lambda: bridge_table(prior, values, rule), 3),
        floor,
        3.0,
    )
    names = np.array([f"client {i}" for i in range(values.size)], dtype=object)
    costs = values * rng.uniform(0.2, 1.2, values.size)
    hours = np.round(rng.uniform(0.0, 20.0, values.size), 1)
    everything_on = dict(costs=costs, hours=hours, hourly_cost=50.0, budget=1_000_000.0)

    def everything() -> None:  # tiers, gaps, budget, migration, bridge, profit
        xlpareto.analyze(names, values, prior, **everything_on)

    def everything_computed() -> None:
        xlpareto.analyze(names, values, prior, cutoffs="computed", **everything_on)

    # interleaved, best of 5 each (the machine is shared: single runs are noisy)
    fixed_times, computed_times = [], []
    for _ in range(5):
        fixed_times.append(best_of(everything, 1))
        computed_times.append(best_of(everything_computed, 1))
    fixed = min(fixed_times)
    report("analyze, everything on, 1,000,000 clients", fixed, floor, 3.0)
    report("  computed tiers vs fixed (same analyze)", min(computed_times), fixed, 1.5)

    column = np.round(rng.pareto(1.1, 100_000) * 1000 + 10, 2)
    rows = [[float(v)] for v in column]
    conversion_and_floor = best_of(lambda: numpy_floor(np.array(rows, dtype=float).ravel()))

    def array_udf() -> None:
        clear_population_cache()
        PARETO_TIER(rows)

    report("array PARETO_TIER, 100,000-row column", best_of(array_udf), conversion_and_floor, 2.0)

    population_rows = [[float(v)] for v in column[:10_000]]
    queries = [float(v) for v in column[:10_000]]
    clear_population_cache()

    def convert_only() -> None:
        for _ in queries:
            read_cells(population_rows, "revenues")

    def fill_down() -> None:
        for query in queries:
            PARETO_TIER(query, population_rows)

    report(
        "10,000 scalar PARETO_TIER (fill-down)",
        best_of(fill_down, 3),
        best_of(convert_only, 3),
        3.0,
    )


if __name__ == "__main__":
    main()
