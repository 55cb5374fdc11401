"""Cleaning: mojibake, invisible characters, furniture, title and stated dates."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.clean import clean, clean_text, find_furniture, find_published, find_title, fix_text


def _garble(text: str, invisible: str, codec: str) -> str:
    """Simulate a tool that read UTF-8 bytes as a legacy codepage."""
    return text.replace("|", invisible.encode("utf-8").decode(codec, errors="ignore"))


@pytest.mark.parametrize("codec", ["cp1252", "iso8859-2"])
@pytest.mark.parametrize("invisible", ["\u2062", "\u2063", "\u2064", "\u200b"])
def test_invisible_mojibake_removed(invisible: str, codec: str) -> None:
    raw = _garble("Output rose |in the third quarter, a key| driver of| growth.", invisible, codec)
    assert "|" not in raw and invisible not in raw and not raw.isascii()  # visible garbage
    cleaned = clean_text(raw)
    assert cleaned == "Output rose in the third quarter, a key driver of growth.\n"


def test_mojibake_merged_with_no_break_space() -> None:
    # "â¤" followed by a no-break space, re-read as UTF-8, becomes one character
    merged = ("\u00e2\u00a4\u00a0").encode("cp1252").decode("utf-8")
    assert clean_text(f"key{merged}components in technologies") == "key components in technologies\n"


def test_classic_mojibake_and_controls() -> None:
    assert clean_text("Itâ€™s the â€œbestâ€\x9d\x1b[31m year\x00") == 'It\'s the "best" year\n'


def test_french_text_untouched() -> None:
    assert clean_text("Le château coûte 3 millions d'euros.") == "Le château coûte 3 millions d'euros.\n"


# Pieces ftfy treats differently: mojibake, entities, "<" (which turns entity unescaping off
# for the rest of the text), line breaks of several kinds, escapes and control characters.
_PIECES = [
    "plain words ",
    "Itâ€™s ",
    "cafÃ©",
    "Â£5",
    "&amp;",
    "&lt;b&gt;",
    "<p>",
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    "\x85",
    "\x1b[1m",
    "\x00",
    "\x7f",
    "\t",
    "“quoted”",
    "it’s",
    "‚low‘ „low“",
    " — ",
    "–",
    "…",
    "«»",
    "€5",
    "½",
    "£5",
    "•",
    "°C",
    "Ã",
    "\u00e2\u20ac",
    "Õ",
    "São Paulo",
    "Müller",
    "Łódź",
    "ß",
    "Á",
    "ã©",
    "ﬁne",
    "ＡＢ",
    "é",
    "e\u0301",
    "&",
]


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_fix_text_is_ftfy(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert fix_text(text) == ftfy.fix_text(text, normalization="NFC")


def test_lines_with_only_typography_or_letters_skip_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line whose only non-ASCII characters are quotes and dashes is uncurled without ftfy
    (0.8 ms a line); one that also has a character mojibake is made of goes to ftfy."""
    mixed = "It’s Ä\n"
    expected = ftfy.fix_text(mixed, normalization="NFC")
    calls: list[str] = []
    real = ftfy.fix_and_explain
    monkeypatch.setattr(ftfy, "fix_and_explain", lambda text, config: calls.append(text) or real(text, config))
    typography = "It’s “up” — by half… ‚so‘ «said» €5 ½\n"
    assert fix_text(typography) == "It's \"up\" — by half… 'so' «said» €5 ½\n"
    assert calls == []
    # "’" is a lead byte in Mac Roman and "Ä" a continuation byte: together they may be mojibake
    assert fix_text(mixed) == expected and calls == [mixed]
    calls.clear()
    letters = "José Müller of São Paulo and Kraków\n"
    assert fix_text(letters) == letters and calls == []
    # letters and curly quotes together may be mojibake ("é" and "’" are a lead byte and a
    # continuation byte in Latin-1/Windows-1252): ftfy decides
    assert fix_text("José’s\n") == "José's\n" and calls == ["José’s\n"]


def test_fix_text_skips_plain_lines_only() -> None:
    # a plain line between two broken ones stays as it is; the broken ones are fixed
    assert fix_text("cafÃ©\nplain & simple\nItâ€™s\n") == "café\nplain & simple\nIt's\n"
    # entities are unescaped until a line contains "<"; after it they are left as they are
    assert fix_text("é &amp;\n<p>\né &amp;\n") == "é &\n<p>\né &amp;\n"


DOC = """Article **Open Access**

How Chile Became a Copper Giant

Received: 01 March 2024

Published: 3 May 2024

Keywords: copper; mining

1. Introduction

Chile produced 5.3 million tonnes of copper in 2023.

Facebook12k
Twitter3.4k

Related posts

Peru Expands Lithium Output By 20%

References

1. A. Author, "Copper," J. Mines, vol. 3, no. 2, pp. 10-20, 2019.
"""


def test_title_skips_labels(lex) -> None:
    assert find_title(clean_text(DOC), lex) == "How Chile Became a Copper Giant"


def test_markdown_heading_is_title(lex) -> None:
    assert find_title("Intro line\n# The Real Title\n", lex) == "The Real Title"


def test_stated_publication_date(lex) -> None:
    assert find_published(clean_text(DOC), lex) == "2024-05-03"
    assert find_published("Updated March 3, 2024\n\nText.\n", lex) == "2024-03-03"
    assert find_published("WASHINGTON, June 5, 2023 (Reuters) - Text.\n", lex) == "2023-06-05"
    assert find_published("No date here, only 2021 and August 2nd.\n", lex) is None


@pytest.mark.parametrize(
    "line",
    ["November 30, 2023", "Thursday, November 30, 2023", "Thu 30 Nov 2023 10:45 GMT", "30 November 2023 at 10:45 am"],
)
def test_a_date_alone_under_the_headline_is_the_publication_date(lex, line: str) -> None:
    text = f"Euro zone inflation eases\n\nBy Jane Doe\n{line}\n\nPrices rose 2.4% in November.\n"
    assert find_published(text, lex) == "2023-11-30"
    assert find_title(f"{line}\n{text}", lex) == "Euro zone inflation eases"


@pytest.mark.parametrize("line", ["The summit on November 30, 2023", "Monument day November 30, 2023", "November 2023"])
def test_a_line_that_says_more_than_a_date_is_no_publication_date(lex, line: str) -> None:
    assert find_published(f"Title\n{line}\n\nText.\n", lex) is None


def test_furniture_spans(lex) -> None:
    text = clean_text(DOC)
    skipped = [text[s:e] for s, e in find_furniture(text, lex)]
    assert "Facebook12k" in skipped and "Twitter3.4k" in skipped
    assert any(s.startswith("Related posts") and "Peru" in s for s in skipped)
    assert any(s.startswith("References") and "pp. 10-20" in s for s in skipped)
    assert "1." in skipped  # the section number, not the heading
    assert not any("Chile produced" in s for s in skipped)


def test_document_keeps_text_and_offsets(lex) -> None:
    doc = clean(DOC, "x.txt", "x.txt", "h", lex)
    assert doc.meta.published_how == "stated"
    for s, e in doc.skipped:
        assert 0 <= s < e <= len(doc.text)


@pytest.mark.parametrize("city", ["LONDON", "SÃO PAULO", "BOGOTÁ", "ZÜRICH", "ŁÓDŹ"])
def test_wire_dateline_is_furniture(lex, city: str) -> None:
    """City names with accented capitals are datelines too: 'SÃO PAULO, ... (Reuters)' was
    read as text, and 'Reuters' became the subject of the first figure."""
    text = clean_text(f"{city}, March 4 (Reuters) - Oil prices rose on Monday.\n")
    spans = [text[s:e] for s, e in find_furniture(text, lex)]
    assert spans == [f"{city}, March 4 (Reuters) - "]
    assert find_published(f"{city}, June 5, 2023 (Reuters) - Text.\n", lex) == "2023-06-05"


@pytest.mark.parametrize(
    "dateline", ["GENEVA, 16 November 2023 – ", "WASHINGTON, June 5, 2023 - ", "SÃO PAULO, 3 May 2024 — "]
)
def test_a_press_release_dateline_is_furniture(lex, dateline: str) -> None:
    """'GENEVA, 16 November 2023 – Measles cases rose by 18% ...': without an agency the
    dateline stayed text, and its date became the period of the first figure."""
    text = clean_text(dateline + "Measles cases rose by 18% in 2022.\n")
    assert [text[s:e] for s, e in find_furniture(text, lex)] == [dateline]
    plain = clean_text("GENEVA - Measles cases rose by 18% in 2022.\n")  # no date: no dateline
    assert find_furniture(plain, lex) == ()


def test_a_publication_date_line_is_not_a_title(lex) -> None:
    body = "Chile's copper output fell 5% in 2023, the agency said. Prices rose.\n"
    for dateline in ("Published on May 20, 2023", "Posted: 2024-03-12", "Updated 4 March 2024"):
        text = f"{dateline}\n\n{body}"
        assert find_title(text, lex) is None, dateline
        assert find_title(f"{dateline}\nCopper output falls\n\n{body}", lex) == "Copper output falls"
    assert find_published("Published on May 20, 2023\n\n" + body, lex) == "2023-05-20"


def test_a_body_paragraph_is_not_a_title(lex) -> None:
    """A text that starts with its body has no title (a first line of several sentences)."""
    assert find_title("Kenya and Uganda signed the deal. Tanzania did not.\n\nMore text.\n", lex) is None
    assert find_title("Copper output falls. Prices rise\n\nBody.\n", lex) == "Copper output falls. Prices rise"
    assert (
        find_title("Chile's copper output fell 5% in 2023.\n\nBody.\n", lex) == "Chile's copper output fell 5% in 2023."
    )


@pytest.mark.parametrize(
    "value",
    [
        "date: 2023-13-01",
        "date: 2023-02-31",
        "title: 1" + "0" * 5000,
        pytest.param("title: " + "[" * 3000 + "]" * 3000, marks=pytest.mark.slow),
    ],
)
def test_front_matter_no_python_value_holds_is_left_as_text(value: str, lex) -> None:
    """YAML that parses but holds no Python value (month 13, an integer past Python's digit
    limit, thousands of nested lists) raised out of PyYAML as ValueError or RecursionError."""
    from claimcheck.clean import front_matter

    text = f"---\n{value}\n---\nThe mine made 7 tonnes.\n"
    assert front_matter(text) == ({}, 0)
    assert clean(text, "t", "t", "h", lex).text.endswith("The mine made 7 tonnes.\n")


def test_a_dateline_with_its_place_is_the_publication_date(lex) -> None:
    """'Brussels, December 7, 2024' alone under the headline: the date the story was filed
    from that place; it is not the title either."""
    text = "EU and Mercosur sign trade pact\n\nBrussels, December 7, 2024\n\nThe pact was signed on Friday.\n"
    assert find_published(text, lex) == "2024-12-07"
    assert find_title(text, lex) == "EU and Mercosur sign trade pact"
    assert find_published("Chile, Peru sign deal\n\nThe deal was signed.\n", lex) is None


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("* Unemployment in Borduria was 11.2%.", False),  # a Markdown list item
        ("* Department of Health data show 4 million enrolled.", False),
        ("* Corresponding author: a.mirko@valdrex.edu", True),  # an author's note
        ("* These authors contributed equally to this work.", True),
        ("¹ Department of Economics, University of Valdrex", True),
        ("† Deceased.", True),
    ],
)
def test_an_asterisk_opens_an_authors_note_only_with_an_authors_words(lex, line: str, furniture: bool) -> None:
    text = f"Title\n\n{line}\n\nThe rate was 5% in 2030.\n"
    assert (line in [text[s:e] for s, e in find_furniture(text, lex)]) is furniture


# Publication dates as documents write them, each case tagged with the rule that must find it
# (formats.published): the date and how it was found.
PUBLISHED_CASES = [
    ("stated", "Borduria Ministry of Health\nReleased: 12 May 2031\n\nText.\n", "2031-05-12"),
    ("stated", "Press release\nPublished 12.05.2031\n\nText.\n", "2031-05-12"),
    ("stated", "BORDURIA GAZETTE\nDate of issue: 3 June 2031\n\nText.\n", "2031-06-03"),
    ("stated", "Valdrex notice\nIssued on 2031/06/03\n\nText.\n", "2031-06-03"),
    # a Published line wins over a masthead above it
    ("stated", "Borduria Herald | 1 March 2031\nPublished: 4 March 2031\n\nText.\n", "2031-03-04"),
    ("dateline", "VALDREX CITY, March 4, 2031 (Agency) - Storm Kelda killed 12 people.\n", "2031-03-04"),
    # a wire dateline without its year: the year nearest the latest date the text states
    (
        "dateline",
        "Kelda toll rises\n\nVALDREX CITY, March 4 (Agency) - Storm Kelda, which struck on March 2, 2031, "
        "killed 12 people.\n",
        "2031-03-04",
    ),
    (
        "dateline",
        "VALDREX CITY, January 3 (Agency) - The storm of December 30, 2030 killed 12 people.\n",
        "2031-01-03",
    ),
    ("masthead", "Borduria Herald | Tuesday, 4 March 2031\n\nKelda leaves 14 dead\n\nText.\n", "2031-03-04"),
    ("masthead", "Tuesday, 4 March 2031 · Borduria Herald\n\nText.\n", "2031-03-04"),
    ("masthead", "Kelda leaves 14 dead\nBy Irena Vask\nThu 6 Mar 2031 10:45 GMT\n\nText.\n", "2031-03-06"),
    ("masthead", "Borduria Herald | 6 March 2031 | Page 3\n\nKelda toll rises\n\nText.\n", "2031-03-06"),
    ("masthead", "Kelda toll rises\nBy Irena Vask, Agency | March 6, 2031\n\nText.\n", "2031-03-06"),
    ("masthead", "Kelda toll rises\nIrena Vask · 6 March 2031 · 3 min read\n\nText.\n", "2031-03-06"),
    ("masthead", "Kelda toll rises\nMarch 6, 2031 at 10:45 a.m. EST\n\nText.\n", "2031-03-06"),
    ("dateline", "Valdrex, 6 March 2031 (Agency) — Storm Kelda killed 12 people in the north.\n", "2031-03-06"),
    ("title", "Update: Storm Kelda Recovery — Borduria, May 2031\n\nText.\n", "2031-05"),
    (
        "imprint",
        "HOUSING AFTER STORM KELDA\n\nText of 2030.\n\nBorduria Statistics Office, May 2031   Page 1\n",
        "2031-05",
    ),
    ("imprint", "Borduria Statistics Office | June 2031\n\nHOUSING\n\nText.\n", "2031-06"),
]


@pytest.mark.parametrize(
    ("how", "text", "date"), PUBLISHED_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(PUBLISHED_CASES)]
)
def test_publication_date_and_how(lex, how: str, text: str, date: str) -> None:
    doc = clean(text, "x.txt", "x.txt", "h", lex)
    assert (doc.meta.published, doc.meta.published_how) == (date, how)


@pytest.mark.parametrize(
    "text",
    [
        "VALDREX CITY, March 4 (Agency) - Storm Kelda killed 12 people.\n",  # no year anywhere: not guessed
        "Storm Kelda\n\nThe storm struck on March 2, 2031 and killed 12 people.\n",  # a date the text states
        "Kelda report 05/06/2031\n\nText.\n",  # 5 June or May 6
        "Storm Kelda, 2031\n\nText.\n",  # a year is no month of publication
        "Published: the ministry's annual review\n\nText.\n",
        "Storm Kelda\nFormed | March 2, 2031 |\nDissipated | March 6, 2031 |\n\nText.\n",  # an infobox's rows
        "Storm Kelda, March 2, 2031 - a timeline\n\nText.\n",  # a heading with the event's date
        "Storm Kelda, which struck on March 2, 2031 (local time) - killed 12 people in the north.\n",
    ],
)
def test_no_publication_date_guessed(lex, text: str) -> None:
    doc = clean(text, "x.txt", "x.txt", "h", lex)
    assert (doc.meta.published, doc.meta.published_how) == (None, "unknown")


def test_masthead_is_no_title(lex) -> None:
    text = "Borduria Herald | Tuesday, 4 March 2031\n\nKelda leaves 14 dead across Borduria\n\nText.\n"
    assert find_title(text, lex) == "Kelda leaves 14 dead across Borduria"


def test_front_matter_wins_over_the_text(lex) -> None:
    doc = clean("---\npublished: 2031-03-05\n---\nReleased: 12 May 2031\n\nText.\n", "x.md", "x.md", "h", lex)
    assert (doc.meta.published, doc.meta.published_how) == ("2031-03-05", "front_matter")


_YAML_PIECES = ["title:", "date:", " ", "  ", "\n", "\t", "'", '"', "-", "- ", ": ", "2031-04-05", "2031-13-45",
                "14:08:43-05:00", "Valdrex", "Borduria's", "[", "]", "{", "}", ",", "#", "&a", "*a", "!!str", "|",
                ">", "?", "%YAML 1.1", "---", "...", "1e400", "0x1F", "yes", "~", "\x07", "é", "\u2028"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=14).map("".join))
def test_front_matter_yaml_reads_as_the_pure_python_parser_does(text: str) -> None:
    """Front matter is parsed with libyaml when it can be: same values, same refusals."""
    import yaml

    from claimcheck.clean import _yaml

    def outcome(load):  # type: ignore[no-untyped-def]
        try:
            return ("value", repr(load(text)))
        except (yaml.YAMLError, ValueError, RecursionError):
            return ("refused", None)

    assert outcome(_yaml) == outcome(yaml.safe_load), text
