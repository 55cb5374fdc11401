"""Items in batches bounded both by count and by a weight (a file's bytes, a group's claims)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def weighted_batches(items: Iterable[T], weight: Callable[[T], int], size: int, max_weight: int) -> Iterator[list[T]]:
    """`items` in order, at most `size` a batch and, unless one item alone weighs more, at most
    `max_weight` in all.

    >>> list(weighted_batches([3, 3, 5, 1], lambda n: n, size=3, max_weight=6))
    [[3, 3], [5, 1]]
    """
    batch: list[T] = []
    total = 0
    for item in items:
        n = weight(item)
        if batch and (len(batch) >= size or total + n > max_weight):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += n
    if batch:
        yield batch
