"""The small decisions the pipeline makes between the stages and the store, without a database:
which spelling a person keeps, which stored document is read again, a claim's group key, and
how pending groups are cut into batches."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimcheck.db.groups import GroupSize
from claimcheck.model import Claim
from claimcheck.pipeline import grouping
from claimcheck.pipeline.grouping import claim_key, group_key, person_key
from claimcheck.pipeline.people import most_used_spelling
from claimcheck.pipeline.planning import needs_reading_again


@pytest.mark.parametrize(
    ("counts", "current", "expected"),
    [
        ({"Anton Mirko": 3, "Antoni Mirko": 1}, "Antoni Mirko", "Anton Mirko"),  # most sources win
        # a tie: the spelling first in alphabetical order, whichever is current (arrival order decides nothing)
        ({"Anton Mirko": 2, "Antoni Mirko": 2}, "Antoni Mirko", "Anton Mirko"),
        ({"Anton Mirko": 2, "Antoni Mirko": 2}, "Anton Mirko", None),
        ({"A. Mirko": 5, "Anton Mirko": 1}, "Anton Mirko", None),  # initials never compete
        ({"Mirko": 4, "Anton Mirko": 1}, "Mirko", "Anton Mirko"),  # only the longest full names compete
        ({"Anton Mirko": 1}, "Anton Mirko", None),  # already called so
        ({"A. Mirko": 2}, "A. Mirko", None),  # no full name at all
    ],
    ids=["most-sources", "tie", "tie-kept", "initials", "longest", "same", "no-full-name"],
)
def test_most_used_spelling(counts: dict[str, int], current: str, expected: str | None) -> None:
    assert most_used_spelling(counts, current) == expected


@pytest.mark.parametrize(
    ("stored", "given", "earlier", "expected"),
    [
        ({"title": "Valdrex annual", "extractor_version": "v"}, {"title": "Valdrex annual"}, False, False),
        ({"title": "Valdrex annual", "extractor_version": "v"}, {"title": "Borduria annual"}, False, True),
        ({"title": None, "extractor_version": "old"}, {}, False, True),  # another extractor read it
        ({"title": None, "extractor_version": "old"}, {}, True, False),  # ... but it is planned already
    ],
    ids=["same", "user-metadata-changed", "other-extractor", "other-extractor-planned"],
)
def test_needs_reading_again(
    stored: dict[str, str | None], given: dict[str, str], earlier: bool, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.pipeline import planning

    monkeypatch.setattr(planning, "EXTRACTOR_VERSION", "v")
    assert needs_reading_again(stored, given, earlier) is expected


def _claim(**changes: object) -> Claim:
    base = Claim(
        kind="numeric",
        subject="Borduria",
        metric="population",
        object=None,
        value=2.4e6,
        unit="people",
        qualifier="exact",
        low=2.35e6,
        high=2.45e6,
        period_start="2024",
        period_end="2024",
        period_text="in 2024",
        attributed_to=None,
        quote="Borduria had 2.4 million people in 2024.",
        char_start=0,
        char_end=41,
        surface="2.4 million people",
        surface_start=13,
        surface_end=31,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_claims_group_key_is_its_identity() -> None:
    a = _claim()
    assert claim_key(a) == group_key("numeric", "Borduria", "population", None, "people")
    assert claim_key(replace(a, measure="inhabitant")) == group_key("numeric", "Borduria", "inhabitant", None, "people")
    assert claim_key(replace(a, value=2.5e6, surface="2.5 million people")) == claim_key(a)  # values do not count
    assert claim_key(replace(a, subject="Valdrex")) != claim_key(a)


def test_a_claim_kept_to_its_document_meets_only_its_sentence_restated() -> None:
    a = _claim(local=True)
    assert claim_key(a) != claim_key(_claim())
    assert claim_key(replace(a, subject="Valdrex")) == claim_key(a)  # the sentence, not the subject
    assert claim_key(replace(a, quote="BORDURIA  had 2.4 million people in 2024.")) == claim_key(a)
    assert claim_key(replace(a, quote="Borduria had 2.4 million people in 2023.")) != claim_key(a)


def test_titles_group_by_person_alone() -> None:
    title = _claim(kind="title", subject="Anton Mirko", metric="title", object="Valdrex", unit="")
    assert claim_key(title) == person_key("Anton Mirko") == claim_key(replace(title, object="Borduria"))


def test_pending_groups_are_recomputed_in_bounded_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping, "REGROUP_BATCH", 3)
    monkeypatch.setattr(grouping, "REGROUP_ROWS", 10)
    sizes = {k: GroupSize(i, n, 1) for i, (k, n) in enumerate([("a", 4), ("b", 4), ("c", 1), ("d", 30), ("e", 1)])}
    batches = list(grouping._batches(["a", "b", "c", "d", "e", "gone"], sizes))
    # at most 3 keys and 10 claims a batch; a group larger than that alone; a key with no claims costs none
    assert batches == [["a", "b", "c"], ["d"], ["e", "gone"]]


def test_weighted_batches_bound_count_and_weight() -> None:
    """Batches of files (by bytes) and of groups (by claims) share one rule: at most `size`
    items and `max_weight` in all, an item heavier than that alone in its batch."""
    from claimcheck.pipeline.batches import weighted_batches

    assert list(weighted_batches([3, 3, 5, 1], lambda n: n, size=3, max_weight=6)) == [[3, 3], [5, 1]]
    assert list(weighted_batches([1, 1, 1, 1], lambda n: n, size=3, max_weight=99)) == [[1, 1, 1], [1]]
    assert list(weighted_batches([9, 1], lambda n: n, size=3, max_weight=5)) == [[9], [1]]
    assert list(weighted_batches([], lambda n: n, size=3, max_weight=5)) == []


def test_a_tie_keeps_the_name_a_user_chose() -> None:
    """A user merged 'Anton Mirko' into 'Antoni Mirko' and kept the latter: a tie keeps it."""
    assert most_used_spelling({"Anton Mirko": 2, "Antoni Mirko": 2}, "Antoni Mirko", chosen=True) is None
