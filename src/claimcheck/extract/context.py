"""What every part of the claim layer shares: the document's context, which quantities a
fact-checker records, and how a claim is built from a quantity and its frame."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimcheck.lexicon import Lexicon
from claimcheck.model import Claim, Period, Quantity, Sentence
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.units import convert, dimension_of

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
        "flow",
        "mass_rate",
        "currency",
        "price",
        "duration",
        "count",
        "speed",
        "temperature",
        "temperature_f",
        "concentration",
        "mass_concentration",
        "rank",  # "a Category 4 hurricane"
        "pressure",  # "a central pressure of 919 mbar"
        "ratio",  # "3.4 t/ha", "14.2 cents/kWh": a measure per another
    ]
)
FORECAST = "forecast "  # the start of a forecast's metric
TARGET = "target "  # ... and of a goal's
BEFORE_CHANGE = "previous "  # ... and of the level a stated change started from
PROPER = r"(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|and|on|de)\s+)?){0,5}[A-Z][\w.&'’-]*"


@dataclass
class ClaimContext:
    """What the claim layer knows about a document beyond one sentence."""

    lex: Lexicon
    entities: EntityIndex
    metrics: MetricNames
    topic: str | None
    published: str | None
    speakers: frozenset[str] = frozenset()  # who reports the sentence's figures: never their subject
    lower_words: frozenset[str] = frozenset()  # words the document writes in lower case somewhere

    def common_word(self, word: str, percent: bool = False) -> bool:
        """Whether a lone capitalised word (opening a sentence) is a common noun, not a name:
        the document writes it in lower case elsewhere ("Haemoglobin was ..." after "mean
        haemoglobin"), or, before a percentage, it has the ending of an abstract noun
        ("Adherence was 81%"; but "Providence had 190,000 residents")."""
        if word in self.entities.kind:
            return False
        low = word.lower()
        return low in self.lower_words or (percent and self.lex.abstract_noun_re.match(low) is not None)


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


# a bound said after the figure: "$10 a month or less", "10 or more", "65 years or older"
_OR_BOUND = re.compile(
    r"\s*,?\s+or\s+(less|fewer|under|below|lower|more|greater|higher|above|over|older|longer)\b"
    r"(?!\s+(?:than|of)\b)(?!\s*[$€£¥\d])",  # (", or more than $40 billion": the next figure's bound)
    re.I,
)
_OR_LESS = frozenset(["less", "fewer", "under", "below", "lower"])
# the words a figure's own qualifier may take before it, in patterns that reach past it
ROUGHLY = r"(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|less\s+than|an\s+estimated)\s+)?"
COMPOUND = re.compile(r"\d\s?-\s?[^\W\d_]")  # "3,485-kilometre", not the range "21-24 centimetres"
# a figure again in brackets right after a figure: "1,642 m (5,387 ft)", "$5bn (£4bn)"
CONVERSION = re.compile(r"\s*\(\s*(?:about\s+|approx\.\s+|c\.\s*)?[$€£¥]?\d[\d,.]*[^()\d]{0,20}\)")


def make_claim(
    s: Sentence,
    q: Quantity,
    subject: str | None,
    metric: str,
    obj: str | None,
    period: Period | None,
    attribution: str | None,
    ctx: ClaimContext,
) -> Claim:
    """A numeric claim for quantity `q` (offsets relative to sentence `s`), in canonical units."""
    if q.qualifier == "exact" and q.value is not None and (bound := _OR_BOUND.match(s.text, q.end)):
        # "$10 a month or less", "65 years or older": the bound is said after the figure
        q = replace(q, qualifier="at_most" if bound.group(1).lower() in _OR_LESS else "at_least")
    conv = convert(q, ctx.lex)
    value, low, high = conv.value, conv.low, conv.high
    if conv.dimension in ("count", "number"):
        metric = ctx.metrics.not_money(metric)
    elif conv.dimension == "price" and conv.unit.endswith("/share"):
        if not metric.endswith(" per share"):
            metric = f"{metric} per share"  # "a dividend of $4.50 per share"
    elif conv.dimension == "price":
        if metric == "price" and subject and " " not in subject and subject not in ctx.entities.kind:
            subject, metric = None, f"{subject.lower()} price"  # "Gold hit $2,400 an ounce": gold's price
        elif "prices" in metric.split():
            metric = metric.replace("prices", "price")  # "Gold prices climbed to $2,790 an ounce": one price
        elif "price" not in metric.split():
            metric = f"{metric} price"  # "Brent crude rose to $91 a barrel": the oil's price
    unit = conv.unit
    if not unit and (counted := ctx.metrics.counted_in.get(metric)):
        unit = counted  # "Population: 1,234,567" counts people, as "a population of 1.2 million" does
    if conv.dimension == "currency" and metric.endswith(" per share") and "/" not in unit:
        unit = f"{unit}/share"  # "Earnings per share rose to $1.53": as "$1.53 per share"
    if q.direction:
        rate = ctx.metrics.change_rate(metric, s.text) if conv.dimension == "percent" else None
        # "consumer prices rose 3%" states the inflation rate; other changes are changes
        metric = rate or f"change in {metric}"
        if q.direction == "down" and value is not None:
            value, low, high = _negated(value, low, high)
    if subject and obj and ctx.metrics.is_symmetric(metric):
        subject, obj = sorted([subject, obj])
    p = period
    return Claim(
        kind="numeric",
        subject=subject,
        metric=metric,
        object=obj,
        value=value,
        unit=unit,
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


def _negated(value: float, low: float | None, high: float | None) -> tuple[float, float | None, float | None]:
    """A fall's figure and interval, as negative numbers ("fell 3%": -3, [-3.5, -2.5])."""
    return -value, (-high if high is not None else None), (-low if low is not None else None)


_CONVERSION_SLACK = 0.03  # a bracketed conversion is within 3% of what it converts


def restated_claim(claim: Claim, q: Quantity, s: Sentence, ctx: ClaimContext) -> Claim:
    """`claim` said again in other units by `q` ('1,642 m (5,387 ft)'): the same subject,
    measure and period, its own figure (a fall stays a fall: '-3 km (-1.9 mi)')."""
    if q.qualifier == "exact" and claim.qualifier != "exact":
        q = replace(q, qualifier=claim.qualifier)  # "more than 1,000 km (620 mi)": both are "more than"
    if q.value is not None and q.step is not None and q.value == int(q.value):
        # a conversion is rounded: "160 mph (260 km/h)" is 260 to the ten, not to the unit
        zeros = len(str(int(abs(q.value)))) - len(str(int(abs(q.value))).rstrip("0"))
        if 0 < zeros < len(str(int(abs(q.value)))):
            q = replace(q, step=max(q.step, 10.0**zeros))
    conv = convert(q, ctx.lex)
    value, low, high = conv.value, conv.low, conv.high
    if claim.value is not None and claim.value < 0 and value is not None and value > 0:
        value, low, high = _negated(value, low, high)
    if (
        claim.low is not None
        and claim.high is not None
        and low is not None
        and high is not None
        and claim.unit == conv.unit
    ):
        if abs((low + high) / 2 - (claim.low + claim.high) / 2) <= _CONVERSION_SLACK * abs(claim.high):
            # "110 mph (175 km/h)": a conversion rounded to its own digits states the first figure
            low, high = min(low, claim.low), max(high, claim.high)
    return replace(
        claim,
        value=value,
        unit=conv.unit,
        qualifier=q.qualifier,
        low=low,
        high=high,
        surface=q.surface,
        surface_start=s.start + q.start,
        surface_end=s.start + q.end,
        stated_value=q.value,
        stated_unit=q.unit,
    )
