"""The database: migrations reach head, models and migrations never drift, views work."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import inspect, text

from claimcheck.cli import main
from claimcheck.db.engine import database_url, make_engine, open_database
from claimcheck.db.migrate import alembic_config, current_revision, head_revision, upgrade
from claimcheck.errors import DatabaseError


def test_migrate_empty_database_to_head_and_check_no_drift(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)  # raises if the models and the migrations disagree


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    open_database(url)
    engine = open_database(url)
    names = set(inspect(engine).get_table_names())
    assert {"sources", "claims", "claim_groups", "alembic_version"} <= names
    views = set(inspect(engine).get_view_names())
    assert {"claims_view", "groups_view", "conflicts_view"} <= views


def test_foreign_keys_on(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "fk.db"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    engine = open_database(str(path))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_database_url_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("CLAIMCHECK_DB", str(tmp_path / "env.db"))
    assert database_url(None).endswith("env.db")
    with pytest.raises(DatabaseError, match="directory"):
        database_url(str(tmp_path))
    with pytest.raises(DatabaseError, match="does not exist"):
        database_url(str(tmp_path / "missing" / "x.db"))
    # an empty --db meant the default database, and SQLite's own URI form a file named after it
    with pytest.raises(DatabaseError, match="--db is empty"):
        database_url("")
    with pytest.raises(DatabaseError, match=r"sqlite:///file:a.db\?mode=ro&uri=true"):
        database_url("file:a.db?mode=ro")
    monkeypatch.chdir(tmp_path)
    for target in ("", "file:a.db?mode=ro"):
        r = CliRunner().invoke(main, ["--db", target, "conflicts"])
        assert r.exit_code == 1 and "Error:" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no database made on the way


def test_source_rows_leave_texts_unread_when_asked(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from claimcheck import report
    from claimcheck.pipeline import ingest

    (tmp_path / "a.txt").write_text("Chile's share of global copper production was 24% in 2022.\n")
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path / "a.txt")])
    with Session(engine) as s:
        (full,) = report.source_rows(s)
        (lean,) = report.source_rows(s, text=False)
    assert "copper" in full["text"] and lean["text"] is None
    assert {k: v for k, v in full.items() if k != "text"} == {k: v for k, v in lean.items() if k != "text"}
    assert full["claims"] == 1


@pytest.mark.parametrize("tables", [["claims"], ["notes", "more"]])
def test_foreign_database_is_refused_untouched(tmp_path: Path, tables: list[str]) -> None:
    """A SQLite file with tables but no claimcheck revision is somebody else's (or lost its
    revision record): claimcheck neither fails half-way through a migration nor adds its
    tables to it."""
    path = tmp_path / "theirs.db"
    conn = sqlite3.connect(path)
    for name in tables:
        conn.execute(f"CREATE TABLE {name} (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(
        DatabaseError, match=rf"has tables \({', '.join(sorted(tables))}\) but was not made by claimcheck"
    ):
        open_database(str(path))
    assert path.read_bytes() == before


def test_failed_migration_is_a_database_error(tmp_path: Path) -> None:
    """A migration the database refuses (here: a revision record from before any claimcheck
    table) ends in one message, not Alembic's traceback."""
    path = tmp_path / "half.db"
    engine = open_database(str(path))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="could not bring the database to claimcheck's schema"):
        open_database(str(path))


IDENTITY_TEXT = (
    "Chile accounted for 24 percent of world copper output in 2022. "
    "Unemployment rose to 4.7% in 2023. Investment reached $5 billion in 2021.\n"
)


def _identities(path: Path) -> list[tuple[str, str | None, int]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT surface, subject_how, compared_within_source FROM claims ORDER BY id").fetchall()
    finally:
        con.close()


def test_claims_store_where_their_subject_came_from_and_whether_they_meet_other_documents(tmp_path: Path) -> None:
    from claimcheck.pipeline import ingest

    (tmp_path / "a.txt").write_text(IDENTITY_TEXT)
    db = tmp_path / "db.sqlite"
    engine = open_database(str(db))
    ingest(engine, [str(tmp_path / "a.txt")])
    engine.dispose()
    assert _identities(db) == [("24 percent", "stated", 0), ("4.7%", None, 1), ("$5 billion", None, 1)]
    con = sqlite3.connect(db)  # for people who query the file
    view = con.execute("SELECT subject_how, compared_within_source FROM claims_view ORDER BY claim_id").fetchall()
    con.close()
    assert view == [("stated", 0), (None, 1), (None, 1)]


RESTATED = "Crude oil inventories fell by 2.1 million barrels.\n"


def test_a_groups_name_does_not_depend_on_the_order_its_claims_came_in(tmp_path: Path) -> None:
    """One sentence restated word for word on pages about two places meets itself (an undated
    change stays home): the group was named by its first claim, so four machines ingesting at
    once named it after another place than one process did. Each part is now the least its
    claims state, in whatever order they come."""
    from claimcheck.pipeline import ingest

    for name in ("Chile", "Peru"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name.lower()}.md").write_text(f"# {name}\n\n{RESTATED}")
    names = []
    for first, second in (("Chile", "Peru"), ("Peru", "Chile")):
        db = tmp_path / f"{first}.sqlite"
        engine = open_database(str(db))
        ingest(engine, [str(tmp_path / first)])
        ingest(engine, [str(tmp_path / second)])
        engine.dispose()
        con = sqlite3.connect(db)
        names.append(con.execute("SELECT subject, metric, n_claims FROM claim_groups WHERE n_claims = 2").fetchall())
        con.close()
    assert names[0] == names[1] == [("Chile", "change in crude oil inventories", 2)]
