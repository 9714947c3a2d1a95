"""numpydoc style for the v2 engine: every public function and class carries a docstring, and
the public functions a runnable example (``tests/test_docs.py`` runs them)."""

from __future__ import annotations

import inspect

import pytest

from xlpareto.engine import bridge, checks, periods, profit, prospects, returns
from xlpareto.io import dates

MODULES = (bridge, checks, periods, profit, prospects, returns, dates)
#: Small helpers whose behaviour the examples of their callers show.
WITHOUT_EXAMPLE = {"first_position", "check_not_negative", "check_unit_interval"}
WITHOUT_EXAMPLE |= {"check_fraction", "check_finite_result", "period_values"}


def public_members(module):
    for name, member in vars(module).items():
        if name.startswith("_") or getattr(member, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(member) or inspect.isclass(member):
            yield name, member


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_public_members_are_documented(module) -> None:
    for name, member in public_members(module):
        assert member.__doc__, f"{module.__name__}.{name} has no docstring"
        if inspect.isfunction(member) and name not in WITHOUT_EXAMPLE:
            assert ">>>" in member.__doc__, f"{module.__name__}.{name} has no example"
