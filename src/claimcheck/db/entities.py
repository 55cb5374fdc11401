"""Entities: people, places and organisations, the spellings (aliases) that name them, and users' merge/split rules.

Storage only: which spelling names which person is decided in pipeline.people, which calls
these functions to read and record it. Every automatic merge is stored as an alias row with
its reason and score; a user's `merge` or `split` is stored as a rule, applied again whenever
documents are (re-)ingested, so a correction stays corrected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.db.chunks import chunks
from claimcheck.db.documents import Key
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import Entity, EntityAlias, EntityRule
from claimcheck.errors import NotFoundError


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def entity(session: Session, name: str, kind: str) -> Entity:
    """The entity called `name`, created (of `kind`) if there is none."""
    e = session.scalar(select(Entity).where(Entity.name == name))
    if e is None:
        e = Entity(name=name, kind=kind, created_at=_now())
        session.add(e)
        session.flush()
    return e


def set_alias(
    session: Session, entity: Entity, alias: str, how: str, reason: str | None = None, score: float | None = None
) -> None:
    """Record that `alias` names `entity` (how: same | auto | user | lexicon; an automatic match's reason and score)."""
    row = session.scalar(select(EntityAlias).where(EntityAlias.alias == alias))
    if row is None:
        session.add(
            EntityAlias(entity_id=entity.id, alias=alias, how=how, reason=reason, score=score, created_at=_now())
        )
    elif row.entity_id != entity.id:
        row.entity_id, row.how, row.reason, row.score = entity.id, how, reason, score
    session.flush()


def rename_entity(session: Session, entity: Entity, new: str, old_key: Key, new_key: Key) -> set[Key]:
    """Call a person `new` from now on: their title claims (group key `old_key`) move to
    `new_key`, and the user's rules that named them follow. The group keys to recompute."""
    old = entity.name
    touched = rename_person(session, old, new, old_key, new_key)
    entity.name = new
    session.execute(update(EntityRule).where(EntityRule.target == old).values(target=new))
    session.flush()
    return touched


def rename_person(
    session: Session, old: str, new: str, old_key: Key, new_key: Key, aliases: Sequence[str] | None = None
) -> set[Key]:
    """Give title claims of `old` (or only those written as one of `aliases`) the name `new`
    and the group key `new_key`. Returns the group keys to recompute."""
    where = [ClaimRow.kind == "title", ClaimRow.subject == old]
    if aliases is not None:
        where.append(func.coalesce(ClaimRow.subject_alias, ClaimRow.subject).in_(list(aliases)))
    ids = list(session.scalars(select(ClaimRow.id).where(*where)))
    if not ids:
        return set()
    for chunk in chunks(ids):
        session.execute(update(ClaimRow).where(ClaimRow.id.in_(chunk)).values(subject=new, group_key=new_key))
    return {old_key, new_key}


_MERGE_RULE = select(EntityRule.__table__.c.id).where(
    EntityRule.__table__.c.action == "merge", EntityRule.__table__.c.alias == bindparam("written")
)
_KNOWN_SPELLING = (
    select(Entity.__table__.c.name)
    .join(EntityAlias.__table__, EntityAlias.__table__.c.entity_id == Entity.__table__.c.id)
    .where(EntityAlias.__table__.c.alias == bindparam("written"), ~_MERGE_RULE.exists())
)


def known_spelling(session: Session, written: str) -> str | None:
    """The person a spelling seen before names, unless a user's merge rule speaks for it:
    what resolving finds first for most title claims, in one table query instead of three
    ORM ones."""
    return session.connection().execute(_KNOWN_SPELLING, {"written": written}).scalar()


def merged_into(session: Session, written: str) -> str | None:
    """The name a user's merge rule gives this spelling, if there is one."""
    rule = session.scalar(select(EntityRule).where(EntityRule.action == "merge", EntityRule.alias == written))
    return rule.target if rule is not None else None


def entity_of_alias(session: Session, written: str) -> Entity | None:
    """The entity a spelling seen before names."""
    seen = session.scalar(select(EntityAlias).where(EntityAlias.alias == written))
    return session.get(Entity, seen.entity_id) if seen is not None else None


def named(session: Session, name: str, kind: str | None = None) -> Entity | None:
    """The entity called `name` (of `kind`, if given)."""
    where = [Entity.name == name] + ([Entity.kind == kind] if kind else [])
    return session.scalar(select(Entity).where(*where))


def merge_targets(session: Session) -> frozenset[str]:
    """The names users kept when they merged people."""
    return frozenset(session.scalars(select(EntityRule.target).where(EntityRule.action == "merge")))


def kept_apart(session: Session) -> frozenset[tuple[str, str]]:
    """(spelling, person) pairs users split: never merged again."""
    return frozenset(
        (r.alias, r.target) for r in session.scalars(select(EntityRule).where(EntityRule.action == "split"))
    )


def people(session: Session) -> list[str]:
    """The names of every person."""
    return list(session.scalars(select(Entity.name).where(Entity.kind == "person")))


def people_in(session: Session, keys: Sequence[Key]) -> set[str]:
    """The people whose title claims are in these groups."""
    out: set[str] = set()
    for chunk in chunks(list(keys)):
        out.update(
            session.scalars(
                select(ClaimRow.subject)
                .where(ClaimRow.kind == "title", ClaimRow.group_key.in_(chunk), ClaimRow.subject.is_not(None))
                .distinct()
            )
        )
    return out


def spellings(session: Session, name: str) -> dict[str, int]:
    """How many sources write a person each way in their title claims."""
    rows = session.execute(
        select(func.coalesce(ClaimRow.subject_alias, ClaimRow.subject), func.count(ClaimRow.source_id.distinct()))
        .where(ClaimRow.kind == "title", ClaimRow.subject == name)
        .group_by(func.coalesce(ClaimRow.subject_alias, ClaimRow.subject))
    ).all()
    return dict(rows)


def record_places(session: Session, names: set[str], kind_of) -> None:  # type: ignore[no-untyped-def]
    """Entities for the subjects and objects of figures (countries, organisations, others).

    In bulk (a few statements per document, not four per new name): most documents name
    organisations nobody named before. Table statements on the session's connection: the
    ORM would add 0.2 ms to each, and this runs for every document."""
    if not names:
        return
    conn = session.connection()
    entity, alias = Entity.__table__, EntityAlias.__table__
    have = set(conn.execute(select(entity.c.name).where(entity.c.name.in_(sorted(names)))).scalars())
    new = sorted(names - have)
    if not new:
        return
    now = _now()
    kinds = {n: kind_of(n) or "other" for n in new}
    conn.execute(insert(entity), [{"name": n, "kind": kinds[n], "created_at": now} for n in new])
    ids = dict(conn.execute(select(entity.c.name, entity.c.id).where(entity.c.name.in_(new))).all())
    how = {n: "lexicon" if kinds[n] != "other" else "same" for n in new}
    existing = dict(conn.execute(select(alias.c.alias, alias.c.entity_id).where(alias.c.alias.in_(new))).all())
    for n, entity_id in existing.items():  # a spelling seen before as someone else's: it names this entity now
        if entity_id != ids[n]:
            conn.execute(
                update(alias).where(alias.c.alias == n).values(entity_id=ids[n], how=how[n], reason=None, score=None)
            )
    fresh = [n for n in new if n not in existing]
    if fresh:
        conn.execute(
            insert(alias),
            [
                {"entity_id": ids[n], "alias": n, "how": how[n], "reason": None, "score": None, "created_at": now}
                for n in fresh
            ],
        )
    session.expire_all()  # rows written past the ORM's identity map


def list_entities(session: Session) -> list[dict]:  # type: ignore[type-arg]
    """Entities with their aliases (how each was merged) and how many claims name them."""
    counts = dict(
        session.execute(
            select(ClaimRow.subject, func.count()).where(ClaimRow.subject.is_not(None)).group_by(ClaimRow.subject)
        ).all()
    )
    out = []
    for e in session.scalars(select(Entity).order_by(Entity.kind, Entity.name)):
        out.append(
            {
                "entity": e.name,
                "kind": e.kind,
                "claims": counts.get(e.name, 0),
                "aliases": [
                    {"alias": a.alias, "how": a.how, "reason": a.reason, "score": a.score}
                    for a in sorted(e.aliases, key=lambda a: a.alias)
                ],
            }
        )
    return out


def find(session: Session, name: str) -> Entity:
    """The entity called `name`, or named by that alias (NotFoundError if none)."""
    e = session.scalar(select(Entity).where(Entity.name == name))
    if e is None:
        alias = session.scalar(select(EntityAlias).where(EntityAlias.alias == name))
        e = session.get(Entity, alias.entity_id) if alias else None
    if e is None:
        raise NotFoundError(f"no entity or alias named {name!r}; `claimcheck entities` lists them")
    return e


def join(session: Session, a: Entity, b: Entity) -> None:
    """Record a user's merge of `b` into `a` (their claims already renamed): `b`'s spellings
    become `a`'s, remembered as rules for later ingests, and `b` goes."""
    # The user joins the two: rules between their names (an earlier split of one from the
    # other, or b's names merged into b) are replaced by one merge rule per name of b.
    both = {a.name, b.name, *(x.alias for x in (*a.aliases, *b.aliases))}
    session.execute(delete(EntityRule).where(EntityRule.alias.in_(both), EntityRule.target.in_(both)))
    for alias in list(b.aliases):
        alias.entity_id, alias.how, alias.reason, alias.score = a.id, "user", f"merged by a user into {a.name}", None
        session.add(EntityRule(action="merge", alias=alias.alias, target=a.name, created_at=_now()))
    # other names kept apart from b are now kept apart from a (once, if they already were)
    held = set(session.execute(select(EntityRule.action, EntityRule.alias).where(EntityRule.target == a.name)).all())
    for rule in session.scalars(select(EntityRule).where(EntityRule.target == b.name)):
        if (rule.action, rule.alias) in held:
            session.delete(rule)
        else:
            rule.target = a.name
    session.flush()
    session.expire(b)
    session.execute(delete(Entity).where(Entity.id == b.id))


def alias_row(session: Session, e: Entity, alias: str) -> EntityAlias:
    """The row of one of an entity's spellings (NotFoundError if it is not one)."""
    row = session.scalar(select(EntityAlias).where(EntityAlias.alias == alias, EntityAlias.entity_id == e.id))
    if row is None:
        raise NotFoundError(f"{alias!r} is not an alias of {e.name!r}; `claimcheck entities` lists them")
    return row


def part(session: Session, e: Entity, row: EntityAlias) -> Entity:
    """Record a user's split of the spelling `row` from `e`: its own entity, never merged into `e` again."""
    new = entity(session, row.alias, e.kind)
    row.entity_id, row.how, row.reason, row.score = new.id, "user", f"split by a user from {e.name}", None
    session.execute(delete(EntityRule).where(EntityRule.action == "merge", EntityRule.alias == row.alias))
    session.add(EntityRule(action="split", alias=row.alias, target=e.name, created_at=_now()))
    return new
