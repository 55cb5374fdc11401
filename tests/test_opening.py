"""Opening a database as users do: several first runs at once, reads beside a writer or on a
read-only folder, and a damaged file (issue #20, items 1, 2 and 5)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

CLAIM = "Chile's share of global copper production was {}% in 2022.\nPeru shares a 171-kilometre border with Chile.\n"
# what a read may say when it starts before the first ingest has made the database
NOT_YET = ("no database at", "holds no claimcheck data yet")


def _cli(db: str | Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--db", str(db), *args]


def _folders(root: Path, n: int, per_folder: int = 3) -> list[Path]:
    """n folders of documents under `root`, each document new content."""
    out = []
    for i in range(n):
        folder = root / f"part{i}"
        folder.mkdir(parents=True)
        for j in range(per_folder):
            (folder / f"d{j}.txt").write_text(CLAIM.format(10 + i * per_folder + j) + f"Report {root.name} {i}-{j}.\n")
        out.append(folder)
    return out


def _first_runs_at_once(db: str | Path, folders: list[Path], reads_after: float = 1.0) -> list[str]:
    """Start an ingest per folder together on a database that does not exist yet, and two reads
    while they start; what went wrong, one entry per process that failed."""
    env = {**os.environ, "CLAIMCHECK_DB": ""}
    commands = [_cli(db, "ingest", "-q", "-j", "1", str(f)) for f in folders]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in commands]
    time.sleep(reads_after)  # (a read starts faster than an ingest, which imports more before it opens the file)
    commands += [_cli(db, "conflicts", "--all"), _cli(db, "claims", "--format", "csv")]
    procs += [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in commands[-2:]
    ]
    problems = []
    for command, p in zip(commands, procs, strict=True):
        _, err = p.communicate(timeout=300)
        reading = "ingest" not in command
        if p.returncode != 0 and not (reading and p.returncode == 1 and any(s in err for s in NOT_YET)):
            problems.append(f"{command[5]} exit {p.returncode}: {err.strip()[-300:]}")
    return problems


@pytest.mark.slow
def test_first_runs_at_once_on_a_new_sqlite_file(tmp_path: Path) -> None:
    """One of several first runs read 'no revision', another committed the schema, and the
    first refused the file as not claimcheck's: its documents were never ingested."""
    folders = _folders(tmp_path / "docs", 4)
    for attempt in range(4):  # the old code lost about one run in two
        db = tmp_path / f"new{attempt}.db"
        assert _first_runs_at_once(db, folders) == []
        con = sqlite3.connect(db)
        assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 12  # every ingest's share
        con.close()


@pytest.fixture
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database of its own, dropped afterwards."""
    url = os.environ.get("CLAIMCHECK_TEST_PG_URL")
    if not url:
        pytest.skip("CLAIMCHECK_TEST_PG_URL is not set (no PostgreSQL server)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"claimcheck_race_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.slow
def test_first_runs_at_once_on_a_new_postgresql_database(tmp_path: Path, fresh_pg_database: str) -> None:
    """The loser of the race to create the schema failed with 'duplicate key value violates
    unique constraint "pg_type_typname_nsp_index"'."""
    from sqlalchemy import create_engine, text

    problems = _first_runs_at_once(fresh_pg_database, _folders(tmp_path / "docs", 4))
    assert problems == []
    engine = create_engine(fresh_pg_database)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sources")).scalar() == 12
    engine.dispose()


# -- reads never write ------------------------------------------------------------------
def _ingested(tmp_path: Path, db: Path, n: int = 4) -> None:
    docs = _folders(tmp_path / "docs", 1, per_folder=n)[0]
    r = subprocess.run(_cli(db, "ingest", "-q", "-j", "1", str(docs)), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


READS = [
    ["conflicts", "--all"],
    ["conflicts", "--all", "--format", "csv"],
    ["claims", "--format", "csv"],
    ["show", "1"],
    ["export", "reviews"],
    ["trust"],
    ["search", "copper"],
    ["timeline", "g1"],
]


@pytest.mark.parametrize("args", [["conflicts"], ["claims"], ["export", "claims"], ["show", "1"], ["trust"]])
def test_a_read_on_a_missing_file_says_so_and_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    """A mistyped --db silently created an empty database and reported 'no groups in conflict'."""
    db = tmp_path / "typo.db"
    r = CliRunner().invoke(main, ["--db", str(db), *args])
    assert r.exit_code == 1
    assert f"no database at {db}" in r.stderr and "claimcheck ingest" in r.stderr
    assert not db.exists()


@pytest.mark.slow
def test_a_read_does_not_wait_behind_a_writer_nor_regroup(tmp_path: Path) -> None:
    """Reads regrouped and rescored on open, so they waited behind a running ingest's write
    transaction. Now they read what is stored at once and say what is left to recompute."""
    db = tmp_path / "busy.db"
    _ingested(tmp_path, db)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("INSERT INTO pending_groups (key) VALUES ('left by an interrupted ingest')")
    writer.execute("BEGIN IMMEDIATE")  # an ingest's batch transaction, holding the write lock
    try:
        for args in (["claims", "--format", "csv"], ["conflicts", "--all"], ["export", "conflicts"]):
            r = subprocess.run(_cli(db, *args), capture_output=True, text=True, timeout=20)
            assert r.returncode == 0, r.stderr
            assert "Chile" in r.stdout
            assert "1 group to regroup" in r.stderr and "claimcheck ingest" in r.stderr
    finally:
        writer.execute("ROLLBACK")
    assert writer.execute("SELECT count(*) FROM pending_groups").fetchone()[0] == 1  # the reads left it
    writer.close()
    r = CliRunner().invoke(main, ["--db", str(db), "review", "1", "--rating", "true", "--note", "checked"])
    assert r.exit_code == 0, r.output  # a write brings it up to date
    assert sqlite3.connect(db).execute("SELECT count(*) FROM pending_groups").fetchone()[0] == 0


def _read_only_runner(folder: Path) -> list[str]:
    """A command prefix under which `folder` is read-only: as an unprivileged user, its mode
    (set here); as root, whom modes do not stop, a read-only bind mount in a mount namespace
    of its own. Skips when neither can be had."""
    if os.geteuid() != 0:
        for f in folder.iterdir():
            f.chmod(0o444)
        folder.chmod(0o555)
        return []
    mount = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    prefix = ["unshare", "-m", "sh", "-c", mount, str(folder)]
    if not shutil.which("unshare"):
        pytest.skip("running as root, whom file modes do not stop, and no unshare for a read-only mount")
    probe = subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True, text=True)
    if probe.returncode == 0 or "Read-only file system" not in probe.stderr:
        pytest.skip(f"running as root, whom file modes do not stop, and no read-only mount: {probe.stderr.strip()}")
    return prefix


@pytest.mark.slow
def test_a_database_in_a_read_only_folder_can_be_queried(tmp_path: Path) -> None:
    """Reads failed with 'attempt to write a readonly database' (or 'unable to open database
    file'), naming no file; now every read works, and a write says which file is read-only."""
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "claims.db"
    _ingested(tmp_path, db)
    review = subprocess.run(_cli(db, "review", "1", "--rating", "true", "--note", "checked"), capture_output=True)
    assert review.returncode == 0
    assert not Path(f"{db}-wal").exists()  # checkpointed when the last writer closed it
    prefix = _read_only_runner(folder)
    try:
        for args in READS:
            r = subprocess.run([*prefix, *_cli(db, *args)], capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, (args, r.stderr)
            assert r.stdout.strip(), args
        more = _folders(tmp_path / "more", 1)[0]
        r = subprocess.run([*prefix, *_cli(db, "ingest", "-q", "-j", "1", str(more))], capture_output=True, text=True)
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert str(db) in r.stderr and "read-only" in r.stderr
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["claims.db"]  # nothing written beside it


# -- a damaged file ---------------------------------------------------------------------
def _damage(db: Path, table: str) -> None:
    """Overwrite the pages of `table` in the middle of the file with garbage, as a failing
    disk or an interrupted copy would."""
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = [n for (n,) in con.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    con.close()
    assert pages and min(pages) > 1
    with open(db, "r+b") as fh:
        for n in pages:
            fh.seek((n - 1) * page_size)
            fh.write(bytes([0x5A]) * page_size)


@pytest.mark.slow
def test_a_damaged_database_is_one_line_with_what_to_do(tmp_path: Path) -> None:
    """A damaged page gave a traceback ending in 'database disk image is malformed'."""
    db = tmp_path / "damaged.db"
    _ingested(tmp_path, db, n=30)
    _damage(db, "claims")
    more = _folders(tmp_path / "more", 1)[0]
    for args in (["ingest", "-q", "-j", "1", str(more)], ["claims", "--format", "csv"], ["conflicts", "--all"]):
        r = subprocess.run(_cli(db, *args), capture_output=True, text=True)
        assert r.returncode == 1, args
        assert "Traceback" not in r.stderr
        lines = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, r.stderr
        assert str(db) in lines[0] and "damaged" in lines[0] and "malformed" in lines[0]
        assert ".recover" in lines[0] and "restore a copy" in lines[0]
