"""Groups: the groups pending recomputation, each group's distinct values as read, and what comparison judged of it.

Nothing here compares: pipeline.grouping reads a group's values through `value_rows`, has the
comparison stage judge them, and hands the outcome (`Judged`) back to `store_judged`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from claimcheck.db import copies
from claimcheck.db.chunks import chunks
from claimcheck.db.documents import INSERT_ROWS, Key
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, GroupRival, PendingGroup, Source

_C = ClaimRow.__table__.c
# What a claim brings to its group's comparison (see compare.signature); the covering index
# ix_claims_group_values starts with the group key and these, so a group is read in order
# from the index alone, however scattered its claims are in the table.
_VALUE_COLUMNS = (_C.low, _C.high, _C.period_start, _C.period_end, _C.period_text, _C.value_text, _C.kind, _C.unit)


def _group_values(source: ColumnElement[int]) -> Select:  # type: ignore[type-arg]
    """Each value row of a group with its claims counted, `source` being what counts as one
    source (the source, or its near-copy family)."""
    return select(
        _C.group_key,
        *_VALUE_COLUMNS,
        func.min(_C.id).label("id"),
        func.count().label("n"),
        func.min(source).label("src_low"),
        func.max(source).label("src_high"),
        func.min(_C.group_id).label("gid_low"),
        func.max(_C.group_id).label("gid_high"),
        func.count(_C.group_id).label("gid_n"),
        func.min(_C.value_cluster).label("vc_low"),
        func.max(_C.value_cluster).label("vc_high"),
        func.count(_C.value_cluster).label("vc_n"),
    ).group_by(_C.group_key, *_VALUE_COLUMNS)


# While no source is a near-copy (the usual case), a group is read from the covering index
# alone; otherwise each claim's source row is joined for its family (db.copies.FAMILY).
_GROUP_VALUES = _group_values(_C.source_id)
_GROUP_VALUES_BY_FAMILY = _group_values(copies.FAMILY).join(Source, Source.id == _C.source_id)
_SET_SIDE = (
    update(ClaimRow.__table__)
    .where(
        _C.group_key == bindparam("b_key"),
        *(col.is_not_distinct_from(bindparam(f"b_{col.name}")) for col in _VALUE_COLUMNS),
        or_(_C.group_id.is_distinct_from(bindparam("b_gid")), _C.value_cluster.is_distinct_from(bindparam("b_vc"))),
    )
    .values(group_id=bindparam("b_gid"), value_cluster=bindparam("b_vc"))
)
_GROUP_FIELDS = ("status", "n_claims", "n_sources", "n_clusters", "updated_at")
Identity = tuple[str, str | None, str, str | None, str | None]  # a group's kind, subject, metric, object, unit


@dataclass(frozen=True)
class GroupSize:
    """How big a group's key is in the claims table now."""

    first: int  # lowest claim id
    claims: int
    sources: int


NO_CLAIMS = GroupSize(0, 0, 0)


@dataclass(frozen=True)
class Judged:
    """What the comparison stage decided about one group, as stored: its status and counts,
    its rival side pairs, and the side (value cluster) of each of its value rows."""

    key: Key
    status: str
    size: GroupSize
    n_clusters: int
    rivals: frozenset[tuple[int, int]]
    sides: tuple[tuple[Any, int], ...]  # (a value row from value_rows, its side)


def sizes(session: Session, keys: Sequence[Key]) -> dict[Key, GroupSize]:
    """The size of each of these keys that still has claims (its sources: near-copies of one
    document count once)."""
    out: dict[Key, GroupSize] = {}
    families = copies.any_copies(session)
    query = select(
        ClaimRow.group_key,
        func.min(ClaimRow.id),
        func.count(),
        func.count((copies.FAMILY if families else ClaimRow.source_id).distinct()),
    ).group_by(ClaimRow.group_key)
    if families:  # a document and its near-copies are one source (compare.copies)
        query = query.join(Source, Source.id == ClaimRow.source_id)
    for chunk in chunks(keys):
        for key, lowest, n, n_sources in session.execute(query.where(ClaimRow.group_key.in_(chunk))):
            out[key] = GroupSize(lowest, n, n_sources)
    return out


def value_rows(session: Session, keys: Sequence[Key]) -> tuple[dict[Key, list[Any]], dict[Key, int]]:
    """Each key's distinct values (one row per value, with its lowest claim id, how many claims
    state it, its sources (near-copies of one document as one) and the group and side they are stored in), sorted by claim id; and
    the ids of the keys' stored groups."""
    values: dict[Key, list[Any]] = {k: [] for k in keys}
    existing: dict[Key, int] = {}
    query = _GROUP_VALUES_BY_FAMILY if copies.any_copies(session) else _GROUP_VALUES
    for chunk in chunks(keys):
        for r in session.execute(query.where(_C.group_key.in_(chunk))):
            values[r.group_key].append(r)
        existing.update(session.execute(select(ClaimGroup.key, ClaimGroup.id).where(ClaimGroup.key.in_(chunk))).all())
    return {k: sorted(rows, key=lambda r: r.id) for k, rows in values.items()}, existing


def delete_groups(session: Session, group_ids: Sequence[int]) -> None:
    """Delete groups no claim is in any more."""
    if group_ids:
        session.execute(delete(ClaimGroup).where(ClaimGroup.id.in_(group_ids)))


def identities(session: Session, keys: Sequence[Key]) -> dict[Key, Identity]:
    """The (kind, subject, metric, object, unit) of the groups with these keys, the same
    whatever order their claims came in: each part the least its claims state. (A group of one
    sentence restated word for word in documents about different places names one of them; by
    its first claim, four machines ingesting at once named another than one process did.)"""
    cols = (_C.kind, _C.subject, _C.metric, _C.object, _C.unit)
    return {
        r[0]: tuple(r[1:])  # type: ignore[misc]
        for chunk in chunks(list(keys))
        for r in session.execute(
            select(_C.group_key, *(func.min(c) for c in cols)).where(_C.group_key.in_(chunk)).group_by(_C.group_key)
        )
    }


def store_judged(
    session: Session, judged: Sequence[Judged], existing: dict[Key, int], named: dict[Key, Identity], now: datetime
) -> None:
    """Store what comparison judged: existing groups updated (ids in `existing`), new ones
    inserted under the identity `named` gives them, numbered in the order their first claim
    was stored; then their rival pairs, and the side of every claim whose side changed."""
    existing = dict(existing)
    fields = {j.key: _fields(j, now) for j in judged}
    changed = [{"gid": existing[j.key], **fields[j.key], **_named(named[j.key])} for j in judged if j.key in existing]
    if changed:  # one executemany, not a statement per group
        t = ClaimGroup.__table__
        session.execute(
            t.update()
            .where(t.c.id == bindparam("gid"))
            .values({c: bindparam(c) for c in (*_GROUP_FIELDS, *_IDENTITY_FIELDS)}),
            changed,
        )
    new = sorted((j for j in judged if j.key not in existing), key=lambda j: j.size.first)
    if new:  # readable, stable ids: in the order of each group's first claim
        rows = [
            dict(
                key=j.key,
                **fields[j.key],
                **_named(named[j.key]),
            )
            for j in new
        ]
        t = ClaimGroup.__table__
        for g in session.execute(insert(t).returning(t.c.key, t.c.id), rows):
            existing[g.key] = g.id
    _save_rivals(session, [existing[j.key] for j in judged], {existing[j.key]: j.rivals for j in judged})
    _save_sides(session, judged, existing)


_IDENTITY_FIELDS = ("kind", "subject", "metric", "object", "unit")


def _named(identity: Identity) -> dict[str, object]:
    return dict(zip(_IDENTITY_FIELDS, identity, strict=True))


def _fields(j: Judged, now: datetime) -> dict[str, object]:
    return dict(
        status=j.status, n_claims=j.size.claims, n_sources=j.size.sources, n_clusters=j.n_clusters, updated_at=now
    )


def _save_rivals(session: Session, group_ids: list[int], rivals: dict[int, frozenset[tuple[int, int]]]) -> None:
    """Replace the rival side pairs of these (just recomputed) groups."""
    t = GroupRival.__table__
    for chunk in chunks(group_ids):
        session.execute(t.delete().where(t.c.group_id.in_(chunk)))
    rows = [{"group_id": g, "side_a": a, "side_b": b} for g in group_ids for a, b in sorted(rivals[g])]
    if rows:
        session.execute(insert(t), rows)


def _save_sides(session: Session, judged: Sequence[Judged], existing: dict[Key, int]) -> None:
    """Store the group and side of the claims whose group or side changed: a large group gains
    a claim or two per batch, and rewriting all its rows each time made ingest cost grow with it."""
    updates = [
        {
            "b_key": j.key,
            **{f"b_{col.name}": getattr(r, col.name) for col in _VALUE_COLUMNS},
            "b_gid": existing[j.key],
            "b_vc": vc,
        }
        for j in judged
        for r, vc in j.sides
        if not _on_side(r, existing[j.key], vc)
    ]
    if updates:
        session.execute(_SET_SIDE, updates)


def _on_side(r: Any, gid: int, vc: int) -> bool:
    """Whether every claim of this value row is already stored in group `gid`, side `vc`."""
    return r.gid_n == r.vc_n == r.n and r.gid_low == r.gid_high == gid and r.vc_low == r.vc_high == vc


def mark_pending(session: Session, keys: Iterable[Key]) -> None:
    """Note groups to recompute; done in the caller's transaction with the claims.

    Insert-or-ignore, so that two processes marking the same group never fail."""
    ordered = sorted(set(keys))
    for chunk in chunks(ordered, INSERT_ROWS):  # (a huge document's claims are in thousands of groups)
        _mark_pending(session, [{"key": k} for k in chunk])


def _mark_pending(session: Session, rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(PendingGroup.__table__).on_conflict_do_nothing(), rows)
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(PendingGroup.__table__).on_conflict_do_nothing(), rows)
    else:  # pragma: no cover - other databases: check first
        have = set(session.scalars(select(PendingGroup.key).where(PendingGroup.key.in_([r["key"] for r in rows]))))
        new = [r for r in rows if r["key"] not in have]
        if new:
            session.execute(insert(PendingGroup), new)


def pending_keys(session: Session) -> list[Key]:
    """The keys of the groups waiting to be recomputed."""
    return list(session.scalars(select(PendingGroup.key)))


def clear_pending(session: Session, keys: Sequence[Key]) -> None:
    """These groups are recomputed: no longer pending."""
    for chunk in chunks(keys):
        session.execute(delete(PendingGroup).where(PendingGroup.key.in_(chunk)))
