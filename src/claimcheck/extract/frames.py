"""Subject, metric and object of a figure, read from the clause around it: "N% of X" is a share
of X; otherwise the noun phrase that governs the verb before the figure ("X's output rose to
N") or the noun a compound figure modifies ("a 3,485-kilometre border"); the subject is the
possessor of the metric, the entity the clause is about, the antecedent of "which", or the
document's place; the object comes after the metric ("imports from X", "border with X").

`frame_of` is the entry point; the rules it tries, in order, are in `frame_rules`. This module
holds the `Frame` they return and the clause readers they share (the noun phrase before the
verb, possessors and objects); who a clause is about is read in `agents.py`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from claimcheck.extract.context import PROPER, ClaimContext
from claimcheck.lexicon import Lexicon
from claimcheck.model import Quantity
from claimcheck.normalize.entities import Mention

_LINKING = frozenset(
    (
        "is was are were be been being stood stands stand reached reaches reach hit hits totaled "
        "totalled totals total amounted amounts came comes remained remains remain averaged averages "
        "equals equaled equalled topped tops exceeded exceeds exceed surpass has had have runs run ran spans spanned "
        "stretches stretched covers covered measures measured extends extended employs employed numbers "
        "numbered stayed stays stay hovered hovers passed passes crossed crosses surpassed surpasses"
    ).split()
)
_FIGURE_OR_YEAR = re.compile(r"\d[\d,.]*%?,?")
_NOUN_AFTER_FIGURE = re.compile(r"\S+(?:\s+(?:percent|per\s+cent|percentage\s+points?|points?))?\s+([a-z]+)")
_DATA_NOUNS = frozenset(["data", "figures", "statistics", "estimates", "records"])
_SUBORDINATORS = frozenset(["after", "before", "when", "while", "because", "since", "until", "although", "whereas"])
_CHANGE_OF = re.compile(r"\b(?:a|an|the)\s+([a-z]+)\s+of\s+(?:[a-z]+\s+){0,2}$")  # "a rise of (about) 5%"
AUX = frozenset(  # auxiliaries: no verb of their own before a figure
    ["has", "have", "had", "been", "is", "was", "were", "are", "be", "will", "would", "could", "should", "may", "might"]
)
PREPS = frozenset(  # prepositions: what stands before a noun phrase, not a verb
    "with to from on of in between than like as into for by at about over under after since through among".split()
)
CLAUSE_CUT = re.compile(r"[;:—–(]|,\s|\s(?:which|who|that|where|while|whereas|although)\s")
_FIGURE_AND = re.compile(r"\d[\d,.]*(?:\s*%|(?:\s+[a-z]+){1,2})?\s+(?:and|but|while|whereas)\s+")
RIGHT_CUT = re.compile(r"[,;:—–()]|\s(?:and|but|while|which|who|as|according)\s")
_PROPER_NAME = re.compile(PROPER)
_LOWER_WORD = re.compile(r"\b[a-z]")
_DIGIT = re.compile(r"\d")
_DIGIT_OR_PUNCT = re.compile(r"\d|[,;:()]")
WORD = re.compile(r"[A-Za-z][\w'’.-]*")
PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it"])


class Frame(NamedTuple):
    """Whose figure it is, what it measures, and the other party it names (if any):
    "Norway's salmon exports to Japan rose 8%" -> Frame("Norway", "salmon exports", "Japan").
    A tuple, so callers may unpack it or index it."""

    subject: str | None
    metric: str
    object: str | None


def frame_of(text: str, q: Quantity, mentions: Sequence[Mention], ctx: ClaimContext) -> Frame | None:
    """The frame of the figure `q` in the sentence `text`, by the first frame rule that fits;
    None when no rule names what the figure measures."""
    from claimcheck.extract.frame_rules import read_frame  # the rules are built on this module's readers

    return read_frame(text, q, mentions, ctx)


def object_in(clause: str, ctx: ClaimContext) -> str | None:
    """'... of goods from China in 2023' -> China: the first entity after from/with/to."""
    for m in re.finditer(r"\b(?:from|with|to)\s+(?:the\s+)?", clause):
        ents = ctx.entities.mentions(clause[m.end() :])
        if ents and ents[0].start == 0 and ents[0].known:
            return ents[0].name
    return None


def split_object(np: str, ctx: ClaimContext) -> tuple[str, str | None]:
    """'copper imports from Chile' -> ('copper imports', 'Chile')."""
    m = re.search(r"\s+(?:from|with|to)\s+(.+)$", np)
    if not m:
        return np.strip(), None
    ents = ctx.entities.mentions(m.group(1))
    if ents and ents[0].start <= 4:
        return np[: m.start()].strip(), ents[0].name
    return np[: m.start()].strip(), None


def object_after(text: str, ctx: ClaimContext) -> str | None:
    m = re.match(r"\s*(?:with|from|to|between)\s+(?:the\s+)?", text)
    if not m:
        return None
    ents = ctx.entities.mentions(text[m.end() :])
    return ents[0].name if ents and ents[0].start <= 4 else None


_QUALIFIER_REACH = 200  # a qualifier ends where the figure begins: the search starts this far back


def strip_qualifier(left: str, ctx: ClaimContext) -> str:
    """`left` (the text before a figure) without the qualifier it ends with ("more than").

    Searched from near the end only: searching all of `left` before each figure made a
    sentence of thousands of figures quadratic. (A start position, not a slice, so that ^
    and the look-behind see the text as it is.)"""
    m = ctx.lex.qualifier_re.search(left, max(0, len(left) - _QUALIFIER_REACH))
    return left[: m.start(1)] if m else left


def possessor(np: str, ctx: ClaimContext) -> str | None:
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


def strip_possessor(np: str, ctx: ClaimContext) -> str:
    e = _leading_possessive(np, ctx)
    if e is not None:
        return re.sub(r"^(?:'s|’s|'|’)\s*", "", np[e.end :])
    generic = _GENERIC_POSSESSOR.match(np)
    if generic and generic.group(1).lower() in ctx.metrics.generic_subjects:
        return np[generic.end() :]  # "the bank's profit": the profit
    return np


_GENERIC_POSSESSOR = re.compile(r"\s*(?:the|its|their)\s+([a-z]+)(?:'s|’s)\s+", re.I)


def split_of_entity(np: str, ctx: ClaimContext) -> tuple[str, str | None]:
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


def adjective_owner(np: str, ctx: ClaimContext) -> str | None:
    for e in ctx.entities.mentions(np):
        if e.form in ("adjective", "name") and e.start <= 4:
            return e.name
    return None


def strip_adjective_owner(np: str, ctx: ClaimContext) -> str:
    for e in ctx.entities.mentions(np):
        if e.form in ("adjective", "name") and e.start <= 4:
            return np[e.end :]
    return np


def np_before_verb(text: str, qstart: int, lex: Lexicon) -> str | None:
    """The noun phrase before the verb that leads to the figure ("X's output rose to N")."""
    left = text[:qstart]
    after = _NOUN_AFTER_FIGURE.match(text, qstart)
    noun = after.group(1) if after else None
    before_of = _CHANGE_OF.search(left, max(0, qstart - 40))
    if before_of is not None and (before_of.group(1) in lex.rise_nouns or before_of.group(1) in lex.fall_nouns):
        noun, left = before_of.group(1), left[: before_of.start()]  # "posted a rise of 4.9%": the verb is before
    changed = noun is not None and (noun in lex.rise_nouns or noun in lex.fall_nouns)
    tokens = list(re.finditer(r"[A-Za-z][\w'’.-]*|\d[\d,.]*%?|[,;:—–()]", left))
    i = _verb_at(tokens, changed, lex)
    if i is None:
        return None
    verb_start = tokens[i].start()
    j = i - 1
    while j >= 0 and tokens[j].group().lower() in AUX | lex.raising_words | _BEFORE_VERB:
        j -= 1
    if j < 0:
        return None
    if (
        tokens[j].group().lower() in ("but", "and", "yet")
        and j > 0
        and _FIGURE_OR_YEAR.fullmatch(tokens[j - 1].group())
    ):
        # "Poverty fell from 52% to 20% in 2019 but rose to 30%": the subject of the verb before
        return np_before_verb(text, tokens[j].start(), lex)
    np_end = _np_end(left, tokens, i, j, lex)
    if np_end is None:
        return None
    clause_start = _clause_start(left, tokens, np_end, lex)
    np = left[clause_start:np_end].strip()
    np = re.sub(r"^(?:and|but|while|so|yet|then|also|as|when|because|though|although|whereas)\s+", "", np, flags=re.I)
    np = _after_time(_after_speaker(_after_result_verb(np, lex), lex), lex)
    if np.lower().split()[:1] in (["which"], ["who"], ["that"], ["there"]):
        # "The firm, which was founded in 1990, posted revenue of ...": another clause's;
        # "generics, which can be 80% cheaper", "there was an increase ... to 61%": no measure here
        return None
    if not np or len(np.split()) > 12 or verb_start < clause_start:
        return None
    return np


# adverbs between a subject and its verb ("Exports also rose")
_BEFORE_VERB = frozenset(["historically", "also", "still", "now", "already", "heavily", "reportedly"])


def _verb_at(tokens: list[re.Match[str]], changed: bool, lex: Lexicon) -> int | None:
    """The index of the verb that leads to the figure, walking back over qualifiers,
    prepositions, other figures and periods; None when another clause or nothing comes first."""
    i = len(tokens) - 1
    steps = 0
    while i >= 0 and steps < 14:
        w = tokens[i].group().lower()
        if (
            w in _LINKING
            or _is_change_verb(w, lex)
            or w in lex.level_verbs
            or (w in lex.steady_verbs and tokens[i + 1 : i + 2] and tokens[i + 1].group().lower() == "at")
            or (changed and w in lex.result_verbs)
            or (w == "average" and i > 0 and tokens[i - 1].group().lower() == "to")  # "expects X to average 6.5%"
        ):  # ("The unemployment rate held at 3.9%": what held)
            return i
        if w == "," and [t.group().lower() for t in tokens[i + 1 :]] == ["to"]:
            i -= 1  # "have fallen for the fifth month in a row, to 7.2 million": the level after an aside
            steps += 1
            continue
        if w in {",", ";", ":", "—", "–", "(", ")"} or w in _SUBORDINATORS:
            return None  # ("Shares rose after the retailer posted revenue of £3.61B": another clause's verb)
        i -= 1
        steps += 1
    return None


def _np_end(left: str, tokens: list[re.Match[str]], i: int, j: int, lex: Lexicon) -> int | None:
    """Where the noun phrase before the verb `tokens[i]` ends, its last word being `tokens[j]`:
    before an aside, a short name in brackets or a period phrase; None when the words before
    are a clause with a figure of its own."""
    np_end = tokens[j].end()
    aside = _ASIDE_BEFORE.search(left, 0, tokens[j].start()) if tokens[j].group() == "," else None
    if (
        tokens[j].group().endswith(",")
        and not aside
        and (tokens[i].group().lower().endswith("ing") or any(t.group()[:1].isdigit() for t in tokens[:j]))
    ):
        # "grew 2.1% last year, slowing from 3.4%", "designated 1.3 million acres, added 1,645
        # miles of trails": the clause before, with its own figure, is no name of this one's
        return None
    if aside:  # "Core inflation, which excludes food and energy, slowed": the noun before the aside
        np_end = aside.start()
    elif tokens[j].group() == ")" and (short := _SHORT_BRACKETS.search(left, 0, np_end)):
        np_end = short.start()  # "Operating profit (EBIT) rose": the noun before its short name
    if when := _time_tail_rx(lex).search(left, max(0, np_end - 80), np_end):
        np_end = when.start()  # "Revenue for the year ended March 31, 2024 rose": when, not what
    return np_end


def _clause_start(left: str, tokens: list[re.Match[str]], np_end: int, lex: Lexicon) -> int:
    """Where the clause of the noun phrase ending at `np_end` begins: after the last cut, or
    after a clause with its own figure and verb joined by "and"."""
    clause_start = 0
    for m in CLAUSE_CUT.finditer(left, 0, np_end):
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
    return clause_start


def _after_result_verb(np: str, lex: Lexicon) -> str:
    """'Valdrex will see a price' (drop from $50 to $20) -> 'a price': what a verb of result
    has changed is the noun after it; who saw it is the clause's subject, not the measure."""
    words = np.split()
    for k in range(len(words) - 2, -1, -1):
        if words[k].lower() in lex.result_verbs:
            return " ".join(words[k + 1 :])
    return np


_SHORT_BRACKETS = re.compile(r"\s*\([^()]{1,30}\)$")
_ASIDE_BEFORE = re.compile(
    r",\s*(?:which|who|whose|that|excluding|including|the|a|an|another|one\s+of|if|once|when|unless)\b[^,;:()—–]*$",
    re.I,
)


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
    words = list(WORD.finditer(np))
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
                    or p.lower() in PRONOUNS
                    or (p[:1].isupper() and not p.endswith(("'s", "’s", "'", "’")))
                )
            )
        ):
            cut = w.end()
    return np[cut:].strip() if cut else np


def changed_object(left: str, lex: Lexicon) -> tuple[int, str] | None:
    """'OPEC cut output by an additional' -> (where 'cut' starts, 'output'): the object of a
    change verb, when the figure follows 'by' or 'to' after it, or of a verb that keeps a
    level ('held its rate at')."""
    tokens = list(WORD.finditer(left))
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
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 11), -1):  # ("increase the net price of new drugs by")
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
