"""Excel's limits: the one check refuses what would not fit, lets the rest pass."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlpareto.errors import XlparetoError
from xlpareto.layout import limits


@given(first=st.integers(1, limits.MAX_ROWS), rows=st.integers(0, 2 * limits.MAX_ROWS))
def test_rows_fit_exactly_up_to_the_last_sheet_row(first: int, rows: int) -> None:
    last_row = first + rows - 1
    if last_row <= limits.MAX_ROWS:
        limits.check_rows(first, rows)
    else:
        with pytest.raises(XlparetoError) as caught:
            limits.check_rows(first, rows)
        message = str(caught.value)
        assert "\n" not in message
        assert f"{last_row - limits.MAX_ROWS:,} clients do not fit" in message
        assert "--top N" in message


def test_text_over_the_cell_limit_names_row_and_column() -> None:
    limits.check_text(["a" * limits.MAX_CELL_CHARS], "Client")
    with pytest.raises(XlparetoError, match="Client in row 7 has 32,768 characters"):
        limits.check_text(["ok", "b" * (limits.MAX_CELL_CHARS + 1)], "Client", first_row=6)


def test_top_on_a_prospect_table_says_prospects_in_the_note() -> None:
    import xlpareto
    from xlpareto.data import sample_prospects
    from xlpareto.layout.money_content import pipeline_content

    prospects = sample_prospects()
    analysis = xlpareto.analyze(["a", "b", "c"], [300.0, 200.0, 100.0], prospects=prospects)
    content = pipeline_content(analysis, "stamp")
    kept = limits.fit_content(content, top=3)
    total = max(table.length for table in content.tables)
    assert kept.note.startswith(f"Shows the 3 largest of {total:,} prospects (--top 3;")
