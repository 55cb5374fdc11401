"""Plain-SQL reads behind the `claimcheck conflicts` table, the command people run most.

The table shows a few hundred rows, which the database finds in milliseconds even among
millions of claims, while importing SQLAlchemy alone takes about half a second. So these
queries are SQL text that runs unchanged on SQLite and PostgreSQL through a `Run` function:
the standard library's sqlite3 on a SQLite file whose schema is current and which has
nothing left to settle (`sqlite_reader`), and otherwise a SQLAlchemy session
(`sqlalchemy_run`), after the usual migration and settling. Nothing here writes.
"""

from __future__ import annotations

import os
import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.errors import DatabaseError

Run = Callable[[str, dict[str, Any]], list[Any]]  # SQL text with :name parameters -> rows
Side = tuple[int, int | None]  # (group id, value cluster)

_CHUNK = 500  # ids per IN list: far below every database's limit on parameters

# the claim columns a member row carries (what report.member_rows reads), as in the claims table
_MEMBER_COLUMNS = """
    g.id AS group_id, g.status, g.subject AS group_subject, g.metric AS group_metric,
    g.object AS group_object, g.n_sources,
    c.id, c.source_id, c.kind, c.value, c.unit, c.qualifier, c.low, c.high,
    c.period_start, c.period_end, c.value_cluster, c.quote, c.value_text, c.surface,
    c.attributed_to, c.char_start, c.surface_start, c.surface_end,
    c.subject, c.metric, c.object, c.subject_how, c.compared_within_source,
    c.stated_value, c.stated_unit, c.period_text,
    s.name AS source_name, s.published AS source_published, COALESCE(s.copy_of, s.id) AS source_family
"""


@dataclass
class ConflictTable:
    """What the conflicts table shows."""

    groups: dict[int, list[Any]]  # report order; each group's claims (the first of each side)
    side_sizes: dict[Side, int]  # claims on each side of the groups shown
    not_shown: int  # groups that matched but are beyond the limit
    support: dict[Side, float] = field(default_factory=dict)  # stored TruthFinder advice
    support_stale: bool = False  # the stored advice is stale, so `support` is empty: compute it
    ratings: dict[int, str] = field(default_factory=dict)  # latest review per claim shown


# A group is confident when its claims meet other documents' claims: none was kept to its own
# document and no subject was guessed (compare.reasons.confident). One claim tells for the
# whole group: a claim kept to its document has its source in its group key, so its group
# holds only such claims, and a guessed subject is always kept to its document
# (compare.identity). So the test reads one claim per group, not every claim of large ones.
_CONFIDENT = """(SELECT CASE WHEN c.compared_within_source OR c.subject_how = 'most-named place'
                                  THEN 1 ELSE 0 END
                   FROM claims c WHERE c.group_id = claim_groups.id LIMIT 1) = 0"""


# Report order, the same on every backend: conflicts first, then the groups most sources speak
# to, then the widest disagreement (the spread of a conflict's values relative to the largest),
# then the group id. Nothing depends on a collation, which SQLite and PostgreSQL do not share.
_SPREAD = """LEFT JOIN (SELECT group_id,
                         (MAX(value) - MIN(value)) / NULLIF(CASE WHEN ABS(MAX(value)) > ABS(MIN(value))
                                                                 THEN ABS(MAX(value)) ELSE ABS(MIN(value)) END, 0)
                           AS spread
                    FROM claims
                    WHERE group_id IN (SELECT id FROM claim_groups
                                       WHERE status = 'conflict' AND n_sources >= :least_sources)
                    GROUP BY group_id) d ON d.group_id = claim_groups.id"""
_ORDER = "ORDER BY claim_groups.status <> 'conflict', claim_groups.n_sources DESC, COALESCE(d.spread, 0) DESC, claim_groups.id"


def _where(statuses: Sequence[str] | None, confident: bool, min_sources: int, params: dict[str, Any]) -> str:
    """The WHERE clause choosing groups: their status, confidence, and how many sources they hold."""
    conditions = [f"claim_groups.status IN ({_bind('st', statuses, params)})"] if statuses else []
    if confident:
        conditions.append(_CONFIDENT)
    if min_sources > 1:
        conditions.append("claim_groups.n_sources >= :min_sources")
        params["min_sources"] = min_sources
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def group_ids(
    run: Run, statuses: Sequence[str] | None, limit: int | None, confident: bool = False, min_sources: int = 1
) -> tuple[list[int], int]:
    """The ids of the first `limit` chosen groups (all when None) in report order, and how many were chosen."""
    params: dict[str, Any] = {}
    where = _where(statuses, confident, min_sources, params)
    total = run(f"SELECT count(*) AS n FROM claim_groups {where}", dict(params))[0].n
    tail = "" if limit is None else " LIMIT :limit"
    least = _least_sources(run, where, params, limit)
    sql = f"SELECT claim_groups.id FROM claim_groups {_SPREAD} {where} {_ORDER}{tail}"
    return [r.id for r in run(sql, {**params, "limit": limit, "least_sources": least})], total


def _least_sources(run: Run, where: str, params: dict[str, Any], limit: int | None) -> int:
    """The fewest sources a conflict among the first `limit` groups can have: the spread of
    values is read only for conflicts that many sources or more speak to, since the others
    come after the first `limit` whatever their spread (the table's cost stays with what it
    shows, not with the database)."""
    if not limit:
        return 0
    sql = f"""SELECT claim_groups.status, claim_groups.n_sources FROM claim_groups {where}
              ORDER BY claim_groups.status <> 'conflict', claim_groups.n_sources DESC LIMIT 1 OFFSET :last"""
    last = run(sql, {**params, "last": limit - 1})
    return last[0].n_sources if last and last[0].status == "conflict" else 0


def members(run: Run, gids: Sequence[int], per_side: int = 0) -> dict[int, list[Any]]:
    """The claims of these groups (at most `per_side` of each side, by period then id; all when
    0), keyed by group in the order of `gids`, each group's by side, period and id."""
    out: dict[int, list[Any]] = {gid: [] for gid in gids}
    for chunk in _chunks(gids):
        p: dict[str, Any] = {"per_side": per_side}
        ids = _bind("g", chunk, p)
        heads = (
            f"""JOIN (SELECT id, row_number() OVER (PARTITION BY group_id, value_cluster
                                                   ORDER BY period_start, id) AS rank
                      FROM claims WHERE group_id IN ({ids})) h ON h.id = c.id AND h.rank <= :per_side"""
            if per_side
            else ""
        )
        sql = f"""SELECT {_MEMBER_COLUMNS} FROM claim_groups g
                  JOIN claims c ON c.group_id = g.id JOIN sources s ON s.id = c.source_id {heads}
                  WHERE g.id IN ({ids}) ORDER BY g.id, c.value_cluster, c.period_start, c.id"""
        for r in run(sql, p):
            out[r.group_id].append(r)
    return out


def member_batches(
    run: Run,
    statuses: Sequence[str] | None,
    confident: bool = False,
    min_sources: int = 1,
    limit: int | None = None,
) -> Iterator[list[Any]]:
    """The claims of the first `limit` chosen groups (all when None), one group at a time in
    report order, read a chunk of groups at a time: what exports and the HTML report stream."""
    gids, _ = group_ids(run, statuses, limit, confident, min_sources)
    for chunk in _chunks(gids):
        yield from (rows for rows in members(run, chunk).values() if rows)


def conflict_table(
    run: Run,
    statuses: Sequence[str] | None,
    limit: int | None,
    per_side: int,
    confident: bool = False,
    min_sources: int = 1,
) -> ConflictTable:
    """The first `limit` groups (all when None) with `statuses` in report order (see _ORDER),
    the first `per_side` claims of each of their sides (all when 0), side sizes, stored support
    for their sides, and review ratings. With `confident`, only the groups whose claims meet
    other documents' claims; with `min_sources`, only groups that many sources speak to."""
    gids, total = group_ids(run, statuses, limit, confident, min_sources)
    table = ConflictTable(members(run, gids, per_side), {}, total - len(gids))
    for chunk in _chunks(gids):
        p: dict[str, Any] = {}
        sql = f"""SELECT group_id, value_cluster, count(*) AS n FROM claims
                  WHERE group_id IN ({_bind("g", chunk, p)}) GROUP BY group_id, value_cluster"""
        table.side_sizes.update({(r.group_id, r.value_cluster): r.n for r in run(sql, p)})
    conflicting = [gid for gid, members in table.groups.items() if members and members[0].status == "conflict"]
    table.support = stored_support(run, conflicting)
    table.support_stale = bool(conflicting) and support_is_stale(run)
    table.ratings = latest_ratings(run, [r.id for members in table.groups.values() for r in members])
    return table


def stored_support(run: Run, group_ids: Sequence[int]) -> dict[Side, float]:
    """TruthFinder's stored support for the sides of these groups; none while the stored
    scores are stale (`ingest --trust` stores them; report.conflict_table computes them meanwhile)."""
    if not group_ids or support_is_stale(run):
        return {}
    out: dict[Side, float] = {}
    for chunk in _chunks(group_ids):
        p: dict[str, Any] = {}
        sql = f"SELECT group_id, value_cluster, support FROM trust_sides WHERE group_id IN ({_bind('g', chunk, p)})"
        out.update({(r.group_id, r.value_cluster): r.support for r in run(sql, p)})
    return out


def support_is_stale(run: Run) -> bool:
    """Whether the stored TruthFinder scores are stale (groups changed since), or were never stored."""
    state = run("SELECT stale FROM trust_state WHERE id = 1", {})
    return not state or bool(state[0].stale)


def latest_ratings(run: Run, claim_ids: Sequence[int]) -> dict[int, str]:
    """The rating of each claim's latest review (a review follows its claim's quote and
    figure in the same document text, as `claimcheck review` records it)."""
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(set(claim_ids))):
        p: dict[str, Any] = {}
        sql = f"""SELECT c.id AS claim_id, r.rating FROM claims c
                  JOIN sources s ON s.id = c.source_id
                  JOIN reviews r ON r.content_hash = s.content_hash AND r.quote = c.quote
                                AND r.surface = c.surface
                  WHERE c.id IN ({_bind("c", chunk, p)}) ORDER BY r.reviewed_at, r.id"""
        out.update({r.claim_id: r.rating for r in run(sql, p)})  # the latest last
    return out


def _bind(name: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    """Placeholders ':name0, :name1, ...' for an IN list, their values added to `params`."""
    keys = [f"{name}{i}" for i in range(len(values))]
    params.update(zip(keys, values, strict=True))
    return ", ".join(":" + k for k in keys) or "NULL"


def _chunks(xs: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(xs), _CHUNK):
        yield xs[i : i + _CHUNK]


def sqlite_conflict_table(
    target: str | None,
    statuses: Sequence[str] | None,
    limit: int | None,
    per_side: int,
    confident: bool = False,
    min_sources: int = 1,
) -> ConflictTable | None:
    """`conflict_table` through sqlite3, or None when that path does not apply or the file
    cannot be read that way (locked past the timeout, damaged): the caller then takes the
    full path, which reports such errors properly."""
    try:
        with sqlite_reader(target) as run:
            return None if run is None else conflict_table(run, statuses, limit, per_side, confident, min_sources)
    except sqlite3.Error:
        return None


# -- runners ---------------------------------------------------------------------------
def sqlalchemy_run(session: Any) -> Run:
    """A Run over a SQLAlchemy session or connection (any database)."""
    from sqlalchemy import text

    return lambda sql, params: list(session.execute(text(sql), params))


@contextmanager
def sqlite_reader(target: str | None) -> Iterator[Run | None]:
    """A Run over the stdlib sqlite3 for `target` (a --db value), or None when the fast path
    does not apply: not a SQLite file that exists, a schema that is not current, groups an
    interrupted ingest left to recompute, or TruthFinder scores not stored. The caller then
    takes the full path, which migrates, settles and reports errors."""
    path = _sqlite_path(target)
    conn = None
    run: Run | None = None
    try:
        if path is not None and path.is_file():
            from claimcheck.db.engine import sqlite_read_only_uri

            conn = sqlite3.connect(sqlite_read_only_uri(path.resolve()), uri=True, timeout=60)
            conn.row_factory = _named_rows()
            run = _sqlite_run(conn) if _current(conn) else None
    except (sqlite3.Error, DatabaseError):  # (DatabaseError: a folder SQLite cannot read the file in)
        run = None
    try:
        yield run
    finally:
        if conn is not None:
            conn.close()


def _sqlite_run(conn: sqlite3.Connection) -> Run:
    return lambda sql, params: conn.execute(sql, params).fetchall()


def _sqlite_path(target: str | None) -> Path | None:
    from claimcheck.db.engine import DEFAULT_DB, ENV_VAR

    if target is not None and not target.strip():
        return None  # the full path refuses an empty --db
    target = target or os.environ.get(ENV_VAR) or DEFAULT_DB
    if target.startswith("file:"):
        return None  # ... and a SQLite URI given without sqlite://
    if "://" not in target:
        return Path(target).expanduser()
    prefix = "sqlite:///"
    rest = target[len(prefix) :]
    if not target.startswith(prefix) or "?" in rest or not rest:
        return None  # another database, or options only SQLAlchemy understands
    return Path(rest)


def _current(conn: sqlite3.Connection) -> bool:
    from claimcheck.db.migrate import HEAD_REVISION

    version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if [r.version_num for r in version] != [HEAD_REVISION]:
        return False
    return not conn.execute("SELECT 1 AS pending FROM pending_groups LIMIT 1").fetchall()


def _named_rows() -> Callable[[sqlite3.Cursor, tuple[Any, ...]], Any]:
    """A row factory giving rows attribute access, as SQLAlchemy's rows have."""
    types: dict[tuple[str, ...], Any] = {}

    def factory(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> Any:
        names = tuple(d[0] for d in cursor.description)
        cls = types.get(names)
        if cls is None:
            cls = types[names] = namedtuple("Row", names, rename=True)  # noqa: PYI024
        return cls(*row)

    return factory
