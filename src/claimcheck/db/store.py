"""Reading and writing rows. Functions take a Session owned by the caller and never commit."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import PurePath

from sqlalchemy import Select, bindparam, delete, func, insert, literal, or_, select, text, update
from sqlalchemy.orm import Session

from claimcheck.compare.identity import restatement
from claimcheck.compare.judge import (
    SEVERAL_SOURCES,
    Item,
    Verdict,
    comparison_key,
    item_of_claim,
    judge,
    representatives,
)
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, GroupRival, PendingGroup, Source, SourceFile, SourceOverride
from claimcheck.db.verdict_models import FTS_TABLE, TrustState
from claimcheck.model import Claim, Document

# (`local` is stored as compared_within_source; such a claim's group key is its restatement)
_CLAIM_FIELDS = tuple(f.name for f in dataclass_fields(Claim) if f.name != "local")
Key = str  # a group key: sha256 of compare.comparison_key(...)


@lru_cache(maxsize=1 << 16)  # a corpus repeats its subjects and metrics: hash each once
def group_key(
    kind: str, subject: str | None, metric: str, obj: str | None, unit: str | None, local_to: int | str | None = None
) -> Key:
    """The stable identity of a group: a hash of what makes claims comparable (for a claim
    whose identity is not confident, `local_to`: the sentence it states, compare.restatement)."""
    named = list(comparison_key(kind, subject, metric, obj, unit))
    raw = json.dumps(named if local_to is None else [*named, local_to], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


_SOURCES = Source.__table__
_FILES = SourceFile.__table__
_BY_HASH = select(_SOURCES.c.id).where(_SOURCES.c.content_hash == bindparam("digest"))
_HELD = (
    select(_FILES.c.path, _FILES.c.source_id, _SOURCES.c.content_hash)
    .join(_SOURCES, _SOURCES.c.id == _FILES.c.source_id)
    .where(_FILES.c.path.in_(bindparam("paths", expanding=True)))
)


def held_by(session: Session, paths: Sequence[str]) -> dict[str, tuple[int, str]]:
    """The source (id, content hash) each of these file paths holds now, for those recorded."""
    out: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(list(dict.fromkeys(paths)), 500):
        for path, sid, digest in session.connection().execute(_HELD, {"paths": chunk}):
            out[path] = (sid, digest)
    return out


def file_holding(held: dict[str, tuple[int, str]], paths: Sequence[str]) -> str | None:
    """The first of a file's paths (resolved, then as typed before revision 0007) recorded."""
    return next((p for p in paths if p in held), None)


def stored_source(
    session: Session, content_hash: str, paths: Sequence[str]
) -> tuple[int | None, str | None, int | None]:
    """(id of the source with this content, the path under which the file is recorded, and
    the id of the source the file holds now)."""
    same = session.connection().execute(_BY_HASH, {"digest": content_hash}).scalar()
    held = held_by(session, paths)
    recorded = file_holding(held, paths)
    return same, recorded, held[recorded][0] if recorded is not None else None


def any_stored(session: Session, digests: Sequence[str], paths: Sequence[str]) -> bool:
    """Whether a source with one of these content hashes, or a file at one of these paths, is stored."""
    if not digests and not paths:
        return False
    by_hash = select(_SOURCES.c.id).where(_SOURCES.c.content_hash.in_(list(digests))).limit(1)
    by_path = select(_FILES.c.source_id).where(_FILES.c.path.in_(list(paths))).limit(1)
    conn = session.connection()
    return conn.execute(by_hash).first() is not None or conn.execute(by_path).first() is not None


def record_files(session: Session, files: Sequence[tuple[str, int]]) -> None:
    """Record new files (resolved path, source id), none of them recorded yet."""
    if files:
        session.connection().execute(insert(_FILES), [{"path": p, "source_id": sid} for p, sid in files])


def sole_file(session: Session, source_id: int, path: str) -> bool:
    """Whether the file at `path` is the only one holding this source."""
    others = select(func.count()).where(_FILES.c.source_id == source_id, _FILES.c.path != path)
    return session.connection().execute(others).scalar() == 0


def move_file(session: Session, path: str, source_id: int, recorded: str | None) -> tuple[int | None, set[Key]]:
    """Make the file at `path` hold `source_id`. It was recorded under `recorded` (its path, or
    the path as typed before revision 0007), or not at all. Returns the source it held before,
    and the group keys of the claims removed: that source is deleted if no other file holds
    it, else shown under one of the files that still do."""
    conn = session.connection()
    before = conn.execute(select(_FILES.c.source_id).where(_FILES.c.path == recorded)).scalar() if recorded else None
    if before == source_id and recorded == path:
        return before, set()
    if recorded is not None:
        conn.execute(delete(_FILES).where(_FILES.c.path == recorded))
    conn.execute(delete(_FILES).where(_FILES.c.path == path))
    conn.execute(insert(_FILES), {"path": path, "source_id": source_id})
    if before is None or before == source_id:
        return before, set()
    return before, _let_go(session, before) or set()


def _let_go(session: Session, source_id: int) -> set[Key] | None:
    """A source a file stopped holding: shown under a file that still holds it (None), or,
    if none does, deleted with its claims (the group keys they were in)."""
    conn = session.connection()
    other = conn.execute(select(_FILES.c.path).where(_FILES.c.source_id == source_id).limit(1)).scalar()
    if other is not None:
        conn.execute(update(_SOURCES).where(_SOURCES.c.id == source_id).values(path=other, name=PurePath(other).name))
        return None
    touched = _keys_of_source(session, source_id)
    conn.execute(delete(_SOURCES).where(_SOURCES.c.id == source_id))
    return touched


def forget_files(session: Session, paths: Sequence[str], folders: Sequence[str]) -> tuple[int, int, int, set[Key]]:
    """Forget the files recorded at `paths` or anywhere under `folders` (path prefixes ending
    in a separator). A source no file holds any more is deleted with its claims. Returns the
    numbers of files forgotten, sources deleted and claims deleted, and the group keys of
    those claims."""
    conn = session.connection()
    match = [_FILES.c.path.in_(list(paths))] if paths else []
    match += [func.substr(_FILES.c.path, 1, len(f)) == f for f in folders]
    if not match:
        return 0, 0, 0, set()
    rows = conn.execute(select(_FILES.c.path, _FILES.c.source_id).where(or_(*match))).all()
    for chunk in _chunks([path for path, _ in rows], 500):
        conn.execute(delete(_FILES).where(_FILES.c.path.in_(chunk)))
    keys: set[Key] = set()
    deleted = claims = 0
    for sid in sorted({sid for _, sid in rows}):
        n = conn.execute(select(func.count()).where(ClaimRow.source_id == sid)).scalar() or 0
        touched = _let_go(session, sid)
        if touched is not None:
            keys |= touched
            deleted, claims = deleted + 1, claims + n
    return len(rows), deleted, claims, keys


def count_sources(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Source)) or 0


def source_metadata(session: Session, digests: Sequence[str]) -> dict[str, dict[str, str | None]]:
    """Stored metadata of the sources with these content hashes (and the version of the
    extractor that read each)."""
    out: dict[str, dict[str, str | None]] = {}
    for chunk in _chunks(list(digests), 500):
        rows = session.execute(
            select(
                Source.content_hash,
                Source.title,
                Source.url,
                Source.publisher,
                Source.author,
                Source.published,
                Source.extractor_version,
            ).where(Source.content_hash.in_(chunk))
        )
        for r in rows:
            out[r.content_hash] = {
                "title": r.title,
                "url": r.url,
                "publisher": r.publisher,
                "author": r.author,
                "published": r.published,
                "extractor_version": r.extractor_version,
            }
    return out


def source_overrides(session: Session) -> dict[str, dict[str, str]]:
    """Metadata users set with `claimcheck sources set`, by resolved file path."""
    out = {}
    for o in session.scalars(select(SourceOverride)):
        out[o.path] = {k: getattr(o, k) for k in ("title", "url", "publisher", "author", "published") if getattr(o, k)}
    return out


def set_source_override(session: Session, path: str, **fields: str | None) -> None:
    """Remember metadata a user gave for a file (applied at every later ingest)."""
    row = session.scalar(select(SourceOverride).where(SourceOverride.path == path))
    if row is None:
        row = SourceOverride(path=path, created_at=datetime.now(UTC).replace(tzinfo=None))
        session.add(row)
    for k, v in fields.items():
        if v is not None:
            setattr(row, k, v)
    session.flush()


def _keys_of_source(session: Session, source_id: int) -> set[Key]:
    rows = session.scalars(select(ClaimRow.group_key).where(ClaimRow.source_id == source_id).distinct())
    return {k for k in rows if k}


# executemany with RETURNING: the new ids come back in the order of the rows given
_INSERT_SOURCES = insert(Source.__table__).returning(Source.__table__.c.id, sort_by_parameter_order=True)


def save_document(
    session: Session,
    doc: Document,
    claims: Sequence[Claim],
    size: int,
    extractor_version: str,
    replace: int | None = None,
) -> tuple[int, set[Key]]:
    """Insert (or replace, given its id) a source and its claims; returns its id and the keys touched."""
    if replace is None:
        [saved] = save_documents(session, [(doc, claims, size)], extractor_version)
        return saved
    touched = _keys_of_source(session, replace)
    session.execute(delete(ClaimRow).where(ClaimRow.source_id == replace))
    session.execute(update(Source).where(Source.id == replace).values(**_source_values(doc, size, extractor_version)))
    [keys] = _insert_claims(session, [(replace, claims)], extractor_version)
    return replace, touched | keys


def save_documents(
    session: Session, docs: Sequence[tuple[Document, Sequence[Claim], int]], extractor_version: str
) -> list[tuple[int, set[Key]]]:
    """Insert new sources (document, its claims, its size in bytes) and their claims, a
    statement per table for all of them; returns each one's id and the group keys it touched."""
    if not docs:
        return []
    rows = [_source_values(doc, size, extractor_version) for doc, _, size in docs]
    ids = list(session.connection().execute(_INSERT_SOURCES, rows).scalars())
    keys = _insert_claims(session, list(zip(ids, (claims for _, claims, _ in docs), strict=True)), extractor_version)
    return list(zip(ids, keys, strict=True))


def _source_values(doc: Document, size: int, extractor_version: str) -> dict[str, object]:
    return dict(
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
        ingested_at=datetime.now(UTC).replace(tzinfo=None),
    )


def add_claims(session: Session, source_id: int, claims: Sequence[Claim], extractor_version: str) -> set[Key]:
    """Insert more claims of a stored source (a huge document's next part); the group keys touched."""
    [keys] = _insert_claims(session, [(source_id, claims)], extractor_version)
    return keys


INSERT_ROWS = 2000  # claims inserted per statement: the rows and their parameters are held only that many at once


def _insert_claims(
    session: Session, claims_of: Sequence[tuple[int, Sequence[Claim]]], extractor_version: str
) -> list[set[Key]]:
    """Insert the claims of these sources (id, claims), INSERT_ROWS to an executemany; the group keys of each."""
    touched: list[set[Key]] = [set() for _ in claims_of]
    rows = (
        _claim_row(c, source_id, extractor_version, keys)
        for (source_id, claims), keys in zip(claims_of, touched, strict=True)
        for c in claims
    )
    chunk = list(itertools.islice(rows, INSERT_ROWS))
    if not chunk:
        return touched
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:  # the insert trigger stands aside: the quotes are indexed below (migration 0006)
        after = conn.execute(select(func.max(ClaimRow.id))).scalar() or 0  # (new rows get larger ids)
        conn.execute(_DEFER_INDEX)
    while chunk:  # Core executemany on the table: the ORM's bulk path costs more than SQLite does here
        conn.execute(insert(ClaimRow.__table__), chunk)
        chunk = list(itertools.islice(rows, INSERT_ROWS))
    if sqlite:  # search index: one statement, not one per claim
        conn.execute(_INDEX_QUOTES, {"source_ids": [source_id for source_id, _ in claims_of], "after": after})
        conn.execute(_UNDEFER_INDEX)
    return touched


def _claim_row(c: Claim, source_id: int, extractor_version: str, keys: set[Key]) -> dict[str, object]:
    """A claim's row, its group key added to `keys`."""
    row = {f: getattr(c, f) for f in _CLAIM_FIELDS}  # (asdict deep-copies: slow on large batches)
    # a claim whose identity is not confident meets only its sentence restated word for word
    key = (
        group_key(c.kind, None, "", None, c.unit, restatement(c))
        if c.local
        else group_key(c.kind, c.subject, c.measure or c.metric, c.object, c.unit)
    )
    row.update(source_id=source_id, extractor_version=extractor_version, group_key=key, compared_within_source=c.local)
    keys.add(key)
    return row


_DEFER_INDEX = text("INSERT INTO claims_fts_deferred (id) VALUES (1)")
_UNDEFER_INDEX = text("DELETE FROM claims_fts_deferred")
_INDEX_QUOTES = text(
    f"INSERT INTO {FTS_TABLE}(rowid, quote) SELECT id, quote FROM claims WHERE source_id IN :source_ids AND id > :after"
).bindparams(bindparam("source_ids", expanding=True))


REGROUP_BATCH = 2000  # groups recomputed together: bounds memory when many are pending ...
REGROUP_ROWS = 50_000  # ... and claims counted together (a group larger than this is read alone)

_C = ClaimRow.__table__.c
# What a claim brings to its group's comparison (see compare.signature); the covering index
# ix_claims_group_values starts with the group key and these, so a group is read in order
# from the index alone, however scattered its claims are in the table.
_VALUE_COLUMNS = (_C.low, _C.high, _C.period_start, _C.period_end, _C.period_text, _C.value_text, _C.kind, _C.unit)
_GROUP_VALUES = select(
    _C.group_key,
    *_VALUE_COLUMNS,
    func.min(_C.id).label("id"),
    func.count().label("n"),
    func.min(_C.source_id).label("src_low"),
    func.max(_C.source_id).label("src_high"),
    func.min(_C.group_id).label("gid_low"),
    func.max(_C.group_id).label("gid_high"),
    func.count(_C.group_id).label("gid_n"),
    func.min(_C.value_cluster).label("vc_low"),
    func.max(_C.value_cluster).label("vc_high"),
    func.count(_C.value_cluster).label("vc_n"),
).group_by(_C.group_key, *_VALUE_COLUMNS)
_SET_SIDE = (
    update(ClaimRow.__table__)
    .where(
        _C.group_key == bindparam("b_key"),
        *(col.is_not_distinct_from(bindparam(f"b_{col.name}")) for col in _VALUE_COLUMNS),
        or_(_C.group_id.is_distinct_from(bindparam("b_gid")), _C.value_cluster.is_distinct_from(bindparam("b_vc"))),
    )
    .values(group_id=bindparam("b_gid"), value_cluster=bindparam("b_vc"))
)


def regroup(session: Session, keys: Iterable[Key]) -> None:
    """Recompute the groups for `keys` only: status, value clusters, counts.

    Groups are read and written back in bulk, a batch of keys at a time (memory stays
    bounded however many are pending), in the order of their first claim, so new groups are
    numbered in the order their first claim was stored. A group is read as its distinct
    values with counts, and only the claims whose side changed are written, so a group
    that has grown large costs little more to recompute than its new claims.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    sizes: dict[str, _Size] = {}
    for chunk in _chunks(keys, 500):
        for key, lowest, n, n_sources in session.execute(
            select(ClaimRow.group_key, func.min(ClaimRow.id), func.count(), func.count(ClaimRow.source_id.distinct()))
            .where(ClaimRow.group_key.in_(chunk))
            .group_by(ClaimRow.group_key)
        ):
            sizes[key] = _Size(lowest, n, n_sources)
    none = _Size(0, 0, 0)
    ordered = sorted(keys, key=lambda k: (sizes.get(k, none).first, k))  # keys with no claims left first
    now = datetime.now(UTC).replace(tzinfo=None)
    batch: list[Key] = []
    rows = 0
    for key in ordered:
        n = sizes.get(key, none).claims
        if batch and (len(batch) >= REGROUP_BATCH or rows + n > REGROUP_ROWS):
            _regroup_batch(session, batch, sizes, now)
            batch, rows = [], 0
        batch.append(key)
        rows += n
    if batch:
        _regroup_batch(session, batch, sizes, now)


@dataclass(frozen=True)
class _Size:
    first: int  # lowest claim id
    claims: int
    sources: int


def _regroup_batch(session: Session, keys: list[Key], sizes: dict[Key, _Size], now: datetime) -> None:
    values: dict[str, list] = {k: [] for k in keys}  # type: ignore[type-arg]
    existing: dict[str, int] = {}
    for chunk in _chunks(keys, 500):
        for r in session.execute(_GROUP_VALUES.where(_C.group_key.in_(chunk))):
            values[r.group_key].append(r)
        existing.update(session.execute(select(ClaimGroup.key, ClaimGroup.id).where(ClaimGroup.key.in_(chunk))).all())
    gone = [existing[k] for k in keys if not values[k] and k in existing]
    if gone:
        session.execute(delete(ClaimGroup).where(ClaimGroup.id.in_(gone)))
    verdicts: dict[str, Verdict] = {}
    sides: dict[str, list[tuple[object, int]]] = {}  # key -> (value row, its cluster)
    new_groups = []
    changed_groups: list[dict] = []  # type: ignore[type-arg]
    for k in keys:
        rows = sorted(values[k], key=lambda r: r.id)
        if not rows:
            continue
        distinct, of_row = representatives([item_of(r) for r in rows])
        verdict = judge(distinct, sizes[k].claims)
        verdicts[k] = verdict
        sides[k] = [(r, verdict.clusters[cid]) for r, cid in zip(rows, of_row, strict=True)]
        fields = dict(
            status=verdict.status,
            n_claims=sizes[k].claims,
            n_sources=sizes[k].sources,
            n_clusters=len(set(verdict.clusters.values())),
            updated_at=now,
        )
        if k not in existing:
            new_groups.append(dict(key=k, **fields))
        else:
            changed_groups.append({"gid": existing[k], **fields})
    if changed_groups:  # one executemany, not a statement per group
        t = ClaimGroup.__table__
        session.execute(
            t.update()
            .where(t.c.id == bindparam("gid"))
            .values({c: bindparam(c) for c in ("status", "n_claims", "n_sources", "n_clusters", "updated_at")}),
            changed_groups,
        )
    if new_groups:
        # number new groups in the order their first claim was stored: readable, stable ids
        new_groups.sort(key=lambda g: sizes[g["key"]].first)
        named = {
            r.group_key: comparison_key(r.kind, r.subject, r.metric, r.object, r.unit)
            for chunk in _chunks([sizes[g["key"]].first for g in new_groups], 500)
            for r in session.execute(
                select(_C.group_key, _C.kind, _C.subject, _C.metric, _C.object, _C.unit).where(_C.id.in_(chunk))
            )
        }
        for g in new_groups:
            g.update(zip(("kind", "subject", "metric", "object", "unit"), named[g["key"]], strict=True))
        t = ClaimGroup.__table__
        for g in session.execute(insert(t).returning(t.c.key, t.c.id), new_groups):
            existing[g.key] = g.id
    _save_rivals(session, [existing[k] for k in verdicts], {existing[k]: v.rivals for k, v in verdicts.items()})
    # only the claims whose group or side changed: a large group gains a claim or two per
    # batch, and rewriting all its rows each time made ingest cost grow with the group
    updates = [
        {
            "b_key": k,
            **{f"b_{col.name}": getattr(r, col.name) for col in _VALUE_COLUMNS},
            "b_gid": existing[k],
            "b_vc": vc,
        }
        for k, rows in sides.items()
        for r, vc in rows
        if not _on_side(r, existing[k], vc)
    ]
    if updates:
        session.execute(_SET_SIDE, updates)


def _on_side(r, gid: int, vc: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether every claim of this value row is already stored in group `gid`, side `vc`."""
    return r.gid_n == r.vc_n == r.n and r.gid_low == r.gid_high == gid and r.vc_low == r.vc_high == vc


def _save_rivals(session: Session, group_ids: list[int], rivals: dict[int, frozenset[tuple[int, int]]]) -> None:
    """Replace the rival side pairs of these (just recomputed) groups."""
    t = GroupRival.__table__
    for chunk in _chunks(group_ids, 500):
        session.execute(t.delete().where(t.c.group_id.in_(chunk)))
    rows = [{"group_id": g, "side_a": a, "side_b": b} for g in group_ids for a, b in sorted(rivals[g])]
    if rows:
        session.execute(insert(t), rows)


def item_of(r) -> Item:  # type: ignore[no-untyped-def]
    """What `compare` compares of a group's value row (id, low, high, period_start,
    period_end, period_text, value_text, kind and unit are read), and its one source, if it has one:
    a conflict is between sources."""
    low, high = (r.src_low, r.src_high) if hasattr(r, "src_low") else (r.source_id, r.source_id)  # (a claim row)
    source = low if low == high else SEVERAL_SOURCES
    return item_of_claim(
        r.id, source, r.low, r.high, r.period_start, r.period_end, r.kind, r.value_text, r.unit, r.period_text
    )


def mark_pending(session: Session, keys: Iterable[Key]) -> None:
    """Note groups to recompute; done in the caller's transaction with the claims.

    Insert-or-ignore, so that two processes marking the same group never fail."""
    ordered = sorted(set(keys))
    for chunk in _chunks(ordered, INSERT_ROWS):  # (a huge document's claims are in thousands of groups)
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


_SETTLE_LOCK = 0x636C6D63  # an arbitrary constant naming claimcheck's regrouping lock


def lock_document(session: Session, path: str) -> None:
    """On PostgreSQL, let one process at a time write a given path (transaction-scoped), so
    two ingests never replace the same document's claims at once. SQLite transactions are
    already serial (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int(hashlib.sha256(path.encode("utf-8")).hexdigest()[:15], 16)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def lock_groups(session: Session) -> None:
    """On PostgreSQL, one process at a time rewrites groups or the scores derived from them
    (transaction-scoped advisory lock); SQLite transactions are already serial."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SETTLE_LOCK})


def settle(session: Session) -> int:
    """Recompute every pending group; returns how many.

    On PostgreSQL a transaction-scoped advisory lock lets one process regroup at a time, so
    two ingests never create the same group twice (SQLite transactions are already serial)."""
    lock_groups(session)
    keys = pending_keys(session)
    if keys:
        regroup(session, keys)
        for chunk in _chunks(keys, 500):
            session.execute(delete(PendingGroup).where(PendingGroup.key.in_(chunk)))
        mark_trust_stale(session)
    return len(keys)


def pending_keys(session: Session) -> list[Key]:
    return list(session.scalars(select(PendingGroup.key)))


def people_in(session: Session, keys: Sequence[Key]) -> set[str]:
    """The people whose title claims are in these groups."""
    out: set[str] = set()
    for chunk in _chunks(list(keys), 500):
        out.update(
            session.scalars(
                select(ClaimRow.subject)
                .where(ClaimRow.kind == "title", ClaimRow.group_key.in_(chunk), ClaimRow.subject.is_not(None))
                .distinct()
            )
        )
    return out


def trust_is_stale(session: Session) -> bool:
    """True when groups changed since the stored TruthFinder scores were computed (or never were)."""
    state = session.get(TrustState, 1)
    return state is None or state.stale


def mark_trust_stale(session: Session) -> None:
    """Groups changed: the stored TruthFinder scores no longer describe them."""
    if not session.execute(update(TrustState).where(TrustState.id == 1).values(stale=True)).rowcount:
        session.add(TrustState(id=1, stale=True, iterations=0, converged=False))
        session.flush()


def rename_person(session: Session, old: str, new: str, aliases: Sequence[str] | None = None) -> set[Key]:
    """Give title claims of `old` (or only those written as one of `aliases`) the name `new`.

    Returns the group keys to recompute."""
    where = [ClaimRow.kind == "title", ClaimRow.subject == old]
    if aliases is not None:
        where.append(func.coalesce(ClaimRow.subject_alias, ClaimRow.subject).in_(list(aliases)))
    ids = list(session.scalars(select(ClaimRow.id).where(*where)))
    if not ids:
        return set()
    old_key, new_key = group_key("title", old, "title", None, None), group_key("title", new, "title", None, None)
    for chunk in _chunks(ids, 500):
        session.execute(update(ClaimRow).where(ClaimRow.id.in_(chunk)).values(subject=new, group_key=new_key))
    return {old_key, new_key}


_CLAIM_COLS = [c for c in ClaimRow.__table__.c]
_SOURCE_COLS = [
    Source.name.label("source_name"),
    Source.title.label("source_title"),
    Source.published.label("source_published"),
    Source.published_how.label("source_published_how"),
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


def _chunks(xs: list, n: int) -> Iterable[list]:  # type: ignore[type-arg]
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


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


def left_to_recompute(session: Session) -> tuple[int, bool]:
    """What regrouping and scoring have not caught up with (reads only): the number of pending
    group keys, and whether stored TruthFinder scores are stale while there are groups to score."""
    pending = session.scalar(select(func.count()).select_from(PendingGroup)) or 0
    has_groups = session.scalar(select(ClaimGroup.id).limit(1)) is not None
    return pending, has_groups and trust_is_stale(session)
