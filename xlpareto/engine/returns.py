"""Return on spend (SPEC section 8): what last period's spend on existing clients and on new
business brought in, and the one sentence every surface writes under the table.

Existing clients gained the bridge's Expansion (rows in Expansion); new business gained the
bridge's New (rows in New). A blank spend (``None``) makes its row's Spend and three ratios
blank (``""``); a ratio is also blank where its divisor is 0.

Number formats in the sentence (:func:`returns_sentence`): the two returns per 1.00 spent
with two decimals (``1.25 vs 0.80``; more decimals, up to six, only when two would print
different returns as the same text), the core share as a percentage as Excel's ``0%``
format shows it, with decimals only when needed (``80%``, ``82.5%``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from xlpareto.engine.bridge import EXPANSION, NEW, BridgeSums, growth_bridge
from xlpareto.engine.checks import check_amount, check_fraction
from xlpareto.errors import XlparetoError

RETURNS_COLUMNS = (
    "Segment",
    "Spend",
    "Revenue gained",
    "Gained per 1.00 spent",
    "Cost per 1.00 gained",
    "Clients",
    "Spend per client",
)
EXISTING_CLIENTS = "Existing clients"
NEW_BUSINESS = "New business"
#: Names of the two spend inputs in messages (worksheet arguments by default).
SPEND_NAMES = ("spend_existing", "spend_new")
#: Returns that differ by less than this relative amount are equal.
EQUAL_TOLERANCE = 1e-12


def _ratio(numerator: float, divisor: float | None, name: str) -> float | None:
    """``numerator / divisor`` (None when ``divisor`` is 0 or None); a quotient too large for
    a float (a huge spend over a tiny gain) is an error naming the spend, not ``inf``."""
    if not divisor:
        return None
    quotient = float(numerator) / float(divisor)  # Python floats: inf, not a warning
    if not math.isfinite(quotient):
        raise XlparetoError(
            f"{name}: the spend per 1.00 gained is too large for a number (over 1.8e308); "
            "use larger units (e.g. thousands)"
        )
    return quotient


@dataclass(frozen=True)
class SideReturn:
    """One row of the returns table: spend (``None`` = blank), revenue gained, clients."""

    segment: str
    spend: float | None
    gained: float
    clients: int
    spend_name: str = "spend"  # the argument an error names

    @property
    def gained_per_spent(self) -> float | None:
        """Revenue gained per 1.00 spent (``None`` without spend)."""
        return None if self.spend is None else _ratio(self.gained, self.spend, self.spend_name)

    @property
    def cost_per_gained(self) -> float | None:
        """Spend per 1.00 gained (``None`` without spend or without gain)."""
        return None if self.spend is None else _ratio(self.spend, self.gained, self.spend_name)

    @property
    def spend_per_client(self) -> float | None:
        """Spend per client of the row (``None`` without spend or clients)."""
        return None if self.spend is None else _ratio(self.spend, self.clients, self.spend_name)

    def row(self) -> list[object]:
        """The table row, blanks as ``""``."""
        values = (self.spend, self.gained, self.gained_per_spent, self.cost_per_gained)
        cells: list[object] = ["" if v is None else v for v in values]
        spend_per_client = self.spend_per_client
        return [
            self.segment,
            *cells,
            self.clients,
            "" if spend_per_client is None else spend_per_client,
        ]


@dataclass(frozen=True)
class Returns:
    """Existing clients and new business, side by side."""

    existing: SideReturn
    new: SideReturn


def spend_returns(
    before: object,
    after: object,
    spend_existing: float | None = None,
    spend_new: float | None = None,
    sums: BridgeSums | None = None,
) -> Returns:
    """Revenue gained per side of the spend (prior revenue may be 0: then Existing gains 0).

    Parameters
    ----------
    before, after : per-row revenues of the prior and the current period (NaN = blank).
    spend_existing, spend_new : last period's spend, finite ≥ 0, or ``None`` (blank).
    sums : ``growth_bridge(before, after)`` when already computed.

    Examples
    --------
    >>> result = spend_returns([100, 50, 0], [130, 40, 20], 60.0, 40.0)
    >>> result.existing.gained, result.existing.clients, result.existing.gained_per_spent
    (30.0, 1, 0.5)
    >>> result.new.gained, result.new.gained_per_spent
    (20.0, 0.5)
    """
    spend_existing = check_amount(spend_existing, SPEND_NAMES[0])
    spend_new = check_amount(spend_new, SPEND_NAMES[1])
    if sums is None:
        sums = growth_bridge(before, after)
    return Returns(
        existing=SideReturn(
            EXISTING_CLIENTS, spend_existing, sums.expansion, sums.counts[EXPANSION], SPEND_NAMES[0]
        ),
        new=SideReturn(NEW_BUSINESS, spend_new, sums.new, sums.counts[NEW], SPEND_NAMES[1]),
    )


def returns_table(returns: Returns) -> pd.DataFrame:
    """The PARETO_RETURNS table (columns :data:`RETURNS_COLUMNS`).

    Examples
    --------
    >>> table = returns_table(spend_returns([100, 0], [150, 30], 25.0, None))
    >>> table.values.tolist()
    [['Existing clients', 25.0, 50.0, 2.0, 0.5, 1, 25.0], ['New business', '', 30.0, '', '', 1, '']]
    """
    rows = [returns.existing.row(), returns.new.row()]
    return pd.DataFrame(rows, columns=list(RETURNS_COLUMNS))


def format_return(first: float, second: float) -> tuple[str, str]:
    """Two returns with two decimals, or more (up to 6) when two would hide a difference.

    Examples
    --------
    >>> format_return(1.25, 0.8), format_return(1.001, 1.004)
    (('1.25', '0.80'), ('1.001', '1.004'))
    """
    for places in range(2, 7):
        texts = (f"{first:.{places}f}", f"{second:.{places}f}")
        if texts[0] != texts[1]:
            return texts
    return texts


def format_share(share: float) -> str:
    """A share as a percentage, decimals only when needed (0.8 → ``80%``, 0.825 → ``82.5%``).

    Examples
    --------
    >>> format_share(0.8), format_share(0.825), format_share(2 / 3)
    ('80%', '82.5%', '66.67%')
    """
    text = f"{share * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def returns_sentence(
    returns: Returns, core_share: float, names: tuple[str, str] = SPEND_NAMES
) -> str:
    """The one plain sentence under the returns table (SPEC section 8), for every surface.

    The two sides are compared by *Gained per 1.00 spent*. A side without spend (blank or 0)
    is not compared and the sentence names its input, with the name the surface uses
    (``names``: e.g. ``("SpendExisting", "SpendNew")`` in the workbook, ``("--spend-existing",
    "--spend-new")`` on the command line).

    Examples
    --------
    >>> returns = spend_returns([100, 0], [150, 40], 40.0, 50.0)
    >>> returns_sentence(returns, 0.8)
    'Existing clients returned more per 1.00 spent (1.25 vs 0.80): the evidence supports \
keeping the core share at 80%.'
    >>> returns_sentence(spend_returns([100, 0], [150, 40], 40.0, None), 0.8)
    'Returns not compared: spend_new is blank (existing clients returned 1.25 per 1.00 spent).'
    """
    core = format_share(check_fraction(core_share, "core_share"))
    sides = (returns.existing, returns.new)
    missing = [
        f"{name} is {'blank' if side.spend is None else '0'}"
        for side, name in zip(sides, names, strict=True)
        if not side.spend
    ]
    if missing:
        known = [
            f"{side.segment.lower()} returned {side.gained_per_spent:.2f} per 1.00 spent"
            for side in sides
            if side.spend
        ]
        detail = f" ({known[0]})" if known else ""
        return f"Returns not compared: {' and '.join(missing)}{detail}."
    existing = returns.existing.gained_per_spent
    new = returns.new.gained_per_spent
    assert existing is not None and new is not None
    if math.isclose(existing, new, rel_tol=EQUAL_TOLERANCE, abs_tol=0.0):
        return "Equal returns."
    if existing > new:
        x, y = format_return(existing, new)
        return (
            f"Existing clients returned more per 1.00 spent ({x} vs {y}): "
            f"the evidence supports keeping the core share at {core}."
        )
    y, x = format_return(new, existing)
    return (
        f"New business returned more per 1.00 spent ({y} vs {x}): "
        f"consider a lower core share than {core}."
    )
