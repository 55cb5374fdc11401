"""The frame rules: golden sentences, each tagged with the rule that reads its frame, so a
failing case names the rule that broke."""

from __future__ import annotations

import re

import pytest

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.frame_rules import FRAME_RULES, FrameState
from claimcheck.extract.frames import Frame, frame_of
from claimcheck.extract.quantities import extract_quantities
from claimcheck.lexicon import Lexicon
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from tests.conftest import load_cases

CASES = load_cases("frames_golden.json")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]*[a-z]")  # as the claim layer reads a document's words


@pytest.fixture(scope="module")
def readers(lex: Lexicon) -> tuple[EntityIndex, MetricNames]:
    return EntityIndex(lex), MetricNames(lex)


def _state(case: dict, lex: Lexicon, readers: tuple[EntityIndex, MetricNames]) -> FrameState:
    entities, metrics = readers
    text = case["text"]
    ctx = ClaimContext(lex, entities, metrics, case["topic"], None, lower_words=frozenset(_LOWER_WORD.findall(text)))
    q = next(q for q in extract_quantities(text, lex) if q.surface == case["figure"])
    return FrameState.of(text, q, entities.mentions(text), ctx)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['id']}" for c in CASES])
def test_golden(case: dict, lex: Lexicon, readers: tuple[EntityIndex, MetricNames]) -> None:
    s = _state(case, lex, readers)
    fired = [(rule.__name__, frame) for rule in FRAME_RULES if (frame := rule(s)) is not None]
    assert fired, "no rule read a frame"
    rule, frame = fired[0]
    assert rule == case["rule"], f"read by {rule}, not {case['rule']}: {frame}"
    assert frame == Frame(**case["frame"])
    assert frame_of(s.text, s.q, s.mentions, s.ctx) == frame


def test_every_rule_has_cases() -> None:
    assert {rule.__name__ for rule in FRAME_RULES} - {c["rule"] for c in CASES} == set()
    assert len({rule.__name__ for rule in FRAME_RULES}) == len(FRAME_RULES)


def test_frame_is_a_tuple() -> None:
    """Callers unpack a frame or index it, as they did when it was a bare tuple."""
    frame = Frame("Norway", "salmon exports", "Japan")
    subject, metric, obj = frame
    assert (subject, metric, obj) == ("Norway", "salmon exports", "Japan")
    assert frame[1] == "salmon exports" and frame.object == "Japan"
    assert frame == ("Norway", "salmon exports", "Japan")
