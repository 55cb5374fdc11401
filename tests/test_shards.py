"""`ingest --shard K/N`: N processes split one corpus into one database (issue 24).

The PostgreSQL test runs 4 shards at once and compares what they leave with one process's
run on the same folder; it runs when CLAIMCHECK_TEST_PG_URL names a database it may wipe
(.ci/run starts one) and is skipped otherwise. The rule and the option's checks need no server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.pipeline.planning import Shard, discover_shard, parse_shard, shard_of
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("CLAIMCHECK_TEST_PG_URL")


# -- the rule -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "shard"),
    [("1/1", Shard(1, 1)), ("2/4", Shard(2, 4)), ("4/4", Shard(4, 4)), (" 3 / 7 ", Shard(3, 7))],
    ids=["one", "second", "last", "spaces"],
)
def test_shard_is_read_as_k_of_n(text: str, shard: Shard) -> None:
    assert parse_shard(text) == shard


@pytest.mark.parametrize("text", ["0/4", "5/4", "4", "1/0", "a/b", "-1/4", "1/4/2", "", "/"])
def test_a_shard_that_is_not_k_of_n_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="K"):
        parse_shard(text)


def test_every_file_is_in_exactly_one_shard_and_the_shards_are_even() -> None:
    names = [f"reports/{i // 50}/valdrex-{i}.txt" for i in range(2000)]
    shards = [shard_of(n, 4) for n in names]
    assert set(shards) == {1, 2, 3, 4}
    assert all(400 < n < 600 for n in Counter(shards).values())  # a hash, not an order: no shard empty
    assert [shard_of(n, 4) for n in names] == shards  # stable: no salt, no process state
    assert all(sum(Shard(k, 4).holds(n) for k in range(1, 5)) == 1 for n in names)


def test_the_shard_is_decided_by_the_path_relative_to_the_folder_given(tmp_path: Path) -> None:
    """Two machines given the same folder at different places split it the same way."""
    for where in ("a/corpus", "elsewhere/mounted/corpus"):
        for i in range(40):
            f = tmp_path / where / f"part{i % 3}" / f"borduria-{i}.txt"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(f"Borduria had {i} ports in 2024.\n")

    def split(where: str) -> list[set[str]]:
        folder = str(tmp_path / where)
        return [
            {f.path.relative_to(folder).as_posix() for f in discover_shard([folder], Shard(k, 3))} for k in (1, 2, 3)
        ]

    here, there = split("a/corpus"), split("elsewhere/mounted/corpus")
    assert here == there and all(here)
    assert sorted(n for part in here for n in part) == sorted(
        f.relative_to(tmp_path / "a/corpus").as_posix() for f in (tmp_path / "a/corpus").rglob("*.txt")
    )


def test_a_path_given_that_cannot_be_read_is_every_shards_to_report(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-folder")
    for k in (1, 2):
        (found,) = list(discover_shard([missing], Shard(k, 2)))
        assert found.error is not None


# -- the option -----------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0/4", "5/4", "two", "3"])
def test_a_bad_shard_is_a_usage_error_naming_the_option(value: str, tmp_path: Path, db_path: Path) -> None:
    r = CliRunner().invoke(main, ["ingest", "-q", "--shard", value, str(SEEDS)])
    assert r.exit_code == 2 and "--shard" in r.stderr and "Traceback" not in r.stderr
    assert not db_path.exists()  # refused before the database is opened


def test_the_shards_of_a_folder_ingested_one_after_another_make_one_run(tmp_path: Path) -> None:
    """On SQLite the shards take turns: together they store every document once."""
    whole, parts = tmp_path / "whole.db", tmp_path / "parts.db"
    runner = CliRunner()
    r = runner.invoke(main, ["--db", str(whole), "ingest", "-q", str(SEEDS)])
    assert r.exit_code == 0, r.stderr
    news = 0
    for k in (1, 2, 3):
        r = runner.invoke(main, ["--db", str(parts), "ingest", "-q", "--shard", f"{k}/3", str(SEEDS)])
        assert r.exit_code == 0, r.stderr
        news += int(r.stderr.split("documents: ")[1].split(" new")[0])
    assert news == len([p for p in SEEDS.iterdir() if p.suffix == ".txt"])
    assert _sqlite_snapshot(parts) == _sqlite_snapshot(whole)


# -- 4 processes into one PostgreSQL ----------------------------------------------------------
_CLAIMS = """SELECT s.content_hash, c.kind, c.subject, c.metric, c.object, c.value, c.unit, c.low, c.high,
                    c.period_start, c.period_end, c.quote, c.char_start, c.surface_start, c.surface_end,
                    c.group_key, c.measure, c.subject_alias, g.key AS group_of, c.value_cluster
             FROM claims c JOIN sources s ON s.id = c.source_id LEFT JOIN claim_groups g ON g.id = c.group_id"""
_GROUPS = """SELECT key, kind, subject, metric, object, unit, status, n_claims, n_sources, n_clusters
             FROM claim_groups"""


def _snapshot(rows: dict[str, list[Any]]) -> dict[str, Any]:
    """What a run stored, without what depends on the order documents were written in (row ids,
    group numbers, side numbers): the claims, the groups, and how each group's claims are split
    into sides. Not the sides of event dates: compare.judge puts a date on the first side (in
    claim-id order) that it can share, so which "June" joins which side follows the order the
    documents were stored in (their number, status and sizes do not)."""
    claims = [tuple(r[:-2]) for r in rows["claims"]]
    sides: dict[str, dict[int, set[tuple[Any, ...]]]] = {}
    for r in rows["claims"]:
        if r[-2] is not None and r[1] != "event_date":
            sides.setdefault(r[-2], {}).setdefault(r[-1], set()).add(tuple(r[:-2]))
    return {
        "claims": sorted(claims, key=repr),
        "groups": sorted((tuple(r) for r in rows["groups"]), key=repr),
        "sides": {k: sorted(sorted(map(repr, side)) for side in v.values()) for k, v in sides.items()},
        "files": sorted(tuple(r) for r in rows["files"]),
        "pending": rows["pending"],
    }


def _rows(run: Any) -> dict[str, list[Any]]:
    return {
        "claims": run(_CLAIMS),
        "groups": run(_GROUPS),
        "files": run("SELECT f.path, s.content_hash FROM source_files f JOIN sources s ON s.id = f.source_id"),
        "pending": run("SELECT key FROM pending_groups"),
    }


def _sqlite_snapshot(path: Path) -> dict[str, Any]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return _snapshot(_rows(lambda sql: [tuple(r) for r in conn.execute(sql).fetchall()]))


def _pg_snapshot(url: str) -> dict[str, Any]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return _snapshot(_rows(lambda sql: [tuple(r) for r in conn.execute(text(sql)).all()]))
    finally:
        engine.dispose()


def _wipe(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _corpus(folder: Path) -> Path:
    """The seeds, 60 generated news reports (bench/corpus.py) and copies of one file under other
    names, so shards also race to store the same document."""
    shutil.copytree(SEEDS, folder / "seeds")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "--n", "60", "--seed", "11", "--out", str(folder / "news")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    first = sorted((folder / "seeds").glob("*.txt"))[0]
    for name in ("copies/a.txt", "copies/b.txt", "copies/deep/c.txt", "copies/deep/d.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(first, folder / name)
    return folder


def _ingest(url: str, folder: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "claimcheck", "--db", url, "ingest", "-q", "-j", "1", *extra, str(folder)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finished(proc: subprocess.Popen[str]) -> str:
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    return err


@pytest.mark.slow
@pytest.mark.skipif(not PG_URL, reason="CLAIMCHECK_TEST_PG_URL is not set (no PostgreSQL server)")
def test_four_shards_at_once_into_postgresql_store_what_one_process_does(tmp_path: Path) -> None:
    assert PG_URL
    folder = _corpus(tmp_path / "corpus")
    n_files = len([p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".md")])
    _wipe(PG_URL)
    _finished(_ingest(PG_URL, folder))
    one = _pg_snapshot(PG_URL)
    _wipe(PG_URL)  # the shards start on a database that does not exist yet, as machines would
    shards = [_ingest(PG_URL, folder, "--shard", f"{k}/4") for k in range(1, 5)]
    said = [_finished(p) for p in shards]
    four = _pg_snapshot(PG_URL)
    counts = [
        {k: int(v) for v, k in (part.split() for part in s.split("documents: ")[1].split(";")[0].split(", "))}
        for s in said
    ]
    assert sum(c["new"] + c["unchanged"] for c in counts) == n_files  # each file read by one shard
    assert sum(1 for c in counts if c["new"]) >= 3  # the work was split
    assert len(one["files"]) == n_files and one["claims"] and one["pending"] == []
    assert sum(1 for g in one["groups"] if g[6] == "conflict") >= 1
    for part in ("files", "claims", "groups", "sides", "pending"):
        assert four[part] == one[part], part


# -- writers that meet each other's new rows -----------------------------------------------------
def test_a_document_that_meets_other_writers_new_rows_many_times_is_still_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shards that start together record the corpus's common places at once: a document can meet
    another writer's new place at several tries in a row (3 tries lost one of 1,000 documents
    with 4 shards on PostgreSQL). Each try after a unique-constraint failure must go on until it
    is stored."""
    from sqlalchemy.exc import IntegrityError

    from claimcheck.db import documents
    from claimcheck.db.engine import open_database
    from claimcheck.pipeline import ingest

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "valdrex.txt").write_text("Valdrex's share of Borduria's rail freight was 24% in 2022.\n")
    (tmp_path / "docs" / "kelda.txt").write_text("Storm Kelda cut power to 41,000 homes in Borduria in 2023.\n")
    real_batch, real_one = documents.save_documents, documents.save_document
    fails = 8
    tries: list[int] = []

    def batch_refused(session, docs, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = real_batch(session, docs, *args, **kwargs)
        if len(docs) == 1:  # (save_document stores one through it)
            return out
        raise IntegrityError("INSERT", {}, Exception("duplicate key value violates unique constraint"))

    def refused_a_few_times(session, doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = real_one(session, doc, *args, **kwargs)
        tries.append(1)
        if len(tries) <= fails:
            raise IntegrityError("INSERT", {}, Exception("duplicate key value violates unique constraint"))
        return out

    monkeypatch.setattr(documents, "save_documents", batch_refused)
    monkeypatch.setattr(documents, "save_document", refused_a_few_times)
    summary = ingest(open_database(str(tmp_path / "x.db")), [str(tmp_path / "docs")])
    assert summary.count("new") == 2 and summary.failures == [] and len(tries) == fails + 2
