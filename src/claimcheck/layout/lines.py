"""A text's lines, as the reader and text repair walk them, without a string per line held."""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Sequence
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
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        start = self.starts[i]
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return start, end, self.text[start:end]
