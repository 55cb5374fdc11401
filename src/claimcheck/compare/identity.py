"""Whether a claim's identity is confident enough to meet other documents' claims.

A group joins claims whose subject, metric, object and unit match. That is evidence of one
thing only when the parts are: a subject the sentence or the document's title states, and a
metric that names a measure. A figure whose metric is only a vague head ('rate',
'investment', 'number of countries') or whose subject was guessed (the place a document
names most) is compared within its own document alone: two documents' such figures are
seldom about one thing, and joining them reports conflicts that are not there.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from claimcheck.compare.judge import Item, compatible, item_of_claim
from claimcheck.lexicon import Lexicon, recall
from claimcheck.model import Claim
from claimcheck.normalize.units import dimension_of

# Where a claim's subject came from (Claim.subject_how); the guessed ones are not confident.
GUESSED = frozenset({"most-named place"})
EVENT = "event"
CHANGE = "change in "
_SPECIFIC = 2  # measure words that make a guessed subject's figure comparable


@dataclass(frozen=True)
class Identity:
    """How sure claimcheck is that a claim's key names one thing, and why not."""

    confident: bool
    reasons: tuple[str, ...] = ()


def measure_words(metric: str, unit: str, lex: Lexicon) -> list[str]:
    """The words of a metric that name a measure: not the vague heads, function words or
    the counted noun ('number of people killed' -> ['killed'])."""
    vague = recall(lex, "vague_words", 0, lambda: frozenset(lex.metrics.get("vague_words", ())))
    counted = {unit.lower(), unit.lower().rstrip("s")} if unit else set()
    return [w for w in metric.lower().replace("-", " ").split() if w not in vague and w not in counted]


def identity_of(claim: Claim, lex: Lexicon) -> Identity:
    """Whether `claim` may be compared with other documents' claims, with the reasons it may not."""
    if claim.kind == "event_date" and _an_act(claim.subject or "", lex):
        return Identity(False, (f"{claim.subject!r} names an act, not which one",))
    if claim.kind != "numeric":
        # "the agreement was signed on April 30": whose agreement, only its document can say;
        # "the memorandum of understanding", "a visit to Washington" say which event
        subject = claim.subject or ""
        named = subject[:1].isupper() or len(subject.split()) > 1
        return Identity(True) if named else Identity(False, (f"{subject!r} names no one event",))
    reasons = []
    words = measure_words(claim.metric, claim.unit, lex)
    if claim.subject_how in GUESSED and len(words) < _SPECIFIC:
        # (a measure named in several words, 'goods trade deficit', is the guessed place's
        # often enough to meet other documents': a conflict still needs two sources)
        reasons.append(f"subject {claim.subject!r} guessed from the place the document names most")
    vague = not words or (claim.metric.startswith("share of ") and len(words) < _SPECIFIC)
    if claim.subject_how != EVENT and vague and not _own_price(claim, lex):
        # ('share of consumption': of which consumption, of what, the sentence alone says)
        reasons.append(f"{claim.metric!r} names no measure on its own")
    if claim.metric.startswith(CHANGE) and not (claim.period_start or claim.period_text):
        # ("violent crime down 22%" in one statement, "rose by 39 percent in 2023" in another:
        # a change over no stated time is over any, and two of them seldom over the same)
        reasons.append("a change over no stated time")
    return Identity(not reasons, tuple(reasons))


def _own_price(claim: Claim, lex: Lexicon) -> bool:
    """Whether a vague money measure is named by its owner: the price of a thing the sentence
    names that is no place ('The price of Valdrex will fall from $1,086 a month': Valdrex's
    price). A place's 'prices' or 'costs' are of anything sold there; a product's, its own."""
    if claim.subject_how != "stated" or not claim.subject or dimension_of(claim.unit, lex) != "currency":
        return False
    owned = recall(lex, "owned measures", 0, lambda: frozenset(lex.metrics.get("owned_measures", ())))
    words = [w for w in claim.metric.lower().split() if w not in _FUNCTION]
    return bool(words) and all(w in owned for w in words) and claim.subject not in _places(lex)


_FUNCTION = frozenset({"the", "of", "a", "an", "its", "their"})


def _places(lex: Lexicon) -> frozenset[str]:
    """Every name and alias of the lexicon's countries, regions and blocs."""
    return recall(
        lex,
        "place names",
        0,
        lambda: frozenset(
            alias
            for e in lex.entities["entities"]
            if e.get("kind") in ("country", "region") or e.get("bloc")
            for alias in (e["name"], *e.get("aliases", ()))
        ),
    )


def _an_act(phrase: str, lex: Lexicon) -> bool:
    """Whether an event date's phrase is an act without its actor ("signed Executive Order",
    "announced agreement", "fire started"): one of many such acts, it meets only its own
    sentence restated word for word (a copied article, a fact sheet's boilerplate), or a fact
    sheet series would report every order signed as one order signed on many days. A named
    event ("Cloquet fire", "Storm Kelda made landfall") or a thing ("memorandum of
    understanding", "visit to Washington") meets other documents'."""
    verbs = recall(lex, "event verbs", 0, lambda: tuple(f" {v} " for v in lex.facts.get("clause_event_verbs", ())))
    if phrase[:1].isupper():
        # "President Anton Mirko launched": an actor and a bare verb say which act no more
        done = _ACTOR.sub("", phrase)
        return done != phrase and " " not in done and f" {done.lower()} " in verbs  # (not "made landfall")
    padded = f" {phrase.lower()} "
    return any(v in padded for v in verbs)


_ACTOR = re.compile(r"^(?:[A-Z][\w.'’-]*\s+)+")


def as_concept(claim: Claim, lex: Lexicon) -> Claim:
    """A count stated under another noun of one concept, named as that concept ('6,373
    deaths', '85 fatalities', 'claimed 11 lives' are people killed; '10,000 people have been
    infected' are cases), so that the figures of one thing meet; the quote and surface keep
    what the text says."""
    return _as_cases(_as_people(claim, lex), lex)


def _as_cases(claim: Claim, lex: Lexicon) -> Claim:
    """People counted as infected or diagnosed are cases of the disease ('16,000 people have
    been diagnosed', '1,200 infections' are as many cases)."""
    case_words = lex.metrics.get("case_words", ())
    words = claim.metric.split()
    if claim.kind != "numeric" or not words or not any(w in case_words for w in [*words, claim.unit.lower()]):
        return claim
    if claim.unit not in _CASE_UNITS:
        return claim  # ("the infection rate", "$2 billion", "500 children": a share, money, a part)
    kept = [w for w in words if w not in case_words and w not in ("number", "of", claim.unit.lower())]
    return replace(claim, metric=" ".join(["number", "of", *kept, "cases"]), unit="cases")


_CASE_UNITS = frozenset(["people", "cases", "infections", "infection"])


def _as_people(claim: Claim, lex: Lexicon) -> Claim:
    concepts = lex.metrics.get("count_concepts", {})
    words = claim.metric.split()
    noun, per = claim.unit.lower().partition("/")[::2]  # ("75,000 deaths per year": people a year)
    if noun not in concepts:  # "Fatalities 86 civilians", "Fatalities | 1,593": the field names the concept
        noun = next((w for w in words if w in concepts), "")
        if not noun or (claim.unit and lex.unit(claim.unit) is not None):
            return claim  # ("fatalities" in % is a rate, not a count)
    if claim.kind != "numeric" or noun not in words:
        return claim
    people, event = concepts[noun]
    at = words.index(noun)
    named = [*words[:at], people, *([event] if event not in words else []), *words[at + 1 :]]
    if len(words) == 1:
        named = ["number", "of", *named]
    return replace(claim, metric=" ".join(named), unit=f"{people}/{per}" if per else people)


def ambiguous_in_sentence(claims: list[Claim], lex: Lexicon | None = None) -> list[Claim]:
    """Two figures of one sentence read as one measure of one period with values that cannot
    both hold ('totaled 553,300 jobs in 2024, a decline of 286,000 jobs'): one of them was
    misread, and neither is trusted to meet other documents (a copy of the sentence elsewhere
    would otherwise conflict with it). But when one of them is a part's ('the toll reached 11
    when officials said five people were killed in the state'), that one alone stays home:
    the other is the whole."""
    by_sentence: dict[tuple[int, str, str | None, str, str | None, str | None], list[Claim]] = {}
    for c in claims:
        if c.kind == "numeric" and (c.low is not None or c.high is not None):
            key = (c.char_start, c.metric, c.subject, c.unit, c.object, c.period_start)
            by_sentence.setdefault(key, []).append(c)
    doubtful: set[int] = set()
    for same in by_sentence.values():
        if len(same) > 1 and any(_apart(a, b) or _not_restated(a, b) for a in same for b in same):
            parts = _parts(same, lex) if lex is not None else []
            whole = parts and len({id(c) for c in parts}) < len(same)
            doubtful.update(id(c) for c in (parts if whole else same))
    return [replace(c, local=True) if id(c) in doubtful else c for c in claims]


def _parts(same: list[Claim], lex: Lexicon) -> list[Claim]:
    """The figures of one sentence that a place said by a common noun scopes ('killed in the
    state', 'across the region'): each such phrase scopes the last figure before it, a part of
    what the sentence's other figure is the whole of."""
    rx = recall(
        lex,
        "part scope",
        0,
        lambda: re.compile(r"\b(?:in|across|throughout)\s+the\s+(?:" + "|".join(sorted(lex.settlement_nouns)) + r")\b"),
    )
    quote, start = same[0].quote, same[0].char_start
    parts = []
    for m in rx.finditer(quote):
        before = [c for c in same if c.surface_end - start <= m.start()]
        if before:
            parts.append(max(before, key=lambda c: c.surface_end))
    return parts


def restatement(claim: Claim) -> str:
    """What makes a figure the same figure restated: its sentence (case and spacing aside)
    and which figure of the sentence it is. A claim whose identity is not confident meets
    the claims of this restatement only: the same sentence in another document (a fact
    sheet's boilerplate, a wire story's copy) states the same thing. A long sentence
    restated with only this figure changed is the same statement reissued (`_template`)."""
    offset = claim.surface_start - claim.char_start
    template = _template(claim, offset)
    if template is not None:
        return hashlib.sha1(template.encode("utf-8")).hexdigest()[:24]
    sentence = " ".join(claim.quote.split()).casefold()
    before = " ".join(claim.quote[:offset].split())
    said = f"{claim.kind}\x00{claim.unit}\x00{sentence}\x00{len(before)}\x00{claim.surface.casefold()}"
    if claim.kind == "event_date" and not any(ch.isdigit() for ch in claim.surface):
        # "Today, the President signed ...": each copy's day is its own publication's (a fact
        # sheet posted again), so copies meet only when they resolve to the same day
        said += f"\x00{claim.period_start}"
    return hashlib.sha1(said.encode("utf-8")).hexdigest()[:24]


_TEMPLATE_WORDS = 10  # a sentence this long restated with one figure changed is one statement


def _template(claim: Claim, offset: int) -> str | None:
    """The statement a figure's sentence makes with the figure left out, when the rest says
    which statement it is: 'Since May 1, the agency has approved five permits for ...' and
    the same sentence a month later with '14 permits' report one running count (their dates
    then say trend or conflict). Only a numeric figure with a subject, in a sentence of at
    least `_TEMPLATE_WORDS` words besides the figure; a subject the sentence does not name
    is part of the template (two states' fact sheets say 'in the state' alike). Every other
    figure and date of the sentence must be the same."""
    if claim.kind != "numeric" or not claim.subject or claim.subject_how is None:
        return None
    before = " ".join(claim.quote[:offset].split()).casefold()
    after = " ".join(claim.quote[offset + len(claim.surface) :].split()).casefold()
    if len(before.split()) + len(after.split()) < _TEMPLATE_WORDS:
        return None
    owner = "" if claim.subject_how == "stated" else claim.subject
    return f"{claim.kind}\x00{claim.unit}\x00{before}\x00\x01\x00{after}\x00{owner}"


def _apart(a: Claim, b: Claim) -> bool:
    """Whether two figures cannot both hold ('more than $200 million', '$50 million'), as
    `judge` decides it."""
    return not compatible(_item(a), _item(b))


def _not_restated(a: Claim, b: Claim) -> bool:
    """Whether two figures of one sentence are not one figure said twice ('160 mph (260 km/h)'
    is; 'more than 7,272 kg at one border and more than 650 kg at the other' is not, though
    the two bounds overlap): each value must lie within the other's reading."""
    if a is b or a.value is None or b.value is None:
        return False
    if abs(a.value - b.value) <= _RESTATED * max(abs(a.value), abs(b.value)):
        return False  # (a conversion's rounding: 160 mph is 257.5 km/h, said "260 km/h")
    return not (_within(a.value, b) and _within(b.value, a))


_RESTATED = 0.1


def _within(value: float, c: Claim) -> bool:
    low = c.low if c.low is not None else c.value
    high = c.high if c.high is not None else c.value
    return (low is None or value >= low) and (high is None or value <= high)


def _item(c: Claim) -> Item:
    return item_of_claim(0, 0, c.low, c.high, c.period_start, c.period_end, c.kind, c.value_text, c.unit, c.period_text)
