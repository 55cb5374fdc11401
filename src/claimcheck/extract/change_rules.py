"""Figure rules for changes and earlier values: a change said of the level before it ("...,
up 38%", "a 1% decrease"), a level a change reached, the earlier value after "from", and
either end of "from X to Y".

Part of `figure_rules.FIGURE_RULES` (its order is kept there); each rule's example sentences
are golden cases tagged with its name (`tests/data/claims_golden.json`).
"""

from __future__ import annotations

import re

from claimcheck.extract.context import ROUGHLY, ClaimContext
from claimcheck.extract.quantity_rules import ELLIPSIS, JOINED, LETTERS
from claimcheck.extract.scene import (
    Figure,
    FigureFrame,
    Move,
    Scene,
    is_change,
    measured,
    revised,
    same_as,
    vague,
)
from claimcheck.lexicon import recall
from claimcheck.model import Claim, Quantity
from claimcheck.normalize.units import dimension_of


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


def than_base(f: Figure, at: Scene) -> Figure:
    """ "$11 billion, 10% greater than $10.0 billion in 2024": the percentage is the change of
    the figure before, and the figure after "than" that figure's earlier level, when both are
    in one unit (a share "higher than in 11 countries" compares places, and stays as it is)."""
    q, before, text = f.q, at.before, at.text
    if before is None or not (vague(f.frame, at.ctx) or (f.frame and f.frame.metric == measured(before).metric)):
        return f  # (a percentage of no measure, or of the money before it: "exports were $4.2bn, 5% lower")
    base = _THAN.match(text, q.end)
    after = [r.q for r in at.figures[f.i + 1 : f.i + 2]]
    if (
        q.unit == "%"
        and not q.direction
        and base
        and after
        and after[0].start == base.end()
        and after[0].unit == before.unit
    ):
        direction = "down" if base.group(1).lower() in _LOWER else "up"
        return revised(f, frame=measured(before), q=revised(q, direction=direction))
    if is_change(before) and _THAN.fullmatch(text, at.prev_end(f.i), q.start) and q.unit != "%":
        return revised(f, frame=measured(before))
    return f


_THAN = re.compile(r"\s+(greater|higher|more|larger|above|lower|less|smaller|below)\s+than\s+(?:that\s+of\s+)?", re.I)
_LOWER = frozenset({"lower", "less", "smaller", "below"})


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


def earlier_of_same(f: Figure, at: Scene) -> Figure:
    """An earlier value with no metric of its own is of the same measure ("(from 4% in May)")."""
    if at.before is not None and vague(f.frame, at.ctx) and f.earlier:
        return revised(f, frame=same_as(at.before), borrowed=True)
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


def _moved(text: str, qs: list[Quantity], i: int, ctx: ClaimContext) -> Move | None:
    """The figure `qs[i]` as one end of a change stated from one level to another ("Merck will
    reduce the price of its drug Januvia from $330 to $100"), or None."""
    q = qs[i]
    start, end = _run(text, qs, i)  # ("from $1,028 and $1,349, respectively, to $350": each from-end)
    if (
        end + 1 < len(qs)
        and _FROM_AT_END.search(text, max(0, qs[start].start - 30), qs[start].start)
        and (_TO_OTHER_END.fullmatch(text, qs[end].end, qs[end + 1].start))
    ):
        first, before, other = qs[start], True, qs[end + 1]
    elif i and _TO_OTHER_END.fullmatch(text, qs[i - 1].end, q.start):
        start = _run(text, qs, i - 1)[0]
        if not _FROM_AT_END.search(text, max(0, qs[start].start - 30), qs[start].start):
            return None
        first, before, other = qs[start], False, qs[i - 1]
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
    names = [m for m in _NAME_RUN.finditer(clause) if m.start() > 0]
    name = names[-1].group() if names else None
    if len(names) > 1 and _AND.fullmatch(clause, names[-2].end(), names[-1].start()):
        name = f"{names[-2].group()} and {name}"  # "the prices of Valdrex and Carecin": both
    if name and (name.split()[0].lower() in ctx.lex.months or name.split()[0].lower() in ctx.lex.weekdays):
        name = None
    metric = None
    tail = _after_word(clause, words[at])
    head = _HEAD_OF.match(tail or "")
    if head:  # "reduce the price of its drug Repatha": the price
        metric = ctx.metrics.normalize(head.group(1)) or None
        on_what = _ON_WHAT.match(tail or "", head.end())
        if (
            metric
            and on_what
            and on_what.group(1).split()[0] not in ctx.lex.determiners
            and not ctx.entities.mentions(on_what.group(1))
        ):
            metric = f"{metric} on {on_what.group(1)}"  # "the tariffs on agricultural equipment": not on steel
    if metric is None and dimension_of(q.unit, ctx.lex) == "currency":
        metric = "price"  # "Repatha will be discounted from $573 to $239": a sum that moved, named nothing else
    unit = q.unit
    if "/" in other.unit and "/" not in unit and other.unit.split("/")[0] == unit:
        unit = other.unit  # "from $1,086 per month to an average of $346": $346 a month
    adjectives = ctx.lex.raw["units"].get("rate_adjectives", {})  # (as claim_rules.rated_by_adjective reads them)
    per = next((adjectives[w] for w in words if w in adjectives), None)
    if per and "/" not in unit and dimension_of(unit, ctx.lex) == "currency":
        unit = f"{unit}/{per}"  # "the monthly prices ... will fall from $1,028 to $350": a month's
    return Move(before, name, metric, unit, stated=head is not None and metric is not None)


def _run(text: str, qs: list[Quantity], i: int) -> tuple[int, int]:
    """The first and last index of the run of figures `qs[i]` stands in ("$1,028 and $1,349")."""
    start = end = i
    while start and JOINED.fullmatch(text, qs[start - 1].end, qs[start].start):
        start -= 1
    while end + 1 < len(qs) and JOINED.fullmatch(text, qs[end].end, qs[end + 1].start):
        end += 1
    return start, end


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


# "... to an average price of $346", "... to as low as $149", "..., to $350": from one end to the other
_TO_OTHER_END = re.compile(r"\s*,?\s+to\s+(?:[a-z]+\s+){0,4}")
_FROM_AT_END = re.compile(r"\bfrom\s+(?:[a-z]+\s+){0,2}$")
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")
_AND = re.compile(r",?\s+and\s+")
_ON_WHAT = re.compile(r"((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)(?=,|\s+(?:from|to|by|as|like)\b|\s*$)")
_HEAD_OF = re.compile(r"^(?:the|its|their|his|her|our)\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:of|for|on|in|against)\s")
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
_REACHING = re.compile(
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?,\s*(?:reaching|hitting|to\s+reach|to\s+hit|"
    r"(?:bringing|taking)\s+(?:it|them|the\s+total)\s+to)\s+(?:a\s+record\s+(?:high\s+of\s+)?|an?\s+)?"
)
WORD_AFTER = re.compile(r"\s+([a-z]+)")
