"""Claim rules: the measure, period and claim of a figure whose frame the figure rules found.

Each rule is a small named function over one figure's `Figure` state and the sentence's
`Scene` (`extract/scene.py`); `CLAIM_RULES` runs them in order after `figure_rules.FIGURE_RULES`.
The rules before `make` refine the measure ("lost 13,000 jobs": number of jobs; "is home to 15
million people": population) and the period ("up 85% from 2022"); the rules after it refine the
claim ("40% below average", "up from 10.7 million in 2022", "a target of 2%"). Their example
sentences are golden cases tagged with the rule's name (`tests/data/claims_golden.json`).

The rules for counts (what a count counts, what happened to the counted things) are in
`count_rules.py`; this module holds the registry and the rest.
"""

from __future__ import annotations

import re

from claimcheck.extract.attribution import TO_LEVEL, period_for
from claimcheck.extract.context import BEFORE_CHANGE, FORECAST, ROUGHLY, TARGET, ClaimContext, make_claim
from claimcheck.extract.count_rules import (
    count_event,
    count_noun_before,
    count_per_time,
    counting_measure,
    event_before_count,
    home_to_population,
    jobs_lost_or_added,
    new_counted,
)
from claimcheck.extract.scene import Figure, FigureFrame, FigureRule, Scene, is_change, measured, revised, with_metric
from claimcheck.lexicon import Lexicon, PhraseGuard, may_match, phrase_guard, sentence_words, trie_alternation
from claimcheck.model import Claim, Period, Quantity
from claimcheck.normalize.periods import EARLIER, SPAN_EARLIER, one_before
from claimcheck.normalize.units import dimension_of


def per_share(f: Figure, at: Scene) -> Figure:
    """A figure per share after "or" is the same measure per share ("net income was $2.1
    billion, or $1.05 a share")."""
    before = at.before
    if before is not None and f.q.unit.endswith("/share") and _OR_PER_SHARE.fullmatch(at.text, at.gap, f.q.start):
        return revised(f, frame=FigureFrame(before.subject, f"{measured(before).metric} per share", before.object))
    return f


def study_arm(f: Figure, at: Scene) -> Figure:
    """The part of a study a figure is about is its object ("35.4% in the intervention group
    and 44.1% in the control group")."""
    arm = _study_part_rx(at.ctx.lex).match(at.text, f.q.end)
    if arm and f.named.object is None:
        return revised(f, frame=revised(f.named, object=" ".join(arm.group(1).lower().split())))
    return f


def unit_from_frame(f: Figure, at: Scene) -> Figure:
    """The unit the figure's clause implies beyond its own words ("12.9 million barrels of
    crude a day": bbl/d; "passenger numbers reached 79.2 million": passengers)."""
    return revised(f, q=_unit_from_frame(at.text, f.q, f.named.metric, at.ctx))


def stated_period(f: Figure, at: Scene) -> Figure:
    """The period the sentence states for the figure (`attribution.period_for`)."""
    found = period_for(f.q, list(at.periods), at.prev_end(f.i), at.next_start(f.i), at.text)
    return revised(f, period=found.period if found else None)


def listed_period(f: Figure, at: Scene) -> Figure:
    """A list's period is its first figure's ("26% in 2022, followed by Indonesia (10%)")."""
    before = at.before
    if f.listed and f.period is None and before is not None and before.period_start:
        return revised(f, period=_period_of(before))
    return f


def change_period(f: Figure, at: Scene) -> Figure:
    """The level a change reached is in the change's period ("Revenue for the year ended March
    2024 rose 8% to $4.1 billion")."""
    before = at.before
    if (
        f.period is None
        and before is not None
        and before.period_start
        and is_change(before)
        and TO_LEVEL.fullmatch(at.text, at.gap, f.q.start)
    ):
        return revised(f, period=_period_of(before))
    return f


def base_period(f: Figure, at: Scene) -> Figure:
    """A change measured against a year is in the period of the level before it ("reached 425
    GW in 2023, up 85% from 2022": 2022 is what the change is measured against)."""
    before = at.before
    if f.q.direction and before is not None and before.period_start and _BASE_PERIOD.match(at.text, f.base_from):
        return revised(f, period=_period_of(before))
    return f


def subject_word_in_metric(f: Figure, at: Scene) -> Figure:
    """A subject that is a word of the metric is the metric's ("Coal accounted for 36% of
    ..."): whose coal is the document's place, unless the share is the world's."""
    subject, metric, ctx = f.named.subject, f.named.metric, at.ctx
    if subject and " " not in subject and subject not in ctx.entities.kind and subject.lower() in metric.split():
        place = None if set(metric.split()) & ctx.entities.world else ctx.topic
        return revised(f, frame=revised(f.named, subject=place))
    return f


def and_share(f: Figure, at: Scene) -> Figure:
    """A share after "and" is of the same kind and whose ("Petroleum accounts for 40% of
    exports and 20% of GDP")."""
    before, metric = at.before, f.named.metric
    if metric.startswith("share of ") and before is not None and _AND_SHARE.fullmatch(at.text, at.gap, f.q.start):
        modifier, shared, _ = before.metric.partition(" share of ")
        if shared and f.q.unit == before.unit:
            return revised(f, frame=revised(f.named, subject=before.subject, metric=f"{modifier} {metric}"))
    return f


def counted_unit(f: Figure, at: Scene) -> Figure:
    """A bare figure of a measure that counts counts its noun ("a population of 55.1 million"
    people; "fell by 179,000" people)."""
    counted = at.ctx.metrics.counted_in.get(f.named.metric.removeprefix("change in "))
    return revised(f, q=revised(f.q, unit=counted)) if counted and not f.q.unit else f


def segment_metric(f: Figure, at: Scene) -> Figure:
    """A company's figure said of a segment is that segment's ("Lumina's data-center segment
    posted revenue of $8.1 billion")."""
    q, metrics, metric = f.q, at.ctx.metrics, f.named.metric
    if (
        not metrics.company_measures.isdisjoint(metric.split())
        and (part := metrics.segment_rx.search(at.text, max(0, q.start - 100), q.start))
        and (named := " ".join(metrics.words(part.group(1))))
        and named not in metric
    ):
        if metric.startswith("change in "):
            return with_metric(f, metric.replace("change in ", f"change in {named} ", 1))
        return with_metric(f, f"{named} {metric}")
    return f


def make(f: Figure, at: Scene) -> Figure:
    """The claim of the figure, its frame, period and source."""
    frame = f.named
    claim = make_claim(at.s, f.q, frame.subject, frame.metric, frame.object, f.period, at.said_by(f.q), at.ctx)
    return revised(f, claim=claim)


def against_norm(f: Figure, at: Scene) -> Figure:
    """A figure stated against a norm is a deviation from it ("Rainfall was 40% below average")."""
    if (relative := _RELATIVE_TO_NORM.match(at.text, f.q.end)) and not f.q.direction:
        return revised(f, claim=_against_norm(f.made, relative))
    return f


def earlier_rate(f: Figure, at: Scene) -> Figure:
    """A figure after "up from" is what the claim before states, for an earlier period ("grew
    5.6% in 2023, up from 4.9% a year earlier"; "up from 10.7 million in 2022 and 10.4 million
    in 2021": one more earlier value); a bare one counts what it counts, or is in its currency."""
    q, text, prev_end = f.q, at.text, at.prev_end(f.i)
    if not at.out or q.direction:
        return revised(f, compared=None)
    compared = f.compared
    if _EARLIER_RATE.search(text, prev_end, q.start) or _compared_earlier(text, prev_end, q, at.next_start(f.i)):
        compared = at.out[-1]
    elif not (compared is not None and _AND_EARLIER.fullmatch(text, prev_end, q.start)):
        compared = None
    if compared is None:
        return revised(f, compared=None)
    unsaid = not q.unit or not any(ch.isalpha() for ch in q.surface)  # ("39": its unit the count's before it)
    # ("down from $21.75" after "$16.80 per kilogram": the rate's currency alone, a kilogram's too)
    rate_of = unsaid and bool(q.unit) and (compared.unit or "").startswith(f"{q.unit}/")
    bare = (unsaid and dimension_of(compared.unit or "", at.ctx.lex) in ("count", "currency")) or rate_of
    earlier = _earlier_change(f.made, compared, text[q.end : at.next_start(f.i)], bare)
    return revised(f, claim=earlier or f.made, compared=compared if earlier else None)


def _compared_earlier(text: str, prev_end: int, q: Quantity, next_start: int) -> bool:
    """Whether a figure "compared with" the one before is its value one span earlier ("65 new
    cases, compared with 39 the week before"; not "compared with 39 in Ruritania")."""
    return bool(_COMPARED_BEFORE.search(text, prev_end, q.start)) and bool(SPAN_EARLIER.match(text[q.end : next_start]))


def compared_elsewhere(f: Figure, at: Scene) -> Figure:
    """A bare figure "compared with" the one before, in another named place, is the same
    measure there ("Borduria had 70 new cases, compared with 52 in Valdrex": Valdrex's 52
    new cases, for the same period)."""
    q = f.q
    if not _set_against(f, at) or any(ch.isalpha() for ch in q.surface):
        return f
    place = _IN_NAME.match(at.text, q.end, at.next_start(f.i))
    name = place.group(1).rstrip(".") if place else ""
    if not name or name.split()[0].lower() in at.ctx.lex.months:
        return f
    return _of_another(f, at.out[-1], at.ctx.entities.resolve(name))


def national_figure(f: Figure, at: Scene) -> Figure:
    """A figure set against the one before "nationally" is the same measure for the whole
    country, not the region the one before is about ("Unemployment in Wales was 4.9%, against
    6.6% nationally"): the document's place when that is not the region, else unsaid."""
    if not _set_against(f, at) or not _NATIONALLY.match(at.text, f.q.end):
        return f
    before = at.out[-1]
    return _of_another(f, before, at.ctx.topic if at.ctx.topic != before.subject else None)


def _set_against(f: Figure, at: Scene) -> bool:
    """Whether the figure is set beside the claim before it ("..., compared with 52", ",
    against 6.6%"), in the same unit."""
    return (
        bool(at.out)
        and f.compared is None
        and _COMPARED_BEFORE.search(at.text, at.prev_end(f.i), f.q.start) is not None
        and at.out[-1].unit == f.made.unit
    )


def _of_another(f: Figure, before: Claim, subject: str | None) -> Figure:
    """The figure as the measure of the claim before, for the same period, of `subject`."""
    return revised(f, claim=revised(f.made, subject=subject, metric=before.metric, object=before.object,
                                    period_start=before.period_start, period_end=before.period_end,
                                    period_text=before.period_text))  # fmt: skip


_NATIONALLY = re.compile(
    r"\s+(?:nationally|nationwide|across\s+the\s+(?:whole\s+)?country|"
    r"(?:for|in)\s+the\s+(?:whole\s+)?country(?:\s+as\s+a\s+whole)?)\b"
)
_IN_NAME = re.compile(r"\s+(?:in|for|at)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")


def level_before_change(f: Figure, at: Scene) -> Figure:
    """The first end of "fell from 37.1% to 31.4%", at no stated time, is the level before the
    change (as the same measure it would conflict with the second)."""
    claim = f.made
    if not claim.period_text and f.moved is not None and f.moved.before:
        return revised(f, claim=revised(claim, metric=BEFORE_CHANGE + claim.metric))
    return f


def rated_by_adjective(f: Figure, at: Scene) -> Figure:
    """Money whose measure says how often it is paid is a rate ("The monthly price of X is
    $1,349": USD/month)."""
    return revised(f, claim=_rated_by_adjective(f.made, at.ctx))


def earlier_at_no_time(f: Figure, at: Scene) -> Figure:
    """An earlier value, or the figure it is earlier than, at no stated time is no claim: the
    two would conflict instead of making a change over time."""
    claim, before = f.made, at.before
    if f.earlier and before is not None and (claim.unit, claim.metric) == (before.unit, before.metric):
        return f.drop() if not (claim.period_text and before.period_text) else f
    return f


def borrowed_other_unit(f: Figure, at: Scene) -> Figure:
    """A figure after "from" in another unit is not an earlier value after all ("from 40
    countries")."""
    before = at.before
    if f.earlier and before is not None and f.borrowed and f.made.unit != before.unit:
        return f.drop()
    return f


def goal_or_forecast(f: Figure, at: Scene) -> Figure:
    """A goal is compared with goals ("The EU aims to cut emissions by 55% by 2030", "the Bank's
    2% target"; a "speed limit" names its own kind), a forecast with forecasts ("The IMF
    forecasts growth of 3.2%"), not with what is measured when the time comes."""
    q, lex, text, claim = f.q, at.ctx.lex, at.text, f.made
    words = sentence_words(lex, text)  # (cue words first: most sentences have none)
    if not may_match(lex.goal_guard, words) and words.isdisjoint(_FORECAST_OF_WORDS):
        return f
    target = bool(lex.target_re.search(text, max(0, q.start - 120), q.start) or lex.target_after_re.match(text, q.end))
    forecast = (
        lex.projection_re.search(text, max(0, q.start - 160), q.start) is not None
        or _FORECAST_OF.search(text, max(0, q.start - 40), q.start) is not None  # "a previous forecast of 5.8%"
    )
    if target and not claim.metric.startswith(TARGET) and not set(claim.metric.split()) & lex.target_nouns:
        return revised(f, claim=revised(claim, metric=TARGET + claim.metric.removeprefix(FORECAST)))
    if forecast and not claim.metric.startswith(FORECAST):
        return revised(f, claim=revised(claim, metric=FORECAST + claim.metric))
    return f


_FORECAST_OF = re.compile(r"\b(?:forecasts?|projections?|outlook)\s+(?:of|at|was|is|had\s+been)\s+(?:\w+\s+)?$", re.I)
_FORECAST_OF_WORDS = frozenset(["forecast", "forecasts", "projection", "projections", "outlook"])


def superseded(f: Figure, at: Scene) -> Figure:
    """An earlier value said to be a previous estimate is the superseded figure, not a rival
    for the same period ("expects 6.5% in 2030, up from a previous forecast of 5.8%")."""
    claim = f.made
    if (
        f.earlier
        and not claim.metric.startswith(BEFORE_CHANGE)
        and _SUPERSEDED.search(at.text, max(0, f.q.start - 40), f.q.start)
    ):
        return revised(f, claim=revised(claim, metric=BEFORE_CHANGE + claim.metric))
    return f


_SUPERSEDED = re.compile(r"\b(?:previous|prior|earlier|initial|original)\s+(?:[a-z]+\s+){0,2}$", re.I)


def peak_of(f: Figure, at: Scene) -> Figure:
    """The peak of what a clause measures is another measure than the level ("Peaks in the
    number of new cases occurred in Kenya (612 cases)")."""
    if _peak_of(at.text, f.q, at.ctx) and not f.made.metric.startswith("peak "):
        return revised(f, claim=revised(f.made, metric="peak " + f.made.metric))
    return f


CLAIM_RULES: list[FigureRule] = [
    per_share,
    study_arm,
    unit_from_frame,
    jobs_lost_or_added,
    counting_measure,
    count_noun_before,
    event_before_count,
    count_event,
    new_counted,
    home_to_population,
    stated_period,
    listed_period,
    change_period,
    base_period,
    subject_word_in_metric,
    and_share,
    counted_unit,
    count_per_time,
    segment_metric,
    make,
    against_norm,
    earlier_rate,
    compared_elsewhere,
    national_figure,
    level_before_change,
    rated_by_adjective,
    earlier_at_no_time,
    borrowed_other_unit,
    goal_or_forecast,
    superseded,
    peak_of,
]


def _unit_from_frame(text: str, q: Quantity, metric: str, ctx: ClaimContext) -> Quantity:
    """The unit a figure's clause implies beyond its own words.

    "12.9 million barrels of crude a day" is a rate (bbl/d) though the rate's period comes
    after what is measured; "passenger numbers reached 79.2 million" counts passengers.
    """
    if q.unit and dimension_of(q.unit, ctx.lex) != "count":
        rate = _OF_RATE.match(text, q.end)
        unit_word = q.surface.split()[-1].lower() if q.surface.split() else ""
        per_unit = ctx.lex.unit_names.get(f"{unit_word} per {rate.group(1)}") if rate else None
        return revised(q, unit=per_unit) if per_unit else q
    if not q.unit and metric.startswith("number of ") and " " not in metric[10:]:
        return revised(q, unit=metric[10:])
    return q


def _study_part_rx(lex: Lexicon) -> re.Pattern[str]:
    """The part of a study a figure is about, right after it: "in the control group"."""
    rx = lex.compiled.get("study part")
    if rx is None:
        parts = trie_alternation(lex.study_parts)
        rx = lex.compiled["study part"] = re.compile(
            r"\s+(?:in|among)\s+(?:the\s+)?((?:[a-z-]+\s+){1,2}(?:" + parts + r")s?)\b"
        )
    return rx  # type: ignore[no-any-return]


def _period_of(claim: Claim) -> Period:
    """The period a claim states, to give to a figure said of the same time."""
    return Period(claim.period_start, claim.period_end or claim.period_start, claim.period_text or "")


def _earlier_change(claim: Claim, before: Claim, after: str, bare: bool = False) -> Claim | None:
    """The figure after "up from" as what the claim before it states (the same change, or the
    same level), for the period before: one year before when the text says "a year earlier"
    and the first is a year. A `bare` figure takes the unit of the one before."""
    if bare:
        claim = revised(claim, unit=before.unit)
    if before.unit != claim.unit:
        return None
    same_level = bare or (before.metric == claim.metric and before.subject == claim.subject)
    if not same_level and (not is_change(before) or (before.value or 0) < 0):
        return None
    period_start, period_end, period_text = claim.period_start, claim.period_end, claim.period_text
    earlier = SPAN_EARLIER.match(after)
    if earlier and before.period_start and before.period_start == before.period_end:
        shifted = one_before(before.period_start, next(g for g in earlier.groups() if g))
        if shifted:  # "a year earlier" than 2023, "the week before" a report of 8 February
            period_start, period_end, period_text = shifted, shifted, earlier.group().strip()
    elif not before.period_start and not period_start:
        # dated when the figure before is (`events.as_of_dated`), or dropped; "down from 1,000"
        # with no span is earlier still, never as of the report's date
        period_text = earlier.group().strip() if earlier else EARLIER
    return revised(
        claim,
        subject=before.subject,
        metric=before.metric,
        object=before.object,
        period_start=period_start,
        period_end=period_end,
        period_text=period_text,
    )


def _against_norm(claim: Claim, relative: re.Match[str]) -> Claim:
    """A figure stated against a norm ("40% below average", "2C above normal"): a deviation
    from it, negative below, named for the norm so it is not compared with the level."""
    metric = f"{claim.metric} relative to {relative.group(2).lower()}"
    if relative.group(1).lower() in ("above", "higher than", "more than"):
        return revised(claim, metric=metric)
    flip = [None if x is None else -x for x in (claim.value, claim.high, claim.low)]
    return revised(claim, metric=metric, value=flip[0], low=flip[1], high=flip[2])


def _rated_by_adjective(claim: Claim, ctx: ClaimContext) -> Claim:
    """An amount of money whose measure says how often it is paid ("The monthly price of the
    pill is $1,349", "an annual premium of $800"): a rate, in money per that period, and the
    measure without the word (so it meets "$1,349 a month")."""
    if not claim.unit or "/" in claim.unit or dimension_of(claim.unit, ctx.lex) != "currency":
        return claim
    adjectives = ctx.lex.raw["units"].get("rate_adjectives", {})
    paid = set(ctx.lex.raw["units"].get("paid_measures", []))
    words = claim.metric.split()
    said = next((w for w in words if w in adjectives), None)
    if said is None or paid.isdisjoint(words):
        return claim
    metric = " ".join(w for w in words if w != said)
    return revised(claim, unit=f"{claim.unit}/{adjectives[said]}", metric=metric)


def _peak_of(text: str, q: Quantity, ctx: ClaimContext) -> bool:
    """Whether the figure is the peak of what its clause measures ("Peaks in the number of new
    cases occurred in Kenya (612 cases)", "the peak of daily arrivals was 4,100"): the highest
    value over a time, another measure than the running total or the level now."""
    if not may_match(_peak_guard(ctx.lex), sentence_words(ctx.lex, text)):
        return False  # (cue words first: most sentences have none)
    rx = ctx.lex.compiled.get("peak nouns")
    if rx is None:
        nouns = trie_alternation(ctx.lex.raw["language"].get("peak_nouns", []))
        rx = ctx.lex.compiled["peak nouns"] = re.compile(
            r"(?:^|\b(?:the|a|its|their)\s+)(?:[a-z]+\s+)?(?:" + nouns + r")\s+(?:in|of)\b[^;:.]*$", re.I
        )
    return rx.search(text, max(0, q.start - 160), q.start) is not None


# "12.9 million barrels of crude a day": the rate's period after what is measured
_OF_RATE = re.compile(r"\s+of\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?:a|per|each)\s+(day|week|month|year)\b")
# ", compared with", "versus": a figure set beside the one before (an earlier value of it only
# when a span back follows: "65 new cases, compared with 39 the week before")
_COMPARED_BEFORE = re.compile(
    r",?\s*(?:compared\s+(?:with|to)|versus|vs\.?|(?:as\s+)?against)\s+(?:about\s+|around\s+)?$"
)
_RELATIVE_TO_NORM = re.compile(
    r"\s+(above|below|higher\s+than|lower\s+than)\s+(?:the\s+)?(?:long-term\s+|historical\s+|seasonal\s+)?"
    r"(average|normal|norm|mean)\b",
    re.I,
)
# "grew 5.6% in 2023, up from 4.9% a year earlier": the figure after "up/down from" is the
# same change, for an earlier period
_EARLIER_RATE = re.compile(r"(?:\b(?:up|down)\s+|[,(]\s*)from\s+(?:[a-z]+\s+){0,2}$")
# "... in 2022 and": between two earlier values of one figure
_AND_EARLIER = re.compile(r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?,?\s+and\s+(?:from\s+)?")
_BASE_PERIOD = re.compile(
    r"\s+(?:from|on|over|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:the\s+same\s+period\s+(?:of|in)\s+)?"
    r"(?:fiscal\s+)?\d{4}\b|(?:a|the)\s+year\s+(?:earlier|before|ago)\b|the\s+previous\s+year\b|last\s+year\b)"
)
_AND_SHARE = re.compile(r"\s+of\s+[^,;.()]{1,40}?\s+and\s+" + ROUGHLY)
_OR_PER_SHARE = re.compile(r",\s*or\s+")


def _peak_guard(lex: Lexicon) -> PhraseGuard:
    guard = lex.compiled.get("peak guard")
    if guard is None:
        guard = lex.compiled["peak guard"] = phrase_guard(lex.raw["language"].get("peak_nouns", []))
    return guard  # type: ignore[no-any-return]
