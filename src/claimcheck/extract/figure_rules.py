"""Figure rules: what each kept figure of a sentence is a figure of (subject, metric, object).

Each rule is a small named function over one figure's `Figure` state and the sentence's
`Scene` (`extract/scene.py`: its text, figures, names, periods, sources, and the claims made
of the figures before); `FIGURE_RULES` runs them in order, then `claim_rules.CLAIM_RULES`. A
rule may drop the figure ("for ten years": when, not what), which ends its rules, or reframe
it: a change said of the level before it ("..., up 38%"), an earlier value after "from", a name
in a list. Their example sentences are golden cases tagged with the rule's name
(`tests/data/claims_golden.json`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimcheck.extract.context import COMPOUND, FORECAST, ROUGHLY, ClaimContext, make_claim
from claimcheck.extract.frames import AUX, frame_of, strip_qualifier
from claimcheck.extract.quantity_rules import CLOSE_BRACKET, ELLIPSIS, LETTERS, RATE_BASE
from claimcheck.extract.scene import (
    Figure,
    FigureFrame,
    FigureRule,
    Move,
    Scene,
    is_change,
    measure_itself,
    measured,
    revised,
    same_as,
    vague,
)
from claimcheck.lexicon import recall
from claimcheck.model import Claim, Quantity
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.units import count_unit, dimension_of


def age_claim(f: Figure, at: Scene) -> Figure:
    """A person's age is a claim of its own ("Maria Lopez, 54, waits outside")."""
    if f.reading.age_of is None:
        return f
    claim = make_claim(at.s, f.q, f.reading.age_of, "age", None, None, at.said_by(f.q), at.ctx)
    return revised(f, claim=claim, done=True)


def span_of_time(f: Figure, at: Scene) -> Figure:
    """A duration that says when or which is no claim ("for ten years", "two years later",
    "a 10-year bond", "a two-year low of 3.4%")."""
    q, text = f.q, at.text
    if q.unit in _TIME_UNITS and (
        _SPAN_BEFORE.search(text, 0, q.start)
        or _SPAN_AFTER.match(text, q.end)
        or COMPOUND.search(q.surface)
        or (q.spelled and _SPELLED_COMPOUND.search(q.surface))
    ):
        return f.drop()
    return f


def year_as_modifier(f: Figure, at: Scene) -> Figure:
    """A year after an article is when, not how many ("A 2024 economic analysis found ...",
    "the 2030 budget"): no count of 2,024 analyses."""
    q = f.q
    if (
        q.value is not None
        and q.value == int(q.value)
        and 1800 <= q.value <= 2100
        and q.surface[:4].isdigit()
        and _ARTICLE_BEFORE.search(at.text, max(0, q.start - 8), q.start)
    ):
        return f.drop()
    return f


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|this|that|its|their|his|her|our)\s+$", re.I)


def rate_denominator(f: Figure, at: Scene) -> Figure:
    """The base of a rate is no claim ("27.3 per 100,000 residents", "12 for every 1,000 live
    births"): the rate before it is (`per_base_rate`)."""
    if _RATE_BASE_BEFORE.search(at.text, max(0, f.q.start - 20), f.q.start):
        return f.drop()
    return f


def per_base_rate(f: Figure, at: Scene) -> Figure:
    """A figure followed by "per 100,000 <people>" is a rate on that base, named with it ("a
    homicide rate of 27.3 per 100,000 residents": homicide rate per 100,000 residents)."""
    q, ctx = f.q, at.ctx
    base = RATE_BASE.match(at.text, q.end)
    counted = bool(q.unit) and dimension_of(q.unit, ctx.lex) == "count" and q.surface.endswith(q.unit)
    if base is None or (q.unit and not counted):
        return f
    named = _RATE_NOUN_BEFORE.search(at.text, max(0, q.start - 60), q.start)
    if counted:  # "842.4 thefts per 100,000 residents"
        rate = q.unit.lower()
    else:
        rate = " ".join(named.group(1).lower().split()) if named else (f.frame.metric if f.frame else "rate")
    per = f"{rate} per {base.group(1)} {base.group(2).lower()}"
    frame = FigureFrame(f.frame.subject if f.frame else None, per, f.frame.object if f.frame else None)
    return revised(f, q=revised(q, unit=""), frame=frame)


_RATE_BASE_BEFORE = re.compile(r"\b(?:per|for\s+every|out\s+of\s+every|in\s+every)\s+$", re.I)
_RATE_NOUN_BEFORE = re.compile(
    r"\b((?:(?!(?:a|an|the|its|their|his|her|this|that)\s)[a-z]+\s+){0,2}(?:rate|ratio|incidence|prevalence))"
    r"\s+(?:of|was|is|at|stood\s+at)\s+$"
)


def level_verb_change(f: Figure, at: Scene) -> Figure:
    """A change that does not say up or down is no claim ("the deficit improved by 2 points")."""
    by = _VERB_BY.search(at.text, max(0, f.q.start - 60), f.q.start)
    return f.drop() if by and by.group(1).lower() in at.ctx.lex.level_verbs else f


def margin_of_error(f: Figure, at: Scene) -> Figure:
    """The margin of a figure is not a figure ("1.45C, plus or minus 0.12C")."""
    return f.drop() if _PLUS_MINUS.search(at.text, max(0, f.q.start - 16), f.q.start) else f


def expected_figure(f: Figure, at: Scene) -> Figure:
    """What others expected is no claim ("Economists polled by Reuters had expected inflation
    of 2.7%")."""
    return f.drop() if at.ctx.lex.forecast_re.search(at.text, max(0, f.q.start - 200), f.q.start) else f


def consensus_figure(f: Figure, at: Scene) -> Figure:
    """What analysts expected is no claim ("$1.87, compared with expectations of $1.79")."""
    return f.drop() if _CONSENSUS.search(at.text, max(0, f.q.start - 100), f.q.start) else f


def own_frame(f: Figure, at: Scene) -> Figure:
    """The frame the figure's own clause states (`frames.frame_of`); a figure that is its own
    verb ("coal consumption doubled") is read as "rose by 100%"."""
    q, ctx = f.q, at.ctx
    found = _verbal_frame(at.text, q, ctx) if f.reading.verbal else frame_of(at.text, q, list(at.mentions), ctx)
    return revised(f, frame=FigureFrame(*found) if found else None, base_from=q.end)


def paid_by_verb(f: Figure, at: Scene) -> Figure:
    """A sum that is the object of a verb of paying, saving or spending is what that verb
    says ("Families are expected to save $800 a year on premiums": savings on premiums); the
    noun phrase before the verb is who pays or saves, not the measure ("forecast families")."""
    q, ctx = f.q, at.ctx
    if f.frame is None or f.reading.verbal or dimension_of(q.unit, ctx.lex) != "currency":
        return f
    verb = _paying_verb(at.text, q, ctx)
    if verb is None:
        return f
    what = _saved_on(at.text, q, ctx.lex.money_verbs[verb])
    if ctx.lex.money_verbs[verb] in f.frame.metric.split():
        return f  # ("spent $31.6 billion on defence": defence spending, as the frame reads it)
    forecast = FORECAST if f.frame.metric.startswith(FORECAST) else ""
    rate = _RATE_LATER.match(at.text, q.end)
    per = rate.group().rsplit(None, 1)[-1].lower() if rate else ""
    if per in ("year", "month", "week", "day") and "/" not in q.unit:
        q = revised(q, unit=f"{q.unit}/{per}")  # "pay $6,497 in out-of-pocket costs per year"
    return revised(f, q=q, frame=revised(f.frame, metric=forecast + what))


def counted_after_preposition(f: Figure, at: Scene) -> Figure:
    """A count of its own noun after a preposition counts that noun; the noun phrase before
    the clause's verb measures something else ("Prices will fall for the first 10 drugs
    selected": 10 drugs, not a price)."""
    q, ctx = f.q, at.ctx
    if f.frame is None or not q.unit or not q.surface.endswith(q.unit) or f.frame.metric.startswith("number of "):
        return f
    if dimension_of(q.unit, ctx.lex) != "count" or not _PREPOSITION_BEFORE.search(
        at.text, max(0, q.start - 40), q.start
    ):
        return f
    return revised(f, frame=FigureFrame(f.frame.subject, f"number of {count_unit(q.unit, ctx.lex)}", f.frame.object))


def whole_out_of(f: Figure, at: Scene) -> Figure:
    """A count after "out of" counts its own noun, the whole the figure before is part of
    ("a toll of 4,922 out of 10,141 known cases": 10,141 cases, not a second toll)."""
    q = f.q
    words = q.surface.split()[1:]
    if at.before is None or not words or not _OUT_OF.fullmatch(at.text, at.gap, q.start):
        return f
    if dimension_of(q.unit, at.ctx.lex) != "count":
        return f
    subject = f.named.subject if f.frame is not None else at.before.subject
    return revised(f, frame=FigureFrame(subject, "number of " + " ".join(words).lower(), None))


def appositive_change(f: Figure, at: Scene) -> Figure:
    """A change right after a level is the change of that level ("Tesla delivered 1.81 million
    vehicles in 2023, up 38%"; make_claim names it "change in <metric>")."""
    if (
        at.before is not None
        and f.q.direction
        and vague(f.frame, at.ctx)
        and _APPOSITIVE_CHANGE.fullmatch(at.text, at.gap, f.q.start)
    ):
        return revised(f, frame=measured(at.before))
    return f


def after_doing(f: Figure, at: Scene) -> Figure:
    """A change after another "after ...ing" is the same change ("is expected to grow 1% this
    year after expanding 2.7% in 2023")."""
    before = at.before
    if (
        before is not None
        and f.q.direction
        and is_change(before)
        and _AFTER_DOING.fullmatch(at.text, at.gap, f.q.start)
    ):
        return revised(f, frame=measured(before))
    return f


def change_named_after(f: Figure, at: Scene) -> Figure:
    """What rose is named after the noun of change ("Police recorded a 12% rise in burglaries")."""
    changed_in = _CHANGE_IN.match(at.text, f.q.end) if f.q.direction else None
    if not changed_in or changed_in.group(1) not in at.ctx.lex.rise_nouns | at.ctx.lex.fall_nouns:
        return f
    what = at.ctx.metrics.normalize(changed_in.group(2))
    if not what:
        return f
    frame = f.frame
    return revised(f, frame=revised(frame, metric=what) if frame is not None else FigureFrame(None, what, None))


def change_noun(f: Figure, at: Scene) -> Figure:
    """ "a 1% decrease", "a rise of 4.9%" after a level is its change ("20,400 people were
    killed in 2023, a 1% decrease compared to 2022"); the base year comes after the noun."""
    before, text, q = at.before, at.text, f.q
    noun = WORD_AFTER.match(text, q.end) if before is not None and q.direction else None
    if (
        before is not None
        and noun
        and (noun.group(1) in at.ctx.lex.rise_nouns or noun.group(1) in at.ctx.lex.fall_nouns)
    ):
        f = revised(f, base_from=noun.end())
        return revised(f, frame=measured(before)) if _A_CHANGE.fullmatch(text, at.gap, q.start) else f
    if before is not None and q.direction and _A_CHANGE_OF.fullmatch(text, at.gap, q.start):
        return revised(f, frame=measured(before))
    return f


def amount_of_change(f: Figure, at: Scene) -> Figure:
    """An amount after "an increase of" / "a drop of" in the unit of the level before it is
    that level's change, up or down as the noun says ("sales rose to NOK 24.8 billion, an
    increase of NOK 1.9 billion"); the quantity layer marks only percentages so."""
    before, q = at.before, f.q
    if before is None or q.direction or not q.unit or q.unit != before.unit:
        return f
    m = _CHANGE_NOUN_OF.fullmatch(at.text, at.gap, q.start)
    lex = at.ctx.lex
    if m is None or m.group(1) not in lex.rise_nouns | lex.fall_nouns:
        return f
    direction = "up" if m.group(1) in lex.rise_nouns else "down"
    return revised(f, q=revised(q, direction=direction), frame=measured(before))


_CHANGE_NOUN_OF = re.compile(r"[^;.]{0,40}?,\s*(?:an?|the)\s+(?:[a-z]+\s+)?([a-z]+)\s+of\s+" + ROUGHLY)


def listed_share(f: Figure, at: Scene) -> Figure:
    """A name's figure in a list after a figure is of the same measure, for that name ("26% of
    the burden, followed by Indonesia (10%), China (6.8%)")."""
    if not vague(f.frame, at.ctx) or at.before is None or f.q.direction:
        return f
    listed = _listed_share(at.text, f.q, at.before, at.mentions, at.s.start)
    return revised(f, frame=listed, listed=True) if listed else f


def listed_part(f: Figure, at: Scene) -> Figure:
    """A share after a part's name and a comma, in a list of parts ("The leading end uses were
    batteries, 62%; alloys, 21%; and other uses, 17%", or after "Batteries accounted for 62%
    of consumption;"): the list's measure, for that part."""
    if not vague(f.frame, at.ctx) or f.q.unit != "%" or f.q.direction:
        return f
    item = _PART_ITEM.search(at.text, max(0, f.q.start - 60), f.q.start)
    if item is None:
        return f
    part, before = item.group("part"), at.before
    subject = f.frame.subject if f.frame else None
    if before is not None and before.unit == "%":
        if before.object is not None and before.metric.startswith("share of "):
            return revised(f, frame=FigureFrame(before.subject, before.metric, part), listed=True)
        named = before.metric.split(" share of ", 1)
        if len(named) == 2:  # "batteries share of consumption" -> "alloys share of consumption"
            return revised(f, frame=FigureFrame(before.subject, f"{part} share of {named[1]}", None), listed=True)
        return f
    head = _PARTS_HEAD.search(at.text, max(0, item.start("part") - 60), item.start("part"))
    if head is None or at.out:
        return f
    whole = _RANKING_WORDS.sub("", head.group("whole"))  # "The leading end uses": end uses
    return revised(f, frame=FigureFrame(subject, at.ctx.metrics.share(whole), part), listed=True)


# "; and other uses, " / ": batteries, " right before a share
_PART_ITEM = re.compile(
    r"(?:^|[;:,]|\b(?:were|are|was|is|included|include)\b)\s*(?:and\s+)?(?P<part>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}),\s*$"
)
# "The leading end uses were" / "Major uses:" before the first part
_PARTS_HEAD = re.compile(r"(?P<whole>[A-Za-z][a-z -]{1,40}?)\s*(?:\b(?:were|are|was|is|included|include)|:)\s*$")
_RANKING_WORDS = re.compile(r"^(?:(?:the|its|their|leading|major|main|principal|top)\s+)+", re.I)


def of_which_share(f: Figure, at: Scene) -> Figure:
    """A share after "of which <part> accounted for" is the part's share of the figure before's
    measure ("Exports amounted to NOK 151 billion, of which salmon accounted for 72 percent")."""
    before = at.before
    if before is None or f.q.unit != "%" or f.q.direction:
        return f
    m = _OF_WHICH.search(at.text, at.gap, f.q.start)
    if m is None or m.end() != f.q.start:
        return f
    part = at.ctx.metrics.normalize(m.group("part")) or m.group("part").lower()
    if not vague(f.frame, at.ctx) and f.frame is not None and f.frame.metric != part:
        return f  # ("of which exports rose 4%": a measure of its own)
    return revised(f, frame=FigureFrame(before.subject, f"{part} share of {measured(before).metric}", before.object))


_OF_WHICH = re.compile(
    r",?\s*of\s+which\s+(?P<part>[A-Za-z][\w -]{1,40}?)\s+(?:accounted\s+for|made\s+up|represented|comprised|"
    r"was|were|is|are)\s+(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than|less\s+than)\s+)?"
)


def target_of_same(f: Figure, at: Scene) -> Figure:
    """A figure before a target's noun with no measure of its own is the target of the
    measure before it ("expects inflation to average 6.5% ... and to return to its 3% target"):
    `goal_or_forecast` names it a target."""
    before = at.before
    if before is None or not vague(f.frame, at.ctx) or not at.ctx.lex.target_after_re.match(at.text, f.q.end):
        return f
    measure = measure_itself(before.metric)  # (not "previous forecast ...": the measure itself)
    return revised(f, frame=FigureFrame(before.subject, measure, before.object))


def earlier_value(f: Figure, at: Scene) -> Figure:
    """The figure after "from" is an earlier value of the figure before it ("slowed to 3.6%
    from 4.2%", "rose to 4.1% in June (up from 3.9% in May)")."""
    return revised(f, earlier=at.before is not None and bool(_EARLIER_VALUE.fullmatch(at.text, at.gap, f.q.start)))


def less_of_same(f: Figure, at: Scene) -> Figure:
    """An earlier value read as part of the figure before's measure is that measure ("widened
    to 6.3% of GDP in 2023 from 5.5% in 2022": the 5.5% read alone is a "deficit")."""
    before = at.before
    if f.earlier and before is not None and f.frame is not None and _reads_less_of(f.frame, before):
        return revised(f, frame=same_as(before), borrowed=True)
    return f


def gapped_metric(f: Figure, at: Scene) -> Figure:
    """The noun before a figure after "and" names its measure ("Inflation was 3.1% in 2023 and
    unemployment 4%")."""
    before, ctx = at.before, at.ctx
    gapped = _GAPPED.fullmatch(at.text, at.gap, f.q.start) if before is not None else None
    if (
        gapped
        and not any(_not_a_name_word(w, ctx) for w in gapped.group(1).split())
        and (named := ctx.metrics.normalize(gapped.group(1)))
        and before is not None
    ):
        return revised(f, frame=FigureFrame(before.subject, named, before.object))
    return f


def earlier_of_same(f: Figure, at: Scene) -> Figure:
    """An earlier value with no metric of its own is of the same measure ("(from 4% in May)")."""
    if at.before is not None and vague(f.frame, at.ctx) and f.earlier:
        return revised(f, frame=same_as(at.before), borrowed=True)
    return f


def ellipsis_of_same(f: Figure, at: Scene) -> Figure:
    """A figure with no metric after "and" is the same measure for another period ("growth of
    4.9% in 2022 and 7.6% in 2021")."""
    before = at.before
    if (
        before is not None
        and vague(f.frame, at.ctx)
        and not f.earlier
        and ELLIPSIS.fullmatch(at.text, at.gap, f.q.start)
    ):
        return revised(f, frame=measured(before) if f.q.direction else same_as(before), borrowed=True)
    return f


def reaching_level(f: Figure, at: Scene) -> Figure:
    """The level a change reached is of what changed ("India's population grew 0.8%, reaching
    1.43 billion")."""
    before, text, q = at.before, at.text, f.q
    if (
        before is not None
        and vague(f.frame, at.ctx)
        and not f.earlier
        and not ELLIPSIS.fullmatch(text, at.gap, q.start)
        and is_change(before)
        and _REACHING.fullmatch(text, at.gap, q.start)
    ):
        return revised(f, frame=measured(before))
    return f


def moved_between(f: Figure, at: Scene) -> Figure:
    """A figure at either end of "from X to Y" is of what moved ("reduce the price of its drug
    Repatha from $573 to $239"), with the rate the other end states."""
    moved = _moved(at.text, [r.q for r in at.figures], f.i, at.ctx)
    if moved is None:
        return f
    return revised(f, moved=moved, frame=moved.reframe(f.frame, at.ctx), q=revised(f.q, unit=moved.unit))


def money_by_word(f: Figure, at: Scene) -> Figure:
    """A sum of money its clause names no measure of is what the verb before it or its noun
    says it is ("the fund invested $40 million": investment; "a rebate of $75", "a $3 billion
    grant"). ("Save" is left out: two savings of one payer conflict when they are of different
    schemes.)"""
    if not vague(f.frame, at.ctx) or f.moved is not None:
        return f
    what = _money_word(at.text, f.q, at.ctx)
    if what is None:
        return f
    frame = f.frame
    return revised(f, frame=revised(frame, metric=what) if frame is not None else FigureFrame(None, what, None))


def priced_for(f: Figure, at: Scene) -> Figure:
    """A sum after "<noun> for" is that thing's price ("can find coverage for $10 a month",
    "sells a month's supply for $35"), when its clause names no other measure."""
    if not vague(f.frame, at.ctx) or f.moved is not None or dimension_of(f.q.unit, at.ctx.lex) != "currency":
        return f
    left = strip_qualifier(at.text[max(0, f.q.start - 60) : f.q.start], at.ctx)
    if "/" in f.q.unit and _AT_END.search(left):  # "Trulicity, a diabetes medicine, at $389 per month"
        subject = f.frame.subject if f.frame is not None else None
        return revised(f, frame=FigureFrame(subject, "price", None))
    bought = _BOUGHT_FOR.search(left)
    word = bought.group(1).lower() if bought else ""
    subject = f.frame.subject if f.frame is not None else None
    if word in _ON_SALE:  # "will be available for as little as $25 a month", "sold for $35"
        return revised(f, frame=FigureFrame(subject, "price", None))
    if not word or word in at.ctx.lex.determiners or word.endswith(("ed", "ing")) or word in at.ctx.lex.money_verbs:
        return f  # ("was fined for $500": a verb, not a thing bought)
    return revised(f, frame=FigureFrame(subject, f"{word} price", None))


_ON_SALE = frozenset(["available", "sold", "offered", "listed", "priced", "selling", "retails", "retailing"])


def no_metric(f: Figure, at: Scene) -> Figure:
    """A figure with no metric at all is no claim ("24%" in a flattened table): nothing anyone
    could compare."""
    return f.drop() if vague(f.frame, at.ctx) else f


def bracketed_place(f: Figure, at: Scene) -> Figure:
    """A figure in brackets after a place is that place's, not the sentence's or the document's
    ("case counts were highest in Malawi (1,502 cases), followed by Zambia (611)")."""
    frame, ctx = f.named, at.ctx
    place = _bracketed_place(at.text, f.q, at.mentions, ctx)
    if place and (frame.subject is None or frame.subject == ctx.topic or ctx.entities.is_place(frame.subject)):
        return revised(f, frame=FigureFrame(place, frame.metric, None if frame.object == place else frame.object))
    return f


FIGURE_RULES: list[FigureRule] = [
    age_claim,
    year_as_modifier,
    rate_denominator,
    span_of_time,
    level_verb_change,
    margin_of_error,
    expected_figure,
    consensus_figure,
    own_frame,
    per_base_rate,
    paid_by_verb,
    counted_after_preposition,
    whole_out_of,
    appositive_change,
    after_doing,
    change_named_after,
    change_noun,
    amount_of_change,
    listed_share,
    listed_part,
    of_which_share,
    target_of_same,
    earlier_value,
    less_of_same,
    gapped_metric,
    earlier_of_same,
    ellipsis_of_same,
    reaching_level,
    moved_between,
    money_by_word,
    priced_for,
    no_metric,
    bracketed_place,
]


def _moved(text: str, qs: list[Quantity], i: int, ctx: ClaimContext) -> Move | None:
    """The figure `qs[i]` as one end of a change stated from one level to another ("Merck will
    reduce the price of its drug Januvia from $330 to $100"), or None."""
    q = qs[i]
    if (
        i + 1 < len(qs)
        and _FROM_AT_END.search(text, max(0, q.start - 30), q.start)
        and (_TO_OTHER_END.fullmatch(text, q.end, qs[i + 1].start))
    ):
        first, before = q, True
    elif (
        i
        and _TO_OTHER_END.fullmatch(text, qs[i - 1].end, q.start)
        and (_FROM_AT_END.search(text, max(0, qs[i - 1].start - 30), qs[i - 1].start))
    ):
        first, before = qs[i - 1], False
    else:
        return None
    said = _FROM_AT_END.search(text, max(0, first.start - 30), first.start)
    clause = re.split(r"[.;:]\s", text[: said.start() if said else first.start])[-1].rstrip(" ,")
    words = [w.lower() for w in LETTERS.findall(clause)]
    verbs = recall(
        ctx.lex,
        "moving verbs",
        0,
        lambda: (
            ctx.lex.rise
            | ctx.lex.fall
            | ctx.lex.by_only
            | ctx.lex.level_verbs
            | frozenset(ctx.lex.raw["language"].get("revision_verbs", ()))
        ),  # "revised the toll from 88 to 85"
    )
    at = max((k for k, w in enumerate(words) if w in verbs), default=-1)
    if at < 0:
        return None
    # the last name in the clause but its first word: "its drug Repatha", "the inhaler Advair Diskus"
    names = [m.group() for m in _NAME_RUN.finditer(clause) if m.start() > 0]
    name = names[-1] if names else None
    if name and (name.split()[0].lower() in ctx.lex.months or name.split()[0].lower() in ctx.lex.weekdays):
        name = None
    metric = None
    tail = _after_word(clause, words[at])
    head = _HEAD_OF.match(tail or "")
    if head:  # "reduce the price of its drug Repatha": the price
        metric = ctx.metrics.normalize(head.group(1)) or None
    if metric is None and dimension_of(q.unit, ctx.lex) == "currency":
        metric = "price"  # "Repatha will be discounted from $573 to $239": a sum that moved, named nothing else
    unit = q.unit
    other = qs[i + 1] if before else qs[i - 1]
    if "/" in other.unit and "/" not in unit and other.unit.split("/")[0] == unit:
        unit = other.unit  # "from $1,086 per month to an average of $346": $346 a month
    adjectives = ctx.lex.raw["units"].get("rate_adjectives", {})  # (as claim_rules.rated_by_adjective reads them)
    per = next((adjectives[w] for w in words if w in adjectives), None)
    if per and "/" not in unit and dimension_of(unit, ctx.lex) == "currency":
        unit = f"{unit}/{per}"  # "the monthly prices ... will fall from $1,028 to $350": a month's
    return Move(before, name, metric, unit)


def _money_word(text: str, q: Quantity, ctx: ClaimContext) -> str | None:
    """What a sum of money is by the words around it (`money_by_word`), or None."""
    if dimension_of(q.unit, ctx.lex) != "currency" or ("/" not in q.unit and _RATE_LATER.match(text, q.end)):
        return None  # "$6,497 in costs per year": a sum whose rate comes later is not read alone
    lex = ctx.lex
    noun = _MONEY_NOUN_AFTER.match(text, q.end)
    if noun and noun.group(1).lower() in lex.money_nouns:
        return lex.money_nouns[noun.group(1).lower()]
    put = _MONEY_NOUN_IN.match(text, q.end)  # "$27 billion in new manufacturing investments"
    if put and put.group(2) in lex.money_nouns:
        kinds = [w for w in put.group(1).split() if w.islower() and w not in ("new", "additional", "further")]
        return " ".join([*kinds, lex.money_nouns[put.group(2)]])
    left = strip_qualifier(text[max(0, q.start - 80) : q.start], ctx)
    of = _MONEY_NOUN_OF.search(left)
    if of and of.group(1).lower() in lex.money_nouns:
        return lex.money_nouns[of.group(1).lower()]
    verb = _money_verb_before(left, ctx, lambda w: w in _NOT_AN_OBJECT)
    return _saved_on(text, q, lex.money_verbs[verb]) if verb else None


def _money_verb_before(left: str, ctx: ClaimContext, stops: Callable[[str], bool]) -> str | None:
    """The nearest money verb at the end of `left` ("will save taxpayers", "capped at"), with
    only its object between it and the sum; None when a word that `stops` comes first."""
    tail = _MONEY_VERB_BEFORE.search(left)
    words = tail.group(1).lower().split() if tail else []
    for w in reversed(words):
        if w in ctx.lex.money_verbs:
            return w
        if stops(w):
            return None
    return None


def _paying_verb(text: str, q: Quantity, ctx: ClaimContext) -> str | None:
    """The verb of paying the sum is the object of ('will save taxpayers', 'pay an average
    of', 'spent'), with at most its indirect object or a filler between; None otherwise."""
    left = ctx.lex.amount_filler_re.sub(" ", strip_qualifier(text[max(0, q.start - 80) : q.start], ctx))
    lex = ctx.lex
    # ("saved people with Medicare $1 billion": who was saved may have a "with")
    verb = _money_verb_before(
        left, ctx, lambda w: (w in _NOT_AN_OBJECT and w != "with") or w in lex.rise or w in lex.fall
    )
    return verb if verb and lex.money_verbs[verb] in _PAYING else None


_PAYING = frozenset(["savings", "payment", "spending", "investment"])


def _saved_on(text: str, q: Quantity, what: str) -> str:
    """Savings, spending and investment are of what they are saved, spent or invested on,
    said after the sum ("save $6 billion on prescription drug costs": savings on prescription
    drug costs; "invested $5 billion in battery plants"); savings of nothing named are only
    "savings", which names no measure of its own."""
    if what not in _PAYING:
        return what
    on = _SAVED_ON.match(text, q.end)
    return f"{what} {on.group(1).lower()} {' '.join(on.group(2).lower().split())}" if on else what


def _after_word(clause: str, word: str) -> str | None:
    """What follows the last `word` in `clause` (case-insensitive), stripped."""
    found = None
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", clause, re.I):
        found = m
    return clause[found.end() :].strip() if found else None


def _reads_less_of(frame: FigureFrame, before: Claim) -> bool:
    """Whether a frame names part of what `before` measures, for the same subject and object."""
    subject, metric, obj = frame.subject, frame.metric, frame.object
    return (
        subject in (None, before.subject)
        and obj in (None, before.object)
        and set(metric.split()) < set(before.metric.split())
    )


def _listed_share(
    text: str, q: Quantity, before: Claim, mentions: tuple[Mention, ...], offset: int
) -> FigureFrame | None:
    """The frame of a figure in brackets or after "at" after a name, in a list that follows a
    figure of the same unit ("..., followed by Indonesia (10%), China (6.8%) and Pakistan
    (6.3%)", "..., ahead of Peru at 11%"): the measure of the figure before, for that name."""
    at = _NAME_AT.search(text, max(0, q.start - 40), q.start)  # (anchored at the figure: look back a little)
    if at is not None:
        head = text[: at.start()]  # "..., ahead of Peru at 11%"
    elif CLOSE_BRACKET.match(text, q.end) and text[: q.start].rstrip().endswith("("):
        head = text[: q.start].rstrip()[:-1].rstrip()
    else:
        return None
    named = [e for e in mentions if e.end == len(head) and e.known and e.form != "adjective"]
    gap = text[before.surface_end - offset : named[0].start] if named else ""
    if not named or not _LIST_GAP.fullmatch(gap) or q.unit != before.unit:
        return None
    return FigureFrame(named[0].name, before.metric, before.object)


def _bracketed_place(text: str, q: Quantity, mentions: tuple[Mention, ...], ctx: ClaimContext) -> str | None:
    """The place whose figure stands in brackets right after its name: "Malawi (1,502 cases)"."""
    head = text[: q.start].rstrip()
    if not head.endswith("(") or not CLOSE_BRACKET.match(text, q.end):
        return None
    head = head[:-1].rstrip()
    named = [e for e in mentions if e.end == len(head) and e.known and ctx.entities.is_place(e.name)]
    return named[0].name if named else None


def _not_a_name_word(word: str, ctx: ClaimContext) -> bool:
    """A word that names no measure between 'and' and a figure ('and just 3.5%', 'and rose
    to 4.5%'): an adverb, a qualifier or a verb of change."""
    w = word.lower()
    lex = ctx.lex
    return (
        w.endswith("ly")
        or w in lex.qualifier_of
        or w in lex.rise
        or w in lex.fall
        or w in lex.increment_words  # "just", "only", "another"
        or w in lex.determiners
        or w in AUX
        or w in _LINK_WORDS
    )


_LINK_WORDS = frozenset(["then", "still", "also", "to"])


def _verbal_frame(text: str, q: Quantity, ctx: ClaimContext) -> tuple[str | None, str, str | None] | None:
    """The frame of a quantity that is its own verb ("coal consumption doubled"), read as the
    sentence would be with a verb of change and the percentage after it."""
    head = text[: q.start]
    if said := ctx.lex.qualifier_re.search(head, max(0, q.start - 40)):
        head = head[: said.start()]  # "has more than doubled": the verb's qualifier is the figure's
    head = _AUX_END.sub(" ", head)
    lead = head + ("rose by " if q.direction == "up" else "fell by ")
    alt = lead + "100%" + text[q.end :]
    mentions = [e for e in ctx.entities.mentions(alt) if e.name not in ctx.speakers]
    return frame_of(alt, revised(q, start=len(lead), end=len(lead) + 4, surface="100%"), mentions, ctx)


# "... to an average price of $346", "... to as low as $149", "..., to $350": from one end to the other
_TO_OTHER_END = re.compile(r",?\s+to\s+(?:[a-z]+\s+){0,4}")
_FROM_AT_END = re.compile(r"\bfrom\s+(?:[a-z]+\s+){0,2}$")
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")
_HEAD_OF = re.compile(r"^(?:the|its|their|his|her|our)\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:of|for)\s")
_NAME_AT = re.compile(r"(?<=[A-Za-z])\s+at\s+" + ROUGHLY + "$")
# between the first figure and a listed name: "of the global burden, followed by", "), China",
# "% and" ("followed by Myanmar at 11% and Australia at 6%")
_LIST_GAP = re.compile(
    r"[^.;()]{0,80}?(?:,\s*(?:followed\s+by|ahead\s+of|then|with|including)?|\)\s*,?\s*(?:and\s+)?|\s+and\s)\s*(?:the\s+)?"
)
_AUX_END = re.compile(r"\s+(?:has|have|had)(?:\s+been)?\s*$")
# a duration is a claim ("life expectancy is 84.1 years"), unless it says when or how long
_TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "second", "decade", "century"])
_SPAN_BEFORE = re.compile(
    r"\b(?:for|over|in|within|after|before|during|since|past|last|next|every|than|of|first)\s+"
    r"(?:the\s+)?(?:past\s+|last\s+|next\s+|first\s+)?"
    r"(?:(?:about|almost|nearly|around|roughly|some|more\s+than|less\s+than|over|under)\s+)?$",
    re.I,
)
_SPAN_AFTER = re.compile(r"\s+(?:ago|later|earlier|before|after|from now|on|into|of)\b")
_SPELLED_COMPOUND = re.compile(r"[a-z]-[a-z]+$", re.I)
_VERB_BY = re.compile(r"\b([a-z]+)\s+by\s+" + ROUGHLY + "$")
_PLUS_MINUS = re.compile(r"(?:\bplus\s+or\s+minus|±|\+/-)\s*$", re.I)
_CONSENSUS = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|beating|beat|missing|missed|topping|topped|ahead\s+of|"
    r"above|below|exceeding|exceeded)\s+(?:the\s+|an?\s+)?(?:[\w'’]+\s+){0,3}?(?:expectations?|estimates?|consensus)"
    r"(?:\s+(?:of|for))?\s+" + ROUGHLY + "$",
    re.I,
)
# ", up 38%" right after a figure: its change, with the figure's metric
_APPOSITIVE_CHANGE = re.compile(
    r"[^,;.]{0,40}?,\s*(?:up|down)\s+(?:by\s+)?(?:(?:about|almost|nearly|around|some|over|more\s+than)\s+)?"
)
_AFTER_DOING = re.compile(
    r"[^.;:]{0,40}?,?\s(?:after|before|while|having)\s+(?:been\s+)?[a-z]+(?:ing|ed)\s+(?:by\s+)?" + ROUGHLY
)
_CHANGE_IN = re.compile(
    r"\s+([a-z]+)\s+in\s+(?:the\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=\s*(?:[,.;:]|$|\s+(?:in|at|on|for|during|since|over|from)\b))"
)
_A_CHANGE = re.compile(r"[^;.]{0,80}?,\s*(?:an?|the)\s+" + ROUGHLY)
_A_CHANGE_OF = re.compile(r"[^;.]{0,80}?,\s*(?:an?|the)\s+[a-z]+\s+of\s+" + ROUGHLY)
# all that stands between a figure and the earlier one it is compared with: "4.1% in June (up
# from 3.9%", "3% in June, from 4%"
_EARLIER_VALUE = re.compile(
    r"(?:\s+of\s+(?:the\s+)?[A-Za-z][\w-]*)?"  # "6.3% of GDP in 2023 from 5.5%"
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?|\s+(?:last|this|a)\s+(?:year|quarter|month|week))?"
    r"(?:,\s*[^,;().]{1,60}?\s(?:said|says|reported|showed|shows|estimated|estimates)\b)?"  # ", the commission said,"
    r"(?:\s*[,(]?\s*(?:(?:up|down|[a-z]+ing)\s+)?from\s+(?:[a-z]+\s+){0,2}(?:(?:forecast|estimate|projection)\s+of\s+)?"  # ", slowing from 3.4%"
    r"|\s*\(\s*(?:19|20)\d\d\s*:\s*)"  # "fell to 9,870 (2029: 10,240)": the year before's value
)
_GAPPED = re.compile(r"\s+(?:in|during|for)\s+[^,;().]{1,30}?\s*,?\s+and\s+((?:[a-z][a-z-]+\s+){1,3})$")
_REACHING = re.compile(
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?,\s*(?:reaching|hitting|to\s+reach|to\s+hit|"
    r"(?:bringing|taking)\s+(?:it|them|the\s+total)\s+to)\s+(?:a\s+record\s+(?:high\s+of\s+)?|an?\s+)?"
)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:for|among|with|on)\s+(?:(?:the|its|their|all|first|last|next|top)\s+){0,2}"
    r"(?:(?:at\s+least|more\s+than|up\s+to|nearly|about|some|over)\s+)?$"
)
_MONEY_NOUN_IN = re.compile(
    r"\s+in\s+((?:[A-Za-z][\w.'’-]*\s+){0,4}?)([a-z]+)"
    r"(?=\s*[.,;]|\s*$|\s+(?:for|from|by|to|at|over|in|since|this|next|last|across)\b)"
)
_AT_END = re.compile(r"\bat\s+$")
_BOUGHT_FOR = re.compile(r"\b([a-z][a-z-]{2,})\s+for\s+(?:as\s+(?:little|low)\s+as\s+|just\s+|only\s+)?$")
_OUT_OF = re.compile(r"\s+out\s+of\s+(?:a\s+total\s+of\s+|the\s+)?")
_SAVED_ON = re.compile(
    r"(?:\s+(?:a|per|each|every)\s+(?:year|month)|\s+annually)?\s+(on|in)\s+(?!the\s+first\b)"
    r"((?:(?:their|its|the)\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,4}?)"
    r"(?=\s*[,.;—–]|\s+(?:in|for|by|since|over|during|this|next|each|every|through|because|from|when|while|and|as|alone|a|per|"
    r"under|to|at|with|after|than|on)\b|\s*$)"
)
# shared with the claim rules
_MONEY_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b(?!\s+of\b)")  # "a $10 billion investment"
_RATE_LATER = re.compile(r"[^,;.()]{1,40}?\bper\s+[a-z]+")
_MONEY_NOUN_OF = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[a-z]+\s+)?([a-z][a-z-]+)\s+of\s+(?:just\s+|only\s+)?$")
# "will save taxpayers $160 billion", "capped at $35": the verb, then at most three words of its object
_MONEY_VERB_BEFORE = re.compile(r"(?<![\w-])((?:[A-Za-z]+\s+){1,4})(?:at\s+|just\s+|only\s+)?$")
_NOT_AN_OBJECT = frozenset(
    [
        "to",
        "from",
        "by",
        "of",
        "than",
        "and",
        "or",
        "for",
        "in",
        "on",
        "with",
        "per",
        "that",
        "which",
        "who",
        "is",
        "was",
    ]
)
WORD_AFTER = re.compile(r"\s+([a-z]+)")
