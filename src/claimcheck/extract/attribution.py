"""When and according to whom: the stated period a figure refers to, and who a sentence
attributes its figures to ("according to X", "X said", "said X's minister")."""

from __future__ import annotations

import re

from claimcheck.extract.context import PROPER, ClaimContext
from claimcheck.lexicon import Lexicon, trie_alternation
from claimcheck.model import Quantity
from claimcheck.normalize.time import PeriodSpan

TO_LEVEL = re.compile(r"\s*to\s+(?:an?\s+)?(?:[a-z]+\s+)?")  # "rose 5% to (a record) N"
_CLAUSE_BREAK = re.compile(r"[,;—–]")
_RELATIVE_ASIDE = re.compile(r",\s*(?:which|who|whose)\b[^,;]*,")
_NEW_CLAUSE = re.compile(r";|,\s*(?:while|whereas|but|although|though)\b")
_APPOSITION = re.compile(r"(?:[a-z][\w-]*\s+){1,4}(" + PROPER + ")")
_SELF_REPORT = re.compile(r"\s+(?:that\s+)?(?:its|their|it|they|he|she|his|her)\b")
_WHO = r"(?P<who>(?:[^,;.]|(?<=\.[A-Z])\.|(?<=\b[A-Z])\.(?=[A-Z]))+?)(?=[,;]|(?<!\.[A-Z])(?<!\b[A-Z])\.|$"
_SAID = "said|says|reported|reports|estimated|estimates|told reporters|announced|noted|found|forecast|projected"
# Each pattern with the words it cannot match without: most sentences are attributed to
# nobody, and testing for a word costs far less than running the pattern along the text.
_ATTRIBUTION: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (
        ("ccording to",),
        # "according to (preliminary) figures from the European Commission": the Commission
        re.compile(
            r"\b[Aa]ccording to (?:(?:[a-z]+ ){0,2}(?:data|figures|statistics|estimates) "
            r"(?:from|compiled by|published by|released by|by|of) )?" + _WHO + r"|\s+(?:data|figures)\b)"
        ),
    ),
    ((" by ",), re.compile(r"\bas (?:reported|estimated|noted|stated) by " + _WHO + ")")),
    (("as per",), re.compile(r"\bas per (?:data |figures )?(?:compiled |published )?(?:by |from )?" + _WHO + ")")),
    (
        (" by ",),
        re.compile(
            r"\b(?:data|figures|statistics|estimates) (?:compiled|published|released) by " + _WHO + r"|\s+show)"
        ),
    ),
    (("citing",), re.compile(r"\bciting " + _WHO + ")")),
    (
        tuple(_SAID.split("|")),
        re.compile(
            r"(?:^|,\s*)(?P<who>(?:the\s+)?"
            + PROPER
            + r"|the (?:[a-z]+ ){0,3}[a-z]+(?: "
            + PROPER
            + r")?) (?:"
            + _SAID
            + r")(?:\s+(?:on|in|last|this)\b[^,.;]*)?(?=\s*[.,;]|\s+that\b|$)"
        ),
    ),
    (
        ("said", "says", "reported", "according to"),
        re.compile(r",\s*(?:said|says|reported|according to) (?P<who>(?:the\s+)?" + PROPER + ")"),
    ),
]
_AFTER_ITS_FIGURE = re.compile(r"\s*(?:[,.;)]|$)")  # the match ends the clause: ", X said," "according to X."
_ANAPHORIC_SOURCE = re.compile(r"(?i:the\s+)?(?i:same|these|those|this|that|such)(?:\s+[a-z]+){0,2}")
_ATTR_DROP = re.compile(
    r"^(?:while|whereas|but|and)\s+|^the\s+|\b(?:recent|latest|annual|own)\b\s*|'s\b|’s\b|\s+(?:show|shows|showed)$",
    re.I,
)


# -- periods and attribution -----------------------------------------------------------
def period_for(q: Quantity, periods: list[PeriodSpan], prev_end: int, next_start: int, text: str) -> PeriodSpan | None:
    # (not "fell to 9,870 (2029: 10,240)": the year that labels the next figure)
    after = [
        p for p in periods if q.end <= p.start < next_start and not _LABELS_NEXT.fullmatch(text, p.end, next_start)
    ]
    if not after and TO_LEVEL.fullmatch(text[q.end : next_start]):
        # "jumped 126% to $60.9 billion in fiscal 2024": the change and the level share a period
        after = [p for p in periods if p.start >= next_start and not _CLAUSE_BREAK.search(text[next_start : p.start])]
    if after:
        gap = text[q.end : after[0].start]
        if not re.search(r"[;—–]|\.\s", gap):
            return after[0]
    asides = [m.span() for m in _RELATIVE_ASIDE.finditer(text, prev_end, q.start)]
    before = [
        p
        for p in periods
        if prev_end <= p.start and p.end <= q.start and not any(a <= p.start and p.end <= b for a, b in asides)
    ]  # (not "The party, which has governed since independence in 1966, won 4 seats")
    if before and not _NEW_CLAUSE.search(text, before[-1].end, q.start):
        return before[-1]  # (not "4,397,073 in the 2019 census, while the metro area has 10.8 million")
    lead = [
        p
        for p in periods
        if p.start < 30
        and p.end <= q.start
        and text[: p.start].strip().lower() in ("in", "during", "by", "as of", "for", "throughout", "over", "")
    ]
    return lead[0] if lead else None


_LABELS_NEXT = re.compile(r"\s*:\s*")


def _role_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "..., Israeli officials said", "government economists estimate", "customs data showed":
    unnamed speakers (a role noun, or data) with the words that qualify them, at the start of
    a clause."""
    rx = lex.compiled.get("roles")
    if rx is None:
        nouns = trie_alternation(lex.speaker_nouns | {n.capitalize() for n in lex.speaker_nouns})
        verbs = trie_alternation(lex.reporting_verbs | {"show", "shows", "showed"})
        rx = lex.compiled["roles"] = re.compile(
            r"(?:^|[,;]\s*)(?P<who>(?:(?:[A-Z][\w.&'’-]*|[a-z]+)\s+){0,3}?(?:"
            + nouns
            + r"|(?:(?:[A-Z][\w.&'’-]*|[a-z]+)\s+){1,3}?(?:data|figures|statistics)))\s+(?:"
            + verbs
            + r")\b(?!\s+(?:of|for)\b)"  # (not "beating the average analyst estimate of $13.9 billion")
        )
    return rx


def _clause_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "Mario Marcel said output reached ...", "The IMF expects growth of ...": who opens a
    sentence (or a clause after a comma) with a verb of saying or of forecasting, and a clause
    follows without "that". Only those verbs: "Tesla reported revenue of ..." is Tesla's own
    figure. Words that are nouns too count only where they are verbs ("Mining projects rose
    5%", but "The IMF forecasts growth of")."""
    rx = lex.compiled.get("clause speakers")
    if rx is None:
        verbs = trie_alternation(set(lex.speech_verbs) | lex.forecast_verbs)
        rx = lex.compiled["clause speakers"] = re.compile(
            r"(?:^|,\s*(?:(?:while|whereas|but|and)\s+)?)(?P<who>(?:[Tt]he\s+)?"
            + PROPER
            + r"(?:['’]s(?: [a-z]+){1,3})?|[Tt]he (?:[a-z]+ ){0,3}[a-z]+(?: "
            + PROPER
            + r")?|(?:"
            + trie_alternation(lex.speaker_nouns)
            + r")) (?:(?:"
            + verbs
            + r")(?:\s+(?:on|last|this)\s+[A-Z]?[a-z]+)?(?=\s+(?:[a-z]+|(?:about|some|around|nearly)?\s*\d[\d,.]*)\s)|(?:"
            + trie_alternation(lex.estimate_verbs)
            + r")(?=\s+(?:the|a|an|its|their|attendance|turnout)\s)|(?:"
            + trie_alternation(lex.forecast_nouns)
            + r")"
            + lex.forecast_noun_as_verb
            + ")"
        )
    return rx


def _verb_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Any reporting verb, or "show": what the speaker and role patterns cannot match without."""
    rx = lex.compiled.get("reporting_verbs")
    if rx is None:
        rx = lex.compiled["reporting_verbs"] = re.compile(
            trie_alternation(lex.reporting_verbs | {"show", "shows", "showed"})
        )
    return rx


def _speaker_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "Analysts at Goldman Sachs estimate ...": the institution the speakers report for."""
    rx = lex.compiled.get("speakers")
    if rx is None:
        nouns = "|".join(re.escape(w) for w in sorted(lex.speaker_nouns, key=len, reverse=True))
        verbs = "|".join(re.escape(w) for w in sorted(lex.reporting_verbs, key=len, reverse=True))
        rx = lex.compiled["speakers"] = re.compile(
            r"\b(?i:"
            + nouns
            + r")\s+(?:at|from|with|for|polled by|surveyed by)\s+(?P<who>(?:the\s+)?"
            + PROPER
            + r")\s+(?:"
            + verbs
            + r")\b"
        )
    return rx


def attribution_of(text: str, ctx: ClaimContext) -> tuple[str | None, frozenset[str]]:
    """Who the sentence attributes its figures to, and which of them cannot be the subject:
    all but a source that goes on about itself ("Norvik said its revenue rose 4%")."""
    joined, speakers, _ = sources_of(text, ctx)
    return joined, speakers


def source_at(sources: list[tuple[int, str]], pos: int) -> str | None:
    """Of the sources a sentence names before what they say (where, and who: `sources_of`),
    the one a figure at `pos` is said by: the last named before it ("Police estimated the
    crowd at 12,000, while organisers said 85,000 people took part": 12,000 is the police's);
    None when none is named before it."""
    before = [who for at, who in sources if at < pos]
    return before[-1] if before else None


def sources_of(text: str, ctx: ClaimContext) -> tuple[str | None, frozenset[str], list[tuple[int, str]]]:
    """`attribution_of`, with where each source is named when every source leads what it
    says; none when one is named after its figure (", the ministry said," or "according to
    Reuters."): such a source may speak for any figure before it."""
    found: list[str] = []
    named_at: list[tuple[int, str]] = []
    all_lead = True
    speakers: set[str] = set()
    patterns = [rx for words, rx in _ATTRIBUTION if any(w in text for w in words)]
    if _verb_pattern(ctx.lex).search(text):  # these name their speakers before a reporting verb
        patterns += [_speaker_pattern(ctx.lex), _role_pattern(ctx.lex), _clause_pattern(ctx.lex)]
    for rx in patterns:
        for m in rx.finditer(text):
            who = _ATTR_DROP.sub("", m.group("who")).strip(" ,.")
            who = re.sub(r"\s+", " ", who)
            named = _APPOSITION.fullmatch(who)
            if named:
                who = named.group(1)  # "the national statistics agency INEGI" -> INEGI
            if _ANAPHORIC_SOURCE.fullmatch(m.group("who").strip(" ,.")):
                continue  # "according to the same data": a source named earlier, not a name
            if who and len(who.split()) <= 8 and who.lower() not in {"he", "she", "they", "it", "we", "i"}:
                named_at.append((m.start("who"), who))
                all_lead = all_lead and not _AFTER_ITS_FIGURE.match(text, m.end())
                if who not in found:
                    found.append(who)
            if who and not _SELF_REPORT.match(text, m.end()) and not _may_own(text, m, who, ctx):
                speakers.add(ctx.entities.resolve(who))
                # "UN experts said": the UN speaks here, it is not what the figure is about
                speakers.update(x.name for x in ctx.entities.mentions(who))
    return (" / ".join(found) if found else None), frozenset(speakers), sorted(named_at) if all_lead else []


def _may_own(text: str, m: re.Match[str], who: str, ctx: ClaimContext) -> bool:
    """Whether `who` opens a sentence with figures that may be its own: a name the lexicon
    does not know, before a verb of forecasting ("Toyota expects operating profit of ..."),
    or, a single word, before "said" and its clause ("Codelco said output fell 5%": a
    company's own output; "Mario Marcel said output ..." is a person speaking). A known
    institution ("The IMF forecasts growth of ...") or a role ("Analysts expect") is not."""
    verb = text[m.end("who") :].split(maxsplit=1)
    word = verb[0].lower() if verb else ""
    forecast = word in ctx.lex.forecast_verbs | ctx.lex.forecast_nouns
    said = word in ctx.lex.speech_verbs and " " not in who and m.re is _clause_pattern(ctx.lex)
    if not (forecast or said):
        return False
    name = ctx.entities.resolve(who)
    return who[:1].isupper() and name not in ctx.entities.kind and who.lower() not in ctx.lex.speaker_nouns
