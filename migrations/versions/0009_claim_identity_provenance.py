"""claims record where their subject came from and whether they meet other documents'

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

A group says why its members are together (issue 19, "reasons shown"), so a claim keeps
what decided its identity: `subject_how` (stated, document title, event, most-named place)
and `compared_within_source` (its identity was not confident, so it is compared only with
its own document's claims; its group key holds its source). For claims stored before this
revision, where the subject came from was not kept and stays NULL; whether a claim was
compared within its source is read back from its group key, which then holds the source id.
`claims_view` shows both. Columns are only added to `claims`, so SQLite keeps the table
(and 0002's search triggers).
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ... ADD COLUMN: a batch rebuild of `claims` would fail on the views
    # that read it and drop 0002's search triggers (a default that is an SQL expression, as
    # false() is, makes Alembic's batch mode rebuild the table on SQLite)
    op.add_column("claims", sa.Column("subject_how", sa.String(length=32), nullable=True))
    op.add_column(
        "claims", sa.Column("compared_within_source", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    _mark_within_source()
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.execute(CLAIMS_VIEW)


def _mark_within_source() -> None:
    """A claim compared within its source has a group key that is not its named key's hash
    (the source id was added to it): read per distinct key, not per claim."""
    conn = op.get_bind()
    claims = sa.table(
        "claims",
        sa.column("kind"),
        sa.column("subject"),
        sa.column("metric"),
        sa.column("object"),
        sa.column("unit"),
        sa.column("group_key"),
        sa.column("compared_within_source", sa.Boolean()),
    )
    keys = conn.execute(
        sa.select(
            claims.c.kind, claims.c.subject, claims.c.metric, claims.c.object, claims.c.unit, claims.c.group_key
        ).distinct()
    ).all()
    local = sorted(
        {
            r.group_key
            for r in keys
            if r.group_key and r.group_key != _group_key(r.kind, r.subject, r.metric, r.object, r.unit)
        }
    )
    for i in range(0, len(local), 500):
        conn.execute(
            claims.update().where(claims.c.group_key.in_(local[i : i + 500])).values(compared_within_source=True)
        )


def _group_key(kind, subject, metric, obj, unit):  # type: ignore[no-untyped-def]
    """Frozen copy of claimcheck.db.store.group_key at this revision, for a claim that meets
    other documents' claims (titles group by person)."""
    if kind == "title":
        obj, unit = None, None
    raw = json.dumps([kind, subject, metric, obj, unit], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# Frozen here: a later change to the view is a new revision.
CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT c.id AS claim_id, s.name AS source, s.title AS source_title,
       s.published AS source_published, s.published_how AS source_published_how,
       c.kind, c.subject, c.metric, c.object, c.value, c.value_text, c.unit, c.qualifier,
       c.low, c.high, c.period_start, c.period_end, c.period_text, c.attributed_to,
       c.surface, c.quote, c.char_start, c.char_end, c.group_id, g.status AS group_status,
       c.value_cluster, c.extractor_version, s.id AS source_id,
       c.subject_how, c.compared_within_source
FROM claims c
JOIN sources s ON s.id = c.source_id
LEFT JOIN claim_groups g ON g.id = c.group_id
"""

# claims_view as revision 0001 made it
CLAIMS_VIEW_0001 = """
CREATE VIEW claims_view AS
SELECT c.id AS claim_id, s.name AS source, s.title AS source_title,
       s.published AS source_published, s.published_how AS source_published_how,
       c.kind, c.subject, c.metric, c.object, c.value, c.value_text, c.unit, c.qualifier,
       c.low, c.high, c.period_start, c.period_end, c.period_text, c.attributed_to,
       c.surface, c.quote, c.char_start, c.char_end, c.group_id, g.status AS group_status,
       c.value_cluster, c.extractor_version, s.id AS source_id
FROM claims c
JOIN sources s ON s.id = c.source_id
LEFT JOIN claim_groups g ON g.id = c.group_id
"""


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.execute(CLAIMS_VIEW_0001)
    # plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch rebuild of `claims`
    # would fail on the views that read it and drop 0002's search triggers
    op.execute("ALTER TABLE claims DROP COLUMN compared_within_source")
    op.execute("ALTER TABLE claims DROP COLUMN subject_how")
