"""Page layout: side-by-side columns, tables that lost their separators, and what is left alone."""

from __future__ import annotations

import pytest

from claimcheck.clean import clean, clean_text
from claimcheck.layout import decolumn, deinterleave, flat_table, header_columns, looks_tabular, spaced_table
from claimcheck.sentences import split_sentences
from tests.conftest import load_cases

CASES = load_cases("layout_golden.json")


def _matches(claim, want: dict) -> bool:
    """Whether a claim has every field the expectation names."""
    for key, expected in want.items():
        if key == "quote_contains":
            if not all(part in claim.quote for part in expected):
                return False
        elif key == "metric_contains":
            if expected not in claim.metric:
                return False
        elif key == "value":
            if claim.value is None or abs(claim.value - expected) > 1e-6 * max(1.0, abs(expected)):
                return False
        elif key == "period_start":
            if claim.period_start != expected:
                return False
        elif getattr(claim, key) != expected:
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_layout_golden(case: dict, extractor) -> None:
    doc, claims = extractor.text_claims("\n".join(case["text"]), case["id"])
    numeric = [c for c in claims if c.kind == "numeric"]
    for c in claims:
        assert doc.text[c.char_start : c.char_end] == c.quote
        assert doc.text[c.surface_start : c.surface_end] == c.surface
    found = [(c.subject, c.metric, c.value, c.unit, c.period_start) for c in numeric]
    for want in case["claims"]:
        assert any(_matches(c, want) for c in numeric), f"missing {want}; found {found}"
    for bad in case.get("absent", []):
        hits = [c for c in numeric if _matches(c, bad)]
        assert not hits, f"unexpected {bad}: {[(c.subject, c.metric, c.value, c.quote) for c in hits]}"
    for part in case.get("text_contains", []):
        assert part in doc.text
    for part in case.get("text_absent", []):
        assert part not in doc.text
    order = [doc.text.find(part) for part in case.get("text_order", [])]
    assert -1 not in order and order == sorted(order), order


# -- columns --------------------------------------------------------------------------------

PAGE = (
    "Output of the mine rose      and the firm sold more\n"
    "in the year to March as      copper than ever before\n"
    "prices climbed steeply.      to buyers in Asia. Debt\n"
    "Costs rose too, by 4%.       fell by half.\n"
)


def test_decolumn_reads_left_column_then_right() -> None:
    out = decolumn(PAGE)
    assert out.rstrip("\n").split("\n\n") == [
        "Output of the mine rose in the year to March as prices climbed steeply. Costs rose too, by 4%.",
        "and the firm sold more copper than ever before to buyers in Asia. Debt fell by half.",
    ]


def test_decolumn_joins_hyphenated_breaks_but_keeps_compounds() -> None:
    page = (
        "Output of the wind farms rose     and the firm sold more long-\n"
        "sharply as new turbines came      term contracts than ever as\n"
        "into produc-                      long-term prices rose fast\n"
        "tion during the year.             in every market it serves.\n"
    )
    out = decolumn(page)
    assert "into production during the year." in out
    assert "more long-term contracts" in out  # written "long-term" elsewhere: the hyphen stays


def test_decolumn_sentence_continues_into_right_column() -> None:
    page = (
        "Exports of the region climbed for a     12% of national exports. Imports\n"
        "third year and reached a share of       were flat over the same period.\n"
        "what officials said was a record of     Tariffs did not change at all.\n"
    )
    out = decolumn(page)
    assert "a record of 12% of national exports." in out


def test_decolumn_keeps_a_longer_columns_last_paragraph() -> None:
    page = (
        "Output of the mine rose in the     and the firm sold more copper\n"
        "year to March as prices climbed    than ever before, mostly to\n"
        "steeply across the region.         buyers in Asia.\n"
        "\n"
        "Costs rose too, by 4% over the\n"
        "year, as diesel and power prices\n"
        "stayed high.\n"
        "\n"
        "                 Page 12\n"
    )
    out = decolumn(page)
    assert out.index("Costs rose too") < out.index("and the firm sold")
    assert out.rstrip().endswith("Page 12")


def test_decolumn_stops_at_a_page_break() -> None:
    page_two = PAGE.replace("mine", "plant").replace("firm", "group")
    out = clean_text(PAGE + "\f" + page_two)
    assert out.index("fell by half.") < out.index("Output of the plant")


def test_decolumn_offsets_point_into_the_stored_text(lex) -> None:
    doc = clean(PAGE, "p", "p", "h", lex)
    sents = split_sentences(doc, lex)
    assert sents and all(doc.text[s.start : s.end] == s.text for s in sents)
    assert "Costs rose too, by 4%." in [s.text for s in sents]


UNCHANGED = {
    "double spaces after full stops": (
        "The plant opened in May.   It employs 300 people.  Output is rising.\n"
        "Demand is strong.   Prices are high, and the order book is full.\n"
        "Analysts expect more.   The firm declined to comment further today.\n"
    ),
    "indented code": (
        "    total = 0          # running sum of all parts\n"
        "    for part in parts:   # every part in the list\n"
        "        total += part    # add it to the sum here\n"
        "    return total         # the sum of all the parts\n"
    ),
    "space-aligned table": (
        "Country        Output (kt)      Share\n"
        "Chile              5,000          24%\n"
        "Peru               2,600          12%\n"
        "United States      1,100           5%\n"
    ),
    "aligned field listing": (
        "Capital:        the city of Lima on the coast\n"
        "Area:           1,285,216 sq km of land area\n"
        "Population:     about 34 million people today\n"
    ),
    "pipe table": "Country | Output (kt)\n---|---\nChile   |    5,000\nPeru    |    2,600\nChina   |    1,700\n",
    "wrapped prose": (
        "The central bank raised rates by a quarter point on Tuesday, its third rise this\n"
        "year, and said inflation would stay above target until the second half of 2025.\n"
    ),
}


@pytest.mark.parametrize("text", UNCHANGED.values(), ids=UNCHANGED.keys())
def test_decolumn_leaves_other_text_alone(text: str) -> None:
    assert decolumn(text) == text


def test_ordinary_text_and_pipe_tables_split_as_before(lex) -> None:
    text = "Table 1. Output, 2023\nCountry | Output (kt)\n---|---\nChile | 5,600\nPeru | 2,600 |\n\nOutput rose 4% in 2023.\n"
    doc = clean(text, "t", "t", "h", lex)
    sents = split_sentences(doc, lex)
    rows = [s for s in sents if s.header is not None]
    assert [s.text for s in rows] == ["Chile | 5,600", "Peru | 2,600 |"]
    assert {s.header for s in rows} == {("Country", "Output (kt)")}
    assert {s.caption for s in rows} == {"Table 1. Output, 2023"}
    assert sents[-1].text == "Output rose 4% in 2023." and sents[-1].header is None


# -- tables without separators ------------------------------------------------------------


def test_header_columns() -> None:
    assert header_columns("Country Output (kt) Share".split()) == ["Country", "Output (kt)", "Share"]
    assert header_columns("Region 2021 2022 2023".split()) == ["Region", "2021", "2022", "2023"]
    assert header_columns("Item Mine production 2023 (t)".split()) == ["Item", "Mine production 2023 (t)"]
    assert header_columns("GDP (US$ bn) GDP per head ($)".split()) == ["GDP (US$ bn)", "GDP per head ($)"]


def test_flat_table_rows_and_offsets() -> None:
    line = "Region Output (kt) Share North Coast 5,000 24% South 2,600 12% East 900 4%. Source: agency"
    t = flat_table(line)
    assert t is not None
    assert t.header == ("Region", "Output (kt)", "Share")
    assert [[c for c, _, _ in row] for row in t.rows] == [
        ["North Coast", "5,000", "24%"],
        ["South", "2,600", "12%"],
        ["East", "900", "4%"],
    ]
    for row in t.rows:
        for cell, s, e in row:
            assert line[s:e] == cell
    assert line[t.start : t.end].startswith("Region") and line[t.start : t.end].endswith("4%")


@pytest.mark.parametrize(
    "line",
    [
        "Country Output Share Chile 5,600 24% Peru 2,600 11%",  # two rows only: no repeating pattern
        "Output Rose By Region North 5,000 24% South 2,600 12% East 900 4%",  # Title Case: no unique split
        "Region 2022 2023 North 5,000 5,200 South 2,600 2,700 East 900 950",  # year columns
        "Output rose in the north to 5,000 and in the south to 2,600 and in the east to 900",
        "Region Output Share North 5,000 24% South 2,600 East 900 4%",  # a row lacks a cell
    ],
)
def test_flat_table_refuses_ambiguous_lines(line: str) -> None:
    assert flat_table(line) is None


def test_spaced_table() -> None:
    lines = ["Company Share of market (%)", "Alpha Corp 37.4", "Beta 15.8", "", "Gamma 3.0"]
    header, rows = spaced_table(lines)
    assert header == ("Company", "Share of market (%)")
    assert [r[0][0] for r in rows] == ["Alpha Corp", "Beta"]
    assert spaced_table(["Company Share of market (%)", "Alpha Corp 37.4"]) is None  # one row
    assert spaced_table(["Output rose sharply.", "North 5,000 24%", "South 2,600 12%"]) is None
    sentence = "The figures below were compiled from tax returns by the Statistics Office"
    assert spaced_table([sentence, "North 5,000 24%", "South 2,600 12%"]) is None


def test_a_caption_over_a_header_of_periods_is_no_spaced_tables_header() -> None:
    """'Table 3. Mineral output (thousand tonnes)' over 'Product 2030 2031': the line of
    years is the table's header, not its first row, and the caption no header of columns."""
    caption = "Table 3. Mineral output (thousand tonnes)"
    assert spaced_table([caption, "Product 2030 2031", "Valdrex 13.6 14.2", "Coal 2,100 2,240"]) is None


def test_a_table_under_its_caption_reads_its_periods_and_the_captions_unit() -> None:
    from claimcheck.model import RawDocument
    from claimcheck.pipeline import Extractor

    text = "Table 3. Mineral output (thousand tonnes)\nProduct 2030 2031\nValdrex 13.6 14.2\nCoal 2,100 2,240\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="m.txt", name="m.txt", data=text.encode()))
    got = sorted((c.surface, c.value, c.unit, c.period_start) for c in ex.claims(doc))
    assert got == [
        ("13.6", 13_600, "t", "2030"), ("14.2", 14_200, "t", "2031"),
        ("2,100", 2_100_000, "t", "2030"), ("2,240", 2_240_000, "t", "2031"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "tabular"),
    [
        ("Lithium Output By Country 2023 North 86,000 47 South 44,000 24 East 33,000 18", True),
        ("In 2021 the north produced 5.1 Mt, in 2022 the south 2.4 Mt and in 2023 the east 1.7 Mt, up 4%.", False),
        ("In 2021 North produced 5.1 Mt. In 2022 South produced 2.4 Mt, in 2023 East 1.7 Mt, up 4% on 2022.", False),
        ("Output rose 4% to 5,000 t.", False),
    ],
)
def test_looks_tabular(line: str, tabular: bool) -> None:
    assert looks_tabular(line) is tabular


def test_unreadable_flat_table_yields_no_sentence(lex) -> None:
    text = "Prices fell 8% in 2023.\n\nLithium Output By Country 2023 North 86,000 47 South 44,000 24 East 33,000 18\n"
    doc = clean(text, "t", "t", "h", lex)
    assert [s.text for s in split_sentences(doc, lex)] == ["Prices fell 8% in 2023."]


def test_decolumn_is_linear_on_long_inputs() -> None:
    import time

    column_page = "\n".join("The plant opened in May and      it employs 300 people here" for _ in range(3000))
    table = "\n".join(f"Item number {i}         {i * 7},000" for i in range(3000))
    began = time.perf_counter()
    decolumn(column_page)
    decolumn(table)
    assert time.perf_counter() - began < 5  # quadratic versions took minutes


# -- columns whose lines alternate ----------------------------------------------------------

PROSE = (
    "Copper output in Chile rose 5% in 2023 as\n"
    "new mines opened in the north. Prices\n"
    "held up. The government expects more\n"
    "growth next year, and the central bank\n"
    "agrees. Exports to China, the largest\n"
    "buyer, rose again. Officials in the U.S.\n"
    "said that imports would slow. Demand for\n"
    "refined metal stayed strong in Europe.\n"
)


def test_deinterleave_leaves_ordinary_wrapped_prose_alone() -> None:
    assert deinterleave(PROSE) == PROSE
    assert deinterleave("Short.\nlines\nbut too few.\n") == "Short.\nlines\nbut too few.\n"


def test_deinterleave_reorders_alternating_lines() -> None:
    left = ["Output rose 5% in 2023.", "Costs rose. Margins", "shrank. Debt fell.", "Sales doubled."]
    right = ["demand was weak in", "the south. prices", "fell. exports grew", "in the north."]
    mixed = "\n".join(x for pair in zip(left, right, strict=True) for x in pair)
    out = deinterleave(mixed)
    assert out.index("Sales doubled.") < out.index("demand was weak")
    assert "Output rose 5% in 2023. Costs rose. Margins shrank. Debt fell." in out


@pytest.mark.parametrize(
    "module", ["claimcheck.layout.columns", "claimcheck.layout.tables", "claimcheck.layout.hyphens"]
)
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
