"""Words a converter broke over two lines with a hyphen ("per-" / "cent from 2028"), put back
together on the first line, so that figures and units read as written ("3.1 percent").

A break is rejoined unless the text writes the same pair with its hyphen elsewhere
("long-term"), or both halves are dictionary words of four letters or more, which is how a
compound reads ("well-" / "known"). Line count and paragraph breaks are kept: the second half
moves up, and its line goes only when nothing else was on it.
"""

from __future__ import annotations

import re

from claimcheck.normalize.lemmas import is_word

# a word's first part and hyphen at a line's end; the next line's first token, in lower case
_BROKEN = re.compile(r"(?<![\w-])([^\W\d_]+)-\n[^\S\n]*([^\W\d_A-Z][^\W\d_]*)([^\s]*)([^\S\n]*\n?)")
_HYPHENATED = re.compile(r"\b[^\W\d_]+-[^\W\d_]+\b")


def rejoin_hyphenated(text: str) -> str:
    """`text` with its line-end word breaks rejoined.

    >>> rejoin_hyphenated("fell 3.1 per-\\ncent from 2028, as salmon ac-\\ncounted for most")
    'fell 3.1 percent\\nfrom 2028, as salmon accounted\\nfor most'
    >>> rejoin_hyphenated("a well-\\nknown lake")
    'a well-known\\nlake'
    """
    if "-\n" not in text:
        return text
    written = {w.lower() for w in _HYPHENATED.findall(text)}

    def joined(m: re.Match[str]) -> str:
        head, tail, rest, end = m.groups()
        whole = f"{head}{tail}" if _one_word(head, tail, written) else f"{head}-{tail}"
        # the rest of the second line stays on it; a line of the word alone goes
        return f"{whole}{rest}{end}" if end.endswith("\n") else f"{whole}{rest}\n"

    return _BROKEN.sub(joined, text)


def _one_word(head: str, tail: str, written: set[str]) -> bool:
    if f"{head}-{tail}".lower() in written:
        return False  # the text writes it with its hyphen
    if min(len(head), len(tail)) >= 4 and is_word(head) and is_word(tail):
        return False  # "well-" / "known": a compound
    return True
