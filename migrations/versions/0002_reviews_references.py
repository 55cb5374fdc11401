"""reviews, reference figures and full-text search on claim quotes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Reviews are keyed to a claim's content (source content hash, quote, surface), not to its id.
Search: on SQLite an external-content FTS5 table over claims.quote, kept in sync by triggers on
`claims` (so it stays right whatever writes the claims); on PostgreSQL a GIN expression index
on to_tsvector('english', quote). Neither has an ORM class: claimcheck.db.verdict_models tells
autogenerate to leave them alone.

A later revision that rebuilds `claims` on SQLite (batch "move and copy") drops the triggers
with the old table and must create them again: copy FTS_TRIGGERS from here into it (the insert
trigger as 0006 redefined it), then run FTS_REBUILD.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=512), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("object", sa.Text(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_text", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("period_start", sa.String(length=10), nullable=False),
        sa.Column("period_end", sa.String(length=10), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_figures")),
    )
    with op.batch_alter_table("reference_figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reference_figures_dataset"), ["dataset"], unique=False)
        batch_op.create_index("ix_reference_figures_key", ["subject", "metric", "object", "unit"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
        sa.Column("source_name", sa.String(length=512), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("object", sa.Text(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.String(length=10), nullable=True),
        sa.Column("period_end", sa.String(length=10), nullable=True),
        sa.Column("rating", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=256), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "rating IN ('true', 'mostly-true', 'mixed', 'misleading', 'false', 'unverifiable')",
            name=op.f("ck_reviews_rating"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index("ix_reviews_claim_content", ["content_hash", "surface"], unique=False)

    op.execute(REVIEWS_VIEW)

    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.execute(FTS_TABLE)
        for trigger in FTS_TRIGGERS:
            op.execute(trigger)
        op.execute(FTS_REBUILD)
    elif dialect == "postgresql":
        op.execute(PG_SEARCH_INDEX)


# Frozen SQL: a later change is a new revision.
REVIEWS_VIEW = """
CREATE VIEW reviews_view AS
SELECT r.id AS review_id, c.id AS claim_id, r.rating, r.note, r.reviewer, r.reviewed_at,
       r.source_name AS source, r.kind, r.subject, r.metric, r.object, r.value, r.value_text,
       r.unit, r.qualifier, r.period_start, r.period_end, r.surface, r.quote, r.content_hash
FROM reviews r
LEFT JOIN sources s ON s.content_hash = r.content_hash
LEFT JOIN claims c ON c.source_id = s.id AND c.quote = r.quote AND c.surface = r.surface
"""

FTS_TABLE = """
CREATE VIRTUAL TABLE claims_fts USING fts5(
    quote, content='claims', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
)
"""

FTS_TRIGGERS = [
    """
    CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, quote) VALUES (new.id, new.quote);
    END
    """,
    """
    CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.id, old.quote);
    END
    """,
    """
    CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, quote ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.id, old.quote);
        INSERT INTO claims_fts(rowid, quote) VALUES (new.id, new.quote);
    END
    """,
]

FTS_REBUILD = "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')"

PG_SEARCH_INDEX = "CREATE INDEX ix_claims_quote_tsv ON claims USING gin (to_tsvector('english', quote))"


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for name in ("claims_fts_update", "claims_fts_delete", "claims_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claims_quote_tsv")
    op.execute("DROP VIEW IF EXISTS reviews_view")

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_claim_content")
    op.drop_table("reviews")
    with op.batch_alter_table("reference_figures", schema=None) as batch_op:
        batch_op.drop_index("ix_reference_figures_key")
        batch_op.drop_index(batch_op.f("ix_reference_figures_dataset"))
    op.drop_table("reference_figures")
