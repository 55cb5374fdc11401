"""Orchestration: the only module that calls both the stages and the store.

    path --read--> bytes --decode/clean--> Document --split--> Sentences --extract--> Claims
         --store (one transaction per document)--> regroup affected keys

A failure in one document is recorded and the rest go on; every committed document is whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimcheck.clean import clean
from claimcheck.db import store
from claimcheck.errors import ClaimcheckError, ReadError
from claimcheck.extract.claims import EXTRACTOR_VERSION, extract_claims
from claimcheck.lexicon import Lexicon, default_lexicon
from claimcheck.model import Claim, Document, RawDocument
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.people import preferred, resolve_name
from claimcheck.read import content_hash, decode, discover, read
from claimcheck.sentences import split_sentences


@dataclass(frozen=True)
class DocResult:
    """What happened to one path."""

    path: str
    status: str  # new | unchanged | updated | failed
    claims: int = 0
    error: str | None = None


@dataclass
class IngestSummary:
    results: list[DocResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def claims(self) -> int:
        return sum(r.claims for r in self.results)

    @property
    def failures(self) -> list[DocResult]:
        return [r for r in self.results if r.status == "failed"]


class Extractor:
    """The pure part of the pipeline, with its lexicon compiled once."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or default_lexicon()
        self.entities = EntityIndex(self.lex)
        self.metrics = MetricNames(self.lex)

    def document(self, raw: RawDocument, digest: str | None = None) -> Document:
        """Decode and clean a document (raises ReadError for undecodable input)."""
        return clean(decode(raw), raw.path, raw.name, digest or content_hash(raw.data), self.lex)

    def claims(self, doc: Document) -> list[Claim]:
        sentences = split_sentences(doc, self.lex)
        return extract_claims(doc, sentences, self.lex, self.entities, self.metrics)

    def text_claims(self, text: str, name: str = "-") -> tuple[Document, list[Claim]]:
        """Extraction on a string, no database: for `claimcheck extract`."""
        raw = RawDocument(path=name, name=name, data=text.encode("utf-8"))
        doc = self.document(raw)
        return doc, self.claims(doc)


def resolve_people(session: Session, claims: list[Claim]) -> tuple[list[Claim], set[store.Key]]:
    """Give each person in title claims one name across documents.

    A new spelling that matches exactly one known person (fuzzy tokens, initials) takes the
    known name; when the new spelling is the fuller one, the known claims are renamed to it.
    Returns the claims to store and the group keys that renaming touched.
    """
    known = set(store.person_names(session))
    touched: set[store.Key] = set()
    out: list[Claim] = []
    for c in claims:
        if c.kind != "title" or not c.subject:
            out.append(c)
            continue
        res = resolve_name(c.subject, known)
        name = res.name
        if res.matched and res.matched != c.subject and preferred([res.matched, c.subject]) == c.subject:
            touched |= store.rename_person(session, res.matched, c.subject)
            known.discard(res.matched)
            name = c.subject
        known.add(name)
        out.append(replace(c, subject=name))
    return out, touched


def ingest(
    engine: Engine,
    paths: list[str],
    extractor: Extractor | None = None,
    progress: Callable[[DocResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest every document under `paths`; one transaction per document."""
    ex = extractor or Extractor()
    summary = IngestSummary()
    found = list(discover(paths))
    if on_total:
        on_total(len(found))
    for f in found:
        result = _ingest_one(engine, ex, f.path, f.error)
        summary.results.append(result)
        if progress:
            progress(result)
    return summary


def _ingest_one(engine: Engine, ex: Extractor, path: Path, error: ReadError | None) -> DocResult:
    if error is not None:
        return DocResult(str(path), "failed", error=str(error))
    try:
        raw = read(path)
        digest = content_hash(raw.data)
        with Session(engine) as session:
            if store.source_by_hash(session, digest) is not None:
                return DocResult(str(path), "unchanged")
        doc = ex.document(raw, digest)
        claims = ex.claims(doc)
        with Session(engine) as session, session.begin():
            if store.source_by_hash(session, digest) is not None:  # another process won
                return DocResult(str(path), "unchanged")
            previous = store.source_by_path(session, doc.path)
            claims, renamed = resolve_people(session, claims)
            _, keys = store.save_document(session, doc, claims, len(raw.data), EXTRACTOR_VERSION, replace=previous)
            store.regroup(session, keys | renamed)
        return DocResult(str(path), "updated" if previous else "new", len(claims))
    except ClaimcheckError as e:
        return DocResult(str(path), "failed", error=str(e))
