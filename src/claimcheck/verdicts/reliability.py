"""Source reliability from the database: TruthFinder over every group's value clusters.

Functions take a Session owned by the caller and only read. The scores are advice shown
beside conflicts; nothing here picks a winner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimcheck.compare import Item
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source
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
