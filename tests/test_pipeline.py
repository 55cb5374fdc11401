"""Ingestion end to end through the library: identity by content, replacement, regrouping."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pytest import MonkeyPatch
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from claimcheck import pipeline
from claimcheck.db.engine import open_database
from claimcheck.db.models import Claim, ClaimGroup, Source
from claimcheck.pipeline import ingest, planning, set_source_metadata, writing

A = "Chile's share of global copper production was 24% in 2022, according to the USGS.\n"
B = "Chile accounted for 27 percent of world copper output in 2022.\n"


def _db_state(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT s.name, c.value, c.unit, c.metric, c.group_id, c.value_cluster FROM claims c "
                    "JOIN sources s ON s.id = c.source_id ORDER BY c.id"
                )
            )
        ]


def test_reingest_is_a_noop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    engine = open_database(str(tmp_path / "db.sqlite"))
    first = ingest(engine, [str(tmp_path)])
    assert (first.count("new"), first.claims) == (2, 2)
    state = _db_state(engine)
    again = ingest(engine, [str(tmp_path)])
    assert (again.count("unchanged"), again.count("new"), again.claims) == (2, 0, 0)
    assert _db_state(engine) == state


def test_changed_file_replaces_its_claims_and_regroups(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(A)
    (tmp_path / "b.txt").write_text(B)
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)])
    with Session(engine) as s:
        (group,) = s.scalars(select(ClaimGroup)).all()
        assert group.status == "conflict"
    doc.write_text(A.replace("24%", "27%"))
    result = ingest(engine, [str(doc)])
    assert result.count("updated") == 1
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Source)) == 2
        assert sorted(s.scalars(select(Claim.value))) == [27, 27]
        (group,) = s.scalars(select(ClaimGroup)).all()
        assert group.status == "agree" and group.n_sources == 2


def test_failures_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(A)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    engine = open_database(str(tmp_path / "db.sqlite"))
    summary = ingest(engine, [str(tmp_path), str(tmp_path / "missing.txt")])
    assert summary.count("new") == 1
    errors = sorted(r.error or "" for r in summary.failures)
    assert len(errors) == 3
    assert any("empty.txt" in e and "whitespace" in e for e in errors)
    assert any("image.md" in e and "binary" in e for e in errors)
    assert any("missing.txt" in e and "no such file" in e for e in errors)


def test_claim_offsets_point_into_stored_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\n" + A + B)
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)])
    with Session(engine) as s:
        for c in s.scalars(select(Claim)):
            assert c.source.text[c.char_start : c.char_end] == c.quote
            assert c.source.text[c.surface_start : c.surface_end] == c.surface


def _dump(engine) -> list[tuple]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        rows = [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT c.id, s.name, c.kind, c.subject, c.metric, c.object, c.value, c.value_text, c.unit, "
                    "c.low, c.high, c.period_start, c.char_start, c.surface_start, c.group_id, c.value_cluster "
                    "FROM claims c JOIN sources s ON s.id = c.source_id ORDER BY c.id"
                )
            )
        ]
        return rows + [
            tuple(r) for r in conn.execute(text("SELECT id, key, status, n_claims FROM claim_groups ORDER BY id"))
        ]


@pytest.mark.slow
def test_regrouping_in_batches_gives_the_same_groups(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pending groups are recomputed a batch of keys at a time (bounded memory); the groups,
    their numbering and every claim's side are the same as in one go."""
    from claimcheck.pipeline import grouping
    from tests.test_robustness import _corpus

    corpus = _corpus(tmp_path / "docs", 24)
    dumps = []
    for size in (10_000, 3):
        monkeypatch.setattr(grouping, "REGROUP_BATCH", size)
        monkeypatch.setattr(grouping, "REGROUP_ROWS", size * 2)  # batches also bounded by claims read
        engine = open_database(str(tmp_path / f"b{size}.db"))
        ingest(engine, [str(corpus)], batch=100)  # one settle at the end: every group pending at once
        dumps.append(_dump(engine))
    assert dumps[0] == dumps[1] and len(dumps[0]) > 100


def test_a_growing_group_keeps_its_stored_sides_and_matches_a_full_comparison(tmp_path: Path) -> None:
    """Regrouping reads a group's distinct values from the database, not its claims: after
    every document, each claim's side and each group's status and counts must be what
    comparing all the group's claims gives, and sides already stored keep their numbers."""
    from claimcheck.compare import compare
    from claimcheck.pipeline.grouping import item_of

    engine = open_database(str(tmp_path / "db.sqlite"))
    sides_before: dict[int, int] = {}
    for n, share in enumerate(("10", "30", "20", "30", "10.0", "25", "20")):
        doc = tmp_path / f"d{n}.txt"
        doc.write_text(f"Report {n}.\n" + A.replace("24", share) + B.replace("27", share))
        ingest(engine, [str(doc)])
        with Session(engine) as s:
            claims = s.scalars(select(Claim)).all()
            assert {c.id: c.value_cluster for c in claims if c.id in sides_before} == sides_before
            sides_before = {c.id: c.value_cluster for c in claims}
            for g in s.scalars(select(ClaimGroup)):
                members = [c for c in claims if c.group_id == g.id]
                out = compare([replace(item_of(c), source_id=c.source_id) for c in members])
                assert {c.id: c.value_cluster for c in members} == out.clusters
                assert (g.status, g.n_claims, g.n_sources, g.n_clusters) == (
                    out.status,
                    len(members),
                    len({c.source_id for c in members}),
                    len(out.sources_per_cluster),
                )
    assert g.status == "conflict" and g.n_clusters == 4 and g.n_claims == 14


def test_a_small_addition_to_a_large_database_recomputes_groups_once(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """Recomputing scans every group it touches, so groups are recomputed whenever the
    database has doubled since the last time, not the run: a first run settles as it goes,
    a run that adds little to much settles once, at the end."""
    from tests.test_robustness import _corpus

    first, more = _corpus(tmp_path / "first", 16), tmp_path / "more"
    more.mkdir()
    for n in range(3):
        (more / f"m{n}.txt").write_text(f"Note {n}.\n" + A.replace("24", str(30 + n)))
    settles = []
    real = pipeline.settle
    monkeypatch.setattr(pipeline, "settle", lambda engine, everyone=False: (settles.append(1), real(engine, everyone)))
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(first)], batch=2)
    assert len(settles) > 3  # at the start, as the database doubles, and at the end
    settles.clear()
    ingest(engine, [str(more)], batch=1)
    assert len(settles) == 2  # at the start (groups left pending) and at the end
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Source)) == 19
        assert s.scalar(select(func.count()).select_from(Claim).where(Claim.group_id.is_(None))) == 0


@pytest.mark.slow
def test_parallel_ingest_is_identical_to_serial(tmp_path: Path) -> None:
    from tests.test_robustness import _corpus

    corpus = _corpus(tmp_path / "docs", 24)
    dumps = []
    for jobs in (1, 2):
        engine = open_database(str(tmp_path / f"j{jobs}.db"))
        summary = ingest(engine, [str(corpus)], jobs=jobs, batch=10)
        assert summary.count("new") == 24
        dumps.append(_dump(engine))
    assert dumps[0] == dumps[1] and len(dumps[0]) > 100


def test_copies_within_one_run_are_stored_once_at_any_distance(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """A copy in the same batch, in the next one (planned before the first is written) and
    many batches later (found in the database) is 'unchanged', with or without workers, and
    is not even extracted."""
    extracted: list[str] = []
    real = pipeline.prepare
    monkeypatch.setattr(pipeline, "prepare", lambda ex, raw, *a: extracted.append(raw.path) or real(ex, raw, *a))
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(24):
        (docs / f"d{i:02}.txt").write_text(f"Ruritania's share of world tin output was {i + 1}% in 2021.\n")
    # in file order and batches of 4 (d00 d00b d01 d02 | d03 d04 d05 d06 | d06b ...): d00b is
    # in d00's batch, d06b (a copy of d03) in the batch after d03's, z01 and z22 much later
    for copy, of in (("d00b", "d00"), ("d06b", "d03"), ("z01", "d01"), ("z22", "d22")):
        (docs / f"{copy}.txt").write_text((docs / f"{of}.txt").read_text())
    results = []
    seen: list[str] = []
    for jobs in (1, 2):
        engine = open_database(str(tmp_path / f"j{jobs}.sqlite"))
        summary = ingest(engine, [str(docs)], jobs=jobs, batch=4, progress=lambda r: seen.append(r.status))
        results.append((summary.count("new"), summary.count("unchanged"), summary.claims, summary.documents))
        with Session(engine) as s:
            assert s.scalar(select(func.count()).select_from(Source)) == 24
    assert results == [(24, 4, 24, 28), (24, 4, 24, 28)]
    assert len(seen) == 56 and seen.count("unchanged") == 8
    assert len(extracted) == 24  # --jobs 1 extracts in this process: no copy was extracted


def test_a_document_that_fails_midway_is_rolled_back_alone_and_retried(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """A batch of new documents is written in one go; when that fails after writing rows
    (another process stored the same entity, say), the batch is rolled back whole and its
    documents are written one at a time, each in its own savepoint: one that fails again is
    rolled back alone and retried, and the documents around it are kept, once each."""
    from sqlalchemy.exc import IntegrityError

    from claimcheck.db import documents

    for name, text_ in (("a.txt", A), ("b.txt", B), ("c.txt", A.replace("24%", "31%"))):
        (tmp_path / name).write_text(text_)
    real_batch, real_one = documents.save_documents, documents.save_document
    failed: list[str] = []

    def failing_batch(session, docs, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = real_batch(session, docs, *args, **kwargs)  # the rows are written ...
        if len(docs) > 1:
            failed.append("batch")
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))  # ... then it fails
        return out

    def flaky(session, doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = real_one(session, doc, *args, **kwargs)
        if doc.name == "b.txt" and "b.txt" not in failed:
            failed.append(doc.name)
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))
        return out

    monkeypatch.setattr(documents, "save_documents", failing_batch)
    monkeypatch.setattr(documents, "save_document", flaky)
    engine = open_database(str(tmp_path / "db.sqlite"))
    summary = ingest(engine, [str(tmp_path)])
    assert failed == ["batch", "b.txt"] and summary.count("new") == 3
    with engine.connect() as conn:
        sources = conn.execute(text("SELECT name FROM sources ORDER BY name")).scalars().all()
        per_source = dict(
            conn.execute(
                text("SELECT s.name, count(*) FROM claims c JOIN sources s ON s.id = c.source_id GROUP BY s.name")
            ).all()
        )
        indexed = conn.execute(text("SELECT count(*) FROM claims_fts")).scalar()
    assert sources == ["a.txt", "b.txt", "c.txt"]
    assert per_source == {"a.txt": 1, "b.txt": 1, "c.txt": 1}
    assert indexed == 3  # the search rows of the rolled-back attempts went with them


def test_an_unexpected_error_on_one_document_fails_that_document_only(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    real = pipeline.Extractor.claims

    def claims(self, doc):  # type: ignore[no-untyped-def]
        if doc.name == "a.txt":
            raise KeyError("mıllion")
        return real(self, doc)

    monkeypatch.setattr(pipeline.Extractor, "claims", claims)
    engine = open_database(str(tmp_path / "db.sqlite"))
    summary = ingest(engine, [str(tmp_path)])
    assert (summary.count("new"), summary.count("failed")) == (1, 1)
    (failure,) = summary.failures
    assert failure.path.endswith("a.txt") and "KeyError" in failure.error and "report" in failure.error


def test_a_batch_of_new_documents_is_stored_as_one_at_a_time_would_be(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """The batch writer stores what the per-document writer stores, also when a later
    document renames a person that earlier documents of the same batch name ("N. Modi",
    then the fuller "Narendra Modi"): those documents are stored before the rename."""
    docs = {
        "a.txt": "Prime Minister N. Modi spoke. India's exports rose to $450 billion in 2023.\n",
        "b.txt": "Prime Minister Narendra Modi replied. Kenya's exports reached $7 billion in 2022.\n",
        "c.txt": "Prime Minister N. Modi left. India's exports rose to $451 billion in 2023.\n",
    }
    for name, text_ in docs.items():
        (tmp_path / name).write_text(text_)

    def stored(db: str) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
        engine = open_database(str(tmp_path / db))
        ingest(engine, [str(tmp_path)])
        with engine.connect() as conn:
            claims = conn.execute(
                text(
                    "SELECT s.name, c.kind, c.subject, c.subject_alias, c.value, c.group_key, g.status "
                    "FROM claims c JOIN sources s ON s.id = c.source_id JOIN claim_groups g ON g.key = c.group_key "
                    "ORDER BY c.id"
                )
            ).all()
            names = conn.execute(
                text(
                    "SELECT e.name, e.kind, a.alias, a.how FROM entities e "
                    "JOIN entity_aliases a ON a.entity_id = e.id ORDER BY a.alias"
                )
            ).all()
        return claims, names

    batched = stored("batched.sqlite")
    monkeypatch.setattr(writing, "write_new", lambda *args: None)
    assert batched == stored("one-by-one.sqlite")
    titles = {(name, subject, alias) for name, kind, subject, alias, *_ in batched[0] if kind == "title"}
    assert titles == {
        ("a.txt", "Narendra Modi", "N. Modi"),
        ("b.txt", "Narendra Modi", "Narendra Modi"),
        ("c.txt", "Narendra Modi", "N. Modi"),
    }


def test_a_document_the_database_refuses_fails_alone(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """A document whose rows cannot be stored (here a claim without the metric the schema
    requires) is reported failed with the reason; the documents of its batch are stored."""
    for name, text_ in (("a.txt", A), ("b.txt", B), ("c.txt", A.replace("24%", "31%"))):
        (tmp_path / name).write_text(text_)
    real = pipeline.Extractor.claims

    def claims(self, doc):  # type: ignore[no-untyped-def]
        out = real(self, doc)
        return [replace(c, metric=None) for c in out] if doc.name == "b.txt" else out

    monkeypatch.setattr(pipeline.Extractor, "claims", claims)
    engine = open_database(str(tmp_path / "db.sqlite"))
    summary = ingest(engine, [str(tmp_path)])
    assert (summary.count("new"), summary.count("failed")) == (2, 1)
    [failure] = summary.failures
    assert failure.path.endswith("b.txt") and "could not store" in (failure.error or "")
    assert (failure.error or "").startswith(failure.path + ": ")  # the message names the file
    assert "NOT NULL" in (failure.error or "")
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM sources ORDER BY name")).scalars().all()
        orphans = conn.execute(text("SELECT count(*) FROM claims WHERE source_id NOT IN (SELECT id FROM sources)"))
        assert names == ["a.txt", "c.txt"] and orphans.scalar() == 0


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_stored_with_escapes(tmp_path: Path) -> None:
    """Old archives have Latin-1 file names. The OS hands them over with surrogate escapes,
    which the database refused ("please report it"): such files could never be ingested."""
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(A)
    engine = open_database(str(tmp_path / "db.sqlite"))
    first = ingest(engine, [str(folder)])
    assert (first.count("new"), first.count("failed")) == (1, 0), first.failures
    with engine.connect() as conn:
        path, stored = conn.execute(text("SELECT path, name FROM sources")).one()
    assert stored == "caf\\xe9.txt" and path.endswith("docs/caf\\xe9.txt")
    assert ingest(engine, [str(folder)]).count("unchanged") == 1  # the same identity every time
    assert set_source_metadata(engine, str(folder / name), {"title": "Café"}) is not None
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title FROM sources")).scalar() == "Café"


def _texts(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The stored content of each recorded file, by the file's name relative to nothing: its
    resolved path."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT f.path, s.text FROM source_files f JOIN sources s ON s.id = f.source_id"))
        return {path: stored for path, stored in rows}


def test_a_file_is_one_document_however_its_path_is_spelled(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """The path as typed was the file's identity: an edited file re-ingested by its absolute
    path was stored beside its old version (a false conflict with itself), and a file with
    the same relative path in another folder replaced the first one."""
    for folder, body in (("one", A), ("two", B)):
        (tmp_path / folder / "docs").mkdir(parents=True)
        (tmp_path / folder / "docs" / "a.txt").write_text(body)
    engine = open_database(str(tmp_path / "db.sqlite"))
    for folder in ("one", "two"):
        monkeypatch.chdir(tmp_path / folder)
        assert ingest(engine, ["docs"]).count("new") == 1
    one, two = (str((tmp_path / f / "docs" / "a.txt").resolve()) for f in ("one", "two"))
    assert _texts(engine) == {one: A, two: B}

    (tmp_path / "one" / "docs" / "a.txt").write_text(A.replace("24%", "31%"))
    again = ingest(engine, [str(tmp_path / "one" / "docs")])
    assert (again.count("updated"), again.count("new")) == (1, 0)
    assert _texts(engine) == {one: A.replace("24%", "31%"), two: B}
    with Session(engine) as s:  # replaced in place: the source keeps its id
        assert s.scalars(select(Source.id).order_by(Source.id)).all() == [1, 2]


def test_a_file_edited_into_a_copy_lets_go_of_its_old_content(tmp_path: Path) -> None:
    """An edited file whose new bytes equal another stored document was 'unchanged' and kept
    its old claims; and when one of two identical files changed, the other's content (stored
    once, under the first) was lost with it."""
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)])
    (tmp_path / "b.txt").write_text(A)
    edited = ingest(engine, [str(tmp_path)])
    assert (edited.count("unchanged"), edited.count("updated"), edited.claims) == (1, 1, 0)
    a, b = (str((tmp_path / n).resolve()) for n in ("a.txt", "b.txt"))
    assert _texts(engine) == {a: A, b: A}
    with Session(engine) as s:  # B's content is gone with its claims, and its group with them
        assert s.scalar(select(func.count()).select_from(Source)) == 1
        assert [g.status for g in s.scalars(select(ClaimGroup))] == ["single"]

    (tmp_path / "a.txt").write_text(B)  # the copy changes back: b.txt keeps A
    assert ingest(engine, [str(tmp_path)]).count("updated") == 1
    assert _texts(engine) == {a: B, b: A}
    with Session(engine) as s:
        names = dict(s.execute(select(Source.content_hash, Source.name)).all())
        assert sorted(names.values()) == ["a.txt", "b.txt"]  # A's source is now shown as b.txt's
        (group,) = s.scalars(select(ClaimGroup)).all()
        assert group.status == "conflict"
    assert ingest(engine, [str(tmp_path)]).count("unchanged") == 2


def test_a_database_from_before_files_were_recorded_keeps_its_documents(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """Revision 0007 records the existing sources under the path they were stored with (as
    typed then); the next ingest of the same files moves them to their resolved paths
    without extracting or duplicating anything."""
    from alembic import command

    from claimcheck.db.migrate import alembic_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(A)
    (tmp_path / "docs" / "b.txt").write_text(B)
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, ["docs"])
    state = _db_state(engine)
    cfg = alembic_config()
    with engine.begin() as conn:  # back to 0006, then up again: the files as an old database has them
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
        command.upgrade(cfg, "head")
    assert set(_texts(engine)) == {"docs/a.txt", "docs/b.txt"}
    (tmp_path / "docs" / "b.txt").write_text(B.replace("27", "28"))
    again = ingest(engine, ["docs"])  # spelled as before: an old database knows no other spelling
    assert (again.count("unchanged"), again.count("updated"), again.count("new")) == (1, 1, 0)
    assert set(_texts(engine)) == {str((tmp_path / "docs" / n).resolve()) for n in ("a.txt", "b.txt")}
    assert _db_state(engine)[0] == state[0] and len(_db_state(engine)) == len(state)


def test_removed_files_take_their_documents_and_claims_with_them(tmp_path: Path) -> None:
    """`sources remove` forgets files and folders (deleted from disk or not); a document goes
    with its last file, its groups are compared again, and a copy elsewhere keeps it."""
    from click.testing import CliRunner

    from claimcheck.cli import main

    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text(A)
    (tmp_path / "y" / "b.txt").write_text(B)
    (tmp_path / "y" / "copy.txt").write_text(A)
    db = str(tmp_path / "db.sqlite")
    engine = open_database(db)
    ingest(engine, [str(tmp_path)])
    with Session(engine) as s:
        assert [g.status for g in s.scalars(select(ClaimGroup))] == ["conflict"]

    runner = CliRunner()
    r = runner.invoke(main, ["--db", db, "sources", "remove", str(tmp_path / "x")])
    assert r.exit_code == 0 and "removed 1 file: 0 documents and 0 claims deleted (1 kept" in r.stderr
    copy = str((tmp_path / "y" / "copy.txt").resolve())
    with Session(engine) as s:  # still held by the copy, and shown under it
        assert sorted(s.scalars(select(Source.path))) == sorted([copy, str(tmp_path / "y" / "b.txt")])

    (tmp_path / "y" / "b.txt").unlink()
    r = runner.invoke(main, ["--db", db, "sources", "remove", str(tmp_path / "y" / "b.txt"), str(tmp_path / "no")])
    assert r.exit_code == 1 and "removed 1 file: 1 documents and 1 claims deleted" in r.stderr
    assert "no ingested file at" in r.stderr and "no;" in r.stderr
    with Session(engine) as s:
        assert s.scalars(select(Source.path)).all() == [copy]
        assert [(g.status, g.n_claims) for g in s.scalars(select(ClaimGroup))] == [("single", 1)]
    assert _texts(engine) == {copy: A}


def test_figures_nobody_owns_are_compared_only_within_their_document(tmp_path: Path) -> None:
    """'Unemployment rose to 4.7%' in one text and 'The jobless rate hit 4.3%' in another,
    neither saying where: no evidence of a conflict (one may be Britain's, the other the
    United States'). Such a figure meets only its own sentence restated word for word, so
    even one text's two such figures stand alone (and would be no contradiction: a conflict
    is between sources). The world's figures are everyone's, but 'global sales' are some
    company's."""
    (tmp_path / "a.txt").write_text(
        "Rates held\n\nUnemployment rose to 4.7%. The jobless rate was 4.5% in the spring.\n"
        "Global temperatures rose 1.2C in 2023. Global sales rose 5% in 2023.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Jobs report\n\nThe jobless rate hit 4.3%.\nGlobal temperatures rose 1.5C in 2023. Global sales rose 9% in 2023.\n"
    )
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)], jobs=1)
    with Session(engine) as s:
        groups = sorted((g.metric, g.status, g.n_sources) for g in s.scalars(select(ClaimGroup)))
    assert groups == [
        ("change in global revenue", "single", 1),
        ("change in global revenue", "single", 1),
        ("change in global temperatures", "conflict", 2),
        ("unemployment rate", "single", 1),
        ("unemployment rate", "single", 1),
        ("unemployment rate", "single", 1),
    ]


@pytest.mark.parametrize("batch", [64, 1])  # (1: a copy falls in a later batch than its original)
def test_documents_read_by_another_extractor_are_read_again(
    tmp_path: Path, monkeypatch: MonkeyPatch, batch: int
) -> None:
    """A re-ingest after an upgrade applies the new extractor to the documents the old one
    stored (in place: the source keeps its id), once; then it is a no-op again."""
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    (tmp_path / "copy.txt").write_text(B)
    engine = open_database(str(tmp_path / "db.sqlite"))
    for module in (planning, writing):
        monkeypatch.setattr(module, "EXTRACTOR_VERSION", "old")
    ingest(engine, [str(tmp_path)], jobs=1)
    with Session(engine) as s:
        ids = sorted(s.scalars(select(Source.id)))
    state = _db_state(engine)
    for module in (planning, writing):
        monkeypatch.setattr(module, "EXTRACTOR_VERSION", "new")
    again = ingest(engine, [str(tmp_path)], jobs=1, batch=batch)
    assert (again.count("updated"), again.count("new"), again.claims) == (2, 0, 2)
    with Session(engine) as s:
        assert sorted(s.scalars(select(Source.id))) == ids
        assert set(s.scalars(select(Source.extractor_version))) == {"new"}
    assert _db_state(engine) == state
    third = ingest(engine, [str(tmp_path)], jobs=1)
    assert third.count("unchanged") == 3
