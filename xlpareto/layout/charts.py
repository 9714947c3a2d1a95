"""Native charts as data: series bound to table columns by header, axes, tier colours.

Part of the output sheets' description (:class:`~xlpareto.layout.output_sheet.SheetSpec` holds
its charts): XlsxWriter (:mod:`xlpareto.workbook.chart`) and the refresh
(:mod:`xlpareto.refresh.chart`) draw every :class:`ChartSpec` from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from xlpareto.layout.sheets import Position, TableSpec, cell_name


@dataclass(frozen=True)
class SeriesSpec:
    """A chart series bound to a table column by header.

    Attributes
    ----------
    column : header of the table column holding the values (also the series name).
    chart_type : ``"column"``, ``"line"``, ``"bar"`` or ``"scatter"`` (x-y with straight
        lines).
    colour : fill (columns, bars) or line colour, ``#RRGGBB``.
    secondary : plotted on the secondary value axis.
    invisible : no fill, no border, not in the legend (a waterfall's base).
    table : the table holding the values and categories (default: the chart's table).
    categories : header of the category (x) column (default: the chart's).
    tier_column : header of the column whose tier gives each bar its colour
        (:func:`tier_point_colours`); None: every bar in ``colour``.
    dash : a line's dash type (``"dash"``, ``"round_dot"``…, XlsxWriter's names); None:
        solid.
    """

    column: str
    chart_type: Literal["column", "line", "bar", "scatter"]
    colour: str
    secondary: bool = False
    invisible: bool = False
    table: str | None = None
    categories: str | None = None
    tier_column: str | None = None
    dash: str | None = None


#: Bar colours of the tiers, best first (cycled for more tiers): strong, medium, pale.
TIER_BAR_COLOURS = ("#1F4E79", "#5B9BD5", "#BDD7EE", "#A5A5A5")


def tier_point_colours(tiers: Sequence[object]) -> list[str]:
    """Each row's bar colour: tiers coloured in the order they first appear (the table is
    sorted by rank, so the best tier comes first), :data:`TIER_BAR_COLOURS` cycled.

    Examples
    --------
    >>> tier_point_colours(["A", "A", "B", "C"])
    ['#1F4E79', '#1F4E79', '#5B9BD5', '#BDD7EE']
    """
    order: dict[object, int] = {}
    for tier in tiers:
        order.setdefault(tier, len(order))
    return [TIER_BAR_COLOURS[order[tier] % len(TIER_BAR_COLOURS)] for tier in tiers]


def label_interval(rows: int, max_labels: int) -> int:
    """Show every k-th category label so at most ``max_labels`` are drawn (k >= 1).

    Examples
    --------
    >>> label_interval(200, 20), label_interval(15, 20)
    (10, 1)
    """
    return max(1, -(-rows // max(max_labels, 1)))


@dataclass(frozen=True)
class AxisSpec:
    """A value axis: title, number format and optional fixed bounds."""

    title: str
    number_format: str
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A native chart over one table's columns.

    Attributes
    ----------
    name : the chart's object name (how the refresh finds it).
    title : chart title.
    table : name of the table the series are bound to.
    categories : header of the column with the category labels.
    series : the series, in drawing order.
    top_left : zero-based anchor cell.
    size : ``(rows, columns)`` the chart covers.
    x_title : category axis title.
    y_axis, y2_axis : primary and secondary value axes.
    kind : ``"combo"`` (first series' type, the others combined on it: the Pareto chart),
        ``"stacked"`` (stacked columns: a waterfall with an invisible base series),
        ``"scatter"`` (lines over a numeric x axis: the whale curve) or ``"bar"``
        (horizontal bars, first category on top).
    max_labels : most category labels drawn (every k-th one past that many rows:
        :func:`label_interval`).
    reference_lines : how each column of the table ``reference_lines.table`` is drawn:
        one series per column, named by its header (the Pareto chart's cutoff lines: a
        constant column per cutoff, ``"80 %"``, ``"95 %"``); ``reference_lines.column``
        is unused. None: no such lines. :meth:`series_for` lists them.
    """

    name: str
    title: str
    table: str
    categories: str
    series: tuple[SeriesSpec, ...]
    top_left: Position
    size: tuple[int, int]
    x_title: str
    y_axis: AxisSpec
    y2_axis: AxisSpec | None = None
    kind: Literal["combo", "stacked", "scatter", "bar"] = "combo"
    max_labels: int = 20
    reference_lines: SeriesSpec | None = None

    def source(self, series: SeriesSpec) -> tuple[str, str]:
        """(table name, category header) a series is bound to."""
        return series.table or self.table, series.categories or self.categories

    def series_for(self, tables: Sequence[TableSpec] = ()) -> tuple[SeriesSpec, ...]:
        """The series drawn with these tables written: :attr:`series`, then one reference
        line per column of the reference-line table when it is among ``tables``.

        Examples
        --------
        >>> from xlpareto.layout.sheets import OutputColumn
        >>> line = SeriesSpec("", "line", "#000000", secondary=True, table="Lines")
        >>> base = SeriesSpec("y", "column", "#111111")
        >>> chart = ChartSpec("c", "t", "T", "x", (base,), (0, 0), (9, 9), "", AxisSpec("", "0"),
        ...                   reference_lines=line)
        >>> lines = TableSpec("Lines", (OutputColumn("80 %", "number", "0%", 9),), (0, 20))
        >>> [s.column for s in chart.series_for([lines])]
        ['y', '80 %']
        """
        if self.reference_lines is None:
            return self.series
        table = next((t for t in tables if t.name == self.reference_lines.table), None)
        if table is None:
            return self.series
        lines = tuple(replace(self.reference_lines, column=header) for header in table.headers)
        return self.series + lines

    def binds(self, table: str) -> bool:
        """Whether a series (or the reference lines) is bound to the table called ``table``."""
        lines = self.reference_lines
        return any(self.source(s)[0] == table for s in self.series) or (
            lines is not None and lines.table == table
        )

    @property
    def height(self) -> int:
        """Rows covered."""
        return self.size[0]

    @property
    def width(self) -> int:
        """Columns covered."""
        return self.size[1]

    @property
    def anchor(self) -> str:
        """A1 name of the anchor cell."""
        return cell_name(*self.top_left)
