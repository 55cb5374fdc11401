"""Locks and staleness: who may write a document or the groups now, and what is left to recompute."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from claimcheck.db.models import PendingGroup
from claimcheck.db.verdict_models import TrustState

_SETTLE_LOCK = 0x636C6D63  # an arbitrary constant naming claimcheck's regrouping lock
_PEOPLE_LOCK = 0x636C7070  # ... and the lock of its people's names


def lock_document(session: Session, path: str) -> None:
    """On PostgreSQL, let one process at a time write a given path (transaction-scoped), so
    two ingests never replace the same document's claims at once. SQLite transactions are
    already serial (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        hold_pending(session)
        key = int(hashlib.sha256(path.encode("utf-8")).hexdigest()[:15], 16)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def hold_pending(session: Session) -> None:
    """On PostgreSQL, hold the regrouping lock shared until the transaction ends: taken by a
    transaction that stores claims or marks groups pending (before any of its writes), so
    regrouping (lock_groups, exclusive) waits for those that began and holds back new ones.
    Without it a group marked pending again by a writer that commits while another process
    regroups it could have that mark cleared unseen, with claims left out of its sides. Many
    writers hold it at once; SQLite transactions are already serial."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": _SETTLE_LOCK})


def lock_groups(session: Session) -> None:
    """On PostgreSQL, one process at a time rewrites groups or the scores derived from them
    (transaction-scoped advisory lock, exclusive: it waits for the writers that hold it shared,
    see hold_pending); SQLite transactions are already serial."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SETTLE_LOCK})


def lock_people(session: Session) -> None:
    """On PostgreSQL, one writer at a time names people (transaction-scoped advisory lock): two
    processes storing one person's two spellings at once would each make a person of it, where
    one process makes one. (SQLite transactions are already serial.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PEOPLE_LOCK})


def trust_is_stale(session: Session) -> bool:
    """True when groups changed since the stored TruthFinder scores were computed (or never were)."""
    state = session.get(TrustState, 1)
    return state is None or state.stale


def mark_trust_stale(session: Session) -> None:
    """Groups changed: the stored TruthFinder scores no longer describe them."""
    if not session.execute(update(TrustState).where(TrustState.id == 1).values(stale=True)).rowcount:
        session.add(TrustState(id=1, stale=True, iterations=0, converged=False))
        session.flush()


def left_to_recompute(session: Session) -> int:
    """What regrouping has not caught up with (reads only): the number of pending group keys.
    (Stale TruthFinder scores are not: the commands that show them compute them.)"""
    return session.scalar(select(func.count()).select_from(PendingGroup)) or 0
