"""Why a group's claims are together and why the group has its status, in short sentences a
reader can check against the quotes.

Pure functions over what the store keeps of each claim (`Fact`): where its subject came from,
its metric, object and unit, what was converted, its period and its source. They explain the
decisions `identity` and `judge` made; they decide nothing themselves.

    >>> member_reason(Fact(1, 1, "a.txt", "numeric", "Chile", "document title", "area land",
    ...     None, "km2", 3108.0, 3100, 3116, stated_value=1200, stated_unit="mi2"))
    "subject 'Chile' from the document title; metric 'area land'; converted '1,200 mi²' to 3,108 km²"
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.compare.identity import EVENT, GUESSED
from claimcheck.compare.judge import Item, compatible, conflicting_sides, item_of_claim

# how a subject was found (model.Claim.subject_how), as a reader says it
SUBJECT_HOW = {
    "stated": "named in its sentence",
    "document title": "from the document title",
    EVENT: "from the event the report is about",
    "section": "from its section's heading",
    "publisher": "its publisher's country (a government's page)",
    "speaker": "the speaker its headline names, saying 'I'",
    **{how: "guessed from the place the document names most" for how in GUESSED},
}
# ... and for several claims
SUBJECTS_HOW = {
    "stated": "named in their sentences",
    "document title": "from their documents' titles",
    EVENT: "from the event each report is about",
    "section": "from their sections' headings",
    "publisher": "their publishers' country (governments' pages)",
    "speaker": "the speakers their headlines name, saying 'I'",
    **{how: "guessed from the place each document names most" for how in GUESSED},
}
QUALIFIER_WORD = {
    "approx": "about",
    "nearly": "nearly",
    "over": "over",
    "under": "under",
    "at_least": "at least",
    "at_most": "at most",
}
_UNIT_SHOWN = {"km2": "km²", "mi2": "mi²", "m2": "m²", "ft2": "ft²", "degC": "°C", "degF": "°F"}
_PAIRS_TRIED = 20_000  # a group of thousands of distinct values: stop looking for the clearest pair


@dataclass(frozen=True)
class Fact:
    """What the reasons read of one claim of a group."""

    claim_id: int
    source_id: int
    source: str  # the file name, as reports show it
    kind: str  # numeric | title | event_date
    subject: str | None
    subject_how: str | None  # None: no subject, or stored before claimcheck kept it
    metric: str
    object: str | None
    unit: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str = "exact"
    stated_value: float | None = None
    stated_unit: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    period_text: str | None = None
    value_text: str | None = None
    surface: str | None = None  # the figure as written
    value_cluster: int | None = None
    within_source: bool = False  # compared only with its sentence restated (compare.restatement)

    @property
    def dated(self) -> bool:
        return self.period_start is not None or self.period_end is not None


def member_reason(f: Fact) -> str:
    """Why a claim is in its group: where its subject came from, its metric and object, the
    conversion that put it in the group's unit, and why it meets only its own document's
    claims, if it does."""
    parts = [_subject_part(f)] + ([] if f.kind == "title" else [f"metric {f.metric!r}"])
    if f.object:
        parts.append(f"object {f.object!r}")
    converted = _conversion(f)
    if converted:
        parts.append(converted)
    if f.within_source:
        why = _why_within_source(f)
        parts.append("compared only with its sentence restated" + (f": {why}" if why else ""))
    return "; ".join(parts)


def _conversion(f: Fact) -> str:
    """How the figure came into the group's unit: converted ('2,310 acres' to 9.348 km²)
    or only named the group's way ('persons' counted as people)."""
    if not f.stated_unit or not f.unit or f.stated_unit == f.unit:
        return ""
    if f.stated_value is None or f.value is None or math.isclose(f.stated_value, f.value, rel_tol=1e-9):
        return f"{f.stated_unit!r} counted as {_unit(f.unit)}"
    stated = f.surface or f"{_number(f.stated_value)} {_unit(f.stated_unit)}"
    return f"converted {stated!r} to {_number(f.value)} {_unit(f.unit)}"


def _subject_part(f: Fact) -> str:
    if f.subject is None:
        return "no subject"
    how = SUBJECT_HOW.get(f.subject_how or "")
    return f"{'person' if f.kind == 'title' else 'subject'} {f.subject!r}" + (f" {how}" if how else "")


def _why_within_source(f: Fact) -> str:
    """Why `identity` kept a claim to its document (the reasons of compare.identity_of and of
    the claim layer's figures nobody owns), when the rest of its reason does not say it."""
    if f.kind != "numeric":
        return f"{f.subject!r} is no name" if f.subject else "no subject"
    if f.subject is None:
        return "whose figure it is, only its document tells"
    if f.subject_how in GUESSED:
        return ""  # the subject part says it was guessed
    if f.subject_how is None:
        return ""  # stored before claimcheck kept why
    return f"{f.metric!r} names no measure on its own"


def confident(facts: Sequence[Fact]) -> bool:
    """Whether a group's key is evidence of one thing: no member was kept to its document and
    no subject was guessed."""
    return not any(f.within_source or f.subject_how in GUESSED for f in facts)


def together_reason(facts: Sequence[Fact]) -> str:
    """Why a group's claims are together: one key (subject, metric, object, unit; a title's
    person), and where the subjects came from."""
    if not facts:
        return ""
    f = facts[0]
    if all(m.within_source for m in facts):
        why = _why_within_source(f) or (
            "its subject was guessed" if f.subject_how in GUESSED else "its identity is not confident"
        )
        sources = len({m.source_id for m in facts})
        changed = len({" ".join((m.surface or "").split()).casefold() for m in facts}) > 1
        how = "with its figure changed" if changed else "word for word"
        said = f"one sentence, {how}, in {sources} documents" if sources > 1 else "one sentence only"
        return f"{said}: {why}"
    if len(facts) == 1:
        return _subject_part(f)
    if f.kind == "title":
        key = "person"
    else:
        named = ["subject", "metric"] + (["object"] if f.object else []) + (["unit"] if f.unit else [])
        key = ", ".join(named[:-1]) + " and " + named[-1]
    hows = [SUBJECTS_HOW[h] for h in dict.fromkeys(m.subject_how or "" for m in facts) if h in SUBJECTS_HOW]
    named = "person" if f.kind == "title" else "subject"
    return f"same {key}" + (f"; {named} {' or '.join(hows)}" if hows and f.subject else "")


def status_reason(status: str, facts: Sequence[Fact]) -> str:
    """Why a group has `status`, from its claims (all of them, or the ones shown: a conflict
    whose clashing pair is not among them is said without the pair)."""
    sources = {f.source_id for f in facts}
    if status == "conflict":
        pair = _clash(facts)
        if pair is None:
            return "values from different sources cannot all hold (the clashing pair is not among these claims)"
        return _clash_text(*pair)
    if status == "trend":
        return _trend_text(facts)
    if status == "agree":
        n = len(sources)
        return "all values compatible" + (f" across {n} documents" if n > 1 else ", all from one document")
    if len(facts) < 2:
        return "one claim: nothing to compare it with"
    differ = len({f.value_cluster for f in facts}) > 1
    return "one document's figures only" + (": they differ, and a conflict is between sources" if differ else "")


def group_reason(status: str, facts: Sequence[Fact]) -> str:
    """The reasons line of a group: why its status, then why its claims are together."""
    return f"{status_reason(status, facts)} · {together_reason(facts)}"


def _item(f: Fact) -> Item:
    """What `judge` compares of a claim (as db.store.item_of reads a stored row)."""
    return item_of_claim(
        f.claim_id,
        f.source_id,
        f.low,
        f.high,
        f.period_start,
        f.period_end,
        f.kind,
        f.value_text,
        f.unit,
        f.period_text,
    )


def _clash(facts: Sequence[Fact]) -> tuple[Fact, Fact] | None:
    """The first two claims (by id) of different sources that cannot both hold and are no
    change over time: the pair that makes a group a conflict."""
    # one claim per value, period and source, and two sources per value at most: a conflict
    # needs two sources, so a third stating the same adds nothing
    seen: dict[tuple[object, ...], set[int]] = {}
    distinct: list[tuple[Fact, Item]] = []
    for f in sorted(facts, key=lambda f: f.claim_id):
        it = _item(f)
        sig = (it.low, it.high, it.period_start, it.period_end, it.value_text, it.kind, it.exclusive, it.as_of)
        held = seen.setdefault(sig, set())
        if len(held) < 2 and f.source_id not in held:
            held.add(f.source_id)
            distinct.append((f, it))
    tried = 0
    for i, (a, ia) in enumerate(distinct):
        for b, ib in distinct[i + 1 :]:
            if a.source_id == b.source_id or compatible(ia, ib):
                continue
            tried += 1
            if tried > _PAIRS_TRIED:
                return None
            if conflicting_sides([ia, ib], {ia.claim_id: 1, ib.claim_id: 2}):
                return a, b
    return None


def _clash_text(a: Fact, b: Fact) -> str:
    va, vb = _shown(a), _shown(b)
    if not a.dated and not b.dated:
        return f"{va} and {vb} cannot both hold and neither states a period"
    if a.dated != b.dated:
        dated, undated = (a, b) if a.dated else (b, a)
        return f"{_shown(dated)} ({_period(dated)}) and {_shown(undated)} cannot both hold: {_shown(undated)} states no period"
    pa, pb = _period(a), _period(b)
    if pa == pb:
        return f"{va} and {vb} cannot both hold for {pa}"
    return f"{va} ({pa}) and {vb} ({pb}) cannot both hold: the periods overlap"


def _trend_text(facts: Sequence[Fact]) -> str:
    periods = sorted({(f.period_start or "", f.period_end or "") for f in facts if f.dated})
    shown = [_period_of(*p) for p in periods]
    undated = any(not f.dated for f in facts)
    if facts and facts[0].kind == "title" and undated and shown:
        return f"an office held over {_listed(shown)} and a title given without a date: a change over time"
    if undated and shown and any(_item(f).as_of for f in facts):
        return f"running counts as of {_listed(shown)} and a figure of no stated time: a change over time"
    if len(shown) > 4:
        return f"values differ across {len(shown)} periods, {shown[0]} to {shown[-1]}"
    return f"values differ across periods {_listed(shown)}" if shown else "values differ over time"


def _listed(xs: list[str]) -> str:
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " and " + xs[-1]


def _shown(f: Fact) -> str:
    """A claim's value as its text states it, with the bound it states ('over 90%')."""
    if f.kind != "numeric":
        return repr(f.value_text or f.surface or "")
    stated = f.surface or f"{_number(f.value if f.value is not None else f.low)} {_unit(f.unit or '')}".strip()
    word = QUALIFIER_WORD.get(f.qualifier, "")
    if word and not stated.lower().startswith(word):  # the bound the text states: 'over 90%'
        stated = f"{word} {stated}"
    return repr(stated)


def _period(f: Fact) -> str:
    return _period_of(f.period_start or "", f.period_end or "")


def _period_of(start: str, end: str) -> str:
    if start == end or not end:
        return start or "no period"
    if not start:
        return f"until {end}"
    return f"{start}-{end}" if len(start) == len(end) == 4 else f"{start} to {end}"


def _number(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{int(v):,}" if float(v).is_integer() and abs(v) < 1e15 else f"{v:,.6g}"


def _unit(u: str) -> str:
    return _UNIT_SHOWN.get(u, u)
