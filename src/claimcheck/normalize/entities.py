"""Entities: find mentions of countries and organisations and resolve them to one name.

Names, aliases and demonyms come from `data/entities.json`. A capitalized name that the
lexicon does not know still counts as an entity when it owns something ("Glencore's
output"), so subjects are not limited to a fixed list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from claimcheck.lexicon import Lexicon, recall, trie_alternation

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)(?![A-Za-z])")
_LONGER_NAME = re.compile(r" (?:of )?[A-Z][a-z]+(?! (?:[A-Z]|'s))")
# a compass point or "New" before a place's name makes another place (the lexicon names the
# ones it knows whole: "South Africa", "New Zealand" are matched before this is asked)
_PLACE_PREFIXES = frozenset(
    "New North South East West Northern Southern Eastern Western Upper Lower Central Greater Latin".split()
)


def _before_word(text: str, end: int) -> str:
    """The word that ends at `end` (a space follows it)."""
    return text[text.rfind(" ", max(0, end - 12), end) + 1 : end]


_COUNT_THEN_PARTICIPLE = re.compile(r"\S+\s+[A-Z][a-z]+ed\b")
_NAME_RX = re.compile(r"(?:(?:The|the)\s+)?((?:[A-Z][\w&.'’-]*\s+(?:(?:of|for|and|de|on)\s+)?){0,5}[A-Z][\w&.'’-]*)")
_UNKNOWN_POSSESSOR = re.compile(r"\b((?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*?)(?:'s|’s|(?<=s)'|(?<=s)’)(?![A-Za-z])")


_LEADING_THE = re.compile(r"^the\s+", re.I)
# a relative clause or an apposition after a name that opens a sentence: "Norvik Pacific, the
# Oslo-based shipper, posted ...", "The Botswana Democratic Party, which has governed ..."
_RELATIVE_AFTER = re.compile(r",\s+(?:which|who|whose)\s")
_APPOSITIVE_AFTER = re.compile(r",\s+(?:the|a|an|one\s+of)\s")


def _after_name_clause(name: str, rest: str, openers: frozenset[str]) -> bool:
    """Whether `rest` opens a relative clause, or an apposition after a name ("Norvik Pacific,
    the shipper", "Valdrex, an inhaler used for asthma"); a sentence adverb is no name and
    its comma opens no apposition ("However, the economy ...", "Separately, a ...")."""
    if _RELATIVE_AFTER.match(rest):
        return True
    if not _APPOSITIVE_AFTER.match(rest):
        return False
    return " " in name or not (name.lower() in openers or name.endswith("ly"))


# what follows a participle opening a sentence ("Sharing a ...", "Leveraging its ..."), not a
# name's verb ("Boeing delivered ...")
_PARTICIPLE_OBJECT = re.compile(r"\s+(?:a|an|the|its|their|his|her|our|this|these|those|more|about|on|in|with)\b")


# a sentence opening with a preposition opens with no name ("Under President X, ...", "Since 2020, ...")
OPENING_PREPOSITIONS = frozenset(
    "In According During By On At Between From Over Some About Under With For After Before Since Through Thanks"
    " Among Across Without Despite Unlike Like Beyond Amid Following Given Including Excluding Regarding"
    " Considering Notwithstanding".split()
)


# an opening phrase to its comma before a capital (a date's own comma within: "Since May 1, 2031, X")
_PHRASE_COMMA = re.compile(r"[^;:.]{1,60}?,\s+(?=[A-Z])")


@dataclass(frozen=True)
class Mention:
    """An entity named in a text: where, which, and how (name, possessive or adjective)."""

    start: int
    end: int  # end of the name itself, before any possessive ending
    name: str
    form: str  # name | possessive | adjective
    known: bool = True


class EntityIndex:
    """Compiled alias table: text in, mentions of canonical entities out."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.canonical: dict[str, str] = {}
        self.adjective: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.world = frozenset(w.lower() for w in lex.entities.get("world", []))
        self._time_openers = frozenset(lex.raw["language"].get("time_openers", ()))  # "Last year, X sold"
        self._scope_words = frozenset(lex.metrics.get("scope_words", []))
        self._openers = frozenset(lex.raw["language"].get("sentence_adverbs", ()))
        # groups of countries ("bloc": true in the data): places of figures, never what a
        # document as a whole is about
        self.blocs = frozenset(e["name"] for e in lex.entities["entities"] if e.get("bloc"))
        for e in lex.entities["entities"]:
            name = e["name"]
            self.kind[name] = e.get("kind", "other")
            for alias in [name, *e.get("aliases", [])]:
                self.canonical[alias] = name
            for adj in e.get("adjectives", []):
                self.adjective[adj] = name

    @cached_property
    def _rx(self) -> re.Pattern[str]:
        alt = trie_alternation(set(self.canonical) | set(self.adjective))
        # "U.S." ends in a full stop, so the right edge is "not a letter", not \b
        return re.compile(r"(?<![\w.])(?:the\s+)?(" + alt + r")(?![\w-]|\.\w)")

    def resolve(self, name: str) -> str:
        """The canonical name for an alias or demonym; unknown names come back tidied."""
        n = _LEADING_THE.sub("", name.strip())
        n = _POSSESSIVE.sub("", n)
        return self.canonical.get(n) or self.adjective.get(n) or self._undesignated(n)

    def _undesignated(self, name: str) -> str:
        """'Yellowstone National Park' -> 'Yellowstone': a name without the class word that
        ends it, so the long and the short form of one name are one entity."""
        for d in self.lex.designators:
            if name.endswith(" " + d):
                core = name[: -len(d) - 1].rstrip(" ,")
                if core and core[0].isupper():
                    return self.canonical.get(core) or core
        return name

    def mentions(self, text: str) -> list[Mention]:
        """Known entities in `text`, then unknown capitalized possessors, in order."""
        # the claim layer asks about the same phrases many times: remember recent answers (in
        # the lexicon's memo: an index is built from its lexicon alone)
        return list(recall(self.lex, "mentions", text, lambda: tuple(self._mentions(text))))

    def known_mentions(self, text: str) -> list[Mention]:
        """The lexicon's entities named in `text`, in order (what `mentions` starts from;
        a whole document's places are counted with this alone)."""
        return list(self.iter_known_mentions(text))

    def iter_known_mentions(self, text: str) -> Iterator[Mention]:
        """known_mentions one at a time: a whole document's can be counted without a list."""
        for m in self._rx.finditer(text):
            alias = m.group(1)
            after = text[m.end(1) : m.end(1) + 3]
            if _LONGER_NAME.match(text, m.end(1)) and not _POSSESSIVE.match(after):
                continue  # part of a longer name: "Amazon River", "Ethiopian Renaissance Dam"
            if text[m.start(1) - 1 : m.start(1)] == " " and _before_word(text, m.start(1) - 1) in _PLACE_PREFIXES:
                continue  # another place: "New Mexico", "Northern Ireland", "West Africa"
            if after[:1] == "$":
                continue  # a currency symbol: "US$ 5.7 billion", "A$3m"
            if alias in self.canonical:
                name = self.canonical[alias]
                form = "possessive" if _POSSESSIVE.match(after) else "name"
                # "U.S.-backed", adjectives like "US" before a noun still name the country
            else:
                name = self.adjective[alias]
                form = "adjective"
            yield Mention(m.start(1), m.end(1), name, form)

    def _mentions(self, text: str) -> list[Mention]:
        out = self.known_mentions(text)
        known_spans = [(x.start, x.end) for x in out]
        for m in _UNKNOWN_POSSESSOR.finditer(text):
            s, e = m.start(1), m.end(1)
            words = m.group(1).split()
            while words and (words[0] in ("The", "A", "An", "As", "And") or words[0] in OPENING_PREPOSITIONS):
                s += len(words[0]) + 1
                words = words[1:]
            if not words or any(a < e and s < b for a, b in known_spans):
                continue
            sentence_start = s == 0 or text[:s].rstrip().endswith((".", "!", "?"))
            if sentence_start and len(words) == 1 and words[0].lower() in self.lex.not_count:
                continue  # "The's", "This's": a capital from the sentence start, not a name
            out.append(Mention(s, e, self._undesignated(" ".join(words)), "possessive", known=False))
        out.sort(key=lambda x: x.start)
        return out

    def leading_name(self, text: str) -> str | None:
        """The proper name a sentence opens with ("The Three Gorges Dam has ..."), if any."""
        m = _NAME_RX.match(text)
        if not m:
            return None
        name = m.group(1).strip()
        rest = text[m.end() :]
        if self._opener(name.split()[0]) and (comma := _PHRASE_COMMA.match(text)):
            # "Under President X, Halvorsen Foods has ...", "Since May 1, 2031, Carecover has ...",
            # "Last year, Valdrex Motors sold ..."
            return self.leading_name(text[comma.end() :])
        if (
            not (re.match(r"\s+[a-z]", rest) or _after_name_clause(name, rest, self._openers))
            or name.split()[0].lower() in self.lex.not_count
            or name.split()[0].lower() in self.lex.speaker_nouns  # "Analysts at X estimate ..."
            or name.split()[0].lower() in self.lex.qualifier_of  # "Nearly half of ...", "About 40% ..."
            or (" " not in name and set(name.lower().split("-")) <= self.lex.number_words.keys())
            # "Two years later", "Twenty-two species"
            # a headline's "Eleven Listed as Missing", "Three Killed in ..." (not "Three Gorges Dam")
            or (_COUNT_THEN_PARTICIPLE.match(name) is not None and name.split()[0].lower() in self.lex.number_words)
            or name.split()[0].lower() in self._scope_words  # "Global CO2 emissions rose ..."
            or name.split()[0] in OPENING_PREPOSITIONS
            or (
                " " not in name
                and name.endswith("ing")
                and self.resolve(name) not in self.kind  # (Beijing, Boeing)
                and _PARTICIPLE_OBJECT.match(rest)  # "Sharing a border"
            )
        ):
            return None
        if name.endswith("s") and name[:-1] in self.adjective:
            return self.adjective[name[:-1]]  # "Americans pay ...": the country's people
        return self.resolve(name)

    def _opener(self, word: str) -> bool:
        """Whether a sentence's first word opens a phrase before its subject: a preposition, or a
        word of time ("Last year,", "Earlier this month,", "Tuesday,", "March 3,")."""
        low = word.lower()
        return (
            word in OPENING_PREPOSITIONS
            or low in self._time_openers
            or low in self.lex.months
            or low in self.lex.weekdays
        )

    def is_place(self, name: str) -> bool:
        return self.kind.get(name) == "country"
