"""Subject, metric and object of a figure, read from the clause around it: "N% of X" is a share
of X; otherwise the noun phrase that governs the verb before the figure ("X's output rose to
N") or the noun a compound figure modifies ("a 3,485-kilometre border"); the subject is the
possessor of the metric, the entity the clause is about, the antecedent of "which", or the
document's place; the object comes after the metric ("imports from X", "border with X")."""

from __future__ import annotations

import itertools
import re

from claimcheck.extract.context import COMPOUND, CONVERSION, PROPER, ROUGHLY, ClaimContext
from claimcheck.lexicon import Lexicon, phrase_key
from claimcheck.model import Quantity
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.units import count_unit, dimension_of

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
_NOUN_AFTER_FIGURE = re.compile(r"\S+(?:\s+(?:percent|per\s+cent|percentage\s+points?|points?))?\s+([a-z]+)")
_DATA_NOUNS = frozenset(["data", "figures", "statistics", "estimates", "records"])
_SUBORDINATORS = frozenset(["after", "before", "when", "while", "because", "since", "until", "although", "whereas"])
_CHANGE_OF = re.compile(r"\b(?:a|an|the)\s+([a-z]+)\s+of\s+(?:[a-z]+\s+){0,2}$")  # "a rise of (about) 5%"
AUX = frozenset(  # auxiliaries: no verb of their own before a figure
    ["has", "have", "had", "been", "is", "was", "were", "are", "be", "will", "would", "could", "should", "may", "might"]
)
PREPS = frozenset(  # prepositions: what stands before a noun phrase, not a verb
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
_FIGURE_AND = re.compile(r"\d[\d,.]*(?:\s*%|(?:\s+[a-z]+){1,2})?\s+(?:and|but|while|whereas)\s+")
_RIGHT_CUT_PASSIVE = re.compile(r"[,;:—–()]|\.(?:\s|$)")
_RIGHT_CUT = re.compile(r"[,;:—–()]|\s(?:and|but|while|which|who|as|according)\s")
_PROPER_NAME = re.compile(PROPER)
_MEASURE_OF = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+of\s*$")
_LOWER_WORD = re.compile(r"\b[a-z]")
_DIGIT = re.compile(r"\d")
_DIGIT_OR_PUNCT = re.compile(r"\d|[,;:()]")
# a noun phrase after "N% of" ends at a time phrase or a preposition that starts a new role
_NP_CUT = re.compile(
    r"\s+(?=(?:in|during|between|since|by|as|at|on|until|through|over|under|for|while|compared|versus|vs)\b)|\s*\["
)
_RATE_TAIL = re.compile(r"\s+(?:a|per|each)\s+(?:day|week|month|year)\b.*$")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it"])
_PRONOUN_NPS = _PRONOUNS | {"this", "that", "these", "those"}  # ("It grew 3%": no measure named)
_HAS_BEFORE = re.compile(r"\b(?:has|have|had|having)\s*$")
# after "N% of <people> in <Place>": the verb phrase that says which share ("are obese")
_PREDICATE = re.compile(
    r"(?:'s|’s)?\s+((?!(?:and|or|but|to|from|by|in|of|for|with|at|on|during|since|according|compared|than|as|the|a|an)\b)"
    r"[a-z][\w-]*(?:\s+(?!(?:in|by|during|since|according|than)\b)[a-z][\w-]*){0,4})"
)
# linking words that do not change which share is meant ("who are obese" = "are obese" = "obese")
_LINKING_WORDS = re.compile(r"\b(?:who|that|which|is|are|was|were|has|have|had|now|still|currently)\s+")


_RATIO = re.compile(r"\s(?:in|out\s+of)\s")


# -- subject / metric / object ---------------------------------------------------------
_OF_OR_TO = re.compile(r"\s*(?:of|to)\s+(.+)")
_NEXT_WORDS = re.compile(r"\s+(.+)")
_RELATIVE = re.compile(r",\s*(?:which|who|that)\b")
_PARTICIPLE = re.compile(r"(?:,|—|–)\s*(?:\w+ly\s+)?([a-z]+ing)\b")


def frame_of(
    text: str, q: Quantity, mentions: list[Mention], ctx: ClaimContext
) -> tuple[str | None, str, str | None] | None:
    m = ctx.metrics
    right = text[q.end :]
    conversion = CONVERSION.match(right)
    if conversion:  # "636 km (395 mi) long": the figure in other units says nothing new
        right = right[conversion.end() :]
    cut = _RIGHT_CUT.search(right)
    right_clause = right[: cut.start()] if cut else right
    dim = dimension_of(q.unit, ctx.lex)

    # 1. "N% of <np> [from X]": a share ("one in five <np>" too)
    of = _OF_OR_TO.match(right_clause) or (_NEXT_WORDS.match(right_clause) if _RATIO.search(q.surface) else None)
    if of and of.group(1)[:1].isdigit():
        of = None  # "fell from 37.1% to 31.4%": a change between two figures, not a share of one
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
        if place and named_agent and named != place and not ctx.entities.is_place(named):
            place = None  # "Claudia Sheinbaum won 59.8% of the vote in Mexico's election": hers
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
    if q.surface[-1:].isalpha() and COMPOUND.search(q.surface) and noun and dim in m.dimension_metric:
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
    # ("raised its rate to a range of 5.25% to 5.5%": the filler stands between "to" and N)
    changed = _changed_object(ctx.lex.amount_filler_re.sub("", _strip_qualifier(text[: q.start], ctx)), ctx.lex)
    if changed:
        verb_start, np = changed
        subject = _possessor(np, ctx)
        np_clean, obj = _split_object(_strip_possessor(np, ctx), ctx)
        np_clean, of_subject = _split_of_entity(np_clean, ctx)  # "reduced stunting in Malawi by 15%"
        metric = m.normalize(_strip_adjective_owner(np_clean, ctx))
        if metric:
            subject = (
                subject
                or of_subject
                or _adjective_owner(np_clean, ctx)
                or _agent(text, verb_start, mentions, ctx)
                or _subject_fallback(text, right_clause, mentions, ctx)
            )
            return subject, metric, obj or _object_in(right_clause, ctx)

    # 4. "<np> <verb> (to|by|at) N": the noun phrase before the verb, unless the verb's own
    #    object names the measure ("Lake X ... reaches a depth of N": depth, in step 5)
    measure = _MEASURE_OF.search(_strip_qualifier(text[: q.start], ctx))
    np_span = None if measure and measure.group(1) in m.measure_nouns else _np_before_verb(text, q.start, ctx.lex)
    if np_span is None and (worth := _WORTH_APPOSITIVE.search(text, 0, q.start)):
        np_span = worth.group(1).strip()  # "The country's wealth fund, worth more than $1.7 trillion, is ..."
    elif (
        np_span is None
        and (agent := _AGENT_WITH.search(text, max(0, q.start - 120), q.start))
        and agent.group(1).lower() in m.agent_nouns
    ):
        # "China is the largest producer of rare earths, with 240,000 tonnes": its production
        np_span = f"{agent.group(2)} {m.agent_nouns[agent.group(1).lower()]}"
    elif (
        np_span is None
        and (at := _AT_APPOSITIVE.search(text, max(0, q.start - 120), q.start))
        and set(m.words(at.group(1))) & m.process  # (not "hit its highest level, at 9.1%")
    ):
        np_span = at.group(1)  # "Chile holds the largest reserves, at 9.3 million tonnes"
    if (
        np_span
        and ctx.entities.leading_name(np_span + " x") == ctx.entities.resolve(np_span)
        and not set(m.words(np_span)) & m.process
        and not (" " not in np_span and ctx.common_word(np_span, dim == "percent"))  # "Adherence was 81%"
    ):
        np_span = None  # only a name before the verb ("Texas covers ..."): the metric is the unit's
    if np_span and _only_generic(np_span, m):
        np_span = None  # "The company employs 160,000 people": the verb names the measure
    if (
        np_span
        and np_span.lower() in _PRONOUN_NPS
        or (dim == "count" and _HAS_BEFORE.search(_strip_qualifier(text[: q.start], ctx)))
    ):
        np_span = None  # "it had 1.2 billion users", "The app has 40 million users": a number of users
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
            if subject == obj:
                subject = None  # "Exports to China rose" in a story about China: whose, unsaid
            return subject, metric, obj

    if not q.unit:
        # a bare number needs a metric phrase ("the rate fell to 1.24"): "a population of 55.1 million"
        named = _MEASURE_OF_BEFORE.search(text, max(0, q.start - 40), q.start)
        if named and named.group(1) in m.process | m.measure_nouns and (metric := m.normalize(named.group(1))):
            subject = _agent(text, q.start, mentions, ctx) or _subject_fallback(text, right_clause, mentions, ctx)
            return subject, metric, _object_in(right_clause, ctx)
        return None
    # 5. "<verb> N of <what>": the verb's process ("imported 26 Mt of LNG" -> lng imports);
    #    the passive "N of <what> were <verb>ed by X"; or "<noun> of N" ("sales of $383bn")
    left = ctx.lex.amount_filler_re.sub("", _strip_qualifier(text[: q.start], ctx))  # "an average of"
    left_words = re.findall(r"[A-Za-z]+", left)
    while left_words and left_words[-1].lower() in ("between", "from", "by", "to", "at"):
        left_words.pop()  # "will cost between £4bn and £5bn"
    process = m.verb_process.get(left_words[-1].lower()) if left_words else None
    of_what = re.match(r"\s*(?:of|on)\s+(.+)", right[: _RIGHT_CUT_PASSIVE.search(right + ".").start()])
    if of_what and of_what.group(1).split()[0].lower().rstrip(",") in ctx.lex.weekdays | ctx.lex.months.keys():
        of_what = None  # "fell 12% on Thursday": when, not what
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
            m.extent[phrase_key(extent.group(1))] if extent and dim == "length" else m.dimension_metric.get(dim, dim)
        )
    subject = subject or _agent(text, q.start, mentions, ctx) or _subject_fallback(text, right_clause, mentions, ctx)
    return subject, metric, _object_in(right_clause, ctx)


_MEASURE_OF_BEFORE = re.compile(r"\b([a-z]+)\s+of\s+" + ROUGHLY + "$")


def _subject_fallback(
    text: str, right_clause: str, mentions: list[Mention], ctx: ClaimContext, metric_np: str = ""
) -> str | None:
    """When no entity governs the clause: the sentence's leading name, a place after "in",
    a demonym ("Norwegian law"), or the document's main place."""
    lead = ctx.entities.leading_name(text)
    if lead and lead.lower() in ctx.metrics.process | set(ctx.metrics.phrases):
        lead = None  # "Output grew 0.7%": a metric word opening the sentence, not a name
    if lead and lead not in ctx.entities.kind and lead.split()[0].lower() in ctx.metrics.process:
        lead = None  # "Funding for TB reached ...": a measure of an acronym, not a name
    if lead in ctx.speakers or any(sp.startswith(f"{lead} ") for sp in ctx.speakers):
        lead = None  # "The WHO estimates that ...", "Police data show ...": the source, not the subject
    if lead and lead.lower() in ctx.metrics.generic_subjects:
        lead = None  # "The Company posted ...": a press release's capital, not a name
    if lead and " " not in lead and lead not in ctx.entities.kind and metric_np.split()[:1] == [lead]:
        lead = None  # "Consumer prices rose 3%": the capital is the sentence's, the word the metric's
    if lead and " " not in lead and lead not in ctx.entities.kind:
        # "Wildfires in Canada burned ...": a lone common word opening the sentence is not a name
        for pm in re.finditer(r"\b(?:in|across|throughout)\s+(?:the\s+)?", text):
            ents = ctx.entities.mentions(text[pm.end() :])
            if ents and ents[0].start == 0 and ents[0].known:
                return ents[0].name
        if ctx.common_word(lead):
            lead = None  # "Sea levels rose ...", "Anaemia affects ...": a common noun, not a name
    if lead:
        return lead
    m = re.search(r"\b(?:in|across|throughout)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})", right_clause)
    if m and m.group(1).split()[0].lower() not in ctx.lex.months.keys() | ctx.lex.weekdays:  # "in March"
        return ctx.entities.resolve(m.group(1))
    adjectives = [e for e in mentions if e.form == "adjective"]
    if adjectives:
        return adjectives[0].name
    if not ctx.entities.world.isdisjoint(_WORD_RUN.findall(right_clause.lower())):
        return None  # "... affects 1.8 billion people worldwide": the world's, not the document place's
    return ctx.topic


_WORD_RUN = re.compile(r"[a-z']+")


def _object_in(clause: str, ctx: ClaimContext) -> str | None:
    """'... of goods from China in 2023' -> China: the first entity after from/with/to."""
    for m in re.finditer(r"\b(?:from|with|to)\s+(?:the\s+)?", clause):
        ents = ctx.entities.mentions(clause[m.end() :])
        if ents and ents[0].start == 0 and ents[0].known:
            return ents[0].name
    return None


def _split_object(np: str, ctx: ClaimContext) -> tuple[str, str | None]:
    """'copper imports from Chile' -> ('copper imports', 'Chile')."""
    m = re.search(r"\s+(?:from|with|to)\s+(.+)$", np)
    if not m:
        return np.strip(), None
    ents = ctx.entities.mentions(m.group(1))
    if ents and ents[0].start <= 4:
        return np[: m.start()].strip(), ents[0].name
    return np[: m.start()].strip(), None


def _object_after(text: str, ctx: ClaimContext) -> str | None:
    m = re.match(r"\s*(?:with|from|to|between)\s+(?:the\s+)?", text)
    if not m:
        return None
    ents = ctx.entities.mentions(text[m.end() :])
    return ents[0].name if ents and ents[0].start <= 4 else None


def _share_verb(left: str, ctx: ClaimContext) -> tuple[str | None, str | None]:
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


_QUALIFIER_REACH = 200  # a qualifier ends where the figure begins: the search starts this far back


def _strip_qualifier(left: str, ctx: ClaimContext) -> str:
    """`left` (the text before a figure) without the qualifier it ends with ("more than").

    Searched from near the end only: searching all of `left` before each figure made a
    sentence of thousands of figures quadratic. (A start position, not a slice, so that ^
    and the look-behind see the text as it is.)"""
    m = ctx.lex.qualifier_re.search(left, max(0, len(left) - _QUALIFIER_REACH))
    return left[: m.start(1)] if m else left


def _market_context(text: str, ctx: ClaimContext) -> str | None:
    """A commodity named as "the <X> market/sector/industry" in the sentence."""
    m = re.search(
        r"\b(?:the|global|world's|world)\s+((?:[\w-]+\s+)?[\w-]+?)\s+(?:market|sector|industry|supply chain)\b", text
    )
    if not m:
        return None
    words = [w for w in ctx.metrics.words(m.group(1)) if w not in {"global", "supply"}]
    return " ".join(words) or None


def _possessor(np: str, ctx: ClaimContext) -> str | None:
    """'China's global share ...' -> China; 'its REEs' -> None (resolved elsewhere)."""
    e = _leading_possessive(np, ctx)
    return e.name if e else None


def _leading_possessive(np: str, ctx: ClaimContext) -> Mention | None:
    """The possessive name a noun phrase opens with: "China's", "the EU's", or after a
    description of it ("State miner Codelco's output", "US carmaker Tesla's sales")."""
    for e in ctx.entities.mentions(np):
        if e.form == "possessive":
            lead = np[: e.start].strip()
            if lead.lower() in ("", "the") or (
                _DESCRIPTION.fullmatch(lead) and not PREPS.intersection(lead.lower().split())
            ):
                return e
    return None


# words that describe a name before it: "State miner", "US carmaker", "oil major"
_DESCRIPTION = re.compile(r"(?:[A-Z][\w-]*\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?")


def _strip_possessor(np: str, ctx: ClaimContext) -> str:
    e = _leading_possessive(np, ctx)
    if e is not None:
        return re.sub(r"^(?:'s|’s|'|’)\s*", "", np[e.end :])
    generic = _GENERIC_POSSESSOR.match(np)
    if generic and generic.group(1).lower() in ctx.metrics.generic_subjects:
        return np[generic.end() :]  # "the bank's profit": the profit
    return np


_GENERIC_POSSESSOR = re.compile(r"\s*(?:the|its|their)\s+([a-z]+)(?:'s|’s)\s+", re.I)


def _split_of_entity(np: str, ctx: ClaimContext) -> tuple[str, str | None]:
    """'the population of France' -> ('the population', 'France'); 'the prevalence of stunting
    in Kenya' -> ('the prevalence of stunting', 'Kenya'): the first phrase that a name ends."""
    for m in _OF_ENTITY.finditer(np):
        ents = ctx.entities.mentions(m.group(1))
        if ents and ents[0].start == 0 and ents[0].end >= len(m.group(1)) - 2:
            return np[: m.start()], ents[0].name
        if _PROPER_NAME.fullmatch(m.group(1)) and _LOWER_WORD.search(np[: m.start()]):
            # "passenger numbers at Gatwick": a name the lexicon does not know still owns the figure
            return np[: m.start()], ctx.entities.resolve(m.group(1))
    return np, None


_OF_ENTITY = re.compile(r"\s+(?:of|in|at)\s+(?:the\s+)?(?=(.+?)[\s.,]*$)")  # each phrase, with all after it


def _adjective_owner(np: str, ctx: ClaimContext) -> str | None:
    for e in ctx.entities.mentions(np):
        if e.form in ("adjective", "name") and e.start <= 4:
            return e.name
    return None


def _strip_adjective_owner(np: str, ctx: ClaimContext) -> str:
    for e in ctx.entities.mentions(np):
        if e.form in ("adjective", "name") and e.start <= 4:
            return np[e.end :]
    return np


def _np_before_verb(text: str, qstart: int, lex: Lexicon) -> str | None:
    """The noun phrase before the verb that leads to the figure ("X's output rose to N")."""
    left = text[:qstart]
    after = _NOUN_AFTER_FIGURE.match(text, qstart)
    noun = after.group(1) if after else None
    before_of = _CHANGE_OF.search(left, max(0, qstart - 40))
    if before_of is not None and (before_of.group(1) in lex.rise_nouns or before_of.group(1) in lex.fall_nouns):
        noun, left = before_of.group(1), left[: before_of.start()]  # "posted a rise of 4.9%": the verb is before
    changed = noun is not None and (noun in lex.rise_nouns or noun in lex.fall_nouns)
    tokens = list(re.finditer(r"[A-Za-z][\w'’.-]*|\d[\d,.]*%?|[,;:—–()]", left))
    i = len(tokens) - 1
    # walk back over qualifiers, prepositions, other figures and periods to the verb
    steps = 0
    while i >= 0 and steps < 14:
        w = tokens[i].group().lower()
        if (
            w in _LINKING
            or _is_change_verb(w, lex)
            or w in lex.level_verbs
            or (w in lex.steady_verbs and tokens[i + 1 : i + 2] and tokens[i + 1].group().lower() == "at")
            or (changed and w in lex.result_verbs)
        ):  # ("The unemployment rate held at 3.9%": what held)
            break
        if w in {",", ";", ":", "—", "–", "(", ")"} or w in _SUBORDINATORS:
            return None  # ("Shares rose after the retailer posted revenue of £3.61B": another clause's verb)
        i -= 1
        steps += 1
    else:
        return None
    if i < 0:
        return None
    verb_start = tokens[i].start()
    j = i - 1
    while j >= 0 and tokens[j].group().lower() in AUX | lex.raising_words | {
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
    aside = _ASIDE_BEFORE.search(left, 0, tokens[j].start()) if tokens[j].group() == "," else None
    if aside:  # "Core inflation, which excludes food and energy, slowed": the noun before the aside
        np_end = aside.start()
    elif tokens[j].group() == ")" and (short := _SHORT_BRACKETS.search(left, 0, np_end)):
        np_end = short.start()  # "Operating profit (EBIT) rose": the noun before its short name
    if when := _time_tail_rx(lex).search(left, max(0, np_end - 80), np_end):
        np_end = when.start()  # "Revenue for the year ended March 31, 2024 rose": when, not what
    clause_start = 0
    for m in _CLAUSE_CUT.finditer(left, 0, np_end):
        clause_start = m.end()
    joined = None  # "Exports rose by 5% and imports fell by 3%": a clause with its figure, then "and"
    for m in _FIGURE_AND.finditer(left, clause_start, np_end):
        joined = m
    if joined is not None and any(
        t.group().lower() in _LINKING or _is_change_verb(t.group().lower(), lex)
        for t in tokens
        if clause_start <= t.start() < joined.start()
    ):
        clause_start = joined.end()
    np = left[clause_start:np_end].strip()
    np = re.sub(r"^(?:and|but|while|so|yet|then|also)\s+", "", np, flags=re.I)
    np = _after_time(_after_speaker(np, lex), lex)
    if np.lower() in ("which", "who", "that"):
        return None  # "The firm, which was founded in 1990, posted revenue of ...": another clause's
    if not np or len(np.split()) > 12 or verb_start < clause_start:
        return None
    return np


_WORTH_APPOSITIVE = re.compile(
    r"(?:^|[,;:]\s*)((?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?)\s+|[\w.-]+['’]s\s+)[^,;:]{1,80}?),\s*(?:worth|valued\s+at)\s+"
    + ROUGHLY
    + "$"
)
_SHORT_BRACKETS = re.compile(r"\s*\([^()]{1,30}\)$")
_AGENT_WITH = re.compile(r"\b([a-z]+)\s+of\s+((?:[a-z-]+\s+){0,2}[a-z-]+),\s*(?:with|at)\s+" + ROUGHLY + "$")
_AT_APPOSITIVE = re.compile(r"\b(?:the|its|their)\s+((?:[a-z-]+\s+){0,3}[a-z-]+),\s*at\s+" + ROUGHLY + "$")
_ASIDE_BEFORE = re.compile(r",\s*(?:which|who|whose|that|excluding|including|the|a|an)\b[^,;:()—–]*$", re.I)


_TIME_MODIFIERS = (
    r"(?:the|first|second|third|fourth|last|latest|past|previous|prior|same|current|coming|next|fiscal|"
    r"financial|calendar|full|whole)"
)


def _time_tail_rx(lex: Lexicon) -> re.Pattern[str]:
    """A period phrase ending a noun phrase ('on Monday', 'in the fiscal year ended March 31,
    2024', ', in 2024,'), from its preposition."""
    rx = lex.compiled.get("time after np")
    if rx is None:
        names = "|".join(sorted(lex.weekdays | set(lex.months), key=len, reverse=True))
        # ("the yield on the 10-year", "people over 65 years": no periods)
        when = (
            r"(?:" + names + r"|year|quarter|half|period|\d{4}|Q[1-4]|H[12]|(?:\d{1,2}|three|six|nine|twelve)\s+months)"
        )
        rx = lex.compiled["time after np"] = re.compile(
            r"(?:,\s*|\s+)(?:in|on|for|during|through|throughout|as\s+of)\s+(?:"
            + _TIME_MODIFIERS
            + r"\s+){0,3}"
            + when
            + r"\b(?:\s+(?:ended|ending|to|through)\s+(?:\d{1,2}\s+)?(?:"
            + names
            + r"))?(?:,?\s+\d{1,4}(?:st|nd|rd|th)?)*\s*,?\s*$",
            re.I,
        )
    return rx  # type: ignore[no-any-return]


def _after_time(np: str, lex: Lexicon) -> str:
    """'on Monday exports', "Last year's exports" -> 'exports': when, not what."""
    rx = lex.compiled.get("time before np")
    if rx is None:
        names = "|".join(sorted(lex.weekdays | set(lex.months) | {"week", "month", "year", "quarter"}, key=len))
        rx = lex.compiled["time before np"] = re.compile(
            r"(?i:(?:on|last|this|earlier\s+this|late|early|in)\s+)?(?i:"
            + names
            + r")(?:['’]s|\s+\d{1,2})?,?\s+(?=[a-z])"
        )
    m = rx.match(np)
    return np[m.end() :] if m else np


def _after_speaker(np: str, lex: Lexicon) -> str:
    """'Economists expect Germany's economy' -> "Germany's economy": who speaks is not the metric."""
    words = list(_WORD.finditer(np))
    cut = 0
    for prev, w in itertools.pairwise(words):
        p = prev.group()
        if w is words[-1]:
            break  # "the 10-year Treasury note": a noun at the end, nobody speaking
        if (
            w.group().lower() in lex.speech_verbs
            or w.group().lower() in lex.forecast_verbs
            or (w.group().lower() in ("show", "shows", "showed") and p.lower() in _DATA_NOUNS)  # "Police data show"
            or (
                w.group().lower() in lex.reporting_verbs
                and (
                    p.lower() in lex.speaker_nouns
                    or p.lower() in _PRONOUNS
                    or (p[:1].isupper() and not p.endswith(("'s", "’s", "'", "’")))
                )
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
        if w in _LINKING or w in PREPS - {"of", "in", "on", "for"}:
            return None
    return None


def _is_change_verb(w: str, lex: Lexicon) -> bool:
    """A verb of rise or fall that can lead to a figure ('dropped to 59 percent')."""
    return (w in lex.rise or w in lex.fall) and w not in {"up", "down", "higher", "lower", "cut"}


def _agent(text: str, qstart: int, mentions: list[Mention], ctx: ClaimContext) -> str | None:
    """The entity the clause holding the figure is about."""
    left = text[:qstart]
    # relative clause: "China, which accounted for ..." -> the antecedent
    rel = None
    for rm in _RELATIVE.finditer(left):
        rel = rm
    if rel is not None and not re.search(r"[,;—–]", left[rel.end() :]):
        before = [e for e in mentions if e.end <= rel.start() and rel.start() - e.end <= 2]
        if before:
            return before[-1].name
    # participle after a comma or dash: "The U.S., importing ...", "Russia, sharing ..."
    part = None
    for pm in _PARTICIPLE.finditer(left):
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
    # after the figure, an owner owns something else: "fell to 2.0%, meeting the Bank of England's target"
    # a name in a clause a conjunction opens after the figure ("the most since WHO began ...")
    # is that clause's (but "Sharing a 3,485 km border with Russia, Mongolia ..." is the subject)
    later = _LATER_CLAUSE.search(text, qstart)
    cut = later.start() if later else len(text)
    return _sentence_subject(
        text, [e for e in mentions if e.end <= qstart or (e.form != "possessive" and e.start < cut)]
    )


def _after_preposition(text: str, pos: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, pos - 20) : pos])
    if before and before[-1].lower() == "the":
        before = before[:-1]
    return bool(before) and before[-1].lower() in PREPS


def _sentence_subject(text: str, mentions: list[Mention]) -> str | None:
    """The first entity that is not inside an introductory or prepositional phrase."""
    skipped_end = -1
    for e in mentions:
        if _after_preposition(text, e.start) or (skipped_end >= 0 and _LIST_ON.fullmatch(text, skipped_end, e.start)):
            skipped_end = e.end  # "with India (26%), Indonesia and China": the whole list is the preposition's
            continue
        if e.form == "adjective":
            continue
        return e.name
    return None


# between two names of one list: ", ", " and ", "'s (26%), the "
_LIST_ON = re.compile(r"(?:['’]s)?(?:\s*\([^()]{0,30}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
_LATER_CLAUSE = re.compile(
    r"\b(?:since|after|before|until|when|because|although|though|unless|whereas|while|if|once)\b"
)
_SPENT_ON_GDP = re.compile(
    r"\S+\s+of\s+(?:its\s+|their\s+)?(?:gdp|GDP)\s+on\s+([a-z][a-z ]*?)(?=\s+(?:in|during|last|this)\b|[,;.]|$)"
)


def _only_generic(np: str, m: MetricNames) -> bool:
    """ "The company", "the country's": a noun standing for the subject, not a measure. A noun
    the metric phrases name a measure by ("the economy" grows: its GDP) is a measure."""
    words = [w.lower().rstrip("'’s") if w.lower().endswith(("'s", "’s")) else w.lower() for w in _WORD.findall(np)]
    words = [w for w in words if w not in ("the", "a", "an", "this", "that", "its", "their")]
    return bool(words) and all(w in m.generic_subjects and w not in m.phrases for w in words)


def _measured_against_gdp(text: str, qstart: int, ctx: ClaimContext) -> str | None:
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
    if len(words) == 1:  # "Debt stood at 99.8% of GDP": a bare 'debt' is public debt, as in 'debt-to-GDP'
        return ctx.metrics.gdp_ratio_nouns.get(words[0], words[0])
    return " ".join(words) or None


def _gdp_owner(text: str, qstart: int, mentions: list[Mention], ctx: ClaimContext) -> str | None:
    """Whose economy: "its GDP" -> the nearest entity before; otherwise the document's place."""
    right = text[qstart:]
    if re.match(r"[^,;]*?\b(?:to|of)\s+(?:its|their|the country's|the nation's)\s+gdp", right, re.I):
        before = [e for e in mentions if e.end <= qstart and ctx.entities.is_place(e.name)]
        if before:
            return before[-1].name
    return ctx.topic


def _resolve_anaphor(text: str, noun: str, ctx: ClaimContext) -> tuple[str, str | None, str | None] | None:
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
