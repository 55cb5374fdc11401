"""Extraction: a document read, cleaned and its claims extracted (the pure part of ingesting), in this process or in worker processes."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

from claimcheck.clean import clean
from claimcheck.compare import ambiguous_in_sentence, as_concept, identity_of, measured
from claimcheck.errors import ClaimcheckError
from claimcheck.extract.claims import claim_parts, extract_claims
from claimcheck.extract.facts import FactRules
from claimcheck.lexicon import Lexicon, default_lexicon
from claimcheck.model import Claim, Document, RawDocument
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.read import content_hash, decode, decoded, decoded_text
from claimcheck.sentences import iter_sentences, split_sentences

MANIFEST_FIELDS = ("title", "url", "publisher", "author", "published")


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


def start_workers(context: multiprocessing.context.BaseContext, jobs: int) -> multiprocessing.pool.Pool:
    """A pool of `jobs` extraction processes that ignore Ctrl-C from birth (see _init_worker)."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return context.Pool(jobs, initializer=_init_worker)
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the forked workers
    try:
        return context.Pool(jobs, initializer=_init_worker)
    finally:
        signal.signal(signal.SIGINT, handler)


def prepare_in_worker(item: tuple) -> Prepared:  # type: ignore[type-arg]
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
