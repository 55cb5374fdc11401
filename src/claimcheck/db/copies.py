"""Near-copy families: each source's band hashes, and the original its family is counted as.

Nothing here decides whether two texts are copies (compare.copies does); this stores what was
decided and finds what to ask about: the sources not signed yet, and a new one's candidates.
(Core statements on the session's connection: a few per document, where the ORM's own
overhead cost more than the queries.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.db.chunks import chunks
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import Source, SourceBand

# A source's family: the original it copies, or itself. Counting families instead of sources
# counts a document and its near-copies once.
FAMILY: ColumnElement[int] = func.coalesce(Source.copy_of, Source.id)
_SIGNED = Source.signed_hash.is_not(None)


@dataclass(frozen=True)
class Unsigned:
    """A source whose family is not decided for its current content."""

    source_id: int
    content_hash: str
    text: str
    was_copy: bool


def any_copies(session: Session) -> bool:
    """Whether some source is a near-copy of another (when none is, a family is its source)."""
    return (
        session.connection().execute(select(Source.id).where(Source.copy_of.is_not(None)).limit(1)).first() is not None
    )


def unsigned(session: Session, limit: int) -> list[Unsigned]:
    """Up to `limit` sources not signed for their current content, oldest first."""
    rows = session.connection().execute(
        select(Source.id, Source.content_hash, Source.text, Source.copy_of)
        .where(Source.signed_hash.is_(None))
        .order_by(Source.id)
        .limit(limit)
    )
    return [Unsigned(r.id, r.content_hash, r.text, r.copy_of is not None) for r in rows]


def ever_signed(session: Session, source_ids: Sequence[int]) -> set[int]:
    """Which of these sources have band hashes or copies stored (a new source has neither,
    so there is nothing of it to forget): two queries for a batch, not two per source."""
    out: set[int] = set()
    for chunk in chunks(list(source_ids)):
        out.update(
            session.connection().scalars(select(SourceBand.source_id).where(SourceBand.source_id.in_(chunk)).distinct())
        )
        out.update(session.connection().scalars(select(Source.copy_of).where(Source.copy_of.in_(chunk)).distinct()))
    return out


def forget_signature(session: Session, source_id: int) -> list[int]:
    """Drop a source's band hashes, and its copies' families and signatures (when it had
    copies, its content changed: they are decided again). Returns those copies."""
    copies = list(session.connection().scalars(select(Source.id).where(Source.copy_of == source_id)))
    if copies:
        for chunk in chunks(copies):
            session.connection().execute(delete(SourceBand).where(SourceBand.source_id.in_(chunk)))
            session.connection().execute(
                update(Source).where(Source.id.in_(chunk)).values(copy_of=None, signed_hash=None)
            )
    session.connection().execute(delete(SourceBand).where(SourceBand.source_id == source_id))
    return copies


def candidates(session: Session, source_id: int, bands: Sequence[int], families: int) -> list[tuple[int, int]]:
    """For up to `families` families, the signed source (id, family) that shares most bands
    with these, most shared first."""
    if not bands:
        return []
    shared = func.count().label("shared")
    rows = session.connection().execute(
        select(SourceBand.source_id, FAMILY, shared)
        .join(Source, Source.id == SourceBand.source_id)
        .where(SourceBand.band.in_(sorted(set(bands))), SourceBand.source_id != source_id, _SIGNED)
        .group_by(SourceBand.source_id, FAMILY)
        .order_by(shared.desc(), SourceBand.source_id)
        .limit(families * 20)  # (a large family's members first, then the next family's)
    )
    best: dict[int, int] = {}
    for sid, family, _ in rows:
        best.setdefault(family, sid)
    return [(sid, family) for family, sid in list(best.items())[:families]]


def texts(session: Session, found: Sequence[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """The candidates' (family, text), each text read only when it is wanted."""
    for sid, family in found:
        text = session.connection().scalar(select(Source.text).where(Source.id == sid))
        if text is not None:
            yield family, text


def merge_families(session: Session, into: int, others: Sequence[int]) -> list[int]:
    """Make the families `others` part of family `into`; the sources that moved."""
    if not others:
        return []
    moved = list(session.connection().scalars(select(Source.id).where(FAMILY.in_(list(others)))))
    for chunk in chunks(moved):
        session.connection().execute(update(Source).where(Source.id.in_(chunk)).values(copy_of=into))
    return moved


def save_signature(
    session: Session, source_id: int, content_hash: str, bands: Sequence[int], copy_of: int | None
) -> None:
    """Store a source's band hashes and family, as decided for `content_hash`."""
    if bands:
        session.connection().execute(
            insert(SourceBand.__table__), [{"band": b, "source_id": source_id} for b in sorted(set(bands))]
        )
    session.connection().execute(
        update(Source).where(Source.id == source_id).values(copy_of=copy_of, signed_hash=content_hash)
    )


def group_keys(session: Session, source_ids: Sequence[int]) -> set[str]:
    """The group keys of these sources' claims (their groups count sources again)."""
    out: set[str] = set()
    for chunk in chunks(list(source_ids)):
        out.update(
            k
            for k in session.connection().scalars(
                select(ClaimRow.group_key).where(ClaimRow.source_id.in_(chunk)).distinct()
            )
            if k
        )
    return out
