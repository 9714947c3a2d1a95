"""The ``xlpareto`` command line (Typer): ``demo``, ``report``, ``new`` and ``template``.

Exit codes: 0 success; 2 bad input or bad options (the same code Click uses for usage
errors), always with one line ``xlpareto: error: ...`` on stderr and no traceback; anything
else is a bug and shows Python's traceback (exit code 1). User errors are turned into that
line in one place, :func:`main`.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

import xlpareto
from xlpareto import layout
from xlpareto.cli_options import (
    CostOpt,
    DateOpt,
    DayFirstOpt,
    HourlyCostOpt,
    HoursOpt,
    MinFitOpt,
    MonthsOpt,
    PeriodEndOpt,
    ProspectsOpt,
    SpendExistingOpt,
    SpendNewOpt,
)
from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.engine.tiers import DEFAULT_CUTOFFS
from xlpareto.errors import XlparetoError
from xlpareto.io.options import parse_cutoffs, parse_labels
from xlpareto.io.progress import is_large, step
from xlpareto.io.report_inputs import REPORT_TABLE
from xlpareto.io.terminal import print_summary
from xlpareto.layout.inputs import CLIENTS

EXIT_USER_ERROR = 2
REPORT_SUFFIX = "_pareto.xlsx"
DEMO_OUTPUT = "xlpareto_demo.xlsx"
TEMPLATE_OUTPUT = "workbook_template.xlsm"
INPUT_FORMATS = (
    ".csv, .tsv or .txt (delimited text; delimiter and number style detected), "
    ".xlsx, .xlsm or .parquet"
)


class _PlainHelp:
    """Help in the words of the README: ``INPUT`` (not ``{input}``), no ``<bool>`` on flags.

    Typer's recent releases print a required argument as ``{input}`` in the usage line and a
    ``<bool>`` type badge next to every flag (``--force``, ``--help``); old ones do not. Both
    are normalised here, for the commands of this module and any added later.
    """

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if param.metavar is not None:
                continue
            if param.param_type_name == "argument":
                param.metavar = param.name.upper()
            elif getattr(param, "is_flag", False):
                param.metavar = ""  # a flag takes no value: show no type
        return params

    def collect_usage_pieces(self, ctx):
        return [re.sub(r"^\{(.*)\}$", r"\1", p) for p in super().collect_usage_pieces(ctx)]


class _Command(_PlainHelp, TyperCommand):
    pass


class _Group(_PlainHelp, TyperGroup):
    pass


class _Typer(typer.Typer):
    """``typer.Typer`` whose commands are :class:`_Command` unless told otherwise."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _Typer(
    help="Pareto (80/20) client analysis for Excel and the command line.",
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # docstring paragraphs reflow instead of keeping line breaks
)
console = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


def _version(value: bool) -> None:
    if value:
        console.print(f"xlpareto {xlpareto.__version__}")
        raise typer.Exit()


@app.callback()
def cli(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Pareto (80/20) client analysis for Excel and the command line."""


# --- shared options -------------------------------------------------------------------------
Output = Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")]
ClientOpt = Annotated[
    str | None, typer.Option("--client", help="Column with the client names [Client].")
]
RevenueOpt = Annotated[
    str | None, typer.Option("--revenue", help="Column with the revenues [Revenue].")
]
PriorOpt = Annotated[
    str | None,
    typer.Option("--prior", help="Column with prior-period revenues [Revenue prior, if any]."),
]
SheetOpt = Annotated[
    str | None,
    typer.Option("--sheet", help="XLSX/XLSM: sheet or Excel table to read [Clients or first]."),
]
DelimiterOpt = Annotated[
    str | None, typer.Option("--delimiter", help="CSV delimiter: , ; | or tab [detected].")
]
DecimalOpt = Annotated[
    str | None, typer.Option("--decimal", help="Decimal separator in CSV: . or , [detected].")
]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="CSV text encoding [UTF-8, else cp1252].")
]


def _read_options(sheet, delimiter, decimal, encoding, **columns):
    from xlpareto.io.report_inputs import read_options

    return read_options(sheet, columns, delimiter, decimal, encoding)  # role → --option value


def _read(path: Path, options, report_options):
    """Read the client rows (or dated lines) of ``path`` with progress; say what was read."""
    from xlpareto.io.report_inputs import client_input, read_report_file

    with step(console, f"Reading {path.name} …", large=is_large(path=path)):
        rows = read_report_file(path, options)
        data = client_input(rows, report_options)
    console.print(f"Read {rows.describe()}")
    for line in [*data.notes, *data.period_lines()]:
        console.print(line[:1].upper() + line[1:])
    return data


def _read_prospects(path: Path | None):
    if path is None:
        return None
    from xlpareto.io.report_inputs import read_prospects

    frame = read_prospects(path)
    console.print(f"Read {len(frame):,} prospects from {path.name}")
    return frame


def _stamp(source: str, when: datetime) -> str:
    return f"Created {when:%Y-%m-%d %H:%M} by xlpareto {xlpareto.__version__} from {source}"


def _write_analysis(out: Path, analysis, source: str, clients=None) -> None:
    """Write an .xlsx with the Analysis sheet (and, optionally, a Clients sheet first)."""
    import io

    import xlsxwriter

    from xlpareto.workbook import WORKBOOK_OPTIONS, Formats, add_analysis_sheet, assemble

    rows = len(analysis.table)
    with step(console, f"Writing {out.name} ({rows:,} clients) …", large=is_large(rows=rows)):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
        formats = Formats(book)
        if clients is not None:
            from xlpareto.workbook.input_sheet import add_input_sheet

            add_input_sheet(book, CLIENTS, clients, formats)
        when = datetime.now()
        written = add_analysis_sheet(
            book,
            analysis,
            stamp=_stamp(source, when),
            refreshed=f"{when:%Y-%m-%d %H:%M}",
            formats=formats,
        )
        written.sheet.activate()
        book.close()
        out.write_bytes(assemble(buffer.getvalue(), written.deferred))
    console.print(f"Wrote {out}")


def _analyse(data, cutoffs, labels, numbers, prospects=None):
    from xlpareto.engine import analyze_clients, make_tier_rule, prepare_clients

    rows = len(data.revenue)
    with step(console, f"Analysing {rows:,} rows …", large=is_large(rows=rows)):
        rule = make_tier_rule(cutoffs, labels)
        try:
            client_list = prepare_clients(
                data.clients, data.revenue, data.prior, data.first_row, data.costs, data.hours
            )
            analysis = analyze_clients(
                client_list, rule, prospects=prospects, **numbers.engine_arguments()
            )
        except XlparetoError as error:
            raise XlparetoError(f"{data.source}: {error}") from error
    if client_list.report.skipped or client_list.report.merged_rows:
        console.print(client_list.report.message().capitalize())
    return analysis


# --- commands -------------------------------------------------------------------------------
REPORT_HELP = (
    "Analyse a client list (CSV, XLSX/XLSM or Parquet) and write an .xlsx report.\n\n"
    "Several rows per client (invoice lines) are summed; rows with a blank or non-numeric "
    "revenue are skipped and counted. With a date column, revenue and prior revenue are the "
    "sums of the two periods before --period-end (--months each); lines outside both are "
    "counted. Numbers given as options follow the file's number style. Columns are found by "
    f"name, case-insensitively: {REPORT_TABLE.names_help()}."
)


@app.command()
def demo(output: Output = None) -> None:
    """Analyse the bundled sample clients, print a summary and write xlpareto_demo.xlsx.

    The sample is two years of dated invoice lines with costs, read like `report` reads a
    file with a date column, with the workbook's default settings and the sample prospects.
    """
    from xlpareto.data import sample_invoice_lines, sample_prospects
    from xlpareto.io.report_inputs import (
        ReportOptions,
        client_input,
        frame_rows,
        settings_numbers,
    )

    out = output or Path(DEMO_OUTPUT)
    _check_output(out, ".xlsx")
    data = client_input(frame_rows(sample_invoice_lines(), "sample invoice lines"), ReportOptions())
    numbers = settings_numbers()
    analysis = _analyse(data, None, None, numbers, prospects=sample_prospects())
    clients = data.frame()
    print_summary(
        console,
        analysis,
        f"xlpareto demo: {len(clients)} sample clients",
        core_share=numbers.core_share,
        periods=data.period_lines(),
    )
    _write_analysis(out, analysis, "the bundled sample clients", clients=clients)


@app.command(help=REPORT_HELP)
def report(
    input: Annotated[Path, typer.Argument(help=f"Client list: {INPUT_FORMATS}.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The .xlsx to write [INPUT name + _pareto.xlsx]."),
    ] = None,
    client: ClientOpt = None,
    revenue: RevenueOpt = None,
    prior: PriorOpt = None,
    cutoffs: Annotated[
        str | None,
        typer.Option(
            help="Tier cutoffs, e.g. 0.8,0.95 or 80%,95%, or 'computed'. "
            f"[{','.join(f'{c:g}' for c in DEFAULT_CUTOFFS)}]"
        ),
    ] = None,
    labels: Annotated[str | None, typer.Option(help="Tier labels, e.g. A,B,C.")] = None,
    budget: Annotated[
        str | None,
        typer.Option(help=f"Budget to split across tiers. [{layout.BUDGET_TOTAL.default:g}]"),
    ] = None,
    core_share: Annotated[
        str | None,
        typer.Option(help=f"Part of the budget for existing clients. [{DEFAULT_CORE_SHARE:g}]"),
    ] = None,
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = None,
    date: DateOpt = None,
    period_end: PeriodEndOpt = None,
    months: MonthsOpt = None,
    dayfirst: DayFirstOpt = None,
    cost: CostOpt = None,
    hours: HoursOpt = None,
    hourly_cost: HourlyCostOpt = None,
    spend_existing: SpendExistingOpt = None,
    spend_new: SpendNewOpt = None,
    prospects: ProspectsOpt = None,
    min_fit: MinFitOpt = None,
) -> None:
    """Analyse a client list (CSV, XLSX/XLSM or Parquet) and write an .xlsx report."""
    from xlpareto.engine import make_tier_rule
    from xlpareto.io.report_inputs import (
        ReportOptions,
        check_hours,
        parse_months,
        parse_numbers_options,
        parse_period_end,
    )

    tiers, names = parse_cutoffs(cutoffs), parse_labels(labels)
    make_tier_rule(tiers, names)  # bad cutoffs/labels fail before the file is read
    parse_months(months), parse_period_end(period_end)
    report_options = ReportOptions(
        period_end, months, dayfirst, budget, core_share, hourly_cost, spend_existing,
        spend_new, min_fit, prospects, prior_given=prior is not None,
    )  # fmt: skip
    out = output or input.with_name(input.stem + REPORT_SUFFIX)
    _check_output(out, ".xlsx", source=input)
    if prospects is not None:
        _check_output(out, ".xlsx", source=prospects)
    columns = dict(client=client, revenue=revenue, prior=prior, date=date, cost=cost, hours=hours)
    data = _read(input, _read_options(sheet, delimiter, decimal, encoding, **columns),
                 report_options)  # fmt: skip
    numbers = parse_numbers_options(report_options, data.number_style)
    checked = check_hours(data, numbers)
    for note in checked.notes[len(data.notes) :]:
        console.print(note[:1].upper() + note[1:])
    data = checked
    prospect_list = _read_prospects(prospects)
    analysis = _analyse(data, tiers, names, numbers, prospect_list)
    print_summary(
        console,
        analysis,
        f"{input.name}: {len(analysis.table):,} clients",
        core_share=numbers.core_share,
        periods=data.period_lines(),
    )
    _write_analysis(out, analysis, input.name)


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="The .xlsm workbook to create.")],
    data: Annotated[
        Path | None,
        typer.Option(help=f"Pre-fill the Clients table from this file: {INPUT_FORMATS}."),
    ] = None,
    interpreter: Annotated[
        str | None,
        typer.Option(help="Python for xlwings.conf [this Python]."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    client: ClientOpt = None,
    revenue: RevenueOpt = None,
    prior: PriorOpt = None,
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = None,
    date: DateOpt = None,
    period_end: PeriodEndOpt = None,
    months: MonthsOpt = None,
    dayfirst: DayFirstOpt = None,
    cost: CostOpt = None,
    hours: HoursOpt = None,
    prospects: ProspectsOpt = None,
) -> None:
    """Create a ready-to-use macro workbook (the template, optionally with your clients).

    xlwings.conf points at this Python (or --interpreter), so the workbook needs no setup.
    Several rows per client are summed into one row of the Clients table; with a date
    column, Revenue and Revenue prior are the sums of the two periods. --prospects fills
    the Prospects table.
    """
    from xlpareto.io.report_inputs import ReportOptions, parse_months, parse_period_end

    parse_months(months), parse_period_end(period_end)
    _check_output(path, ".xlsm", source=data)
    if prospects is not None:
        _check_output(path, ".xlsm", source=prospects)
    if path.exists() and not force:
        raise XlparetoError(f"{path}: already exists; use --force to overwrite it")
    frame = None
    if data is not None:
        columns = dict(
            client=client, revenue=revenue, prior=prior, date=date, cost=cost, hours=hours
        )
        options = _read_options(sheet, delimiter, decimal, encoding, **columns)
        report_options = ReportOptions(period_end, months, dayfirst, prior_given=prior is not None)
        rows = _read(data, options, report_options)
        frame = rows.frame()
        console.print(f"{len(frame):,} clients for the Clients table")
        intake = _table_intake(rows, frame)
        if intake:
            console.print(intake)
    prospect_list = _read_prospects(prospects)
    from xlpareto.workbook import new_workbook

    count = 0 if frame is None else len(frame)
    with step(console, f"Writing {path.name} …", large=is_large(rows=count)):
        new_workbook(path, data=frame, interpreter=interpreter, prospects=prospect_list)
    console.print(f"Wrote {path}")
    _print_next_steps(path, sample=frame is None)


def _table_intake(rows, frame) -> str:
    """What ``new`` left out of the Clients table and merged, like ``report``'s line.

    A row is left out when its client name is blank or its client has no number at all
    (every such row is listed by its row number); the other rows of a client beyond its
    first are merged into it. A client with only a prior revenue stays (a lost client).
    """
    import numpy as np
    import pandas as pd

    from xlpareto.engine.intake import SHOWN_ROWS, client_names

    names = pd.Series(client_names(rows.clients), dtype=object)
    kept = names.isin(frame[layout.CLIENT_COLUMN]).to_numpy()  # hashed: fast for 1M lines
    left_out = [int(i) + rows.first_row for i in np.flatnonzero(~kept)]
    merged = int(kept.sum()) - len(frame)
    parts = []
    if left_out:
        shown = ", ".join(map(str, left_out[:SHOWN_ROWS])) + (
            ", …" if len(left_out) > SHOWN_ROWS else ""
        )
        plural = "s" if len(left_out) != 1 else ""
        parts.append(
            f"{len(left_out):,} row{plural} skipped (blank client or no number: row {shown})"
        )
    if merged:
        plural = "s" if merged != 1 else ""
        parts.append(f"{merged:,} duplicate row{plural} merged into their client")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _print_next_steps(path: Path, sample: bool) -> None:
    arrow = "▸" if _encodable("▸") else ">"
    steps = [
        f"Open {path.name} in Excel (Mac: run `xlwings runpython install` once first).",
        "Click Enable Content in the yellow bar.",
    ]
    if sample:
        steps.append("Replace the sample clients in the Clients table with yours.")
    steps.append(f"Click Pareto {arrow} Refresh analysis on the ribbon.")
    console.print("Next steps:")
    for number, text in enumerate(steps, 1):
        console.print(f"  {number}. {text}")


def _encodable(text: str) -> bool:
    try:
        text.encode(console.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@app.command()
def template(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=f"File to write [{TEMPLATE_OUTPUT}].")
    ] = None,
) -> None:
    """Build the macro-enabled workbook template (workbook_template.xlsm)."""
    from xlpareto.workbook import build_template

    out = output or Path(TEMPLATE_OUTPUT)
    _check_output(out, ".xlsm")
    build_template(out)
    console.print(f"Wrote {out}")


@app.command()
def lite(
    folder: Annotated[
        Path, typer.Argument(help="Folder for main.py and requirements.txt [xlpareto_lite].")
    ] = Path("xlpareto_lite"),
    package: Annotated[
        str | None,
        typer.Option(
            help="How requirements.txt names xlpareto: a requirement or the URL of a wheel "
            "you host (with CORS) [xlpareto==this version]."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False,
) -> None:
    """Write the main.py and requirements.txt to paste into the xlwings Lite editor.

    With xlwings Lite the worksheet functions and the Refresh/Clear scripts run in Excel on
    the web, on a Mac and on Windows, with no Python installed.
    """
    from xlpareto.lite import main_py, requirements_txt

    files = {folder / "main.py": main_py(), folder / "requirements.txt": requirements_txt(package)}
    if folder.exists() and not folder.is_dir():
        raise XlparetoError(f"{folder}: is not a folder")
    if not folder.parent.is_dir():
        raise XlparetoError(f"{folder}: the folder {folder.parent} does not exist")
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        raise XlparetoError(f"{', '.join(existing)}: already exists; use --force to overwrite")
    folder.mkdir(exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8", newline="\n")
        console.print(f"Wrote {path}")
    console.print(
        "Paste them into the main.py and requirements.txt tabs of the xlwings Lite editor, "
        "then run refresh_analysis."
    )


# --- errors ---------------------------------------------------------------------------------
def _check_output(out: Path, suffix: str, source: Path | None = None) -> None:
    if out.suffix.lower() != suffix:
        raise XlparetoError(f"{out}: the output must be a {suffix} file")
    if out.is_dir():
        raise XlparetoError(f"{out}: is a directory")
    if not out.parent.is_dir():
        raise XlparetoError(f"{out}: the folder {out.parent} does not exist")
    if source is not None and source.exists() and out.resolve() == source.resolve():
        raise XlparetoError(f"{out}: would overwrite the input file; choose another --output")


def _user_error(message: str) -> None:
    """Print ``xlpareto: error: message`` as one line on stderr and exit with code 2."""
    line = " ".join(str(message).split())
    sys.stderr.write(f"xlpareto: error: {line}\n")
    sys.stderr.flush()
    raise SystemExit(EXIT_USER_ERROR)


def _click_exceptions():
    """Click's exception module as Typer uses it (recent Typer releases vendor Click)."""
    try:
        from typer._click import exceptions
    except ImportError:  # Typer releases that use the click package
        from click import exceptions
    return exceptions


def _usage_error(error, argv: list[str] | None) -> None:
    """A usage error (missing argument, unknown option, bad value) as the one error line.

    No-arguments-at-all shows the help on stdout instead (exit code 2 as well).
    """
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stdout.write(ctx.get_help() + "\n")
        sys.stdout.flush()
        raise SystemExit(EXIT_USER_ERROR)
    message = " ".join(error.format_message().split()).rstrip(".")
    if ctx is not None:
        command = ctx.command_path
    else:  # e.g. an option without its value: Click gives no context; find the command
        names = typer.main.get_command(app).commands
        given = [arg for arg in (sys.argv[1:] if argv is None else argv) if arg in names]
        command = " ".join(["xlpareto", *given[:1]])
    _user_error(f"{message[:1].lower()}{message[1:]}; see '{command} --help'")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script; the one place where user errors are reported.

    Typer runs with ``standalone_mode=False``, so Click's usage errors reach this function
    instead of being printed as a boxed panel, and become the same ``xlpareto: error:``
    line (exit code 2) as every other user error.
    """
    from xlsxwriter.exceptions import FileCreateError

    click = _click_exceptions()
    try:
        code = app(args=argv, prog_name="xlpareto", standalone_mode=False)
    except click.UsageError as error:
        _usage_error(error, argv)
    except click.ClickException as error:
        _user_error(error.format_message())
    except typer.Abort:
        _user_error("aborted")
    except XlparetoError as error:
        _user_error(str(error))
    except FileCreateError as error:
        _user_error(f"cannot write the output file ({error})")
    except (PermissionError, FileNotFoundError, IsADirectoryError) as error:
        _user_error(f"{error.filename or ''}: {error.strerror}")
    else:
        if isinstance(code, int) and code:  # typer.Exit(code) / ctx.exit(code)
            raise SystemExit(code)
