"""A lone UTF-16 surrogate – half a character, which an Excel cell can hold (an emoji cut in
two) but no UTF-8 text can – is a one-line error naming where it is, on every input path."""

from __future__ import annotations

import re

import numpy as np
import pytest

import xlpareto
from xlpareto.errors import XlparetoError
from xlpareto.udfs import PARETO_TABLE, PARETO_TIER

HALF = chr(0xD83D)  # the first half of an emoji


@pytest.mark.parametrize("as_array", [False, True])
def test_a_client_name_with_half_a_character_is_named_by_its_row(as_array):
    names = ["Acme", None, "Bolt " + HALF, "Cedar"]
    clients = np.array(names, dtype=object) if as_array else names
    message = "clients: the text in row 4 holds half a character (U+D83D, a lone UTF-16 surrogate)"
    with pytest.raises(XlparetoError, match=re.escape(message)):
        xlpareto.analyze(clients, [3.0, 2.0, 1.0, 1.0])


def test_whole_characters_outside_the_basic_plane_are_names_like_any_other():
    result = xlpareto.analyze(["Acme \U0001f600", "Bolt"], [3.0, 1.0])
    assert result.table["Client"].tolist() == ["Acme \U0001f600", "Bolt"]


def test_a_worksheet_function_names_the_position_in_the_range():
    with pytest.raises(XlparetoError, match="clients: the text at position 2 holds half"):
        PARETO_TABLE([["Acme"], [HALF + "x"]], [[2.0], [1.0]])
    assert PARETO_TIER([[2.0], [1.0]]) is not None  # numbers alone are not checked as text


def test_a_prospect_name_with_half_a_character_is_named_by_its_row():
    prospects = {"Prospect": ["Ok", HALF], "Expected revenue": [10.0, 5.0], "Fit": [0.9, 0.8]}
    with pytest.raises(XlparetoError, match="prospects: the text in row 3 holds half"):
        xlpareto.analyze(["a", "b"], [2.0, 1.0], budget=100.0, prospects=prospects)


def test_a_tier_label_with_half_a_character_is_named_by_its_position():
    with pytest.raises(XlparetoError, match="labels: the text at position 2 holds half"):
        xlpareto.analyze(["a", "b"], [2.0, 1.0], labels=["Gold", "Silver" + HALF, "Bronze"])
