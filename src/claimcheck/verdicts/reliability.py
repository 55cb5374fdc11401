"""Source reliability from the database: TruthFinder over every group's value clusters.

Functions take a Session owned by the caller; only `save_trust` and `refresh_trust` write
(the stored scores, a cache that ingest fills once per run). The scores are advice shown
beside conflicts; nothing here picks a winner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.compare import Item
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source
from claimcheck.db.store import item_of, lock_groups, trust_is_stale
from claimcheck.db.verdict_models import TrustSide, TrustSource, TrustState
from claimcheck.verdicts.truth import TruthParams, conflicting_sides, truthfinder_indexed

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
    """TruthFinder over every group: trust per source, support per (group, cluster)."""

    sources: list[SourceTrust]
    support: dict[Fact, float]
    iterations: int
    converged: bool
    params: TruthParams = field(default_factory=TruthParams)


def truth_report(session: Session, params: TruthParams | None = None) -> TruthReport:
    """Run TruthFinder on all groups' value clusters (advice; it never picks a winner).

    Streams the database: the distinct (group, side, source) triples in order become list
    positions, and only groups in conflict are read claim by claim (one group at a time), so
    memory grows with the number of sides and sources, not with the claims' rows. Support
    is kept for the sides of groups with two or more sides (the ones anyone is shown)."""
    params = params or TruthParams()
    contested = set(session.scalars(select(ClaimGroup.id).where(ClaimGroup.n_clusters >= 2)))
    source_no: dict[int, int] = {}
    sources: list[int] = []
    supporters: list[tuple[int, ...]] = []
    fact_of: dict[Fact, int] = {}  # contested sides only: their support is reported
    current: Fact | None = None
    members: list[int] = []

    def close() -> None:
        if current is not None:
            if current[0] in contested:
                fact_of[current] = len(supporters)
            supporters.append(tuple(members))

    triples = (
        select(ClaimRow.group_id, ClaimRow.value_cluster, ClaimRow.source_id)
        .where(ClaimRow.value_cluster.is_not(None), ClaimRow.group_id.is_not(None))
        .distinct()
        .order_by(ClaimRow.group_id, ClaimRow.value_cluster, ClaimRow.source_id)
    )
    for gid, cluster, sid in session.execute(triples.execution_options(yield_per=20_000)):
        if (gid, cluster) != current:
            close()
            current, members = (gid, cluster), []
        w = source_no.get(sid)
        if w is None:
            w = source_no[sid] = len(sources)
            sources.append(sid)
        members.append(w)
    close()
    pairs = [
        (fact_of[(gid, a)], fact_of[(gid, b)])
        for gid, a, b in _conflicting_pairs(session)
        if (gid, a) in fact_of and (gid, b) in fact_of
    ]
    trust, confidence, iterations, converged = truthfinder_indexed(supporters, len(sources), pairs, params)
    names = {sid: name for sid, name in session.execute(select(Source.id, Source.name))}
    sides = [0] * len(sources)  # sides (value clusters) each source supports
    for ws in supporters:
        for w in ws:
            sides[w] += 1
    # every group a source has a side in (groups with one side count too)
    group_count = dict(
        session.execute(
            select(ClaimRow.source_id, func.count(ClaimRow.group_id.distinct()))
            .where(ClaimRow.value_cluster.is_not(None))
            .group_by(ClaimRow.source_id)
        ).all()
    )
    report_sources = sorted(
        (
            SourceTrust(sid, names.get(sid, "?"), trust[w], sides[w], int(group_count.get(sid, 0)))
            for w, sid in enumerate(sources)
        ),
        key=lambda x: (-x.trust, x.source, x.source_id),
    )
    support = {fact: confidence[i] for fact, i in fact_of.items()} if confidence else {}
    return TruthReport(report_sources, support, iterations, converged, params)


def _conflicting_pairs(session: Session) -> Iterable[tuple[int, int, int]]:
    """(group, side a, side b) for the sides of groups in conflict that truly conflict; the
    claims of one group at a time."""
    rows = (
        select(
            ClaimRow.id,
            ClaimRow.source_id,
            ClaimRow.group_id,
            ClaimRow.value_cluster,
            ClaimRow.low,
            ClaimRow.high,
            ClaimRow.period_start,
            ClaimRow.period_end,
            ClaimRow.kind,
            ClaimRow.value_text,
            ClaimRow.unit,
        )
        .join(ClaimGroup, ClaimGroup.id == ClaimRow.group_id)
        .where(ClaimRow.value_cluster.is_not(None), ClaimGroup.status == "conflict")
        .order_by(ClaimRow.group_id, ClaimRow.id)
    )
    group: int | None = None
    members: list[tuple[Item, int]] = []

    def sides() -> Iterable[tuple[int, int, int]]:
        clusters = {it.claim_id: cl for it, cl in members}
        for a, b in conflicting_sides([it for it, _ in members], clusters):
            yield group, a, b  # type: ignore[misc]

    for r in session.execute(rows.execution_options(yield_per=20_000)):
        if r.group_id != group:
            if members:
                yield from sides()
            group, members = r.group_id, []
        members.append((item_of(r), r.value_cluster))  # as `compare` saw it when it grouped
    if members:
        yield from sides()


SIDE_COLUMNS = ["group_id", "value_cluster", "support", "status", "subject", "metric", "object", "sources", "values"]


def side_rows(session: Session, report: TruthReport, contested_only: bool = True) -> list[dict[str, object]]:
    """One row per (group, side) with its support; only groups with two or more sides by default."""
    groups = {g.id: g for g in session.scalars(select(ClaimGroup))}
    members: dict[Fact, list[tuple[str, int]]] = {}
    for gid, cl, surface, sid in session.execute(
        select(ClaimRow.group_id, ClaimRow.value_cluster, ClaimRow.surface, ClaimRow.source_id)
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


# -- stored scores: computed once per ingest, read by `conflicts` --------------------------
def save_trust(session: Session, report: TruthReport) -> None:
    """Replace the stored scores with `report`: trust per source, support per side (the
    report holds the sides of groups with two or more)."""
    lock_groups(session)
    session.execute(delete(TrustSide))
    session.execute(delete(TrustSource))
    sources = [{"source_id": s.source_id, "trust": s.trust} for s in report.sources]
    sides = [{"group_id": g, "value_cluster": c, "support": v} for (g, c), v in sorted(report.support.items())]
    # Core executemany on the tables: hundreds of thousands of rows on a large database
    if sources:
        session.execute(insert(TrustSource.__table__), sources)
    if sides:
        session.execute(insert(TrustSide.__table__), sides)
    values = {
        "stale": False,
        "computed_at": datetime.now(UTC).replace(tzinfo=None),
        "iterations": report.iterations,
        "converged": report.converged,
    }
    if not session.execute(update(TrustState).where(TrustState.id == 1).values(**values)).rowcount:
        session.add(TrustState(id=1, **values))
    session.flush()


def refresh_trust(session: Session, params: TruthParams | None = None) -> bool:
    """Recompute and store the scores if groups changed since they were; True if it did."""
    if not trust_is_stale(session):
        return False
    save_trust(session, truth_report(session, params))
    return True


def current_support(session: Session, group_ids: Iterable[int]) -> dict[Fact, float]:
    """Support per side of the given groups: the stored scores, or computed now if they are stale."""
    if trust_is_stale(session):
        return cluster_support(session, group_ids)
    wanted = sorted(set(group_ids))
    out: dict[Fact, float] = {}
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(TrustSide.group_id, TrustSide.value_cluster, TrustSide.support).where(
                TrustSide.group_id.in_(wanted[i : i + 500])
            )
        )
        out.update({(g, c): v for g, c, v in rows})
    return out
