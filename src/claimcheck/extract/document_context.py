"""What a whole document tells each of its claims: the place it is about (`document_topic`:
the place its title names, a name its first paragraph defines, a statistical table's title,
or a place it names far more than any other), the date its relative periods are read
against (`reference_date`), and the name its headline opens with as the one acting
(`document_actor`). `claims.py` puts them in each sentence's `ClaimContext`."""

from __future__ import annotations

import re
from collections import Counter

from claimcheck.extract.listings import FIELD, LABEL_LINE
from claimcheck.model import Document
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.time import latest_stated_date

_NAME_TITLE = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|de|and|[A-Z][\w'’.-]*)){0,4}")


def _defined_by_title(doc: Document) -> str | None:
    """An encyclopedia-style page: titled with a name ("Lake Baikal") that its first
    paragraph opens by defining ("Lake Baikal is a rift lake in Siberia"). The page is about
    that name, known place or not."""
    title = (doc.meta.title or "").strip()
    if not _NAME_TITLE.fullmatch(title):
        return None
    read = 0
    for raw in doc.text.splitlines()[:_INFOBOX_LINES]:
        line = raw.strip().lstrip("#").strip()
        if not line or line == title:
            continue
        head = _EMPHASIS.sub("", line).removeprefix("The ")  # "**Nordvik Foods ASA** is a ..."
        if head.startswith(title):
            return title if _DEFINES.match(head, len(title)) else None
        if "|" in line or "\t" in raw or line.startswith(("•", "·")) or _SHORT_ROW.fullmatch(line):
            continue  # an infobox's rows before the article ("Lowest pressure | 919 mbar |", "Elevation\t1,250 m")
        read += 1
        if read == _LINES_BEFORE_DEFINITION:
            return None  # (a line or two of a site's furniture may come first: "From the free encyclopedia")
    return None


_LINES_BEFORE_DEFINITION = 3
_INFOBOX_LINES = 80  # an infobox copied as text: a page's first lines at most
_SHORT_ROW = re.compile(r"[^.!?]{1,40}")  # ("Area", "Population (2020)", "Country Borduria": a row, no sentence)


# after the name (and a designator: "Nordvik Foods ASA is"): "Lake Baikal is", "X (", "X,"
_DEFINES = re.compile(r"(?:\s+[A-Z][\w.&]*){0,2}?(?:\s+(?:is|was|are|were)\s|\s*\(|,)")
_EMPHASIS = re.compile(r"\*\*|__")


def _field_page(doc: Document) -> str | None:
    """A fact-book page titled with a name alone ("Ruritania", "Isle of Skye") whose text is
    "Label: value" fields ("Population: 3,412,000"): the page is about that name, known place
    or not. (A title of words the page writes in lower case, "Annual Report", is no name.)"""
    title = (doc.meta.title or "").strip()
    if not _NAME_TITLE.fullmatch(title) or len(title.split()) > _NAME_WORDS or title.isupper():
        return None
    lines = doc.text[:_FIELDS_READ].splitlines()
    if sum(1 for line in lines if FIELD.match(line.strip()) or LABEL_LINE.fullmatch(line.strip())) < _FIELDS:
        return None
    words = [w for w in title.split() if w[:1].isupper()]
    written_low = any(
        re.search(r"(?<![\w-])" + re.escape(w.lower()) + r"(?![\w-])", doc.text[:_FIELDS_READ]) for w in words
    )
    return None if written_low else title


_NAME_WORDS, _FIELDS, _FIELDS_READ = 4, 2, 20_000


def document_topic(doc: Document, entities: EntityIndex) -> str | None:
    """The place the document is clearly about: the place its title names (the most mentioned
    of them), or else a place named at least three times and twice as often as any other.

    A claim with no subject of its own is better left without one than given the most named
    of several places: that makes a false group, and then a false conflict, in every document
    that mentions two countries."""
    counts: Counter[str] = Counter()
    for m in entities.iter_known_mentions(doc.text):  # (not `mentions`: only known names count here)
        if entities.is_place(m.name) and m.name not in entities.blocs:
            counts[m.name] += 1
    titled: set[str] = set()
    title = doc.meta.title
    if title and title.isupper() and not any(entities.is_place(m.name) for m in entities.known_mentions(title)):
        # "PERU": a fact-book page's heading (but "UK JOBS REPORT" names the UK as written)
        title = " ".join(w.title() if len(w) > 3 else w for w in title.split())
    if title:
        for m in entities.known_mentions(title):
            if entities.is_place(m.name):
                titled.add(m.name)
        # a fact-book page is titled after its subject: "Ruritania - Geography", "Peru: Economy"
        headed = re.fullmatch(
            r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*[-–—:|]\s*([A-Z]\w*(?:\s+\w+){0,3})", title.strip()
        )
        if headed:  # the page's subject, named before its section ("Geography", "People and Society")
            first, second = entities.resolve(headed.group(1)), entities.resolve(headed.group(2))
            # ... or after the kind of page it is ("Country Profile: Peru")
            return second if entities.is_place(second) and not entities.is_place(first) else first
    if titled:
        return max(sorted(titled), key=lambda p: counts[p])
    edition = _EDITION_OF.fullmatch((title or "").strip())
    if edition:  # "Gazetteer of the Nations 2031: Ruritania": an edition's page on a place
        return entities.resolve(edition.group(1))
    named = _defined_by_title(doc) or _field_page(doc)
    if named:
        return entities.resolve(named)
    headed_place = _table_title_place(doc.text, entities)
    if headed_place:
        return headed_place
    top = counts.most_common(2)
    second = top[1][1] if len(top) > 1 else 0
    return top[0][0] if top and top[0][1] >= 3 and top[0][1] >= 2 * second else None


def _table_title_place(text: str, entities: EntityIndex) -> str | None:
    """The place a statistical table's title names, on a page whose title names none:
    "Salient Statistics—Ruritania:  2026  2027  2028e" makes the page's domestic figures
    ("Domestic production was $48 million") Ruritania's."""
    for m in _TABLE_TITLE.finditer(text):
        place = entities.resolve(m.group(1))
        if entities.is_place(place):
            return place
    return None


# a line "<a few words>—<Name>:" with the table's year columns after it, or nothing
_TABLE_TITLE = re.compile(
    r"^[ \t]*[A-Z][\w ]{2,40}?[ \t]*[—–][ \t]*([A-Z][\w'’.]*(?:[ \t]+[A-Z][\w'’.]*){0,3})[ \t]*:?"
    r"(?:[ \t]+(?:1[89]|20)\d\d[a-z]?)*[ \t]*$",
    re.M,
)


# a dated reference work's page titled after its subject: "<work> <year>: <Name>"
_EDITION_OF = re.compile(r".*\b(?:1[89]|2[01])\d\d\s*[:—–|-]\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")


def reference_date(doc: Document) -> str | None:
    """What the document's relative dates ("last year", "as of March 12") are resolved
    against: its publication date, else the latest full date it states (a report's photo
    caption, its "as of" line)."""
    return doc.meta.published or latest_stated_date(doc.text)


def document_actor(doc: Document, entities: EntityIndex) -> str | None:
    """The name a headline opens with as the one acting ("Halvorsen Foods reports third-quarter
    results"), when the text names it again: a press release or a story about a company is
    about it, and its figures of business without an owner are that name's."""
    opening = _TITLE_ACTOR.match((doc.meta.title or "").strip())
    if opening is None or opening.group(2).lower() not in entities.lex.headline_verbs:
        return None  # ("Oil prices rise as ...": a measure, not a company, opens it)
    name = opening.group(1)
    first = name.split()[0].lower()
    if first in entities.lex.not_count or first in entities.lex.qualifier_of or first in entities.lex.months:
        return None
    body = doc.text.replace(doc.meta.title or "", "", 1)
    if not re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", body):
        return None
    return entities.resolve(name)


# a headline's opening name and the verb after it: "Halvorsen Foods reports ..."
_TITLE_ACTOR = re.compile(r"((?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’.-]*)\s+([a-z]+)\b")
