"""Read a client list from CSV, XLSX/XLSM or Parquet into client, revenue and prior columns.

Formats are chosen by the file extension: ``.csv``/``.tsv``/``.txt`` (text), ``.xlsx``/
``.xlsm`` (openpyxl), ``.parquet``/``.pq`` (pyarrow, the optional extra ``parquet``).

CSV: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252), the
delimiter (``,`` ``;`` tab ``|``) and the number style (see :mod:`xlpareto.io.numbers`) are
detected; ``--encoding``, ``--delimiter`` and ``--decimal`` force them. Every cell is read as
text (a client called ``NA`` or ``null`` stays a client) and only the chosen columns are
parsed. Text revenue columns in Parquet files are parsed the same way.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from xlpareto import layout
from xlpareto.engine.intake import numeric_or_nan
from xlpareto.errors import XlparetoError
from xlpareto.io.columns import ColumnChoice, find_columns
from xlpareto.io.excel import read_excel_region
from xlpareto.io.numbers import NumberStyle, clean_text, detect_style, parse_numbers

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
    """What the user chose on the command line (``None``: detect)."""

    sheet: str | None = None
    client: str | None = None
    revenue: str | None = None
    prior: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class ClientRows:
    """The input rows: client names, revenues and prior revenues (NaN: not a number)."""

    clients: pd.Series
    revenue: np.ndarray
    prior: np.ndarray | None
    columns: ColumnChoice
    source: str
    first_row: int = 2
    details: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Number of data rows read."""
        return len(self.revenue)

    def describe(self) -> str:
        """One line: where the data came from and how it was read."""
        extra = "; ".join([self.columns.describe(), *self.details])
        return f"{self.source}: {self.rows:,} rows ({extra})"


def read_clients(path: str | Path, options: ReadOptions | None = None) -> ClientRows:
    """Read the client rows of ``path`` (see the module docstring).

    Raises :class:`XlparetoError` with a one-line message for every problem with the file.
    """
    options = options or ReadOptions()
    path = Path(path)
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
        reader = {"csv": _read_csv, "excel": _read_excel, "parquet": _read_parquet}[kind]
        result = reader(path, source, options)
    except PermissionError as error:
        raise XlparetoError(f"{source}: cannot read the file (permission denied)") from error
    except UnicodeDecodeError as error:
        raise XlparetoError(
            f"{source}: the text is not {error.encoding} (byte {error.start}); use --encoding"
        ) from error
    if result.rows == 0:
        raise XlparetoError(f"{result.source}: no data rows below the header")
    return result


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


def _read_csv(path: Path, source: str, options: ReadOptions) -> ClientRows:
    with path.open("rb") as handle:
        head = handle.read(_SAMPLE_BYTES)
    encoding = options.encoding or _detect_encoding(head)
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        raise XlparetoError(f"--encoding: unknown encoding {encoding!r}") from error
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    lines = text.splitlines()
    if len(head) == _SAMPLE_BYTES and len(lines) > 1:
        lines.pop()  # possibly cut in the middle
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise XlparetoError(f"{source}: the file is empty")
    delimiter = delimiter_option(options.delimiter) or detect_delimiter(lines[:200])
    headers = next(csv.reader(lines[:1], delimiter=delimiter))
    choice = find_columns(headers, source, options.client, options.revenue, options.prior)
    try:
        frame = pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            na_filter=False,
            usecols=choice.positions,
            encoding=encoding,
            engine="c",
        )
    except pd.errors.ParserError as error:
        detail = str(error).strip().splitlines()[-1]
        raise XlparetoError(f"{source}: not a valid CSV file ({detail})") from error
    except pd.errors.EmptyDataError as error:
        raise XlparetoError(f"{source}: the file is empty") from error
    order = sorted(choice.positions)
    column = {p: frame.iloc[:, order.index(p)] for p in choice.positions}
    texts = {p: clean_text(column[p]) for p in choice.positions if p != choice.client}
    style = (
        NumberStyle.for_decimal(options.decimal)
        if options.decimal
        else detect_style(list(texts.values()), delimiter)
    )
    shown = {"\t": "tab"}.get(delimiter, delimiter)
    return ClientRows(
        clients=column[choice.client],
        revenue=parse_numbers(texts[choice.revenue], style),
        prior=parse_numbers(texts[choice.prior], style) if choice.prior is not None else None,
        columns=choice,
        source=source,
        first_row=2,
        details=[
            f"delimiter '{shown}'",
            f"decimal '{style.decimal}', thousands '{style.thousands}'",
            f"encoding {encoding}",
        ],
    )


# --- Excel -----------------------------------------------------------------------------------
def _read_excel(path: Path, source: str, options: ReadOptions) -> ClientRows:
    region = read_excel_region(path, options.sheet, source)
    choice = find_columns(
        region.headers, region.label, options.client, options.revenue, options.prior
    )
    width = len(region.headers)
    frame = pd.DataFrame(region.rows, columns=range(width), dtype=object)
    return ClientRows(
        clients=frame[choice.client],
        revenue=numeric_or_nan(frame[choice.revenue]),
        prior=numeric_or_nan(frame[choice.prior]) if choice.prior is not None else None,
        columns=choice,
        source=region.label,
        first_row=region.first_row,
    )


# --- Parquet ---------------------------------------------------------------------------------
def _numbers(series: pd.Series, style: NumberStyle) -> np.ndarray:
    if pd.api.types.is_string_dtype(series) and not pd.api.types.is_object_dtype(series):
        return parse_numbers(clean_text(series), style)
    if pd.api.types.is_object_dtype(series) and series.map(type).eq(str).any():
        return parse_numbers(clean_text(series.astype("string")), style)
    return numeric_or_nan(series)


def _read_parquet(path: Path, source: str, options: ReadOptions) -> ClientRows:
    try:
        import pyarrow.parquet as parquet
    except ImportError as error:
        raise XlparetoError(
            f"{source}: reading Parquet needs pyarrow: pip install 'xlpareto[parquet]'"
        ) from error
    import pyarrow

    try:
        headers = parquet.read_schema(path).names
    except (pyarrow.ArrowException, OSError) as error:
        raise XlparetoError(f"{source}: not a readable Parquet file ({error})") from error
    choice = find_columns(headers, source, options.client, options.revenue, options.prior)
    table = parquet.read_table(path, columns=[headers[p] for p in choice.positions])
    frame = table.to_pandas()
    style = NumberStyle.for_decimal(options.decimal or ".")
    by_position = {p: frame.iloc[:, i] for i, p in enumerate(choice.positions)}
    return ClientRows(
        clients=by_position[choice.client],
        revenue=_numbers(by_position[choice.revenue], style),
        prior=_numbers(by_position[choice.prior], style) if choice.prior is not None else None,
        columns=choice,
        source=source,
    )


def client_frame(rows: ClientRows) -> pd.DataFrame:
    """The rows as a frame with the workbook's column names (Client, Revenue, Revenue prior)."""
    data = {layout.CLIENT_COLUMN: rows.clients.to_numpy(), layout.REVENUE_COLUMN: rows.revenue}
    if rows.prior is not None:
        data[layout.PRIOR_COLUMN] = rows.prior
    return pd.DataFrame(data)
