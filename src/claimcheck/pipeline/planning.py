"""Planning: the files found, in batches, each decided failed, unchanged, a copy of a stored document, or to extract."""

from __future__ import annotations

import csv
import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimcheck.db import files
from claimcheck.errors import ClaimcheckError
from claimcheck.extract.claims import EXTRACTOR_VERSION
from claimcheck.model import RawDocument
from claimcheck.normalize.time import stated_date
from claimcheck.pipeline.batches import weighted_batches
from claimcheck.pipeline.extraction import MANIFEST_FIELDS, Prepared, recorded_paths
from claimcheck.read import MANIFEST, Found, content_hash, discover, path_text, read

# A batch's files are read into memory together while the batch before is written: at most
# this many bytes of files in one (or one file), so a folder of 15 MiB files is not 64 of them at once.
BATCH_BYTES = 32 * 1024 * 1024

Meta = tuple[dict[str, str], str]  # user metadata for a file, and how it was given (user | manifest)


@dataclass(frozen=True)
class DocResult:
    """What happened to one path."""

    path: str
    status: str  # new | unchanged | updated | failed
    claims: int = 0
    error: str | None = None
    warning: str | None = None  # stored, but a user should check it (bytes that were not UTF-8)


@dataclass
class Plan:
    """A batch planned: a result slot per file found, filled for those decided already (failed,
    unchanged); the documents to extract (raw, digest, metadata, force) and their slots; and
    the copies of stored or planned documents, to be recorded once those are written."""

    results: list[DocResult | None] = field(default_factory=list)
    fresh: list[tuple[RawDocument, str, Meta, bool]] = field(default_factory=list)
    slots: list[int] = field(default_factory=list)
    copies: list[tuple[int, Prepared]] = field(default_factory=list)


@dataclass(frozen=True)
class _Read:
    slot: int
    raw: RawDocument
    digest: str
    meta: Meta


class Planner:
    """Plans batch after batch of one ingest. It remembers the digests of the last two batches
    planned, which may not be written yet: a copy of one of them later in the run is unchanged
    (copies of documents already written are found in the database)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.manifests: dict[Path, dict[str, dict[str, str]]] = {}
        with Session(engine) as session:
            self.overrides = files.source_overrides(session)
        self.seen: deque[set[str]] = deque(maxlen=2)

    def plan(self, chunk: list[Found]) -> Plan:
        """Read a batch; what is failed or unchanged is decided here, the rest is to extract."""
        plan = Plan()
        reads = self._read(chunk, plan)
        with Session(self.engine) as session:
            stored = files.source_metadata(session, [r.digest for r in reads]) if reads else {}
            held = files.held_by(session, [p for r in reads for p in recorded_paths(r.raw.key, r.raw.path)])
        planned: set[str] = set()
        for r in reads:
            self._decide(r, stored, held, planned, plan)
        self.seen.append(planned)
        return plan

    def _read(self, chunk: list[Found], plan: Plan) -> list[_Read]:
        """Read the batch's files: a slot for each, a failed result for those unreadable."""
        reads = []
        for f in chunk:
            if f.error is not None:
                plan.results.append(DocResult(path_text(f.path), "failed", error=str(f.error)))
                continue
            try:
                raw = read(f.path)
                meta = metadata_for(f.path, self.manifests, self.overrides)
            except ClaimcheckError as e:
                plan.results.append(DocResult(path_text(f.path), "failed", error=str(e)))
                continue
            reads.append(_Read(len(plan.results), raw, content_hash(raw.data), meta))
            plan.results.append(None)
        return reads

    def _decide(
        self,
        r: _Read,
        stored: dict[str, dict[str, str | None]],
        held: dict[str, tuple[int, str]],
        planned: set[str],
        plan: Plan,
    ) -> None:
        """One file read: unchanged, a copy, or to extract (again, when `changed`)."""
        earlier = r.digest in planned or any(r.digest in d for d in self.seen)
        changed = r.digest in stored and needs_reading_again(stored[r.digest], r.meta[0], earlier)
        paths = recorded_paths(r.raw.key, r.raw.path)
        recorded = files.file_holding(held, paths)
        if not changed and recorded == paths[0] and held[recorded][1] == r.digest:
            plan.results[r.slot] = DocResult(r.raw.path, "unchanged")
        elif not changed and (r.digest in stored or earlier):
            # a copy of a stored (or planned) document, or a file edited into one: nothing to
            # extract, but the file must be recorded as holding it (and may let go of another)
            copy = Prepared(r.raw.path, len(r.raw.data), None, [], key=r.raw.key, copy_of=r.digest)
            plan.copies.append((r.slot, copy))
        else:
            planned.add(r.digest)
            plan.fresh.append((r.raw, r.digest, r.meta, changed))
            plan.slots.append(r.slot)


def needs_reading_again(stored: dict[str, Any], fields: dict[str, str], earlier: bool) -> bool:
    """Whether a stored document is extracted again: a user gave it other metadata, or another
    extractor read it (once: not when it was planned earlier in this run, as a copy would be),
    so a re-ingest applies what improved."""
    if any(stored.get(k) != v for k, v in fields.items()):
        return True
    return stored.get("extractor_version") != EXTRACTOR_VERSION and not earlier


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


def metadata_for(
    path: Path, manifests: dict[Path, dict[str, dict[str, str]]], overrides: dict[str, dict[str, str]]
) -> Meta:
    """User metadata for a file: `sources set` wins over the folder's sources.csv."""
    user = overrides.get(path_text(path.resolve()))
    if user:
        return user, "user"
    folder = path.parent
    if folder not in manifests:
        manifests[folder] = read_manifest(folder)
    return manifests[folder].get(path.name, {}), "manifest"


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based): the part of a corpus one of `count` processes ingests."""

    index: int
    count: int

    def holds(self, relative: str) -> bool:
        return shard_of(relative, self.count) == self.index


def parse_shard(text: str) -> Shard:
    """ "K/N" -> Shard(K, N), with 1 <= K <= N; ValueError saying what is wrong otherwise."""
    index, slash, count = text.partition("/")
    if not slash or not index.strip().isdigit() or not count.strip().isdigit():
        raise ValueError(f"{text!r} is not K/N (this process's shard K of N, e.g. 2/4)")
    k, n = int(index), int(count)
    if not 1 <= k <= n:
        raise ValueError(f"{text!r}: K must be between 1 and N")
    return Shard(k, n)


def shard_of(relative: str, count: int) -> int:
    """The shard (1 to `count`) of a file, from a stable hash of its path relative to the folder
    given (with / between parts): every machine that is given the same folder, wherever it is
    mounted, puts each file in the same shard, and needs no listing shared with the others."""
    digest = hashlib.sha256(relative.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def discover_shard(paths: list[str], shard: Shard | None) -> Iterator[Found]:
    """The files under `paths` (read.discover) that belong to `shard` (all when None). A path
    given that cannot be read is every shard's to report; a file or an unreadable subfolder
    belongs to the shard of its path relative to the folder given (a file given: its name)."""
    if shard is None:
        yield from discover(paths)
        return
    for raw in paths:
        given = Path(raw)
        for f in discover([raw]):
            if f.path == given:  # the path as given: a file, or an error about it
                if f.error is not None or shard.holds(given.name):
                    yield f
            elif shard.holds(_relative(f.path, given)):
                yield f


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:  # (not under it: discover names only what is)
        return path.as_posix()


def batches(found: Iterable[Found], size: int, max_bytes: int) -> Iterator[list[Found]]:
    """The paths found, `size` at a time, or fewer when their files hold more than `max_bytes`."""
    return weighted_batches(found, _size_of, size, max_bytes)


def _size_of(f: Found) -> int:
    """The size of a found file, 0 when it cannot be told (reading it will say why)."""
    try:
        return f.path.stat().st_size if f.error is None else 0
    except OSError:
        return 0
