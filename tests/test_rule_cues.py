"""Cue words before patterns: a claim rule skips its patterns when the sentence lacks the words
every match of them holds, so a pattern that matches must find its cue words there."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.lexicon import Lexicon, default_lexicon, may_match, words_of
from tests.conftest import load_cases

_TEXTS = [c["text"] for name in ("claims_golden.json", "quantities_golden.json") for c in load_cases(name)]
_WORDS = ["Valdrex", "The", "the", "its", "Bank", "aims", "AIMS", "to", "cut", "target", "Target", "of", "is",
          "expected", "EXPECTED", "had", "HAD", "economists", "Analysts", "been", "forecasts", "outlook", "growth",
          "compared", "with", "expectations", "ESTIMATES", "consensus", "beat", "improved", "IMPROVED", "by",
          "peak", "Peaks", "in", "needed", "was", "projected", "seen", "pledged", "about", "nearly", ",", ".",
          "12%", "3.5", "$40", "million", "people", "ſeen", "eſtimates", "aıms"]  # fmt: skip


def _patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str], object]]:
    from claimcheck.extract.claim_rules import _FORECAST_OF, _FORECAST_OF_WORDS, _peak_guard, _peak_of
    from claimcheck.extract.figure_rules import _CONSENSUS, _CONSENSUS_WORDS
    from claimcheck.model import Quantity

    _peak_of("the peak of 5", Quantity(5.0, None, None, "", "5", 12, 13), _Ctx(lex))  # (compiles its pattern)
    goal = lambda w: may_match(lex.goal_guard, w) or not w.isdisjoint(_FORECAST_OF_WORDS)  # noqa: E731
    return [
        ("target", lex.target_re, goal),
        ("target after", lex.target_after_re, goal),  # (matched at a figure's end: see _check)
        ("projection", lex.projection_re, goal),
        ("forecast of", _FORECAST_OF, goal),
        ("expected", lex.forecast_re, lambda w: "had" in w),
        ("consensus", _CONSENSUS, lambda w: not w.isdisjoint(_CONSENSUS_WORDS)),
        ("peak", lex.compiled["peak nouns"], lambda w: may_match(_peak_guard(lex), w)),
    ]


class _Ctx:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex


def _check(text: str, lex: Lexicon) -> int:
    from claimcheck.extract.figure_rules import _VERB_BY

    words, matched = words_of(text), 0
    for end in range(len(text) + 1):  # the rules search a window that ends at a figure
        for name, rx, cue in _patterns(lex):
            if rx.match(text, end) if name == "target after" else rx.search(text, 0, end):
                matched += 1
                assert cue(words), (name, text)
        by = _VERB_BY.search(text, 0, end)
        if by and by.group(1).lower() in lex.level_verbs:
            matched += 1
            assert not lex.level_verbs.isdisjoint(words), text
    return matched


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=9).map(" ".join))
def test_rule_patterns_never_match_without_their_cue_words(text: str) -> None:
    _check(text, default_lexicon())


@pytest.mark.slow
def test_rule_patterns_find_their_cue_words_in_the_golden_sentences(lex) -> None:
    matched = sum(_check(text, lex) for text in _TEXTS if len(text) < 400)
    assert matched > 20  # the golden sentences do exercise the patterns


@pytest.mark.parametrize(
    "text",
    [
        "Valdrex aims to cut output by 12% by 2030.",
        "The Bank's 3.5% target was met.",
        "Analysts had expected growth of 3.5%.",
        "Output of $40 million, compared with expectations of $38 million.",
        "The deficit improved by 12 points.",
        "Peaks in the number of cases reached 12,000 in Borduria.",
    ],
)
def test_the_examples_hold_their_cue_words(text: str, lex) -> None:
    assert _check(text, lex) > 0
