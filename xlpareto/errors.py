"""The one exception family of xlpareto."""

from __future__ import annotations

import re

#: Control characters left after whitespace is collapsed (C0, DEL, C1).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    r"""``text`` with control characters written as ``\xHH`` (safe to echo to a terminal).

    Examples
    --------
    >>> escape_controls("Rev\x1b[2J")
    'Rev\\x1b[2J'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class XlparetoError(ValueError):
    """A problem with the user's input, worded for a spreadsheet user (one line, control
    characters escaped)."""

    def __init__(self, message: str) -> None:
        super().__init__(escape_controls(" ".join(str(message).split())))
