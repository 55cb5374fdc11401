#!/usr/bin/env python3
"""Kill `claimcheck ingest` with SIGKILL at random moments and check what survives.

    python bench/crash.py [--kills 100] [--docs 120] [--seed 7]

After every kill the database must open, pass PRAGMA integrity_check, hold only whole
documents (each stored source has exactly the claims a clean run gives it) and no
duplicates; a final re-run must complete the rest. Prints the counts; exits 1 on any
corruption, partial document or duplicate.
"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(root: Path, n: int) -> None:
    """n distinct documents built from the seeds, each with its own extra figure."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (root / f"doc{i:05d}.txt").write_text(f"Report {i}\n\nOutput rose {i % 97 + 1}% in 2021.\n\n{text}")


def ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "claimcheck", "--db", str(db), "ingest", "-q", str(corpus)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def claims_per_source(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sources'").fetchone():
            return {}  # killed while the schema was being created: rolled back, nothing stored
        rows = con.execute(
            "SELECT s.path, count(c.id) FROM sources s LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.id"
        ).fetchall()
    finally:
        con.close()
    return {p: n for p, n in rows}


def check(db: Path, expected: dict[str, int]) -> tuple[bool, int, int]:
    """(database ok, documents with missing or extra claims, duplicated documents)."""
    if not db.exists():
        return True, 0, 0
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sources'").fetchone():
            return ok, 0, 0  # killed while the schema was being created: rolled back, nothing stored
        dups = con.execute(
            "SELECT count(*) FROM (SELECT path FROM sources GROUP BY path HAVING count(*) > 1)"
        ).fetchone()[0]
    except sqlite3.DatabaseError:
        return False, 0, 0
    finally:
        con.close()
    partial = sum(1 for p, n in claims_per_source(db).items() if expected.get(p) != n)
    return ok, partial, dups


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "docs"
        make_corpus(corpus, a.docs)
        reference = Path(tmp) / "reference.db"
        t0 = time.perf_counter()
        ingest(reference, corpus).wait()
        full_run = time.perf_counter() - t0
        expected = claims_per_source(reference)
        db = Path(tmp) / "killed.db"
        corruptions = partial = duplicates = 0
        stored_at_kill: list[int] = []
        for k in range(a.kills):
            if k and k % 25 == 0:  # start over now and then, so kills also land early in a run
                for f in Path(tmp).glob("killed.db*"):
                    f.unlink()
            p = ingest(db, corpus)
            time.sleep(rng.uniform(0.1, full_run))
            p.send_signal(signal.SIGKILL)
            p.wait()
            ok, part, dup = check(db, expected)
            corruptions += not ok
            partial += part
            duplicates += dup
            stored_at_kill.append(len(claims_per_source(db)) if ok and db.exists() else 0)
        ingest(db, corpus).wait()
        ok, part, dup = check(db, expected)
        complete = ok and claims_per_source(db) == expected
    print(f"kills: {a.kills}  documents: {a.docs}  full run: {full_run:.1f}s")
    print(f"documents stored at the kills: min {min(stored_at_kill)}, max {max(stored_at_kill)}")
    print(f"corruptions: {corruptions}  partial documents: {partial}  duplicates: {duplicates}")
    print(f"re-run completed the rest: {'yes' if complete else 'NO'} (partial {part}, duplicates {dup})")
    return 0 if corruptions == partial == duplicates == 0 and complete else 1


if __name__ == "__main__":
    sys.exit(main())
