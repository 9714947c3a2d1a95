"""Settings validation of the refresh (pure: no workbook needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto import layout
from xlpareto.errors import XlparetoError
from xlpareto.refresh.settings import validate_settings

DEFAULTS = {s.name: s.default for s in layout.SETTINGS}
shares = st.floats(min_value=-0.5, max_value=1.5, allow_nan=False)


@given(a=shares, b=shares)
def test_cutoffs_valid_exactly_when_increasing_in_unit_interval(a: float, b: float) -> None:
    values = DEFAULTS | {"CutoffA": a, "CutoffB": b}
    if 0 < a < b <= 1:
        assert validate_settings(values).rule.cutoffs == (a, b)
    else:
        with pytest.raises(XlparetoError, match=r"^Settings: Cutoff[AB] \("):
            validate_settings(values)


@given(share=st.floats(min_value=-1, max_value=2, allow_nan=False))
def test_core_share_in_unit_interval(share: float) -> None:
    values = DEFAULTS | {"CoreShare": share}
    if 0 <= share <= 1:
        assert validate_settings(values).core_share == share
    else:
        with pytest.raises(XlparetoError, match=r"^Settings: CoreShare"):
            validate_settings(values)


@given(cents=st.integers(min_value=0, max_value=10**11))
def test_budgets_in_whole_cents_are_accepted(cents: int) -> None:
    budget = cents / 100
    assert validate_settings(DEFAULTS | {"BudgetTotal": budget}).budget == budget
    with pytest.raises(XlparetoError, match=rf"^Settings: BudgetTotal \({budget + 0.005:.15g}\)"):
        validate_settings(DEFAULTS | {"BudgetTotal": budget + 0.005})


@pytest.mark.parametrize("method", ["Fixed", "fixed", " FIXED ", "Computed", "computed "])
def test_tier_method_any_case(method: str) -> None:
    rule = validate_settings(DEFAULTS | {"TierMethod": method}).rule
    assert rule.computed == ("computed" in method.lower())
    assert rule.labels == ("A", "B", "C")


def test_computed_method_ignores_the_cutoffs() -> None:
    values = DEFAULTS | {"TierMethod": "Computed", "CutoffA": "x", "CutoffB": None}
    assert validate_settings(values).rule.computed


def test_blank_budget_means_no_budget_split() -> None:
    for blank in (None, "", "   "):
        assert validate_settings(DEFAULTS | {"BudgetTotal": blank}).budget is None


def test_budget_unit_whole_amounts() -> None:
    settings = validate_settings(DEFAULTS | {"BudgetTotal": 5000, "BudgetUnit": 100})
    assert (settings.budget, settings.unit) == (5000, 100)
    with pytest.raises(XlparetoError, match=r"BudgetTotal \(5050\) must be a whole multiple"):
        validate_settings(DEFAULTS | {"BudgetTotal": 5050, "BudgetUnit": 100})


def test_v2_settings_are_read_and_validated() -> None:
    values = {
        **DEFAULTS,
        "HourlyCost": 60,
        "SpendExisting": 1000,
        "SpendNew": None,
        "MinFit": 0.7,
    }
    settings = validate_settings(values)
    assert (settings.hourly_cost, settings.spend_existing, settings.spend_new) == (60, 1000, None)
    assert settings.min_fit == 0.7
    for name, bad, message in (
        ("HourlyCost", -1, r"Settings: HourlyCost \(-1\) must not be negative"),
        ("SpendNew", -5, r"Settings: SpendNew \(-5\) must not be negative"),
        ("MinFit", 1.5, r"Settings: MinFit \(1.5\) must be between 0% and 100%"),
        ("MinFit", None, "Settings: MinFit is empty"),
        ("SpendExisting", "lots", r"Settings: SpendExisting \(lots\) must be a number"),
    ):
        with pytest.raises(XlparetoError, match=message):
            validate_settings({**values, name: bad})


def test_a_workbook_without_the_v2_settings_gets_blank_amounts_and_the_default_fit() -> None:
    old = {name: value for name, value in DEFAULTS.items() if name in layout.SETTING_NAMES[:6]}
    settings = validate_settings(old)
    assert (settings.hourly_cost, settings.spend_existing, settings.spend_new) == (None,) * 3
    assert settings.min_fit == layout.MIN_FIT.default
