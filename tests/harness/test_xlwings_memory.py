"""The in-memory xlwings engine: API conformance with xlwings.base_classes, seeding from a
file, and xlwings' own high-level API and converters running on top of it."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
import xlwings as xw
from hypothesis import given, settings
from hypothesis import strategies as st
from xlwings import base_classes
from xlwings_memory import (
    SeriesState,
    activated,
    app_state,
    book_snapshot,
    cell,
    chart_series,
    engine,
    load_workbook_into_memory,
    mock_caller,
    new_book,
    objects,
    ranges,
    workbook,
)
from xlwings_memory.fixtures import memory_book, xlwings_memory  # noqa: F401

WINDOWS_ENGINE = Path(xw.__file__).parent / "_xlwindows.py"

#: Members that base_classes lacks (App.engine) or declares with fewer parameters than
#: xlwings.main passes (Sheets.add gets ``name``, Tables.add gets ``name``). They are checked
#: against the Windows engine instead, which is what xlwings.main is written against.
FROM_WINDOWS_ENGINE = {("App", "engine"), ("Sheets", "add"), ("Tables", "add")}

_SKIP = {
    "__init__",
    "__module__",
    "__doc__",
    "__qualname__",
    "__dict__",
    "__weakref__",
    "__annotations__",
    "__firstlineno__",
    "__static_attributes__",
    "__abstractmethods__",
    "_abc_impl",
}


# --- API conformance ----------------------------------------------------------------------
def _engine_classes():
    for module in (engine, workbook, ranges, objects):
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__:
                yield cls


def _public_members(cls):
    for name, member in vars(cls).items():
        if name in _SKIP or (name.startswith("_") and not name.startswith("__")):
            continue
        yield name, member


def _shape(member):
    """(kind, parameters, has_setter) of a class member."""
    if isinstance(member, property):
        return "property", _params(member.fget), member.fset is not None
    if isinstance(member, staticmethod):
        return "staticmethod", _params(member.__func__), False
    return "method", _params(member), False


def _params(function):
    return [(p.name, p.kind) for p in inspect.signature(function).parameters.values()]


def _windows_shapes():
    """Class name -> member name -> shape, read from the Windows engine's source."""
    tree = ast.parse(WINDOWS_ENGINE.read_text())
    kinds = {
        "posonlyargs": inspect.Parameter.POSITIONAL_ONLY,
        "args": inspect.Parameter.POSITIONAL_OR_KEYWORD,
        "kwonlyargs": inspect.Parameter.KEYWORD_ONLY,
    }
    shapes = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        members = shapes.setdefault(node.name, {})
        for item in node.body:
            if not isinstance(item, ast.FunctionDef):
                continue
            params = [
                (a.arg, kind) for field, kind in kinds.items() for a in getattr(item.args, field)
            ]
            if item.args.vararg:
                params.insert(
                    len(item.args.posonlyargs) + len(item.args.args),
                    (item.args.vararg.arg, inspect.Parameter.VAR_POSITIONAL),
                )
            if item.args.kwarg:
                params.append((item.args.kwarg.arg, inspect.Parameter.VAR_KEYWORD))
            decorators = [ast.unparse(d) for d in item.decorator_list]
            old = members.get(item.name)
            if any(d.endswith(".setter") for d in decorators):
                members[item.name] = (old[0], old[1], True)
            elif "property" in decorators:
                members[item.name] = ("property", params, False)
            elif "staticmethod" in decorators:
                members[item.name] = ("staticmethod", params, False)
            else:
                members[item.name] = ("method", params, False)
    return shapes


def test_every_engine_class_extends_the_base_class_of_its_name():
    for cls in _engine_classes():
        if cls is engine.Engine or cls is objects.Collection:
            continue
        bases = [b for b in cls.__mro__ if b.__module__ == "xlwings.base_classes"]
        assert cls.__name__ in [b.__name__ for b in bases], cls


def _conformance(classes):
    """(problems, members checked, members resolved against the Windows engine)."""
    windows = _windows_shapes()
    problems, checked, from_windows = [], 0, set()
    for cls in classes:
        bases = [b for b in cls.__mro__ if b.__module__ == "xlwings.base_classes"]
        for name, member in _public_members(cls):
            ours = _shape(member)
            base = next((vars(b)[name] for b in bases if name in vars(b)), None)
            checked += 1
            if base is not None and _shape(base)[:2] == ours[:2]:
                if ours[2] and not _shape(base)[2]:
                    problems.append(f"{cls.__name__}.{name} adds a setter")
            elif (cls.__name__, name) in FROM_WINDOWS_ENGINE and windows.get(cls.__name__, {}).get(
                name, (None, None)
            )[:2] == ours[:2]:
                from_windows.add((cls.__name__, name))
            else:
                there = "" if base is None else f" (base_classes: {_shape(base)[:2]})"
                problems.append(f"{cls.__name__}.{name} {ours[:2]}{there}")
    return problems, checked, from_windows


def test_every_member_exists_in_base_classes_with_the_same_parameters():
    classes = [c for c in _engine_classes() if c is not engine.Engine]
    problems, checked, from_windows = _conformance(classes)
    assert problems == []
    assert from_windows == FROM_WINDOWS_ENGINE
    assert checked >= 130


def test_conformance_check_catches_invented_members_and_parameters():
    class Range(base_classes.Range):
        def get_address(self, row_absolute, col_absolute, external, extra):
            pass

        def shiny(self):
            pass

        @property
        def address(self):
            return "$A$1"

        @address.setter
        def address(self, value):
            pass

    problems, checked, _ = _conformance([Range])
    assert checked == 3 and len(problems) == 3


def test_engine_object_matches_the_windows_engine():
    windows = _windows_shapes()["Engine"]
    members = dict(_public_members(engine.Engine))
    assert set(members) == {"name", "type", "prepare_xl_data_element", "clean_value_data"}
    for name, member in members.items():
        assert windows[name][:2] == _shape(member)[:2], name
    assert hasattr(engine.engine, "apps")  # an attribute, as in the remote engines


# --- a small workbook made with XlsxWriter ------------------------------------------------
@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("memory")
    path = folder / "sample.xlsm"
    with zipfile.ZipFile(Path(xw.__file__).parent / "quickstart_standalone.xlsm") as macros:
        (folder / "vbaProject.bin").write_bytes(macros.read("xl/vbaProject.bin"))
    workbook = xlsxwriter.Workbook(path)
    workbook.add_vba_project(folder / "vbaProject.bin")
    money = workbook.add_format({"num_format": "#,##0.00"})
    percent = workbook.add_format({"num_format": "0%"})
    text = workbook.add_format({"num_format": "@"})
    quoted = workbook.add_format({"quote_prefix": True})

    start = workbook.add_worksheet("Start")
    start.write("A1", "Welcome")
    clients = workbook.add_worksheet("Clients")
    clients.add_table(
        "A1:C4",
        {
            "name": "Clients",
            "columns": [{"header": "Client"}, {"header": "Revenue"}, {"header": "Revenue prior"}],
            "data": [["Acme", 100, 80], ["Beta", 50.5, None], ["Gamma", 25, 30]],
        },
    )
    clients.set_column("B:C", 12, money)
    clients.write_formula("E1", "=SUM(Clients[Revenue])", None, 175.5)
    clients.write_string("E2", "=1+1", quoted)
    clients.write_string("E3", "=2+2", text)
    clients.write_datetime(
        "E4", dt.datetime(2024, 5, 17), workbook.add_format({"num_format": "yyyy-mm-dd"})
    )
    clients.write_dynamic_array_formula("G1:G3", "=SORT(A2:A4)", None, "Acme")
    settings_sheet = workbook.add_worksheet("Settings")
    settings_sheet.write("A4", "Cutoff A")
    settings_sheet.write("B4", 0.8, percent)
    settings_sheet.write("B5", "Fixed")
    workbook.define_name("CutoffA", "=Settings!$B$4")
    workbook.define_name("Settings!LocalMethod", "=Settings!$B$5")
    analysis = workbook.add_worksheet("Analysis")
    analysis.add_table(
        "A1:C4",
        {
            "name": "ParetoTable",
            "columns": [{"header": "Rank"}, {"header": "Client"}, {"header": "Revenue"}],
            "data": [[1, "Acme", 100], [2, "Beta", 50.5], [3, "Gamma", 25]],
        },
    )
    column = workbook.add_chart({"type": "column", "name": "Pareto"})
    column.add_series(
        {
            "name": "=Analysis!$C$1",
            "categories": "=Analysis!$B$2:$B$4",
            "values": "=Analysis!$C$2:$C$4",
        }
    )
    line = workbook.add_chart({"type": "line"})
    line.add_series(
        {
            "name": "Cumulative",
            "categories": "=Analysis!$B$2:$B$4",
            "values": "=Analysis!$A$2:$A$4",
            "y2_axis": True,
        }
    )
    column.combine(line)
    column.set_title({"name": "Revenue"})
    analysis.insert_chart("E2", column)
    hidden = workbook.add_worksheet("xlwings.conf")
    hidden.write_row("A1", ["UDF Modules", "xlpareto.udfs"])
    hidden.hide()
    clients.activate()
    workbook.close()
    return path


@pytest.fixture
def book(sample_path) -> xw.Book:
    return load_workbook_into_memory(sample_path)


# --- seeding ------------------------------------------------------------------------------
def test_seed_reads_sheets_in_order_with_visibility(book):
    assert [s.name for s in book.sheets] == [
        "Start",
        "Clients",
        "Settings",
        "Analysis",
        "xlwings.conf",
    ]
    assert [s.visible for s in book.sheets] == [True, True, True, True, False]
    assert book.sheets.active.name == "Clients"
    assert book.name == "sample.xlsm"


def test_seed_reads_values_formulas_and_text(book):
    clients = book.sheets["Clients"]
    assert clients["A2:C4"].value == [
        ["Acme", 100.0, 80.0],
        ["Beta", 50.5, None],
        ["Gamma", 25.0, 30.0],
    ]
    total = cell(clients["E1"])
    assert total.is_formula and total.formula == "=SUM(Clients[Revenue])"
    assert clients["E1"].value == 175.5  # the cached result stored in the file
    assert cell(clients["E2"]) == xw_cell("=1+1", None, "'", "General")
    assert cell(clients["E3"]) == xw_cell("=2+2", None, "", "@")
    assert cell(clients["G1"]).formula == "=SORT(A2:A4)"  # file prefixes _xlfn./_xlws. dropped
    assert clients["G1"].value == "Acme"
    assert clients["E4"].value == dt.datetime(2024, 5, 17)
    assert clients["E4"].number_format == "yyyy-mm-dd"


def xw_cell(value, formula, prefix, number_format):
    from xlwings_memory import CellState

    return CellState(value, formula, prefix, number_format)


def test_seed_reads_tables_names_and_charts(book):
    table = book.sheets["Clients"].tables["Clients"]
    assert table.range.address == "$A$1:$C$4"
    assert table.header_row_range.value == ["Client", "Revenue", "Revenue prior"]
    assert table.show_totals is False
    assert book.names["CutoffA"].refers_to == "=Settings!$B$4"
    assert book.names["CutoffA"].refers_to_range.value == 0.8
    assert book.sheets["Settings"]["CutoffA"].number_format == "0%"
    assert book.sheets["Settings"].names["Settings!LocalMethod"].refers_to_range.value == "Fixed"
    chart = book.sheets["Analysis"].charts["Pareto"]
    assert chart.chart_type == "combination"
    assert chart.title == "Revenue"
    series = list(chart.series)
    assert [s.name for s in series] == ["Revenue", "Cumulative"]
    assert [s.chart_type for s in series] == ["column_clustered", "line"]
    assert [s.axis_group for s in series] == ["primary", "secondary"]
    assert chart_series(chart) == [
        SeriesState(
            "Revenue", "Analysis!$C$2:$C$4", "Analysis!$B$2:$B$4", "column_clustered", "primary"
        ),
        SeriesState("Cumulative", "Analysis!$A$2:$A$4", "Analysis!$B$2:$B$4", "line", "secondary"),
    ]


# --- xlwings' conversion on top of the engine ---------------------------------------------
def test_dataframe_read_of_a_table_range(book):
    table = book.sheets["Clients"].tables["Clients"]
    frame = table.range.options(pd.DataFrame, index=False).value
    expected = pd.DataFrame(
        {
            "Client": ["Acme", "Beta", "Gamma"],
            "Revenue": [100.0, 50.5, 25.0],
            "Revenue prior": [80.0, None, 30.0],
        }
    )
    pd.testing.assert_frame_equal(frame, expected)


def test_dataframe_write_and_numbers_option(book):
    sheet = book.sheets["Start"]
    frame = pd.DataFrame(
        {"n": [1, 2], "when": pd.to_datetime(["2024-01-02", "2024-01-03 12:30"], format="ISO8601")}
    )
    sheet["C1"].options(index=False).value = frame
    assert sheet["C1"].expand().value == [
        ["n", "when"],
        [1.0, dt.datetime(2024, 1, 2)],
        [2.0, dt.datetime(2024, 1, 3, 12, 30)],
    ]
    assert sheet["C2:C3"].options(numbers=int).value == [1, 2]
    assert sheet["D2"].number_format == "m/d/yyyy"


def test_two_dimensional_writes_expand_and_resize(book):
    sheet = book.sheets.add("Scratch")
    sheet["B2"].value = [["a", "b", "c"], [1, 2, 3], [4, 5, 6]]
    assert sheet["B2"].expand("table").address == "$B$2:$D$4"
    assert sheet["B2"].expand("down").address == "$B$2:$B$4"
    assert sheet["B2"].expand("right").address == "$B$2:$D$2"
    assert sheet["B2"].resize(2, 2).value == [["a", "b"], [1.0, 2.0]]
    assert sheet["B2"].offset(1, 1).value == 2.0
    assert sheet["B2:D4"].options(ndim=2, transpose=True).value[0] == ["a", 1.0, 4.0]
    sheet["F1:G2"].value = 7  # a scalar fills the whole range, as in Excel
    assert sheet["F1:G2"].value == [[7.0, 7.0], [7.0, 7.0]]
    sheet["B3:D3"].clear_contents()
    assert sheet["B2"].expand().address == "$B$2:$D$2"
    assert sheet.used_range.address == "$B$1:$G$4"
    assert sheet["B2"].end("down").address == "$B$4"
    assert sheet["B4"].end("up").address == "$B$2"


def test_table_resize_keeps_stale_cells_and_rebinds_the_chart(book):
    analysis = book.sheets["Analysis"]
    table = analysis.tables["ParetoTable"]
    table.resize(analysis["A1"].resize(3, 3))  # shrink: header + 2 rows
    assert table.data_body_range.address == "$A$2:$C$3"
    assert analysis["A4:C4"].value == [3.0, "Gamma", 25.0]  # Excel leaves them: callers clear
    chart = analysis.charts["Pareto"]
    bound = chart_series(chart)[0]
    assert (bound.values, bound.categories) == ("Analysis!$C$2:$C$3", "Analysis!$B$2:$B$3")
    table.resize(analysis["A1:D6"])  # grow: the new header cell gets Excel's default name
    assert table.header_row_range.value == ["Rank", "Client", "Revenue", "Column4"]
    assert chart_series(chart)[0].values == "Analysis!$C$2:$C$6"
    assert chart_series(chart)[1].values == "Analysis!$A$2:$A$6"
    with pytest.raises(ValueError, match="same row"):
        table.resize(analysis["A2:C6"])


def test_table_headers_stay_text(book):
    table = book.sheets["Analysis"].tables["ParetoTable"]
    table.header_row_range[0, 1].value = 2024
    table.header_row_range[0, 2].clear_contents()
    assert table.header_row_range.value == ["Rank", "2024", "Column3"]


def test_names_read_and_write_through_refers_to_range(book):
    book.names["CutoffA"].refers_to_range.value = 0.7
    assert book.sheets["Settings"]["B4"].value == 0.7
    assert book.sheets["Settings"].range("CutoffA").value == 0.7
    book.sheets["Settings"]["B6"].name = "BudgetTotal"
    assert book.names["BudgetTotal"].refers_to == "=Settings!$B$6"
    assert "BudgetTotal" in book.names and "Nope" not in book.names
    book.sheets["Settings"].name = "Options"
    assert book.names["CutoffA"].refers_to == "=Options!$B$4"


def test_number_formats(book):
    sheet = book.sheets["Start"]
    sheet["A2:B3"].number_format = "0.0%"
    assert sheet["A2:B3"].number_format == "0.0%"
    assert sheet["A2:C3"].number_format is None  # mixed, as Excel reports it
    sheet["A2"].clear_formats()
    assert sheet["A2"].number_format == "General"


@pytest.mark.parametrize(
    ("written", "formula", "value"),
    [
        ("=1+1", "=1+1", None),
        ("+CMD|' /C calc'!A0", "=+CMD|' /C calc'!A0", None),
        ("-2+3", "=-2+3", None),
        ("@SUM(A1)", "=SUM(A1)", None),
        ("-2", None, -2.0),
        ("007", None, 7.0),
        ("50%", None, 0.5),
        ("true", None, True),
        ("plain", None, "plain"),
    ],
)
def test_strings_are_entered_like_excel_does(written, formula, value):
    sheet = new_book().sheets[0]
    sheet["A1"].value = written
    assert cell(sheet["A1"]).formula == formula
    assert sheet["A1"].value == value


@pytest.mark.parametrize("name", ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", "007"])
def test_two_ways_to_keep_text_literal(name):
    sheet = new_book().sheets[0]
    sheet["A1"].value = "'" + name
    sheet["B1"].number_format = "@"
    sheet["B1"].value = name
    assert [sheet["A1"].value, sheet["B1"].value] == [name, name]
    assert not cell(sheet["A1"]).is_formula and cell(sheet["A1"]).prefix_character == "'"
    assert not cell(sheet["B1"]).is_formula and cell(sheet["B1"]).prefix_character == ""


def test_formula_property_reads_and_writes_formulas():
    sheet = new_book().sheets[0]
    sheet["A1:A2"].value = [[1], [2]]
    sheet["A3"].formula = "=SUM(A1:A2)"
    assert sheet["A3"].formula == "=SUM(A1:A2)"
    assert sheet["A3"].value is None  # not evaluated in memory
    assert sheet["A1:A3"].formula == (("1",), ("2",), ("=SUM(A1:A2)",))


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_any_string_survives_an_apostrophe_or_text_format(text):
    sheet = new_book().sheets[0]
    sheet["A1"].value = "'" + text
    sheet["B1"].number_format = "@"
    sheet["B1"].value = text
    assert sheet["A1"].value == text
    assert sheet["B1"].value == (text if not text.startswith("'") else text[1:])
    assert not cell(sheet["A1"]).is_formula and not cell(sheet["B1"]).is_formula


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(
            st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=3, max_size=3
        ),
        min_size=1,
        max_size=8,
    )
)
def test_numeric_blocks_round_trip(rows):
    sheet = new_book().sheets[0]
    sheet["C3"].value = rows
    assert sheet["C3"].resize(len(rows), 3).options(ndim=2).value == [
        [float(x) for x in r] for r in rows
    ]


# --- app, entry points, isolation ----------------------------------------------------------
def test_app_settings_are_recorded_and_restored(book):
    app = book.app
    with app.properties(screen_updating=False, calculation="manual", status_bar="Working..."):
        app.status_bar = "Step 2"
        assert app.screen_updating is False and app.calculation == "manual"
    assert app.screen_updating is True and app.calculation == "automatic"
    state = app_state(book)
    assert state.changes("status_bar") == ["Working...", "Step 2", False]
    assert state.status_bar is False
    with pytest.raises(ValueError, match="calculation"):
        app.calculation = "sometimes"


def test_alerts_are_recorded(book):
    answer = book.app.alert("Table 'Clients' is missing.", title="xlpareto", mode="critical")
    assert answer == "ok"
    alert = app_state(book).alerts[-1]
    assert (alert.prompt, alert.title, alert.mode) == (
        "Table 'Clients' is missing.",
        "xlpareto",
        "critical",
    )


def test_xw_book_and_caller_use_the_active_engine(sample_path, xlwings_memory):  # noqa: F811
    opened = xw.Book(sample_path)
    assert xw.Book(sample_path) == opened  # found again by name, like Excel
    assert opened.app in list(xw.apps)
    assert xw.books.active == opened
    assert opened.app.engine.name == "memory"
    with mock_caller(opened):
        assert xw.Book.caller() == opened
    assert not hasattr(xw.Book, "_mock_caller")


def test_memory_book_fixture_gives_independent_books(sample_path, memory_book):  # noqa: F811
    first, second = memory_book(sample_path), memory_book(sample_path)
    first.sheets["Start"]["A1"].value = "changed"
    assert second.sheets["Start"]["A1"].value == "Welcome"
    assert app_state(first) is not app_state(second)


def test_snapshot_detects_any_change_on_a_sheet(book):
    before = book_snapshot(book)
    book.sheets["Analysis"]["A10"].value = 1
    after = book_snapshot(book)
    assert {name for name in before if before[name] != after[name]} == {"Analysis"}
    book.sheets["Start"]["Z1"].number_format = "0.00"
    assert book_snapshot(book)["Start"] != before["Start"]


def test_sheet_clear_contents_keeps_formats_and_table_headers(book):
    clients = book.sheets["Clients"]
    clients.clear_contents()
    assert clients.tables["Clients"].header_row_range.value == ["Column1", "Column2", "Column3"]
    assert clients["A2"].value is None and clients["E4"].number_format == "yyyy-mm-dd"


def test_engine_deactivates_cleanly():
    previous = xw.engines.active
    with activated():
        assert xw.engines.active.name == "memory"
        xw.Book()
        assert len(xw.apps) == 1
    assert xw.engines.active is previous
