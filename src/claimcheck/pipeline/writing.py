"""Writing: prepared documents stored, each whole or not at all, with their people resolved and their groups marked pending."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, StatementError
from sqlalchemy.orm import Session

from claimcheck import verdicts
from claimcheck.db import documents, entities, files, groups, state
from claimcheck.db.documents import Key
from claimcheck.errors import reason_of
from claimcheck.extract.claims import EXTRACTOR_VERSION
from claimcheck.model import Claim, Document
from claimcheck.pipeline.copies import mark_copies
from claimcheck.pipeline.extraction import Extractor, Prepared
from claimcheck.pipeline.grouping import keyed
from claimcheck.pipeline.people import resolve_people
from claimcheck.pipeline.planning import DocResult


def write_all(engine: Engine, ex: Extractor, prepared: list[Prepared]) -> list[DocResult]:
    """Store prepared documents, each atomically, then find which of them are near-copies
    of stored documents (pipeline.copies), before their groups are counted."""
    results = _write_documents(engine, ex, prepared)
    mark_copies(engine)
    return results


def _write_documents(engine: Engine, ex: Extractor, prepared: list[Prepared]) -> list[DocResult]:
    """Store prepared documents, each atomically.

    On SQLite a batch is one transaction: a killed ingest still leaves only whole documents,
    and a commit per document cost more than the document's own rows. A batch of new
    documents is written a statement per table for all of them (write_new); otherwise, or
    if the database refuses one of its rows, each document gets a savepoint of its own
    (write_one). On PostgreSQL each document is its own transaction, so the lock on its path
    (see db.state.lock_document) is held only while it is written."""
    if engine.dialect.name == "sqlite":
        try:
            with Session(engine) as session, session.begin():
                written = write_new(session, ex, prepared)
            if written is not None:
                return written
        except (OperationalError, InterfaceError):
            raise  # the database failing (locked, full, gone) stops the ingest
        except StatementError:
            pass  # a row refused: rolled back whole, written again below a document at a time, so it fails alone
    per = 1 if engine.dialect.name == "postgresql" else max(1, len(prepared))
    results: list[DocResult] = []
    for i in range(0, len(prepared), per):
        with Session(engine) as session, session.begin():
            results.extend(write_one(session, ex, p) for p in prepared[i : i + per])
    return results


@dataclass
class _NewDocuments:
    """New documents waiting to be stored together, and the places their figures name (whose
    entities are recorded first)."""

    session: Session
    ex: Extractor
    waiting: list[tuple[Prepared, Document, list[Claim]]] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    keys: set[Key] = field(default_factory=set)  # the groups they touched

    def store(self) -> None:
        """Store the documents waiting: places' entities, then sources, claims and files."""
        entities.record_places(self.session, self.places, self.ex.entities.kind.get)
        self.places.clear()
        saved = documents.save_documents(
            self.session, [(doc, keyed(claims), p.raw_size) for p, doc, claims in self.waiting], EXTRACTOR_VERSION
        )
        for _, touched in saved:
            self.keys.update(touched)
        files.record_files(self.session, [(p.file, sid) for (p, *_), (sid, _) in zip(self.waiting, saved, strict=True)])
        self.waiting.clear()


def write_new(session: Session, ex: Extractor, prepared: list[Prepared]) -> list[DocResult] | None:
    """Store a batch of new documents with a few statements in all, not a dozen per document
    (sources, claims, search rows, entities and pending groups each in one executemany).

    The rows come out as write_one would write them one document at a time: a document whose
    people need the entity tables changed (a spelling never seen, which may rename a person
    and the claims already stored about them) first has the documents before it stored.
    None, with nothing written, if a document is stored already or replaces one."""
    docs = [(p, p.doc) for p in prepared if p.doc is not None]
    if any(p.force or p.streamed for p in prepared):
        return None
    paths = [path for p, _ in docs for path in p.recorded_as]
    if files.any_stored(session, [d.content_hash for _, d in docs], paths):
        return None
    new = _NewDocuments(session, ex)
    counts: dict[str, int] = {}
    for p, doc in docs:
        if new.places & {c.subject for c in p.claims if c.kind == "title"}:
            new.store()  # a place's name given to a person: the place's entity comes first
        claims, renamed = resolve_people(session, p.claims, before_change=new.store)
        new.keys |= renamed
        new.places |= {n for c in claims if c.kind == "numeric" for n in (c.subject, c.object) if n}
        new.waiting.append((p, doc, claims))
        counts[p.path] = len(claims)
    new.store()
    groups.mark_pending(session, new.keys)
    # copies of documents come last: they are recorded once what they copy is stored
    return [
        write_one(session, ex, p)
        if p.copy_of is not None
        else DocResult(p.path, "new", counts[p.path])
        if p.doc is not None
        else DocResult(p.path, "failed", error=p.error)
        for p in prepared
    ]


# How often a document is tried again after a unique-constraint failure. Each failure waited for
# the other writer's transaction and then sees its rows, but a document naming many places can
# meet a different writer's new place at each try: 4 shards starting together on one corpus all
# record its common places at once, and 3 tries lost a document there.
ATTEMPTS = 20


def write_one(session: Session, ex: Extractor, p: Prepared, attempts: int = ATTEMPTS) -> DocResult:
    """Store one prepared document in a savepoint of the caller's transaction.

    On PostgreSQL another process may store the same document, or the same new entity, at the
    same time: a unique-constraint failure rolls the savepoint back and the write is tried
    again, and the retry finds the other process's rows. (SQLite transactions are serial.)
    A document whose rows cannot be stored at all fails alone, like one that cannot be read;
    the database failing (locked, full, gone) stops the ingest."""
    if p.doc is None and p.copy_of is None:
        return DocResult(p.path, "failed", error=p.error)
    for attempt in range(attempts):
        try:
            with session.begin_nested():
                return _write_in_savepoint(session, ex, p)
        except (OperationalError, InterfaceError):
            raise
        except Exception as e:  # a value the database refuses: this document's rows only
            # objects the failed attempt loaded or changed (a renamed person's rules) may not
            # match the rolled-back rows: read everything again
            session.expire_all()
            if not isinstance(e, IntegrityError) or attempt == attempts - 1:
                return _unstored(p, e)
    raise AssertionError("unreachable")  # pragma: no cover


def _write_in_savepoint(session: Session, ex: Extractor, p: Prepared) -> DocResult:
    """write_one's work: a copy recorded, or the document stored new or in place of what its file held."""
    digest = p.doc.content_hash if p.doc is not None else p.copy_of
    assert digest is not None
    state.lock_document(session, p.file)
    same, recorded, held = files.stored_source(session, digest, p.recorded_as)
    if same is not None and not p.force:  # a copy, or another process stored it
        before, gone = files.move_file(session, p.file, same, recorded)
        groups.mark_pending(session, gone)
        return DocResult(p.path, "unchanged" if before in (None, same) else "updated")
    if p.doc is None:  # a copy of a document that could not be stored
        error = f"{p.path}: has the same content as a file that failed above, for the same reason"
        return DocResult(p.path, "failed", error=error)
    previous = same  # metadata changed: the document is extracted again in place
    edited = None  # the content this file held before it was edited
    if previous is None and held is not None and files.sole_file(session, held, recorded):
        previous = held  # the file changed, and no other file holds its old content
        edited = files.held_by(session, [recorded])[recorded][1]  # type: ignore[list-item,index]
    sid, n = store_document(session, ex, p, previous)
    if edited is not None:  # reviews go with the claims the edit left as they were
        verdicts.follow_edit(session, edited, p.doc.content_hash)
    before, gone = files.move_file(session, p.file, sid, recorded)
    groups.mark_pending(session, gone)
    return DocResult(p.path, "updated" if previous or before else "new", n)


def warned(result: DocResult, p: Prepared) -> DocResult:
    """A stored document's result with what its decoding repaired."""
    return replace(result, warning=p.warning) if p.warning and result.status != "failed" else result


def store_document(session: Session, ex: Extractor, p: Prepared, previous: int | None) -> tuple[int, int]:
    """Store a prepared document in place of source `previous` (if any) with its claims, a
    huge one's a part at a time as they are extracted, and mark the groups they touch (and
    those of people renamed) pending; its id and how many claims it has."""
    assert p.doc is not None
    sid, replaced = documents.save_document(session, p.doc, [], p.raw_size, EXTRACTOR_VERSION, replace=previous)
    groups.mark_pending(session, replaced)
    count = 0
    for part in ex.claim_parts(p.doc) if p.streamed else [p.claims]:
        claims, renamed = resolve_people(session, part)
        places = {n for c in claims if c.kind == "numeric" for n in (c.subject, c.object) if n}
        entities.record_places(session, places, ex.entities.kind.get)
        added = documents.add_claims(session, sid, keyed(claims), EXTRACTOR_VERSION)
        groups.mark_pending(session, renamed | added)
        count += len(claims)
    return sid, count


def _unstored(p: Prepared, e: Exception) -> DocResult:
    """A document the database refused: failed, with the database's reason."""
    reason = reason_of(e)
    error = (
        f"{p.path}: claimcheck could not store this file ({type(e).__name__}: {reason}); please report it with the file"
    )
    return DocResult(p.path, "failed", error=error)
