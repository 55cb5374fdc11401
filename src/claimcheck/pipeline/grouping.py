"""Grouping: the key each claim is grouped under, and recomputing pending groups (read through db, judged by compare, stored by db)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from claimcheck.compare import SEVERAL_SOURCES, Item, comparison_key, judge, representatives, restatement
from claimcheck.compare.judge import item_of_claim
from claimcheck.db import groups, state
from claimcheck.db.documents import Key, Keyed
from claimcheck.db.groups import NO_CLAIMS, GroupSize, Judged
from claimcheck.model import Claim
from claimcheck.pipeline.batches import weighted_batches

REGROUP_BATCH = 2000  # groups recomputed together: bounds memory when many are pending ...
# ... and claims counted together (a group larger than this is read alone). A batch's value rows,
# verdicts and side updates are held together, some 1.3 KB a claim when every value differs:
# 50,000 raised a 15 MiB file's peak by some 70 MiB, past 300; a batch of 10,000 costs a few
# queries more per regrouping of the bench corpus.
REGROUP_ROWS = 10_000


def group_key(
    kind: str, subject: str | None, metric: str, obj: str | None, unit: str | None, local_to: int | str | None = None
) -> Key:
    """The stable identity of a group: a hash of what makes claims comparable (for a claim
    whose identity is not confident, `local_to`: the sentence it states, compare.restatement).

    Only named keys are remembered: a corpus repeats its subjects and metrics, but each
    restatement is its own sentence's, and a 20,000-column table's 58,000 of them filled
    the cache (some 20 MiB held for the rest of the ingest) without a single hit."""
    if local_to is None:
        return _named_key(kind, subject, metric, obj, unit)
    return _hashed([*comparison_key(kind, subject, metric, obj, unit), local_to])


@lru_cache(maxsize=1 << 16)  # a corpus repeats its subjects and metrics: hash each once
def _named_key(kind: str, subject: str | None, metric: str, obj: str | None, unit: str | None) -> Key:
    return _hashed(list(comparison_key(kind, subject, metric, obj, unit)))


def _hashed(named: list[str | int | None]) -> Key:
    raw = json.dumps(named, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def claim_key(c: Claim) -> Key:
    """The key of the group a claim belongs in: a claim whose identity is not confident meets
    only its sentence restated word for word."""
    if c.local:
        return group_key(c.kind, None, "", None, c.unit, restatement(c))
    return group_key(c.kind, c.subject, c.measure or c.metric, c.object, c.unit)


def person_key(name: str) -> Key:
    """The key of the group of a person's title claims (titles group by person alone)."""
    return group_key("title", name, "title", None, None)


def keyed(claims: Iterable[Claim]) -> list[Keyed]:
    """Claims with the keys of their groups, as db.documents stores them."""
    return [(c, claim_key(c)) for c in claims]


def item_of(r: Any) -> Item:
    """What `compare` compares of a group's value row (id, low, high, period_start,
    period_end, period_text, value_text, kind and unit are read), and its one source, if it has one:
    a conflict is between sources."""
    low, high = (r.src_low, r.src_high) if hasattr(r, "src_low") else (r.source_id, r.source_id)  # (a claim row)
    source = low if low == high else SEVERAL_SOURCES
    return item_of_claim(
        r.id, source, r.low, r.high, r.period_start, r.period_end, r.kind, r.value_text, r.unit, r.period_text
    )


def regroup(session: Session, keys: Iterable[Key]) -> None:
    """Recompute the groups for `keys` only: status, value clusters, counts.

    Groups are read and written back in bulk, a batch of keys at a time (memory stays
    bounded however many are pending), in the order of their first claim, so new groups are
    numbered in the order their first claim was stored. A group is read as its distinct
    values with counts, and only the claims whose side changed are written, so a group
    that has grown large costs little more to recompute than its new claims.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    sizes = groups.sizes(session, keys)
    ordered = sorted(keys, key=lambda k: (sizes.get(k, NO_CLAIMS).first, k))  # keys with no claims left first
    now = datetime.now(UTC).replace(tzinfo=None)
    for batch in _batches(ordered, sizes):
        _regroup_batch(session, batch, sizes, now)


def _batches(keys: Sequence[Key], sizes: dict[Key, GroupSize]) -> Iterator[list[Key]]:
    """`keys` in batches of at most REGROUP_BATCH keys and (unless one group is larger) REGROUP_ROWS claims."""
    return weighted_batches(keys, lambda key: sizes.get(key, NO_CLAIMS).claims, REGROUP_BATCH, REGROUP_ROWS)


def _regroup_batch(session: Session, keys: list[Key], sizes: dict[Key, GroupSize], now: datetime) -> None:
    """Read a batch of groups' values, judge each group, store the outcome."""
    values, existing = groups.value_rows(session, keys)
    groups.delete_groups(session, [existing[k] for k in keys if not values[k] and k in existing])
    judged = [judged_group(k, values[k], sizes[k]) for k in keys if values[k]]
    found = groups.identities(session, [j.key for j in judged])
    named = {j.key: comparison_key(*found[j.key]) for j in judged}
    groups.store_judged(session, judged, existing, named, now)


def judged_group(key: Key, rows: Sequence[Any], size: GroupSize) -> Judged:
    """What the comparison stage says of a group, given its distinct value rows in claim order."""
    distinct, of_row = representatives([item_of(r) for r in rows])
    verdict = judge(distinct, size.claims)
    return Judged(
        key=key,
        status=verdict.status,
        size=size,
        n_clusters=len(set(verdict.clusters.values())),
        rivals=verdict.rivals,
        sides=tuple((r, verdict.clusters[cid]) for r, cid in zip(rows, of_row, strict=True)),
    )


def settle_groups(session: Session) -> int:
    """Recompute every pending group; returns how many.

    On PostgreSQL a transaction-scoped advisory lock lets one process regroup at a time, so
    two ingests never create the same group twice (SQLite transactions are already serial)."""
    state.lock_groups(session)
    keys = groups.pending_keys(session)
    if keys:
        regroup(session, keys)
        groups.clear_pending(session, keys)
        state.mark_trust_stale(session)
    return len(keys)
