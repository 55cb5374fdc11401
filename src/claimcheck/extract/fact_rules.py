"""The vocabulary of factual claims, compiled: offices, names, event words, and the one
shape every factual claim takes (`fact_claim`).

The title rules (`extract.titles`) and the date rules (`extract.facts`) read a sentence with
the patterns of one `FactRules`; the words are data (`data/facts.json`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from claimcheck.extract.event_rules import EventVocab
from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Claim, Sentence
from claimcheck.normalize.entities import EntityIndex

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# a name's word: an initial run ("J.", "J.R."), "Nabarro", "Ki-moon", "O'Brien", "McDonald", "DeSantis"
_NAME_TOKEN = (
    rf"(?:[{_UP}]\.(?:\s?[{_UP}]\.){{0,3}}"
    rf"|(?:[{_UP}]['’](?=[{_UP}])|[{_UP}][{_LOW}]+)(?:[-'’][{_UP}]?[{_LOW}]+|[{_UP}][{_LOW}]+)*)"
)


def _name_pattern(particles: list[str]) -> str:
    """Up to four capitalised words, with lower-case particles between them ("Luiz Inácio Lula
    da Silva", "Ursula von der Leyen", "Charles de Gaulle"; the particles are data)."""
    inner = r"(?:(?:" + "|".join(re.escape(p) for p in particles) + r")\s+){0,2}" if particles else ""
    return _NAME_TOKEN + r"(?:\s+" + inner + _NAME_TOKEN + r"){0,3}"


NOT_NAME = frozenset(
    "Department Ministry Office Council Party Act Initiative Corridor Administration House Senate "
    "Commission Committee Bank Fund Agency Court Union Republic State States Kingdom Government "
    "Airlines Airport Street University Institute Times Post News Group Inc Corp Ltd The Of And "
    "Mr Mrs Ms Dr Prof".split()
)
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_CALENDAR = "|".join(MONTHS + WEEKDAYS)
CALENDAR_WORD = re.compile(r"\b(?:" + _CALENDAR + r")\b")
DIGIT = re.compile(r"\d")
DATE = (
    r"(?P<date>(?:" + "|".join(MONTHS) + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(MONTHS) + r")(?:\s+\d{4})?"
    r"|" + "|".join(WEEKDAYS) + r"|\d{4})"
)
DATE_PHRASE = re.compile(r"\b(?P<prep>in|on|by|before|during|since|until|from)\s+" + DATE + r"\b")


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
        self.portfolio_offices = frozenset(data.get("portfolio_offices", ()))
        aliases: dict[str, str] = data.get("portfolio_aliases", {})
        self.portfolios = {p.lower(): aliases.get(p, p) for p in data.get("portfolios", ())}
        self.not_before_names = frozenset(data.get("not_before_names", ()))

    @cached_property
    def portfolio_before_rx(self) -> re.Pattern[str]:
        """A portfolio right before an office, in any case: "Health Minister", "health minister"."""
        return re.compile(r"(?<![\w'’-])(?P<portfolio>(?i:" + trie_alternation(self.portfolios) + r"))\s+$")

    @cached_property
    def _portfolio_opt(self) -> str:
        """An optional portfolio in lower case before an office, after a capitalised owner
        ("Borduria's health minister"); a capitalised one is read as part of the owner's name."""
        return r"(?:(?:" + trie_alternation({p for p in self.portfolios}) + r")\s+)?"

    @cached_property
    def portfolio_after_rx(self) -> re.Pattern[str]:
        """A portfolio after an office: "Minister of Finance", "Minister for Health"."""
        return re.compile(
            r"\s+(?:of|for)\s+(?:the\s+)?(?P<portfolio>(?i:" + trie_alternation(self.portfolios) + r"))(?![\w-])"
        )

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
    def own_office_rx(self) -> re.Pattern[str]:
        """ "As Attorney General, I ...", "From my time as Governor of Valdrex and a Senator, I
        ...": the speaker's own offices (one or two, joined by "and"), then the first person."""
        titles = trie_alternation(self.offices)

        def office(n: int) -> str:  # an organisation before it only when it is not an office's first word
            org = rf"(?:(?P<org{n}a>{_ORG})\s+)??"
            return rf"(?:an?\s+|the\s+)?{org}(?P<title{n}>(?i:{titles}))(?:\s+of\s+(?:the\s+)?(?P<org{n}b>{_ORG}))?"

        return re.compile(
            r"(?:(?<![\w-])my\s+time\s+as|(?:^|(?<=[.;:!?]\s))[Aa]s)\s+"
            + office(1)
            + r"(?:\s+and\s+"
            + office(2)
            + r")?,\s+I\b"
        )

    @cached_property
    def apposition_rx(self) -> re.Pattern[str]:
        """ "Mokgweetsi Masisi, the president of Botswana, ...": a name, then its office between
        commas, in any case, with the organisation before the office or after "of"."""
        titles = trie_alternation(self.offices)
        mods = "|".join(re.escape(m) for m in self.modifiers)
        return re.compile(
            r"(?P<name>" + self.name + r"),\s+(?:the\s+)?(?:(?P<mod>(?i:" + mods + r"))[\s-]*)?"
            r"(?:(?P<org1>" + _ORG + r")(?:'s|’s)?\s+)?" + self._portfolio_opt + r"(?P<title>(?i:" + titles + r"))"
            r"(?:\s+of\s+(?:the\s+)?(?P<org2>" + _ORG + r"))?(?:\s+(?:for|on|at)\s+[^,;:()]{1,60}?)?\s*,"
        )

    @cached_property
    def office_first_rx(self) -> re.Pattern[str]:
        """ "The World Food Program director for West Africa, Jane Doe, said": a definite office,
        in any case, then the name set off by commas."""
        titles = trie_alternation(self.offices)
        return re.compile(
            r"(?<![\w-])[Tt]he\s+(?:(?P<org1>"
            + _ORG
            + r")(?:'s|’s)?\s+|[a-z]+(?:'s|’s)\s+)?"  # ("the agency's director, Jane Doe, said": whose, unnamed)
            + self._portfolio_opt
            + r"(?P<title>(?i:"
            + titles
            + r"))"
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
            r"(?P<gap>(?:(?!\b(?:and|after|before|but|when|while)\b)[^.;:,\d]){0,60}?)\s(?:on|in)\s+" + DATE + r"\b"
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


def fact_claim(
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
