"""xlpareto.lite: the worksheet functions and ribbon scripts for xlwings Lite, on the same
code as xlpareto.udfs and xlpareto.macros (no second implementation), declared as the
classic xlwings functions are."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
import xlwings as xw
from xlwings_memory import app_state, load_workbook_into_memory, script_run

from xlpareto import layout, lite, macros, udfs
from xlpareto.layout.analysis_sheet import ANALYSIS, ANALYSIS_WITH_PROFIT
from xlpareto.xlwings_metadata import load_with_real_decorators

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"
REVENUES = [[50.0], [30.0], [10.0], [5.0], [5.0], ["#N/A"]]


@pytest.fixture(scope="module")
def classic():
    """xlpareto.udfs under xlwings' real (Windows) decorators: its __xlfunc__ metadata."""
    return load_with_real_decorators()


def test_every_worksheet_function_has_a_lite_twin() -> None:
    for name in udfs.__all__:
        ours, theirs = getattr(lite, name), getattr(udfs, name)
        assert inspect.signature(ours) == inspect.signature(theirs), name
        assert ours.__doc__ == theirs.__doc__ and ours.__doc__, name  # Lite's function help


@pytest.mark.parametrize("name", udfs.__all__)
def test_arguments_declared_like_the_classic_functions(classic, name: str) -> None:
    meta = lite.xlfunc(getattr(lite, name))
    expected = {arg["name"]: arg for arg in getattr(classic, name).__xlfunc__["args"]}
    assert meta["args"].keys() == expected.keys()
    for arg, options in meta["args"].items():
        assert options["doc"] == expected[arg]["doc"], (name, arg)
        assert {k: options[k] for k in ("ndim", "err_to_str")} == {"ndim": 2, "err_to_str": True}
        assert {k: expected[arg]["options"][k] for k in ("ndim", "err_to_str")} == {
            "ndim": 2,
            "err_to_str": True,
        }
    assert meta["doc"] == getattr(udfs, name).__doc__


@pytest.mark.parametrize("name", udfs.__all__)
def test_each_function_only_delegates(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The body is one call of the udfs function with every argument, in order."""
    # no second implementation: the twin is made from the udf (its signature and help)
    assert getattr(lite, name).__wrapped__ is getattr(udfs, name)
    calls = []
    monkeypatch.setattr(udfs, name, lambda *args: calls.append(args) or "delegated")
    parameters = list(inspect.signature(getattr(lite, name)).parameters)
    assert getattr(lite, name)(*parameters) == "delegated"
    assert calls == [tuple(parameters)]


def test_same_results_and_errors_as_the_udfs() -> None:
    clean = REVENUES[:-1]
    assert lite.PARETO_TIER(clean) == udfs.PARETO_TIER(clean) == [["A"], ["A"], ["B"], ["B"], ["B"]]
    assert lite.PARETO_SUMMARY(clean) == udfs.PARETO_SUMMARY(clean)
    assert lite.PARETO_GINI(clean) == udfs.PARETO_GINI(clean)
    with pytest.raises(ValueError, match="#N/A at position 6"):
        lite.PARETO_GINI(REVENUES)


def test_the_open_package_gets_the_recording_shim_only() -> None:
    """Here (no xlwings Lite/Server, not Windows) xlwings' func/script record nothing; the
    shim records the declarations. In Lite the real decorators are used."""
    assert xw.func.__module__ == "xlwings"
    assert not lite._records_metadata()
    assert lite.func is not xw.func and lite.script is not xw.script


@pytest.mark.parametrize("mode", ["desktop", "remote"])
def test_the_scripts_run_the_portable_refresh_and_clear(mode: str) -> None:
    book = load_workbook_into_memory(TEMPLATE, mode=mode)
    for name in lite.SCRIPTS:
        meta = getattr(lite, name).__xlscript__
        assert list(inspect.signature(getattr(lite, name)).parameters) == ["book"]
        assert inspect.signature(getattr(lite, name)).parameters["book"].annotation in (
            "xw.Book",
            xw.Book,
        )
        assert meta["doc"]
    with script_run(book):
        lite.refresh_analysis(book)
    table = book.sheets[layout.ANALYSIS_SHEET].tables[layout.ANALYSIS_TABLE]
    assert len(table.data_body_range.rows) == 200
    assert [a.mode for a in app_state(book).alerts] == ["info"]
    with script_run(book):
        lite.clear_analysis(book)
    clients = book.sheets[layout.CLIENTS_SHEET].tables[layout.CLIENTS_TABLE]
    costed = "Cost to serve" in clients.header_row_range.options(ndim=1).value
    spec = ANALYSIS_WITH_PROFIT if costed else ANALYSIS  # the template has costs
    assert table.data_body_range.value == [None] * spec.table.width


def test_the_scripts_call_the_macros(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    monkeypatch.setattr(macros, "refresh", lambda book: seen.append(("refresh", book)))
    monkeypatch.setattr(macros, "clear_analysis", lambda book: seen.append(("clear", book)))
    lite.refresh_analysis("the book")
    lite.clear_analysis("the book")
    assert seen == [("refresh", "the book"), ("clear", "the book")]


def test_main_py_imports_every_function_and_script() -> None:
    source = lite.main_py()
    tree = ast.parse(source)
    (imported,) = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert imported.module == "xlpareto.lite"
    assert sorted(alias.name for alias in imported.names) == sorted(lite.__all__)
    namespace: dict = {}
    exec(compile(source, "main.py", "exec"), namespace)
    assert namespace["PARETO_TIER"] is lite.PARETO_TIER
    assert namespace["refresh_analysis"] is lite.refresh_analysis


def test_requirements_pin_xlwings_and_name_xlpareto() -> None:
    import xlpareto

    lines = [line for line in lite.requirements_txt().splitlines() if not line.startswith("#")]
    assert f"xlwings=={xw.__version__}" in lines
    assert f"xlpareto=={xlpareto.__version__}" in lines
    url = "https://example.com/xlpareto-0.1.0-py3-none-any.whl"
    assert url in lite.requirements_txt(url).splitlines()
