"""The conflicts table's plain-SQL read path (db/reads.py): the same answer through sqlite3 as
through SQLAlchemy, taken only when the database is current, and no SQLAlchemy import."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session

from claimcheck import report
from claimcheck.cli import main
from claimcheck.db import reads
from claimcheck.db.engine import open_database
from claimcheck.db.migrate import HEAD_REVISION
from tests.conftest import SEEDS


@pytest.fixture
def seeded(runner: CliRunner, db_path: Path) -> Path:
    r = runner.invoke(main, ["ingest", "-q", "--trust", str(SEEDS)])  # (scores stored, for the table to read)
    assert r.exit_code == 0, r.stderr
    return db_path


def _plain(table: reads.ConflictTable) -> dict[str, Any]:
    """The table as plain data, rows as export rows (sqlite3 and SQLAlchemy rows differ in type)."""
    return {
        "groups": {gid: list(report.member_rows(m)) for gid, m in table.groups.items()},
        "side_sizes": table.side_sizes,
        "not_shown": table.not_shown,
        "support": table.support,
        "ratings": table.ratings,
    }


@pytest.mark.parametrize(
    ("statuses", "limit", "per_side", "confident"),
    [
        (["conflict"], 20, 5, False),
        (None, 3, 1, False),
        (None, None, 0, False),
        (["agree", "trend"], 2, 2, False),
        (["single"], 0, 5, False),
        (None, None, 0, True),
        (["single"], 4, 1, True),
    ],
)
def test_sqlite3_and_sqlalchemy_read_the_same_table(
    seeded: Path, statuses: list[str] | None, limit: int | None, per_side: int, confident: bool
) -> None:
    with reads.sqlite_reader(str(seeded)) as run:
        assert run is not None
        fast = _plain(reads.conflict_table(run, statuses, limit, per_side, confident))
    with Session(open_database(str(seeded))) as s:
        full = _plain(reads.conflict_table(reads.sqlalchemy_run(s), statuses, limit, per_side, confident))
    assert fast == full
    shown = fast["groups"]
    assert len(shown) == (min(limit, len(shown) + fast["not_shown"]) if limit is not None else len(shown))
    if per_side:
        for members in shown.values():
            sides = [m["value_cluster"] for m in members]
            assert all(sides.count(c) <= per_side for c in sides)


def test_the_table_holds_groups_sides_support_and_reviews(runner: CliRunner, seeded: Path) -> None:
    with reads.sqlite_reader(str(seeded)) as run:
        assert run is not None
        table = reads.conflict_table(run, ["conflict"], None, 1)
    assert table.groups and table.not_shown == 0
    first = next(iter(table.groups.values()))
    assert {m.status for m in first} == {"conflict"}
    # one claim per side shown, while the side sizes count them all
    gid = first[0].group_id
    assert sum(n for (g, _), n in table.side_sizes.items() if g == gid) >= len(first)
    assert set(table.support) == {(m.group_id, m.value_cluster) for ms in table.groups.values() for m in ms}
    assert table.ratings == {}
    claim = first[0].id
    assert runner.invoke(main, ["review", str(claim), "--rating", "false", "--note", "first look"]).exit_code == 0
    assert runner.invoke(main, ["review", str(claim), "--rating", "mixed", "--note", "second look"]).exit_code == 0
    with reads.sqlite_reader(str(seeded)) as run:
        assert run is not None
        assert reads.conflict_table(run, ["conflict"], None, 1).ratings == {claim: "mixed"}  # the latest


def test_the_fast_path_is_taken_only_on_a_current_settled_sqlite_file(seeded: Path, tmp_path: Path) -> None:
    def usable(target: str | None) -> bool:
        with reads.sqlite_reader(target) as run:
            return run is not None

    assert usable(str(seeded)) and usable(f"sqlite:///{seeded}") and usable(None)  # None: CLAIMCHECK_DB
    assert not usable(f"sqlite:///{seeded}?timeout=5")  # options only SQLAlchemy reads
    assert not usable(str(tmp_path / "missing.db")) and not (tmp_path / "missing.db").exists()
    assert not usable("postgresql+psycopg://nobody@localhost/none")
    (tmp_path / "junk.db").write_text("not a database")
    assert not usable(str(tmp_path / "junk.db"))
    engine = open_database(str(seeded))
    for change, undo in [
        ("INSERT INTO pending_groups (key) VALUES ('x')", "DELETE FROM pending_groups"),
        (
            "UPDATE alembic_version SET version_num = '0003'",
            f"UPDATE alembic_version SET version_num = '{HEAD_REVISION}'",
        ),
    ]:
        with engine.begin() as conn:
            conn.execute(text(change))
        assert not usable(str(seeded)), change
        with engine.begin() as conn:
            conn.execute(text(undo))
        assert usable(str(seeded))


def test_stale_scores_leave_the_fast_path_to_the_table_and_the_support_to_be_computed(seeded: Path) -> None:
    """Stored TruthFinder scores that are stale are not read (issue 23: a read computes them)."""
    with reads.sqlite_reader(str(seeded)) as run:
        assert run is not None
        fresh = reads.conflict_table(run, ["conflict"], None, 1)
    assert fresh.support and not fresh.support_stale
    with open_database(str(seeded)).begin() as conn:
        conn.execute(text("UPDATE trust_state SET stale = 1"))
    with reads.sqlite_reader(str(seeded)) as run:
        assert run is not None
        stale = reads.conflict_table(run, ["conflict"], None, 1)
    assert stale.support == {} and stale.support_stale and stale.groups.keys() == fresh.groups.keys()


def test_conflicts_table_does_not_import_sqlalchemy(seeded: Path) -> None:
    code = (
        "import sys\n"
        "from claimcheck.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(seeded)!r}, 'conflicts'])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('sqlalchemy loaded:', 'sqlalchemy' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "CONFLICT" in done.stdout
    assert "sqlalchemy loaded: False" in done.stderr


def test_an_unreadable_table_falls_back_to_the_full_path(seeded: Path) -> None:
    assert reads.sqlite_conflict_table(str(seeded), ["conflict"], 5, 1) is not None
    con = sqlite3.connect(seeded)
    con.execute("ALTER TABLE reviews RENAME TO reviews_elsewhere")  # current, settled, but broken
    con.commit()
    con.close()
    assert reads.sqlite_conflict_table(str(seeded), ["conflict"], 5, 1) is None


def test_confident_groups_are_those_no_claim_of_which_was_kept_to_its_document(seeded: Path) -> None:
    """The filter reads one claim per group (compared_within_source is the same for all of a
    group's claims): it agrees with compare.reasons.confident on every claim of every group."""
    from claimcheck.compare.reasons import confident

    with reads.sqlite_reader(str(seeded)) as run:
        assert run is not None
        every = reads.conflict_table(run, None, None, 0)
        sure = reads.conflict_table(run, None, None, 0, confident=True)
    expected = [gid for gid, members in every.groups.items() if confident([report.fact_of(m) for m in members])]
    assert list(sure.groups) == expected
    assert 0 < len(expected) < len(every.groups)  # the seeds have both kinds
    assert sure.not_shown == 0 and every.not_shown == 0
