"""Figure rules for sums of money: what a sum is by the verb of paying, saving or spending it
is the object of, by its noun ("a $3 billion grant"), or by what was bought for it.

Part of `figure_rules.FIGURE_RULES` (its order is kept there); each rule's example sentences
are golden cases tagged with its name (`tests/data/claims_golden.json`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimcheck.extract.context import FORECAST, ClaimContext
from claimcheck.extract.frames import strip_qualifier
from claimcheck.extract.scene import (
    Figure,
    FigureFrame,
    Scene,
    measure_itself,
    revised,
    vague,
)
from claimcheck.lexicon import recall
from claimcheck.model import Quantity
from claimcheck.normalize.units import dimension_of


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
    if _on_average(at.text, q):
        what = f"average {what}"
    rate = _RATE_LATER.match(at.text, q.end)
    per = rate.group().rsplit(None, 1)[-1].lower() if rate else ""
    if per in ("year", "month", "week", "day") and "/" not in q.unit:
        q = revised(q, unit=f"{q.unit}/{per}")  # "pay $6,497 in out-of-pocket costs per year"
    return revised(f, q=q, frame=revised(f.frame, metric=forecast + what))


def _on_average(text: str, q: Quantity) -> bool:
    """Whether a sum paid or saved is each one's average ("save an average of $400 each",
    "pay $35 on average"): a measure of its own, never one with the total ("save $1.5
    billion") of the same payers."""
    return bool(_AVERAGE_BEFORE.search(text, max(0, q.start - 30), q.start) or _AVERAGE_AFTER.match(text, q.end))


_AVERAGE_BEFORE = re.compile(r"\b(?:an\s+)?average\s+of\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+)?$")
_AVERAGE_AFTER = re.compile(r"[^,;.()]{0,30}?\bon\s+average\b")


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


_MONEY_NOUN_IN = re.compile(
    r"\s+in\s+((?:[A-Za-z][\w.'’-]*\s+){0,4}?)([a-z]+)"
    r"(?=\s*[.,;]|\s*$|\s+(?:for|from|by|to|at|over|in|since|this|next|last|across)\b)"
)
_AT_END = re.compile(r"\bat\s+$")
_BOUGHT_FOR = re.compile(r"\b([a-z][a-z-]{2,})\s+for\s+(?:as\s+(?:little|low)\s+as\s+|just\s+|only\s+)?$")
_SAVED_ON = re.compile(
    r"(?:\s+(?:a|per|each|every)\s+(?:year|month)|\s+annually)?\s+(on|in)\s+(?!the\s+first\b|average\b)"
    r"((?:(?:their|its|the)\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,4}?)"
    r"(?=\s*[,.;—–]|\s+(?:in|for|by|since|over|during|this|next|each|every|through|because|from|when|while|and|as|alone|a|per|"
    r"under|to|at|with|after|than|on)\b|\s*$)"
)
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


def valued_as_before(f: Figure, at: Scene) -> Figure:
    """Money a coordinated verb values is the value of what the figure before measures ("mine
    production was 1.0 million tons ... and was valued at an estimated $11 billion": the value
    of mine production); the second verb's subject is the first's."""
    before, q = at.before, f.q
    if before is None or not vague(f.frame, at.ctx) or dimension_of(q.unit, at.ctx.lex) != "currency":
        return f
    if not _AND_VALUED.search(at.text, max(at.gap, q.start - 50), q.start):
        return f
    measure = measure_itself(before.metric)
    return revised(f, frame=FigureFrame(before.subject, f"value of {measure}", before.object))


_AND_VALUED = re.compile(
    r"\band\s+(?:(?:was|were|is|are|has\s+been|had\s+been)\s+)?(?:valued|worth)\s+(?:at\s+)?"
    r"(?:an?\s+estimated\s+|about\s+|around\s+|nearly\s+|some\s+)?$"
)


def capped_measure(f: Figure, at: Scene) -> Figure:
    """A sum a cap is set at is the ceiling of what is capped, and that is its measure: "the
    new $2,000 cap on out-of-pocket costs" (out-of-pocket costs), "a month's supply of insulin
    capped at $35" (insulin costs, a month's), "capped the cost of insulin at $35". A cap of
    insulin costs and a cap of all drug costs are two measures, never one "cap". A frame that
    names a cost or price already keeps it ("insulin costs are capped at $35")."""
    q, ctx = f.q, at.ctx
    if f.moved is not None or "cap" not in at.text or dimension_of(q.unit, ctx.lex) != "currency":
        return f  # (no cap word in the sentence: none of the patterns below can match)
    owned = _cost_words(ctx)
    if f.frame is not None and not vague(f.frame, ctx) and not owned.isdisjoint(_words(f.frame.metric)):
        return f
    left = at.text[max(0, q.start - 80) : q.start]
    capped = _CAP_ON.match(at.text, q.end) or _CAPPED_AT.search(left) or _CAP_AT.search(left)
    if capped is None:
        return f
    what = _noun_phrase_end(capped.group("what").lower().split(), ctx)
    per = _SUPPLY_OF.match(what)
    if per:  # "a month's supply of insulin": insulin, a month's
        what = what[per.end() :]
        q = revised(q, unit=f"{q.unit}/{per.group(1)}") if "/" not in q.unit else q
    what = _DETERMINER.sub("", what)
    if not what:
        return f
    if owned.isdisjoint(_words(what)):
        what = f"{what} costs"  # "insulin capped at $35": its cost is
    subject = f.frame.subject if f.frame is not None else None
    return revised(f, q=q, frame=FigureFrame(subject, what, f.frame.object if f.frame is not None else None))


def _cost_words(ctx: ClaimContext) -> frozenset[str]:
    """The words of what a cap bounds (metrics.json cost_words), read once per lexicon."""
    return recall(ctx.lex, "cost words", 0, lambda: frozenset(ctx.lex.metrics.get("cost_words", ())))


def _noun_phrase_end(words: list[str], ctx: ClaimContext) -> str:
    """The noun phrase a run of words ends with: after its last conjunction, relative word or
    verb in -ing ("seeing a month's supply of insulin": a month's supply of insulin)."""
    breaks = recall(ctx.lex, "noun phrase breaks", 0, lambda: frozenset(ctx.lex.raw["language"]["noun_phrase_breaks"]))
    kept: list[str] = []
    for w in reversed(words):
        if w in breaks or (w.endswith("ing") and len(w) > 5):
            break
        kept.append(w)
    return " ".join(reversed(kept))


def _words(metric: str) -> set[str]:
    return set(metric.lower().replace("-", " ").split())


_NP = r"(?P<what>(?:[a-z][a-z'’-]*\s+){0,5}?[a-z][a-z'’-]*)"
# "$2,000 cap on out-of-pocket costs", "a $35 cap for insulin"
_CAP_ON = re.compile(
    r"\s+(?:monthly\s+|annual\s+|yearly\s+)?cap\s+(?:on|for)\s+"
    + _NP
    + r"(?=\s*[,.;:—–)]|\s*$|\s+(?:from|for|in|under|by|and|at|to|that|which|will|is|are|goes|takes|starting|beginning)\b)"
)
# "a month's supply of insulin capped at $35", "their costs are capped at"
_CAPPED_AT = re.compile(
    r"(?<![\w'’-])"
    + _NP
    + r"\s+(?:is\s+|are\s+|was\s+|were\s+|will\s+be\s+|would\s+be\s+|has\s+been\s+|have\s+been\s+|be\s+)?"
    r"capped\s+at\s+(?:just\s+|only\s+)?$"
)
# "capped the cost of insulin at $35", "cap costs at $35"
_CAP_AT = re.compile(r"\bcap(?:s|ped|ping)?\s+" + _NP + r"\s+at\s+(?:just\s+|only\s+)?$")
_SUPPLY_OF = re.compile(r"(?:a|one|each|every)\s+(month|year|week|day)'?[’']?s\s+supply\s+of\s+")
_DETERMINER = re.compile(r"^(?:(?:the|a|an|their|its|his|her|our|your)\s+)+")
