"""The rules that read a figure's frame (subject, metric, object), in the order they are tried.

Each rule is a small function over a `FrameState` that returns a `Frame` when its pattern
fits the clause and None when it does not; `FRAME_RULES` lists them, and the first to fit
wins. The clause readers they share (the noun phrase before the verb, the agent of a clause,
possessors, objects) live in `frames`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from claimcheck.extract.agents import after_preposition, agent, subject_fallback
from claimcheck.extract.context import COMPOUND, CONVERSION, ROUGHLY, ClaimContext
from claimcheck.extract.frames import (
    AUX,
    PREPS,
    PRONOUNS,
    RIGHT_CUT,
    WORD,
    Frame,
    adjective_owner,
    changed_object,
    np_before_verb,
    object_after,
    object_in,
    possessor,
    split_object,
    split_of_entity,
    strip_adjective_owner,
    strip_possessor,
    strip_qualifier,
)
from claimcheck.lexicon import phrase_key, recall
from claimcheck.model import Quantity
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.units import count_unit, dimension_of


@dataclass(frozen=True)
class FrameState:
    """A figure in its sentence, as every frame rule sees it."""

    text: str
    q: Quantity
    mentions: Sequence[Mention]
    ctx: ClaimContext
    right: str  # the text after the figure, without the figure again in other units
    right_clause: str  # `right` up to the end of the figure's clause
    dim: str  # the figure's dimension ('percent', 'length', 'count', ...)

    @classmethod
    def of(cls, text: str, q: Quantity, mentions: Sequence[Mention], ctx: ClaimContext) -> FrameState:
        right = text[q.end :]
        conversion = CONVERSION.match(right)
        if conversion:  # "636 km (395 mi) long": the figure in other units says nothing new
            right = right[conversion.end() :]
        cut = RIGHT_CUT.search(right)
        right_clause = right[: cut.start()] if cut else right
        return cls(text, q, mentions, ctx, right, right_clause, dimension_of(q.unit, ctx.lex))

    @property
    def m(self) -> MetricNames:
        return self.ctx.metrics

    @property
    def left(self) -> str:
        """The sentence before the figure."""
        return self.text[: self.q.start]

    def agent(self, at: int | None = None) -> str | None:
        """The entity the clause holding the figure (or the verb at `at`) is about."""
        return agent(self.text, self.q.start if at is None else at, self.mentions, self.ctx)

    def fallback_subject(self, metric_np: str = "") -> str | None:
        """The sentence's leading name, a place after "in", or the document's place."""
        return subject_fallback(self.text, self.right_clause, self.mentions, self.ctx, metric_np)


FrameRule = Callable[[FrameState], Frame | None]


# -- 1. a share ----------------------------------------------------------------------------
_OF_OR_TO = re.compile(r"\s*(?:of|to)\s+(.+)")
_NEXT_WORDS = re.compile(r"\s+(.+)")
_RATIO = re.compile(r"\s(?:in|out\s+of)\s")
# a noun phrase after "N% of" ends at a time phrase or a preposition that starts a new role
_NP_CUT = re.compile(
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
    np_text = _NP_CUT.split(of.group(1), maxsplit=1)[0]
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


# -- 2. a compound figure ------------------------------------------------------------------
def compound_figure(s: FrameState) -> Frame | None:
    """A figure that modifies a noun measures it: "a 1,215-kilometre border with Norway"
    -> (the sentence's subject, border length, Norway)."""
    m, ctx = s.m, s.ctx
    noun = re.match(r"\s*([a-z][a-z-]+)", s.right)
    if not (s.q.surface[-1:].isalpha() and COMPOUND.search(s.q.surface) and noun and s.dim in m.dimension_metric):
        return None
    head = " ".join(m.words(noun.group(1))) or noun.group(1)
    metric = head if head in m.process else f"{head} {m.dimension_metric[s.dim]}"
    obj = object_after(s.right[noun.end() :], ctx)
    subject = s.agent()
    if subject is None:
        subject = ctx.entities.leading_name(s.text)
    if subject is None or subject == obj:
        subject = ctx.topic if ctx.topic != obj else None
    if obj is None and m.is_symmetric(metric) and ctx.topic and ctx.topic != subject:
        obj = ctx.topic
    return Frame(subject, metric, obj)


# -- 3. what a change verb acts on ---------------------------------------------------------
def changed_by(s: FrameState) -> Frame | None:
    """'<verb> <np> by|to N' measures <np>: "Oslo cut its bus fares by 12%" -> bus fares
    ("raised its rate to a range of 5.25% to 5.5%": the filler stands between "to" and N)."""
    ctx = s.ctx
    changed = changed_object(ctx.lex.amount_filler_re.sub("", strip_qualifier(s.left, ctx)), ctx.lex)
    if not changed:
        return None
    verb_start, np = changed
    subject = possessor(np, ctx)
    np_clean, obj = split_object(strip_possessor(np, ctx), ctx)
    np_clean, of_subject = split_of_entity(np_clean, ctx)  # "reduced stunting in Malawi by 15%"
    metric = s.m.normalize(strip_adjective_owner(np_clean, ctx))
    if not metric:
        return None
    subject = subject or of_subject or adjective_owner(np_clean, ctx) or s.agent(verb_start) or s.fallback_subject()
    return Frame(subject, metric, obj or object_in(s.right_clause, ctx))


# -- 4. the noun phrase before the verb ----------------------------------------------------
_MEASURE_OF = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+of\s*$")
_WORTH_APPOSITIVE = re.compile(
    r"(?:^|[,;:]\s*)((?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)\s+|[\w.-]+['’]s\s+)[^,;:]{1,80}?),\s*(?:worth|valued\s+at)\s+"
    + ROUGHLY
    + "$"
)
_AGENT_WITH = re.compile(r"\b([a-z]+)\s+of\s+((?:[a-z-]+\s+){0,2}[a-z-]+),\s*(?:with|at)\s+" + ROUGHLY + "$")
_AT_APPOSITIVE = re.compile(r"\b(?:the|its|their)\s+((?:[a-z-]+\s+){0,3}[a-z-]+),\s*at\s+" + ROUGHLY + "$")
_PRONOUN_NPS = PRONOUNS | {"this", "that", "these", "those"}  # ("It grew 3%": no measure named)
_HAS_BEFORE = re.compile(r"\b(?:has|have|had|having)\s*$")


def np_before(s: FrameState) -> Frame | None:
    """'<np> <verb> (to|by|at) N' measures <np>: "Lisbon's tram ridership rose to 41 million"
    -> (Lisbon, tram ridership); its possessor, an "of <Place>" or a place adjective is whose."""
    np = _measured_np(s)
    if not np:
        return None
    ctx = s.ctx
    subject = possessor(np, ctx)
    head_words = s.m.words(strip_possessor(np, ctx))
    if head_words and head_words[-1] in s.m.anaphora and (resolved := _anaphor(s, head_words[-1], subject)):
        return resolved
    np_clean, obj = split_object(strip_possessor(np, ctx), ctx)
    np_clean, of_subject = split_of_entity(np_clean, ctx)
    inner = [e for e in ctx.entities.mentions(np_clean) if e.known and e.form == "possessive"]
    owner_known = subject is not None and subject in ctx.entities.kind
    if inner and not owner_known:
        # "Coal's share of Britain's electricity generation": Britain's, with coal as modifier
        modifier = np.split("'")[0].split("’")[0] if subject else None
        subject = inner[0].name
        np_clean = np_clean[: inner[0].start] + re.sub(r"^(?:'s|’s|'|’)", "", np_clean[inner[0].end :])
        if modifier:
            np_clean = f"{modifier} {np_clean}"
    subject = subject or of_subject or adjective_owner(np_clean, ctx)
    metric = s.m.normalize(strip_adjective_owner(np_clean, ctx))
    if not metric:
        return None
    if subject is None:
        subject = s.agent() or s.fallback_subject(np_clean)
    if obj is None:
        obj = object_in(s.right_clause, ctx)
    if subject == obj:
        subject = None  # "Exports to China rose" in a story about China: whose, unsaid
    return Frame(subject, metric, obj)


def _measured_np(s: FrameState) -> str | None:
    """The noun phrase that names what the figure measures, before its verb or in an
    appositive; None when the verb's own object names the measure ("Lake X ... reaches a
    depth of N": depth, in `measure_of_what`) or the phrase names no measure."""
    m, ctx = s.m, s.ctx
    measure = _MEASURE_OF.search(strip_qualifier(s.left, ctx))
    np_span = None if measure and measure.group(1) in m.measure_nouns else np_before_verb(s.text, s.q.start, ctx.lex)
    if np_span is None and (worth := _WORTH_APPOSITIVE.search(s.text, 0, s.q.start)):
        np_span = worth.group(1).strip()  # "The country's wealth fund, worth more than $1.7 trillion, is ..."
    elif (
        np_span is None
        and (doer := _AGENT_WITH.search(s.text, max(0, s.q.start - 120), s.q.start))
        and doer.group(1).lower() in m.agent_nouns
    ):
        # "China is the largest producer of rare earths, with 240,000 tonnes": its production
        np_span = f"{doer.group(2)} {m.agent_nouns[doer.group(1).lower()]}"
    elif (
        np_span is None
        and (at := _AT_APPOSITIVE.search(s.text, max(0, s.q.start - 120), s.q.start))
        and set(m.words(at.group(1))) & m.process  # (not "hit its highest level, at 9.1%")
    ):
        np_span = at.group(1)  # "Chile holds the largest reserves, at 9.3 million tonnes"
    if np_span and _names_no_measure(s, np_span):
        return None
    if (np_span and np_span.lower() in _PRONOUN_NPS) or (
        s.dim == "count" and _HAS_BEFORE.search(strip_qualifier(s.left, ctx))
    ):
        return None  # "it had 1.2 billion users", "The app has 40 million users": a number of users
    return np_span


def _names_no_measure(s: FrameState, np_span: str) -> bool:
    """Whether the phrase before the verb is only a name or the kind of thing named, so the
    verb or the unit names the measure ("Texas covers ...", "The company employs ...")."""
    m, ctx = s.m, s.ctx
    if (
        ctx.entities.leading_name(np_span + " x") == ctx.entities.resolve(np_span)
        and not set(m.words(np_span)) & m.process
        and not (" " not in np_span and ctx.common_word(np_span, s.dim == "percent"))  # "Adherence was 81%"
    ):
        return True  # only a name before the verb ("Texas covers ..."): the metric is the unit's
    if _only_generic(np_span, m):
        return True  # "The company employs 160,000 people": the verb names the measure
    if s.dim == "length" and m.extent_rx.match(s.right):
        # "The Amazon river is 6,400 km long": a name and the kind of thing it is; the extent
        # word names the measure (but "Austria's border with Germany is 801 km long": border)
        common = [w for w in WORD.findall(np_span) if w[0].islower() and w.lower() not in ("the", "a", "an")]
        return all(w.lower() in m.class_nouns for w in common)
    return False


def _only_generic(np: str, m: MetricNames) -> bool:
    """ "The company", "the country's": a noun standing for the subject, not a measure. A noun
    the metric phrases name a measure by ("the economy" grows: its GDP) is a measure."""
    words = [w.lower().rstrip("'’s") if w.lower().endswith(("'s", "’s")) else w.lower() for w in WORD.findall(np)]
    words = [w for w in words if w not in ("the", "a", "an", "this", "that", "its", "their")]
    return bool(words) and all(w in m.generic_subjects and w not in m.phrases for w in words)


def _anaphor(s: FrameState, noun: str, subject: str | None) -> Frame | None:
    """'this reliance rose to 60%' -> the frame of the phrase it refers to ("reliance on
    imports from Chile"), when the sentence names one."""
    for phrase in s.m.anaphor_targets(noun):
        found = re.search(r"\b" + re.escape(phrase).replace(r"\ ", r"\s+") + r"\s+(.+?)(?=[,;.]|$)", s.text)
        if not found:
            found = re.search(r"\b" + phrase.split()[0] + r"\w*\s+(?:\w+\s+)?on\s+(.+?)(?=[,;.]|$)", s.text)
        if found:
            np, obj = split_object(found.group(1), s.ctx)
            before = s.ctx.entities.mentions(s.text[: found.start()])
            owner = next((e.name for e in reversed(before) if not after_preposition(s.text, e.start)), None)
            metric = s.m.share(np) if s.dim == "percent" else s.m.normalize(np)
            return Frame(owner or subject or s.agent(), metric, obj)
    return None


# -- 5. a measure named around the figure --------------------------------------------------
_MEASURE_OF_BEFORE = re.compile(r"\b([a-z]+)\s+of\s+" + ROUGHLY + "$")


def bare_number(s: FrameState) -> Frame | None:
    """A number without a unit needs a measure named before it: "a fertility rate of 1.31"
    -> fertility rate."""
    if s.q.unit:
        return None
    m = s.m
    named = _MEASURE_OF_BEFORE.search(s.text, max(0, s.q.start - 40), s.q.start)
    if named and named.group(1) in m.process | m.measure_nouns and (metric := m.normalize(named.group(1))):
        return Frame(s.agent() or s.fallback_subject(), metric, object_in(s.right_clause, s.ctx))
    return None


_RIGHT_CUT_PASSIVE = re.compile(r"[,;:—–()]|\.(?:\s|$)")
_PASSIVE = re.compile(r"(.+?)\s+(?:was|were|is|are|has been|have been|had been)\s+(\w+)\s+by\s+(?:the\s+)?(.+)$")
_RATE_TAIL = re.compile(r"\s+(?:a|per|each)\s+(?:day|week|month|year)\b.*$")


def measure_of_what(s: FrameState) -> Frame | None:
    """'<verb> N of <what>' is the verb's process ("exported 4.2 Mt of salmon" -> salmon
    exports), as is "N of <what> were <verb>ed by X"; "<noun> of N" is the noun ("sales of
    $9bn"); otherwise the unit's dimension names the measure ("rises 2,469 metres")."""
    if not s.q.unit:
        return None  # (a bare number without a named measure is no figure: `bare_number`)
    m, ctx = s.m, s.ctx
    left = ctx.lex.amount_filler_re.sub("", strip_qualifier(s.left, ctx))  # "an average of"
    left_words = re.findall(r"[A-Za-z]+", left)
    while left_words and left_words[-1].lower() in ("between", "from", "by", "to", "at"):
        left_words.pop()  # "will cost between £4bn and £5bn"
    process = m.verb_process.get(left_words[-1].lower()) if left_words else None
    of_what = re.match(r"\s*(?:of|on)\s+(.+)", s.right[: _RIGHT_CUT_PASSIVE.search(s.right + ".").start()])
    if of_what and of_what.group(1).split()[0].lower().rstrip(",") in ctx.lex.weekdays | ctx.lex.months.keys():
        of_what = None  # "fell 12% on Thursday": when, not what
    what_np = _NP_CUT.split(of_what.group(1), maxsplit=1)[0] if of_what else ""
    subject = None
    passive = _PASSIVE.match(of_what.group(1)) if of_what else None
    if passive and passive.group(2).lower() in m.verb_process:
        what_np, process = passive.group(1), m.verb_process[passive.group(2).lower()]
        ents = ctx.entities.mentions(passive.group(3))
        subject = ents[0].name if ents and ents[0].start == 0 else None
    what = " ".join(m.words(_RATE_TAIL.sub("", what_np)))  # "of crude a day"
    metric = _metric_of_what(s, process, what)
    return Frame(subject or s.agent() or s.fallback_subject(), metric, object_in(s.right_clause, ctx))


def _metric_of_what(s: FrameState, process: str | None, what: str) -> str:
    """The measure of rule 5: the verb's process of `what`, a noun before "of N", a number of
    the unit counted, `what` in the unit's dimension, or the dimension (an extent: "long")."""
    m = s.m
    # "revenue of $4bn", "revenue of about $4bn" (the qualifier may have taken the "of")
    noun_before = re.search(r"\b([a-z]+)\s+of\s+(?:[a-z]+\s+){0,2}$", s.left + " ")
    if process:
        return m.normalize(f"{what} {process}") if what and not what.endswith(process) else (what or process)
    if noun_before and noun_before.group(1).split()[-1] in m.process | m.measure_nouns:
        words = re.findall(r"[a-z]+", s.text[: noun_before.start(1)].lower())[-1:]
        head = (
            f"{words[0]} {noun_before.group(1)}"
            if words and m.words(words[0])[-1:] and m.words(words[0])[-1] in m.process
            else noun_before.group(1)
        )
        return m.normalize(head)  # "output cuts of 2.2 million bpd" -> production cuts
    if s.dim == "count":
        return f"number of {count_unit(s.q.unit, s.ctx.lex)}"
    if what:
        return what if any(w in m.process for w in what.split()) else f"{what} {m.dimension_metric.get(s.dim, s.dim)}"
    extent = m.extent_rx.match(s.right)  # "5,895 metres above sea level": an elevation
    return (
        m.extent[phrase_key(extent.group(1))] if extent and s.dim == "length" else m.dimension_metric.get(s.dim, s.dim)
    )


FRAME_RULES: list[FrameRule] = [
    share_of,
    compound_figure,
    changed_by,
    np_before,
    bare_number,
    measure_of_what,
]


def read_frame(text: str, q: Quantity, mentions: Sequence[Mention], ctx: ClaimContext) -> Frame | None:
    """The frame of the first rule that fits the figure `q` of `text`; None when none does."""
    state = FrameState.of(text, q, mentions, ctx)
    for rule in FRAME_RULES:
        frame = rule(state)
        if frame is not None:
            return frame
    return None
