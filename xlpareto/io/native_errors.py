"""Polars' native panics as one-line errors, without their Rust backtrace on the terminal.

A damaged Parquet file can make polars' Rust code panic: polars raises ``PanicException``
(a ``BaseException``, so no ``except Exception`` sees it), and Rust's panic hook has already
printed "thread … panicked at …" and a stack backtrace straight to file descriptor 2, below
Python. No library option turns that print off, so :func:`native_guard` points descriptor 2
at a temporary file while polars runs: on success whatever was written there is passed on to
the real stderr unchanged (nothing is lost); on a panic its first line becomes the detail of
:class:`NativePanic`, which the readers word as one ``XlparetoError``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import polars as pl


class NativePanic(Exception):
    """Polars panicked; ``detail`` is the panic's first line (e.g. "assertion failed: …")."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _panic_detail(printed: str, error: BaseException) -> str:
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    for index, line in enumerate(lines):  # "thread 'x' panicked at file:line:col:" + message
        if " panicked at " in line and index + 1 < len(lines):
            return lines[index + 1][:200]
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


@contextmanager
def native_guard() -> Iterator[None]:
    """Run polars with its native stderr captured; a panic becomes :class:`NativePanic`."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        panic: BaseException | None = None
        try:
            yield
        except pl.exceptions.PanicException as error:
            panic = error
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            printed = captured.read().decode(errors="replace")
        if panic is not None:
            raise NativePanic(_panic_detail(printed, panic)) from None
        if printed:
            sys.stderr.write(printed)
