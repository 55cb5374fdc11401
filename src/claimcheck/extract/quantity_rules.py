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

from claimcheck.extract.context import ClaimContext, claimable
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.quantity_cues import (
    _AND_BEFORE,
    _FROM_BEFORE,
    _FROM_TO,
    _NOUN_THEN_BRACKET,
    _OTHERS_AFTER,
    CLOSE_BRACKET,
    ELLIPSIS,
    EVENT_AFTER,
    JOINED,
    JOINED_AFTER_PLACE,
    OF_WHOLE,
    _apposed_age,
    _as_share,
    _bracketed_unit,
    _compared_multiple,
    _counted_before,
    _part_of_kind,
    _revised_measure,
    _small_count,
    gapped_noun,
    restates,
    same_amount,
)
from claimcheck.extract.quantity_cues import LETTERS as LETTERS  # (the frame and claim rules import it from here)
from claimcheck.lexicon import phrase_key, trie_alternation
from claimcheck.model import Quantity, evolve
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


def toll_count(r: Reading, at: Figures) -> Reading:
    """A bare whole number in digits next to a toll's word counts people: "28 dead in
    Slovenia", "Storm Kelda kills 14 in Borduria", "left 9 injured" (a headline's way of
    saying 28 people dead)."""
    q = r.q
    if (
        q.unit
        or q.value is None
        or q.value != int(q.value)
        or q.value < 1
        or re.fullmatch(r"(?:1[89]|20)\d\d", q.surface)
    ):
        return r
    after = _TOLL_AFTER.match(at.text, q.end)
    if _AGE_BEFORE.search(at.text, max(0, q.start - 12), q.start):
        return r  # ("the number of people over 65 who died": an age)
    if q.spelled:  # "Three were killed", "four who drowned", "Eleven Listed as Missing": with its verb's help
        return replace(r, q=replace(q, unit="people")) if after and after.group(1) and _toll_word(after) else r
    before = _TOLL_BEFORE.search(at.text, max(0, q.start - 40), q.start)
    if (after and _toll_word(after)) or (before and not _NOUN_NEXT.match(at.text, q.end)):
        return replace(r, q=replace(q, unit="people"))
    return r


def _toll_word(after: re.Match[str]) -> bool:
    return after.group(2).lower() in _TOLL_WORDS


def counted_after(r: Reading, at: Figures) -> Reading:
    """A bare number a verb brings a count "to", written before the count it sets ("brought
    to 12 the number of people killed", "raising to 40 the death toll"), counts that count's
    noun (or is that measure)."""
    q = r.q
    if q.unit or q.value is None or q.spelled or not _TO_BEFORE.search(at.text, max(0, q.start - 30), q.start):
        return r
    named = _COUNT_AFTER.match(at.text, q.end)
    if named is None:
        return r
    if named.group(1):
        noun, verb = named.group(1).lower(), _NEXT_WORD.match(at.text, named.end())
        event = at.ctx.metrics.count_events.get(verb.group(1).lower()) if verb else None
        return replace(r, q=replace(q, unit=noun), counted_by=f"number of {noun} {event}" if event else None)
    measure = at.ctx.metrics.counted_by.get(" ".join(named.group(2).lower().split()))
    return replace(r, q=replace(q, unit=measure[0]), counted_by=measure[1]) if measure else r


_TO_BEFORE = re.compile(
    r"\b(?:brought|brings|bringing|raised|raises|raising|pushed|pushes|pushing|took|takes|taking|lifted|lifting)"
    r"\s+to\s+$",
    re.I,
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_COUNT_AFTER = re.compile(r"\s+the\s+(?:total\s+)?(?:number\s+of\s+([a-z][a-z-]*[a-z])\b|((?:death\s+)?toll)\b)")
_AGE_BEFORE = re.compile(r"\b(?:over|under|above|below|aged|age|than)\s+$", re.I)
_TOLL_WORDS = frozenset(["dead", "killed", "died", "drowned", "perished", "injured", "wounded", "hurt", "missing"])
# "28 dead", "12 were killed", "three have died", "four who drowned", "Eleven Listed as Missing"
_TOLL_AFTER = re.compile(
    r"\s+(?:people\s+)?((?:(?:were|was|are|is|have|has|had|been|still|remain|remained|who|listed\s+as|"
    r"reported|confirmed|now)\s+)*)([A-Za-z]+)\b",
    re.I,
)
_TOLL_BEFORE = re.compile(
    r"\b(?:kills|killed|killing|injures|injured|injuring)\s+(?:at\s+least\s+|more\s+than\s+|over\s+)?$", re.I
)
_NOUN_NEXT = re.compile(r"\s+(?!in\b|on\b|at\b|and\b|as\b|after\b|when\b|across\b|since\b)[a-z]")


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
        or gapped_noun(text, last.end, q.start) is not None  # ("rose 5% in 2023 and imports 3%")
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


def down_from_bare(r: Reading, at: Figures) -> Reading:
    """A bare figure after a clause's closing ", down from" or ", up from" is an earlier value
    of the clause's figure, counted as it counts ("Eleven people are still missing in the
    north, down from more than 1,000": 1,000 people)."""
    q, last = r.q, at.last
    if last is None or q.unit or q.value is None or not last.unit or any(c.isalpha() for c in q.surface):
        return r  # ("up from 10.7 million": a scaled figure is claimable, and the claim rules read it)
    return replace(r, q=replace(q, unit=last.unit), kept=True) if _CLAUSE_FROM.search(at.text, last.end, q.start) else r


# ", down from more than" right before a figure, closing the clause of the figure before it
_CLAUSE_FROM = re.compile(r",\s+(?:down|up)\s+from\s+(?:(?:more|less|fewer)\s+than\s+|about\s+|nearly\s+|almost\s+)?$")


def compared_bare_figure(r: Reading, at: Figures) -> Reading:
    """A bare figure after "compared with" just after a count (and its period) is an earlier
    value of it, counted as it counts ("Peru reported 212 new infections in May, compared
    with 57 a month earlier": 57 infections)."""
    q, last = r.q, at.last
    if last is None or q.unit or q.value is None or q.spelled or not last.unit:
        return r
    if dimension_of(last.unit, at.ctx.lex) != "count":
        return r
    rx = at.ctx.lex.compiled.get("compared bare")
    if rx is None:
        links = trie_alternation(at.ctx.lex.raw["language"].get("comparison_links", []), flexible_space=True)
        # (the count's period may come between: "65 new cases in March, compared with 39 ...")
        rx = at.ctx.lex.compiled["compared bare"] = re.compile(
            r"(?:\s+(?:in|during|for|over)\s+[^,;()]{1,30}?)?,?\s+(?:" + links + r")\s+", re.I
        )
    if rx.fullmatch(at.text, last.end, q.start):
        return replace(r, q=replace(q, unit=last.unit), kept=True)
    return r


QUANTITY_RULES: list[QuantityRule] = [
    shared_rate,
    whole_count,
    fraction_share,
    event_count,
    toll_count,
    counted_after,
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
    down_from_bare,
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
