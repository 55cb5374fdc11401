"""Reading and writing verdicts. Functions take a Session owned by the caller and never commit.

A review finds its current claim by content: sources.content_hash, claims.quote and
claims.surface equal to the values stored on the review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from sqlalchemy import Select, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.db.chunks import chunks
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source
from claimcheck.db.verdict_models import ReferenceFigure, Review
from claimcheck.errors import NotFoundError
from claimcheck.lexicon import Lexicon, default_lexicon
from claimcheck.verdicts.claimreview import Appearance
from claimcheck.verdicts.errors import ReferenceFileError, RowProblem, VerdictError
from claimcheck.verdicts.references import CheckResult, ClaimFigure, Reference, check, parse_references
from claimcheck.verdicts.reviews import ReviewRow, checked_review
from claimcheck.verdicts.timeline import Point


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _naive_utc(at: datetime | None) -> datetime:
    if at is None:
        return _utc_now()
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


# -- reviews ---------------------------------------------------------------------------
def _links() -> Select:
    """(review id, current claim id) for every review whose claim exists now."""
    return (
        select(Review.id, ClaimRow.id)
        .join(Source, Source.content_hash == Review.content_hash)
        .join(
            ClaimRow,
            and_(ClaimRow.source_id == Source.id, ClaimRow.quote == Review.quote, ClaimRow.surface == Review.surface),
        )
        .order_by(Review.id, ClaimRow.id)
    )


def _claims_of_reviews(session: Session, review_ids: Sequence[int] | None = None) -> dict[int, tuple[int, ...]]:
    out: dict[int, list[int]] = {}
    if review_ids is None:
        rows: Iterable[tuple[int, int]] = session.execute(_links())
    else:
        rows = [r for chunk in chunks(review_ids) for r in session.execute(_links().where(Review.id.in_(chunk)))]
    for rid, cid in rows:
        out.setdefault(rid, []).append(cid)
    return {k: tuple(v) for k, v in out.items()}


def _review_row(r: Review, claim_ids: tuple[int, ...]) -> ReviewRow:
    return ReviewRow(
        review_id=r.id,
        claim_ids=claim_ids,
        rating=r.rating,
        note=r.note,
        reviewer=r.reviewer,
        reviewed_at=r.reviewed_at,
        source=r.source_name,
        content_hash=r.content_hash,
        quote=r.quote,
        surface=r.surface,
        kind=r.kind,
        subject=r.subject,
        metric=r.metric,
        object=r.object,
        value=r.value,
        value_text=r.value_text,
        unit=r.unit,
        qualifier=r.qualifier,
        period_start=r.period_start,
        period_end=r.period_end,
    )


def add_review(
    session: Session,
    claim_id: int,
    rating: str,
    note: str,
    reviewer: str | None = None,
    at: datetime | None = None,
) -> ReviewRow:
    """Record a verdict on a claim, keyed to its content; `at` defaults to now (UTC)."""
    rating, note, reviewer = checked_review(rating, note, reviewer)
    found = session.execute(select(ClaimRow, Source).join(Source).where(ClaimRow.id == claim_id)).first()
    if found is None:
        raise NotFoundError(f"no claim {claim_id}; `claimcheck claims` lists them")
    c, s = found
    review = Review(
        content_hash=s.content_hash,
        quote=c.quote,
        surface=c.surface,
        source_name=s.name,
        kind=c.kind,
        subject=c.subject,
        metric=c.metric,
        object=c.object,
        value=c.value,
        value_text=c.value_text,
        unit=c.unit,
        qualifier=c.qualifier,
        period_start=c.period_start,
        period_end=c.period_end,
        rating=rating,
        note=note,
        reviewer=reviewer,
        reviewed_at=_naive_utc(at),
    )
    session.add(review)
    session.flush()
    return _review_row(review, _claims_of_reviews(session, [review.id]).get(review.id, ()))


def follow_edit(session: Session, before: str, after: str) -> int:
    """Reviews of a document's content `before` whose claim the edited content `after` states
    again (the same figure as written, with the same value, in the same sentence) are keyed
    to `after`: an edit elsewhere in the file does not orphan them. Offsets and claim ids are
    not compared, as any edit above the claim moves them. Returns how many followed."""
    restated = (
        select(ClaimRow.id)
        .join(Source, Source.id == ClaimRow.source_id)
        .where(
            Source.content_hash == after,
            ClaimRow.quote == Review.quote,
            ClaimRow.surface == Review.surface,
            ClaimRow.value.is_not_distinct_from(Review.value),
        )
        .exists()
    )
    moved = session.execute(
        update(Review).where(Review.content_hash == before, restated).values(content_hash=after),
        execution_options={"synchronize_session": False},
    )
    return moved.rowcount


def list_reviews(session: Session, claim_id: int | None = None, orphaned: bool | None = None) -> list[ReviewRow]:
    """Every review, oldest first; only those of a current claim, or only orphaned ones."""
    links = _claims_of_reviews(session)
    rows = [
        _review_row(r, links.get(r.id, ()))
        for r in session.scalars(select(Review).order_by(Review.reviewed_at, Review.id))
    ]
    if claim_id is not None:
        rows = [r for r in rows if claim_id in r.claim_ids]
    if orphaned is not None:
        rows = [r for r in rows if r.orphaned == orphaned]
    return rows


def reviews_for_claims(session: Session, claim_ids: Iterable[int]) -> dict[int, list[ReviewRow]]:
    """The reviews of each given claim, oldest first (the last is the current verdict)."""
    ids = sorted(set(claim_ids))
    out: dict[int, list[ReviewRow]] = {cid: [] for cid in ids}
    found: list[tuple[int, Review]] = []
    for chunk in chunks(ids):
        found += session.execute(
            select(ClaimRow.id, Review)
            .join(Source, Source.id == ClaimRow.source_id)
            .join(
                Review,
                and_(
                    Review.content_hash == Source.content_hash,
                    Review.quote == ClaimRow.quote,
                    Review.surface == ClaimRow.surface,
                ),
            )
            .where(ClaimRow.id.in_(chunk))
            .order_by(Review.reviewed_at, Review.id)
        )
    links = _claims_of_reviews(session, sorted({r.id for _, r in found}))
    for cid, r in sorted(found, key=lambda x: (x[1].reviewed_at, x[1].id)):
        out[cid].append(_review_row(r, links.get(r.id, ())))
    return out


def latest_reviews(session: Session, include_orphaned: bool = False) -> list[tuple[ReviewRow, Appearance]]:
    """The current verdict per reviewed claim, with where the claim appeared."""
    latest: dict[str, ReviewRow] = {}
    for r in list_reviews(session):
        if include_orphaned or not r.orphaned:
            latest[r.claim_key] = r  # oldest first, so the last one wins
    hashes = sorted({r.content_hash for r in latest.values()})
    sources = {s.content_hash: s for s in session.scalars(select(Source).where(Source.content_hash.in_(hashes)))}
    out = []
    for r in sorted(latest.values(), key=lambda r: (r.reviewed_at, r.review_id)):
        s = sources.get(r.content_hash)
        where = (
            Appearance(s.name, s.url, s.title, s.published, s.author, s.publisher)
            if s is not None
            else Appearance(r.source)
        )
        out.append((r, where))
    return out


# -- reference figures -----------------------------------------------------------------
@dataclass(frozen=True)
class ImportSummary:
    dataset: str
    imported: int
    replaced: int


def import_references(
    session: Session, refs: Sequence[Reference], dataset: str, at: datetime | None = None
) -> ImportSummary:
    """Replace the figures of `dataset` with `refs` (all of them, in the caller's transaction)."""
    if not refs:
        raise VerdictError(f"{dataset}: no figures to import")
    old = session.scalars(select(ReferenceFigure.id).where(ReferenceFigure.dataset == dataset)).all()
    session.execute(delete(ReferenceFigure).where(ReferenceFigure.dataset == dataset))
    when = _naive_utc(at)
    session.execute(
        insert(ReferenceFigure),
        [{**{f: getattr(r, f) for f in _REFERENCE_FIELDS}, "dataset": dataset, "imported_at": when} for r in refs],
    )
    return ImportSummary(dataset, len(refs), len(old))


def read_reference_text(data: bytes, name: str) -> str:
    """A reference file's bytes as text (UTF-8, with or without a BOM)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ReferenceFileError(name, [RowProblem(line, "is not UTF-8 text; save the file as UTF-8")]) from None


def import_reference_file(
    session: Session, path: str | Path | Traversable, dataset: str | None = None, lex: Lexicon | None = None
) -> ImportSummary:
    """Parse a reference CSV and import it all, or raise ReferenceFileError and import nothing."""
    file = Path(path) if isinstance(path, str) else path
    name = file.name
    try:
        data = file.read_bytes()
    except IsADirectoryError:
        raise VerdictError(f"{path}: is a folder; give a CSV file") from None
    except FileNotFoundError:
        raise VerdictError(f"{path}: no such file") from None
    except OSError as e:
        raise VerdictError(f"{path}: cannot read it ({e.strerror or e})") from None
    refs = parse_references(read_reference_text(data, name), lex or default_lexicon(), name=name)
    return import_references(session, refs, dataset or name)


def bundled_references() -> dict[str, Traversable]:
    """Reference files shipped with claimcheck, by name without '.csv'."""
    folder = resources.files("claimcheck.data").joinpath("references")
    if not folder.is_dir():
        return {}
    return {
        f.name.removesuffix(".csv"): f
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".csv")
    }


# a reference figure's fields are the row's columns of the same names
_REFERENCE_FIELDS = tuple(f.name for f in dataclass_fields(Reference))


def list_references(session: Session) -> list[Reference]:
    """Every imported reference figure, by dataset and line."""
    return [
        Reference(**{f: getattr(r, f) for f in _REFERENCE_FIELDS})
        for r in session.scalars(select(ReferenceFigure).order_by(ReferenceFigure.dataset, ReferenceFigure.line))
    ]


def check_claims(session: Session) -> list[CheckResult]:
    """Every numeric claim on a key that has references, checked against them."""
    refs = list_references(session)
    if not refs:
        return []
    units = sorted({r.unit for r in refs})
    rows = session.execute(
        select(ClaimRow, Source.name)
        .join(Source)
        .where(ClaimRow.kind == "numeric", ClaimRow.unit.in_(units))
        .order_by(ClaimRow.id)
    )
    claims = [
        ClaimFigure(
            c.id,
            name,
            c.subject,
            c.metric,
            c.object,
            c.unit,
            c.value,
            c.qualifier,
            c.low,
            c.high,
            c.period_start,
            c.period_end,
            c.surface,
        )
        for c, name in rows
    ]
    return check(claims, refs)


# -- timeline --------------------------------------------------------------------------
def timeline_points(session: Session, group_id: int) -> tuple[ClaimGroup, list[Point]]:
    """A numeric group and its claims as timeline points."""
    g = session.get(ClaimGroup, group_id)
    if g is None:
        raise NotFoundError(f"no group {group_id}; `claimcheck conflicts --all` lists them")
    if g.kind != "numeric":
        raise VerdictError(f"group {group_id} holds {g.kind} claims, not figures; a timeline draws numeric groups")
    rows = session.execute(
        select(ClaimRow, Source.name).join(Source).where(ClaimRow.group_id == group_id).order_by(ClaimRow.id)
    )
    points = [
        Point(c.id, name, c.value, c.qualifier, c.low, c.high, c.unit, c.period_start, c.period_end, c.value_cluster)
        for c, name in rows
    ]
    return g, points


def timeline_title(g: ClaimGroup) -> str:
    parts = [f"group {g.id}", g.status, g.subject or "?", g.metric]
    if g.object:
        parts.append(g.object)
    return " · ".join(parts) + (f" ({g.unit})" if g.unit else "")
