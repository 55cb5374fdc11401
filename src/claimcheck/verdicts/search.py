"""Full-text search over claim sentences.

SQLite: the FTS5 table `claims_fts` (kept in sync by the triggers of migration 0002, and by
claimcheck's writer for the claims it inserts: migration 0006). The
user's words are quoted one by one, so FTS5 query syntax in them ("AND", "*", a stray quote)
is plain text and cannot fail. PostgreSQL: to_tsvector('english', quote) against
plainto_tsquery, which the GIN index of migration 0002 serves. Other databases: every word
as a case-insensitive substring. The user's text is always a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import desc, func, literal_column, select, text
from sqlalchemy.orm import Session

from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import Source
from claimcheck.verdicts.errors import VerdictError

SEARCH_COLUMNS = [
    "claim_id",
    "source",
    "kind",
    "subject",
    "metric",
    "object",
    "value",
    "value_text",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "surface",
    "quote",
    "group_id",
    "rank",
]
_PG_CONFIG = literal_column("'english'")  # a constant, so the planner can use the index


@dataclass(frozen=True)
class SearchHit:
    """A claim whose sentence matches, best first (`rank`: lower is better)."""

    rank: int
    claim_id: int
    source: str
    kind: str
    subject: str | None
    metric: str
    object: str | None
    value: float | None
    value_text: str | None
    unit: str | None
    qualifier: str
    period_start: str | None
    period_end: str | None
    surface: str
    quote: str
    group_id: int | None
    figure_at: tuple[int, int]  # the figure's offsets inside the quote

    def as_row(self) -> dict[str, object]:
        return {c: getattr(self, c) for c in SEARCH_COLUMNS} | {"figure_at": self.figure_at}


def words(query: str) -> list[str]:
    """The words of a query: whitespace-separated tokens holding a letter or digit."""
    return [t for t in query.split() if any(ch.isalnum() for ch in t)]


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression requiring every word, each quoted so it is never syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words(query))


def search_claims(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    """Claims whose sentence contains all the words of `query`, best match first."""
    if not words(query):
        raise VerdictError("give at least one word to search for")
    if limit < 1:
        raise VerdictError("--limit must be at least 1")
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        ranked = session.execute(
            text(
                "SELECT claims_fts.rowid FROM claims_fts WHERE claims_fts MATCH :q "
                "ORDER BY bm25(claims_fts), claims_fts.rowid LIMIT :limit"
            ),
            {"q": fts5_query(query), "limit": limit},
        ).scalars()
    elif dialect == "postgresql":
        vector = func.to_tsvector(_PG_CONFIG, ClaimRow.quote)
        tsq = func.plainto_tsquery(_PG_CONFIG, query)
        ranked = session.execute(
            select(ClaimRow.id)
            .where(vector.op("@@")(tsq))
            .order_by(desc(func.ts_rank(vector, tsq)), ClaimRow.id)
            .limit(limit)
        ).scalars()
    else:
        q = select(ClaimRow.id)
        for w in words(query):
            q = q.where(func.lower(ClaimRow.quote).contains(w.lower(), autoescape=True))
        ranked = session.execute(q.order_by(ClaimRow.id).limit(limit)).scalars()
    ids = list(ranked)
    rows = {
        c.id: (c, name)
        for c, name in session.execute(select(ClaimRow, Source.name).join(Source).where(ClaimRow.id.in_(ids)))
    }
    hits = []
    for rank, cid in enumerate(ids, start=1):
        if cid not in rows:  # pragma: no cover - the index and the table are kept in step
            continue
        c, name = rows[cid]
        hits.append(
            SearchHit(
                rank,
                c.id,
                name,
                c.kind,
                c.subject,
                c.metric,
                c.object,
                c.value,
                c.value_text,
                c.unit,
                c.qualifier,
                c.period_start,
                c.period_end,
                c.surface,
                c.quote,
                c.group_id,
                (c.surface_start - c.char_start, c.surface_end - c.char_start),
            )
        )
    return hits
