"""Orchestration: the only module that calls both the stages and the store.

    path --read--> bytes --decode/clean--> Document --split--> Sentences --extract--> Claims
         --store (each document atomic)--> regroup affected keys

A failure in one document is recorded and the rest go on; every committed document is whole.
"""

from __future__ import annotations

import csv
import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import os
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from claimcheck import verdicts
from claimcheck.clean import clean
from claimcheck.compare import ambiguous_in_sentence, as_concept, identity_of, measured
from claimcheck.db import entities, store
from claimcheck.errors import ClaimcheckError, reason_of
from claimcheck.extract.claims import EXTRACTOR_VERSION, claim_parts, extract_claims
from claimcheck.extract.facts import FactRules
from claimcheck.lexicon import Lexicon, default_lexicon
from claimcheck.model import Claim, Document, RawDocument
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.time import stated_date
from claimcheck.read import MANIFEST, Found, content_hash, decode, decoded, decoded_text, discover, path_text, read
from claimcheck.sentences import iter_sentences, split_sentences


@dataclass(frozen=True)
class DocResult:
    """What happened to one path."""

    path: str
    status: str  # new | unchanged | updated | failed
    claims: int = 0
    error: str | None = None
    warning: str | None = None  # stored, but a user should check it (bytes that were not UTF-8)


@dataclass
class IngestSummary:
    """Documents per status, claims written, and the failures: no record per document, so
    memory does not grow with the corpus (the progress callback sees every result)."""

    counts: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    failures: list[DocResult] = field(default_factory=list)
    warnings: list[DocResult] = field(default_factory=list)

    def add(self, result: DocResult) -> None:
        self.counts[result.status] += 1
        self.claims += result.claims
        if result.status == "failed":
            self.failures.append(result)
        elif result.warning:
            self.warnings.append(result)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def documents(self) -> int:
        return sum(self.counts.values())


class Extractor:
    """The pure part of the pipeline, with its lexicon compiled once."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or default_lexicon()
        self.entities = EntityIndex(self.lex)
        self.metrics = MetricNames(self.lex)
        self.facts = FactRules(self.lex, self.entities)

    def document(self, raw: RawDocument, digest: str | None = None) -> Document:
        """Decode and clean a document (raises ReadError for undecodable input)."""
        return self.cleaned(raw, decode(raw), digest)

    def cleaned(self, raw: RawDocument, text: str, digest: str | None = None) -> Document:
        """Clean a document's decoded text."""
        return clean(text, raw.path, raw.name, digest or content_hash(raw.data), self.lex)

    def claims(self, doc: Document) -> list[Claim]:
        sentences = split_sentences(doc, self.lex)
        return self._compared(extract_claims(doc, sentences, self.lex, self.entities, self.metrics, self.facts))

    def claim_parts(self, doc: Document) -> Iterator[list[Claim]]:
        """The claims of a huge document, a part of its sentences at a time (claim_parts):
        together, what `claims` gives, without holding them all."""
        sentences = iter_sentences(doc, self.lex)
        for claims in claim_parts(doc, sentences, self.lex, self.entities, self.metrics, self.facts, PART_SENTENCES):
            yield self._compared(claims)

    def _compared(self, claims: list[Claim]) -> list[Claim]:
        """Claims as they are compared: one concept under one name; a claim whose identity is
        not confident meets only its own document's claims."""
        claims = ambiguous_in_sentence([measured(as_concept(c, self.lex), self.lex) for c in claims], self.lex)
        return [c if c.local or identity_of(c, self.lex).confident else replace(c, local=True) for c in claims]

    def text_claims(self, text: str, name: str = "-") -> tuple[Document, list[Claim]]:
        """Extraction on a string, no database: for `claimcheck extract`."""
        # (a lone surrogate, as sys.stdin gives for a byte that is not UTF-8, becomes "?")
        raw = RawDocument(path=name, name=name, data=text.encode("utf-8", errors="replace"))
        doc = self.cleaned(raw, decoded_text(raw).text)  # text already: an .html name is not read as a page again
        return doc, self.claims(doc)


@dataclass(frozen=True)
class Prepared:
    """A document read and extracted, ready for the single writer."""

    path: str
    raw_size: int
    doc: Document | None
    claims: list[Claim]
    error: str | None = None
    force: bool = False  # metadata changed: replace the stored document even if its bytes did not
    key: str = ""  # the file's resolved path (RawDocument.key)
    copy_of: str | None = None  # the content hash of a stored (or planned) source the file now holds
    warning: str | None = None  # what decoding repaired (read.Decoded.warning)
    streamed: bool = False  # a huge document: its claims are extracted as it is written, a part at a time

    @property
    def file(self) -> str:
        """The path the file is recorded under (source_files)."""
        return self.key or self.path

    @property
    def recorded_as(self) -> tuple[str, ...]:
        return recorded_paths(self.key, self.path)


def recorded_paths(key: str, path: str) -> tuple[str, ...]:
    """The paths a file may be recorded under (source_files): resolved, then as typed (before
    revision 0007)."""
    return tuple(dict.fromkeys((key or path, path)))


# A document of more text than this is extracted as it is written, PART_SENTENCES sentences at
# a time, so that one process never holds all of a huge document's sentences and claims: a
# 15 MiB file of figures has some 300,000 claims, a 100 KB list of figures 30,000. (100 KB is
# some 25 news articles; the longest fact sheet of the test sets has 84 KB.)
STREAM_CHARS = 100_000
PART_SENTENCES = 2000

MANIFEST_FIELDS = ("title", "url", "publisher", "author", "published")


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """`sources.csv` in a folder: file name -> metadata (title, url, publisher, author, published)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ClaimcheckError(f"{path}: cannot read the manifest ({e}); fix or remove it") from None
    if rows and "file" not in rows[0]:
        raise ClaimcheckError(f"{path}: the manifest needs a 'file' column (file,title,url,publisher,published)")
    out = {}
    for row in rows:
        fields = {k: (row.get(k) or "").strip() for k in MANIFEST_FIELDS if (row.get(k) or "").strip()}
        if "published" in fields:
            date = stated_date(fields["published"])
            if date is None:
                raise ClaimcheckError(
                    f"{path}: {row['file']}: cannot read the date {fields['published']!r}; write it as YYYY-MM-DD"
                )
            fields["published"] = date
        out[(row.get("file") or "").strip()] = fields
    return out


def apply_metadata(doc: Document, fields: dict[str, str], how: str) -> Document:
    """The document with user-supplied metadata (manifest or `sources set`) over what it states."""
    if not fields:
        return doc
    changes: dict[str, str] = {k: v for k, v in fields.items() if k in MANIFEST_FIELDS}
    if "published" in changes:
        changes["published_how"] = how
    return replace(doc, meta=replace(doc.meta, **changes))


_WORKER: Extractor | None = None


def _init_worker() -> None:
    global _WORKER  # one Extractor (compiled lexicon) per worker process
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it (it
    # terminates the pool), instead of each worker printing a traceback and dying mid-task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Extractor()


def _start_workers(context: multiprocessing.context.BaseContext, jobs: int) -> multiprocessing.pool.Pool:
    """A pool of `jobs` extraction processes that ignore Ctrl-C from birth (see _init_worker)."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return context.Pool(jobs, initializer=_init_worker)
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the forked workers
    try:
        return context.Pool(jobs, initializer=_init_worker)
    finally:
        signal.signal(signal.SIGINT, handler)


def _prepare_in_worker(item: tuple) -> Prepared:  # type: ignore[type-arg]
    assert _WORKER is not None
    return prepare(_WORKER, *item)


def prepare(
    ex: Extractor, raw: RawDocument, digest: str, meta: tuple[dict[str, str], str] = ({}, ""), force: bool = False
) -> Prepared:
    """The pure part of ingesting one document: decode, clean, apply user metadata, extract."""
    try:
        text = decoded(raw)
        doc = apply_metadata(ex.cleaned(raw, text.text, digest), *meta)
        warning = text.warning(raw.path)
        if len(doc.text) > STREAM_CHARS:
            return Prepared(raw.path, len(raw.data), doc, [], force=force, key=raw.key, warning=warning, streamed=True)
        return Prepared(raw.path, len(raw.data), doc, ex.claims(doc), force=force, key=raw.key, warning=warning)
    except ClaimcheckError as e:
        return Prepared(raw.path, len(raw.data), None, [], str(e), key=raw.key)
    except Exception as e:  # a bug met on one document must not stop the other documents
        error = f"claimcheck failed on this file ({type(e).__name__}: {e}); please report it with the file"
        return Prepared(raw.path, len(raw.data), None, [], error, key=raw.key)


def ingest(
    engine: Engine,
    paths: list[str],
    extractor: Extractor | None = None,
    progress: Callable[[DocResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    jobs: int = 1,
    batch: int = 64,
) -> IngestSummary:
    """Ingest every document under `paths`; each document is stored atomically (see _write_all).

    With jobs > 1, reading-and-extraction runs in worker processes while this process
    stays the single writer; documents are written in the same order as with jobs=1, so
    the database comes out identical. Groups are recomputed after some batches (see below)
    and at the end.
    """
    ex = extractor or Extractor()
    summary = IngestSummary()
    if on_total:  # a first walk only counts: the paths are never all held in memory
        on_total(sum(1 for _ in discover(paths)))
    found = discover(paths)

    def emit(result: DocResult) -> None:
        summary.add(result)
        if progress:
            progress(result)

    settle(engine)  # groups an interrupted run left pending
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    overrides = _user_overrides(engine)
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    jobs = min(jobs, batch)  # a batch is split among the workers: more would only start and wait
    pool = _start_workers(context, jobs) if jobs > 1 else None
    # Groups are recomputed after a batch once the documents written since the last time
    # match those stored before (the database doubles): early groups are current soon, and
    # a group that grows with the corpus is recomputed log2(n) times per run instead of once
    # per batch. A run that adds a little to a large database recomputes once, at the end:
    # each recomputation scans every group it touches. (With a quarter instead of a half,
    # 1,000 documents were settled 10 times instead of 6, for 1 s more of a 24 s run. When
    # a person's spelling is settled can decide whether a later spelling matches it, so the
    # schedule is fixed by counts, not timed.)
    stored = _count_sources(engine)
    since = 0
    # Digests of the batches planned but maybe not written yet: a copy of one of them later in
    # the run is unchanged (copies of documents already written are found in the database).
    seen: deque[set[str]] = deque(maxlen=2)

    def plan(chunk: list) -> tuple[list[DocResult | None], list[tuple], list[int], list[tuple[int, Prepared]]]:  # type: ignore[type-arg]
        """Read a batch; what is failed or unchanged is decided here, the rest is to extract."""
        results: list[DocResult | None] = []
        fresh: list[tuple] = []  # type: ignore[type-arg]
        slots: list[int] = []
        batch_reads = []
        for f in chunk:
            if f.error is not None:
                results.append(DocResult(path_text(f.path), "failed", error=str(f.error)))
                continue
            try:
                raw = read(f.path)
                meta = _metadata_for(f.path, manifests, overrides)
            except ClaimcheckError as e:
                results.append(DocResult(path_text(f.path), "failed", error=str(e)))
                continue
            batch_reads.append((len(results), raw, content_hash(raw.data), meta))
            results.append(None)
        stored = _stored_metadata(engine, [d for _, _, d, _ in batch_reads])
        held = _held_by(engine, [p for _, raw, _, _ in batch_reads for p in recorded_paths(raw.key, raw.path)])
        planned: set[str] = set()
        copies: list[tuple[int, Prepared]] = []
        for slot, raw, digest, meta in batch_reads:
            fields = meta[0]
            changed = digest in stored and (
                any(stored[digest].get(k) != v for k, v in fields.items())
                # read by another extractor: read again (once), so a re-ingest applies what improved
                or (
                    stored[digest].get("extractor_version") != EXTRACTOR_VERSION
                    and digest not in planned
                    and not any(digest in d for d in seen)  # (nor in a batch before: a copy)
                )
            )
            paths = recorded_paths(raw.key, raw.path)
            recorded = store.file_holding(held, paths)
            if not changed and recorded == paths[0] and held[recorded][1] == digest:
                results[slot] = DocResult(raw.path, "unchanged")
                continue
            if not changed and (digest in stored or digest in planned or any(digest in d for d in seen)):
                # a copy of a stored (or planned) document, or a file edited into one: nothing to
                # extract, but the file must be recorded as holding it (and may let go of another)
                copies.append((slot, Prepared(raw.path, len(raw.data), None, [], key=raw.key, copy_of=digest)))
                continue
            planned.add(digest)
            fresh.append((raw, digest, meta, changed))
            slots.append(slot)
        seen.append(planned)
        return results, fresh, slots, copies

    def write(
        results: list[DocResult | None], slots: list[int], prepared: list[Prepared], copies: list[tuple[int, Prepared]]
    ) -> None:
        nonlocal since
        slots = slots + [slot for slot, _ in copies]
        prepared = prepared + [p for _, p in copies]  # after the documents they may be copies of
        results_written = (_warned(r, p) for r, p in zip(_write_all(engine, ex, prepared), prepared, strict=True))
        written = dict(zip(slots, results_written, strict=True))
        for slot, result in enumerate(results):
            emit(result if result is not None else written[slot])
        since += len(prepared)
        if since >= max(batch, (stored + summary.documents) // 2):
            settle(engine)
            since = 0

    try:
        # With workers, the next batch is extracted while this process writes the one before
        # (double buffering), so extraction and writing overlap instead of taking turns.
        waiting: tuple | None = None  # type: ignore[type-arg]
        for chunk in _batches(found, batch, BATCH_BYTES):
            results, fresh, slots, copies = plan(chunk)
            if pool is not None:
                job: Any = pool.map_async(_prepare_in_worker, fresh, chunksize=max(1, len(fresh) // (4 * jobs)))
            else:
                job = [prepare(ex, *item) for item in fresh]
            if waiting is not None:
                write(*waiting)
            waiting = (results, slots, job.get() if pool is not None else job, copies)
        if waiting is not None:
            write(*waiting)
        settle(engine)
        refresh_trust(engine)
    except BaseException:
        # Ctrl-C or a failure: the workers' results are not wanted, and waiting for them (close,
        # join) would hang on a pool whose tasks were cut short. Everything committed is whole.
        if pool is not None:
            pool.terminate()
        raise
    if pool is not None:
        pool.close()
        pool.join()
    return summary


def set_source_metadata(engine: Engine, file: str, fields: dict[str, str | None]) -> IngestSummary | None:
    """Remember metadata for a file and, if it exists, ingest it again with it."""
    path = Path(file)
    with Session(engine) as session, session.begin():
        store.set_source_override(session, path_text(path.resolve()), **fields)
    if not path.is_file():
        return None
    return ingest(engine, [file])


@dataclass
class Forgotten:
    """What `forget` did: files no longer recorded, and the documents and claims deleted with
    them (a document another file still holds stays)."""

    files: int = 0
    sources: int = 0
    claims: int = 0
    unknown: list[str] = field(default_factory=list)  # the paths given that matched no file


def forget(engine: Engine, paths: list[str]) -> Forgotten:
    """Forget files (or everything under folders), whether or not they still exist: their
    documents go unless another file holds the same content, and the groups they were in
    are recomputed."""
    done = Forgotten()
    keys: set[store.Key] = set()
    with Session(engine) as session, session.begin():
        for given in paths:
            p = Path(given)
            spellings = list(dict.fromkeys((path_text(p.resolve()), path_text(p))))
            folders = [s.rstrip(os.sep) + os.sep for s in spellings]
            files, sources, claims, touched = store.forget_files(session, spellings, folders)
            if not files:
                done.unknown.append(given)
            done.files, done.sources, done.claims = done.files + files, done.sources + sources, done.claims + claims
            keys |= touched
        store.mark_pending(session, keys)
    if keys or done.sources:
        settle(engine)
        refresh_trust(engine)
    return done


def correct_entities(engine: Engine, correction: Callable[[Session, str, str], set[str]], a: str, b: str) -> None:
    """Apply a user's entity correction (db.entities.merge or .split) and regroup what it moved."""
    with Session(engine) as session, session.begin():
        store.mark_pending(session, correction(session, a, b))
    settle(engine)
    refresh_trust(engine)


def settle(engine: Engine) -> None:
    """Recompute the groups that documents changed, and their people's names (one transaction)."""
    with Session(engine) as session, session.begin():
        entities.settle(session)


def refresh_trust(engine: Engine) -> None:
    """Recompute the stored TruthFinder scores if groups changed (once per ingest, not per
    batch: it reads every group)."""
    with Session(engine) as session, session.begin():
        verdicts.refresh_trust(session)


def _count_sources(engine: Engine) -> int:
    with Session(engine) as session:
        return store.count_sources(session)


def _stored_metadata(engine: Engine, digests: list[str]) -> dict[str, dict[str, str | None]]:
    if not digests:
        return {}
    with Session(engine) as session:
        return store.source_metadata(session, digests)


def _held_by(engine: Engine, paths: list[str]) -> dict[str, tuple[int, str]]:
    with Session(engine) as session:
        return store.held_by(session, paths)


def _user_overrides(engine: Engine) -> dict[str, dict[str, str]]:
    with Session(engine) as session:
        return store.source_overrides(session)


def _metadata_for(
    path: Path, manifests: dict[Path, dict[str, dict[str, str]]], overrides: dict[str, dict[str, str]]
) -> tuple[dict[str, str], str]:
    """User metadata for a file: `sources set` wins over the folder's sources.csv."""
    user = overrides.get(path_text(path.resolve()))
    if user:
        return user, "user"
    folder = path.parent
    if folder not in manifests:
        manifests[folder] = read_manifest(folder)
    return manifests[folder].get(path.name, {}), "manifest"


# A batch's files are read into memory together while the batch before is written: at most
# this many bytes of files in one (or one file), so a folder of 15 MiB files is not 64 of them at once.
BATCH_BYTES = 32 * 1024 * 1024


def _batches(found: Iterable[Found], size: int, max_bytes: int) -> Iterator[list[Found]]:
    """The paths found, `size` at a time, or fewer when their files hold more than `max_bytes`."""
    chunk: list[Found] = []
    total = 0
    for f in found:
        n = _size_of(f)
        if chunk and (len(chunk) >= size or total + n > max_bytes):
            yield chunk
            chunk, total = [], 0
        chunk.append(f)
        total += n
    if chunk:
        yield chunk


def _size_of(f: Found) -> int:
    """The size of a found file, 0 when it cannot be told (reading it will say why)."""
    try:
        return f.path.stat().st_size if f.error is None else 0
    except OSError:
        return 0


def _write_all(engine: Engine, ex: Extractor, prepared: list[Prepared]) -> list[DocResult]:
    """Store prepared documents, each atomically.

    On SQLite a batch is one transaction: a killed ingest still leaves only whole documents,
    and a commit per document cost more than the document's own rows. A batch of new
    documents is written a statement per table for all of them (_write_new); otherwise, or
    if that fails, each document gets a savepoint of its own (_write). On PostgreSQL each
    document is its own transaction, so the lock on its path (see store.lock_document) is
    held only while it is written."""
    if engine.dialect.name == "sqlite":
        try:
            with Session(engine) as session, session.begin():
                written = _write_new(session, ex, prepared)
            if written is not None:
                return written
        except (OperationalError, InterfaceError):
            raise
        except Exception:
            pass  # rolled back whole: written again below a document at a time, so one that fails fails alone
    per = 1 if engine.dialect.name == "postgresql" else max(1, len(prepared))
    results: list[DocResult] = []
    for i in range(0, len(prepared), per):
        with Session(engine) as session, session.begin():
            results.extend(_write(session, ex, p) for p in prepared[i : i + per])
    return results


def _write_new(session: Session, ex: Extractor, prepared: list[Prepared]) -> list[DocResult] | None:
    """Store a batch of new documents with a few statements in all, not a dozen per document
    (sources, claims, search rows, entities and pending groups each in one executemany).

    The rows come out as _write would write them one document at a time: a document whose
    people need the entity tables changed (a spelling never seen, which may rename a person
    and the claims already stored about them) first has the documents before it stored.
    None, with nothing written, if a document is stored already or replaces one."""
    docs = [(p, p.doc) for p in prepared if p.doc is not None]
    if any(p.force or p.streamed for p in prepared):
        return None
    paths = [path for p, _ in docs for path in p.recorded_as]
    if store.any_stored(session, [d.content_hash for _, d in docs], paths):
        return None
    waiting: list[tuple[Prepared, Document, list[Claim], int]] = []
    places: set[str] = set()
    keys: set[store.Key] = set()

    def store_waiting() -> None:
        entities.record_places(session, places, ex.entities.kind.get)
        places.clear()
        saved = store.save_documents(
            session, [(doc, claims, size) for _, doc, claims, size in waiting], EXTRACTOR_VERSION
        )
        for _, touched in saved:
            keys.update(touched)
        store.record_files(session, [(p.file, sid) for (p, *_), (sid, _) in zip(waiting, saved, strict=True)])
        waiting.clear()

    counts: dict[str, int] = {}
    for p, doc in docs:
        if places & {c.subject for c in p.claims if c.kind == "title"}:
            store_waiting()  # a place's name given to a person: the place's entity comes first
        claims, renamed = entities.resolve_people(session, p.claims, before_change=store_waiting)
        keys |= renamed
        places |= {n for c in claims if c.kind == "numeric" for n in (c.subject, c.object) if n}
        waiting.append((p, doc, claims, p.raw_size))
        counts[p.path] = len(claims)
    store_waiting()
    store.mark_pending(session, keys)
    # copies of documents come last: they are recorded once what they copy is stored
    return [
        _write(session, ex, p)
        if p.copy_of is not None
        else DocResult(p.path, "new", counts[p.path])
        if p.doc is not None
        else DocResult(p.path, "failed", error=p.error)
        for p in prepared
    ]


def _write(session: Session, ex: Extractor, p: Prepared, attempts: int = 3) -> DocResult:
    """Store one prepared document in a savepoint of the caller's transaction.

    On PostgreSQL another process may store the same document, or the same new entity, at the
    same time: a unique-constraint failure rolls the savepoint back and the write is tried
    again, and the retry finds the other process's rows. (SQLite transactions are serial.)
    A document whose rows cannot be stored at all fails alone, like one that cannot be read;
    the database failing (locked, full, gone) stops the ingest."""
    if p.doc is None and p.copy_of is None:
        return DocResult(p.path, "failed", error=p.error)
    digest = p.doc.content_hash if p.doc is not None else p.copy_of
    for attempt in range(attempts):
        try:
            with session.begin_nested():
                store.lock_document(session, p.file)
                same, recorded, held = store.stored_source(session, digest, p.recorded_as)
                if same is not None and not p.force:  # a copy, or another process stored it
                    before, gone = store.move_file(session, p.file, same, recorded)
                    store.mark_pending(session, gone)
                    return DocResult(p.path, "unchanged" if before in (None, same) else "updated")
                if p.doc is None:  # a copy of a document that could not be stored
                    error = f"{p.path}: has the same content as a file that failed above, for the same reason"
                    return DocResult(p.path, "failed", error=error)
                previous = same  # metadata changed: the document is extracted again in place
                edited = None  # the content this file held before it was edited
                if previous is None and held is not None and store.sole_file(session, held, recorded):
                    previous = held  # the file changed, and no other file holds its old content
                    edited = store.held_by(session, [recorded])[recorded][1]
                sid, n = _store_document(session, ex, p, previous)
                if edited is not None:  # reviews go with the claims the edit left as they were
                    verdicts.follow_edit(session, edited, p.doc.content_hash)
                before, gone = store.move_file(session, p.file, sid, recorded)
                store.mark_pending(session, gone)
            return DocResult(p.path, "updated" if previous or before else "new", n)
        except (OperationalError, InterfaceError):
            raise
        except Exception as e:  # a value the database refuses: this document's rows only
            # objects the failed attempt loaded or changed (a renamed person's rules) may not
            # match the rolled-back rows: read everything again
            session.expire_all()
            if not isinstance(e, IntegrityError) or attempt == attempts - 1:
                return _unstored(p, e)
    raise AssertionError("unreachable")  # pragma: no cover


def _warned(result: DocResult, p: Prepared) -> DocResult:
    """A stored document's result with what its decoding repaired."""
    return replace(result, warning=p.warning) if p.warning and result.status != "failed" else result


def _store_document(session: Session, ex: Extractor, p: Prepared, previous: int | None) -> tuple[int, int]:
    """Store a prepared document in place of source `previous` (if any) with its claims, a
    huge one's a part at a time as they are extracted, and mark the groups they touch (and
    those of people renamed) pending; its id and how many claims it has."""
    assert p.doc is not None
    sid, replaced = store.save_document(session, p.doc, [], p.raw_size, EXTRACTOR_VERSION, replace=previous)
    store.mark_pending(session, replaced)
    count = 0
    for part in ex.claim_parts(p.doc) if p.streamed else [p.claims]:
        claims, renamed = entities.resolve_people(session, part)
        places = {n for c in claims if c.kind == "numeric" for n in (c.subject, c.object) if n}
        entities.record_places(session, places, ex.entities.kind.get)
        store.mark_pending(session, renamed | store.add_claims(session, sid, claims, EXTRACTOR_VERSION))
        count += len(claims)
    return sid, count


def _unstored(p: Prepared, e: Exception) -> DocResult:
    """A document the database refused: failed, with the database's reason."""
    reason = reason_of(e)
    error = (
        f"{p.path}: claimcheck could not store this file ({type(e).__name__}: {reason}); please report it with the file"
    )
    return DocResult(p.path, "failed", error=error)
