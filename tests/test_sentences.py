"""Sentence splitting: offsets, abbreviations, initials, lists, joins and tables."""

from __future__ import annotations

import pytest

from claimcheck.clean import clean
from claimcheck.sentences import split_sentences


def _split(text: str, lex):
    doc = clean(text, "t", "t", "h", lex)
    sents = split_sentences(doc, lex)
    for s in sents:
        assert doc.text[s.start : s.end] == s.text
    return [s.text for s in sents], sents


def test_abbreviations_and_initials(lex) -> None:
    texts, _ = _split("The U.S. Secretary met Mr. Tan and L. Gomez on Monday. Talks ended. Dr. Ruiz left.\n", lex)
    assert texts == ["The U.S. Secretary met Mr. Tan and L. Gomez on Monday.", "Talks ended.", "Dr. Ruiz left."]


def test_missing_space_after_full_stop(lex) -> None:
    texts, _ = _split("Demand rose sharply.As a result prices climbed.\n", lex)
    assert texts == ["Demand rose sharply.", "As a result prices climbed."]


def test_sentence_broken_across_blank_line_is_joined(lex) -> None:
    texts, _ = _split("Exports reached a record high on\n\nthe back of strong demand [2]. Next one.\n", lex)
    assert texts[0].startswith("Exports reached") and texts[0].endswith("demand [2].")


def test_list_markers_stripped(lex) -> None:
    texts, _ = _split("Key points:\n- Output grew 5%.\n2) Prices fell.\n", lex)
    assert texts == ["Key points:", "Output grew 5%.", "Prices fell."]


def test_table_rows_carry_header_and_caption(lex) -> None:
    text = "Table 1. Output, 2023\nCountry | Output (kt)\n---|---\nChile | 5,600\nPeru | 2,600 |\n"
    _, sents = _split(text, lex)
    rows = [s for s in sents if s.header]
    assert [r.cells[0][0] for r in rows] == ["Chile", "Peru"]
    assert rows[0].header == ("Country", "Output (kt)")
    assert rows[0].caption == "Table 1. Output, 2023"
    doc_text = clean(text, "t", "t", "h", lex).text
    for r in rows:
        for cell, s, e in r.cells:
            assert doc_text[s:e] == cell


def test_a_run_on_sentence_is_read_in_pieces(lex) -> None:
    """A 'sentence' of thousands of figures (a list or dump without full stops) is cut at
    separators into pieces of at most MAX_SENTENCE characters: every figure is read against
    its sentence, so one such sentence made extraction quadratic."""
    from claimcheck.sentences import MAX_SENTENCE

    text = "Output by mine: " + ", ".join(f"mine {i} made {i + 10} tonnes" for i in range(600)) + ".\n"
    texts, sents = _split(text, lex)
    assert len(texts) > 1 and all(len(t) <= MAX_SENTENCE for t in texts)
    assert texts[0].startswith("Output by mine: mine 0 made 10 tonnes,") and texts[-1].endswith("609 tonnes.")
    assert all(t.endswith(",") or t.endswith(".") for t in texts)  # cut after ", " (nothing lost)
    assert " ".join(texts) == text.strip()


@pytest.mark.slow
def test_many_furniture_lines_are_skipped_by_lookup(lex) -> None:
    """_Skipped answers as the plain definition does (one span holds the range; trimming
    moves past spans the start falls in)."""
    from claimcheck.sentences import _Skipped

    spans = ((0, 4), (10, 20), (20, 25), (40, 60))
    skipped = _Skipped(spans)
    for start in range(0, 70):
        for end in range(start + 1, 72):
            assert skipped.covers(start, end) == any(s <= start and end <= e for s, e in spans), (start, end)
    assert skipped.trim(12, 30) == 25 and skipped.trim(12, 22) == 20 and skipped.trim(5, 30) == 5
    texts, _ = _split("Title\n\n" + "5\n" * 3000 + "\nThe mine made 7 tonnes.\n", lex)
    assert texts[-1] == "The mine made 7 tonnes."


def test_a_degree_sign_before_a_letter_makes_a_unit_not_an_initial(lex) -> None:
    """'10.1 °C. Annual ...' was one sentence ('C.' read as an initial or circa), so the next
    figure's metric took the words of the first ('average temperature is c precipitation')."""
    texts, _ = _split("The mean is 10.1 °C. Annual rainfall is 842 mm. Born c. 1950 in Lima.\n", lex)
    assert texts == ["The mean is 10.1 °C.", "Annual rainfall is 842 mm.", "Born c. 1950 in Lima."]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("## Zambia", "Zambia"),
        ("ZAMBIA", "ZAMBIA"),
        ("Country Notes: Zambia", "Country Notes: Zambia"),
        ("Economic Outlook", "Economic Outlook"),
        ("The fire spread quickly", None),
        ("Copper 8,050 71%", None),
        ("- Item one", None),
    ],
)
def test_section_heading(line: str, heading: str | None) -> None:
    from claimcheck.layout.fields import section_heading

    assert section_heading(line) == heading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hard wrap after a dated opening's comma, or after an office before its holder's name
        (
            "**VALDREX:** Today,\nPresident Anton Mirko signed a decree.",
            ["**VALDREX:** Today,\nPresident Anton Mirko signed a decree."],
        ),
        ("Today, President\nAnton Mirko signed a decree.", ["Today, President\nAnton Mirko signed a decree."]),
        # a line that ends its sentence, or on another word, stays apart
        ("Anton Mirko spoke.\nBorduria agreed.", ["Anton Mirko spoke.", "Borduria agreed."]),
        ("Borduria Grain Exports\nValdrex rose 4% in 2031.", ["Borduria Grain Exports", "Valdrex rose 4% in 2031."]),
    ],
)
def test_a_line_cut_off_mid_sentence_before_a_capital_continues(text: str, expected: list, lex) -> None:
    assert _split(text, lex)[0] == expected
