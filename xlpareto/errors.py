"""The one exception family of xlpareto."""

from __future__ import annotations


class XlparetoError(ValueError):
    """A problem with the user's input, worded for a spreadsheet user (one line)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))
