"""Near-copy families: each source's band hashes, and the original its family is counted as.

Nothing here decides whether two texts are copies (compare.copies does); this stores what was
decided and finds what to ask about: the sources not signed yet, and a new one's candidates.
(Core statements on the session's connection, a few per batch of documents: one query finds
the stored sources holding any of the batch's bands, and the signatures decided are written
together, where a query and two writes per document cost more than the signing itself.)
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, insert, select, update
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


# the bands written into the statement as numbers, not bound one parameter each: a batch of 500
# documents has 12,500, past what one statement may bind on an older SQLite
_BANDS = bindparam("bands", expanding=True, literal_execute=True)
_HOLDERS = (
    select(SourceBand.band, SourceBand.source_id, FAMILY)
    .join(Source, Source.id == SourceBand.source_id)
    .where(SourceBand.band.in_(_BANDS), _SIGNED)
)


def band_holders(session: Session, bands: Collection[int]) -> list[tuple[int, int, int]]:
    """Every signed source holding one of these bands, as (band, source id, family), in one query."""
    if not bands:
        return []
    rows = session.connection().execute(_HOLDERS, {"bands": sorted(bands)})
    return [(band, source, family) for band, source, family in rows]


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


_SOURCES = Source.__table__
_SAVE = (
    update(_SOURCES)
    .where(_SOURCES.c.id == bindparam("b_id"))
    .values(copy_of=bindparam("b_copy_of"), signed_hash=bindparam("b_hash"))
)


@dataclass
class Signatures:
    """Signatures decided and not yet written: written together, one update and one insert for
    a batch (`write`), and before any statement that reads what they change."""

    session: Session
    sources: list[dict[str, Any]] = field(default_factory=list)
    bands: list[dict[str, int]] = field(default_factory=list)

    def add(self, source_id: int, content_hash: str, bands: Sequence[int], copy_of: int | None) -> None:
        """A source's band hashes and family, as decided for `content_hash`, to be written."""
        self.bands.extend({"band": b, "source_id": source_id} for b in sorted(set(bands)))
        self.sources.append({"b_id": source_id, "b_copy_of": copy_of, "b_hash": content_hash})

    def write(self) -> None:
        """Write the signatures waiting."""
        if self.bands:
            self.session.connection().execute(insert(SourceBand.__table__), self.bands)
        if self.sources:
            self.session.connection().execute(_SAVE, self.sources)
        self.bands, self.sources = [], []


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
