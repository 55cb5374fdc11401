"""Benchmark claimcheck end to end on generated corpora, or its quantity extractor alone.

    python bench/run.py --sizes 1000,10000 [--seed 7] [--out bench/out/results.json] [--keep]
    python bench/run.py --quick                  # N=200, a smoke run
    python bench/run.py --quantities-only [--chars 2000000]

For each N a corpus is generated (bench/corpus.py; reused from bench/out/corpus-nN-sSEED/
when a matching one is cached there) and every measurement runs `python -m claimcheck` in
a fresh child process. The child is reaped with os.wait4, whose resource usage belongs to
that child alone, so peak RSS is per command (getrusage(RUSAGE_CHILDREN) would report the
largest child so far instead); the memory of the command's whole process tree (summed
PSS) is sampled from /proc as well, since ingest runs worker processes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/ is not a package)

ROOT = corpus.ROOT
OUT = ROOT / "bench" / "out"
MIB = 1024 * 1024
EXPORTS = ("claims", "conflicts", "sources")
ADD_SEED = 1000  # the added corpus's seed, offset from the main one: other documents, same kind
HAVE_PROC = Path("/proc/self/smaps_rollup").exists()


@dataclass(frozen=True)
class Measurement:
    """One command in one child process (and whatever processes it starts)."""

    seconds: float
    peak_rss_mib: float  # the largest single process of the command, exact (os.wait4)
    peak_tree_pss_mib: float | None  # the whole process tree (summed PSS), sampled; None without /proc
    exit_code: int
    stderr_tail: str


def tree_pss_bytes(root: int) -> int:
    """Proportional set size of `root` and all its descendants now, from /proc: their
    resident memory with pages shared between them (forked workers) counted once."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, ppid in parent.items() if ppid in frontier and pid not in tree}
        tree |= frontier
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:"))
    return total


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree (summed PSS) every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, tree_pss_bytes(self.pid))
            if self.stopped.wait(self.interval):
                return


def measure(args: Sequence[str], stdout: Path | None = None) -> Measurement:
    """Run `python -m claimcheck ARGS` in a child: wall time, peak RSS of its largest
    process (os.wait4: that child's usage alone, its reaped children included) and peak
    memory of its whole process tree (sampled PSS), for ingest starts worker processes."""
    cmd = [sys.executable, "-m", "claimcheck", *args]
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid) if HAVE_PROC else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if sampler:
            sampler.stopped.set()
            sampler.join()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip()[-2000:]
    tree = sampler.peak / MIB if sampler else None
    return Measurement(seconds, usage.ru_maxrss * 1024 / MIB, tree, proc.returncode, tail)


def measure_median(args: Sequence[str], runs: int, stdout: Path | None = None) -> Measurement:
    """The run with the median wall time of `runs` identical read-only commands."""
    ms = sorted((measure(args, stdout) for _ in range(runs)), key=lambda m: m.seconds)
    return ms[len(ms) // 2]


# -- corpora -------------------------------------------------------------------------------
def cache_dir(n: int, seed: int, figures: float = corpus.FIGURES) -> Path:
    return OUT / f"corpus-n{n}-s{seed}{_figures_suffix(figures)}"


def _figures_suffix(figures: float) -> str:
    return "" if figures == corpus.FIGURES else f"-f{figures:g}"


def cached_manifest(path: Path, n: int, seed: int, figures: float = corpus.FIGURES) -> dict[str, Any] | None:
    """The manifest of a cached corpus, if it is complete and made by this generator."""
    try:
        m = json.loads((path / "corpus.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    ok = m.get("n") == n and m.get("seed") == seed and m.get("fingerprint") == corpus.fingerprint()
    ok = ok and m.get("figures", corpus.FIGURES) == figures
    return m if ok else None


@contextmanager
def corpus_for(
    n: int, seed: int, keep: bool, figures: float = corpus.FIGURES
) -> Iterator[tuple[Path, dict[str, Any], float]]:
    """A corpus folder, its manifest and the seconds spent generating it (0 when cached).

    A valid cache is always reused; a new corpus goes to the cache with `keep`, else to a
    temporary folder that is removed afterwards.
    """
    cached = cache_dir(n, seed, figures)
    manifest = cached_manifest(cached, n, seed, figures)
    if manifest is not None:
        yield cached, manifest, 0.0
        return
    with tempfile.TemporaryDirectory(prefix=f"claimcheck-corpus-{n}-") as tmp:
        target = Path(tmp) / "corpus"
        if keep:
            shutil.rmtree(cached, ignore_errors=True)  # a stale or partial cache of ours
            target = cached
        start = time.perf_counter()
        manifest = corpus.generate(n, seed, target, jobs=os.cpu_count() or 1, figures=figures)
        yield target, manifest, time.perf_counter() - start


# -- one corpus size -----------------------------------------------------------------------
def db_files_mib(db: Path) -> float:
    """Database size on disk: the file plus its -wal (and -shm) if present."""
    files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    return sum(p.stat().st_size for p in files if p.exists()) / MIB


def db_counts(db: Path) -> tuple[int, dict[str, Any]]:
    """Claims stored; groups by status and the largest group, read straight from the SQLite file."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        groups: dict[str, Any] = dict(con.execute("SELECT status, count(*) FROM claim_groups GROUP BY status"))
        top = con.execute(
            "SELECT n_claims, kind, subject, metric FROM claim_groups ORDER BY n_claims DESC LIMIT 1"
        ).fetchone()
    if top:
        groups["largest"] = dict(zip(("claims", "kind", "subject", "metric"), top, strict=True))
    return claims, groups


def timing(m: Measurement) -> dict[str, Any]:
    out: dict[str, Any] = {"seconds": round(m.seconds, 3), "peak_rss_mib": round(m.peak_rss_mib, 1)}
    if m.peak_tree_pss_mib is not None:
        out["peak_tree_pss_mib"] = round(m.peak_tree_pss_mib, 1)
    if m.exit_code:
        out.update(exit_code=m.exit_code, stderr=m.stderr_tail)
    return out


def ingest_figures(n: int, size: int, claims: int, m: Measurement) -> dict[str, Any]:
    s = m.seconds
    return timing(m) | {
        "docs_per_s": round(n / s, 2),
        "mb_per_s": round(size / 1e6 / s, 3),
        "claims_per_s": round(claims / s, 1),
        "ms_per_doc": round(1000 * s / n, 2),
    }


def bench_size(
    n: int,
    seed: int,
    keep: bool,
    runs: int,
    log: Callable[[str], None],
    one_core: bool = False,
    figures: float = corpus.FIGURES,
    add: int = 0,
) -> dict[str, Any]:
    """Generate (or reuse) a corpus of `n` documents and measure every command on it.

    Ingest runs once (and, with `one_core`, once more with --jobs 1 into a second database:
    the per-core throughput); the read-only commands run `runs` times and report the median.
    With `add`, a further corpus of that many other documents is then ingested into the
    same database: what a daily update of a large archive costs."""
    with corpus_for(n, seed, keep, figures) as (docs, manifest, gen_seconds), tempfile.TemporaryDirectory() as tmp:
        work = OUT / f"db-n{n}-s{seed}{_figures_suffix(figures)}" if keep else Path(tmp)
        if keep:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
        db = work / "claimcheck.db"
        log(f"N={n}: corpus {manifest['bytes'] / MIB:.1f} MiB ({'generated' if gen_seconds else 'cached'}); ingest")
        ingest = measure(["--db", str(db), "ingest", "-q", str(docs)])
        db_mib = db_files_mib(db)
        claims, groups = db_counts(db)
        result: dict[str, Any] = {
            "n": n,
            "figures": figures,
            "corpus_bytes": manifest["bytes"],
            "corpus_generate_seconds": round(gen_seconds, 2),
            "ingest": ingest_figures(n, manifest["bytes"], claims, ingest),
            "claims": claims,
            "claims_per_kb": round(claims / (manifest["bytes"] / 1000), 2),
            "groups": groups,
            "db_mib": round(db_mib, 2),
            "db_mib_per_1k_docs": round(db_mib / (n / 1000), 3),
        }
        if one_core:
            log(f"N={n}: ingest with --jobs 1")
            single = measure(["--db", str(work / "one-core.db"), "ingest", "-q", "--jobs", "1", str(docs)])
            result["ingest_one_core"] = ingest_figures(n, manifest["bytes"], claims, single)
        log(
            f"N={n}: ingest {ingest.seconds:.1f} s; conflicts with scores to compute, storing them, conflicts and exports"
        )
        # an ingest no longer runs TruthFinder (issue 23): the table computes its support while
        # the stored scores are stale, until `ingest --trust` stores them
        result["conflicts_table_scores_stale"] = timing(measure_median(["--db", str(db), "conflicts"], runs))
        result["store_trust"] = timing(measure(["--db", str(db), "ingest", "-q", "--trust", str(docs)]))
        # the table a user reads first (20 groups, 5 claims per side), then every conflict as CSV
        result["conflicts_table"] = timing(measure_median(["--db", str(db), "conflicts"], runs))
        result["conflicts"] = timing(measure_median(["--db", str(db), "conflicts", "--format", "csv"], runs))
        result["conflicts_all"] = timing(
            measure_median(["--db", str(db), "conflicts", "--all", "--format", "csv"], runs)
        )
        for what in EXPORTS:
            target = work / f"{what}.csv"
            m = measure_median(["--db", str(db), "export", what, "--format", "csv", "-o", str(target)], runs)
            size = round(target.stat().st_size / MIB, 2) if target.exists() else None
            result[f"export_{what}"] = timing(m) | {"mib": size}
        if add:
            with corpus_for(add, seed + ADD_SEED, keep, figures) as (more, more_manifest, _):
                log(f"N={n}: ingest {add} more documents into it")
                before = claims
                m = measure(["--db", str(db), "ingest", "-q", str(more)])
                result["ingest_added"] = {"n": add} | ingest_figures(
                    add, more_manifest["bytes"], db_counts(db)[0] - before, m
                )
        return result


# -- quantities only -------------------------------------------------------------------------
def text_pieces(docs: Path, chars: int) -> list[str]:
    """Paragraphs of the corpus, in file order, until `chars` characters are collected."""
    pieces: list[str] = []
    total = 0
    for path in sorted(docs.rglob("*.txt")):
        for para in path.read_text("utf-8").split("\n\n"):
            if para.strip():
                pieces.append(para)
                total += len(para)
                if total >= chars:
                    return pieces
    return pieces


def throughput(parse: Callable[[str], Sequence[object]], pieces: list[str]) -> dict[str, Any]:
    """Characters per second of `parse` over `pieces`, one core, after one warm-up call."""
    parse(pieces[0])
    found = 0
    start, cpu = time.perf_counter(), time.process_time()
    for p in pieces:
        found += len(parse(p))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    chars = sum(map(len, pieces))
    return {
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "chars_per_s": round(chars / wall),
        "quantities": found,
    }


def quantulum_parser() -> Callable[[str], Sequence[object]] | None:
    try:
        from quantulum3 import parser  # type: ignore[import-not-found]
    except ImportError:
        return None
    return parser.parse


def bench_quantities(chars: int, seed: int, keep: bool, log: Callable[[str], None]) -> dict[str, Any]:
    """extract_quantities throughput on corpus text; quantulum3's too when it is installed."""
    from claimcheck.extract.quantities import extract_quantities
    from claimcheck.lexicon import default_lexicon

    lex = default_lexicon()
    n = max(200, chars // 3000)
    with corpus_for(n, seed, keep) as (docs, _, _):
        pieces = text_pieces(docs, chars)
    result: dict[str, Any] = {"chars": sum(map(len, pieces)), "pieces": len(pieces), "corpus_n": n}
    log(f"extract_quantities on {result['chars']} characters in {len(pieces)} paragraphs")
    result["claimcheck"] = throughput(lambda t: extract_quantities(t, lex), pieces)
    parse = quantulum_parser()
    if parse is None:
        result["quantulum3"] = None
        log("quantulum3 is not importable: comparison skipped")
        return result
    log("quantulum3.parser.parse on the same paragraphs")
    result["quantulum3"] = throughput(parse, pieces)
    result["ratio_ours_to_quantulum3"] = round(
        result["claimcheck"]["chars_per_s"] / result["quantulum3"]["chars_per_s"], 2
    )
    return result


# -- report ------------------------------------------------------------------------------------
def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def environment() -> dict[str, Any]:
    """What the figures were measured on: versions, commit (and whether src/ had edits), load."""
    from claimcheck import __version__

    return {
        "claimcheck": __version__,
        "commit": _git("rev-parse", "--short", "HEAD") or None,
        "src_modified": bool(_git("status", "--porcelain", "--", "src", "migrations")),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def size_table(runs: list[dict[str, Any]]) -> str:
    """A plain text table, one row per N."""
    head = (
        "N",
        "ingest s",
        "docs/s",
        "MB/s",
        "claims",
        "claims/s",
        "ms/doc",
        "RSS MiB",
        "tree PSS MiB",
        "conflicts table s",
        "conflicts csv s",
        "--all s",
        "exp claims s",
        "exp conflicts s",
        "exp sources s",
        "DB MiB/1k docs",
    )
    rows = [head]
    for r in runs:
        i = r["ingest"]
        rows.append(
            tuple(
                str(x)
                for x in (
                    r["n"],
                    f"{i['seconds']:.1f}",
                    f"{i['docs_per_s']:.1f}",
                    f"{i['mb_per_s']:.3f}",
                    r["claims"],
                    f"{i['claims_per_s']:.0f}",
                    f"{i['ms_per_doc']:.1f}",
                    f"{i['peak_rss_mib']:.0f}",
                    f"{i.get('peak_tree_pss_mib', float('nan')):.0f}",
                    f"{r['conflicts_table']['seconds']:.2f}" if "conflicts_table" in r else "-",
                    f"{r['conflicts']['seconds']:.2f}",
                    f"{r['conflicts_all']['seconds']:.2f}",
                    *(f"{r[f'export_{w}']['seconds']:.2f}" for w in EXPORTS),
                    f"{r['db_mib_per_1k_docs']:.2f}",
                )
            )
        )
    widths = [max(len(row[c]) for row in rows) for c in range(len(head))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def scaling(runs: list[dict[str, Any]]) -> dict[str, Any]:
    per_doc = {str(r["n"]): r["ingest"]["ms_per_doc"] for r in runs}
    out: dict[str, Any] = {"ms_per_doc": per_doc}
    if len(runs) > 1:
        lo, hi = min(runs, key=lambda r: r["n"]), max(runs, key=lambda r: r["n"])
        out["ratio_largest_to_smallest"] = round(hi["ingest"]["ms_per_doc"] / lo["ingest"]["ms_per_doc"], 2)
    return out


def failures(runs: list[dict[str, Any]]) -> list[str]:
    """Commands that exited non-zero, as 'N=..: key exit ..' lines."""
    return [
        f"N={r['n']}: {k} exited {v['exit_code']}: {v['stderr'][-300:]}"
        for r in runs
        for k, v in r.items()
        if isinstance(v, dict) and "exit_code" in v
    ]


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: N=200 only")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    ap.add_argument("--out", type=Path, help="JSON results (default bench/out/results.json or quantities.json)")
    ap.add_argument("--keep", action="store_true", help="keep corpora and databases under bench/out/")
    ap.add_argument("--runs", type=int, default=3, help="runs of each read-only command; median (default 3)")
    ap.add_argument(
        "--one-core",
        default="1000",
        help="comma-separated sizes that also get an ingest with --jobs 1 (default 1000; '' for none)",
    )
    ap.add_argument(
        "--figures",
        type=float,
        default=corpus.FIGURES,
        help=f"share of corpus sentences from figure templates (default {corpus.FIGURES}: about 5.7 claims per KB)",
    )
    ap.add_argument(
        "--add",
        type=int,
        default=0,
        help="after each size, ingest this many other documents into its database (default 0: none)",
    )
    ap.add_argument("--quantities-only", action="store_true", help="only quantity-extraction throughput")
    ap.add_argument("--chars", type=int, default=2_000_000, help="text for --quantities-only (default 2000000)")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    env = environment()
    if args.quantities_only:
        result = {"environment": env, "quantities": bench_quantities(args.chars, args.seed, args.keep, log)}
        out = args.out or OUT / "quantities.json"
        write_json(out, result)
        q = result["quantities"]
        print(f"claimcheck extract_quantities: {q['claimcheck']['chars_per_s']:,} chars/s on {q['chars']:,} chars")
        if q["quantulum3"] is None:
            print("quantulum3: skipped (not importable)")
        else:
            print(f"quantulum3 parser.parse:        {q['quantulum3']['chars_per_s']:,} chars/s")
            print(f"ratio ours / quantulum3:       {q['ratio_ours_to_quantulum3']}x")
        print(f"wrote {out}")
        return 0
    sizes = [200] if args.quick else sorted(int(s) for s in args.sizes.split(",") if s.strip())
    startup = timing(measure_median(["--version"], args.runs))
    one_core = {int(x) for x in args.one_core.split(",") if x.strip()}
    runs = [bench_size(n, args.seed, args.keep, args.runs, log, n in one_core, args.figures, args.add) for n in sizes]
    result = {
        "environment": env,
        "seed": args.seed,
        "figures": args.figures,
        "startup": startup,
        "runs": runs,
        "scaling": scaling(runs),
    }
    out = args.out or OUT / "results.json"
    write_json(out, result)
    print(size_table(runs))
    if "ratio_largest_to_smallest" in result["scaling"]:
        print(f"time/doc at N={sizes[-1]} / at N={sizes[0]}: {result['scaling']['ratio_largest_to_smallest']}x")
    for r in runs:
        if "ingest_one_core" in r:
            c = r["ingest_one_core"]
            print(
                f"one core (--jobs 1), N={r['n']}: {c['docs_per_s']:.1f} docs/s, {c['ms_per_doc']:.1f} ms/doc"
                f" ({r['claims_per_kb']} claims per KB)"
            )
    for r in runs:
        if "ingest_added" in r:
            a = r["ingest_added"]
            print(
                f"{a['n']} more documents into N={r['n']}: {a['docs_per_s']:.1f} docs/s, {a['ms_per_doc']:.1f} ms/doc"
            )
    for line in failures(runs):
        print(f"warning: {line}")
    print(f"start-up (claimcheck --version): {startup['seconds']:.2f} s")
    print(f"wrote {out}")
    return 1 if failures(runs) else 0


if __name__ == "__main__":
    sys.exit(main())
