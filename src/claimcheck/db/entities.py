"""Entities in the database: people's spellings resolved to one name, and users' corrections.

Every automatic merge is stored as an alias row with its reason and score. A user's
`merge` or `split` is stored as a rule and applied again whenever documents are
(re-)ingested, so a correction stays corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.db import store
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import Entity, EntityAlias, EntityRule
from claimcheck.errors import NotFoundError
from claimcheck.model import Claim
from claimcheck.normalize.people import preferred, resolve_name


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _entity(session: Session, name: str, kind: str) -> Entity:
    e = session.scalar(select(Entity).where(Entity.name == name))
    if e is None:
        e = Entity(name=name, kind=kind, created_at=_now())
        session.add(e)
        session.flush()
    return e


def _alias(
    session: Session, entity: Entity, alias: str, how: str, reason: str | None = None, score: float | None = None
) -> None:
    row = session.scalar(select(EntityAlias).where(EntityAlias.alias == alias))
    if row is None:
        session.add(
            EntityAlias(entity_id=entity.id, alias=alias, how=how, reason=reason, score=score, created_at=_now())
        )
    elif row.entity_id != entity.id:
        row.entity_id, row.how, row.reason, row.score = entity.id, how, reason, score
    session.flush()


def _rename_entity(session: Session, entity: Entity, new: str) -> set[store.Key]:
    old = entity.name
    touched = store.rename_person(session, old, new)
    entity.name = new
    session.execute(update(EntityRule).where(EntityRule.target == old).values(target=new))
    session.flush()
    return touched


def resolve_people(
    session: Session, claims: list[Claim], before_change: Callable[[], None] | None = None
) -> tuple[list[Claim], set[store.Key]]:
    """Give each person in title claims one name across documents.

    In order: a user's merge rule; a spelling seen before; a single fuzzy/initials match
    among known people (not one the user split it from), recorded with reason and score.
    When the new spelling is the fuller name, the person takes it and earlier claims are
    renamed. Returns the claims to store and the group keys that renaming touched.
    `before_change` is called before the entity tables are first changed (a spelling never
    seen before).
    """
    touched: set[store.Key] = set()
    out: list[Claim] = []
    for c in claims:
        if c.kind != "title" or not c.subject:
            out.append(c)
            continue
        written = c.subject
        name = _known_spelling(session, written)
        if name is None:
            if before_change is not None:
                before_change()
                before_change = None
            name = _resolve(session, written, touched).name
        out.append(replace(c, subject=name, subject_alias=written))
    return out, touched


_MERGE_RULE = select(EntityRule.__table__.c.id).where(
    EntityRule.__table__.c.action == "merge", EntityRule.__table__.c.alias == bindparam("written")
)
_KNOWN_SPELLING = (
    select(Entity.__table__.c.name)
    .join(EntityAlias.__table__, EntityAlias.__table__.c.entity_id == Entity.__table__.c.id)
    .where(EntityAlias.__table__.c.alias == bindparam("written"), ~_MERGE_RULE.exists())
)


def _known_spelling(session: Session, written: str) -> str | None:
    """The person a spelling seen before names, unless a user's merge rule speaks for it:
    what _resolve finds first for most title claims, in one table query instead of three
    ORM ones."""
    return session.connection().execute(_KNOWN_SPELLING, {"written": written}).scalar()


def _resolve(session: Session, written: str, touched: set[store.Key]) -> Entity:
    rule = session.scalar(select(EntityRule).where(EntityRule.action == "merge", EntityRule.alias == written))
    if rule is not None:
        entity = _entity(session, rule.target, "person")
        _alias(session, entity, written, "user", "merged by a user")
        return entity
    seen = session.scalar(select(EntityAlias).where(EntityAlias.alias == written))
    if seen is not None:
        return session.get(Entity, seen.entity_id)  # type: ignore[return-value]
    never = frozenset(
        (r.alias, r.target) for r in session.scalars(select(EntityRule).where(EntityRule.action == "split"))
    )
    people = list(session.scalars(select(Entity.name).where(Entity.kind == "person")))
    res = resolve_name(written, people, never)
    if res.matched is None:
        entity = _entity(session, written, "person")
        _alias(session, entity, written, "same")
        return entity
    entity = session.scalar(select(Entity).where(Entity.name == res.matched))
    assert entity is not None and res.match is not None
    _alias(session, entity, written, "auto", res.match.reason, round(res.match.score, 1))
    if preferred([entity.name, written]) == written and not session.scalar(
        select(Entity.id).where(Entity.name == written)
    ):
        touched |= _rename_entity(session, entity, written)
    return entity


def settle(session: Session) -> int:
    """Let the people of pending groups take the spelling most sources use, then regroup.

    Done when groups are recomputed (once per batch of documents), not per document: a person
    named in thousands of documents would otherwise have all their claims counted each time."""
    store.lock_groups(session)
    keys = store.pending_keys(session)
    if keys:
        store.mark_pending(session, settle_names(session, store.people_in(session, keys)))
    return store.settle(session)


def settle_names(session: Session, names: set[str]) -> set[store.Key]:
    """Let each of these people be called by the full spelling most sources use.

    "Antony Blinken" in three documents and "Anthony Blinken" in one: the person is Antony
    Blinken, whichever spelling arrived first. Only full names compete (no initials, as
    many name tokens as the longest spelling); ties keep the current name."""
    touched: set[store.Key] = set()
    for name in sorted(names):
        entity = session.scalar(select(Entity).where(Entity.name == name, Entity.kind == "person"))
        if entity is None:
            continue
        rows = session.execute(
            select(func.coalesce(ClaimRow.subject_alias, ClaimRow.subject), func.count(ClaimRow.source_id.distinct()))
            .where(ClaimRow.kind == "title", ClaimRow.subject == entity.name)
            .group_by(func.coalesce(ClaimRow.subject_alias, ClaimRow.subject))
        ).all()
        full = [(alias, n) for alias, n in rows if "." not in alias]
        if not full:
            continue
        longest = max(len(a.split()) for a, _ in full)
        counts = {a: n for a, n in full if len(a.split()) == longest}
        best = max(counts, key=lambda a: (counts[a], a == entity.name))
        if (
            best != entity.name
            and counts[best] > counts.get(entity.name, 0)
            and not session.scalar(select(Entity.id).where(Entity.name == best))
        ):
            touched |= _rename_entity(session, entity, best)
    return touched


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


def _find(session: Session, name: str) -> Entity:
    e = session.scalar(select(Entity).where(Entity.name == name))
    if e is None:
        alias = session.scalar(select(EntityAlias).where(EntityAlias.alias == name))
        e = session.get(Entity, alias.entity_id) if alias else None
    if e is None:
        raise NotFoundError(f"no entity or alias named {name!r}; `claimcheck entities` lists them")
    return e


def merge(session: Session, keep: str, other: str) -> set[store.Key]:
    """Merge `other` into `keep` (names or aliases); remembered for later ingests."""
    a, b = _find(session, keep), _find(session, other)
    if a.id == b.id:
        return set()
    touched = store.rename_person(session, b.name, a.name)
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
    return touched


def split(session: Session, entity_name: str, alias: str) -> set[store.Key]:
    """Make `alias` its own entity, never merged into `entity_name` again."""
    e = _find(session, entity_name)
    row = session.scalar(select(EntityAlias).where(EntityAlias.alias == alias, EntityAlias.entity_id == e.id))
    if row is None:
        raise NotFoundError(f"{alias!r} is not an alias of {e.name!r}; `claimcheck entities` lists them")
    if alias == e.name:
        others = [a.alias for a in e.aliases if a.alias != alias]
        if not others:
            raise NotFoundError(f"{alias!r} is {e.name!r}'s only name; there is nothing to split from")
        # the person keeps another of its spellings; the split one goes its own way
        touched = _rename_entity(session, e, preferred(others))
    else:
        touched = set()
    new = _entity(session, alias, e.kind)
    row.entity_id, row.how, row.reason, row.score = new.id, "user", f"split by a user from {e.name}", None
    session.execute(delete(EntityRule).where(EntityRule.action == "merge", EntityRule.alias == alias))
    session.add(EntityRule(action="split", alias=alias, target=e.name, created_at=_now()))
    touched |= store.rename_person(session, e.name, alias, aliases=[alias])
    session.flush()
    return touched
