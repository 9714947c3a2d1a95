"""The template's package: parts, content types, relationships, VBA project, reproducibility."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from xlpareto import layout, udfs
from xlpareto.errors import XlparetoError
from xlpareto.workbook import build_template, new_workbook, workbook_bytes
from xlpareto.workbook.package import ZIP_DATE
from xlpareto.workbook.ribbon import CUSTOM_UI_PART, CUSTOM_UI_RELATIONSHIP
from xlpareto.workbook.vba.packager import stored_source
from xlpareto.workbook.vba_sources import XLWINGS_DIR, vba_modules

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "workbook_template.xlsm"
MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PROJECT = "application/vnd.ms-office.vbaProject"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def template_parts() -> dict[str, bytes]:
    return _parts(TEMPLATE.read_bytes())


def test_committed_template_is_up_to_date(tmp_path: Path) -> None:
    """Rebuild and compare part by part (bytes), then the whole file."""
    rebuilt = build_template(tmp_path / "rebuilt.xlsm").read_bytes()
    committed, fresh = _parts(TEMPLATE.read_bytes()), _parts(rebuilt)
    assert list(committed) == list(fresh), "part list or order changed: run `xlpareto template`"
    stale = [name for name in committed if committed[name] != fresh[name]]
    assert not stale, f"stale parts {stale}: run `xlpareto template`"
    assert TEMPLATE.read_bytes() == rebuilt


def test_zip_entries_have_fixed_timestamps(template_parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(TEMPLATE) as package:
        assert {info.date_time for info in package.infolist()} == {ZIP_DATE}
    assert b"2026-01-01T00:00:00Z" in template_parts["docProps/core.xml"]


def test_content_types_declare_a_macro_enabled_workbook(template_parts: dict[str, bytes]) -> None:
    types = template_parts["[Content_Types].xml"].decode()
    assert f'PartName="/xl/workbook.xml" ContentType="{MACRO_WORKBOOK}"' in types
    assert f'<Default Extension="bin" ContentType="{VBA_PROJECT}"/>' in types
    assert '<Default Extension="xml" ContentType="application/xml"/>' in types  # customUI
    assert "xl/vbaProject.bin" in template_parts and CUSTOM_UI_PART in template_parts


def test_relationships_point_at_ribbon_and_vba_project(template_parts: dict[str, bytes]) -> None:
    rels = template_parts["_rels/.rels"].decode()
    assert re.search(
        rf'Type="{re.escape(CUSTOM_UI_RELATIONSHIP)}" Target="{re.escape(CUSTOM_UI_PART)}"', rels
    )
    book_rels = template_parts["xl/_rels/workbook.xml.rels"].decode()
    assert 'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"' in book_rels
    assert 'Target="vbaProject.bin"' in book_rels


def test_code_names_match_document_modules(template_parts: dict[str, bytes]) -> None:
    workbook = template_parts["xl/workbook.xml"].decode()
    assert f'<workbookPr codeName="{layout.WORKBOOK_CODENAME}"' in workbook
    sheet_names = re.findall(r'<sheet name="([^"]+)" sheetId="(\d+)"', workbook)
    assert [name for name, _ in sheet_names] == list(layout.SHEETS)
    code_names = [
        re.search(r'codeName="([^"]+)"', template_parts[f"xl/worksheets/sheet{i}.xml"].decode())[1]
        for _, i in sheet_names
    ]
    assert code_names == [layout.SHEET_CODENAMES[s] for s in layout.SHEETS]
    documents = [m.name for m in vba_modules() if m.kind == "document"]
    assert documents == [layout.WORKBOOK_CODENAME, *code_names]


def test_olevba_extracts_every_module_with_our_source() -> None:
    parser = VBA_Parser(str(TEMPLATE))
    try:
        extracted = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
    modules = vba_modules()
    assert list(extracted) == [m.name for m in modules]
    for module in modules:
        assert extracted[module.name] == stored_source(module), module.name


def test_xlwings_module_is_the_installed_xlwings_bas_verbatim() -> None:
    module = next(m for m in vba_modules() if m.name == "xlwings")
    installed = (XLWINGS_DIR / "xlwings.bas").read_bytes().decode("cp1252")
    expected = installed if installed.endswith("\r\n") else installed + "\r\n"
    assert stored_source(module) == expected
    dictionary = next(m for m in vba_modules() if m.name == "Dictionary")
    assert "Drop-in replacement for Scripting.Dictionary" in dictionary.code


def test_our_own_modules_have_no_conditional_compilation() -> None:
    ours = [m for m in vba_modules() if m.name not in ("xlwings", "Dictionary", "xlwings_udfs")]
    for module in ours:
        assert not re.search(r"^\s*#(If|Const|Else|End If)", module.code, re.M), module.name


def test_udf_wrappers_are_what_import_functions_writes() -> None:
    module = next(m for m in vba_modules() if m.name == "xlwings_udfs")
    assert module.code.startswith('Attribute VB_Name = "xlwings_udfs"\n')
    assert '#Const App = "Microsoft Excel"' in module.code
    for name in udfs.__all__:
        assert re.search(rf"^Function {name}\(", module.code, re.M)
        assert f'XLPy.CallUDF("{layout.UDF_MODULE}", "{name}"' in module.code


def test_function_help_registers_every_function() -> None:
    help_module = next(m for m in vba_modules() if m.name == "FunctionHelp")
    wrappers = next(m for m in vba_modules() if m.name == "xlwings_udfs")
    functions = re.findall(r"^Function (\w+)\(", wrappers.code, re.M)
    registered = re.findall(r'Application\.MacroOptions Macro:="(\w+)"', help_module.code)
    assert sorted(registered) == sorted(functions) == sorted(udfs.__all__)
    assert len(functions) == 23
    this_workbook = next(m for m in vba_modules() if m.name == "ThisWorkbook")
    assert "RegisterFunctionDescriptions" in this_workbook.code
    for literal in re.findall(r'"((?:[^"]|"")*)"', help_module.code):
        assert len(literal.replace('""', '"')) <= 255


def test_workbooks_are_reproducible_and_must_be_xlsm(tmp_path: Path) -> None:
    assert workbook_bytes() == workbook_bytes()
    with pytest.raises(XlparetoError, match=r"\.xlsm"):
        new_workbook(tmp_path / "book.xlsx")
