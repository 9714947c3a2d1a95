"""The VBA project writer, compared with the VBA projects in the xlwings package: the one
Excel saved (``quickstart.xlsm``: record sequences, streams, document modules) and the
module texts xlwings ships (``quickstart_standalone.xlsm``, rewritten when xlwings builds
it: the ``Dictionary`` class as stored there).

What "text equals the source" means here: oletools' ``VBA_Parser.extract_macros`` returns
each module's full stored text (attribute lines included). We compare it with
``stored_source(module)``, and check separately that ``stored_source`` is the input with CRLF
line ends, a class export's ``VERSION``/``BEGIN``…``END`` block dropped, and the attribute
header lines that the VBA editor keeps (equal to the reference file's headers). The
``xlwings`` module must come out byte for byte as the installed ``xlwings.bas``.
"""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import olefile
import pytest
import xlsxwriter
from oletools.olevba import VBA_Parser, decompress_stream
from vba_cfb_check import check_compound_file
from vba_reference import XLWINGS_DIR, dir_records, excel_vba_bin, standalone_vba_bin

from xlpareto.errors import XlparetoError
from xlpareto.workbook.vba import VbaModule, build_vba_project
from xlpareto.workbook.vba.packager import stored_source
from xlpareto.workbook.vba.project_stream import decrypt, project_key

XLWINGS_BAS = (XLWINGS_DIR / "xlwings.bas").read_bytes().decode("cp1252")
DICTIONARY_CLS = (XLWINGS_DIR / "addin" / "Dictionary.cls").read_bytes().decode("cp1252")
RIBBON_BAS = 'Attribute VB_Name = "Ribbon"\r\nSub Refresh(control As IRibbonControl)\r\n' + (
    '    RunPython "import xlpareto.macros; xlpareto.macros.refresh()"\r\nEnd Sub\r\n'
)
MODULES = (
    VbaModule("ThisWorkbook", "document", ""),
    VbaModule("shStart", "document", "Option Explicit\n"),
    VbaModule("shData", "document", ""),
    VbaModule("xlwings", "standard", XLWINGS_BAS),
    VbaModule("Dictionary", "class", DICTIONARY_CLS),
    VbaModule("Ribbon", "standard", RIBBON_BAS),
    VbaModule("Utf8Test", "standard", 'Sub Grüße()\r\n    MsgBox "€ café"\r\nEnd Sub'),
)


@pytest.fixture(scope="module")
def project() -> bytes:
    return build_vba_project(MODULES)


@pytest.fixture(scope="module")
def reference() -> bytes:
    """The VBA project Excel saved (xlwings' quickstart.xlsm)."""
    return excel_vba_bin()


@pytest.fixture(scope="module")
def standalone() -> bytes:
    """xlwings' standalone module set (quickstart_standalone.xlsm; not saved by Excel)."""
    return standalone_vba_bin()


def _open(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def _stream(data: bytes, path: str) -> bytes:
    with _open(data) as ole:
        return ole.openstream(path).read()


def _dir(data: bytes) -> list[tuple[int, bytes]]:
    return dir_records(bytes(decompress_stream(bytearray(_stream(data, "VBA/dir")))))


def _macros(data: bytes) -> dict[str, tuple[str, str]]:
    """{module name: (olevba's file name, full text)} via oletools in strict mode."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser = VBA_Parser("vbaProject.bin", data=data, relaxed=False)
        try:
            return {
                stream_path.split("/")[-1]: (vba_filename, code)
                for _name, stream_path, vba_filename, code in parser.extract_macros()
            }
        finally:
            parser.close()


def _split_header(text: str) -> tuple[list[str], list[str]]:
    """The leading ``Attribute VB_`` lines and the remaining lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    count = next(i for i, line in enumerate(lines) if not line.startswith("Attribute VB_"))
    return lines[:count], lines[count:]


def _header(text: str) -> list[str]:
    return _split_header(text)[0]


# --- container and stream list -------------------------------------------------------------


def test_olefile_parses_our_file_without_issues(project: bytes):
    with _open(project) as ole:
        assert ole.parsing_issues == []
        assert ole.sector_size == 512 and ole.minisectorcutoff == 4096


def test_stream_list_has_the_shape_of_the_reference(project: bytes, reference: bytes):
    with _open(project) as ole:
        ours = {"/".join(path) for path in ole.listdir(streams=True, storages=True)}
    with olefile.OleFileIO(io.BytesIO(reference)) as ole:
        theirs = {"/".join(path) for path in ole.listdir(streams=True, storages=True)}
    fixed = {"PROJECT", "PROJECTwm", "VBA", "VBA/_VBA_PROJECT", "VBA/dir"}
    assert fixed <= theirs
    assert ours == fixed | {f"VBA/{module.name}" for module in MODULES}


def test_compound_file_structure_is_valid(project: bytes):
    entries = check_compound_file(project)
    assert entries["VBA"][0] == 1  # storage
    assert entries["VBA/xlwings"][3] >= 4096  # a regular stream
    assert entries["VBA/dir"][3] < 4096  # a mini stream


# --- module text -----------------------------------------------------------------------------


def test_olevba_extracts_every_module_with_its_stored_text(project: bytes):
    macros = _macros(project)
    assert list(macros) == [module.name for module in MODULES]
    for module in MODULES:
        extension = ".bas" if module.kind == "standard" else ".cls"
        assert macros[module.name] == (module.name + extension, stored_source(module))


def test_xlwings_module_is_stored_verbatim(project: bytes):
    assert XLWINGS_BAS.startswith('Attribute VB_Name = "xlwings"\r\n')
    assert _macros(project)["xlwings"][1] == XLWINGS_BAS
    assert "\r\n" in XLWINGS_BAS and "\n" not in XLWINGS_BAS.replace("\r\n", "")


def test_class_module_is_stored_as_xlwings_stores_it(project: bytes, standalone: bytes):
    ours = _macros(project)["Dictionary"][1]
    theirs = _macros(standalone)["Dictionary"][1]
    assert _header(ours) == _header(theirs)  # VB_Base, TemplateDerived, Customizable added
    assert not ours.startswith("VERSION")
    export_lines = DICTIONARY_CLS.split("\r\n")
    assert export_lines[:4] == ["VERSION 1.0 CLASS", "BEGIN", "  MultiUse = -1  'True", "END"]
    export_header, export_body = _split_header("\r\n".join(export_lines[4:]))
    assert set(export_header) < set(_header(ours))
    assert _split_header(ours)[1] == export_body


def test_document_module_headers_match_the_reference(project: bytes, reference: bytes):
    ours, theirs = _macros(project), _macros(reference)
    assert ours["ThisWorkbook"][1] == theirs["ThisWorkbook"][1]  # the reference's is empty too
    expected_sheet = theirs["Sheet1"][1].replace('"Sheet1"', '"shStart"')
    assert ours["shStart"][1] == expected_sheet + "Option Explicit\r\n"
    assert ours["shData"][1] == theirs["Sheet1"][1].replace('"Sheet1"', '"shData"')


def test_given_attributes_are_kept_and_not_duplicated():
    code = (
        'Attribute VB_Name = "shStart"\r\nAttribute VB_Customizable = False\r\nSub A()\r\nEnd Sub'
    )
    text = stored_source(VbaModule("shStart", "document", code))
    assert text.count("VB_Customizable") == 1 and "VB_Customizable = False" in text
    assert text.endswith("Sub A()\r\nEnd Sub\r\n")
    assert _header(text)[1] == 'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"'


def test_source_is_encoded_with_the_code_page(project: bytes):
    with _open(project) as ole:
        raw = bytes(decompress_stream(bytearray(ole.openstream("VBA/Utf8Test").read())))
    assert "Grüße".encode("cp1252") in raw and "€".encode("cp1252") in raw


# --- dir stream ------------------------------------------------------------------------------


def _split_dir(records: list[tuple[int, bytes]]):
    """(project information ids, [reference ids], [module ids], tail ids)."""
    ids = [record_id for record_id, _data in records]
    first_reference = ids.index(0x0016)
    modules_at = ids.index(0x000F)
    information = ids[:first_reference]
    references, current = [], []
    for record_id in ids[first_reference:modules_at]:
        if record_id == 0x0016 and current and current[-1] not in (0x0016, 0x003E):
            references.append(current)
            current = []
        current.append(record_id)
    references.append(current)
    modules, current = [], []
    for record_id in ids[modules_at + 2 : -1]:
        current.append(record_id)
        if record_id == 0x002B:
            modules.append(current)
            current = []
    assert current == []
    return information, references, modules, ids[modules_at : modules_at + 2] + ids[-1:]


def test_dir_record_sequence_matches_the_reference(project: bytes, reference: bytes):
    ours, theirs = _split_dir(_dir(project)), _split_dir(_dir(reference))
    # PROJECTINFORMATION, record by record; Excel also writes the optional
    # PROJECTCOMPATVERSION (0x004A, MS-OVBA 2.3.4.2.1.2), which we leave out
    assert 0x004A in theirs[0]
    assert ours[0] == [record for record in theirs[0] if record != 0x004A]
    office_reference = [0x0016, 0x003E, 0x000D]  # REFERENCENAME + REFERENCEREGISTERED
    assert office_reference in theirs[1]
    assert ours[1] == [office_reference, office_reference]  # stdole, Office
    assert ours[3] == theirs[3] == [0x000F, 0x0013, 0x0010]
    reference_shapes = {tuple(module) for module in theirs[2]}
    assert len(reference_shapes) == 2  # procedural (0x21) and document/class (0x22)
    for module, shape in zip(MODULES, ours[2], strict=True):
        assert tuple(shape) in reference_shapes
        assert (0x0021 in shape) == (module.kind == "standard")


def test_dir_record_values(project: bytes, reference: bytes):
    ours = _dir(project)
    values = {record_id: data for record_id, data in ours[:14]}
    assert values[0x0003] == (1252).to_bytes(2, "little")
    assert values[0x0004] == b"VBAProject"
    assert dict(_dir(reference)[:14])[0x0001] == values[0x0001]  # SYSKIND as the reference
    assert [data for record_id, data in ours if record_id == 0x0019] == [
        module.name.encode() for module in MODULES
    ]
    assert [data for record_id, data in ours if record_id == 0x001A] == [
        module.name.encode() for module in MODULES
    ]
    assert [data for record_id, data in ours if record_id == 0x0031] == [bytes(4)] * len(MODULES)
    assert [data for record_id, data in ours if record_id in (0x0013, 0x002C)] == [b"\xff\xff"] * (
        1 + len(MODULES)
    )
    assert dict(ours)[0x000F] == len(MODULES).to_bytes(2, "little")
    libids = [data[4:].split(b"\0")[0] for record_id, data in ours if record_id == 0x000D]
    office = [
        data[4:].split(b"\0")[0] for record_id, data in _dir(reference) if record_id == 0x000D
    ]
    assert libids[1:] == office
    assert libids[0].startswith(rb"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#")


# --- PROJECT, PROJECTwm, _VBA_PROJECT ------------------------------------------------------


def test_vba_project_stream_has_no_performance_cache(
    project: bytes, reference: bytes, standalone: bytes
):
    """Version 0xFFFF and no cache, as MS-OVBA 2.3.4.1 asks of writers; Excel itself saves
    its compiled cache (its version is ignored on read), xlwings' rewritten file has none."""
    ours = _stream(project, "VBA/_VBA_PROJECT")
    assert ours == _stream(standalone, "VBA/_VBA_PROJECT") == bytes.fromhex("cc61ffff000100")
    assert _stream(reference, "VBA/_VBA_PROJECT")[:2] == ours[:2]  # Reserved1 0x61CC


def _project_lines(data: bytes) -> list[str]:
    return _stream(data, "PROJECT").decode("cp1252").split("\r\n")


def test_project_stream_has_the_reference_layout(project: bytes, reference: bytes):
    ours, theirs = _project_lines(project), _project_lines(reference)
    assert ours[0].startswith('ID="{') and ours[0].endswith('}"')
    assert ours[1 : 1 + len(MODULES)] == [
        "Document=ThisWorkbook/&H00000000",
        "Document=shStart/&H00000000",
        "Document=shData/&H00000000",
        "Module=xlwings",
        "Class=Dictionary",
        "Module=Ribbon",
        "Module=Utf8Test",
    ]
    tail = ours[1 + len(MODULES) :]
    their_tail = theirs[theirs.index('Name="VBAProject"') :]
    assert [line.split("=")[0] for line in tail[:6]] == [
        line.split("=")[0] for line in their_tail[:6]
    ]
    assert tail[:3] == their_tail[:3]  # Name, HelpContextID, VersionCompatible32
    assert tail[6:10] == their_tail[6:10]  # blank, [Host Extender Info], VBE line, blank
    assert tail[10] == their_tail[10] == "[Workspace]"
    assert tail[11:] == [f"{module.name}=0, 0, 0, 0, C" for module in MODULES] + ["", ""]
    assert their_tail[-1] == ""


def test_protection_values_decrypt_like_the_reference(
    project: bytes, reference: bytes, standalone: bytes
):
    for lines in (_project_lines(project), _project_lines(reference), _project_lines(standalone)):
        project_id = lines[0].split("=", 1)[1].strip('"')
        values = dict(line.split("=", 1) for line in lines if line[:4] in ("CMG=", "DPB=", 'GC="'))
        decrypted = {key: decrypt(value.strip('"')) for key, value in values.items()}
        assert decrypted == {
            "CMG": (project_key(project_id), bytes(4)),  # not protected
            "DPB": (project_key(project_id), b"\0"),  # no password
            "GC": (project_key(project_id), b"\xff"),  # visible
        }


def _project_wm_names(data: bytes) -> list[str]:
    raw, names, position = _stream(data, "PROJECTwm"), [], 0
    while raw[position : position + 2] != b"\0\0":
        end = raw.index(b"\0", position)
        name = raw[position:end].decode("cp1252")
        unicode_end = end + 1 + 2 * len(name)
        assert raw[end + 1 : unicode_end].decode("utf-16-le") == name
        assert raw[unicode_end : unicode_end + 2] == b"\0\0"
        names.append(name)
        position = unicode_end + 2
    assert position + 2 == len(raw)
    return names


def test_project_wm_stream_has_the_reference_format(project: bytes, reference: bytes):
    assert _project_wm_names(project) == [module.name for module in MODULES]
    assert _project_wm_names(reference) == ["ThisWorkbook", "Sheet1", "Module1", "Sheet2"]


# --- determinism and errors ------------------------------------------------------------------


def test_the_writer_is_deterministic(project: bytes):
    assert build_vba_project(MODULES) == project
    script = (
        "import sys; from xlpareto.workbook.vba import VbaModule, build_vba_project;"
        "sys.stdout.buffer.write(build_vba_project([VbaModule('M', 'standard', 'Sub A()')]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            check=True,
            capture_output=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {build_vba_project([VbaModule("M", "standard", "Sub A()")])}


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        ([VbaModule("A", "standard", ""), VbaModule("a", "class", "")], "Duplicate"),
        ([VbaModule("1st", "standard", "")], "Invalid VBA module name"),
        ([VbaModule("x" * 32, "standard", "")], "Invalid VBA module name"),
        ([VbaModule("dir", "standard", "")], "cannot be called"),
        ([VbaModule("A", "macro", "")], "Unknown VBA module kind"),  # type: ignore[arg-type]
        ([VbaModule("A", "standard", 'Attribute VB_Name = "B"\r\n')], "different name"),
        ([VbaModule("A", "standard", "' 中文")], "code page 1252"),
    ],
)
def test_bad_input_is_rejected(modules, message):
    with pytest.raises(XlparetoError, match=message):
        build_vba_project(modules)


# --- end to end: an .xlsm made with XlsxWriter -----------------------------------------------


def test_xlsm_made_with_xlsxwriter_carries_every_module(project: bytes, tmp_path: Path):
    path = tmp_path / "book.xlsm"
    workbook = xlsxwriter.Workbook(path)
    for code_name in ("shStart", "shData"):
        workbook.add_worksheet(code_name[2:]).set_vba_name(code_name)
    workbook.set_vba_name("ThisWorkbook")
    workbook.add_vba_project(io.BytesIO(project), is_stream=True)
    workbook.close()
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/vbaProject.bin") == project
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser = VBA_Parser(str(path), relaxed=False)
        try:
            found = {Path(stream).name: code for _f, stream, _n, code in parser.extract_macros()}
        finally:
            parser.close()
    assert found == {module.name: stored_source(module) for module in MODULES}


# --- fixes from the audit of the file Excel reads ----------------------------------------


def test_help_file_path_is_written_twice_in_the_code_page():
    """MS-OVBA 2.3.4.2.1.7: HelpFile1 and HelpFile2 are both MBCS and equal (not UTF-16)."""
    from xlpareto.workbook.vba.dir_stream import dir_records as our_dir_records

    path = "C:\\Hilfe\\Übersicht.chm"
    records = dict(dir_records(our_dir_records("VBAProject", [], help_file=path)))
    assert records[0x0006] == records[0x003D] == path.encode("cp1252")


def test_module_docstring_comes_from_vb_description(project: bytes):
    records = _dir(project)
    names = [data.decode("cp1252") for record_id, data in records if record_id == 0x0019]
    docs = [data for record_id, data in records if record_id == 0x001C]
    unicode_docs = [data for record_id, data in records if record_id == 0x0048]
    described = dict(zip(names, docs, strict=True))
    expected = DICTIONARY_CLS.split('Attribute VB_Description = "')[1].split('"\r\n')[0]
    assert described["Dictionary"] == expected.encode("cp1252")
    assert dict(zip(names, unicode_docs, strict=True))["Dictionary"] == expected.encode("utf-16-le")
    assert all(described[m.name] == b"" for m in MODULES if m.name != "Dictionary")


def test_the_workbooks_ribbon_module_has_a_docstring():
    from xlpareto.workbook.vba.packager import module_description
    from xlpareto.workbook.vba_sources import RIBBON_MODULE, vba_modules

    (ribbon,) = [m for m in vba_modules() if m.name == RIBBON_MODULE]
    assert module_description(ribbon).startswith("Callbacks of the Pareto ribbon tab")
