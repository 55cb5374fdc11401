"""A text's lines, as the reader and text repair walk them, without a string per line held."""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_NEWLINE = re.compile("\n")


class Lines(Sequence[tuple[int, int, str]]):
    """The lines of a text, each (start, end, line) made when asked for: a million short
    lines held as tuples and strings cost some 200 bytes each, their offsets cost 8."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q", itertools.chain([0], (m.end() for m in _NEWLINE.finditer(text))))

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int, str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int, str]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int, str] | list[tuple[int, int, str]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        starts = self.starts  # (the reader asks for every line: a few lookups, not a dozen calls)
        n = len(starts)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        start = starts[i]
        end = starts[i + 1] - 1 if i + 1 < n else len(self.text)
        return start, end, self.text[start:end]

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        text, starts = self.text, self.starts
        ends = itertools.chain(itertools.islice(starts, 1, None), [len(text) + 1])
        for start, after in zip(starts, ends, strict=True):
            yield start, after - 1, text[start : after - 1]
