"""The claim layer: which quantities a fact-checker records, and about what.

For each figure in a sentence it derives, from the clause that holds the figure:
- the metric: "N% of <noun phrase>" is a share of that phrase; otherwise the noun phrase
  that governs the verb before the figure ("X's output rose to N"), or the noun a
  compound figure modifies ("a 3,485-kilometre border");
- the subject: the possessor of the metric, the entity the clause is about, the antecedent
  of "which", or, when the sentence names none, the document's main entity;
- the object: "from X", "with X", "to X" after the metric (imports from, border with);
- the period: the time phrase closest to the figure; and the attribution.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from claimcheck.extract.facts import FactRules, fact_claims
from claimcheck.extract.quantities import extract_quantities
from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Claim, Document, Period, Quantity, Sentence
from claimcheck.normalize.entities import EntityIndex, Mention
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.time import PeriodSpan, find_periods
from claimcheck.normalize.units import convert, count_unit, dimension_of

EXTRACTOR_VERSION = "0.1.0"

CLAIMABLE = frozenset(
    [
        "percent",
        "points",
        "length",
        "area",
        "mass",
        "power",
        "energy",
        "volume",
        "oil",
        "oil_rate",
        "currency",
        "price",
        "duration",
        "count",
        "speed",
        "temperature",
        "temperature_f",
    ]
)
_LINKING = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "stood",
        "stands",
        "stand",
        "reached",
        "reaches",
        "reach",
        "hit",
        "hits",
        "totaled",
        "totalled",
        "totals",
        "total",
        "amounted",
        "amounts",
        "came",
        "comes",
        "remained",
        "remains",
        "remain",
        "averaged",
        "averages",
        "equals",
        "equaled",
        "equalled",
        "topped",
        "tops",
        "exceeded",
        "exceeds",
        "has",
        "had",
        "have",
        "runs",
        "run",
        "ran",
        "spans",
        "spanned",
        "stretches",
        "stretched",
        "covers",
        "covered",
        "measures",
        "measured",
        "extends",
        "extended",
        "employs",
        "employed",
        "numbers",
        "numbered",
        "stayed",
        "stays",
        "stay",
        "hovered",
        "hovers",
        "passed",
        "passes",
        "crossed",
        "crosses",
        "surpassed",
        "surpasses",
    ]
)
_AUX = frozenset(
    ["has", "have", "had", "been", "is", "was", "were", "are", "be", "will", "would", "could", "should", "may", "might"]
)
_PREPS = frozenset(
    [
        "with",
        "to",
        "from",
        "on",
        "of",
        "in",
        "between",
        "than",
        "like",
        "as",
        "into",
        "for",
        "by",
        "at",
        "about",
        "over",
    ]
)
_CLAUSE_CUT = re.compile(r"[;:—–(]|,\s|\s(?:which|who|that|where|while|whereas|although)\s")
_RIGHT_CUT_PASSIVE = re.compile(r"[,;:—–()]|\.(?:\s|$)")
_RIGHT_CUT = re.compile(r"[,;:—–()]|\s(?:and|but|while|which|who|as|according)\s")
_PROPER = r"(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|and|on|de)\s+)?){0,5}[A-Z][\w.&'’-]*"
_PROPER_NAME = re.compile(_PROPER)
_MEASURE_OF = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+of\s*$")
_LOWER_WORD = re.compile(r"\b[a-z]")
_DIGIT = re.compile(r"\d")
_DIGIT_OR_PUNCT = re.compile(r"\d|[,;:()]")
_TO_NEXT = re.compile(r"\s*to\s+(?:an?\s+)?(?:[a-z]+\s+)?")  # "rose 5% to (a record) N"
_CLAUSE_BREAK = re.compile(r"[,;—–]")
_APPOSITION = re.compile(r"(?:[a-z][\w-]*\s+){1,4}(" + _PROPER + ")")
_SELF_REPORT = re.compile(r"\s+(?:that\s+)?(?:its|their|it|they|he|she|his|her)\b")
# a noun phrase after "N% of" ends at a time phrase or a preposition that starts a new role
_NP_CUT = re.compile(
    r"\s+(?=(?:in|during|between|since|by|as|at|on|until|through|over|under|for|while|compared|versus|vs)\b)|\s*\["
)
_WHO = r"(?P<who>(?:[^,;.]|(?<=\.[A-Z])\.|(?<=\b[A-Z])\.(?=[A-Z]))+?)(?=[,;]|(?<!\.[A-Z])(?<!\b[A-Z])\.|$"
_ATTRIBUTION = [
    re.compile(r"\b[Aa]ccording to (?:data (?:from|compiled by) )?" + _WHO + r"|\s+(?:data|figures)\b)"),
    re.compile(r"\bas (?:reported|estimated|noted|stated) by " + _WHO + ")"),
    re.compile(r"\bas per (?:data |figures )?(?:compiled |published )?(?:by |from )?" + _WHO + ")"),
    re.compile(r"\b(?:data|figures|statistics|estimates) (?:compiled|published|released) by " + _WHO + r"|\s+show)"),
    re.compile(r"\bciting " + _WHO + ")"),
    re.compile(
        r"(?:^|,\s*)(?P<who>(?:the\s+)?"
        + _PROPER
        + r"|the (?:[a-z]+ ){0,3}[a-z]+(?: "
        + _PROPER
        + r")?) (?:said|says|reported|reports|estimated|estimates|told reporters|announced|noted|found|forecast|projected)(?:\s+(?:on|in|last|this)\b[^,.;]*)?(?=\s*[.,;]|\s+that\b|$)"
    ),
    re.compile(r",\s*(?:said|says|reported|according to) (?P<who>(?:the\s+)?" + _PROPER + ")"),
]
_ATTR_DROP = re.compile(r"^the\s+|\b(?:recent|latest|annual|own)\b\s*|'s\b|’s\b|\s+(?:show|shows|showed)$", re.I)
# "12.9 million barrels of crude a day": the rate's period after what is measured
_OF_RATE = re.compile(r"\s+of\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?:a|per|each)\s+(day|week|month|year)\b")
_RATE_TAIL = re.compile(r"\s+(?:a|per|each)\s+(?:day|week|month|year)\b.*$")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it"])
_HEADER_UNIT = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]|,\s*(in\s+.+)$")


@dataclass
class _Context:
    """What the claim layer knows about a document beyond one sentence."""

    lex: Lexicon
    entities: EntityIndex
    metrics: MetricNames
    topic: str | None
    published: str | None
    speakers: frozenset[str] = frozenset()  # who reports the sentence's figures: never their subject


def document_topic(doc: Document, entities: EntityIndex) -> str | None:
    """The place the document is clearly about: the place its title names (the most mentioned
    of them), or else a place named at least three times and twice as often as any other.

    A claim with no subject of its own is better left without one than given the most named
    of several places: that makes a false group, and then a false conflict, in every document
    that mentions two countries."""
    counts: Counter[str] = Counter()
    for m in entities.mentions(doc.text):
        if m.known and entities.is_place(m.name) and m.name != "European Union":
            counts[m.name] += 1
    titled: set[str] = set()
    if doc.meta.title:
        for m in entities.mentions(doc.meta.title):
            if m.known and entities.is_place(m.name):
                titled.add(m.name)
        # a fact-book page is titled after its subject: "Ruritania - Geography", "Peru: Economy"
        headed = re.fullmatch(
            r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*[-–—:|]\s*([A-Z]\w*(?:\s+\w+){0,3})", doc.meta.title.strip()
        )
        if headed:  # the page's subject, named before its section ("Geography", "People and Society")
            return entities.resolve(headed.group(1))
    if titled:
        return max(sorted(titled), key=lambda p: counts[p])
    top = counts.most_common(2)
    if not top:
        return None
    second = top[1][1] if len(top) > 1 else 0
    return top[0][0] if top[0][1] >= 3 and top[0][1] >= 2 * second else None


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
    ctx = _Context(lex, entities, metrics, document_topic(doc, entities), doc.meta.published)
    claims: list[Claim] = []
    for s in sentences:
        if s.header is not None:
            claims.extend(_table_claims(s, ctx))
        else:
            claims.extend(sentence_claims(s, ctx))
    return claims + fact_claims(sentences, facts or FactRules(lex, entities), doc.meta.published)


def claimable(q: Quantity, lex: Lexicon) -> bool:
    """Whether a fact-checker records this quantity (not vague, not bare, not a word count)."""
    if q.vague or (q.spelled and q.value == 1):
        return False  # "dozens of", "a gallon of": not figures a fact-checker records
    if not q.unit:
        # a bare decimal ("a fertility rate of 1.24") or a scaled number ("124.5 million") can
        # be a figure when a metric phrase governs it; bare integers are not
        if q.value is None or q.spelled:
            return False
        decimal = q.step is not None and q.step < 1
        return decimal or abs(q.value) >= 1000 or bool(lex.scale_word_re.search(q.surface))
    dim = dimension_of(q.unit, lex)
    if dim not in CLAIMABLE:
        return False
    if dim == "count" and (q.spelled or (q.value is not None and abs(q.value) < 10 and q.step == 1.0)):
        return False
    return True


def sentence_claims(s: Sentence, ctx: _Context) -> list[Claim]:
    """Claims in one sentence; offsets are shifted into the document text."""
    text = s.text
    field = _FIELD.match(text)
    if field and not any(c.isdigit() for c in field.group(1)):
        return _field_claims(s, field, ctx)
    qs = []
    for q in extract_quantities(text, ctx.lex):
        if q.fraction:
            q = _as_share(q, text, ctx.lex)  # "nearly half of", "one in five": a share, in percent
        if (
            qs
            and not q.unit
            and q.value is not None
            and dimension_of(qs[-1].unit, ctx.lex) == "count"
            and _AND_BEFORE.fullmatch(text, qs[-1].end, q.start)
            and (event := _EVENT_AFTER.match(text, q.end))
            and event.group(1).lower() in ctx.metrics.count_events
        ):
            q = replace(q, unit=qs[-1].unit)  # "1,200 people were killed and 5,400 were injured"
        if claimable(q, ctx.lex):
            qs.append(q)
        elif qs and not q.unit and q.value is not None and _FROM_BEFORE.fullmatch(text, qs[-1].end, q.start):
            qs.append(replace(q, unit=qs[-1].unit))  # "rose to 58,000 in 2023 from 941": 941 of the same

    if not qs:
        return []
    mentions = ctx.entities.mentions(text)
    periods = find_periods(text, ctx.published)
    attribution, speakers = _attribution(text, ctx)
    if speakers:
        ctx = replace(ctx, speakers=speakers)
        mentions = [e for e in mentions if e.name not in speakers]
    out = []
    # "411 of the 650 seats": the whole a figure is part of is not a claim of its own
    qs = [q for i, q in enumerate(qs) if not (i and _OF_WHOLE.fullmatch(text, qs[i - 1].end, q.start))]
    for i, q in enumerate(qs):
        prev_end = qs[i - 1].end if i else 0
        next_start = qs[i + 1].start if i + 1 < len(qs) else len(text)
        if q.unit in _TIME_UNITS and (
            _SPAN_BEFORE.search(text, 0, q.start) or _SPAN_AFTER.match(text, q.end) or _COMPOUND.search(q.surface)
        ):
            continue  # "for ten years", "two years later", "a 10-year bond": when or which, not what
        frame = _frame(text, q, mentions, ctx)
        if frame is None or frame[1] in ctx.metrics.vague_metrics:
            continue  # no metric at all ("24%" in a flattened table): nothing anyone could compare
        subject, metric, obj = frame
        q = _unit_from_frame(text, q, metric, ctx)
        if q.unit and dimension_of(q.unit, ctx.lex) == "count" and not q.surface.endswith(q.unit):
            metric = f"number of {count_unit(q.unit, ctx.lex)}"  # the noun came from the figure before
            subject = subject or (out[-1].subject if out else None)  # ... and so did whose they are
        if metric.startswith("number of ") and q.unit:
            metric = _count_event(text, q, metric, ctx)
        found = _period_for(q, periods, prev_end, next_start, text)
        period = found.period if found else None
        if q.direction and out and out[-1].period_start and _BASE_PERIOD.match(text, q.end):
            # "reached 425 GW in 2023, up 85% from 2022": 2022 is what the change is measured against
            period = Period(out[-1].period_start, out[-1].period_end or out[-1].period_start, out[-1].period_text or "")
        if subject and " " not in subject and subject not in ctx.entities.kind and subject.lower() in metric.split():
            subject = None  # "Coal accounted for 36% of ...": the capital is the sentence's, the word the metric's
        claim = _make_claim(s, q, subject, metric, obj, period, attribution, ctx)
        if out and not q.direction and _EARLIER_RATE.search(text, prev_end, q.start):
            claim = _earlier_change(claim, out[-1], text[q.end : next_start]) or claim
        out.append(claim)
    return out


# a duration is a claim ("life expectancy is 84.1 years"), unless it says when or how long
_TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "second", "decade", "century"])
_SPAN_BEFORE = re.compile(
    r"\b(?:for|over|in|within|after|before|during|since|past|last|next|every|than|of|first)\s+"
    r"(?:the\s+)?(?:past\s+|last\s+|next\s+|first\s+)?"
    r"(?:(?:about|almost|nearly|around|roughly|some|more\s+than|less\s+than|over|under)\s+)?$",
    re.I,
)
_SPAN_AFTER = re.compile(r"\s+(?:ago|later|earlier|before|after|from now|on|into|of)\b")
_FROM_BEFORE = re.compile(r"(?:\s+(?:in|during)\s+\S+)?,?\s+(?:up\s+|down\s+)?from\s+(?:[a-z]+\s+){0,2}")
_BASE_PERIOD = re.compile(
    r"\s+(?:from|on|over|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+same\s+period\s+(?:of|in)\s+)?(?:fiscal\s+)?\d{4}\b"
)
_COMPOUND = re.compile(r"\d\s?-\s?[^\W\d_]")  # "3,485-kilometre", not the range "21-24 centimetres"
# after "N% of <people> in <Place>": the verb phrase that says which share ("are obese")
_PREDICATE = re.compile(
    r"(?:'s|’s)?\s+((?!(?:and|or|but|to|from|by|in|of|for|with|at|on|during|since|according|compared|than|as|the|a|an)\b)"
    r"[a-z][\w-]*(?:\s+(?!(?:in|by|during|since|according|than)\b)[a-z][\w-]*){0,4})"
)
# linking words that do not change which share is meant ("who are obese" = "are obese" = "obese")
_LINKING_WORDS = re.compile(r"\b(?:who|that|which|is|are|was|were|has|have|had|now|still|currently)\s+")


_RATIO = re.compile(r"\s(?:in|out\s+of)\s")


def _as_share(q: Quantity, text: str, lex: Lexicon) -> Quantity:
    """A fraction of a whole as a percentage: words like "half" and "a third" are round, so
    the figure is approximate unless a qualifier before it says otherwise ("nearly half")."""
    qualifier = lex.qualifier_re.search(text, 0, q.start)
    stated = lex.qualifier_of.get(" ".join(qualifier.group(1).lower().split())) if qualifier else None
    value = (q.value or 0) * 100
    return replace(q, value=value, unit="%", qualifier=stated or "approx", fraction=False)


def _count_event(text: str, q: Quantity, metric: str, ctx: _Context) -> str:
    """ "number of people" -> "number of people killed": what happened to the counted things,
    said after them ("were killed", "were displaced by", "without power") or before ("the
    quake killed 59,000 people"), from the events in the metric data."""
    events = ctx.metrics.count_events
    after = _EVENT_AFTER.match(text, q.end)
    word = after.group(1).lower() if after else None
    if word not in events:
        before = _EVENT_BEFORE.search(text, 0, q.start)
        word = before.group(1).lower() if before else None
    if word in events:
        return f"{metric} {events[word]}"
    lacking = _WITHOUT_AFTER.match(text, q.end)
    if lacking:  # "2.7 million homes without power"
        return f"{metric} without {lacking.group(1).lower()}"
    return metric


_AND_BEFORE = re.compile(
    r"[^.;]{0,60}?\s(?:and|while|with)\s+(?:(?:at\s+least|more\s+than|nearly|about|some|another)\s+)?"
)
_EVENT_AFTER = re.compile(
    r"\s+(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|had|have|being|been|who|that)\s+)*"
    r"(?:(?:reportedly|already|now|since|also|still)\s+)?(laid\s+off|[a-z]+)\b"
)
_EVENT_BEFORE = re.compile(
    r"\b(laid\s+off|[a-z]+)\s+(?:(?:at\s+least|more\s+than|nearly|about|almost|around|some|roughly|over|up\s+to|an\s+estimated)\s+)?$"
)
_WITHOUT_AFTER = re.compile(r"\s+without\s+([a-z]+)\b")
_OF_WHOLE = re.compile(r"\s+of\s+(?:the|its|their|all)\s+")
# "grew 5.6% in 2023, up from 4.9% a year earlier": the figure after "up/down from" is the
# same change, for an earlier period
_EARLIER_RATE = re.compile(r"\b(?:up|down)\s+from\s+(?:[a-z]+\s+){0,2}$")
_YEAR_EARLIER = re.compile(
    r"\s+(?:a|one|the)\s+(?:year|previous\s+year)\s*(?:earlier|before)?\b|\s+in\s+the\s+previous\s+year\b"
)


def _earlier_change(claim: Claim, before: Claim, after: str) -> Claim | None:
    """The figure after "up from" as what the claim before it states (the same change, or the
    same level), for the period before: one year before when the text says "a year earlier"
    and the first is a year."""
    if before.unit != claim.unit:
        return None
    same_level = before.metric == claim.metric and before.subject == claim.subject
    if not same_level and (not before.metric.startswith("change in ") or (before.value or 0) < 0):
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


def _unit_from_frame(text: str, q: Quantity, metric: str, ctx: _Context) -> Quantity:
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


# "Field: value" listings of almanacs and fact books: "Population: 3,281,676 (2024 est.)",
# "Area: total: 1,564,116 sq km land: 1,553,556 sq km", "border countries (2): China 4,630 km"
_FIELD = re.compile(r"([A-Z][A-Za-z][A-Za-z ,/'-]{0,48}?)(?:\s*\((?:\d+|[a-z][a-z ,/'-]{1,40})\))?:\s+(?=\S)")
_SUBFIELD = re.compile(r"(?:^|[\s;])([a-z][a-z ]{1,30}?)(?:\s*\(\d+\))?:\s+")
_FIELD_YEAR = re.compile(r"(?:\s+of\s+GDP)?\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b[^()]*\)")
_OF_GDP = re.compile(r"\s+of\s+GDP\b")
_LINE_YEAR = re.compile(r"\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b[^()]*\)\s*$")


_PARTNERS = re.compile(r"(.+?)\s*[-–—]\s*partners", re.I)


def _field_claims(s: Sentence, field: re.Match[str], ctx: _Context) -> list[Claim]:
    """Claims of a fact-book line: the field (and sub-field) name the metric, the document's
    place is the subject unless an entity stands right before the figure (a border country)."""
    text = s.text
    label = field.group(1)
    furniture = ctx.lex.furniture
    if label.lower() in set(furniture["block_headings"]) | set(furniture["label_lines"]):
        return []  # "Share this article: Facebook 1.2k": page furniture, not a fact
    social = {w.lower() for w in furniture["social_networks"]}
    out = []
    prev_end = field.end()
    for q in extract_quantities(text, ctx.lex):
        before = text[max(0, q.start - 20) : q.start].split()
        if (
            q.start < field.end()
            or text[max(0, q.start - 1) : q.start] == "("
            or (before and before[-1].lower() in social)
        ):
            prev_end = max(prev_end, q.end)
            continue  # the field's own words, or "(2)"
        bare = not q.unit and q.value is not None and not q.spelled and (abs(q.value) >= 10 or (q.step or 1) < 1)
        if not (claimable(q, ctx.lex) or bare):
            prev_end = q.end
            continue
        between = text[prev_end : q.start]
        subs = _SUBFIELD.findall(between)
        sub = subs[-1] if subs and subs[-1].strip() not in ("total",) else ""
        ents = [e for e in ctx.entities.mentions(between) if e.known]
        obj = ents[-1].name if ents else None
        metric = ctx.metrics.normalize(f"{label} {sub}".strip()) or label.lower()
        subject = ctx.topic
        partners = _PARTNERS.fullmatch(label)
        if partners:  # "Exports - partners: China 39%, US 15%": shares of the page's exports
            metric = ctx.metrics.share(partners.group(1))
        elif _OF_GDP.match(text, q.end):  # "Public debt: 39.4% of GDP"
            metric = f"{metric} as share of gdp"
        if obj is not None and not partners and (obj == subject or not ctx.metrics.is_symmetric(metric)):
            subject, obj = obj, None
        own_year = _FIELD_YEAR.match(text, q.end)
        year = own_year or (_LINE_YEAR.search(text) if partners else None)  # "Japan 7% (2022)": the list's
        period = Period(year.group(1), year.group(1), year.group().strip()) if year else None
        out.append(_make_claim(s, q, subject, metric, obj, period, None, ctx))
        prev_end = own_year.end() if own_year else q.end
    return out


def _make_claim(
    s: Sentence,
    q: Quantity,
    subject: str | None,
    metric: str,
    obj: str | None,
    period: Period | None,
    attribution: str | None,
    ctx: _Context,
) -> Claim:
    """A numeric claim for quantity `q` (offsets relative to sentence `s`), in canonical units."""
    conv = convert(q, ctx.lex)
    value, low, high = conv.value, conv.low, conv.high
    if conv.dimension in ("count", "number"):
        metric = ctx.metrics.not_money(metric)
    elif conv.dimension == "price":
        if metric == "price" and subject and " " not in subject and subject not in ctx.entities.kind:
            subject, metric = None, f"{subject.lower()} price"  # "Gold hit $2,400 an ounce": gold's price
        elif "price" not in metric.split():
            metric = f"{metric} price"  # "Brent crude rose to $91 a barrel": the oil's price
    if q.direction:
        rate = ctx.metrics.change_rate(metric, s.text) if conv.dimension == "percent" else None
        # "consumer prices rose 3%" states the inflation rate; other changes are changes
        metric = rate or f"change in {metric}"
        if q.direction == "down" and value is not None:
            value, low, high = -value, (-high if high is not None else None), (-low if low is not None else None)
    if subject and obj and ctx.metrics.is_symmetric(metric):
        subject, obj = sorted([subject, obj])
    p = period
    return Claim(
        kind="numeric",
        subject=subject,
        metric=metric,
        object=obj,
        value=value,
        unit=conv.unit,
        qualifier=q.qualifier,
        low=low,
        high=high,
        period_start=p.start if p else None,
        period_end=p.end if p else None,
        period_text=p.text if p else None,
        attributed_to=attribution,
        quote=s.text,
        char_start=s.start,
        char_end=s.end,
        surface=q.surface,
        surface_start=s.start + q.start,
        surface_end=s.start + q.end,
        stated_value=q.value,
        stated_unit=q.unit,
    )


# -- subject / metric / object ---------------------------------------------------------
def _frame(text: str, q: Quantity, mentions: list[Mention], ctx: _Context) -> tuple[str | None, str, str | None] | None:
    m = ctx.metrics
    right = text[q.end :]
    cut = _RIGHT_CUT.search(right)
    right_clause = right[: cut.start()] if cut else right
    dim = dimension_of(q.unit, ctx.lex)

    # 1. "N% of <np> [from X]": a share ("one in five <np>" too)
    of = re.match(r"\s*(?:of|to)\s+(.+)", right_clause) or (
        re.match(r"\s+(.+)", right_clause) if _RATIO.search(q.surface) else None
    )
    if of:
        np_text = _NP_CUT.split(of.group(1), maxsplit=1)[0]
    if dim == "percent" and of and not q.direction:
        np, obj = _split_object(np_text, ctx)
        owner = None
        lead = ctx.entities.mentions(np)
        named = _agent(text, q.start, mentions, ctx) or ctx.entities.leading_name(text)
        named_agent = bool(named) and (named in ctx.entities.kind or " " in named)
        if lead and lead[0].form in ("name", "adjective") and np[: lead[0].start].strip().lower() in ("", "the"):
            if not (named_agent and named != lead[0].name):
                # "Renewables accounted for 44% of EU electricity generation": the EU's, not the
                # renewables'; but "Kestrel Logistics held 14% of the European freight market"
                owner, np = lead[0].name, np[lead[0].end :]
        if obj is None:
            rest = re.search(r"\b(?:from|with)\s", of.group(1)[len(np_text) :])
            obj = _object_after(of.group(1)[len(np_text) + rest.start() :], ctx) if rest else None
        verb, modifier = _share_verb(text[: q.start], ctx)
        context = _market_context(text, ctx)
        possessor = _possessor(np, ctx)
        if possessor:
            # "China accounted for 39% of Chile's exports": Chile's exports, China's share of them
            np = _strip_possessor(np, ctx)
            agent = _agent(text, q.start, mentions, ctx)
            if obj is None and agent and agent != possessor:
                obj = agent
        metric = m.share(np, verb=verb, modifier=modifier, context=context)
        in_place = re.match(r"\s+in\s+(?:the\s+)?", of.group(1)[len(np_text) :])
        place = None
        if in_place:
            after_in = of.group(1)[len(np_text) + in_place.end() :]
            ents = ctx.entities.mentions(after_in)
            place = ents[0].name if ents and ents[0].start == 0 else None
            predicate = _PREDICATE.match(after_in, ents[0].end) if place else None
            if predicate:
                # "a third of adults in Britain are obese": what the share is a share of doing
                doing = _LINKING_WORDS.sub("", predicate.group(1) + " ").strip()
                # "one in four adults smokes" / "25% of adults smoke": the verb without agreement
                doing = re.sub(r"^([a-z]{3,}[^s\W])s\b", r"\1", doing)
                metric = m.share(f"{np} {doing}", verb=verb, modifier=modifier, context=context)
        subject = (
            possessor
            or owner
            or place
            or _agent(text, q.start, mentions, ctx)
            or _subject_fallback(text, right_clause, mentions, ctx)
        )
        if obj is None:
            lo = re.search(
                r"\b(?:imports|exports|purchases|shipments|supplies)\s+(?:from|to)\s+(?:the\s+)?([^,;]+?)(?:\s+\S+){1,2}\s*$",
                _strip_qualifier(text[: q.start], ctx),
                re.I,
            )
            if lo:
                ents = ctx.entities.mentions(lo.group(1))
                obj = ents[0].name if ents and ents[0].start == 0 else None
        if metric.endswith("share of gdp") or "gdp" in metric.split():
            subject = _possessor(np, ctx) or _gdp_owner(text, q.start, mentions, ctx)
            measured = _measured_against_gdp(text, q.start, ctx)
            if metric == "share of gdp" and measured:
                # debt, a deficit and defence spending are all "% of GDP": what is measured
                # keeps them apart ("Finland's public debt was 75.8% of GDP")
                metric = f"{measured} as share of gdp"
                subject = subject or _possessor(_np_before_verb(text, q.start, ctx.lex) or "", ctx)
        if subject and obj == subject:
            obj = None
        return subject, metric, obj

    # 2. a compound figure: "a 3,485-kilometre border (with X)"
    noun = re.match(r"\s*([a-z][a-z-]+)", right)
    if q.surface[-1:].isalpha() and _COMPOUND.search(q.surface) and noun and dim in m.dimension_metric:
        head = " ".join(m.words(noun.group(1))) or noun.group(1)
        metric = head if head in m.process else f"{head} {m.dimension_metric[dim]}"
        obj = _object_after(right[noun.end() :], ctx)
        subject = _agent(text, q.start, mentions, ctx)
        if subject is None:
            subject = ctx.entities.leading_name(text)
        if subject is None or subject == obj:
            subject = ctx.topic if ctx.topic != obj else None
        if obj is None and m.is_symmetric(metric) and ctx.topic and ctx.topic != subject:
            obj = ctx.topic
        return subject, metric, obj

    # 3. "<verb> <np> by|to N": what a change verb acts on ("cut output by a further 5%")
    changed = _changed_object(_strip_qualifier(text[: q.start], ctx), ctx.lex)
    if changed:
        verb_start, np = changed
        subject = _possessor(np, ctx)
        np_clean, obj = _split_object(_strip_possessor(np, ctx), ctx)
        metric = m.normalize(_strip_adjective_owner(np_clean, ctx))
        if metric:
            subject = (
                subject
                or _adjective_owner(np_clean, ctx)
                or _agent(text, verb_start, mentions, ctx)
                or _subject_fallback(text, right_clause, mentions, ctx)
            )
            return subject, metric, obj or _object_in(right_clause, ctx)

    # 4. "<np> <verb> (to|by|at) N": the noun phrase before the verb, unless the verb's own
    #    object names the measure ("Lake X ... reaches a depth of N": depth, in step 5)
    measure = _MEASURE_OF.search(_strip_qualifier(text[: q.start], ctx))
    np_span = None if measure and measure.group(1) in m.measure_nouns else _np_before_verb(text, q.start, ctx.lex)
    if (
        np_span
        and ctx.entities.leading_name(np_span + " x") == ctx.entities.resolve(np_span)
        and not set(m.words(np_span)) & m.process
    ):
        np_span = None  # only a name before the verb ("Texas covers ..."): the metric is the unit's
    if np_span and _only_generic(np_span, m):
        np_span = None  # "The company employs 160,000 people": the verb names the measure
    if np_span and dim == "length" and m.extent_rx.match(right):
        # "The Amazon river is 6,400 km long": a name and the kind of thing it is; the extent
        # word names the measure (but "Austria's border with Germany is 801 km long": border)
        common = [w for w in _WORD.findall(np_span) if w[0].islower() and w.lower() not in ("the", "a", "an")]
        if all(w.lower() in m.class_nouns for w in common):
            np_span = None
    if np_span:
        np = np_span
        subject = _possessor(np, ctx)
        obj = None
        head_words = m.words(_strip_possessor(np, ctx))
        if head_words and head_words[-1] in m.anaphora:
            resolved = _resolve_anaphor(text, head_words[-1], ctx)
            if resolved:
                metric_np, subj2, obj = resolved
                metric = m.share(metric_np) if dim == "percent" else m.normalize(metric_np)
                return subj2 or subject or _agent(text, q.start, mentions, ctx), metric, obj
        np_clean, obj = _split_object(_strip_possessor(np, ctx), ctx)
        np_clean, of_subject = _split_of_entity(np_clean, ctx)
        inner = [e for e in ctx.entities.mentions(np_clean) if e.known and e.form == "possessive"]
        owner_known = subject is not None and subject in ctx.entities.kind
        if inner and not owner_known:
            # "Coal's share of Britain's electricity generation": Britain's, with coal as modifier
            modifier = np.split("'")[0].split("’")[0] if subject else None
            subject = inner[0].name
            np_clean = np_clean[: inner[0].start] + re.sub(r"^(?:'s|’s|'|’)", "", np_clean[inner[0].end :])
            if modifier:
                np_clean = f"{modifier} {np_clean}"
        subject = subject or of_subject or _adjective_owner(np_clean, ctx)
        metric = m.normalize(_strip_adjective_owner(np_clean, ctx))
        if metric:
            if subject is None:
                subject = _agent(text, q.start, mentions, ctx) or _subject_fallback(
                    text, right_clause, mentions, ctx, np_clean
                )
            if obj is None:
                obj = _object_in(right_clause, ctx)
            return subject, metric, obj

    if not q.unit:
        return None  # a bare decimal needs a metric phrase ("the rate fell to 1.24")
    # 5. "<verb> N of <what>": the verb's process ("imported 26 Mt of LNG" -> lng imports);
    #    the passive "N of <what> were <verb>ed by X"; or "<noun> of N" ("sales of $383bn")
    left = ctx.lex.amount_filler_re.sub("", _strip_qualifier(text[: q.start], ctx))  # "an average of"
    left_words = re.findall(r"[A-Za-z]+", left)
    while left_words and left_words[-1].lower() in ("between", "from", "by", "to", "at"):
        left_words.pop()  # "will cost between £4bn and £5bn"
    process = m.verb_process.get(left_words[-1].lower()) if left_words else None
    of_what = re.match(r"\s*(?:of|on)\s+(.+)", right[: _RIGHT_CUT_PASSIVE.search(right + ".").start()])
    what_np = _NP_CUT.split(of_what.group(1), maxsplit=1)[0] if of_what else ""
    subject = None
    passive = (
        re.match(
            r"(.+?)\s+(?:was|were|is|are|has been|have been|had been)\s+(\w+)\s+by\s+(?:the\s+)?(.+)$", of_what.group(1)
        )
        if of_what
        else None
    )
    if passive and passive.group(2).lower() in m.verb_process:
        what_np, process = passive.group(1), m.verb_process[passive.group(2).lower()]
        ents = ctx.entities.mentions(passive.group(3))
        subject = ents[0].name if ents and ents[0].start == 0 else None
    what = " ".join(m.words(_RATE_TAIL.sub("", what_np)))  # "of crude a day"
    # "revenue of $4bn", "revenue of about $4bn" (the qualifier may have taken the "of")
    noun_before = re.search(r"\b([a-z]+)\s+of\s+(?:[a-z]+\s+){0,2}$", text[: q.start] + " ")
    if process:
        metric = m.normalize(f"{what} {process}") if what and not what.endswith(process) else (what or process)
    elif noun_before and noun_before.group(1).split()[-1] in m.process | m.measure_nouns:
        words = re.findall(r"[a-z]+", text[: noun_before.start(1)].lower())[-1:]
        head = (
            f"{words[0]} {noun_before.group(1)}"
            if words and m.words(words[0])[-1:] and m.words(words[0])[-1] in m.process
            else noun_before.group(1)
        )
        metric = m.normalize(head)  # "output cuts of 2.2 million bpd" -> production cuts
    elif dim == "count":
        metric = f"number of {count_unit(q.unit, ctx.lex)}"
    elif what:
        metric = what if any(w in m.process for w in what.split()) else f"{what} {m.dimension_metric.get(dim, dim)}"
    else:
        extent = m.extent_rx.match(right)  # "5,895 metres above sea level": an elevation
        metric = (
            m.extent[" ".join(extent.group(1).lower().split())]
            if extent and dim == "length"
            else m.dimension_metric.get(dim, dim)
        )
    subject = subject or _agent(text, q.start, mentions, ctx) or _subject_fallback(text, right_clause, mentions, ctx)
    return subject, metric, _object_in(right_clause, ctx)


def _subject_fallback(
    text: str, right_clause: str, mentions: list[Mention], ctx: _Context, metric_np: str = ""
) -> str | None:
    """When no entity governs the clause: the sentence's leading name, a place after "in",
    a demonym ("Norwegian law"), or the document's main place."""
    lead = ctx.entities.leading_name(text)
    if lead and lead.lower() in ctx.metrics.process | set(ctx.metrics.phrases):
        lead = None  # "Output grew 0.7%": a metric word opening the sentence, not a name
    if lead in ctx.speakers:
        lead = None  # "The WHO estimates that 1.3 billion people ...": the source, not the subject
    if lead and " " not in lead and lead not in ctx.entities.kind and metric_np.split()[:1] == [lead]:
        lead = None  # "Consumer prices rose 3%": the capital is the sentence's, the word the metric's
    if lead and " " not in lead and lead not in ctx.entities.kind:
        # "Wildfires in Canada burned ...": a lone common word opening the sentence is not a name
        for pm in re.finditer(r"\b(?:in|across|throughout)\s+(?:the\s+)?", text):
            ents = ctx.entities.mentions(text[pm.end() :])
            if ents and ents[0].start == 0 and ents[0].known:
                return ents[0].name
    if lead:
        return lead
    m = re.search(r"\b(?:in|across|throughout)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})", right_clause)
    if m and m.group(1).split()[0].lower() not in ctx.lex.months.keys() | ctx.lex.weekdays:  # "in March"
        return ctx.entities.resolve(m.group(1))
    adjectives = [e for e in mentions if e.form == "adjective"]
    if adjectives:
        return adjectives[0].name
    return ctx.topic


def _object_in(clause: str, ctx: _Context) -> str | None:
    """'... of goods from China in 2023' -> China: the first entity after from/with/to."""
    for m in re.finditer(r"\b(?:from|with|to)\s+(?:the\s+)?", clause):
        ents = ctx.entities.mentions(clause[m.end() :])
        if ents and ents[0].start == 0 and ents[0].known:
            return ents[0].name
    return None


def _split_object(np: str, ctx: _Context) -> tuple[str, str | None]:
    """'copper imports from Chile' -> ('copper imports', 'Chile')."""
    m = re.search(r"\s+(?:from|with|to)\s+(.+)$", np)
    if not m:
        return np.strip(), None
    ents = ctx.entities.mentions(m.group(1))
    if ents and ents[0].start <= 4:
        return np[: m.start()].strip(), ents[0].name
    return np[: m.start()].strip(), None


def _object_after(text: str, ctx: _Context) -> str | None:
    m = re.match(r"\s*(?:with|from|to|between)\s+(?:the\s+)?", text)
    if not m:
        return None
    ents = ctx.entities.mentions(text[m.end() :])
    return ents[0].name if ents and ents[0].start <= 4 else None


def _share_verb(left: str, ctx: _Context) -> tuple[str | None, str | None]:
    """The verb that governs "N% of ..." and a non-entity noun right before it ("mining")."""
    left = _strip_qualifier(left, ctx).rstrip()
    left = re.split(r"[,;:—–()]", left[-80:])[-1]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", left)
    for n in (2, 1):
        if len(words) >= n:
            phrase = " ".join(words[-n:]).lower()
            if phrase in ctx.metrics.share_verbs:
                verb = words[-n]
                before = words[-n - 1] if len(words) > n else None
                modifier = None
                if (
                    before
                    and (before.islower() or left.strip().startswith(before))
                    and before.lower() not in _PREPS
                    and not ctx.entities.mentions(before)
                    and before not in _AUX
                    and before not in {"which", "that", "who", "it", "they", "and", "also", "still"}
                ):
                    modifier = before
                return verb, modifier
    return None, None


def _strip_qualifier(left: str, ctx: _Context) -> str:
    m = ctx.lex.qualifier_re.search(left)
    return left[: m.start(1)] if m else left


def _market_context(text: str, ctx: _Context) -> str | None:
    """A commodity named as "the <X> market/sector/industry" in the sentence."""
    m = re.search(
        r"\b(?:the|global|world's|world)\s+((?:[\w-]+\s+)?[\w-]+?)\s+(?:market|sector|industry|supply chain)\b", text
    )
    if not m:
        return None
    words = [w for w in ctx.metrics.words(m.group(1)) if w not in {"global", "supply"}]
    return " ".join(words) or None


def _possessor(np: str, ctx: _Context) -> str | None:
    """'China's global share ...' -> China; 'its REEs' -> None (resolved elsewhere)."""
    ents = ctx.entities.mentions(np)
    for e in ents:
        if e.form == "possessive" and np[: e.start].strip().lower() in ("", "the"):
            return e.name
    return None


def _strip_possessor(np: str, ctx: _Context) -> str:
    ents = ctx.entities.mentions(np)
    for e in ents:
        if e.form == "possessive" and np[: e.start].strip().lower() in ("", "the"):
            rest = np[e.end :]
            return re.sub(r"^(?:'s|’s|'|’)\s*", "", rest)
    generic = _GENERIC_POSSESSOR.match(np)
    if generic and generic.group(1).lower() in ctx.metrics.generic_subjects:
        return np[generic.end() :]  # "the bank's profit": the profit
    return np


_GENERIC_POSSESSOR = re.compile(r"\s*(?:the|its|their)\s+([a-z]+)(?:'s|’s)\s+", re.I)


def _split_of_entity(np: str, ctx: _Context) -> tuple[str, str | None]:
    """'the population of France' -> ('the population', 'France')."""
    m = re.search(r"\s+(?:of|in|at)\s+(?:the\s+)?(.+?)[\s.,]*$", np)
    if m:
        ents = ctx.entities.mentions(m.group(1))
        if ents and ents[0].start == 0 and ents[0].end >= len(m.group(1)) - 2:
            return np[: m.start()], ents[0].name
        if _PROPER_NAME.fullmatch(m.group(1)) and _LOWER_WORD.search(np[: m.start()]):
            # "passenger numbers at Gatwick": a name the lexicon does not know still owns the figure
            return np[: m.start()], ctx.entities.resolve(m.group(1))
    return np, None


def _adjective_owner(np: str, ctx: _Context) -> str | None:
    for e in ctx.entities.mentions(np):
        if e.form in ("adjective", "name") and e.start <= 4:
            return e.name
    return None


def _strip_adjective_owner(np: str, ctx: _Context) -> str:
    for e in ctx.entities.mentions(np):
        if e.form in ("adjective", "name") and e.start <= 4:
            return np[e.end :]
    return np


def _np_before_verb(text: str, qstart: int, lex: Lexicon) -> str | None:
    """The noun phrase before the verb that leads to the figure ("X's output rose to N")."""
    left = text[:qstart]
    tokens = list(re.finditer(r"[A-Za-z][\w'’.-]*|\d[\d,.]*%?|[,;:—–()]", left))
    i = len(tokens) - 1
    # walk back over qualifiers, prepositions, other figures and periods to the verb
    steps = 0
    while i >= 0 and steps < 14:
        w = tokens[i].group().lower()
        if w in _LINKING or _is_change_verb(w, lex):
            break
        if w in {",", ";", ":", "—", "–", "(", ")"}:
            return None
        i -= 1
        steps += 1
    else:
        return None
    if i < 0:
        return None
    verb_start = tokens[i].start()
    j = i - 1
    while j >= 0 and tokens[j].group().lower() in _AUX | lex.raising_words | {
        "historically",
        "also",
        "still",
        "now",
        "already",
        "heavily",
        "reportedly",
    }:
        j -= 1
    if j < 0:
        return None
    np_end = tokens[j].end()
    clause_start = 0
    for m in _CLAUSE_CUT.finditer(left, 0, np_end):
        clause_start = m.end()
    np = left[clause_start:np_end].strip()
    np = re.sub(r"^(?:and|but|while|so|yet|then|also)\s+", "", np, flags=re.I)
    np = _after_speaker(np, lex)
    if not np or len(np.split()) > 12 or verb_start < clause_start:
        return None
    return np


def _after_speaker(np: str, lex: Lexicon) -> str:
    """'Economists expect Germany's economy' -> "Germany's economy": who speaks is not the metric."""
    words = list(_WORD.finditer(np))
    cut = 0
    for prev, w in itertools.pairwise(words):
        p = prev.group()
        if w is words[-1]:
            break  # "the 10-year Treasury note": a noun at the end, nobody speaking
        if w.group().lower() in lex.speech_verbs or (
            w.group().lower() in lex.reporting_verbs
            and (
                p.lower() in lex.speaker_nouns
                or p.lower() in _PRONOUNS
                or (p[:1].isupper() and not p.endswith(("'s", "’s", "'", "’")))
            )
        ):
            cut = w.end()
    return np[cut:].strip() if cut else np


def _changed_object(left: str, lex: Lexicon) -> tuple[int, str] | None:
    """'OPEC cut output by an additional' -> (where 'cut' starts, 'output'): the object of a
    change verb, when the figure follows 'by' or 'to' after it, or of a verb that keeps a
    level ('held its rate at')."""
    tokens = list(_WORD.finditer(left))
    while tokens and tokens[-1].group().lower() in lex.increment_words:
        tokens.pop()
    if not tokens or tokens[-1].group().lower() not in ("by", "to", "at") or _DIGIT.search(left[tokens[-1].end() :]):
        return None
    steady = tokens[-1].group().lower() == "at"  # "held its policy rate at 5%"
    end = tokens[-1].start()
    if tokens[-1].group().lower() == "to":  # "raised rates by 25 basis points to 5.5%"
        by = [k for k in range(max(0, len(tokens) - 8), len(tokens) - 1) if tokens[k].group().lower() == "by"]
        if by:
            end = tokens[by[-1]].start()
            tokens = tokens[: by[-1] + 1]
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 9), -1):
        w = tokens[k].group().lower()
        if w in lex.steady_verbs if steady else (w in lex.by_only or w in lex.rise or w in lex.fall):
            np = left[tokens[k].end() : end].strip()
            if (
                not np
                or _DIGIT_OR_PUNCT.search(np)
                or any(x.lower() in lex.rise or x.lower() in lex.fall or x.lower() in _LINKING for x in np.split())
            ):
                return None
            return tokens[k].start(), np
        if w in _LINKING or w in _PREPS - {"of", "in", "on", "for"}:
            return None
    return None


def _is_change_verb(w: str, lex: Lexicon) -> bool:
    """A verb of rise or fall that can lead to a figure ('dropped to 59 percent')."""
    return (w in lex.rise or w in lex.fall) and w not in {"up", "down", "higher", "lower", "cut"}


def _agent(text: str, qstart: int, mentions: list[Mention], ctx: _Context) -> str | None:
    """The entity the clause holding the figure is about."""
    left = text[:qstart]
    # relative clause: "China, which accounted for ..." -> the antecedent
    rel = None
    for rm in re.finditer(r",\s*(?:which|who|that)\b", left):
        rel = rm
    if rel is not None and not re.search(r"[,;—–]", left[rel.end() :]):
        before = [e for e in mentions if e.end <= rel.start() and rel.start() - e.end <= 2]
        if before:
            return before[-1].name
    # participle after a comma or dash: "The U.S., importing ...", "Russia, sharing ..."
    part = None
    for pm in re.finditer(r"(?:,|—|–)\s*(?:\w+ly\s+)?([a-z]+ing)\b", left):
        part = pm
    if part is not None and not re.search(r"[,;]", left[part.end() :]):
        before = [e for e in mentions if e.end <= part.start() and e.form != "adjective"]
        if before and part.start() - before[-1].end <= 40:
            seg = left[before[-1].end : part.start()]
            if not re.search(r"\b(?:with|to|from|on|than|in|of|between|like)\b", seg) or re.fullmatch(
                r"(?:'s|’s)?\s*\w*\s*", seg
            ):
                return before[-1].name
    # "where" clauses ("an economy where mining accounts for ...") name no agent
    clause_start = 0
    for m in _CLAUSE_CUT.finditer(left):
        clause_start = m.end()
    if re.search(r"\bwhere\s*$", left[:clause_start]):
        return None
    in_clause = [e for e in mentions if e.start >= clause_start and e.end <= qstart]
    for e in in_clause:
        if not _after_preposition(text, e.start):
            return e.name
    return _sentence_subject(text, mentions)


def _after_preposition(text: str, pos: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, pos - 20) : pos])
    if before and before[-1].lower() == "the":
        before = before[:-1]
    return bool(before) and before[-1].lower() in _PREPS


def _sentence_subject(text: str, mentions: list[Mention]) -> str | None:
    """The first entity that is not inside an introductory or prepositional phrase."""
    for e in mentions:
        if _after_preposition(text, e.start):
            continue
        if e.form == "adjective":
            continue
        return e.name
    return None


_SPENT_ON_GDP = re.compile(
    r"\S+\s+of\s+(?:its\s+|their\s+)?(?:gdp|GDP)\s+on\s+([a-z][a-z ]*?)(?=\s+(?:in|during|last|this)\b|[,;.]|$)"
)


def _only_generic(np: str, m: MetricNames) -> bool:
    """ "The company", "the country's": a noun standing for the subject, not a measure."""
    words = [w.lower().rstrip("'’s") if w.lower().endswith(("'s", "’s")) else w.lower() for w in _WORD.findall(np)]
    words = [w for w in words if w not in ("the", "a", "an", "this", "that", "its", "their")]
    return bool(words) and all(w in m.generic_subjects for w in words)


def _measured_against_gdp(text: str, qstart: int, ctx: _Context) -> str | None:
    """What a "% of GDP" figure measures: the noun phrase before the verb, without its owner
    and places ("Public debt in Finland rose to 75.8% of GDP" -> public debt)."""
    spent_on = _SPENT_ON_GDP.match(text, qstart)
    if spent_on:  # "Greece spends 3.8% of GDP on defence"
        return " ".join([*ctx.metrics.words(spent_on.group(1)), "spending"])
    np = _np_before_verb(text, qstart, ctx.lex)
    if not np:
        return None
    np = re.split(r"\s+(?:in|of|for|at)\s+(?=[A-Z])", np, maxsplit=1)[0]  # "... in Finland"
    words = [w for w in ctx.metrics.words(_strip_possessor(np, ctx)) if w != "gdp"]
    return " ".join(words) or None


def _gdp_owner(text: str, qstart: int, mentions: list[Mention], ctx: _Context) -> str | None:
    """Whose economy: "its GDP" -> the nearest entity before; otherwise the document's place."""
    right = text[qstart:]
    if re.match(r"[^,;]*?\b(?:to|of)\s+(?:its|their|the country's|the nation's)\s+gdp", right, re.I):
        before = [e for e in mentions if e.end <= qstart and ctx.entities.is_place(e.name)]
        if before:
            return before[-1].name
    return ctx.topic


def _resolve_anaphor(text: str, noun: str, ctx: _Context) -> tuple[str, str | None, str | None] | None:
    """'this reliance' -> the phrase it refers to: (metric phrase, subject, object)."""
    for phrase in ctx.metrics.anaphor_targets(noun):
        m = re.search(r"\b" + re.escape(phrase).replace(r"\ ", r"\s+") + r"\s+(.+?)(?=[,;.]|$)", text)
        if not m:
            m = re.search(r"\b" + phrase.split()[0] + r"\w*\s+(?:\w+\s+)?on\s+(.+?)(?=[,;.]|$)", text)
        if m:
            np, obj = _split_object(m.group(1), ctx)
            before = ctx.entities.mentions(text[: m.start()])
            subject = None
            for e in reversed(before):
                if not _after_preposition(text, e.start):
                    subject = e.name
                    break
            return np, subject, obj
    return None


# -- periods and attribution -----------------------------------------------------------
def _period_for(q: Quantity, periods: list[PeriodSpan], prev_end: int, next_start: int, text: str) -> PeriodSpan | None:
    after = [p for p in periods if q.end <= p.start < next_start]
    if not after and _TO_NEXT.fullmatch(text[q.end : next_start]):
        # "jumped 126% to $60.9 billion in fiscal 2024": the change and the level share a period
        after = [p for p in periods if p.start >= next_start and not _CLAUSE_BREAK.search(text[next_start : p.start])]
    if after:
        gap = text[q.end : after[0].start]
        if not re.search(r"[;—–]|\.\s", gap):
            return after[0]
    before = [p for p in periods if prev_end <= p.start and p.end <= q.start]
    if before:
        return before[-1]
    lead = [
        p
        for p in periods
        if p.start < 30
        and p.end <= q.start
        and text[: p.start].strip().lower() in ("in", "during", "by", "as of", "for", "throughout", "over", "")
    ]
    return lead[0] if lead else None


def _role_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "..., Israeli officials said", "government economists estimate", "customs data showed":
    unnamed speakers (a role noun, or data) with the words that qualify them, at the start of
    a clause."""
    rx = lex.compiled.get("roles")
    if rx is None:
        nouns = trie_alternation(lex.speaker_nouns | {n.capitalize() for n in lex.speaker_nouns})
        verbs = trie_alternation(lex.reporting_verbs | {"show", "shows", "showed"})
        rx = lex.compiled["roles"] = re.compile(
            r"(?:^|[,;]\s*)(?P<who>(?:(?:[A-Z][\w.&'’-]*|[a-z]+)\s+){0,3}?(?:"
            + nouns
            + r"|(?:(?:[A-Z][\w.&'’-]*|[a-z]+)\s+){1,3}?(?:data|figures|statistics)))\s+(?:"
            + verbs
            + r")\b"
        )
    return rx


def _speaker_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "Analysts at Goldman Sachs estimate ...": the institution the speakers report for."""
    rx = lex.compiled.get("speakers")
    if rx is None:
        nouns = "|".join(re.escape(w) for w in sorted(lex.speaker_nouns, key=len, reverse=True))
        verbs = "|".join(re.escape(w) for w in sorted(lex.reporting_verbs, key=len, reverse=True))
        rx = lex.compiled["speakers"] = re.compile(
            r"\b(?i:"
            + nouns
            + r")\s+(?:at|from|with|for|polled by|surveyed by)\s+(?P<who>(?:the\s+)?"
            + _PROPER
            + r")\s+(?:"
            + verbs
            + r")\b"
        )
    return rx


def _attribution(text: str, ctx: _Context) -> tuple[str | None, frozenset[str]]:
    """Who the sentence attributes its figures to, and which of them cannot be the subject:
    all but a source that goes on about itself ("Norvik said its revenue rose 4%")."""
    found: list[str] = []
    speakers: set[str] = set()
    for rx in [*_ATTRIBUTION, _speaker_pattern(ctx.lex), _role_pattern(ctx.lex)]:
        for m in rx.finditer(text):
            who = _ATTR_DROP.sub("", m.group("who")).strip(" ,.")
            who = re.sub(r"\s+", " ", who)
            named = _APPOSITION.fullmatch(who)
            if named:
                who = named.group(1)  # "the national statistics agency INEGI" -> INEGI
            if (
                who
                and who not in found
                and len(who.split()) <= 8
                and who.lower() not in {"he", "she", "they", "it", "we", "i"}
            ):
                found.append(who)
            if who and not _SELF_REPORT.match(text, m.end()):
                speakers.add(ctx.entities.resolve(who))
                # "UN experts said": the UN speaks here, it is not what the figure is about
                speakers.update(x.name for x in ctx.entities.mentions(who))
    return (" / ".join(found) if found else None), frozenset(speakers)


# -- tables ----------------------------------------------------------------------------
def _table_claims(s: Sentence, ctx: _Context) -> list[Claim]:
    """Figures in a table row, with the unit and scale its column header states."""
    assert s.header is not None and s.cells is not None
    out: list[Claim] = []
    if not s.cells:
        return out
    label, _, _ = s.cells[0]
    caption_periods = find_periods(s.caption, ctx.published) if s.caption else []
    period = caption_periods[0].period if len(caption_periods) == 1 else None
    label_entity = ctx.entities.mentions(label)
    is_entity = bool(label_entity) and label_entity[0].start == 0 and len(label_entity[0].name) >= len(label) - 3
    for idx, (cell, cs, _) in enumerate(s.cells[1:], start=1):
        if idx >= len(s.header) or not re.search(r"\d", cell):
            continue
        head = s.header[idx]
        probe, offset = _cell_with_header_unit(cell, head, ctx)
        qs = extract_quantities(probe, ctx.lex)
        if len(qs) != 1 or qs[0].start > offset or qs[0].end < offset + len(cell.split()[0]):
            continue
        q = qs[0]
        surface_end = min(max(q.end - offset, 0), len(cell))
        q = Quantity(
            q.value,
            q.low,
            q.high,
            q.unit,
            cell[:surface_end],
            cs,
            cs + surface_end,
            q.qualifier,
            q.direction,
            step=q.step,
        )
        if not claimable(q, ctx.lex):
            continue
        metric_head = re.sub(r"\s*(\([^)]*\)|\[[^\]]*\])\s*", " ", head).strip()
        metric_head = re.sub(r",\s*in\s+.+$", "", metric_head)
        metric = ctx.metrics.normalize(metric_head) or "value"
        subject = label_entity[0].name if is_entity else ctx.topic
        if not is_entity:
            metric = f"{metric} of {' '.join(ctx.metrics.words(label))}".strip()
        # the quantity's offsets become relative to the row, as for a sentence
        q = replace(q, start=q.start - s.start, end=q.end - s.start)
        out.append(_make_claim(s, q, subject, metric, None, period, None, ctx))
    return out


def _cell_with_header_unit(cell: str, head: str, ctx: _Context) -> tuple[str, int]:
    """A probe text for the quantity layer: the cell with its column's unit and scale.

    'Revenue (US$ bn)' + '316.6' -> 'US$316.6 bn'; 'Employees' + '103,000' -> '103,000
    employees'. Returns the probe and where the cell starts in it.
    """
    unit = _header_unit(head)
    if not unit:
        words = head.lower().split()
        if len(words) == 1 and words[0].endswith("s") and words[0].isalpha():
            return f"{cell} {words[0]}", 0  # a count column: "Employees"
        return cell, 0
    first = unit.split()[0]
    if first in ctx.lex.currency_symbols or first in ctx.lex.currency_codes:
        rest = unit[len(first) :].strip()
        return f"{first}{cell} {rest}".strip(), len(first)
    return f"{cell} {unit}", 0


def _header_unit(head: str) -> str:
    m = _HEADER_UNIT.search(head)
    if not m:
        return ""
    unit = next(g for g in m.groups() if g)
    return re.sub(r"^in\s+", "", unit.strip())
