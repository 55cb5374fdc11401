"""Time and peak memory of `claimcheck ingest` on four big, awkward files (issue 20, item 6).

    python bench/bigfiles.py [--only NAME ...] [--scale 1.0] [--timeout 900] [--keep DIR] [--src DIR]

Each input is generated (deterministically) into a temporary folder and ingested by
`python -m claimcheck --db NEW.db ingest -j 1 FILE` in a fresh child process: one process
reads, extracts and stores, so its peak is the whole cost. The child is reaped with
os.wait4, whose resource usage is that child's alone (peak RSS exact, in MiB).

The inputs:

- `single-line`: 15 MiB of realistic sentences with figures and no newline at all;
- `short-lines`: 10 MB of a million short lines;
- `us-repeated`: 1.6 MB of text repeating "U.S.";
- `wide-table`: a pipe table with 20,000 columns (a header, its rule and three rows).

`--scale` shrinks or grows every input (0.1 gives a tenth), to see how time grows with size;
`--src` runs another checkout's `src/` (`git archive REV src | tar -x -C DIR`) for a before/after.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024

SUBJECTS = ["China", "Chile", "the U.S.", "Mongolia", "Peru", "Australia", "Brazil", "Norvik Pacific Energy"]
METRICS = [
    ("rare earth output", "tonnes"),
    ("copper exports", "tons"),
    ("unemployment rate", "%"),
    ("solar capacity", "MW"),
    ("defence spending", "$bn"),
]
QUALIFIERS = ["", "about ", "nearly ", "over ", "more than "]
SOURCES = ["according to the World Bank", "Reuters said", "the ministry reported", "analysts estimated"]


def _figure(rng: random.Random, unit: str) -> str:
    if unit == "%":
        return f"{rng.uniform(1, 60):.1f}%"
    if unit == "$bn":
        return f"${rng.uniform(1, 900):.1f}bn"
    return f"{rng.randrange(1_000, 900_000):,} {unit}"


def sentence(rng: random.Random) -> str:
    """One plausible news sentence stating a figure, a period and a source."""
    subject = rng.choice(SUBJECTS)
    metric, unit = rng.choice(METRICS)
    year = rng.randrange(2010, 2025)
    return (
        f"{subject[0].upper()}{subject[1:]}'s {metric} rose to {rng.choice(QUALIFIERS)}{_figure(rng, unit)} "
        f"in {year}, up {rng.uniform(0.5, 30):.1f}% from a year earlier, {rng.choice(SOURCES)}."
    )


def single_line(size: int) -> str:
    """`size` bytes of sentences with figures, on one line."""
    rng = random.Random(20)
    parts: list[str] = []
    n = 0
    while n < size:
        s = sentence(rng)
        parts.append(s)
        n += len(s) + 1
    return " ".join(parts)[:size]


def short_lines(size: int) -> str:
    """About `size` bytes of short lines (10 bytes on average: a million in 10 MB)."""
    rng = random.Random(21)
    words = ["Oil", "Gas", "Tin", "Zinc", "Coal", "Iron", "Gold", "Lead"]
    lines: list[str] = []
    n = 0
    while n < size:
        line = f"{rng.choice(words)} {rng.randrange(1, 99)}%" if rng.random() < 0.7 else rng.choice(words) + "."
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines) + "\n"


def us_repeated(size: int) -> str:
    """`size` bytes of "U.S. " repeated."""
    return ("U.S. " * (size // 5 + 1))[:size]


def wide_table(columns: int) -> str:
    """A pipe table of `columns` columns: a header of years, its rule and three rows of figures."""
    header = "| Country | " + " | ".join(str(1000 + i) for i in range(columns - 1)) + " |"
    rule = "|" + "---|" * columns
    rows = [
        f"| {name} | " + " | ".join(f"{(i * 7 + k) % 1000}.{k}" for i in range(columns - 1)) + " |"
        for k, name in enumerate(["Chile", "Peru", "China"])
    ]
    return "Copper output by country, thousand tonnes\n\n" + "\n".join([header, rule, *rows]) + "\n"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[float], str]


CASES = [
    Case("single-line", lambda scale: single_line(int(15 * MIB * scale))),
    Case("short-lines", lambda scale: short_lines(int(10_000_000 * scale))),
    Case("us-repeated", lambda scale: us_repeated(int(1_600_000 * scale))),
    Case("wide-table", lambda scale: wide_table(int(20_000 * scale))),
]


@dataclass(frozen=True)
class Result:
    name: str
    size_bytes: int
    seconds: float
    peak_rss_mib: float
    exit_code: int
    tail: str


def measure(name: str, path: Path, db: Path, timeout: float, src: Path | None = None) -> Result:
    """Ingest `path` into the new database `db` in a child process; its wall time and peak RSS."""
    args = [sys.executable, "-m", "claimcheck", "--db", str(db), "ingest", "-j", "1", str(path)]
    env = {**os.environ, "PYTHONPATH": str(src)} if src is not None else None
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        err.seek(0)
        tail = err.read()[-300:].decode("utf-8", "replace").strip().splitlines()
    code = os.waitstatus_to_exitcode(status)
    return Result(name, path.stat().st_size, seconds, usage.ru_maxrss / 1024, code, tail[-1] if tail else "")


def run(cases: Sequence[Case], scale: float, timeout: float, keep: Path | None, src: Path | None) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for case in cases:
            path = folder / f"{case.name}.txt"
            path.write_text(case.make(scale), encoding="utf-8")
            db = Path(tmp) / f"{case.name}.db"
            r = measure(case.name, path, db, timeout, src)
            print(
                f"{r.name:12} {r.size_bytes / MIB:7.2f} MiB  {r.seconds:8.1f} s  peak {r.peak_rss_mib:7.0f} MiB  "
                f"exit {r.exit_code}  {r.tail}",
                flush=True,
            )
            results.append(r)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=[c.name for c in CASES], help="Run only these inputs.")
    ap.add_argument("--scale", type=float, default=1.0, help="Size of every input relative to the issue's.")
    ap.add_argument("--timeout", type=float, default=900.0, help="Kill an ingest after this many seconds.")
    ap.add_argument("--keep", type=Path, help="Write the inputs into this folder and keep them.")
    ap.add_argument("--src", type=Path, help="Import claimcheck from this src/ folder instead.")
    a = ap.parse_args(argv)
    cases = [c for c in CASES if not a.only or c.name in a.only]
    results = run(cases, a.scale, a.timeout, a.keep, a.src)
    return 0 if all(r.exit_code == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
