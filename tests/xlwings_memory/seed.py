"""Read an .xlsx/.xlsm with openpyxl into a :class:`WorkbookModel`.

Loaded: sheet order and visibility, constants, formulas (text) with their cached results,
number formats, quote prefixes, tables (range, header row, totals row), workbook- and
sheet-level defined names, and charts (type, series with their value/category ranges).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

from . import entry as ent
from .model import ChartModel, DefinedName, SeriesModel, SheetModel, TableModel, WorkbookModel


def read_workbook(path: str | Path) -> WorkbookModel:
    """Load a workbook file into a fresh model."""
    path = Path(path).resolve()
    formulas_book = openpyxl.load_workbook(path, data_only=False)
    values_book = openpyxl.load_workbook(path, data_only=True)
    book = WorkbookModel(name=path.name, fullname=str(path))
    for ws in formulas_book.worksheets:
        sheet = book.add_sheet(ws.title)
        sheet.visible = ws.sheet_state == "visible"
        _read_cells(ws, values_book[ws.title], sheet)
        for table in ws.tables.values():
            book.tables.append(_table(table, sheet))
        for name, defined in ws.defined_names.items():
            book.names.append(DefinedName(name, "=" + defined.attr_text, sheet))
    for name, defined in formulas_book.defined_names.items():
        book.names.append(DefinedName(name, "=" + defined.attr_text, None))
    book.active_sheet = formulas_book.worksheets.index(formulas_book.active)
    chart_names = _chart_names(path)
    for ws in formulas_book.worksheets:
        sheet = book.sheet(ws.title)
        names = chart_names.get(ws.title, [])
        for index, chart in enumerate(ws._charts):
            name = names[index] if index < len(names) else f"Chart {index + 1}"
            sheet.charts.append(_chart(chart, name, sheet))
    return book


def _constant(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _read_cells(ws, ws_values, sheet: SheetModel) -> None:
    for row in ws.iter_rows():
        for cell in row:
            key = (cell.row - 1, cell.column - 1)
            if cell.number_format and cell.number_format != "General":
                sheet.number_formats[key] = cell.number_format
            value = cell.value
            if value is None:
                continue
            if isinstance(value, ArrayFormula):
                sheet.formulas[key] = _displayed(value.text)
            elif cell.data_type == "f":
                sheet.formulas[key] = _displayed(str(value))
            elif value != "":
                sheet.values[key] = _constant(value)
                if cell.quotePrefix:
                    sheet.prefixed.add(key)
                continue
            cached = ws_values.cell(cell.row, cell.column).value
            if cached is not None and cached != "":
                sheet.values[key] = _constant(cached)


def _displayed(formula: str) -> str:
    """Formula text as Excel shows it: without the file format's future-function prefixes."""
    return re.sub(r"_xl(fn|ws|pm)\.", "", formula)


def _table(table, sheet: SheetModel) -> TableModel:
    r1, c1, r2, c2 = ent.parse_address(table.ref)
    headers = table.headerRowCount is None or table.headerRowCount > 0
    totals = bool(table.totalsRowCount)
    return TableModel(
        table.displayName or table.name,
        sheet,
        r1 - 1,
        c1 - 1,
        r2 - 1,
        c2 - 1,
        show_headers=headers,
        show_totals=totals,
    )


# --- charts -------------------------------------------------------------------------------
_CHART_TYPES = {
    "lineChart": "line",
    "pieChart": "pie",
    "areaChart": "area",
    "scatterChart": "xy_scatter",
    "doughnutChart": "doughnut",
    "radarChart": "radar",
}


def _chart_type(chart) -> str:
    if chart.tagname == "barChart":
        grouping = {"stacked": "_stacked", "percentStacked": "_stacked_100"}.get(
            chart.grouping, "_clustered"
        )
        return ("column" if chart.barDir == "col" else "bar") + grouping
    return _CHART_TYPES.get(chart.tagname, chart.tagname)


def _ref(formula: str | None, book: WorkbookModel):
    if not formula:
        return None
    sheet_name, address = ent.split_reference(formula)
    bounds = ent.parse_address(address)
    if sheet_name is None or bounds is None:
        return None
    r1, c1, r2, c2 = bounds
    return book.sheet(sheet_name), (r1 - 1, c1 - 1, r2 - 1, c2 - 1)


def _series_name(series, book: WorkbookModel) -> str | None:
    if series.tx is None:
        return None
    if series.tx.strRef is not None:
        ref = _ref(series.tx.strRef.f, book)
        if ref is not None:
            value = ref[0].values.get(ref[1][:2])
            return None if value is None else str(value)
    return series.tx.v


def _data_ref(data, book):
    if data is None:
        return None
    for attr in ("numRef", "strRef"):
        ref = getattr(data, attr, None)
        if ref is not None:
            return _ref(ref.f, book)
    return None


def _title(chart) -> str | None:
    title = chart.title
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    texts = [run.t for p in title.tx.rich.p for run in (p.r or [])]
    return "".join(texts) or None


def _chart(chart, name: str, sheet: SheetModel) -> ChartModel:
    book = sheet.book
    parts = getattr(chart, "_charts", None) or [chart]
    primary_axis = parts[0].y_axis.axId if hasattr(parts[0], "y_axis") else None
    model = ChartModel(name, sheet, "combination" if len(parts) > 1 else _chart_type(parts[0]))
    model.title = _title(chart)
    for part in parts:
        axis = getattr(part, "y_axis", None)
        group = "secondary" if axis is not None and axis.axId != primary_axis else "primary"
        for series in part.series:
            values = series.val if series.val is not None else series.yVal
            categories = series.cat if series.cat is not None else series.xVal
            model.series.append(
                SeriesModel(
                    name=_series_name(series, book),
                    values_ref=_data_ref(values, book),
                    categories_ref=_data_ref(categories, book),
                    chart_type=_chart_type(part),
                    axis_group=group,
                )
            )
    return model


def _chart_names(path: Path) -> dict[str, list[str]]:
    """Sheet title -> names of its chart frames in drawing order (openpyxl drops them)."""
    result: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        files = set(archive.namelist())
        book_xml = archive.read("xl/workbook.xml").decode()
        book_rels = _rels(archive, "xl/_rels/workbook.xml.rels")
        for title, rel_id in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book_xml):
            sheet_path = _resolve("xl", book_rels.get(rel_id, ""))
            rels_path = posixpath.join(
                posixpath.dirname(sheet_path), "_rels", posixpath.basename(sheet_path) + ".rels"
            )
            if rels_path not in files:
                continue
            for target in _rels(archive, rels_path).values():
                drawing = _resolve(posixpath.dirname(sheet_path), target)
                if "drawings/" in drawing and drawing in files:
                    xml = archive.read(drawing).decode()
                    frames = re.findall(r"<xdr:graphicFrame.*?</xdr:graphicFrame>", xml, re.S)
                    names = [re.search(r'<xdr:cNvPr [^>]*name="([^"]*)"', f) for f in frames]
                    result[_unescape(title)] = [_unescape(m[1]) for m in names if m]
    return result


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _rels(archive: zipfile.ZipFile, path: str) -> dict[str, str]:
    xml = archive.read(path).decode()
    rels = {}
    for attrs in re.findall(r"<Relationship ([^>]*)/?>", xml):
        rel_id = re.search(r'Id="([^"]+)"', attrs)
        target = re.search(r'Target="([^"]+)"', attrs)
        if rel_id and target:
            rels[rel_id[1]] = target[1]
    return rels


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )
