"""a group's values are read with their period's text: a running count as of its report

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Comparison now tells a running count dated by its report ("the report's date", "as of
March 12") from a figure of a stated period: a toll as of a report's date and a page's
undated final toll are a change over time, not a conflict. Regrouping reads each group's
distinct values from the covering index of 0008, so that index gains `period_text`; every
group is marked pending, and the next command recomputes it with the new reading.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BEFORE = [
    "group_key",
    "low",
    "high",
    "period_start",
    "period_end",
    "value_text",
    "kind",
    "unit",
    "source_id",
    "group_id",
    "value_cluster",
]
AFTER = [*BEFORE[:5], "period_text", *BEFORE[5:]]


def upgrade() -> None:
    _index(AFTER)
    _recompute_every_group()


def downgrade() -> None:
    _index(BEFORE)
    _recompute_every_group()


def _index(columns: list[str]) -> None:
    op.drop_index(op.f("ix_claims_group_values"), table_name="claims")
    op.create_index(op.f("ix_claims_group_values"), "claims", columns, unique=False)


def _recompute_every_group() -> None:
    op.execute(
        "INSERT INTO pending_groups (key) SELECT DISTINCT group_key FROM claims WHERE group_key IS NOT NULL "
        "AND group_key NOT IN (SELECT key FROM pending_groups)"
    )
