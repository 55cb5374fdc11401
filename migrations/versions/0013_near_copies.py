"""near-copies of a document count as one source: each source's family and band hashes

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

`sources.copy_of` names the original (the first stored member) of the family a lightly
edited copy belongs to; NULL for an original. A source's family is `COALESCE(copy_of, id)`,
and agreement counts, the judge's "several sources" test and TruthFinder count families.
`sources.signed_hash` is the content hash that `source_bands` (the MinHash band hashes a new
document's near-copies are found by, compare.copies) and `copy_of` were computed for; NULL
for a source not signed yet (new, or edited in place), which the next ingest signs: that is
how the sources already stored when this revision runs get their families.

When an original is deleted, a trigger makes the oldest of its copies the family's original
(`copy_of` has no foreign key: adding one to SQLite's `sources` would rebuild the table, and
dropping the old one would delete every claim through their own foreign keys).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# When an original is deleted, the oldest of its copies becomes its family's original: the
# others are re-pointed to it, then it points nowhere. (Their band hashes stay valid.)
_REPOINT = """
    UPDATE sources SET copy_of = (SELECT min(id) FROM sources WHERE copy_of = OLD.id)
    WHERE copy_of = OLD.id AND id > (SELECT min(id) FROM sources WHERE copy_of = OLD.id);
    UPDATE sources SET copy_of = NULL WHERE copy_of = OLD.id;
"""
SQLITE_TRIGGER = f"""
CREATE TRIGGER sources_copies_orphaned AFTER DELETE ON sources
BEGIN{_REPOINT}END
"""
PG_FUNCTION = f"""
CREATE FUNCTION claimcheck_copies_orphaned() RETURNS trigger AS $$
BEGIN{_REPOINT}    RETURN OLD;
END
$$ LANGUAGE plpgsql
"""
PG_TRIGGER = """
CREATE TRIGGER sources_copies_orphaned AFTER DELETE ON sources
FOR EACH ROW EXECUTE FUNCTION claimcheck_copies_orphaned()
"""


def upgrade() -> None:
    op.add_column("sources", sa.Column("copy_of", sa.Integer(), nullable=True))
    op.add_column("sources", sa.Column("signed_hash", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_sources_copy_of"), "sources", ["copy_of"], unique=False)
    op.create_index(op.f("ix_sources_signed_hash"), "sources", ["signed_hash"], unique=False)
    op.create_table(
        "source_bands",
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_source_bands_source_id_sources"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("band", "source_id", name=op.f("pk_source_bands")),
    )
    op.create_index(op.f("ix_source_bands_source_id"), "source_bands", ["source_id"], unique=False)
    if op.get_context().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    postgresql = op.get_context().dialect.name == "postgresql"
    op.execute("DROP TRIGGER IF EXISTS sources_copies_orphaned" + (" ON sources" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS claimcheck_copies_orphaned()")
    op.drop_index(op.f("ix_source_bands_source_id"), table_name="source_bands")
    op.drop_table("source_bands")
    op.drop_index(op.f("ix_sources_signed_hash"), table_name="sources")
    op.drop_index(op.f("ix_sources_copy_of"), table_name="sources")
    # plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch rebuild of
    # `sources` would drop the table its claims cascade from
    op.execute("ALTER TABLE sources DROP COLUMN signed_hash")
    op.execute("ALTER TABLE sources DROP COLUMN copy_of")
