"""Independent parts of one analysis run side by side – where that helps and is possible.

numpy's sorts and searches and Arrow's takes release the GIL, so on a large client list the
parts that need nothing of each other (the rank-ordered table, the prior period, the profit)
run in threads. Small lists gain nothing from threads, and some hosts cannot start one:
xlwings Lite runs Python in Pyodide (Excel on the web), where ``Thread.start`` raises. There
the parts run one after the other, at submission. Either way a part's result or error is
only taken at ``Future.result()``, so callers see errors in the same order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from functools import cache
from typing import Any

#: From this many clients on, the analysis' parts run in threads.
THREADED_CLIENTS = 20_000


class InlineExecutor(Executor):
    """An executor that runs each call at once, in the calling thread.

    Examples
    --------
    >>> with InlineExecutor() as parts:
    ...     parts.submit(sum, [1, 2]).result()
    3
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # kept for result(), as a thread would keep it
            future.set_exception(error)
        return future


@cache
def threads_start() -> bool:
    """Whether this Python can start a thread (not in Pyodide, for instance)."""
    try:
        thread = threading.Thread(target=lambda: None, daemon=True)
        thread.start()
    except RuntimeError:  # "can't start new thread"
        return False
    thread.join()
    return True


def parts_executor(clients: int, workers: int = 2) -> Executor:
    """Threads for the parts of an analysis of ``clients`` clients when that pays off and
    threads can start, else an :class:`InlineExecutor`."""
    if clients >= THREADED_CLIENTS and threads_start():
        return ThreadPoolExecutor(max_workers=workers)
    return InlineExecutor()
