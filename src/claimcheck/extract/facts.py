"""Factual claims besides figures: people's titles and the dates of events.

- title (`extract.titles`): "French President Emmanuel Macron" -> subject Emmanuel Macron,
  value President, object France. The office list is data (`data/facts.json`).
- event_date: "signed a trade agreement in June" -> subject "agreement",
  value "June"; resolved to a period only against the publication date.

`fact_claims` reads both from a document's sentences; the vocabulary is `fact_rules.FactRules`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimcheck.extract.event_rules import OCCASION, EventDate, EventScene, event_dates, field_event_date
from claimcheck.extract.fact_rules import (
    CALENDAR_WORD,
    DATE_PHRASE,
    DIGIT,
    MONTHS,
    NOT_NAME,
    WEEKDAYS,
    FactRules,
    fact_claim,
)
from claimcheck.extract.titles import headline_titles, held_claims, own_former_titles, speaker_of, title_claims
from claimcheck.model import Claim, Sentence

__all__ = [  # (the titles' rules and the vocabulary are read from here too)
    "FactRules",
    "event_claims",
    "fact_claims",
    "headline_titles",
    "held_claims",
    "life_claims",
    "own_former_titles",
    "title_claims",
]


def event_claims(s: Sentence, rules: FactRules, published: str | None) -> list[Claim]:
    """Event-date claims: a date phrase attached to an event named before it in the sentence."""
    out: list[Claim] = []
    text = s.text
    if not CALENDAR_WORD.search(text) and not DIGIT.search(text):
        return out
    # ("fees rose to $40 per visit in 2024": what a price is per, not an event)
    events = [
        e for e in rules.event_rx.finditer(text) if not _PER_BEFORE.search(text, max(0, e.start() - 8), e.start())
    ]
    if not events:
        return out
    for dm in DATE_PHRASE.finditer(text):
        raw = dm.group("date")
        if raw.isdigit() and dm.group("prep").lower() not in ("by", "in"):
            continue
        before = [e for e in events if e.end() <= dm.start() and dm.start() - e.end() <= 150]
        if not before:
            continue
        prep = dm.group("prep").lower()
        qualifier = "at_most" if prep in ("by", "until") else "under" if prep == "before" else "exact"
        out.append(_date_claim(s, dm, _event_name(before[-1], rules), "date", "date", qualifier, dm.group(), published))
    return out


_PER_BEFORE = re.compile(r"\b(?:per|each|every)\s+$", re.I)


def _date_claim(
    s: Sentence,
    dm: re.Match[str],
    subject: str,
    metric: str,
    unit: str,
    qualifier: str,
    said: str,
    published: str | None,
) -> Claim:
    """An event_date claim for the date `dm` matched (its group "date") in sentence `s`."""
    value = _date_value(dm.group("date"))
    period = _resolve(value, published)
    start, end = dm.span("date")
    return fact_claim(s, "event_date", subject, metric, None, unit, qualifier, start, end, value, period, said)


def life_claims(s: Sentence, rules: FactRules, published: str | None) -> list[Claim]:
    """Dates of the events of a person's or a country's life: birth, founding, independence,
    death, taking office. The event words are data (`life_events`)."""
    text = s.text
    if not rules.life_events or not DIGIT.search(text) or not rules.life_word_rx.search(text):
        return []  # (most sentences name no life event: a literal search before the full pattern)
    out = []
    for m in rules.life_rx.finditer(text):
        name = re.sub(r"^[Tt]he\s+", "", m.group("name"))
        if name in NOT_NAME or name in MONTHS:
            continue
        metric = rules.life_events[" ".join(m.group("event").lower().split())]
        # (compare: a second date for a birth is a conflict, not a second occurrence)
        unit = "once" if metric in rules.once_events else "date"
        out.append(_date_claim(s, m, rules.entities.resolve(name), metric, unit, "exact", m.group("date"), published))
    return out


def _event_name(ev: re.Match[str], rules: FactRules) -> str:
    name = ev.group("event").lower()
    place = ev.group("place")
    if place:
        name += " " + re.sub(r"\s+", " ", place.strip()).lower()
    return name


def _date_value(raw: str) -> str:
    """'August 2nd' -> 'August 2'; '2 August 2023' -> 'August 2, 2023'; 'June' stays."""
    raw = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", raw)
    m = re.fullmatch(r"(\d{1,2})\s+([A-Z][a-z]+)(?:\s+(\d{4}))?", raw)
    if m:
        return f"{m.group(2)} {m.group(1)}" + (f", {m.group(3)}" if m.group(3) else "")
    return re.sub(r"\s+", " ", raw).replace(" ,", ",")


def _resolve(value: str, published: str | None) -> str | None:
    """An ISO date or month for the value, using the publication date for the year."""
    m = re.fullmatch(r"([A-Z][a-z]+)(?: (\d{1,2}))?(?:,? (\d{4}))?", value)
    if value.isdigit():
        return value
    if m and m.group(1) in MONTHS:
        month = MONTHS.index(m.group(1)) + 1
        year = int(m.group(3)) if m.group(3) else None
        if year is None and published and len(published) >= 7:
            py, pm = int(published[:4]), int(published[5:7])
            year = py if month <= pm else py - 1
        if year is None:
            return None
        return f"{year:04d}-{month:02d}" + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    if value in WEEKDAYS and published and len(published) == 10:
        pub = date.fromisoformat(published)
        back = (pub.weekday() - WEEKDAYS.index(value)) % 7
        return (pub - timedelta(days=back)).isoformat()
    return None


def fact_claims(
    sentences: list[Sentence],
    rules: FactRules,
    published: str | None,
    reference: str | None = None,
    headline: str | None = None,
) -> list[Claim]:
    """Title and event-date claims of a document's sentences (tables excluded). Weekdays and
    "today" resolve against the publication date, a month and day without a year against
    `reference` (the publication date, else the latest date the text states). A `headline`
    the text does not contain (a front matter's title) gives the titles it names."""
    out: list[Claim] = headline_titles(headline, rules) if headline else []
    speaker = speaker_of(out)
    for s in sentences:
        if s.header is not None:  # a table's row: an infobox's "Dissipated | October 16, 2031" at most
            scene = EventScene(s.text, rules.event_vocab, published, reference or published)
            out.extend(_as_fact(s, e) for e in field_event_date(scene))
            continue
        out.extend(title_claims(s, rules))
        out.extend(held_claims(s, rules))
        out.extend(own_former_titles(s, rules, speaker))
        dated = life_claims(s, rules, published)
        dated += _structured_event_claims(s, rules, published, reference or published, dated)
        dated += [c for c in event_claims(s, rules, published) if not _overlapping(c, dated)]
        out.extend(dated)
    return out


def _overlapping(c: Claim, others: list[Claim]) -> bool:
    return any(c.surface_start < o.surface_end and o.surface_start < c.surface_end for o in others)


def _structured_event_claims(
    s: Sentence, rules: FactRules, published: str | None, reference: str | None, known: list[Claim]
) -> list[Claim]:
    """The event dates the sentence's structure gives (`event_rules`), the event phrase as
    the claim's subject; a date a life event already dates is left to it."""
    if not CALENDAR_WORD.search(s.text) and not DIGIT.search(s.text) and not _RELATIVE.search(s.text):
        return []
    out = []
    for e in event_dates(EventScene(s.text, rules.event_vocab, published, reference)):
        claim = _as_fact(s, e)
        if not _overlapping(claim, known):
            out.append(claim)
    return out


def _as_fact(s: Sentence, e: EventDate) -> Claim:
    """An event date the event rules read, as a claim (the event phrase its subject)."""
    unit = OCCASION if e.occasion else "date"
    return fact_claim(
        s, "event_date", e.event, "date", None, unit, e.qualifier, e.start, e.end, e.value, e.period, e.value
    )


_RELATIVE = re.compile(r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|year)\b")
