"""Whose a figure is: a subject that is a name, and where it came from.

A claim's subject is decided sentence by sentence (`frames`), by the document's title or
topic, or by the event a report is about (`events`). Two document-level rules finish it:
a "subject" that the document itself writes as an ordinary word ("Gains like these ...",
"AT A GLANCE", "Flooded area") is no name, so the figure has none; a figure with no
subject of its own is the place its section's heading names ("## Zambia"); and every subject
records where it came from (`Claim.subject_how`), which `compare.identity` reads.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlparse

from claimcheck.extract.agents import title_first_words
from claimcheck.extract.context import ClaimContext
from claimcheck.lexicon import Lexicon, recall
from claimcheck.model import Claim, Document, Sentence, evolve
from claimcheck.normalize.entities import OPENING_PREPOSITIONS
from claimcheck.normalize.lemmas import is_plural_noun


def decided_subjects(event: str | None, actor: str | None, ctx: ClaimContext) -> frozenset[str | None]:
    """The subjects the document decided: its event, its actor, and its topic unless that is
    an ordinary word itself (a title "AT A GLANCE: ..." names no place)."""
    topic = ctx.topic if ctx.topic and not _ordinary(ctx.topic, ctx) else None
    return frozenset({event, actor, topic})


def named_subjects(claims: list[Claim], ctx: ClaimContext, decided: frozenset[str | None]) -> list[Claim]:
    """Claims whose subject is an ordinary word of the document lose it: a heading in
    capitals or a sentence's first word is no name when the document writes each of its
    words in lower case elsewhere ('Gains' / 'gains', 'AT A GLANCE' / 'at a glance').
    The subjects the document decided (its event, topic or actor: 'Cholera') stay."""
    return [
        replace(c, subject=None) if c.subject and c.subject not in decided and _ordinary(c.subject, ctx) else c
        for c in claims
    ]


def of_the_world(c: Claim, ctx: ClaimContext) -> bool:
    """Whether a figure's measure is the world's ("global electricity generation"): no
    place's or publisher's."""
    return not ctx.entities.world.isdisjoint(c.metric.split())


def section_subjects(
    claims: list[Claim], sentences: list[Sentence], ctx: ClaimContext, title: str | None
) -> list[Claim]:
    """A figure whose sentence names no subject is the place its section is headed by
    ("## Zambia" / "Copper output rose 4% in 2030"), when the heading names one place; not
    the document's title (its topic decides that), and not a figure of the world's ("22% of
    global electricity generation")."""
    section_at = {s.start: s.section for s in sentences if s.section and s.section != title}
    out = []
    for c in claims:
        mine = c.subject is None and c.kind == "numeric" and not of_the_world(c, ctx)
        place = _section_place(section_at.get(c.char_start), ctx) if mine else None
        out.append(c if place is None else replace(c, subject=place, subject_how="section", local=False))
    return out


def publisher_country(doc: Document, ctx: ClaimContext) -> str | None:
    """The country whose government publishes the document, by its web address ('.gov',
    '.gov.uk', '.gouv.fr': entities.json government_domains)."""
    return government_country(doc.meta.url, ctx.lex)


def government_country(url: str | None, lex: Lexicon) -> str | None:
    """The country whose government's web address `url` is, or None."""
    host = urlparse(url or "").hostname or ""
    domains = lex.entities.get("government_domains", {})
    ends = [d for d in domains if host.endswith(d) or host == d.lstrip(".")]
    return domains[max(ends, key=len)] if ends else None


def publisher_subjects(claims: list[Claim], country: str | None, ctx: ClaimContext) -> list[Claim]:
    """A government's statement speaks of its own country: a figure it states with no
    subject is, as a rule, that country's ('The farm insolvency rate is at a record low of 1.9%'
    on a .gov page); not a figure of the world's. Recorded as subject_how 'publisher'."""
    if country is None:
        return claims
    return [
        replace(c, subject=country, subject_how="publisher", local=False)
        if c.subject is None and c.kind == "numeric" and not of_the_world(c, ctx)
        else c
        for c in claims
    ]


def named_programmes(
    claims: list[Claim], country: str | None, people: frozenset[str], ctx: ClaimContext
) -> list[Claim]:
    """A government's statement speaks of its own country, unless the sentence of a figure
    with no subject names what it is about: a programme, product or body ("50 million
    Americans with Medicare Part D", "sign up on HealthCare.gov") is the subject before the
    country is. Places, people, titles and openers are no such name (`sentence_names`)."""
    if country is None:
        return claims
    surnames = _surnames(people)
    out = []
    for c in claims:
        unnamed = c.subject is None or _overridable(c, country, surnames, ctx)
        if unnamed and c.kind == "numeric" and not of_the_world(c, ctx):
            names = sentence_names(c.quote, ctx, people)
            if names:
                c = replace(c, subject=names[0], local=False)
        out.append(c)
    return out


def _overridable(c: Claim, country: str, surnames: set[str], ctx: ClaimContext) -> bool:
    """A subject a named programme beats: the country by default, the government speaking,
    or a plural common noun opening the sentence ("Seniors with Carecover pay ...": who, not
    what the figure is of)."""
    subject = c.subject or ""
    return (
        _country_by_default(c, country, ctx)
        or the_government(subject, surnames)
        or (" " not in subject and subject not in ctx.entities.kind and is_plural_noun(subject))
    )


def _country_by_default(c: Claim, country: str, ctx: ClaimContext) -> bool:
    """Whether a claim has the publisher's country only as the document's main place, its
    sentence naming the country nowhere ("Today, Carecover covers about 80 million people"
    on a page about the country): the frame's last resort, which a named programme beats."""
    if c.subject != country or c.subject != ctx.topic:
        return False
    return not any(ctx.entities.resolve(m.name) == country for m in ctx.entities.known_mentions(c.quote))


# a run of capitalised words with the small words names hold ("Bank of Ruritania", "Part D")
_NAME_RUN = re.compile(r"(?<![\w.’'-])[A-Z][\w.&’'-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w.&’'-]*)*")
_MARKUP_BEFORE = re.compile(r"^[\s*_#>\-\[\]()\"“‘'’]*$")


def sentence_names(sentence: str, ctx: ClaimContext, people: frozenset[str]) -> list[str]:
    """The names a sentence writes that could be what its figures are about: not a place or
    its demonym, not a person (the document's people, or a name after a title), not the
    government speaking ("the Valdrex-Mirko Administration"), not a heading in capitals or
    a label ("*Statement from the President:*"), and not a sentence's capitalised first
    word that is a common noun ("Today", "Seniors")."""
    surnames = _surnames(people)
    label = _PHRASE_LABEL.match(sentence)
    out: list[str] = []
    for m in _NAME_RUN.finditer(sentence):
        name = _POSSESSIVE_END.sub("", m.group())
        name = name if name.endswith("S.") else name.rstrip(".’'-")  # ("U.S.")
        words = name.split()
        opening = _MARKUP_BEFORE.match(sentence[: m.start()]) is not None
        if words[0] in ("The", "A", "An") and len(words) > 1:
            words, name = words[1:], " ".join(words[1:])
        if opening and len(words) > 2 and words[1] in ("for", "of") and words[0].lower() in ctx.metrics.process:
            words, name = words[2:], " ".join(words[2:])  # "Funding for Carecover rises ...": Carecover
        if (label and m.end() <= label.end()) or _no_name_of_a_figure(name, words, ctx, surnames):
            continue
        if _reports(sentence, m, ctx.lex) or _cited(sentence, m):  # who says, not whose
            continue
        if _COMPOUND_ADJECTIVE.search(name):
            continue  # "U.S.-assembled vehicles", "Texas-based firms": a modifier, not a name
        if opening and len(words) == 1 and (_common_opener(name, ctx) or _gerund(name, sentence, m.end())):
            continue
        out.append(ctx.entities.resolve(name))
    return out


def _cited(sentence: str, m: re.Match[str]) -> bool:
    """A name in a citation's brackets ("(IPSOS, 2018)", "[Valdrex Institute 2029]") or a
    fiscal year ("FY2023") is no name a figure is about."""
    return bool(_CITATION.match(sentence, m.end()) and sentence[: m.start()].rstrip().endswith(("(", "["))) or bool(
        _FISCAL_YEAR.fullmatch(m.group().rstrip(".,;:"))
    )


def _gerund(word: str, sentence: str, end: int) -> bool:
    """'Creating a pilot program ...', 'Expanding the ...': a verb's -ing before an article
    (not 'Boeing delivered ...')."""
    return word.endswith("ing") and _ARTICLE_AFTER.match(sentence, end) is not None


_COMPOUND_ADJECTIVE = re.compile(r"-[a-z]+$")
_CITATION = re.compile(r",?\s*(?:et\s+al\.?,?\s*)?(?:1[89]|20)\d\d[a-z]?\s*[)\]]")
_FISCAL_YEAR = re.compile(r"(?:FY|CY|Q[1-4])\s?(?:\d{2}|\d{4})")
_ARTICLE_AFTER = re.compile(r"\s+(?:a|an|the|more|new|its|their|our)\b")


def _surnames(people: frozenset[str]) -> set[str]:
    return {part for p in people for w in p.split() for part in w.split("-")}


def _common_opener(word: str, ctx: ClaimContext) -> bool:
    """A capitalised word opening a sentence that is no name: one the document writes in
    lower case, a plural common noun ("Seniors"), a measure's word ("Funding"), or a long
    participle or adverb by its ending ("Unprecedented regulatory costs ...", "Notably"; not
    "-ing": "Boeing")."""
    return (
        _ordinary(word, ctx)
        or ctx.common_word(word)
        or is_plural_noun(word)
        or word.lower() in ctx.metrics.process  # "Funding for the programme rises to ..."
        or word.lower() in ctx.metrics.verb_process  # "Investing nearly $1.5 billion in ...": a verb's -ing
        or word in OPENING_PREPOSITIONS  # "Given the progress ...", "According to ..."
        or (len(word) >= 7 and word.lower().endswith(("ed", "ly")) and word not in ctx.entities.kind)
    )


# a line's opening label of several words, one in lower case: "*Statement from the President:*"
_PHRASE_LABEL = re.compile(r"[\s*_#>]*[A-Z][\w’'-]*(?:\s+[\w’'.-]+){0,6}?\s+[a-z]+\b[\w\s’'.-]{0,40}?:")


def _no_name_of_a_figure(name: str, words: list[str], ctx: ClaimContext, surnames: set[str]) -> bool:
    """A capitalised run that names no programme, product or body a figure is about: a
    heading in capitals, a title, a person, a place or demonym, a month, a counting or
    qualifying word, a pronoun, or the government itself ("the Administration")."""
    lex = ctx.lex
    parts = [_POSSESSIVE_END.sub("", part) for w in words for part in w.split("-")]
    return (
        (len(words) > 1 and name.isupper())  # "BY THE NUMBERS"
        or words[0] in title_first_words(lex)
        or not surnames.isdisjoint(parts)
        or ctx.entities.resolve(name) in ctx.entities.kind
        or name in ctx.entities.adjective
        or name.removesuffix("s") in ctx.entities.adjective  # "Americans"
        or words[0].lower() in lex.months.keys() | lex.weekdays | lex.not_count | lex.qualifier_of.keys()
        or set(words[0].lower().split("-")) <= lex.number_words.keys()  # "Two foreign-owned advisers"
        or words[0] in ("I", "A", "An", "The")
        or _ACRONYM_PLURAL.fullmatch(name) is not None  # "SUVs", "EVs": things counted, no name
        or the_government(name, surnames)
    )


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


def the_government(name: str, surnames: set[str]) -> bool:
    """Whether a name is the government speaking, not something it speaks of: "the
    Administration", "the Government", "the Valdrex-Mirko Administration" (its leaders'
    surnames, from the document's people)."""
    parts = [part for w in name.split() for part in w.split("-")]
    if not parts or parts[-1].lower() not in _GOVERNMENT_WORDS:
        return False
    return len(parts) == 1 or not surnames.isdisjoint(parts[:-1])


_GOVERNMENT_WORDS = frozenset({"administration", "government"})


def _reports(sentence: str, name: re.Match[str], lex: Lexicon) -> bool:
    """Whether a name is the sentence's source: a reporting verb follows it ("the Budget
    Office estimates"), or "according to" leads to it."""
    after = _NEXT_WORD.match(sentence, name.end())
    return (after is not None and after.group(1).lower() in lex.reporting_verbs) or bool(
        re.search(r"according\s+to\s+(?:the\s+)?$", sentence[: name.start()], re.I)
    )


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")


def _section_place(section: str | None, ctx: ClaimContext) -> str | None:
    if not section:
        return None
    heading = section.title() if section.isupper() else section  # "ZAMBIA"
    places = {
        ctx.entities.resolve(m.name) for m in ctx.entities.known_mentions(heading) if ctx.entities.is_place(m.name)
    }
    return places.pop() if len(places) == 1 else None


def _ordinary(subject: str, ctx: ClaimContext) -> bool:
    if subject in ctx.entities.kind or ctx.entities.resolve(subject) in ctx.entities.kind:
        return False  # a name claimcheck knows ("China", "World Health Organization")
    words = [w.lower() for w in subject.replace("-", " ").split()]
    if subject.isupper() and len(words) > 1:
        return True  # "AT A GLANCE": a heading in capitals, no name claimcheck knows
    if len(words) == 1 and words[0] in ctx.lex.raw["language"].get("sentence_adverbs", ()):
        return True  # "Right now, 4 out of 5 ...", "Today, 40% ...": an opener, no name
    lexical = recall(
        ctx.lex, "change_words", 0, lambda: ctx.lex.rise | ctx.lex.fall | ctx.lex.rise_nouns | ctx.lex.fall_nouns
    )
    return bool(words) and all(w in ctx.lower_words or w in lexical or len(w) <= 2 for w in words)


def with_subject_provenance(
    claims: list[Claim],
    doc: Document,
    ctx: ClaimContext,
    event: str | None,
    actor: str | None,
    publisher: str | None = None,
) -> list[Claim]:
    """Each claim with where its subject came from: its sentence ('stated'), the document's
    title or headline, the event the report is about, its section's heading, its
    government publisher's country, or the place the document names most (a guess, which
    `compare.identity` keeps from meeting other documents' claims, unless that place is the
    publisher's own country)."""
    title = doc.meta.title or ""
    titled = {ctx.entities.resolve(m.name) for m in ctx.entities.known_mentions(title)}
    seen: dict[str, set[str]] = {}
    out = []
    for c in claims:
        if c.subject is None:
            how = None
        elif c.subject_how in ("section", "publisher") and c.subject != event:
            how = c.subject_how
        elif c.subject == event:
            how = "event"
        elif _named_in(c.subject, c.subject_alias, c.quote, ctx, seen):
            how = "stated"
        elif c.subject == actor or c.subject in titled or c.subject.lower() in title.lower():
            how = "document title"
        elif c.subject == ctx.topic:
            how = "publisher" if c.subject == publisher else "most-named place"
        else:
            how = "stated"
        out.append(c if c.subject_how == how else evolve(c, subject_how=how))
    return out


def _named_in(subject: str, alias: str | None, quote: str, ctx: ClaimContext, seen: dict[str, set[str]]) -> bool:
    """Whether a sentence names the subject itself (or the alias it was resolved from);
    `seen` keeps each sentence's names, read once."""
    low = quote.lower()
    if subject.lower() in low or (alias and alias.lower() in low):
        return True
    if quote not in seen:
        seen[quote] = {ctx.entities.resolve(m.name) for m in ctx.entities.known_mentions(quote)}
    return subject in seen[quote]
