"""`claimcheck serve`: Datasette with metadata, canned queries and a search it detects (0012).

The server test starts the real Datasette (the `serve` extra) on 127.0.0.1 and stops it; it
skips when Datasette is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.db.engine import open_database
from claimcheck.serve import INTERNAL, QUERIES, metadata
from tests.conftest import DATA

DOCS = {
    "borduria.txt": "Borduria's share of global wheat output was 20% in 2022, the granary inspectors said.\n",
    "kelda.md": "Borduria's share of global wheat output was 25% in 2022.\n",
    "valdrex.txt": "Valdrex's share of global tin output was 12% in 2021.\n",
}


@pytest.fixture
def db(runner: CliRunner, tmp_path: Path, db_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text)
    assert runner.invoke(main, ["ingest", "-q", str(docs)]).exit_code == 0
    return db_path


def test_the_fts_index_is_declared_as_datasette_detects_it(db: Path) -> None:
    con = sqlite3.connect(db)
    [sql] = con.execute("SELECT sql FROM sqlite_master WHERE name = 'claims_fts'").fetchone()
    assert "content=[claims]" in sql  # datasette.utils.detect_fts_sql's bracketed form
    found = con.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'granary'").fetchall()
    quote = con.execute("SELECT quote FROM claims WHERE id = ?", found[0]).fetchone()[0]
    assert len(found) == 1 and "granary" in quote
    con.close()


def test_an_upgraded_database_is_searchable_as_before(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(DATA / "fixtures" / "rev_0011.sqlite", db)
    open_database(str(db)).dispose()
    con = sqlite3.connect(db)
    assert con.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'copper'").fetchall() == [(1,)]
    con.execute("DELETE FROM claims WHERE id = 1")  # the triggers were declared again with the index
    assert con.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'copper'").fetchall() == []
    assert con.execute("SELECT source, claims FROM sources_view").fetchall() == [("a.txt", 1)]
    con.close()


def test_metadata_describes_what_exists(db: Path) -> None:
    meta = metadata("claims")
    tables = meta["databases"]["claims"]["tables"]
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(tables) <= names and set(INTERNAL) <= names
    for name, table in tables.items():
        assert table.get("hidden") or (table["title"] and table["description"]), name
        for facet in table.get("facets", []):
            con.execute(f"SELECT {facet} FROM {name} LIMIT 1")  # every facet is a column
    for query in QUERIES.values():
        params = {p: "a" for p in ("source", "subject") if f":{p}" in query["sql"]}
        con.execute(query["sql"], params).fetchall()
    con.close()


def test_serve_refuses_a_server_database(runner: CliRunner) -> None:
    r = runner.invoke(main, ["--db", "postgresql+psycopg://u@127.0.0.1/x", "serve"])
    assert r.exit_code == 1 and "Datasette opens SQLite files" in r.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


def test_datasette_search_finds_a_claim_by_a_word_of_its_quote(db: Path) -> None:
    pytest.importorskip("datasette")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: Datasette, its child, is stopped with it
    )
    base = f"http://127.0.0.1:{port}/{db.stem}"
    try:
        for _ in range(120):
            try:
                _get(f"{base}.json")
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.25)
        for table, pk in (("claims", "id"), ("claims_view", "claim_id")):
            hits = _get(f"{base}/{table}.json?_search=granary&_shape=objects")["rows"]
            assert len(hits) == 1 and "granary" in hits[0]["quote"], table
            every = _get(f"{base}/{table}.json?_shape=objects")["rows"]
            assert len(every) == 3 and hits[0][pk] in {r[pk] for r in every}
        query = urllib.parse.urlencode({"source": "kelda", "_shape": "objects"})
        rows = _get(f"{base}/claims_of_a_source.json?{query}")["rows"]
        assert [r["source"] for r in rows] == ["kelda.md"]
        conflicts = _get(f"{base}/cross_source_conflicts.json?_shape=objects")["rows"]
        assert {r["source"] for r in conflicts} == {"borduria.txt", "kelda.md"}
        page = urllib.request.urlopen(f"{base}/conflicts_view", timeout=10).read().decode()
        assert "Claims in groups whose values cannot all hold" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
