"""Verdict commands end to end: stdout holds data, stderr talk; exit codes 0 / 1 / 2."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import click
import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import inspect, select, text, update
from sqlalchemy.orm import Session

from claimcheck import verdicts
from claimcheck.cli import main
from claimcheck.cli_verdicts import COMMANDS, register
from claimcheck.db import state
from claimcheck.db.engine import make_engine, open_database
from claimcheck.db.migrate import alembic_config, upgrade
from claimcheck.db.models import Claim as ClaimRow
from claimcheck.db.models import ClaimGroup, Source
from claimcheck.db.verdict_models import TrustSide, TrustSource, TrustState
from claimcheck.verdicts.references import COLUMNS
from tests.test_verdicts_pure import assert_claimreview_shape

register(main)

DOC_A = (
    "Copper Outlook\n\nPublished: 3 May 2024\n\n"
    "Chile's share of global copper production was 24% in 2022, according to the USGS.\n"
    "Peru shares a 171-kilometre border with Chile.\n"
)
DOC_B = "Chile accounted for 27 percent of world copper output in 2022.\n"
DOC_C = (
    "Chile accounted for 24 percent of world copper output in 2022, the survey said.\n"
    "Chile's share of global copper production was 29% in 2019.\n"
    "Chile's share of global copper production is over 20%.\n"
)
REFERENCES = (
    ",".join(COLUMNS) + "\nchile,Share of global copper production,,24,percent,,2022,USGS,https://example.org/usgs\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text(DOC_A)
    (d / "b.txt").write_text(DOC_B)
    (d / "c.txt").write_text(DOC_C)
    return d


@pytest.fixture
def ingested(runner: CliRunner, corpus: Path) -> Path:
    r = runner.invoke(main, ["ingest", "-q", str(corpus)])
    assert r.exit_code == 0, r.stderr
    return corpus


def _claims(runner: CliRunner, **filters: str) -> list[dict[str, Any]]:
    args = ["claims", "--format", "jsonl"]
    for k, v in filters.items():
        args += [f"--{k}", v]
    r = runner.invoke(main, args)
    assert r.exit_code == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def _claim_id(runner: CliRunner, source: str, value: float) -> int:
    (row,) = [c for c in _claims(runner, source=source) if c["value"] == value]
    return row["claim_id"]


def _group_id(runner: CliRunner) -> int:
    (gid,) = {c["group_id"] for c in _claims(runner, metric="copper")}
    return gid


# -- registration and help ---------------------------------------------------------------
def test_register_is_idempotent() -> None:
    before = dict(main.commands)
    register(main)
    assert main.commands == before
    fresh = click.Group("fresh")
    register(fresh)
    assert set(fresh.commands) == {c.name for c in COMMANDS}


def _paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += _paths(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize("path", _paths(click.Group("g", commands=COMMANDS)), ids=" ".join)
def test_every_verdict_command_has_help(runner: CliRunner, path: tuple[str, ...]) -> None:
    r = runner.invoke(main, [*path, "--help"])
    assert r.exit_code == 0 and "Usage:" in r.stdout
    assert len(r.stdout.split("\n\n")[1].strip()) > 10  # a real sentence of help


# -- reviews ---------------------------------------------------------------------------
def test_review_and_list(runner: CliRunner, ingested: Path) -> None:
    cid = _claim_id(runner, "b.txt", 27)
    r = runner.invoke(
        main, ["review", str(cid), "--rating", "false", "--note", "USGS: 24% in 2022", "--reviewer", "Ana"]
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert f"claim {cid} rated false by Ana" in r.stderr
    rows = json.loads(runner.invoke(main, ["reviews", "--format", "json"]).stdout)
    assert [(x["claim_id"], x["rating"], x["reviewer"], x["surface"]) for x in rows] == [
        (str(cid), "false", "Ana", "27 percent")
    ]
    assert rows[0]["reviewed_at"].endswith("Z")
    table = runner.invoke(main, ["reviews"])
    assert table.exit_code == 0 and "false" in table.stdout and "USGS: 24% in 2022" in table.stdout


def test_review_errors(runner: CliRunner, ingested: Path) -> None:
    cid = _claim_id(runner, "b.txt", 27)
    bad_rating = runner.invoke(main, ["review", str(cid), "--rating", "pants-on-fire", "--note", "x"])
    assert bad_rating.exit_code == 2 and "pants-on-fire" in bad_rating.stderr
    assert runner.invoke(main, ["review", str(cid), "--rating", "true"]).exit_code == 2  # --note is required
    missing = runner.invoke(main, ["review", "999", "--rating", "true", "--note", "x"])
    assert missing.exit_code == 1 and "no claim 999" in missing.stderr and missing.stdout == ""
    blank = runner.invoke(main, ["review", str(cid), "--rating", "true", "--note", "   "])
    assert blank.exit_code == 1 and "needs a note" in blank.stderr
    assert json.loads(runner.invoke(main, ["reviews", "--format", "json"]).stdout) == []


def test_review_survives_reingestion_and_orphans_when_content_changes(runner: CliRunner, ingested: Path) -> None:
    old_id = _claim_id(runner, "a.txt", 24)
    assert runner.invoke(main, ["review", str(old_id), "--rating", "true", "--note", "matches USGS"]).exit_code == 0

    # the file changes: its claims are replaced and the reviewed sentence is gone
    (ingested / "a.txt").write_text(DOC_A.replace("24%", "25%"))
    assert "1 updated" in runner.invoke(main, ["ingest", "-q", str(ingested)]).stderr
    (orphan,) = json.loads(runner.invoke(main, ["reviews", "--format", "json"]).stdout)
    assert orphan["claim_id"] == "orphaned"
    assert (orphan["surface"], orphan["source"], orphan["value"]) == ("24%", "a.txt", 24)
    listed = runner.invoke(main, ["reviews"])
    assert "orphaned" in listed.stdout and "1 orphaned" in listed.stderr
    assert len(json.loads(runner.invoke(main, ["reviews", "--orphaned", "--format", "json"]).stdout)) == 1

    # back to the reviewed content: new claim rows, new ids, the same review applies again
    (ingested / "a.txt").write_text(DOC_A)
    runner.invoke(main, ["ingest", "-q", str(ingested)])
    new_id = _claim_id(runner, "a.txt", 24)
    assert new_id != old_id
    (linked,) = json.loads(runner.invoke(main, ["reviews", "--format", "json"]).stdout)
    assert linked["claim_id"] == str(new_id)
    assert json.loads(runner.invoke(main, ["reviews", "--orphaned", "--format", "json"]).stdout) == []
    assert len(json.loads(runner.invoke(main, ["reviews", "--claim", str(new_id), "--format", "json"]).stdout)) == 1


def _export_reviewed(runner: CliRunner) -> list[str]:
    r = runner.invoke(main, ["export", "reviews", "--format", "claimreview"])
    assert r.exit_code == 0, r.stderr
    return [doc["claimReviewed"] for doc in json.loads(r.stdout)]


def test_a_review_follows_its_claim_through_an_unrelated_edit(runner: CliRunner, ingested: Path) -> None:
    """A newline added at the end of the file, and a sentence added before the claim's,
    leave its sentence and figure as they were: the review stays with the claim (new id,
    new offsets), in `reviews` and in `export reviews`. Changing the figure orphans it."""
    cid = _claim_id(runner, "a.txt", 24)
    assert runner.invoke(main, ["review", str(cid), "--rating", "true", "--note", "matches USGS"]).exit_code == 0
    sentence = "Chile's share of global copper production was 24% in 2022, according to the USGS."

    for edit in (DOC_A + "\n", DOC_A.replace("\n\nChile's", "\n\nOutput rose.\nChile's") + "\n"):
        (ingested / "a.txt").write_text(edit)
        assert "1 updated" in runner.invoke(main, ["ingest", "-q", str(ingested)]).stderr
        now = _claim_id(runner, "a.txt", 24)
        (row,) = json.loads(runner.invoke(main, ["reviews", "--format", "json"]).stdout)
        assert row["claim_id"] == str(now)
        assert _export_reviewed(runner) == [sentence]

    (ingested / "a.txt").write_text(DOC_A.replace("24%", "25%"))  # the claimed figure changed
    runner.invoke(main, ["ingest", "-q", str(ingested)])
    (row,) = json.loads(runner.invoke(main, ["reviews", "--format", "json"]).stdout)
    assert row["claim_id"] == "orphaned"
    assert _export_reviewed(runner) == []


def test_reviews_for_claims_from_python(runner: CliRunner, ingested: Path, db_path: Path) -> None:
    a, b = _claim_id(runner, "a.txt", 24), _claim_id(runner, "b.txt", 27)
    engine = open_database(str(db_path))
    with Session(engine) as s, s.begin():
        verdicts.add_review(s, b, "misleading", "first look")
        verdicts.add_review(s, b, "false", "checked the USGS table", reviewer="Ana")
    with Session(engine) as s:
        got = verdicts.reviews_for_claims(s, [a, b, 12345])
    assert set(got) == {a, b, 12345}
    assert got[a] == [] and got[12345] == []
    assert [(r.rating, r.claim_ids) for r in got[b]] == [("misleading", (b,)), ("false", (b,))]


def test_export_reviews_as_claimreview(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    a, b = _claim_id(runner, "a.txt", 24), _claim_id(runner, "b.txt", 27)
    runner.invoke(main, ["review", str(b), "--rating", "mixed", "--note", "first look"])
    runner.invoke(main, ["review", str(b), "--rating", "false", "--note", "USGS says 24%", "--reviewer", "Ana"])
    runner.invoke(main, ["review", str(a), "--rating", "unverifiable", "--note", "no table found"])
    r = runner.invoke(main, ["export-reviews"])
    assert r.exit_code == 0, r.stderr
    docs = json.loads(r.stdout)
    assert isinstance(docs, list) and len(docs) == 2  # one per claim: the latest review
    for doc in docs:
        assert_claimreview_shape(doc)
    by_quote = {d["claimReviewed"]: d for d in docs}
    on_b = by_quote["Chile accounted for 27 percent of world copper output in 2022."]
    assert on_b["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "worstRating": 1,
        "bestRating": 5,
        "alternateName": "false",
    }
    assert on_b["author"] == {"@type": "Person", "name": "Ana"}
    assert on_b["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "name": "b.txt"}
    on_a = next(d for d in docs if d is not on_b)
    assert on_a["itemReviewed"]["datePublished"] == "2024-05-03"
    assert on_a["author"] == {"@type": "Organization", "name": "claimcheck"}
    assert "ratingValue" not in on_a["reviewRating"]

    out = tmp_path / "reviews.jsonld"
    written = runner.invoke(main, ["export-reviews", "--format", "claimreview", "-o", str(out)])
    assert written.stdout == "" and f"wrote 2 ClaimReviews to {out}" in written.stderr
    assert json.loads(out.read_text()) == docs
    assert runner.invoke(main, ["export-reviews", "--format", "csv"]).exit_code == 2


# -- reference figures -----------------------------------------------------------------
def test_references_import_check_and_replace(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    f = tmp_path / "refs.csv"
    f.write_text(REFERENCES)
    r = runner.invoke(main, ["references", "import", str(f)])
    assert r.exit_code == 0 and r.stdout == ""
    assert "imported 1 reference figures as refs.csv" in r.stderr
    checked = runner.invoke(main, ["check", "--format", "csv"])
    assert checked.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(checked.stdout)))
    got = sorted((row["source"], row["value"], row["period_start"], row["result"]) for row in rows)
    assert got == [
        ("a.txt", "24", "2022", "consistent"),
        ("b.txt", "27", "2022", "inconsistent"),
        ("c.txt", "20", "", "no_reference"),
        ("c.txt", "24", "2022", "consistent"),
        ("c.txt", "29", "2019", "no_reference"),
    ]
    assert {row["reference_url"] for row in rows if row["result"] != "no_reference"} == {"https://example.org/usgs"}
    assert "2 consistent, 1 inconsistent, 2 no_reference" in checked.stderr
    only = runner.invoke(main, ["check", "--result", "inconsistent", "--format", "jsonl"])
    assert [json.loads(x)["source"] for x in only.stdout.splitlines()] == ["b.txt"]
    table = runner.invoke(main, ["check"])
    assert "inconsistent" in table.stdout and "Chile" in table.stdout

    # importing the same file again replaces its figures; a changed figure changes the verdicts
    f.write_text(REFERENCES.replace(",24,", ",27,"))
    again = runner.invoke(main, ["references", "import", str(f)])
    assert "(replacing 1)" in again.stderr
    listed = json.loads(runner.invoke(main, ["references", "list", "--format", "json"]).stdout)
    assert [(x["value"], x["period"], x["unit"]) for x in listed] == [(27, "2022", "%")]
    flipped = list(csv.DictReader(io.StringIO(runner.invoke(main, ["check", "--format", "csv"]).stdout)))
    assert {row["source"]: row["result"] for row in flipped if row["period_start"] == "2022"} == {
        "a.txt": "inconsistent",
        "b.txt": "consistent",
        "c.txt": "inconsistent",
    }


def test_bad_reference_file_imports_nothing(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(REFERENCES + "Chile,share,,lots,%,,2022,USGS,\nChile,share,,30,%,,twenty,USGS,\n")
    r = runner.invoke(main, ["references", "import", str(f)])
    assert r.exit_code == 1 and r.stdout == ""
    assert "bad.csv: 2 problems; nothing was imported" in r.stderr
    assert "line 3: value 'lots' is not a number" in r.stderr
    assert "line 4: period 'twenty'" in r.stderr
    assert json.loads(runner.invoke(main, ["references", "list", "--format", "json"]).stdout) == []
    nothing = runner.invoke(main, ["check"])
    assert nothing.exit_code == 0 and "no reference figures" in nothing.stderr
    (tmp_path / "latin1.csv").write_bytes(REFERENCES.replace("chile", "chilé").encode("latin-1"))
    enc = runner.invoke(main, ["references", "import", str(tmp_path / "latin1.csv")])
    assert enc.exit_code == 1 and "line 2: is not UTF-8 text" in enc.stderr
    assert runner.invoke(main, ["references", "import", str(tmp_path / "nope.csv")]).exit_code == 1
    assert runner.invoke(main, ["references", "import"]).exit_code == 2
    assert runner.invoke(main, ["references", "import", str(f), "--bundled", "usgs_rare_earths"]).exit_code == 2
    assert runner.invoke(main, ["references", "import", "--bundled", "atlantis"]).exit_code == 2


def test_bundled_usgs_file_matches_the_seed_claims(runner: CliRunner) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert runner.invoke(main, ["ingest", "-q", str(seeds)]).exit_code == 0
    assert "usgs_rare_earths" in runner.invoke(main, ["references", "bundled"]).stdout
    r = runner.invoke(main, ["references", "import", "--bundled", "usgs_rare_earths"])
    assert r.exit_code == 0 and "imported 3 reference figures" in r.stderr
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["check", "--format", "csv"]).stdout)))
    dated = {
        (row["subject"], row["period_start"], row["period_end"]): row["result"] for row in rows if row["period_start"]
    }
    # every reference row finds the seed claim it was written for, and agrees with it
    assert dated[("United States", "2014", "2017")] == "consistent"
    assert dated[("United States", "2018", "2021")] == "consistent"
    assert dated[("China", "2022", "2022")] == "consistent"


# -- source reliability ----------------------------------------------------------------
def test_trust_ranks_the_lone_dissenter_last(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["trust", "--format", "json"])
    assert r.exit_code == 0 and "TruthFinder: converged" in r.stderr
    trust = {row["source"]: row["trust"] for row in json.loads(r.stdout)}
    assert set(trust) == {"a.txt", "b.txt", "c.txt"}
    assert trust["b.txt"] < min(trust["a.txt"], trust["c.txt"])
    assert all(0 < t < 1 for t in trust.values())
    sides = json.loads(runner.invoke(main, ["trust", "--sides", "--format", "json"]).stdout)
    gid = _group_id(runner)
    assert {row["group_id"] for row in sides} == {gid}  # the border group has one side: not contested
    cluster_of = {c["source"] + str(c["value"]): c["value_cluster"] for c in _claims(runner, metric="copper")}
    by_side = {row["value_cluster"]: row for row in sides}
    assert by_side[cluster_of["a.txt24"]]["support"] > by_side[cluster_of["b.txt27"]]["support"]
    assert by_side[cluster_of["a.txt24"]]["sources"] == 2  # a.txt and c.txt
    assert by_side[cluster_of["b.txt27"]]["values"] == "27 percent"
    table = runner.invoke(main, ["trust"])
    assert "b.txt" in table.stdout and "0." in table.stdout
    assert "27 percent" in runner.invoke(main, ["trust", "--sides"]).stdout


def test_trust_functions_from_python(runner: CliRunner, ingested: Path, db_path: Path) -> None:
    engine = open_database(str(db_path))
    gid = _group_id(runner)
    with Session(engine) as s:
        trust = verdicts.source_trust(s)
        support = verdicts.cluster_support(s, [gid])
        names = dict(s.execute(select(Source.id, Source.name)).all())
    assert {names[sid] for sid in trust} == {"a.txt", "b.txt", "c.txt"}
    assert support and {g for g, _ in support} == {gid}


def test_trust_on_an_empty_database(runner: CliRunner, db_path: Path) -> None:
    open_database(str(db_path)).dispose()  # the schema, and no document
    r = runner.invoke(main, ["trust"])
    assert r.exit_code == 0 and r.stdout == "" and "no groups yet" in r.stderr


# -- search ----------------------------------------------------------------------------
def test_search_finds_sentences_and_stays_in_sync(runner: CliRunner, ingested: Path, db_path: Path) -> None:
    r = runner.invoke(main, ["search", "copper", "output", "--format", "jsonl"])
    assert r.exit_code == 0, r.stderr
    hits = [json.loads(line) for line in r.stdout.splitlines()]
    assert sorted((h["source"], h["value"]) for h in hits) == [("b.txt", 27), ("c.txt", 24)]
    assert [h["rank"] for h in hits] == [1, 2]
    assert runner.invoke(main, ["search", "border", "--format", "json"]).stdout.count('"claim_id"') == 1
    # stemmed: "borders" finds "border"
    assert json.loads(runner.invoke(main, ["search", "borders", "--format", "json"]).stdout)[0]["unit"] == "km"

    # the writer and the delete trigger keep the index in step when a file is re-ingested
    (ingested / "b.txt").write_text(DOC_B.replace("world copper output", "global molybdenum output"))
    runner.invoke(main, ["ingest", "-q", str(ingested)])
    _assert_index_matches_quotes(db_path)
    assert json.loads(runner.invoke(main, ["search", "molybdenum", "--format", "json"]).stdout)[0]["source"] == "b.txt"
    after = [
        json.loads(x) for x in runner.invoke(main, ["search", "copper output", "--format", "jsonl"]).stdout.splitlines()
    ]
    assert [h["source"] for h in after] == ["c.txt"]


def _assert_index_matches_quotes(db: Path) -> None:
    with closing(sqlite3.connect(db)) as con:  # FTS5 compares the index with every quote
        con.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
        assert (
            con.execute("SELECT count(*) FROM claims_fts").fetchone()
            == con.execute("SELECT count(*) FROM claims").fetchone()
        )
        assert con.execute("SELECT count(*) FROM claims_fts_deferred").fetchone() == (0,)


def test_claims_written_by_hand_are_indexed_and_can_be_replaced(
    runner: CliRunner, ingested: Path, db_path: Path
) -> None:
    """The writer indexes its claims itself; a claim another program inserts is indexed by
    the trigger, so deleting it later (here by re-ingesting its source) keeps the index whole."""
    with closing(sqlite3.connect(db_path)) as con, con:
        con.execute(
            "INSERT INTO claims (source_id, kind, metric, qualifier, quote, char_start, char_end, surface, "
            "surface_start, surface_end, extractor_version) SELECT id, 'numeric', 'tin output', 'exact', "
            "'Tin output reached a record high.', 0, 10, '10', 0, 2, 'hand' FROM sources WHERE name = 'b.txt'"
        )
    _assert_index_matches_quotes(db_path)
    hits = json.loads(runner.invoke(main, ["search", "tin", "--format", "json"]).stdout)
    assert [h["source"] for h in hits] == ["b.txt"]
    (ingested / "b.txt").write_text(DOC_B.replace("27 percent", "28 percent"))
    assert runner.invoke(main, ["ingest", "-q", str(ingested)]).exit_code == 0
    _assert_index_matches_quotes(db_path)
    assert json.loads(runner.invoke(main, ["search", "tin", "--format", "json"]).stdout) == []


@pytest.mark.parametrize(
    "query",
    [
        'say "hi',
        "AND",
        "copper*",
        "NEAR(copper",
        "chile's",
        "-copper",
        "copper OR",
        "col:copper",
        "'; DROP TABLE claims; --",
    ],
)
def test_search_never_chokes_on_query_syntax(runner: CliRunner, ingested: Path, query: str) -> None:
    r = runner.invoke(main, ["search", "--format", "json", "--", query])
    assert r.exit_code == 0, r.stderr
    assert isinstance(json.loads(r.stdout), list)
    assert len(_claims(runner)) == 6


def test_search_usage(runner: CliRunner, ingested: Path) -> None:
    assert runner.invoke(main, ["search"]).exit_code == 2
    assert runner.invoke(main, ["search", "copper", "--limit", "0"]).exit_code == 2
    nothing = runner.invoke(main, ["search", "***"])
    assert nothing.exit_code == 1 and "at least one word" in nothing.stderr
    none = runner.invoke(main, ["search", "zirconium"])
    assert none.exit_code == 0 and none.stdout == "" and "no claims match" in none.stderr
    table = runner.invoke(main, ["search", "copper", "--limit", "1"])
    assert table.exit_code == 0 and "1 claims" in table.stdout


# -- timeline --------------------------------------------------------------------------
def test_timeline_text(runner: CliRunner, ingested: Path) -> None:
    gid = _group_id(runner)
    r = runner.invoke(main, ["timeline", f"g{gid}"])
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"group {gid} · conflict · Chile · share of global copper production")
    rows = [line.split() for line in lines[2:-1]]
    assert [(row[1], row[2]) for row in rows] == [
        ("2019", "29%"),
        ("2022", "24%"),
        ("2022", "27%"),
        ("2022", "24%"),
        ("undated", ">20%"),
    ]
    wide = runner.invoke(main, ["timeline", str(gid), "--width", "100"]).stdout.splitlines()
    bars = {row.split()[2]: len(row.split()[3]) for row in wide[2:-1]}
    assert bars["24%"] < bars["27%"] < bars["29%"] < bars[">20%"] == 100


def test_timeline_errors(runner: CliRunner, ingested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(main, ["timeline", "abc"]).exit_code == 2
    missing = runner.invoke(main, ["timeline", "999"])
    assert missing.exit_code == 1 and "no group 999" in missing.stderr
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg"):
        monkeypatch.setitem(sys.modules, name, None)
    png = runner.invoke(main, ["timeline", str(_group_id(runner)), "--png", str(tmp_path / "t.png")])
    assert png.exit_code == 1 and png.stdout == ""
    assert 'pip install "claimcheck-db[plot]"' in png.stderr


def test_timeline_refuses_groups_without_figures(db_path: Path, runner: CliRunner) -> None:
    engine = open_database(str(db_path))
    with Session(engine) as s, s.begin():
        src = Source(
            name="t.txt",
            path="t.txt",
            content_hash="0" * 64,
            text="President Joe Biden",
            published_how="unknown",
            size_bytes=1,
            extractor_version="t",
            ingested_at=datetime(2025, 1, 1),
        )
        g = ClaimGroup(key="k", kind="title", metric="title", status="single", updated_at=datetime(2025, 1, 1))
        s.add_all([src, g])
        s.flush()
        s.add(
            ClaimRow(
                source_id=src.id,
                kind="title",
                subject="Joe Biden",
                metric="title",
                value_text="President",
                qualifier="exact",
                quote="President Joe Biden",
                char_start=0,
                char_end=19,
                surface="President Joe Biden",
                surface_start=0,
                surface_end=19,
                extractor_version="t",
                group_id=g.id,
                value_cluster=1,
            )
        )
        gid = g.id
    r = runner.invoke(main, ["timeline", str(gid)])
    assert r.exit_code == 1 and "holds title claims, not figures" in r.stderr


def test_timeline_png(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "t.png"
    r = runner.invoke(main, ["timeline", str(_group_id(runner)), "--png", str(out)])
    assert r.exit_code == 0 and r.stdout == "" and "wrote" in r.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


# -- migration -------------------------------------------------------------------------
def test_search_triggers_exist_at_head(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    # a later revision that rebuilds `claims` on SQLite drops these and must create them again
    assert {"claims_fts_insert", "claims_fts_delete", "claims_fts_update"} <= triggers
    assert {"reviews", "reference_figures", "claims_fts"} <= set(inspect(engine).get_table_names())
    assert "reviews_view" in inspect(engine).get_view_names()


def test_migration_0002_round_trips(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0002")
    assert {"reviews", "reference_figures", "claims_fts"} <= set(inspect(engine).get_table_names())
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    names = set(inspect(engine).get_table_names())
    assert not {"reviews", "reference_figures", "claims_fts"} & names and "claims" in names
    assert "reviews_view" not in inspect(engine).get_view_names()
    with engine.connect() as conn:
        assert not list(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    upgrade(engine, "0002")
    assert {"reviews", "claims_fts"} <= set(inspect(engine).get_table_names())


def test_migration_indexes_claims_that_already_exist(tmp_path: Path, runner: CliRunner) -> None:
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine, "0001")
    with engine.begin() as conn:  # a claim written before the search index existed (0001's columns)
        conn.execute(
            text(
                "INSERT INTO sources (id, name, path, content_hash, text, published_how, size_bytes, "
                "extractor_version, ingested_at) VALUES (1, 'a.txt', 'a.txt', :h, :t, 'unknown', 1, 'x', :now)"
            ),
            {"h": "0" * 64, "t": "Peru shares a 171-kilometre border with Chile.", "now": datetime(2025, 1, 1)},
        )
        conn.execute(
            text(
                "INSERT INTO claims (id, source_id, kind, subject, metric, object, value, unit, qualifier, "
                "quote, char_start, char_end, surface, surface_start, surface_end, extractor_version) VALUES "
                "(1, 1, 'numeric', 'Chile', 'border', 'Peru', 171, 'km', 'exact', :q, 0, 46, '171-kilometre', "
                "14, 27, 'x')"
            ),
            {"q": "Peru shares a 171-kilometre border with Chile."},
        )
    engine.dispose()
    r = runner.invoke(main, ["--db", str(db), "search", "border", "--format", "json"])  # migrates to head
    assert r.exit_code == 0, r.stderr
    assert [(h["claim_id"], h["unit"]) for h in json.loads(r.stdout)] == [(1, "km")]


def _stored_count(s: Session) -> int:
    return len(s.execute(select(TrustSide.group_id)).all()) + len(s.execute(select(TrustSource.source_id)).all())


def test_ingest_leaves_scores_to_the_commands_that_need_them(runner: CliRunner, ingested: Path, db_path: Path) -> None:
    """Issue 23: TruthFinder is an add-on. A plain ingest stores no scores; `conflicts` computes
    the support it shows in memory (a read never writes); `ingest --trust` stores the same."""
    engine = open_database(str(db_path))
    gid = _group_id(runner)
    with Session(engine) as s:
        assert state.trust_is_stale(s) and _stored_count(s) == 0
        computed = verdicts.cluster_support(s, [gid])
    assert computed
    read = runner.invoke(main, ["conflicts"], env={"COLUMNS": "200"})
    assert read.exit_code == 0 and "rescore" not in read.stderr
    assert all(f"({v:.2f})" in read.stdout for v in computed.values())
    with Session(engine) as s:
        assert state.trust_is_stale(s) and _stored_count(s) == 0  # the read wrote nothing
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(ingested)]).exit_code == 0
    with Session(engine) as s:
        assert not state.trust_is_stale(s)
        stored = verdicts.current_support(s, [gid])
        trust = dict(s.execute(select(TrustSource.source_id, TrustSource.trust)).all())
        assert trust == pytest.approx(verdicts.source_trust(s))
    assert stored.keys() == computed.keys()
    assert all(abs(stored[k] - computed[k]) < 1e-9 for k in stored)
    again = runner.invoke(main, ["conflicts"], env={"COLUMNS": "200"}).stdout
    assert all(f"({v:.2f})" in again for v in stored.values())


def test_trust_advice_is_the_same_whether_or_not_an_ingest_stored_scores(
    runner: CliRunner, ingested: Path, db_path: Path
) -> None:
    """What users see stays as it was when every ingest stored the scores: `trust` (and its
    --sides) after a plain ingest gives the scores a full TruthFinder run stores."""
    plain = runner.invoke(main, ["trust", "--format", "json"])
    sides = runner.invoke(main, ["trust", "--sides", "--format", "json"])
    assert plain.exit_code == 0 and sides.exit_code == 0, plain.stderr
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(ingested)]).exit_code == 0
    engine = open_database(str(db_path))
    with Session(engine) as s:
        stored_trust = dict(s.execute(select(TrustSource.source_id, TrustSource.trust)).all())
        stored_sides = _stored_sides(s)
    shown = {r["source_id"]: r["trust"] for r in json.loads(plain.stdout)}
    assert len(shown) >= 3 and shown == pytest.approx(stored_trust)
    shown_sides = {(r["group_id"], r["value_cluster"]): r["support"] for r in json.loads(sides.stdout)}
    assert shown_sides and shown_sides == pytest.approx({k: stored_sides[k] for k in shown_sides})
    assert runner.invoke(main, ["trust", "--format", "json"]).stdout == plain.stdout


def test_scores_follow_new_documents(runner: CliRunner, ingested: Path, db_path: Path) -> None:
    """A new document changes the groups: `ingest --trust` recomputes the stored scores at its end."""
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(ingested)]).exit_code == 0
    engine = open_database(str(db_path))
    gid = _group_id(runner)
    with Session(engine) as s:
        before = verdicts.current_support(s, [gid])
    (ingested / "d.txt").write_text("Chile's share of global copper production was 27% in 2022.\n")
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(ingested)]).exit_code == 0
    with Session(engine) as s:
        assert not state.trust_is_stale(s)
        after = verdicts.current_support(s, [gid])
        assert after == pytest.approx(verdicts.cluster_support(s, [gid]))
    assert after != pytest.approx(before)


def test_stale_scores_are_computed_not_read(runner: CliRunner, ingested: Path, db_path: Path) -> None:
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(ingested)]).exit_code == 0
    engine = open_database(str(db_path))
    gid = _group_id(runner)
    with Session(engine) as s, s.begin():
        s.execute(update(TrustSide).values(support=0.123456))
        assert verdicts.current_support(s, [gid]) == {k: 0.123456 for k in verdicts.current_support(s, [gid])}
    shown = runner.invoke(main, ["conflicts"], env={"COLUMNS": "200"}).stdout
    assert "(0.12)" in shown  # fresh scores are read as stored
    with Session(engine) as s, s.begin():
        state.mark_trust_stale(s)
        assert 0.123456 not in verdicts.current_support(s, [gid]).values()
    # a read computes what it shows while the stored scores are stale, and stores nothing
    read = runner.invoke(main, ["conflicts"], env={"COLUMNS": "200"})
    assert read.exit_code == 0 and "(0.12)" not in read.stdout and "rescore" not in read.stderr
    with Session(engine) as s:
        assert state.trust_is_stale(s)
    assert runner.invoke(main, ["ingest", "-q", str(ingested)]).exit_code == 0  # a plain ingest leaves them
    with Session(engine) as s:
        assert state.trust_is_stale(s)
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(ingested)]).exit_code == 0
    with Session(engine) as s:
        assert not state.trust_is_stale(s) and 0.123456 not in verdicts.current_support(s, [gid]).values()


def test_a_reference_value_beyond_any_float_is_refused(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    """'1e309' is a valid Decimal but no float: it became Infinity, which 'check' then
    compared with, and which JSON output cannot carry."""
    f = tmp_path / "huge.csv"
    f.write_text(REFERENCES + "Chile,share,,1e309,%,,2022,USGS,\n")
    r = runner.invoke(main, ["references", "import", str(f)])
    assert r.exit_code == 1 and "line 3: value '1e309' is not a number" in r.stderr


def test_a_dataset_name_with_escape_sequences_is_shown_without_them(
    runner: CliRunner, ingested: Path, tmp_path: Path
) -> None:
    """The import summary echoed the user's dataset name raw: an escape sequence in it
    cleared the terminal, unlike every other name claimcheck prints."""
    f = tmp_path / "refs.csv"
    f.write_text(REFERENCES)
    r = runner.invoke(main, ["references", "import", str(f), "--dataset", "usgs\x1b[2J\x07"])
    assert r.exit_code == 0 and "as usgs" in r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    listed = runner.invoke(main, ["references", "list"])
    assert listed.exit_code == 0 and "\x1b" not in listed.stdout


def _stored_sides(s: Session) -> dict[tuple[int, int], float]:
    return {(g, c): v for g, c, v in s.execute(select(TrustSide.group_id, TrustSide.value_cluster, TrustSide.support))}


def test_rescoring_changed_groups_with_converged_trust_gives_the_full_scores(
    runner: CliRunner, ingested: Path, db_path: Path
) -> None:
    """Scoring a group with the stored trust is the last step of a full run: with the trust
    that run converged to, it gives the same support."""
    from claimcheck.pipeline import store_trust
    from claimcheck.verdicts.reliability import rescore_changed

    engine = open_database(str(db_path))
    assert store_trust(engine) and not store_trust(engine)  # (stored once: then nothing changed)
    with Session(engine) as s, s.begin():
        full = _stored_sides(s)
        s.execute(update(ClaimGroup).values(updated_at=datetime(2030, 1, 1)))  # every group changed
        s.execute(update(TrustSide).values(support=0.5))
        rescore_changed(s, since=datetime(2029, 1, 1))
        again = _stored_sides(s)
    assert full and again.keys() == full.keys()
    # (a full run stops once trust moves by under 1e-6, so its last confidences lag the stored
    # trust by as much)
    assert all(abs(again[k] - full[k]) < 1e-5 for k in full), [(full[k], again[k]) for k in full]


def _copper_doc(folder: Path, name: str, value: int, silver: int | None = None) -> None:
    text = f"Report {name}.\n\nChile's share of global copper production was {value}% in 2022.\n"
    if silver is not None:
        text += f"Peru's share of global silver production was {silver}% in 2022.\n"
    (folder / f"{name}.txt").write_text(text)


def test_a_small_addition_is_scored_with_stored_trust_and_a_large_one_in_full(
    runner: CliRunner, tmp_path: Path, db_path: Path
) -> None:
    """TruthFinder reads every group; a few new documents in a large database are scored
    with the stored trust of their sources instead, until the new sources reach a quarter
    of those the stored trust covers."""
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(8):
        _copper_doc(docs, f"old{i}", 27 if i % 3 == 0 else 24, silver=15 if i % 2 else 17)
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(docs)]).exit_code == 0
    engine = open_database(str(db_path))
    gid = _group_id(runner)
    with Session(engine) as s, s.begin():
        trust = dict(s.execute(select(TrustSource.source_id, TrustSource.trust)).all())
        before = verdicts.current_support(s, [gid])
        # a group the next ingest does not touch, regrouped before the last scoring (and its
        # overlap), keeps what is stored for it
        s.execute(update(TrustSide).where(TrustSide.group_id != gid).values(support=0.123456))
        s.execute(update(ClaimGroup).where(ClaimGroup.id != gid).values(updated_at=datetime(2000, 1, 1)))
        s.execute(update(TrustState).values(computed_at=datetime(2000, 1, 2)))
    assert len(trust) == 8 and len(before) == 2
    _copper_doc(docs, "new0", 31)  # one new source: an eighth
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(docs)]).exit_code == 0
    with Session(engine) as s:
        assert not state.trust_is_stale(s)
        assert dict(s.execute(select(TrustSource.source_id, TrustSource.trust)).all()) == trust  # left as it was
        sides = verdicts.current_support(s, [gid])
        untouched = [v for (g, _), v in _stored_sides(s).items() if g != gid]
    assert untouched and all(v == 0.123456 for v in untouched)
    assert len(sides) == 3  # 24%, 27% and the new 31%, each scored
    # the old sides, with the same trust as before, lose support to the new rival side
    assert all(sides[k] < before[k] for k in before)
    for i in range(1, 3):
        _copper_doc(docs, f"new{i}", 24)  # three new sources in all: over a quarter of eight
    assert runner.invoke(main, ["ingest", "-q", "--trust", str(docs)]).exit_code == 0
    with Session(engine) as s:
        assert len(dict(s.execute(select(TrustSource.source_id, TrustSource.trust)).all())) == 11
        assert verdicts.current_support(s, [gid]) == pytest.approx(verdicts.cluster_support(s, [gid]))
