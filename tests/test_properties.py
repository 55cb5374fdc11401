"""Property tests: cleaning, splitting and extraction never raise, keep offsets, are deterministic."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.clean import clean
from claimcheck.errors import ReadError
from claimcheck.extract.quantities import extract_quantities
from claimcheck.lexicon import default_lexicon
from claimcheck.model import RawDocument
from claimcheck.pipeline import Extractor
from claimcheck.sentences import split_sentences

LEX = default_lexicon()
EX = Extractor(LEX)
# text made of the pieces extraction reacts to, plus arbitrary unicode
PIECES = st.sampled_from(
    [
        "5",
        "3.5",
        "1,200",
        "%",
        " percent",
        "$",
        "£",
        "bn",
        " million",
        " tons",
        " km",
        "-",
        " to ",
        " and ",
        "between ",
        "over ",
        "about ",
        "nearly ",
        " in 2021",
        "2014-2017",
        " of ",
        "China's ",
        "U.S. ",
        ". ",
        "\n",
        "|",
        "---|---\n",
        "[3]",
        "^{1}",
        "â¤",
        "⤠",
        "Related posts\n",
        "References\n",
        "Facebook20k\n",
        "(",
        ")",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))
# derandomized so CI runs are reproducible; raise max_examples locally to explore further
SETTINGS = settings(
    max_examples=500, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.slow
@SETTINGS
@given(TEXT)
def test_quantities_offsets_and_determinism(text: str) -> None:
    qs = extract_quantities(text, LEX)
    for q in qs:
        assert text[q.start : q.end] == q.surface
        assert q.value is not None or (q.low is not None and q.high is not None)
    assert extract_quantities(text, LEX) == qs


@pytest.mark.slow
@SETTINGS
@given(TEXT)
def test_clean_and_split_keep_offsets(text: str) -> None:
    doc = clean(text, "p", "p", "h", LEX)
    for s, e in doc.skipped:
        assert 0 <= s <= e <= len(doc.text)
    for sent in split_sentences(doc, LEX):
        assert doc.text[sent.start : sent.end] == sent.text
    assert clean(text, "p", "p", "h", LEX) == doc


@pytest.mark.slow
@SETTINGS
@given(TEXT)
def test_claims_offsets(text: str) -> None:
    if not text.strip():
        return
    try:
        doc = EX.document(RawDocument("p", "p", text.encode("utf-8", "surrogatepass")))
    except ReadError:
        return  # NUL bytes, empty after cleaning: a user-facing error, not a crash
    claims = EX.claims(doc)
    for c in claims:
        assert doc.text[c.char_start : c.char_end] == c.quote
        assert doc.text[c.surface_start : c.surface_end] == c.surface
        assert c.low is None or c.high is None or c.low <= c.high
    assert EX.claims(doc) == claims


def test_percent_over_100_is_a_valid_interval(extractor) -> None:
    (c,) = extractor.text_claims("Sales rose to 101% of the target.")[1]
    assert (c.low, c.value, c.high) == (100.5, 101, 101.5)


CLI_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.slow
@CLI_SETTINGS
@given(TEXT)
def test_cli_quantities_and_extract_never_crash(text: str) -> None:
    import json

    from click.testing import CliRunner

    from claimcheck.cli import main

    runner = CliRunner()
    q = runner.invoke(main, ["quantities", "--lines", "-"], input=text)
    if q.exit_code == 1:  # binary-looking input (NUL bytes) gets the one-line error files get
        assert "\x00" in text and q.stderr.startswith("Error: -: contains NUL bytes"), q.output
        return
    assert q.exit_code == 0, q.output
    lines = text.split("\n")
    for row in map(json.loads, q.stdout.splitlines()):
        for item in row["quantities"]:
            assert lines[row["line"] - 1][item["start"] : item["end"]] == item["surface"]
    e = runner.invoke(main, ["extract", "-"], input=text)
    assert e.exit_code in (0, 1), e.output  # 1: a clear error (empty or binary input), never a traceback
    assert e.exception is None or isinstance(e.exception, SystemExit)
