"""layout.Lines: a text's lines as (start, end, line), by index and in order, alike."""

from __future__ import annotations

import pytest

from claimcheck.layout.lines import Lines


@pytest.mark.parametrize("text", ["", "Valdrex", "Valdrex\n", "\n", "Borduria\n5.2 million\n\nStorm Kelda", "x\n\n"])
def test_lines_by_index_and_in_order_are_the_split_lines(text: str) -> None:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    expected = [(s, s + len(line), line) for s, line in zip(starts, text.split("\n"), strict=True)]
    lines = Lines(text)
    assert list(lines) == expected
    assert [lines[i] for i in range(len(lines))] == expected
    assert [lines[i - len(lines)] for i in range(len(lines))] == expected
    assert lines[1:] == expected[1:] and lines[:60] == expected[:60]
    for outside in (len(lines), -len(lines) - 1):
        with pytest.raises(IndexError):
            lines[outside]
