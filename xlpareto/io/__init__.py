"""Input for the command line: client lists from CSV, XLSX/XLSM and Parquet files.

``xlpareto.engine`` computes and never touches files; this package reads them (the split
pandas makes between ``core`` and ``io``).
"""

from __future__ import annotations

from xlpareto.io.columns import SYNONYMS, ColumnChoice, find_columns
from xlpareto.io.numbers import NumberStyle, detect_style, parse_numbers
from xlpareto.io.readers import FORMATS, ClientRows, ReadOptions, client_frame, read_clients

__all__ = [
    "FORMATS",
    "SYNONYMS",
    "ClientRows",
    "ColumnChoice",
    "NumberStyle",
    "ReadOptions",
    "client_frame",
    "detect_style",
    "find_columns",
    "parse_numbers",
    "read_clients",
]
