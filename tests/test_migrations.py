"""Databases made by earlier revisions upgrade to head with their data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.compare.measures import measure_of
from claimcheck.db.engine import open_database
from claimcheck.db.migrate import current_revision, head_revision
from claimcheck.lexicon import default_lexicon
from claimcheck.pipeline.grouping import group_key
from tests.conftest import DATA

FIXTURES = sorted((DATA / "fixtures").glob("rev_*.sqlite"))


def test_there_is_a_fixture_for_every_revision_but_head() -> None:
    from alembic.script import ScriptDirectory

    from claimcheck.db.migrate import alembic_config

    revisions = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    assert {p.stem.removeprefix("rev_") for p in FIXTURES} == revisions - {head_revision()}


def test_head_constant_is_the_newest_revision() -> None:
    """The fast "is it current?" check compares against HEAD_REVISION: it must follow new revisions."""
    from claimcheck.db.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_database(str(tmp_path / "c.db")).dispose()
    code = (
        "import sys; from claimcheck.db.engine import open_database; "
        f"open_database({str(tmp_path / 'c.db')!r}); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_upgrade_keeps_data(fixture: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(fixture, db)
    engine = open_database(str(db))
    assert current_revision(engine) == head_revision()
    engine.dispose()
    con = sqlite3.connect(db)
    assert con.execute("SELECT name, title, published, text FROM sources").fetchone()[:3] == (
        "a.txt",
        "Copper",
        "2023-05-01",
    )
    rows = con.execute(
        "SELECT id, kind, subject, metric, object, unit, value, value_text, group_key FROM claims ORDER BY id"
    ).fetchall()
    assert [(r[0], r[1], r[6], r[7]) for r in rows] == [(1, "numeric", 24.0, None), (2, "title", None, "President")]
    lex = default_lexicon()
    for _, kind, subject, metric, obj, unit, _, _, key in rows:
        named = measure_of(metric, unit, lex) if kind == "numeric" else metric  # (0010: by its measure)
        assert key == group_key(kind, subject, named, obj, unit)  # filled in by the upgrade
    con.close()

    runner = CliRunner()
    (tmp_path / "b.txt").write_text("Chile accounted for 31 percent of world copper output in 2022.\n")
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "b.txt")]).exit_code == 0
    con = sqlite3.connect(db)  # the write settled what the upgrade left pending: every claim has a group
    assert con.execute("SELECT count(*) FROM claims WHERE kind = 'numeric' AND group_id IS NULL").fetchone() == (0,)
    con.close()
    conflicts = runner.invoke(main, ["--db", str(db), "conflicts", "--format", "csv"]).stdout
    assert "a.txt" in conflicts and "b.txt" in conflicts
    search = runner.invoke(main, ["--db", str(db), "search", "copper", "--format", "csv"])
    assert search.exit_code == 0 and "a.txt" in search.stdout and "b.txt" in search.stdout
    if fixture.stem >= "rev_0002":
        reviews = runner.invoke(main, ["--db", str(db), "reviews", "--format", "csv"]).stdout
        assert "USGS agrees" in reviews and "orphaned" not in reviews


def test_rival_sides_are_recomputed_after_the_upgrade_that_added_them(tmp_path: Path) -> None:
    """0005 adds group_rivals empty: the upgrade marks conflict groups pending and the trust
    scores stale, and the next command that writes (here an ingest of the same files) fills
    both in as a fresh ingest would have; a read in between only says they are pending."""
    from alembic import command
    from sqlalchemy import text

    from claimcheck.db.migrate import alembic_config
    from tests.conftest import SEEDS

    db = tmp_path / "r.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(SEEDS)]).exit_code == 0
    con = sqlite3.connect(db)
    query = "SELECT group_id, side_a, side_b FROM group_rivals ORDER BY 1, 2, 3"
    rivals = con.execute(query).fetchall()
    support = con.execute("SELECT group_id, value_cluster, support FROM trust_sides ORDER BY 1, 2").fetchall()
    conflicts = con.execute("SELECT id FROM claim_groups WHERE status = 'conflict'").fetchall()
    con.close()
    assert rivals and {g for g, _, _ in rivals} == {g for (g,) in conflicts}

    engine = open_database(str(db))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    engine.dispose()
    engine = open_database(str(db))  # upgrades again
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM group_rivals")).scalar() == 0
        # (0010 also marks the groups it re-keys by their measure)
        pending = {k for (k,) in conn.execute(text("SELECT key FROM pending_groups"))}
        keys = {k for (k,) in conn.execute(text("SELECT key FROM claim_groups WHERE status = 'conflict'"))}
        assert len(keys) == len(conflicts) and keys <= pending
        assert conn.execute(text("SELECT stale FROM trust_state")).scalar()
    engine.dispose()
    read = runner.invoke(main, ["--db", str(db), "conflicts"])
    assert read.exit_code == 0 and "to regroup" in read.stderr
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(SEEDS)]).exit_code == 0
    con = sqlite3.connect(db)
    assert con.execute(query).fetchall() == rivals
    again = con.execute("SELECT group_id, value_cluster, support FROM trust_sides ORDER BY 1, 2").fetchall()
    assert [r[:2] for r in again] == [r[:2] for r in support]
    assert [r[2] for r in again] == pytest.approx([r[2] for r in support])
    con.close()


def test_upgrade_to_0009_reads_which_claims_were_compared_within_their_source(tmp_path: Path) -> None:
    """0009 adds compared_within_source: for claims stored before, it is read back from the
    group key (which holds the source for them); where the subject came from was not kept."""
    from alembic import command

    from claimcheck.db.migrate import alembic_config
    from tests.test_db import IDENTITY_TEXT

    (tmp_path / "a.txt").write_text(IDENTITY_TEXT)
    db = tmp_path / "w.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "a.txt")]).exit_code == 0
    engine = open_database(str(db))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    engine.dispose()
    con = sqlite3.connect(db)
    columns = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
    con.close()
    assert "compared_within_source" not in columns and "subject_how" not in columns
    open_database(str(db)).dispose()  # upgrades again
    con = sqlite3.connect(db)
    rows = con.execute("SELECT surface, subject_how, compared_within_source FROM claims ORDER BY id").fetchall()
    con.close()
    assert rows == [("24 percent", None, 0), ("4.7%", None, 1), ("$5 billion", None, 1)]


def test_upgrade_to_0010_leaves_every_figure_in_a_group(tmp_path: Path) -> None:
    """0010 re-keys stored figures by their measure. A claim kept the id of its old group,
    which the next regroup deleted (and SQLite gave its id to the new group, so the claim
    looked placed already): it ended in no group."""
    from alembic import command

    from claimcheck.db.migrate import alembic_config

    (tmp_path / "a.txt").write_text("Chile\n\nChile's share of global copper production was 24 percent in 2022.\n")
    db = tmp_path / "m.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "a.txt")]).exit_code == 0
    con = sqlite3.connect(db)
    placed = con.execute("SELECT id, group_id FROM claims").fetchall()
    con.close()
    engine = open_database(str(db))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
    engine.dispose()
    con = sqlite3.connect(db)  # as 0009 left it: each group keyed by its metric as written
    con.executemany("UPDATE claims SET group_id = ? WHERE id = ?", [(g, c) for c, g in placed])
    con.execute("UPDATE claim_groups SET key = (SELECT group_key FROM claims WHERE claims.group_id = claim_groups.id)")
    con.execute("DELETE FROM pending_groups")
    con.commit()
    con.close()
    (tmp_path / "b.txt").write_text("Peru\n\nPeru's share of global copper production was 10 percent in 2022.\n")
    assert runner.invoke(main, ["--db", str(db), "ingest", "-q", str(tmp_path / "b.txt")]).exit_code == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM claims WHERE group_id IS NULL").fetchone() == (0,)
    con.close()


def test_0011_reads_a_groups_values_with_their_period_text_and_regroups_everything(tmp_path: Path) -> None:
    """0011 puts `period_text` in the covering index regrouping reads (a running count as of
    its report is compared otherwise), and marks every group pending; its downgrade too."""
    from alembic import command

    from claimcheck.db.migrate import alembic_config

    db = tmp_path / "m.db"
    shutil.copy(DATA / "fixtures" / "rev_0010.sqlite", db)

    def indexed(marked: bool = True) -> list[str]:
        con = sqlite3.connect(db)
        names = [r[2] for r in con.execute("PRAGMA index_info('ix_claims_group_values')")]
        pending = {k for (k,) in con.execute("SELECT key FROM pending_groups")}
        keys = {k for (k,) in con.execute("SELECT group_key FROM claims WHERE group_key IS NOT NULL")}
        con.execute("DELETE FROM pending_groups")
        con.commit()
        con.close()
        assert keys and (keys <= pending) == marked
        return names

    assert "period_text" not in indexed(marked=False)
    open_database(str(db)).dispose()  # upgrades
    assert indexed()[:6] == ["group_key", "low", "high", "period_start", "period_end", "period_text"]
    engine = open_database(str(db))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    engine.dispose()
    assert "period_text" not in indexed()


def test_a_reader_that_looks_while_the_first_ingest_commits_its_schema_is_not_refused(monkeypatch) -> None:
    """On PostgreSQL a first `ingest` commits its tables and its revision at once; a reader that
    saw no revision, then the tables, looks at the revision again rather than calling the
    database somebody else's."""
    from claimcheck.db import migrate

    looks = iter([None, migrate.HEAD_REVISION, migrate.HEAD_REVISION])
    monkeypatch.setattr(migrate, "_stamped", lambda engine: next(looks))

    def foreign(engine: object) -> None:
        raise migrate.DatabaseError("this database has tables (claims) but was not made by claimcheck")

    monkeypatch.setattr(migrate, "_refuse_foreign", foreign)
    migrate.require_schema(object(), writer=lambda: None)  # no error: the schema is there now
    looks = iter([None, None])
    monkeypatch.setattr(migrate, "_stamped", lambda engine: next(looks))
    with pytest.raises(migrate.DatabaseError, match="not made by claimcheck"):
        migrate.require_schema(object(), writer=lambda: None)
