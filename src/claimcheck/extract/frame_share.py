"""The first frame rule: "N% of X" is a share of X (`share_of`), with whose share it is,
what the share is of doing ("adults in Borduria who smoke"), and what a share of GDP
measures. Registered in `frame_rules.FRAME_RULES`."""

from __future__ import annotations

import re
from typing import NamedTuple

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.frame_state import FrameState
from claimcheck.extract.frames import (
    AUX,
    PREPS,
    Frame,
    np_before_verb,
    object_after,
    possessor,
    split_object,
    strip_possessor,
    strip_qualifier,
)
from claimcheck.lexicon import recall

_OF_OR_TO = re.compile(r"\s*(?:of|to)\s+(.+)")
_NEXT_WORDS = re.compile(r"\s+(.+)")
_RATIO = re.compile(r"\s(?:in|out\s+of)\s")
# a noun phrase after "N% of" ends at a time phrase or a preposition that starts a new role
NP_CUT = re.compile(
    r"\s+(?=(?:in|during|between|since|by|as|at|on|until|through|over|under|for|while|compared|versus|vs)\b)|\s*\["
)
# after "N% of <people> in <Place>": the verb phrase that says which share ("are obese")
_PREDICATE = re.compile(
    r"(?:'s|’s)?\s+((?!(?:and|or|but|to|from|by|in|of|for|with|at|on|during|since|according|compared|than|as|the|a|an)\b)"
    r"[a-z][\w-]*(?:\s+(?!(?:in|by|during|since|according|than)\b)[a-z][\w-]*){0,4})"
)
# linking words that do not change which share is meant ("who are obese" = "are obese" = "obese")
_LINKING_WORDS = re.compile(r"\b(?:who|that|which|is|are|was|were|has|have|had|now|still|currently)\s+")
_TRADE_BEFORE = re.compile(
    r"\b(?:imports|exports|purchases|shipments|supplies)\s+(?:from|to)\s+(?:the\s+)?([^,;]+?)(?:\s+\S+){1,2}\s*$", re.I
)


def share_of(s: FrameState) -> Frame | None:
    """'N% of <np> [from X]' is a share of <np>: "Kestrel Logistics held 14% of the European
    freight market" -> (Kestrel Logistics, share of european freight market)."""
    of = _OF_OR_TO.match(s.right_clause) or (_NEXT_WORDS.match(s.right_clause) if _RATIO.search(s.q.surface) else None)
    if of and of.group(1)[:1].isdigit():
        of = None  # "fell from 37.1% to 31.4%": a change between two figures, not a share of one
    if s.dim != "percent" or not of or s.q.direction:
        return None
    text, ctx = s.text, s.ctx
    np_text = NP_CUT.split(of.group(1), maxsplit=1)[0]
    after_np = of.group(1)[len(np_text) :]
    if (who := _people_who(np_text, after_np, ctx)) is not None:
        np_text, after_np = who, ""  # "78% of Peruvians live in cities": share of peruvians who live in cities
    np, obj = split_object(np_text, ctx)
    owner = None
    lead = ctx.entities.mentions(np)
    named = s.agent() or ctx.entities.leading_name(text)
    named_agent = bool(named) and (named in ctx.entities.kind or " " in named)
    if lead and lead[0].form in ("name", "adjective") and np[: lead[0].start].strip().lower() in ("", "the"):
        if not (named_agent and named != lead[0].name):
            # "Renewables accounted for 44% of EU electricity generation": the EU's, not the
            # renewables'; but "Kestrel Logistics held 14% of the European freight market"
            owner, np = lead[0].name, np[lead[0].end :]
    if obj is None:
        rest = re.search(r"\b(?:from|with)\s", after_np)
        obj = object_after(after_np[rest.start() :], ctx) if rest else None
    verb, modifier = _share_verb(s.left, ctx)
    context = _market_context(text, ctx)
    owned_by = possessor(np, ctx)
    if owned_by:
        # "China accounted for 39% of Chile's exports": Chile's exports, China's share of them
        np = strip_possessor(np, ctx)
        doer = s.agent()
        if obj is None and doer and doer != owned_by:
            obj = doer
    metric = s.m.share(np, verb=verb, modifier=modifier, context=context)
    in_place = _share_in_place(after_np, ctx)
    place = in_place.name if in_place else None
    if in_place and in_place.doing is not None:
        metric = s.m.share(f"{np} {in_place.doing}", verb=verb, modifier=modifier, context=context)
    if place and named_agent and named != place and not ctx.entities.is_place(named):
        place = None  # "Claudia Sheinbaum won 59.8% of the vote in Mexico's election": hers
    subject = owned_by or owner or place or s.agent() or s.fallback_subject()
    if obj is None and (trade := _TRADE_BEFORE.search(strip_qualifier(s.left, ctx))):
        ents = ctx.entities.mentions(trade.group(1))  # "imports from the EU were 41% of ..."
        obj = ents[0].name if ents and ents[0].start == 0 else None
    frame = Frame(subject, metric, obj)
    if metric.endswith("share of gdp") or "gdp" in metric.split():
        frame = _share_of_gdp(s, np, frame)
    return frame._replace(object=None) if frame.subject and frame.object == frame.subject else frame


def _people_who(np_text: str, after_np: str, ctx: ClaimContext) -> str | None:
    """ "Peruvians live" + " in urban areas" -> "peruvians who live in urban areas", "websites are
    rated" + " good for mobile use" -> the whole clause: a share of things that do or are
    something, the verb and what follows it (up to a clause's end) naming which; None when the
    phrase ends in no such verb (language.json "share_verbs_of_people")."""
    rx, copulas = _people_verb(ctx)
    m = rx.fullmatch(np_text.strip())
    if m is None:
        return None
    rest = _CLAUSE_REST.match(after_np)
    pronoun = "" if m.group(2).split()[0].lower() in copulas else "who "  # ("errors were overpayments")
    return f"{m.group(1)} {pronoun}{m.group(2)}{rest.group() if rest else ''}".strip()


def _people_verb(ctx: ClaimContext) -> tuple[re.Pattern[str], frozenset[str]]:
    """A plural whole, then a verb of its own: "Peruvians live", "adults say", "errors were"."""

    def compile_() -> tuple[re.Pattern[str], frozenset[str]]:
        words = ctx.lex.raw["language"]["share_verbs_of_people"]
        verbs = "|".join(sorted({*words["verbs"], *words["copulas"]}, key=len, reverse=True))
        rx = re.compile(r"((?:[A-Za-z]+\s+)?[A-Za-z]+s)\s+((?:" + verbs + r")(?:\s+[A-Za-z][\w'’-]*){0,4})")
        return rx, frozenset(words["copulas"])

    return recall(ctx.lex, "compiled", "people verb", compile_)


_CLAUSE_REST = re.compile(r"(?:\s+[\w'’-]+){0,5}?(?=\s*(?:[,;.:!?)]|$))")


class _InPlace(NamedTuple):
    """The place in "N% of <np> in <Place>" and what the share is a share of doing there."""

    name: str
    doing: str | None


def _share_in_place(after_np: str, ctx: ClaimContext) -> _InPlace | None:
    """'in Britain are obese' -> (Britain, 'obese'); None without a place right after "in"."""
    in_place = re.match(r"\s+in\s+(?:the\s+)?", after_np)
    if not in_place:
        return None
    after_in = after_np[in_place.end() :]
    ents = ctx.entities.mentions(after_in)
    if not (ents and ents[0].start == 0):
        return None
    place = ents[0].name
    predicate = _PREDICATE.match(after_in, ents[0].end) if place else None
    if not predicate:
        return _InPlace(place, None)
    # "a third of adults in Britain are obese": what the share is a share of doing
    doing = _LINKING_WORDS.sub("", predicate.group(1) + " ").strip()
    # "one in four adults smokes" / "25% of adults smoke": the verb without agreement
    return _InPlace(place, re.sub(r"^([a-z]{3,}[^s\W])s\b", r"\1", doing))


def _share_of_gdp(s: FrameState, np: str, frame: Frame) -> Frame:
    """A share of GDP is the economy's whose GDP it is, and names what it measures."""
    subject = possessor(np, s.ctx) or _gdp_owner(s)
    measured = _measured_against_gdp(s)
    if frame.metric == "share of gdp" and measured:
        # debt, a deficit and defence spending are all "% of GDP": what is measured
        # keeps them apart ("Finland's public debt was 75.8% of GDP")
        subject = subject or possessor(np_before_verb(s.text, s.q.start, s.ctx.lex) or "", s.ctx)
        return frame._replace(subject=subject, metric=f"{measured} as share of gdp")
    return frame._replace(subject=subject)


def _share_verb(left: str, ctx: ClaimContext) -> tuple[str | None, str | None]:
    """The verb that governs "N% of ..." and a non-entity noun right before it ("mining")."""
    left = strip_qualifier(left, ctx).rstrip()
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
                    and before.lower() not in PREPS
                    and not ctx.entities.mentions(before)
                    and before not in AUX
                    and before not in {"which", "that", "who", "it", "they", "and", "also", "still"}
                    and not _counted(left, n + 1, ctx)  # "Thirty countries accounted for 87%": who, not what
                ):
                    modifier = before
                return verb, modifier
    return None, None


def _counted(left: str, n: int, ctx: ClaimContext) -> bool:
    """Whether a number ("Thirty", "30") stands before the last `n` words of `left`, so the
    first of them is a counted noun."""
    words = re.findall(r"[\w'-]+", left)
    if len(words) <= n:
        return False
    number = words[-n - 1].lower()
    return number.isdigit() or number in ctx.lex.number_words


def _market_context(text: str, ctx: ClaimContext) -> str | None:
    """A commodity named as "the <X> market/sector/industry" in the sentence."""
    m = re.search(
        r"\b(?:the|global|world's|world)\s+((?:[\w-]+\s+)?[\w-]+?)\s+(?:market|sector|industry|supply chain)\b", text
    )
    if not m:
        return None
    words = [w for w in ctx.metrics.words(m.group(1)) if w not in {"global", "supply"}]
    return " ".join(words) or None


_SPENT_ON_GDP = re.compile(
    r"\S+\s+of\s+(?:its\s+|their\s+)?(?:gdp|GDP)\s+on\s+([a-z][a-z ]*?)(?=\s+(?:in|during|last|this)\b|[,;.]|$)"
)


def _measured_against_gdp(s: FrameState) -> str | None:
    """What a "% of GDP" figure measures: the noun phrase before the verb, without its owner
    and places ("Public debt in Finland rose to 75.8% of GDP" -> public debt)."""
    spent_on = _SPENT_ON_GDP.match(s.text, s.q.start)
    if spent_on:  # "Greece spends 3.8% of GDP on defence"
        return " ".join([*s.m.words(spent_on.group(1)), "spending"])
    np = np_before_verb(s.text, s.q.start, s.ctx.lex)
    if not np:
        return None
    np = re.split(r"\s+(?:in|of|for|at)\s+(?=[A-Z])", np, maxsplit=1)[0]  # "... in Finland"
    words = [w for w in s.m.words(strip_possessor(np, s.ctx)) if w != "gdp"]
    if len(words) == 1:  # "Debt stood at 99.8% of GDP": a bare 'debt' is public debt, as in 'debt-to-GDP'
        return s.m.gdp_ratio_nouns.get(words[0], words[0])
    return " ".join(words) or None


def _gdp_owner(s: FrameState) -> str | None:
    """Whose economy: "its GDP" -> the nearest entity before; otherwise the document's place."""
    right = s.text[s.q.start :]
    if re.match(r"[^,;]*?\b(?:to|of)\s+(?:its|their|the country's|the nation's)\s+gdp", right, re.I):
        before = [e for e in s.mentions if e.end <= s.q.start and s.ctx.entities.is_place(e.name)]
        if before:
            return before[-1].name
    return s.ctx.topic
