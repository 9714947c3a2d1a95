"""Read an input file (CSV, XLSX/XLSM or Parquet) into the columns of an input schema.

Formats are chosen by the file extension: ``.csv``/``.tsv``/``.txt`` (text), ``.xlsx``/
``.xlsm`` (openpyxl), ``.parquet``/``.pq`` (polars).

CSV: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252), the
delimiter (``,`` ``;`` tab ``|``) and the number style (see :mod:`xlpareto.io.numbers`) are
detected; ``--encoding``, ``--delimiter`` and ``--decimal`` force them. Every cell is read as
text (a client called ``NA`` or ``null`` stays a client) and only the chosen columns are
parsed. Text number columns in Parquet files are parsed the same way.

The rows are :class:`~xlpareto.io.input_rows.InputRows`; text files are read by
:mod:`xlpareto.io.csv_files`. Which columns are read, and which are numbers, comes from the schema
(:mod:`xlpareto.layout.inputs`, the Clients table by default): the required ones must be
there, optional ones (prior revenue, cost to serve, hours) are read when present.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from xlpareto.engine.intake import numeric_or_nan
from xlpareto.errors import XlparetoError
from xlpareto.io.columns import find_columns
from xlpareto.io.csv_files import read_csv
from xlpareto.io.excel import read_excel_region
from xlpareto.io.input_rows import InputRows, ReadOptions, input_rows
from xlpareto.io.numbers import NumberStyle, clean_text, parse_numbers
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
        reader = {"csv": read_csv, "excel": _read_excel, "parquet": _read_parquet}[kind]
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


def _read_excel(path: Path, source: str, options: ReadOptions, table: InputTable) -> InputRows:
    region = read_excel_region(path, options.sheet, source, table.name, table.sheet)
    choice = find_columns(region.headers, region.label, table, options.columns)
    frame = pd.DataFrame(region.rows, columns=range(len(region.headers)), dtype=object)
    raw = {role: frame[p] for role, p in choice.items()}
    return input_rows(choice, raw, numeric_or_nan, region.label, region.first_row)


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
    from xlpareto.io.parquet_pages import check_parquet_pages

    try:
        with native_guard():
            headers = list(pl.scan_parquet(path).collect_schema().names())
            choice = find_columns(headers, source, table, options.columns)
            columns = [headers[p] for p in choice.values()]
            check_parquet_pages(path, source, columns)  # polars aborts on some damaged pages
            frame = pl.read_parquet(path, columns=columns)
    except NativePanic as panic:  # a damaged file can make polars' Rust code panic
        raise XlparetoError(f"{source}: not a readable Parquet file ({panic.detail})") from None
    except (pl.exceptions.PolarsError, OSError) as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise XlparetoError(f"{source}: not a readable Parquet file ({detail})") from error
    style = NumberStyle.for_decimal(options.decimal or ".")
    raw = {role: _pandas_column(frame.to_series(i)) for i, role in enumerate(choice)}
    given = style if options.decimal else None
    return input_rows(choice, raw, lambda series: _numbers(series, style), source, 2, None, given)
