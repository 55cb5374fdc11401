"""claim quotes enter the search index per document, not per row

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

On SQLite the FTS5 index over claims.quote was filled by an AFTER INSERT trigger. FTS5 pays
a fixed cost for every statement that writes to it, and a trigger is one statement per
claim: it took three quarters of the time of inserting a claim. The writer now indexes a
document's claims with one INSERT ... SELECT after storing them (store.save_document), so
the insert trigger goes. The delete and update triggers stay: claimcheck deletes and
updates claims one statement per document, where they cost little, and they keep the
index right when a user deletes claims by hand. Claims a user inserts by hand are no longer
indexed until `INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')`.

PostgreSQL searches an expression index and has nothing to change.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INSERT_TRIGGER = """
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, quote) VALUES (new.id, new.quote);
END
"""


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute(INSERT_TRIGGER)
