"""Near-copies: each stored document's family decided (compare.copies) and stored (db.copies).

Runs after each batch of documents is written (every batch of an ingest, even one with
nothing new), over every source not yet signed for its content (new ones, edited ones, those
stored before revision 0013), so an interrupted run leaves nothing that the next one does
not finish. (When an original is deleted, a trigger of revision 0013 makes its oldest copy
the family's original.) The groups of a
document whose family changed are marked pending: regrouping counts their sources again.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimcheck.compare.copies import families_copied, fingerprint
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
            signed_before = copies.ever_signed(session, [u.source_id for u in batch])
            found += sum(_sign(session, u, u.source_id in signed_before) for u in batch)
        if not batch:
            return found


def _sign(session: Session, u: copies.Unsigned, signed_before: bool = True) -> bool:
    """Sign one source: its band hashes stored, its family found among the signed sources
    (the families it nearly copies become one, under the oldest original). A source never
    signed before has no old signature to forget."""
    changed = copies.forget_signature(session, u.source_id) if signed_before else []
    doc = fingerprint(u.text)
    copied = []
    if doc.comparable:
        found = copies.candidates(session, u.source_id, doc.bands, FAMILIES)
        copied = families_copied(doc, copies.texts(session, found))
    family = copied[0] if copied else None
    if family is not None:
        changed += copies.merge_families(session, family, copied[1:])
    # a copy's bands are not stored: later copies meet the original's, so a family of
    # thousands of copies keeps the bands of one document, and copies do not drift away from it
    copies.save_signature(session, u.source_id, u.content_hash, doc.bands if family is None else (), family)
    if family is not None or u.was_copy:
        changed.append(u.source_id)
    if changed:  # their groups count their sources again
        groups.mark_pending(session, copies.group_keys(session, changed))
    return family is not None
