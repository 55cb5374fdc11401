"""Matching lexicon phrases in text: regex alternations as prefix trees, case folding as re.I does, word guards, memo tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from claimcheck.lexicon.types import Lexicon


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    return trie_alternation(words, flexible_space=True)


T = TypeVar("T")
MEMO_SIZE = 4096  # entries per generation of a memo table by default, so memory stays bounded
_MISSING = object()


class _Memo(dict):  # type: ignore[type-arg]
    """A memo table in two generations: the entries of this one (the dict itself) and of the
    one before. When this one is full it becomes the older one and a new one starts; an
    entry found in the older one moves to the new one. Emptying a full table at once forgot
    the sentences a corpus repeats all the time (wire copy, boilerplate) as often as the rest;
    now what was asked for in the last two generations stays."""

    __slots__ = ("older",)

    def __init__(self) -> None:
        super().__init__()
        self.older: dict[Any, Any] = {}


def recall(lex: Lexicon, table: str, key: Hashable, compute: Callable[[], T], size: int = MEMO_SIZE) -> T:
    """`compute()`, remembered under `key` in one of the lexicon's memo tables.

    For pure functions of one sentence (its quantities, its entity mentions): a corpus
    repeats sentences (wire copy, boilerplate, quotes) and the answer depends only on the
    text and the lexicon. A table holds at most `2 * size` entries (see `_Memo`).
    Results are shared, so they must not be changed by callers."""
    memo = lex.memos.get(table)
    if memo is None:
        memo = lex.memos[table] = _Memo()
    try:
        return memo[key]  # type: ignore[no-any-return]
    except KeyError:
        pass
    found = memo.older.get(key, _MISSING)
    if found is _MISSING:
        found = compute()
    if len(memo) >= size:
        memo.older = dict(memo)
        memo.clear()
    memo[key] = found
    return found  # type: ignore[no-any-return]


_LETTERS = re.compile(r"[^\W\d_]+")


# What Python's re.I matches with an ASCII letter besides its other case
_RE_I_ASCII = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})  # ı İ ſ K (kelvin)


def fold(text: str) -> str:
    """Lower case as re.I compares with ASCII: text that matched an ASCII phrase of a
    case-insensitive pattern ("MİLLİON", "mıllion") folds to exactly that phrase, so it
    can be looked up in the lexicon."""
    # (the table maps non-ASCII characters only; isascii() is a flag Python keeps on every str)
    return text.lower() if text.isascii() else text.translate(_RE_I_ASCII).lower()


def phrase_key(text: str) -> str:
    """How a phrase a case-insensitive lexicon pattern matched is looked up in the lexicon:
    folded as re.I compares, runs of whitespace as one space ("More  than" -> "more than")."""
    return " ".join(fold(text).split())


def words_of(text: str) -> frozenset[str]:
    """The runs of letters of a text, folded as re.I compares: what guards test."""
    return frozenset(_LETTERS.findall(fold(text)))


SENTENCE_WORDS_MEMO = 256  # a sentence's rules ask one after the other: a short memory is enough


def sentence_words(lex: Lexicon, text: str) -> frozenset[str]:
    """`words_of(text)`, found once for a sentence whatever number of rules test it."""
    return recall(lex, "sentence words", text, lambda: words_of(text), size=SENTENCE_WORDS_MEMO)


@dataclass(frozen=True)
class PhraseGuard:
    """The words of each of a list of phrases, for `may_match`: the one-word phrases as one
    set (a single C-level `isdisjoint` test), the longer ones each as its own set."""

    single: frozenset[str] = frozenset()
    several: tuple[frozenset[str], ...] = ()
    anchors: frozenset[str] = frozenset()  # the longest word of each longer phrase: one must be there
    always: bool = False  # a phrase without letters: every text may hold it


def phrase_guard(phrases: Iterable[str]) -> PhraseGuard:
    """The words of each phrase, for `may_match`."""
    sets = {words_of(p) for p in phrases}
    return PhraseGuard(
        single=frozenset(w for g in sets if len(g) == 1 for w in g),
        several=tuple(sorted((g for g in sets if len(g) > 1), key=sorted)),
        anchors=frozenset(max(sorted(g), key=len) for g in sets if len(g) > 1),
        always=frozenset() in sets,
    )


def may_match(guard: PhraseGuard, words: frozenset[str]) -> bool:
    """Whether a text with these `words` can contain one of the guard's phrases.

    A case-insensitive pattern for a list of phrases, each bounded by non-letters, matches
    only text that has every word of one of them; most sentences have none, and a set test
    costs far less than running the pattern along the text. A phrase without letters
    always passes."""
    if guard.always or not guard.single.isdisjoint(words):
        return True
    return not guard.anchors.isdisjoint(words) and any(g <= words for g in guard.several)


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
