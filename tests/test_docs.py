"""The examples in the README and in the docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import xlpareto

README = Path(__file__).resolve().parents[1] / "README.md"
MODULES = sorted(info.name for info in pkgutil.walk_packages(xlpareto.__path__, prefix="xlpareto."))


def test_readme_examples() -> None:
    result = doctest.testfile(str(README), module_relative=False)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_public_engine_functions_have_examples() -> None:
    """numpydoc style: the main entry points carry a runnable example."""
    from xlpareto.engine import analysis, population, splits, tiers

    for function in (
        analysis.analyze,
        population.rank_population,
        splits.hamilton,
        tiers.make_tier_rule,
    ):
        assert ">>>" in (function.__doc__ or ""), function.__name__
