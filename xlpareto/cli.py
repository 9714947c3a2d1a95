"""The ``xlpareto`` command line (Typer): ``demo``, ``report``, ``new``, ``template``, ``lite``.

Exit codes: 0 success; 2 bad input or bad options (the same code Click uses for usage
errors), always with one line ``xlpareto: error: ...`` on stderr and no traceback
(:mod:`xlpareto.cli_help`); anything else is a bug and shows Python's traceback (exit code
1). User errors are turned into that line in one place, :func:`main`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import xlpareto
from xlpareto import layout
from xlpareto.cli_help import (
    PlainGroup,
    PlainTyper,
    click_exceptions,
    usage_error,
    user_error,
)
from xlpareto.cli_options import (
    ClientOpt,
    CostOpt,
    DateOpt,
    DayFirstOpt,
    DecimalOpt,
    DelimiterOpt,
    EncodingOpt,
    Force,
    HourlyCostOpt,
    HoursOpt,
    MinFitOpt,
    MonthsOpt,
    Output,
    PeriodEndOpt,
    PriorOpt,
    ProspectsOpt,
    RevenueOpt,
    SheetOpt,
    SpendExistingOpt,
    SpendNewOpt,
    Top,
)
from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.engine.tiers import DEFAULT_CUTOFFS
from xlpareto.errors import XlparetoError
from xlpareto.io.options import parse_cutoffs, parse_labels
from xlpareto.io.output_files import REPORT, TEMPLATE
from xlpareto.io.progress import is_large, speed_line, step
from xlpareto.io.report_inputs import REPORT_TABLE
from xlpareto.io.terminal import print_next_steps, print_summary, table_intake
from xlpareto.layout.inputs import CLIENTS

REPORT_SUFFIX = "_pareto.xlsx"
DEMO_OUTPUT = "xlpareto_demo.xlsx"
TEMPLATE_OUTPUT = "workbook_template.xlsm"
INPUT_FORMATS = (
    ".csv, .tsv or .txt (delimited text; delimiter and number style detected), "
    ".xlsx, .xlsm or .parquet"
)


app = PlainTyper(
    help="Pareto (80/20) client analysis for Excel and the command line.",
    cls=PlainGroup,
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
def _read_options(sheet, delimiter, decimal, encoding, **columns):
    from xlpareto.io.report_inputs import read_options

    return read_options(sheet, columns, delimiter, decimal, encoding)  # role → --option value


def _read(path: Path, options, report_options, grouped: bool = True):
    """Read the client rows (or dated lines) of ``path`` with progress; say what was read."""
    from xlpareto.io.grouped_inputs import read_client_input

    with step(console, f"Reading {path.name} …", large=is_large(path=path)):
        described, data = read_client_input(path, options, report_options, grouped)
    console.print(f"Read {described}")
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


def _write_analysis(
    out: Path, analysis, source: str, clients=None, core_share=None, top=None
) -> None:
    """Write the report .xlsx (see :func:`xlpareto.workbook.report.write_report`)."""
    from xlpareto.workbook.report import write_report

    rows = len(analysis.table)
    shown = rows if top is None else min(top, rows)
    with step(console, f"Writing {out.name} ({shown:,} clients) …", large=is_large(rows=rows)):
        write_report(out, analysis, source, clients, core_share, top=top)
    console.print(f"Wrote {out}")
    if shown < rows:
        console.print(
            f"It shows the {shown:,} largest of {rows:,} clients ({rows - shown:,} left out by "
            f"--top {top:,}); the summaries and figures use all {rows:,}."
        )


def _largest(frame, top: int | None):
    """The ``top`` clients with the largest revenue, in their order (``new --top N``)."""
    if top is None or len(frame) <= top:
        return frame
    revenue = CLIENTS.column("revenue").header
    kept = frame.loc[sorted(frame[revenue].nlargest(top, keep="first").index)]
    console.print(
        f"Kept the {top:,} largest of {len(frame):,} clients ({len(frame) - top:,} left out "
        f"by --top {top:,}); the workbook analyses these {top:,}."
    )
    return kept


def _analyse(data, cutoffs, labels, numbers, prospects=None):
    from xlpareto.engine import analyze_clients, make_tier_rule

    rows = len(data.revenue)
    with step(console, f"Analysing {rows:,} rows …", large=is_large(rows=rows)):
        rule = make_tier_rule(cutoffs, labels)
        try:
            client_list = data.client_list()
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
def demo(output: Output = None, force: Force = False) -> None:
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
    _check_output(out, ".xlsx", force=force, replaces=REPORT)
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
    force: Force = False,
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
    top: Top = None,
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

    started = time.perf_counter()
    tiers, names = parse_cutoffs(cutoffs), parse_labels(labels)
    make_tier_rule(tiers, names)  # bad cutoffs/labels fail before the file is read
    parse_months(months), parse_period_end(period_end)
    report_options = ReportOptions(
        period_end, months, dayfirst, budget, core_share, hourly_cost, spend_existing,
        spend_new, min_fit, prospects, prior_given=prior is not None,
    )  # fmt: skip
    out = output or input.with_name(input.stem + REPORT_SUFFIX)
    _check_output(out, ".xlsx", input, prospects, force=force, replaces=REPORT)
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
    _write_analysis(out, analysis, input.name, core_share=numbers.core_share, top=top)
    if is_large(rows=data.lines):
        console.print(speed_line(data.lines, time.perf_counter() - started))


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
    force: Force = False,
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
    top: Top = None,
) -> None:
    """Create a ready-to-use macro workbook (the template, optionally with your clients).

    xlwings.conf points at this Python (or --interpreter), so the workbook needs no setup.
    Several rows per client are summed into one row of the Clients table; with a date
    column, Revenue and Revenue prior are the sums of the two periods. --prospects fills
    the Prospects table.
    """
    from xlpareto.io.report_inputs import ReportOptions, parse_months, parse_period_end

    parse_months(months), parse_period_end(period_end)
    _check_output(path, ".xlsm", data, prospects, force=force)
    frame = None
    if data is not None:
        columns = dict(
            client=client, revenue=revenue, prior=prior, date=date, cost=cost, hours=hours
        )
        options = _read_options(sheet, delimiter, decimal, encoding, **columns)
        report_options = ReportOptions(period_end, months, dayfirst, prior_given=prior is not None)
        rows = _read(data, options, report_options, grouped=False)
        frame = rows.frame()
        frame = _largest(frame, top)
        console.print(f"{len(frame):,} clients for the Clients table")
        intake = table_intake(rows, frame)
        if intake:
            console.print(intake)
    prospect_list = _read_prospects(prospects)
    from xlpareto.workbook import new_workbook

    count = 0 if frame is None else len(frame)
    with step(console, f"Writing {path.name} …", large=is_large(rows=count)):
        new_workbook(path, data=frame, interpreter=interpreter, prospects=prospect_list)
    console.print(f"Wrote {path}")
    print_next_steps(console, path, sample=frame is None)


@app.command()
def template(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=f"File to write [{TEMPLATE_OUTPUT}].")
    ] = None,
    force: Force = False,
) -> None:
    """Build the macro-enabled workbook template (workbook_template.xlsm)."""
    from xlpareto.workbook import build_template

    out = output or Path(TEMPLATE_OUTPUT)
    _check_output(out, ".xlsm", force=force, replaces=TEMPLATE)
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
def _check_output(out: Path, suffix: str, *inputs: Path | None, **rules) -> None:
    """Refuse an output that could lose something (see :mod:`xlpareto.io.output_files`)."""
    from xlpareto.io.output_files import check_output

    check_output(out, suffix, inputs, **rules)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script; the one place where user errors are reported.

    Typer runs with ``standalone_mode=False``, so Click's usage errors reach this function
    instead of being printed as a boxed panel, and become the same ``xlpareto: error:``
    line (exit code 2) as every other user error.
    """
    from xlsxwriter.exceptions import FileCreateError

    click = click_exceptions()
    try:
        code = app(args=argv, prog_name="xlpareto", standalone_mode=False)
    except click.UsageError as error:
        usage_error(error, argv, app)
    except click.ClickException as error:
        user_error(error.format_message())
    except typer.Abort:
        user_error("aborted")
    except XlparetoError as error:
        user_error(str(error))
    except FileCreateError as error:
        user_error(f"cannot write the output file ({error})")
    except (PermissionError, FileNotFoundError, IsADirectoryError) as error:
        user_error(f"{error.filename or ''}: {error.strerror}")
    else:
        if isinstance(code, int) and code:  # typer.Exit(code) / ctx.exit(code)
            raise SystemExit(code)
