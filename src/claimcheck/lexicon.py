"""Lexicons: the data files under `claimcheck/data/`, loaded once and compiled.

A `Lexicon` is built by `load_lexicon()` and passed to the stages that read text; nothing
is flipped at run time. Users extend the vocabulary by editing (or pointing
`CLAIMCHECK_DATA` at a copy of) the JSON files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    return trie_alternation(words, flexible_space=True)


T = TypeVar("T")
MEMO_SIZE = 4096  # entries per memo table by default; a full table is emptied, so memory stays bounded


def recall(lex: Lexicon, table: str, key: Hashable, compute: Callable[[], T], size: int = MEMO_SIZE) -> T:
    """`compute()`, remembered under `key` in one of the lexicon's memo tables.

    For pure functions of one sentence (its quantities, its entity mentions): a corpus
    repeats sentences (wire copy, boilerplate, quotes) and the answer depends only on the
    text and the lexicon.
    Results are shared, so they must not be changed by callers."""
    memo = lex.memos.get(table)
    if memo is None:
        memo = lex.memos[table] = {}
    try:
        return memo[key]  # type: ignore[no-any-return]
    except KeyError:
        if len(memo) >= size:
            memo.clear()
        found = memo[key] = compute()
        return found


_LETTERS = re.compile(r"[^\W\d_]+")


# What Python's re.I matches with an ASCII letter besides its other case
_RE_I_ASCII = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})  # ı İ ſ K (kelvin)


def fold(text: str) -> str:
    """Lower case as re.I compares with ASCII: text that matched an ASCII phrase of a
    case-insensitive pattern ("MİLLİON", "mıllion") folds to exactly that phrase, so it
    can be looked up in the lexicon."""
    return text.translate(_RE_I_ASCII).lower()


def phrase_key(text: str) -> str:
    """How a phrase a case-insensitive lexicon pattern matched is looked up in the lexicon:
    folded as re.I compares, runs of whitespace as one space ("More  than" -> "more than")."""
    return " ".join(fold(text).split())


def words_of(text: str) -> frozenset[str]:
    """The runs of letters of a text, folded as re.I compares: what guards test."""
    return frozenset(_LETTERS.findall(fold(text)))


def phrase_guard(phrases: Iterable[str]) -> tuple[frozenset[str], ...]:
    """The words of each phrase, for `may_match`."""
    return tuple({words_of(p) for p in phrases})


def may_match(guard: tuple[frozenset[str], ...], words: frozenset[str]) -> bool:
    """Whether a text with these `words` can contain one of the guard's phrases.

    A case-insensitive pattern for a list of phrases, each bounded by non-letters, matches
    only text that has every word of one of them; most sentences have none, and a set test
    costs far less than running the pattern along the text. A phrase without letters
    always passes."""
    return any(g <= words for g in guard)


def finditer_from(rx: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)`, trying `rx` only where `starts` matches.

    Python's engine skips ahead quickly only for a pattern that begins with a literal or a
    character class; one that begins with a look-behind or a word boundary runs at every
    position of the text. When every match of `rx` begins with a character `starts` (a
    character class) matches, trying `rx.match` at those positions alone finds the same
    matches: `starts` jumps ahead in C. `rx` must not match the empty string."""
    pos = 0
    while (c := starts.search(text, pos)) is not None:
        m = rx.match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


def trie_alternation(words: Iterable[str], flexible_space: bool = False) -> str:
    """A regex matching exactly the literal `words`, longest first, as a prefix tree.

    Same matches as `"|".join(escaped words sorted longest first)`, but Python's regex engine
    tries a flat alternation's branches one by one at every position of the text; the tree
    shares prefixes, so a few hundred names cost a few character tests instead. With
    `flexible_space`, a space matches any run of whitespace.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [
            (r"\s+" if ch == " " and flexible_space else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if "" in node:  # a word ends here: the longer ones first (greedy), then this one
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie) if trie else "(?!)"


@dataclass(frozen=True)
class UnitInfo:
    symbol: str
    dimension: str
    factor: float  # to the dimension's canonical unit


@dataclass
class Lexicon:
    """Compiled vocabulary shared by the extraction and normalization stages."""

    raw: dict[str, Any]
    units: dict[str, UnitInfo] = field(default_factory=dict)  # symbol -> info
    unit_names: dict[str, str] = field(default_factory=dict)  # lower-case name -> symbol
    unit_names_cs: dict[str, str] = field(default_factory=dict)  # case-sensitive name -> symbol
    glued_units: dict[str, str] = field(default_factory=dict)  # units only glued to a number ("1.5C")
    canonical: dict[str, str] = field(default_factory=dict)  # dimension -> canonical symbol
    currency_symbols: dict[str, str] = field(default_factory=dict)
    currency_names: dict[str, str] = field(default_factory=dict)
    currency_codes: dict[str, str] = field(default_factory=dict)
    scale_words: dict[str, float] = field(default_factory=dict)
    scale_suffixes: dict[str, float] = field(default_factory=dict)
    per_units: dict[str, str] = field(default_factory=dict)
    qualifier_of: dict[str, str] = field(default_factory=dict)  # phrase -> qualifier
    rise: frozenset[str] = frozenset()
    fall: frozenset[str] = frozenset()
    rise_nouns: frozenset[str] = frozenset()
    fall_nouns: frozenset[str] = frozenset()
    multipliers: dict[str, float] = field(default_factory=dict)
    number_words: dict[str, float] = field(default_factory=dict)
    fractions: dict[str, float] = field(default_factory=dict)
    vague: dict[str, tuple[float, float]] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    weekdays: frozenset[str] = frozenset()
    plurals_without_s: frozenset[str] = frozenset()  # "people", "staff": counted, though singular in form
    after_base_year: frozenset[str] = frozenset()  # "1990 levels", "2021 dollars": a year, not a count
    labels: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()
    not_count: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    definite_determiners: frozenset[str] = frozenset()  # "the two countries": things named before
    age_words: frozenset[str] = frozenset()
    by_only: frozenset[str] = frozenset()
    phrasal_up: frozenset[str] = frozenset()
    height_words: frozenset[str] = frozenset()
    increment_words: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    forecast_re: re.Pattern[str] = field(default=re.compile("x^"))  # "Economists had expected" before a figure
    projection_re: re.Pattern[str] = field(default=re.compile("x^"))  # "The IMF forecasts growth of" before a figure
    level_verbs: frozenset[str] = frozenset()  # lead to a level, in no direction ("improved to")
    # what a sum of money is, by the verb before it ("saved $1 billion") or its noun ("a discount of")
    money_verbs: dict[str, str] = field(default_factory=dict)
    money_nouns: dict[str, str] = field(default_factory=dict)
    target_re: re.Pattern[str] = field(default=re.compile("x^"))  # "aims to cut ... by" before a figure
    target_nouns: frozenset[str] = frozenset()
    target_after_re: re.Pattern[str] = field(default=re.compile("x^"))  # "a 2% inflation target"
    headline_verbs: frozenset[str] = frozenset()  # "<Company> reports ..."
    result_verbs: frozenset[str] = frozenset()  # "recorded 7.6 percent growth"
    settlement_nouns: frozenset[str] = frozenset()  # "a country of 2.4 million people"
    study_parts: frozenset[str] = frozenset()  # "in the control group"
    abstract_noun_re: re.Pattern[str] = field(default=re.compile("x^"))  # "adherence", "mortality"
    forecast_verbs: frozenset[str] = frozenset()  # the verbs alone: without forecast_nouns
    forecast_nouns: frozenset[str] = frozenset()
    forecast_noun_as_verb: str = "(?!)"  # a lookahead: after a word of forecast_nouns, it is the verb
    reporting_verbs: frozenset[str] = frozenset()
    raising_words: frozenset[str] = frozenset()
    steady_verbs: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    estimate_verbs: frozenset[str] = frozenset()  # "Police estimated the crowd at 12,000"
    up_particle_verbs: frozenset[str] = frozenset()  # "revised up to 79,000": no "at most"
    count_synonyms: dict[str, str] = field(default_factory=dict)  # counted noun -> canonical noun
    designators: tuple[str, ...] = ()
    entities: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    furniture: dict[str, Any] = field(default_factory=dict)
    compiled: dict[str, Any] = field(default_factory=dict)  # patterns stages build once per lexicon
    memos: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False, compare=False)  # see `recall`
    facts: dict[str, Any] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)  # what a report of an event is about
    continuing_words: frozenset[str] = frozenset()  # no sentence ends with them ("to", "of")
    abbreviations: frozenset[str] = frozenset()
    # compiled patterns
    unit_re: re.Pattern[str] = field(default=re.compile("x^"))
    unit_cs_re: re.Pattern[str] = field(default=re.compile("x^"))
    currency_pre_re: re.Pattern[str] = field(default=re.compile("x^"))
    currency_at_re: re.Pattern[str] = field(default=re.compile("x^"))
    currency_post_re: re.Pattern[str] = field(default=re.compile("x^"))
    scale_word_re: re.Pattern[str] = field(default=re.compile("x^"))
    qualifier_re: re.Pattern[str] = field(default=re.compile("x^"))
    number_word_re: re.Pattern[str] = field(default=re.compile("x^"))
    vague_re: re.Pattern[str] = field(default=re.compile("x^"))
    fraction_re: re.Pattern[str] = field(default=re.compile("x^"))
    multiplier_re: re.Pattern[str] = field(default=re.compile("x^"))
    # the words each of the four patterns above needs (see may_match)
    number_word_guard: tuple[frozenset[str], ...] = ()
    vague_guard: tuple[frozenset[str], ...] = ()
    fraction_guard: tuple[frozenset[str], ...] = ()
    multiplier_guard: tuple[frozenset[str], ...] = ()
    month_re: re.Pattern[str] = field(default=re.compile("x^"))
    amount_filler_re: re.Pattern[str] = field(default=re.compile("x^"))

    def unit(self, symbol: str) -> UnitInfo | None:
        """The unit behind a quantity-layer symbol, or None for currencies and count nouns."""
        return self.units.get(symbol)


def _read(directory: Path | None, name: str) -> dict[str, Any]:
    if directory is not None:
        return json.loads((directory / name).read_text(encoding="utf-8"))
    return json.loads(resources.files("claimcheck.data").joinpath(name).read_text("utf-8"))


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Load and compile every data file (from `directory`, or the package's own data)."""
    d = Path(directory) if directory else None
    units = _read(d, "units.json")
    lang = _read(d, "language.json")
    lex = Lexicon(raw={"units": units, "language": lang})
    lex.canonical = dict(units["canonical"])
    cs = set(units.get("case_sensitive", []))
    for u in units["units"]:
        lex.units[u["symbol"]] = UnitInfo(u["symbol"], u["dimension"], float(u["factor"]))
        for name in u["names"]:
            if name in cs:
                lex.unit_names_cs[name] = u["symbol"]
            else:
                lex.unit_names[name.lower()] = u["symbol"]
    lex.glued_units = dict(units.get("glued", {}))
    cur = units["currencies"]
    lex.currency_symbols = dict(cur["symbols"])
    lex.currency_names = {k.lower(): v for k, v in cur["names"].items()}
    lex.currency_codes = {c: cur.get("code_aliases", {}).get(c, c) for c in cur["codes"]}
    lex.scale_words = {k.lower(): float(v) for k, v in units["scales"]["words"].items()}
    lex.scale_words.setdefault("hundred", 100.0)
    lex.scale_suffixes = {k: float(v) for k, v in units["scales"]["suffixes"].items()}
    lex.per_units = {k.lower(): v for k, v in units.get("per_units", {}).items()}
    for qual, phrases in lang["qualifiers"].items():
        for p in phrases:
            lex.qualifier_of[p.lower()] = qual
    lex.rise = frozenset(lang["rise_verbs"])
    lex.fall = frozenset(lang["fall_verbs"])
    lex.rise_nouns = frozenset(lang["rise_nouns"])
    lex.fall_nouns = frozenset(lang["fall_nouns"])
    lex.multipliers = {k: float(v) for k, v in lang["multipliers"].items()}
    lex.number_words = {k: float(v) for k, v in lang["numbers"].items()}
    lex.fractions = {k: float(v) for k, v in lang["fractions"].items()}
    lex.vague = {k: (float(a), float(b)) for k, (a, b) in lang["vague"].items()}
    lex.months = dict(lang["months"])
    lex.weekdays = frozenset(lang["weekdays"])
    lex.labels = frozenset(w.rstrip(".") for w in lang["label_words_before_numbers"])
    lex.streets = frozenset(w.rstrip(".") for w in lang["street_words"])
    lex.not_count = frozenset(lang["not_count_nouns"])
    lex.plurals_without_s = frozenset(lang["plurals_without_s"])
    lex.after_base_year = frozenset(lang["after_a_base_year"])
    lex.age_words = frozenset(lang.get("age_words", []))
    lex.by_only = frozenset(lang.get("by_only_verbs", []))
    lex.phrasal_up = frozenset(lang.get("phrasal_before_up", []))
    lex.height_words = frozenset(lang.get("height_words", []))
    lex.increment_words = frozenset(lang.get("increment_words", []))
    lex.speaker_nouns = frozenset(lang.get("speaker_nouns", []))
    lex.forecast_re = re.compile(
        r"\b(?:"
        + _alternation(sorted(lex.speaker_nouns))
        + r")\b[^.;!?]{0,80}?\bhad\s+(?:been\s+)?(?:"
        + _alternation(lang.get("expectation_verbs", []))
        + r")\b[^.;!?]*$",
        re.I,
    )
    lex.level_verbs = frozenset(lang.get("level_verbs", []))
    lex.money_verbs = dict(lang.get("money_words", {}).get("verbs", {}))
    lex.money_nouns = dict(lang.get("money_words", {}).get("nouns", {}))
    # "aims to cut emissions by 55% by 2030", "a binding target of 42.5%", "its 2% target": a goal
    lex.target_nouns = frozenset(lang.get("target_nouns", []))
    target_nouns = _alternation(sorted(lex.target_nouns))
    lex.target_re = re.compile(
        r"\b(?:(?:"
        + _alternation(sorted(lang.get("target_verbs", [])))
        + r")\s+to|(?:"
        + _alternation(sorted(lang.get("targeting_verbs", [])))
        + r")|(?:"
        + target_nouns
        + r")\s+(?:of|for|to|at|is|was|remains))\s[^.;:!?\d,]{0,80}$",
        re.I,
    )
    lex.target_after_re = re.compile(  # "the Bank's 2% target", "the 95% needed to prevent outbreaks"
        r"\s+(?:(?:[a-z-]+\s+){0,2}(?:"
        + target_nouns
        + r")|(?:"
        + _alternation(sorted(lang.get("threshold_words", [])))
        + r"))\b",
        re.I,
    )
    lex.headline_verbs = frozenset(lang.get("headline_verbs", []))
    lex.result_verbs = frozenset(lang.get("result_verbs", []))
    lex.settlement_nouns = frozenset(lang.get("settlement_nouns", []))
    lex.study_parts = frozenset(lang.get("study_parts", []))
    # (an ending in a word of at least 9 letters: "Florence" and "Lawrence" are names)
    lex.abstract_noun_re = re.compile(r"(?=.{9}).*(?:" + _alternation(lang.get("abstract_noun_endings", [])) + ")$")
    lex.forecast_nouns = frozenset(lang.get("forecast_nouns", []))
    lex.forecast_verbs = frozenset(lang.get("forecast_verbs", [])) - lex.forecast_nouns
    # after a word that is a noun too ("forecasts", "projects"), what makes it the verb: "that"
    # and a noun phrase, or a measure and "of"/"to" ("forecasts growth of"), not a verb of
    # its own ("Construction projects fell to", "projects that opened")
    verbs_after = _alternation(sorted(lex.rise | lex.fall | {"is", "are", "was", "were", "has", "have", "had"}))
    lex.forecast_noun_as_verb = (
        r"(?=\s+(?:that\s+(?:the|an?|its|their|(?-i:[A-Z]))|(?!(?:" + verbs_after + r")\b)[a-z]+\s+(?:of|to|at)\b))"
    )
    # up to the figure: no other figure and no comma ("forecasts growth of 3.2% in 2025 after
    # 2.8% in 2024"; "Tesla, which expects slower growth, delivered 1.8 million"), and not in
    # a relative clause ("Farmers who expect rain planted ...")
    lex.projection_re = re.compile(
        r"(?<!\bwhich\s)(?<!\bwho\s)(?<!\bthat\s)\b(?:(?:"
        + _alternation(sorted(lex.forecast_verbs))
        + r")|(?:"
        + _alternation(sorted(lex.forecast_nouns))
        + lex.forecast_noun_as_verb
        + r")|(?:is|are|was|were|be|been|being)\s+(?:"
        + _alternation(lang.get("forecast_participles", []))
        + r")\s+to)\s[^.;:!?\d,]{0,100}$",
        re.I,
    )
    lex.reporting_verbs = frozenset(lang.get("reporting_verbs", []))
    lex.raising_words = frozenset(lang.get("raising_words", []))
    lex.steady_verbs = frozenset(lang.get("steady_verbs", []))
    lex.determiners = frozenset(lang.get("determiners", []))
    lex.definite_determiners = frozenset(lang.get("definite_determiners", []))
    lex.speech_verbs = frozenset(lang.get("speech_verbs", []))
    lex.estimate_verbs = frozenset(lang.get("estimate_verbs", []))
    lex.up_particle_verbs = frozenset(lang.get("up_particle_verbs", []))
    lex.count_synonyms = {k.lower(): v for k, v in units.get("count_synonyms", {}).items()}
    lex.entities = _read(d, "entities.json")
    lex.metrics = _read(d, "metrics.json")
    lex.furniture = _read(d, "furniture.json")
    lex.facts = _read(d, "facts.json")
    lex.events = _read(d, "events.json")
    lex.continuing_words = frozenset(lang.get("continuing_words", ()))
    # longest first, so "Ltd." is removed whole rather than leaving a full stop
    lex.designators = tuple(sorted(lex.entities.get("designators", []), key=len, reverse=True))
    lex.abbreviations = frozenset(a.lower() for a in lex.furniture.get("abbreviations", []))

    # Units follow a number after optional space or a hyphen ("3485-kilometer").
    end = r"(?![A-Za-z²³])"
    lex.unit_re = re.compile(r"[ \t]*-?[ \t]*(" + _alternation(list(lex.unit_names)) + ")" + end, re.I)
    lex.unit_cs_re = re.compile(r"[ \t]*-?[ \t]*(" + _alternation(list(lex.unit_names_cs)) + ")" + end)
    sym = _alternation(list(lex.currency_symbols))
    codes = _alternation(list(lex.currency_codes))
    # "$5bn", "US$ 5.7 billion" (a space is house style at some agencies), "USD 5bn"
    currency = r"(?:(" + sym + r")[ \t\u00a0\u202f]?|\b(" + codes + r")[ \t]?)"
    lex.currency_pre_re = re.compile(currency + "$")  # right before a number
    lex.currency_at_re = re.compile(currency + r"(?=\d)")  # where a number follows
    lex.currency_post_re = re.compile(
        r"[ \t]+(" + _alternation(list(cur["names"])) + "|" + codes + r")(?![A-Za-z])", re.I
    )
    lex.scale_word_re = re.compile(r"[ \t]*-?[ \t]*(" + _alternation(list(lex.scale_words)) + r")\b", re.I)
    lex.qualifier_re = re.compile(r"(?:^|(?<=[\s(]))(" + _alternation(list(lex.qualifier_of)) + r")\s*$", re.I)
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    simple = [w for w in lex.number_words if " " in w or w not in tens.split("|")]
    token = r"(?:(?:" + tens + r")(?:[- ](?:" + ones + r"))?|" + _alternation(simple) + ")"
    scale = r"(?:hundred|thousand|million|billion|trillion|dozen)"
    # "a hundred and two", "three million, two hundred & forty", "twenty-five"
    lex.number_word_re = re.compile(
        r"\b" + token + r"(?:(?:\s+(?:and\s+|&\s+)?|\s*&\s*|,\s+)(?:" + token + "|" + scale + r"))*\b", re.I
    )
    lex.vague_re = re.compile(r"\b(" + _alternation(list(lex.vague)) + r")\s", re.I)
    lex.fraction_re = re.compile(r"\b(" + _alternation(list(lex.fractions)) + r")\s+of\b", re.I)
    lex.multiplier_re = re.compile(r"\b(" + _alternation(list(lex.multipliers)) + r")\b", re.I)
    lex.number_word_guard = phrase_guard([*tens.split("|"), *simple])  # a match begins with one of them
    lex.vague_guard = phrase_guard(lex.vague)
    lex.fraction_guard = phrase_guard(lex.fractions)
    lex.multiplier_guard = phrase_guard(lex.multipliers)
    lex.amount_filler_re = re.compile(r"(?:^|\s)(?:" + _alternation(lang.get("amount_fillers", [])) + r")\s*$", re.I)
    lex.month_re = re.compile(r"\b(" + _alternation([m.title() for m in lex.months]) + r")\.?(?![a-z])")
    return lex


@cache
def default_lexicon() -> Lexicon:
    """The package's own lexicon, loaded once per process."""
    return load_lexicon()
