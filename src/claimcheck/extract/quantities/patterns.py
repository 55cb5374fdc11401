"""The patterns and word sets the quantity scanner reads a text with."""

from __future__ import annotations

import re

from claimcheck.lexicon import phrase_guard

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
# "a gallon of", "an ounce is": (the look-behind after the "a" is the word boundary before it,
# so that the pattern opens with a character class the engine can skip to)
_ONE_UNIT = re.compile(r"([Aa](?<!\w[Aa])n?)\s+([A-Za-z]{3,}(?:\s[a-z]{3,})?)\b(?=\s+of\b|[\s,.;!?]*$|\s+is\b)")
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
# "in" after a figure is inches only where no preposition can be: at the end of a clause, before
# "of" ("4 in of rain": a preposition takes an object, never "of") or a word of size
_INCH = re.compile(
    r"[ \t]+in\b(?=[ \t]*(?:[.,;:)!?]|$)|[ \t]+of\b|[ \t]+(?:thick|long|wide|tall|high|deep|across|in diameter))"
)
_LETTERS = re.compile(r"[A-Za-z²³]+(?:\^\d)?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_PLURAL_NOUN = re.compile(r"[ \t]+([a-z][a-z-]*[a-z]s)\b")  # a lower-case plural right after a figure
_GLUED_POWER = re.compile(r"[A-Za-z]{1,3}[23](?![\w.,]\d|\w)")  # "4,500km2", "120m2", "30m3": a square or cube
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
