"""The refresh's settings: read the named cells of the Settings sheet and validate them.

Every message names the setting (its defined name, as shown on the Settings sheet) and says
what to fix, e.g. ``Settings: CutoffB (0.7) must be greater than CutoffA (0.8)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import xlwings as xw

from xlpareto import layout
from xlpareto.engine import TierRule, make_tier_rule
from xlpareto.engine.splits import units_in
from xlpareto.engine.tiers import CutoffError, check_cutoffs
from xlpareto.errors import XlparetoError

FIXED, COMPUTED = (method.lower() for method in layout.TIER_METHODS)


@dataclass(frozen=True)
class RefreshSettings:
    """Validated settings of one refresh.

    Attributes
    ----------
    rule : the tier rule (fixed cutoffs A/B or the computed ABC method).
    budget : the budget to split, or None when ``BudgetTotal`` is blank.
    core_share : part of the budget for existing clients.
    unit : budgets are whole multiples of this amount.
    """

    rule: TierRule
    budget: float | None
    core_share: float
    unit: float
    hourly_cost: float | None = None
    spend_existing: float | None = None
    spend_new: float | None = None
    min_fit: float = layout.MIN_FIT.default  # type: ignore[assignment]


#: Settings added in v2: a workbook made before them has no such names, and they default.
V2_SETTINGS = (layout.HOURLY_COST, layout.SPEND_EXISTING, layout.SPEND_NEW, layout.MIN_FIT)


def read_settings(book: xw.Book) -> RefreshSettings:
    """Read and validate the Settings names of ``book`` (see :func:`validate_settings`)."""
    return validate_settings(read_setting_cells(book))


def read_setting_cells(book: xw.Book) -> dict[str, Any]:
    """Defined name -> raw cell value (Excel errors as text such as ``"#N/A"``).

    Raises
    ------
    XlparetoError : when a name is missing or doesn't point at a cell.
    """
    values = {}
    for setting in layout.SETTINGS:
        if not book.names.contains(setting.name) and setting in V2_SETTINGS:
            continue  # a workbook made before v2: the setting keeps its default
        if not book.names.contains(setting.name):
            raise XlparetoError(
                f"Settings: the named cell {setting.name} is missing; restore it on the "
                f"{layout.SETTINGS_SHEET} sheet ({setting.label}, cell {setting.cell})"
            )
        try:
            cell = book.names[setting.name].refers_to_range
        except Exception:  # a name like =#REF! after its cell was deleted
            cell = None
        if cell is None:
            raise XlparetoError(
                f"Settings: the name {setting.name} doesn't refer to a cell; point it at "
                f"{layout.SETTINGS_SHEET}!{setting.cell}"
            )
        value = cell[0, 0].options(err_to_str=True).value
        values[setting.name] = value
    return values


def validate_settings(values: Mapping[str, Any]) -> RefreshSettings:
    """Validate raw setting values (by defined name) into :class:`RefreshSettings`.

    Blank ``BudgetTotal`` means "no budget split"; every other setting must be filled in.

    Examples
    --------
    >>> s = validate_settings({"CutoffA": 0.8, "CutoffB": 0.95, "TierMethod": "fixed",
    ...                        "BudgetTotal": 1000, "CoreShare": 0.8, "BudgetUnit": 1})
    >>> s.rule.cutoffs, s.budget
    ((0.8, 0.95), 1000.0)
    """
    method = _method(values.get(layout.TIER_METHOD.name))
    rule = make_tier_rule(COMPUTED if method == COMPUTED else _cutoffs(values))
    budget = _number(values, layout.BUDGET_TOTAL, blank_ok=True)
    core_share = _number(values, layout.CORE_SHARE)
    unit = _number(values, layout.BUDGET_UNIT)
    if not 0 <= core_share <= 1:
        raise XlparetoError(
            f"Settings: {layout.CORE_SHARE.name} ({core_share:.15g}) must be between 0% and 100%"
        )
    if not unit > 0:
        raise XlparetoError(
            f"Settings: {layout.BUDGET_UNIT.name} ({unit:.15g}) must be greater than 0 "
            "(e.g. 0.01 for cents, 1 for whole amounts)"
        )
    if budget is not None:
        if budget < 0:
            raise XlparetoError(
                f"Settings: {layout.BUDGET_TOTAL.name} ({budget:.15g}) must not be negative"
            )
        try:
            units_in(budget, unit)  # the engine's own check, so both always agree
        except XlparetoError:
            raise XlparetoError(
                f"Settings: {layout.BUDGET_TOTAL.name} ({budget:.15g}) must be a whole multiple "
                f"of {layout.BUDGET_UNIT.name} ({unit:.15g})"
            ) from None
    missing = {s.name: _missing_default(s) for s in V2_SETTINGS if s.name not in values}
    values = {**missing, **values}
    amounts = {
        setting.name: _amount(values, setting)
        for setting in (layout.HOURLY_COST, layout.SPEND_EXISTING, layout.SPEND_NEW)
    }
    min_fit = _number(values, layout.MIN_FIT)
    if not 0 <= min_fit <= 1:
        raise XlparetoError(
            f"Settings: {layout.MIN_FIT.name} ({min_fit:.15g}) must be between 0% and 100%"
        )
    return RefreshSettings(
        rule=rule,
        budget=budget,
        core_share=core_share,
        unit=unit,
        hourly_cost=amounts[layout.HOURLY_COST.name],
        spend_existing=amounts[layout.SPEND_EXISTING.name],
        spend_new=amounts[layout.SPEND_NEW.name],
        min_fit=min_fit,
    )


def _missing_default(setting: layout.Setting) -> Any:
    """What a v2 setting is in a workbook made before it: blank amounts (no made-up spend
    or hourly cost), the default minimum fit."""
    return setting.default if setting is layout.MIN_FIT else None


def _amount(values: Mapping[str, Any], setting: layout.Setting) -> float | None:
    """An optional amount setting: blank (None) or a number of 0 or more."""
    amount = _number(values, setting, blank_ok=True)
    if amount is not None and amount < 0:
        raise XlparetoError(f"Settings: {setting.name} ({amount:.15g}) must not be negative")
    return amount


def _cutoffs(values: Mapping[str, Any]) -> tuple[float, ...]:
    """CutoffA and CutoffB through the engine's one cutoff rule, in the Settings' words."""
    settings = (layout.CUTOFF_A, layout.CUTOFF_B)
    cutoffs = [_number(values, setting) for setting in settings]
    try:
        return check_cutoffs(cutoffs)
    except CutoffError as error:
        setting = settings[error.position - 1]
        if error.reason == "range":
            raise XlparetoError(
                f"Settings: {setting.name} ({error.value:.15g}) must be a share above 0% and "
                "at most 100% (write 80% or 0.8, not 80)"
            ) from None
        before = settings[error.position - 2]
        raise XlparetoError(
            f"Settings: {setting.name} ({error.value:.15g}) must be greater than "
            f"{before.name} ({cutoffs[error.position - 2]:.15g})"
        ) from None


def _method(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise XlparetoError(
            f"Settings: {layout.TIER_METHOD.name} is empty; choose "
            f"{' or '.join(layout.TIER_METHODS)}"
        )
    text = str(value).strip().lower()
    if text not in (FIXED, COMPUTED):
        raise XlparetoError(
            f"Settings: {layout.TIER_METHOD.name} ({value!s}) must be "
            f"{' or '.join(layout.TIER_METHODS)}"
        )
    return text


def _number(values: Mapping[str, Any], setting: layout.Setting, blank_ok: bool = False):
    value = values.get(setting.name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if blank_ok:
            return None
        raise XlparetoError(f"Settings: {setting.name} is empty; enter a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise XlparetoError(f"Settings: {setting.name} ({value!s}) must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise XlparetoError(f"Settings: {setting.name} must be a finite number")
    return number
