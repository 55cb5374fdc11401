"""Big and awkward files: work that stays linear in the text's length, memory that stays bounded.

No test here times anything: each checks the mechanism that keeps the work bounded (how far
a pattern can reach, how many claims are held at once), or the peak memory of a real ingest.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import pipeline
from claimcheck.cli import main
from claimcheck.extract.facts import FactRules
from claimcheck.layout import tables
from claimcheck.lexicon import Lexicon
from claimcheck.model import Document
from claimcheck.normalize.entities import EntityIndex
from claimcheck.pipeline import Extractor, extraction
from claimcheck.read import read
from claimcheck.sentences import MAX_SENTENCE, split_sentences
from tests.conftest import SEEDS


def test_a_run_of_initials_is_read_in_bounded_pieces(lex: Lexicon) -> None:
    """1.6 MB repeating "U.S." took minutes: a name's initials ran on without end, so the
    title patterns tried every way to cut the whole run into a name's words at every
    position. A name is now a few words of at most four initials each."""
    rules = FactRules(lex, EntityIndex(lex))
    m = re.match(rules.name, "U.S. " * 1000)
    assert m is not None
    assert len(m.group()) <= 4 * len("U.S. U.S. ")
    assert re.fullmatch(rules.name, "J. R. R. Tolkien")  # what a name's initials are still read


def test_a_wide_table_row_is_read_in_pieces_of_bounded_length(runner: CliRunner, tmp_path: Path) -> None:
    """A pipe table of 2,000 columns: every figure is read under its own column, but no
    claim's quote is the whole row (each claim stores its quote: a row of 20,000 cells made
    the database and the search index grow with the square of the columns)."""
    header = "| Country | " + " | ".join(f"Output {i} ({'t' if i % 2 else 'kt'})" for i in range(2000)) + " |"
    row = "| Chile | " + " | ".join(str(100 + i) for i in range(2000)) + " |"
    (tmp_path / "wide.md").write_text("\n".join([header, "|---" * 2001 + "|", row]) + "\n", encoding="utf-8")
    r = runner.invoke(main, ["extract", str(tmp_path / "wide.md")])
    assert r.exit_code == 0, r.output
    claims = [json.loads(line) for line in r.stdout.splitlines()]
    # each figure in the unit of its own column's header (kt and t alternate)
    assert sorted(c["value"] for c in claims) == sorted((100 + i) * (1 if i % 2 else 1000) for i in range(2000))
    assert max(len(c["quote"]) for c in claims) <= MAX_SENTENCE
    text = (tmp_path / "wide.md").read_text(encoding="utf-8")
    assert all(text[c["char_start"] : c["char_end"]] == c["quote"] for c in claims)


def test_a_megabyte_paragraph_is_not_tokenized_whole(lex: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 15 MiB file on one line is one paragraph: looking for a table printed on one line
    tokenized all of it (some 30 bytes per character held). Only a paragraph a table could
    be is tokenized; its sentences are read as usual."""
    tokenized: list[int] = []
    real = tables._tokens
    monkeypatch.setattr(tables, "_tokens", lambda line: tokenized.append(len(line)) or real(line))
    text = " ".join(
        f"Chile's output rose {i % 90 + 1}% in 2023 Peru's fell {i % 7 + 1}% Brazil said." for i in range(4000)
    )
    doc = Document("big.txt", "big.txt", "0" * 64, text)
    sentences = split_sentences(doc, lex)
    assert len(sentences) == 4000
    assert max(tokenized, default=0) <= 20_000


def test_a_huge_document_is_extracted_in_parts_that_make_the_whole(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A huge document's claims are extracted a few sentences at a time as they are stored;
    together the parts are exactly the claims of the document read whole."""
    monkeypatch.setattr(extraction, "PART_SENTENCES", 3)
    for path in sorted(SEEDS.glob("*.txt")):
        raw = read(path)
        doc = extractor.document(raw)
        parts = list(extractor.claim_parts(doc))
        assert len(parts) > 3
        assert Counter(map(repr, (c for part in parts for c in part))) == Counter(map(repr, extractor.claims(doc)))


def _peak_ingest_mib(tmp_path: Path, text: str) -> tuple[float, str]:
    """Peak resident memory (MiB) of `claimcheck ingest -j 1` on one file in a child process."""
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    args = [sys.executable, "-m", "claimcheck", "--db", str(tmp_path / "big.db"), "ingest", "-j", "1"]
    proc = subprocess.Popen([*args, str(tmp_path / "big.txt")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, proc.stderr.read() if proc.stderr else ""
    return usage.ru_maxrss / 1024, proc.stderr.read().decode() if proc.stderr else ""


@pytest.mark.slow
def test_memory_of_an_ingest_does_not_grow_with_a_files_claims(tmp_path: Path) -> None:
    """60,000 short lines of figures (600 KB, 33,000 claims) peaked at some 250 MB, as every
    sentence, claim and row of a document was held at once; now a part at a time."""
    rng = random.Random(6)
    words = ["Oil", "Gas", "Tin", "Zinc", "Coal", "Iron", "Gold", "Lead"]
    lines = [f"{rng.choice(words)} {rng.randrange(1, 99)}%" if rng.random() < 0.7 else "Lead." for _ in range(60_000)]
    peak, said = _peak_ingest_mib(tmp_path, "\n".join(lines) + "\n")
    claims = int(said.rsplit("claims: ", 1)[1])
    assert claims > 30_000
    assert peak < 180, f"peak {peak:.0f} MiB for {claims} claims"


@pytest.mark.slow
def test_a_batch_reads_a_bounded_number_of_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch of files is read into memory together: 64 files of 15 MiB were a gigabyte.
    Batches hold at most BATCH_BYTES of files (or one file), and every file is ingested."""
    docs = tmp_path / "docs"
    docs.mkdir()
    sentence = "Chile's copper output rose 4% in 2023, the ministry said. "
    for i in range(6):
        (docs / f"d{i}.txt").write_text(f"Report {i}\n\n" + sentence * 700, encoding="utf-8")  # 40 KB each
    monkeypatch.setattr(pipeline, "BATCH_BYTES", 100_000, raising=False)
    written: list[int] = []
    real = pipeline.write_all
    monkeypatch.setattr(
        pipeline, "write_all", lambda engine, ex, prepared: written.append(len(prepared)) or real(engine, ex, prepared)
    )
    r = CliRunner().invoke(main, ["ingest", "-j", "1", str(docs)])
    assert r.exit_code == 0, r.output
    assert "6 new" in r.stderr
    assert sum(written) == 6 and max(written) <= 2


@pytest.mark.slow
def test_text_repair_and_furniture_hold_no_list_of_a_files_lines(lex: Lexicon) -> None:
    """A file of many short lines: text repair and the furniture scan held a string (and a
    tuple) per line, and a substitution piece per word gap, some seven to ten times the text.
    Measured by Python's allocation tracer, not by time."""
    import tracemalloc

    from claimcheck.clean import clean_text, find_furniture

    text = "".join(f"Line {i} has {i % 97} units.\n" for i in range(100_000))
    find_furniture("x\n", lex)  # (compile the furniture patterns outside the measurement)
    tracemalloc.start()
    try:
        cleaned = clean_text(text)
        repair = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        find_furniture(cleaned, lex)
        furniture = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert cleaned == text  # (nothing to repair: the same text)
    assert repair < 3 * len(text) and furniture < 3 * len(text)


def test_a_long_text_is_signed_for_near_copies_in_bounded_memory() -> None:
    """A 15 MiB single-line file held 99 MiB while its near-copy signature was made (every
    word's hash, every shingle and the sort of them at once): the text is now signed a piece
    at a time, so what it holds does not grow with the text (some 10 MB: a piece's words and
    MinHash's buffers; 33 MB for this 5 MB text before), and its bands are the same."""
    import tracemalloc

    import numpy as np

    from claimcheck.compare import copies

    rng = random.Random(7)
    words = ["Valdrex", "harbour", "output", "rose", "tonnes", "Borduria", "in", "the", "of", "said"]
    text = " ".join(f"{rng.choice(words)} {rng.randrange(10**6)}" for _ in range(400_000))
    assert len(text) > 4_000_000
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        signed = copies.fingerprint(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20
    assert signed.comparable and signed.bands == tuple(copies.band_hashes(copies.minhash(copies.shingles(text))))
    assert np.array_equal(
        signed.shingles if signed.shingles is not None else copies.shingles(text), copies.shingles(text)
    )


def test_a_long_line_is_not_split_into_its_words_to_see_whether_it_is_a_heading() -> None:
    """A heading has a few words: a 15 MiB line split whole into its words held some 140 MiB
    for a moment (the single-line file's peak), now the line is cut after the ninth."""
    import tracemalloc

    from claimcheck.layout.fields import headings

    text = "Storm Kelda closed the Valdrex quay for 9 days " * 40_000 + "\n## Borduria\n"
    tracemalloc.start()
    try:
        found = list(headings(text))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [(len(text) - 1, "Borduria")]
    assert peak < 4 * len(text)  # (a few copies of the line; its words held 12.7 times it)


def test_group_keys_of_restated_sentences_are_not_held_after_the_ingest() -> None:
    """A 20,000-column table's claims are mostly of no confident identity, each keyed by its
    own sentence (58,000 keys): the key cache kept every one (with its arguments) for the
    rest of the ingest, some 20 MiB of the table's peak, without a hit. Only named keys are
    remembered now, and every key is what it was."""
    import hashlib
    import tracemalloc

    from claimcheck.pipeline.grouping import group_key

    local = [hashlib.sha1(f"Valdrex row {i}".encode()).hexdigest()[:24] for i in range(20_000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for ref in local:
            group_key("numeric", None, "", None, "t", ref)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 2**20, f"{held / 2**20:.1f} MiB held by 20,000 local keys"
    raw = json.dumps(["numeric", None, "", None, "t", local[0]], ensure_ascii=False)
    assert group_key("numeric", None, "", None, "t", local[0]) == hashlib.sha256(raw.encode()).hexdigest()
    named = json.dumps(["numeric", "Borduria", "copper output", None, "t"], ensure_ascii=False)
    assert group_key("numeric", "Borduria", "copper output", None, "t") == hashlib.sha256(named.encode()).hexdigest()
