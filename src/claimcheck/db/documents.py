"""Documents: a source's row and text, its claims (each with the group key it was given) and their search index."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import Source
from claimcheck.db.verdict_models import FTS_TABLE
from claimcheck.model import Claim, Document

# (`local` is stored as compared_within_source)
_CLAIM_FIELDS = tuple(f.name for f in dataclass_fields(Claim) if f.name != "local")
Key = str  # a group key: what the comparison stage says makes claims comparable, hashed (pipeline.grouping)
Keyed = tuple[Claim, Key]  # a claim and the key of the group it belongs in


def keys_of_source(session: Session, source_id: int) -> set[Key]:
    """The group keys of a stored source's claims."""
    rows = session.scalars(select(ClaimRow.group_key).where(ClaimRow.source_id == source_id).distinct())
    return {k for k in rows if k}


# executemany with RETURNING: the new ids come back in the order of the rows given
_INSERT_SOURCES = insert(Source.__table__).returning(Source.__table__.c.id, sort_by_parameter_order=True)


def save_document(
    session: Session,
    doc: Document,
    claims: Sequence[Keyed],
    size: int,
    extractor_version: str,
    replace: int | None = None,
) -> tuple[int, set[Key]]:
    """Insert (or replace, given its id) a source and its claims; returns its id and the keys touched."""
    if replace is None:
        [saved] = save_documents(session, [(doc, claims, size)], extractor_version)
        return saved
    touched = keys_of_source(session, replace)
    session.execute(delete(ClaimRow).where(ClaimRow.source_id == replace))
    session.execute(update(Source).where(Source.id == replace).values(**_source_values(doc, size, extractor_version)))
    [keys] = _insert_claims(session, [(replace, claims)], extractor_version)
    return replace, touched | keys


def save_documents(
    session: Session, docs: Sequence[tuple[Document, Sequence[Keyed], int]], extractor_version: str
) -> list[tuple[int, set[Key]]]:
    """Insert new sources (document, its claims with their group keys, its size in bytes), a
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
        signed_hash=None,  # new content: its near-copy family is decided again (pipeline.copies)
    )


def add_claims(session: Session, source_id: int, claims: Sequence[Keyed], extractor_version: str) -> set[Key]:
    """Insert more claims of a stored source (a huge document's next part); the group keys touched."""
    [keys] = _insert_claims(session, [(source_id, claims)], extractor_version)
    return keys


INSERT_ROWS = 2000  # claims inserted per statement: the rows and their parameters are held only that many at once


def _insert_claims(
    session: Session, claims_of: Sequence[tuple[int, Sequence[Keyed]]], extractor_version: str
) -> list[set[Key]]:
    """Insert the claims of these sources (id, claims), INSERT_ROWS to an executemany; the group keys of each."""
    touched: list[set[Key]] = [set() for _ in claims_of]
    rows = (
        _claim_row(c, key, source_id, extractor_version, keys)
        for (source_id, claims), keys in zip(claims_of, touched, strict=True)
        for c, key in claims
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


def _claim_row(c: Claim, key: Key, source_id: int, extractor_version: str, keys: set[Key]) -> dict[str, object]:
    """A claim's row in group `key`, the key added to `keys`."""
    row = {f: getattr(c, f) for f in _CLAIM_FIELDS}  # (asdict deep-copies: slow on large batches)
    row.update(source_id=source_id, extractor_version=extractor_version, group_key=key, compared_within_source=c.local)
    keys.add(key)
    return row


_DEFER_INDEX = text("INSERT INTO claims_fts_deferred (id) VALUES (1)")
_UNDEFER_INDEX = text("DELETE FROM claims_fts_deferred")
_INDEX_QUOTES = text(
    f"INSERT INTO {FTS_TABLE}(rowid, quote) SELECT id, quote FROM claims WHERE source_id IN :source_ids AND id > :after"
).bindparams(bindparam("source_ids", expanding=True))
