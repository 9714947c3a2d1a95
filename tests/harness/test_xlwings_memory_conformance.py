"""The in-memory xlwings engine conforms to ``xlwings.base_classes``: every class extends the
base class of its name, every member exists there with the same parameters."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import xlwings as xw
from xlwings import base_classes
from xlwings_memory import engine, names, objects, ranges, workbook

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
    for module in (engine, workbook, names, ranges, objects):
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
    assert checked >= 95


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
