"""The event a report is about, and the figures that are the event's.

A news report on a storm, a fire or an epidemic states tolls, cases and damage; the sentence
seldom names the event ("the death toll reached 14", "Malawi (1,502 cases)"), and the
nearest name in it is a place (a part of the event) or whoever reported the figure. A
fact-checker records such figures as the event's, with the place as their scope. The words
live in `data/events.json`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Claim, Document, Period
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.periods import one_before, span_back
from claimcheck.normalize.time import find_periods

_NAME = r"[A-Z][\w'’-]+"


@cache
def _patterns(before: tuple[str, ...], after: tuple[str, ...], heads: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return (
        # "Hurricane Dora", "Typhoon Haiyan"
        re.compile(rf"\b(?:{trie_alternation(before)})[ \t]+{_NAME}"),
        # "Dixie Creek Fire", "Tohoku Earthquake": a capitalised head is part of the name
        re.compile(rf"\b(?:{_NAME}[ \t]+){{1,2}}(?:{trie_alternation(after)})\b"),
        # "cholera outbreak", "Zika Virus Disease Epidemic", "Marburg Death Toll": the name alone
        re.compile(rf"\b({_NAME})(?=[ \t]+(?:{trie_alternation(heads)})\b)"),
        re.compile(rf"\b(?:outbreak|epidemic) of ({_NAME})"),
    )


def _candidates(text: str, lex: Lexicon) -> list[str]:
    return [name for _, _, name in _mentions(text, lex)]


def _mentions(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The events a text names, each with where it stands: (start, end, name), in order."""
    ev = lex.events
    heads = tuple(ev["heads"]) + tuple(h.title() for h in ev["heads"])
    named, after, caused, of = _patterns(tuple(ev["named_before"]), tuple(ev["named_after"]), heads)
    lower = text.lower()  # (a pattern runs only where one of its words stands: documents are long)
    found: list[tuple[int, int, str]] = []
    if any(w.lower() in lower for w in ev["named_before"]):
        found += [(m.start(), m.end(), m.group()) for m in named.finditer(text)]
    if any(w.lower() in lower for w in ev["named_after"]):
        found += [(m.start(), m.end(), m.group()) for m in after.finditer(text)]
    if any(h in lower for h in ev["heads"]):
        found += [(m.start(1), m.end(1), m.group(1)) for rx in (caused, of) for m in rx.finditer(text)]
    not_names, bare = frozenset(ev["not_names"]), frozenset(ev["named_after"]) | frozenset(heads)
    out = []
    for s, e, f in sorted(found):
        name = _without_openers(f, not_names)
        if name and name not in bare and not _ordinary(name, lex):  # ("The Fire": no name left)
            out.append((text.find(name.split()[0], s, e), e, name))
    return out


def _ordinary(name: str, lex: Lexicon) -> bool:
    """A word the lexicon knows as an ordinary one, or a participle, capitalised by a heading
    ('Confirmed cases', 'Estimated deaths', 'Rising cases'): no name."""
    word = name.lower()
    if " " in word:
        return False
    known = frozenset(lex.events["measures"]) | lex.rise | lex.fall | lex.not_count | lex.determiners
    return word in known or word in lex.qualifier_of or word.endswith(("ed", "ing"))


def _without_openers(found: str, not_names: frozenset[str]) -> str:
    """'After California Wildfire' -> 'California Wildfire'; 'The' -> ''."""
    words = found.split()
    while words and words[0] in not_names:
        words.pop(0)
    return " ".join(words)


def document_event(doc: Document, lex: Lexicon, entities: EntityIndex) -> str | None:
    """The event the document reports: the name it gives an event most often (the body's
    name breaks a tie with the headline's, then the name the headline shortens, then the
    first named), when its headline names an event, a heading names this one ("Global TB
    report"), its text opens by defining it, or names it often; None when it names none, or a
    place or body rather than an event."""
    title = doc.meta.title or ""
    in_title = Counter(_candidates(title, lex))
    counts = Counter(_candidates(doc.text.replace(title, "", 1) if title else doc.text, lex))
    total = counts + in_title
    first = {n: i for i, n in enumerate(counts)}  # (a Counter keeps the order names come in)

    def key(n: str) -> tuple[int, int, int, int, str]:
        # a tie: the body's name, then the one the headline names (whole or short), then the first
        return (-total[n], -counts[n], -_in_headline(n, title, lex), first.get(n, len(first)), n)

    for name in sorted(total, key=key):
        if not entities.is_place(name) and entities.resolve(name) == name:
            named = (
                in_title
                or counts[name] >= _NAMED_OFTEN
                or _in_headline(name, title, lex)
                or _headed(name, title, doc.text)
            )
            return name if named or _opens_defining(doc.text[:300], name) else None
    return None


def _headed(name: str, title: str, text: str) -> bool:
    """Whether the headline or a heading names `name` ("Global TB report", "Measles cases"):
    a heading is a short line with no sentence's full stop."""
    word = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    if word.search(title):
        return True
    for m in word.finditer(text):
        start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = text[start : len(text) if end < 0 else end].strip().lstrip("#").strip()
        if len(line.split()) <= _HEADING_WORDS and not line.endswith((".", "!", "?", ",", ";")):
            return True
    return False


_HEADING_WORDS = 8


# a report on an event names it in its headline, or again and again: a fact sheet that
# mentions an epidemic twice is not a report on it
_NAMED_OFTEN = 3


def _in_headline(name: str, title: str, lex: Lexicon) -> bool:
    """Whether a headline names the event, whole or by its short name ("Kelda leaves 14 dead")."""
    return any(re.search(rf"\b{re.escape(w)}\b", title) for w in _short_words(name, lex)) if title else False


def _short_words(name: str, lex: Lexicon) -> list[str]:
    """The words that tell an event from others of its kind: "Kelda" of "Storm Kelda"."""
    ev = lex.events
    kinds = {w.lower() for w in (*ev["named_before"], *ev["named_after"], *ev["heads"]) for w in w.split()}
    return [w for w in name.split() if w.lower() not in kinds]


def event_owned(
    claims: list[Claim], event: str, lex: Lexicon, entities: EntityIndex, title: str | None = None, opening: str = ""
) -> list[Claim]:
    """Tolls, cases and damage of a report on `event` are the event's: a place named as their
    subject becomes their scope (the object), a reporting body is no subject at all. So is
    any figure of a sentence about the event by another name ("The fire charred 622 square
    kilometers"; "It covered an area of ..." only on the event's own page, titled with its
    name or opening by defining it, "The Kelda Fire was a wildfire ...": elsewhere "it" may
    be anything)."""
    measures = frozenset(lex.events["measures"])
    own_page = (bool(title) and _TITLE_NOTE.sub("", title or "").strip() == event) or _opens_defining(opening, event)
    anaphor = _anaphor_rx(lex, own_page)
    out = []
    for c in claims:
        c = _counted_toll(_demonym_counted(c, entities), measures)
        if c.kind != "numeric" or not (
            measures & set(c.metric.replace("-", " ").split())
            or (c.subject is None and c.object is None and anaphor.match(c.quote))
        ):
            out.append(c)
            continue
        owner = _figure_event(c, event, lex, anaphor)
        if c.subject == owner:
            owned = c if c.object or _fixed(c, lex) else replace(c, object=_clause_place(c, entities))
        elif owner != event:  # (a figure the sentence gives the report's event may be another's)
            scope = next((p for p in (c.object, c.subject) if p and entities.is_place(p)), None)
            owned = _unscoped(replace(c, subject=owner, object=scope, local=False), lex)
        else:
            owned = _unscoped(_as_events(c, event, entities), lex)
        out.append(_headline_region(_demonym_scoped(owned, entities, lex), event, title, entities, lex))
    return out


def _headline_region(c: Claim, event: str, title: str | None, entities: EntityIndex, lex: Lexicon) -> Claim:
    """A region the lexicon does not know, named by the headline of a report on an event of
    one place (a fire, a storm), is where the event itself happened, no part of it ("Eleven
    Listed as Missing After California Wildfire" over "11 people are unaccounted for ...
    wildfires in Northern California": the fire's count; "Measles cases in Europe" stay
    Europe's part of an outbreak)."""
    if not c.object or not title or entities.is_place(c.object) or entities.kind.get(c.object):
        return c
    kinds = (*lex.events["named_after"], *lex.events["named_before"])
    if c.subject != event or not any(event.endswith(f" {k}") or event.startswith(f"{k} ") for k in kinds):
        return c
    return replace(c, object=None) if c.object.split()[-1] in _TITLE_WORD.findall(title) else c


_TITLE_WORD = re.compile(r"[\w-]+")


def _demonym_counted(c: Claim, entities: EntityIndex) -> Claim:
    """People of a place counted by its demonym in a report on an event are people ("Storm
    Kelda killed 11 Croatians": 11 people killed, Croatia's part, `_demonym_scoped`), or they
    never meet "11 people died in Croatia". (Elsewhere "40,000 Palestinians" keeps its own
    unit: each nation's count apart.)"""
    words = c.surface.split()
    said = words[-1] if words else ""
    if c.kind != "numeric" or not c.unit or said.lower() != c.unit.lower() or not said.endswith("s"):
        return c
    place = entities.adjective.get(said[:-1]) if said[:1].isupper() else None
    if place is None or not entities.is_place(place):
        return c
    metric = " ".join("people" if w == c.unit.lower() else w for w in c.metric.split())
    return replace(c, unit="people", metric=metric)


def _demonym_scoped(c: Claim, entities: EntityIndex, lex: Lexicon) -> Claim:
    """A toll of people counted by their demonym is their place's part ("Storm Kelda killed
    11 Croatians": Croatia's), when nothing else scopes it."""
    words = c.surface.split()
    said = words[-1] if words else ""
    misread = bool(c.object) and said in (c.object or "").split()  # ("Eleven Croatians died": no place's name)
    if (c.object and not misread) or _fixed(c, lex) or c.unit != "people" or not said.endswith("s"):
        return c
    place = entities.adjective.get(said[:-1]) if said[:1].isupper() else None
    return replace(c, object=place) if place and entities.is_place(place) and place != c.subject else c


_NO_EVENT = "\0"  # (no text names it: the report's own event when a document has none)


def named_event_tolls(claims: list[Claim], lex: Lexicon, entities: EntityIndex) -> list[Claim]:
    """In a document that reports no event, a toll whose own clause names one is that event's
    ("... the provinces hit by Storm Kelda, which killed 11 Croatians" on a government's fact
    sheet: the storm's toll of 11 people, Croatia's part), not the page's place's; a place is
    its scope only when its sentence names it."""
    measures = frozenset(lex.events["measures"])
    anaphor = _anaphor_rx(lex, False)
    out = []
    for c in claims:
        if c.kind != "numeric" or not _mentions(c.quote, lex):
            out.append(c)
            continue
        toll = _counted_toll(_demonym_counted(c, entities), measures)
        owner = _figure_event(toll, _NO_EVENT, lex, anaphor) if measures & set(toll.metric.split()) else _NO_EVENT
        if owner == _NO_EVENT or _fixed(toll, lex):
            out.append(c)
            continue
        said = [
            p for p in (c.object, c.subject) if p and entities.is_place(p) and _stated_in(p, None, c.quote, entities)
        ]
        owned = replace(toll, subject=owner, object=said[0] if said else None, local=False)
        out.append(_demonym_scoped(owned, entities, lex))
    return out


def _counted_toll(c: Claim, measures: frozenset[str]) -> Claim:
    """A count of one of the event's measures whose metric names none is a count of that
    noun: "authorities have confirmed nine deaths" is nine deaths, not a figure of the
    authorities (who only report it)."""
    if c.kind != "numeric" or c.unit.lower() not in measures or measures & set(c.metric.replace("-", " ").split()):
        return c
    return replace(c, metric=f"number of {c.unit.lower()}")


# what sets a clause apart within a sentence: "Kelda killed 12; Idris, last year, killed 40"
_CLAUSE_EDGE = re.compile(r"[,;:()\[\]—–]|\s-\s")
# an event named after a figure that is its own: "40 killed by Storm Idris", "40 in Idris"
_OWNED_AFTER = re.compile(r"\b(?:in|by|from|during|of|after)\s+(?:the\s+|last\s+year's\s+)?$")


def _figure_event(c: Claim, event: str, lex: Lexicon, anaphor: re.Pattern[str]) -> str:
    """The event a toll in a report on `event` is of: the other event its sentence names as
    the figure's ("Storm Kelda killed 12; last year's Storm Idris killed 40": 40 is Idris's),
    else the report's. The figure's own clause speaks first (an event named before the figure
    in it, or after it as what caused it: "40 killed by Storm Idris"), then the sentence's
    opening ("The storm, the worst since Storm Idris, damaged 4,800 homes": the storm's)."""
    quote, at = c.quote, c.surface_start - c.char_start
    others = [(s, e, n) for s, e, n in _mentions(quote, lex) if n != event and not _short_name_of(n, event)]
    if not others or not 0 <= at <= len(quote):
        return event
    mentions = sorted(others + _own_mentions(quote, event, lex, anaphor))
    edges = [m.start() for m in _CLAUSE_EDGE.finditer(quote)]
    lo = max((x for x in edges if x < at), default=0)
    hi = min((x for x in edges if x >= at), default=len(quote))
    before = [m for m in mentions if lo <= m[0] and m[1] <= at]
    after = [m for m in mentions if m[0] >= at and m[1] <= hi and _OWNED_AFTER.search(quote, lo, m[0])]
    ahead = [m for m in mentions if m[1] <= lo]
    chosen = before[-1] if before else after[0] if after else ahead[0] if ahead else None
    return chosen[2] if chosen else event


def _own_mentions(quote: str, event: str, lex: Lexicon, anaphor: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """Where a sentence names the report's own event: by name, by its short name ("Kelda"), or
    by a common noun that opens it ("The storm")."""
    found = [(m.start(), m.end(), event) for m in re.finditer(re.escape(event), quote)]
    for w in _short_words(event, lex):
        found += [(m.start(), m.end(), event) for m in re.finditer(rf"\b{re.escape(w)}\b", quote)]
    if m := anaphor.match(quote):
        found.append((m.start(), m.end(), event))
    return found


def _opens_defining(opening: str, event: str) -> bool:
    """Whether a text opens by defining the event, as an encyclopedia page on it does when its
    title was not kept ("The Kelda Fire was the deadliest wildfire ...")."""
    return re.match(r"\s*(?:The\s+)?" + re.escape(event) + r"\s+(?:is|was)\s", opening) is not None


def _fixed(c: Claim, lex: Lexicon) -> bool:
    """Whether a figure measures the event's own class ('a Category 4 hurricane'): not a
    running count, and not of one place (events.json fixed_measures)."""
    return not frozenset(lex.events.get("fixed_measures", ())).isdisjoint(c.metric.split())


def _unscoped(c: Claim, lex: Lexicon) -> Claim:
    """An event's class has no place scope: 'Category 5 on landfall in the United States' and
    'a Category 4 hurricane in the Panhandle' are both the storm's category."""
    return replace(c, object=None) if c.object and _fixed(c, lex) else c


def _anaphor_rx(lex: Lexicon, it: bool) -> re.Pattern[str]:
    """A sentence that opens with the event by a common noun ('The fire', 'The storm', 'The
    outbreak'), or with 'It' when `it`."""
    key = f"event anaphor {it}"
    rx = lex.compiled.get(key)
    if rx is None:
        nouns = {w.lower() for w in (*lex.events["named_after"], *lex.events["named_before"], *lex.events["heads"])}
        nouns = {n for n in nouns if " " not in n and n not in lex.events["measures"]}
        lead = "It|" if it else ""
        rx = lex.compiled[key] = re.compile(r"(?:" + lead + r"The\s+(?:" + trie_alternation(nouns) + r"))\b")
    return rx  # type: ignore[no-any-return]


_TITLE_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "Camp Fire (2018)": the page's name


# "in Croatia", "across the Balkans", "in neighbouring Croatia", "in southern Croatia"
_IN_PLACE = re.compile(r"\b(?:[Ii]n|[Aa]cross|[Ww]ithin|[Tt]hroughout)\s+(?:the\s+)?(?:[a-z]+(?:ern|ing|ed)\s+)?$")
_SCOPE_WORDS = 3  # "Bay County", "Mexico Beach": a place; a longer subject is a misread headline


def _as_events(c: Claim, event: str, entities: EntityIndex) -> Claim:
    kind = entities.kind.get(c.subject or "")
    if c.subject is None and c.object is None:
        return replace(c, subject=event, object=_sentence_place(c.quote, entities), local=False)
    if c.subject is None or kind == "organisation" or len(c.subject.split()) > _SCOPE_WORDS:
        return replace(c, subject=event, local=False)
    if _short_name_of(c.subject, event):
        return replace(c, subject=event, local=False)  # "Kelda claimed 11 lives": the event by its short name
    if _names_a_body(c.subject_alias or c.subject, c.quote):
        return replace(c, subject=event, local=False)  # "The Varna County sheriff's office revised the toll"
    if c.unit == "%":
        return c  # "India (26%)" of the world's cases: the place's share, not a part of the event
    if c.object is None and not _stated_in(c.subject, c.subject_alias, c.quote, entities):
        # the page's place, not the sentence's ("Highest winds | 160 mph" on a storm's page
        # that names the United States most): the event's figure, scoped only by a place its
        # sentence says it happened in ("In Croatia, 4 people were killed" in a report headed
        # on Slovenia: Croatia's part of the toll; a place after the figure may be a part's:
        # "killed 14, three of them in Croatia")
        scope = _sentence_place(c.quote, entities, before=c.surface_start - c.char_start)
        return replace(c, subject=event, object=scope, local=False)
    place = c.object or c.subject
    return replace(c, subject=event, object=_listed_with(place, c.quote, entities) or place, local=False)


def _sentence_place(quote: str, entities: EntityIndex, before: int | None = None) -> str | None:
    """The one place a sentence says its figure happened in or whose it is ("In Malawi, 97
    people died", "In neighbouring Croatia, four people died", "Malawi's agency said 97
    died"), not one it passed "through"; a list of places is all of theirs; None when it
    names none, or several apart; only those before `before` when given."""
    places = {
        m.name
        for m in entities.known_mentions(quote)
        if entities.is_place(m.name)
        and (before is None or m.end <= before)
        and (_IN_PLACE.search(quote, 0, m.start) or quote[m.end : m.end + 2] in ("'s", "’s"))
    }
    place = places.pop() if len(places) == 1 else None
    return (_listed_with(place, quote, entities) or place) if place else None


_DIGIT = re.compile(r"\d")


def _clause_place(c: Claim, entities: EntityIndex) -> str | None:
    """The place a toll's own clause says it happened in, after the figure ("Storm Kelda
    killed 12 people in Croatia": Croatia's part); not one past a clause edge ("killed 14,
    three of them in Croatia": the 14 is the whole)."""
    at = c.surface_end - c.char_start
    ends = [m.start() for m in (_CLAUSE_EDGE.search(c.quote, at), _DIGIT.search(c.quote, at)) if m]
    clause = c.quote[: min(ends, default=len(c.quote))]  # (up to the next figure: "12 in X and 3 in Y")
    places = {
        m.name
        for m in entities.known_mentions(clause)
        if m.start >= at and entities.is_place(m.name) and _IN_PLACE.search(clause, 0, m.start)
    }
    return places.pop() if len(places) == 1 else None


def _names_a_body(name: str, quote: str) -> bool:
    """Whether a name modifies a possessive common noun ("Varna County sheriff's office"): it
    names who reports (a body), not where the figure is."""
    return re.search(r"\b" + re.escape(name) + r"\s+[a-z]+['’]s\s", quote) is not None


def _short_name_of(name: str, event: str) -> bool:
    """Whether `name` is the event's name shortened ("Kelda" of "Storm Kelda")."""
    return set(name.split()) < set(event.split())


def _stated_in(place: str, alias: str | None, quote: str, entities: EntityIndex) -> bool:
    """Whether the sentence names the place (or the words it was resolved from)."""
    if any(re.search(rf"\b{re.escape(name)}\b", quote) for name in (place, alias) if name):
        return True
    return any(entities.resolve(m.name) == place or m.name == place for m in entities.known_mentions(quote))


_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")


def _listed_with(place: str, quote: str, entities: EntityIndex) -> str | None:
    """The places a sentence lists together with `place` ("from three countries (Malawi,
    Zambia, and Mozambique)"): a figure of the list is all of theirs, not its first one's."""
    places = [m for m in entities.known_mentions(quote) if entities.is_place(m.name)]
    runs: list[list[str]] = []
    end = -1
    for m in places:
        if runs and _LIST_SEPARATOR.fullmatch(quote, end, m.start):
            runs[-1].append(m.name)
        else:
            runs.append([m.name])
        end = m.end
    run = next((r for r in runs if len(r) > 1 and place in r), None)
    return None if run is None else ", ".join(run[:-1]) + " and " + run[-1]


_PROSE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\[\d+\])*\s*$")


def as_of_dated(claims: list[Claim], doc: Document, event: str, reference: str | None, lex: Lexicon) -> list[Claim]:
    """A running toll in a report is as of when the report says: the last date its paragraph
    states before it ("as of March 12, ... Malawi (1,502 cases)"), else the report's own
    date; its headline's figure too ("Death Toll Climbs to 11"). Infobox rows and other
    lines that are no sentence are not dated so."""
    title_end = _first_line_end(doc.text)
    dated = Period(reference, reference, "the report's date") if reference else None
    out = []
    for c in claims:
        if c.subject != event or c.period_start or c.period_end or _fixed(c, lex) or _undated(c.period_text):
            out.append(c)  # (an event's class is no running count)
            continue
        headline = c.char_start < title_end
        if not headline and not _PROSE_END.search(c.quote):
            out.append(c)
            continue
        when = dated if headline else _dated_before(doc.text, c.char_start, reference) or dated
        when = _span_earlier(when, c.period_text)
        out.append(
            c if when is None else replace(c, period_start=when.start, period_end=when.end, period_text=when.text)
        )
    return out


def _undated(phrase: str | None) -> bool:
    """A period said in words no date follows from but an earlier span ("down from 1,000":
    earlier): not as of the report's date."""
    return bool(phrase) and span_back(phrase or "") is None


def _span_earlier(when: Period | None, phrase: str | None) -> Period | None:
    """An earlier value's date: one span before the report's ("compared with 39 the week
    before", in a report as of February 8: February 1), or none when it cannot be said."""
    span = span_back(phrase) if phrase else None
    if when is None or span is None:
        return when
    start, end = one_before(when.start or "", span), one_before(when.end or "", span)
    return Period(start, end, phrase or "") if start and end else None


def _first_line_end(text: str) -> int:
    """Where the document's first line (its headline) ends."""
    stripped = len(text) - len(text.lstrip())
    nl = text.find("\n", stripped)
    return len(text) if nl < 0 else nl


# "as of March 12", "reported through Thursday", "in the week that ended February 8"
_AS_OF = re.compile(r"\b(?:as of|as at|through|until|up to|ended|ending)\s+(?:\w+\s+)?$", re.I)


def _dated_before(text: str, at: int, reference: str | None) -> Period | None:
    """The last "as of" day or month its paragraph names before `at`."""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    found = [
        p.period
        for p in find_periods(before, reference)
        if p.period.start and len(p.period.start) >= 7 and _AS_OF.search(before, max(0, p.start - 30), p.start)
    ]
    return found[-1] if found else None
