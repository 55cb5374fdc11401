"""Figure rules for a figure that takes its measure from a figure before it in a list, a
series or a coordination: a name's figure in a list ("followed by Indonesia (10%)"), a part's
share, "of which", "out of", a target, a gapped or elided measure ("4.9% in 2022 and 7.6% in
2021"), and a place in brackets.

Part of `figure_rules.FIGURE_RULES` (its order is kept there); each rule's example sentences
are golden cases tagged with its name (`tests/data/claims_golden.json`).
"""

from __future__ import annotations

import re

from claimcheck.extract.context import ROUGHLY, ClaimContext
from claimcheck.extract.frames import AUX
from claimcheck.extract.quantity_rules import CLOSE_BRACKET, ELLIPSIS, gapped_noun
from claimcheck.extract.scene import (
    Figure,
    FigureFrame,
    Scene,
    measure_itself,
    measured,
    revised,
    same_as,
    vague,
)
from claimcheck.model import Claim, Quantity
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.units import dimension_of


def whole_out_of(f: Figure, at: Scene) -> Figure:
    """A count after "out of" counts its own noun, the whole the figure before is part of
    ("a toll of 4,922 out of 10,141 known cases": 10,141 cases, not a second toll)."""
    q = f.q
    words = q.surface.split()[1:]
    if at.before is None or not words or not _OUT_OF.fullmatch(at.text, at.gap, q.start):
        return f
    if dimension_of(q.unit, at.ctx.lex) != "count":
        return f
    subject = f.named.subject if f.frame is not None else at.before.subject
    return revised(f, frame=FigureFrame(subject, "number of " + " ".join(words).lower(), None))


def listed_share(f: Figure, at: Scene) -> Figure:
    """A name's figure in a list after a figure is of the same measure, for that name ("26% of
    the burden, followed by Indonesia (10%), China (6.8%)")."""
    if not vague(f.frame, at.ctx) or at.before is None or f.q.direction:
        return f
    listed = _listed_share(at.text, f.q, at.before, at.mentions, at.s.start)
    return revised(f, frame=listed, listed=True) if listed else f


def listed_part(f: Figure, at: Scene) -> Figure:
    """A share after a part's name and a comma, in a list of parts ("The leading end uses were
    batteries, 62%; alloys, 21%; and other uses, 17%", or after "Batteries accounted for 62%
    of consumption;"): the list's measure, for that part."""
    if not vague(f.frame, at.ctx) or f.q.unit != "%" or f.q.direction:
        return f
    item = _PART_ITEM.search(at.text, max(0, f.q.start - 60), f.q.start)
    if item is None:
        return f
    part, before = item.group("part"), at.before
    subject = f.frame.subject if f.frame else None
    if before is not None and before.unit == "%":
        if before.object is not None and before.metric.startswith("share of "):
            return revised(f, frame=FigureFrame(before.subject, before.metric, part), listed=True)
        named = before.metric.split(" share of ", 1)
        if len(named) == 2:  # "batteries share of consumption" -> "alloys share of consumption"
            return revised(f, frame=FigureFrame(before.subject, f"{part} share of {named[1]}", None), listed=True)
        return f
    head = _PARTS_HEAD.search(at.text, max(0, item.start("part") - 60), item.start("part"))
    if head is None or at.out:
        return f
    whole = _RANKING_WORDS.sub("", head.group("whole"))  # "The leading end uses": end uses
    return revised(f, frame=FigureFrame(subject, at.ctx.metrics.share(whole), part), listed=True)


def bracketed_part(f: Figure, at: Scene) -> Figure:
    """A share in brackets after a part's name, in a list of parts, is that part's share of
    what the list is of ("Borduria exported copper (40%), gold (25%) and zinc (10%)": copper's
    share of exports, Borduria's): the verb or heading before the first part names the whole;
    the parts after it share the first's measure."""
    q, text = f.q, at.text
    if not vague(f.frame, at.ctx) or q.unit != "%" or q.direction or not CLOSE_BRACKET.match(text, q.end):
        return f
    item = _BRACKETED_PART.search(text, max(0, q.start - 50), q.start)
    if item is None:
        return f
    part, before, processes = item.group("part"), at.before, at.ctx.metrics.verb_process
    said = part.split()
    linked = [k for k, w in enumerate(said[:-1]) if w in _LINKING_WORDS]
    said = said[linked[-1] + 1 :] if linked else said  # ("main exports were copper (")
    verb = said[0] if len(said) > 1 and said[0] in processes else None  # ("exported copper (")
    part = " ".join(said[1:] if verb else said)
    at_part = text.rfind(said[0], item.start("part"), item.end("part"))  # where the list's words start
    if before is not None and before.unit == "%" and before.object and before.metric.startswith("share of "):
        return revised(f, frame=FigureFrame(before.subject, before.metric, part), listed=True)
    if verb is None and (found := _VERB_BEFORE.search(text, max(0, at_part - 30), at_part)):
        verb = found.group(1).lower()
    process = processes.get(verb) if verb else None
    head = None if process else _PARTS_HEAD.search(text, max(0, at_part - 60), at_part)
    whole = process or (_RANKING_WORDS.sub("", _after_possessive(text, head)) if head else None)
    if not whole or at.out:
        return f
    subject = f.frame.subject if f.frame else None
    return revised(f, frame=FigureFrame(subject, at.ctx.metrics.share(whole), part), listed=True)


# "copper (" / ", gold (" / " and zinc (" right before a share in brackets
_BRACKETED_PART = re.compile(r"(?:^|[;:,]|\s)\s*(?:and\s+)?(?P<part>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})\s*\(\s*$")


def _after_possessive(text: str, head: re.Match[str]) -> str:
    """A heading's whole without its owner's "s" ("Chile's main exports were": main exports)."""
    whole = head.group("whole")
    return whole[1:].strip() if text[head.start("whole") - 1 : head.start("whole")] in ("'", "’") else whole


_VERB_BEFORE = re.compile(r"\b([a-z]+)\s+$")
_LINKING_WORDS = frozenset({"were", "are", "was", "is", "included", "include", "includes", "chiefly", "mainly"})


# "; and other uses, " / ": batteries, " right before a share
_PART_ITEM = re.compile(
    r"(?:^|[;:,]|\b(?:were|are|was|is|included|include)\b)\s*(?:and\s+)?(?P<part>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}),\s*$"
)
# "The leading end uses were" / "Major uses:" before the first part
_PARTS_HEAD = re.compile(r"(?P<whole>[A-Za-z][a-z -]{1,40}?)\s*(?:\b(?:were|are|was|is|included|include)|:)\s*$")
_RANKING_WORDS = re.compile(r"^(?:(?:the|its|their|leading|major|main|principal|top)\s+)+", re.I)


def of_which_share(f: Figure, at: Scene) -> Figure:
    """A share after "of which <part> accounted for" is the part's share of the figure before's
    measure ("Exports amounted to NOK 151 billion, of which salmon accounted for 72 percent")."""
    before = at.before
    if before is None or f.q.unit != "%" or f.q.direction:
        return f
    m = _OF_WHICH.search(at.text, at.gap, f.q.start)
    if m is None or m.end() != f.q.start:
        return f
    part = at.ctx.metrics.normalize(m.group("part")) or m.group("part").lower()
    if not vague(f.frame, at.ctx) and f.frame is not None and f.frame.metric != part:
        return f  # ("of which exports rose 4%": a measure of its own)
    return revised(f, frame=FigureFrame(before.subject, f"{part} share of {measured(before).metric}", before.object))


_OF_WHICH = re.compile(
    r",?\s*of\s+which\s+(?P<part>[A-Za-z][\w -]{1,40}?)\s+(?:accounted\s+for|made\s+up|represented|comprised|"
    r"was|were|is|are)\s+(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than|less\s+than)\s+)?"
)


def target_of_same(f: Figure, at: Scene) -> Figure:
    """A figure before a target's noun with no measure of its own is the target of the
    measure before it ("expects inflation to average 6.5% ... and to return to its 3% target"):
    `goal_or_forecast` names it a target."""
    before = at.before
    if before is None or not vague(f.frame, at.ctx) or not at.ctx.lex.target_after_re.match(at.text, f.q.end):
        return f
    measure = measure_itself(before.metric)  # (not "previous forecast ...": the measure itself)
    return revised(f, frame=FigureFrame(before.subject, measure, before.object))


def gapped_metric(f: Figure, at: Scene) -> Figure:
    """The noun before a figure after "and" names its measure ("Inflation was 3.1% in 2023 and
    unemployment 4%"), so does one after a comma with the verb's "to" ("Imports rose to 4.2
    million tonnes, exports to 1.1 million tonnes")."""
    before, ctx = at.before, at.ctx
    gapped = (
        _GAPPED_TO.fullmatch(at.text, at.gap, f.q.start)
        or _GAPPED.fullmatch(at.text, at.gap, f.q.start)
        or gapped_noun(at.text, at.gap, f.q.start)
        if before is not None
        else None
    )
    if (
        gapped
        and not any(_not_a_name_word(w, ctx) for w in gapped.group(1).split())
        and (named := ctx.metrics.normalize(gapped.group(1)))
        and before is not None
    ):
        return revised(f, frame=FigureFrame(before.subject, named, before.object))
    return f


def ellipsis_of_same(f: Figure, at: Scene) -> Figure:
    """A figure with no metric after "and" is the same measure for another period ("growth of
    4.9% in 2022 and 7.6% in 2021")."""
    before = at.before
    if (
        before is not None
        and vague(f.frame, at.ctx)
        and not f.earlier
        and ELLIPSIS.fullmatch(at.text, at.gap, f.q.start)
    ):
        return revised(f, frame=measured(before) if f.q.direction else same_as(before), borrowed=True)
    return f


def other_bound_of_same(f: Figure, at: Scene) -> Figure:
    """A figure with no metric joined to the one before by a bound is the same measure's other
    end ("an average price of $350 and as low as $199": a price, a month's as the $350 is)."""
    before = at.before
    if before is None or not vague(f.frame, at.ctx) or not _OTHER_BOUND.fullmatch(at.text, at.gap, f.q.start):
        return f
    q = f.q
    if "/" in before.unit and "/" not in q.unit and before.unit.split("/")[0] == q.unit:
        q = revised(q, unit=before.unit)
    return revised(f, frame=same_as(before), q=q, borrowed=True)


_OTHER_BOUND = re.compile(
    r"\s*,?\s*(?:and|or|but)\s+(?:(?:as\s+(?:low|high|much|little|many|few)\s+as)|up\s+to|down\s+to)\s+"
)


def bracketed_place(f: Figure, at: Scene) -> Figure:
    """A figure in brackets after a place is that place's, not the sentence's or the document's
    ("case counts were highest in Malawi (1,502 cases), followed by Zambia (611)")."""
    frame, ctx = f.named, at.ctx
    place = _bracketed_place(at.text, f.q, at.mentions, ctx)
    if place and (frame.subject is None or frame.subject == ctx.topic or ctx.entities.is_place(frame.subject)):
        return revised(f, frame=FigureFrame(place, frame.metric, None if frame.object == place else frame.object))
    return f


def _listed_share(
    text: str, q: Quantity, before: Claim, mentions: tuple[Mention, ...], offset: int
) -> FigureFrame | None:
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
    return FigureFrame(named[0].name, before.metric, before.object)


def _bracketed_place(text: str, q: Quantity, mentions: tuple[Mention, ...], ctx: ClaimContext) -> str | None:
    """The place whose figure stands in brackets right after its name: "Malawi (1,502 cases)"."""
    head = text[: q.start].rstrip()
    if not head.endswith("(") or not CLOSE_BRACKET.match(text, q.end):
        return None
    head = head[:-1].rstrip()
    named = [e for e in mentions if e.end == len(head) and e.known and ctx.entities.is_place(e.name)]
    return named[0].name if named else None


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
_NAME_AT = re.compile(r"(?<=[A-Za-z])\s+at\s+" + ROUGHLY + "$")
# between the first figure and a listed name: "of the global burden, followed by", "), China",
# "% and" ("followed by Myanmar at 11% and Australia at 6%")
_LIST_GAP = re.compile(
    r"[^.;()]{0,80}?(?:,\s*(?:followed\s+by|ahead\s+of|then|with|including)?|\)\s*,?\s*(?:and\s+)?|\s+and\s)\s*(?:the\s+)?"
)
_GAPPED = re.compile(r"\s+(?:in|during|for)\s+[^,;().]{1,30}?\s*,?\s+and\s+((?:[a-z][a-z-]+\s+){1,3})$")
_GAPPED_TO = re.compile(
    r"(?:\s+(?:in|during|for)\s+[^,;().]{1,30}?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)((?:[a-z][a-z-]+\s+){1,2})(?:to|at)\s+$"
)
_OUT_OF = re.compile(r"\s+out\s+of\s+(?:a\s+total\s+of\s+|the\s+)?")
