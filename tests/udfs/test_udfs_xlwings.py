"""Every worksheet function called the way xlwings calls it from Excel.

Arguments are given as pywin32 delivers them (a cell as a scalar, a range as a tuple of row
tuples, an error cell as its COM code, an omitted argument as "missing"); they go through
``xlwings.conversion.read`` with the options each function declares in its real
``__xlfunc__``, and the result through ``xlwings.conversion.write`` – see
:mod:`engine_xlwings`. Also checks the metadata Excel's *Import Functions* uses.
"""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from engine_xlwings import COM_ERRORS, MISSING, call_like_xlwings, column, real_udfs, row

from xlpareto import XlparetoError
from xlpareto import udfs as plain_udfs

WORKED = column(50.0, 30.0, 10.0, 5.0, 5.0)
NAMES = column("a", "b", "c", "d", "e")
FUNCTIONS = sorted(plain_udfs.__all__)


def call(name, *args):
    return call_like_xlwings(name, *args)


# --- metadata ---------------------------------------------------------------------------------


def test_com_error_codes_are_xlwings_own() -> None:
    assert COM_ERRORS["#N/A"] == -2146826246
    assert COM_ERRORS["#DIV/0!"] == -2146826281
    assert len(COM_ERRORS) == 7


@pytest.mark.parametrize("name", FUNCTIONS)
def test_xlfunc_metadata(name) -> None:
    func = getattr(real_udfs(), name)
    info = func.__xlfunc__
    assert info["name"] == name
    assert info["category"] == "xlpareto"
    assert not info["sub"] and not info["volatile"] and info["async_mode"] is None
    doc = info["ret"]["doc"]
    assert doc == func.__doc__ and doc.strip()
    assert len(doc) <= 255  # Excel's MacroOptions truncates descriptions at 255 characters
    signature = inspect.signature(getattr(plain_udfs, name))
    assert [a["name"] for a in info["args"]] == list(signature.parameters)
    for arg in info["args"]:
        assert arg["doc"] and not arg["doc"].startswith("Positional argument"), arg["name"]
        assert len(arg["doc"]) <= 255
        assert arg["options"]["ndim"] == 2
        assert arg["options"]["err_to_str"] is True
        assert not arg["vararg"]
        parameter = signature.parameters[arg["name"]]
        if parameter.default is inspect.Parameter.empty:
            assert "optional" not in arg, arg["name"]
        else:
            assert "optional" in arg and arg["optional"] is None, arg["name"]


def test_required_and_optional_arguments() -> None:
    expected = {
        "PARETO_TIER": (["revenue"], ["revenues", "cutoffs", "labels"]),
        "PARETO_SHARE": (["revenue"], ["revenues"]),
        "PARETO_RANK": (["revenue"], ["revenues"]),
        "PARETO_GAP": (["revenue"], ["revenues", "cutoffs"]),
        "PARETO_TABLE": (
            ["clients", "revenues"],
            ["cutoffs", "labels", "budget", "core_share"],
        ),
        "PARETO_SUMMARY": (["revenues"], ["cutoffs", "labels"]),
        "PARETO_TOP_SHARE": (["revenues"], ["fraction"]),
        "PARETO_RATIO": (["revenues"], []),
        "PARETO_GINI": (["revenues"], []),
        "PARETO_HHI": (["revenues"], []),
        "PARETO_MIGRATION": (["before", "after"], ["cutoffs", "labels"]),
        "BUDGET_SPLIT": (["total", "weights"], ["unit"]),
        "PARETO_BUDGET": (["total", "revenues"], ["core_share", "cutoffs", "labels", "unit"]),
        "PARETO_NRR": (["before", "after"], []),
        "PARETO_GRR": (["before", "after"], []),
        "PARETO_BRIDGE": (["before", "after"], ["cutoffs", "labels"]),
        "PARETO_RETURNS": (["before", "after", "spend_existing", "spend_new"], []),
        "PARETO_PROFIT": (["revenue", "costs"], []),
        "PARETO_WHALE": (["clients", "revenues", "costs"], ["hours", "hourly_cost"]),
        "PARETO_WHALE_PEAK": (["revenues", "costs"], ["hours", "hourly_cost"]),
        "PARETO_LOSS_MAKERS": (["revenues", "costs"], ["hours", "hourly_cost"]),
        "PROSPECT_SCORE": (["expected", "fit"], ["probability"]),
        "PROSPECT_BUDGET": (
            ["total", "expected", "fit"],
            ["probability", "min_fit", "unit"],
        ),
    }
    assert sorted(expected) == FUNCTIONS
    for name, (required, optional) in expected.items():
        args = getattr(real_udfs(), name).__xlfunc__["args"]
        assert [a["name"] for a in args if "optional" not in a] == required
        assert [a["name"] for a in args if "optional" in a] == optional


# --- per-client functions ---------------------------------------------------------------------


def test_tier_share_rank_gap_of_a_column() -> None:
    assert call("PARETO_TIER", WORKED) == [["A"], ["A"], ["B"], ["B"], ["B"]]
    shares = call("PARETO_SHARE", WORKED)
    assert [r[0] for r in shares] == pytest.approx([0.5, 0.8, 0.9, 1.0, 1.0])
    assert call("PARETO_RANK", WORKED) == [[1], [2], [3], [4], [4]]
    assert call("PARETO_GAP", WORKED) == [[0.0], [0.0], [0.01], [5.0], [5.0]]


def test_one_cell_against_a_range_fill_down_style() -> None:
    assert call("PARETO_TIER", 10.0, WORKED) == [["B"]]
    assert call("PARETO_TIER", 10.0, WORKED, MISSING, MISSING) == [["B"]]
    assert call("PARETO_SHARE", 20.0, WORKED) == [[pytest.approx(0.8)]]
    assert call("PARETO_RANK", 20.0, WORKED) == [[3]]
    assert call("PARETO_GAP", 10.0, WORKED, MISSING) == [[0.01]]
    # a blank or text cell as the revenue gives an empty cell
    assert call("PARETO_TIER", None, WORKED) == [[""]]
    assert call("PARETO_TIER", "n/a", WORKED) == [[""]]


def test_row_and_block_keep_their_shape() -> None:
    assert call("PARETO_TIER", row(50.0, 30.0, 10.0, 5.0, 5.0)) == [["A", "A", "B", "B", "B"]]
    block = ((50.0, 30.0), (10.0, None), (5.0, 5.0))
    assert call("PARETO_TIER", block) == [["A", "A"], ["B", ""], ["B", "B"]]
    assert call("PARETO_RANK", block) == [[1, 2], [3, ""], [4, 4]]


def test_ignored_cells_are_empty_in_the_result() -> None:
    values = column(50.0, None, 30.0, "text", 10.0, True, 5.0, dt.datetime(2024, 1, 1), 5.0)
    assert call("PARETO_TIER", values) == [
        ["A"],
        [""],
        ["A"],
        [""],
        ["B"],
        [""],
        ["B"],
        [""],
        ["B"],
    ]


@pytest.mark.parametrize("literal", sorted(COM_ERRORS))
def test_error_cells_arrive_as_codes_and_are_reported(literal) -> None:
    values = column(50.0, 30.0, COM_ERRORS[literal], 5.0)
    with pytest.raises(XlparetoError) as error:
        call("PARETO_TIER", values)
    assert str(error.value) == f"revenue: {literal} at position 3"
    with pytest.raises(XlparetoError) as error:
        call("PARETO_TIER", 5.0, values)
    assert str(error.value) == f"revenues: {literal} at position 3"
    with pytest.raises(XlparetoError) as error:
        call("PARETO_GINI", ((1.0, 2.0), (3.0, COM_ERRORS[literal])))
    assert str(error.value) == f"revenues: {literal} at position 4"


def test_error_text_typed_into_a_cell_counts_as_the_error() -> None:
    with pytest.raises(XlparetoError, match="revenues: #N/A at position 2"):
        call("PARETO_HHI", column(5.0, "#N/A"))


def test_cutoffs_and_labels_as_array_constants_ranges_and_text() -> None:
    values = column(50.0, 30.0, 10.0, 5.0, 4.0, 1.0)
    cutoffs = row(0.5, 0.8, 0.95)  # {0.5,0.8,0.95}
    expected = [["A"], ["B"], ["C"], ["C"], ["D"], ["D"]]
    assert call("PARETO_TIER", values, MISSING, cutoffs) == expected
    assert call("PARETO_TIER", values, None, column(0.5, 0.8, 0.95), None) == expected
    labels = row("Gold", "Silver", "Bronze", "Tin")
    assert [r[0] for r in call("PARETO_TIER", values, MISSING, cutoffs, labels)] == [
        "Gold",
        "Silver",
        "Bronze",
        "Bronze",
        "Tin",
        "Tin",
    ]
    assert call("PARETO_TIER", values, MISSING, "Computed") == call(
        "PARETO_TIER", values, MISSING, column("computed")
    )
    with pytest.raises(XlparetoError, match=r"cutoffs: 80 at position 1 is not in \(0, 1\]"):
        call("PARETO_TIER", values, MISSING, row(80.0, 95.0))
    with pytest.raises(XlparetoError, match="cutoffs: #N/A at position 2"):
        call("PARETO_TIER", values, MISSING, row(0.8, COM_ERRORS["#N/A"]))
    with pytest.raises(XlparetoError, match="labels: #REF! at position 1"):
        call("PARETO_TIER", values, MISSING, MISSING, row(COM_ERRORS["#REF!"], "B", "C"))


@pytest.mark.parametrize(
    "name", ["PARETO_TIER", "PARETO_SHARE", "PARETO_GAP", "PARETO_GINI", "PARETO_HHI"]
)
def test_no_positive_revenue_is_an_error_in_excel_too(name) -> None:
    with pytest.raises(XlparetoError, match="no positive revenue"):
        call(name, column(0.0, -5.0, None))


def test_rank_without_positive_revenue_works() -> None:
    assert call("PARETO_RANK", column(0.0, -5.0, None)) == [[1], [2], [""]]


# --- table functions --------------------------------------------------------------------------


def test_pareto_table_spills_a_header_and_rows() -> None:
    result = call("PARETO_TABLE", NAMES, WORKED, MISSING, MISSING, 1000.0, MISSING)
    assert result[0] == [
        "Rank",
        "Client",
        "Revenue",
        "Share",
        "Cumulative share",
        "Tier",
        "Gap to next tier",
        "Budget",
    ]
    assert [r[:3] for r in result[1:]] == [
        [1, "a", 50.0],
        [2, "b", 30.0],
        [3, "c", 10.0],
        [4, "d", 5.0],
        [4, "e", 5.0],
    ]
    assert [r[5] for r in result[1:]] == ["A", "A", "B", "B", "B"]
    assert [r[-1] for r in result[1:]] == [400.0, 240.0, 80.0, 40.0, 40.0]
    without_budget = call("PARETO_TABLE", NAMES, WORKED)
    assert len(without_budget[0]) == 7
    with pytest.raises(XlparetoError, match="same length"):
        call("PARETO_TABLE", column("a", "b"), WORKED)


def test_pareto_table_leaves_out_rows_without_a_number() -> None:
    result = call("PARETO_TABLE", column("a", "b", "c"), column(10.0, None, "x"))
    assert [r[1] for r in result[1:]] == ["a"]


def test_pareto_summary() -> None:
    result = call("PARETO_SUMMARY", WORKED, row(0.5, 0.6, 0.7), MISSING)
    assert result == [
        [
            "Tier",
            "Clients",
            "% of clients",
            "Revenue",
            "% of revenue",
            "Min revenue",
            "Max revenue",
        ],
        ["A", 1, 0.2, 50.0, 0.5, 50.0, 50.0],
        ["B", 1, 0.2, 30.0, 0.3, 30.0, 30.0],
        ["C", 0, 0.0, 0.0, 0.0, "", ""],
        ["D", 3, 0.6, 20.0, 0.2, 5.0, 10.0],
        ["Total", 5, 1.0, 100.0, 1.0, 5.0, 50.0],
    ]


def test_metrics_are_single_cells() -> None:
    assert call("PARETO_TOP_SHARE", WORKED) == [[pytest.approx(0.5)]]
    assert call("PARETO_TOP_SHARE", WORKED, 0.3) == [[pytest.approx(0.65)]]
    assert call("PARETO_TOP_SHARE", WORKED, MISSING) == [[pytest.approx(0.5)]]
    assert call("PARETO_TOP_SHARE", WORKED, None) == [[pytest.approx(0.5)]]  # blank cell
    assert call("PARETO_RATIO", WORKED) == [[pytest.approx(0.32)]]
    assert call("PARETO_GINI", WORKED) == [[pytest.approx(0.46)]]
    assert call("PARETO_HHI", WORKED) == [[pytest.approx(0.355)]]


def test_pareto_migration() -> None:
    before = column(60.0, 30.0, 10.0, None, 0.0, 5.0, None)
    after = column(60.0, 10.0, 30.0, 20.0, 0.0, None, -3.0)
    assert call("PARETO_MIGRATION", before, after, MISSING, MISSING) == [
        ["Before \\ After", "A", "B", "C", "Lost"],
        ["A", 1, 1, 0, 0],
        ["B", 1, 0, 0, 0],
        ["C", 0, 0, 0, 1],
        ["New", 1, 0, 0, 0],
    ]
    with pytest.raises(XlparetoError, match="after: #N/A at position 1"):
        call("PARETO_MIGRATION", before, column(COM_ERRORS["#N/A"]))


def test_budget_split() -> None:
    assert call("BUDGET_SPLIT", 100.0, column(1.0, 1.0, 1.0)) == [[33.34], [33.33], [33.33]]
    assert call("BUDGET_SPLIT", 100.0, row(1.0, None, 1.0), 5.0) == [[50.0, "", 50.0]]
    assert call("BUDGET_SPLIT", 123456.78, column(1.0, 2.0, 3.0)) == [
        [20576.13],
        [41152.26],
        [61728.39],
    ]
    with pytest.raises(XlparetoError, match=r"total: 100\.001 is not a whole multiple"):
        call("BUDGET_SPLIT", 100.001, column(1.0, 1.0))
    with pytest.raises(XlparetoError, match="weights: negative weight at position 2"):
        call("BUDGET_SPLIT", 100.0, column(1.0, -1.0))
    with pytest.raises(XlparetoError, match="weights: #DIV/0! at position 1"):
        call("BUDGET_SPLIT", 100.0, column(COM_ERRORS["#DIV/0!"], 1.0))


def test_pareto_budget() -> None:
    result = call("PARETO_BUDGET", 1000.0, WORKED, MISSING, MISSING, MISSING, MISSING)
    assert result == [
        ["Segment", "Clients", "Revenue share", "Budget share", "Budget", "Budget per client"],
        ["A clients", 2, 0.8, 0.64, 640.0, 320.0],
        ["B clients", 3, 0.2, 0.16, 160.0, 53.33],
        ["C clients", 0, 0.0, 0.0, 0.0, ""],
        ["New business", "", "", 0.2, 200.0, ""],
        ["Total", 5, 1.0, 1.0, 1000.0, ""],
    ]
    assert call("PARETO_BUDGET", 1000.0, WORKED, 0.5)[4][4] == 500.0
    with pytest.raises(XlparetoError, match="total: must not be negative"):
        call("PARETO_BUDGET", -1.0, WORKED)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_returns_what_excel_can_show(name) -> None:
    args = {
        "PARETO_TIER": (WORKED,),
        "PARETO_SHARE": (WORKED,),
        "PARETO_RANK": (WORKED,),
        "PARETO_GAP": (WORKED,),
        "PARETO_TABLE": (NAMES, WORKED, MISSING, MISSING, 1000.0),
        "PARETO_SUMMARY": (WORKED,),
        "PARETO_TOP_SHARE": (WORKED,),
        "PARETO_RATIO": (WORKED,),
        "PARETO_GINI": (WORKED,),
        "PARETO_HHI": (WORKED,),
        "PARETO_MIGRATION": (WORKED, WORKED),
        "BUDGET_SPLIT": (100.0, WORKED),
        "PARETO_BUDGET": (1000.0, WORKED),
        "PARETO_NRR": (WORKED, WORKED),
        "PARETO_GRR": (WORKED, WORKED),
        "PARETO_BRIDGE": (WORKED, column(60.0, 20.0, 10.0, None, 5.0)),
        "PARETO_RETURNS": (WORKED, column(60.0, 20.0, 10.0, None, 5.0), 10.0, None),
        "PARETO_PROFIT": (WORKED, column(10.0, 40.0, None, 1.0, 0.0)),
        "PARETO_WHALE": (NAMES, WORKED, column(10.0, 40.0, None, 1.0, 0.0)),
        "PARETO_WHALE_PEAK": (WORKED, column(10.0, 40.0, None, 1.0, 0.0)),
        "PARETO_LOSS_MAKERS": (WORKED, column(10.0, 40.0, None, 1.0, 0.0)),
        "PROSPECT_SCORE": (WORKED, column(1.0, 0.5, 0.2, 0.9, 0.6)),
        "PROSPECT_BUDGET": (1000.0, WORKED, column(1.0, 0.5, 0.2, 0.9, 0.6)),
    }[name]
    result = call(name, *args)
    assert isinstance(result, list) and result and all(isinstance(r, list) for r in result)
    assert len({len(r) for r in result}) == 1
    for line in result:
        for cell in line:
            assert type(cell) in (int, float, str), (name, cell, type(cell))


def test_pareto_table_error_in_clients_is_reported() -> None:
    with pytest.raises(XlparetoError, match="clients: #N/A at position 2"):
        call("PARETO_TABLE", column("a", COM_ERRORS["#N/A"]), column(1.0, 2.0))


def test_real_decorators_load_a_fresh_package_and_leave_the_imported_one() -> None:
    """``xlpareto.udfs`` is a package: every submodule is loaded fresh under the real
    decorators (so re-exported functions carry metadata), and the modules already imported
    stay the ones ``sys.modules`` and ``xlpareto.udfs`` hold."""
    import sys

    import xlpareto
    from xlpareto.xlwings_metadata import load_with_real_decorators

    before = {n: m for n, m in sys.modules.items() if n.startswith("xlpareto.udfs")}
    fresh = load_with_real_decorators()
    assert {n: m for n, m in sys.modules.items() if n.startswith("xlpareto.udfs")} == before
    assert xlpareto.udfs is plain_udfs and fresh is not plain_udfs
    for name in FUNCTIONS:
        assert hasattr(getattr(fresh, name), "__xlfunc__"), name
        assert not hasattr(getattr(plain_udfs, name), "__xlfunc__"), name
