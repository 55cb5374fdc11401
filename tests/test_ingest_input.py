"""What an ingest tells its user about its input: Ctrl-C, files it passes over, damaged bytes."""

from __future__ import annotations

import json
import os
import pwd
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.model import RawDocument
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


# -- files passed over -------------------------------------------------------------------
CLAIM = "Chile's share of global copper production was 24% in 2022.\n"


@pytest.fixture
def as_user(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A folder, and the words to put before a command to run it as a user file permissions
    apply to: the current user, or 'nobody' when tests run as root (chmod does not stop root),
    in a folder 'nobody' may enter (pytest's tmp_path is private to root)."""
    if os.geteuid() != 0:
        yield tmp_path, []
        return
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root, whom chmod 0 does not stop, and there is no user 'nobody' to run as")
    # setpriv rather than subprocess's user=, which failed to start a venv Python whose base
    # interpreter lives under /root where setpriv did not
    prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import claimcheck"], capture_output=True)
    except OSError:
        probe = None
    if probe is None or probe.returncode != 0:
        pytest.skip("running as root, whom chmod 0 does not stop, and 'nobody' cannot run this claimcheck")
    folder = Path(tempfile.mkdtemp(prefix="claimcheck-as-nobody-"))
    folder.chmod(0o777)
    try:
        yield folder, prefix
    finally:
        for sub in folder.rglob("*"):
            if sub.is_dir():
                sub.chmod(0o755)
        shutil.rmtree(folder)


def _with_locked_folder(root: Path) -> Path:
    """root/docs with a readable a.txt, a notes.png, and locked/b.txt in a folder no one may
    list or enter."""
    docs = root / "docs"
    (docs / "locked").mkdir(parents=True)
    (docs / "a.txt").write_text(CLAIM)
    (docs / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "locked" / "b.txt").write_text(CLAIM.replace("24%", "27%"))
    for p in (root, docs, docs / "a.txt", docs / "notes.png"):
        p.chmod(0o777 if p.is_dir() else 0o666)
    (docs / "locked").chmod(0)
    return docs


@pytest.mark.slow  # a claimcheck process, as another user when tests run as root
def test_an_unreadable_subfolder_is_named_and_fails_the_exit_code(as_user: tuple[Path, list[str]]) -> None:
    """An unreadable subfolder was skipped without a word, exit 0; it is now named, with
    what to do, the readable files are still ingested, and the exit code is 1."""
    root, user = as_user
    docs = _with_locked_folder(root)
    r = subprocess.run([*user, *_cli(root / "db.sqlite", "ingest", "-q", str(docs))], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert f"error: {docs / 'locked'}: folder cannot be read: permission denied (make it readable)" in r.stderr
    assert f"  {docs / 'notes.png'}" in r.stderr  # passed over for its kind, and named
    assert "documents: 1 new" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow  # a claimcheck process, as another user when tests run as root
def test_a_file_named_in_an_unreadable_folder_fails_alone(as_user: tuple[Path, list[str]]) -> None:
    """Naming a file inside an unreadable folder printed a traceback and ingested nothing, not
    even the readable file named beside it."""
    root, user = as_user
    docs = _with_locked_folder(root)
    named = [str(docs / "locked" / "b.txt"), str(docs / "a.txt")]
    r = subprocess.run([*user, *_cli(root / "db.sqlite", "ingest", "-q", *named)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert f"error: {named[0]}: cannot be read: permission denied (make the folders it is in readable)" in r.stderr
    assert "documents: 1 new, 0 unchanged, 0 updated, 1 failed" in r.stderr


def _deny(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` as the OS shows an unreadable folder to an ordinary user, also when tests run
    as root: listing it, or reaching anything inside it, is refused."""
    real_scandir, real_stat = os.scandir, os.stat

    def refused(path: Any) -> bool:
        return folder in Path(os.fsdecode(path)).absolute().parents

    def scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)).absolute() == folder:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    def stat(path: Any, *a: Any, **k: Any) -> os.stat_result:
        if refused(path):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_stat(path, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


def test_unreadable_folders_are_named_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The two cases above as the library meets them, which runs as root too."""
    docs = _with_locked_folder(tmp_path)
    (docs / "locked").chmod(0o755)
    _deny(monkeypatch, (docs / "locked").absolute())
    runner = CliRunner()
    r = runner.invoke(main, ["ingest", "-q", "-j", "1", str(docs)])
    assert r.exit_code == 1, r.output
    assert f"{docs / 'locked'}: folder cannot be read: permission denied" in r.stderr
    assert "documents: 1 new, 0 unchanged, 0 updated, 1 failed" in r.stderr
    r = runner.invoke(main, ["ingest", "-q", "-j", "1", str(docs / "locked" / "b.txt"), str(docs / "a.txt")])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code == 1
    assert f"{docs / 'locked' / 'b.txt'}: cannot be read: permission denied" in r.stderr
    assert "0 new, 1 unchanged, 0 updated, 1 failed" in r.stderr


def test_files_passed_over_for_their_kind_are_named(tmp_path: Path) -> None:
    """`skipped: 1 .png` never said which file; the first few are now named, and
    --list-skipped names every one."""
    docs = tmp_path / "archive"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text(CLAIM)
    (docs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "report.docx").write_bytes(b"PK\x03\x04")
    for i in range(6):
        (docs / "sub" / f"page{i}.odt").write_bytes(b"PK\x03\x04")
    runner = CliRunner()
    r = runner.invoke(main, ["ingest", "-q", str(docs)])
    assert r.exit_code == 0, r.stderr  # passed over by design, not failed: said, and the exit code stays 0
    lines = r.stderr.splitlines()
    reads = ".htm, .html, .markdown, .md, .pdf, .text, .txt"
    start = lines.index(f"skipped: 6 .odt, 1 .docx, 1 .png (claimcheck reads {reads} files):")
    shown = [str(docs / "image.png"), str(docs / "report.docx")] + [
        str(docs / "sub" / f"page{i}.odt") for i in range(3)
    ]
    assert lines[start + 1 : start + 7] == [f"  {name}" for name in shown] + [
        "  ... and 3 more (--list-skipped names them all)"
    ]
    r = runner.invoke(main, ["ingest", "-q", "--list-skipped", str(docs)])
    assert all(f"  {docs / 'sub' / f'page{i}.odt'}" in r.stderr.splitlines() for i in range(6))
    assert "more (--list-skipped" not in r.stderr


# -- bytes that are not UTF-8 ------------------------------------------------------------
@pytest.mark.slow
def test_a_utf8_file_with_some_windows_1252_is_repaired_and_ingested(tmp_path: Path) -> None:
    """One bad byte refused a whole document ("is not valid UTF-8"); a UTF-8 file with some
    Windows-1252 pasted in (curly quotes, an accent) and a byte no encoding reads is now
    ingested, repaired, with a warning naming the file and the bytes' offsets."""
    docs = tmp_path / "docs"
    docs.mkdir()
    head = "Café owners in Zürich — a survey.\n\n".encode()
    body = b"The \x93caf\xe9\x94 share of retail sales was 24% in 2022, up from 21%\x81 in 2021.\n"
    (docs / "mixed.txt").write_bytes(head + body)
    (docs / "binary.txt").write_bytes(random.Random(5).randbytes(4000))
    r = CliRunner().invoke(main, ["ingest", "-q", str(docs / "mixed.txt")])
    assert r.exit_code == 0, r.stderr
    at = [len(head) + i for i, b in enumerate(body) if b in (0x93, 0xE9, 0x94, 0x81)]
    assert f"warning: {docs / 'mixed.txt'}: 4 bytes not UTF-8 (at byte offsets {', '.join(map(str, at))})" in r.stderr
    assert "documents: 1 new" in r.stderr
    r = CliRunner().invoke(main, ["export", "sources", "--format", "json"])
    [source] = json.loads(r.stdout)
    assert source["text"].startswith("Café owners in Zürich — a survey.\n")
    assert 'The "café" share of retail sales was 24% in 2022, up from 21%\ufffd in 2021.' in source["text"]
    r = CliRunner().invoke(main, ["ingest", "-q", str(docs / "binary.txt")])
    assert r.exit_code == 1 and "binary.txt: looks like a binary file, not text" in r.stderr


def test_offsets_named_are_the_first_few() -> None:
    from claimcheck.read import decoded

    text = b"Output rose 5% in 2021.\n" + b"\xe9" * 8 + "— more.\n".encode()
    got = decoded(RawDocument("f.txt", "f.txt", text))
    assert got.text.startswith("Output rose 5% in 2021.\n" + "é" * 8 + "— more.")
    assert got.warning("f.txt") == (
        "f.txt: 8 bytes not UTF-8 (at byte offsets 24, 25, 26, 27, 28 and 3 more), read as Windows-1252 where that"
        " gives text and as U+FFFD where not (check those places, or re-save the file as UTF-8)"
    )
    assert decoded(RawDocument("f.txt", "f.txt", "Clean — UTF-8.".encode())).warning("f.txt") is None
