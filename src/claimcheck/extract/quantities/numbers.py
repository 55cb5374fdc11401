"""Numbers as written: digits, words, glued letters, and the words around a number."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from claimcheck.extract.quantities.patterns import _FRACTION_TAIL, _MASK_PARTS, _NEXT_WORD, _POWER, _SCI, _VULGAR
from claimcheck.lexicon import Lexicon, finditer_from, phrase_key


@dataclass
class _Num:
    start: int
    end: int
    value: float
    step: float | None
    spelled: bool
    has_comma: bool
    words: int = 1  # number words in a spelled number ("one hundred and two": 3)


def _word_count(phrase: str) -> int:
    return len([t for t in re.split(r"[\s,&-]+", phrase) if t and t.lower() not in ("and", "a")])


def _mask_spans(text: str) -> tuple[list[int], list[int]]:
    """Sorted, non-overlapping spans to skip (as the single alternation found them)."""
    spans: list[tuple[int, int, int]] = []  # start, pattern number, end
    for n, (guard, rx, starts) in enumerate(_MASK_PARTS):
        if guard is None or guard.search(text):
            found = rx.finditer(text) if starts is None else finditer_from(rx, starts, text)
            spans.extend((m.start(), n, m.end()) for m in found)
    if len(spans) > 1:
        spans.sort()  # at one position the earlier pattern wins, as in one alternation
        merged = [spans[0]]
        for span in spans[1:]:
            if span[0] >= merged[-1][2]:  # a match inside an earlier one is not separate
                merged.append(span)
        spans = merged
    return [s for s, _, _ in spans], [e for _, _, e in spans]


def _masked(pos: int, starts: list[int], ends: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _tidy(x: float) -> float:
    """4.02 * 1e9 is 4019999999.9999995 in binary floating point: give back 4020000000.0."""
    return float(f"{x:.12g}")


_SEPARATORS = re.compile(r"[,\s\u202f\u2009]")  # thousands separators and spaces in a number
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def _parse_digits(s: str) -> tuple[float, float | None, bool]:
    """Value, step of the last stated digit, and whether thousands separators were used."""
    vulgar = _VULGAR.get(s[-1:], 0.0)
    if vulgar:
        s = s[:-1]
        if not s:
            return vulgar, None, False
    tail = _FRACTION_TAIL.search(s) if "/" in s else None  # (most numbers have no fraction)
    if tail and tail.start():  # "1,234 1/2", "5/2", "3x10^8/2": the fraction after any number _NUM reads
        head = _parse_digits(s[: tail.start()])[0]
        if tail.group(3):  # "5/2": the number over the denominator
            den = float(tail.group(3))
            return (head / den if den else 0.0), None, False
        num, den = float(tail.group(1)), float(tail.group(2))
        return head + (num / den if den else 0.0), None, False
    if "^" in s and (power := _POWER.fullmatch(s)):
        try:
            return float(f"{float(power.group(1)) ** int(power.group(2).replace('−', '-')):.12g}"), None, False
        except OverflowError:
            return math.inf, None, False
    sci = _SCI.fullmatch(s)
    if sci:
        base, exp = float(sci.group(2)), int(sci.group(3).replace("−", "-"))
        try:
            return float(f"{float(sci.group(1)) * base**exp:.12g}"), None, False
        except OverflowError:  # "1.5 x 10^400": beyond any float
            return math.inf, None, False
    if "e" in s.lower():
        return float(s.replace("−", "-")), None, False
    clean = _SEPARATORS.sub("", s)
    if not math.isfinite(float(clean)):
        return math.inf, None, False  # hundreds of digits: beyond any float
    decimals = len(clean.split(".")[1]) if "." in clean else 0
    zeros = len(clean) - len(clean.rstrip("0")) if not decimals else 0
    if zeros >= 2 and float(clean) >= 1000:
        # "126,000" is a round number: read it as stated to its last non-zero digit
        return float(clean) + vulgar, 10.0**zeros, "," in s or " " in s
    if vulgar:
        return float(clean) + vulgar, None, False
    return float(clean), 10.0**-decimals, "," in s or " " in s


_SCALE_WORDS = {"hundred": 100.0, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _glued_count_noun(n: _Num, letters: str, lex: Lexicon) -> bool:
    """Whether the letters glued to a number are the plural noun it counts, a space lost in
    typing ("7,897cases"): only after digits grouped by thousands separators, which no name
    or code has ("5G", "221B" stay names)."""
    return (
        n.has_comma
        and letters.islower()
        and len(letters) >= 4
        and letters.endswith("s")
        and not letters.endswith("ss")
        and letters not in lex.not_count
    )


def _currency_units(lex: Lexicon) -> frozenset[str]:
    """Every code the lexicon's currencies resolve to."""
    found = lex.compiled.get("currency units")
    if found is None:
        cur = lex.raw["units"]["currencies"]
        found = lex.compiled["currency units"] = frozenset(
            [*lex.currency_codes.values(), *lex.currency_names.values(), *cur.get("glued_minor", {}).values()]
        )
    return found  # type: ignore[no-any-return]


def _glued_currency(g: str, lex: Lexicon) -> tuple[float, str] | None:
    """A currency code glued after an amount ("115USD"), one with M for millions ("30MUSD",
    a house style of Nordic reports), or a minor unit's letter ("85p"): (scale, code)."""
    cur = lex.raw["units"]["currencies"]
    if g in lex.currency_codes and g.isupper():
        return 1.0, lex.currency_codes[g]
    if g[:1] == cur.get("million_prefix") and g[1:] in lex.currency_codes and g[1:].isupper():
        return 1e6, lex.currency_codes[g[1:]]
    if g in cur.get("glued_minor", {}):
        return 1.0, cur["glued_minor"][g]
    return None


def _spelled_value(phrase: str, lex: Lexicon) -> tuple[float, float] | None:
    """Value and step of a number in words: 'a hundred and two' -> (102, 1)."""
    w = phrase_key(phrase)
    if w in lex.number_words:
        return lex.number_words[w], 1.0
    words = [t for t in re.split(r"[\s,&-]+", w) if t and t != "and"]
    total, current, step, seen = 0.0, 0.0, 1.0, False
    for i, t in enumerate(words):
        if t == "a" and i + 1 < len(words):
            current = current or 0.0
            continue
        if t in ("hundred", "dozen"):
            current = (current or 1.0) * _SCALE_WORDS[t]
            step = _SCALE_WORDS[t] if not seen else step
        elif t in _SCALE_WORDS:
            total += (current or 1.0) * _SCALE_WORDS[t]
            current, step = 0.0, _SCALE_WORDS[t]
        elif t in lex.number_words:
            current += lex.number_words[t]
            seen, step = True, 1.0
        else:
            return None
    return total + current, step


_WORD_LIMIT = 64  # how far back _prev_word looks: "5-5-5-...-5" must not make a text quadratic


def _year_like(n: _Num) -> bool:
    """A whole number a year could be written as ("1990", not "1,990" or "1990.5")."""
    return not n.spelled and not n.has_comma and n.value == int(n.value) and 1000 <= n.value <= 2199


def _prev_word(text: str, pos: int) -> tuple[str, int]:
    """The word that ends right before `pos` (skipping spaces), and its start (a word longer
    than _WORD_LIMIT characters is cut to its last ones)."""
    j = pos
    stop = max(0, pos - _WORD_LIMIT)
    while j > stop and text[j - 1] in " \t":
        j -= 1
    i = j
    stop = max(0, j - _WORD_LIMIT)
    while i > stop and (text[i - 1].isalnum() or text[i - 1] in "'’.-"):
        i -= 1
    return text[i:j], i


def _next_words(text: str, pos: int, n: int = 2) -> list[tuple[str, int, int]]:
    out = []
    while len(out) < n:
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        out.append((m.group(1), m.start(1), m.end(1)))
        pos = m.end(1)
    return out


def _demonym_plurals(lex: Lexicon) -> frozenset[str]:
    """ "Palestinians", "Ukrainians", "Israelis": the plural of each nation's adjective in the
    entity data, which counts its people."""
    found = lex.compiled.get("demonym plurals")
    if found is None:
        adjectives = {a for e in lex.entities.get("entities", []) for a in e.get("adjectives", [])}
        found = lex.compiled["demonym plurals"] = frozenset(
            a + "s"
            for a in adjectives
            if a[-1:].isalpha() and a[-1] not in "sh" and not a.isupper() and not a.endswith("ese")
        )
    return found  # type: ignore[no-any-return]
