"""Find the client, revenue and prior-revenue columns of an input by their header names.

Names are compared case-insensitively, ignoring spaces, ``_``, ``-`` and ``.``. Without an
option, the first name of each list below that is a header wins (the workbook's own names
first); with ``--client/--revenue/--prior`` exactly that header is used (still compared
case-insensitively). The prior column is optional: without ``--prior`` it is used only when
one of its names is present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlpareto import layout
from xlpareto.errors import XlparetoError

#: Header names recognised without an option, in order of preference.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "client": (
        layout.CLIENT_COLUMN,
        "Client name",
        "Customer",
        "Customer name",
        "Account",
        "Account name",
        "Company",
        "Name",
        "Kunde",
        "Cliente",
    ),
    "revenue": (
        layout.REVENUE_COLUMN,
        "Sales",
        "Amount",
        "Net revenue",
        "Net sales",
        "Turnover",
        "Total",
        "Value",
        "Umsatz",
    ),
    "prior": (
        layout.PRIOR_COLUMN,
        "Prior revenue",
        "Revenue previous year",
        "Revenue last year",
        "Previous revenue",
        "Prior sales",
        "Sales prior",
        "Prior",
        "Last year",
        "Umsatz Vorjahr",
        "Vorjahr",
    ),
}
_OPTION = {"client": "--client", "revenue": "--revenue", "prior": "--prior"}
_DEFAULT_NAME = {"client": layout.CLIENT_COLUMN, "revenue": layout.REVENUE_COLUMN}


def normalise(name: object) -> str:
    """Header name for comparison: lower case without spaces, ``_``, ``-`` and ``.``."""
    return re.sub(r"[\s_\-.]+", "", str(name)).casefold()


@dataclass(frozen=True)
class ColumnChoice:
    """Positions (0-based) and header names of the columns used."""

    client: int
    revenue: int
    prior: int | None
    headers: tuple[str, ...]

    @property
    def positions(self) -> list[int]:
        """The used positions, in the order client, revenue[, prior]."""
        return [self.client, self.revenue] + ([self.prior] if self.prior is not None else [])

    def describe(self) -> str:
        """E.g. "client 'Kunde', revenue 'Umsatz', prior 'Vorjahr'"."""
        parts = [f"client '{self.headers[self.client]}'", f"revenue '{self.headers[self.revenue]}'"]
        if self.prior is not None:
            parts.append(f"prior '{self.headers[self.prior]}'")
        return ", ".join(parts)


def _listing(headers: tuple[str, ...]) -> str:
    shown = ", ".join(h if h else "(blank)" for h in headers[:12])
    return shown + (", …" if len(headers) > 12 else "")


def find_columns(
    headers: list[str] | tuple[str, ...],
    source: str,
    client: str | None = None,
    revenue: str | None = None,
    prior: str | None = None,
) -> ColumnChoice:
    """Choose the columns; raise :class:`XlparetoError` naming the option to use."""
    headers = tuple(str(h).strip() for h in headers)
    keys = [normalise(h) for h in headers]
    chosen: dict[str, int | None] = {}
    for role, given in (("client", client), ("revenue", revenue), ("prior", prior)):
        taken = set() if given else {p for p in chosen.values() if p is not None}
        candidates = [normalise(name) for name in ((given,) if given else SYNONYMS[role])]
        positions = [keys.index(key) for key in candidates if key in keys]
        position = next((p for p in positions if p not in taken), None)
        if position is None and given:
            raise XlparetoError(
                f"{source}: column '{given}' ({_OPTION[role]}) not found "
                f"(columns: {_listing(headers)})"
            )
        if position is None and role != "prior":
            raise XlparetoError(
                f"{source}: column '{_DEFAULT_NAME[role]}' not found "
                f"(columns: {_listing(headers)}); use {_OPTION[role]}"
            )
        chosen[role] = position
    used = [p for p in chosen.values() if p is not None]
    choice = ColumnChoice(chosen["client"], chosen["revenue"], chosen["prior"], headers)
    if len(set(used)) != len(used):
        raise XlparetoError(
            f"{source}: the same column is used twice ({choice.describe()}); "
            "choose with --client, --revenue and --prior"
        )
    return choice
