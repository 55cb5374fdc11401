"""People: one name for each person across documents, decided here (normalize.people) and recorded through db.entities.

Also users' corrections (`merge`, `split`) and `settle`, which lets the people of pending
groups take the spelling most sources use before those groups are recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from claimcheck.db import entities, groups, state
from claimcheck.db.documents import Key
from claimcheck.db.models import Entity
from claimcheck.errors import NotFoundError
from claimcheck.model import Claim
from claimcheck.normalize.people import preferred, resolve_name
from claimcheck.pipeline.grouping import person_key, settle_groups


def _rename(session: Session, entity: Entity, new: str) -> set[Key]:
    return entities.rename_entity(session, entity, new, person_key(entity.name), person_key(new))


def resolve_people(
    session: Session, claims: list[Claim], before_change: Callable[[], None] | None = None
) -> tuple[list[Claim], set[Key]]:
    """Give each person in title claims one name across documents.

    In order: a user's merge rule; a spelling seen before; a single fuzzy/initials match
    among known people (not one the user split it from), recorded with reason and score.
    When the new spelling is the fuller name, the person takes it and earlier claims are
    renamed. Returns the claims to store and the group keys that renaming touched.
    `before_change` is called before the entity tables are first changed (a spelling never
    seen before).
    """
    touched: set[Key] = set()
    out: list[Claim] = []
    if any(c.kind == "title" and c.subject for c in claims):
        state.lock_people(session)  # (held to the commit: the people other writers named are seen)
    for c in claims:
        if c.kind != "title" or not c.subject:
            out.append(c)
            continue
        written = c.subject
        name = entities.known_spelling(session, written)
        if name is None:
            if before_change is not None:
                before_change()
                before_change = None
            name = _resolve(session, written, touched).name
        out.append(replace(c, subject=name, subject_alias=written))
    return out, touched


def _resolve(session: Session, written: str, touched: set[Key]) -> Entity:
    target = entities.merged_into(session, written)
    if target is not None:
        entity = entities.entity(session, target, "person")
        entities.set_alias(session, entity, written, "user", "merged by a user")
        return entity
    seen = entities.entity_of_alias(session, written)
    if seen is not None:
        return seen
    res = resolve_name(written, entities.people(session), entities.kept_apart(session))
    if res.matched is None:
        entity = entities.entity(session, written, "person")
        entities.set_alias(session, entity, written, "same")
        return entity
    entity = entities.named(session, res.matched)  # type: ignore[assignment]
    assert entity is not None and res.match is not None
    entities.set_alias(session, entity, written, "auto", res.match.reason, round(res.match.score, 1))
    if preferred([entity.name, written]) == written and entities.named(session, written) is None:
        touched |= _rename(session, entity, written)
    return entity


def settle(session: Session, everyone: bool = False) -> int:
    """Let the people of pending groups (or `everyone`) take the spelling most sources use,
    then regroup; returns how many groups were recomputed.

    Done when groups are recomputed (once per batch of documents), not per document: a person
    named in thousands of documents would otherwise have all their claims counted each time.
    `everyone` ends a shard's run: another process may have stored a person's spellings after
    this one last settled them, and the last process to finish, seeing all, names them all."""
    state.lock_groups(session)
    keys = groups.pending_keys(session)
    names = set(entities.people(session)) if everyone else entities.people_in(session, keys) if keys else set()
    if names:
        groups.mark_pending(session, settle_names(session, names))
    return settle_groups(session)


def most_used_spelling(counts: dict[str, int], current: str, chosen: bool = False) -> str | None:
    """The full spelling most sources use for a person now called `current`, if it should
    replace it: only full names compete (no initials, as many name tokens as the longest
    spelling). A tie keeps a name a user `chosen` (their merge kept it), and otherwise goes to
    the spelling first in alphabetical order, so the name does not depend on which document
    arrived first (four processes storing one corpus at once end with one process's name)."""
    full = {alias: n for alias, n in counts.items() if "." not in alias}
    if not full:
        return None
    longest = max(len(a.split()) for a in full)
    longest_names = {a: n for a, n in full.items() if len(a.split()) == longest}
    best = min(longest_names, key=lambda a: (-longest_names[a], not (chosen and a == current), a))
    return best if best != current else None


def settle_names(session: Session, names: set[str]) -> set[Key]:
    """Let each of these people be called by the full spelling most sources use.

    "Anton Mirko" in three documents and "Antoni Mirko" in one: the person is Anton Mirko,
    whichever spelling arrived first."""
    touched: set[Key] = set()
    for name in sorted(names):
        entity = entities.named(session, name, "person")
        if entity is None:  # (a former name: its claims join the person, who then takes the best spelling)
            touched |= _stale_name(session, name)
            entity = entities.entity_of_alias(session, name)
            if entity is None or entity.kind != "person":
                continue
        chosen = entity.name in entities.merge_targets(session)
        best = most_used_spelling(entities.spellings(session, entity.name), entity.name, chosen)
        if best is not None and entities.named(session, best) is None:
            touched |= _rename(session, entity, best)
    return touched


def _stale_name(session: Session, name: str) -> set[Key]:
    """Title claims stored under a person's former name (another process renamed the person
    while these were being written) move to the name the person has now."""
    owner = entities.entity_of_alias(session, name)
    if owner is None or owner.name == name:
        return set()
    return entities.rename_person(session, name, owner.name, person_key(name), person_key(owner.name))


def merge(session: Session, keep: str, other: str) -> set[Key]:
    """Merge `other` into `keep` (names or aliases); remembered for later ingests."""
    a, b = entities.find(session, keep), entities.find(session, other)
    if a.id == b.id:
        return set()
    touched = entities.rename_person(session, b.name, a.name, person_key(b.name), person_key(a.name))
    entities.join(session, a, b)
    return touched


def split(session: Session, entity_name: str, alias: str) -> set[Key]:
    """Make `alias` its own entity, never merged into `entity_name` again."""
    e = entities.find(session, entity_name)
    row = entities.alias_row(session, e, alias)
    touched: set[Key] = set()
    if alias == e.name:
        others = [a.alias for a in e.aliases if a.alias != alias]
        if not others:
            raise NotFoundError(f"{alias!r} is {e.name!r}'s only name; there is nothing to split from")
        # the person keeps another of its spellings; the split one goes its own way
        touched = _rename(session, e, preferred(others))
    entities.part(session, e, row)
    touched |= entities.rename_person(session, e.name, alias, person_key(e.name), person_key(alias), aliases=[alias])
    session.flush()
    return touched
