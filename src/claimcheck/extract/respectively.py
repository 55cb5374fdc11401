"""The names of a "respectively" ("Inflation in France and Germany was 3.8% and 2.3%,
respectively"): for each figure of the run, the sentence with the other names blanked out,
so that each figure is read with its own name alone (`claims.sentence_claims` reads them).
The names are the lexicon's, capitalised names it does not know, or a list of common nouns
("output of maize, wheat and rice fell 12%, 8% and 5%, respectively")."""

from __future__ import annotations

import re

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.frames import AUX, PREPS
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.quantity_rules import JOINED
from claimcheck.model import Quantity
from claimcheck.normalize.entities import Mention


def respectively_variants(text: str, ctx: ClaimContext) -> list[tuple[str, tuple[int, int]]] | None:
    """For "A and B ... N and M respectively": per figure, the sentence with the other names
    blanked out (offsets kept) and "respectively" gone, and where that figure stands."""
    word = RESPECTIVELY.search(text)
    qs = [q for q in extract_quantities(text, ctx.lex) if q.start > 0]
    runs: list[list[Quantity]] = []
    for q in qs:
        if runs and JOINED.fullmatch(text, runs[-1][-1].end, q.start):
            runs[-1].append(q)
        else:
            runs.append([q])
    figures = next((r for r in runs if len(r) >= 2), None)
    if word is None or figures is None:
        return None
    known = [e for e in ctx.entities.mentions(text[: figures[0].start]) if e.known]
    listed = (
        _name_list(text, known, len(figures), JOINED)
        or _name_list(text, _capitalised(text, figures[0].start), len(figures), _JOINED_NAMES)
        # ("Valdrex and injectable Morlin": names the lexicon does not know, a word between)
        or _noun_list(text, figures[0].start, len(figures), ctx)
    )  # ("output of maize, wheat and rice fell 12%, 8% and 5%, respectively": common nouns)
    if listed is None:
        return None
    out = []
    for i, q in enumerate(figures):
        chars = list(text)
        keep = range(listed[i].start, _after_possessive(text, listed[i].end))
        for k in range(listed[0].start, _after_possessive(text, listed[-1].end)):
            if k not in keep:
                chars[k] = " "
        chars[word.start() : word.end()] = " " * (word.end() - word.start())
        out.append(("".join(chars), (q.start, q.end)))
    return out


def alone_in_run(masked: str, figures: tuple[int, int], span: tuple[int, int]) -> str:
    """A "respectively" variant with the run's other figures blanked too ("fell 12%, 8% and 5%":
    "fell 8%"), for a figure its run leaves with no measure of its own."""
    chars = list(masked)
    for k in range(*figures):
        if not span[0] <= k < span[1]:
            chars[k] = " "
    return "".join(chars)


def _name_list(text: str, mentions: list[Mention], n: int, joined: re.Pattern[str]) -> list[Mention] | None:
    """The first run of `n` names joined by commas and "and" ("France and Germany")."""
    names: list[list[Mention]] = []
    for e in mentions:
        if names and joined.fullmatch(text, _after_possessive(text, names[-1][-1].end), e.start):
            names[-1].append(e)
        else:
            names.append([e])
    return next((r for r in names if len(r) == n), None)


def _noun_list(text: str, end: int, n: int, ctx: ClaimContext) -> list[Mention] | None:
    """The last list of `n` single lower-case nouns before `end` ("maize, wheat and rice"),
    as the names of a "respectively"; None when there is none, or a word of it names no thing
    (a function word, a verb of change)."""
    found = None
    for m in _NOUN_LIST.finditer(text, 0, end):
        words = [w for w in re.finditer(r"[a-z][a-z-]+", m.group()) if w.group() != "and"]
        if len(words) == n:
            found = [Mention(m.start() + w.start(), m.start() + w.end(), w.group(), "name", known=False) for w in words]
    lex = ctx.lex
    if found is None or any(
        w.name in lex.determiners or w.name in lex.rise or w.name in lex.fall or w.name in _NOT_NOUNS for w in found
    ):
        return None
    return found


_NOUN_LIST = re.compile(r"\b[a-z][a-z-]+(?:\s*,\s*[a-z][a-z-]+)*\s*,?\s+and\s+[a-z][a-z-]+\b")
_NOT_NOUNS = PREPS | AUX


def _capitalised(text: str, end: int) -> list[Mention]:
    """Capitalised names before `end`, not the sentence's first word ("Exports to ...")."""
    return [
        Mention(m.start(), m.end(), m.group(), "name", known=False)
        for m in _CAPITALISED.finditer(text, 0, end)
        if m.start() > 0
    ]


_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_JOINED_NAMES = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}")


def _after_possessive(text: str, end: int) -> int:
    m = _POSSESSIVE_END.match(text, end)
    return m.end() if m else end


RESPECTIVELY = re.compile(r",?\s*\brespectively\b")
_POSSESSIVE_END = re.compile(r"['’]s?\b")
