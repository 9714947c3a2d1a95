"""Input for the command line: client lists from CSV, XLSX/XLSM and Parquet files.

``xlpareto.engine`` computes and never touches files; this package reads them (the split
pandas makes between ``core`` and ``io``). Which columns it reads comes from the input
schema, :mod:`xlpareto.layout.inputs`.
"""

from __future__ import annotations

from xlpareto.io.columns import SYNONYMS, ColumnChoice, find_columns
from xlpareto.io.numbers import NumberStyle, detect_style, parse_numbers
from xlpareto.io.readers import FORMATS, InputRows, ReadOptions, read_input_file

__all__ = [
    "FORMATS",
    "SYNONYMS",
    "ColumnChoice",
    "InputRows",
    "NumberStyle",
    "ReadOptions",
    "detect_style",
    "find_columns",
    "parse_numbers",
    "read_input_file",
]
