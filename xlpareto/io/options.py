"""Parse the analysis options of the command line (text in, engine arguments out).

Typer would turn ``--budget abc`` into a boxed usage error; parsing here keeps every bad
value a one-line :class:`XlparetoError` that names the option.
"""

from __future__ import annotations

import math
import re

from xlpareto import layout
from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.engine.tiers import COMPUTED, check_cutoffs
from xlpareto.errors import XlparetoError
from xlpareto.io.numbers import NumberStyle

#: ``50.000`` or ``1,234``: one separator followed by exactly three digits – a thousands
#: separator in one number style, a decimal separator in the other.
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}([.,])\d{3}")


def _number(option: str, text: str, style: NumberStyle | None = None) -> float:
    """A number from ``text``: ``0.8``, ``80%``, ``100_000``, ``100 000``; decimal comma ok.

    ``style`` is the input's number style when it is known (thousands separators seen in
    the file, or ``--decimal``): a text such as ``50.000`` follows it; without it such a
    text is ambiguous and an error (SPEC section 5: never silently misread).

    Examples
    --------
    >>> _number("--budget", "50.000", NumberStyle.for_decimal(","))
    50000.0
    >>> _number("--budget", "50.000", NumberStyle.for_decimal("."))
    50.0
    >>> _number("--budget", "1.234,5"), _number("--core-share", "0,8")
    (1234.5, 0.8)
    """
    cleaned = re.sub(r"[\s_'\u00a0\u202f]", "", text)
    percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%")
    ambiguous = _AMBIGUOUS.fullmatch(cleaned)
    if re.fullmatch(r"[+-]?0[.,]\d+", cleaned):
        cleaned = cleaned.replace(",", ".")  # 0,800 or 0.800: a fraction in any style
    elif ambiguous:
        if style is None:
            separator = ambiguous.group(1)
            whole, decimals = cleaned.replace(separator, ""), cleaned.replace(separator, ".")
            raise XlparetoError(
                f"{option}: {text!r} is ambiguous ({float(decimals):g} or {float(whole):g}?); "
                "write it without the separator or give --decimal"
            )
        thousands = style.thousands
        cleaned = cleaned.replace(thousands, "").replace(style.decimal, ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?", cleaned):
        cleaned = cleaned.replace(",", "")  # 100,000,000 or 1,234.50
    elif re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 100.000.000 or 1.234,50
    elif re.fullmatch(r"[+-]?\d*,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")  # 0,8
    try:
        value = float(cleaned)
    except ValueError:
        raise XlparetoError(f"{option}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise XlparetoError(f"{option}: {text!r} is not a finite number")
    return value / 100 if percent else value


def parse_amount(
    option: str, text: str | None, style: NumberStyle | None = None, *, at_most: float | None = None
) -> float | None:
    """An optional amount option (``--hourly-cost``, ``--spend-new``, …): ≥ 0, finite.

    ``at_most`` bounds it too (``--min-fit``: between 0 and 1). ``None`` stays None.

    Examples
    --------
    >>> parse_amount("--spend-new", "25,000.50"), parse_amount("--min-fit", "70%", at_most=1)
    (25000.5, 0.7)
    """
    if text is None:
        return None
    value = _number(option, text, style)
    if value < 0 or (at_most is not None and value > at_most):
        bound = f"between 0 and {at_most:g}" if at_most is not None else "0 or more"
        raise XlparetoError(f"{option}: must be {bound}, got {text!r}")
    return value


def parse_cutoffs(text: str | None) -> tuple[float, ...] | str | None:
    """``"0.8,0.95"``, ``"80%,95%"``, ``"0,8;0,95"`` or ``"computed"`` (any case).

    The numbers must then pass the engine's one cutoff rule
    (:func:`~xlpareto.engine.tiers.check_cutoffs`).

    Examples
    --------
    >>> parse_cutoffs("80%,95%"), parse_cutoffs("0,8;0,95"), parse_cutoffs(" Computed ")
    ((0.8, 0.95), (0.8, 0.95), 'computed')
    """
    if text is None:
        return None
    if text.strip().lower() == COMPUTED:
        return COMPUTED
    parts = [p for p in re.split(";" if ";" in text else ",", text) if p.strip()]
    if not parts:
        raise XlparetoError("--cutoffs: give numbers such as 0.8,0.95 or 'computed'")
    return check_cutoffs([_number("--cutoffs", part) for part in parts])


def parse_labels(text: str | None) -> list[str] | None:
    """``"A,B,C"`` → ``["A", "B", "C"]`` (the engine checks count and uniqueness)."""
    if text is None:
        return None
    labels = [part.strip() for part in text.split(",")]
    if any(not label for label in labels):
        raise XlparetoError(f"--labels: empty label in {text!r} (e.g. A,B,C)")
    return labels


def parse_budget(
    text: str | None, default: float | None = None, style: NumberStyle | None = None
) -> float:
    """The budget: a non-negative number (``100000``, ``100_000``, ``1e5``); omitted: ``default``
    or else the workbook's default budget (the ``BudgetTotal`` setting)."""
    if text is None:
        return float(layout.BUDGET_TOTAL.default) if default is None else default
    value = _number("--budget", text, style)
    if value < 0:
        raise XlparetoError(f"--budget: must not be negative, got {text!r}")
    return value


def parse_core_share(text: str | None, style: NumberStyle | None = None) -> float:
    """The core share: a number between 0 and 1 (``0.8`` or ``80%``)."""
    if text is None:
        return DEFAULT_CORE_SHARE
    value = _number("--core-share", text, style)
    if not 0 <= value <= 1:
        raise XlparetoError(
            f"--core-share: must be between 0 and 1 (e.g. 0.8 or 80%), got {text!r}"
        )
    return value
