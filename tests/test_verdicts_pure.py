"""Verdicts without a database: reference parsing and checking, TruthFinder, ClaimReview, timeline."""

from __future__ import annotations

import math
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.compare import Item, conflicting_sides
from claimcheck.compare.judge import _conflict
from claimcheck.render_timeline import OPEN, SHADE, SOLID, axis, bar, label, render_png, render_text
from claimcheck.verdicts import (
    Appearance,
    ClaimFigure,
    Point,
    ReferenceFileError,
    ReviewRow,
    TruthParams,
    VerdictError,
    check,
    claim_review,
    parse_references,
    truthfinder,
)
from claimcheck.verdicts.references import COLUMNS
from claimcheck.verdicts.search import fts5_query, words
from claimcheck.verdicts.timeline import ordered

HEADER = ",".join(COLUMNS)


# -- reference files -------------------------------------------------------------------
def test_reference_rows_become_intervals_like_claims(lex: Any) -> None:
    text = (
        HEADER + "\n"
        "United States,share of rare earth imports,China,74,percent,,2018–2021,USGS MCS 2023,https://doi.org/x\n"
        "China,share of global rare earth production,,70,%,more than,2022,USGS,\n"
        "Mongolia,border,Russia,3.5,km,about,2020,Atlas,\n"
        "Chile,copper output,,1.25,Mt,exact,2023,Cochilco,\n"
    )
    a, b, c, d = parse_references(text, lex, "r.csv")
    assert (a.unit, a.qualifier, a.low, a.high) == ("%", "exact", 73.5, 74.5)
    assert (a.period_start, a.period_end, a.line, a.object) == ("2018", "2021", 2, "China")
    assert (b.qualifier, b.low, b.high, b.object, b.source_url) == ("over", 70, 100, None, None)
    assert b.low == 70 and c.qualifier == "approx" and c.low == pytest.approx(3.15) and c.high == pytest.approx(3.85)
    # "1.25 Mt" is stated to the hundredth: [1.245, 1.255] Mt, in the canonical unit (t)
    assert d.unit == "t" and d.low == pytest.approx(1_245_000) and d.high == pytest.approx(1_255_000)


def test_reference_file_reports_every_bad_line_and_returns_nothing(lex: Any) -> None:
    text = (
        HEADER + "\n"
        "China,share,,70,%,,2022,USGS,\n"  # line 2: fine
        "China,share,,abc,%,,2023,USGS,\n"  # 3: value
        ",share,,70,%,,2024,USGS,\n"  # 4: subject
        "China,share,,70,%,roughly-ish,2025,USGS,\n"  # 5: qualifier
        "China,share,,70,%,,22,USGS,\n"  # 6: period
        "China,share,,70,%,,2021-2019,USGS,\n"  # 7: period backwards
        "China,share,,70,%,,2022,USGS,ftp://x\n"  # 8: url, and a duplicate of line 2
        'China,"a\nlong metric",,1,%,,2020,USGS\n'  # 9-10: a cell short
        "China,share,,71,%,,2022,USGS,\n"  # 11: same key and period as line 2
    )
    with pytest.raises(ReferenceFileError) as e:
        parse_references(text, lex, "bad.csv")
    by_line = {p.line: p.problem for p in e.value.problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9, 11]
    assert "value 'abc' is not a number" in by_line[3]
    assert "subject is empty" in by_line[4]
    assert "qualifier 'roughly-ish'" in by_line[5]
    assert "period '22'" in by_line[6] and "period '2021-2019'" in by_line[7]
    assert "not an http(s) address" in by_line[8]
    assert "has 8 cells but the header has 9" in by_line[9]
    assert "as line 2" in by_line[11]
    message = str(e.value)
    assert message.startswith("bad.csv: 8 problems; nothing was imported")
    assert "line 3: value 'abc'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("subject,metric,value\n", "missing columns object, unit, qualifier, period, source_name, source_url"),
        (HEADER + ",colour\n", "unknown column 'colour'"),
        (HEADER + "\n\n", "no figures below the header"),
    ],
    ids=["empty", "missing-columns", "unknown-column", "header-only"],
)
def test_reference_file_header_problems(lex: Any, text: str, expected: str) -> None:
    with pytest.raises(ReferenceFileError, match=expected):
        parse_references(text, lex, "x.csv")


def _claim(
    cid: int, low: float, high: float, start: str | None, end: str | None, subject: str = "chile", unit: str = "%"
) -> ClaimFigure:
    # metric spelled with other case and spacing than the reference: compared case-insensitively
    metric = "Share of  global copper production"
    return ClaimFigure(cid, "a.txt", subject, metric, None, unit, low, "exact", low, high, start, end, "x")


def test_check_consistent_inconsistent_and_no_reference(lex: Any) -> None:
    refs = parse_references(
        HEADER + "\nChile,share of global copper production,,24,%,,2022,USGS,\n"
        "Chile,share of global copper production,,25,%,over,2014-2017,USGS,\n",
        lex,
    )
    claims = [
        _claim(1, 23.5, 24.5, "2022", "2022"),  # overlaps [23.5, 24.5]
        _claim(2, 26.5, 27.5, "2022", "2022"),  # does not
        _claim(3, 28.5, 29.5, "2019", "2019"),  # no reference for 2019
        _claim(4, 20, 100, None, None),  # undated
        _claim(5, 24.5, 25.5, "2014", "2017"),  # touches [25, 100]
        _claim(6, 23.5, 24.5, "2022-03", "2022-03"),  # finer than a year
        _claim(7, 23.5, 24.5, "2022", "2022", subject="Peru"),  # another key: not checked
        _claim(8, 23.5, 24.5, "2022", "2022", unit="pp"),  # another unit: not checked
    ]
    got = {r.claim.claim_id: (r.result, r.reference.value if r.reference else None) for r in check(claims, refs)}
    assert got == {
        1: ("consistent", 24),
        2: ("inconsistent", 24),
        3: ("no_reference", None),
        4: ("no_reference", None),
        5: ("consistent", 25),
        6: ("no_reference", None),
    }
    notes = {r.claim.claim_id: r.note for r in check(claims, refs)}
    assert notes[3] == "none for 2019; references: 2014-2017, 2022"
    assert notes[4].startswith("claim has no period") and "2022-03 is not whole years" in notes[6]


# -- TruthFinder -----------------------------------------------------------------------
def test_truthfinder_rewards_sources_that_agree() -> None:
    # three objects; A, B, C agree on each; D says something else every time
    support = {}
    conflicts = {}
    for obj in range(3):
        support[(obj, 1)] = {"A", "B", "C"}
        support[(obj, 2)] = {"D"}
        conflicts[(obj, 1)] = {(obj, 2)}
    r = truthfinder(support, conflicts)
    assert r.converged and 1 < r.iterations < TruthParams().max_iterations
    assert r.trust["A"] == pytest.approx(r.trust["B"]) == pytest.approx(r.trust["C"])
    assert r.trust["D"] < 0.5 < r.trust["A"]
    assert all(r.confidence[(o, 1)] > r.confidence[(o, 2)] for o in range(3))
    # without the conflict the minority value is merely less supported, not contradicted
    free = truthfinder(support)
    assert free.confidence[(0, 2)] > r.confidence[(0, 2)]


def test_truthfinder_is_deterministic_and_a_fixed_point() -> None:
    support = {("g", i): {f"s{j}" for j in range(i % 4 + 1)} for i in range(12)}
    conflicts = {("g", i): {("g", i + 1)} for i in range(0, 12, 2)}
    a = truthfinder(support, conflicts)
    b = truthfinder(dict(reversed(list(support.items()))), {k: set(v) for k, v in reversed(list(conflicts.items()))})
    assert a == b
    p = TruthParams()
    # at convergence every trust is the mean confidence of its facts, recomputed from scratch
    tau = {w: -math.log(1 - t) for w, t in a.trust.items()}
    sigma = {f: sum(tau[w] for w in ws) for f, ws in support.items()}
    rivals = {f: set() for f in support}
    for f, gs in conflicts.items():
        for g in gs:
            rivals[f].add(g)
            rivals[g].add(f)
    conf = {
        f: 1 / (1 + math.exp(-p.dampening * (sigma[f] - p.influence * sum(sigma[g] for g in rivals[f]))))
        for f in support
    }
    for w, t in a.trust.items():
        mine = [conf[f] for f, ws in support.items() if w in ws]
        assert t == pytest.approx(sum(mine) / len(mine), abs=1e-5)


def test_truthfinder_counts_a_rivalry_once_however_it_is_given() -> None:
    support = {(1, 1): {"a", "b"}, (1, 2): {"c"}, (2, 1): {"c"}, (2, 2): {"a"}}
    one_way = truthfinder(support, {(1, 1): {(1, 2)}, (2, 1): {(2, 2)}})
    both_ways = truthfinder(support, {(1, 1): {(1, 2)}, (1, 2): {(1, 1)}, (2, 1): {(2, 2)}, (2, 2): {(2, 1)}})
    assert one_way == both_ways
    assert one_way != truthfinder(support)  # and the rivalry does count


def test_truthfinder_caps_iterations_and_handles_nothing() -> None:
    capped = truthfinder({(1, 1): {"a"}, (1, 2): {"b", "c"}}, {(1, 1): {(1, 2)}}, TruthParams(max_iterations=2))
    assert capped.iterations == 2 and not capped.converged
    empty = truthfinder({})
    assert (empty.trust, empty.confidence, empty.converged) == ({}, {}, True)


def test_conflicting_sides_ignores_changes_over_time() -> None:
    items = [
        Item(1, 1, 79.5, 80.5, "2014", "2017"),
        Item(2, 1, 73.5, 74.5, "2018", "2021"),
        Item(3, 2, 80, 100, None, None),
    ]
    clusters = {1: 2, 2: 1, 3: 2}
    # 74 (2018-2021) against 80 (2014-2017) is a trend; against the undated ">80" a conflict
    assert conflicting_sides(items, clusters) == {(1, 2)}
    assert conflicting_sides(items[:2], clusters) == set()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 4),  # cluster
            st.one_of(st.none(), st.integers(0, 20)),  # low
            st.integers(0, 20),  # width
            st.sampled_from([None, ("2014", "2017"), ("2018", "2021"), ("2016", None), ("2021", "2021")]),
        ),
        max_size=12,
    )
)
def test_conflicting_sides_by_blocks_is_the_pairwise_answer(
    rows: list[tuple[int, int | None, int, tuple[str, str | None] | None]],
) -> None:
    items = [
        Item(n, n, low, None if low is None else low + width, *(period or (None, None)))
        for n, (_, low, width, period) in enumerate(rows)
    ]
    clusters = {n: c for n, (c, *_) in enumerate(rows)}
    pairwise = {
        (ca, cb)
        for a in items
        for b in items
        if (ca := clusters[a.claim_id]) < (cb := clusters[b.claim_id]) and _conflict(a, b)
    }
    assert conflicting_sides(items, clusters) == pairwise


# -- ClaimReview -----------------------------------------------------------------------
def _review(rating: str, reviewer: str | None = None) -> ReviewRow:
    return ReviewRow(
        review_id=1,
        claim_ids=(3,),
        rating=rating,
        note="USGS says otherwise",
        reviewer=reviewer,
        reviewed_at=datetime(2025, 6, 1, 12, 30),
        source="a.txt",
        content_hash="h" * 64,
        quote="Chile's share was 24% in 2022.",
        surface="24%",
        kind="numeric",
        subject="Chile",
        metric="share",
        object=None,
        value=24.0,
        value_text=None,
        unit="%",
        qualifier="exact",
        period_start="2022",
        period_end="2022",
    )


def assert_claimreview_shape(doc: dict[str, Any]) -> None:
    """What schema.org ClaimReview consumers need, checked key by key."""
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert isinstance(doc["claimReviewed"], str) and doc["claimReviewed"]
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    work = item["appearance"]
    assert work["@type"] == "CreativeWork" and ("url" in work or "name" in work)
    if "datePublished" in item:
        datetime.fromisoformat(item["datePublished"])
    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str)
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert doc["author"]["@type"] in ("Person", "Organization") and doc["author"]["name"]
    assert datetime.fromisoformat(doc["datePublished"].replace("Z", "+00:00")).tzinfo is not None


@pytest.mark.parametrize(
    ("rating", "value"),
    [("false", 1), ("misleading", 2), ("mixed", 3), ("mostly-true", 4), ("true", 5), ("unverifiable", None)],
)
def test_claim_review_rating_scale(rating: str, value: int | None) -> None:
    doc = claim_review(_review(rating), Appearance("a.txt"))
    assert_claimreview_shape(doc)
    assert doc["reviewRating"].get("ratingValue") == value
    assert doc["reviewRating"]["alternateName"] == rating


def test_claim_review_author_and_appearance() -> None:
    org = claim_review(_review("false"), Appearance("a.txt"), organization="Desk")
    assert org["author"] == {"@type": "Organization", "name": "Desk"}
    assert org["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "name": "a.txt"}
    assert "datePublished" not in org["itemReviewed"]
    person = claim_review(
        _review("true", reviewer="Ana Ruiz"),
        Appearance("a.txt", url="https://example.org/a", title="Copper", published="2024-05-03"),
    )
    assert person["author"] == {"@type": "Person", "name": "Ana Ruiz"}
    assert person["itemReviewed"]["appearance"]["url"] == "https://example.org/a"
    assert person["itemReviewed"]["datePublished"] == "2024-05-03"
    assert person["datePublished"] == "2025-06-01T12:30:00Z"
    assert_claimreview_shape(person)


# -- search query ------------------------------------------------------------------------
def test_fts5_query_quotes_every_word() -> None:
    assert fts5_query('rare "earth AND imports*') == '"rare" """earth" "AND" "imports*"'
    assert fts5_query("NEAR( ) - * ^") == '"NEAR("'
    assert words("  ... ") == []


# -- timeline --------------------------------------------------------------------------
def _p(cid: int, value: float, qualifier: str, low: float | None, high: float | None, period: str | None) -> Point:
    return Point(cid, f"s{cid}.txt", value, qualifier, low, high, "%", period, period, side=1)


CHINA = [
    _p(26, 90, "over", 90, 100, None),
    _p(1, 59, "exact", 58.5, 59.5, "2021"),
    _p(18, 70, "over", 70, 100, "2022"),
    _p(2, 100, "nearly", 90, 100, "2010"),
]


def test_timeline_order_and_labels() -> None:
    assert [p.claim_id for p in ordered(CHINA)] == [2, 1, 18, 26]
    lines = render_text("China", CHINA, width=40)
    rows = lines[2:-1]
    assert [r.split()[1] for r in rows] == ["2010", "2021", "2022", "undated"]
    assert [label(p) for p in ordered(CHINA)] == ["nearly 100%", "59%", ">70%", ">90%"]
    assert "0%" in lines[1] and "100%" in lines[1]


def test_timeline_bars_are_scaled_to_the_values() -> None:
    lo, hi = axis(CHINA)
    assert (lo, hi) == (0, 100)
    b59 = bar(CHINA[1], lo, hi, 40)
    assert b59.count(SOLID) == round(58.5 / 100 * 40) and b59.count(SHADE) == 1
    b70 = bar(CHINA[2], lo, hi, 40)
    assert (b70.count(SOLID), b70.count(SHADE)) == (28, 12)
    assert len(bar(CHINA[3], lo, hi, 40)) == 40
    open_ended = Point(5, "x", 3000, "over", 3000, None, "km", None, None)
    assert bar(open_ended, 0, 4000, 20).endswith(OPEN)
    assert axis([open_ended]) == (0, 3000)
    assert axis([Point(6, "x", 3485, "exact", 3484.5, 3485.5, "km", None, None)]) == (0, 4000)


def test_timeline_png_needs_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(VerdictError, match=r'pip install "claimcheck-db\[plot\]"'):
        render_png("China", CHINA, tmp_path / "t.png")
    assert not (tmp_path / "t.png").exists()


def test_timeline_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "t.png"
    render_png("China", CHINA, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
