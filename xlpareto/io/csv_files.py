"""CSV and other text files: encoding, delimiter and number style detected from the first
256 KiB (:func:`sniff_csv`), every cell read as text, the chosen columns parsed."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from xlpareto.errors import XlparetoError
from xlpareto.io.columns import ColumnChoice, find_columns
from xlpareto.io.input_rows import InputRows, ReadOptions, input_rows
from xlpareto.io.numbers import (
    NumberStyle,
    clean_text,
    detect_style,
    parse_numbers,
    shows_thousands,
    style_hint,
)
from xlpareto.layout.inputs import InputTable

DELIMITERS = (",", ";", "\t", "|")


_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


_SAMPLE_BYTES = 1 << 18


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


def read_csv(path: Path, source: str, options: ReadOptions, table: InputTable) -> InputRows:
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
    return input_rows(
        choice, raw, lambda texts: parse_numbers(texts, style.style), source, 2, style.details,
        style.known, written,
    )  # fmt: skip
