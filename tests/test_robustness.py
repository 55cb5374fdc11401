"""Nothing lost, nothing crashes: bad input, kills, concurrent writers, untrusted text."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.db.engine import open_database
from claimcheck.errors import ReadError
from claimcheck.model import RawDocument
from claimcheck.read import decode, read
from tests.conftest import SEEDS

CLAIM = "Chile's share of global copper production was 24% in 2022.\n"


def _raw(data: bytes) -> RawDocument:
    return RawDocument("f.txt", "f.txt", data)


def test_legacy_encodings_decoded_not_mangled() -> None:
    assert decode(_raw("Café prices rose 5% in Zürich".encode("latin-1"))) == "Café prices rose 5% in Zürich"
    assert decode(_raw("“Quoted” – 5%".encode("cp1252"))) == "“Quoted” – 5%"
    for enc in ("utf-16", "utf-16-be"):
        data = "Output rose 5% in 2021.".encode(enc)
        if enc == "utf-16-be":
            data = b"\xfe\xff" + data
        assert decode(_raw(data)) == "Output rose 5% in 2021."
    assert decode(_raw(b"\xef\xbb\xbfWith a BOM")) == "With a BOM"
    # UTF-8 with a few bytes that are not: repaired, not refused (see tests/test_ingest_input.py)
    assert decode(_raw("Caf\u00e9 costs 5%".encode() + b" \x93broken\x94")) == "Caf\u00e9 costs 5% \u201cbroken\u201d"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"text\x00with\x00many\x00NUL\x00bytes" * 10, "contains NUL bytes"),
        (random.Random(3).randbytes(4000), "looks like a binary file"),
        (b"%PDF-1.7\n...", "binary"),
        (b"\x89PNG\r\n\x1a\n....", "binary"),
        (b"", "is empty"),
        (b" \n\t\n ", "holds only whitespace"),
    ],
)
def test_bad_bytes_are_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message.replace("(", r"\(")) as e:
        decode(_raw(data))
    assert str(e.value).startswith("f.txt: ") and "(" in str(e.value)  # names the file, says what to do


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB on a single line
        fh.write(b"5% " * (50 * 2**20 // 3))
    with pytest.raises(ReadError, match=r"too large \(50 MiB\).*split it"):
        read(big)


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "again").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "ok.txt").write_text(CLAIM)
    r = CliRunner().invoke(main, ["ingest", "-q", str(tmp_path)])
    assert r.exit_code == 1
    assert "loop.txt: is a symbolic link loop" in r.stderr
    assert "1 new" in r.stderr


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(CLAIM)
    real_open = Path.open

    def guarded(self, *a, **k):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", guarded)
    with pytest.raises(ReadError, match="secret.txt: permission denied .make the file readable"):
        read(secret)


def test_file_changing_while_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "growing.txt"
    f.write_text(CLAIM)
    real_open = Path.open

    class Growing:
        def __init__(self, fh):  # type: ignore[no-untyped-def]
            self.fh = fh

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            self.fh.close()

        def read(self, n: int) -> bytes:
            data = self.fh.read(n)
            with real_open(f, "a") as w:  # a writer appends while we read
                w.write("More text.\n")
            return data

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Growing(real_open(self, *a, **k)))
    with pytest.raises(ReadError, match="changed while it was being read"):
        read(f)


def test_terminal_output_strips_escape_sequences(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text("Chile's share of copper output was 24%\x1b[2J\x1b]0;pwned\x07 in 2022.\n")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", str(tmp_path)]).exit_code == 0
    for args in (["show", "1"], ["claims"], ["conflicts", "--all"], ["sources"]):
        out = runner.invoke(main, args).stdout
        assert "\x1b" not in out and "\x07" not in out


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_terminal_output_strips_bidirectional_overrides(tmp_path: Path) -> None:
    """A right-to-left override in a quote would show it reversed on the terminal: shown
    text drops bidirectional formatting everywhere, while the database and the exports keep
    the document's characters."""
    (tmp_path / "a.txt").write_text(
        "Chile's copper output was 5.2 million tonnes in 2023, the \u202eyrtsinim\u202c said.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Chile's copper output was 6.1 million tonnes in 2023, \u202dReuters\u202c reported.\n", encoding="utf-8"
    )
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", str(tmp_path)]).exit_code == 0
    shown = {}
    for args in (["show", "1"], ["show", "g1"], ["claims"], ["conflicts"], ["conflicts", "--all"], ["search", "Chile"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        shown[" ".join(args)] = result.stdout
    assert "yrtsinim" in shown["show 1"] and "conflict" in shown["conflicts"].lower()  # shown, not hidden
    assert not {c for out in shown.values() for c in out if c in BIDI}
    exported = runner.invoke(main, ["export", "claims", "--format", "json"]).stdout
    assert "\u202e" in json.loads(exported)[0]["quote"]  # data is data: exports keep what the text says


# -- processes ---------------------------------------------------------------------------
def _corpus(root: Path, n: int) -> Path:
    """n documents made of the seeds with their figures varied, so each is new content."""
    root.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (root / f"doc{i:04d}.txt").write_text(f"Report {i}\n\nOutput rose {i % 90 + 1}% in 2021.\n\n" + text)
    return root


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--db", str(db), *args]


def _counts(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources = con.execute("SELECT count(*) FROM sources").fetchone()[0]
        dup = con.execute(
            "SELECT count(*) FROM (SELECT path FROM sources GROUP BY path HAVING count(*) > 1)"
        ).fetchone()[0]
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        return sources, dup, claims
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_leaves_whole_documents_and_rerun_completes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "docs", 40)
    reference = tmp_path / "ref.db"
    subprocess.run(_cli(reference, "ingest", "-q", str(corpus)), check=True, capture_output=True)
    ref_sources, _, ref_claims = _counts(reference)
    con = sqlite3.connect(reference)
    per_doc = dict(
        con.execute(
            "SELECT s.path, count(c.id) FROM sources s LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.path"
        )
    )
    con.close()
    rng = random.Random(11)
    db = tmp_path / "killed.db"
    for _ in range(3):
        p = subprocess.Popen(
            _cli(db, "ingest", "-q", str(corpus)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 1.5))
        p.send_signal(signal.SIGKILL)
        p.wait()
        if db.exists():
            con = sqlite3.connect(db)
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sources'").fetchone():
                con.close()
                continue  # killed while creating the schema: rolled back, nothing stored yet
            for path, n in con.execute(
                "SELECT s.path, count(c.id) FROM sources s LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.path"
            ):
                assert n == per_doc[path], f"half-ingested document {path}"
            con.close()
    subprocess.run(_cli(db, "ingest", "-q", str(corpus)), check=True, capture_output=True)
    assert _counts(db) == (ref_sources, 0, ref_claims)


@pytest.mark.slow
def test_two_writers_and_a_reader(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "docs", 30)
    db = tmp_path / "shared.db"
    open_database(str(db)).dispose()  # create it, so that every read finds it
    writers = [
        subprocess.Popen(
            _cli(db, "ingest", "-q", str(corpus)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    reads = 0
    while any(w.poll() is None for w in writers):
        r = subprocess.run(_cli(db, "export", "conflicts", "--format", "csv"), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        reads += 1
    for w in writers:
        out, err = w.communicate()
        assert w.returncode == 0, err
        assert "locked" not in err
    assert reads >= 1
    sources, dup, _ = _counts(db)
    assert (sources, dup) == (30, 0)


def test_a_named_pipe_fails_alone_instead_of_blocking(tmp_path: Path, db_path: Path) -> None:
    """Opening a FIFO with no writer blocks forever: the ingest hung, and stored nothing."""
    import os

    (tmp_path / "a.txt").write_text(CLAIM)
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ReadError, match="pipe.txt: is not a regular file"):
        read(tmp_path / "pipe.txt")
    r = CliRunner().invoke(main, ["ingest", "-q", str(tmp_path)])
    assert r.exit_code == 1 and "pipe.txt: is not a regular file" in r.stderr
    assert "1 new" in r.stderr and "1 failed" in r.stderr


def test_workers_are_never_more_than_a_batch_has_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 3000 started 3,000 processes for one document (104 s); a batch's documents are
    split among the workers, so more than a batch holds only start and wait."""
    import multiprocessing

    from claimcheck import pipeline

    sizes: list[int] = []
    real = multiprocessing.get_context

    class Context:
        def __init__(self, method: str) -> None:
            self.real = real(method)

        def Pool(self, processes: int, **kwargs):  # type: ignore[no-untyped-def]  # noqa: N802
            sizes.append(processes)
            return self.real.Pool(2, **kwargs)

    monkeypatch.setattr(pipeline.multiprocessing, "get_context", Context)
    (tmp_path / "a.txt").write_text(CLAIM)
    summary = pipeline.ingest(open_database(str(tmp_path / "db.sqlite")), [str(tmp_path / "a.txt")], jobs=3000)
    assert summary.count("new") == 1 and sizes == [64]


def test_a_read_only_database_is_one_message(tmp_path: Path) -> None:
    """Writing to a read-only database ended in SQLAlchemy's traceback; it is now one line
    that says what to do, exit 1, and the stored data is as it was."""
    db = tmp_path / "ro.db"
    docs = _corpus(tmp_path / "docs", 2)
    assert CliRunner().invoke(main, ["--db", str(db), "ingest", "-q", "-j1", str(docs)]).exit_code == 0
    before = _counts(db)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_text(CLAIM)
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    for args in (
        ["ingest", "-q", "-j1", str(tmp_path / "more")],
        ["review", "1", "--rating", "true", "--note", "checked"],
    ):
        r = CliRunner().invoke(main, ["--db", read_only, *args])
        assert r.exit_code == 1, r.output
        assert isinstance(r.exception, SystemExit)  # a message, not an exception
        assert "attempt to write a readonly database" in r.stderr and "the database is read-only" in r.stderr
    assert _counts(db) == before
