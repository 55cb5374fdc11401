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

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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
    import numpy as np

    supporters = [sorted({source_no[w] for w in support[f]}) for f in facts]
    start = np.zeros(len(facts) + 1, dtype=np.int64)
    np.cumsum([len(ws) for ws in supporters], out=start[1:])
    source = np.array([w for ws in supporters for w in ws], dtype=np.int32)
    pairs = [
        (i, j)
        for f, gs in (conflicts or {}).items()
        if (i := fact_no.get(f)) is not None
        for g in gs
        if (j := fact_no.get(g)) is not None
    ]
    rivals = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    trust, confidence, iterations, converged = truthfinder_arrays(source, start, len(sources), rivals, params)
    return TruthResult(
        dict(zip(sources, trust.tolist(), strict=True)),
        dict(zip(facts, confidence.tolist(), strict=True)) if len(confidence) else {},
        iterations,
        converged,
    )


def truthfinder_arrays(
    source: Any,
    start: Any,
    n_sources: int,
    rivals: Any,
    params: TruthParams = TruthParams(),  # noqa: B008 - frozen, so a shared default is safe
) -> tuple[Any, Any, int, bool]:
    """TruthFinder on numpy arrays: fact f is supported by the sources
    `source[start[f]:start[f + 1]]`, `rivals` is an (n, 2) array
    of conflicting fact pairs. Returns trust per source and confidence per fact (arrays).

    Arrays, not Python lists: on a large database an iteration runs over millions of
    (source, fact) pairs, which numpy sums in milliseconds in a few bytes each; the sums run
    in a fixed order, so the result is deterministic."""
    import numpy as np

    n_facts = len(start) - 1
    fact_of_pair, a, b = _layout(start, rivals)
    per_source = np.bincount(source, minlength=n_sources).astype(np.float64)
    has_facts = per_source > 0
    trust = np.full(n_sources, params.initial_trust)
    confidence = np.zeros(0)
    iterations, converged = 0, n_facts == 0
    while not converged and iterations < params.max_iterations:
        iterations += 1
        confidence = _confidence(trust[source], fact_of_pair, n_facts, a, b, params)
        sums = np.bincount(source, weights=confidence[fact_of_pair], minlength=n_sources)
        new = np.where(has_facts, sums / np.maximum(per_source, 1.0), params.initial_trust)
        delta = float(np.max(np.abs(new - trust))) if n_sources else 0.0
        trust = new
        converged = delta < params.tolerance
    return trust, confidence, iterations, converged


def confidence_arrays(
    trust_of_pair: Any,
    start: Any,
    rivals: Any,
    params: TruthParams = TruthParams(),  # noqa: B008 - frozen, so a shared default is safe
) -> Any:
    """Confidence per fact for sources of known trust, without iterating: fact f is
    supported by sources of trust `trust_of_pair[start[f]:start[f + 1]]`. With the trust a
    full run converged to, this is the confidence that run gave each fact."""
    fact_of_pair, a, b = _layout(start, rivals)
    return _confidence(trust_of_pair, fact_of_pair, len(start) - 1, a, b, params)


def _layout(start: Any, rivals: Any) -> tuple[Any, Any, Any]:
    """The fact of each (fact, source) pair, and the rival pairs both ways round, once each."""
    import numpy as np

    fact_of_pair = np.repeat(np.arange(len(start) - 1, dtype=np.int32), np.diff(start))
    pairs = np.unique(np.sort(rivals[rivals[:, 0] != rivals[:, 1]], axis=1), axis=0)  # symmetric, once each
    return fact_of_pair, np.concatenate([pairs[:, 0], pairs[:, 1]]), np.concatenate([pairs[:, 1], pairs[:, 0]])


def _confidence(trust_of_pair: Any, fact_of_pair: Any, n_facts: int, a: Any, b: Any, params: TruthParams) -> Any:
    """s(f) from the trust of each pair's source: sigma, less rho times the rivals' sigma,
    through the dampened logistic function."""
    import numpy as np

    tau = -np.log1p(-np.minimum(trust_of_pair, _MAX_TRUST))
    sigma = np.bincount(fact_of_pair, weights=tau, minlength=n_facts)
    if len(a):
        sigma = sigma - params.influence * np.bincount(a, weights=sigma[b], minlength=n_facts)
    return np.exp(-np.logaddexp(0.0, -params.dampening * sigma))  # the logistic function, without overflow
