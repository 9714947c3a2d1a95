"""Give engine results the shape of a worksheet range: scalar, rows of cells, or a table.

Array results keep the orientation of their input (SPEC section 2): results for the counted
cells go back to their positions, ignored positions get ``""``, and the flat reading order is
cut into rows of the input's width.
"""

from __future__ import annotations

import gc
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.conversion.cells import Cells


def shape_like(results: np.ndarray | list, cells: Cells) -> Any:
    """Give flat results (reading order) the input's shape: scalar, or a list of lists.

    Positions whose input was ignored get ``""`` so a spilled range lines up with its input.

    Examples
    --------
    >>> from xlpareto.conversion.cells import read_cells
    >>> shape_like(["A", "B", "C"], read_cells([[50, None, 5]], "revenue"))
    [['A', '', 'C']]
    """
    if cells.is_scalar:
        item = results[0]
        return item.item() if isinstance(item, np.generic) else item
    flat = results.tolist() if isinstance(results, np.ndarray) else list(results)
    if not cells.counted.all():
        for position in np.flatnonzero(~cells.counted).tolist():
            flat[position] = ""
    rows, cols = cells.shape
    # Building many small lists triggers the cyclic garbage collector over and over; these
    # lists hold only plain values, so pause it while they are made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if cols == 1:
            return [[item] for item in flat]
        return [flat[row * cols : (row + 1) * cols] for row in range(rows)]
    finally:
        if collecting:
            gc.enable()


def scatter(results: np.ndarray, cells: Cells) -> Any:
    """Put results for the counted cells back at their positions, shaped like the input.

    Examples
    --------
    >>> from xlpareto.conversion.cells import read_cells
    >>> scatter(np.array([1, 2]), read_cells([50, "x", 30], "revenue"))
    [[1], [''], [2]]
    """
    if cells.counted.all():
        return shape_like(results, cells)
    full = np.full(cells.values.size, "", dtype=object)
    full[cells.counted] = np.asarray(results, dtype=object)
    return shape_like(full, cells)


def frame_rows(frame: pd.DataFrame, corner: str | None = None) -> list[list[Any]]:
    """A DataFrame as a header row plus data rows of plain Python values.

    With ``corner``, the index becomes the first column and ``corner`` its header.

    Examples
    --------
    >>> frame_rows(pd.DataFrame({"Tier": ["A"], "Clients": [2]}))
    [['Tier', 'Clients'], ['A', 2]]
    """
    header = list(frame.columns)
    body = frame.astype(object).to_numpy().tolist()
    if corner is not None:
        header = [corner, *header]
        body = [[label, *row] for label, row in zip(frame.index, body, strict=True)]
    return [header, *body]
