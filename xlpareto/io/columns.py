"""Find the columns of an input file by their header names, as the input schema describes them.

Names are compared case-insensitively, ignoring spaces, ``_``, ``-`` and ``.``. A column
named by hand (``given``: ``--client``, ``--revenue``, …) is exactly that header (still
compared case-insensitively). The other columns are found by their synonyms
(:attr:`~xlpareto.layout.inputs.InputColumn.synonyms`): the first synonym that is a header
and not used by another column wins (the workbook's own names first; required columns are
found before optional ones). A required column that is not found is an error naming its
option; an optional column is used only when found.

Examples
--------
>>> choice = find_columns(["Kunde", "Umsatz", "Vorjahr"], "x.csv")
>>> dict(choice)
{'client': 0, 'revenue': 1, 'prior': 2}
>>> choice.describe()
"client 'Kunde', revenue 'Umsatz', prior 'Vorjahr'"
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from xlpareto.errors import XlparetoError
from xlpareto.layout.inputs import CLIENTS, InputColumn, InputTable

#: Header names recognised without an option, per role of the Clients table (a view of the
#: schema).
SYNONYMS: dict[str, tuple[str, ...]] = {c.role: c.synonyms for c in CLIENTS.columns}


def normalise(name: object) -> str:
    """Header name for comparison: lower case without spaces, ``_``, ``-`` and ``.``."""
    return re.sub(r"[\s_\-.]+", "", str(name)).casefold()


class ColumnChoice(Mapping[str, int]):
    """The columns used: role → 0-based position, in the table's column order.

    Parameters
    ----------
    positions : role → position of each column found.
    headers : every header of the input (stripped), for messages.
    table : the schema the columns were chosen from.
    """

    def __init__(
        self, positions: Mapping[str, int], headers: tuple[str, ...], table: InputTable = CLIENTS
    ) -> None:
        self._positions = {r: positions[r] for r in table.roles if r in positions}
        self.headers = headers
        self.table = table

    def __getitem__(self, role: str) -> int:
        return self._positions[role]

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __repr__(self) -> str:
        return f"ColumnChoice({self._positions!r})"

    def header(self, role: str) -> str:
        """The input's header of the column used for ``role``."""
        return self.headers[self[role]]

    def describe(self) -> str:
        """E.g. "client 'Kunde', revenue 'Umsatz', prior 'Vorjahr'"."""
        return ", ".join(f"{role} '{self.header(role)}'" for role in self)


def _listing(headers: tuple[str, ...]) -> str:
    shown = ", ".join(h if h else "(blank)" for h in headers[:12])
    return shown + (", …" if len(headers) > 12 else "")


def _joined(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _find(column: InputColumn, keys: list[str], taken: set[int]) -> int | None:
    positions = [keys.index(key) for key in map(normalise, column.synonyms) if key in keys]
    return next((p for p in positions if p not in taken), None)


def find_columns(
    headers: list[str] | tuple[str, ...],
    source: str,
    table: InputTable = CLIENTS,
    given: Mapping[str, str | None] | None = None,
) -> ColumnChoice:
    """Choose the columns of ``table`` among ``headers``.

    Parameters
    ----------
    headers : the header row of the input.
    source : the input's name, for messages.
    table : the schema of the input.
    given : role → header chosen by hand (``None`` values are ignored).

    Returns
    -------
    ColumnChoice : role → position of every required column and of the optional ones found.

    Raises
    ------
    XlparetoError : a given header is not there, a required column is not found, or one
        column would be used twice; the message names the option to use.

    Examples
    --------
    >>> dict(find_columns(["Name", "Client", "Revenue", "Costs"], "x.csv"))
    {'client': 1, 'revenue': 2, 'cost': 3}
    """
    headers = tuple(str(h).strip() for h in headers)
    keys = [normalise(h) for h in headers]
    named = {role: header for role, header in (given or {}).items() if header}
    unknown = [role for role in named if role not in table.roles]
    if unknown:
        raise ValueError(f"{table.name} has no column with the role {unknown[0]!r}")
    chosen: dict[str, int] = {}
    for column in table.columns:  # columns named by hand first, exactly as given
        if column.role in named:
            key = normalise(named[column.role])
            if key not in keys:
                raise XlparetoError(
                    f"{source}: column '{named[column.role]}' ({column.option}) not found "
                    f"(columns: {_listing(headers)})"
                )
            chosen[column.role] = keys.index(key)
    taken = set(chosen.values())
    by_name = sorted(table.columns, key=lambda c: not c.required)  # required ones first
    for column in by_name:  # then the others by name, never a column already used
        if column.role in named:
            continue
        position = _find(column, keys, taken)
        if position is None and column.required:
            raise XlparetoError(
                f"{source}: column '{column.header}' not found "
                f"(columns: {_listing(headers)}); use {column.option}"
            )
        if position is not None:
            chosen[column.role] = position
            taken.add(position)
    choice = ColumnChoice(chosen, headers, table)
    if len(set(chosen.values())) != len(chosen):
        options = [
            c.option for c in table.columns if c.option and (c.in_template or c.role in choice)
        ]
        raise XlparetoError(
            f"{source}: the same column is used twice ({choice.describe()}); "
            f"choose with {_joined(options)}"
        )
    return choice
