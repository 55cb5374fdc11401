"""Users correct merges and supply metadata; both survive re-ingestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main


def _titles(runner: CliRunner) -> dict[str, set[str]]:
    rows = [json.loads(x) for x in runner.invoke(main, ["claims", "--format", "jsonl"]).stdout.splitlines()]
    out: dict[str, set[str]] = {}
    for r in rows:
        if r["kind"] == "title":
            out.setdefault(r["subject"], set()).add(r["source"])
    return out


def test_wrong_automatic_merge_corrected_and_kept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    # two different people whose names differ by one letter: the matcher merges them
    (docs / "a.txt").write_text("Finance Minister John Rutten presented the budget.\n")
    (docs / "b.txt").write_text("Defence Minister Jon Rutten visited the base.\n")
    runner = CliRunner()
    runner.invoke(main, ["ingest", "-q", str(docs)])
    assert _titles(runner) == {"John Rutten": {"a.txt", "b.txt"}}
    listing = json.loads(runner.invoke(main, ["entities", "--format", "json"]).stdout)
    person = next(e for e in listing if e["entity"] == "John Rutten")
    auto = next(a for a in person["aliases"] if a["alias"] == "Jon Rutten")
    assert auto["how"] == "auto" and "jon~john" in auto["reason"] and auto["score"] >= 80

    r = runner.invoke(main, ["entities", "split", "John Rutten", "Jon Rutten"])
    assert r.exit_code == 0, r.stderr
    assert _titles(runner) == {"John Rutten": {"a.txt"}, "Jon Rutten": {"b.txt"}}

    # the file changes and is re-ingested; a new document names him again: still split
    (docs / "b.txt").write_text("Defence Minister Jon Rutten visited the base on Monday.\n")
    (docs / "c.txt").write_text("Defence Minister Jon Rutten resigned.\n")
    runner.invoke(main, ["ingest", "-q", str(docs)])
    assert _titles(runner) == {"John Rutten": {"a.txt"}, "Jon Rutten": {"b.txt", "c.txt"}}


def test_user_merge_is_applied_to_later_documents(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Prime Minister Narendra Modi spoke.\n")
    (docs / "b.txt").write_text("Prime Minister N. D. Modi replied.\n")
    runner = CliRunner()
    runner.invoke(main, ["ingest", "-q", str(docs)])
    before = _titles(runner)
    assert set(before) == {"Narendra Modi", "N. D. Modi"}  # 'D.' matches no token: not merged
    assert runner.invoke(main, ["entities", "merge", "Narendra Modi", "N. D. Modi"]).exit_code == 0
    assert _titles(runner) == {"Narendra Modi": {"a.txt", "b.txt"}}
    (docs / "c.txt").write_text("Prime Minister N. D. Modi left.\n")
    runner.invoke(main, ["ingest", "-q", str(docs)])
    assert _titles(runner) == {"Narendra Modi": {"a.txt", "b.txt", "c.txt"}}
    assert runner.invoke(main, ["entities", "merge", "Nobody", "N. D. Modi"]).exit_code == 1


def _rules(db: Path) -> set[tuple[str, str, str]]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return set(conn.execute("SELECT action, alias, target FROM entity_rules"))


def test_merges_chain_and_a_merge_undoes_a_split(tmp_path: Path, db_path: Path) -> None:
    """Merging into an entity that had absorbed another failed on a UNIQUE constraint, and a
    merge after a split left a rule keeping a name apart from itself."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Prime Minister Narendra Modi spoke.\n")
    (docs / "b.txt").write_text("Prime Minister N. D. Modi replied.\n")
    (docs / "c.txt").write_text("Prime Minister Shri Modi left.\n")
    runner = CliRunner()
    runner.invoke(main, ["ingest", "-q", str(docs)])
    assert set(_titles(runner)) == {"Narendra Modi", "N. D. Modi", "Shri Modi"}
    db = db_path
    assert runner.invoke(main, ["entities", "merge", "N. D. Modi", "Shri Modi"]).exit_code == 0
    r = runner.invoke(main, ["entities", "merge", "Narendra Modi", "N. D. Modi"])
    assert r.exit_code == 0, r.stderr
    assert _titles(runner) == {"Narendra Modi": {"a.txt", "b.txt", "c.txt"}}
    assert _rules(db) == {("merge", "N. D. Modi", "Narendra Modi"), ("merge", "Shri Modi", "Narendra Modi")}

    assert runner.invoke(main, ["entities", "split", "Narendra Modi", "Shri Modi"]).exit_code == 0
    assert ("split", "Shri Modi", "Narendra Modi") in _rules(db)
    assert runner.invoke(main, ["entities", "merge", "Shri Modi", "Narendra Modi"]).exit_code == 0
    rules = _rules(db)
    assert not any(action == "split" for action, _, _ in rules), rules
    assert all(alias != target for _, alias, target in rules)
    assert _titles(runner) == {"Shri Modi": {"a.txt", "b.txt", "c.txt"}}


def _sources(runner: CliRunner) -> dict[str, dict]:
    return {
        r["source"]: r
        for r in map(json.loads, runner.invoke(main, ["export", "sources", "--format", "jsonl"]).stdout.splitlines())
    }


@pytest.mark.slow
def test_publication_dates_how_found(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "front.md").write_text(
        "---\ntitle: Copper Weekly\npublished: 2024-05-03\npublisher: Mining Wire\n---\n\n"
        "Chile's copper output fell 3% last year.\n"
    )
    (docs / "stated.txt").write_text("Published: 21 April 2025\n\nPeru's zinc output rose 2% last year.\n")
    (docs / "listed.txt").write_text("Bolivia's tin output rose 4% last year.\n")
    (docs / "none.txt").write_text("Ghana's gold output rose 1% last year.\n")
    (docs / "sources.csv").write_text(
        "file,title,url,publisher,published\nlisted.txt,Tin Notes,https://x.example/tin,,2023-02-01\n"
    )
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", str(docs)]).exit_code == 0
    s = _sources(runner)
    assert (s["front.md"]["published"], s["front.md"]["published_how"], s["front.md"]["title"]) == (
        "2024-05-03",
        "front_matter",
        "Copper Weekly",
    )
    assert (s["stated.txt"]["published"], s["stated.txt"]["published_how"]) == ("2025-04-21", "stated")
    assert (s["listed.txt"]["published"], s["listed.txt"]["published_how"], s["listed.txt"]["title"]) == (
        "2023-02-01",
        "manifest",
        "Tin Notes",
    )
    assert (s["none.txt"]["published"], s["none.txt"]["published_how"]) == (None, "unknown")
    claims = {
        r["source"]: r
        for r in map(json.loads, runner.invoke(main, ["claims", "--format", "jsonl"]).stdout.splitlines())
    }
    assert claims["front.md"]["period_start"] == "2023"  # "last year" against the front-matter date
    assert claims["listed.txt"]["period_start"] == "2022"
    assert claims["none.txt"]["period_start"] is None  # never guessed

    # the user supplies the missing date: stored as theirs, claims re-read with it, kept on re-ingest
    r = runner.invoke(main, ["sources", "set", str(docs / "none.txt"), "--published", "March 3, 2024"])
    assert r.exit_code == 0, r.stderr
    runner.invoke(main, ["ingest", "-q", str(docs)])
    s = _sources(runner)
    assert (s["none.txt"]["published"], s["none.txt"]["published_how"]) == ("2024-03-03", "user")
    claims = {
        r["source"]: r
        for r in map(json.loads, runner.invoke(main, ["claims", "--format", "jsonl"]).stdout.splitlines())
    }
    assert claims["none.txt"]["period_start"] == "2023"
    assert runner.invoke(main, ["sources", "set", str(docs / "none.txt"), "--published", "soon"]).exit_code == 2


def test_known_mentions_are_the_known_part_of_mentions(lex) -> None:
    """document_topic counts a whole document's places with known_mentions alone: on every
    golden sentence it gives exactly the known names that mentions gives."""
    from claimcheck.normalize.entities import EntityIndex
    from tests.conftest import load_cases

    entities = EntityIndex(lex)
    texts = [c["text"] for name in ("claims_golden.json", "quantities_golden.json") for c in load_cases(name)]
    named = 0
    for text in texts:
        known = entities.known_mentions(text)
        assert known == [m for m in entities.mentions(text) if m.known], text
        named += len(known)
    assert named > 50  # the sentences do name places and organisations


def test_a_bloc_of_countries_is_never_the_document_topic(lex) -> None:
    """A place named often is what a document is about, unless the lexicon marks it a bloc
    ("bloc": true in data/entities.json), whose figures still have it as their subject."""
    from claimcheck.extract.document_context import document_topic
    from claimcheck.model import Document, Metadata
    from claimcheck.normalize.entities import EntityIndex

    entities = EntityIndex(lex)
    assert "European Union" in entities.blocs and entities.is_place("European Union")

    def topic(place: str) -> str | None:
        text = " ".join(f"{place} output rose in {y}." for y in (2020, 2021, 2022, 2023))
        return document_topic(Document("d.txt", "d.txt", "h", text, Metadata()), entities)

    assert topic("Chile") == "Chile"
    assert topic("The EU") is None


@pytest.mark.parametrize(
    ("title", "text", "topic"),
    [
        ("Ruritania", "Ruritania\n\nPopulation:\n3,412,000 (2031 est.)\n\nArea:\ntotal: 9,104 sq km\n", "Ruritania"),
        ("Isle of Man", "Isle of Man\n\nPopulation: 84,000\nArea: 572 sq km\n", "Isle of Man"),
        # a title of words the page writes in lower case is no name
        ("Annual Report", "Annual Report\n\nRevenue: 40 million\nStaff: 120\n\nThe annual report is late.\n", None),
        # a name alone with prose, not fields, is no fact-book page
        ("Ruritania", "Ruritania\n\nOutput rose 4% in 2031. Exports fell.\n", None),
    ],
)
def test_a_fact_book_page_titled_with_a_name_is_about_it(lex, title: str, text: str, topic: str | None) -> None:
    """'Ruritania' over 'Population:' and 'Area:' fields: the page's figures are Ruritania's,
    a place the lexicon knows or not; the fact books' territories are places it knows."""
    from claimcheck.extract.document_context import document_topic
    from claimcheck.model import Document, Metadata
    from claimcheck.normalize.entities import EntityIndex

    entities = EntityIndex(lex)
    doc = Document("d.txt", "d.txt", "h", text, Metadata(title=title))
    assert document_topic(doc, entities) == topic
    assert entities.is_place("Puerto Rico") and entities.is_place(entities.resolve("Macao"))


def test_a_compass_point_or_new_before_a_place_makes_another_place(lex) -> None:
    """'mined in Alaska, Nevada, New Mexico, and Utah' gave Mexico the share Arizona has: a
    known place after "New", "North", "Latin" ... is another place, unless the lexicon knows
    the whole name."""
    from claimcheck.normalize.entities import EntityIndex

    index = EntityIndex(lex)
    assert [m.name for m in index.mentions("copper was mined in New Mexico and Utah")] == []
    assert [m.name for m in index.mentions("sales in Latin America and West Africa")] == []
    assert [m.name for m in index.mentions("South Africa, New Zealand and Mexico")] == [
        "South Africa",
        "New Zealand",
        "Mexico",
    ]
