"""Read a sheet or an Excel table from an .xlsx/.xlsm file (openpyxl, read-only mode).

Which range is read:

- ``--sheet NAME``: the worksheet of that name, else the Excel table of that name
  (both case-insensitive);
- no ``--sheet``: the table ``Clients`` (the workbook template's), else the sheet ``Clients``,
  else the first worksheet (another input schema names its own table and sheet).

On a sheet, the first row with any value is the header row; trailing blank rows are dropped.
Cells keep Excel's types: a revenue cell holding *text* is not a number (as Excel's ``SUM``
sees it) and is skipped and counted. Formulas are read as their cached values.

openpyxl's read-only worksheets do not expose tables, so the table index is read straight
from the package parts (workbook → sheet → table relationships).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from xlpareto import layout
from xlpareto.errors import XlparetoError
from xlpareto.io.broken_files import BROKEN_WORKBOOK, decode_escapes, unreadable_reason

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class TableRef:
    """An Excel table: its name, sheet and range (1-based bounds, header row first)."""

    name: str
    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int
    totals_rows: int = 0


@dataclass(frozen=True)
class Region:
    """Cells read from a sheet: header names, data rows and the sheet row of the first one."""

    headers: list[str]
    rows: list[tuple]
    first_row: int
    label: str


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part) of ``part``."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    if rels_part not in archive.namelist():
        return {}
    result = {}
    for rel in ElementTree.fromstring(archive.read(rels_part)).iter(f"{_REL}Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        result[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
    return result


def list_tables(path: Path) -> list[TableRef]:
    """All Excel tables of a workbook, read from its package parts."""
    from openpyxl.utils.cell import range_boundaries  # imported when read: see read_excel_region

    tables = []
    with zipfile.ZipFile(path) as archive:
        workbook_rels = _rels(archive, "xl/workbook.xml")
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        for sheet in root.iter(f"{_MAIN}sheet"):
            _, sheet_part = workbook_rels.get(sheet.get(f"{_DOC_REL}id", ""), ("", ""))
            for kind, part in _rels(archive, sheet_part).values() if sheet_part else ():
                if not kind.endswith("/table") or part not in archive.namelist():
                    continue
                table = ElementTree.fromstring(archive.read(part))
                min_col, min_row, max_col, max_row = range_boundaries(table.get("ref", "A1"))
                tables.append(
                    TableRef(
                        name=table.get("displayName") or table.get("name", ""),
                        sheet=sheet.get("name", ""),
                        min_col=min_col,
                        min_row=min_row,
                        max_col=max_col,
                        max_row=max_row,
                        totals_rows=int(table.get("totalsRowCount", "0") or 0),
                    )
                )
    return tables


def _find(names: list[str], wanted: str) -> str | None:
    return next((n for n in names if n.casefold() == wanted.casefold()), None)


def _header_text(value: object) -> str:
    return "" if value is None else str(decode_escapes(value)).strip()


def _decoded(row: tuple) -> tuple:
    return tuple(decode_escapes(v) if isinstance(v, str) else v for v in row)


def read_excel_region(
    path: Path,
    sheet: str | None,
    source: str,
    default_table: str = layout.CLIENTS_TABLE,
    default_sheet: str | None = layout.CLIENTS_SHEET,
) -> Region:
    """Read the header and data rows chosen by ``sheet`` (see the module docstring).

    Without ``sheet``: the table ``default_table``, else the sheet ``default_sheet``, else
    the first worksheet.
    """
    # openpyxl is imported here, when an Excel file is read: importing it costs every other
    # run of the command line (CSV, Parquet) about 0.2 s of start-up
    from openpyxl import load_workbook

    try:
        tables = list_tables(path)
        book = load_workbook(path, read_only=True, data_only=True)
    except XlparetoError:
        raise
    except BROKEN_WORKBOOK as error:
        raise XlparetoError(f"{source}: {unreadable_reason(path, error)}") from error
    try:
        return _read_region(book, tables, sheet, source, default_table, default_sheet)
    except XlparetoError:
        raise
    except BROKEN_WORKBOOK as error:
        raise XlparetoError(f"{source}: {unreadable_reason(path, error)}") from error
    finally:
        book.close()


def _read_region(
    book,
    tables: list[TableRef],
    sheet: str | None,
    source: str,
    default_table: str,
    default_sheet: str | None,
) -> Region:
    """The region ``sheet`` (or the defaults) names in an opened workbook."""
    sheets = book.sheetnames
    table_names = [t.name for t in tables]
    if sheet is not None:
        sheet_name, table_name = _find(sheets, sheet), _find(table_names, sheet)
        if sheet_name is None and table_name is None:
            raise XlparetoError(
                f"{source}: no sheet or table named '{sheet}' "
                f"(sheets: {', '.join(sheets)}; tables: {', '.join(table_names) or 'none'})"
            )
    else:
        table_name = _find(table_names, default_table)
        named = _find(sheets, default_sheet) if default_sheet else None
        sheet_name = named or (sheets[0] if sheets else None)
        if sheet_name is None:
            raise XlparetoError(f"{source}: the workbook has no sheets")
    if sheet_name is not None and (sheet is not None or table_name is None):
        return _read_sheet(book[sheet_name], f"{source} [sheet {sheet_name}]")
    table = next(t for t in tables if t.name == table_name)
    return _read_table(book[table.sheet], table, f"{source} [table {table.name}]")


def _read_sheet(worksheet, label: str) -> Region:
    rows = worksheet.iter_rows(values_only=True)
    header_row = 0
    for header_row, row in enumerate(rows, start=1):  # noqa: B007 - used after the loop
        if any(v is not None and str(v).strip() for v in row):
            headers = [_header_text(v) for v in row]
            break
    else:
        raise XlparetoError(f"{label}: the sheet is empty")
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    data = [_decoded(tuple(row[:width])) + (None,) * (width - len(row)) for row in rows]
    while data and all(v is None or v == "" for v in data[-1]):
        data.pop()
    return Region(headers, data, header_row + 1, label)


def _read_table(worksheet, table: TableRef, label: str) -> Region:
    rows = list(
        worksheet.iter_rows(
            min_row=table.min_row,
            max_row=table.max_row - table.totals_rows,
            min_col=table.min_col,
            max_col=table.max_col,
            values_only=True,
        )
    )
    if not rows:
        raise XlparetoError(f"{label}: the table is empty")
    width = table.max_col - table.min_col + 1
    data = [_decoded(tuple(row)) + (None,) * (width - len(row)) for row in rows[1:]]
    return Region([_header_text(v) for v in rows[0]], data, table.min_row + 1, label)
