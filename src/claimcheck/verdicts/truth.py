"""Source reliability by truth discovery, in the style of TruthFinder (Yin, Han & Yu, KDD 2007).

Facts are the value clusters of each group (the "sides" `compare` found); a source supports a
fact when it has at least one claim in it. Then, from an initial trust t0 for every source:

    tau(w)    = -ln(1 - t(w))                                   trust as a score
    sigma(f)  = sum of tau(w) over the sources w supporting f    support for a fact
    sigma*(f) = sigma(f) - rho * sum of sigma(g) over the facts g that conflict with f
    s(f)      = 1 / (1 + exp(-gamma * sigma*(f)))                confidence, dampened
    t(w)      = mean of s(f) over the facts w supports

repeated until no source's trust moves by more than `tolerance` (or `max_iterations`).
Implication between facts is kept simple: -1 between two sides of a group that conflict (a
pair of their claims cannot both hold and is not a change over time), 0 otherwise; sides of
a `trend` are different periods, not rivals. Each iteration is linear in the number of
(source, fact) pairs plus conflicting side pairs. The result is advice: it never picks a
winner, and it measures agreement, not truth (sources that copy each other agree).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from claimcheck.compare import Item, compatible, distinct_by_cluster
from claimcheck.normalize.time import overlaps

S = TypeVar("S", bound=Hashable)
F = TypeVar("F", bound=Hashable)

_MAX_TRUST = 1 - 1e-9  # keeps -ln(1 - t) finite


@dataclass(frozen=True)
class TruthParams:
    """TruthFinder's knobs; the defaults are the values used in the paper's experiments."""

    initial_trust: float = 0.9  # t0
    dampening: float = 0.3  # gamma
    influence: float = 0.5  # rho: weight of conflicting facts
    max_iterations: int = 100
    tolerance: float = 1e-6  # on the largest change of a source's trust


@dataclass(frozen=True)
class TruthResult(Generic[S, F]):
    trust: dict[S, float]  # t(w) in (0, 1)
    confidence: dict[F, float]  # s(f) in (0, 1)
    iterations: int
    converged: bool


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _ordered(keys: Collection[Any]) -> list[Any]:
    """Keys in a fixed order (sums run in it, so results are deterministic): natural order
    when the keys compare, else their repr."""
    try:
        return sorted(keys)
    except TypeError:
        return sorted(keys, key=repr)


def truthfinder(
    support: Mapping[F, Collection[S]],
    conflicts: Mapping[F, Collection[F]] | None = None,
    params: TruthParams = TruthParams(),  # noqa: B008 - frozen, so a shared default is safe
) -> TruthResult[S, F]:
    """Trust per source and confidence per fact; deterministic for the same input.

    `support[f]` is the set of sources supporting fact f; `conflicts[f]` the facts that
    cannot be true together with f (taken as symmetric).
    """
    facts = _ordered(support)
    fact_no = {f: i for i, f in enumerate(facts)}
    sources = _ordered({w for f in facts for w in support[f]})
    source_no = {w: i for i, w in enumerate(sources)}
    supporters = [tuple(sorted({source_no[w] for w in support[f]})) for f in facts]
    pairs = [
        (i, j)
        for f, gs in (conflicts or {}).items()
        if (i := fact_no.get(f)) is not None
        for g in gs
        if (j := fact_no.get(g)) is not None
    ]
    trust, confidence, iterations, converged = truthfinder_indexed(supporters, len(sources), pairs, params)
    return TruthResult(
        dict(zip(sources, trust, strict=True)),
        dict(zip(facts, confidence, strict=True)) if confidence else {},
        iterations,
        converged,
    )


def truthfinder_indexed(
    supporters: Sequence[Sequence[int]],
    n_sources: int,
    conflicts: Iterable[tuple[int, int]] = (),
    params: TruthParams = TruthParams(),  # noqa: B008 - frozen, so a shared default is safe
) -> tuple[list[float], list[float], int, bool]:
    """TruthFinder over list positions: `supporters[f]` holds the (sorted) source numbers of
    fact f, `conflicts` pairs of rival facts (symmetric). Returns trust per source, confidence
    per fact, iterations and whether it converged.

    Positions, not hashed keys: on a large database the loop runs over millions of (source,
    fact) pairs, and list indexing is several times faster than tuple-keyed dicts."""
    n_facts = len(supporters)
    rival_sets: dict[int, set[int]] = {}
    for i, j in conflicts:
        if i != j:
            rival_sets.setdefault(i, set()).add(j)
            rival_sets.setdefault(j, set()).add(i)
    rivals = {i: sorted(r) for i, r in rival_sets.items()}
    facts_of: list[list[int]] = [[] for _ in range(n_sources)]
    for i, ws in enumerate(supporters):
        for w in ws:
            facts_of[w].append(i)

    gamma, rho, cap = params.dampening, params.influence, _MAX_TRUST
    trust = [params.initial_trust] * n_sources
    confidence: list[float] = []
    iterations, converged = 0, n_facts == 0
    while not converged and iterations < params.max_iterations:
        iterations += 1
        tau = [-math.log(1.0 - (t if t < cap else cap)) for t in trust]
        # plain sums in a fixed order: deterministic, and fsum was most of the time
        sigma = [sum(map(tau.__getitem__, ws)) for ws in supporters]
        confidence = [_sigmoid(gamma * x) for x in sigma]
        for i, rs in rivals.items():
            confidence[i] = _sigmoid(gamma * (sigma[i] - rho * sum(map(sigma.__getitem__, rs))))
        new = [sum(map(confidence.__getitem__, fs)) / len(fs) if fs else params.initial_trust for fs in facts_of]
        delta = max((abs(a - b) for a, b in zip(new, trust, strict=True)), default=0.0)
        trust = new
        converged = delta < params.tolerance
    return trust, confidence, iterations, converged


def conflicting_sides(items: Sequence[Item], clusters: Mapping[int, int]) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, of a group's value clusters with two claims that truly conflict.

    Mirrors `compare.compare`: incompatible values are a conflict unless both claims state
    periods that do not overlap (then they are a change over time).
    """
    by_cluster = distinct_by_cluster(items, dict(clusters))
    keys = sorted(by_cluster)
    out: set[tuple[int, int]] = set()
    for i, ca in enumerate(keys):
        for cb in keys[i + 1 :]:
            if any(_conflict(a, b) for a in by_cluster[ca] for b in by_cluster[cb]):
                out.add((ca, cb))
    return out


def _conflict(a: Item, b: Item) -> bool:
    if compatible(a, b):
        return False
    return not (a.dated and b.dated and not overlaps((a.period_start, a.period_end), (b.period_start, b.period_end)))
