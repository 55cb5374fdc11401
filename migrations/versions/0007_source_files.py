"""files map to the source of their content

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

A source was found by its content hash or by the path exactly as typed. That path was the
file's only identity, so a file reached by two spellings ("docs/a.txt", "/home/u/docs/a.txt")
was two documents, two files with the same relative path in different folders were one, and
a file edited to the bytes of another stored document kept its old claims. `source_files`
records every file (by resolved absolute path) and the source it holds now. Existing
sources are entered under the path they were stored with; the writer moves such an entry to
the resolved path the next time it meets the file.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_files",
        sa.Column("path", sa.String(length=4096), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_source_files_source_id_sources"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_source_files")),
    )
    op.create_index(op.f("ix_source_files_source_id"), "source_files", ["source_id"], unique=False)
    # the newest source read from each path, as the writer chose it before this revision
    op.execute("INSERT INTO source_files (path, source_id) SELECT path, max(id) FROM sources GROUP BY path")


def downgrade() -> None:
    op.drop_index(op.f("ix_source_files_source_id"), table_name="source_files")
    op.drop_table("source_files")
