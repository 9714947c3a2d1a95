"""The Pareto chart's bars coloured by tier and its thinned client labels, in the
description's helpers and in the chart part XlsxWriter writes."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from xlpareto.layout.charts import TIER_BAR_COLOURS, label_interval, tier_point_colours

ROOT = Path(__file__).resolve().parents[2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("ABCDE"), max_size=60))
def test_rows_of_one_tier_share_one_colour_and_tiers_differ(tiers: list[str]) -> None:
    colours = tier_point_colours(tiers)
    assert len(colours) == len(tiers)
    by_tier = {
        tier: {c for t, c in zip(tiers, colours, strict=True) if t == tier} for tier in tiers
    }
    assert all(len(c) == 1 for c in by_tier.values())
    firsts = list(dict.fromkeys(tiers))[: len(TIER_BAR_COLOURS)]
    assert len({by_tier[t].pop() for t in firsts}) == len(firsts)
    if tiers:
        assert colours[0] == TIER_BAR_COLOURS[0]  # the best (first) tier: the strongest colour


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 1_100_000), st.integers(1, 200))
def test_label_interval_is_the_smallest_that_keeps_the_labels_under_the_limit(
    rows: int, max_labels: int
) -> None:
    k = label_interval(rows, max_labels)
    assert k >= 1
    assert -(-rows // k) <= max_labels
    assert k == 1 or -(-rows // (k - 1)) > max_labels


def test_report_chart_has_a_fill_per_bar_and_skips_labels(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "xlpareto", "demo"], cwd=tmp_path, env=env, check=True)
    with zipfile.ZipFile(tmp_path / "xlpareto_demo.xlsx") as book:
        names = [n for n in book.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        parts = [book.read(n).decode() for n in names]
    pareto = next(p for p in parts if "Pareto chart" in p)
    points = re.findall(r"<c:dPt>.*?</c:dPt>", pareto)
    assert len(points) == 200  # the demo's 200 clients, one fill each
    used = {re.search(r'srgbClr val="([0-9A-F]{6})"', p).group(1) for p in points}
    assert used == {c.lstrip("#") for c in TIER_BAR_COLOURS[:3]}  # A, B and C
    assert '<c:tickLblSkip val="10"/>' in pareto  # 200 clients, at most 20 labels
