"""The same schema, migrations and commands on a real PostgreSQL server.

Runs when CLAIMCHECK_TEST_PG_URL names a database this test may wipe (.ci/run starts one);
skipped otherwise, since SQLite is the default and needs no server.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from claimcheck.db.migrate import alembic_config, current_revision, head_revision
from tests.conftest import SEEDS

PG_URL = os.environ.get("CLAIMCHECK_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="CLAIMCHECK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def pg() -> str:
    assert PG_URL
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", "--db", url, *args], capture_output=True, text=True, timeout=600
    )


def test_migrations_reach_head_without_drift(pg: str) -> None:
    from claimcheck.db.engine import open_database

    engine = open_database(pg)
    assert current_revision(engine) == head_revision()
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)


def test_seeds_give_the_same_groups_as_sqlite(pg: str, tmp_path: Path) -> None:
    def groups(url: str) -> list[tuple[str, str, str]]:
        r = _cli(url, "ingest", "-q", str(SEEDS))
        assert r.returncode == 0, r.stderr
        rows = csv.DictReader(io.StringIO(_cli(url, "export", "conflicts", "--format", "csv").stdout))
        return sorted({(x["subject"], x["metric"], x["status"]) for x in rows})

    on_pg = groups(pg)
    assert ("China", "share of global rare earth production", "conflict") in on_pg
    assert on_pg == groups(str(tmp_path / "same.db"))
    hits = _cli(pg, "search", "imports", "China", "--format", "csv")
    assert hits.returncode == 0, hits.stderr
    assert "rare earth imports" in hits.stdout


def test_conflicts_table_sql_reads_postgresql_as_sqlite(pg: str, tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from claimcheck.db import reads
    from claimcheck.db.engine import open_database

    def table(url: str) -> tuple[list[tuple], int]:  # type: ignore[type-arg]
        r = _cli(url, "ingest", "-q", "--trust", str(SEEDS))  # (scores stored, for the SQL to read)
        assert r.returncode == 0, r.stderr
        with Session(open_database(url)) as s:
            t = reads.conflict_table(reads.sqlalchemy_run(s), None, None, 2)
            first = reads.conflict_table(reads.sqlalchemy_run(s), ["conflict"], 1, 1)
        assert first.not_shown == len([g for g in t.groups.values() if g[0].status == "conflict"]) - 1
        assert all(0 < v < 1 for v in first.support.values()) and first.support
        groups = sorted(
            (
                ms[0].status,
                ms[0].group_subject or "",
                ms[0].group_metric,
                len(ms),
                tuple(sorted(n for (g, _), n in t.side_sizes.items() if g == gid)),
            )
            for gid, ms in t.groups.items()
        )
        return groups, t.not_shown

    on_pg = table(pg)
    assert on_pg[0] and on_pg == table(str(tmp_path / "same.db"))


def test_concurrent_ingests(pg: str, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"d{i}.txt").write_text(
            f"Chile's share of global copper production was {20 + i % 7}% in 2022.\n"
            f"Peru shares a 171-kilometre border with Chile; report {i}.\n"
        )
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "claimcheck", "--db", pg, "ingest", "-q", "-j", "1", str(docs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    engine = create_engine(pg)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sources")).scalar() == 30
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar() == 60
        per_source = conn.execute(
            text("SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM claims GROUP BY source_id) c")
        )
        assert tuple(per_source.one()) == (2, 2)  # no document's claims written twice by racing writers
        assert conn.execute(text("SELECT count(*) FROM pending_groups")).scalar() == 0
        dup = conn.execute(
            text("SELECT count(*) FROM (SELECT key FROM claim_groups GROUP BY key HAVING count(*) > 1) d")
        )
        assert dup.scalar() == 0
    engine.dispose()


def test_groups_come_in_the_same_order_as_on_sqlite(pg: str, tmp_path: Path) -> None:
    """Report order reads no collation (PostgreSQL sorts text by locale, SQLite by bytes)."""

    def order(url: str) -> list[tuple[str, str, str]]:
        r = _cli(url, "ingest", "-q", "-j", "1", str(SEEDS))
        assert r.returncode == 0, r.stderr
        rows = csv.DictReader(io.StringIO(_cli(url, "export", "conflicts", "--format", "csv").stdout))
        return list(dict.fromkeys((x["status"], x["subject"], x["metric"]) for x in rows))

    on_pg = order(pg)
    assert on_pg[0][0] == "conflict" and on_pg == order(str(tmp_path / "same.db"))
    page = _cli(pg, "report")
    assert page.returncode == 0 and page.stdout.count('<article class="group conflict"') == 3
