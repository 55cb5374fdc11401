"""What an ingest tells its user about its input: Ctrl-C, files it passes over, damaged bytes."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_robustness import _counts


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--db", str(db), *args]


# -- Ctrl-C ------------------------------------------------------------------------------
def _small_corpus(root: Path, n: int) -> Path:
    """n short documents with a few figures each, every one new content."""
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"doc{i:04d}.txt").write_text(
            f"Report {i}\n\n"
            f"Chile's share of global copper production was {i % 90 + 1}% in {2000 + i % 24}.\n"
            f"Exports rose {i % 17 + 2}.5% to ${i + 3}bn in 2021, about {i + 1}.5 million tons.\n"
            f"Peru shares a {i + 100}-kilometre border with Chile.\n"
        )
    return root


def _claims_per_document(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        sql = "SELECT s.path, count(c.id) FROM sources s LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.path"
        return dict(con.execute(sql))
    finally:
        con.close()


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=0.1)
        try:
            return con.execute("SELECT count(*) FROM sources").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or busy
        return 0


def _ctrl_c_reaches() -> None:
    """In the child: SIGINT as a terminal delivers it, even if pytest runs where it is ignored
    (a background job), since Python keeps an ignored SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_ctrl_c_with_workers_stops_at_once_with_one_line(tmp_path: Path) -> None:
    """Ctrl-C on `ingest -j 2` printed a traceback from every worker, then never exited; it
    now stops within a second or two with one line and exit code 130, and running the same
    command again completes the rest: every document once, each with all its claims."""
    corpus = _small_corpus(tmp_path / "docs", 300)
    reference = tmp_path / "ref.db"
    subprocess.run(_cli(reference, "ingest", "-q", "-j", "2", str(corpus)), check=True, capture_output=True)
    db = tmp_path / "interrupted.db"
    p = subprocess.Popen(
        _cli(db, "ingest", "-j", "2", str(corpus)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job is
        preexec_fn=_ctrl_c_reaches,
    )
    try:
        deadline = time.monotonic() + 60
        while _stored(db) == 0 and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert p.poll() is None, "the ingest ended before it could be interrupted: make the corpus bigger"
        os.killpg(p.pid, signal.SIGINT)  # what Ctrl-C does: the parent and its workers all get it
        sent = time.monotonic()
        out, err = p.communicate(timeout=10)
        took = time.monotonic() - sent
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
    assert took < 3, f"took {took:.1f} s to stop"
    assert p.returncode == 130, err
    assert "Traceback" not in err and out == ""
    [line] = [line for line in err.splitlines() if line.strip()]
    m = re.fullmatch(r"interrupted: (\d+) documents stored, run the same command again to continue", line)
    assert m is not None, line
    stored = _claims_per_document(db)
    assert 0 < len(stored) < 300 and int(m.group(1)) <= len(stored)
    expected = _claims_per_document(reference)
    assert {path: expected[path] for path in stored} == stored  # whole documents only
    again = subprocess.run(_cli(db, "ingest", "-q", "-j", "2", str(corpus)), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"{300 - len(stored)} new, {len(stored)} unchanged" in again.stderr
    assert _counts(db) == _counts(reference)
