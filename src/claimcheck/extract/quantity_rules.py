"""Quantity rules: how each figure of a sentence is read before anything is said of it.

Each rule is a small named function over one figure's `Reading` and the sentence's `Figures`
(the text, its quantities, and the figures kept before this one); `QUANTITY_RULES` runs them
in order. A rule may rewrite the figure (a unit carried from a bracketed list, "doubled" as a
percent, a count named by "the number of X") or keep it, which ends its reading. A figure no
rule keeps is not a claim. Their example sentences are golden cases tagged with the rule's name
(`tests/data/claims_golden.json`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from claimcheck.extract.context import COMPOUND, CONVERSION, ClaimContext, claimable
from claimcheck.extract.frames import PREPS
from claimcheck.extract.quantities import extract_quantities
from claimcheck.lexicon import Lexicon, phrase_key, trie_alternation
from claimcheck.model import Quantity, evolve
from claimcheck.normalize.lemmas import is_plural_noun, lemma
from claimcheck.normalize.units import dimension_of


@dataclass(frozen=True)
class Reading:
    """One figure of a sentence as the quantity rules read it."""

    q: Quantity
    at: int  # its place among the sentence's quantities
    verbal: bool = False  # the figure is its own verb ("doubled"): framed as "rose by 100%"
    counted_by: str | None = None  # the metric of a measure that counts it ("the death toll")
    age_of: str | None = None  # the person whose age it is ("Maria Lopez, 54,")
    kept: bool = False  # a rule kept it: the rules after it do not see it


@dataclass(frozen=True)
class Figures:
    """A sentence's quantities, and the readings the rules kept so far."""

    text: str
    ctx: ClaimContext
    found: tuple[Quantity, ...]
    kept: tuple[Reading, ...] = ()

    @property
    def last(self) -> Quantity | None:
        """The figure kept just before this one, if any."""
        return self.kept[-1].q if self.kept else None


QuantityRule = Callable[[Reading, Figures], Reading]


def whole_count(r: Reading, at: Figures) -> Reading:
    """A part of a counted whole is a count of the same ("won just 4 of the 61 seats": 4 seats),
    a claim however small (the 61 is the whole)."""
    q, k, found = r.q, r.at, at.found
    if (
        k + 1 < len(found)
        and q.unit in ("", found[k + 1].unit)
        and q.value is not None
        and not q.spelled
        and found[k + 1].unit
        and dimension_of(found[k + 1].unit, at.ctx.lex) == "count"
        and OF_WHOLE.fullmatch(at.text, q.end, found[k + 1].start)
    ):
        return replace(r, q=replace(q, unit=found[k + 1].unit), kept=True)
    return r


def fraction_share(r: Reading, at: Figures) -> Reading:
    """A fraction is a share, in percent ("nearly half of", "one in five")."""
    return replace(r, q=_as_share(r.q, at.text, at.ctx.lex)) if r.q.fraction else r


def event_count(r: Reading, at: Figures) -> Reading:
    """A bare figure after a count, joined by "and", before an event of the lexicon counts the
    same things ("1,200 people were killed and 5,400 were injured")."""
    q, last, ctx = r.q, at.last, at.ctx
    if (
        last is not None
        and not q.unit
        and q.value is not None
        and dimension_of(last.unit, ctx.lex) == "count"
        and _AND_BEFORE.fullmatch(at.text, last.end, q.start)
        and (event := EVENT_AFTER.match(at.text, q.end))
        and event.group(1).lower() in ctx.metrics.count_events
    ):
        return replace(r, q=replace(q, unit=last.unit))
    return r


def others_count(r: Reading, at: Figures) -> Reading:
    """A bare figure before "others" counts what the count before it counts ("killed 79 people
    and injured 559 others")."""
    q, last = r.q, at.last
    if (
        last is not None
        and not q.unit
        and q.value is not None
        and dimension_of(last.unit, at.ctx.lex) == "count"
        and _OTHERS_AFTER.match(at.text, q.end)
    ):
        return replace(r, q=replace(q, unit=last.unit))
    return r


def apposed_age(r: Reading, at: Figures) -> Reading:
    """A bare number between commas after a person's name is their age ("Maria Lopez, 54,
    waits outside")."""
    after_age = bool(at.kept) and at.kept[-1].age_of is not None
    if person := _apposed_age(at.text, r.q, at.ctx, after_age=after_age):
        return replace(r, q=replace(r.q, unit="year"), age_of=person, kept=True)
    return r


def bracketed_unit(r: Reading, at: Figures) -> Reading:
    """A bare figure in brackets in a list counts what the bracketed figure before it counts
    ("Malawi (1,502 cases), followed by Zambia (611)")."""
    if at.last is not None and (unit := _bracketed_unit(at.text, r.q, at.last, at.ctx)):
        return replace(r, q=replace(r.q, unit=unit))
    return r


def rate_on_base(r: Reading, at: Figures) -> Reading:
    """A bare number before "per 100,000 <people>" is a rate, however small ("an infant
    mortality rate of 12 per 1,000 live births"); the claim layer names it (per_base_rate)."""
    q = r.q
    if q.unit or q.value is None or not RATE_BASE.match(at.text, q.end):
        return r
    return replace(r, kept=True)


# "per 100,000 residents", "for every 1,000 live births": the base a rate is stated on
RATE_BASE = re.compile(r"\s+(?:per|for\s+every)\s+(\d{1,3}(?:,\d{3})+|10+)\s+([a-z]+(?:\s+births)?)", re.I)


def year_labelled(r: Reading, at: Figures) -> Reading:
    """A bare figure labelled with a year in brackets right after a figure is that figure's
    value in that year, in its unit ("5,870 trawlers (2029: 6,010)")."""
    last, q = at.last, r.q
    if last is None or q.unit or q.value is None or not last.unit:
        return r
    if not _YEAR_LABEL.fullmatch(at.text, last.end, q.start):
        return r
    return replace(r, q=replace(q, unit=last.unit), kept=True)


_YEAR_LABEL = re.compile(r"\s*\(\s*(?:19|20)\d\d\s*:\s*")


def part_of_kind(r: Reading, at: Figures) -> Reading:
    """A bare figure before "of the" (or "of these") and a plural noun counts that noun
    ("ten of the most widely sold cars": 10 cars, "all 12 of these vaccines": 12 vaccines)."""
    q = r.q
    if not q.unit and q.value is not None and q.value == int(q.value) and (noun := _part_of_kind(at.text, q, at.ctx)):
        return replace(r, q=replace(q, unit=noun))
    return r


def counted_before(r: Reading, at: Figures) -> Reading:
    """A bare figure after "the number of X ... rose to" counts X ("The number of countries
    with outbreaks rose to 37"); after a measure that counts, it is that measure ("the NGO put
    the death toll at 63": the toll)."""
    q = r.q
    if not q.unit and q.value is not None and not q.spelled and (counted := _counted_before(at.text, q, at.ctx)):
        noun, measure = counted
        return replace(r, q=replace(q, unit=noun), counted_by=measure or None)
    return r


def revised_measure(r: Reading, at: Figures) -> Reading:
    """A bare figure after a measure that counts, which a verb before it sets ("raised the
    death toll to 63", "revised the toll downward, from 92 to 90"), is a value of that
    measure; so is the figure after "from X to"."""
    q, before = r.q, at.kept[-1] if at.kept else None
    if q.unit or q.value is None or q.spelled:
        return r
    if before is not None and before.counted_by and _FROM_TO.fullmatch(at.text, before.q.end, q.start):
        return replace(r, q=replace(q, unit=before.q.unit), counted_by=before.counted_by)
    if counted := _revised_measure(at.text, q, at.ctx):
        noun, measure = counted
        return replace(r, q=replace(q, unit=noun), counted_by=measure)
    return r


def verb_as_percent(r: Reading, at: Figures) -> Reading:
    """ "doubled", "halved": a change in percent, as round as the word ("rose 100%" agrees;
    "more than doubled" keeps its qualifier)."""
    q, lex = r.q, at.ctx.lex
    if not (q.unit == "x" and q.direction and q.value and q.spelled and " " not in q.surface):
        return r
    said = lex.qualifier_re.search(at.text[max(0, q.start - 40) : q.start])
    stated = lex.qualifier_of[phrase_key(said.group(1))] if said else "approx"
    q = replace(q, value=abs(q.value - 1) * 100, unit="%", qualifier=stated, step=None, spelled=False)
    return replace(r, q=q, verbal=True)


def joined_direction(r: Reading, at: Figures) -> Reading:
    """A figure joined to a change of the same unit is a change the same way ("rose 5% and 7%",
    "grew 3% in the Nordics and 9% in Europe", "rose 5% in 2023 and 3% in 2022")."""
    q, last, text = r.q, at.last, at.text
    if last is None or not last.direction or q.direction or q.unit != last.unit:
        return r
    if (
        JOINED.fullmatch(text, last.end, q.start)
        or JOINED_AFTER_PLACE.fullmatch(text, last.end, q.start)
        or ELLIPSIS.fullmatch(text, last.end, q.start)
    ):
        return replace(r, q=replace(q, direction=last.direction))
    return r


def claimable_figure(r: Reading, at: Figures) -> Reading:
    """A figure a fact-checker records (not vague, not bare, not a word count) is kept."""
    return evolve(r, kept=True) if claimable(r.q, at.ctx.lex) else r


def small_count(r: Reading, at: Figures) -> Reading:
    """A count too small or plain for `claimable` is still stated ("six people", "3 lawsuits"),
    unless it points back ("the two countries") or is nothing ("zero cases")."""
    return replace(r, kept=True) if _small_count(at.text, r.q, at.ctx) else r


def bracketed_count(r: Reading, at: Figures) -> Reading:
    """A bare figure in brackets right after a plural noun counts it ("the most
    laboratory-confirmed cases (8,212)", "vehicles sold (1,204)")."""
    q = r.q
    if q.unit or q.value is None or q.spelled or q.value != int(q.value):
        return r
    noun = _NOUN_THEN_BRACKET.search(at.text, max(0, q.start - 40), q.start)
    if noun is None or noun.group(1) in at.ctx.lex.not_count or not CLOSE_BRACKET.match(at.text, q.end):
        return r
    return replace(r, q=replace(q, unit=noun.group(1)), kept=True)


def shared_rate(r: Reading, at: Figures) -> Reading:
    """A sum joined to the next by "and" takes that one's rate when it states none ("from
    $1,000 and $1,350 per month": $1,000 a month too)."""
    q = r.q
    if "/" in q.unit or not q.unit or r.at + 1 >= len(at.found):
        return r
    nxt = at.found[r.at + 1]
    if not nxt.unit.startswith(q.unit + "/") or not JOINED.fullmatch(at.text, q.end, nxt.start):
        return r
    return evolve(r, q=evolve(q, unit=nxt.unit))


def compared_multiple(r: Reading, at: Figures) -> Reading:
    """A multiple of another amount is a figure ("pay two to three times what others pay"),
    unlike a count of occasions ("visited three times")."""
    return replace(r, kept=True) if _compared_multiple(at.text, r.q, at.ctx) else r


def earlier_bare_figure(r: Reading, at: Figures) -> Reading:
    """A bare figure after "from" is of the figure before ("rose to 58,000 in 2023 from 941":
    941 of the same)."""
    q, last = r.q, at.last
    if last is not None and not q.unit and q.value is not None and _FROM_BEFORE.fullmatch(at.text, last.end, q.start):
        return replace(r, q=replace(q, unit=last.unit), kept=True)
    return r


def compared_bare_figure(r: Reading, at: Figures) -> Reading:
    """A bare figure after "compared with" just after a count is an earlier value of it,
    counted as it counts ("Peru reported 212 new infections, compared with 57 a month
    earlier": 57 infections)."""
    q, last = r.q, at.last
    if last is None or q.unit or q.value is None or q.spelled or not last.unit:
        return r
    if dimension_of(last.unit, at.ctx.lex) != "count":
        return r
    rx = at.ctx.lex.compiled.get("compared bare")
    if rx is None:
        links = trie_alternation(at.ctx.lex.raw["language"].get("comparison_links", []), flexible_space=True)
        rx = at.ctx.lex.compiled["compared bare"] = re.compile(r",?\s+(?:" + links + r")\s+", re.I)
    if rx.fullmatch(at.text, last.end, q.start):
        return replace(r, q=replace(q, unit=last.unit), kept=True)
    return r


QUANTITY_RULES: list[QuantityRule] = [
    shared_rate,
    whole_count,
    fraction_share,
    event_count,
    others_count,
    apposed_age,
    bracketed_unit,
    year_labelled,
    rate_on_base,
    bracketed_count,
    part_of_kind,
    counted_before,
    revised_measure,
    verb_as_percent,
    joined_direction,
    claimable_figure,
    small_count,
    compared_multiple,
    earlier_bare_figure,
    compared_bare_figure,
]


def read_figures(text: str, ctx: ClaimContext) -> tuple[list[Reading], list[tuple[int, Quantity]]]:
    """The figures of a sentence a claim may be made of, each as the quantity rules read it,
    and apart from them the figures that restate one in other units ("1,642 m (5,387 ft)"),
    each with the place of the figure it restates: not another measure, but the same one
    said again, which a fact-checker records with the frame of the first."""
    figures = Figures(text, ctx, tuple(extract_quantities(text, ctx.lex)))
    for k, q in enumerate(figures.found):
        r = Reading(q, k)
        for rule in QUANTITY_RULES:
            r = rule(r, figures)
            if r.kept:
                figures = evolve(figures, kept=(*figures.kept, r))
                break
    readings: list[Reading] = []
    restated: list[tuple[int, Quantity]] = []
    last: Quantity | None = None  # ("153,336 acres (62,053 ha) (240 sq mi)": each restates the first)
    for r in figures.kept:
        if readings and last is not None and restates(text, last, r.q, ctx.lex):
            if same_amount(last, r.q, ctx.lex):
                restated.append((len(readings) - 1, r.q))
        else:
            readings.append(r)
        last = r.q
    return readings, restated


def without_wholes(readings: list[Reading], text: str) -> list[Reading]:
    """ "411 of the 650 seats": the whole a figure is part of is not a claim of its own."""
    return [r for i, r in enumerate(readings) if not (i and OF_WHOLE.fullmatch(text, readings[i - 1].q.end, r.q.start))]


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
            + r")(?:\s+to)?|stood\s+at|came\s+to)|\s+of|\s+at|(?(1)(?!)|(?=\s+(?:"
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
    if brackets is None and q.unit != before.unit and _SEMICOLON.fullmatch(text, before.end, q.start):
        info, other = lex.unit(before.unit), lex.unit(q.unit)
        return info is not None and other is not None and info.dimension == other.dimension
    if brackets is None or q.end > brackets.end():
        return False
    tail = text[q.end : brackets.end()].rstrip(")").strip()  # "(£4bn)" was read brackets and all
    return bool(tail) or dimension_of(before.unit, lex) == dimension_of(q.unit, lex)


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
CLOSE_BRACKET = re.compile(r"\s*\)")
LETTERS = re.compile(r"[A-Za-z]+")
OF_WHOLE = re.compile(r"\s+of\s+(?:the|its|their|all)\s+")
EVENT_AFTER = re.compile(
    r"(?:,(?:\s+[a-z]+){1,4},)?"  # "136,000 people, mostly children, died"
    r"\s+(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|had|have|being|been|who|that|remain|remains|remained)\s+)*"
    r"(?:(?:[a-z]+ly|already|now|since|also|still)\s+)?(laid\s+off|[a-z]+)\b"
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
