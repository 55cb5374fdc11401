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

import bisect
import math
import re
from dataclasses import dataclass

from claimcheck.lexicon import (
    Lexicon,
    finditer_from,
    fold,
    may_match,
    phrase_guard,
    phrase_key,
    recall,
    trie_alternation,
    words_of,
)
from claimcheck.model import Quantity, evolve

_NUM = re.compile(
    r"(?<![\w])(?:"
    r"\d+(?:\.\d+)?[eE][-+−]?\d+(?![\w])"  # 4e14, 9.83e-3
    r"|\d+(?:\.\d+)?\s?[×x*]\s?10\^?[-−]?\d+"  # 2.48×10−5, 3 x 10^8
    r"|\d+\s?[×x*]\s?2\^\d+"  # 8x2^10
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])(?:\.\d+)?"  # 12,34,567: lakhs, grouped the Indian way
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 4,710
    r"|\d{1,3}(?:[ \u202f\u2009]\d{3})+(?:\.\d+)?(?![\d,])"  # 10 000, 1 234 567.89 (space as separator)
    r"|\d+(?:\.\d+)?(?:\^[-+−]?\d+(?![\d.]))?|\.\d+"  # (1.1^23, 2.5^-1: a power)
    r")(?:\s{1,2}\d+/\d+|/\d+(?![\d/]))?[½⅓⅔¼¾⅕⅛]?"
    r"|(?<![\w])[½⅓⅔¼¾⅕⅛]"
)
_NUM_START = re.compile(r"[\d.½⅓⅔¼¾⅕⅛]")  # what every match of _NUM begins with
_ANY_NUMBER = re.compile(r"[\d½⅓⅔¼¾⅕⅛]")
_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
# the fraction _NUM allows after a number: " 1/2" (a mixed number) or "/2"
_FRACTION_TAIL = re.compile(r"(?:\s{1,2}(\d+)/(\d+)|/(\d+))$")
_POWER = re.compile(r"(\d+(?:\.\d+)?)\^([-+−]?\d+)")
_SCI = re.compile(r"(\d+(?:\.\d+)?)\s?[×x*]\s?(10|2)\^?([-−]?\d+)")
# Spans whose digits are not quantities. Each pattern has a cheap literal test: most text has
# no URL, DOI or ISBN, and a flat alternation would try every branch at every position.
_MASK_PARTS: list[tuple[re.Pattern[str] | None, re.Pattern[str], re.Pattern[str] | None]] = [
    (re.compile(r"://|www\.|@"), re.compile(r"https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.]+"), None),  # URLs
    (re.compile(r"10\.\d"), re.compile(r"\bdoi:?\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/[^\s,;]+"), None),  # DOIs
    (re.compile(r"ISBN"), re.compile(r"\bISBN(?:-1[03])?:?\s*[\dXx][\d\s-]{8,16}[\dXx]"), None),  # ISBNs
    (
        None,
        re.compile(
            "|".join(
                [
                    r"\b\d{4}-\d{1,2}-\d{1,2}(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b",  # dates
                    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[aApP]\.?[mM]\.?)?",  # times
                    r"\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.m\.|\b\d{1,2}(?:[.:]\d{2})?\s*[ap]m\b|\b\d{1,2}\s+o'clock",
                    r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}",  # phone numbers
                    r"\(\d{3}\)\s*\d{3}[\s.-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b",
                    r"\b0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}\b",  # national phone numbers: 0800 123 4567
                    r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]",  # citation markers [3], [1, 4]
                    r"\^\{[^}]*\}|\^\d+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+",  # superscripts, affiliation markers
                    r"\bv?\d+\.\d+\.\d+(?:\.\d+)*\b|\bv\d+(?:\.\d+)*\b",  # version numbers
                    r"\b(?:1[5-9]\d\d|20\d\d|21\d\d)\s*[-–/]\s*(?:1[5-9]\d\d|20\d\d|21\d\d|\d\d)\b(?!\s*%)",
                ]
            )
        ),
        re.compile(r"[\d+(\[^¹²³⁴⁵⁶⁷⁸⁹⁰v]"),  # what each of these begins with: tried only there
    ),
]
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_RANGE_SEP = re.compile(r"[ \t]*(?:(-|–|—|~)[ \t]*(?:to[ \t]+)?|[ \t]+(to|and|through|thru)[ \t]+)")
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z](?:[A-Za-z-]*[A-Za-z])?)")
_FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
_FRACTION = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(" + "|".join(_FRACTION_WORDS) + r")\b", re.I
)
# "ranged from X to Y" states a range; a plain "from X to Y" states two levels
_RANGE_VERB = re.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spann(?:ed|ing)|spans?)\s+from\s+(?:\S+\s+){0,2}$"
)
_FRACTION_GUARD = phrase_guard(_FRACTION_WORDS)  # _FRACTION needs one of them
_ONE_UNIT = re.compile(r"\b([Aa]n?)\s+([A-Za-z]{3,}(?:\s[a-z]{3,})?)\b(?=\s+of\b|[\s,.;!?]*$|\s+is\b)")
_AND_OR = re.compile(r"[ \t]+(?:and|or)[ \t]+")
_AND_JOIN = re.compile(r"[ \t]+and[ \t]+")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b")
# "and a quarter", "and two thirds" after a scale word (not before another: "and a half million")
_AND_FRACTION = re.compile(
    r"[ \t]+and[ \t]+(an?|one|two|three|four|five|six|seven|eight|nine)[ \t-]+"
    r"(halfs?|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    r"(?![ \t]+(?:thousand|million|billion|trillion)\b)",
    re.I,
)
_PER = re.compile(r"[ \t]*(?:/[ \t]*|per[ \t]+|an?[ \t]+)([A-Za-z][A-Za-z^-]*\d?)")
_N_IN_M_PARTS = (
    r"\b(one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+",
    r"\s+(?:every\s+)?(two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b",
)
_N_IN_M = re.compile(_N_IN_M_PARTS[0] + r"(?:in|out\s+of)" + _N_IN_M_PARTS[1] + r"(?=\s+(?:[a-z]|of\b))", re.I)
# "out of" a number and nothing after: "one out of three." ("1 in 3." may be a score or a rank)
_N_OUT_OF_END = re.compile(_N_IN_M_PARTS[0] + r"out\s+of" + _N_IN_M_PARTS[1] + r"(?=\s*(?:[.,;!?]|$))", re.I)
_N_IN_M_GUARD = phrase_guard(["in", "out of"])
# "(confirmed) Ebola cases", "Medicare Part D drugs": a name of one to three words (the first
# capitalised, not all capitals) between a count and the lower-case plural noun it counts
_NAMED_KIND = re.compile(
    r"[ \t]+(?:([a-z]+)[ \t]+)?[A-Z][a-z][\w'’-]*(?:[ \t]+(?:[A-Z][a-z][\w'’-]*|[A-Z])){0,2}[ \t]+([a-z][a-z-]*[a-z])\b"
)
_OF_TOTAL = re.compile(
    r"[ \t]+of[ \t]+(?:the|its|their|all)[ \t]+[\d,.]+[ \t]+(?:[a-z][a-z-]*[ \t]+)?([a-z][a-z-]*s)\b"
)
_RELATIVE_END = re.compile(r"(?:%|\bper\s*cent|\bpercent|\bpoints?|\bpp)$", re.I)
_FILLER_END = re.compile(r"\b((?:an?|the)\s+(?:[a-z]+\s+){0,3}of)\s*$", re.I)
_PLUS_OR = re.compile(r"\bplus\s+or\s+$", re.I)
_TIME_AGO = re.compile(r"[ \t]+(?:earlier|ago|before|later|previously)\b")
_INCH = re.compile(r"[ \t]+in\b(?=[ \t]*(?:[.,;:)!?]|$)|[ \t]+(?:thick|long|wide|tall|high|deep|across|in diameter))")
_LETTERS = re.compile(r"[A-Za-z²³]+(?:\^\d)?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_OF_A_POINT = re.compile(r"\s+(?:of\s+)?a\s+(?:percentage\s+)?point\b", re.I)
_FREQUENCIES = frozenset(["daily", "weekly", "monthly", "annual"])
_BASE_YEAR_BEFORE = frozenset(
    ["in", "at", "of", "below", "above", "from", "to", "than", "constant", "real", "on", "with"]
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:\S+\s+){0,2}$")
_CLAUSE_BREAK = re.compile(r"[;:.()!?\n]")  # (not a comma: "revised the toll upward, from 41 to 47")
# a number hyphened to a noun no unit names, before another noun: a compound adjective
_COMPOUND_ADJECTIVE = re.compile(r"-[a-z]+(?:-[a-z]+)?[ \t]+[a-z]")
_SCALE_FRACTION = re.compile(
    r"\b((?:an?|one|two|three)[ \t-]+(?:half|halves|thirds?|quarters?)|half|quarter)"
    r"[ \t]+(?:of[ \t]+)?(?:an?[ \t]+)?(million|billion|trillion)\b",
    re.I,
)
_RUN_GUARD = frozenset(["row", "running", "trot", "consecutive", "straight", "successive"])  # what _runs needs
_POINT_DIGIT = re.compile(r"point[ \t]+(?i:zero|oh|nought|naught|one|two|three|four|five|six|seven|eight|nine)\b")
# what a ratio's "over" is followed by, found fast (the pattern begins with a literal)
_OVER_NUMBER = re.compile(r"over[ \t]+(?:\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred))")
_OF_OR_END = re.compile(r"[ \t]+of\b|[ \t]*(?:[.,;:!?)]|$)")
_FOLD = re.compile(r"\b[A-Za-z]+fold\b")
_CENTS = re.compile(r"\s+cents?\b", re.I)
# a currency symbol after the amount ("-15€", "500 €", "100元"), unless it opens the next one ("10 $ 30")
_SYMBOLS = frozenset("€£¥₹₩₽$元")
_SYMBOL_AFTER = re.compile(r"[ \t]?([€£¥₹₩₽$元])(?![ \t]?\.?\d)")
_GLUED_CODE = re.compile(r"[A-Z][A-Zs]\d|[A-Z]{3}\d")  # "GBP40m", "RM5.20", "Rs500": where to look
_AMOUNT_AFTER_CODE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CODE_BEFORE = re.compile(r"(?<![A-Za-z])M?([A-Z]{3}|RM|Rs)$")  # "GBP40m", "RM5.20": a code glued before
_MILLION_CODE = re.compile(r"[ \t]+M([A-Z]{3})\b")  # "120 MEUR": millions of euros, in reports
_AMOUNT_BEFORE = re.compile(r"\d[\d,.]*\s*(?:[A-Za-z]+\s*){0,2}$")
_DAY_BEFORE = re.compile(r"\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?,?\s+$")
_YEAR_PREPS = frozenset(
    [
        "in",
        "since",
        "during",
        "by",
        "until",
        "till",
        "from",
        "of",
        "to",
        "between",
        "and",
        "before",
        "after",
        "fiscal",
        "fy",
        "year",
        "years",
        "early",
        "late",
        "mid",
        "circa",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "through",
        "the",
        "as",
        "end",
        "start",
        # possessives and determiners before a year: "its 2023 financial year"
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "last",
        "next",
        "every",
        "each",
    ]
)
_SENTENCE_WORDS = frozenset(
    [
        "the",
        "in",
        "about",
        "over",
        "some",
        "nearly",
        "only",
        "just",
        "another",
        "of",
        "all",
        "by",
        "to",
        "from",
        "with",
        "and",
        "but",
        "around",
        "roughly",
        "almost",
        "between",
        "under",
        "up",
        "at",
        "since",
        "during",
        "for",
        "on",
        "until",
        "after",
        "before",
        "those",
        "these",
        "last",
        "next",
        "this",
        "that",
        "every",
        "each",
        "approximately",
        "exactly",
        "precisely",
        "more",
        "less",
        "fewer",
        "total",
        "overall",
        "a",
        "an",
        "its",
        "their",
        "our",
        "his",
        "her",
        "it",
        "they",
        "we",
        "he",
        "she",
        "there",
        "here",
        "when",
        "while",
        "as",
        "so",
    ]
)
# kinds listed before the plural noun a count counts: "confirmed, probable, and suspected cases"
_LISTED_KINDS = re.compile(r"[ \t]+[a-z-]+(?:,[ \t]+[a-z-]+)*,?[ \t]+(?:and|or)[ \t]+[a-z-]+[ \t]+([a-z]+s)\b")
_ADJ_SKIP = frozenset(
    [
        "new",
        "more",
        "additional",
        "other",
        "major",
        "small",
        "large",
        "big",
        "local",
        "foreign",
        "extra",
        "full-time",
        "part-time",
        "young",
        "old",
        "skilled",
        "registered",
        "active",
        "confirmed",
        "daily",
        "weekly",
        "monthly",
        "annual",
    ]
)


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


class _Scanner:
    """Finds quantities in one text; a new scanner per text keeps the state local."""

    def __init__(self, text: str, lex: Lexicon, words: frozenset[str]) -> None:
        self.text = text
        self.lex = lex
        self.words = words  # words_of(text), for the phrase guards
        self.mask_starts, self.mask_ends = _mask_spans(text)

    # -- candidates ---------------------------------------------------------------------
    def numbers(self) -> list[_Num]:
        text, lex = self.text, self.lex
        found: list[_Num] = []
        for m in finditer_from(_NUM, _NUM_START, text):
            value, step, comma = _parse_digits(m.group())
            if not math.isfinite(value):
                continue  # hundreds of digits, or 10^400: no quantity anyone states, and no float
            found.append(_Num(m.start(), m.end(), value, step, False, comma))
        for c in _GLUED_CODE.finditer(text):  # _NUM wants no letter before a number
            if (m := _AMOUNT_AFTER_CODE.match(text, c.end() - 1)) and (value := _parse_digits(m.group()))[0] < math.inf:
                found.append(_Num(m.start(), m.end(), value[0], value[1], False, value[2]))
        for m in lex.number_word_re.finditer(text) if may_match(lex.number_word_guard, self.words) else ():
            parsed = _spelled_value(m.group(), lex)
            if parsed is not None and math.isfinite(parsed[0]):  # ("hundred" 155 times: no float)
                found.append(_Num(m.start(), m.end(), parsed[0], parsed[1], True, False, words=_word_count(m.group())))
        found.sort(key=lambda n: (n.start, -n.end))
        return found

    def run(self) -> list[Quantity]:
        out: list[Quantity] = []
        taken = 0
        specials = self._scale_fractions() + self._specials() + self._folds() + self._runs()
        specials += self._word_fractions() + self._ratios()
        nums = self.numbers()
        events: list[tuple[int, int, object]] = [(q.start, 0, q) for q in specials]
        events += [(n.start, 1, n) for n in nums]
        events.sort(key=lambda e: (e[0], e[1]))
        for start, _, item in events:
            if start < taken or _masked(start, self.mask_starts, self.mask_ends):
                continue
            if isinstance(item, Quantity):
                out.append(item)
                taken = item.end
                continue
            built, end = self.build(item)  # type: ignore[arg-type]
            taken = max(taken, end)
            out.extend(built)
        out.sort(key=lambda q: q.start)
        for rule in _FOUND_RULES:
            out = rule(out, self.text, self.lex)
        # a finite number times its scale can still overflow ("1e308 billion")
        return [q for q in out if all(x is None or math.isfinite(x) for x in (q.value, q.low, q.high))]

    def _specials(self) -> list[Quantity]:
        """Vague amounts, fractions and multipliers: quantities without digits."""
        text, lex, words = self.text, self.lex, self.words
        out: list[Quantity] = []
        for m in lex.vague_re.finditer(text) if may_match(lex.vague_guard, words) else ():
            low, high = lex.vague[phrase_key(m.group(1))]
            unit, end = self._unit_or_noun(m.end(1), scaled=True, allow_count=True)
            out.append(
                Quantity(None, low, high, unit, text[m.start(1) : end], m.start(1), end, vague=True, spelled=True)
            )
        for m in lex.fraction_re.finditer(text) if may_match(lex.fraction_guard, words) else ():
            before, _ = _prev_word(text, m.start())
            if before.lower() in {"first", "second", "latter", "former", "last", "other"}:
                continue
            v = lex.fractions[phrase_key(m.group(1))]
            if point := self._of_a_point(v, m.start(1), m.end(1)):
                out.append(point)
                continue
            out.append(Quantity(v, None, None, "", m.group(1), m.start(1), m.end(1), spelled=True, fraction=True))
        n_in_m = [*_N_IN_M.finditer(text)] if may_match(_N_IN_M_GUARD, words) else []
        n_in_m += _N_OUT_OF_END.finditer(text) if "out of" in text else ()
        for m in n_in_m:  # "one in five children", "one out of three."
            a, b = (int(x) if x.isdigit() else lex.number_words.get(fold(x)) for x in (m.group(1), m.group(2)))
            if a and b and a < b:
                out.append(Quantity(a / b, None, None, "", m.group(), m.start(), m.end(), spelled=True, fraction=True))
        for m in _FRACTION.finditer(text) if may_match(_FRACTION_GUARD, words) else ():
            num = fold(m.group(1))
            numerator = 1.0 if num in ("a", "an") else lex.number_words.get(num, 1.0)
            if num in ("a", "an") and text[m.end() : m.end() + 3] != " of" and not lex.unit_re.match(text, m.end()):
                continue  # "a quarter" alone is usually a period ("in the first quarter")
            v = numerator / _FRACTION_WORDS[fold(m.group(2))]
            if point := self._of_a_point(v, m.start(), m.end()):
                out.append(point)
                continue
            unit, end = self._unit_or_noun(m.end(), scaled=False, allow_count=False)
            frac = not unit and text[m.end() : m.end() + 3] == " of"
            out.append(
                Quantity(v, None, None, unit, text[m.start() : end], m.start(), end, spelled=True, fraction=frac)
            )
        for m in _ONE_UNIT.finditer(text):
            unit = lex.unit_names.get(m.group(2).lower()) or lex.unit_names_cs.get(m.group(2), "")
            info = lex.units.get(unit)
            if info is None or info.dimension in ("duration", "multiple", "percent", "points"):
                continue  # "a year ago", "a day later": idioms, not amounts
            out.append(Quantity(1.0, None, None, unit, m.group(), m.start(), m.end(), spelled=True))
        for m in lex.multiplier_re.finditer(text) if may_match(lex.multiplier_guard, words) else ():
            if text[m.end() : m.end() + 1] == "-":
                continue
            v = lex.multipliers[fold(m.group(1))]
            direction = "up" if v > 1 else "down"
            out.append(
                Quantity(v, None, None, "x", m.group(1), m.start(1), m.end(1), direction=direction, spelled=True)
            )
        return out

    def _scale_fractions(self) -> list[Quantity]:
        """A fraction of a scale word: "half a million people" (500,000 people), "a quarter
        of a billion dollars", "two-thirds of a million"."""
        text = self.text
        if "illion" not in text or not ("alf" in text or "uarter" in text or "hird" in text):
            return []
        out = []
        for m in _SCALE_FRACTION.finditer(text):
            said = phrase_key(m.group(1).replace("-", " "))
            share = self.lex.fractions.get(said) or self.lex.fractions.get(f"a {said}")  # ("quarter million")
            if share is None:
                continue
            value = share * self.lex.scale_words[m.group(2).lower()]
            money = self.lex.currency_post_re.match(self.text, m.end())
            name = re.sub(r"\s+", " ", money.group(1)) if money else ""
            code = self.lex.currency_codes.get(name) or self.lex.currency_names.get(name.lower())
            if money and code:
                unit, end = code, money.end()  # "a quarter of a billion dollars", "half a billion USD"
            else:
                unit, end = self._unit_or_noun(m.end(), scaled=True, allow_count=True)
            qual, _ = self._qualifier(m.start())
            surface = self.text[m.start() : end]
            out.append(Quantity(value, None, None, unit, surface, m.start(), end, qual, spelled=True))
        return out

    def _runs(self) -> list[Quantity]:
        """An ordinal that counts a run: "the third year in a row", "a fifth straight month"
        are 3 years and 5 months; "for the second consecutive time" 2 times."""
        rx = self.lex.compiled.get("runs")
        if rx is None:
            lang = self.lex.raw["language"]
            ordinals = trie_alternation(lang.get("counting_ordinals", {}))
            run = lang.get("run_words", {})
            rx = self.lex.compiled["runs"] = re.compile(
                r"\b("
                + ordinals
                + r"|\d{1,2}(?:nd|rd|th))[ \t]+(?:("
                + trie_alternation(run.get("before", []))
                + r")[ \t]+)?([a-z]+?)(s?)\b(?(2)|[ \t]+(?:"
                + trie_alternation(run.get("after", []), flexible_space=True)
                + r")\b)",
                re.I,
            )
        if self.words.isdisjoint(_RUN_GUARD):
            return []
        out = []
        ordinals = self.lex.raw["language"].get("counting_ordinals", {})
        for m in rx.finditer(self.text):  # type: ignore[attr-defined]
            word, noun = m.group(1).lower(), m.group(3).lower()
            value = ordinals.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
            if value is None or m.group(4):
                continue  # ("the third years": not a run)
            unit = self.lex.unit_names.get(noun + "s") or noun + "s"
            unit = unit if unit in self.lex.units and self.lex.units[unit].dimension == "duration" else noun + "s"
            # (vague: a quantity, but no claim; the streak is said of another figure, "rose for
            # a fifth straight month", not a measure of its own)
            out.append(Quantity(float(value), None, None, unit, m.group(), m.start(), m.end(), vague=True, step=1.0))
        return out

    def _word_fractions(self) -> list[Quantity]:
        """Fractions in words beyond the lexicon's list ("three fifths", "twenty-three
        hundredths", "two and fifty-four hundredths", "five and a quarter", "a trillionth.")
        and decimals said with "point" ("five point five")."""
        text, lex = self.text, self.lex
        fraction_rx, point_rx, dens, digits = _word_fraction_patterns(lex)
        out = []
        fractions = () if self.words.isdisjoint(_word_fraction_guard(lex)) else fraction_rx.finditer(text)
        for m in fractions:
            num_word, den_word = m.group("num").lower(), m.group("den").lower()
            whole = _spelled_value(m.group("whole"), lex) if m.group("whole") else None
            article = num_word in ("a", "an")
            closed = _OF_OR_END.match(text, m.end())
            last = m.group("whole").rsplit(None, 1)[-1].lower() if whole else ""
            per = (
                _SCALE_WORDS.get(last, 1.0) if last not in ("hundred", "dozen") else 1.0
            )  # "six million and two thirds"
            if (article and whole is None and not closed) or (per == 1.0 and whole and den_word.startswith("hal")):
                continue  # ("a third term"; "two and a half years" is the number's own reading)
            num = 1.0 if article else (_spelled_value(m.group("num"), lex) or (None,))[0]
            den = _denominator(den_word, dens, lex)
            if num is None or not den or (m.group("pl") and num == 1 and whole is None):
                continue
            value = (whole[0] if whole else 0.0) + per * num / den
            share = whole is None and closed is not None and closed.group().strip() == "of"
            unit, end = ("", m.end()) if share else self._unit_or_noun(m.end(), False, whole is not None)
            surface = text[m.start() : end]  # ("five and a quarter hours": hours; "a fifth of": a share)
            out.append(Quantity(value, None, None, unit, surface, m.start(), end, spelled=True, fraction=share))
        points = point_rx.finditer(text) if "point" in self.words and _POINT_DIGIT.search(text) else ()
        for m in points:
            whole = _spelled_value(m.group(1), lex)
            if whole is None:
                continue
            places = "".join(str(digits[w.lower()]) for w in m.group(2).split())
            unit, end = self._unit_or_noun(m.end(), scaled=False, allow_count=True)
            value = whole[0] + float("0." + places)
            step = 10.0 ** -len(places)
            out.append(
                Quantity(value, None, None, unit, text[m.start() : end], m.start(), end, step=step, spelled=True)
            )
        return [self._signed(q) for q in out]

    def _ratios(self) -> list[Quantity]:
        """A ratio said with "over" and nothing after it: "one over three", "1 over 20." (but
        "$2000 over 3 years" is two figures)."""
        if "over" not in self.words or not _OVER_NUMBER.search(self.text):
            return []
        rx = self.lex.compiled.get("ratios")
        if rx is None:
            side = r"(?:" + self.lex.number_word_re.pattern + r"|\d+(?:\.\d+)?)"
            rx = self.lex.compiled["ratios"] = re.compile(
                r"(?<![\w.$€£])(" + side + r")[ \t]+over[ \t]+(" + side + r")(?=[ \t]*(?:[.,;!?]|$))", re.I
            )
        out = []
        for m in rx.finditer(self.text):  # type: ignore[attr-defined]
            a, b = (self._number_at(m.start(g)) for g in (1, 2))
            if a is not None and b is not None and b.value and b.end == m.end(2) and a.end == m.end(1):
                out.append(self._signed(Quantity(a.value / b.value, None, None, "", m.group(), m.start(), m.end())))
        return out

    def _signed(self, q: Quantity) -> Quantity:
        """`q` negative when "minus" or "negative" comes just before it."""
        word, wstart = _prev_word(self.text, q.start)
        if word.lower() not in ("minus", "negative") or q.value is None:
            return q
        return evolve(q, value=-q.value, surface=self.text[wstart : q.end], start=wstart)

    def _folds(self) -> list[Quantity]:
        """ "fivefold", "tenfold": a multiple in one word, changing the way the words around
        it say ("grew fivefold", "a tenfold rise")."""
        if "fold" not in self.text:
            return []
        folds = self.lex.raw["language"].get("fold_words", {})
        out = []
        for m in _FOLD.finditer(self.text):
            v = folds.get(m.group().lower())
            if v is not None:
                direction = self._direction(m.start(), m.end())
                out.append(
                    Quantity(
                        float(v), None, None, "x", m.group(), m.start(), m.end(), direction=direction, spelled=True
                    )
                )
        return out

    def _amount_before(self, pos: int) -> bool:
        """Whether an amount with its unit ends right before `pos` ("1.2 billion pesos ("), so
        that a bracketed amount after it restates it ("($20.7 million)"), not a loss."""
        amount = _AMOUNT_BEFORE.search(self.text, max(0, pos - 40), pos)
        if amount is None:
            return False
        lex = self.lex
        words = [w.lower() for w in _ASCII_WORD.findall(amount.group())]
        return bool(words) and all(
            w in lex.currency_names or w in lex.scale_words or w in lex.unit_names for w in words
        )

    def _of_a_point(self, v: float, start: int, end: int) -> Quantity | None:
        """ "a quarter of a percentage point", "half a point": a fraction of a point, in points."""
        point = _OF_A_POINT.match(self.text, end)
        if point is None:
            return None
        direction = self._direction(self._qualifier(start)[1], point.end())
        return Quantity(v, None, None, "pp", self.text[start : point.end()], start, point.end(), direction=direction)

    # -- one number -------------------------------------------------------------------
    def build(self, n: _Num) -> tuple[list[Quantity], int]:
        """Quantities starting at number `n`, and where the scan may continue."""
        text, lex = self.text, self.lex
        start = n.start
        if not n.spelled and not self._left_ok(n):
            return [], n.end
        if classed := self._scale_class(n):
            return [classed], n.end  # "a Category 4 hurricane": a class on a scale
        negative = False
        if start > 0 and text[start - 1] in "-−" and (start < 2 or text[start - 2] in " \t\n([$€£¥<>="):
            negative = True
            start -= 1
        cur, start = self._currency_before(start)
        if (
            cur
            and not negative
            and start > 0
            and text[start - 1] in "-−"
            and (start < 2 or text[start - 2] in " \t\n(")
        ):
            negative, start = True, start - 1  # "-$9.927 billion", "−NOK 1.2 billion": a deficit
        if not negative:
            word, wstart = _prev_word(text, start)
            if word.lower() in ("minus", "negative") and not _PLUS_OR.search(text, max(0, wstart - 10), wstart):
                negative = True  # (but "plus or minus 0.12C" is a margin)
                start = wstart
        pos = n.end
        scale, unit, pos, skip = self._glued(n, pos, cur)
        if skip:
            return [], pos
        if unit and not cur and unit in _currency_units(lex):
            cur = unit  # "115USD", "85p"
        half = _AND_A_HALF.match(text, pos)
        if half:
            n.value += 0.5 * _last_scale(n, text)  # "one million and a half": 1.5 million
            pos = half.end()
        elif (
            _last_scale(n, text) > 1.0 and (part := _AND_FRACTION.match(text, pos)) and (share := _share_of(part, lex))
        ):
            n.value += share * _last_scale(n, text)  # "five billion and three quarters"
            pos = part.end()
        if scale == 1.0:
            m = lex.scale_word_re.match(text, pos)
            if m:
                scale = lex.scale_words[fold(m.group(1))]
                pos = m.end()
                if not half and (part := _AND_FRACTION.match(text, pos)) and (share := _share_of(part, lex)):
                    n.value, pos = n.value + share, part.end()  # "3 million and a half", "and a quarter"
                elif scale in (100.0, 1000.0) and (rest := self._and_rest(pos, scale)):
                    n.value, pos = n.value + rest[0] / scale, rest[1]  # "3 hundred and 21": 321
        if not cur and text[pos : pos + 2].lstrip(" \t")[:1] in _SYMBOLS and (after := _SYMBOL_AFTER.match(text, pos)):
            cur, pos = lex.currency_symbols.get(after.group(1)), after.end()  # "-15€", "10 €"
        # a range: "10-20%", "between 10 and 20 percent", "8 to 12 million", "from 4.8 to 4.7"
        second: tuple[_Num, float, int] | None = None
        second_start = 0
        split_from = False
        if not unit and not cur:
            u_peek, p_peek, _ = self._unit_after(pos, scale, n)
            rm_peek = _RANGE_SEP.match(text, p_peek) if u_peek and scale == 1.0 else None
            if rm_peek:
                unit_range = self._same_unit_range(rm_peek, u_peek, start, n)
                if unit_range is not None:
                    return unit_range
        rm = _RANGE_SEP.match(text, pos)
        # "from 37.1% in 2019 to 31.4%": a year after "in" opens no range with the next figure
        year = n.value == int(n.value) and 1000 <= n.value <= 2199 and not n.has_comma and scale == 1.0
        before = _prev_word(text, start)[0] if rm and year and not cur else ""
        if before and (before.lower().rstrip(".") in _YEAR_PREPS or lex.month_re.fullmatch(before)):
            rm = None  # (nor one after a month: "16.2 percent in March 2023 to 4.3 percent")
        if rm and not unit:
            sep = rm.group(1) or rm.group(2)
            cur2, after_cur = self._currency_at(rm.end())
            n2 = self._number_at(after_cur)
            if n2 is not None and not (cur and cur2 and cur != cur2):  # "USD 48 billion and EUR 50 billion": two
                left = text[max(0, start - 40) : start].lower()
                between = re.search(r"\bbetween\s+(?:\S+\s+){0,2}$", left) is not None
                from_ = self._from_is_change(start, left, falling=n.value > n2.value)
                # "fell by $620 million to $2.1 billion": a change, then the level reached
                by_ = re.search(r"\bby\s+(?:\S+\s+){0,2}$", left) is not None
                # "fell by 837,000 to 124.4 million": a range never runs from a larger figure
                # down to a smaller one, so "by" the larger one is a change, then the level
                bigger = n.value is not None and n2.value is not None and n.value >= n2.value
                from_ = from_ or (by_ and (cur is not None or scale != 1.0 or (sep == "to" and bigger)))
                if (sep == "and" and between) or sep in ("-", "–", "—", "~", "to", "through", "thru"):
                    scale2, unit2, p2, skip2 = self._glued(n2, n2.end, cur or cur2)
                    if not skip2:
                        if scale2 == 1.0:
                            m = lex.scale_word_re.match(text, p2)
                            if m:
                                scale2 = lex.scale_words[fold(m.group(1))]
                                p2 = m.end()
                        # the second end without a scale of its own takes the first's ("3 million to 4")
                        second = (n2, scale2 if scale2 != 1.0 else scale, p2)
                        second_start = rm.end()
                        split_from = sep == "to" and from_
                        if scale == 1.0 and not split_from:
                            scale = _shared_scale(n, n2, scale2, text)
                        cur = cur or cur2
                        unit = unit2
                        pos = p2
        if not unit and not cur:
            unit, pos, cur = self._unit_after(pos, scale, n)
            if cur and (cents := _CENTS.match(text, pos)):
                scale, pos = scale / 100, cents.end()  # "41.2 euro cents": hundredths of a euro
            elif cur and scale == 1.0 and (late := lex.scale_word_re.match(text, pos)):
                scale, pos = lex.scale_words[fold(late.group(1))], late.end()  # "75 USD million"
            elif not unit and (millions := _MILLION_CODE.match(text, pos)):
                if code := lex.currency_codes.get(millions.group(1)):
                    scale, unit, cur, pos = scale * 1e6, code, code, millions.end()  # "120 MEUR"
        elif not unit and cur:
            pass
        if cur:
            unit = cur
            if (
                start > 0
                and text[start - 1] == "("
                and text[pos : pos + 1] == ")"
                and not self._amount_before(start - 1)
            ):  # (but "1.2 billion pesos ($20.7 million)" is the same amount in dollars)
                negative, start, pos = True, start - 1, pos + 1  # accounting: "($99.99)"
        if (
            not unit
            and not cur
            and second is None
            and not (_year_like(n) and _prev_word(text, start)[0].lower() in ("in", "during", "since", "until", "by"))
        ):  # ("rose 5% in 2023 and 3% in 2022": the year takes no "%"; "doses of 1000 and 2000 mg" do)
            shared = self._shared_unit(pos)
            if shared:
                unit = shared  # "45 and 50 mg": the first number is in mg too
        if not unit and not cur:
            inch = _INCH.match(text, pos)
            if inch:
                unit, pos = "in", pos + inch.group().find("in") + 2
        if unit:
            per = _PER.match(text, pos)
            if (
                per
                and per.group(1).lower() in lex.per_units
                and (cur or not per.group().lstrip().startswith(("a ", "an ")))
                and not _TIME_AGO.match(text, per.end())  # "$3.7 billion a year earlier": not a rate
            ):
                unit = f"{unit}/{lex.per_units[per.group(1).lower()]}"  # "$15.4/hour", "$80 a barrel"
                pos = per.end()
            elif cur and (rated := self._money_rate(pos)):
                unit, pos = f"{unit}/{rated[0]}", rated[1]  # "$35 for a month's supply", "$800 annually"
        count_noun = False
        if n.spelled and n.value == 1 and not unit and not cur:
            nxt = _next_words(text, pos, 1)
            if nxt and nxt[0][0].endswith("s") and not nxt[0][0].endswith("ss"):
                return [], pos  # "that one costs": 'one' before a plural is a pronoun, not a count
        if not unit and not cur and _prev_word(text, start)[0].lower() in lex.age_words:
            unit = "year"
        if not unit:
            unit, end2 = self._count_noun(pos)
            if unit and (
                n.value == 1
                or unit.endswith("s")
                or unit in lex.plurals_without_s
                or lex.unit(unit)
                or n.has_comma  # "40,000 oxen", "3,000 militia": a large count takes any plural
                or scale != 1.0  # "2 million moose"
            ):
                count_noun = True
                pos = end2
            else:
                unit = ""  # "their 3-1 win", "the 905 region", "the 2030 goal": a name or a score, no count
        if (
            not unit
            and not cur
            and scale == 1.0
            and second is None
            and n.step in (1.0, None)  # ("a 6.0-sigma result", "a 7.1-magnitude quake": the number is the point)
            and _COMPOUND_ADJECTIVE.match(text, n.end)
        ):
            return [], n.end  # "a two-bedroom flat", "a 12-storey block": the number names a kind
        signed_word = negative and n.spelled  # "minus one": a number, not a pronoun
        if second is None and not signed_word and not self._plausible(n, start, pos, unit, cur, scale, count_noun):
            return [], pos if (unit or scale != 1.0) else n.end
        if second is not None and not unit and not cur and scale == 1.0:
            n2 = second[0]
            years = all(1000 <= x.value <= 2199 and not x.has_comma for x in (n, n2))
            nxt = _next_words(text, pos, 1)
            dated = bool(nxt) and lex.month_re.fullmatch(nxt[0][0]) is not None
            dash = text[n.end : second_start].strip() in "-–—" and not _no_score(n, n2)  # ("20~100": no score)
            if dash or years or dated:
                return [], pos  # "3-1", "2014-17", "1 and 14 March": scores, years and dates
        qual, qstart = self._qualifier(start)
        direction = self._direction(qstart, pos, counted=count_noun)
        sign = -1.0 if negative else 1.0
        step = n.step * scale if n.step is not None else None
        if second is None:
            v = _tidy(sign * n.value * scale)
            return [
                Quantity(
                    v, None, None, unit, text[start:pos], start, pos, qual, direction, step=step, spelled=n.spelled
                )
            ], pos
        n2, scale2, p2 = second
        v1 = sign * n.value * scale
        v2 = n2.value * scale2
        if split_from:
            first_end = n.end if scale == 1.0 else self._end_of_first(n, scale)
            step2 = n2.step * scale2 if n2.step else None
            q1 = Quantity(
                v1,
                None,
                None,
                unit,
                text[start:first_end],
                start,
                first_end,
                qual,
                direction,
                step=step,
                spelled=n.spelled,
            )
            q2 = Quantity(
                v2, None, None, unit, text[second_start:pos], second_start, pos, step=step2, spelled=n2.spelled
            )
            return [q1, q2], pos
        low, high = min(v1, v2), max(v1, v2)
        return [
            Quantity(None, low, high, unit, text[start:pos], start, pos, qual, direction, step=step, spelled=n.spelled)
        ], pos

    def _same_unit_range(
        self, rm: re.Match[str], unit: str, start: int, first: _Num
    ) -> tuple[list[Quantity], int] | None:
        """'between 30% and 40%', '10%-20%': both ends carry the same unit."""
        text = self.text
        sep = rm.group(1) or rm.group(2)
        left = text[max(0, start - 40) : start].lower()
        if sep == "and" and not re.search(r"\bbetween\s+$", left):
            return None
        falling = first.value > n2.value if (n2 := self._number_at(rm.end())) else False
        if sep == "to" and (re.search(r"\bby\s+(?:\S+\s+){0,2}$", left) or self._from_is_change(start, left, falling)):
            return None
        if sep != "and" and self._direction(self._qualifier(start)[1], first.end):
            return None  # "rose 5% to 30%": a change, then the level
        neg2 = text[rm.end() : rm.end() + 1] in ("-", "−")
        n2 = self._number_at(rm.end() + neg2)
        if n2 is None:
            return None
        scale2, unit2, p2, skip = self._glued(n2, n2.end, None)
        if not unit2:
            unit2, p2, _ = self._unit_after(p2, scale2, n2)
        if skip or unit2 != unit or scale2 != 1.0:
            return None
        qual, _ = self._qualifier(start)
        sign1 = -1.0 if text[start] in ("-", "−") or text[start : start + 5].lower() == "minus" else 1.0
        low, high = sorted((sign1 * first.value, -n2.value if neg2 else n2.value))
        return [Quantity(None, low, high, unit, text[start:p2], start, p2, qual, step=first.step)], p2

    def _and_rest(self, pos: int, scale: float) -> tuple[float, int] | None:
        """The whole number below `scale` that "and" adds after a scale word ("3 hundred and
        21", "3 hundred and one"), and where it ends."""
        m = _AND_JOIN.match(self.text, pos)
        rest = self._number_at(m.end()) if m else None
        if rest is None or rest.value != int(rest.value) or not 0 < rest.value < scale:
            return None
        return rest.value, rest.end

    def _from_is_change(self, start: int, left: str, falling: bool) -> bool:
        """Whether "from" just before a figure opens a change rather than the span of one
        measure ("fines from $100 to $500", "ranged from 7 to 10"): it runs down ("Plavix,
        from $756 to $16"), or its clause has a word of change ("fell from 80% to 74%", "went
        from 40 mph to 55 mph") or a participle ("extending cover from two to twelve months")."""
        at = _FROM_BEFORE.search(left)
        if at is None or _RANGE_VERB.search(left):
            return False
        if falling:
            return True
        lex = self.lex
        clause = _CLAUSE_BREAK.split(self.text[max(0, start - 100) : start - (len(left) - at.start())])[-1]
        changes = lex.compiled.get("change words")
        if changes is None:
            extra = lex.raw["language"].get("change_verbs_before_from", [])
            changes = lex.compiled["change words"] = lex.rise | lex.fall | lex.rise_nouns | lex.fall_nouns | set(extra)
        return any(
            w.lower() in changes or (w.islower() and len(w) > 4 and w.endswith(("ed", "ing")))  # type: ignore[operator]
            for w in _ASCII_WORD.findall(clause)
        )

    def _shared_unit(self, pos: int) -> str:
        """The lexicon unit of 'and|or <number> <unit>' right after a bare number."""
        m = _AND_OR.match(self.text, pos)
        if not m:
            return ""
        n2 = self._number_at(m.end())
        if n2 is None:
            return ""
        scale2, unit2, p2, skip = self._glued(n2, n2.end, None)
        if not unit2 and not skip:
            unit2, _, cur2 = self._unit_after(p2, scale2, n2)
            if cur2:
                return ""
        return unit2 if unit2 in self.lex.units else ""

    def _end_of_first(self, n: _Num, scale: float) -> int:
        m = self.lex.scale_word_re.match(self.text, n.end)
        return m.end() if m else n.end

    def _left_ok(self, n: _Num) -> bool:
        text, s = self.text, n.start
        if s == 0:
            return True
        p = text[s - 1]
        if p.isalpha() and (code := _CODE_BEFORE.search(text, max(0, s - 5), s)):
            return code.group(1) in self.lex.currency_codes  # "GBP40m", "RM5.20", "USD115"
        if p.isalnum() or p in "%)]”\"'’":
            return False
        if p in "-‑−" and s >= 2 and text[s - 2].isalpha():
            return False  # COVID-19, F-35, Su-57
        if p in ".," and s >= 2 and text[s - 2].isalnum() and not (p == "," and text[s - 2].isdigit()):
            return False  # a footnote after a word ("km.3", "inhabitants,17") or "Twitter1.2k"
        if p in "/+" and s >= 2 and text[s - 2].isalnum():
            return False  # 24/7, J1149.5+6663
        return True

    def _currency_before(self, start: int) -> tuple[str | None, int]:
        text, lex = self.text, self.lex
        window = text[max(0, start - 6) : start]
        m = lex.currency_pre_re.search(window)
        if not m:
            return None, start
        sym = m.group(1)
        code = lex.currency_symbols[sym] if sym else lex.currency_codes[m.group(2)]
        return code, start - (len(window) - m.start())

    def _currency_at(self, pos: int) -> tuple[str | None, int]:
        """A currency symbol or code ("$", "NOK ") that starts at `pos`, and where it ends."""
        m = self.lex.currency_at_re.match(self.text, pos)
        if m is None:
            return None, pos
        sym = m.group(1)
        return (self.lex.currency_symbols[sym] if sym else self.lex.currency_codes[m.group(2)]), m.end()

    def _number_at(self, pos: int) -> _Num | None:
        m = _NUM.match(self.text, pos)
        if m:
            value, step, comma = _parse_digits(m.group())
            return _Num(m.start(), m.end(), value, step, False, comma)
        m = self.lex.number_word_re.match(self.text, pos)
        if m:
            parsed = _spelled_value(m.group(), self.lex)
            if parsed is not None:
                return _Num(m.start(), m.end(), parsed[0], parsed[1], True, False, words=_word_count(m.group()))
        return None

    def _glued(self, n: _Num, pos: int, cur: str | None) -> tuple[float, str, int, bool]:
        """Letters glued to a number: a scale ("20k", "$1.2bn"), a unit ("10km"), or a name."""
        text, lex = self.text, self.lex
        m = _LETTERS.match(text, pos)
        if not m or n.spelled:
            return 1.0, "", pos, False
        g = m.group()
        if _ORDINAL.match(g) and m.end() - pos == 2:
            return 1.0, "", m.end(), True
        if g == "s" and n.value >= 1000:
            return 1.0, "", m.end(), True  # decades: "1980s"
        if g == "m" and not cur:
            if self._million_before_noun(n, m.end()):
                return 1e6, "", m.end(), False  # "3.4m passengers": millions, not metres
            return 1.0, "m", m.end(), False
        if g in lex.scale_suffixes:
            return lex.scale_suffixes[g], "", m.end(), False
        if not cur and (code := _glued_currency(g, lex)):
            return code[0], code[1], m.end(), False  # "115USD", "30MUSD", "85p"
        if g in lex.unit_names_cs:
            return 1.0, lex.unit_names_cs[g], m.end(), False
        if g.lower() in lex.unit_names:
            return 1.0, lex.unit_names[g.lower()], m.end(), False
        if g in lex.glued_units and _prev_word(text, n.start)[0].lower() not in lex.labels:
            return 1.0, lex.glued_units[g], m.end(), False  # "warmed 1.5C" (but "Section 2C")
        if _glued_count_noun(n, g, lex):
            return 1.0, g, m.end(), False  # "7,897cases": a typo'd space, the noun it counts
        return 1.0, "", m.end(), True  # 5G, 221B, A4: names, not quantities

    def _million_before_noun(self, n: _Num, pos: int) -> bool:
        """Whether a glued "m" is millions: before a plural noun that is not a unit, after a
        number with decimals or below 100 ("3.4m passengers", "12m voters"; but "400m
        hurdles" is a race in metres)."""
        noun = _next_words(self.text, pos, 1)
        if not noun or noun[0][1] != pos + 1:
            return False
        w = noun[0][0]
        plural = w.islower() and w.endswith("s") and not w.endswith("ss") and w not in self.lex.not_count
        return plural and w not in self.lex.unit_names and (n.value != int(n.value) or n.value < 100)

    def _unit_after(self, pos: int, scale: float, n: _Num) -> tuple[str, int, str | None]:
        """A unit or currency name after the number (and scale)."""
        text, lex = self.text, self.lex
        best: tuple[int, str, str | None] = (pos, "", None)
        for rx in (lex.unit_re, lex.unit_cs_re):
            m = rx.match(text, pos)
            if m and m.end() > best[0]:
                best = (
                    m.end(),
                    lex.unit_names.get(phrase_key(m.group(1)), "")
                    if rx is lex.unit_re
                    else lex.unit_names_cs[m.group(1)],
                    None,
                )
        m = lex.currency_post_re.match(text, pos)
        if m and m.end() >= best[0]:
            name = re.sub(r"\s+", " ", m.group(1))
            code = lex.currency_codes.get(name) or lex.currency_names.get(name.lower()) or self._lower_code(name)
            ambiguous = name.lower() in {"pounds", "pound", "won", "rand"}
            if code and (not ambiguous or scale != 1.0):
                best = (m.end(), code, code)
        if best[1] == "year" and n.value >= 1000 and not n.has_comma and not n.spelled and scale == 1.0:
            return "", pos, None
        return best[1], best[0], best[2]

    def _lower_code(self, name: str) -> str | None:
        """A currency code written in lower case ("20 usd", "10 rmb"), unless it is a word too
        ("try", "pen")."""
        if not name.islower() or name in self.lex.raw["units"]["currencies"].get("lowercase_codes_not", []):
            return None
        return self.lex.currency_codes.get(name.upper())

    def _unit_or_noun(self, pos: int, scaled: bool, allow_count: bool) -> tuple[str, int]:
        text, lex = self.text, self.lex
        for rx in (lex.unit_re, lex.unit_cs_re):
            m = rx.match(text, pos)
            if m:
                name = m.group(1)
                sym = lex.unit_names_cs.get(name) or lex.unit_names.get(name.lower(), "")
                return sym, m.end()
        if allow_count:
            noun, end = self._count_noun(pos)
            if noun:
                return noun, end
        return "", pos

    def _count_noun(self, pos: int) -> tuple[str, int]:
        """A plain noun counted by the number ("17 elements", "3.3 million new jobs")."""
        lex = self.lex
        of_total = _OF_TOTAL.match(self.text, pos)
        if of_total and of_total.group(1) not in lex.not_count:
            return of_total.group(1), pos  # "411 of the 650 seats": 411 seats (the surface stays "411")
        words = _next_words(self.text, pos, 2)
        if not words:
            return "", pos
        w1, _, e1 = words[0]
        lw1 = w1.lower()
        if w1 in _demonym_plurals(lex):
            return lw1, e1  # "40,000 Palestinians", "3 million Ukrainians": people of a nation
        if named := self._named_kind(pos):
            return named  # "9,911 Ebola cases", "3.3 million Medicare beneficiaries"
        if lw1 in lex.not_count or not w1.islower() or lw1 in lex.months or lw1 in lex.weekdays:
            if lw1 in _ADJ_SKIP and len(words) > 1:
                w2, _, e2 = words[1]
                every = f"{lw1} " if lw1 in _FREQUENCIES else ""  # daily and monthly users are two measures
                if w2 in _ADJ_SKIP and (third := _next_words(self.text, e2, 1)):
                    w3, _, e3 = third[0]  # "1.2 billion monthly active users"
                    if w3.islower() and w3 not in lex.not_count:
                        return (f"{every}{w2} {w3}" if every else w3), e3
                if w2.islower() and w2 not in lex.not_count:
                    return f"{every}{w2}", e2
            return "", pos
        listed = _LISTED_KINDS.match(self.text, pos)
        if (
            listed
            and not lw1.endswith(("s", "ly"))
            and listed.group(1) not in lex.not_count
            and f"{fold(listed.group(1))} of" not in lex.vague  # ("wounded dozens", "damaged hundreds of")
            and fold(listed.group(1)).removesuffix("s") not in lex.scale_words
        ):
            return listed.group(1), listed.end(1)  # "23,253 confirmed, probable, and suspected cases"
        if len(words) > 1 and lw1.endswith("ed") and words[1][0].lower() in lex.determiners:
            return "", pos  # "22 million missed their first dose": a verb, and what it counts is unsaid
        if len(words) > 1:
            w2, _, e2 = words[1]
            plural2 = w2.endswith("s") and not w2.endswith("ss") and w2.islower() and w2 not in lex.not_count
            if (lw1 in _ADJ_SKIP and w2.islower() and w2 not in lex.not_count) or (
                plural2 and not lw1.endswith("s") and lw1 not in lex.unit_names
            ):
                return w2, e2  # "85.1 million international tourists"
            if (
                not lw1.endswith("s")
                and w2.islower()
                and not w2.endswith("s")
                and (third := _next_words(self.text, e2, 1))
            ):
                w3, _, e3 = third[0]  # "160 community diagnostic centres": a kind of centres, named whole
                if w3.islower() and w3.endswith("s") and not w3.endswith("ss") and w3 not in lex.not_count:
                    if lw1 not in lex.not_count and w2 not in lex.not_count and lw1 not in lex.unit_names:
                        return f"{lw1} {w2} {w3}", e3
        return lw1, e1

    def _scale_class(self, n: _Num) -> Quantity | None:
        """A class on a named scale, the scale's word before its number ("Category 4",
        "category 5"): the class, in the scale's unit; the word belongs to the figure."""
        if n.spelled or n.value != int(n.value) or not 0 <= n.value <= 10:
            return None
        word, wstart = _prev_word(self.text, n.start)
        unit = self.lex.raw["units"].get("scale_classes", {}).get(word.lower())
        if unit is None or self.text[wstart + len(word) : n.start] != " ":
            return None
        after = _next_words(self.text, n.end, 1)
        if not after or after[0][0].lower() in _SENTENCE_WORDS or after[0][1] != n.end + 1:
            return None  # "a Category 4 storm", but not a label: "see Category 4 in the appendix"
        qual, _ = self._qualifier(wstart)
        return Quantity(n.value, None, None, unit, self.text[wstart : n.end], wstart, n.end, qual, step=1.0)

    def _money_rate(self, pos: int) -> tuple[str, int] | None:
        """The period of an amount of money paid over one, said after it other than with "per"
        or "a": "$35 for a month's supply", "$800 annually". The period and where it ends."""
        rx = self.lex.compiled.get("money rate")
        if rx is None:
            raw = self.lex.raw["units"]
            adverbs = "|".join(sorted(raw.get("rate_adverbs", {}), key=len, reverse=True))
            supplies = "|".join(raw.get("supply_nouns", []))
            rx = self.lex.compiled["money rate"] = re.compile(
                r"[ \t]+(?:(?:for|per)[ \t]+(?:(?:a|an|one)[ \t]+)?([a-z]+)['’]s[ \t]+(?:"
                + supplies
                + r")|("
                + adverbs
                + r"))\b",
                re.I,
            )
        m = rx.match(self.text, pos)
        if m is None:
            return None
        if m.group(2):
            return self.lex.raw["units"]["rate_adverbs"][m.group(2).lower()], m.end()
        per = self.lex.per_units.get(m.group(1).lower())
        return (per, m.end()) if per else None

    def _named_kind(self, pos: int) -> tuple[str, int] | None:
        """The plural noun a count names after a name that says which kind ("9,911 Ebola
        cases", "11 confirmed Ebola cases", "10 Medicare Part D drugs"): the name is a
        modifier, the noun what is counted. Not a model name in capitals ("737 MAX jets")."""
        m = _NAMED_KIND.match(self.text, pos)
        if m is None:
            return None
        adjective, noun = m.group(1), m.group(2)
        if adjective and adjective.lower() not in _ADJ_SKIP:
            return None
        if noun in self.lex.not_count or not (
            (noun.endswith("s") and not noun.endswith("ss")) or noun in self.lex.plurals_without_s
        ):
            return None
        return noun, m.end(2)

    def _plausible(
        self, n: _Num, start: int, end: int, unit: str, cur: str | None, scale: float, count_noun: bool
    ) -> bool:
        """Reject numbers that are years, dates, labels, names, list numbers or addresses."""
        text, lex = self.text, self.lex
        strong = bool(cur) or scale != 1.0 or (bool(unit) and not count_noun)
        if _year_like(n) and scale == 1.0 and (after := _next_words(text, n.end, 1)):
            if after[0][0].lower() in lex.after_base_year and _prev_word(text, start)[0].lower() in _BASE_YEAR_BEFORE:
                return False  # "below 1990 levels", "in 2021 dollars" (not "was 1500 euros")
        word, wstart = _prev_word(text, start)
        lw = word.lower().rstrip(".")
        if n.spelled and not unit and scale == 1.0 and n.words < 2 and n.value in (1, 12):
            return False  # "one of the", "a dozen": a pronoun or a count of something unsaid
        # street addresses: "10 Downing Street", "221B Baker Street"
        words = _next_words(text, end if end > n.end else n.end, 3)
        if len(words) >= 2 and words[0][0][:1].isupper() and not cur:
            for w, _, _ in words[1:]:
                if w.lower().rstrip(".") in lex.streets:
                    return False
        if strong:
            return True
        # "737 MAX": a number followed by an all-capitals word is a model name
        nxt_caps = _next_words(text, n.end, 1)
        if nxt_caps and len(nxt_caps[0][0]) >= 2 and nxt_caps[0][0].isupper() and not unit:
            return False
        is_int = n.value == int(n.value) and "." not in text[n.start : n.end]
        if is_int and 1000 <= n.value <= 2199 and not n.has_comma:
            if not count_noun or lw in _YEAR_PREPS or text[start - 1 : start] == "(":
                return False
            named = _next_words(text, n.end, 1)
            if named and named[0][0][:1].isupper():
                return False  # "2020 Census estimates": a year that names an edition, no count
            day = _DAY_BEFORE.search(text, max(0, start - 8), start)
            if day and lex.month_re.fullmatch(_prev_word(text, day.start())[0]):
                return False  # "September 30, 2024 rose 5%": the year of a date
        # dates: "August 2", "2 August 2025", "Aug. 5"
        if lex.month_re.fullmatch(word.rstrip(",")) or lex.month_re.fullmatch(word.rstrip(",.")):
            return False
        nxt = _next_words(text, n.end, 1)
        if nxt and lex.month_re.fullmatch(nxt[0][0].rstrip(".")) and nxt[0][0][0].isupper():
            return False
        if lw in lex.labels:
            return False
        if (
            word
            and any(c.isupper() for c in word)
            and lw not in _SENTENCE_WORDS
            and lw not in lex.qualifier_of
            and not word.endswith((",", "."))
            and text[wstart + len(word) : start].strip() == ""
            and not n.has_comma  # (a headline's verb: "Toll Reaches 5,000"; names carry no "5,000")
        ):
            return False  # product or place names: "iPhone 15", "Power of Siberia 2"
        # list numbering at the start of a line: "1. Introduction", "2) Methods"
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() == "" and re.match(r"[.)]\s", text[n.end : n.end + 2]):
            return False
        return True

    def _qualifier(self, start: int) -> tuple[str, int]:
        text = self.text
        window = text[max(0, start - 40) : start]
        m = self.lex.qualifier_re.search(window)
        if not m:
            return "exact", start
        phrase = phrase_key(m.group(1))
        qstart = start - (len(window) - m.start(1))
        if phrase == "up to" and _prev_word(text, qstart)[0].lower() in self.lex.up_particle_verbs:
            return "exact", start  # "was revised up to 79,000", "ramped up to": a verb's particle
        return self.lex.qualifier_of[phrase], qstart

    def _direction(self, qstart: int, end: int, counted: bool = False) -> str | None:
        """'up', 'down' or None: the change a verb or noun next to the figure states. A verb
        that changes a figure only with 'by' ("cut output by 5%") changes a count it takes
        ("added 22,000 jobs", "shed 15,000 jobs") when `counted`."""
        text, lex = self.text, self.lex
        left = text[max(0, qstart - 60) : qstart]
        filler = _FILLER_END.search(left)
        if filler and lex.amount_filler_re.fullmatch(" " + filler.group(1)):
            left = left[: filler.start(1)]  # "rose an average of 3.2%": the verb is before the filler
        words = [w.lower() for w in _ASCII_WORD.findall(left)]
        while len(words) > 1 and words[-1] in lex.increment_words:
            words.pop()  # "cut output by an additional 5%", "rose a further 2%"
        candidates = [w for w in words[-1:] if w not in lex.by_only or counted]
        if words[-2:-1] and words[-1] == "up" and words[-2] in lex.phrasal_up:
            candidates = []  # "made up 15%", "ended up"
        if words and words[-1] == "by":
            # "cut its workforce by 1,500", "increase the net price of new drugs by 25%"
            candidates = list(reversed(words[-9:-1]))
        if (
            words[-3:-2]
            and words[-1] == "of"
            and words[-3] in ("a", "an", "the")
            and _RELATIVE_END.search(text, max(0, end - 12), end)
        ):
            # "a rise of 4.9%", "an increase of 5 points": the noun of change before the figure
            # (but "booked a gain of $200 million" is an amount)
            if words[-2] in lex.rise_nouns:
                return "up"
            if words[-2] in lex.fall_nouns:
                return "down"
        nxt = _next_words(text, end, 1)
        height = bool(nxt) and nxt[0][0].lower() in lex.height_words
        for w in candidates:
            if w in lex.rise and not height:
                return "up"
            if w in lex.fall and not height:
                return "down"
        after = _next_words(text, end, 1)
        if after and after[0][0].lower() in ("less", "fewer") and _RELATIVE_END.search(text, max(0, end - 12), end):
            return "down"  # "imported 27% less gas than in 2022"
        if after:  # "a 3% increase", "the 7.6 percent growth recorded in 2021", "posted 5% growth"
            noun = after[0][0].lower()
            if noun in lex.rise_nouns:
                return "up"
            if noun in lex.fall_nouns:
                return "down"
        return None


def _word_fraction_guard(lex: Lexicon) -> frozenset[str]:
    """Words one of which a text must have for `_word_fractions` to look at it."""
    found = lex.compiled.get("word fraction guard")
    if found is None:
        lang = lex.raw["language"]
        dens = set(lang.get("fraction_denominators", {}))  # ("twenty-first": its tens word is not one)
        found = lex.compiled["word fraction guard"] = frozenset(
            [*dens, *(d + "s" for d in dens), "halves", "firsts", "first"]
        )
    return found  # type: ignore[no-any-return]


def _word_fraction_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int], dict[str, int]]:
    """The patterns of `_Scanner._word_fractions`, compiled once per lexicon."""
    found = lex.compiled.get("word fractions")
    if found is None:
        lang = lex.raw["language"]
        dens, compound = lang.get("fraction_denominators", {}), lang.get("compound_denominators", {})
        digits = lang.get("digit_words", {})
        card = lex.number_word_re.pattern
        den = (
            r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ -](?:"
            + trie_alternation(compound)
            + r")|"
            + trie_alternation(dens)
            + r")"
        )
        fraction = re.compile(
            r"(?:(?P<whole>" + card + r")[ \t]+and[ \t]+)?(?P<num>\ban?\b|" + card + r")[ \t-]+"
            r"(?P<den>" + den + r")(?P<pl>s)?\b",
            re.I,
        )
        words = trie_alternation(digits)
        point = re.compile(
            r"(" + card + r")[ \t]+point[ \t]+((?:" + words + r")\b(?:[ \t]+(?:" + words + r")\b)*)", re.I
        )
        found = lex.compiled["word fractions"] = (fraction, point, dens, digits)
    return found  # type: ignore[no-any-return]


def _denominator(word: str, dens: dict[str, int], lex: Lexicon) -> float:
    """ "fifth" 5, "twenty-first" 21, "hundredth" 100; 0 for none."""
    if word in dens:
        return float(dens[word])
    tens, _, unit = word.replace(" ", "-").partition("-")
    compound = lex.raw["language"].get("compound_denominators", {})
    return float(lex.number_words.get(tens, 0) + compound.get(unit, 0)) if unit in compound else 0.0


def _share_of(m: re.Match[str], lex: Lexicon) -> float:
    """The fraction an `_AND_FRACTION` match says ("a quarter" 0.25, "two thirds" 0.667)."""
    num = 1.0 if m.group(1).lower() in ("a", "an") else lex.number_words.get(m.group(1).lower(), 0.0)
    den = (
        lex.raw["language"]
        .get("fraction_denominators", {})
        .get(m.group(2).lower().rstrip("s").replace("halve", "half"))
    )
    return num / den if den else 0.0


def _last_scale(n: _Num, text: str) -> float:
    """The scale word a spelled number ends with ("one million": 1e6), else 1."""
    if not n.spelled:
        return 1.0
    last = text[n.start : n.end].rsplit(None, 1)[-1].lower()
    return _SCALE_WORDS.get(last, 1.0) if last not in ("dozen", "hundred") else 1.0


def _no_score(n: _Num, n2: _Num) -> bool:
    """Two bare numbers joined by a dash that no game's score is: rising to four digits and
    more ("1000-5000"), which no year range is either (years are masked before)."""
    return n.value < n2.value and n2.value >= 1000 and not n.spelled


def _shared_scale(n: _Num, n2: _Num, scale2: float, text: str) -> float:
    """The scale the first end of a range takes from the second, which alone states one: "8
    to 12 million" is 8 million to 12 million and "three to four hundred" 300 to 400, but in
    "between 900,000 and 1.2 million" the first end is whole already: it is larger than the
    second's number, or written with thousands separators."""
    if n.has_comma:
        return 1.0
    if scale2 != 1.0:
        return scale2 if n.value <= n2.value else 1.0
    if not n2.spelled:
        return 1.0
    scales = [_SCALE_WORDS[w] for w in _ASCII_WORD.findall(text[n2.start : n2.end].lower()) if w in _SCALE_WORDS]
    big = max(scales, default=1.0)
    return big if big > 1.0 and n.value < n2.value / big else 1.0


def _bound_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The lexicon's trailing bounds ("or more") and what joins a lower and an upper bound
    ("and", "but"), compiled once per lexicon."""
    found = lex.compiled.get("bounds")
    if found is None:
        lang = lex.raw["language"]
        trailing = {fold(p): q for q, phrases in lang.get("trailing_bounds", {}).items() for p in phrases}
        after = re.compile(
            r"[ \t]+(" + trie_alternation(trailing, flexible_space=True) + r")\b(?![ \t]*(?:than[ \t]+)?[-−]?\.?\d)",
            re.I,
        )
        joins = trie_alternation(lang.get("bound_joins", []), flexible_space=True)
        quals = trie_alternation(lex.qualifier_of, flexible_space=True)
        between = re.compile(r"[ \t]*,?[ \t]*(?:" + joins + r")[ \t]+(?:" + quals + r")[ \t]*", re.I)
        found = lex.compiled["bounds"] = (after, between, trailing)
    return found  # type: ignore[no-any-return]


_PLURAL_AFTER = re.compile(r"[ \t]+([a-z][a-z-]*[a-z]s)\b")


def trailing_bound(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """A bound said after the figure: "200 or more" is at least 200, "50 or fewer" at most
    50 (but "5000 or less than 6000" is two figures)."""
    after, _, trailing = _bound_patterns(lex)
    out = []
    for q in found:
        m = after.match(text, q.end) if q.qualifier == "exact" and q.value is not None and not q.direction else None
        if m:
            end, unit = m.end(), q.unit
            if not unit and (noun := _PLURAL_AFTER.match(text, end)) and noun.group(1) not in lex.not_count:
                end, unit = noun.end(), noun.group(1)  # "20 or fewer pupils": 20 pupils at most
            q = evolve(q, qualifier=trailing[fold(m.group(1))], unit=unit, surface=text[q.start : end], end=end)
        out.append(q)
    return out


def bounded_range(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """A lower and an upper bound joined ("more than 100 and less than 300", "at most 50
    but at least 20"): one range between them, in the unit either states."""
    _, between, _ = _bound_patterns(lex)
    out: list[Quantity] = []
    for q in found:
        a = out[-1] if out else None
        if a is not None and (joined := _bounds_of(a, q)) and between.fullmatch(text, a.end, q.start):
            out[-1] = Quantity(None, *joined, a.unit or q.unit, text[a.start : q.end], a.start, q.end)
            continue
        out.append(q)
    return out


def _bounds_of(a: Quantity, b: Quantity) -> tuple[float, float] | None:
    """(low, high) when one of two figures is a lower bound and the other an upper one above
    it, in one unit; None otherwise."""
    if a.value is None or b.value is None or a.direction or b.direction or (a.unit and b.unit and a.unit != b.unit):
        return None
    sides = {a.change, b.change}
    if sides != {">", "<"}:
        return None
    low, high = (a.value, b.value) if a.change == ">" else (b.value, a.value)
    return (low, high) if low < high else None


def major_and_minor(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """An amount in a currency and its hundredths after it are one sum: "3 dollars 50 cents"
    and "thirteen dollars and forty-five cents" are 3.50 and 13.45 dollars."""
    minor = lex.raw["units"]["currencies"].get("minor_units", {})
    out: list[Quantity] = []
    for q in found:
        a = out[-1] if out else None
        if (
            a is not None
            and a.value is not None
            and q.value is not None
            and minor.get(q.unit) in (a.unit, "*")
            and a.unit in _currency_units(lex)
            and a.value == int(a.value)
            and 0 < q.value < 100
            and _MINOR_JOIN.fullmatch(text, a.end, q.start)
        ):
            out[-1] = evolve(a, value=a.value + q.value / 100, surface=text[a.start : q.end], end=q.end, step=None)
            continue
        out.append(q)
    return out


_MINOR_JOIN = re.compile(r"[ \t]+(?:and[ \t]+)?")
_FOUND_RULES = [trailing_bound, bounded_range, major_and_minor]  # run in order over a text's quantities


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


def extract_quantities(text: str, lex: Lexicon) -> list[Quantity]:
    """Every quantity `text` states, in order; offsets are into `text`."""
    return list(recall(lex, "quantities", text, lambda: _quantities(text, lex)))


def _quantities(text: str, lex: Lexicon) -> tuple[Quantity, ...]:
    words = words_of(text)
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
