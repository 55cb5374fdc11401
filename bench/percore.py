"""Documents per second per core: `claimcheck ingest -q -j 1` into a new SQLite file, CPU time.

    python bench/percore.py CORPUS [--src SRC] [--label NAME]

CORPUS is a folder (bench/corpus.py makes one: `python bench/corpus.py --n 1000 --out DIR`).
--src runs the claimcheck package found in SRC (a `git archive COMMIT src migrations` unpacked
somewhere, say) instead of the installed one, so two versions are measured alike. The child's
user+system CPU seconds and peak RSS come from os.wait4 (its own usage, worker processes
included); one JSON line is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READ = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--src", type=Path, help="a src/ folder holding the claimcheck package to run")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    files = sum(1 for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() in READ)
    env = dict(os.environ, PYTHONPATH=str(args.src)) if args.src else None
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as err:
        cmd = [sys.executable, "-m", "claimcheck", "--db", f"{tmp}/x.db", "ingest", "-q", "-j", "1", str(args.corpus)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)  # (reaped here, with its own usage)
        wall = time.perf_counter() - start
        err.seek(0)
        said = err.read().decode("utf-8", "replace").strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime
    print(
        json.dumps(
            {
                "label": args.label,
                "corpus": str(args.corpus),
                "files": files,
                "cpu_seconds": round(cpu, 2),
                "documents_per_cpu_second": round(files / cpu, 1),
                "wall_seconds": round(wall, 1),
                "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
                "exit_code": os.waitstatus_to_exitcode(status),
                "summary": said[-1:] if said else [],
            }
        )
    )


if __name__ == "__main__":
    main()
