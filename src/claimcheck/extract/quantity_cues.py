"""What the words around a figure tell the quantity rules: a fraction read as a share, an
apposed age, a unit carried from a bracketed list, the noun counted before a figure, a figure
restated in other units; and the patterns the frame and claim rules share with them."""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.extract.context import COMPOUND, CONVERSION, ClaimContext
from claimcheck.extract.frames import PREPS
from claimcheck.lexicon import Lexicon, phrase_key, trie_alternation
from claimcheck.model import Quantity
from claimcheck.normalize.lemmas import is_plural_noun, lemma
from claimcheck.normalize.units import dimension_of


def _as_share(q: Quantity, text: str, lex: Lexicon) -> Quantity:
    """A fraction of a whole as a percentage: words like "half" and "a third" are round, so
    the figure is approximate unless a qualifier before it says otherwise ("nearly half")."""
    qualifier = lex.qualifier_re.search(text, 0, q.start)
    stated = lex.qualifier_of.get(phrase_key(qualifier.group(1))) if qualifier else None
    value = (q.value or 0) * 100
    return replace(q, value=value, unit="%", qualifier=stated or "approx", fraction=False)


def _apposed_age(text: str, q: Quantity, ctx: ClaimContext, after_age: bool = False) -> str | None:
    """The person whose age a bare number between commas after their name is ("Maria Lopez,
    54, waits outside", "their sons Tomas, 19, and Pablo, 11,", "John Smith, aged 70,"), or
    None. Not after a place ("Sales in Paris, 12, and Lyon, 9"): a list of counts, not ages;
    a name after "and" continues a list of ages only `after_age`."""
    if q.value is None or q.spelled or q.value != int(q.value) or not 0 < q.value <= 120:
        return None
    if q.unit not in ("", "year") or not _APPOSITION_END.match(text, q.end):
        return None
    head = text[: q.start]
    if q.unit == "year":  # "aged 70": the quantity layer read the age word
        words = LETTERS.findall(head[-12:])
        if not words or words[-1].lower() not in ctx.lex.age_words:
            return None
        head = head[: head.lower().rstrip().rfind(words[-1].lower())]
    name = _NAME_BEFORE_COMMA.search(head)
    if name is None or ctx.entities.is_place(name.group(1)):
        return None
    words = [w.lower() for w in name.group(1).split()]
    before = LETTERS.findall(head[: name.start()][-20:])
    if (
        (before and before[-1].lower() in PREPS)  # "Sales in Paris, 12, and Lyon, 9": places
        or (before and before[-1].lower() in ("and", "or") and not after_age)
        or words[0] in ctx.lex.determiners | PREPS
        or any(w in ctx.lex.months or w in ctx.lex.weekdays for w in words)
    ):
        return None
    return name.group(1)


def _bracketed_unit(text: str, q: Quantity, prev: Quantity, ctx: ClaimContext) -> str | None:
    """The count noun of a bare figure in brackets after a name, in a list of such names whose
    figure before states it: "Ohio (2,315 arrests), followed by Texas (1,870) and Utah (942)"
    are all arrests."""
    if q.unit or q.value is None or q.spelled or not prev.unit or dimension_of(prev.unit, ctx.lex) != "count":
        return None
    if not (
        CLOSE_BRACKET.match(text, q.end)
        and text[: prev.start].rstrip().endswith("(")
        and _NEXT_IN_BRACKETS.fullmatch(text, prev.end, q.start)
    ):
        return None
    return prev.unit


def _head_noun(text: str, end: int, first: str, lex: Lexicon) -> str:
    """The noun a "number of" phrase counts: its first plural word before a preposition or
    verb ("the number of fishing vessels in ..." counts vessels, not fishing; "the number of
    countries facing ..." counts countries; not "staff increases")."""
    words = [first]
    while len(words) <= _HEAD_WORDS and (m := _NEXT_WORD.match(text, end)):
        w = m.group(1)
        if w in PREPS or w in ("and", "or") or w in _LEVEL_VERBS or w in lex.rise or w in lex.fall:
            break
        words.append(w)
        end = m.end()
    return next((w for w in words if _plural(w)), first)


def _plural(word: str) -> bool:
    w = word.lower()
    return not w.endswith(("ing", "ed")) and (is_plural_noun(w) or lemma(w) != w)


_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*[a-z])\b")
_HEAD_WORDS = 2  # words after the first that may still be the counted noun's
# verbs that state a count's level ("the number of X was / reached / hit ...")
_LEVEL_VERBS = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "reached",
        "reaches",
        "hit",
        "hits",
        "stood",
        "totalled",
        "totaled",
        "totals",
    }
)


def _counted_before(text: str, q: Quantity, ctx: ClaimContext) -> tuple[str, str | None] | None:
    """The noun of "the number of <noun> ... rose to / was / reached" just before a bare
    number, which that number counts (or of a measure that counts one: "the death toll rose
    to 79", "a crowd of 52,487", with that measure's metric); None otherwise."""
    lex = ctx.lex
    rx = lex.compiled.get("number of before")
    if rx is None:
        verbs = "|".join(sorted(lex.rise | lex.fall | (_LEVEL_VERBS - {"has", "have", "had", "stood"})))
        measures = trie_alternation(ctx.metrics.counted_by, flexible_space=True)
        rx = lex.compiled["number of before"] = re.compile(
            r"\b(?:(?:the|a)\s+(?:total\s+)?number\s+of\s+([a-z][a-z-]*[a-z])|"
            + measures
            + r")\b(?:(?:[^.;:,\d]|(?<!\d)(?:1[89]|20)\d\d(?!\d)){0,80}?\s(?:(?:"
            + verbs
            + r")(?:\s+(?:now|currently))?(?:\s+to)?|(?:stood|stands|stand)\s+at|came\s+to)|\s+of|\s+at|(?(1)(?!)|(?=\s+(?:"
            + trie_alternation(lex.qualifier_of, flexible_space=True)
            + r")\s)))\s+(?:(?:"
            + trie_alternation(lex.qualifier_of, flexible_space=True)
            + r")\s+)?$",
            re.I,
        )
    m = rx.search(text, max(0, q.start - 160), q.start)
    if m is None:
        return None
    if m.group(1):
        return _head_noun(text, m.end(1), m.group(1), lex).lower(), None
    measure = " ".join(m.group().split()[:2]).lower()
    key = next((k for k in ctx.metrics.counted_by if measure.startswith(k)), None)
    return ctx.metrics.counted_by[key] if key else None


def _part_of_kind(text: str, q: Quantity, ctx: ClaimContext) -> str | None:
    """The plural noun of "of the <up to five words> <noun>" just after a figure, the first
    plural one (or the plural just after it: "of the sales reps"); None if there is none, or
    it is not a thing counted ("of the news"), or it owns what follows ("of the states' ...")."""
    lex = ctx.lex
    rx = lex.compiled.get("part of kind")
    if rx is None:
        determiners = trie_alternation(lex.raw["language"].get("part_of_determiners", []))
        rx = lex.compiled["part of kind"] = re.compile(
            r"[ \t]+of[ \t]+(?:" + determiners + r")[ \t]+(?:[A-Za-z][a-z-]*[ \t]+){0,5}?"
            r"([a-z][a-z-]*[a-z]s)(?:[ \t]+([a-z][a-z-]*[a-z]s))?\b(?![-'’])"
        )
    m = rx.match(text, q.end)
    if m is None:
        return None
    noun = m.group(2) or m.group(1)
    if noun.endswith(("ss", "us", "is")) or noun in lex.not_count:
        return None
    return noun


def _revised_measure(text: str, q: Quantity, ctx: ClaimContext) -> tuple[str, str] | None:
    """The (noun, metric) of a measure that counts set "to" or "from" a bare number just
    after it ("the death toll to 63", "the toll from the landslide downward, from 92"); None
    otherwise."""
    rx = ctx.lex.compiled.get("revised measure")
    if rx is None:
        adverbs = trie_alternation(ctx.lex.raw["language"].get("revision_adverbs", []))
        measures = trie_alternation(ctx.metrics.counted_by, flexible_space=True)
        rx = ctx.lex.compiled["revised measure"] = re.compile(
            r"\b("
            + measures
            + r")(?:\s+(?:from|in|of)\s+[^.;:,\d]{1,40}?)?(?:\s+(?:"
            + adverbs
            + r"))?,?\s+(?:to|from)\s+(?:(?:"
            + trie_alternation(ctx.lex.qualifier_of, flexible_space=True)
            + r")\s+)?$",
            re.I,
        )
    m = rx.search(text, max(0, q.start - 60), q.start)
    if m is None:
        return None
    measure = " ".join(m.group(1).split()).lower()
    return ctx.metrics.counted_by.get(measure)


def _small_count(text: str, q: Quantity, ctx: ClaimContext) -> bool:
    """Whether a count too small or too plain for `claimable` ("six people", "3 lawsuits",
    "Eleven people") is still a figure the sentence states: it is, unless a determiner that
    points back makes it a reference to things already named ("the two countries", "its two
    neighbours"), describes a noun ("countries with 5 rivers": which countries) or is nothing
    at all ("zero cases": a target)."""
    if q.vague or q.value is None or not q.unit or dimension_of(q.unit, ctx.lex) != "count":
        return False
    if q.value == 0 or (q.spelled and q.value == 1) or q.value != int(q.value):
        return False
    if _NOUN_WITH.search(text, max(0, q.start - 40), q.start):
        return False
    before = LETTERS.findall(text[max(0, q.start - 30) : q.start])
    return not (before and before[-1].lower() in ctx.lex.definite_determiners)


def _compared_multiple(text: str, q: Quantity, ctx: ClaimContext) -> bool:
    """Whether a multiple is an amount stated as a multiple of another ("pay two to three
    times what others pay", "more than three times the price"): a figure, unlike a count of
    occasions ("visited three times"), a verb of change ("tripled") or a comparison of two
    measures ("three times larger than exports")."""
    if q.unit != "x" or q.direction or COMPOUND.search(q.surface):
        return False
    rx = ctx.lex.compiled.get("compared multiple")
    if rx is None:
        words = trie_alternation(ctx.lex.raw["language"].get("comparison_openers", []))
        rx = ctx.lex.compiled["compared multiple"] = re.compile(r"\s+(?:" + words + r")\b", re.I)
    return rx.match(text, q.end) is not None


def restates(text: str, before: Quantity, q: Quantity, lex: Lexicon) -> bool:
    """Whether `q` is `before` again in other units, in brackets right after it: of the same
    dimension ("1,642 m (5,387 ft)", "$5bn (£4bn)"), or with more unit words than the
    quantity layer read ("(5,670 cu mi)"); or after a semicolon in another unit of a measured
    dimension ("919 mbar; 27.14 inHg"). "5.7% (2.1 million people)" says something else."""
    if not (before.unit and q.unit):
        return False
    brackets = CONVERSION.match(text, before.end)
    if brackets is None and q.unit != before.unit and _OR_AGAIN.fullmatch(text, before.end, q.start):
        return (
            dimension_of(before.unit, lex) == dimension_of(q.unit, lex) == "currency"
        )  # "EUR 14 billion, or about $890 million"
    if brackets is None and q.unit != before.unit and _SEMICOLON.fullmatch(text, before.end, q.start):
        info, other = lex.unit(before.unit), lex.unit(q.unit)
        return info is not None and other is not None and info.dimension == other.dimension
    if brackets is None or q.end > brackets.end():
        return False
    tail = text[q.end : brackets.end()].rstrip(")").strip()  # "(£4bn)" was read brackets and all
    return bool(tail) or dimension_of(before.unit, lex) == dimension_of(q.unit, lex)


_OR_AGAIN = re.compile(r",?\s+or\s+(?:about|around|roughly|some|nearly|almost|approximately)?\s*")


def same_amount(before: Quantity, q: Quantity, lex: Lexicon) -> bool:
    """Whether a figure that `restates` another says the same amount: in another unit, and
    within a fifth of it once converted where the lexicon can convert ("160 mph (260 km/h)";
    not "$25.5 billion (2018 USD)", the year of the money's value)."""
    if q.unit == before.unit or before.value is None or q.value is None:
        return False
    if dimension_of(before.unit, lex) != dimension_of(q.unit, lex):
        return False  # ("$877 billion (3.5% of GDP)": another measure of it, not the sum again)
    info, other = lex.unit(before.unit), lex.unit(q.unit)
    if info is None or other is None:
        return True  # ("$5bn (£4bn)": no rate to check it by)
    a, b = before.value * info.factor, q.value * other.factor
    return abs(a - b) <= 0.2 * max(abs(a), abs(b))


_NOUN_THEN_BRACKET = re.compile(r"\b([a-z][a-z-]*[a-z]s)\s+\(\s*$")
_SEMICOLON = re.compile(r"\s*(?:\([^()\d]{1,12}\))?\s*;\s*")  # "919 mbar (hPa); 27.14 inHg"
# shared with the frame and claim rules
JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
JOINED_AFTER_PLACE = re.compile(r"\s+(?:in|for|at)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3},?\s+and\s+")
ELLIPSIS = re.compile(
    r"\s+(?:in|during|for)\s+[^,;().]{1,30}?\s*,?\s+(?:and|while|but|with)\s+"
    r"(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|less\s+than|just|only)\s+)?"
)
# "rose 5% in 2023 and imports 3%", "fell 5%, wheat output 8%": another measure's noun, its verb
# left out (a verb or preposition after the noun states its own figure: `GAPPED_NOT`)
GAPPED_NOUN = re.compile(
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)((?:[a-z][a-z-]+\s+){1,2})"
)
GAPPED_NOT = frozenset(
    "was were is are has have had stood reached hit totalled totaled of at to by with from while but or "
    "the a an about around nearly almost roughly some over just only".split()
)


def gapped_noun(text: str, end: int, start: int) -> re.Match[str] | None:
    """Another measure's noun alone between two figures (`GAPPED_NOUN`), or None: no verb or
    function word, no participle ("grew 0.8%, reaching 1.43 billion"; "housing 3%" is a noun)."""
    m = GAPPED_NOUN.fullmatch(text, end, start)
    if m is None or not GAPPED_NOT.isdisjoint(words := m.group(1).split()):
        return None
    return None if any(w.endswith("ing") and lemma(w) != w for w in words) else m


CLOSE_BRACKET = re.compile(r"\s*\)")
LETTERS = re.compile(r"[A-Za-z]+")
OF_WHOLE = re.compile(r"\s+of\s+(?:the|its|their|all)\s+")
EVENT_AFTER = re.compile(
    r"(?:,(?:\s+[a-z]+){1,4},)?"  # "136,000 people, mostly children, died"
    r"\s+(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|had|have|being|been|who|that|remain|remains|remained)\s+)*"
    r"(?:(?:[a-z]+ly|already|now|since|also|still)\s+)?"
    # "are confirmed dead", "feared dead", "believed to have died": how it is known, then what happened
    r"(?:(?:confirmed|reported|believed|feared|presumed|known|thought|listed)\s+(?:as\s+|to\s+(?:be|have)\s+(?:been\s+)?)?)?"
    r"(laid\s+off|[a-z]+)\b",
    re.I,  # (a headline's "Eleven Listed as Missing")
)
_AND_BEFORE = re.compile(
    r"[^.;]{0,60}?\s(?:and|while|with)\s+(?:(?:at\s+least|more\s+than|nearly|about|some|another)\s+)?"
)
_OTHERS_AFTER = re.compile(r"\s+(?:others|more)\b")
_FROM_BEFORE = re.compile(r"(?:\s+(?:in|during)\s+\S+)?,?\s+(?:up\s+|down\s+)?from\s+(?:[a-z]+\s+){0,2}")
_FROM_TO = re.compile(r"\s+to\s+")
_NOUN_WITH = re.compile(r"\b[a-z]+\s+with\s+$")
# ") and Utah (", "), followed by Texas (": from one bracketed figure to the next name's
_NEXT_IN_BRACKETS = re.compile(
    r"\s*\)\s*(?:,\s*(?:and\s+|or\s+|followed\s+by\s+|then\s+)?|(?:and|or|followed\s+by|then)\s+)"
    r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*\(\s*"
)
_NAME_BEFORE_COMMA = re.compile(r"(?<![\w'’.-])([A-Z][a-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}),\s*$")
_APPOSITION_END = re.compile(r"\s*,")
