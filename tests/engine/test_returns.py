"""SPEC section 8: the returns table and its sentence (figures worked out by hand)."""

from __future__ import annotations

import pytest

from xlpareto.engine.returns import (
    RETURNS_COLUMNS,
    format_return,
    format_share,
    returns_sentence,
    returns_table,
    spend_returns,
)
from xlpareto.errors import XlparetoError

NAN = float("nan")
# 100→150 (+50 expansion), 80→90 (+10 expansion), 50→20 (contraction), 0→40 and blank→20 (new)
BEFORE = [100, 80, 50, 0, NAN]
AFTER = [150, 90, 20, 40, 20]


def test_returns_table_by_hand() -> None:
    table = returns_table(spend_returns(BEFORE, AFTER, 30.0, 120.0))
    assert list(table.columns) == list(RETURNS_COLUMNS)
    existing, new = table.values.tolist()
    # Existing: gained 60 on 30 spent → 2.0 per 1.00, 0.5 per 1.00 gained, 2 clients, 15 each
    assert existing == ["Existing clients", 30.0, 60.0, 2.0, 0.5, 2, 15.0]
    # New: gained 60 on 120 → 0.5 per 1.00, 2.0 per 1.00 gained, 2 clients, 60 each
    assert new == ["New business", 120.0, 60.0, 0.5, 2.0, 2, 60.0]


def test_blank_spend_blanks_the_row_and_zero_divisors_give_blanks() -> None:
    table = returns_table(spend_returns([10, 0], [5, 0], None, 0.0))
    existing, new = table.values.tolist()
    # no expansion and no spend: Spend and the three ratios blank
    assert existing == ["Existing clients", "", 0.0, "", "", 0, ""]
    # spend 0: Gained per 1.00 blank (divisor 0); nothing gained: Cost per 1.00 blank;
    # no new clients: Spend per client blank
    assert new == ["New business", 0.0, 0.0, "", "", 0, ""]


def test_no_prior_revenue_still_answers() -> None:
    table = returns_table(spend_returns([0, NAN], [10, 5], 10.0, 5.0))
    existing, new = table.values.tolist()
    assert existing == ["Existing clients", 10.0, 0.0, 0.0, "", 0, ""]
    assert new == ["New business", 5.0, 15.0, 3.0, pytest.approx(1 / 3), 2, 2.5]


@pytest.mark.parametrize("bad", [-1.0, float("inf"), float("-inf")])
def test_spend_must_be_finite_and_not_negative(bad) -> None:
    with pytest.raises(XlparetoError, match=r"^spend_existing: must be a finite number"):
        spend_returns(BEFORE, AFTER, bad, 1.0)
    with pytest.raises(XlparetoError, match=r"^spend_new: must be a finite number"):
        spend_returns(BEFORE, AFTER, 1.0, bad)


def test_spend_text_is_an_error() -> None:
    with pytest.raises(XlparetoError, match=r"^spend_new: expected a number"):
        spend_returns(BEFORE, AFTER, 1.0, "lots")


# --- the sentence -----------------------------------------------------------------------------


def test_sentence_existing_returned_more() -> None:
    # existing 60 / 48 = 1.25 per 1.00; new 60 / 75 = 0.80 per 1.00
    returns = spend_returns(BEFORE, AFTER, 48.0, 75.0)
    assert returns_sentence(returns, 0.8) == (
        "Existing clients returned more per 1.00 spent (1.25 vs 0.80): the evidence supports "
        "keeping the core share at 80%."
    )


def test_sentence_new_business_returned_more() -> None:
    # existing 60 / 75 = 0.80; new 60 / 48 = 1.25
    returns = spend_returns(BEFORE, AFTER, 75.0, 48.0)
    assert returns_sentence(returns, 0.7) == (
        "New business returned more per 1.00 spent (1.25 vs 0.80): consider a lower core share "
        "than 70%."
    )


def test_sentence_equal_returns() -> None:
    assert returns_sentence(spend_returns(BEFORE, AFTER, 30.0, 30.0), 0.8) == "Equal returns."


def test_sentence_names_the_missing_input() -> None:
    no_new = spend_returns(BEFORE, AFTER, 48.0, None)
    assert returns_sentence(no_new, 0.8) == (
        "Returns not compared: spend_new is blank (existing clients returned 1.25 per 1.00 spent)."
    )
    no_existing = spend_returns(BEFORE, AFTER, 0.0, 48.0)
    assert returns_sentence(no_existing, 0.8, ("SpendExisting", "SpendNew")) == (
        "Returns not compared: SpendExisting is 0 (new business returned 1.25 per 1.00 spent)."
    )
    neither = spend_returns(BEFORE, AFTER, None, None)
    assert returns_sentence(neither, 0.8, ("--spend-existing", "--spend-new")) == (
        "Returns not compared: --spend-existing is blank and --spend-new is blank."
    )


def test_sentence_core_share_is_checked() -> None:
    with pytest.raises(XlparetoError, match=r"^core_share: 1.5 is not in \[0, 1\]"):
        returns_sentence(spend_returns(BEFORE, AFTER, 1.0, 1.0), 1.5)


def test_formats() -> None:
    assert format_return(1.25, 0.8) == ("1.25", "0.80")
    assert format_return(1.0001, 1.0004) == ("1.0001", "1.0004")  # two decimals would hide it
    assert format_share(0.8) == "80%"
    assert format_share(0.825) == "82.5%"
    assert format_share(1.0) == "100%"
    assert format_share(0.0) == "0%"


def test_blank_spend_with_clients_still_blanks_the_ratios() -> None:
    _, new = returns_table(spend_returns(BEFORE, AFTER, 1.0, None)).values.tolist()
    assert new == ["New business", "", 60.0, "", "", 2, ""]  # 2 new clients, no spend given
