"""Source reliability from the database: TruthFinder over every group's value clusters.

Functions take a Session owned by the caller; only `save_trust` and `refresh_trust` write
(the stored scores, a cache that `ingest --trust` fills; a read computes what it shows
while they are stale, see current_support). The scores are advice shown
beside conflicts; nothing here picks a winner.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.db.chunks import chunks
from claimcheck.db.copies import FAMILY, any_copies
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, GroupRival, Source
from claimcheck.db.state import lock_groups, trust_is_stale
from claimcheck.db.verdict_models import TrustSide, TrustSource, TrustState
from claimcheck.verdicts.truth import TruthParams, confidence_arrays, truthfinder_arrays

Fact = tuple[int, int]  # (group id, value cluster)


@dataclass(frozen=True)
class SourceTrust:
    source_id: int
    source: str
    trust: float
    sides: int  # value clusters (sides of groups) the source supports
    groups: int


@dataclass(frozen=True)
class TruthReport:
    """TruthFinder over every group: trust per source, and support per side (value cluster)
    of each group with two or more sides, as parallel arrays (hundreds of thousands of sides
    on a large database: a dict of tuples would be most of the memory)."""

    sources: list[SourceTrust]
    side_group: Any  # numpy arrays, one entry per side
    side_cluster: Any
    side_support: Any
    iterations: int
    converged: bool
    params: TruthParams = field(default_factory=TruthParams)

    @cached_property
    def support(self) -> dict[Fact, float]:
        """Support per (group id, value cluster)."""
        return dict(self.sides())

    def sides(self, chunk: int = 20_000) -> Iterator[tuple[Fact, float]]:
        """((group id, value cluster), support) in group order, a chunk of arrays at a time."""
        for i in range(0, len(self.side_group), chunk):
            groups = self.side_group[i : i + chunk].tolist()
            clusters = self.side_cluster[i : i + chunk].tolist()
            support = self.side_support[i : i + chunk].tolist()
            yield from zip(zip(groups, clusters, strict=True), support, strict=True)


def truth_report(session: Session, params: TruthParams | None = None) -> TruthReport:
    """Run TruthFinder on all groups' value clusters (advice; it never picks a winner).

    Streams the database: the distinct (group, side, source) triples in order become
    positions in flat arrays, and the rival sides are those regrouping stored in
    group_rivals, so memory grows with the number of sides and sources, a few bytes each,
    not with the claims' rows, and no claim is compared again."""
    import numpy as np

    params = params or TruthParams()
    source_no: dict[int, int] = {}
    sources: list[int] = []
    source = array("i")  # source numbers, fact after fact
    start = array("q")  # where each fact's sources begin
    fact_group = array("q")
    fact_cluster = array("q")
    current: Fact | None = None
    groups_of: list[int] = []  # groups each source has a side in (one-sided groups count too)
    in_group: set[int] = set()  # sources of the current group
    triples = _triples(session, ClaimRow.group_id.is_not(None))
    # on the Core connection: the ORM result layer cost more than the query on 2M claims
    for gid, cluster, sid in session.connection().execute(triples.execution_options(yield_per=20_000)):
        if (gid, cluster) != current:
            if current is not None and gid != current[0]:
                in_group.clear()
            current = (gid, cluster)
            start.append(len(source))
            fact_group.append(gid)
            fact_cluster.append(cluster)
        w = source_no.get(sid)
        if w is None:
            w = source_no[sid] = len(sources)
            sources.append(sid)
            groups_of.append(0)
        source.append(w)
        if w not in in_group:
            in_group.add(w)
            groups_of[w] += 1
    start.append(len(source))
    source_arr = np.frombuffer(source, dtype=np.int32) if source else np.zeros(0, dtype=np.int32)
    groups = np.frombuffer(fact_group, dtype=np.int64) if fact_group else np.zeros(0, dtype=np.int64)
    clusters = np.frombuffer(fact_cluster, dtype=np.int64) if fact_cluster else np.zeros(0, dtype=np.int64)
    rivals = _fact_numbers(groups, clusters, np.array(list(_conflicting_pairs(session)), dtype=np.int64))
    trust, confidence, iterations, converged = truthfinder_arrays(
        source_arr, np.frombuffer(start, dtype=np.int64), len(sources), rivals, params
    )
    names = {sid: name for sid, name in session.execute(select(Source.id, Source.name))}
    sides = np.bincount(source_arr, minlength=len(sources)).tolist()  # sides each source supports
    trust_of = trust.tolist()
    report_sources = sorted(
        (SourceTrust(sid, names.get(sid, "?"), trust_of[w], sides[w], groups_of[w]) for w, sid in enumerate(sources)),
        key=lambda x: (-x.trust, x.source, x.source_id),
    )
    contested = np.isin(groups, np.array(list(_contested_groups(session)), dtype=np.int64))
    if not len(confidence):
        contested[:] = False
    return TruthReport(
        report_sources,
        groups[contested],
        clusters[contested],
        confidence[contested] if len(confidence) else np.zeros(0),
        iterations,
        converged,
        params,
    )


def _contested_groups(session: Session) -> Iterable[int]:
    return session.scalars(select(ClaimGroup.id).where(ClaimGroup.n_clusters >= 2))


def _fact_numbers(groups: Any, clusters: Any, pairs: Any) -> Any:
    """(group, side a, side b) rows as pairs of fact positions, given each fact's group and
    side in (group, side) order; pairs naming a side without facts are dropped."""
    import numpy as np

    if not len(pairs) or not len(groups):
        return np.zeros((0, 2), dtype=np.int64)
    width = int(max(clusters.max(), pairs[:, 1:].max())) + 1
    keys = groups * width + clusters  # ascending, as the facts are in (group, side) order
    found = []
    for side in (1, 2):
        want = pairs[:, 0] * width + pairs[:, side]
        at = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
        found.append((at, keys[at] == want))
    (a, ok_a), (b, ok_b) = found
    ok = ok_a & ok_b
    return np.stack([a[ok], b[ok]], axis=1)


def _triples(session: Session, where: Any) -> Any:
    """The distinct (group, side, source) of the claims `where` selects, in that order. A
    source here is a near-copy family (db.copies.FAMILY, the original's id): a document and
    its lightly edited copies vote once, and their trust is the original's. While no source
    is a copy, the family is the source, read in order from ix_claims_group_side_source alone."""
    if not any_copies(session):
        source: Any = ClaimRow.source_id
        query = select(ClaimRow.group_id, ClaimRow.value_cluster, source)
    else:
        source = FAMILY
        query = select(ClaimRow.group_id, ClaimRow.value_cluster, source).join(Source, Source.id == ClaimRow.source_id)
    return (
        query.where(ClaimRow.value_cluster.is_not(None), where)
        .distinct()
        .order_by(ClaimRow.group_id, ClaimRow.value_cluster, source)
    )


def _conflicting_pairs(session: Session, group_ids: list[int] | None = None) -> list[tuple[int, ...]]:
    """(group, side a, side b) for the sides of groups in conflict that truly conflict, as
    regrouping recorded them (of the given groups, or all)."""
    query = select(GroupRival.group_id, GroupRival.side_a, GroupRival.side_b)
    if group_ids is not None:
        query = query.where(GroupRival.group_id.in_(group_ids))
    return [tuple(r) for r in session.connection().execute(query)]


SIDE_COLUMNS = ["group_id", "value_cluster", "support", "status", "subject", "metric", "object", "sources", "values"]


def side_rows(session: Session, report: TruthReport, contested_only: bool = True) -> list[dict[str, object]]:
    """One row per (group, side) with its support; only groups with two or more sides by default."""
    groups = {g.id: g for g in session.scalars(select(ClaimGroup))}
    members: dict[Fact, list[tuple[str, int]]] = {}
    for gid, cl, surface, sid in session.execute(
        select(ClaimRow.group_id, ClaimRow.value_cluster, ClaimRow.surface, FAMILY)  # (near-copies as one)
        .join(Source, Source.id == ClaimRow.source_id)
        .where(ClaimRow.value_cluster.is_not(None))
        .order_by(ClaimRow.id)
    ):
        members.setdefault((gid, cl), []).append((surface, sid))
    rows: list[dict[str, object]] = []
    for (gid, cl), support in sorted(report.support.items()):
        g = groups.get(gid)
        if g is None or (contested_only and g.n_clusters < 2):
            continue
        got = members.get((gid, cl), [])
        rows.append(
            {
                "group_id": gid,
                "value_cluster": cl,
                "support": support,
                "status": g.status,
                "subject": g.subject,
                "metric": g.metric,
                "object": g.object,
                "sources": len({sid for _, sid in got}),
                "values": "; ".join(dict.fromkeys(surface for surface, _ in got)),
            }
        )
    return rows


def source_trust(session: Session, params: TruthParams | None = None) -> dict[int, float]:
    """Trust per source id, in (0, 1): advice to show beside a conflict, not a verdict."""
    return {s.source_id: s.trust for s in truth_report(session, params).sources}


def cluster_support(
    session: Session, group_ids: Iterable[int] | None = None, params: TruthParams | None = None
) -> dict[Fact, float]:
    """Confidence per (group id, value cluster), in (0, 1), for the given groups (or all)."""
    support = truth_report(session, params).support
    if group_ids is None:
        return support
    wanted = set(group_ids)
    return {k: v for k, v in support.items() if k[0] in wanted}


# -- stored scores: stored on request (ingest --trust), read by `conflicts` -----------------
def save_trust(session: Session, report: TruthReport, began: datetime | None = None) -> None:
    """Replace the stored scores with `report`: trust per source, support per side (the
    report holds the sides of groups with two or more). `began`: when the report started
    reading the groups (now, if not given)."""
    lock_groups(session)
    session.execute(delete(TrustSide))
    session.execute(delete(TrustSource))
    sources = [{"source_id": s.source_id, "trust": s.trust} for s in report.sources]
    # Core executemany on the tables, a chunk at a time: hundreds of thousands of rows on a
    # large database
    if sources:
        session.execute(insert(TrustSource.__table__), sources)
    chunk: list[dict[str, Any]] = []
    for (g, c), v in report.sides():
        chunk.append({"group_id": g, "value_cluster": c, "support": v})
        if len(chunk) == 20_000:
            session.execute(insert(TrustSide.__table__), chunk)
            chunk = []
    if chunk:
        session.execute(insert(TrustSide.__table__), chunk)
    values = {
        "stale": False,
        "computed_at": began or _now(),
        "iterations": report.iterations,
        "converged": report.converged,
    }
    if not session.execute(update(TrustState).where(TrustState.id == 1).values(**values)).rowcount:
        session.add(TrustState(id=1, **values))
    session.flush()


# TruthFinder runs over the whole database when the sources that no stored trust describes
# reach this share of those it does; until then changed groups are scored with stored trust
FULL_AFTER = 0.25
# groups regrouped this long before the last scoring are scored again: a concurrent ingest
# (PostgreSQL) may commit groups it regrouped before that scoring began
_OVERLAP = timedelta(minutes=10)


def refresh_trust(session: Session, params: TruthParams | None = None) -> bool:
    """Store fresh scores if groups changed since they were; True if it did.

    TruthFinder is global: a source's trust depends on every group it has a side in, so a
    full run reads every group. A few documents added to a large database change little of
    that, so only the groups they changed are scored, with the stored trust of their sources
    (the initial trust for sources it does not cover yet), until those new sources reach
    `FULL_AFTER` of the covered ones; then the whole database is scored again."""
    if not trust_is_stale(session):
        return False
    lock_groups(session)  # (before reading: no regrouping may land between the read and the write)
    began = _now()
    state = session.get(TrustState, 1)
    covered = session.scalar(select(func.count()).select_from(TrustSource)) or 0
    if state is None or state.computed_at is None or not covered or _uncovered(session) > FULL_AFTER * covered:
        save_trust(session, truth_report(session, params), began)
    else:
        rescore_changed(session, state.computed_at - _OVERLAP, params, began)
    return True


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _uncovered(session: Session) -> int:
    """Sources with claims in groups that the stored trust does not cover (added since); a
    near-copy is covered by its original's trust."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Source)
            .where(
                Source.copy_of.is_(None),
                ~select(TrustSource.source_id).where(TrustSource.source_id == Source.id).exists(),
                select(ClaimRow.id).where(ClaimRow.source_id == Source.id, ClaimRow.group_id.is_not(None)).exists(),
            )
        )
        or 0
    )


def rescore_changed(
    session: Session, since: datetime, params: TruthParams | None = None, began: datetime | None = None
) -> None:
    """Score the sides of the groups regrouped since `since` with the stored trust of their
    sources, and replace their stored support; source trust is left as it is. `began`: when
    the scoring started (now, if not given)."""
    import numpy as np

    params = params or TruthParams()
    lock_groups(session)
    changed = session.execute(select(ClaimGroup.id, ClaimGroup.n_clusters).where(ClaimGroup.updated_at >= since)).all()
    for chunk in chunks([gid for gid, _ in changed]):
        session.execute(delete(TrustSide).where(TrustSide.group_id.in_(chunk)))
    contested = sorted(gid for gid, n in changed if n >= 2)
    rows: list[dict[str, Any]] = []
    conn = session.connection()  # Core rows: a hot group has tens of thousands of sources
    for chunk in chunks(contested):
        flat = array("q")  # group, side, source: triple after triple
        for triple in conn.execute(_triples(session, ClaimRow.group_id.in_(chunk))):
            flat.extend(tuple(triple))
        if not flat:
            continue
        triples = np.frombuffer(flat, dtype=np.int64).reshape(-1, 3)
        sids, source_of = np.unique(triples[:, 2], return_inverse=True)
        trust = np.full(len(sids), params.initial_trust)  # sources added since the last full run
        known = array("q")
        known_trust = array("d")
        for some in chunks(sids.tolist(), 10_000):  # (a hot group has more sources than a query takes parameters)
            for sid, t in conn.execute(
                select(TrustSource.source_id, TrustSource.trust).where(TrustSource.source_id.in_(some))
            ):
                known.append(sid)
                known_trust.append(t)
        if known:
            trust[np.searchsorted(sids, np.frombuffer(known, dtype=np.int64))] = np.frombuffer(known_trust)
        new_fact = np.ones(len(triples), dtype=bool)
        new_fact[1:] = (triples[1:, 0] != triples[:-1, 0]) | (triples[1:, 1] != triples[:-1, 1])
        first = np.flatnonzero(new_fact)
        groups, clusters = triples[first, 0], triples[first, 1]
        pairs = array("q")
        for pair in _conflicting_pairs(session, chunk):
            pairs.extend(pair)
        confidence = confidence_arrays(
            trust[source_of],
            np.append(first, len(triples)),
            _fact_numbers(groups, clusters, np.frombuffer(pairs, dtype=np.int64).reshape(-1, 3)),
            params,
        )
        rows += [
            {"group_id": g, "value_cluster": c, "support": v}
            for g, c, v in zip(groups.tolist(), clusters.tolist(), confidence.tolist(), strict=True)
        ]
    for chunk in chunks(rows, 20_000):
        session.execute(insert(TrustSide.__table__), chunk)
    session.execute(update(TrustState).where(TrustState.id == 1).values(stale=False, computed_at=began or _now()))
    session.flush()


def current_support(session: Session, group_ids: Iterable[int]) -> dict[Fact, float]:
    """Support per side of the given groups: the stored scores, or computed now if they are stale."""
    if trust_is_stale(session):
        return cluster_support(session, group_ids)
    from claimcheck.db import reads

    return reads.stored_support(reads.sqlalchemy_run(session), sorted(set(group_ids)))
