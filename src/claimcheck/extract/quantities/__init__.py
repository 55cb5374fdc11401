"""The quantity layer: every figure a text states, with value or range, unit, bound and offsets.

The layer reports what the text says: scale words are applied ("$800 million" is 800000000
USD) but units are not converted ("3.5 miles" stays 3.5 mi). Things that look like numbers
but are not quantities (years used as dates, dates, times, phone numbers, DOIs, versions,
product names, citation markers, list numbers, addresses, scores) are left out.

    >>> from claimcheck.lexicon import default_lexicon
    >>> [q.surface for q in extract_quantities("Exports rose 5% to $1.2bn in 2021.", default_lexicon())]
    ['5%', '$1.2bn']
"""

from __future__ import annotations

from claimcheck.extract.quantities.patterns import _ANY_NUMBER, _FOLD, _ONE_UNIT, _RUN_GUARD, _SCALE_FRACTION
from claimcheck.extract.quantities.scanner import _Scanner
from claimcheck.lexicon import Lexicon, may_match, recall, sentence_words
from claimcheck.model import Quantity


def extract_quantities(text: str, lex: Lexicon) -> list[Quantity]:
    """Every quantity `text` states, in order; offsets are into `text`."""
    return list(recall(lex, "quantities", text, lambda: _quantities(text, lex)))


def _quantities(text: str, lex: Lexicon) -> tuple[Quantity, ...]:
    words = sentence_words(lex, text)  # (the claim rules' cue tests ask for them again)
    if not _ANY_NUMBER.search(text) and not _has_spelled_amount(text, lex, words):
        return ()
    return tuple(_Scanner(text, lex, words).run())


def _has_spelled_amount(text: str, lex: Lexicon, words: frozenset[str]) -> bool:
    """Whether a text without digits may state an amount in words."""
    return bool(
        (may_match(lex.number_word_guard, words) and lex.number_word_re.search(text))
        or (may_match(lex.vague_guard, words) and lex.vague_re.search(text))
        or (may_match(lex.multiplier_guard, words) and lex.multiplier_re.search(text))
        or (may_match(lex.fraction_guard, words) and lex.fraction_re.search(text))
        or _ONE_UNIT.search(text)
        or ("fold" in text and _FOLD.search(text))
        or ("illion" in text and _SCALE_FRACTION.search(text))
        or not words.isdisjoint(_RUN_GUARD)
    )
