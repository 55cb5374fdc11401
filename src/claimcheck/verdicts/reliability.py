"""Source reliability from the database: TruthFinder over every group's value clusters.

Functions take a Session owned by the caller; only `save_trust` and `refresh_trust` write
(the stored scores, a cache that ingest fills once per run). The scores are advice shown
beside conflicts; nothing here picks a winner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.compare import Item
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source
from claimcheck.db.store import lock_groups, trust_is_stale
from claimcheck.db.verdict_models import TrustSide, TrustSource, TrustState
from claimcheck.verdicts.truth import TruthParams, conflicting_sides, truthfinder

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
    """Run TruthFinder on all groups' value clusters (advice; it never picks a winner)."""
    params = params or TruthParams()
    rows = session.execute(
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
            ClaimGroup.status,
        )
        .join(ClaimGroup, ClaimGroup.id == ClaimRow.group_id)
        .where(ClaimRow.value_cluster.is_not(None))
        .order_by(ClaimRow.group_id, ClaimRow.id)
    ).all()
    support: dict[Fact, set[int]] = {}
    in_conflict: dict[int, list[tuple[Item, int]]] = {}
    for r in rows:
        support.setdefault((r.group_id, r.value_cluster), set()).add(r.source_id)
        if r.status == "conflict":
            item = Item(
                r.id,
                r.source_id,
                r.low,
                r.high,
                r.period_start,
                r.period_end,
                r.value_text if r.kind != "numeric" else None,
            )
            in_conflict.setdefault(r.group_id, []).append((item, r.value_cluster))
    conflicts: dict[Fact, set[Fact]] = {}
    for gid, members in in_conflict.items():
        clusters = {it.claim_id: cl for it, cl in members}
        for a, b in conflicting_sides([it for it, _ in members], clusters):
            conflicts.setdefault((gid, a), set()).add((gid, b))
    result = truthfinder(support, conflicts, params)
    names = {sid: name for sid, name in session.execute(select(Source.id, Source.name))}
    facts_of: dict[int, set[Fact]] = {}
    for f, ws in support.items():
        for w in ws:
            facts_of.setdefault(w, set()).add(f)
    sources = sorted(
        (
            SourceTrust(w, names.get(w, "?"), t, len(facts_of[w]), len({g for g, _ in facts_of[w]}))
            for w, t in result.trust.items()
        ),
        key=lambda s: (-s.trust, s.source, s.source_id),
    )
    return TruthReport(sources, dict(result.confidence), result.iterations, result.converged, params)


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
    """Replace the stored scores with `report`: trust per source, support per side of every
    group with two or more sides."""
    lock_groups(session)
    contested = set(session.scalars(select(ClaimGroup.id).where(ClaimGroup.n_clusters >= 2)))
    session.execute(delete(TrustSide))
    session.execute(delete(TrustSource))
    sources = [{"source_id": s.source_id, "trust": s.trust} for s in report.sources]
    sides = [
        {"group_id": g, "value_cluster": c, "support": v}
        for (g, c), v in sorted(report.support.items())
        if g in contested
    ]
    if sources:
        session.execute(insert(TrustSource), sources)
    if sides:
        session.execute(insert(TrustSide), sides)
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
