"""Worksheet ranges <-> typed engine inputs: the one conversion layer between the worksheet
functions and the engine (as xlwings keeps its ``conversion/``).

- :mod:`~xlpareto.conversion.cells`: what a range holds – flatten it in reading order, read
  numbers the way ``SUM`` does, Excel error literals, scalars, texts.
- :mod:`~xlpareto.conversion.arguments`: cutoffs, labels, populations and weights read into
  the typed values the engine takes.
- :mod:`~xlpareto.conversion.rows`: several per-row ranges read at once (same number of
  cells; text where a number is needed in a counted row is an error).
- :mod:`~xlpareto.conversion.shapes`: engine results back in the input's shape.

The dependency direction is ``engine ← conversion ← udfs``: the engine never imports this.
"""

from __future__ import annotations

from xlpareto.conversion.arguments import (
    read_cutoffs,
    read_labels,
    read_population,
    read_tier_rule,
    read_weights,
)
from xlpareto.conversion.cells import (
    EXCEL_ERRORS,
    Cells,
    error_literal,
    flatten,
    is_missing,
    read_cells,
    read_scalar_number,
    read_texts,
)
from xlpareto.conversion.rows import (
    check_sum_fits,
    read_optional_number,
    read_rows,
    require_numbers,
    values_of,
)
from xlpareto.conversion.shapes import frame_rows, scatter, shape_like

__all__ = [
    "EXCEL_ERRORS",
    "Cells",
    "check_sum_fits",
    "error_literal",
    "flatten",
    "frame_rows",
    "is_missing",
    "read_cells",
    "read_cutoffs",
    "read_labels",
    "read_optional_number",
    "read_population",
    "read_rows",
    "read_scalar_number",
    "read_texts",
    "read_tier_rule",
    "read_weights",
    "require_numbers",
    "scatter",
    "shape_like",
    "values_of",
]
