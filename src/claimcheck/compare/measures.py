"""What a figure measures, as one name for every way of saying it.

Two documents name one measure in different words: "missing people" and "number of people
missing", "non-fatal injuries" and "civilians injured", "cost of insulin" and "insulin
costs". A claim's measure is its metric's content words, lemmatised (simplemma: a packaged
English dictionary, no download), with the function words and the counted noun left out,
the lexicon's synonyms applied (`metrics.json` "measure_synonyms", lemma to lemma), and
sorted: word order says nothing about which measure it is. Scope words stay ("land area" is
not "area"), so do sub-populations ("civilians") through the claim's unit.

    >>> from claimcheck.lexicon import default_lexicon
    >>> lex = default_lexicon()
    >>> measure_of("number of people missing", "people", lex) == measure_of("missing people", "people", lex)
    True
    >>> measure_of("cost of insulin", "USD/month", lex)
    'cost insulin'
    >>> measure_of("land area", "km2", lex) == measure_of("area", "km2", lex)
    False
"""

from __future__ import annotations

import re

from claimcheck.lexicon import Lexicon, recall
from claimcheck.model import Claim, evolve
from claimcheck.normalize.lemmas import lemma
from claimcheck.normalize.units import dimension_of

_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")


def measured(claim: Claim, lex: Lexicon) -> Claim:
    """The claim with the measure it names (a figure's; titles and dates are linked otherwise,
    an occasion of a repeated act by its day: `occasion_of`): without its owner's name ('price
    of Valdrex' of Valdrex is its price) or a rate word its unit says ('monthly price' in
    USD/month)."""
    if claim.kind == "event_date":
        return occasion_of(claim)
    if claim.kind != "numeric":
        return claim
    if _an_events_area(claim, lex):
        return evolve(claim, measure="area")
    return evolve(claim, measure=measure_of(_unowned(claim.metric, claim.subject), claim.unit, lex))


def _an_events_area(claim: Claim, lex: Lexicon) -> bool:
    """Whether a figure is the area an event covered: a fire's "burned area", "the fire
    charred 622 square kilometers" and "it covered an area of 153,336 acres" are one measure,
    however the report words it (not a place's area: its subject is the event)."""
    return claim.subject_how == "event" and dimension_of(claim.unit, lex) == "area"


def _unowned(metric: str, subject: str | None) -> str:
    """The metric without its subject's name, which the subject says already ('monthly price
    of the Valdrex pill' of Valdrex: 'monthly price of the pill')."""
    if not subject or len(subject) < 3:
        return metric
    at = metric.lower().find(subject.lower())
    if at < 0 or not _whole_word(metric, at, at + len(subject)):
        return metric
    return (metric[:at] + metric[at + len(subject) :]).strip()


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as whole words."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def occasion_of(claim: Claim) -> Claim:
    """An occasion of an act its actor repeats ("Mirko signed an Executive Order") is one
    occasion per day: its date is part of what it is, so the documents that date one signing
    meet ("Today" in a fact sheet of May 12, "On May 12" in later ones) and the signings of
    other days stay apart instead of forming one group of many dates."""
    if claim.unit != "occasion" or not claim.period_start:
        return claim
    return evolve(claim, measure=f"{claim.metric} {claim.period_start}")


def measure_of(metric: str, unit: str, lex: Lexicon) -> str:
    """The measure `metric` names, one string per measure (see the module's docstring)."""
    return recall(lex, "measure", (metric, unit), lambda: _measure(metric, unit, lex))


def _measure(metric: str, unit: str, lex: Lexicon) -> str:
    table = lex.metrics.get("measure_synonyms", {})
    skip = _function_words(lex)
    counted = {lemma(w) for w in _WORD.findall(unit.lower())} if unit else set()
    same = lex.count_synonyms  # ("buildings destroyed" counts structures, as "18,804 structures" does)
    said = " ".join(lemma(same.get(t, t)) for t in _WORD.findall(metric.lower().replace("’", "'")) if t not in skip)
    for phrase, instead in _phrases(lex):  # "non-fatal injury": injured, said otherwise
        said = f" {said} ".replace(f" {phrase} ", f" {instead} ").strip()
    words = {table.get(w, w) for w in said.split()} - _rate_words(unit, lex)
    kept = sorted(w for w in words if w not in skip and w not in counted)
    return " ".join(kept or sorted(counted) or [metric.lower()])  # ("number of patients": patients)


def _rate_words(unit: str, lex: Lexicon) -> frozenset[str]:
    """The words a unit's time says already ('monthly' of USD/month, 'annual' of USD/year),
    so that 'monthly price' in USD/month and 'price' in USD/month are one measure."""
    per = unit.rsplit("/", 1)[1] if "/" in unit else ""
    return frozenset(lex.metrics.get("rate_words", {}).get(per, ())) if per else frozenset()


def _phrases(lex: Lexicon) -> list[tuple[str, str]]:
    """The lexicon's synonyms of more than one word, longest first."""
    return recall(
        lex,
        "measure phrases",
        0,
        lambda: sorted(
            ((k, v) for k, v in lex.metrics.get("measure_synonyms", {}).items() if " " in k),
            key=lambda kv: -len(kv[0]),
        ),
    )


def _function_words(lex: Lexicon) -> frozenset[str]:
    """Words that name no measure: function words, and fillers that say how a figure is
    known ('known cases', 'reported deaths') rather than what it counts."""
    return recall(
        lex,
        "measure function words",
        0,
        lambda: (
            frozenset(lex.metrics.get("measure_function_words", ())) | frozenset(lex.metrics.get("measure_fillers", ()))
        ),
    )
