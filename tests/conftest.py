"""Shared fixtures: every test gets its own database through CLAIMCHECK_DB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.lexicon import Lexicon, default_lexicon
from claimcheck.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def load_cases(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "test.db"
    monkeypatch.setenv("CLAIMCHECK_DB", str(db))
    return db


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db_path(_isolated_db: Path) -> Path:
    return _isolated_db


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return default_lexicon()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
