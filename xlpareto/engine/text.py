"""Text columns of the engine's tables: from a few choices (no Python object per row), and
client names as pandas text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from xlpareto.errors import XlparetoError

#: Whole numbers below this are written without a decimal point (beyond it a float has no
#: fraction digits anyway, and ``repr`` writes it exactly with an exponent).
_WHOLE_NUMBER_LIMIT = 2.0**53


def cell_text(value: object) -> str:
    """A cell's value as the text a client name (or a label) is: a whole number without a
    decimal point, any other number in the shortest form that reads back as the same float,
    anything else as ``str`` writes it. Distinct numbers give distinct texts: client numbers
    1234567 and 1234568 stay two clients (``format(v, "g")`` wrote both as 1.23457e+06).

    Examples
    --------
    >>> [cell_text(v) for v in (1001.0, 1234567.0, 12.5, 0.1, -0.0, 1e20, 7, True)]
    ['1001', '1234567', '12.5', '0.1', '0', '1e+20', '7', 'True']
    """
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _WHOLE_NUMBER_LIMIT:
            return str(int(value))
        return repr(value)
    return str(value)


def check_whole_characters(
    texts: Sequence[object], what: str, first_row: int = 2, place: str = "in row"
) -> None:
    """Raise a one-line error naming the first text of ``texts`` (row ``first_row`` on, or
    e.g. ``place="at position"``) that holds half a character: a lone UTF-16 surrogate,
    which an Excel cell can hold (an emoji cut in two) but no UTF-8 text – a workbook,
    Arrow's text, pandas' ``str`` – can.

    Examples
    --------
    >>> check_whole_characters(["Acme", "Café"], "clients")
    >>> try:
    ...     check_whole_characters(["Acme", "Bolt " + chr(0xD83D)], "clients")
    ... except XlparetoError as error:
    ...     print(error)
    clients: the text in row 3 holds half a character (U+D83D, a lone UTF-16 surrogate): retype it
    """
    try:
        joined = "".join(texts)  # the usual case, all texts: one check in C
    except TypeError:
        joined = "".join(t for t in texts if isinstance(t, str))
    try:
        joined.encode("utf-8")
        return
    except UnicodeEncodeError:
        pass
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            code = ord(text[error.start])
            raise XlparetoError(
                f"{what}: the text {place} {index + first_row} holds half a character "
                f"(U+{code:04X}, a lone UTF-16 surrogate): retype it"
            ) from None


def text_choices(choices: Sequence[str], indices: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``choices[indices]`` as pandas text (the ``str`` dtype a DataFrame infers for texts).

    Examples
    --------
    >>> list(text_choices(["A", "B", ""], np.array([1, 0, 2])))
    ['B', 'A', '']
    """
    return pd.array(list(choices), dtype="str").take(np.asarray(indices, dtype=np.intp))


def text_array(values: object) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")``, about twice as fast for a large object array of
    Python strings (1,000,000 names: 30 ms against 55 ms): Arrow reads the strings into its
    text array directly, without pandas' check of every value first. Anything Arrow does not
    read as text (numbers, other objects) – or no pyarrow – takes pandas' own path.

    Examples
    --------
    >>> text_array(np.array(["Acme", "Bolt"], dtype=object)).tolist()
    ['Acme', 'Bolt']
    """
    if isinstance(values, np.ndarray) and values.dtype == object and values.size:
        try:
            import pyarrow as pa
        except ImportError:  # an optional package: pandas then keeps Python strings
            return pd.array(values, dtype="str")
        try:
            arrow = pa.array(values, type=pa.large_string())
        except (pa.ArrowException, TypeError, ValueError):
            return pd.array(values, dtype="str")
        return arrow_text(arrow)
    return pd.array(values, dtype="str")


#: Python's whitespace (what ``str.strip`` removes; polars' default trimming keeps
#: U+001C…U+001F): names are trimmed exactly as the row-by-row path trims them. Written out
#: (a test checks it against ``str.isspace``): finding it takes 0.3 s at every start.
PYTHON_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

#: A UTF-8 byte that may start or end a character Python's ``str.strip`` removes: ASCII
#: whitespace is at most a space (0x20); other whitespace (U+0085, U+00A0, U+2000…) is
#: non-ASCII, whose bytes are all 0x80 or more.
_LAST_PLAIN_BYTE = 0x20
_FIRST_NON_ASCII_BYTE = 0x80


def trimmed_text(items: np.ndarray) -> tuple[np.ndarray, pd.api.extensions.ExtensionArray] | None:
    """Python strings trimmed as ``str.strip`` trims them, and the same texts as pandas text
    (Arrow data), or None when not every item is a string (or there is no pyarrow).

    ``str.strip`` is called only on the texts whose first or last byte may be whitespace
    (read from Arrow's buffers: 1,000,000 names checked in 12 ms, against 50–60 ms for a
    ``str.strip`` of each); the rest are returned as they are (``strip`` would return each
    unchanged). The Arrow text is the one the analysis table shows, so it is not made twice.

    Examples
    --------
    >>> names, text = trimmed_text(np.array([" Acme", "Bolt", "Café\u00a0", ""], dtype=object))
    >>> names.tolist(), text.tolist()
    (['Acme', 'Bolt', 'Café', ''], ['Acme', 'Bolt', 'Café', ''])
    """
    if not (isinstance(items, np.ndarray) and items.dtype == object and items.size):
        return None
    if pd.api.types.infer_dtype(items, skipna=False) != "string":  # pandas' C check
        return None
    try:
        import pyarrow as pa
    except ImportError:  # an optional package: the caller strips each name
        return None
    try:
        arrow = pa.array(items, type=pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):  # e.g. a lone surrogate
        return None
    offsets = np.frombuffer(arrow.buffers()[1], dtype=np.int64)[: items.size + 1]
    data = np.frombuffer(arrow.buffers()[2] or b"", dtype=np.uint8)
    filled = np.flatnonzero(offsets[1:] > offsets[:-1])
    if filled.size:
        first = data[offsets[filled]]
        last = data[offsets[filled + 1] - 1]
        maybe = (first <= _LAST_PLAIN_BYTE) | (first >= _FIRST_NON_ASCII_BYTE)
        maybe |= (last <= _LAST_PLAIN_BYTE) | (last >= _FIRST_NON_ASCII_BYTE)
        suspects = filled[maybe]
        stripped = [(at, items[at].strip()) for at in suspects.tolist()]
        changed = [(at, text) for at, text in stripped if text != items[at]]
        if changed:
            items = items.copy()
            for at, text in changed:
                items[at] = text
            arrow = pa.array(items, type=pa.large_string())
    return items, arrow_text(arrow)


def arrow_text(arrow: Any) -> pd.api.extensions.ExtensionArray:
    """An Arrow text array as pandas text (``str``) on the same data (large strings: a
    cast of other text types)."""
    import pyarrow as pa

    if arrow.type != pa.large_string():
        arrow = arrow.cast(pa.large_string())
    return pd.array(pa.chunked_array([arrow]), dtype="str")
