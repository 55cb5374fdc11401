"""The Lexicon: the compiled vocabulary the stages share (a frozen dataclass), and a unit's facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.lexicon.text import PhraseGuard


@dataclass(frozen=True)
class UnitInfo:
    symbol: str
    dimension: str
    factor: float  # to the dimension's canonical unit


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Compiled vocabulary shared by the extraction and normalization stages: built once by
    `load_lexicon`, never changed (the `compiled` and `memos` tables are caches stages fill)."""

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
    # a sentence without every word of one of the phrases these three patterns name has no
    # goal and no forecast in it: the claim rules test this before running the patterns
    goal_guard: PhraseGuard = PhraseGuard()
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
    number_word_guard: PhraseGuard = PhraseGuard()
    vague_guard: PhraseGuard = PhraseGuard()
    fraction_guard: PhraseGuard = PhraseGuard()
    multiplier_guard: PhraseGuard = PhraseGuard()
    month_re: re.Pattern[str] = field(default=re.compile("x^"))
    amount_filler_re: re.Pattern[str] = field(default=re.compile("x^"))

    def unit(self, symbol: str) -> UnitInfo | None:
        """The unit behind a quantity-layer symbol, or None for currencies and count nouns."""
        return self.units.get(symbol)
