"""The reader's markup rules (layout/markup.py): each golden case names the rule it pins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.layout import markup

CASES = json.loads((Path(__file__).parent / "data" / "markup_golden.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}-{i}" for i, c in enumerate(CASES)])
def test_rule(case: dict[str, str]) -> None:
    rule = getattr(markup, case["rule"])
    assert rule(case["text"]) == case["rendered"]


def test_every_rule_has_cases() -> None:
    named = {c["rule"] for c in CASES}
    assert {r.__name__ for r in markup.RULES} <= named


def test_render_applies_every_rule_in_order() -> None:
    text = (
        "Output of the northern mines [rose](https://x.org) to **3.1\nmillion** tonnes in the year, the ministry said."
    )
    assert (
        markup.render(text) == "Output of the northern mines rose to 3.1 million tonnes in the year, the ministry said."
    )


def test_a_line_ending_with_a_word_no_sentence_ends_with_goes_on() -> None:
    words = frozenset({"to", "of"})
    narrow = "Output of the mill rose to\n41,000 tonnes in 2030."
    assert markup.render(narrow, words) == "Output of the mill rose to 41,000 tonnes in 2030."
    assert markup.render(narrow) == narrow  # (without the lexicon's words, a short line stays)
    assert markup.render("Notes to\n- the first item", words) == "Notes to\n- the first item"


def test_a_line_ending_with_a_middle_initial_goes_on() -> None:
    """'... Secretary Jan B.' / 'Novak Jr., the ...': a hard wrap after a middle initial broke
    the name in two, and the person became 'Jan B.'."""
    text = "-   Chaired by the Health Secretary Jan B.\n    Novak Jr., the board will meet monthly."
    assert "\n" not in markup.wrapped_lines_joined(text)
    prose = "The vote was set for Plan B.\n\nThe next item was the budget."
    assert markup.wrapped_lines_joined(prose) == prose  # (a blank line still ends the paragraph)


def test_a_name_wrapped_before_its_middle_initial_goes_on() -> None:
    """'... Today, President Anton' / 'Q. Mirko announced ...': a title-case line that ends in a
    name and a next line that opens with an initial are one sentence, one person."""
    text = (
        "**LOWERING FARES FOR BORDURIAN RIDERS:** Today, President Anton\n"
        "Q. Mirko announced nine new agreements with major ferry companies."
    )
    assert "\n" not in markup.wrapped_lines_joined(text)
    outline = "Chapter one of the plan\nA. Background"
    assert markup.wrapped_lines_joined(outline) == outline  # (a short line: an outline, not a wrap)


def test_a_roman_numeral_is_no_initial() -> None:
    text = "Many soldiers of the region were killed in World War I.\nFrance lost far more soldiers than any ally did."
    assert markup.wrapped_lines_joined(text) == text


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        # an infobox label broken in a narrow column, over its value
        ("Cause Unknown\nHomes\ndestroyed\n1,204\nDeaths 12", "Cause Unknown\nHomes destroyed 1,204\nDeaths 12"),
        ("Area\nflooded\n$2.5 billion", "Area flooded $2.5 billion"),
        # a heading over a line of prose, and two labels: no label broken
        ("Homes\nThe storm destroyed 1,204 homes.", "Homes\nThe storm destroyed 1,204 homes."),
        ("Homes destroyed\n1,204", "Homes destroyed\n1,204"),
        ("Deaths\n12\nInjured\n40", "Deaths\n12\nInjured\n40"),
    ],
)
def test_an_infobox_label_wrapped_in_a_narrow_column_is_one_line(text: str, rendered: str) -> None:
    """'Homes' / 'destroyed' / '1,204': a line of a few lower-case words is no heading, label
    or sentence of its own, so the label goes on, and so does its last word to the value."""
    assert markup.wrapped_lines_joined(text) == rendered
