"""Reading and writing rows. Functions take a Session owned by the caller and never commit."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.compare import Item, compare, comparison_key
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source
from claimcheck.model import Claim, Document

Key = tuple[str, str | None, str, str | None, str | None]


def group_key(kind: str, subject: str | None, metric: str, obj: str | None, unit: str | None) -> str:
    """The stable identity of a group: a hash of what makes claims comparable."""
    raw = json.dumps([kind, subject, metric, obj, unit], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def source_by_hash(session: Session, content_hash: str) -> Source | None:
    return session.scalar(select(Source).where(Source.content_hash == content_hash))


def source_by_path(session: Session, path: str) -> Source | None:
    return session.scalar(select(Source).where(Source.path == path).order_by(Source.id.desc()).limit(1))


def _keys_of_source(session: Session, source_id: int) -> set[Key]:
    rows = session.execute(
        select(ClaimRow.kind, ClaimRow.subject, ClaimRow.metric, ClaimRow.object, ClaimRow.unit)
        .where(ClaimRow.source_id == source_id)
        .distinct()
    )
    return {comparison_key(*r) for r in rows}


def save_document(
    session: Session,
    doc: Document,
    claims: Sequence[Claim],
    size: int,
    extractor_version: str,
    replace: Source | None = None,
) -> tuple[int, set[Key]]:
    """Insert (or replace) a source and its claims; returns its id and the keys touched."""
    now = datetime.now(UTC).replace(tzinfo=None)
    values = dict(
        name=doc.name,
        path=doc.path,
        title=doc.meta.title,
        content_hash=doc.content_hash,
        text=doc.text,
        published=doc.meta.published,
        published_how=doc.meta.published_how,
        url=doc.meta.url,
        publisher=doc.meta.publisher,
        author=doc.meta.author,
        size_bytes=size,
        extractor_version=extractor_version,
        ingested_at=now,
    )
    touched: set[Key] = set()
    if replace is not None:
        touched |= _keys_of_source(session, replace.id)
        session.execute(delete(ClaimRow).where(ClaimRow.source_id == replace.id))
        session.execute(update(Source).where(Source.id == replace.id).values(**values))
        source_id = replace.id
    else:
        source_id = session.execute(insert(Source).values(**values).returning(Source.id)).scalar_one()
    if claims:
        rows = []
        for c in claims:
            row = asdict(c)
            row.update(source_id=source_id, extractor_version=extractor_version)
            rows.append(row)
        session.execute(insert(ClaimRow), rows)
        touched |= {comparison_key(c.kind, c.subject, c.metric, c.object, c.unit) for c in claims}
    return source_id, touched


def regroup(session: Session, keys: Iterable[Key]) -> None:
    """Recompute the groups for `keys` only: status, value clusters, counts."""
    now = datetime.now(UTC).replace(tzinfo=None)
    for kind, subject, metric, obj, unit in sorted(keys, key=lambda k: json.dumps(k)):
        key = group_key(kind, subject, metric, obj, unit)
        q = select(
            ClaimRow.id,
            ClaimRow.source_id,
            ClaimRow.low,
            ClaimRow.high,
            ClaimRow.period_start,
            ClaimRow.period_end,
            ClaimRow.value_text,
            ClaimRow.kind,
            ClaimRow.unit,
        ).where(ClaimRow.kind == kind, ClaimRow.subject.is_not_distinct_from(subject), ClaimRow.metric == metric)
        if kind != "title":  # titles group by person, whatever the organisation
            q = q.where(ClaimRow.object.is_not_distinct_from(obj), ClaimRow.unit.is_not_distinct_from(unit))
        members = session.execute(q).all()
        group = session.scalar(select(ClaimGroup).where(ClaimGroup.key == key))
        if not members:
            if group is not None:
                session.delete(group)
            continue
        items = [
            Item(
                r.id,
                r.source_id,
                r.low,
                r.high,
                r.period_start,
                r.period_end,
                _text_value(r),
                kind=r.kind,
                exclusive=r.unit != "role",
            )
            for r in members
        ]
        outcome = compare(items)
        fields = dict(
            status=outcome.status,
            n_claims=len(items),
            n_sources=len({i.source_id for i in items}),
            n_clusters=len(outcome.sources_per_cluster),
            updated_at=now,
        )
        if group is None:
            group = ClaimGroup(key=key, kind=kind, subject=subject, metric=metric, object=obj, unit=unit, **fields)
            session.add(group)
            session.flush()
        else:
            for k, v in fields.items():
                setattr(group, k, v)
        session.execute(
            update(ClaimRow),
            [{"id": cid, "group_id": group.id, "value_cluster": cl} for cid, cl in outcome.clusters.items()],
        )


def _text_value(r) -> str | None:  # type: ignore[no-untyped-def]
    """What a non-numeric claim compares on: the resolved date when known, else the text."""
    if r.kind == "numeric":
        return None
    if r.kind == "event_date":
        return r.period_start or r.value_text
    return r.value_text


def person_names(session: Session) -> list[str]:
    """The names people already have in title claims."""
    rows = session.scalars(select(ClaimRow.subject).where(ClaimRow.kind == "title").distinct())
    return [r for r in rows if r]


def rename_person(session: Session, old: str, new: str) -> set[Key]:
    """Rename a person in every title claim; returns the group keys to recompute."""
    session.execute(update(ClaimRow).where(ClaimRow.kind == "title", ClaimRow.subject == old).values(subject=new))
    return {("title", old, "title", None, None), ("title", new, "title", None, None)}


def claims_query(
    subject: str | None = None, metric: str | None = None, source: str | None = None, kind: str | None = None
) -> Select:
    """Claims with their source, filtered by bound parameters (never string formatting)."""
    q = (
        select(ClaimRow, Source.name, ClaimGroup.status)
        .join(Source)
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


def groups_query(statuses: Sequence[str] | None = None) -> Select:
    q = select(ClaimGroup)
    if statuses:
        q = q.where(ClaimGroup.status.in_(statuses))
    return q.order_by(ClaimGroup.status != "conflict", ClaimGroup.subject, ClaimGroup.metric, ClaimGroup.id)


def group_members(session: Session, group_ids: Sequence[int]) -> dict[int, list[tuple[ClaimRow, Source]]]:
    """Members of the given groups, by group, ordered by period then value."""
    out: dict[int, list[tuple[ClaimRow, Source]]] = {g: [] for g in group_ids}
    if not group_ids:
        return out
    for gid_chunk in _chunks(list(group_ids), 500):
        rows = session.execute(
            select(ClaimRow, Source)
            .join(Source)
            .where(ClaimRow.group_id.in_(gid_chunk))
            .order_by(ClaimRow.group_id, ClaimRow.value_cluster, ClaimRow.period_start, ClaimRow.id)
        ).all()
        for c, s in rows:
            out[c.group_id].append((c, s))  # type: ignore[index]
    return out


def _chunks(xs: list[int], n: int) -> Iterable[list[int]]:
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


def source_claim_counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(ClaimRow.source_id, func.count()).group_by(ClaimRow.source_id))
    return {sid: n for sid, n in rows}
