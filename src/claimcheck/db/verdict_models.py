"""ORM rows for verdicts: reviews of claims and authoritative reference figures.

Reviews are keyed to a claim's content (the source's content hash, the quote and the figure as
written), not to `claims.id`, so a verdict survives re-ingestion: claim rows are deleted and
re-inserted when a file changes, and a review finds its claim again whenever a claim with the
same content exists.

Migration 0002 also creates objects that have no ORM class: the FTS5 index on claim quotes
(SQLite) and a GIN expression index (PostgreSQL). `_ignore_unmanaged` below tells Alembic's
autogenerate (and so `alembic check`) that they are expected, not drift.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from claimcheck.db.models import Base
from claimcheck.model import RATINGS

# Created by migration 0002 outside the ORM metadata; never dropped by autogenerate.
FTS_TABLE = "claims_fts"
FTS_TABLES = frozenset({FTS_TABLE, *(f"{FTS_TABLE}_{s}" for s in ("data", "idx", "docsize", "config", "content"))})
PG_SEARCH_INDEX = "ix_claims_quote_tsv"


class Review(Base):
    """A fact-checker's verdict on a claim, keyed to the claim's content."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("rating IN ({})".format(", ".join(f"'{r}'" for r in RATINGS)), name="rating"),
        Index("ix_reviews_claim_content", "content_hash", "surface"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # the key: which claim this is about, by content
    content_hash: Mapped[str] = mapped_column(String(64))
    quote: Mapped[str] = mapped_column(Text)
    surface: Mapped[str] = mapped_column(Text)
    # what the claim said when it was reviewed, so an orphaned review still reads well
    source_name: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    object: Mapped[str | None] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    # the verdict
    rating: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(256))
    reviewed_at: Mapped[datetime] = mapped_column()  # UTC, naive like the other timestamps


class ReferenceFigure(Base):
    """An authoritative figure imported from a CSV file (one row of it)."""

    __tablename__ = "reference_figures"
    __table_args__ = (Index("ix_reference_figures_key", "subject", "metric", "object", "unit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(512), index=True)  # the file it came from
    line: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    object: Mapped[str | None] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    value_text: Mapped[str] = mapped_column(String(64))  # as written, so its digits are kept
    unit: Mapped[str] = mapped_column(String(32))  # canonical, like claims.unit
    qualifier: Mapped[str] = mapped_column(String(16))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    period_start: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[str] = mapped_column(String(10))
    source_name: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column()


class TrustSource(Base):
    """TruthFinder's trust in a source, as of the last computation (advice, not a verdict)."""

    __tablename__ = "trust_sources"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    trust: Mapped[float] = mapped_column(Float)


class TrustSide(Base):
    """TruthFinder's support for one side (value cluster) of a group with two or more sides."""

    __tablename__ = "trust_sides"

    group_id: Mapped[int] = mapped_column(ForeignKey("claim_groups.id", ondelete="CASCADE"), primary_key=True)
    value_cluster: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    support: Mapped[float] = mapped_column(Float)


class TrustState(Base):
    """Whether the stored TruthFinder scores are current: regrouping marks them stale, and
    ingest recomputes them once at its end, so `conflicts` only reads them."""

    __tablename__ = "trust_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stale: Mapped[bool] = mapped_column(Boolean)
    computed_at: Mapped[datetime | None] = mapped_column()
    iterations: Mapped[int] = mapped_column(Integer, default=0)
    converged: Mapped[bool] = mapped_column(Boolean, default=False)


class FtsDeferred(Base):
    """A row here, only ever inside claimcheck's own write transaction, tells the claims
    insert trigger to leave the search index to the writer, which indexes a document's
    claims in one statement (migration 0006). Empty for every other connection, so claims
    anyone else inserts are indexed by the trigger."""

    __tablename__ = "claims_fts_deferred"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


# -- Alembic: objects migration 0002 manages by hand ------------------------------------
def _ignore_unmanaged(autogen_context: Any, upgrade_ops: Any, schemas: Any) -> Any:
    """Drop autogenerate's "remove" ops for the FTS5 tables and the PostgreSQL GIN index."""
    from alembic.operations import ops

    def keep(op: Any) -> bool:
        if isinstance(op, ops.DropTableOp):
            return op.table_name not in FTS_TABLES
        if isinstance(op, ops.DropIndexOp):
            return op.index_name != PG_SEARCH_INDEX
        if isinstance(op, ops.ModifyTableOps):
            op.ops[:] = [o for o in op.ops if keep(o)]
            return bool(op.ops)
        return True

    upgrade_ops.ops[:] = [o for o in upgrade_ops.ops if keep(o)]
    try:
        from alembic.util import PriorityDispatchResult

        return PriorityDispatchResult.CONTINUE
    except ImportError:  # Alembic < 1.18
        return None


_registered = False


def register_alembic_filter() -> None:
    """Run `_ignore_unmanaged` after Alembic's own table comparison (once; from migrations/env.py,
    so that commands which never autogenerate do not import Alembic)."""
    global _registered
    if _registered:
        return
    _registered = True
    try:
        from alembic.autogenerate.compare import comparators
    except ImportError:  # pragma: no cover - Alembic is a dependency
        return
    try:
        from alembic.util import DispatchPriority

        comparators.dispatch_for("schema", priority=DispatchPriority.LAST)(_ignore_unmanaged)
    except ImportError:  # Alembic < 1.18: comparators run in registration order, ours last
        comparators.dispatch_for("schema")(_ignore_unmanaged)
