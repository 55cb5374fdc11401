"""When a document says it was published, and how that was found (`published_how`).

A document's date is what its relative dates ("today", "last year", "as of March 4") and its
running tolls are read against, so where it came from is kept. Rules in order of trust (the
first that finds a date wins; front matter, a manifest and `sources set` rank above all of
these and are applied by cleaning and the pipeline):

- `published_line` ("stated"): "Published: 21 April 2025", "Released: 12 May 2031",
  "Date of issue: 3 June 2031", "Published 12.05.2031", at the head or the foot.
- `wire_dateline` ("dateline"): "VALDREX CITY, March 4 (Agency) - ..."; a day without its
  year takes the year that puts it nearest the latest full date the text states.
- `masthead` ("masthead"): "Borduria Herald | Tuesday, 4 March 2031", "Valdrex, 4 March
  2031", or a date alone under a byline ("Thu 30 Nov 2031 10:45 GMT").
- `dated_title` ("title"): a report titled with its month: "Update: Kelda Recovery —
  Borduria, May 2031".
- `imprint` ("imprint"): a report's header or footer naming its publisher and month, as a
  PDF converter leaves it: "Borduria Statistics Office, May 2031   Page 3".

The latest date a text merely states is not its publication date: it stays the reference
its periods are read against (`extract.document_context.reference_date`), not a date stored
as the document's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.layout.lines import Lines
from claimcheck.lexicon import Lexicon
from claimcheck.normalize.time import find_periods, latest_stated_date, parse_date, parse_numeric_date


@dataclass(frozen=True)
class Published:
    """A publication date (ISO, as precise as stated) and the rule that found it."""

    date: str | None = None
    how: str = "unknown"


@dataclass(frozen=True)
class _Page:
    """What the rules read: the head and foot lines of the text, its title, the lexicon."""

    text: str
    head: list[str]  # the first lines, stripped
    foot: list[str]  # the last lines, stripped
    title: str | None
    lex: Lexicon


HEAD_LINES, FOOT_LINES = 80, 20
_TOP = 10  # a dateline or masthead stands in the first lines


def published_date(text: str, lex: Lexicon, title: str | None = None) -> Published:
    """The date a document's text gives as its own, by the first rule that finds one."""
    every = Lines(text)
    head = [ln.strip() for _, _, ln in every[:HEAD_LINES]]
    foot = [ln.strip() for _, _, ln in every[max(HEAD_LINES, len(every) - FOOT_LINES) :]]
    page = _Page(text, head, foot, title, lex)
    for how, rule in RULES:
        found = rule(page)
        if found:
            return Published(found, how)
    return Published()


def _dated_prefixes(lex: Lexicon) -> list[re.Pattern[str]]:
    """ "Published: ...", then "Updated: ..." (furniture.json), compiled once per lexicon."""
    cached = lex.compiled.get("published prefixes")
    if cached is None:
        cached = []
        for key in ("published_prefixes", "updated_prefixes"):
            alt = "|".join(re.escape(p) for p in sorted(lex.furniture[key], key=len, reverse=True))
            cached.append(re.compile(rf"^\W*(?:{alt})\b\s*(?:on\b)?\s*[:\-–]?\s*(.{{4,60}})", re.I))
        lex.compiled["published prefixes"] = cached
    return cached  # type: ignore[no-any-return]


def dated_line(line: str, lex: Lexicon) -> str | None:
    """The date of a "Published: 21 April 2025" / "Released 12.05.2031" line, else None."""
    for rx in _dated_prefixes(lex):
        m = rx.match(line)
        if m:
            return parse_date(m.group(1)) or parse_numeric_date(m.group(1))
    return None


def published_line(page: _Page) -> str | None:
    """An explicit "Published/Released/Date of issue" line; a published one before an
    updated one (each pattern over every head and foot line)."""
    for rx in _dated_prefixes(page.lex):
        for ln in page.head + page.foot:
            m = rx.match(ln)
            if m and (d := parse_date(m.group(1)) or parse_numeric_date(m.group(1))):
                return d
    return None


_CAPITALS = "A-ZÀ-ÖØ-ÞČŁŃŘŚŠŹŻŽ"  # the capitals of city names in datelines: "SÃO PAULO", "ŁÓDŹ"
_DATELINE_DATE = re.compile(rf"^[{_CAPITALS}][{_CAPITALS} .'-]{{2,40}},\s*(.{{6,30}}?)\s*(?:\(|—|–|-)")


# a place in Title Case: "Valdrex, 4 March 2031 (Agency) -", with a full date and nothing else
_TITLE_DATELINE = re.compile(r"^[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3},\s*(.{6,30}?)\s*(?:\(|—|–|\s-\s)")


_PROSE_AFTER = re.compile(r"(?:\S+\s+){5,}\S+[.!?][\"'”’)]*\s*$")


def wire_dateline(page: _Page) -> str | None:
    """ "VALDREX CITY, March 4, 2031 (Agency) -": the day the report was filed."""
    for ln in page.head[:_TOP]:
        m = _DATELINE_DATE.match(ln)
        if m is None:
            t = _TITLE_DATELINE.match(ln)
            if t and date_only(t.group(1), page.lex) and _PROSE_AFTER.search(ln, t.end()):
                return parse_date(t.group(1))  # (not a heading: "Storm Kelda, March 2, 2031 - a timeline")
            continue
        if d := parse_date(m.group(1)):
            return d
        reference = latest_stated_date(page.text)
        days = [p.period.start for p in find_periods(m.group(1), reference) if p.period.start]
        if days and len(days[0]) == 10:  # "March 4": the day nearest the text's latest date
            return days[0]
    return None


_SEPARATOR = re.compile(r"\s+[|•·—–-]\s+|\s*\|\s*")
_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:of|the|and|[A-Z][\w&'’.-]*)){0,5}"
# a paper's or an author's name ("Borduria Herald", "By Irena Vask, Agency")
_SHORT_NAME = re.compile(r"(?:[Bb]y\s+)?" + _NAME + r"(?:,\s*" + _NAME + r")?")
# what else a masthead holds: a page number, a reading time
_MASTHEAD_EXTRA = re.compile(r"(?:Page|p\.)\s*\d{1,4}|\d{1,3}\s*min(?:ute)?s?\s+read", re.I)


def masthead_date(line: str, lex: Lexicon) -> str | None:
    """The date of a masthead line: a date alone ("Thu 30 Nov 2031 10:45 GMT"), after the
    place it was filed from ("Valdrex, 4 March 2031"), or beside a paper's name
    ("Borduria Herald | Tuesday, 4 March 2031"); else None."""
    if len(line) > 100 or line.startswith("|") or line.endswith("|"):
        return None  # ("Formed | October 7, 2031 |": a table's row, an infobox's date of an event)
    parts = [p.strip() for p in _SEPARATOR.split(line) if p.strip()]
    dated = [p for p in parts if date_only(p, lex)]
    names = [p for p in parts if p not in dated and not _MASTHEAD_EXTRA.fullmatch(p)]
    if len(dated) != 1 or not all(_SHORT_NAME.fullmatch(p) for p in names):
        return None
    return parse_date(dated[0])


def masthead(page: _Page) -> str | None:
    """A masthead or byline date among the first lines."""
    for ln in page.head[:_TOP]:
        if d := masthead_date(ln, page.lex):
            return d
    return None


_MONTH_YEAR_END = re.compile(
    r"[,:—–|-]\s*((?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?:\s+\d{1,2},?)?\s+(?:19|20)\d\d)\s*$"
)


def dated_title(page: _Page) -> str | None:
    """A title that ends with its month: "Update: Kelda Recovery — Borduria, May 2031"."""
    m = _MONTH_YEAR_END.search((page.title or "").strip())
    return parse_date(m.group(1)) if m else None


_IMPRINT = re.compile(
    r"(?:©\s*)?[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|the|on|[A-Z][\w&'’.-]*)){0,7}"
    r"\s*[,|•·—–-]\s*((?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?:\s+\d{1,2},?)?\s+(?:19|20)\d\d)"
    r"(?:\s*[|•·—–-]?\s*(?:Page|p\.)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)?"
)


def imprint_date(line: str) -> str | None:
    """The month of an imprint line ("Borduria Statistics Office, May 2031   Page 1"), else None."""
    m = _IMPRINT.fullmatch(" ".join(line.split()))
    return parse_date(m.group(1)) if m else None


def imprint(page: _Page) -> str | None:
    """A report's header or footer, "Borduria Statistics Office, May 2031   Page 1": its
    publisher and month on a line of their own, in the last or first lines."""
    for ln in [*page.foot[::-1], *page.head[-_TOP:][::-1], *page.head[:_TOP]][: 3 * _TOP]:
        if d := imprint_date(ln):
            return d
    return None


_PLACE_BEFORE_DATE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*")
_CLOCK = re.compile(r"\b[ap]\.m\.", re.I)
_WEEKDAY_ABBR = frozenset(("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"))


def date_only(line: str, lex: Lexicon) -> bool:
    """A header line that is a full date and nothing else: "November 30, 2023", "Thu 30 Nov
    2023 10:45 GMT" (under a byline, news states its date so), or after the place it was
    filed from ("Brussels, December 7, 2024")."""
    if len(line) > 60:
        return False
    place = _PLACE_BEFORE_DATE.match(line)
    if place:  # "Brussels, December 7, 2024": a dateline with the place it was filed from
        line = line[place.end() :]
    line = _CLOCK.sub("", line)  # ("10:45 a.m. EST")
    d = parse_date(line)
    if not d or len(d) != 10:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", line) if w.lower() not in lex.months and w.lower() not in lex.weekdays]
    return all(
        w.lower() in ("am", "pm", "at", "on") or (w.isupper() and len(w) <= 4) or w.lower() in _WEEKDAY_ABBR
        for w in words
    )


# the rules in order of trust, each with the `published_how` it records
RULES: list[tuple[str, Callable[[_Page], str | None]]] = [
    ("stated", published_line),
    ("dateline", wire_dateline),
    ("masthead", masthead),
    ("title", dated_title),
    ("imprint", imprint),
]
