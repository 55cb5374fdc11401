"""The sample corpus end to end, and the shared seed check when ../shared is beside the repo."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimcheck.db.engine import open_database
from claimcheck.db.models import ClaimGroup
from claimcheck.pipeline import ingest
from tests.conftest import ROOT, SEEDS, SHARED


def test_seeds_are_the_shared_ones_byte_for_byte() -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside this checkout")
    for f in (SHARED / "seeds").iterdir():
        assert (SEEDS / f.name).read_bytes() == f.read_bytes()


def test_seed_groups(tmp_path) -> None:
    engine = open_database(str(tmp_path / "seeds.db"))
    summary = ingest(engine, [str(SEEDS)])
    assert summary.count("new") == 5 and not summary.failures
    with Session(engine) as s:
        groups = {(g.subject, g.metric, g.object): g.status for g in s.scalars(select(ClaimGroup))}
    statuses = set(groups.values())
    assert "conflict" in statuses and "agree" in statuses
    # no group is keyed on page furniture or reference-list numbers
    assert all(m and "vol" not in m for _, m, _ in groups)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "tools" / "seedcheck.py").is_file(), reason="../shared is not beside this checkout")
def test_shared_seedcheck_bars() -> None:
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("CLAIMCHECK_DB", None)
    p = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "seedcheck.py"),
            "--min-recall",
            "0.9",
            "--min-precision",
            "0.85",
            "--min-groups",
            "1.0",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    summary = p.stdout.strip().splitlines()[-1]
    assert " noise 0 " in summary and " clean 0 " in summary, summary
    assert "stated publication dates found: 1/1" in p.stdout
