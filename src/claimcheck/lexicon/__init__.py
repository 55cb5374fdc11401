"""Lexicons: the data files under `claimcheck/data/`, loaded once and compiled.

A `Lexicon` is built by `load_lexicon()` and passed to the stages that read text; nothing
is flipped at run time. Users extend the vocabulary by editing (or pointing
`CLAIMCHECK_DATA` at a copy of) the JSON files.
"""

from claimcheck.lexicon.loading import KEYS, REQUIRED, LexiconError, default_lexicon, load_lexicon, read_checked
from claimcheck.lexicon.text import (
    MEMO_SIZE,
    PhraseGuard,
    finditer_from,
    fold,
    may_match,
    phrase_guard,
    phrase_key,
    recall,
    sentence_words,
    trie_alternation,
    words_of,
)
from claimcheck.lexicon.types import Lexicon, UnitInfo

__all__ = [
    "KEYS",
    "MEMO_SIZE",
    "PhraseGuard",
    "REQUIRED",
    "Lexicon",
    "LexiconError",
    "UnitInfo",
    "default_lexicon",
    "finditer_from",
    "fold",
    "load_lexicon",
    "may_match",
    "phrase_guard",
    "phrase_key",
    "read_checked",
    "recall",
    "sentence_words",
    "trie_alternation",
    "words_of",
]
