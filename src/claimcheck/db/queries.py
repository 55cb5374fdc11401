"""Report queries: claims, groups with their members, and sources, as streamable Core selects."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, literal, select

from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source

_CLAIM_COLS = [c for c in ClaimRow.__table__.c]
_SOURCE_COLS = [
    Source.name.label("source_name"),
    Source.title.label("source_title"),
    Source.published.label("source_published"),
    Source.published_how.label("source_published_how"),
    func.coalesce(Source.copy_of, Source.id).label("source_family"),  # near-copies are one source (db.copies)
]


def claims_query(
    subject: str | None = None, metric: str | None = None, source: str | None = None, kind: str | None = None
) -> Select:
    """Claim rows (Core, not ORM objects) with their source and group status, filtered by bound
    parameters (never string formatting). Stream them with yield_per: memory stays flat."""
    q = (
        select(*_CLAIM_COLS, *_SOURCE_COLS, ClaimGroup.status.label("group_status"))
        .join(Source, Source.id == ClaimRow.source_id)
        .outerjoin(ClaimGroup, ClaimGroup.id == ClaimRow.group_id)
    )
    if subject:
        q = q.where(func.lower(ClaimRow.subject).contains(subject.lower(), autoescape=True))
    if metric:
        q = q.where(func.lower(ClaimRow.metric).contains(metric.lower(), autoescape=True))
    if source:
        q = q.where(Source.name.contains(source, autoescape=True))
    if kind:
        q = q.where(ClaimRow.kind == kind)
    return q.order_by(ClaimRow.id)


def _group_order(q: Select) -> Select:
    return q.order_by(ClaimGroup.status != "conflict", ClaimGroup.subject, ClaimGroup.metric, ClaimGroup.id)


def group_members_query(statuses: Sequence[str] | None = None) -> Select:
    """One row per (group, claim), conflicts first, each group's members together: one
    streaming query (groups_view's shape) instead of a query per group."""
    q = (
        select(
            ClaimGroup.id.label("group_id"),
            ClaimGroup.status,
            ClaimGroup.subject.label("group_subject"),
            ClaimGroup.metric.label("group_metric"),
            ClaimGroup.object.label("group_object"),
            ClaimGroup.n_sources,
            *_CLAIM_COLS,
            *_SOURCE_COLS,
        )
        .join(ClaimRow, ClaimRow.group_id == ClaimGroup.id)
        .join(Source, Source.id == ClaimRow.source_id)
    )
    if statuses:
        q = q.where(ClaimGroup.status.in_(statuses))
    return _group_order(q).order_by(
        ClaimRow.value_cluster,
        ClaimRow.period_start,
        ClaimRow.id,
    )


def sources_query(text: bool = True) -> Select:
    """Source rows (Core, not ORM objects: nothing is kept once read) with how many claims
    each has, by name; without their texts unless `text`. Stream them with yield_per."""
    counts = select(ClaimRow.source_id, func.count().label("n")).group_by(ClaimRow.source_id).subquery()
    columns = [c if text or c.name != "text" else literal(None).label("text") for c in Source.__table__.c]
    return (
        select(*columns, func.coalesce(counts.c.n, 0).label("claims"))
        .outerjoin(counts, counts.c.source_id == Source.id)
        .order_by(Source.name, Source.id)
    )
