"""Claim rules for counts: what a count counts and what happened to the counted things
("lost 13,000 jobs": number of jobs; "the quake killed 590 people": number of people
killed; "65 new cases"; "is home to 15 million people": population).

Part of `claim_rules.CLAIM_RULES` (its order is kept there); each rule's example sentences
are golden cases tagged with its name (`tests/data/claims_golden.json`).
"""

from __future__ import annotations

import re

from claimcheck.extract.context import ROUGHLY, ClaimContext
from claimcheck.extract.quantity_rules import EVENT_AFTER, JOINED, LETTERS
from claimcheck.extract.scene import Figure, FigureFrame, Scene, revised, with_metric
from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Quantity
from claimcheck.normalize.units import count_unit, dimension_of


def jobs_lost_or_added(f: Figure, at: Scene) -> Figure:
    """A count after a verb of change only "by" counts what the clause names ("The economy lost
    13,000 jobs": jobs; "construction added 20,000 jobs": construction jobs)."""
    q, ctx, metric = f.q, at.ctx, f.named.metric
    if (
        q.direction
        and q.unit
        and dimension_of(q.unit, ctx.lex) == "count"
        and _word_before(at.text, q.start, ctx) in ctx.lex.by_only
        and not metric.startswith("number of ")
    ):
        what = [w for w in metric.split() if w not in ctx.metrics.generic_subjects and w not in ("gdp", "federal")]
        return with_metric(f, " ".join(["number of", *what, count_unit(q.unit, ctx.lex)]))
    return f


def counting_measure(f: Figure, at: Scene) -> Figure:
    """A figure a measure counts is that measure ("the NGO put the death toll at 63")."""
    return with_metric(f, f.reading.counted_by) if f.reading.counted_by else f


def count_noun_before(f: Figure, at: Scene) -> Figure:
    """A count whose noun came from the figure before counts it, and is whose that one is
    (not "the death toll": number of people killed; not "Attendance was 52,487")."""
    q, ctx, frame = f.q, at.ctx, f.named
    number_of = f"number of {count_unit(q.unit, ctx.lex)}"
    if (
        q.unit
        and dimension_of(q.unit, ctx.lex) == "count"
        and not q.surface.endswith(q.unit)
        and not (frame.metric.startswith(number_of) and frame.metric.split()[-1] in ctx.metrics.count_events.values())
        and frame.metric not in ctx.metrics.counted_by
    ):
        subject = frame.subject or (at.before.subject if at.before is not None else None)
        return revised(f, frame=FigureFrame(subject, number_of, frame.object))
    return f


def event_before_count(f: Figure, at: Scene) -> Figure:
    """A count after an event of the lexicon counts what it happened to ("The quake ... killed
    59,000 people"); not "employed 857 people" (employment)."""
    q, ctx, metric = f.q, at.ctx, f.named.metric
    if (
        q.unit
        and not metric.startswith("number of ")
        and dimension_of(q.unit, ctx.lex) == "count"
        and not set(ctx.metrics.words(metric)) & ctx.metrics.process
    ):
        event = _EVENT_BEFORE.search(at.text, 0, q.start)
        if event and event.group(1).lower() in ctx.metrics.count_events:
            return with_metric(f, f"number of {count_unit(q.unit, ctx.lex)}")
    return f


def count_event(f: Figure, at: Scene) -> Figure:
    """A count names what happened to the counted things ("number of people killed": "were
    killed", "the quake killed", "without power"); a count joined to one by "and" shares its
    verb ("injured 12 civilians and 5 firefighters": firefighters injured too)."""
    if not (f.named.metric.startswith("number of ") and f.q.unit):
        return f
    metric = _count_event(at.text, f.q, f.named.metric, at.ctx)
    before = at.before
    if (
        metric == f.named.metric
        and before is not None
        and JOINED.fullmatch(at.text, at.gap, f.q.start)
        and _NO_VERB_AFTER.match(at.text, f.q.end)  # ("..., and 50,000 residents lost power": its own verb)
    ):
        said = before.surface_start - at.s.start
        event = _EVENT_BEFORE.search(at.text, 0, said)
        events = at.ctx.metrics.count_events
        if event and event.group(1).lower() in events and before.metric.endswith(events[event.group(1).lower()]):
            metric = f"{metric} {events[event.group(1).lower()]}"
    return with_metric(f, metric)


def new_counted(f: Figure, at: Scene) -> Figure:
    """A count of new or added things is another measure than the running total ("65 new
    cases", "two more deaths", "another 40 people")."""
    if f.named.metric.startswith("number of ") and f.q.unit:
        return with_metric(f, _new_counted(f.q, f.named.metric, at.ctx, at.text[max(0, f.q.start - 20) : f.q.start]))
    return f


def home_to_population(f: Figure, at: Scene) -> Figure:
    """People a place is home to are its population ("Lagos is home to 15 million people",
    "223 million people live in", "a country of about 2.4 million people")."""
    q, ctx, text = f.q, at.ctx, at.text
    if (  # (the unit first: a dictionary look-up, and most figures count no people)
        q.unit
        and ctx.metrics.counted_in.get("population") == count_unit(q.unit, ctx.lex)
        and (_home_to_rx(ctx.lex).search(text, max(0, q.start - 60), q.start) or _LIVE_IN.match(text, q.end))
    ):
        home = _NAME_HOME_TO.search(text, max(0, q.start - 80), q.start)
        if home and f.named.subject in (None, ctx.topic):  # "Lima alone is home to 11 million": Lima's, not the page's
            return revised(f, frame=revised(f.named, subject=ctx.entities.resolve(home.group(1)), metric="population"))
        return with_metric(f, "population")
    return f


_NAME_HOME_TO = re.compile(
    r"(?<![\w’'])([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:alone\s+|itself\s+|now\s+)?(?:is|was|has\s+been)"
    r"\s+home\s+to\s+(?:\w+\s+){0,2}$"
)


def _word_before(text: str, pos: int, ctx: ClaimContext) -> str:
    """The word before a figure, past its qualifier and increment words: the verb of "lost
    (nearly) 13,000 jobs", "added just 22,000 jobs"."""
    left = text[max(0, pos - 40) : pos]
    if said := ctx.lex.qualifier_re.search(left):
        left = left[: said.start()]
    words = [w.lower() for w in LETTERS.findall(left)]
    while words and words[-1] in ctx.lex.increment_words:
        words.pop()
    return words[-1] if words else ""


def _count_event(text: str, q: Quantity, metric: str, ctx: ClaimContext) -> str:
    """ "number of people" -> "number of people killed": what happened to the counted things,
    said after them ("were killed", "were displaced by", "without power") or before ("the
    quake killed 59,000 people"), from the events in the metric data."""
    events = ctx.metrics.count_events
    after = EVENT_AFTER.match(text, q.end)
    word = after.group(1).lower() if after else None
    if after:  # "10.8 million people fell ill": an event of two words
        rest = text[after.start(1) : after.start(1) + 30].lower()
        word = next(
            (k for k in events if " " in k and rest.startswith(k) and not rest[len(k) : len(k) + 1].isalpha()), word
        )
    if word in events and metric.split()[-1] in events.values():
        # "The death toll ... has risen to 79, with 1,271 people injured": what happened to these
        return f"number of {count_unit(q.unit, ctx.lex)} {events[word]}"
    if word not in events:
        before = _EVENT_BEFORE.search(text, 0, q.start)
        word = before.group(1).lower() if before else None
    if word in events:
        return f"{metric} {events[word]}"
    lacking = _WITHOUT_AFTER.match(text, q.end)
    if lacking:  # "2.7 million homes without power"
        return f"{metric} without {lacking.group(1).lower()}"
    return metric


def _new_counted(q: Quantity, metric: str, ctx: ClaimContext, before: str = "") -> str:
    """ "number of cases" -> "number of new cases" when the figure counts new ones ("65 new
    cases", "76 new confirmed cases"): the cases of one week, not the running total; and
    "number of additional ..." for a count added to one ("two more deaths", "another 40
    people", "an additional 300 homes"): what was added, not the toll."""
    words = q.surface.lower().split()[1:-1]  # between the number and the noun it counts
    language = ctx.lex.raw["language"]
    fresh = language.get("incidence_words", [])
    said = next((w for w in words if w in fresh), None)
    if said is None and (
        any(w in language.get("added_count_words", ()) for w in words)
        or " ".join(before.lower().split()[-2:]) in language.get("added_count_openers", ())
        or before.lower().split()[-1:] == ["another"]
    ):
        said = "additional"
    if said is None or said in metric.split():
        return metric
    return metric.replace("number of ", f"number of {said} ", 1)


def _home_to_rx(lex: Lexicon) -> re.Pattern[str]:
    """ "is home to", "a country of" right before a count of people: a population."""
    rx = lex.compiled.get("home to")
    if rx is None:
        places = trie_alternation(lex.settlement_nouns)
        rx = lex.compiled["home to"] = re.compile(
            r"\b(?:(?:is|was|are|were|remains|has\s+been)\s+home\s+to|(?:" + places + r")\s+of)\s+" + ROUGHLY + "$"
        )
    return rx  # type: ignore[no-any-return]


_EVENT_BEFORE = re.compile(
    r"\b(laid\s+off|[a-z]+)\s+(?:(?:at\s+least|more\s+than|nearly|about|almost|around|some|roughly|over|up\s+to|an\s+estimated)\s+)?$"
)
_NO_VERB_AFTER = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:in|at|on|from|and|as|by|with|across|during|after|while|since|over|near|including)\b"
)
_WITHOUT_AFTER = re.compile(r"\s+without\s+([a-z]+)\b")
_LIVE_IN = re.compile(r"\s+(?:now\s+)?(?:live|lived|living|reside|resided|residing)\s+in\b")


def count_per_time(f: Figure, at: Scene) -> Figure:
    """A count said per span of time is a rate of it ("about 120 people die every day": people
    a day; "75,000 deaths per year"), not a total to compare with totals."""
    q = f.q
    if not q.unit or "/" in q.unit or dimension_of(q.unit, at.ctx.lex) != "count":
        return f
    per = _PER_TIME.match(at.text, q.end, at.next_start(f.i))
    if per is None:
        return f
    span = per.group(1) or _PER_ADVERB[per.group(2).lower()]
    return revised(f, q=revised(q, unit=f"{q.unit}/{span.lower()}"))


# "120 people [die] every day", "deaths per year", "1,500 cases a week", "3,000 jobs annually";
# not "a year ago", "a week later": the time of the count, not its rate
_PER_TIME = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(?:(?:per|a|an|every|each)\s+(day|week|month|year)\b(?!\s+(?:ago|earlier|later|before|after)\b)"
    r"|(daily|weekly|monthly|annually|yearly)\b)"
)
_PER_ADVERB = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
