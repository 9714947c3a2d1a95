"""Results of a function over a stream of items, worked out a few items ahead in threads
and handed back in order – how the large sheets are rendered and deflated while the next
pieces are produced (numpy's, polars' and zlib's work releases the GIL)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def in_order_ahead(
    function: Callable[[_Item], _Result], items: Iterable[_Item], workers: int
) -> Iterator[_Result]:
    """``function(item)`` for each of ``items``, in their order, at most ``workers`` of them
    worked out at a time in threads (``items`` are taken one by one, in order, as room
    frees up).

    Examples
    --------
    >>> list(in_order_ahead(lambda x: x * x, range(5), 2))
    [0, 1, 4, 9, 16]
    """
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_Result]] = deque()
        for item in items:
            if len(pending) >= workers:
                yield pending.popleft().result()
            pending.append(pool.submit(function, item))
        while pending:
            yield pending.popleft().result()
