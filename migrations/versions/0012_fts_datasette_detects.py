"""the FTS5 index is declared as sqlite-utils' enable-fts does, so Datasette finds it; sources_view

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Datasette finds a table's full-text index by the index's SQL: `content="claims"` or
`content=[claims]`. 0002 wrote `content='claims'`, which it does not recognise, so `_search=`
on claims was ignored. The index is declared again in the bracketed form sqlite-utils'
`enable-fts` writes, with the same column, tokenizer and triggers (0002's delete and update
triggers, 0006's insert trigger that stands aside for the writer), and rebuilt from the claims.
On PostgreSQL there is no FTS5 table; it searches 0002's expression index.

`sources_view` lists the documents without their texts, which a browser of the file does not
want to page through: one row per source with its metadata and how many claims it holds.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TRIGGERS = ("claims_fts_insert", "claims_fts_delete", "claims_fts_update")


def fts_table(content: str) -> str:
    return f"""
CREATE VIRTUAL TABLE claims_fts USING fts5(
    quote, content={content}, content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
)
"""


FTS_TRIGGERS = [
    """
    CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
    WHEN NOT EXISTS (SELECT 1 FROM claims_fts_deferred)
    BEGIN
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

SOURCES_VIEW = """
CREATE VIEW sources_view AS
SELECT s.id AS source_id, s.name AS source, s.title, s.published, s.published_how, s.url,
       s.publisher, s.author, s.path, s.size_bytes, s.ingested_at,
       (SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claims
FROM sources s
"""


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _declare_fts("[claims]")
    op.execute(SOURCES_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS sources_view")
    if op.get_context().dialect.name == "sqlite":
        _declare_fts("'claims'")


def _declare_fts(content: str) -> None:
    """Drop the index and its triggers, declare it again naming `content` so, and fill it."""
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS claims_fts")
    op.execute(fts_table(content))
    for trigger in FTS_TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
