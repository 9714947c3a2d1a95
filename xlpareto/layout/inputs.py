"""The input tables and their columns: one schema read by every reader and sheet builder.

Each :class:`InputTable` lists its :class:`InputColumn` records in sheet order. A column says
what it holds (its *role*, the name code uses), the header the workbook shows, its kind
(``"text"``, ``"number"`` or ``"date"``), whether it is required, the header names that the
command line recognises (``synonyms``, in order of preference, the header itself first) and
the option that chooses it by hand, and how the input sheet shows it (number format, width,
data validation). Adding an input column is one entry here; the file readers
(:mod:`xlpareto.io.readers`), the refresh reader (:mod:`xlpareto.refresh.reader`) and the
input-sheet builder (:mod:`xlpareto.workbook.input_sheet`) pick it up.

Examples
--------
>>> CLIENTS.column("revenue").header
'Revenue'
>>> CLIENTS.required_headers
('Client', 'Revenue')
>>> CLIENTS_COLUMNS
('Client', 'Revenue', 'Revenue prior', 'Cost to serve', 'Hours')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from xlpareto.layout.book import CLIENTS_SHEET, PROSPECTS_SHEET
from xlpareto.layout.formats import CURRENCY_FORMAT

KINDS = ("text", "number", "date")

#: Data validation rules (XlsxWriter ``data_validation`` options) shared by input columns.
NOT_NEGATIVE: Mapping[str, object] = MappingProxyType(
    {"validate": "decimal", "criteria": ">=", "value": 0}
)
BETWEEN_0_AND_1: Mapping[str, object] = MappingProxyType(
    {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1}
)


@dataclass(frozen=True)
class InputColumn:
    """One column of an input table.

    Attributes
    ----------
    role : the name code uses for the column (``"client"``, ``"revenue"``, …), unique in its
        table; also the word messages use (``client 'Kunde'``).
    header : the header the workbook shows (and the refresh looks for).
    kind : ``"text"``, ``"number"`` or ``"date"``; readers parse number columns.
    required : a table without this column cannot be analysed.
    synonyms : header names the command line recognises, in order of preference, the
        header itself first (compared ignoring case, spaces, ``_``, ``-`` and ``.``).
    option : the command-line option that names the column by hand (``"--client"``).
    number_format : Excel number format of the column in the input sheet (None: General).
    width : column width in the input sheet.
    validation : XlsxWriter ``data_validation`` options for the data cells, or None.
    help : one sentence for the user (the validation's error message).
    in_template : the template's table always has this column (blank where the data has
        none); other columns are written only when the data has them.
    percent : number column that also takes ``70 %`` in an input file (read as 0.7).
    """

    role: str
    header: str
    kind: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    option: str | None = None
    number_format: str | None = None
    width: float = 16
    validation: Mapping[str, object] | None = field(default=None, hash=False, compare=False)
    help: str = ""
    in_template: bool = True
    percent: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.role}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.synonyms and self.synonyms[0] != self.header:
            raise ValueError(f"{self.role}: the first synonym must be the header {self.header!r}")
        if not self.synonyms:
            object.__setattr__(self, "synonyms", (self.header,))


@dataclass(frozen=True)
class InputTable:
    """An input table (an Excel table on an input sheet, or the shape of an input file).

    Attributes
    ----------
    name : the Excel table name (``Clients``).
    sheet : the sheet that holds it, or None for a file shape only (invoice lines).
    top_left : zero-based (row, column) of the header cell.
    columns : the columns in sheet order.
    key : role of the column that names a row (rows with the same name are one entity).
    item : what one row is, in messages (``"client"``).
    note : the help text written beside the table.
    style : the Excel table style.
    """

    name: str
    sheet: str | None
    top_left: tuple[int, int]
    columns: tuple[InputColumn, ...]
    key: str
    item: str
    note: str = ""
    style: str = "Table Style Medium 2"

    def __post_init__(self) -> None:
        roles = [c.role for c in self.columns]
        if len(set(roles)) != len(roles):
            raise ValueError(f"{self.name}: roles must be unique, got {roles}")
        if self.key not in roles:
            raise ValueError(f"{self.name}: the key {self.key!r} is not one of its roles")

    def column(self, role: str) -> InputColumn:
        """The column with this role (KeyError naming the table when there is none)."""
        for column in self.columns:
            if column.role == role:
                return column
        raise KeyError(f"{self.name} has no column with the role {role!r}")

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles, in column order."""
        return tuple(c.role for c in self.columns)

    @property
    def headers(self) -> tuple[str, ...]:
        """The headers, in column order."""
        return tuple(c.header for c in self.columns)

    @property
    def required(self) -> tuple[InputColumn, ...]:
        """The columns a table must have."""
        return tuple(c for c in self.columns if c.required)

    @property
    def required_headers(self) -> tuple[str, ...]:
        """Headers of the required columns."""
        return tuple(c.header for c in self.required)

    @property
    def template_columns(self) -> tuple[InputColumn, ...]:
        """The columns the template's table shows (``in_template``)."""
        return tuple(c for c in self.columns if c.in_template)

    def names_help(self) -> str:
        """The header names recognised per column, for ``--help``.

        Examples
        --------
        >>> PROSPECTS.names_help().split("; ")[-1]
        'probability (optional) = Probability, Chance, Win probability, Win chance, Likelihood'
        """
        return "; ".join(
            f"{c.role}{'' if c.required else ' (optional)'} = {', '.join(c.synonyms)}"
            for c in self.columns
        )

    def by_header(self, header: str) -> InputColumn | None:
        """The column with this header (case-insensitive, surrounding spaces ignored)."""
        wanted = header.strip().casefold()
        return next((c for c in self.columns if c.header.casefold() == wanted), None)


def _money(role: str, header: str, synonyms: tuple[str, ...] = (), **options) -> InputColumn:
    """A money column: number, currency format, the header first among its synonyms."""
    return InputColumn(
        role,
        header,
        "number",
        synonyms=(header, *synonyms),
        number_format=CURRENCY_FORMAT,
        **options,
    )


# --- header names recognised by the command line (the header itself first) -------------------
_CLIENT_NAMES = ("Client name", "Customer", "Customer name", "Account", "Account name")
_CLIENT_NAMES += ("Company", "Name", "Kunde", "Cliente")
_REVENUE_NAMES = ("Sales", "Amount", "Net revenue", "Net sales", "Turnover", "Total", "Value")
_REVENUE_NAMES += ("Umsatz",)
_PRIOR_NAMES = ("Prior revenue", "Revenue previous year", "Revenue last year", "Previous revenue")
_PRIOR_NAMES += ("Prior sales", "Sales prior", "Prior", "Last year", "Umsatz Vorjahr", "Vorjahr")
_COST_NAMES = ("Cost", "Costs", "Service cost", "Cost of service", "Serving cost", "Direct cost")
_COST_NAMES += ("Kosten",)
_HOURS_NAMES = ("Time", "Time spent", "Hours spent", "Hours worked", "Effort", "Stunden")
_DATE_NAMES = ("Invoice date", "Posting date", "Document date", "Booking date", "Transaction date")
_DATE_NAMES += ("Order date", "Datum", "Rechnungsdatum")

_COST_HELP = "Money spent serving the client this period: a number of 0 or more."
_HOURS_HELP = "Time spent on the client this period, in hours: a number of 0 or more."

CLIENTS = InputTable(
    name="Clients",
    sheet=CLIENTS_SHEET,
    top_left=(0, 0),  # A1
    key="client",
    item="client",
    note=(
        "Your client list: one row per client. Paste over the sample data (the table grows); "
        "blank or text revenues are skipped, duplicate names are added up."
    ),
    columns=(
        InputColumn(
            "client",
            "Client",
            "text",
            required=True,
            synonyms=("Client", *_CLIENT_NAMES),
            option="--client",
            width=34,
            help="The client's name.",
        ),
        _money(
            "revenue",
            "Revenue",
            _REVENUE_NAMES,
            required=True,
            option="--revenue",
            help="Revenue from the client this period.",
        ),
        _money(
            "prior",
            "Revenue prior",
            _PRIOR_NAMES,
            option="--prior",
            help="Revenue from the client in the prior period (blank: a new client).",
        ),
        _money(
            "cost",
            "Cost to serve",
            _COST_NAMES,
            option="--cost",
            validation=NOT_NEGATIVE,
            help=_COST_HELP,
        ),
        InputColumn(
            "hours",
            "Hours",
            "number",
            synonyms=("Hours", *_HOURS_NAMES),
            option="--hours",
            number_format="#,##0.0",
            width=10,
            validation=NOT_NEGATIVE,
            help=_HOURS_HELP,
        ),
    ),
)

PROSPECTS = InputTable(
    name="Prospects",
    sheet=PROSPECTS_SHEET,
    top_left=(0, 0),
    key="prospect",
    item="prospect",
    note=(
        "Fit: how close the prospect's need is to your ready-made offer, from 0 to 1 "
        "(1: buys it off the shelf; 0: needs its whole workflow changed).\n"
        "A prospect whose Fit is below MinFit (Settings) gets no new-business money until "
        "you review it; Probability is the chance to win (blank: certain)."
    ),
    columns=(
        InputColumn(
            "prospect",
            "Prospect",
            "text",
            required=True,
            synonyms=("Prospect", "Prospect name", "Lead", "Lead name", "Company", "Opportunity"),
            option="--prospect",
            width=34,
            help="The prospect's name.",
        ),
        _money(
            "expected",
            "Expected revenue",
            ("Expected", "Value", "Deal size", "Deal value", "Opportunity value", "Potential"),
            required=True,
            option="--expected",
            validation=NOT_NEGATIVE,
            help="A year's revenue if won: a number of 0 or more.",
        ),
        InputColumn(
            "fit",
            "Fit",
            "number",
            required=True,
            synonyms=("Fit", "Fit score", "Product fit", "Offer fit"),
            option="--fit",
            number_format="0%",
            width=10,
            validation=BETWEEN_0_AND_1,
            percent=True,
            help="How well the ready-made offer fits: between 0 and 1 (0% to 100%).",
        ),
        InputColumn(
            "probability",
            "Probability",
            "number",
            synonyms=("Probability", "Chance", "Win probability", "Win chance", "Likelihood"),
            option="--probability",
            number_format="0%",
            width=12,
            validation=BETWEEN_0_AND_1,
            percent=True,
            help="Chance to win: between 0 and 1 (0% to 100%); blank means certain.",
        ),
    ),
)

INVOICE_LINES = InputTable(
    name="InvoiceLines",
    sheet=None,  # the shape of a command-line input file, not a workbook sheet
    top_left=(0, 0),
    key="client",
    item="invoice line",
    columns=(
        InputColumn(
            "date",
            "Date",
            "date",
            synonyms=("Date", *_DATE_NAMES),
            option="--date",
            number_format="yyyy-mm-dd",
            width=12,
            help="The invoice date.",
        ),
        CLIENTS.column("client"),
        _money(
            "revenue",
            "Amount",
            ("Revenue", *(n for n in _REVENUE_NAMES if n != "Amount")),
            required=True,
            option="--revenue",
            help="The invoiced amount.",
        ),
        _money(
            "cost",
            "Cost",
            ("Cost to serve", *_COST_NAMES[1:]),
            option="--cost",
            validation=NOT_NEGATIVE,
            help=_COST_HELP,
        ),
        CLIENTS.column("hours"),
    ),
)

#: Every input table, by name.
INPUT_TABLES: dict[str, InputTable] = {t.name: t for t in (CLIENTS, PROSPECTS, INVOICE_LINES)}

# --- flat views of the Clients table (the short names most code uses) -----------------------
CLIENTS_TABLE = CLIENTS.name
CLIENT_COLUMN = CLIENTS.column("client").header
REVENUE_COLUMN = CLIENTS.column("revenue").header
PRIOR_COLUMN = CLIENTS.column("prior").header
#: The columns the template's Clients table shows.
CLIENTS_COLUMNS = tuple(c.header for c in CLIENTS.template_columns)
CLIENTS_TOP_LEFT = CLIENTS.top_left  # zero-based (row, col) of the table's header cell
