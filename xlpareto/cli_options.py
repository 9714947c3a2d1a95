"""The command-line options, as Typer annotations (the v1 ones and the v2 inputs).

Kept beside :mod:`xlpareto.cli` so the commands stay short: ``report`` and ``new --data``
take the period and column options, ``report`` also the amounts. Every value arrives as
text and is parsed by :mod:`xlpareto.io.report_inputs` (one-line errors naming the option,
numbers in the input's number style).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# the output and the columns of a client file
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Overwrite an existing file (never one of the command's inputs). Without it, "
        "only a file of the kind the command writes that xlpareto wrote itself is replaced.",
    ),
]
Top = Annotated[
    int | None,
    typer.Option(
        "--top",
        min=1,
        metavar="N",
        help="Write only the N largest clients (for lists longer than an Excel sheet holds: "
        "1,048,576 rows); report: the summaries still use every client; new: the Clients "
        "table holds the N largest. Says how many were left out.",
    ),
]
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


# v2: periods from dated lines (SPEC 11), costs (SPEC 9), spend (SPEC 8), prospects (SPEC 10)
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Column with invoice dates: revenue per period [Date, if any]."),
]
PeriodEndOpt = Annotated[
    str | None,
    typer.Option("--period-end", help="Last day of the current period, YYYY-MM-DD [latest date]."),
]
MonthsOpt = Annotated[
    str | None, typer.Option("--months", help="Length of each period in months. [12]")
]
DayFirstOpt = Annotated[
    bool | None,
    typer.Option(
        "--dayfirst/--monthfirst", help="Dates written 31/12/2024 or 12/31/2024 [detected]."
    ),
]
CostOpt = Annotated[
    str | None, typer.Option("--cost", help="Column with the cost to serve [Cost, if any].")
]
HoursOpt = Annotated[
    str | None, typer.Option("--hours", help="Column with the hours spent [Hours, if any].")
]
HourlyCostOpt = Annotated[
    str | None, typer.Option("--hourly-cost", help="Cost of one hour (needed with hours).")
]
SpendExistingOpt = Annotated[
    str | None,
    typer.Option("--spend-existing", help="Last period's spend on existing clients."),
]
SpendNewOpt = Annotated[
    str | None, typer.Option("--spend-new", help="Last period's spend on new business.")
]
ProspectsOpt = Annotated[
    Path | None,
    typer.Option("--prospects", help="Prospect list (CSV/XLSX/Parquet): Prospect, Expected "
                 "revenue, Fit, Probability."),
]  # fmt: skip
MinFitOpt = Annotated[
    str | None,
    typer.Option("--min-fit", help="Minimum Fit for new-business money. [0.5]"),
]
