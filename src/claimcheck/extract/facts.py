"""Factual claims besides figures: people's titles and the dates of events.

- title: "French President Emmanuel Macron" -> subject Emmanuel Macron, value President,
  object France. The office list is data (`data/facts.json`).
- event_date: "signed a trade agreement in June" -> subject "agreement",
  value "June"; resolved to a period only against the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from claimcheck.extract.event_rules import EventDate, EventScene, EventVocab, event_dates, field_event_date
from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Claim, Sentence
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.lemmas import lemma

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME_TOKEN = rf"(?:[{_UP}]\.(?:\s?[{_UP}]\.){{0,3}}|[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+)*)"


def _name_pattern(particles: list[str]) -> str:
    """Up to four capitalised words, with lower-case particles between them ("Luiz Inácio Lula
    da Silva", "Ursula von der Leyen", "Charles de Gaulle"; the particles are data)."""
    inner = r"(?:(?:" + "|".join(re.escape(p) for p in particles) + r")\s+){0,2}" if particles else ""
    return _NAME_TOKEN + r"(?:\s+" + inner + _NAME_TOKEN + r"){0,3}"


_NOT_NAME = frozenset(
    "Department Ministry Office Council Party Act Initiative Corridor Administration House Senate "
    "Commission Committee Bank Fund Agency Court Union Republic State States Kingdom Government "
    "Airlines Airport Street University Institute Times Post News Group Inc Corp Ltd The Of And "
    "Mr Mrs Ms Dr Prof".split()
)
_MONTHS = ("January February March April May June July August September October November December").split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_CALENDAR = "|".join(_MONTHS + _WEEKDAYS)
_CALENDAR_WORD = re.compile(r"\b(?:" + _CALENDAR + r")\b")
_DIGIT = re.compile(r"\d")
_DATE = (
    r"(?P<date>(?:" + "|".join(_MONTHS) + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(_MONTHS) + r")(?:\s+\d{4})?"
    r"|" + "|".join(_WEEKDAYS) + r"|\d{4})"
)
_DATE_PHRASE = re.compile(r"\b(?P<prep>in|on|by|before|during|since|until|from)\s+" + _DATE + r"\b")


# an organisation named after an office or before it: "Botswana", "the Bank of England"
_ORG = r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+)?[A-Z][\w'’.&-]*){0,3}"


@dataclass(frozen=True)
class Office:
    title: str
    exclusive: bool


class FactRules:
    """Compiled title and event vocabulary."""

    def __init__(self, lex: Lexicon, entities: EntityIndex) -> None:
        data = lex.facts
        self.entities = entities
        self.offices: dict[str, Office] = {}
        for t in data["titles"]:
            self.offices[t["title"]] = Office(t.get("canonical", t["title"]), bool(t["exclusive"]))
        self.modifiers = [m.lower() for m in data["title_modifiers"]]
        self.not_current = frozenset(m.lower() for m in data["not_current"])
        self.events = sorted(data["events"], key=len, reverse=True)
        self.event_verbs: dict[str, str] = data["event_verbs"]
        self.title_words = frozenset(t.split()[0] for t in self.offices)
        self.subordinate = frozenset(data.get("subordinate_words", []))
        self.name = _name_pattern(data.get("name_particles", []))
        self.life_events: dict[str, str] = data.get("life_events", {})
        self.once_events = frozenset(data.get("once_events", []))  # (taking office recurs)
        self.event_vocab = EventVocab.of(data)

    @cached_property
    def title_word_rx(self) -> re.Pattern[str]:
        """Any first word of an office, anywhere: a cheap test before `title_rx`."""
        return re.compile(trie_alternation(self.title_words))

    @cached_property
    def title_word_any_case_rx(self) -> re.Pattern[str]:
        """A title's first word in lower case: search it in lower-cased text (a case-blind
        search of a long alternation is many times slower)."""
        return re.compile(trie_alternation({w.lower() for w in self.title_words}))

    @cached_property
    def title_rx(self) -> re.Pattern[str]:
        titles = trie_alternation(self.offices)
        mods = "|".join(re.escape(m) for m in self.modifiers)
        return re.compile(
            r"(?:(?P<mod>(?i:"
            + mods
            + r"))[\s-]*)?(?<![\w-])(?P<title>(?i:"
            + titles
            + r"))\s+(?P<name>"
            + self.name
            + r")"
        )

    @cached_property
    def apposition_rx(self) -> re.Pattern[str]:
        """ "Mokgweetsi Masisi, the president of Botswana, ...": a name, then its office between
        commas, in any case, with the organisation before the office or after "of"."""
        titles = trie_alternation(self.offices)
        mods = "|".join(re.escape(m) for m in self.modifiers)
        return re.compile(
            r"(?P<name>" + self.name + r"),\s+(?:the\s+)?(?:(?P<mod>(?i:" + mods + r"))[\s-]*)?"
            r"(?:(?P<org1>" + _ORG + r")(?:'s|’s)?\s+)?(?P<title>(?i:" + titles + r"))"
            r"(?:\s+of\s+(?:the\s+)?(?P<org2>" + _ORG + r"))?(?:\s+(?:for|on|at)\s+[^,;:()]{1,60}?)?\s*,"
        )

    @cached_property
    def office_first_rx(self) -> re.Pattern[str]:
        """ "The World Food Program director for West Africa, Jane Doe, said": a definite office,
        in any case, then the name set off by commas."""
        titles = trie_alternation(self.offices)
        return re.compile(
            r"(?<![\w-])[Tt]he\s+(?:(?P<org1>" + _ORG + r")(?:'s|’s)?\s+)?(?P<title>(?i:" + titles + r"))"
            r"(?:\s+of\s+(?:the\s+)?(?P<org2>[^,;:()]{1,60}?)|\s+(?:for|on|at)\s+[^,;:()]{1,60}?)?,\s+"
            r"(?P<name>" + self.name + r")"
            r"(?=,|\s+(?:said|says|told|who|has|had|was|is)\b)"
        )

    @cached_property
    def held_rx(self) -> re.Pattern[str]:
        """ "Angela Merkel ... served as Chancellor of Germany from 2005 to 2021": an office
        held over stated years."""
        titles = trie_alternation(self.offices)
        return re.compile(
            r"(?P<name>" + self.name + r")(?:\s*\([^()]{1,40}\))?(?:,[^,;.]{1,80},)?\s+"
            r"(?P<verb>(?:also\s+)?(?:served|serves)\s+as|was|became|(?:has|had)\s+been)\s+(?:the\s+)?"
            r"(?:(?P<org1>" + _ORG + r")(?:'s|’s)?\s+)?(?P<title>(?i:" + titles + r"))"
            r"(?:\s+(?:of|for)\s+(?:the\s+)?(?P<org2>" + _ORG + r"))?\s+"
            r"(?P<when>from\s+(?P<from>\d{4})\s+(?:to|until)\s+(?P<to>\d{4})|between\s+(?P<btw>\d{4})\s+and\s+(?P<and>\d{4})"
            r"|since\s+(?P<since>\d{4})|in\s+(?P<year>\d{4}))\b"
        )

    @cached_property
    def life_word_rx(self) -> re.Pattern[str]:
        """The last word of any life event ("born", "independence"): a cheap test before `life_rx`."""
        return re.compile(trie_alternation({e.split()[-1] for e in self.life_events}))

    @cached_property
    def life_rx(self) -> re.Pattern[str]:
        """ "Margaret Ellison was born on 14 June 1958", "Kenya gained independence from the UK
        on 12 December 1963": a name, the event of its life (data), then its date within the
        clause."""
        events = trie_alternation(self.life_events, flexible_space=True)
        return re.compile(
            r"(?P<name>(?:[Tt]he\s+)?"
            + _ORG
            + r")(?:\s*\([^()]{1,40}\))?(?:,[^,;.]{1,80},)?\s+(?P<event>"
            + events
            + r")\b"
            # within the clause: not across a comma, "and" or "after" ("born in Leeds and moved
            # to London in 1980", "took office after the election in November 2016")
            r"(?P<gap>(?:(?!\b(?:and|after|before|but|when|while)\b)[^.;:,\d]){0,60}?)\s(?:on|in)\s+" + _DATE + r"\b"
        )

    @cached_property
    def office_of(self) -> dict[str, str]:
        """Offices by their lower-case spelling (an apposition writes "the president")."""
        return {t.lower(): t for t in self.offices}

    @cached_property
    def event_rx(self) -> re.Pattern[str]:
        alt = trie_alternation(self.events)
        # the event word in any case; the place after it must be capitalized
        return re.compile(
            r"\b(?P<event>(?i:"
            + alt
            + r"))\b(?P<place>\s+(?:to|in)\s+(?!(?:"
            + _CALENDAR
            + r")\b)[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)?"
        )


def title_claims(s: Sentence, rules: FactRules) -> list[Claim]:
    """Title claims in one sentence: office + person (+ organisation before the office)."""
    out: list[Claim] = []
    # "Mokgweetsi Masisi, the president of Botswana, ...": an office in any case, between commas
    titled = rules.title_word_any_case_rx.search(s.text.lower()) is not None  # a cheap test before the office patterns
    apposed = _apposition_titles(s, rules) if titled and "," in s.text else []
    if not titled:
        return apposed
    apposed += [c for c in _office_first_titles(s, rules) if c.subject not in {a.subject for a in apposed}]
    for m in rules.title_rx.finditer(s.text):
        said = m.group("title")
        if not said[0].isupper() and not _named_before(s.text, m.start("title")):
            continue  # "FEMA administrator Anton Mirko", but not "the administrator Anton Mirko"
        if said not in rules.offices and said[0].isupper():
            continue  # ("DIRECTOR Anton", "Chief executive X": an office is written one way or all lower-case)
        mod = (m.group("mod") or "").lower().rstrip("-")
        if mod in rules.not_current or mod + "-" in rules.not_current:
            continue
        name = _clean_name(m.group("name"), rules)
        if name is None:
            continue
        before = s.text[: m.start("title")].split()
        if not m.group("mod") and before and before[-1] in rules.subordinate:
            continue  # "Deputy Foreign Minister X" is not the Foreign Minister
        office = rules.offices[rules.office_of[" ".join(said.split()).lower()]]
        org, start = _organisation_before(s.text, m.start("title") if not m.group("mod") else m.start(), rules)
        end = m.start("name") + len(name)
        if generation := _GENERATION.match(s.text, end):  # "Robert F. Kennedy, Jr.": the son
            name, end = f"{name} {generation.group(1)}", generation.end()
        out.append(_title_claim(s, name, org, office, start, end))
    named = {c.subject for c in out}  # ("Antony Blinken, the US Secretary of State": read once)
    return out + [c for c in apposed if c.subject not in named]


def _named_before(text: str, pos: int) -> bool:
    """Whether an organisation's name (a capitalised word, not a sentence's first "The") or a
    possessive stands right before `pos`: what makes a lower-case office a title."""
    m = re.search(r"(\S+)\s+$", text[:pos])
    return (
        bool(m)
        and (m.group(1)[:1].isupper() and m.group(1) not in ("The", "A", "An"))
        or bool(m and re.search(r"(?:'s|’s)$", m.group(1)))
    )


def _office_first_titles(s: Sentence, rules: FactRules) -> list[Claim]:
    """ "The World Food Program director for West Africa, Jane Doe, said": the office first,
    then the name between commas."""
    if "," not in s.text:
        return []
    found = (
        _matched_title(s, m, rules, ("org1", "org2"), m.start(), m.end("name"))
        for m in rules.office_first_rx.finditer(s.text)
    )
    return [c for c in found if c is not None]


def _matched_title(
    s: Sentence, m: re.Match[str], rules: FactRules, orgs: tuple[str, str], start: int, end: int
) -> Claim | None:
    """The title claim a title pattern's match states: its name (when it is one whole name),
    its office, and the organisation of the first of `orgs` that matched."""
    name = _clean_name(m.group("name"), rules)
    if name is None or name != " ".join(m.group("name").split()):
        return None
    title = rules.office_of[" ".join(m.group("title").split()).lower()]
    org_text = m.group(orgs[0]) or m.group(orgs[1])
    org = rules.entities.resolve(org_text) if org_text else None
    return _title_claim(s, name, org, rules.offices[title], start, end)


def held_claims(s: Sentence, rules: FactRules) -> list[Claim]:
    """Offices held over stated years: "X served as Chancellor of Germany from 2005 to 2021",
    "X became president in 2019" (since then), "X has been CEO since 2014"."""
    out = []
    for m in rules.held_rx.finditer(s.text):
        name = _clean_name(m.group("name"), rules)
        if name is None or name.lower() in _PRONOUNS or name != " ".join(m.group("name").split()):
            continue
        start = m.group("from") or m.group("btw") or m.group("since") or m.group("year")
        end = m.group("to") or m.group("and")
        if m.group("year") and m.group("verb") != "became":
            end = start  # "was president in 2019": that year; "became president in 2019": since
        said = " ".join(m.group("title").split()).lower()
        org1 = m.group("org1")
        if org1 and f"{org1.lower()} {said}" in rules.office_of:
            said, org1 = f"{org1.lower()} {said}", None  # "Vice President": one office, not Vice's
        org_text = m.group("org2") or org1
        org = rules.entities.resolve(org_text) if org_text else None
        claim = _title_claim(s, name, org, rules.offices[rules.office_of[said]], m.start("name"), m.end())
        out.append(replace(claim, period_start=start, period_end=end, period_text=m.group("when")))
    return out


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])


def _apposition_titles(s: Sentence, rules: FactRules) -> list[Claim]:
    """Titles in apposition: "Mokgweetsi Masisi, the president of Botswana, ..."."""
    out = []
    for m in rules.apposition_rx.finditer(s.text):
        mod = (m.group("mod") or "").lower().rstrip("-")
        if mod in rules.not_current or mod + "-" in rules.not_current:
            continue  # "Joe Biden, the former vice president,"
        claim = _matched_title(s, m, rules, ("org2", "org1"), m.start("name"), m.end("title"))
        if claim is not None:
            out.append(claim)
    return out


def _title_claim(s: Sentence, name: str, org: str | None, office: Office, start: int, end: int) -> Claim:
    unit = "office" if office.exclusive else "role"
    return _fact_claim(s, "title", name, "title", org, unit, "exact", start, end, office.title)


def _fact_claim(
    s: Sentence,
    kind: str,
    subject: str,
    metric: str,
    obj: str | None,
    unit: str,
    qualifier: str,
    start: int,
    end: int,
    value_text: str,
    period: str | None = None,
    period_text: str | None = None,
) -> Claim:
    """A factual claim (a title or a date) stated by `s.text[start:end]`."""
    return Claim(
        kind=kind,
        subject=subject,
        metric=metric,
        object=obj,
        value=None,
        unit=unit,
        qualifier=qualifier,
        low=None,
        high=None,
        period_start=period,
        period_end=period,
        period_text=period_text,
        attributed_to=None,
        quote=s.text,
        char_start=s.start,
        char_end=s.end,
        surface=s.text[start:end],
        surface_start=s.start + start,
        surface_end=s.start + end,
        value_text=value_text,
    )


_GENERATION = re.compile(r",?\s+(Jr\.|Sr\.|II|III|IV)(?![\w])")


def _clean_name(raw: str, rules: FactRules) -> str | None:
    tokens = raw.split()
    kept: list[str] = []
    for t in tokens:
        bare = re.sub(r"(?:'s|’s)$", "", t)
        if bare in _NOT_NAME or rules.entities.canonical.get(bare) or bare in _MONTHS or bare in _WEEKDAYS:
            break
        if len(kept) >= 2 and _headline_verb(bare):
            break  # "President Anton J. Mirko Secures ...": a headline's verb ends the name
        kept.append(bare)
        if bare != t:
            break  # a possessive ends the name: "Joe Biden's efforts"
    if not kept or all(len(t.rstrip(".")) <= 1 for t in kept):
        return None
    name = " ".join(kept)
    if rules.entities.canonical.get(name):
        return None
    return name


def _headline_verb(word: str) -> bool:
    """A capitalised verb of a headline in Title Case ("Secures", "Establishes"): a word in -s
    whose dictionary form is another word (surnames such as "Collins" are their own)."""
    low = word.lower()
    return word[:1].isupper() and len(low) > 3 and low.endswith("s") and lemma(low) != low


def _organisation_before(text: str, pos: int, rules: FactRules) -> tuple[str | None, int]:
    """'US' / 'Mongolia's' / 'Mongolian' / 'Tesla's' right before the office."""
    before = text[max(0, pos - 60) : pos]
    m = re.search(r"((?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*?)(?:'s|’s)?\s+$", before)
    if not m:
        return None, pos
    cand = m.group(1)
    ents = rules.entities.mentions(cand + " x")
    if ents and ents[-1].end == len(cand):
        return ents[-1].name, pos - (len(before) - m.start(1))
    if re.search(r"(?:'s|’s)\s+$", before) and cand.split()[0] not in ("The", "A", "An"):
        return rules.entities.resolve(cand), pos - (len(before) - m.start(1))
    return None, pos


def event_claims(s: Sentence, rules: FactRules, published: str | None) -> list[Claim]:
    """Event-date claims: a date phrase attached to an event named before it in the sentence."""
    out: list[Claim] = []
    text = s.text
    if not _CALENDAR_WORD.search(text) and not _DIGIT.search(text):
        return out
    events = list(rules.event_rx.finditer(text))
    if not events:
        return out
    for dm in _DATE_PHRASE.finditer(text):
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
    return _fact_claim(s, "event_date", subject, metric, None, unit, qualifier, start, end, value, period, said)


def life_claims(s: Sentence, rules: FactRules, published: str | None) -> list[Claim]:
    """Dates of the events of a person's or a country's life: birth, founding, independence,
    death, taking office. The event words are data (`life_events`)."""
    text = s.text
    if not rules.life_events or not _DIGIT.search(text) or not rules.life_word_rx.search(text):
        return []  # (most sentences name no life event: a literal search before the full pattern)
    out = []
    for m in rules.life_rx.finditer(text):
        name = re.sub(r"^[Tt]he\s+", "", m.group("name"))
        if name in _NOT_NAME or name in _MONTHS:
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
    if m and m.group(1) in _MONTHS:
        month = _MONTHS.index(m.group(1)) + 1
        year = int(m.group(3)) if m.group(3) else None
        if year is None and published and len(published) >= 7:
            py, pm = int(published[:4]), int(published[5:7])
            year = py if month <= pm else py - 1
        if year is None:
            return None
        return f"{year:04d}-{month:02d}" + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    if value in _WEEKDAYS and published and len(published) == 10:
        pub = date.fromisoformat(published)
        back = (pub.weekday() - _WEEKDAYS.index(value)) % 7
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
    for s in sentences:
        if s.header is not None:  # a table's row: an infobox's "Dissipated | October 16, 2031" at most
            scene = EventScene(s.text, rules.event_vocab, published, reference or published)
            out.extend(_as_fact(s, e) for e in field_event_date(scene))
            continue
        out.extend(title_claims(s, rules))
        out.extend(held_claims(s, rules))
        dated = life_claims(s, rules, published)
        dated += _structured_event_claims(s, rules, published, reference or published, dated)
        dated += [c for c in event_claims(s, rules, published) if not _overlapping(c, dated)]
        out.extend(dated)
    return out


def headline_titles(headline: str, rules: FactRules) -> list[Claim]:
    """'Statement from President Anton Mirko on ...' in a front matter's title: the titles it
    names. The title is not in the stored text, so the claim's span there is empty and its
    subject says where it came from."""
    s = Sentence(" ".join(headline.split()), 0, 0)
    return [
        replace(c, quote="", char_end=0, surface="", surface_start=0, surface_end=0, subject_how="document title")
        for c in title_claims(s, rules)
    ]


def _overlapping(c: Claim, others: list[Claim]) -> bool:
    return any(c.surface_start < o.surface_end and o.surface_start < c.surface_end for o in others)


def _structured_event_claims(
    s: Sentence, rules: FactRules, published: str | None, reference: str | None, known: list[Claim]
) -> list[Claim]:
    """The event dates the sentence's structure gives (`event_rules`), the event phrase as
    the claim's subject; a date a life event already dates is left to it."""
    if not _CALENDAR_WORD.search(s.text) and not _DIGIT.search(s.text) and not _RELATIVE.search(s.text):
        return []
    out = []
    for e in event_dates(EventScene(s.text, rules.event_vocab, published, reference)):
        claim = _as_fact(s, e)
        if not _overlapping(claim, known):
            out.append(claim)
    return out


def _as_fact(s: Sentence, e: EventDate) -> Claim:
    """An event date the event rules read, as a claim (the event phrase its subject)."""
    return _fact_claim(
        s, "event_date", e.event, "date", None, "date", e.qualifier, e.start, e.end, e.value, e.period, e.value
    )


_RELATIVE = re.compile(r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|year)\b")
