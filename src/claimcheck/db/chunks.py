"""Splitting long lists of bound values into pieces a single SQL statement can take."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_LIST = 500  # values bound in one IN (...): far below SQLite's and PostgreSQL's parameter limits


def chunks(xs: Sequence[T], n: int = IN_LIST) -> Iterator[Sequence[T]]:
    """`xs`, `n` at a time, in order: chunks([1, 2, 3], 2) gives [1, 2] then [3]."""
    for i in range(0, len(xs), n):
        yield xs[i : i + n]
