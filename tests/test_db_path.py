"""`claimcheck db path`: where the database is, why there, and whether it exists; nothing created."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main


def test_the_default_is_named_and_not_created(runner: CliRunner, tmp_path: Path) -> None:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        r = runner.invoke(main, ["db", "path"], env={"CLAIMCHECK_DB": None})
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0 and r.stdout == f"{tmp_path.resolve() / 'claimcheck.db'}\n"
    assert "the default" in r.stderr and "does not exist yet" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_environment_and_the_option(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Valdrex's share of global tin output was 12% in 2021.\n")
    assert runner.invoke(main, ["ingest", "-q", str(tmp_path / "a.txt")]).exit_code == 0
    r = runner.invoke(main, ["db", "path"])
    assert r.stdout == f"{db_path.resolve()}\n" and r.stderr.strip() == "from $CLAIMCHECK_DB; exists"
    other = tmp_path / "other.db"
    r = runner.invoke(main, ["--db", str(other), "db", "path"])
    assert r.stdout == f"{other.resolve()}\n" and r.stderr.startswith("from --db; does not exist")
    r = runner.invoke(main, ["--db", "postgresql+psycopg://anton:secret@127.0.0.1/claims", "db", "path"])
    assert r.stdout == "postgresql+psycopg://anton:***@127.0.0.1/claims\n" and "secret" not in r.output
    assert not other.exists()
