"""Comparison: group claims by key and decide whether a group agrees, conflicts or trends.

Two claims are compatible when their value intervals overlap. Two incompatible claims are
a change over time (`trend`) when both state periods and those periods do not overlap (or,
for titles, one is an office held over stated years and the other undated);
otherwise they `conflict`. Inside a group, mutually compatible claims share a value cluster
(the sides of a conflict), found by one sweep over the claims sorted by interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from claimcheck.normalize.periods import EARLIER, dates_compatible, nested, overlaps


@dataclass(frozen=True)
class Item:
    """What comparison needs of a claim."""

    claim_id: int
    # the source that states it, as counted: a document and its near-copies (compare.copies)
    # are one source, given here as their family's id
    source_id: int
    low: float | None
    high: float | None
    period_start: str | None
    period_end: str | None
    value_text: str | None = None  # non-numeric claims compare by text
    kind: str = "numeric"
    # titles: an exclusive office cannot be held with another; event dates: an event that
    # happens once (a birth), so two years are no two occurrences
    exclusive: bool = True
    as_of: bool = False  # a running count dated by when it was reported ("as of March 12")
    # event dates: one occasion of an act a named actor repeats ("Mirko signed an Executive
    # Order"): another date is another occasion
    occasion: bool = False
    # a figure earlier than the one its sentence states, at no time said ("11 missing, down
    # from more than 1,000"): no rival of a figure of no stated time
    earlier: bool = False

    @property
    def dated(self) -> bool:
        return self.period_start is not None or self.period_end is not None

    @property
    def interval(self) -> tuple[float, float]:
        lo = -math.inf if self.low is None else self.low
        hi = math.inf if self.high is None else self.high
        return lo, hi


def item_of_claim(
    claim_id: int,
    source_id: int,
    low: float | None,
    high: float | None,
    period_start: str | None,
    period_end: str | None,
    kind: str,
    value_text: str | None,
    unit: str | None,
    period_text: str | None = None,
) -> Item:
    """What `judge` compares of a stored claim: a figure its interval; a title its text; an
    event date its resolved date when known (else its text). A title is an exclusive office
    unless its unit says 'role'; an event date happens once when its unit says 'once', and is
    one occasion of a repeated act when it says 'occasion'. A
    figure dated as of when it was reported is a running count's (`as_of_text`)."""
    text = None
    if kind == "event_date":
        text = period_start or value_text
    elif kind != "numeric":
        text = value_text
    exclusive = unit == "once" if kind == "event_date" else unit != "role"
    as_of = kind == "numeric" and as_of_text(period_text)
    occasion = kind == "event_date" and unit == "occasion"  # (extract.event_rules.OCCASION)
    earlier = kind == "numeric" and period_text == EARLIER
    return Item(
        claim_id, source_id, low, high, period_start, period_end, text, kind, exclusive, as_of, occasion, earlier
    )


REPORT_DATE = "the report's date"  # the period text of a running count dated by its report


def as_of_text(period_text: str | None) -> bool:
    """Whether a period says when a running count was reported: the report's own date, or an
    "as of" day ("as of March 12")."""
    return period_text is not None and (period_text == REPORT_DATE or period_text.lower().startswith("as of "))


@dataclass(frozen=True)
class Outcome:
    status: str  # agree | conflict | trend | single
    clusters: dict[int, int]  # claim_id -> value cluster (1-based)
    sources_per_cluster: dict[int, int]  # cluster -> independent sources
    rivals: frozenset[tuple[int, int]] = frozenset()  # (a, b), a < b: sides in conflict


def comparison_key(
    kind: str, subject: str | None, metric: str, obj: str | None, unit: str | None
) -> tuple[str, str | None, str, str | None, str | None]:
    """What makes claims comparable. Titles group by person alone (any office, any
    organisation); figures by subject, metric, object and unit."""
    if kind == "title":
        return (kind, subject, metric, None, None)
    return (kind, subject, metric, obj, unit)


def compatible(a: Item, b: Item) -> bool:
    """Whether two claims can both be true: overlapping intervals, or equal text values."""
    if a.kind == "event_date":
        return dates_compatible(a.value_text or "", b.value_text or "")
    if a.value_text is not None or b.value_text is not None:
        same = (a.value_text or "").lower() == (b.value_text or "").lower()
        return same or not (a.exclusive and b.exclusive)
    return _overlap(*a.interval, *b.interval)


_TOUCH = 1e-9  # float noise: intervals closer than this touch


def _overlap(alo: float, ahi: float, blo: float, bhi: float) -> bool:
    """Whether two value intervals share more than an end point. '5.6%' is 5.55-5.65 and
    '5.7%' is 5.65-5.75: two figures stated to the same precision that differ are different,
    as are 'nearly 90%' (below 90) and 'over 90%' (above). A single point (no rounding
    stated) is compatible with an interval that holds it, ends included."""
    lo, hi = max(alo, blo), min(ahi, bhi)
    if alo == ahi or blo == bhi:  # a single point: inside the other, its ends included
        return lo <= hi + _TOUCH
    return hi - lo > _TOUCH


def _clusters(items: list[Item]) -> dict[int, int]:
    """Sweep over items by interval; a cluster keeps the intersection of its members."""
    out: dict[int, int] = {}
    if items and items[0].value_text is not None:
        # text values: one bucket per distinct value (O(n)); for dates, buckets that can be
        # the same day ("June", "June 12") then share a side
        buckets: dict[str, list[Item]] = {}
        for it in sorted(items, key=lambda i: i.claim_id):
            buckets.setdefault((it.value_text or "").lower(), []).append(it)
        sides: list[list[list[Item]]] = []
        for bucket in buckets.values():
            side = None
            if bucket[0].kind == "event_date":
                side = next((sd for sd in sides if all(compatible(bucket[0], b[0]) for b in sd)), None)
            if side is None:
                sides.append([bucket])
            else:
                side.append(bucket)
        for n, side in enumerate(sides, start=1):
            for bucket in side:
                for it in bucket:
                    out[it.claim_id] = n
        return out
    n = 0
    lo, hi = math.inf, -math.inf
    for it in sorted(items, key=lambda i: (i.interval, i.claim_id)):
        ilo, ihi = it.interval
        if n and _overlap(lo, hi, ilo, ihi):
            lo, hi = max(lo, ilo), min(hi, ihi)
        else:
            n += 1
            lo, hi = ilo, ihi
        out[it.claim_id] = n
    return out


def _by_first_claim(clusters: dict[int, int]) -> dict[int, int]:
    """Number sides in the order of their first claim. A claim stated later then joins a
    side or opens the next one, and the sides already stored keep their numbers (numbered
    by value, every side above a new value moved up one, and all their claims were
    rewritten)."""
    first: dict[int, int] = {}
    for cid, c in clusters.items():
        if c not in first or cid < first[c]:
            first[c] = cid
    number = {c: n for n, c in enumerate(sorted(first, key=first.__getitem__), start=1)}
    return {cid: number[c] for cid, c in clusters.items()}


def distinct_by_cluster(items: Iterable[Item], clusters: dict[int, int]) -> dict[int, list[Item]]:
    """Each cluster's members with one representative per distinct value and period.

    Whether two claims conflict depends only on those, and a large group repeats the same
    few values many times: comparing distinct ones keeps pairwise checks small."""
    seen: set[tuple] = set()  # type: ignore[type-arg]
    out: dict[int, list[Item]] = {}
    for it in items:
        c = clusters[it.claim_id]
        sig = (c, *signature(it))
        if sig not in seen:
            seen.add(sig)
            out.setdefault(c, []).append(it)
    return out


Signature = tuple  # type: ignore[type-arg]  # what decides a claim's part in a comparison


def signature(it: Item) -> Signature:
    """Claims with one signature have the same side and the same conflicts (a conflict
    needs two sources, so the source is part of it)."""
    return (
        it.low,
        it.high,
        it.period_start,
        it.period_end,
        it.value_text,
        it.kind,
        it.exclusive,
        it.source_id,
        it.as_of,
        it.occasion,
    )


SEVERAL_SOURCES = -1  # Item.source_id of a value row that several sources (near-copy families) state


def one_source(a: Item, b: Item) -> bool:
    """Whether two claims are figures of one document. A document's own figures that cannot
    both hold are two different things it states ('$1,088 a month' list price, '$299' with a
    discount; the visa overstay rates of two kinds of visa in one sentence), not a
    contradiction: a conflict is between sources."""
    return a.source_id == b.source_id != SEVERAL_SOURCES


@dataclass(frozen=True)
class Verdict:
    status: str
    clusters: dict[int, int]  # claim_id of each distinct value's representative -> cluster
    rivals: frozenset[tuple[int, int]] = frozenset()


def representatives(items: Sequence[Item]) -> tuple[list[Item], list[int]]:
    """For `items` in claim-id order: one item per signature (its first claim), and for
    each item, in order, the claim id of its representative."""
    first: dict[Signature, Item] = {}
    of_item = [first.setdefault(signature(it), it).claim_id for it in items]
    return list(first.values()), of_item


def judge(distinct: Sequence[Item], n_claims: int) -> Verdict:
    """The status of a group given one representative per signature (its lowest claim id) and
    how many claims it has in all. A large group repeats a few values thousands of times, so
    the database hands over its distinct values only and sides are decided on those."""
    clusters = _by_first_claim(_clusters(list(distinct)))
    if n_claims < 2:
        return Verdict("single", clusters)
    status = "agree"
    within = False  # a document's own figures that cannot both hold were set aside
    if len(set(clusters.values())) > 1:
        by_cluster = distinct_by_cluster(distinct, clusters)
        keys = sorted(by_cluster)
        for i, ci in enumerate(keys):
            for cj in keys[i + 1 :]:
                for a in by_cluster[ci]:
                    for b in by_cluster[cj]:
                        if compatible(a, b):
                            continue
                        if _over_time(a, b):
                            status = "trend"
                        elif not one_source(a, b):
                            return Verdict("conflict", clusters, frozenset(conflicting_sides(distinct, clusters)))
                        else:
                            within = True
        if status == "agree" and within and len({it.source_id for it in distinct}) == 1:
            status = "single"  # one document's different figures: nothing to compare them with
    if status == "agree" and _changed_over_time(distinct):
        status = "trend"  # "at least 4,922" in October, "almost 7,000" in November: a running count
    return Verdict(status, clusters)


_SAME_POINT = 0.01  # stated values within 1% of each other are one value, rounded


def _point(it: Item) -> float | None:
    """The value a claim states: its interval's middle, or its bound when it has one end."""
    lo, hi = it.interval
    if math.isinf(lo) and math.isinf(hi):
        return None
    return hi if math.isinf(lo) else lo if math.isinf(hi) else (lo + hi) / 2


def _changed_over_time(items: Sequence[Item]) -> bool:
    """Whether compatible figures of periods that do not overlap state different values: a
    bound and a figure of a later date both hold, yet the count moved."""
    by_period: dict[tuple[str | None, str | None], list[float]] = {}
    for it in items:
        if it.value_text is None and it.dated and (p := _point(it)) is not None:
            by_period.setdefault(_when(it), []).append(p)
    periods = sorted(by_period, key=lambda w: (w[0] or "", w[1] or ""))
    for i, a in enumerate(periods):
        for b in periods[i + 1 :]:
            if overlaps(a, b):
                continue
            if any(abs(x - y) > _SAME_POINT * max(abs(x), abs(y)) for x in by_period[a] for y in by_period[b]):
                return True
    return False


def compare(items: Iterable[Item]) -> Outcome:
    """The status of one group and the value cluster of each member."""
    items = sorted(items, key=lambda i: i.claim_id)
    distinct, of_item = representatives(items)
    verdict = judge(distinct, len(items))
    clusters = {it.claim_id: verdict.clusters[rep] for it, rep in zip(items, of_item, strict=True)}
    sources: dict[int, set[int]] = {}
    for it in items:
        sources.setdefault(clusters[it.claim_id], set()).add(it.source_id)
    per_cluster = {c: len(s) for c, s in sorted(sources.items())}
    return Outcome(verdict.status, clusters, per_cluster, verdict.rivals)


def conflicting_sides(items: Sequence[Item], clusters: Mapping[int, int]) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, of a group's value clusters with two claims that truly conflict.

    Mirrors `compare`: incompatible values are a conflict unless both claims state
    periods that do not overlap, or one running count through two dates (then they are a change
    over time).
    """
    if all(it.value_text is None and it.source_id == SEVERAL_SOURCES for it in items):
        # value rows each stated by several sources: no pair is one document's, so the
        # envelopes of each side decide without comparing claim with claim
        return _numeric_conflicting_sides(items, clusters)
    by_cluster = distinct_by_cluster(items, dict(clusters))
    keys = sorted(by_cluster)
    out: set[tuple[int, int]] = set()
    for i, ca in enumerate(keys):
        for cb in keys[i + 1 :]:
            if any(_conflict(a, b) for a in by_cluster[ca] for b in by_cluster[cb]):
                out.add((ca, cb))
    return out


_Envelope = list[float]  # [largest low, smallest high] of claims with one period in one cluster


def _numeric_conflicting_sides(items: Sequence[Item], clusters: Mapping[int, int]) -> set[tuple[int, int]]:
    """`conflicting_sides` for intervals, without comparing claim with claim.

    Two intervals are incompatible when one's low is at or above the other's high (they
    touch at most), or, if one of them is a single point, when one's low is above the
    other's high (see _overlap). Either way, some claim of block A is incompatible with some
    claim of block B exactly when A's largest low and B's smallest high say so, or the other
    way round; so each cluster is summed up per stated period (undated claims as one block),
    points apart from spans, and blocks are compared instead: in a large group, thousands of
    claims repeat a few periods."""
    # (period, is a point, as of its report, an earlier level at no time said)
    Block = tuple[tuple[str | None, str | None] | None, bool, bool, bool]
    blocks: dict[int, dict[Block, _Envelope]] = {}
    for it in items:
        lo, hi = it.interval
        period = (it.period_start, it.period_end) if it.dated else None
        env = blocks.setdefault(clusters[it.claim_id], {}).setdefault(
            (period, lo == hi, it.as_of, it.earlier), [lo, hi]
        )
        if lo > env[0]:
            env[0] = lo
        if hi < env[1]:
            env[1] = hi

    def apart(ea: _Envelope, eb: _Envelope, point: bool) -> bool:
        if point:
            return ea[0] > eb[1] + _TOUCH or eb[0] > ea[1] + _TOUCH
        return ea[0] >= eb[1] - _TOUCH or eb[0] >= ea[1] - _TOUCH

    keys = sorted(blocks)
    out: set[tuple[int, int]] = set()
    for i, ca in enumerate(keys):
        for cb in keys[i + 1 :]:
            if any(
                apart(ea, eb, pta or ptb) and _same_time(pa, pb, asa, asb) and era == erb
                for (pa, pta, asa, era), ea in blocks[ca].items()
                for (pb, ptb, asb, erb), eb in blocks[cb].items()
            ):
                out.add((ca, cb))
    return out


def _same_time(
    pa: tuple[str | None, str | None] | None, pb: tuple[str | None, str | None] | None, asa: bool, asb: bool
) -> bool:
    """Whether two blocks' periods leave no room for change (`_over_time` for envelopes)."""
    if (pa is None) != (pb is None):
        return asa == asb  # (a running count as of its report and a figure of no stated time: a change)
    return pa is None or pb is None or (overlaps(pa, pb) and not _grown(pa, pb) and not nested(pa, pb))


def _conflict(a: Item, b: Item) -> bool:
    return not compatible(a, b) and not _over_time(a, b) and not one_source(a, b)


def _over_time(a: Item, b: Item) -> bool:
    """Whether two incompatible claims are a change over time: both state periods, and they
    do not overlap; or one is an office held over stated years ("served as Vice President
    from 2009 to 2017") and the other a title a story gives without a date, as of its writing."""
    if a.kind == "title" and a.dated != b.dated:
        return True
    if a.kind == "event_date" and (a.occasion or b.occasion):
        return True  # two dates of a repeated act ("Mirko signed an Executive Order"): two occasions
    if a.kind == "event_date" and a.exclusive and b.exclusive:
        return False  # a birth, a founding, an independence: one date, whatever the years
    if a.as_of != b.as_of and a.dated != b.dated:
        return True  # a running count as of its report, and a figure of no stated time (a page's final toll)
    if a.earlier != b.earlier:
        return True  # a level a sentence says the count came down (or up) from, and any other
    return (
        a.dated
        and b.dated
        and (not overlaps(_when(a), _when(b)) or _through_other_dates(a, b) or _part_of_period(a, b))
    )


def _through_other_dates(a: Item, b: Item) -> bool:
    """Whether two figures count from one start to different ends ('14 deals since September
    30' in December, '16 deals since September 30' in February): a running count, grown."""
    return a.kind == b.kind == "numeric" and _grown((a.period_start, a.period_end), (b.period_start, b.period_end))


def _part_of_period(a: Item, b: Item) -> bool:
    """Whether one figure is of a part of the other's period ('10.7% in the fourth quarter of
    2023', '11.2% in 2023'): two figures, not one figure stated twice."""
    return a.kind == b.kind == "numeric" and nested((a.period_start, a.period_end), (b.period_start, b.period_end))


def _grown(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two periods start together and end apart (one running count, two dates)."""
    return a[0] == b[0] and None not in (a[1], b[1]) and a[1] != b[1]


def _when(it: Item) -> tuple[str | None, str | None]:
    """The period two incompatible claims are compared over. An event's date is its value,
    not a period: two dates of one year for one event conflict ('held on 5 November 2024',
    'on November 6, 2024'), and only dates of different years are two occurrences."""
    if it.kind == "event_date":
        return (it.period_start or "")[:4] or None, (it.period_end or "")[:4] or None
    return it.period_start, it.period_end
