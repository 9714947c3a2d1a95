"""LibreOffice, headless, as an independent spreadsheet program for the tests.

Python API (runs under the venv interpreter)::

    report = inspect_workbook(path, compile_modules=["Ribbon"], sheets_to_read=["Dashboard"])
    report.basic_modules["VBAProject"]      # module names LibreOffice imported from VBA
    report.compiled, report.compile_error   # canary verdict for the listed modules
    report.value("Dashboard", "B4")         # recalculated value of a cell
    pdf = render_pdf(path, tmp_path, sheets=["Dashboard"])
    assert any(png_has_chart_like_content(p) for p in pdf_to_pngs(pdf, tmp_path))

Cache: LibreOffice's answer depends only on the workbook's bytes and the job, so every result
(inspect report, PDF) is kept under a key made of both (and the timeout) for the rest of the
test run; a repeated call, from any xdist worker, reuses it instead of starting ``soffice``
again (~1.2 s each). The directory is ``$XLPARETO_LO_CACHE`` (the session's, made and removed by
``tests/conftest.py``); without it results are kept in memory for the process. Failures are
never cached, and ``with uncached():`` turns the cache off (tests of the harness itself).

How it works: every uncached call starts its own ``soffice --headless`` (a fresh
``-env:UserInstallation`` profile in a temporary directory, a free TCP port, its own process
group), works on a *copy* of the workbook (lock files and any accidental save stay in the
temporary directory), and kills the whole process group afterwards. UNO work is done by
``lo_driver.py`` under Debian's ``/usr/bin/python3`` (the only interpreter that can import
``uno``), which receives a JSON job on stdin and prints a JSON result.

Quirks found (LibreOffice 7.4, Debian 12)
-----------------------------------------
- The VBA project becomes the Basic library ``VBAProject`` (next to an empty ``Standard``)
  only when the document is loaded with ``MacroExecutionMode=4``. Each module's source gets
  two lines prepended: ``Rem Attribute VBA_ModuleType=VBAModule`` (or ``VBAClassModule``,
  ``VBADocumentModule``) and ``Option VBASupport 1``; class modules also ``Option ClassModule``.
- Basic compile errors are silent: no exception, no message, no line number; a call into the
  library just returns nothing. Hence the canary (see ``lo_driver``).
- LibreOffice compiles both branches of ``#If``/``#Else``: xlwings' ``xlwings`` module (its
  ``Declare`` statements for Windows and Mac) and its ``Dictionary`` class (Scripting.Dictionary
  vs. its own implementation) do not compile there. Check them for presence only and pass the
  other modules as ``compile_modules``; the rest are removed from the in-memory library before
  the canary runs.
- ``soffice`` is a shell script that starts ``oosplash``, which starts ``soffice.bin``;
  ``oosplash`` may exit while ``soffice.bin`` keeps running, so only killing the process group
  ends everything.
- LibreOffice drops every ``Attribute ...`` line of a VBA module, also member attributes
  (``VB_Description``, ``VB_UserMemId``); compare sources with ``module_code_lines``.
- An ``.xlsx`` (no VBA) has no Basic libraries at all (``basic_modules == {}``).
- Cell formulas that call a VBA ``Function`` of the document are evaluated by LibreOffice
  (``=Twice(A1)`` works; the formula reads back upper-cased, ``=TWICE(A1)``); a runtime error
  inside such a function yields an empty cell, not an error value, and no dialog or hang.
- ``Workbook_Open`` had no observable effect in a hidden headless load (a cell it set stayed
  empty), and a ``Workbook_Open`` that raises or calls ``Application.MacroOptions`` neither
  blocks nor fails the load.
- Booleans read back as numbers (FALSE -> 0.0). Formulas are re-printed in Excel syntax
  (English names, ``,`` separators) because ``getFormulaArray`` uses ``;``.
- Timings (2 cores): a call costs ~1.1-1.4 s, almost all of it starting ``soffice`` with a
  fresh profile; loading a workbook ~0.2 s, the compile check 5-50 ms, reading ~0.1 s;
  ``render_pdf`` ~1.0-1.3 s, ``pdftoppm`` ~0.05 s, ``png_has_chart_like_content`` ~0.05 s
  per 60-dpi page.
- Sheet-selective PDF export: other sheets are hidden before ``storeToURL`` with
  ``calc_pdf_Export`` (hidden sheets are not exported; formulas and charts still see them),
  and their print ranges dropped: a hidden sheet with a print range is exported anyway.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("lo_driver.py")
CONNECT_TIMEOUT = 60.0


class LibreOfficeError(RuntimeError):
    """LibreOffice failed to start, load, compute or export."""


# --- availability -----------------------------------------------------------------------------
def _missing_tools() -> list[str]:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    probe = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
        if os.path.exists(SYSTEM_PYTHON)
        else None
    )
    if probe is None or probe.returncode != 0:
        missing.append(f"{SYSTEM_PYTHON} with the uno module (python3-uno)")
    return missing


def libreoffice_available() -> bool:
    """Return True when soffice, pdftoppm and ``uno`` under /usr/bin/python3 are all present."""
    return not _missing_tools()


def require_libreoffice() -> None:
    """Fail the current test (never skip) when the LibreOffice toolchain is missing."""
    missing = _missing_tools()
    if missing:
        pytest.fail(
            "LibreOffice toolchain missing: "
            + ", ".join(missing)
            + ". Install the Debian packages libreoffice-calc-nogui python3-uno "
            "poppler-utils fonts-dejavu-core (see .ci/run).",
            pytrace=False,
        )


# --- the soffice process ----------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _soffice_command(profile: Path, *args: str) -> list[str]:
    return [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        *args,
    ]


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the process group started with ``start_new_session`` (soffice, oosplash, ...)."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@contextmanager
def _workdir() -> Iterator[Path]:
    directory = Path(tempfile.mkdtemp(prefix="xlpareto-lo-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


# --- the result cache (see the module docstring) ----------------------------------------------
CACHE_ENV = "XLPARETO_LO_CACHE"
_memory: dict[str, bytes] = {}
_enabled = True


@contextmanager
def uncached() -> Iterator[None]:
    """Run every LibreOffice call inside the block for real (no cached result is used)."""
    global _enabled
    previous, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = previous


def _cache_key(kind: str, workbook: Path, job: dict, timeout: float) -> str:
    digest = hashlib.sha256(workbook.read_bytes())
    request = {k: v for k, v in job.items() if k != "out"}  # where the PDF goes is not asked
    digest.update(json.dumps([kind, request, timeout], sort_keys=True).encode())
    return digest.hexdigest()


def _cache_get(key: str) -> bytes | None:
    if not _enabled:
        return None
    if key in _memory:
        return _memory[key]
    folder = os.environ.get(CACHE_ENV)
    if folder:
        with suppress(OSError):
            _memory[key] = (Path(folder) / key).read_bytes()
            return _memory[key]
    return None


def _cache_put(key: str, data: bytes) -> None:
    if not _enabled:
        return
    _memory[key] = data
    folder = os.environ.get(CACHE_ENV)
    if folder and os.path.isdir(folder):
        # write then rename: a worker reading at the same time sees all or nothing
        partial = Path(folder) / f"{key}.{os.getpid()}.part"
        partial.write_bytes(data)
        os.replace(partial, Path(folder) / key)


def _run_job(job: dict, workbook: Path, timeout: float) -> dict:
    """Run one driver job on ``workbook``: from the cache, or with a fresh soffice."""
    workbook = Path(workbook)
    if not workbook.is_file():
        raise FileNotFoundError(workbook)
    key = _cache_key("job", workbook, job, timeout)
    cached = _cache_get(key)
    if cached is not None:
        entry = json.loads(cached)
        result = entry["result"]
        if "out" in job:
            Path(job["out"]).parent.mkdir(parents=True, exist_ok=True)
            Path(job["out"]).write_bytes(bytes.fromhex(entry["pdf"]))
            result["pdf"] = job["out"]
        return result
    result = _run_job_uncached(job, workbook, timeout)
    entry = {"result": result, "pdf": Path(job["out"]).read_bytes().hex() if "out" in job else ""}
    _cache_put(key, json.dumps(entry).encode())
    return json.loads(json.dumps(result))  # the caller may change it; the cache keeps its own


def _run_job_uncached(job: dict, workbook: Path, timeout: float) -> dict:
    """Start soffice, run one driver job on a copy of ``workbook``, always kill soffice."""
    with _workdir() as work:
        copy = work / "doc" / workbook.name
        copy.parent.mkdir()
        shutil.copyfile(workbook, copy)
        port = _free_port()
        log = (work / "soffice.log").open("wb")
        accept = f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
        soffice = subprocess.Popen(
            _soffice_command(work / "profile", accept),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            payload = {**job, "path": str(copy), "port": port, "connect_timeout": CONNECT_TIMEOUT}
            if "out" in job:
                payload["out"] = str(work / "out.pdf")
            try:
                run = subprocess.run(
                    [SYSTEM_PYTHON, str(DRIVER)],
                    input=json.dumps(payload),
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise LibreOfficeError(f"LibreOffice job timed out after {timeout} s") from exc
            try:
                result = json.loads(run.stdout)
            except json.JSONDecodeError as exc:
                raise LibreOfficeError(
                    f"driver printed no JSON (exit {run.returncode}): {run.stderr[-2000:]}"
                ) from exc
            if not result.get("ok"):
                raise LibreOfficeError(result.get("traceback") or result.get("error"))
            if "out" in job:
                Path(job["out"]).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(payload["out"], job["out"])
                result["pdf"] = job["out"]
            return result
        finally:
            _kill_group(soffice)
            log.close()


# --- inspect ----------------------------------------------------------------------------------
@dataclass
class LibreOfficeReport:
    """What LibreOffice saw in a workbook.

    ``cells`` and ``formulas`` hold the range A1:<end of used area> of each read sheet, so
    ``cells[sheet][row][col]`` is the zero-based position. Numbers are floats, text is str,
    empty cells are ``""``, formula errors are their text (``"#DIV/0!"``, ...).
    """

    sheets: list[str]
    basic_modules: dict[str, list[str]]
    module_sources: dict[str, str]
    module_types: dict[str, str]
    compiled: bool | None
    compile_error: str | None
    cells: dict[str, list[list]]
    formulas: dict[str, list[list]]
    errors: dict[str, dict[tuple[int, int], int]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def value(self, sheet: str, address: str):
        """Return the recalculated value at an A1 ``address`` ("" outside the used range)."""
        return _at(self.cells[sheet], address)

    def formula(self, sheet: str, address: str):
        """Return the formula (or constant) at an A1 ``address``."""
        return _at(self.formulas[sheet], address)


def _at(grid: list[list], address: str):
    row, col = a1_to_position(address)
    if row < len(grid) and col < len(grid[row]):
        return grid[row][col]
    return ""


def a1_to_position(address: str) -> tuple[int, int]:
    """Return the zero-based (row, col) of an A1 address such as ``"B4"`` or ``"$AA$10"``."""
    text = address.replace("$", "").upper()
    letters = text.rstrip("0123456789")
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - ord("A") + 1
    return int(text[len(letters) :]) - 1, col - 1


def inspect_workbook(
    path: str | os.PathLike,
    *,
    compile_modules: Iterable[str] | None = None,
    sheets_to_read: Iterable[str] | None = None,
    extra_modules: Mapping[str, str] | None = None,
    library: str | None = None,
    timeout: float = 180,
) -> LibreOfficeReport:
    """Open ``path`` in headless LibreOffice and report modules, compile verdict and values.

    Parameters
    ----------
    compile_modules
        Module names that must compile together (others are removed from the in-memory
        library before the canary runs). None: no compile check (``compiled`` is None).
    sheets_to_read
        Sheets whose values and formulas are read after recalculation; None reads all.
    extra_modules
        ``{name: Basic source}`` inserted into the library before the compile check and
        checked with it (to test the canary itself).
    library
        Basic library to check; default: the imported VBA project (first non-empty library
        other than ``Standard``).
    """
    job = {
        "action": "inspect",
        "compile_modules": None if compile_modules is None else list(compile_modules),
        "sheets_to_read": None if sheets_to_read is None else list(sheets_to_read),
        "extra_modules": dict(extra_modules or {}),
        "library": library,
    }
    start = time.monotonic()
    result = _run_job(job, Path(path), timeout)
    timings = {**result.get("timings", {}), "total": time.monotonic() - start}
    libraries = result["basic"]
    return LibreOfficeReport(
        sheets=result["sheets"],
        basic_modules={lib: list(mods) for lib, mods in libraries.items()},
        module_sources={m: i["source"] for mods in libraries.values() for m, i in mods.items()},
        module_types={m: i["type"] for mods in libraries.values() for m, i in mods.items()},
        compiled=result["compiled"],
        compile_error=result["compile_error"],
        cells=result["cells"],
        formulas=result["formulas"],
        errors={
            sheet: {tuple(map(int, key.split(","))): code for key, code in errs.items()}
            for sheet, errs in result["errors"].items()
        },
        timings=timings,
    )


_LIBREOFFICE_PREAMBLE = (
    "Rem Attribute VBA_ModuleType=",
    "Option VBASupport ",
    "Option ClassModule",
)


def module_code_lines(source: str) -> list[str]:
    """Return the code lines of a VBA/Basic module source for comparing LibreOffice and VBA.

    Drops what LibreOffice's import adds (the ``Rem Attribute VBA_ModuleType=`` line,
    ``Option VBASupport 1``, ``Option ClassModule``) and what it removes from VBA (every
    ``Attribute ...`` line, including member attributes such as ``VB_Description``), blank
    lines and trailing whitespace, so the same module compares equal from either side.
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [
        line.rstrip()
        for line in lines
        if line.strip()
        and not line.startswith(_LIBREOFFICE_PREAMBLE)
        and not line.lstrip().startswith("Attribute ")
    ]


# --- rendering --------------------------------------------------------------------------------
def render_pdf(
    path: str | os.PathLike,
    out_dir: str | os.PathLike,
    sheets: list[str] | None = None,
    *,
    timeout: float = 180,
) -> Path:
    """Render a workbook to ``out_dir/<stem>.pdf`` (or ``<stem>-<sheets>.pdf``).

    ``sheets=None`` uses ``soffice --convert-to pdf`` on the whole workbook; a list of sheet
    names exports only those sheets (the others hidden) through UNO.
    """
    path, out_dir = Path(path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if sheets:
        target = out_dir / f"{path.stem}-{'-'.join(sheets)}.pdf".replace(" ", "_")
        _run_job(
            {"action": "export_pdf", "sheets": list(sheets), "out": str(target)}, path, timeout
        )
        return target
    target = out_dir / f"{path.stem}.pdf"
    key = _cache_key("convert-to", path, {}, timeout)
    cached = _cache_get(key)
    if cached is not None:
        target.write_bytes(cached)
        return target
    _convert_to_pdf(path, target, timeout)
    _cache_put(key, target.read_bytes())
    return target


def _convert_to_pdf(path: Path, target: Path, timeout: float) -> None:
    """``soffice --convert-to pdf`` on a copy of ``path``, moved to ``target``."""
    with _workdir() as work:
        copy = work / path.name
        shutil.copyfile(path, copy)
        command = _soffice_command(
            work / "profile", "--convert-to", "pdf", "--outdir", str(work / "out"), str(copy)
        )
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(f"soffice --convert-to timed out after {timeout} s") from exc
        finally:
            _kill_group(process)
        produced = work / "out" / f"{path.stem}.pdf"
        if not produced.is_file():
            raise LibreOfficeError(f"soffice produced no PDF: {output.decode(errors='replace')}")
        shutil.move(produced, target)


def pdf_to_pngs(pdf: str | os.PathLike, out_dir: str | os.PathLike, dpi: int = 60) -> list[Path]:
    """Rasterise every page of ``pdf`` with ``pdftoppm -png``; return the pages in order."""
    pdf, out_dir = Path(pdf), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(out_dir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pages:
        raise LibreOfficeError(f"pdftoppm produced no page for {pdf}")
    return pages


# --- reading the rendered pages (tests/libreoffice/images.py) ---------------------------------
from .images import coloured_pixel_count, png_has_chart_like_content, read_png  # noqa: E402

__all__ = [
    "LibreOfficeError",
    "LibreOfficeReport",
    "a1_to_position",
    "coloured_pixel_count",
    "inspect_workbook",
    "libreoffice_available",
    "module_code_lines",
    "pdf_to_pngs",
    "png_has_chart_like_content",
    "read_png",
    "render_pdf",
    "require_libreoffice",
    "uncached",
]
