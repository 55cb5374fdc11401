"""The rules that read a figure's frame (subject, metric, object), in the order they are tried.

Each rule is a small function over a `FrameState` that returns a `Frame` when its pattern
fits the clause and None when it does not; `FRAME_RULES` lists them, and the first to fit
wins. The clause readers they share (the noun phrase before the verb, possessors, objects)
live in `frames`, who a clause is about in `agents`; the state they read is `frame_state`,
and the share rule, the first and longest, is in `frame_share`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.extract.agents import after_preposition
from claimcheck.extract.context import COMPOUND, ROUGHLY, ClaimContext
from claimcheck.extract.frame_share import NP_CUT, share_of
from claimcheck.extract.frame_state import FrameRule, FrameState
from claimcheck.extract.frames import (
    AUX,
    PREPS,
    PRONOUNS,
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
from claimcheck.lexicon import phrase_key
from claimcheck.model import Quantity
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.units import count_unit


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


# -- 3b. what an estimate puts at a figure -------------------------------------------------
_ESTIMATED_AT = re.compile(
    r"\b(?:estimated|estimates?|estimating|put|puts|putting|valued|values|pegged|pegs|assessed|assesses|placed)"
    r"\s+(?:the\s+|its\s+|their\s+)?([\w'’ -]{1,60}?)\s+at\s*$"
)


def estimated_at(s: FrameState) -> Frame | None:
    """'<estimated|put|valued> <np> at N' measures <np>: "The government estimated damage at
    EUR 14 billion" -> damage; "Analysts put Valdrex's debt at $4bn" -> (Valdrex, debt). Who
    estimates only reports the figure: it is no subject."""
    ctx = s.ctx
    said = _ESTIMATED_AT.search(strip_qualifier(s.left, ctx))
    if said is None:
        return None
    np = said.group(1)
    subject = possessor(np, ctx)
    np_clean, obj = split_object(strip_possessor(np, ctx), ctx)
    np_clean, of_subject = split_of_entity(np_clean, ctx)
    metric = s.m.normalize(strip_adjective_owner(np_clean, ctx))
    if not metric or _only_generic(np_clean, s.m):
        return None
    subject = subject or of_subject or adjective_owner(np_clean, ctx) or s.fallback_subject(np_clean)
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
    bare = strip_qualifier(s.left, ctx)
    if s.left[len(bare) :].lstrip().startswith("of "):  # ("a population of about": the qualifier took "of")
        bare = f"{bare.rstrip()} of"
    measure = _MEASURE_OF.search(bare)
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
    if np_span:
        np_span = _after_subordinate(np_span)
    if np_span and np_span.lower() in _SUBORDINATORS:
        return None  # ("released, despite being charged ...": no noun phrase at all)
    if np_span and _names_no_measure(s, np_span):
        return None
    if (np_span and np_span.lower() in _PRONOUN_NPS) or (
        s.dim == "count" and _HAS_BEFORE.search(strip_qualifier(s.left, ctx))
    ):
        return None  # "it had 1.2 billion users", "The app has 40 million users": a number of users
    return np_span


def _after_subordinate(np: str) -> str:
    """The noun phrase of the figure's own clause when a clause with its own verb comes first
    and a subordinator joins them ("Rescuers were searching for survivors on Tuesday after
    Storm Kelda left at least 28 people dead": Storm Kelda, not the rescuers' search); "Profit
    after tax rose to $4m" has no verb before "after" and stays whole."""
    words = np.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower() in _SUBORDINATORS and k + 1 < len(words) and any(_finite(w) for w in words[:k]):
            return " ".join(words[k + 1 :])
    return np


_SUBORDINATORS = frozenset(["after", "before", "when", "because", "until", "despite", "although", "though", "unless"])


def _finite(word: str) -> bool:
    low = word.lower()
    return low in AUX or (word.islower() and low.endswith("ed") and len(low) > 4)


def _names_no_measure(s: FrameState, np_span: str) -> bool:
    """Whether the phrase before the verb is only a name or the kind of thing named, so the
    verb or the unit names the measure ("Texas covers ...", "The company employs ...")."""
    m, ctx = s.m, s.ctx
    if (
        ctx.entities.leading_name(np_span + " x") == ctx.entities.resolve(np_span)
        and not set(m.words(np_span)) & m.process
        and not (" " not in np_span and ctx.common_word(np_span, s.dim == "percent"))  # "Adherence was 81%"
        and not _measure_word(np_span, s)
    ):
        return True  # only a name before the verb ("Texas covers ..."): the metric is the unit's
    if _only_generic(np_span, m):
        return True  # "The company employs 160,000 people": the verb names the measure
    if s.dim == "count" and s.q.unit and _only_a_kind(np_span, m, named=True):
        return True  # "The park received 1.8 million visitors": a number of visitors, the park's
    if s.dim == "length" and m.extent_rx.match(s.right):
        # "The Amazon river is 6,400 km long": a name and the kind of thing it is; the extent
        # word names the measure (but "Austria's border with Germany is 801 km long": border)
        return _only_a_kind(np_span, m)
    return False


def _only_a_kind(np: str, m: MetricNames, named: bool = False) -> bool:
    """Whether a phrase's common words only say what kind of thing it is ("The park", "the
    Amazon river"): metrics.json "class_nouns"; `named`: and there is one ("Sales" names no kind)."""
    words = [w for w in WORD.findall(np) if w.lower() not in ("the", "a", "an")]
    common = [w.lower() for w in words if w[0].islower() or (named and w.lower() in m.class_nouns)]
    return (bool(common) or not named) and all(w in m.class_nouns for w in common)


def _measure_word(word: str, s: FrameState) -> bool:
    """Whether a lone capitalised word opening a sentence is a measure the lexicon knows, so no
    name ("Damage was estimated at $410 million", "Deaths rose to 38"), even when the document
    never writes it in lower case."""
    low = word.lower()
    return " " not in word and (low in s.m.process or low in s.ctx.lex.events.get("measures", ()))


def _measure_noun(noun: str, s: FrameState) -> bool:
    """Whether '<noun> of N' names what N measures: a process or measure noun, or one of the
    measures of an event's report ("claims of up to $300 million", "damage of $2bn")."""
    return noun in s.m.process or noun in s.m.measure_nouns or noun in s.ctx.lex.events.get("measures", ())


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


def np_then_direction(s: FrameState) -> Frame | None:
    """'with <np> up/down N' changes <np>, its verb left out ("The drought hit the south, with
    output down 12%": a change in output); also after a comma or "and" (", exports up 4% and
    imports down 2%")."""
    m = _NP_DIRECTION.search(s.text, max(0, s.q.start - 60), s.q.start)
    if m is None or not s.q.direction:
        return None
    words = s.m.words(m.group(1))
    if not words or any(w in s.ctx.lex.rise or w in s.ctx.lex.fall for w in words):
        return None
    metric = s.m.normalize(m.group(1))
    return Frame(s.agent(m.start()) or s.fallback_subject(metric), metric, None) if metric else None


_NP_DIRECTION = re.compile(
    r"(?:\bwith|\band|,)\s+(?:the\s+|its\s+|their\s+)?((?:(?!with\b|and\b)[a-z][a-z-]+\s+){1,3})(?:up|down|higher|lower)\s+"
    r"(?:by\s+)?"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|over\s+|more\s+than\s+)?$"
)


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


_RIGHT_CUT_PASSIVE = re.compile(r"[,;:—–()]|(?<!\b[A-Z])\.(?:\s|$)")  # (not the stops of "U.S.")
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
    while left_words and (
        left_words[-1].lower() in ("between", "from", "by", "to", "at", "over", "nearly", "about", "almost", "some")
    ):
        left_words.pop()  # "will cost between £4bn and £5bn", "will purchase over $500 billion of energy"
    process = m.verb_process.get(left_words[-1].lower()) if left_words else None
    of_what = re.match(r"\s*(?:of|on)\s+(.+)", s.right[: _RIGHT_CUT_PASSIVE.search(s.right + ".").start()])
    if of_what and of_what.group(1).split()[0].lower().rstrip(",") in ctx.lex.weekdays | ctx.lex.months.keys():
        of_what = None  # "fell 12% on Thursday": when, not what
    what_np = NP_CUT.split(_unowned(of_what.group(1), ctx), maxsplit=1)[0] if of_what else ""
    what_np = split_object(what_np, ctx)[0] if what_np else what_np  # ("of copper to China": copper)
    subject = None
    passive = _PASSIVE.match(of_what.group(1)) if of_what else None
    if passive and passive.group(2).lower() in m.verb_process:
        what_np, process = passive.group(1), m.verb_process[passive.group(2).lower()]
        ents = ctx.entities.mentions(passive.group(3))
        subject = ents[0].name if ents and ents[0].start == 0 else None
    what = " ".join(m.words(_RATE_TAIL.sub("", what_np)))  # "of crude a day"
    metric = _metric_of_what(s, process, what)
    if metric.split()[-1:] == [m.dimension_metric.get(s.dim)] and (
        named := m.dimension_measure(s.dim, s.left, s.right)
    ):
        # "Snowfall averages 80 cm": the measure is the word, and the word is no subject
        subject = (
            subject or _not_the_measure(s.agent(), named) or _not_the_measure(s.fallback_subject(), named) or ctx.topic
        )
        return Frame(subject, named, object_in(s.right_clause, ctx))
    return Frame(subject or s.agent() or s.fallback_subject(), metric, object_in(s.right_clause, ctx))


def _unowned(what: str, ctx: ClaimContext) -> str:
    """What a figure is "of" without the place that owns it first ("of U.S. energy": energy;
    the stops inside "U.S." would end the phrase)."""
    first = next(iter(ctx.entities.known_mentions(what[:40])), None)
    return what[first.end :].lstrip() if first is not None and first.start == 0 and first.form != "possessive" else what


def _not_the_measure(agent: str | None, measure: str) -> str | None:
    return None if agent is None or agent.lower() in measure else agent


def _metric_of_what(s: FrameState, process: str | None, what: str) -> str:
    """The measure of rule 5: the verb's process of `what`, a noun before "of N", a number of
    the unit counted, `what` in the unit's dimension, or the dimension (an extent: "long")."""
    m = s.m
    # "revenue of $4bn", "revenue of about $4bn" (the qualifier may have taken the "of")
    noun_before = re.search(r"\b([a-z]+)\s+of\s+(?:[a-z]+\s+){0,2}$", s.left + " ")
    if process:
        return m.normalize(f"{what} {process}") if what and not what.endswith(process) else (what or process)
    if noun_before and noun_before.group(1) == m.dimension_metric.get(s.dim):
        if modifiers := _modifiers(s.text[: noun_before.start(1)], s):  # "a land area of 375 km2": land area
            return m.normalize(" ".join([*modifiers, noun_before.group(1)]))
    if noun_before and _measure_noun(noun_before.group(1).split()[-1], s):
        words = re.findall(r"[a-z]+", s.text[: noun_before.start(1)].lower())[-1:]
        if words and m.words(words[0])[-1:] and m.words(words[0])[-1] in m.process:
            return m.normalize(
                f"{words[0]} {noun_before.group(1)}"
            )  # "output cuts of 2.2 million bpd" -> production cuts
        noun = noun_before.group(1)
        modifiers = _modifiers(s.text[: noun_before.start(1)], s) if noun in _NAMED_BY_MODIFIERS else []
        return m.normalize(" ".join([*modifiers, noun]))  # "a literacy rate of 94%": literacy rate
    if s.dim == "count":
        return f"number of {count_unit(s.q.unit, s.ctx.lex)}"
    if what:
        if any(w in m.process for w in what.split()) or s.dim == "currency":
            return what  # ("$4 billion of aid": aid, no "aid currency")
        return f"{what} {m.dimension_metric.get(s.dim, s.dim)}"
    extent = m.extent_rx.match(s.right)  # "5,895 metres above sea level": an elevation
    return (
        m.extent[phrase_key(extent.group(1))] if extent and s.dim == "length" else m.dimension_metric.get(s.dim, s.dim)
    )


def _modifiers(left: str, s: FrameState) -> list[str]:
    """The lower-case words right before a measure's noun that say which one it is ("a visa
    overstay rate of", "the infant mortality rate of"), up to a determiner or function word."""
    out: list[str] = []
    for w in reversed(_MODIFIER_RUN.search(left).group().split()):  # type: ignore[union-attr]
        if w in s.ctx.lex.determiners or w in _NOT_MODIFIERS or w in s.m.anaphora or w.endswith(("ed", "ly")):
            break  # (not "posted revenue of": a verb)
        out.insert(0, w)
    return out[-3:]


# measures that are nothing without the words before them ("rate", "a literacy rate of 94%")
_NAMED_BY_MODIFIERS = frozenset({"rate", "rates", "ratio", "index", "level", "share"})
_MODIFIER_RUN = re.compile(r"(?<![\w'’-])(?:[a-z][a-z-]*\s+){0,4}$")
_NOT_MODIFIERS = PREPS | AUX | {"and", "or", "covers"}


FRAME_RULES: list[FrameRule] = [
    share_of,
    compound_figure,
    changed_by,
    estimated_at,
    np_then_direction,
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
