"""Read an input file (CSV, XLSX/XLSM or Parquet) into the columns of an input schema.

Formats are chosen by the file extension: ``.csv``/``.tsv``/``.txt`` (text), ``.xlsx``/
``.xlsm`` (openpyxl), ``.parquet``/``.pq`` (polars).

CSV: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252), the
delimiter (``,`` ``;`` tab ``|``) and the number style (see :mod:`xlpareto.io.numbers`) are
detected; ``--encoding``, ``--delimiter`` and ``--decimal`` force them. Every cell is read as
text (a client called ``NA`` or ``null`` stays a client) and only the chosen columns are
parsed. Text number columns in Parquet files are parsed the same way.

Which columns are read, and which are numbers, comes from the schema
(:mod:`xlpareto.layout.inputs`, the Clients table by default): the required ones must be
there, optional ones (prior revenue, cost to serve, hours) are read when present.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from xlpareto.engine.intake import numeric_or_nan
from xlpareto.errors import XlparetoError
from xlpareto.io.amount_cells import CHECKED_AMOUNTS, unread_cells
from xlpareto.io.columns import ColumnChoice, find_columns
from xlpareto.io.excel import read_excel_region
from xlpareto.io.numbers import (
    NumberStyle,
    clean_text,
    detect_style,
    parse_numbers,
    shows_thousands,
    style_hint,
)
from xlpareto.layout.inputs import CLIENTS, InputTable

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".parquet": "parquet",
    ".pq": "parquet",
}
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
_SAMPLE_BYTES = 1 << 18


@dataclass(frozen=True)
class ReadOptions:
    """What the user chose on the command line (``None``: detect).

    Attributes
    ----------
    sheet : XLSX/XLSM sheet or table to read.
    columns : role → header chosen by hand (``--client``, ``--revenue``, …; ``None``:
        found by name).
    delimiter, decimal, encoding : CSV settings.
    """

    sheet: str | None = None
    columns: Mapping[str, str | None] = field(default_factory=dict)
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class InputRows:
    """The rows of an input file, by role of its schema (``columns.table``).

    Attributes
    ----------
    values : role → column, for every column found: text and date columns as read (a
        Series), number columns as floats (NaN: not a number).
    columns : which input column each role came from.
    source : the input's name, for messages.
    first_row : row number (1-based) of the first data row, for messages.
    details : how the file was read (delimiter, number style, …).
    number_style : the number style, when the file shows it beyond doubt (thousands
        separators seen) or ``--decimal`` gave it; None otherwise (Excel, Parquet, plain
        numbers). Numbers given as options follow it (SPEC section 5).
    unread : for the amounts that must be numbers where counted (cost, hours), the cells
        that are neither blank nor a number (text, booleans, dates), by 0-based position;
        their values hold NaN there.
    """

    values: Mapping[str, pd.Series | np.ndarray]
    columns: ColumnChoice
    source: str
    first_row: int = 2
    details: list[str] = field(default_factory=list)
    number_style: NumberStyle | None = None
    unread: Mapping[str, pd.Series] = field(default_factory=dict)

    @property
    def table(self) -> InputTable:
        """The schema the rows were read with."""
        return self.columns.table

    def column(self, role: str) -> pd.Series | np.ndarray | None:
        """The column with this role, or None when the input has none."""
        return self.values.get(role)

    @property
    def clients(self) -> pd.Series:
        """The client names (the ``client`` column)."""
        return self.values["client"]

    @property
    def revenue(self) -> np.ndarray:
        """The revenues (the ``revenue`` column)."""
        return self.values["revenue"]

    @property
    def prior(self) -> np.ndarray | None:
        """The prior-period revenues, or None when the input has none."""
        return self.values.get("prior")

    @property
    def rows(self) -> int:
        """Number of data rows read."""
        return len(self.values[self.table.key])

    def describe(self, rows: int | None = None) -> str:
        """One line: where the data came from and how it was read (``rows``: how many rows
        were read, when the values were not kept)."""
        extra = "; ".join([self.columns.describe(), *self.details])
        return f"{self.source}: {self.rows if rows is None else rows:,} rows ({extra})"

    def to_frame(self) -> pd.DataFrame:
        """The rows as a frame with the schema's headers (``Client``, ``Revenue``, …)."""
        return pd.DataFrame(
            {
                self.table.column(role).header: (
                    values.to_numpy() if isinstance(values, pd.Series) else values
                )
                for role, values in self.values.items()
            }
        )


def _input_rows(
    choice: ColumnChoice,
    raw: Mapping[str, pd.Series],
    numbers: Callable[[pd.Series], np.ndarray],
    source: str,
    first_row: int = 2,
    details: list[str] | None = None,
    number_style: NumberStyle | None = None,
    written: Mapping[str, pd.Series] | None = None,
) -> InputRows:
    """The one construction of the rows: number columns through ``numbers``, others as read.

    Columns marked ``percent`` in the schema also take ``70 %`` (read as 0.7). ``written``:
    the number cells as the file has them, where ``raw`` holds them cleaned (CSV), so that an
    error shows the cell as written.
    """
    values, unread = {}, {}
    for role, column in raw.items():
        spec = choice.table.column(role)
        if spec.kind != "number":
            values[role] = column
        elif spec.percent:
            values[role] = percent_numbers(column, numbers)
        else:
            values[role] = numbers(column)
        if role in CHECKED_AMOUNTS:
            unread[role] = unread_cells(column, values[role], (written or {}).get(role))
    return InputRows(values, choice, source, first_row, details or [], number_style, unread)


def percent_numbers(column: pd.Series, numbers: Callable[[pd.Series], np.ndarray]) -> np.ndarray:
    """``numbers(column)``, where a text ending in ``%`` is read as that number / 100.

    Examples
    --------
    >>> from xlpareto.engine.intake import numeric_or_nan
    >>> percent_numbers(pd.Series([0.5, "70 %", "x"], dtype=object), numeric_or_nan).tolist()
    [0.5, 0.7, nan]
    """
    texts = column.map(lambda v: v.strip() if isinstance(v, str) else "").astype("string")
    percent = texts.str.endswith("%").fillna(False).to_numpy(dtype=bool)
    result = numbers(column)
    if not percent.any():
        return result
    stripped = texts[percent].str[:-1].str.strip()
    parsed = numbers(stripped.reset_index(drop=True))
    unread = np.isnan(parsed)
    if unread.any():  # Excel cells: text is not parsed by the number reader
        fallback = pd.to_numeric(stripped.str.replace(",", ".", regex=False), errors="coerce")
        parsed[unread] = fallback.to_numpy(dtype=float, na_value=np.nan)[unread]
    result[percent] = parsed / 100
    return result


def read_input_file(
    path: str | Path, options: ReadOptions | None = None, table: InputTable = CLIENTS
) -> InputRows:
    """Read the rows of ``path`` with the columns of ``table`` (see the module docstring).

    Parameters
    ----------
    path : a .csv/.tsv/.txt, .xlsx/.xlsm or .parquet/.pq file.
    options : the user's choices (default: detect everything).
    table : the input schema: which columns to find and how to parse them.

    Returns
    -------
    InputRows : the columns found, by role.

    Raises
    ------
    XlparetoError : with a one-line message for every problem with the file.
    """
    options = options or ReadOptions()
    path = Path(path)
    source = path.name
    kind = check_input_path(path, options)
    try:
        reader = {"csv": _read_csv, "excel": _read_excel, "parquet": _read_parquet}[kind]
        result = reader(path, source, options, table)
    except PermissionError as error:
        raise XlparetoError(f"{source}: cannot read the file (permission denied)") from error
    except UnicodeDecodeError as error:
        raise XlparetoError(
            f"{source}: the text is not {error.encoding} (byte {error.start}); use --encoding"
        ) from error
    if result.rows == 0:
        raise XlparetoError(f"{result.source}: no data rows below the header")
    return result


def check_input_path(path: Path, options: ReadOptions) -> str:
    """The input's format ("csv", "excel" or "parquet"), or an error for a path that is no
    readable input file (missing, a directory, an unknown extension, empty)."""
    source = path.name
    if not path.exists():
        raise XlparetoError(f"{path}: no such file")
    if path.is_dir():
        raise XlparetoError(f"{path}: is a directory, not a file")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise XlparetoError(
            f"{source}: unsupported format '{path.suffix or '(no extension)'}' "
            "(use .csv, .tsv, .txt, .xlsx, .xlsm or .parquet)"
        )
    if options.sheet is not None and kind != "excel":
        raise XlparetoError(f"{source}: --sheet applies to .xlsx/.xlsm files only")
    try:
        if path.stat().st_size == 0:
            raise XlparetoError(f"{source}: the file is empty")
    except PermissionError as error:
        raise XlparetoError(f"{source}: cannot read the file (permission denied)") from error
    return kind


# --- CSV -------------------------------------------------------------------------------------
def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def delimiter_option(text: str | None) -> str | None:
    """``--delimiter`` value: one character, or ``tab``/``\\t``, ``comma``, ``semicolon``."""
    if text is None:
        return None
    delimiter = _DELIMITER_NAMES.get(text.lower(), text)
    if len(delimiter) != 1 or delimiter in '\r\n"':
        raise XlparetoError(f"--delimiter: expected one character or 'tab', got {text!r}")
    return delimiter


def detect_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the sample lines into the most, equally many, fields."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        score = (round(consistent, 2), counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass(frozen=True)
class CsvSniff:
    """What the first part of a text file shows: encoding, delimiter, headers, columns.

    Attributes
    ----------
    lines : the sample's non-blank lines (header first), decoded.
    whole : the sample is the whole file.
    lone_cr : the sample has a carriage return without a line feed after it (classic Mac
        line ends, or a bare CR in a field), which pandas reads as a line end.
    """

    encoding: str
    delimiter: str
    headers: list[str]
    choice: ColumnChoice
    lines: list[str]
    whole: bool
    lone_cr: bool = False


def sniff_csv(path: Path, source: str, options: ReadOptions, table: InputTable) -> CsvSniff:
    """Encoding, delimiter and columns of a text file, from its first 256 KiB."""
    with path.open("rb") as handle:
        head = handle.read(_SAMPLE_BYTES)
    encoding = options.encoding or _detect_encoding(head)
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        raise XlparetoError(f"--encoding: unknown encoding {encoding!r}") from error
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    lines = text.splitlines()
    whole = len(head) < _SAMPLE_BYTES
    if not whole and len(lines) > 1:
        lines.pop()  # possibly cut in the middle
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise XlparetoError(f"{source}: the file is empty")
    delimiter = delimiter_option(options.delimiter) or detect_delimiter(lines[:200])
    headers = next(csv.reader(lines[:1], delimiter=delimiter))
    choice = find_columns(headers, source, table, options.columns)
    lone_cr = re.search(rb"\r(?!\n)", head[:-1] if not whole else head) is not None
    return CsvSniff(encoding, delimiter, headers, choice, lines, whole, lone_cr)


@dataclass(frozen=True)
class TextNumbers:
    """How the number columns of a text file are read, and what the user is told."""

    style: NumberStyle
    details: list[str]
    known: NumberStyle | None


def text_numbers(
    sniff: CsvSniff, raw: Mapping[str, pd.Series], source: str, options: ReadOptions
) -> TextNumbers:
    """The number style of a text file's number columns (``raw``: cleaned texts by role).

    ``--decimal`` wins; otherwise it is detected (:func:`detect_style`). A forced style in
    which no revenue is a number but the other style reads them is an error with a hint.
    """
    numbers = list(raw.values())
    style = (
        NumberStyle.for_decimal(options.decimal)
        if options.decimal
        else detect_style(numbers, sniff.delimiter)
    )
    shown = {"\t": "tab"}.get(sniff.delimiter, sniff.delimiter)
    details = [
        f"delimiter '{shown}'",
        f"decimal '{style.decimal}', thousands '{style.thousands}'",
        f"encoding {sniff.encoding}",
    ]
    known = bool(options.decimal) or shows_thousands(numbers, style)
    hint = style_hint(raw["revenue"], style) if options.decimal else ""
    if hint:
        header = sniff.choice.headers[sniff.choice["revenue"]]
        raise XlparetoError(f"{source}: revenue: no numeric revenue in column '{header}': {hint}")
    return TextNumbers(style, details, style if known else None)


def csv_texts(path: Path, sniff: CsvSniff, rows: int | None = None) -> pd.DataFrame:
    """The chosen columns of a text file as texts (all of it, or its first ``rows`` rows)."""
    return pd.read_csv(
        path,
        sep=sniff.delimiter,
        dtype=str,
        na_filter=False,
        usecols=list(sniff.choice.values()),
        encoding=sniff.encoding,
        engine="c",
        nrows=rows,
    )


def _read_csv(path: Path, source: str, options: ReadOptions, table: InputTable) -> InputRows:
    sniff = sniff_csv(path, source, options, table)
    choice = sniff.choice
    try:
        frame = csv_texts(path, sniff)
    except pd.errors.ParserError as error:
        detail = str(error).strip().splitlines()[-1]
        raise XlparetoError(f"{source}: not a valid CSV file ({detail})") from error
    except pd.errors.EmptyDataError as error:
        raise XlparetoError(f"{source}: the file is empty") from error
    except UnicodeDecodeError:
        raise  # worded by read_input_file (use --encoding)
    except ValueError as error:  # e.g. rows longer than a header with a repeated name
        raise XlparetoError(
            f"{source}: not a valid CSV file (rows do not match the header: {error})"
        ) from error
    order = sorted(choice.values())  # usecols keeps the file's column order
    raw = {role: frame.iloc[:, order.index(p)] for role, p in choice.items()}
    number_roles = [role for role in raw if table.column(role).kind == "number"]
    written = {role: raw[role] for role in number_roles}  # for messages: the cells as written
    raw |= {role: clean_text(raw[role]) for role in number_roles}
    style = text_numbers(sniff, {role: raw[role] for role in number_roles}, source, options)
    return _input_rows(
        choice, raw, lambda texts: parse_numbers(texts, style.style), source, 2, style.details,
        style.known, written,
    )  # fmt: skip


# --- Excel -----------------------------------------------------------------------------------
def _read_excel(path: Path, source: str, options: ReadOptions, table: InputTable) -> InputRows:
    region = read_excel_region(path, options.sheet, source, table.name, table.sheet)
    choice = find_columns(region.headers, region.label, table, options.columns)
    frame = pd.DataFrame(region.rows, columns=range(len(region.headers)), dtype=object)
    raw = {role: frame[p] for role, p in choice.items()}
    return _input_rows(choice, raw, numeric_or_nan, region.label, region.first_row)


# --- Parquet ---------------------------------------------------------------------------------
def _numbers(series: pd.Series, style: NumberStyle) -> np.ndarray:
    if pd.api.types.is_string_dtype(series) and not pd.api.types.is_object_dtype(series):
        return parse_numbers(clean_text(series), style)
    if pd.api.types.is_object_dtype(series) and series.map(type).eq(str).any():
        return parse_numbers(clean_text(series.astype("string")), style)
    return numeric_or_nan(series)


def _pandas_column(column) -> pd.Series:
    """A polars column as the pandas column the row-by-row reader expects (no pyarrow)."""
    import polars as pl

    if column.dtype in (pl.String, pl.Categorical, pl.Boolean, pl.Null, pl.Object):
        return pd.Series(column.to_list(), dtype=object)
    return pd.Series(column.to_numpy())


def _read_parquet(path: Path, source: str, options: ReadOptions, table: InputTable) -> InputRows:
    # polars reads Parquet itself (no pyarrow needed), as the columnar path does
    import polars as pl

    from xlpareto.io.native_errors import NativePanic, native_guard

    try:
        with native_guard():
            headers = list(pl.scan_parquet(path).collect_schema().names())
            choice = find_columns(headers, source, table, options.columns)
            frame = pl.read_parquet(path, columns=[headers[p] for p in choice.values()])
    except NativePanic as panic:  # a damaged file can make polars' Rust code panic
        raise XlparetoError(f"{source}: not a readable Parquet file ({panic.detail})") from None
    except (pl.exceptions.PolarsError, OSError) as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise XlparetoError(f"{source}: not a readable Parquet file ({detail})") from error
    style = NumberStyle.for_decimal(options.decimal or ".")
    raw = {role: _pandas_column(frame.to_series(i)) for i, role in enumerate(choice)}
    given = style if options.decimal else None
    return _input_rows(choice, raw, lambda series: _numbers(series, style), source, 2, None, given)
