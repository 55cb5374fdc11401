"""Near-copies count as one source: the pure rule (compare.copies) and what ingest makes of it."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.compare.copies import (
    BANDS,
    COPY_JACCARD,
    BandIndex,
    families_copied,
    fingerprint,
    jaccard,
    near_copies,
    shingles,
)
from claimcheck.pipeline import copies as pipeline_copies
from tests.conftest import DATA
from tests.copies_corpus import BODY, COPY_FACT, REWORDED, article, independent, write_corpus

QUOTE = (
    '"We counted every household on every island, and where the registers were wrong we went back a second '
    "time, so that nobody in Borduria would be left out of the figures that decide where schools and clinics "
    'are built for the next ten years," the director of the statistics office said at the presentation.'
)
OTHER_STORY = (
    "Reporters from the Valdrex Courier followed the census takers for a week along the northern coast. "
    "In the fishing villages most families were out at sea when the forms arrived, and the counters came "
    "back in the evenings with lanterns. Some islanders had never been counted before, and older residents "
    "remembered the last full census, when the ferry still ran only twice a week. "
)
THIRD_STORY = (
    "The minister of the interior, speaking in the capital, defended the cost of the census and said that "
    "the new digital forms had saved months of work. Opposition members asked why the results were published "
    "so late, and whether the figures for the mountain districts could be trusted after the floods of the "
    "spring. The debate in parliament is expected to continue next week. "
)

# Golden cases: (id, text a, text b, whether they are one document lightly edited)
CASES = [
    ("byline_added_sentence_reworded", article(COPY_FACT), article(COPY_FACT, "By Anton Mirko", 5), True),
    ("copy_that_changes_its_figure", article(COPY_FACT), article(COPY_FACT.replace("5.2", "5.9")), True),
    ("two_stories_share_a_quoted_paragraph", OTHER_STORY + QUOTE, THIRD_STORY + QUOTE, False),
    ("two_reports_of_one_census", independent("Mirela Sand", "late"), independent("Otto Brenn", "early"), False),
    (
        "short_lines_alike_are_no_copies",
        "Borduria population: 5.2 million.",
        "Borduria population: 5.2 million.",
        False,
    ),
]


@pytest.mark.parametrize(("a", "b", "copies"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_near_copies(a: str, b: str, copies: bool) -> None:
    assert near_copies(shingles(a), shingles(b)) is copies
    assert near_copies(shingles(b), shingles(a)) is copies


def test_a_shared_quote_is_far_below_the_threshold() -> None:
    a, b = shingles(OTHER_STORY + QUOTE), shingles(THIRD_STORY + QUOTE)
    assert 0 < jaccard(a, b) < COPY_JACCARD / 2


def test_a_copy_shares_a_band_with_its_original_and_another_story_none() -> None:
    """Candidates are found by shared bands (LSH): a copy must meet its original; an unrelated
    story need not be compared at all."""
    original = fingerprint(article(COPY_FACT))
    copy = fingerprint(article(COPY_FACT, "By Anton Mirko", 2))
    other = fingerprint(OTHER_STORY + THIRD_STORY)
    assert len(original.bands) == len(set(original.bands)) == BANDS
    assert set(original.bands) & set(copy.bands)
    assert not set(original.bands) & set(other.bands)
    assert fingerprint(article(COPY_FACT)).bands == original.bands  # stable: stored bands stay comparable


def test_families_copied_names_every_family_the_document_copies() -> None:
    """An original stored after two of its copies joins (and so merges) both their families."""
    doc = fingerprint(article(COPY_FACT))
    found = [(7, article(COPY_FACT, "By A", 1)), (3, article(COPY_FACT, "By B", 12)), (9, OTHER_STORY + QUOTE)]
    assert families_copied(doc, found) == [3, 7]
    assert families_copied(fingerprint("Borduria population: 5.2 million."), found) == []


def _rows(runner: CliRunner, db: Path | str, *args: str) -> list[dict[str, str]]:
    out = runner.invoke(main, ["--db", str(db), *args, "--format", "csv"])
    assert out.exit_code == 0, out.output
    return list(csv.DictReader(io.StringIO(out.stdout)))


def _population(runner: CliRunner, db: Path | str) -> dict[str, dict[str, str]]:
    """The Borduria population group's rows, one per value, from `export conflicts`."""
    rows = [r for r in _rows(runner, db, "export", "conflicts") if r["subject"] == "Borduria"]
    return {r["numeric_value"]: r for r in rows}


def test_twenty_copies_count_as_one_source(tmp_path: Path) -> None:
    """20 near-copies of one article say X, two independent reports say Y: X has one source,
    the group three, and TruthFinder's advice does not favour X because of the copies."""
    write_corpus(tmp_path / "docs", copies=20)
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "docs")]).exit_code == 0
    by_value = _population(runner, db)
    x, y = by_value["5200000"], by_value["6800000"]
    assert x["status"] == "conflict"
    assert (x["sources_in_cluster"], y["sources_in_cluster"], x["n_sources"]) == ("1", "2", "3")

    sides = {(r["group_id"], r["value_cluster"]): float(r["support"]) for r in _rows(runner, db, "trust", "--sides")}
    assert sides[x["group_id"], y["value_cluster"]] > sides[x["group_id"], x["value_cluster"]]

    sources = _rows(runner, db, "sources")
    ids = {r["source"]: r["source_id"] for r in sources}
    family = {r["source"]: r["copy_of"] or r["source_id"] for r in sources}
    assert len({family[f"copy{i:02}.txt"] for i in range(20)} | {family["original.txt"]}) == 1
    assert family["census_a.txt"] == ids["census_a.txt"] != family["census_b.txt"]
    table = runner.invoke(main, ["--db", str(db), "sources"], terminal_width=200)
    assert "copy of" in table.stdout and "20 near-copies" in table.stdout


def test_forgetting_the_original_keeps_its_copies_one_family(tmp_path: Path) -> None:
    write_corpus(tmp_path / "docs", copies=4)
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "docs")]).exit_code == 0
    root = next(r for r in _rows(runner, db, "sources") if r["copy_of"] == "" and r["source"].startswith("copy"))
    assert (
        runner.invoke(main, ["--db", str(db), "sources", "remove", str(tmp_path / "docs" / root["source"])]).exit_code
        == 0
    )
    left = _rows(runner, db, "sources")
    families = {r["copy_of"] or r["source_id"] for r in left if not r["source"].startswith("census")}
    assert len(left) == 6 and len(families) == 1 and root["source_id"] not in families
    assert _population(runner, db)["5200000"]["sources_in_cluster"] == "1"


def test_a_copy_edited_into_another_document_leaves_the_family(tmp_path: Path) -> None:
    write_corpus(tmp_path / "docs", copies=2)
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "docs")]).exit_code == 0
    assert _population(runner, db)["5200000"]["sources_in_cluster"] == "1"
    edited = OTHER_STORY + "Borduria had a population of 5.2 million people in 2025. " + THIRD_STORY
    (tmp_path / "docs" / "copy01.txt").write_text(edited)
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "docs")]).exit_code == 0
    copy_of = {r["source"]: r["copy_of"] for r in _rows(runner, db, "sources")}
    assert copy_of["copy01.txt"] == "" and copy_of["original.txt"] != ""
    assert _population(runner, db)["5200000"]["sources_in_cluster"] == "2"


def test_an_original_edited_into_another_document_leaves_its_copies_one_family(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_corpus(docs, copies=3)
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(docs / "original.txt")]).exit_code == 0
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(docs)]).exit_code == 0
    before = {r["source"]: r["copy_of"] for r in _rows(runner, db, "sources")}
    assert before["original.txt"] == "" and {before[f"copy0{i}.txt"] for i in range(3)} == {"1"}
    (docs / "original.txt").write_text(OTHER_STORY + COPY_FACT + " " + THIRD_STORY)
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(docs)]).exit_code == 0
    after = {r["source"]: r["copy_of"] or r["source_id"] for r in _rows(runner, db, "sources")}
    assert len({after[f"copy0{i}.txt"] for i in range(3)}) == 1 and after["original.txt"] == "1"
    assert after["copy00.txt"] != "1"
    assert _population(runner, db)["5200000"]["sources_in_cluster"] == "2"


def test_sources_stored_before_0013_get_their_families_at_the_next_ingest(tmp_path: Path) -> None:
    """Upgrading leaves every source unsigned; the next ingest decides their families and
    recounts their groups."""
    db = tmp_path / "old.sqlite"
    shutil.copy(DATA / "fixtures" / "rev_0012.sqlite", db)
    runner = CliRunner()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(article(COPY_FACT))
    (docs / "b.txt").write_text(article(COPY_FACT, "By Anton Mirko", 3))
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(docs / "a.txt")]).exit_code == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE sources SET signed_hash = NULL, copy_of = NULL")  # as the upgrade left them
    con.execute("DELETE FROM source_bands")
    con.commit()
    con.close()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(docs / "b.txt")]).exit_code == 0
    con = sqlite3.connect(db)
    signed = con.execute("SELECT count(*) FROM sources WHERE signed_hash = content_hash").fetchone()[0]
    copies = con.execute("SELECT count(*) FROM sources WHERE copy_of IS NOT NULL").fetchone()[0]
    con.close()
    assert (signed, copies) == (3, 1)


def test_body_sentences_are_long_enough_to_tell() -> None:
    """The test article is of a news story's length, so one reworded sentence is a light edit."""
    assert len(shingles(article(COPY_FACT))) > 250 and len(BODY) == 16


PG_URL = os.environ.get("CLAIMCHECK_TEST_PG_URL")


@pytest.mark.skipif(not PG_URL, reason="CLAIMCHECK_TEST_PG_URL is not set (no PostgreSQL server)")
def test_families_on_postgresql(tmp_path: Path) -> None:
    """The same families and counts on PostgreSQL, its trigger included (the original forgotten)."""
    from sqlalchemy import create_engine, text

    assert PG_URL
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    write_corpus(tmp_path / "docs", copies=5)
    runner = CliRunner()
    assert runner.invoke(main, ["--db", PG_URL, "ingest", "-q", str(tmp_path / "docs")]).exit_code == 0
    x = _population(runner, PG_URL)["5200000"]
    assert (x["sources_in_cluster"], x["n_sources"]) == ("1", "3")
    root = next(r for r in _rows(runner, PG_URL, "sources") if r["copy_of"] == "" and r["source"].startswith("copy"))
    removed = runner.invoke(main, ["--db", PG_URL, "sources", "remove", str(tmp_path / "docs" / root["source"])])
    assert removed.exit_code == 0, removed.output
    left = [r for r in _rows(runner, PG_URL, "sources") if not r["source"].startswith("census")]
    assert len(left) == 5 and len({r["copy_of"] or r["source_id"] for r in left}) == 1


def test_band_index_ranks_candidates_by_shared_bands_then_age() -> None:
    """One candidate per family, the source sharing most bands first (ties: the older source),
    as the candidates query did per document; and what signing a batch changes is seen."""
    rows = [(10, 5, 5), (11, 5, 5), (10, 4, 5), (11, 4, 5), (12, 4, 5), (10, 2, 2), (13, 3, 2), (14, 8, 8)]
    index = BandIndex.of(rows)
    assert index.candidates([10, 11, 12, 13], families=5) == [(4, 5), (2, 2)]
    assert index.candidates([10, 11, 12, 13], families=1) == [(4, 5)]
    assert index.candidates([10, 13], families=5) == [(2, 2), (4, 5)]  # 2, 3 and 4 share one each
    index.add(9, [13, 14, 15])  # an original of the batch: later documents meet it
    assert index.candidates([13, 14, 15], families=5) == [(9, 9), (3, 2), (8, 8)]
    index.merge(2, [8, 9])  # three families become family 2
    assert index.candidates([13, 14, 15], families=5) == [(9, 2)]
    index.drop([9, 3])  # signatures forgotten: never candidates again
    assert index.candidates([13, 14, 15], families=5) == [(8, 2)]
    assert index.candidates([99], families=5) == []


def _variant(reworded: set[int], tag: str) -> str:
    """The test article with these sentences rewritten: two variants that rewrite different
    sentences are each near copies of the article, and less alike each other."""
    body = [REWORDED.format(n=f"{tag} {i}") if i in reworded else s.format(fact=COPY_FACT) for i, s in enumerate(BODY)]
    return "# Valdrex harbour report\n\n" + " ".join(body[:8]) + "\n\n" + " ".join(body[8:]) + "\n"


def _families(db: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT s.id, s.copy_of, s.signed_hash = s.content_hash, f.path FROM sources s "
        "JOIN source_files f ON f.source_id = s.id ORDER BY s.id"
    ).fetchall()
    rows += con.execute("SELECT band, source_id FROM source_bands ORDER BY band, source_id").fetchall()
    con.close()
    return [r[:3] + (Path(r[3]).name,) if len(r) == 4 else r for r in rows]


def test_families_do_not_depend_on_how_many_sources_are_signed_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signing a batch from one query and in-memory bands gives what signing each source
    alone gives: copies of an original in the same batch, two families merged by an original
    stored after its copies, and an original edited into another document."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a_copy.txt").write_text(_variant({0, 1}, "a"))
    (docs / "b_copy.txt").write_text(_variant({14, 15}, "b"))
    assert not near_copies(shingles(_variant({0, 1}, "a")), shingles(_variant({14, 15}, "b")))
    (docs / "c_original.txt").write_text(_variant(set(), ""))
    (docs / "d_copy.txt").write_text(_variant({1}, "d"))
    (docs / "e_other.txt").write_text(OTHER_STORY + THIRD_STORY + QUOTE)
    runs = {}
    for size in (1, 500):
        monkeypatch.setattr(pipeline_copies, "SIGN_BATCH", size)
        (docs / "c_original.txt").write_text(_variant(set(), ""))
        db = tmp_path / f"signed_{size}.db"
        assert CliRunner().invoke(main, ["--db", str(db), "ingest", "-q", "-j", "1", str(docs)]).exit_code == 0
        first = _families(db)
        (docs / "c_original.txt").write_text(OTHER_STORY + COPY_FACT + " " + THIRD_STORY)
        assert CliRunner().invoke(main, ["--db", str(db), "ingest", "-q", "-j", "1", str(docs)]).exit_code == 0
        runs[size] = (first, _families(db))
    assert runs[1] == runs[500]
    family = {name: copy_of or sid for sid, copy_of, _, name in runs[500][0][:5]}
    assert len({family[n] for n in ("a_copy.txt", "b_copy.txt", "c_original.txt", "d_copy.txt")}) == 1
    assert family["e_other.txt"] != family["a_copy.txt"]
    after = {name: copy_of or sid for sid, copy_of, _, name in runs[500][1][:5]}
    assert after["c_original.txt"] != after["a_copy.txt"]


def test_a_long_text_is_signed_in_pieces_without_cutting_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text read a few characters at a time gives the shingles and bands it gives read at
    once, and its shingles are made again from its text when it has a candidate."""
    from claimcheck.compare import copies as compare_copies

    text = article(COPY_FACT, "By Anton Mirko", 3) + " Ünïcode wörds—and dashes… ΟΔΟΣ. " * 7
    whole, signed = shingles(text), fingerprint(text)
    copy = article(COPY_FACT, "By staff writer 2", 9)
    for piece in (1, 7, 64):
        monkeypatch.setattr(compare_copies, "_WORDS_AT_ONCE", piece)
        assert np.array_equal(shingles(text), whole)
        pieces = fingerprint(text)
        assert (pieces.bands, pieces.comparable, pieces.shingles) == (signed.bands, True, None)
        assert families_copied(pieces, [(4, copy), (5, OTHER_STORY)], text) == [4]
    assert signed.shingles is not None and np.array_equal(signed.shingles, whole)


def test_minhash_reduces_modulo_the_prime_exactly() -> None:
    """The shift-and-add reduction gives numpy's remainder, at the edges of the prime too."""
    from claimcheck.compare.copies import _PRIME, _mod_prime

    p = _PRIME
    edges = [0, 1, 7, p - 1, p, p + 1, p + 6, p + 7, 2**61, 2**62 + 5, 7 * p + 6, 8 * p - 1, 2**63 + 2**32, 2**64 - 1]
    y = np.array(edges, dtype=np.uint64)
    _mod_prime(y, np.empty_like(y))
    assert [int(v) for v in y] == [e % p for e in edges]
