"""The claim layer: which quantities a fact-checker records, and about what.

For each sentence (`sentence_claims`): its figures as the quantity rules read them
(`quantity_rules.py`: those a fact-checker records, a unit carried from a list, "doubled" as a
percent, what "the number of X" counts); then, for each figure, the figure rules
(`figure_rules.py`: subject, metric and object from `frames.py`, or from the figure before:
"..., up 38%", "up from 4.2%") and the claim rules (`claim_rules.py`: what a count counts,
the period, the claim: "40% below average", "up from X a year earlier"), over the typed state
of `scene.py`. Fact-book lines go to `listings.py`, table rows to `tables.py`; titles and event
dates to `facts.py`. What the whole document says (its topic, reference date and actor) is
read in `document_context.py`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from claimcheck.extract.acronyms import Initials, spelled_out_subjects
from claimcheck.extract.attribution import sources_of
from claimcheck.extract.change_rules import WORD_AFTER
from claimcheck.extract.claim_rules import CLAIM_RULES
from claimcheck.extract.context import ClaimContext, restated_claim
from claimcheck.extract.document_context import document_actor, document_topic, reference_date
from claimcheck.extract.events import as_of_dated, document_event, event_owned, named_event_tolls
from claimcheck.extract.facts import FactRules, fact_claims
from claimcheck.extract.figure_rules import FIGURE_RULES
from claimcheck.extract.listings import FIELD, LABEL_LINE, field_claims, figure_first_claims, item_claims
from claimcheck.extract.quantity_rules import JOINED, Reading, read_figures, without_wholes
from claimcheck.extract.respectively import RESPECTIVELY, alone_in_run, respectively_variants
from claimcheck.extract.scene import Figure, Scene
from claimcheck.extract.statistics import period_table_claims
from claimcheck.extract.subjects import (
    decided_subjects,
    government_country,
    named_programmes,
    named_subjects,
    of_the_world,
    publisher_country,
    publisher_subjects,
    section_subjects,
    with_subject_provenance,
)
from claimcheck.extract.tables import table_claims
from claimcheck.layout.fields import values_line
from claimcheck.lexicon import Lexicon
from claimcheck.model import Claim, Document, Quantity, Sentence, evolve
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.periods import span_back
from claimcheck.normalize.time import PeriodSpan, find_periods

# Stored with each source; a source stored by another version is extracted again when its
# file is ingested again. Change it when extraction changes what a document yields.
EXTRACTOR_VERSION = "0.5.0"


@dataclass(frozen=True)
class _DocumentFacts:
    """What the document-level rules know of the whole document, found once."""

    event: str | None  # the event a report is about
    actor: str | None  # the company a results story is about
    publisher: str | None  # the country whose government publishes it
    initials: Initials  # the acronyms it spells out


def _document_facts(doc: Document, ctx: ClaimContext) -> _DocumentFacts:
    return _DocumentFacts(
        document_event(doc, ctx.lex, ctx.entities),
        document_actor(doc, ctx.entities),
        publisher_country(doc, ctx),
        Initials(doc.text),
    )


def _with_document_context(
    claims: list[Claim],
    doc: Document,
    sentences: list[Sentence],
    ctx: ClaimContext,
    found: _DocumentFacts,
    people: frozenset[str] = frozenset(),
) -> list[Claim]:
    """The document-level rules, in order: an ordinary word is no subject; a figure with no
    subject takes its section's place, else its company (a results story's actor), else
    its publisher's country (a government's page); an event's tolls are the event's, as of
    the report's dates; each subject says where it came from; a figure still nobody's is
    compared within its document only. Each rule reads one claim (and its sentence) at a
    time, so a document's claims can go through them a part at a time."""
    metrics = ctx.metrics
    event, actor, publisher = found.event, found.actor, found.publisher
    claims = named_subjects(claims, ctx, decided_subjects(event, actor, ctx))
    claims = section_subjects(claims, sentences, ctx, doc.meta.title)  # "## Zambia" / "Copper output rose 4%"
    if actor:  # "Net debt stood at NOK 6.2 billion" in a company's results: the company's
        claims = [c if c.subject or not _of_business(c, metrics) else replace(c, subject=actor) for c in claims]
    claims = named_programmes(claims, publisher, people, ctx)  # "Americans with Medicare Part D"
    claims = publisher_subjects(claims, publisher, ctx)  # a .gov page's figures
    if event:  # "the death toll reached 14" in a report on a storm: the storm's
        claims = as_of_dated(
            event_owned(claims, event, ctx.lex, ctx.entities, doc.meta.title, doc.text[:_OPENING]),
            doc,
            event,
            ctx.published,
            ctx.lex,
        )
    else:  # "the provinces hit by Storm Kelda, which killed 11 Croatians" on a fact sheet: the storm's
        claims = named_event_tolls(claims, ctx.lex, ctx.entities)
    claims = [replace(c, local=True) if _undated_earlier(c) else c for c in claims]  # "39 the week before" when?
    claims = spelled_out_subjects(claims, found.initials)  # "the CAA": the Carecover Access Act
    claims = with_subject_provenance(claims, doc, ctx, event, actor, publisher)
    # a figure with no subject that is not the world's ("Unemployment rose to 4.7%" in a text
    # that never says where): two documents' such figures are no evidence about each other
    # ("global sales" are a company's: a figure of business is nobody's without its owner)
    return [
        replace(c, local=True)
        if c.subject is None and (not of_the_world(c, ctx) or not metrics.company_measures.isdisjoint(c.metric.split()))
        else c
        for c in claims
    ]


def _undated_earlier(claim: Claim) -> bool:
    """An earlier value one span before a figure no date was found for ("65 new cases,
    compared with 39 the week before" in a text that never says when): a figure of its own
    document only, or it would conflict with other documents' undated counts of the measure."""
    return claim.kind == "numeric" and not claim.period_start and span_back(claim.period_text or "") is not None


def _of_business(claim: Claim, metrics: MetricNames) -> bool:
    """Whether a figure measures a business (revenue, margin, net debt, deliveries, ...)."""
    words = metrics.words(claim.metric)
    return (
        claim.kind == "numeric"
        and not metrics.company_measures.isdisjoint(words)
        and metrics.not_company_measures.isdisjoint(words)
    )


_OPENING = 300  # the start of a text, where an encyclopedia page defines its subject
_QUESTION = re.compile(r"\?[\"'”’)]*\s*$")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]*[a-z]")


def extract_claims(
    doc: Document,
    sentences: list[Sentence],
    lex: Lexicon,
    entities: EntityIndex | None = None,
    metrics: MetricNames | None = None,
    facts: FactRules | None = None,
) -> list[Claim]:
    """Numeric claims of a document, from its sentences and table rows."""
    parts = claim_parts(doc, sentences, lex, entities, metrics, facts, part=max(1, len(sentences)))
    return [c for part in parts for c in part]


def claim_parts(
    doc: Document,
    sentences: Iterable[Sentence],
    lex: Lexicon,
    entities: EntityIndex | None = None,
    metrics: MetricNames | None = None,
    facts: FactRules | None = None,
    part: int = 2000,
) -> Iterator[list[Claim]]:
    """The claims of a document, `part` sentences at a time: the claims of those sentences
    (figures first, then titles and dates). Every rule reads a sentence, or one claim with
    what was found once for the whole document, so the parts together are the document's
    claims, and a huge document need not hold all its sentences and claims at once."""
    entities = entities or EntityIndex(lex)
    metrics = metrics or MetricNames(lex)
    ctx = ClaimContext(
        lex,
        entities,
        metrics,
        _own_topic(doc, lex, entities),
        reference_date(doc),
        lower_words=frozenset(m.group() for m in _LOWER_WORD.finditer(doc.text)),
    )
    found = _document_facts(doc, ctx)
    rules = facts or FactRules(lex, entities)
    per_sentence = _claims_by_sentence(doc, sentences, ctx)
    title = _unwritten_title(doc)  # (its titles are stated once, with the first part)
    while chunk := list(itertools.islice(per_sentence, part)):
        said = [s for s, _ in chunk]
        stated = fact_claims(said, rules, doc.meta.published, ctx.published, title)
        title = None
        people = frozenset(c.subject for c in stated if c.kind == "title" and c.subject)
        claims = _with_document_context([c for _, cs in chunk for c in cs], doc, said, ctx, found, people) + stated
        # a figure near the largest float can overflow in conversion ("1.7e308 miles" in km)
        yield [c for c in claims if all(x is None or math.isfinite(x) for x in (c.value, c.low, c.high))]


def _own_topic(doc: Document, lex: Lexicon, entities: EntityIndex) -> str | None:
    """The place the document is about; on a government's page, its own country rather than
    another its headline names ("... Partnership with Ruritania" on Borduria's site: a figure
    it states with no subject is Borduria's, as `publisher_subjects` reads it)."""
    topic = document_topic(doc, entities)
    own = government_country(doc.meta.url, lex)
    return own if own and topic and topic != own and entities.is_place(topic) else topic


def _unwritten_title(doc: Document) -> str | None:
    """The document's title when its text does not repeat it (a page's headline in front
    matter): its titles of people are stated there alone."""
    title = doc.meta.title
    return title if title and " ".join(title.split()) not in " ".join(doc.text.split()) else None


def _claims_by_sentence(
    doc: Document, sentences: Iterable[Sentence], ctx: ClaimContext
) -> Iterator[tuple[Sentence, list[Claim]]]:
    """Each sentence with the claims its figures make, by the kind of unit it is."""
    block: str | None = None  # the fact-book field whose values are on the lines below it
    last_end = 0
    for s in sentences:
        if block is not None and (
            "\n\n" in doc.text[last_end : s.start] or FIELD.match(s.text) or not values_line(s.text)
        ):
            block = None  # a blank line, the next field or prose ends the field's lines
        last_end = s.end
        if s.item_of is not None:
            claims = item_claims(s, ctx)  # "- Trawlers 61%" under "Share of catch by fleet:"
        elif s.table is not None:
            claims = period_table_claims(s, ctx)  # "Secondary 1,980 2,010" under "2029 2030e"
        elif s.header is not None:
            claims = table_claims(s, ctx)
        elif s.label is not None:
            # "Coastline" / "6,435 km"; an infobox's "Fatalities 86 civilians"
            claims = field_claims(s, s.label, _values_from(s.text, s.label), ctx)
        elif block is not None:
            claims = field_claims(s, block, 0, ctx)  # "Real GDP growth rate:" / "-0.55% (2023 est.)"
        elif (label := LABEL_LINE.fullmatch(s.text)) and doc.text[s.end : s.end + 1] in ("\n", ""):
            block, claims = label.group(1), []
        else:
            claims = sentence_claims(s, ctx)
        yield s, claims


def _values_from(text: str, label: str) -> int:
    """Where a field's values start in its line: after the label ("Fatalities 12 crew"), or
    after the part of it the line writes (an infobox's "• 2024 estimate 3,107,100" under
    "Population", labelled "Population (2024 estimate)"); 0 for a line under its label."""
    if text.startswith(label):
        return len(label)
    words, said = text.split(" "), 0
    for i in range(1, len(words)):
        part = " ".join(words[:i])
        if part.lower() not in label.lower():
            break
        said = len(part)
    return said


def sentence_claims(s: Sentence, ctx: ClaimContext, respectively: bool = True) -> list[Claim]:
    """Claims in one sentence; offsets are shifted into the document text."""
    text = s.text
    if _QUESTION.search(text):
        return []  # "Did crime really fall 20% last year?": asked, not stated
    field = FIELD.match(text)
    if field and not any(c.isdigit() for c in field.group(1)):
        # "**Why it matters:** Inflation hit 5%": a bold label before a sentence heads it
        bold_prose = "**" in text[: field.end()] and not _FIGURE_FIRST.match(text, field.end())
        heading = bold_prose or field.group(1).lower() in ctx.lex.furniture.get("inline_headings", ())
        if not heading and not _prose_after_label(text, field.end(), ctx):
            return field_claims(s, field.group(1), field.end(), ctx)
        # "Results: The prevalence of stunting fell ...": a heading, then a sentence of its own
        s = replace(s, text=text[field.end() :], start=s.start + field.end())
        text = s.text
    if (listed := figure_first_claims(s, ctx)) is not None:
        return listed  # "1,600: number of lobbyists ...": a fact sheet's figure, then what it is
    if respectively and "respectively" in text and (variants := respectively_variants(text, ctx)):
        return _respectively_claims(s, variants, ctx)
    readings, restated = read_figures(text, ctx)  # the quantity rules
    if not readings:
        return []
    scene = _scene(s, readings, ctx)
    for i, r in enumerate(scene.figures):  # the figure rules, then the claim rules, for each figure
        f = Figure(i, r, r.q, compared=scene.compared)
        for rule in (*FIGURE_RULES, *CLAIM_RULES):
            f = rule(f, scene)
            if f.done:
                break
        scene = evolve(scene, out=(*scene.out, f.claim) if f.claim else scene.out, compared=f.compared)
    out = _respective_periods(list(scene.out), s, scene.periods) if "respectively" in text else list(scene.out)
    out = _lead_period(out, s, ctx) if s.lead else out
    out = _parts_period(out)
    return _with_restatements(out, [(readings[i].q, q) for i, q in restated], s, ctx) if restated else out


def _lead_period(claims: list[Claim], s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """A list item completes its lead-in line, and so takes its time when it states none
    ("Since March 2, the agency has:" / "- evacuated 4,850 people;": since March 2)."""
    periods = {(p.period.start, p.period.end, p.period.text) for p in find_periods(s.lead or "", ctx.published)}
    if len(periods) != 1:
        return claims
    start, end, said = periods.pop()
    return [
        replace(c, period_start=start, period_end=end, period_text=said)
        if c.kind == "numeric" and c.period_start is None and c.period_end is None
        else c
        for c in claims
    ]


def _parts_period(claims: list[Claim]) -> list[Claim]:
    """A list of parts of one measure ("exported copper (40%), gold (25%) and zinc (10%) in
    2031") takes the period its last part states when the others state none: the year after
    the list is the list's."""
    parts = [c for c in claims if c.kind == "numeric" and c.object and c.metric.startswith("share of ")]
    if (
        len(parts) < 2
        or len({(c.subject, c.metric, c.unit) for c in parts}) != 1
        or len({c.object for c in parts}) < len(parts)
    ):
        return claims
    last = parts[-1]
    if not last.period_start or any(c.period_start or c.period_text for c in parts[:-1]):
        return claims
    dated = {id(c) for c in parts[:-1]}
    return [
        replace(c, period_start=last.period_start, period_end=last.period_end, period_text=last.period_text)
        if id(c) in dated
        else c
        for c in claims
    ]


def _with_restatements(
    claims: list[Claim], restated: Sequence[tuple[Quantity, Quantity]], s: Sentence, ctx: ClaimContext
) -> list[Claim]:
    """'a depth of 1,642 m (5,387 ft)': the figure in other units is a claim of its own (a
    fact-checker records both as stated), with the frame of the figure it restates."""
    by_figure = {c.surface_start: c for c in claims}
    out = list(claims)
    for first, again in restated:
        claim = by_figure.get(s.start + first.start)
        if claim is not None:
            out.append(restated_claim(claim, again, s, ctx))
    return sorted(out, key=lambda c: c.surface_start)


def _respective_periods(claims: list[Claim], s: Sentence, periods: Sequence[PeriodSpan]) -> list[Claim]:
    """'In 2022 and 2023, utilization fell to 77.3% and 75.3%, respectively', 'Exports rose 4%
    and 6% in 2022 and 2023, respectively': the n-th figure is the n-th period of the list
    (the nearest period would swap them, or leave one without)."""
    listed: list[PeriodSpan] = []
    for p in periods:
        if listed and JOINED.fullmatch(s.text, listed[-1].end, p.start):
            listed.append(p)
        elif len(listed) < 2:
            listed = [p]
    if len(listed) < 2:
        return claims
    at = sorted(claims, key=lambda c: c.surface_start)
    after = [c for c in at if c.surface_start - s.start >= listed[-1].end]
    before = [c for c in at if c.surface_end - s.start <= listed[0].start]
    figures = after if len(after) == len(listed) else before if len(before) == len(listed) else []
    if not figures:
        return claims
    when = {id(c): p.period for c, p in zip(figures, listed, strict=True)}
    return [
        replace(c, period_start=when[id(c)].start, period_end=when[id(c)].end, period_text=when[id(c)].text)
        if id(c) in when
        else c
        for c in claims
    ]


def _respectively_claims(s: Sentence, variants: list[tuple[str, tuple[int, int]]], ctx: ClaimContext) -> list[Claim]:
    """ "Inflation in France and Germany was 3.8% and 2.3%, respectively": each figure read with
    its own name alone (`respectively.respectively_variants`), and the list's period for those that state none."""
    out = []
    run = (variants[0][1][0], variants[-1][1][1])
    for masked, (lo, hi) in variants:
        own = [c for c in sentence_claims(replace(s, text=masked), ctx) if lo <= c.surface_start - s.start < hi]
        if not own:
            alone = replace(s, text=alone_in_run(masked, run, (lo, hi)))
            own = [c for c in sentence_claims(alone, ctx) if lo <= c.surface_start - s.start < hi]
        out.extend(replace(c, quote=s.text) for c in own)
    stated = {(c.period_start, c.period_end, c.period_text) for c in out if c.period_start}
    if len(stated) == 1:  # "3.8% and 2.3%, respectively, in 2023": the list's period
        start, end, said = stated.pop()
        out = [c if c.period_start else replace(c, period_start=start, period_end=end, period_text=said) for c in out]
    spans = [span for _, span in variants]
    # "... respectively, to an average price of $350": a figure outside the list, read as usual,
    # without the word that would stand between it and its verb
    plain = RESPECTIVELY.sub(lambda m: " " * len(m.group()), s.text)
    others = [
        replace(c, quote=s.text)
        for c in sentence_claims(replace(s, text=plain), ctx, respectively=False)
        if not any(lo <= c.surface_start - s.start < hi for lo, hi in spans)
    ]
    return sorted(out + others, key=lambda c: c.surface_start)


def _scene(s: Sentence, readings: list[Reading], ctx: ClaimContext) -> Scene:
    """What the figure and claim rules know of a sentence whose figures the quantity rules read."""
    text = s.text
    mentions = ctx.entities.mentions(text)
    periods = [
        p  # (not "below 1990 levels", "in 2021 dollars": the year of a baseline)
        for p in find_periods(text, ctx.published)
        if not (
            p.period.text.isdigit() and (w := WORD_AFTER.match(text, p.end)) and w.group(1) in ctx.lex.after_base_year
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
    figures = tuple(without_wholes(readings, text))  # ("411 of the 650 seats": not the 650)
    return Scene(s, ctx, figures, tuple(mentions), tuple(periods), tuple(sources), attribution, several)


# what opens a sentence, not a fact-book value: "Methods: We enrolled ...", "Results: The ..."
_FIGURE_FIRST = re.compile(r"[-–−+(]?[$€£¥]?\d|[A-Z]{3}\s+\d")  # "5.69%", "-$9.9 billion", "NOK 61.2 billion"


# "Results: The prevalence ...", "Domestic Production and Use: In 2029, two mines ...": a sentence
def _prose_after_label(text: str, at: int, ctx: ClaimContext) -> bool:
    """Whether a label is followed by a sentence of its own, not by its values: an opener
    ('The', 'In 2030,'), or a clause with a verb before its first figure ("Events, Trends,
    and Issues: Global mine production was estimated to have increased by 8%"), where a
    field's values start with the figure or name their parts ("4.2 million (2019 est.)",
    "English 60%, Spanish 30%")."""
    if _PROSE_AFTER_LABEL.match(text, at) or _toll_after_label(text, at, ctx):
        return True
    digit = _FIRST_DIGIT.search(text, at)
    words = text[at : digit.start() if digit else len(text)].lower().split()
    if len(words) >= _CLAUSE_WORDS and any(w in _FINITE or w in ctx.lex.rise or w in ctx.lex.fall for w in words):
        return True
    # "Domestic Production and Use: Manganese ore containing 20% or more manganese has not been
    # produced since 1970": a sentence whose verb comes after its first figure
    rest = text[at:].split()
    return len(rest) >= _SENTENCE_WORDS and rest[0][:1].isupper() and any(w.lower() in _AUXILIARY for w in rest)


def _toll_after_label(text: str, at: int, ctx: ClaimContext) -> bool:
    """A headline's toll after a name and a colon ("Storm Kelda: 28 dead in Slovenia"): a
    figure, then a word of an event's measures, is a clause of its own, not a field's value."""
    toll = _FIGURE_THEN_WORD.match(text, at)
    return toll is not None and toll.group(1).lower() in ctx.lex.events.get("measures", ())


_FIGURE_THEN_WORD = re.compile(r"\s*(?:at\s+least\s+|more\s+than\s+|over\s+)?\d[\d,.]*\s+(?:people\s+)?([A-Za-z]+)")
_FIRST_DIGIT = re.compile(r"\d")
_CLAUSE_WORDS = 3
_FINITE = frozenset("is are was were has have had will would".split())
_SENTENCE_WORDS = 8
_AUXILIARY = frozenset("is are was were has have had".split())
_PROSE_AFTER_LABEL = re.compile(
    r"(?:The|We|Our|This|These|In|Among|Of|Overall|Between|A|An)\s+[a-z]|(?:In|During|Since|By)\s+(?:1[89]|20)\d\d,"
)
