"""Who the clause holding a figure is about: the entity that governs it (`agent`), the name
whose possessive opens the figure's own noun phrase (`figure_owner`), the sentence's subject,
and the fallback when no entity governs the clause (`subject_fallback`). The frame rules
(`frame_rules.py`) read a figure's subject with these; `frames.py` holds the rest of the
clause readers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.frames import CLAUSE_CUT, PREPS
from claimcheck.lexicon import Lexicon, recall
from claimcheck.normalize.entities import Mention

_RELATIVE = re.compile(r",\s*(?:which|who|that)\b")
_PARTICIPLE = re.compile(r"(?:,|—|–)\s*(?:\w+ly\s+)?([a-z]+ing)\b")


def subject_fallback(
    text: str, right_clause: str, mentions: Sequence[Mention], ctx: ClaimContext, metric_np: str = ""
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
    if (
        lead
        and " " not in lead
        and lead not in ctx.entities.kind
        and _ALONE.match(text, len(text) - len(text.lstrip()))
    ):
        # "Wildfires in Canada burned ...": a lone common word opening the sentence is not a name
        # (but "Kruger National Park is a park in South Africa": a name, if one the lexicon shortens)
        for pm in re.finditer(r"\b(?:in|across|throughout)\s+(?:the\s+)?", text):
            ents = ctx.entities.mentions(text[pm.end() :])
            if ents and ents[0].start == 0 and ents[0].known:
                return ents[0].name
        if ctx.common_word(lead):
            lead = None  # "Sea levels rose ...", "Anaemia affects ...": a common noun, not a name
    if lead:
        return lead
    standard = _STANDARD.search(right_clause)  # ("faster than in Germany": the standard's place)
    right_clause = right_clause[: standard.start()] if standard else right_clause
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
_ALONE = re.compile(r"(?:The\s+)?[A-Z][\w'’-]*\s+[a-z(]")  # one capitalised word, then lower case


def agent(text: str, qstart: int, mentions: Sequence[Mention], ctx: ClaimContext) -> str | None:
    """The entity the clause holding the figure is about."""
    owner = figure_owner(text, qstart, ctx)
    if owner:
        return owner
    mentions = [e for e in mentions if not _owns_nothing(e, ctx)]
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
        if before and part.start() - before[-1].end <= 40 and not after_preposition(text, before[-1].start):
            # (not "a national park in South Africa covering an area of ...": the park covers it)
            seg = left[before[-1].end : part.start()]
            if not re.search(r"\b(?:with|to|from|on|than|in|of|between|like)\b", seg) or re.fullmatch(
                r"(?:'s|’s)?\s*\w*\s*", seg
            ):
                return before[-1].name
    # "where" clauses ("an economy where mining accounts for ...") name no agent
    clause_start = 0
    for m in CLAUSE_CUT.finditer(left):
        clause_start = m.end()
    if re.search(r"\bwhere\s*$", left[:clause_start]):
        return None
    in_clause = [e for e in mentions if e.start >= clause_start and e.end <= qstart]
    for e in in_clause:
        if not after_preposition(text, e.start):
            return e.name
    # after the figure, an owner owns something else: "fell to 2.0%, meeting the Bank of England's target"
    # a name in a clause a conjunction opens after the figure ("the most since WHO began ...")
    # is that clause's (but "Sharing a 3,485 km border with Russia, Mongolia ..." is the subject)
    # and a name after a comparison's "times" or "than" is its standard: "prices Bordurians pay
    # are three times what Valdrex pays" are not Valdrex's
    later = _LATER_CLAUSE.search(text, qstart)
    standard = _STANDARD.search(text, qstart)
    cut = min((m.start() for m in (later, standard) if m is not None), default=len(text))
    return _sentence_subject(
        text, [e for e in mentions if e.end <= qstart or (e.form != "possessive" and e.start < cut)]
    )


def figure_owner(text: str, qstart: int, ctx: ClaimContext) -> str | None:
    """The name whose possessive opens the figure's own noun phrase, at most two lower-case
    words before it: "as Valdrex’s new $2,000 cap ..." -> Valdrex, whatever else the
    sentence names. A title, month or weekday ("the President’s $35 cap", "January’s 4%")
    or a common word owns no figure."""
    window = text[max(0, qstart - _OWNER_REACH) : qstart]
    tail = _OWNED_FIGURE.search(window)
    if tail is None:
        return None
    ends = [e for e in ctx.entities.mentions(window) if e.form == "possessive" and e.end <= tail.start()]
    if not ends or ends[-1].end != tail.start():
        return None
    return None if _owns_nothing(ends[-1], ctx) else ends[-1].name


def _owns_nothing(e: Mention, ctx: ClaimContext) -> bool:
    """Whether a capitalised word the lexicon does not know is no owner of a figure: a
    title, a month or weekday, a generic word ("the Administration") or a common word."""
    if e.known:
        return False
    lex, first = ctx.lex, e.name.split()[0]
    return (
        first in title_first_words(lex)
        or first.lower() in lex.months.keys() | lex.weekdays
        or e.name.lower() in ctx.metrics.generic_subjects
        or ctx.common_word(e.name)
    )


def title_first_words(lex: Lexicon) -> frozenset[str]:
    """The first words of the titles the lexicon knows ("President", "Minister")."""
    return recall(lex, "title first words", 0, lambda: frozenset(t["title"].split()[0] for t in lex.facts["titles"]))


_OWNER_REACH = 80
_OWNED_FIGURE = re.compile(r"(?:'s|’s|'|’)\s+(?:[a-z][a-z-]+\s+){0,2}$")


def after_preposition(text: str, pos: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, pos - 20) : pos])
    if before and before[-1].lower() == "the":
        before = before[:-1]
    return bool(before) and before[-1].lower() in PREPS


def _sentence_subject(text: str, mentions: Sequence[Mention]) -> str | None:
    """The first entity that is not inside an introductory or prepositional phrase."""
    skipped_end = -1
    for e in mentions:
        if after_preposition(text, e.start) or (skipped_end >= 0 and _LIST_ON.fullmatch(text, skipped_end, e.start)):
            skipped_end = e.end  # "with India (26%), Indonesia and China": the whole list is the preposition's
            continue
        if e.form == "adjective":
            continue
        return e.name
    return None


# between two names of one list: ", ", " and ", "'s (26%), the "
_LIST_ON = re.compile(r"(?:['’]s)?(?:\s*\([^()]{0,30}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
_STANDARD = re.compile(r"\b(?:times|than|compared\s+(?:with|to)|relative\s+to)\b")
_LATER_CLAUSE = re.compile(
    r"\b(?:since|after|before|until|when|because|although|though|unless|whereas|while|if|once)\b"
)
