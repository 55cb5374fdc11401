"""Orchestration: the only package that calls both the stages and the store.

    path --read--> bytes --decode/clean--> Document --split--> Sentences --extract--> Claims
         --store (each document atomic)--> regroup affected keys

planning (which files to read, in batches, and which are unchanged or copies), extraction (the
pure part, in worker processes with --jobs), writing (one writer, each document whole),
grouping (group keys; pending groups judged by compare, stored by db) and people (one name per
person). A failure in one document is recorded and the rest go on; every committed document is whole.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimcheck import verdicts
from claimcheck.db import files, groups, state
from claimcheck.db.documents import Key
from claimcheck.pipeline import people
from claimcheck.pipeline.extraction import (
    PART_SENTENCES,
    STREAM_CHARS,
    Extractor,
    Prepared,
    apply_metadata,
    prepare,
    prepare_in_worker,
    recorded_paths,
    start_workers,
)
from claimcheck.pipeline.planning import (
    BATCH_BYTES,
    DocResult,
    Plan,
    Planner,
    Shard,
    batches,
    discover_shard,
    parse_shard,
    read_manifest,
)
from claimcheck.pipeline.writing import warned, write_all
from claimcheck.read import path_text

__all__ = [
    "BATCH_BYTES",
    "PART_SENTENCES",
    "STREAM_CHARS",
    "DocResult",
    "Extractor",
    "Forgotten",
    "IngestSummary",
    "Prepared",
    "Shard",
    "apply_metadata",
    "correct_entities",
    "forget",
    "ingest",
    "parse_shard",
    "prepare",
    "read_manifest",
    "recorded_paths",
    "set_source_metadata",
    "settle",
    "store_trust",
]


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


@dataclass
class _Writer:
    """The writing side of one ingest: stores planned batches, reports each result, and
    recomputes groups as the database grows.

    Groups are recomputed after a batch once the documents written since the last time
    match those stored before (the database doubles): early groups are current soon, and
    a group that grows with the corpus is recomputed log2(n) times per run instead of once
    per batch. A run that adds a little to a large database recomputes once, at the end:
    each recomputation scans every group it touches. (With a quarter instead of a half,
    1,000 documents were settled 10 times instead of 6, for 1 s more of a 24 s run. When
    a person's spelling is settled can decide whether a later spelling matches it, so the
    schedule is fixed by counts, not timed.)"""

    engine: Engine
    ex: Extractor
    batch: int
    stored: int  # documents stored before the run
    progress: Callable[[DocResult], None] | None
    summary: IngestSummary = field(default_factory=IngestSummary)
    since: int = 0  # documents written since groups were last recomputed

    def write(self, plan: Plan, prepared: list[Prepared]) -> None:
        """Store a planned batch's extracted documents, then its copies, and report every result."""
        slots = plan.slots + [slot for slot, _ in plan.copies]
        prepared = prepared + [p for _, p in plan.copies]  # after the documents they may be copies of
        results = (warned(r, p) for r, p in zip(write_all(self.engine, self.ex, prepared), prepared, strict=True))
        written = dict(zip(slots, results, strict=True))
        for slot, result in enumerate(plan.results):
            self.emit(result if result is not None else written[slot])
        self.since += len(prepared)
        if self.since >= max(self.batch, (self.stored + self.summary.documents) // 2):
            settle(self.engine)
            self.since = 0

    def emit(self, result: DocResult) -> None:
        self.summary.add(result)
        if self.progress:
            self.progress(result)


def ingest(
    engine: Engine,
    paths: list[str],
    extractor: Extractor | None = None,
    progress: Callable[[DocResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    jobs: int = 1,
    batch: int = 64,
    shard: Shard | None = None,
) -> IngestSummary:
    """Ingest every document under `paths`; each document is stored atomically (see writing.write_all).

    With jobs > 1, reading-and-extraction runs in worker processes while this process
    stays the single writer; documents are written in the same order as with jobs=1, so
    the database comes out identical. Groups are recomputed after some batches (see _Writer)
    and at the end. With `shard`, only that shard's files (planning.shard_of): N processes,
    on N machines if need be, each given its shard K/N, split a corpus into one PostgreSQL
    database and, once all are done, leave what one process would have.
    """
    ex = extractor or Extractor()
    if on_total:  # a first walk only counts: the paths are never all held in memory
        on_total(sum(1 for _ in discover_shard(paths, shard)))
    found = discover_shard(paths, shard)
    settle(engine)  # groups an interrupted run left pending
    planner = Planner(engine)
    with Session(engine) as session:
        writer = _Writer(engine, ex, batch, files.count_sources(session), progress)
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    jobs = min(jobs, batch)  # a batch is split among the workers: more would only start and wait
    pool = start_workers(context, jobs) if jobs > 1 else None
    try:
        # With workers, the next batch is extracted while this process writes the one before
        # (double buffering), so extraction and writing overlap instead of taking turns.
        waiting: tuple[Plan, Any] | None = None
        for chunk in batches(found, batch, BATCH_BYTES):
            plan = planner.plan(chunk)
            if pool is not None:
                job: Any = pool.map_async(
                    prepare_in_worker, plan.fresh, chunksize=max(1, len(plan.fresh) // (4 * jobs))
                )
            else:
                job = [prepare(ex, *item) for item in plan.fresh]
            if waiting is not None:
                writer.write(*waiting)
            waiting = (plan, job.get() if pool is not None else job)
        if waiting is not None:
            writer.write(*waiting)
        settle(engine, everyone=shard is not None)  # (other shards may have named this one's people since)
    except BaseException:
        # Ctrl-C or a failure: the workers' results are not wanted, and waiting for them (close,
        # join) would hang on a pool whose tasks were cut short. Everything committed is whole.
        if pool is not None:
            pool.terminate()
        raise
    if pool is not None:
        pool.close()
        pool.join()
    return writer.summary


def set_source_metadata(engine: Engine, file: str, fields: dict[str, str | None]) -> IngestSummary | None:
    """Remember metadata for a file and, if it exists, ingest it again with it."""
    path = Path(file)
    with Session(engine) as session, session.begin():
        files.set_source_override(session, path_text(path.resolve()), **fields)
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
    keys: set[Key] = set()
    with Session(engine) as session, session.begin():
        state.hold_pending(session)  # before any write (see db.state.hold_pending)
        for given in paths:
            p = Path(given)
            spellings = list(dict.fromkeys((path_text(p.resolve()), path_text(p))))
            folders = [s.rstrip(os.sep) + os.sep for s in spellings]
            n_files, sources, claims, touched = files.forget_files(session, spellings, folders)
            if not n_files:
                done.unknown.append(given)
            done.files, done.sources, done.claims = done.files + n_files, done.sources + sources, done.claims + claims
            keys |= touched
        groups.mark_pending(session, keys)
    if keys or done.sources:
        settle(engine)
    return done


def correct_entities(engine: Engine, correction: Callable[[Session, str, str], set[str]], a: str, b: str) -> None:
    """Apply a user's entity correction (pipeline.people.merge or .split) and regroup what it moved."""
    with Session(engine) as session, session.begin():
        state.lock_groups(session)  # (a rename moves claims between groups: none may be regrouped meanwhile)
        groups.mark_pending(session, correction(session, a, b))
    settle(engine)


def settle(engine: Engine, everyone: bool = False) -> None:
    """Recompute the groups that documents changed, and their people's names (every person's
    when `everyone`), in one transaction."""
    with Session(engine) as session, session.begin():
        people.settle(session, everyone)


def store_trust(engine: Engine) -> bool:
    """Store TruthFinder's scores if groups changed since they were stored; True if it did.

    Not part of ingesting: TruthFinder reads every group, and only `conflicts` (and the
    `trust` command, which computes its own) uses the scores, so a read computes them in memory
    while the stored ones are stale, and `ingest --trust` stores them for reads to come."""
    with Session(engine) as session, session.begin():
        return bool(verdicts.refresh_trust(session))
