"""Source files: which file path holds which stored document, and metadata users set per file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import PurePath

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from claimcheck.db.chunks import chunks
from claimcheck.db.documents import Key, keys_of_source
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import Source, SourceFile, SourceOverride

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
    for chunk in chunks(list(dict.fromkeys(paths))):
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
    touched = keys_of_source(session, source_id)
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
    for chunk in chunks([path for path, _ in rows]):
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
    for chunk in chunks(list(digests)):
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
