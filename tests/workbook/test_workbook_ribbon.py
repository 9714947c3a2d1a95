"""The ribbon part: valid against Microsoft's customUI14 schema, callbacks exist in the VBA."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import xmlschema

from xlpareto.workbook.ribbon import CUSTOM_UI, CUSTOM_UI_NAMESPACE, CUSTOM_UI_PART, callbacks
from xlpareto.workbook.vba_sources import vba_modules

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_template.xlsm"
ENTRY_POINTS = ("refresh_from_excel", "clear_from_excel", "settings_from_excel", "help_from_excel")


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "customui14.xsd"))


def test_ribbon_part_in_the_template_is_ours() -> None:
    with zipfile.ZipFile(TEMPLATE) as package:
        assert package.read(CUSTOM_UI_PART).decode() == CUSTOM_UI


def test_ribbon_validates_against_customui14(schema: xmlschema.XMLSchema) -> None:
    assert schema.target_namespace == CUSTOM_UI_NAMESPACE
    schema.validate(CUSTOM_UI)


def test_schema_check_can_fail(schema: xmlschema.XMLSchema) -> None:
    broken = CUSTOM_UI.replace('size="large"', 'size="huge"')
    assert not schema.is_valid(broken)


def test_tab_and_buttons(schema: xmlschema.XMLSchema) -> None:
    data = schema.to_dict(CUSTOM_UI)
    tab = data["ribbon"]["tabs"]["tab"][0]
    assert tab["@label"] == "Pareto"
    buttons = [b for group in tab["group"] for b in group["button"]]
    labels = {b["@label"]: b for b in buttons}
    assert list(labels) == ["Refresh analysis", "Clear analysis", "Settings", "Help"]
    assert labels["Refresh analysis"]["@size"] == "large"
    assert all(b.get("@imageMso") for b in buttons)


def test_every_callback_is_a_ribbon_sub_calling_a_fixed_entry_point() -> None:
    code = "\n".join(m.code for m in vba_modules() if m.kind == "standard")
    entry_points = []
    for name in callbacks():
        match = re.search(
            rf"^Public Sub {name}\(control As IRibbonControl\)\n(.*?)^End Sub",
            code,
            re.M | re.S,
        )
        assert match, f"no Sub {name}(control As IRibbonControl)"
        body = match[1].strip()
        call = re.fullmatch(r'RunPython "import xlpareto\.macros as m; m\.(\w+)\(\)"', body)
        assert call, body
        entry_points.append(call[1])
    assert tuple(entry_points) == ENTRY_POINTS


def test_on_action_names_the_module_of_the_callback(schema: xmlschema.XMLSchema) -> None:
    """As xlwings' ribbons do (``onAction="Module.Sub"``): no clash with a Sub of the same
    name elsewhere in the project."""
    from xlpareto.workbook.ribbon import CALLBACK_MODULE
    from xlpareto.workbook.vba_sources import RIBBON_MODULE

    tab = schema.to_dict(CUSTOM_UI)["ribbon"]["tabs"]["tab"][0]
    actions = [b["@onAction"] for group in tab["group"] for b in group["button"]]
    assert actions == [f"{CALLBACK_MODULE}.{name}" for name in callbacks()]
    assert RIBBON_MODULE == CALLBACK_MODULE
    assert RIBBON_MODULE in [m.name for m in vba_modules()]
