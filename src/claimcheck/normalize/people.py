"""People's names: decide whether two spellings name the same person, and why.

    >>> match_names("Anthony Blinken", "Antony Blinken").reason
    'anthony~antony (92)'
    >>> match_names("L. Oyun-Erdene", "Oyun-Erdene Luvsannamsrai").reason
    'initial L.=luvsannamsrai'

rapidfuzz gives the similarity of tokens; the rules on top are ours: every full token of
the shorter name must match a distinct token of the longer one (>= FUZZY_MIN; exactly, when
the shorter is one name alone: "Austin" is not "Anutin Charnvirakul"), each initial
must match the first letter of a remaining token, and at least one matched token must be a
real word of four letters or more.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

FUZZY_MIN = 80.0  # transliterations: Sergey ~ Sergei is 83
_GENERATIONS = frozenset(["jr", "sr", "ii", "iii", "iv"])


@dataclass(frozen=True)
class NameMatch:
    score: float  # 0-100
    reason: str


def _tokens(name: str) -> tuple[list[str], list[str]]:
    """(full tokens, initials), accent-folded and lower-cased."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    full, initials = [], []
    for t in re.sub(r"(?:'s|’s)\b", "", name).split():
        bare = t.strip(".,").lower()
        if not bare:
            continue
        if len(bare) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", t.lower()):
            initials.extend(c for c in bare if c.isalpha())
        else:
            full.append(bare)
    return full, initials


def match_names(a: str, b: str) -> NameMatch | None:
    """A match with its score and reason when `a` and `b` can name one person, else None."""
    fa, ia = _tokens(a)
    fb, ib = _tokens(b)
    if (fa, ia) == (fb, ib):
        return NameMatch(100.0, "same name")
    short, s_init, long_, l_init = (fa, ia, fb, ib) if len(fa) <= len(fb) else (fb, ib, fa, ia)
    if not short:
        return None
    if len(short) >= 2 and set(fa) & _GENERATIONS != set(fb) & _GENERATIONS:
        return None  # "Robert F. Kennedy" and "Robert F. Kennedy Jr.": father and son
    used: set[int] = set()
    reasons: list[str] = []
    scores: list[float] = []
    for tok in short:
        best, best_i = 0.0, -1
        for i, other in enumerate(long_):
            if i in used:
                continue
            r = 100.0 if tok == other else fuzz.ratio(tok, other)
            if r > best:
                best, best_i = r, i
        if best < FUZZY_MIN or (best < 100 and len(short) == 1 and not s_init):
            return None  # (a lone name spelled otherwise is another name: "Austin" is not "Anutin")
        used.add(best_i)
        scores.append(best)
        if best < 100:
            reasons.append(f"{tok}~{long_[best_i]} ({best:.0f})")
    if not any(len(long_[i]) >= 4 for i in used):
        return None
    for letter in s_init:
        free = [i for i, t in enumerate(long_) if i not in used and t[0] == letter]
        if free:
            used.add(free[0])
            reasons.append(f"initial {letter.upper()}.={long_[free[0]]}")
        elif letter not in l_init:
            return None
    if len(short) == 1 and not s_init and len(long_) > 1:
        reasons.append("one name only")
        scores.append(70.0)
    return NameMatch(min(scores), "; ".join(reasons) or "same tokens")


def preferred(names: Iterable[str]) -> str:
    """The name to show for a person: most full tokens, no initials, then the first given."""
    names = list(names)
    return max(names, key=lambda n: (len(_tokens(n)[0]), -len(_tokens(n)[1]), -names.index(n)))


@dataclass(frozen=True)
class Resolution:
    name: str  # the canonical name to store
    matched: str | None  # the known name it was merged with
    match: NameMatch | None


def resolve_name(name: str, known: Iterable[str], never: frozenset[tuple[str, str]] = frozenset()) -> Resolution:
    """Resolve `name` against known canonical names; merge only with a single candidate."""
    candidates = []
    for k in known:
        if (name, k) in never or (k, name) in never:
            continue
        m = match_names(name, k)
        if m is not None:
            candidates.append((m.score, k, m))
    if len(candidates) != 1:
        exact = [c for c in candidates if c[1] == name]
        if not exact:
            return Resolution(name, None, None)
        candidates = exact
    _, k, m = candidates[0]
    return Resolution(k, k, m)
