"""The acronyms a document spells out, so that a figure of 'the ACA' is one of the
Affordable Care Act's.

A document names one body, law or programme by its full name and by its initials, often
in the same paragraph: "the Valdrex Energy Agency (VEA) says ...", then "VEA figures show
...". A subject written as initials takes the full name the document gives it, so its
figures meet the full name's, in this document and in others that never use the initials.
The full name comes from a definition in brackets, either way round ("Valdrex Energy
Agency (VEA)", "VEA (Valdrex Energy Agency)"), or, with none, from the one capitalised
name of the document whose initials the acronym is ("the Carecover Access Act" for
"CAA"). A name two documents spell two ways stays as written; so does an acronym that two
of the document's names could stand for.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.model import Claim

_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_SMALL = frozenset({"of", "for", "and", "the", "on", "to", "in", "&", "de", "du", "des", "la", "le"})
# "Valdrex Energy Agency (VEA)": up to eight words before the bracket
_DEFINED_AFTER = re.compile(r"((?:[\w’'&-]+\s+){0,7}[\w’'&-]+)\s+\(([A-Z][A-Z&]{1,5})\)")
# "VEA (Valdrex Energy Agency)"
_DEFINED_BEFORE = re.compile(r"\b([A-Z][A-Z&]{1,5})\s+\(([A-Z][^()]{3,80})\)")
_NAME = re.compile(r"(?<![\w.’'-])[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|on|to)\s+)?[A-Z][\w’'-]*)+")


def initials(name: str) -> str:
    """The letters an acronym of `name` would have: each word's first, small words left
    out, hyphenated words letter by letter ('most-favoured-nation' MFN)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL]
    return "".join(w[0] for w in words).upper()


def spelled_out(text: str) -> dict[str, str]:
    """Each acronym of `text` with the full name the text gives it (see the module)."""
    found: dict[str, set[str]] = {}
    for m in _DEFINED_AFTER.finditer(text):
        long = _tail_with_initials(m.group(1), m.group(2))
        if long:
            found.setdefault(m.group(2), set()).add(long)
    for m in _DEFINED_BEFORE.finditer(text):
        long = m.group(2).strip()
        if initials(long) == m.group(1).replace("&", ""):
            found.setdefault(m.group(1), set()).add(long)
    return {
        acronym: names.pop() for acronym, names in found.items() if len(names) == 1 and _readable(next(iter(names)))
    }


def _tail_with_initials(words: str, acronym: str) -> str | None:
    """The shortest run of words ending at the bracket whose initials are the acronym's
    ('... launched by the Valdrex Energy Agency' VEA: 'Valdrex Energy Agency')."""
    split = words.split()
    want = acronym.replace("&", "")
    for start in range(len(split) - 1, -1, -1):
        if split[start].lower() in _SMALL:
            continue
        tail = " ".join(split[start:])
        if initials(tail) == want:
            return tail
    return None


def _readable(name: str) -> bool:
    """A full name worth showing instead of the initials: a name ('Valdrex Energy Agency'),
    not a heading in capitals ('VALDREX ENERGY AGENCY') or words in lower case
    ('most-favoured-nation (MFN) pricing': MFN names the kind of pricing)."""
    return name[:1].isupper() and not name.isupper()


def named_by_initials(text: str, acronym: str) -> str | None:
    """The one capitalised name of `text` whose initials `acronym` is, if one ('Under the
    Carecover Access Act' holds 'Carecover Access Act', CAA)."""
    want = acronym.replace("&", "")
    names = {n for m in _NAME.finditer(text) for n in _spans(m.group().split()) if initials(n) == want}
    return names.pop() if len(names) == 1 else None


def _spans(words: list[str]) -> list[str]:
    """The runs of a capitalised name's words that start and end with a capitalised word."""
    caps = [i for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in _SMALL]
    return [" ".join(words[i : j + 1]) for i in caps for j in caps if j > i]


class Initials:
    """A document's acronyms and their full names, read from its text on first need (most
    documents' subjects are no acronyms, and a huge document is read a part at a time)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._defined: dict[str, str] | None = None
        self._found: dict[str, str | None] = {}

    def full_name(self, acronym: str) -> str | None:
        if acronym not in self._found:
            if self._defined is None:
                self._defined = spelled_out(self._text)
            self._found[acronym] = self._defined.get(acronym) or named_by_initials(self._text, acronym)
        return self._found[acronym]


def spelled_out_subjects(claims: list[Claim], initials_of: Initials) -> list[Claim]:
    """Claims whose subject is an acronym the document spells out, with the full name as
    their subject (and the acronym as written kept as its alias)."""
    out = []
    for c in claims:
        full = initials_of.full_name(c.subject) if c.subject and _ACRONYM.fullmatch(c.subject) else None
        out.append(replace(c, subject=full, subject_alias=c.subject_alias or c.subject) if full else c)
    return out
