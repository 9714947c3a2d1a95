"""Talk UNO to a running headless LibreOffice: the half of the harness run by Debian's python3.

Run as ``/usr/bin/python3 lo_driver.py < job.json``: ``uno`` (package ``python3-uno``) imports
only under the system interpreter, never under the project's venv, so
``tests/libreoffice/__init__.py`` starts ``soffice`` itself (own profile, free port, own process
group) and runs this script as a subprocess. The script connects, does one job and prints one
JSON object on stdout; it never starts or stops LibreOffice (the caller owns that process and
kills its group). Standard library and ``uno`` only.

Jobs (``"action"``)
-------------------
``inspect``
    Load ``path`` (hidden, ``MacroExecutionMode=4`` so the VBA project is imported as Basic),
    list sheets, Basic libraries, their modules (source and type), optionally check that a set
    of modules compiles (canary, see below), recalculate (``calculateAll``) and read back values
    and formulas of the used range of the requested sheets.
``export_pdf``
    Load ``path`` and store the given sheets (others hidden) as one PDF at ``out``.

Compile check (LibreOffice compiles Basic silently)
---------------------------------------------------
A syntax error in a module shows no message in headless mode, and calling any routine in the
library then *returns nothing* instead of raising. So we insert a canary module with
``Function XlparetoCanary() : XlparetoCanary = 42 : End Function`` into the library and invoke it
through the document's script provider
(``vnd.sun.star.script:<Library>.<CanaryModule>.XlparetoCanary?language=Basic&location=document``):
it returns ``42`` only if *every* module of the library compiled, else ``None``. Modules that
must not be checked (``xlwings``: LibreOffice compiles both branches of ``#If``, so its
Windows/Mac declarations clash; xlwings' ``Dictionary`` class fails for the same reason) are
removed from the in-memory library first (``removeByName``; the document is never saved). That
keeps the document/class module types of the remaining modules, unlike copying sources into a
fresh library. On failure each checked module is compiled alone with a canary in a scratch
library to name the culprit(s); LibreOffice exposes no compile message or line number.
"""

from __future__ import annotations

import json
import sys
import time
import traceback

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CANARY_MODULE = "XlparetoCanaryModule"
CANARY_SOURCE = "Function XlparetoCanary()\n    XlparetoCanary = 42\nEnd Function\n"
CANARY_VALUE = 42
# com.sun.star.script.ModuleType
MODULE_TYPES = {0: "unknown", 1: "normal", 2: "class", 3: "form", 4: "document"}


def _prop(name, value):
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def connect(port, timeout):
    """Return the remote component context, retrying until ``timeout`` seconds have passed."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(url)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def load(ctx, path):
    """Load a document hidden, with macros enabled so the VBA project is imported."""
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    props = (_prop("Hidden", True), _prop("MacroExecutionMode", 4))
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, props)
    if doc is None:
        raise RuntimeError(f"LibreOffice could not load {path}")
    return doc


def basic_modules(doc):
    """Return {library: {module: {"source": str, "type": str}}} of the document's Basic."""
    libraries = doc.BasicLibraries
    result = {}
    for lib_name in libraries.ElementNames:
        libraries.loadLibrary(lib_name)
        library = libraries.getByName(lib_name)
        modules = {}
        for module in library.ElementNames:
            try:
                kind = MODULE_TYPES.get(library.getModuleInfo(module).ModuleType, "unknown")
            except Exception:  # libraries without VBA module info
                kind = "unknown"
            modules[module] = {"source": library.getByName(module), "type": kind}
        result[lib_name] = modules
    return result


def _canary_returns(doc, lib_name):
    provider = doc.getScriptProvider()
    uri = (
        f"vnd.sun.star.script:{lib_name}.{CANARY_MODULE}.XlparetoCanary"
        "?language=Basic&location=document"
    )
    result = provider.getScript(uri).invoke((), (), ())[0]
    return result == CANARY_VALUE


def _check_alone(doc, module, source, index):
    scratch = f"XlparetoCheck{index}"
    library = doc.BasicLibraries.createLibrary(scratch)
    library.insertByName(module, source)
    library.insertByName(CANARY_MODULE, CANARY_SOURCE)
    return _canary_returns(doc, scratch)


def compile_check(doc, lib_name, modules, extra_modules):
    """Check that ``modules`` (+ ``extra_modules``) of ``lib_name`` compile together.

    Returns (compiled, error message or None, checked module names).
    """
    libraries = doc.BasicLibraries
    if not libraries.hasByName(lib_name):
        return False, f"no Basic library {lib_name!r} in the document", []
    libraries.loadLibrary(lib_name)
    library = libraries.getByName(lib_name)
    for name, source in extra_modules.items():
        library.insertByName(name, source)
    wanted = list(modules) + [m for m in extra_modules if m not in modules]
    missing = [m for m in wanted if not library.hasByName(m)]
    if missing:
        return False, f"module(s) missing from {lib_name}: {', '.join(missing)}", wanted
    sources = {m: library.getByName(m) for m in wanted}
    for name in library.ElementNames:
        if name not in wanted:
            library.removeByName(name)
    library.insertByName(CANARY_MODULE, CANARY_SOURCE)
    if _canary_returns(doc, lib_name):
        return True, None, wanted
    culprits = [m for i, m in enumerate(wanted) if not _check_alone(doc, m, sources[m], i)]
    if culprits:
        message = f"LibreOffice Basic cannot compile module(s): {', '.join(culprits)}"
    else:
        message = "each module compiles alone but the library does not (name clash?)"
    return False, message, wanted


def _plain(value):
    return value if isinstance(value, (str, float, int, bool)) or value is None else str(value)


def excel_formula_parser(doc):
    """A FormulaParser that prints formulas in Excel (OOXML, English, A1, comma) syntax."""
    from com.sun.star.sheet.AddressConvention import XL_OOX
    from com.sun.star.sheet.FormulaLanguage import OOXML
    from com.sun.star.sheet.FormulaMapGroup import ALL_EXCEPT_SPECIAL, SPECIAL

    mapper = doc.createInstance("com.sun.star.sheet.FormulaOpCodeMapper")
    parser = doc.createInstance("com.sun.star.sheet.FormulaParser")
    parser.OpCodeMap = mapper.getAvailableMappings(
        OOXML, ALL_EXCEPT_SPECIAL
    ) + mapper.getAvailableMappings(OOXML, SPECIAL)
    parser.FormulaConvention = XL_OOX
    parser.CompileEnglish = True
    return parser


def read_sheet(sheet, parser):
    """Return (values, formulas, errors) of the range A1:<end of used area>.

    ``getFormulaArray`` speaks LibreOffice's API grammar (``;`` between arguments), so formula
    cells are re-printed with an Excel-syntax parser; constants keep their text.
    """
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    cells = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
    values = [[_plain(v) for v in row] for row in cells.getDataArray()]
    formulas = [list(row) for row in cells.getFormulaArray()]
    errors = {}
    for r, row in enumerate(formulas):
        for c, formula in enumerate(row):
            if isinstance(formula, str) and formula.startswith("="):
                cell = sheet.getCellByPosition(c, r)
                if cell.getType().value != "FORMULA":  # text "=1+1": shown as '=1+1, like Excel
                    formulas[r][c] = "'" + formula
                    continue
                formulas[r][c] = "=" + parser.printFormula(cell.getTokens(), cell.getCellAddress())
                code = cell.getError()
                if code:
                    errors[f"{r},{c}"] = code
                    values[r][c] = cell.getString() or f"#ERR{code}"
    return values, formulas, errors


def inspect(ctx, job):
    timings = {}
    start = time.monotonic()
    doc = load(ctx, job["path"])
    timings["load"] = time.monotonic() - start
    try:
        result = {"sheets": list(doc.Sheets.ElementNames)}
        result["basic"] = basic_modules(doc)
        result["compiled"] = None
        result["compile_error"] = None
        if job.get("compile_modules") is not None or job.get("extra_modules"):
            lib_name = job.get("library") or _vba_library(result["basic"])
            start = time.monotonic()
            compiled, error, checked = compile_check(
                doc, lib_name, job.get("compile_modules") or [], job.get("extra_modules") or {}
            )
            timings["compile"] = time.monotonic() - start
            result.update(compiled=compiled, compile_error=error, compile_checked=checked)
            result["compile_library"] = lib_name
        start = time.monotonic()
        doc.calculateAll()
        timings["recalculate"] = time.monotonic() - start
        names = job.get("sheets_to_read")
        names = result["sheets"] if names is None else names
        result["cells"], result["formulas"], result["errors"] = {}, {}, {}
        start = time.monotonic()
        parser = excel_formula_parser(doc)
        for name in names:
            if not doc.Sheets.hasByName(name):
                raise KeyError(f"no sheet {name!r} in {job['path']}")
            values, formulas, errors = read_sheet(doc.Sheets.getByName(name), parser)
            result["cells"][name] = values
            result["formulas"][name] = formulas
            result["errors"][name] = errors
        timings["read"] = time.monotonic() - start
        result["timings"] = timings
        return result
    finally:
        doc.close(True)


def _vba_library(basic):
    """The imported VBA project's library: the first non-empty library other than Standard."""
    for name, modules in basic.items():
        if name != "Standard" and modules:
            return name
    return "Standard"


def export_pdf(ctx, job):
    doc = load(ctx, job["path"])
    try:
        sheets = doc.Sheets
        wanted = job.get("sheets")
        if wanted:
            missing = [s for s in wanted if not sheets.hasByName(s)]
            if missing:
                raise KeyError(f"no sheet(s) {missing} in {job['path']}")
            doc.getCurrentController().setActiveSheet(sheets.getByName(wanted[0]))
            for name in sheets.ElementNames:
                sheet = sheets.getByName(name)
                sheet.IsVisible = name in wanted
                if name not in wanted:  # a hidden sheet with a print range is exported too
                    sheet.setPrintAreas(())
        doc.calculateAll()
        props = (_prop("FilterName", "calc_pdf_Export"),)
        doc.storeToURL(uno.systemPathToFileUrl(job["out"]), props)
        return {"pdf": job["out"]}
    finally:
        doc.close(True)


ACTIONS = {"inspect": inspect, "export_pdf": export_pdf}


def main():
    job = json.loads(sys.argv[1] if len(sys.argv) > 1 else sys.stdin.read())
    try:
        ctx = connect(job["port"], job.get("connect_timeout", 60))
        result = {"ok": True, **ACTIONS[job["action"]](ctx, job)}
    except Exception as exc:
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        result["traceback"] = traceback.format_exc()
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
