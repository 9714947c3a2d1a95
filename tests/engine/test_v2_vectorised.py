"""The v2 engine functions are vectorised: no Python loop over rows.

Not a timing test: it counts Python and builtin function calls (``sys.setprofile`` events) while
each function runs on 200 rows and on 20,000 rows. A loop over rows would call Python code
per row; a vectorised kernel makes the same calls whatever the size. (Date texts are parsed
once per distinct value with pandas' string methods, so both sizes hold the same distinct
dates. Computed tiers are left out: their ABC limits come from the existing computed_abc
module, not from the v2 code.)
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from xlpareto.engine.bridge import bridge_table, growth_bridge, row_classes
from xlpareto.engine.periods import split_periods, sums_by_client
from xlpareto.engine.profit import whale_table
from xlpareto.engine.prospects import pipeline_metrics, pipeline_table, prospect_budget
from xlpareto.engine.returns import returns_table, spend_returns
from xlpareto.engine.tiers import make_tier_rule
from xlpareto.io.dates import parse_dates

SMALL, LARGE = 200, 20_000
#: Calls that may legitimately differ between sizes (caches, a dtype seen once, ...).
SLACK = 40


def python_calls(function, *args, **kwargs) -> int:
    calls = 0

    def profiler(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):  # Python functions and builtins
            calls += 1

    sys.setprofile(profiler)
    try:
        function(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return calls


def data(n: int) -> dict:
    rng = np.random.default_rng(n)
    before = np.round(rng.lognormal(5, 2, n), 2)
    before[rng.random(n) < 0.1] = 0.0
    before[rng.random(n) < 0.05] = np.nan
    after = np.round(before * rng.uniform(0, 2, n), 2)
    after[(rng.random(n) < 0.3) & ~(before > 0)] = 50.0  # new clients
    # the same 150 distinct days at both sizes: dates are parsed once per distinct value
    days = np.datetime64("2022-01-01") + np.arange(0, 1050, 7).astype("m8[D]")
    dates = rng.permutation(np.resize(days, n))
    date_text = pd.Series(np.datetime_as_string(dates, unit="D"), dtype=object)
    day_first = pd.Series(
        [f"{d[8:10]}/{d[5:7]}/{d[0:4]}" for d in date_text], dtype=object
    )  # built in the test, not in the code under test
    return {
        "before": before,
        "after": after,
        "costs": np.round(np.abs(before) * rng.uniform(0, 1.2, n), 2),
        "hours": np.round(rng.uniform(0, 40, n), 1),
        "names": np.array([f"client {i}" for i in range(n)], dtype=object),
        "fit": np.round(rng.uniform(0, 1, n), 2),
        "probability": np.round(rng.uniform(0, 1, n), 2),
        "dates": dates,
        "date_text": date_text,
        "day_first": day_first,
        "keys": np.array([f"c{i % 97}" for i in range(n)], dtype=object),
    }


CASES = {
    "row_classes": lambda d: row_classes(d["before"], d["after"]),
    "growth_bridge": lambda d: growth_bridge(d["before"], d["after"]),
    "bridge_table": lambda d: bridge_table(d["before"], d["after"], make_tier_rule()),
    "returns": lambda d: returns_table(spend_returns(d["before"], d["after"], 10.0, 20.0)),
    "whale_table": lambda d: whale_table(
        d["names"], d["before"] + 1000, d["costs"], d["hours"], 1.5
    ),
    "prospect_budget": lambda d: prospect_budget(
        1000, np.nan_to_num(d["before"]), d["fit"], d["probability"]
    ),
    "pipeline_table": lambda d: pipeline_table(
        d["names"], np.nan_to_num(d["before"]), d["fit"], d["probability"], total=1000
    ),
    "pipeline_metrics": lambda d: pipeline_metrics(
        np.nan_to_num(d["before"]), d["fit"], d["probability"], total=1000
    ),
    "sums_by_client": lambda d: sums_by_client(
        d["keys"], split_periods(d["dates"], 12), d["after"], d["costs"], d["hours"]
    ),
    "parse_iso_dates": lambda d: parse_dates(d["date_text"]),
    "parse_day_first_dates": lambda d: parse_dates(d["day_first"]),
    "parse_serials": lambda d: parse_dates(pd.Series(np.arange(len(d["keys"])) + 40000.0)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_python_calls_do_not_grow_with_rows(name) -> None:
    case = CASES[name]
    small, large = data(SMALL), data(LARGE)
    case(small)  # warm caches and lazy imports
    case(large)
    assert python_calls(case, large) <= python_calls(case, small) + SLACK
