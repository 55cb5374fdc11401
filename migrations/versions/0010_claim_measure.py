"""claims record the measure they were linked by

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Claims about one thing meet when they name one measure, however worded ("missing people",
"number of people missing"): compare.measures names it, and the group key is made of it
instead of the metric as written. `measure` keeps that name beside the metric, so a reader
of the database sees why two differently worded claims share a group. The upgrade names the
measure of every stored figure with the installed claimcheck's compare.measures (not a
frozen copy: the point is that stored claims meet the claims ingested after it), re-keys
them, and marks the old and new groups pending: the next command recomputes them.
Only a column is added, so SQLite keeps the table and 0002's search triggers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("measure", sa.String(length=200), nullable=True))
    _measure_stored_figures()
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.execute(CLAIMS_VIEW)


def _measure_stored_figures() -> None:
    """Name each stored figure's measure and key its group by it."""
    from claimcheck.compare.measures import measure_of
    from claimcheck.lexicon import default_lexicon

    lex = default_lexicon()

    def by_measure(metric: str, unit: str | None) -> tuple[str, dict[str, str]]:
        measure = measure_of(metric, unit or "", lex)
        return measure, {"measure": measure}

    _rekey(by_measure, measured_only=False)


def _key_by_metric() -> None:
    """Back to 0009's keys: a figure compared with other documents' is keyed by its metric
    as written (0009 reads a key that is not so as 'compared within its source')."""
    _rekey(lambda metric, unit: (metric, {}), measured_only=True)


def _rekey(named: Callable[[str, str | None], tuple[str, dict[str, str]]], measured_only: bool) -> None:
    """Key each stored figure compared with other documents' by the name `named` gives its
    metric (and store what else it returns), one update per distinct group key (a key is one
    subject, metric, object and unit); the old and new keys of those that moved are queued."""
    conn = op.get_bind()
    claims, pending = _tables()
    query = sa.select(claims.c.subject, claims.c.metric, claims.c.object, claims.c.unit, claims.c.group_key).where(
        claims.c.kind == "numeric", sa.not_(claims.c.compared_within_source)
    )
    if measured_only:
        query = query.where(claims.c.measure.is_not(None))
    touched: set[str] = set()
    for r in conn.execute(query.distinct()).all():
        name, stored = named(r.metric, r.unit)
        key = _group_key("numeric", r.subject, name, r.object, r.unit)
        conn.execute(
            claims.update()
            .where(claims.c.group_key == r.group_key, claims.c.metric == r.metric)
            .values(group_key=key, **stored, **_ungrouped(key != r.group_key))
        )
        if key != r.group_key:
            touched.update((key, r.group_key))
    _queue(conn, pending, touched)


def _tables() -> tuple[sa.TableClause, sa.TableClause]:
    """The columns of `claims` and `pending_groups` this revision reads and writes."""
    claims = sa.table(
        "claims",
        *(sa.column(c) for c in ("kind", "subject", "metric", "object", "unit", "group_key", "measure")),
        sa.column("group_id"),
        sa.column("value_cluster"),
        sa.column("compared_within_source", sa.Boolean()),
    )
    return claims, sa.table("pending_groups", sa.column("key"))


def _ungrouped(moved: bool) -> dict[str, None]:
    """A claim moved to another key leaves its group: the next regroup places it in the
    group of its new key (its old group may be deleted, and its id given to the new one)."""
    return {"group_id": None, "value_cluster": None} if moved else {}


def _queue(conn, pending, keys: set[str]) -> None:  # type: ignore[no-untyped-def]
    """Mark these group keys pending: the next command recomputes their groups."""
    queued = {k for (k,) in conn.execute(sa.select(pending.c.key))}
    fresh = sorted(keys - queued)
    if fresh:
        conn.execute(pending.insert(), [{"key": k} for k in fresh])


def _group_key(kind, subject, metric, obj, unit):  # type: ignore[no-untyped-def]
    """Frozen copy of claimcheck.db.store.group_key at this revision (figures only)."""
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
       c.subject_how, c.compared_within_source, c.measure
FROM claims c
JOIN sources s ON s.id = c.source_id
LEFT JOIN claim_groups g ON g.id = c.group_id
"""

# claims_view as revision 0009 made it
CLAIMS_VIEW_0009 = """
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


def downgrade() -> None:
    _key_by_metric()
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.execute(CLAIMS_VIEW_0009)
    # plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch rebuild of `claims`
    # would fail on the views that read it and drop 0002's search triggers
    op.execute("ALTER TABLE claims DROP COLUMN measure")
