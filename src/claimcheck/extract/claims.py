"""The claim layer: which quantities a fact-checker records, and about what.

For each sentence: its figures (`extract/quantities.py`), those a fact-checker records
(`context.claimable`), and for each the frame, subject, metric and object
(`frames.py`), the period and the attribution (`attribution.py`); then the rules that
need the whole sentence: shares from fractions, what a count counts ("were killed"),
spans that say when rather than how much, "up from X a year earlier". Fact-book lines and
table rows go to `listings.py`; titles and event dates to `facts.py`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from claimcheck.extract.attribution import TO_LEVEL, period_for, source_at, sources_of
from claimcheck.extract.context import (
    COMPOUND,
    FORECAST,
    ROUGHLY,
    TARGET,
    ClaimContext,
    make_claim,
)
from claimcheck.extract.events import as_of_dated, document_event, event_owned
from claimcheck.extract.facts import FactRules, fact_claims
from claimcheck.extract.frames import AUX, frame_of
from claimcheck.extract.listings import FIELD, LABEL_LINE, field_claims, item_claims, table_claims, value_line
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.quantity_rules import (
    CLOSE_BRACKET,
    ELLIPSIS,
    EVENT_AFTER,
    JOINED,
    LETTERS,
    read_figures,
    without_wholes,
)
from claimcheck.extract.statistics import period_table_claims
from claimcheck.extract.subjects import named_subjects, section_subjects, with_subject_provenance
from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Claim, Document, Period, Quantity, Sentence
from claimcheck.normalize.entities import EntityIndex, Mention
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.time import find_periods, latest_stated_date
from claimcheck.normalize.units import count_unit, dimension_of

# Stored with each source; a source stored by another version is extracted again when its
# file is ingested again. Change it when extraction changes what a document yields.
EXTRACTOR_VERSION = "0.2.0"
_NAME_TITLE = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|de|and|[A-Z][\w'’.-]*)){0,4}")


def _defined_by_title(doc: Document) -> str | None:
    """An encyclopedia-style page: titled with a name ("Lake Baikal") that its first
    paragraph opens by defining ("Lake Baikal is a rift lake in Siberia"). The page is about
    that name, known place or not."""
    title = (doc.meta.title or "").strip()
    if not _NAME_TITLE.fullmatch(title):
        return None
    for line in doc.text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line or line == title:
            continue
        head = _EMPHASIS.sub("", line).removeprefix("The ")  # "**Nordvik Foods ASA** is a ..."
        return title if head.startswith(title) and _DEFINES.match(head, len(title)) else None
    return None


# after the name (and a designator: "Nordvik Foods ASA is"): "Lake Baikal is", "X (", "X,"
_DEFINES = re.compile(r"(?:\s+[A-Z][\w.&]*){0,2}?(?:\s+(?:is|was|are|were)\s|\s*\(|,)")
_EMPHASIS = re.compile(r"\*\*|__")


# "12.9 million barrels of crude a day": the rate's period after what is measured
_OF_RATE = re.compile(r"\s+of\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?:a|per|each)\s+(day|week|month|year)\b")


def document_topic(doc: Document, entities: EntityIndex) -> str | None:
    """The place the document is clearly about: the place its title names (the most mentioned
    of them), or else a place named at least three times and twice as often as any other.

    A claim with no subject of its own is better left without one than given the most named
    of several places: that makes a false group, and then a false conflict, in every document
    that mentions two countries."""
    counts: Counter[str] = Counter()
    for m in entities.known_mentions(doc.text):  # (not `mentions`: only known names count here)
        if entities.is_place(m.name) and m.name not in entities.blocs:
            counts[m.name] += 1
    titled: set[str] = set()
    title = doc.meta.title
    if title and title.isupper() and not any(entities.is_place(m.name) for m in entities.known_mentions(title)):
        # "PERU": a fact-book page's heading (but "UK JOBS REPORT" names the UK as written)
        title = " ".join(w.title() if len(w) > 3 else w for w in title.split())
    if title:
        for m in entities.known_mentions(title):
            if entities.is_place(m.name):
                titled.add(m.name)
        # a fact-book page is titled after its subject: "Ruritania - Geography", "Peru: Economy"
        headed = re.fullmatch(
            r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*[-–—:|]\s*([A-Z]\w*(?:\s+\w+){0,3})", title.strip()
        )
        if headed:  # the page's subject, named before its section ("Geography", "People and Society")
            return entities.resolve(headed.group(1))
    if titled:
        return max(sorted(titled), key=lambda p: counts[p])
    edition = _EDITION_OF.fullmatch((title or "").strip())
    if edition:  # "Gazetteer of the Nations 2031: Ruritania": an edition's page on a place
        return entities.resolve(edition.group(1))
    named = _defined_by_title(doc)
    if named:
        return entities.resolve(named)
    top = counts.most_common(2)
    second = top[1][1] if len(top) > 1 else 0
    return top[0][0] if top and top[0][1] >= 3 and top[0][1] >= 2 * second else None


# a dated reference work's page titled after its subject: "<work> <year>: <Name>"
_EDITION_OF = re.compile(r".*\b(?:1[89]|2[01])\d\d\s*[:—–|-]\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")


def reference_date(doc: Document) -> str | None:
    """What the document's relative dates ("last year", "as of October 19") are resolved
    against: its publication date, else the latest full date it states (a report's photo
    caption, its "as of" line)."""
    return doc.meta.published or latest_stated_date(doc.text)


def document_actor(doc: Document, entities: EntityIndex) -> str | None:
    """The name a headline opens with as the one acting ("Halvorsen Foods reports third-quarter
    results"), when the text names it again: a press release or a story about a company is
    about it, and its figures of business without an owner are that name's."""
    opening = _TITLE_ACTOR.match((doc.meta.title or "").strip())
    if opening is None or opening.group(2).lower() not in entities.lex.headline_verbs:
        return None  # ("Oil prices rise as ...": a measure, not a company, opens it)
    name = opening.group(1)
    first = name.split()[0].lower()
    if first in entities.lex.not_count or first in entities.lex.qualifier_of or first in entities.lex.months:
        return None
    body = doc.text.replace(doc.meta.title or "", "", 1)
    if not re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", body):
        return None
    return entities.resolve(name)


def _of_business(claim: Claim, metrics: MetricNames) -> bool:
    """Whether a figure measures a business (revenue, margin, net debt, deliveries, ...)."""
    words = metrics.words(claim.metric)
    return (
        claim.kind == "numeric"
        and not metrics.company_measures.isdisjoint(words)
        and metrics.not_company_measures.isdisjoint(words)
    )


_OR_PER_SHARE = re.compile(r",\s*or\s+")
_QUESTION = re.compile(r"\?[\"'”’)]*\s*$")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]*[a-z]")
# a headline's opening name and the verb after it: "Halvorsen Foods reports ..."
_TITLE_ACTOR = re.compile(r"((?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’.-]*)\s+([a-z]+)\b")


def extract_claims(
    doc: Document,
    sentences: list[Sentence],
    lex: Lexicon,
    entities: EntityIndex | None = None,
    metrics: MetricNames | None = None,
    facts: FactRules | None = None,
) -> list[Claim]:
    """Numeric claims of a document, from its sentences and table rows."""
    entities = entities or EntityIndex(lex)
    metrics = metrics or MetricNames(lex)
    ctx = ClaimContext(
        lex,
        entities,
        metrics,
        document_topic(doc, entities),
        reference_date(doc),
        lower_words=frozenset(_LOWER_WORD.findall(doc.text)),
    )
    claims: list[Claim] = []
    block: str | None = None  # the fact-book field whose values are on the lines below it
    last_end = 0
    for s in sentences:
        if block is not None and (
            "\n\n" in doc.text[last_end : s.start] or FIELD.match(s.text) or not value_line(s.text)
        ):
            block = None  # a blank line, the next field or prose ends the field's lines
        last_end = s.end
        if s.item_of is not None:
            claims.extend(item_claims(s, ctx))  # "- Trawlers 61%" under "Share of catch by fleet:"
        elif s.table is not None:
            claims.extend(period_table_claims(s, ctx))  # "Secondary 1,980 2,010" under "2029 2030e"
        elif s.header is not None:
            claims.extend(table_claims(s, ctx))
        elif s.label is not None:
            # "Coastline" / "6,435 km"; an infobox's "Fatalities 86 civilians"
            claims.extend(field_claims(s, s.label, len(s.label) if s.text.startswith(s.label) else 0, ctx))
        elif block is not None:
            claims.extend(field_claims(s, block, 0, ctx))  # "Real GDP growth rate:" / "-0.55% (2023 est.)"
        elif (label := LABEL_LINE.fullmatch(s.text)) and doc.text[s.end : s.end + 1] in ("\n", ""):
            block = label.group(1)
        else:
            claims.extend(sentence_claims(s, ctx))
    claims = section_subjects(claims, sentences, ctx, doc.meta.title)  # "## Zambia" / "Copper output rose 4%"
    event = document_event(doc, lex, entities)
    if event:  # "the death toll reached 11" in a report on a storm: the storm's
        claims = as_of_dated(event_owned(claims, event, lex, entities), doc, event, ctx.published)
    actor = document_actor(doc, entities)
    if actor:  # "Net debt stood at NOK 6.2 billion" in a company's results: the company's
        claims = [c if c.subject or not _of_business(c, metrics) else replace(c, subject=actor) for c in claims]
    claims = named_subjects(claims, ctx, frozenset({event, actor, ctx.topic}))
    claims = with_subject_provenance(claims, doc, ctx, event, actor)
    # a figure with no subject that is not the world's ("Unemployment rose to 4.7%" in a text
    # that never says where): two documents' such figures are no evidence about each other
    # ("global sales" are a company's: a figure of business is nobody's without its owner)
    claims = [
        replace(c, local=True)
        if c.subject is None
        and (not set(c.metric.split()) & entities.world or not metrics.company_measures.isdisjoint(c.metric.split()))
        else c
        for c in claims
    ]
    claims += fact_claims(sentences, facts or FactRules(lex, entities), doc.meta.published)
    # a figure near the largest float can overflow in conversion ("1.7e308 miles" in km)
    return [c for c in claims if all(x is None or math.isfinite(x) for x in (c.value, c.low, c.high))]


def sentence_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """Claims in one sentence; offsets are shifted into the document text."""
    text = s.text
    if _QUESTION.search(text):
        return []  # "Did crime really fall 20% last year?": asked, not stated
    field = FIELD.match(text)
    if field and not any(c.isdigit() for c in field.group(1)):
        # "**Why it matters:** Inflation hit 5%": a bold label before a sentence heads it
        bold_prose = "**" in text[: field.end()] and not _FIGURE_FIRST.match(text, field.end())
        heading = bold_prose or field.group(1).lower() in ctx.lex.furniture.get("inline_headings", ())
        if not heading and not _PROSE_AFTER_LABEL.match(text, field.end()):
            return field_claims(s, field.group(1), field.end(), ctx)
        # "Results: The prevalence of stunting fell ...": a heading, then a sentence of its own
        s = replace(s, text=text[field.end() :], start=s.start + field.end())
        text = s.text
    if "respectively" in text and (variants := _respectively(text, ctx)):
        # "Inflation in France and Germany was 3.8% and 2.3%, respectively": each figure read
        # with its own name alone
        out = []
        for masked, (lo, hi) in variants:
            for c in sentence_claims(replace(s, text=masked), ctx):
                if lo <= c.surface_start - s.start < hi:
                    out.append(replace(c, quote=text))
        stated = {(c.period_start, c.period_end, c.period_text) for c in out if c.period_start}
        if len(stated) == 1:  # "3.8% and 2.3%, respectively, in 2023": the list's period
            start, end, said = stated.pop()
            out = [
                c if c.period_start else replace(c, period_start=start, period_end=end, period_text=said) for c in out
            ]
        return out
    readings = read_figures(text, ctx)
    if not readings:
        return []
    mentions = ctx.entities.mentions(text)
    periods = [
        p  # (not "below 1990 levels", "in 2021 dollars": the year of a baseline)
        for p in find_periods(text, ctx.published)
        if not (
            p.period.text.isdigit() and (w := _WORD_AFTER.match(text, p.end)) and w.group(1) in ctx.lex.after_base_year
        )
    ]
    # "in the 12 months to June 2023": a number inside a period phrase is part of when
    readings = [r for r in readings if not any(p.start <= r.q.start and r.q.end <= p.end for p in periods)]
    attribution, speakers, sources = sources_of(text, ctx)
    # "Police estimated the crowd at 12,000, while organisers said 85,000": a source leading
    # a clause between two figures splits the sentence; else all its sources speak for every
    # figure ("3.1%, the central bank said, while ... 5.2%, according to the statistics office")
    several = len({who for _, who in sources}) > 1 and any(
        readings[0].q.start < at < readings[-1].q.start for at, _ in sources
    )
    if speakers:
        ctx = replace(ctx, speakers=speakers)
        mentions = [e for e in mentions if e.name not in speakers]
    out = []
    compared: Claim | None = None  # the figure the claim before was an earlier value of
    # "411 of the 650 seats": the whole a figure is part of is not a claim of its own
    readings = without_wholes(readings, text)
    qs = [r.q for r in readings]
    verbal = {r.q.start for r in readings if r.verbal}
    measured_by = {r.q.start: r.counted_by for r in readings if r.counted_by}
    aged = {r.q.start: r.age_of for r in readings if r.age_of is not None}
    for i, q in enumerate(qs):
        prev_end = qs[i - 1].end if i else 0
        next_start = qs[i + 1].start if i + 1 < len(qs) else len(text)
        if q.start in aged:
            said_by = (source_at(sources, q.start) if several else None) or attribution
            out.append(make_claim(s, q, aged[q.start], "age", None, None, said_by, ctx))
            continue
        if q.unit in _TIME_UNITS and (
            _SPAN_BEFORE.search(text, 0, q.start)
            or _SPAN_AFTER.match(text, q.end)
            or COMPOUND.search(q.surface)
            or (q.spelled and _SPELLED_COMPOUND.search(q.surface))  # "a two-year low of 3.4%"
        ):
            continue  # "for ten years", "two years later", "a 10-year bond": when or which, not what
        by_level_verb = _VERB_BY.search(text, max(0, q.start - 60), q.start)
        if by_level_verb and by_level_verb.group(1).lower() in ctx.lex.level_verbs:
            continue  # "the deficit improved by 2 points": a change, but up or down it does not say
        if _PLUS_MINUS.search(text, max(0, q.start - 16), q.start):
            continue  # "1.45C, plus or minus 0.12C": the margin of a figure, not a figure
        if ctx.lex.forecast_re.search(text, max(0, q.start - 200), q.start):
            continue  # "Economists polled by Reuters had expected inflation of 2.7%": a forecast
        if _CONSENSUS.search(text, max(0, q.start - 100), q.start):
            continue  # "$1.87, compared with expectations of $1.79": what analysts expected
        # "The IMF forecasts growth of 3.2%", "output is expected to reach 5.5 Mt": a forecast,
        # compared with forecasts, not with the figure reported when the time comes
        forecast = ctx.lex.projection_re.search(text, max(0, q.start - 160), q.start) is not None
        # "The EU aims to cut emissions by 55% by 2030", "the Bank's 2% target": a goal, compared
        # with goals, not with what is measured
        target = bool(
            ctx.lex.target_re.search(text, max(0, q.start - 120), q.start) or ctx.lex.target_after_re.match(text, q.end)
        )
        frame = frame_of(text, q, mentions, ctx) if q.start not in verbal else _verbal_frame(text, q, ctx)
        # figures said of the claim just before this one, by what stands between the two
        before = out[-1] if out else None
        gap = before.surface_end - s.start if before is not None else 0
        if before is not None and q.direction:
            if (frame is None or frame[1] in ctx.metrics.vague_metrics) and _APPOSITIVE_CHANGE.fullmatch(
                text, gap, q.start
            ):
                # "Tesla delivered 1.81 million vehicles in 2023, up 38%": the change of that level
                frame = _measured(before)  # (make_claim names the change: "change in <metric>")
            if _is_change(before) and _AFTER_DOING.fullmatch(text, gap, q.start):
                # "is expected to grow 1% this year after expanding 2.7% in 2023": the same change
                frame = _measured(before)
        base_from = q.end  # where "compared with 2022" may start
        changed_in = _CHANGE_IN.match(text, q.end) if q.direction else None
        if changed_in and changed_in.group(1) in ctx.lex.rise_nouns | ctx.lex.fall_nouns:
            what = ctx.metrics.normalize(changed_in.group(2))
            if what:  # "Police recorded a 12% rise in burglaries": what rose is named after the noun
                frame = (frame[0], what, frame[2]) if frame is not None else (None, what, None)
        noun = _WORD_AFTER.match(text, q.end) if before is not None and q.direction else None
        if noun and (noun.group(1) in ctx.lex.rise_nouns or noun.group(1) in ctx.lex.fall_nouns):
            base_from = noun.end()
            if _A_CHANGE.fullmatch(text, gap, q.start):
                # "20,400 people were killed in 2023, a 1% decrease compared to 2022": its change
                frame = _measured(before)
        elif before is not None and q.direction and _A_CHANGE_OF.fullmatch(text, gap, q.start):
            frame = _measured(before)  # "... in 2024, a rise of 4.9% from 2023"
        listed = None
        if (frame is None or frame[1] in ctx.metrics.vague_metrics) and before is not None and not q.direction:
            listed = _listed_share(text, q, before, mentions, s.start)
            if listed:  # "26% of the burden, followed by Indonesia (10%), China (6.8%)"
                frame = listed
        # "slowed to 3.6% from 4.2%", "rose to 4.1% in June (up from 3.9% in May)": the figure
        # after "from" is an earlier value of the figure before it
        earlier = before is not None and bool(_EARLIER_VALUE.fullmatch(text, gap, q.start))
        borrowed = False
        if earlier and before is not None and frame is not None and _reads_less_of(frame, before):
            # "widened to 6.3% of GDP in 2023 from 5.5% in 2022": the 5.5% read alone is a
            # "deficit", less of the same measure
            frame, borrowed = (before.subject, before.metric, before.object), True
        gapped = _GAPPED.fullmatch(text, gap, q.start) if before is not None else None
        if (
            gapped
            and not any(_not_a_name_word(w, ctx) for w in gapped.group(1).split())
            and (named := ctx.metrics.normalize(gapped.group(1)))
            and before is not None
        ):
            # "Inflation was 3.1% in 2023 and unemployment 4%": the noun before the figure names it
            frame = (before.subject, named, before.object)
        if before is not None and (frame is None or frame[1] in ctx.metrics.vague_metrics):
            if earlier:  # "(from 4% in May)": no metric of its own, the same measure
                frame, borrowed = (before.subject, before.metric, before.object), True
            elif ELLIPSIS.fullmatch(text, gap, q.start):
                # "growth of 4.9% in 2022 and 7.6% in 2021": the same measure, another period
                frame, borrowed = (
                    (_measured(before) if q.direction else (before.subject, before.metric, before.object)),
                    True,
                )
            elif _is_change(before) and _REACHING.fullmatch(text, gap, q.start):
                # "India's population grew 0.8%, reaching 1.43 billion": the level it changed to
                frame = _measured(before)
        if moved := _moved(text, qs, i, ctx):  # "reduce the price of its drug Repatha from $573 to $239"
            frame, q = moved.reframe(frame, ctx), replace(q, unit=moved.unit)
        if frame is None or frame[1] in ctx.metrics.vague_metrics:
            continue  # no metric at all ("24%" in a flattened table): nothing anyone could compare
        if (place := _bracketed_place(text, q, mentions, ctx)) and (
            frame[0] is None or frame[0] == ctx.topic or ctx.entities.is_place(frame[0])
        ):
            # "case counts were from Liberia (4,665 cases), followed by Guinea (1,540)": each
            # figure is its place's, not the sentence's or the document's
            frame = (place, frame[1], None if frame[2] == place else frame[2])
        subject, metric, obj = frame
        if before is not None and q.unit.endswith("/share") and _OR_PER_SHARE.fullmatch(text, gap, q.start):
            # "net income was $2.1 billion, or $1.05 a share": the same measure per share
            subject, metric, obj = before.subject, f"{_measured(before)[1]} per share", before.object
        arm = _study_part_rx(ctx.lex).match(text, q.end)
        if arm and obj is None:  # "35.4% in the intervention group and 44.1% in the control group"
            obj = " ".join(arm.group(1).lower().split())
        q = _unit_from_frame(text, q, metric, ctx)
        if (
            q.direction
            and q.unit
            and dimension_of(q.unit, ctx.lex) == "count"
            and _word_before(text, q.start, ctx) in ctx.lex.by_only
            and not metric.startswith("number of ")
        ):
            # "The economy lost 13,000 jobs": jobs; "construction added 20,000 jobs": construction jobs
            what = [w for w in metric.split() if w not in ctx.metrics.generic_subjects and w not in ("gdp", "federal")]
            metric = " ".join(["number of", *what, count_unit(q.unit, ctx.lex)])
        if q.start in measured_by:
            metric = measured_by[q.start]
        number_of = f"number of {count_unit(q.unit, ctx.lex)}"
        if (
            q.unit
            and dimension_of(q.unit, ctx.lex) == "count"
            and not q.surface.endswith(q.unit)
            and not (metric.startswith(number_of) and metric.split()[-1] in ctx.metrics.count_events.values())
            # ("the death toll": "number of people killed")
            and metric not in ctx.metrics.counted_by  # ("Attendance was 52,487": attendance)
        ):
            metric = number_of  # the noun came from the figure before
            subject = subject or (out[-1].subject if out else None)  # ... and so did whose they are
        if (
            q.unit
            and not metric.startswith("number of ")
            and dimension_of(q.unit, ctx.lex) == "count"
            and not set(ctx.metrics.words(metric)) & ctx.metrics.process  # "employed 857 people": employment
        ):
            event = _EVENT_BEFORE.search(text, 0, q.start)
            if event and event.group(1).lower() in ctx.metrics.count_events:
                metric = f"number of {count_unit(q.unit, ctx.lex)}"  # "The quake ... killed 59,000 people"
        if metric.startswith("number of ") and q.unit:
            metric = _count_event(text, q, metric, ctx)
            metric = _new_counted(q, metric, ctx)
        if (
            (_home_to_rx(ctx.lex).search(text, max(0, q.start - 60), q.start) or _LIVE_IN.match(text, q.end))
            and q.unit
            and ctx.metrics.counted_in.get("population") == count_unit(q.unit, ctx.lex)
        ):
            # "Lagos is home to 15 million people", "223 million people live in", "a country of
            # about 2.4 million people"
            metric = "population"
        found = period_for(q, periods, prev_end, next_start, text)
        period = found.period if found else None
        if listed and period is None and out[-1].period_start:  # the list's period is its first figure's
            period = _period_of(out[-1])
        if (
            period is None
            and out
            and out[-1].period_start
            and _is_change(out[-1])
            and TO_LEVEL.fullmatch(text, out[-1].surface_end - s.start, q.start)
        ):
            # "Revenue for the year ended March 2024 rose 8% to $4.1 billion": the level the change
            # reached, in the change's period
            period = _period_of(out[-1])
        if q.direction and out and out[-1].period_start and _BASE_PERIOD.match(text, base_from):
            # "reached 425 GW in 2023, up 85% from 2022": 2022 is what the change is measured against
            period = _period_of(out[-1])
        if subject and " " not in subject and subject not in ctx.entities.kind and subject.lower() in metric.split():
            # "Coal accounted for 36% of ...": the capital is the sentence's, the word the metric's;
            # whose coal is the document's place, if it has a clear one and the share is not the world's
            subject = None if set(metric.split()) & ctx.entities.world else ctx.topic
        if (
            metric.startswith("share of ")
            and out
            and _AND_SHARE.fullmatch(text, out[-1].surface_end - s.start, q.start)
        ):
            modifier, shared, _ = out[-1].metric.partition(" share of ")
            if shared and q.unit == out[-1].unit:  # "Petroleum accounts for 40% of exports and 20% of GDP"
                metric, subject = f"{modifier} {metric}", out[-1].subject
        counted = ctx.metrics.counted_in.get(metric.removeprefix("change in "))
        if counted and not q.unit:
            q = replace(q, unit=counted)  # "a population of 55.1 million" people; "fell by 179,000" people
        if (
            not ctx.metrics.company_measures.isdisjoint(metric.split())
            and (part := ctx.metrics.segment_rx.search(text, max(0, q.start - 100), q.start))
            and (named := " ".join(ctx.metrics.words(part.group(1))))
            and named not in metric
        ):
            # "Lumina's data-center segment posted revenue of $8.1 billion": that segment's revenue
            metric = (
                metric.replace("change in ", f"change in {named} ", 1)
                if metric.startswith("change in ")
                else f"{named} {metric}"
            )
        said_by = (source_at(sources, q.start) if several else None) or attribution
        claim = make_claim(s, q, subject, metric, obj, period, said_by, ctx)
        if (relative := _RELATIVE_TO_NORM.match(text, q.end)) and not q.direction:
            claim = _against_norm(claim, relative)  # "Rainfall was 40% below average"
        if out and not q.direction:
            if _EARLIER_RATE.search(text, prev_end, q.start):
                compared = out[-1]
            elif compared is not None and _AND_EARLIER.fullmatch(text, prev_end, q.start):
                pass  # "up from 10.7 million in 2022 and 10.4 million in 2021": one more earlier value
            else:
                compared = None
            if compared is not None:
                # "up from 10.7 million": a bare figure counts what the one before counts, or
                # is in its currency
                bare = not q.unit and dimension_of(compared.unit or "", ctx.lex) in ("count", "currency")
                earlier_claim = _earlier_change(claim, compared, text[q.end : next_start], bare)
                claim, compared = earlier_claim or claim, compared if earlier_claim else None
        else:
            compared = None
        if not claim.period_text and moved is not None and moved.before:
            # "fell from 37.1% to 31.4%": the first, at no stated time, is the level before the
            # change (as the same measure it would conflict with the second)
            claim = replace(claim, metric=BEFORE_CHANGE + claim.metric)
        claim = _rated_by_adjective(claim, ctx)  # "The monthly price of X is $1,349": USD/month
        if earlier and before is not None:
            if (claim.unit, claim.metric) == (before.unit, before.metric) and not (
                claim.period_text and before.period_text
            ):
                # an earlier value, or the figure it is earlier than, at no stated time: the two
                # would conflict instead of making a change over time
                continue
            if borrowed and claim.unit != before.unit:
                continue  # "from 40 countries": not an earlier value after all
        if target and not claim.metric.startswith(TARGET) and not set(claim.metric.split()) & ctx.lex.target_nouns:
            # (a "speed limit" names its own kind)
            claim = replace(claim, metric=TARGET + claim.metric.removeprefix(FORECAST))
        elif forecast and not claim.metric.startswith(FORECAST):
            claim = replace(claim, metric=FORECAST + claim.metric)
        if _peak_of(text, q, ctx) and not claim.metric.startswith("peak "):
            claim = replace(claim, metric="peak " + claim.metric)
        out.append(claim)
    return out


BEFORE_CHANGE = "previous "  # the start of the metric of the level a stated change started from


@dataclass(frozen=True)
class Move:
    """A figure at one end of "<verb> <what> from X to Y": the level before the change
    (`before`) or after it, the name of what moved when the clause names one ("its drug
    Repatha"), what moved when the clause names no measure the frame found, and the figure's
    unit with the rate the other end states ("from $1,086 per month to $346")."""

    before: bool
    name: str | None
    metric: str | None
    unit: str

    def reframe(
        self, frame: tuple[str | None, str, str | None] | None, ctx: ClaimContext
    ) -> tuple[str | None, str, str | None] | None:
        """The figure's frame with the moved thing's name as subject (a place stays the object)."""
        if frame is None or frame[1] in ctx.metrics.vague_metrics:
            return (self.name, self.metric, None) if self.metric else frame
        if self.name is None:
            return frame
        subject, metric, obj = frame
        if subject and subject != self.name and ctx.entities.is_place(subject) and obj is None:
            obj = subject
        return self.name, metric, obj


# "... to an average price of $346", "... to as low as $149", "..., to $350": from one end to the other
_TO_OTHER_END = re.compile(r",?\s+to\s+(?:[a-z]+\s+){0,4}")
_FROM_AT_END = re.compile(r"\bfrom\s+(?:[a-z]+\s+){0,2}$")
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")
_HEAD_OF = re.compile(r"^(?:the|its|their|his|her|our)\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:of|for)\s")


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
    verbs = ctx.lex.rise | ctx.lex.fall | ctx.lex.by_only | ctx.lex.level_verbs
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
    unit = q.unit
    other = qs[i + 1] if before else qs[i - 1]
    if "/" in other.unit and "/" not in unit and other.unit.split("/")[0] == unit:
        unit = other.unit  # "from $1,086 per month to an average of $346": $346 a month
    return Move(before, name, metric, unit)


def _after_word(clause: str, word: str) -> str | None:
    """What follows the last `word` in `clause` (case-insensitive), stripped."""
    found = None
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", clause, re.I):
        found = m
    return clause[found.end() :].strip() if found else None


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
    return replace(claim, unit=f"{claim.unit}/{adjectives[said]}", metric=metric)


def _against_norm(claim: Claim, relative: re.Match[str]) -> Claim:
    """A figure stated against a norm ("40% below average", "2C above normal"): a deviation
    from it, negative below, named for the norm so it is not compared with the level."""
    metric = f"{claim.metric} relative to {relative.group(2).lower()}"
    if relative.group(1).lower() in ("above", "higher than", "more than"):
        return replace(claim, metric=metric)
    flip = [None if x is None else -x for x in (claim.value, claim.high, claim.low)]
    return replace(claim, metric=metric, value=flip[0], low=flip[1], high=flip[2])


def _reads_less_of(frame: tuple[str | None, str, str | None], before: Claim) -> bool:
    """Whether a frame names part of what `before` measures, for the same subject and object."""
    subject, metric, obj = frame
    return (
        subject in (None, before.subject)
        and obj in (None, before.object)
        and set(metric.split()) < set(before.metric.split())
    )


def _period_of(claim: Claim) -> Period:
    """The period a claim states, to give to a figure said of the same time."""
    return Period(claim.period_start, claim.period_end or claim.period_start, claim.period_text or "")


def _measured(claim: Claim) -> tuple[str | None, str, str | None]:
    """The frame of what `claim` measures, a change of it or not: a figure said of the same
    thing ("..., up 38%", "after expanding 2.7%", "reaching 1.43 billion")."""
    return claim.subject, claim.metric.removeprefix(FORECAST).removeprefix("change in "), claim.object


def _is_change(claim: Claim) -> bool:
    return claim.metric.removeprefix(FORECAST).startswith("change in ")


def _respectively(text: str, ctx: ClaimContext) -> list[tuple[str, tuple[int, int]]] | None:
    """For "A and B ... N and M respectively": per figure, the sentence with the other names
    blanked out (offsets kept) and "respectively" gone, and where that figure stands."""
    word = _RESPECTIVELY.search(text)
    qs = [q for q in extract_quantities(text, ctx.lex) if q.start > 0]
    runs: list[list[Quantity]] = []
    for q in qs:
        if runs and JOINED.fullmatch(text, runs[-1][-1].end, q.start):
            runs[-1].append(q)
        else:
            runs.append([q])
    figures = next((r for r in runs if len(r) >= 2), None)
    if word is None or figures is None:
        return None
    names: list[list[Mention]] = []
    for e in ctx.entities.mentions(text[: figures[0].start]):
        if not e.known:
            continue
        if names and JOINED.fullmatch(text, _after_possessive(text, names[-1][-1].end), e.start):
            names[-1].append(e)
        else:
            names.append([e])
    listed = next((r for r in names if len(r) == len(figures)), None)
    if listed is None:
        return None
    out = []
    for i, q in enumerate(figures):
        chars = list(text)
        keep = range(listed[i].start, _after_possessive(text, listed[i].end))
        for k in range(listed[0].start, _after_possessive(text, listed[-1].end)):
            if k not in keep:
                chars[k] = " "
        chars[word.start() : word.end()] = " " * (word.end() - word.start())
        out.append(("".join(chars), (q.start, q.end)))
    return out


def _after_possessive(text: str, end: int) -> int:
    m = _POSSESSIVE_END.match(text, end)
    return m.end() if m else end


_RESPECTIVELY = re.compile(r",?\s*\brespectively\b")
_POSSESSIVE_END = re.compile(r"['’]s?\b")


def _listed_share(
    text: str, q: Quantity, before: Claim, mentions: list[Mention], offset: int
) -> tuple[str | None, str, str | None] | None:
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
    return named[0].name, before.metric, before.object


_NAME_AT = re.compile(r"(?<=[A-Za-z])\s+at\s+" + ROUGHLY + "$")
# between the first figure and a listed name: "of the global burden, followed by", "), China",
# "% and" ("followed by Myanmar at 11% and Australia at 6%")
_LIST_GAP = re.compile(
    r"[^.;()]{0,80}?(?:,\s*(?:followed\s+by|ahead\s+of|then|with|including)?|\)\s*,?\s*(?:and\s+)?|\s+and\s)\s*(?:the\s+)?"
)
_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_A_CHANGE = re.compile(r"[^;.]{0,80}?,\s*(?:an?|the)\s+" + ROUGHLY)
_A_CHANGE_OF = re.compile(r"[^;.]{0,80}?,\s*(?:an?|the)\s+[a-z]+\s+of\s+" + ROUGHLY)


def _home_to_rx(lex: Lexicon) -> re.Pattern[str]:
    """ "is home to", "a country of" right before a count of people: a population."""
    rx = lex.compiled.get("home to")
    if rx is None:
        places = trie_alternation(lex.settlement_nouns)
        rx = lex.compiled["home to"] = re.compile(
            r"\b(?:(?:is|was|are|were|remains|has\s+been)\s+home\s+to|(?:" + places + r")\s+of)\s+" + ROUGHLY + "$"
        )
    return rx  # type: ignore[no-any-return]


def _study_part_rx(lex: Lexicon) -> re.Pattern[str]:
    """The part of a study a figure is about, right after it: "in the control group"."""
    rx = lex.compiled.get("study part")
    if rx is None:
        parts = trie_alternation(lex.study_parts)
        rx = lex.compiled["study part"] = re.compile(
            r"\s+(?:in|among)\s+(?:the\s+)?((?:[a-z-]+\s+){1,2}(?:" + parts + r")s?)\b"
        )
    return rx  # type: ignore[no-any-return]


_LIVE_IN = re.compile(r"\s+(?:now\s+)?(?:live|lived|living|reside|resided|residing)\s+in\b")
_AND_SHARE = re.compile(r"\s+of\s+[^,;.()]{1,40}?\s+and\s+" + ROUGHLY)
_AFTER_DOING = re.compile(
    r"[^.;:]{0,40}?,?\s(?:after|before|while|having)\s+(?:been\s+)?[a-z]+(?:ing|ed)\s+(?:by\s+)?" + ROUGHLY
)
_FROM_END = re.compile(r"\bfrom\s+$")
_TO_BETWEEN = re.compile(r"\s+to\s+" + ROUGHLY)
# what opens a sentence, not a fact-book value: "Methods: We enrolled ...", "Results: The ..."
_FIGURE_FIRST = re.compile(r"[-–−+(]?[$€£¥]?\d|[A-Z]{3}\s+\d")  # "5.69%", "-$9.9 billion", "NOK 61.2 billion"
_PROSE_AFTER_LABEL = re.compile(r"(?:The|We|Our|This|These|In|Among|Of|Overall|Between|A|An)\s+[a-z]")
# a duration is a claim ("life expectancy is 84.1 years"), unless it says when or how long
_TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "second", "decade", "century"])
_SPAN_BEFORE = re.compile(
    r"\b(?:for|over|in|within|after|before|during|since|past|last|next|every|than|of|first)\s+"
    r"(?:the\s+)?(?:past\s+|last\s+|next\s+|first\s+)?"
    r"(?:(?:about|almost|nearly|around|roughly|some|more\s+than|less\s+than|over|under)\s+)?$",
    re.I,
)
_RELATIVE_TO_NORM = re.compile(
    r"\s+(above|below|higher\s+than|lower\s+than)\s+(?:the\s+)?(?:long-term\s+|historical\s+|seasonal\s+)?"
    r"(average|normal|norm|mean)\b",
    re.I,
)
_VERB_BY = re.compile(r"\b([a-z]+)\s+by\s+" + ROUGHLY + "$")
_PLUS_MINUS = re.compile(r"(?:\bplus\s+or\s+minus|±|\+/-)\s*$", re.I)
_SPELLED_COMPOUND = re.compile(r"[a-z]-[a-z]+$", re.I)
_SPAN_AFTER = re.compile(r"\s+(?:ago|later|earlier|before|after|from now|on|into|of)\b")


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
    return frame_of(alt, replace(q, start=len(lead), end=len(lead) + 4, surface="100%"), mentions, ctx)


_AUX_END = re.compile(r"\s+(?:has|have|had)(?:\s+been)?\s*$")
_CHANGE_IN = re.compile(
    r"\s+([a-z]+)\s+in\s+(?:the\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=\s*(?:[,.;:]|$|\s+(?:in|at|on|for|during|since|over|from)\b))"
)
_BASE_PERIOD = re.compile(
    r"\s+(?:from|on|over|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:the\s+same\s+period\s+(?:of|in)\s+)?"
    r"(?:fiscal\s+)?\d{4}\b|(?:a|the)\s+year\s+(?:earlier|before|ago)\b|the\s+previous\s+year\b|last\s+year\b)"
)
# ", up 38%" right after a figure: its change, with the figure's metric
_APPOSITIVE_CHANGE = re.compile(
    r"[^,;.]{0,40}?,\s*(?:up|down)\s+(?:by\s+)?(?:(?:about|almost|nearly|around|some|over|more\s+than)\s+)?"
)


def _bracketed_place(text: str, q: Quantity, mentions: list[Mention], ctx: ClaimContext) -> str | None:
    """The place whose figure stands in brackets right after its name: "Liberia (4,665 cases)"."""
    head = text[: q.start].rstrip()
    if not head.endswith("(") or not CLOSE_BRACKET.match(text, q.end):
        return None
    head = head[:-1].rstrip()
    named = [e for e in mentions if e.end == len(head) and e.known and ctx.entities.is_place(e.name)]
    return named[0].name if named else None


def _peak_of(text: str, q: Quantity, ctx: ClaimContext) -> bool:
    """Whether the figure is the peak of what its clause measures ("Peaks in the number of new
    cases occurred in Kenya (612 cases)", "the peak of daily arrivals was 4,100"): the highest
    value over a time, another measure than the running total or the level now."""
    rx = ctx.lex.compiled.get("peak nouns")
    if rx is None:
        nouns = trie_alternation(ctx.lex.raw["language"].get("peak_nouns", []))
        rx = ctx.lex.compiled["peak nouns"] = re.compile(
            r"(?:^|\b(?:the|a|its|their)\s+)(?:[a-z]+\s+)?(?:" + nouns + r")\s+(?:in|of)\b[^;:.]*$", re.I
        )
    return rx.search(text, max(0, q.start - 160), q.start) is not None


def _new_counted(q: Quantity, metric: str, ctx: ClaimContext) -> str:
    """ "number of cases" -> "number of new cases" when the figure counts new ones ("65 new
    cases", "76 new confirmed cases"): the cases of one week, not the running total."""
    words = q.surface.lower().split()[1:-1]  # between the number and the noun it counts
    fresh = ctx.lex.raw["language"].get("incidence_words", [])
    said = next((w for w in words if w in fresh), None)
    if said is None or said in metric.split():
        return metric
    return metric.replace("number of ", f"number of {said} ", 1)


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


_EVENT_BEFORE = re.compile(
    r"\b(laid\s+off|[a-z]+)\s+(?:(?:at\s+least|more\s+than|nearly|about|almost|around|some|roughly|over|up\s+to|an\s+estimated)\s+)?$"
)
_WITHOUT_AFTER = re.compile(r"\s+without\s+([a-z]+)\b")
# "grew 5.6% in 2023, up from 4.9% a year earlier": the figure after "up/down from" is the
# same change, for an earlier period
_EARLIER_RATE = re.compile(r"(?:\b(?:up|down)\s+|[,(]\s*)from\s+(?:[a-z]+\s+){0,2}$")
_REACHING = re.compile(
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?,\s*(?:reaching|hitting|to\s+reach|to\s+hit|"
    r"(?:bringing|taking)\s+(?:it|them|the\s+total)\s+to)\s+(?:a\s+record\s+(?:high\s+of\s+)?|an?\s+)?"
)
_CONSENSUS = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|beating|beat|missing|missed|topping|topped|ahead\s+of|"
    r"above|below|exceeding|exceeded)\s+(?:the\s+|an?\s+)?(?:[\w'’]+\s+){0,3}?(?:expectations?|estimates?|consensus)"
    r"(?:\s+(?:of|for))?\s+" + ROUGHLY + "$",
    re.I,
)
_GAPPED = re.compile(r"\s+(?:in|during|for)\s+[^,;().]{1,30}?\s*,?\s+and\s+((?:[a-z][a-z-]+\s+){1,3})$")
# all that stands between a figure and the earlier one it is compared with: "4.1% in June (up
# from 3.9%", "3% in June, from 4%"
_EARLIER_VALUE = re.compile(
    r"(?:\s+of\s+(?:the\s+)?[A-Za-z][\w-]*)?"  # "6.3% of GDP in 2023 from 5.5%"
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?"
    r"(?:,\s*[^,;().]{1,60}?\s(?:said|says|reported|showed|shows|estimated|estimates)\b)?"  # ", the commission said,"
    r"\s*[,(]?\s*(?:(?:up|down)\s+)?from\s+(?:[a-z]+\s+){0,2}"
)
# "... in 2022 and": between two earlier values of one figure
_AND_EARLIER = re.compile(r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?,?\s+and\s+(?:from\s+)?")
_YEAR_EARLIER = re.compile(
    r"\s+(?:a|one|the)\s+(?:year|previous\s+year)\s*(?:earlier|before)?\b|\s+in\s+the\s+previous\s+year\b"
)


def _earlier_change(claim: Claim, before: Claim, after: str, bare: bool = False) -> Claim | None:
    """The figure after "up from" as what the claim before it states (the same change, or the
    same level), for the period before: one year before when the text says "a year earlier"
    and the first is a year. A `bare` figure takes the unit of the one before."""
    if bare:
        claim = replace(claim, unit=before.unit)
    if before.unit != claim.unit:
        return None
    same_level = bare or (before.metric == claim.metric and before.subject == claim.subject)
    if not same_level and (not _is_change(before) or (before.value or 0) < 0):
        return None
    period_start, period_end, period_text = claim.period_start, claim.period_end, claim.period_text
    earlier = _YEAR_EARLIER.match(after)
    if earlier and before.period_start and before.period_start == before.period_end and before.period_start.isdigit():
        year = str(int(before.period_start) - 1)
        period_start, period_end, period_text = year, year, earlier.group().strip()
    return replace(
        claim,
        subject=before.subject,
        metric=before.metric,
        object=before.object,
        period_start=period_start,
        period_end=period_end,
        period_text=period_text,
    )


def _unit_from_frame(text: str, q: Quantity, metric: str, ctx: ClaimContext) -> Quantity:
    """The unit a figure's clause implies beyond its own words.

    "12.9 million barrels of crude a day" is a rate (bbl/d) though the rate's period comes
    after what is measured; "passenger numbers reached 79.2 million" counts passengers.
    """
    if q.unit and dimension_of(q.unit, ctx.lex) != "count":
        rate = _OF_RATE.match(text, q.end)
        unit_word = q.surface.split()[-1].lower() if q.surface.split() else ""
        per_unit = ctx.lex.unit_names.get(f"{unit_word} per {rate.group(1)}") if rate else None
        return replace(q, unit=per_unit) if per_unit else q
    if not q.unit and metric.startswith("number of ") and " " not in metric[10:]:
        return replace(q, unit=metric[10:])
    return q
