"""Reports: the rows of every report (the terminal's tables, the exports, the HTML page),
each read through one query path (db.reads for groups, db.store's queries for claims and
sources); report_write writes them.

Column names are a contract (README, "Export contract"); new columns go at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimcheck.compare import reasons
from claimcheck.lexicon import default_lexicon
from claimcheck.normalize.units import as_stated
from claimcheck.report_write import (  # noqa: F401  (re-exported: report.write, report.figure, ...)
    NUMERIC,
    QUAL_SYMBOL,
    cell,
    figure,
    fmt_number,
    stated_digits,
    to_precision,
    write,
)


@dataclass(frozen=True)
class GroupQuery:
    """Which groups a report shows, and how much of each."""

    statuses: Sequence[str] | None = ("conflict",)
    confident: bool = False
    min_sources: int = 1  # only groups this many sources speak to (2: conflicts across sources)
    limit: int | None = None  # the first this many groups in report order; None: all
    per_side: int = 0  # claims shown per side; 0: all


if TYPE_CHECKING:  # the database layer is imported by the functions that read it, so that
    # the conflicts table (db/reads.py) can render rows without loading SQLAlchemy
    from sqlalchemy.orm import Session

    from claimcheck.db.models import Claim as ClaimRow
    from claimcheck.db.models import Source
    from claimcheck.db.reads import ConflictTable

CLAIM_COLUMNS = [
    "claim_id",
    "source",
    "kind",
    "subject",
    "metric",
    "object",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "period_start",
    "period_end",
    "attributed_to",
    "quote",
    "char_start",
    "char_end",
    "surface",
    "value_text",
    "period_text",
    "group_id",
    "group_status",
    "value_cluster",
    "source_title",
    "source_published",
    "source_published_how",
    "subject_how",
    "compared_within_source",
    "reason",
    "compared_value",
    "compared_unit",
    "compared_low",
    "compared_high",
    "numeric_value",
]
CONFLICT_COLUMNS = [
    "group_id",
    "status",
    "subject",
    "metric",
    "object",
    "claim_id",
    "source",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
    "period_start",
    "period_end",
    "value_cluster",
    "quote",
    "kind",
    "value_text",
    "surface",
    "attributed_to",
    "source_published",
    "sources_in_cluster",
    "n_sources",
    "subject_how",
    "compared_within_source",
    "reason",
    "group_reason",
    "numeric_value",
]
SOURCE_COLUMNS = [
    "source",
    "title",
    "published",
    "published_how",
    "claims",
    "text",
    "path",
    "content_hash",
    "size_bytes",
    "ingested_at",
    "source_id",
    "url",
    "publisher",
    "author",
    "copy_of",
]


def _value(c: ClaimRow) -> float | None:
    """The figure, for numeric claims only: what numeric_value holds, so that a column of
    figures can be summed and sorted (titles and dates are in value_text)."""
    return c.value if c.kind == "numeric" else None


def _legacy(number: float | None, c: Any) -> float | str | None:
    """The value and compared_value columns as the contract has always given them: the figure,
    or for a title or a date its text (tools read it there; numeric_value has figures only)."""
    return number if c.kind == "numeric" else c.value_text


def _converted(c: Any) -> bool:
    """Whether the stored figure was converted from the unit its text used (so carries digits the text did not)."""
    return bool(c.stated_unit) and c.stated_unit != c.unit and c.kind == "numeric"


def _as_compared(c: Any) -> tuple[float | None, float | None, float | None]:
    """value, low and high as compared, to the precision the text stated: "200-mile" is 322 km, not 321.868."""
    if not _converted(c):
        return _value(c), c.low, c.high
    digits = stated_digits(c.surface)
    return to_precision(_value(c), digits), to_precision(c.low, digits), to_precision(c.high, digits)


def claim_row(c: Any, status: str | None = None, source: Source | None = None) -> dict[str, Any]:
    """A claim as an export row; `c` is a claims_query row (or a Claim with its `source`).
    The figure is given in the unit its text used ('160 mph'); the compared_* columns give
    it as it was compared, in its dimension's one unit (257.5 km/h)."""
    src = source
    said = as_stated(c.value, c.unit, c.low, c.high, c.stated_unit, default_lexicon(), c.stated_value)
    compared, compared_low, compared_high = _as_compared(c)
    return {
        "claim_id": c.id,
        "source": src.name if src else c.source_name,
        "kind": c.kind,
        "subject": c.subject,
        "metric": c.metric,
        "object": c.object,
        "value": _legacy(said.value, c),
        "unit": said.unit,
        "qualifier": c.qualifier,
        "low": said.low,
        "high": said.high,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "attributed_to": c.attributed_to,
        "quote": c.quote,
        "char_start": c.char_start,
        "char_end": c.char_end,
        "surface": c.surface,
        "value_text": c.value_text,
        "period_text": c.period_text,
        "group_id": c.group_id,
        "group_status": status if src else c.group_status,
        "value_cluster": c.value_cluster,
        "source_title": src.title if src else c.source_title,
        "source_published": src.published if src else c.source_published,
        "source_published_how": src.published_how if src else c.source_published_how,
        "subject_how": c.subject_how,
        "compared_within_source": bool(c.compared_within_source),
        "reason": reasons.member_reason(fact_of(c, src.name if src else c.source_name)),
        "figure_at": (c.surface_start - c.char_start, c.surface_end - c.char_start),
        "compared_value": _legacy(compared, c),
        "compared_unit": c.unit,
        "compared_low": compared_low,
        "compared_high": compared_high,
        "numeric_value": said.value if c.kind == "numeric" else None,
    }


def fact_of(c: Any, source: str | None = None) -> reasons.Fact:
    """What the reasons read of a claim row (claims, group members, or a Claim)."""
    return reasons.Fact(
        claim_id=c.id,
        source_id=c.source_id,
        source=source if source is not None else c.source_name,
        kind=c.kind,
        subject=c.subject,
        subject_how=c.subject_how,
        metric=c.metric,
        object=c.object,
        unit=c.unit,
        value=c.value,
        low=c.low,
        high=c.high,
        qualifier=c.qualifier,
        stated_value=c.stated_value,
        stated_unit=c.stated_unit,
        period_start=c.period_start,
        period_end=c.period_end,
        period_text=c.period_text,
        value_text=c.value_text,
        surface=c.surface,
        value_cluster=c.value_cluster,
        within_source=bool(c.compared_within_source),
    )


_STREAM = {"yield_per": 2000}


def claim_rows(session: Session, limit: int | None = None, **filters: str | None) -> Iterator[dict[str, Any]]:
    """Claim rows by id, filtered (db.store.claims_query), the first `limit` of them (all when None)."""
    from claimcheck.db import store

    query = store.claims_query(**filters)
    if limit is not None:
        query = query.limit(limit)
    for r in session.connection().execute(query.execution_options(**_STREAM)):
        yield claim_row(r)


def group_rows(
    session: Session, statuses: Sequence[str] | None = None, confident: bool = False, min_sources: int = 1
) -> Iterator[dict[str, Any]]:
    """One row per (group, claim) in report order (db.reads: conflicts first, then most
    sources and widest disagreement), read a chunk of groups at a time. With `confident`, only
    groups whose claims meet other documents' (reasons.confident); with `min_sources`, only
    groups that many sources speak to."""
    for rows in groups(session, GroupQuery(statuses, confident, min_sources)):
        yield from rows


def groups(session: Session, query: GroupQuery) -> Iterator[list[dict[str, Any]]]:
    """Each chosen group's rows (as `group_rows` gives them), a group at a time in report order."""
    from claimcheck.db import reads

    run = reads.sqlalchemy_run(session.connection())
    batches = reads.member_batches(run, query.statuses, query.confident, query.min_sources, query.limit)
    for members in batches:
        rows = list(member_rows(members, query.confident))
        if rows:
            yield rows


def conflict_table(
    target: str | None,
    open_session: Callable[[], Any],
    query: GroupQuery,
) -> ConflictTable:
    """What the conflicts table shows (db.reads.conflict_table): through the standard library's
    sqlite3 when `target` is a current SQLite file, else through a session from `open_session`
    (which migrates and settles as every command does)."""
    from claimcheck.db import reads

    args = (query.statuses, query.limit, query.per_side, query.confident, query.min_sources)
    data = reads.sqlite_conflict_table(target, *args)
    if data is None:
        with open_session() as s:
            data = reads.conflict_table(reads.sqlalchemy_run(s), *args)
    if data.support_stale:  # computed in memory, never stored: a read does not write
        from claimcheck import verdicts

        conflicting = [gid for gid, members in data.groups.items() if members and members[0].status == "conflict"]
        with open_session() as s:
            data.support = verdicts.current_support(s, conflicting)
    return data


def member_rows(members: list[Any], confident: bool = False) -> Iterator[dict[str, Any]]:
    """Export rows for one group's members (rows of group_members_query or db.reads), each
    with why it is in the group and why the group has its status; none when `confident` and
    the group is not."""
    facts = [fact_of(c) for c in members]
    if confident and not reasons.confident(facts):
        return
    why = reasons.group_reason(members[0].status, facts) if members else ""
    per_cluster: dict[int | None, set[int]] = {}
    for c in members:
        per_cluster.setdefault(c.value_cluster, set()).add(c.source_family)  # (near-copies count once)
    for c, fact in zip(members, facts, strict=True):
        value, low, high = _as_compared(c)
        yield {
            "group_id": c.group_id,
            "status": c.status,
            "subject": c.group_subject,
            "metric": c.group_metric,
            "object": c.group_object,
            "claim_id": c.id,
            "source": c.source_name,
            "value": _legacy(value, c),
            "unit": c.unit,
            "qualifier": c.qualifier,
            "low": low,
            "high": high,
            "period_start": c.period_start,
            "period_end": c.period_end,
            "value_cluster": c.value_cluster,
            "quote": c.quote,
            "kind": c.kind,
            "value_text": c.value_text,
            "surface": c.surface,
            "attributed_to": c.attributed_to,
            "source_published": c.source_published,
            "sources_in_cluster": len(per_cluster.get(c.value_cluster, ())),
            "n_sources": c.n_sources,
            "subject_how": c.subject_how,
            "compared_within_source": fact.within_source,
            "reason": reasons.member_reason(fact),
            "group_reason": why,
            "figure_at": (c.surface_start - c.char_start, c.surface_end - c.char_start),
            "numeric_value": value,
        }


def source_rows(session: Session, text: bool = True) -> Iterator[dict[str, Any]]:
    """One row per source, streamed: the texts of a large corpus do not fit in memory (and
    are not read at all without `text`)."""
    from claimcheck.db import store

    for s in session.connection().execute(store.sources_query(text).execution_options(**_STREAM)):
        yield {
            "source": s.name,
            "title": s.title,
            "published": s.published,
            "published_how": s.published_how,
            "claims": s.claims,
            "text": s.text,
            "path": s.path,
            "content_hash": s.content_hash,
            "size_bytes": s.size_bytes,
            "ingested_at": s.ingested_at.isoformat(timespec="seconds"),
            "source_id": s.id,
            "url": s.url,
            "publisher": s.publisher,
            "author": s.author,
            "copy_of": s.copy_of,  # the original it nearly copies (counted as one source with it)
        }


def export_rows(
    session: Session,
    what: str,
    fmt: str,
    statuses: Sequence[str] | None = None,
    confident: bool = False,
    min_sources: int = 1,
) -> tuple[Iterator[dict[str, Any]], list[str]]:
    """The rows and columns of `claimcheck export WHAT` in `fmt` (README, "Export contract"):
    claims, conflicts (one row per group and claim) or sources (whose texts CSV leaves out:
    a spreadsheet cell holds 32,767 characters)."""
    if what == "claims":
        return claim_rows(session), CLAIM_COLUMNS
    if what == "conflicts":
        return group_rows(session, statuses, confident, min_sources), CONFLICT_COLUMNS
    if what == "sources":
        text = fmt != "csv"
        return source_rows(session, text=text), [c for c in SOURCE_COLUMNS if text or c != "text"]
    raise ValueError(what)


@dataclass(frozen=True)
class Shown:
    """What `claimcheck show` shows: a group's heading (None for one claim) and claim rows
    (claim_row's, with the figure's offsets in the document's text)."""

    group: dict[str, Any] | None
    claims: list[dict[str, Any]]


def show(session: Session, number: int, is_group: bool) -> Shown:
    """Claim `number`, or every claim of group `number` by side and id, with provenance;
    NotFoundError when there is none."""
    from sqlalchemy import select

    from claimcheck.db.models import Claim as ClaimRow
    from claimcheck.db.models import ClaimGroup
    from claimcheck.errors import NotFoundError

    if not is_group:
        c = session.get(ClaimRow, number)
        if c is None:
            raise NotFoundError(f"no claim {number}; `claimcheck claims` lists them")
        return Shown(None, [_shown(c)])
    g = session.get(ClaimGroup, number)
    if g is None:
        raise NotFoundError(f"no group {number}; `claimcheck conflicts --all` lists them")
    claims = session.scalars(
        select(ClaimRow).where(ClaimRow.group_id == g.id).order_by(ClaimRow.value_cluster, ClaimRow.id)
    ).all()
    why = reasons.group_reason(g.status, [fact_of(c, c.source.name) for c in claims])
    heading = {"group_id": g.id, "status": g.status, "subject": g.subject, "metric": g.metric, "object": g.object}
    return Shown({**heading, "group_reason": why}, [_shown(c) for c in claims])


def _shown(c: ClaimRow) -> dict[str, Any]:
    row = claim_row(c, None, c.source)
    return {**row, "surface_start": c.surface_start, "surface_end": c.surface_end}
