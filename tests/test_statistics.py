"""Statistical tables whose columns are periods (layout/statistics.py, extract/statistics.py):
a summary converted from PDF, its rows one per line."""

from __future__ import annotations

import pytest

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.statistics import caption_unit
from claimcheck.layout.statistics import cell_estimate, flat_period_table, period_table
from claimcheck.lexicon import default_lexicon
from claimcheck.model import RawDocument
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.pipeline import Extractor

SUMMARY = """NICKEL

(Data in metric tons of nickel content unless otherwise noted)

Domestic Production and Use: One mine in Ruritania produced nickel concentrate in 2030.

Salient Statistics—Ruritania: 2026 2027 2028 2029 2030e
Production:
Mine 18,400 17,900 16,100 17,200 16,800
Refinery — — — — —
Imports for consumption, refined 120,000 110,500 114,300 118,900 121,000
Price, cash, dollars per pound 6.25 8.10 9.75 7.40 7.95
Net import reliance as a percentage of apparent consumption 46 49 >50 48 47

World Mine Production and Reserves:
Mine production Reserves
2029 2030e
Indonesia 1,600,000 1,800,000 55,000,000
Philippines 4 330,000 320,000 W
Other countries 290,000 300,000 NA
"""


@pytest.fixture(scope="module")
def claims():
    ex = Extractor()
    doc = ex.document(RawDocument(path="s.txt", name="s.txt", data=SUMMARY.encode()))
    return ex.claims(doc)


def _rows(claims, **match):
    return sorted(
        (c.value, c.unit, c.period_start, c.qualifier)
        for c in claims
        if all(getattr(c, k) == v for k, v in match.items())
    )


def test_period_table_reads_header_parent_rows_and_cells() -> None:
    lines = SUMMARY.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Salient"))
    table = period_table(lines, start)
    assert table is not None
    assert table.title == "Salient Statistics—Ruritania:"
    assert [(c.period, c.estimated) for c in table.columns] == [
        ("2026", False), ("2027", False), ("2028", False), ("2029", False), ("2030", True)
    ]  # fmt: skip
    assert [(r.parent, r.label[0]) for r in table.rows][:2] == [("Production", "Mine"), ("Production", "Refinery")]
    assert table.rows[2].parent is None  # a longer label is a row of its own


def test_two_line_header_and_footnote_markers() -> None:
    lines = SUMMARY.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Mine production"))
    table = period_table(lines, start)
    assert table is not None
    assert [(c.name, c.period) for c in table.columns] == [
        ("Mine production", "2029"), ("Mine production", "2030"), ("Reserves", None)
    ]  # fmt: skip
    assert [c[0] for c in table.rows[1].cells] == ["330,000", "320,000", "W"]  # (the 4 is a note)


def test_rows_take_their_columns_period_and_the_documents_unit(claims) -> None:
    mine = _rows(claims, subject="Ruritania", metric="mine production of nickel")
    assert mine == [
        (16100, "t", "2028", "exact"), (16800, "t", "2030", "exact"), (17200, "t", "2029", "exact"),
        (17900, "t", "2027", "exact"), (18400, "t", "2026", "exact"),
    ]  # fmt: skip
    assert all(c.period_text == "2030 (estimated)" for c in claims if c.period_start == "2030")


def test_a_rows_own_unit_and_a_bounded_cell(claims) -> None:
    prices = [c for c in claims if c.subject == "Ruritania" and "price" in c.metric]
    assert prices and all(c.unit.startswith("USD/") for c in prices)
    reliance = [c for c in claims if c.unit == "%" and c.qualifier == "over"]
    assert [(c.value, c.period_start) for c in reliance] == [(50, "2028")]


def test_cells_without_a_figure_give_nothing(claims) -> None:
    assert not any(c.surface in ("—", "W", "NA") for c in claims)
    assert not any("refinery" in c.metric for c in claims)


def test_a_row_that_is_a_place_is_the_subject_and_the_column_the_measure(claims) -> None:
    assert _rows(claims, subject="Indonesia", metric="reserves of nickel") == [(55_000_000, "t", None, "exact")]
    assert len(_rows(claims, subject="Philippines")) == 2
    assert not any(c.value == 4 for c in claims)


def test_a_header_of_years_alone_and_a_bracketed_unit_note() -> None:
    text = (
        "Crude oil outlook\n\n[Data in thousand barrels per day unless otherwise noted]\n\n"
        "2027 2028 2029 2030e\nProduction, offshore 1,200 1,350 — 1,900\nProduction, onshore 800 790 810 805\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="o.txt", name="o.txt", data=text.encode()))
    got = sorted((c.metric, c.value, c.period_start) for c in ex.claims(doc))
    assert ("offshore production", 1_200_000, "2027") in [(m, round(v), p) for m, v, p in got]
    assert len([g for g in got if g[0] == "offshore production"]) == 3  # (the dash is no figure)
    assert len([g for g in got if g[0] == "onshore production"]) == 4


YEARBOOK = """# Forestry yearbook 2031

Table 2. Roundwood removals by species, thousand cubic metres

| Species | 2029 | 2030 | 2031e |
|---|---|---|---|
| Spruce | 41,200 | 39,800 | >38,000 |
| Birch | <1 | NA | 2 |

Share of removals by owner:

- Private owners 61%
- Companies, 24%
- State: 15%
"""


@pytest.fixture(scope="module")
def yearbook():
    ex = Extractor()
    doc = ex.document(RawDocument(path="y.md", name="y.md", data=YEARBOOK.encode()))
    return ex.claims(doc)


def test_pipe_table_cells_with_bounds_and_an_estimated_year(yearbook) -> None:
    spruce = sorted((c.period_start, c.qualifier, c.period_text) for c in yearbook if c.metric.startswith("spruce"))
    assert spruce == [("2029", "exact", "2029"), ("2030", "exact", "2030"), ("2031", "over", "2031 (estimated)")]
    birch = sorted((c.period_start, c.qualifier) for c in yearbook if c.metric.startswith("birch"))
    assert birch == [("2029", "under"), ("2031", "exact")]  # ("NA" is no figure)
    assert not any("table" in c.metric for c in yearbook)  # "Table 2." names no measure


def test_a_list_of_labelled_figures_under_its_heading(yearbook) -> None:
    parts = sorted((c.object, c.value, c.metric) for c in yearbook if c.unit == "%")
    assert parts == [
        ("Companies", 24, "share of removals by owner"),
        ("Private owners", 61, "share of removals by owner"),
        ("State", 15, "share of removals by owner"),
    ]


SUMMARY_TIGHT = """COBALT

[Data in metric tons of cobalt content unless otherwise noted]

Salient Statistics—Ruritania: 2027 2028 2029 2030e
Production, mine 1,200 1,350 — 1,900
Imports for consumption 7 12,500 11,800 13,100 14,000
Net import reliance as a percentage of apparent consumption >90 >90 >90 >90

Import sources (2026–29): Borduria, 4 38%; Indonesia 31%; China 18%; and other 13%.
"""


def test_rows_right_under_the_header_and_a_list_of_sources_with_a_footnote() -> None:
    """A header of years with its rows on the next lines is a table, not a sentence wrapped
    over them; a list's footnote marker ('Borduria, 4 38%') leaves the name to its figure,
    and the label's span of years ('(2026–29)') is every figure's period."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="c.txt", name="c.txt", data=SUMMARY_TIGHT.encode()))
    claims = ex.claims(doc)
    mine = sorted((c.period_start, c.value) for c in claims if c.metric == "mine production of cobalt")
    assert mine == [("2027", 1200), ("2028", 1350), ("2030", 1900)]
    assert len([c for c in claims if c.metric == "imports for consumption of cobalt"]) == 4  # (7 is a note)
    sources = sorted(
        (c.object, c.value, c.period_start, c.period_end) for c in claims if c.metric == "share of imports"
    )
    assert sources[0] == ("Borduria", 38, "2026", "2029")
    assert [s[0] for s in sources[1:]] == ["China", "Indonesia", "other"]


def test_a_world_total_row_and_a_column_name_with_its_footnote() -> None:
    text = (
        "GRAPHITE\n\n(Data in metric tons unless otherwise noted)\n\nWorld Mine Production and Reserves:\n"
        "Mine production Reserves7\n2029 2030e\nMozambique 96,000 99,000 25,000,000\n"
        "Tanzania 12,000 14,000 18,000,000\nWorld total (rounded) 1,600,000 1,700,000 290,000,000\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="g.txt", name="g.txt", data=text.encode()))
    got = {(c.subject, c.metric, c.period_start): c.value for c in ex.claims(doc)}
    assert got[("Mozambique", "reserves of graphite", None)] == 25_000_000
    assert got[(None, "world mine production of graphite", "2030")] == 1_700_000
    assert got[(None, "world reserves of graphite", None)] == 290_000_000


SUMMARY_WRAPPED = """VALDRIUM

(Data in metric tons of valdrium content unless otherwise noted)

Domestic Production and Use: In 2030, valdrium was mined in two states. The estimated value of
mine production was $48 million, a 12% increase from that in 2029. The leading end uses were
batteries, 62%; alloys, 21%; and other uses, 17%.

Salient Statistics—Canada:       2027     2028     2029     2030e
Production, mine                 1,200    1,350    1,900    2,100
Employment, mine and mill, number  210      220      230      245
Net import reliance2 as a percentage
  of apparent consumption          >50       62       58       55

Import Sources (2026–29): Brazil, 45%; Norway, 22%; and other, 33%.
"""


@pytest.fixture(scope="module")
def wrapped():
    ex = Extractor()
    doc = ex.document(RawDocument(path="w.txt", name="w.txt", data=SUMMARY_WRAPPED.encode()))
    return ex.claims(doc)


def test_a_row_label_wrapped_over_two_lines_with_a_footnote_number() -> None:
    """A label too long for its column goes on over the next line, which holds the cells
    ("Net import reliance2 as a percentage" / "of apparent consumption >50 62"); the
    footnote's number glued to a word is no part of it."""
    lines = SUMMARY_WRAPPED.splitlines()
    table = period_table(lines, next(i for i, ln in enumerate(lines) if ln.startswith("Salient")))
    assert table is not None
    last = table.rows[-1]
    assert last.wrapped is not None and last.wrapped[0] == "Net import reliance as a percentage"
    assert [c[0] for c in last.cells] == [">50", "62", "58", "55"]


def test_wrapped_and_counted_rows_give_their_figures(wrapped) -> None:
    reliance = sorted((c.period_start, c.value, c.qualifier) for c in wrapped if "reliance" in c.metric)
    assert reliance == [("2027", 50, "over"), ("2028", 62, "exact"), ("2029", 58, "exact"), ("2030", 55, "exact")]
    assert all("apparent consumption" in c.metric and c.unit == "%" for c in wrapped if "reliance" in c.metric)
    employment = [c for c in wrapped if "employment" in c.metric]
    assert len(employment) == 4 and all(c.unit == "" for c in employment)  # a number, not metric tons


def test_a_tables_titled_place_is_the_pages_place(wrapped) -> None:
    """The place a statistical table's title names ("Salient Statistics—Canada") is whose the
    page's prose figures are, its change measured from an earlier year not dated then."""
    value = [c for c in wrapped if c.value == 48_000_000]
    assert [(c.subject, c.unit) for c in value] == [("Canada", "USD")]
    change = [c for c in wrapped if c.value == 12]
    assert [(c.subject, c.period_start) for c in change] == [("Canada", None)]  # (2029 is the baseline)


def test_a_list_of_parts_after_its_whole(wrapped) -> None:
    """'The leading end uses were batteries, 62%; alloys, 21%; and other uses, 17%': each
    part's share of the whole the list opens with."""
    parts = sorted((c.object, c.value) for c in wrapped if c.metric == "share of end uses")
    assert parts == [("alloys", 21), ("batteries", 62), ("other uses", 17)]


def test_a_label_of_import_sources_names_the_counterparties(wrapped) -> None:
    """'Import Sources (2026–29): Brazil, 45%; ...' lists the page's import partners: each is
    the object of the page place's share of imports, not its subject."""
    sources = sorted((c.subject, c.object, c.value) for c in wrapped if c.metric == "share of imports")
    assert sources == [("Canada", "Brazil", 45), ("Canada", "Norway", 22), ("Canada", "other", 33)]


REPORT_TABLE = """Annual Report on Fisheries 2030

Table 4. Catch by species, 2028–2030
(thousand tonnes)

Species                 2028      2029      2030
Herring                  512       498       471
Cod                      384       402       377
Total                  2 512     2 530     2 450
"""


def test_a_tables_caption_gives_its_unit_and_measure() -> None:
    """A report's table captioned "Table 4. Catch by species" over "(thousand tonnes)": each
    row's cells are thousands of tonnes of that row's catch, and a total row the total; a
    thousands group set off by a space ("2 512") is one figure."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="r.txt", name="r.txt", data=REPORT_TABLE.encode()))
    got = {(c.metric, c.period_start): (c.value, c.unit) for c in ex.claims(doc)}
    assert got[("catch of herring", "2028")] == (512_000, "t")
    assert got[("catch of cod", "2030")] == (377_000, "t")
    assert got[("total catch", "2029")] == (2_530_000, "t")


@pytest.mark.parametrize(
    ("caption", "unit"),
    [
        ("Table 4. Catch by species, 2028–2030\n(thousand tonnes)", "thousand tonnes"),
        ("(in millions of dollars)", "million dollars"),
        ("[Data in thousand barrels per day unless otherwise noted]", "thousand barrels per day"),
        ("(number)", None),  # a count is no unit to scale the cells by
        ("Table 4.1 Retail electricity prices (US cents per kWh)", "cents per kWh"),
        ("Table 2 (2029)", None),
    ],
)
def test_the_unit_a_caption_states(caption: str, unit: str | None) -> None:
    lex = default_lexicon()
    ctx = ClaimContext(lex, EntityIndex(lex), MetricNames(lex), None, None, lower_words=frozenset())
    assert caption_unit(caption, ctx) == unit


def test_a_footnoted_title_a_run_in_label_and_the_worlds_row() -> None:
    """A PDF's 'NICKEL1' (footnote 1 glued to the title) still says what the page is on; a
    run-in heading before a sentence ('Events, Trends, and Issues: Global mine production
    ... increased by 8%') is no measure; the world total row is the world's, not the
    page's country's, and the row of the other countries is no measure of the page's place."""
    text = SUMMARY.replace("NICKEL\n", "NICKEL1\n", 1) + (
        "World total (rounded) 2,600,000 2,700,000 130,000,000\n\n"
        "Events, Trends, and Issues: Global mine production of nickel was estimated to have\n"
        "increased by 8% in 2030 to 2.7 million tons.\n"
    )
    ex = Extractor()
    claims = ex.claims(ex.document(RawDocument(path="n.txt", name="n.txt", data=text.encode())))
    assert len(_rows(claims, subject="Ruritania", metric="mine production of nickel")) == 5
    world = {(c.subject, c.metric) for c in claims if c.value == 2_700_000 and "World total" in c.quote}
    assert world == {(None, "world mine production of nickel")}
    assert not any("events" in c.metric for c in claims)
    change = [c for c in claims if c.value == 8 and c.unit == "%"]
    assert [(c.metric, c.period_start) for c in change] == [("change in global production of nickel", "2030")]
    assert not any(c.subject == "Ruritania" and "other" in c.quote.lower() for c in claims)


def test_a_text_tables_caption_gives_its_unit_after_a_comma() -> None:
    """'Table 2.1 Gross electricity generation by source, GWh' over a table of text (a PDF's):
    the caption's last part is the unit, and its number is no figure ('Table 2.1')."""
    text = (
        "Ruritania energy outlook\n\nTable 2.1 Gross electricity generation by source, GWh\n"
        "Source 2029 2030 2031\nHydro 4,980 4,210 5,030\nLignite 1,650 2,140 1,790\nTotal 6,910 6,830 7,400\n"
    )
    ex = Extractor()
    claims = ex.claims(ex.document(RawDocument(path="t.txt", name="t.txt", data=text.encode())))
    hydro = [(c.value, c.unit, c.period_start) for c in claims if "hydro" in c.metric]
    assert hydro == [(4.98e6, "MWh", "2029"), (4.21e6, "MWh", "2030"), (5.03e6, "MWh", "2031")]
    assert not any(c.value == 2.1 for c in claims)


ESTIMATED_CELLS = """ZEMBLITE

(Data in metric tons of zemblite content unless otherwise noted)

World Mine Production and Reserves:
Mine production Reserves
2030 2031e
Chile 41,000 43,500 1,200,000
Peru e9,800 10,100 NA
Kazakhstan 5,200 5,350e 95,000
Mexico 3,100 3,300 70,000

World mine production, metric tons

| Country | 2030 | 2031e |
|---|---|---|
| Chile | 41,000 | 43,500 |
| Peru | 9,800e | 10,100 |
"""


@pytest.mark.parametrize(
    ("cell", "estimated", "figure"),
    [("e9,800", True, "9,800"), ("1,350e", True, "1,350"), ("e>50", True, ">50"), ("412", False, "412"),
     ("NA", False, "NA"), ("12%e", True, "12%")],
)  # fmt: skip
def test_cell_estimate(cell: str, estimated: bool, figure: str) -> None:
    assert cell_estimate(cell) == (estimated, figure)


def test_an_estimate_marked_in_a_cell_keeps_its_row_and_says_estimated() -> None:
    """'Peru e9,800 10,100' and 'Kazakhstan 5,200 5,350e': the cell's "e" marks that year's
    figure as estimated; the row (and the rows after it) stay in the table."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="z.txt", name="z.txt", data=ESTIMATED_CELLS.encode()))
    claims = ex.claims(doc)
    got = {
        (c.subject, c.period_start, c.surface, c.period_text)
        for c in claims
        if c.metric == "mine production of zemblite"
    }
    assert ("Peru", "2030", "e9,800", "2030 (estimated)") in got
    assert ("Kazakhstan", "2031", "5,350e", "2031 (estimated)") in got
    assert ("Kazakhstan", "2030", "5,200", "2030") in got
    assert any(c.subject == "Mexico" and c.value == 70_000 for c in claims)  # the rows after it are read
    text = ESTIMATED_CELLS
    assert all(text[c.surface_start : c.surface_end] == c.surface for c in claims)
    piped = sorted((c.value, c.period_text) for c in claims if c.subject == "Peru" and c.surface.endswith("e"))
    assert piped == [(9800, "2030 (estimated)")]


INDICATORS = """Table 2. Key indicators of Ruritania, 2029–2031
Indicator 2029 2030 2031e
Real GDP growth (%) 1.7 2.1 2.8
Current account balance (% of GDP) -3.2 -2.7 -2.1
Exports (million USD) 8,450 9,120 9,880
"""


def test_a_rows_bracketed_unit_scales_its_cells() -> None:
    """'Exports (million USD) 8,450' is USD 8.45 billion; '(% of GDP)' a share of GDP."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="k.txt", name="k.txt", data=INDICATORS.encode()))
    got = {(c.metric, c.period_start): (c.value, c.unit) for c in ex.claims(doc)}
    assert got[("exports", "2029")] == (8_450_000_000, "USD")
    assert got[("real gdp growth", "2031")] == (2.8, "%")
    assert got[("current account balance as share of gdp", "2030")] == (-2.7, "%")


YEARBOOK_TABLES = """RURITANIA MINERAL YEARBOOK 2031

Table 3. Mineral output (thousand tonnes)
Product 2030 2031
Coal 2,100 2,240
Iron ore 880 910

Table 4. Mineral exports (thousand tonnes)
Product 2030 2031
Coal 640 700
Iron ore 210 190

Table 5. Producers of valdrex, thousand tonnes
Country 2030 2031
Chile 41.0 43.5
Peru 9.8 10.1

Table 6. Key indicators
Indicator 2030 2031
Inflation (%) 5.0 4.2
Unemployment rate (%) 6.6 6.1
"""


def test_a_tables_caption_names_the_measure_its_header_of_a_label_column_does_not() -> None:
    """'Product 2030 2031' under 'Table 3. Mineral output': each row is output of its product,
    and the same product's row in a table of exports is another measure (no conflict between
    them); 'Country' names no measure either ('Producers of valdrex': valdrex production);
    under 'Indicator' the rows are the measures."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="y.txt", name="y.txt", data=YEARBOOK_TABLES.encode()))
    got = {(c.subject, c.metric, c.period_start): c.value for c in ex.claims(doc)}
    assert got[(None, "mineral output of coal", "2030")] == 2_100_000
    assert got[(None, "mineral exports of coal", "2030")] == 640_000
    assert got[("Chile", "valdrex production", "2031")] == 43_500
    assert got[(None, "inflation", "2031")] == 4.2
    assert not any(m in ("coal", "country", "iron ore") for _, m, _ in got)


def test_an_estimated_cell_in_a_column_that_is_no_period() -> None:
    """'| Maize | 260e | 816 |' under 'Area (thousand ha)': the estimate's figure is read."""
    text = "| Crop | Area (thousand ha) | Output (thousand tonnes) |\n|---|---|---|\n| Wheat | 820 | 2,900 |\n| Maize | 260e | 816 |\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="c.md", name="c.md", data=text.encode()))
    got = {(c.metric, c.surface): c.value for c in ex.claims(doc)}
    assert got[("area of maize", "260e")] == 2600  # km2: 260 thousand hectares
    assert got[("production of maize", "816")] == 816_000


@pytest.mark.parametrize(
    ("line", "rows"),
    [
        (
            "Salient Statistics—Ruritania: 2029 2030 2031e Production, mine 1,200 — 2,100 Exports 7 300 310 W",
            [("Production, mine", ["1,200", "—", "2,100"]), ("Exports", ["300", "310", "W"])],
        ),
        (
            "Generation (TWh) 2030 2031 Hydro 19.6 19.8 Wind 7.8 8.7",
            [("Hydro", ["19.6", "19.8"]), ("Wind", ["7.8", "8.7"])],
        ),
        ("In 2029 2030 the plant ran at full output.", None),  # no rows
        ("Output (kt) 2030 2031 Hydro 19.6 19.8 Wind 7.8", None),  # one row only: a row lacks a cell
    ],
)
def test_flat_period_table(line: str, rows: list | None) -> None:
    table = flat_period_table(line)
    if rows is None:
        assert table is None
        return
    assert table is not None
    assert [(r.label[0], [c[0] for c in r.cells]) for r in table.rows] == rows
    assert all(line[c[1] : c[2]] == c[0] for r in table.rows for c in r.cells)


def test_a_statistical_table_flattened_onto_one_line_gives_every_cell() -> None:
    """A converter put the header of years and every row on one line: each cell still takes
    its column's period and the table's unit (the title's '(MW)', or the document's note)."""
    text = (
        "ZEMBLITE\n\n(Data in metric tons unless otherwise noted)\n\n"
        "Salient Statistics—Ruritania: 2029 2030 2031e Production, mine 1,200 1,350 — Exports 300 310 320\n"
    )
    power = "Syldavia energy review 2031\n\nInstalled capacity (MW) 2030 2031e Hydro 5,120 5,180 Coal 3,750 3,750 Wind 2,950 3,300\n"
    ex = Extractor()
    got = {}
    for name, data in (("f.txt", text), ("p.txt", power)):
        doc = ex.document(RawDocument(path=name, name=name, data=data.encode()))
        got |= {(c.subject, c.metric, c.period_start): (c.value, c.unit) for c in ex.claims(doc)}
    assert got[("Ruritania", "mine production of zemblite", "2030")] == (1350, "t")
    assert got[("Ruritania", "exports of zemblite", "2031")] == (320, "t")
    assert got[(None, "installed capacity of wind", "2031")] == (3300, "MW")
    assert len(got) == 11  # (the dash is no figure)


WORLD_ROWS = """ZEMBLITE

(Data in thousand metric tons unless otherwise noted)

Salient Statistics—United States: 2029 2030 2031e
Refinery production 118 121 130
Price, average, cents per pound 91.0 97.3 98.0
Net import reliance1 as a percentage of
apparent consumption 24 22 25

World Mine Production and Reserves:
Mine production Reserves
2030 2031e
Australia 410 420 8,900
Congo (Kinshasa) 220 e240 3,500
Korea, Republic of 18 19 NA
Korea, North 5 6 NA
Borduria 40 41 900
World total (rounded) 700 730 21,000
"""


@pytest.fixture(scope="module")
def world_rows():
    ex = Extractor()
    return ex.claims(ex.document(RawDocument(path="z.txt", name="z.txt", data=WORLD_ROWS.encode())))


def test_a_rows_rate_unit_and_a_footnote_digit_set_off_in_its_label(world_rows) -> None:
    """'cents per pound' is the row's unit (not the document's tons); 'reliance1', parted by
    the converter into 'reliance 1', is no word of the measure."""
    prices = {(c.unit, c.value) for c in world_rows if c.metric == "average price of zemblite"}
    assert prices == {("cent/lb", 91.0), ("cent/lb", 97.3), ("cent/lb", 98.0)}
    reliance = {c.metric for c in world_rows if c.unit == "%"}
    assert reliance == {"net import reliance as a percentage of apparent consumption of zemblite"}


def test_the_rows_of_a_world_table_are_places_known_inverted_or_unknown(world_rows) -> None:
    """'Korea, Republic of' is South Korea; 'Korea, North' is not, nor is any row the page's
    own country's (United States) for want of a known name; the world's row is no place."""
    mine = {c.subject for c in world_rows if c.metric == "mine production of zemblite"}
    assert mine == {"Australia", "Democratic Republic of the Congo", "South Korea", "Korea, North", "Borduria"}
    assert not any(c.subject == "United States" and "Korea" in c.quote for c in world_rows)
    world = {(c.subject, c.value) for c in world_rows if c.metric == "world mine production of zemblite"}
    assert world == {(None, 700_000), (None, 730_000)}


RANKED = """# Zemblite mining

Mine production of zemblite, 2030 (tonnes)

| Rank | Country | Production | Share (%) |
|---|---|---|---|
| 1 | Chile | 41,000 | 52.3 |
| 2 | Peru | 9,800 | 12.5 |
"""


def test_a_rank_column_is_no_rows_label_and_the_caption_gives_an_amounts_unit() -> None:
    """'| 1 | Chile | 41,000 |': the rows are Chile's and Peru's (not one measure of '1' and
    '2', which stood as a conflict between the rows); the caption's '(tonnes)' is the unit of
    the production column, not of the share column."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="r.md", name="r.md", data=RANKED.encode()))
    got = {(c.subject, c.metric): (c.value, c.unit, c.period_start) for c in ex.claims(doc)}
    assert got[("Chile", "production")] == (41_000, "t", "2030")
    assert got[("Peru", "share")] == (12.5, "%", "2030")
    assert len(got) == 4


def test_rows_that_are_years_with_money_per_unit_and_signed_changes() -> None:
    """'| 2029 | 24.80 | +12.2 |' under 'Average price (US$/kg)' and 'Change (%)': a price
    per kilogram, and a change whose plus sign is its own."""
    text = "| Year | Average price (US$/kg) | Change (%) |\n|---|---|---|\n| 2029 | 24.80 | +12.2 |\n| 2030 | 23.60 | −4.8 |\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="p.md", name="p.md", data=text.encode()))
    got = sorted((c.metric, c.period_start, c.value, c.unit, c.surface) for c in ex.claims(doc))
    assert got == [
        ("average price", "2029", 24.8, "USD/kg", "24.80"), ("average price", "2030", 23.6, "USD/kg", "23.60"),
        ("change", "2029", 12.2, "%", "+12.2"), ("change", "2030", -4.8, "%", "−4.8"),
    ]  # fmt: skip


ZEMBLITE_PAGE = """ZEMBLITE
(Data in thousand metric tons unless otherwise specified)
Salient Statistics—Ruritania: 2029 2030 2031e
Production:
Mine, recoverable 1,230 1,130 1,000
Imports for consumption:
Ore and concentrate 11 12 3
Refined 919 771 1,700
Exports:
Ore and concentrate 344 339 340
Refined 48 29 110
Price, annual average, cents per pound:
Producer, cathode (spot + premium) 432.3 395.3 490
"""


def test_a_parents_rows_stay_its_own_until_a_row_names_a_measure() -> None:
    """'Imports for consumption:' / 'Refined' and 'Exports:' / 'Refined' were one measure
    ("refined of zemblite", two values a year: a conflict) because a child of more than two
    words ended its parent; and the price rows under 'Price, ..., cents per pound:' were read
    in thousand tons. A row stays its parent's unless its label names a measure of its own
    (metrics.json "table_row_heads"), and takes its unit from its parent's label."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="z.txt", name="z.txt", data=ZEMBLITE_PAGE.encode()))
    got = {(c.metric, c.period_start): (c.value, c.unit) for c in ex.claims(doc)}
    assert got[("ore and concentrate imports for consumption of zemblite", "2029")] == (11_000, "t")
    assert got[("ore and concentrate exports of zemblite", "2029")] == (344_000, "t")
    assert got[("refined imports for consumption of zemblite", "2031")] == (1_700_000, "t")
    assert got[("refined exports of zemblite", "2031")] == (110_000, "t")
    assert got[("cathode spot premium producer price annual average of zemblite", "2029")] == (432.3, "cent/lb")
    lines = [
        "Salient Statistics—Ruritania: 2029 2030",
        "Production:",
        "Mine 1,200 1,300",
        "Imports for consumption 500 510",
    ]
    with_heads = period_table(lines, 0, frozenset({"imports"}))
    assert with_heads is not None and [r.parent for r in with_heads.rows] == ["Production", None]


MANGANITE_PAGE = """MANGANITE

Salient Statistics—Ruritania:1 2029 2030 2031e Production, mine — — Imports for consumption:

Manganite ores and concentrates 367 497 566 Ferromanganite 223 329 330

Exports:

Manganite ores and concentrates 1 2 3 Ferromanganite 5 9 3

Shipments from Government stockpile:2

Manganite ore3 — 2 NA
"""


def test_a_flattened_tables_rows_in_the_paragraphs_after_its_header() -> None:
    """A converter flattened the header onto one line and each parent's rows onto a paragraph
    of their own: the paragraphs that are rows or parents go on with the table (its title's
    footnote '1' and a label's glued '3' dropped)."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="m.txt", name="m.txt", data=MANGANITE_PAGE.encode()))
    got = {(c.subject, c.metric, c.period_start): c.value for c in ex.claims(doc)}
    assert got[("Ruritania", "manganite ores and concentrates imports for consumption", "2029")] == 367
    assert got[("Ruritania", "ferromanganite imports for consumption", "2031")] == 330
    assert got[("Ruritania", "manganite ores and concentrates exports", "2030")] == 2
    assert got[("Ruritania", "ferromanganite exports", "2029")] == 5
    assert got[("Ruritania", "manganite ore shipments from government stockpile", "2030")] == 2
