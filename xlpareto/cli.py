"""The ``xlpareto`` command line (Typer): ``demo``, ``report``, ``new`` and ``template``.

Exit codes: 0 success; 2 bad input or bad options (the same code Click uses for usage
errors), always with one line ``xlpareto: error: ...`` on stderr and no traceback; anything
else is a bug and shows Python's traceback (exit code 1). User errors are turned into that
line in one place, :func:`main`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import xlpareto
from xlpareto import layout
from xlpareto.engine.budget import DEFAULT_CORE_SHARE
from xlpareto.engine.tiers import DEFAULT_CUTOFFS
from xlpareto.errors import XlparetoError
from xlpareto.io.options import (
    parse_budget,
    parse_core_share,
    parse_cutoffs,
    parse_labels,
)
from xlpareto.io.progress import is_large, step
from xlpareto.io.terminal import print_summary
from xlpareto.layout.inputs import CLIENTS

EXIT_USER_ERROR = 2
REPORT_SUFFIX = "_pareto.xlsx"
DEMO_OUTPUT = "xlpareto_demo.xlsx"
TEMPLATE_OUTPUT = "workbook_template.xlsm"

app = typer.Typer(
    help="Pareto (80/20) client analysis for Excel and the command line.",
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


def _read_options(sheet, client, revenue, prior, delimiter, decimal, encoding):
    from xlpareto.io import ReadOptions

    columns = {"client": client, "revenue": revenue, "prior": prior}  # role → --option value
    return ReadOptions(sheet, columns, delimiter, decimal, encoding)


def _read(path: Path, options):
    """Read the client rows of ``path`` with progress, and say what was read."""
    from xlpareto.io import read_input_file

    with step(console, f"Reading {path.name} …", large=is_large(path=path)):
        rows = read_input_file(path, options)
    console.print(f"Read {rows.describe()}")
    return rows


def _stamp(source: str, when: datetime) -> str:
    return f"Created {when:%Y-%m-%d %H:%M} by xlpareto {xlpareto.__version__} from {source}"


#: How the returns sentence names the spend inputs in ``report``: its options.
SPEND_OPTIONS = ("--spend-existing", "--spend-new")


def _write_analysis(
    out: Path, analysis, source: str, clients=None, core_share: float = DEFAULT_CORE_SHARE
) -> None:
    """Write an .xlsx with the Analysis sheet (optionally a Clients sheet first) and the
    Growth, Profit and Pipeline sheets when the analysis has a prior period, costs,
    prospects."""
    import io

    import xlsxwriter

    from xlpareto.workbook import (
        WORKBOOK_OPTIONS,
        Formats,
        add_analysis_sheet,
        add_money_sheets,
        assemble,
    )

    rows = len(analysis.table)
    with step(console, f"Writing {out.name} ({rows:,} clients) …", large=is_large(rows=rows)):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
        formats = Formats(book)
        if clients is not None:
            from xlpareto.workbook.input_sheet import add_input_sheet

            add_input_sheet(book, CLIENTS, clients, formats)
        when = datetime.now()
        stamp = _stamp(source, when)
        written = add_analysis_sheet(
            book, analysis, stamp=stamp, refreshed=f"{when:%Y-%m-%d %H:%M}", formats=formats
        )
        money = add_money_sheets(
            book,
            analysis,
            stamp=stamp,
            core_share=core_share,
            spend_names=SPEND_OPTIONS,
            formats=formats,
            only_with_data=True,
        )
        written.sheet.activate()
        book.close()
        deferred = [*written.deferred, *(body for sheet in money for body in sheet.deferred)]
        out.write_bytes(assemble(buffer.getvalue(), deferred))
    console.print(f"Wrote {out}")


def _analyse(rows, cutoffs, labels, budget, core_share):
    from xlpareto.engine import analyze_clients, make_tier_rule, prepare_clients

    with step(console, f"Analysing {rows.rows:,} rows …", large=is_large(rows=rows.rows)):
        rule = make_tier_rule(cutoffs, labels)
        try:
            client_list = prepare_clients(rows.clients, rows.revenue, rows.prior, rows.first_row)
            analysis = analyze_clients(client_list, rule, budget, core_share)
        except XlparetoError as error:
            raise XlparetoError(f"{rows.source}: {error}") from error
    if client_list.report.skipped or client_list.report.merged_rows:
        console.print(client_list.report.message().capitalize())
    return analysis


# --- commands -------------------------------------------------------------------------------
REPORT_HELP = (
    "Analyse a client list (CSV, XLSX/XLSM or Parquet) and write an .xlsx report.\n\n"
    "Several rows per client (invoice lines) are summed; rows with a blank or non-numeric "
    "revenue are skipped and counted. Columns are found by name, case-insensitively: "
    f"{CLIENTS.names_help()}."
)


@app.command()
def demo(output: Output = None) -> None:
    """Analyse the bundled sample clients, print a summary and write xlpareto_demo.xlsx."""
    from xlpareto.data import sample_clients

    out = output or Path(DEMO_OUTPUT)
    _check_output(out, ".xlsx")
    frame = sample_clients()
    analysis = xlpareto.analyze(
        frame[layout.CLIENT_COLUMN],
        frame[layout.REVENUE_COLUMN],
        frame[layout.PRIOR_COLUMN],
        budget=float(layout.BUDGET_TOTAL.default),
    )
    print_summary(console, analysis, f"xlpareto demo: {len(frame)} sample clients")
    _write_analysis(out, analysis, "the bundled sample clients", clients=frame)


@app.command(help=REPORT_HELP)
def report(
    input: Annotated[Path, typer.Argument(help="Client list: .csv, .xlsx, .xlsm or .parquet.")],
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
) -> None:
    """Analyse a client list (CSV, XLSX/XLSM or Parquet) and write an .xlsx report."""
    tiers, names = parse_cutoffs(cutoffs), parse_labels(labels)
    total, core = parse_budget(budget), parse_core_share(core_share)
    from xlpareto.engine import make_tier_rule

    make_tier_rule(tiers, names)  # bad cutoffs/labels fail before the file is read
    out = output or input.with_name(input.stem + REPORT_SUFFIX)
    _check_output(out, ".xlsx", source=input)
    options = _read_options(sheet, client, revenue, prior, delimiter, decimal, encoding)
    rows = _read(input, options)
    analysis = _analyse(rows, tiers, names, total, core)
    print_summary(console, analysis, f"{input.name}: {len(analysis.table):,} clients")
    _write_analysis(out, analysis, input.name, core_share=core)


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="The .xlsm workbook to create.")],
    data: Annotated[
        Path | None,
        typer.Option(help="Pre-fill the Clients table from this CSV/XLSX/XLSM/Parquet file."),
    ] = None,
    interpreter: Annotated[
        str | None,
        typer.Option(help="Python for xlwings.conf [this Python]."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
    client: ClientOpt = None,
    revenue: RevenueOpt = None,
    prior: PriorOpt = None,
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Create a ready-to-use macro workbook (the template, optionally with your clients).

    xlwings.conf points at this Python (or --interpreter), so the workbook needs no setup.
    Several rows per client are summed into one row of the Clients table.
    """
    _check_output(path, ".xlsm", source=data)
    if path.exists() and not force:
        raise XlparetoError(f"{path}: already exists; use --force to overwrite it")
    frame = None
    if data is not None:
        options = _read_options(sheet, client, revenue, prior, delimiter, decimal, encoding)
        from xlpareto.io.terminal import clients_table

        frame = clients_table(_read(data, options))
        console.print(f"{len(frame):,} clients for the Clients table")
    from xlpareto.workbook import new_workbook

    rows = 0 if frame is None else len(frame)
    with step(console, f"Writing {path.name} …", large=is_large(rows=rows)):
        new_workbook(path, data=frame, interpreter=interpreter)
    console.print(f"Wrote {path}")


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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script; the one place where user errors are reported."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        app(args=argv, prog_name="xlpareto")
    except XlparetoError as error:
        _user_error(str(error))
    except FileCreateError as error:
        _user_error(f"cannot write the output file ({error})")
    except (PermissionError, FileNotFoundError, IsADirectoryError) as error:
        _user_error(f"{error.filename or ''}: {error.strerror}")
