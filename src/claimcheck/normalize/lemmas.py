"""Dictionary forms of English words, from simplemma's packaged English data (no download):
'injuries' -> 'injury', 'costs' -> 'cost', 'killed' -> 'kill'. Used wherever two wordings
of one thing must meet (a measure's name, a label's counted noun)."""

from __future__ import annotations

from functools import lru_cache

import simplemma


@lru_cache(maxsize=1 << 15)
def lemma(word: str) -> str:
    """The dictionary form of `word`, lower case; a possessive's 's goes ('seniors'' -> 'senior')."""
    word = word.lower().removesuffix("'s").removesuffix("’s").rstrip("'’")
    return simplemma.lemmatize(word, lang="en").lower() if word else word


def is_plural_noun(word: str, plurals_without_s: frozenset[str] = frozenset()) -> bool:
    """'buildings', 'people' (from the lexicon's plurals without s); not 'glass', 'was', 'news'."""
    w = word.lower()
    if w in plurals_without_s:
        return True
    return w.endswith("s") and not w.endswith("ss") and len(w) > 3 and lemma(w) != w


@lru_cache(maxsize=1 << 12)
def is_word(word: str) -> bool:
    """Whether simplemma's English dictionary knows `word` ("well", "known"; not "produc")."""
    return bool(simplemma.is_known(word.lower(), lang="en"))
