"""Near-copies: each stored document's family decided (compare.copies) and stored (db.copies).

Runs after each batch of documents is written (every batch of an ingest, even one with
nothing new), over every source not yet signed for its content (new ones, edited ones, those
stored before revision 0013), so an interrupted run leaves nothing that the next one does
not finish. (When an original is deleted, a trigger of revision 0013 makes its oldest copy
the family's original.) The groups of a
document whose family changed are marked pending: regrouping counts their sources again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimcheck.compare.copies import BandIndex, Fingerprint, families_copied, fingerprint
from claimcheck.db import copies, groups, state

SIGN_BATCH = 500  # sources signed per transaction (their texts are held that many at once)
FAMILIES = 5  # the families sharing most bands with a document whose texts are compared exactly


def mark_copies(engine: Engine) -> int:
    """Decide the family of every source not yet signed for its content; how many were copies."""
    found = 0
    while True:  # until none is left (signing an edited original leaves its copies to sign again)
        with Session(engine) as session, session.begin():
            state.lock_groups(session)  # (PostgreSQL: one process signs at a time)
            batch = copies.unsigned(session, SIGN_BATCH)
            found += _sign_batch(session, batch)
        if not batch:
            return found


@dataclass
class _Batch:
    """A batch being signed: the stored sources holding its bands (one query, then kept in
    memory), the signatures decided and not yet written, and the sources whose family changed."""

    session: Session
    index: BandIndex
    signed_before: set[int]
    written: copies.Signatures
    changed: list[int] = field(default_factory=list)


def _sign_batch(session: Session, batch: list[copies.Unsigned]) -> int:
    """Sign a batch of sources in order, each as if those before it were stored already (their
    bands are in the index, their signatures written before any statement that reads them);
    then mark the groups of the sources whose family changed pending. How many were copies."""
    prints = [fingerprint(u.text) for u in batch]
    signing = _Batch(
        session,
        BandIndex.of(copies.band_holders(session, {b for doc in prints for b in doc.bands})),
        copies.ever_signed(session, [u.source_id for u in batch]),
        copies.Signatures(session),
    )
    found = sum(_sign(signing, u, doc) for u, doc in zip(batch, prints, strict=True))
    signing.written.write()
    if signing.changed:  # their groups count their sources again
        groups.mark_pending(session, copies.group_keys(session, signing.changed))
    return found


def _sign(signing: _Batch, u: copies.Unsigned, doc: Fingerprint) -> bool:
    """Sign one source: its band hashes stored, its family found among the signed sources
    (the families it nearly copies become one, under the oldest original). A source never
    signed before has no old signature to forget."""
    session, index = signing.session, signing.index
    if u.source_id in signing.signed_before:
        signing.written.write()  # (its copies are read, among them those this batch made)
        forgotten = copies.forget_signature(session, u.source_id)
        index.drop(forgotten)  # unsigned now: they are signed again in the next batch
        signing.changed += forgotten
    copied = []
    if doc.comparable:
        copied = families_copied(doc, copies.texts(session, index.candidates(doc.bands, FAMILIES)), u.text)
    family = copied[0] if copied else None
    if copied[1:]:
        signing.written.write()  # (the merge reads every source's family)
        signing.changed += copies.merge_families(session, copied[0], copied[1:])
        index.merge(copied[0], copied[1:])
    # a copy's bands are not stored: later copies meet the original's, so a family of
    # thousands of copies keeps the bands of one document, and copies do not drift away from it
    signing.written.add(u.source_id, u.content_hash, doc.bands if family is None else (), family)
    if family is None and doc.bands:
        index.add(u.source_id, doc.bands)
    if family is not None or u.was_copy:
        signing.changed.append(u.source_id)
    return family is not None
