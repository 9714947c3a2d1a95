"""A large input goes through the columnar path and ends with the rows read per second."""

from __future__ import annotations

import re

import numpy as np
from cli_support import run_here
from openpyxl import load_workbook


def test_a_large_dated_input_is_grouped_and_the_last_line_gives_rows_per_second(tmp_path):
    rng = np.random.default_rng(3)
    lines = 60_000  # over the progress threshold (50,000 rows)
    clients = rng.integers(0, 500, lines)
    days = np.datetime64("2024-01-01") + rng.integers(0, 730, lines).astype("m8[D]")
    amounts = rng.integers(1, 10_000, lines) / 100
    text = "\n".join(
        f"  Client {c} ,{d},{a:.2f}" for c, d, a in zip(clients, days, amounts, strict=True)
    )
    (tmp_path / "lines.csv").write_text("Client,Date,Amount\n" + text + "\n", encoding="utf-8")
    result = run_here("report", "lines.csv", "-o", "out.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    match = re.fullmatch(r"Done in ([\d.]+) s: 60,000 rows read \(([\d,]+) rows/s\)", last)
    assert match, last
    assert float(match.group(2).replace(",", "")) > 0
    end = str(days.max())  # the period end: the latest date; the current period: 12 months
    current = (days > np.datetime64(f"{int(end[:4]) - 1}{end[4:]}")) & (days <= days.max())
    expected = {
        f"Client {c}": amounts[current & (clients == c)].sum() for c in np.unique(clients[current])
    }
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True)["Analysis"]
    rows = sheet.iter_rows(values_only=True)
    header = next(row for row in rows if "Client" in row and "Revenue" in row)
    client, revenue = header.index("Client"), header.index("Revenue")
    found = {row[client]: row[revenue] for _, row in zip(expected, rows, strict=False)}
    assert found.keys() == expected.keys()
    for name, revenue in found.items():
        assert abs(revenue - expected[name]) < 1e-6
