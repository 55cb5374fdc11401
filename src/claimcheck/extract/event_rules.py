"""Event dates read from a sentence's structure: the date before the event or after it.

Each rule is a small named function over an `EventScene` (one sentence, the vocabulary, the
document's dates) returning the `EventDate`s it reads; `EVENT_RULES` is their order, and a
date one rule read is not read again by a later one. The English words are data
(`data/facts.json`: `clause_event_verbs`, `relative_days`, `relative_years`, `event_nouns`).

- `dated_opening`: "On May 12, 2031, President Anton Mirko signed an Executive Order",
  "Today, the ministry announced ...", "..., on January 1st, farmers will start to ...".
- `verb_then_date`: "Storm Kelda made landfall Wednesday", "the fire started on November 8,
  2031", "the levy will go into effect in 2032", "capped at $20 starting next year".
- `subject_date_verb`: "The Red Cross on Saturday flew supplies to Borduria".
- `named_event_year`: "since the Tarnow fire in 1918", "Hurricane Kelda in 1969",
  "since Kelda in 1992".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from claimcheck.lexicon import trie_alternation

_MONTHS = "January February March April May June July August September October November December".split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_M = "|".join(_MONTHS)
_ABSOLUTE = (
    rf"(?:{_M})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # May 12, 2031 / May 12
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_M})(?:\s+\d{{4}})?"  # 12 May 2031
    rf"|(?:{_M})\s+\d{{4}}"  # May 2031
    r"|(?:" + "|".join(_WEEKDAYS) + r")"
)


@dataclass(frozen=True)
class EventVocab:
    """The words the event rules read, from `data/facts.json`."""

    verbs: tuple[str, ...]  # event verbs as written, multi-word ones too ("made landfall")
    relative_days: dict[str, int]  # "today": 0
    relative_years: dict[str, int]  # "next": 1 ("next year")
    nouns: tuple[str, ...]  # "fire", "hurricane": a named event is "<Name> fire", "Hurricane <Name>"
    stop: frozenset[str]  # words that end an event's object ("to", "with", "that")
    fields: frozenset[str] = frozenset()  # an infobox's event labels ("Formed", "Dissipated")
    offices: frozenset[str] = frozenset()  # offices as written before a name ("President", "Foreign Minister")
    reporting: frozenset[str] = frozenset()  # "said", "told": a date after one is the report's

    @classmethod
    def of(cls, data: dict[str, Any]) -> EventVocab:
        return cls(
            tuple(data.get("clause_event_verbs", ())),
            dict(data.get("relative_days", {})),
            dict(data.get("relative_years", {})),
            tuple(data.get("event_nouns", ())),
            frozenset(data.get("object_stop_words", ())),
            frozenset(data.get("event_fields", ())),
            frozenset(t["title"] for t in data.get("titles", ())),
            frozenset(data.get("reporting_verbs", ())),
        )

    @cached_property
    def date_rx(self) -> str:
        """A date as a fact-checker records it: written out, a weekday, or relative to the
        publication date ("today", "this past January", "next year")."""
        days = trie_alternation(self.relative_days)
        years = trie_alternation(self.relative_years)
        return (
            r"(?P<date>" + _ABSOLUTE + r"|\d{4}|(?i:" + days + r")"
            r"|(?:this\s+past|last|this|next)\s+(?:" + _M + r")|(?:" + years + r")\s+year)(?![\w-])"
        )

    @cached_property
    def verb_rx(self) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?P<verb>" + trie_alternation(self.verbs) + r")(?![\w-])")

    # each rule's pattern, compiled once per vocabulary (building an alternation per sentence
    # cost a third of ingest)
    @cached_property
    def opening_rx(self) -> re.Pattern[str]:
        return re.compile(r"(?:^|,\s+|\*\*\s*)(?:[Oo]n\s+)?" + self.date_rx + r",\s+(?P<clause>[^;:]{3,200})")

    @cached_property
    def subject_date_rx(self) -> re.Pattern[str]:
        # "on Saturday"; without "on" only a day relative to the report's: "Mirko, today announced"
        return re.compile(r"(?<=[\w.,])\s+(?P<on>on\s+)?" + self.date_rx + r"\s+(?=\w)")

    @cached_property
    def after_verb_rx(self) -> re.Pattern[str]:
        return re.compile(r"(?:(?P<prep>\bon|\bin|\bstarting|\bbeginning|\bsince)\s+)?" + self.date_rx)

    @cached_property
    def field_rx(self) -> re.Pattern[str]:
        return re.compile(r"\s*(?P<label>[A-Za-z][A-Za-z -]{1,30}?)\s*\|\s*" + self.date_rx + r"\s*\|?\s*")

    @cached_property
    def named_year_rx(self) -> re.Pattern[str]:
        nouns = trie_alternation(self.nouns)
        name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
        return re.compile(
            r"(?P<event>(?:" + name + r"\s+(?i:" + nouns + r"))|(?:(?-i:" + _cap(nouns) + r")\s+" + name + r")"
            r"|(?<=\bsince\s)" + name + r")\s+in\s+(?P<date>\d{4})\b"
        )


@dataclass(frozen=True)
class EventScene:
    """One sentence and what its dates resolve against."""

    text: str
    vocab: EventVocab
    published: str | None  # the publication date: weekdays and "today" resolve against it
    reference: str | None  # the publication date, else the latest date the text states


OCCASION = "occasion"  # an event date's unit when it dates one occasion of a repeated act (compare.judge)


@dataclass(frozen=True)
class EventDate:
    """An event's date read by `rule`: the event phrase, the date's span and how it resolves."""

    rule: str
    event: str
    start: int
    end: int
    value: str
    period: str | None
    qualifier: str = "exact"
    # an act a named actor performs ("Mirko signed an Executive Order"): one of the actor's
    # many, so another date is another occasion, not a contradiction
    occasion: bool = False


_DETERMINERS = frozenset("a an the its their his her our my this that these those".split())
_AUX = frozenset("will would be been is are was were has have had to also fully now then just".split())
# a full stop, but not an initial's ("Donald J. Trump", "U.S.")
_STOP = r"[;:!?]|(?<!\b[A-Z])\.(?:\s|$)"
_CLAUSE_BREAK = re.compile(_STOP + r"|\s(?:and|but|while|when|after|before|because)\s")
_SENTENCE_BREAK = re.compile(_STOP)


def _object(scene: EventScene, at: int, until: int | None = None) -> str:
    """The verb's object after `at` (and before `until`, its date): up to five words, without
    determiners, up to a stop word ('to', 'with', 'that') or punctuation ("an Executive Order
    titled:" -> "Executive Order")."""
    words: list[str] = []
    for m in re.finditer(r"\S+", scene.text[at : min(at + 80, until if until is not None else at + 80)]):
        raw = m.group()
        word = raw.rstrip(",;:.!?)\"'’”")
        low = word.lower()
        if low in scene.vocab.stop or re.fullmatch(_ABSOLUTE, word) or re.search(r"\d", word) and not words:
            break
        if not word or (words and low.endswith("ed") and word.islower() and len(low) > 4):
            break  # ("Order titled": the participle starts what the order is called)
        if low not in _DETERMINERS or words:
            words.append(word)
        if word != raw or len(words) == 5:
            break
    return " ".join(words)


def _head_before(scene: EventScene, at: int) -> str | None:
    """What the verb at `at` is about: the nearest noun before it, past auxiliaries, adverbs in
    -ly and a relative pronoun ("a girl who died" -> "girl"), or the whole name before it
    ("The Red Cross on Saturday flew" -> "Red Cross")."""
    words = re.findall(r"[\w'’.-]+|[,;:]", scene.text[max(0, at - 80) : at])
    while words:
        w = words.pop()
        low = w.lower()
        if low in _AUX or low.endswith("ly") or low in ("who", "that", "which"):
            continue
        if w in (",", ";", ":") or low in _DETERMINERS or low in scene.vocab.stop or low in _PRONOUNS:
            return None
        name = [w.rstrip(".")]
        while w[:1].isupper() and words and (_capitalised(words[-1]) or _joins_a_name(words)):
            name.insert(0, words.pop())
        return " ".join(name)
    return None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in ("The", "A", "An")


def _joins_a_name(words: list[str]) -> bool:
    """Whether the last of `words` is an "of" or "and" inside a name ("Department of Health
    and Human Services")."""
    return words[-1] in ("of", "and") and len(words) > 1 and _capitalised(words[-2])


def _actor(head: str | None, vocab: EventVocab) -> str | None:
    """The named actor of an act, one name for every way of writing it: a person after an
    office by surname ("President Anton J. Mirko", "President Mirko" -> "Mirko"), anyone
    else as named ("Department of Trade"); None when the head is no name ("farmers")."""
    if not head or not _capitalised(head):
        return None
    words = head.split()
    titled = any(" ".join(words[:i]) in vocab.offices for i in range(1, len(words)))
    return words[-1] if titled else head


_PRONOUNS = frozenset("it he she they we i you".split())


def _phrase(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _resolve(value: str, scene: EventScene) -> str | None:
    """An ISO date, month or year for a date as written; None when it needs a publication
    date the document does not give."""
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", " ".join(value.split()))
    low = value.lower()
    pub, ref = scene.published, scene.reference
    if low in scene.vocab.relative_days:
        return _shift(pub, scene.vocab.relative_days[low]) if pub and len(pub) == 10 else None
    if low.endswith(" year"):
        word = low.split()[0]
        return str(int(pub[:4]) + scene.vocab.relative_years[word]) if pub else None
    if value in _WEEKDAYS:
        if not pub or len(pub) != 10:
            return None
        d = date.fromisoformat(pub)
        return (d - timedelta(days=(d.weekday() - _WEEKDAYS.index(value)) % 7)).isoformat()
    rel = re.fullmatch(r"(this past|last|this|next) ([A-Z][a-z]+)", value)
    if rel:
        if not pub or len(pub) < 7:
            return None
        y, mo, now = int(pub[:4]), _MONTHS.index(rel.group(2)) + 1, int(pub[5:7])
        y = y + 1 if rel.group(1) == "next" and mo <= now else y - 1 if rel.group(1) != "next" and mo > now else y
        return f"{y:04d}-{mo:02d}"
    m = re.fullmatch(r"(?:([A-Z][a-z]+) (\d{1,2})|(\d{1,2}) ([A-Z][a-z]+)|([A-Z][a-z]+))(?:,? (\d{4}))?", value)
    if m is None:
        return value if re.fullmatch(r"\d{4}", value) else None
    month = _MONTHS.index(m.group(1) or m.group(4) or m.group(5)) + 1
    day = int(m.group(2) or m.group(3) or 0)
    year = int(m.group(6)) if m.group(6) else None
    if year is None and ref and len(ref) >= 7:
        if not day:  # "in June" in a text of August 2031: the last June
            year = int(ref[:4]) if month <= int(ref[5:7]) else int(ref[:4]) - 1
        else:  # "on January 1" in a text of December 27: the nearest January 1
            year = _nearest_year(month, day, ref)
    if year is None:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _nearest_year(month: int, day: int, ref: str) -> int | None:
    """The year that puts a month and day nearest the reference date."""
    r = date.fromisoformat(ref) if len(ref) == 10 else date(int(ref[:4]), int(ref[5:7]), 15)
    best = None
    for y in (r.year - 1, r.year, r.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - r).days) < abs((best - r).days):
            best = d
    return best.year if best else None


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def _event_date(
    rule: str,
    event: str,
    m: re.Match[str],
    scene: EventScene,
    qualifier: str = "exact",
    offset: int = 0,
    occasion: bool = False,
) -> EventDate:
    """The date `m` matched (its group "date", `offset` into the sentence) as the event's."""
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", " ".join(m.group("date").split()))
    start, end = m.start("date") + offset, m.end("date") + offset
    return EventDate(rule, event, start, end, value, _resolve(value, scene), qualifier, occasion)


def dated_opening(scene: EventScene) -> list[EventDate]:
    """'On May 12, 2031, Anton Mirko signed an Executive Order', 'Today, the ministry
    announced ...', 'Because of the law, on January 1st, farmers will start to ...': a date
    set off before its clause dates the clause's event (its first event verb and object)."""
    out = []
    for m in scene.vocab.opening_rx.finditer(scene.text):
        before = scene.text[: m.start()]
        if m.group("date").isdigit():
            continue  # ("In 2031, exports rose": a figure's year; "On 2031," is no date)
        if "On" not in m.group() and "on " not in m.group()[:5] and not _relative_word(m.group("date"), scene):
            continue  # ("Wednesday, the storm ...": a dateline-less weekday needs its "on")
        if re.search(r"\b(?:from|since|until|between|by)\s*$", before):
            continue
        verb = scene.vocab.verb_rx.search(m.group("clause"))
        if verb is None or _SENTENCE_BREAK.search(m.group("clause")[: verb.start()]):
            continue
        at = m.start("clause") + verb.end()
        head = _head_before(scene, m.start("clause") + verb.start())
        actor, obj = _actor(head, scene.vocab), _object(scene, at)
        event = _phrase(actor or (None if obj else head), verb.group("verb").lower(), obj)
        out.append(_event_date("dated_opening", event, m, scene, occasion=actor is not None))
    return out


def _relative_word(raw: str, scene: EventScene) -> bool:
    return raw.lower() in scene.vocab.relative_days


def verb_then_date(scene: EventScene) -> list[EventDate]:
    """'the fire started on November 8, 2031', 'made landfall Wednesday', 'died Friday',
    'will go into effect ... in 2032', 'capped at $20 starting next year': an event verb, then
    its date within the clause (a weekday, a full date or one relative to the publication
    needs no preposition); of two verbs before one date, the nearer one's."""
    out: dict[int, EventDate] = {}  # by the date's start: the verb nearest the date dates it
    for v in scene.vocab.verb_rx.finditer(scene.text):
        rest = scene.text[v.end() : v.end() + 90]
        cut = _CLAUSE_BREAK.search(rest)
        rest = rest[: cut.start()] if cut else rest
        m = scene.vocab.after_verb_rx.search(rest)
        if m is None or (m.group("prep") in (None, "on") and not _needs_no_preposition(m.group("date"), scene)):
            continue
        if m.group("prep") in (None, "on") and re.fullmatch(r"(?:" + _M + r")\s+\d{4}", m.group("date")):
            continue  # ("in May 2031" needs its "in")
        if m.group("prep") == "in" and not re.search(r"\d{4}|year", m.group("date")):
            continue
        if scene.vocab.reporting & set(re.findall(r"[a-z]+", rest[: m.start()])):
            continue  # ("16 people have died, the minister said on Wednesday": when it was said)
        if v.group("verb").lower() in _LEVEL_AT and _AT_FIGURE.match(rest):
            continue  # ("shares closed at $40 on Monday": a level and its day, no event; "capped at
            # $2,000 starting next year" is one)
        bare_year = re.fullmatch(r"\d{4}|(?:" + _M + r")\s+\d{4}", m.group("date"))
        figure = _FIGURE.search(_FOOTNOTE.sub("", scene.text[max(0, v.start() - 60) : v.start()] + rest[: m.start()]))
        if bare_year and figure and m.group("prep") not in ("starting", "beginning"):
            continue  # ("20,400 were killed in 2031": the year is a figure's, not an event's)
        obj = _object(scene, v.end(), v.end() + m.start()) if m.start() > 0 else ""
        head = _head_before(scene, v.start())
        actor = _actor(head, scene.vocab)
        event = _phrase(actor or head, v.group("verb").lower(), obj)
        qualifier = "at_least" if m.group("prep") == "since" else "exact"
        out[v.end() + m.start("date")] = _event_date(
            "verb_then_date", event, m, scene, qualifier, offset=v.end(), occasion=actor is not None
        )
    return list(out.values())


_FIGURE = re.compile(r"\d")
_LEVEL_AT = frozenset({"closed", "closes", "opened", "opens", "ended", "ends", "finished", "settled", "traded"})
_AT_FIGURE = re.compile(r"\s+at\s+(?:about\s+|around\s+|nearly\s+|a\s+record\s+)?[$€£¥]?\d")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")  # a reference mark ("areas[17]"), no figure


def _needs_no_preposition(date_said: str, scene: EventScene) -> bool:
    """A date that stands after its verb without "on" or "in": a full date or a weekday
    ("made landfall Wednesday"), or a day or month relative to the publication ("capped at
    $35 this past January", "signed today"). Not "last year": "revenue reached $5 billion
    last year" is a figure's year far more often than an event's."""
    return (
        re.fullmatch(_ABSOLUTE, date_said) is not None
        or _RELATIVE_MONTH.fullmatch(date_said) is not None
        or _relative_word(date_said, scene)
    )


_RELATIVE_MONTH = re.compile(r"(?:this\s+past|last|this|next)\s+(?:" + _M + r")")


def subject_date_verb(scene: EventScene) -> list[EventDate]:
    """'The Red Cross on Saturday flew supplies to Borduria', 'The Minister for Health, Anton
    Mirko, today announced ...': a subject, its date, then the event verb and its object."""
    out = []
    for m in scene.vocab.subject_date_rx.finditer(scene.text):
        v = scene.vocab.verb_rx.match(scene.text, m.end())
        if v is None or m.group("date").isdigit():
            continue
        if not m.group("on") and m.group("date").lower() not in scene.vocab.relative_days:
            continue  # ("the storm Saturday flew": a weekday or a month needs its "on")
        at = m.start() if scene.text[: m.start()].endswith(",") else m.start() + 1  # ("..., Anton Mirko, today")
        head = _head_before(scene, at - 1 if at == m.start() else at)
        actor = _actor(head, scene.vocab)
        event = _phrase(actor or head, v.group("verb").lower(), _object(scene, v.end()))
        out.append(_event_date("subject_date_verb", event, m, scene, occasion=actor is not None))
    return out


def named_event_year(scene: EventScene) -> list[EventDate]:
    """'since the Tarnow fire in 1918', 'Hurricane Kelda in 1969', 'since Kelda in 1992': an
    event named (a name with an event noun, or a name after 'since') in a stated year."""
    out = []
    for m in scene.vocab.named_year_rx.finditer(scene.text):
        event = m.group("event")
        if event.split()[0] in _MONTHS or event.split()[0] in ("The", "A", "An"):
            event = " ".join(event.split()[1:])
        if not event or event.split()[0] in _MONTHS:
            continue
        out.append(_event_date("named_event_year", event, m, scene))
    return out


def field_event_date(scene: EventScene) -> list[EventDate]:
    """'Dissipated | October 16, 2031 |': an infobox row whose label is an event (data:
    facts.json event_fields) and whose value is its date."""
    m = scene.vocab.field_rx.fullmatch(scene.text)
    if m is None or m.group("label").lower() not in scene.vocab.fields or m.group("date").isdigit():
        return []
    return [_event_date("field_event_date", m.group("label").lower(), m, scene)]


def _cap(alternation: str) -> str:
    """A lower-case alternation's words capitalised ('hurricane' -> 'Hurricane')."""
    return re.sub(r"(?<![\w\\])([a-z])", lambda c: c.group(1).upper(), alternation)


EVENT_RULES: tuple[Callable[[EventScene], list[EventDate]], ...] = (
    field_event_date,
    dated_opening,
    subject_date_verb,
    named_event_year,
    verb_then_date,
)


def event_dates(scene: EventScene) -> list[EventDate]:
    """The event dates of a sentence, by the first rule that reads each date."""
    out: list[EventDate] = []
    for rule in EVENT_RULES:
        for e in rule(scene):
            if not any(e.start < o.end and o.start < e.end for o in out):
                out.append(e)
    return out
