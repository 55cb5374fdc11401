"""Figure rules: what each kept figure of a sentence is a figure of (subject, metric, object).

Each rule is a small named function over one figure's `Figure` state and the sentence's
`Scene` (`extract/scene.py`: its text, figures, names, periods, sources, and the claims made
of the figures before); `FIGURE_RULES` runs them in order, then `claim_rules.CLAIM_RULES`. A
rule may drop the figure ("for ten years": when, not what), which ends its rules, or reframe
it: a change said of the level before it ("..., up 38%"), an earlier value after "from", a name
in a list. Their example sentences are golden cases tagged with the rule's name
(`tests/data/claims_golden.json`).

This module holds the registry and the rules that read the figure itself and its own clause:
what is no claim, the figure's own frame, rates on a base and counts. The rules that read a
sum of money are in `money_rules.py`, those for changes and earlier values in
`change_rules.py`, and those that take a measure from a figure before in `series_rules.py`.
"""

from __future__ import annotations

import re

from claimcheck.extract.change_rules import (
    after_doing,
    amount_of_change,
    appositive_change,
    change_named_after,
    change_noun,
    earlier_of_same,
    earlier_value,
    less_of_same,
    moved_between,
    reaching_level,
    than_base,
)
from claimcheck.extract.context import COMPOUND, ROUGHLY, ClaimContext, make_claim
from claimcheck.extract.frames import frame_of
from claimcheck.extract.money_rules import capped_measure, money_by_word, paid_by_verb, priced_for, valued_as_before
from claimcheck.extract.quantity_rules import RATE_BASE
from claimcheck.extract.scene import (
    Figure,
    FigureFrame,
    FigureRule,
    Scene,
    revised,
    vague,
)
from claimcheck.extract.series_rules import (
    bracketed_part,
    bracketed_place,
    ellipsis_of_same,
    gapped_metric,
    listed_part,
    listed_share,
    of_which_share,
    other_bound_of_same,
    target_of_same,
    whole_out_of,
)
from claimcheck.lexicon import sentence_words
from claimcheck.model import Quantity
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
    if at.ctx.lex.level_verbs.isdisjoint(sentence_words(at.ctx.lex, at.text)):
        return f  # (cue words first: most sentences have none)
    by = _VERB_BY.search(at.text, max(0, f.q.start - 60), f.q.start)
    return f.drop() if by and by.group(1).lower() in at.ctx.lex.level_verbs else f


def margin_of_error(f: Figure, at: Scene) -> Figure:
    """The margin of a figure is not a figure ("1.45C, plus or minus 0.12C")."""
    return f.drop() if _PLUS_MINUS.search(at.text, max(0, f.q.start - 16), f.q.start) else f


def expected_figure(f: Figure, at: Scene) -> Figure:
    """What others expected is no claim ("Economists polled by Reuters had expected inflation
    of 2.7%")."""
    if "had" not in sentence_words(at.ctx.lex, at.text):
        return f  # (forecast_re's cue: "had expected")
    return f.drop() if at.ctx.lex.forecast_re.search(at.text, max(0, f.q.start - 200), f.q.start) else f


def consensus_figure(f: Figure, at: Scene) -> Figure:
    """What analysts expected is no claim ("$1.87, compared with expectations of $1.79")."""
    if _CONSENSUS_WORDS.isdisjoint(sentence_words(at.ctx.lex, at.text)):
        return f  # (cue words first: most sentences have none)
    return f.drop() if _CONSENSUS.search(at.text, max(0, f.q.start - 100), f.q.start) else f


def own_frame(f: Figure, at: Scene) -> Figure:
    """The frame the figure's own clause states (`frames.frame_of`); a figure that is its own
    verb ("coal consumption doubled") is read as "rose by 100%"."""
    q, ctx = f.q, at.ctx
    found = _verbal_frame(at.text, q, ctx) if f.reading.verbal else frame_of(at.text, q, list(at.mentions), ctx)
    return revised(f, frame=FigureFrame(*found) if found else None, base_from=q.end)


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


def no_metric(f: Figure, at: Scene) -> Figure:
    """A figure with no metric at all is no claim ("24%" in a flattened table): nothing anyone
    could compare."""
    return f.drop() if vague(f.frame, at.ctx) else f


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
    than_base,
    after_doing,
    change_named_after,
    change_noun,
    amount_of_change,
    listed_share,
    listed_part,
    bracketed_part,
    of_which_share,
    target_of_same,
    earlier_value,
    less_of_same,
    gapped_metric,
    earlier_of_same,
    ellipsis_of_same,
    other_bound_of_same,
    reaching_level,
    moved_between,
    capped_measure,
    valued_as_before,
    money_by_word,
    priced_for,
    no_metric,
    bracketed_place,
]


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
_CONSENSUS_WORDS = frozenset(["expectation", "expectations", "estimate", "estimates", "consensus"])  # one is in each


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:for|among|with|on)\s+(?:(?:the|its|their|all|first|last|next|top)\s+){0,2}"
    r"(?:(?:at\s+least|more\s+than|up\s+to|nearly|about|some|over)\s+)?$"
)
