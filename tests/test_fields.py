"""Fields whose label stands on its own line above its values (fact books, almanacs,
infoboxes): the reader hands the label to every figure below it, the page's place is the
subject, and the field's sub-fields, ranks and year notes are read as such."""

from __future__ import annotations

import pytest

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.listings import counterparty_flow, label_unit
from claimcheck.layout.fields import field_heading
from claimcheck.lexicon import default_lexicon
from claimcheck.model import RawDocument
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames
from claimcheck.pipeline import Extractor
from claimcheck.sentences import split_sentences

ALMANAC = """Gazetteer of the Nations 2031: Ruritania

Area
total : 88,120 sq km land: 86,400 sq km water: 1,720 sq km

Land boundaries
total: 1,904 km border countries (2): Borduria 1,250 km; Syldavia 654 km

Coastline
311 km

Population
total: 4,512,880 male: 2,201,004 female: 2,311,876 (2031 est.)

Unemployment rate
7.25% (2030 est.) country comparison to the world: 88 -6.5% (2029 est.)
note: % of labor force seeking employment

The harbour was rebuilt after 12 ships sank in the storm.
"""


@pytest.fixture(scope="module")
def almanac_claims():
    ex = Extractor()
    doc = ex.document(RawDocument(path="a.txt", name="a.txt", data=ALMANAC.encode()))
    return doc, ex.claims(doc)


def _row(c):
    return (c.subject, c.metric, c.object, c.value, c.unit, c.period_start)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Coastline\n311 km", "Coastline"),
        ("Inflation rate (consumer prices)\n3.1% (2030 est.)", "Inflation rate (consumer prices)"),
        ("Area\ntotal : 88,120 sq km", "Area"),
        ("Storm Report\n12 ships sank in the harbour when the storm broke", None),  # prose under a heading
        ("BY THE NUMBERS\n42 dams", None),  # a section heading in capitals is no field
        ("The port reopened on Monday.\n311 km of quays", None),  # a sentence is no label
    ],
)
def test_field_heading(text: str, label: str | None) -> None:
    found = field_heading(text, 0, len(text))
    assert (found[0] if found else None) == label
    if found:
        assert text[found[1] :].split()[0][0] in "0123456789t"


def test_values_below_a_label_line_carry_the_label(almanac_claims) -> None:
    doc, _ = almanac_claims
    ex = Extractor()
    labels = {s.text.split()[0]: s.label for s in split_sentences(doc, ex.lex)}
    assert labels["311"] == "Coastline"
    assert labels["7.25%"] == "Unemployment rate"
    assert labels["The"] is None  # prose after a blank line is prose


def test_fields_are_the_pages_place(almanac_claims) -> None:
    _, claims = almanac_claims
    rows = {_row(c) for c in claims}
    assert ("Ruritania", "area", None, 88120, "km2", None) in rows
    assert ("Ruritania", "area land", None, 86400, "km2", None) in rows
    assert ("Ruritania", "number of border countries", None, 2, "countries", None) in rows
    assert any(c.metric == "coastline" or "coast" in c.metric for c in claims if c.value == 311)
    assert all(c.subject == "Ruritania" for c in claims if c.unit in ("km2", "%"))


def test_sub_field_names_are_no_units_and_the_line_year_is_each_figures(almanac_claims) -> None:
    _, claims = almanac_claims
    population = {(c.metric, c.value, c.unit, c.period_start) for c in claims if "population" in c.metric}
    assert population == {
        ("population", 4512880, "people", "2031"),
        ("population male", 2201004, "", "2031"),
        ("population female", 2311876, "", "2031"),
    }


def test_a_rank_is_no_figure_and_does_not_run_into_the_next(almanac_claims) -> None:
    _, claims = almanac_claims
    rates = {(c.metric, c.value, c.period_start) for c in claims if c.unit == "%"}
    assert rates == {("unemployment rate", 7.25, "2030"), ("unemployment rate", -6.5, "2029")}
    assert not any(c.value == 88 for c in claims)


def test_prose_after_the_fields_is_still_read(almanac_claims) -> None:
    _, claims = almanac_claims
    assert any(c.value == 12 and c.unit == "ships" for c in claims)


@pytest.mark.parametrize(
    ("line", "metric", "value", "unit", "period"),
    [
        ("Population (2030 est.): 5.1 million.", "population", 5_100_000, "people", "2030"),
        ("Life expectancy--68.4 yrs.", "life expectancy", 68.4, "year", None),
        ("Birth rate (2029): 11.2 births/1,000 population", "birth rate", 11.2, None, "2029"),
    ],
)
def test_one_line_fields_of_older_fact_books(line: str, metric: str, value: float, unit: str | None, period) -> None:
    ex = Extractor()
    doc = ex.document(RawDocument(path="f.txt", name="f.txt", data=f"Notes\n\n{line}\n".encode()))
    got = [(c.metric, c.value, c.unit, c.period_start) for c in ex.claims(doc)]
    assert len(got) == 1
    m, v, u, p = got[0]
    assert (m, p) == (metric, period) and v == pytest.approx(value)
    assert unit is None or u == unit


INFOBOX = """Storm Alda (2031)

Storm Alda
Formed 3 March 2031
Fatalities 41 people[2]
Missing people 3[4]
Damage $2.1 billion (2031 USD)
CauseUnder review

Storm Alda was a powerful storm. It killed 41 people in three countries.
"""


def test_infobox_rows_are_fields_and_their_one_figure_is_the_value() -> None:
    ex = Extractor()
    doc = ex.document(RawDocument(path="i.txt", name="i.txt", data=INFOBOX.encode()))
    rows = {c.quote.split()[0]: c for c in ex.claims(doc) if c.quote.startswith(("Fatalities", "Missing", "Damage"))}
    assert rows["Fatalities"].value == 41 and rows["Fatalities"].metric == "number of people killed"
    assert rows["Missing"].value == 3  # a field's one figure, however small
    assert rows["Damage"].value == 2.1e9
    assert all(c.subject == "Storm Alda" for c in rows.values())  # the event's


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Box\nFatalities 12 crew\nCause unknown\n", True),
        (
            "Headline Over Prose\nSome 43 people already are being monitored in the city of Bamako, officials said.\n",
            False,
        ),
        ("One line only\n\nFatalities 12 crew\n\nAnother paragraph here.\n", False),  # no stack of lines
    ],
)
def test_infobox_row_needs_a_stack_of_short_lines(text: str, row: bool) -> None:
    from claimcheck.layout.fields import infobox_row

    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    found = [infobox_row(text, s, text.find("\n", s)) for s in [0, *starts] if text.find("\n", s) > s]
    assert any(f is not None for f in found) == row


def test_an_infobox_converted_to_a_two_column_table() -> None:
    """'| Highest winds | 195 km/h (120 mph) |' under a header that names no value column:
    each row is a field; a money figure's '(2031 USD)' is the year of its dollars, not its
    period; 'Fatalities' counts people killed."""
    text = (
        "Cyclone Tamsin\n\nMeteorological history | |\n---|---|\nFormed | 4 March 2031 |\n"
        "Highest winds | 185 km/h (115 mph) |\nFatalities | 412 |\nDamage | $1.2 billion (2031 USD) |\n\n"
        "Cyclone Tamsin was a strong storm.\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="w.md", name="w.md", data=text.encode()))
    got: dict[str, tuple] = {}
    for c in ex.claims(doc):  # (the first of a metric: "(115 mph)" restates the winds)
        got.setdefault(c.metric, (c.value, c.unit, c.period_start))
    assert got["highest winds"] == (185, "km/h", None)
    assert got["number of people killed"] == (412, "people", None)
    assert got["damage"] == (1.2e9, "USD", None)


def test_a_note_in_words_after_a_fields_figure_says_which_measure_it_is() -> None:
    ex = Extractor()
    text = "Storm Alda (2031)\n\nStorm Alda\nCost $2.5 billion (insured losses)[4]\nFatalities 41 people[2]\nCause unknown\n"
    doc = ex.document(RawDocument(path="n.txt", name="n.txt", data=text.encode()))
    got = {c.metric: c.quote for c in ex.claims(doc)}
    assert "cost insured losses" in got  # not the storm's whole cost
    assert got["number of people killed"] == "Fatalities 41 people"  # (the reference marker is gone)


@pytest.mark.parametrize(
    ("label", "flow"),
    [
        ("Exports - partners", "exports"),
        ("Imports – partners", "imports"),
        ("Import sources", "imports"),
        ("Sources of imports", "imports"),
        ("Main export destinations", "exports"),
        ("Export markets", "exports"),
        ("Exports", None),  # a flow alone lists commodities, not counterparties
        ("Border countries", None),
    ],
)
def test_a_label_of_trading_counterparties(label: str, flow: str | None) -> None:
    lex = default_lexicon()
    ctx = ClaimContext(lex, EntityIndex(lex), MetricNames(lex), None, None, lower_words=frozenset())
    assert counterparty_flow(label, ctx) == flow


COUNTRY_BOX = """# Republic of Ruritania

Republic of Ruritania
Capital Strelsau
Area
• Total 28,750 km2 (11,100 sq mi)
Population
• 2030 estimate 3,107,100[3]
• 2021 census 2,821,977[4]
GDP (PPP) 2030 estimate
• Total $52.4 billion[5]
• Per capita $16,870[5]
Gini (2029) 29.4[6]
Urban population (2030)
• Total 1,240,000
• Density 3,010/km2
Currency Ruritanian crown

Ruritania is a landlocked country.
"""


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("• Total 28,750 km2 (11,100 sq mi)", "Area"),
        ("• 2030 estimate 3,107,100[3]", "Population (2030 est.)"),
        ("• 2021 census 2,821,977[4]", "Population (2021)"),
        ("• Per capita $16,870[5]", "GDP (PPP) per capita (2030 est.)"),
        ("Gini (2029) 29.4[6]", "Gini (2029)"),
        ("• Total 1,240,000", "Urban population (2030)"),  # a heading dated in brackets
        ("• Density 3,010/km2", "Urban population density (2030)"),
        ("GDP (PPP) 2030 estimate", None),  # the heading of the rows below, no figure of its own
        ("Currency Ruritanian crown", None),
    ],
)
def test_an_infoboxs_bulleted_rows_take_the_heading_row_above(line: str, label: str | None) -> None:
    from claimcheck.layout.fields import infobox_row, infobox_subrow

    start = COUNTRY_BOX.index(line)
    end = start + len(line)
    found = infobox_subrow(COUNTRY_BOX, start, end) or infobox_row(COUNTRY_BOX, start, end)
    assert (found[0] if found else None) == label


def test_an_infoboxs_bulleted_rows_are_the_pages_figures_of_their_years() -> None:
    ex = Extractor()
    doc = ex.document(RawDocument(path="r.md", name="r.md", data=COUNTRY_BOX.encode()))
    got = {(c.metric, c.value, c.period_start) for c in ex.claims(doc)}
    assert {
        ("area", 28750, None),
        ("population", 3107100, "2030"),
        ("population", 2821977, "2021"),
        ("gdp ppp", 52.4e9, "2030"),
        ("gdp ppp per capita", 16870, "2030"),
        ("gini", 29.4, "2029"),
        ("urban population", 1_240_000, "2030"),
    } <= got
    assert not any("census" in m or "estimate" in m for m, _, _ in got)


@pytest.mark.parametrize("label", ["Exports - partners:", "Exports - partners"])
def test_a_list_of_partners_on_the_line_under_its_label(label: str) -> None:
    """A fact book that writes a field's label on its own line, with or without its colon,
    and the partners under it ('Syldavia 38%, Borduria 21% (2030)')."""
    text = f"Ruritania\n\n{label}\nSyldavia 38%, Borduria 21%, Bordurian Islands 9% (2030)\n"
    ex = Extractor()
    claims = ex.claims(ex.document(RawDocument(path="f.txt", name="f.txt", data=text.encode())))
    got = [(c.metric, c.value, c.period_start) for c in claims]
    assert got[:2] == [("share of exports", 38, "2030"), ("share of exports", 21, "2030")]


def _ctx() -> ClaimContext:
    lex = default_lexicon()
    return ClaimContext(lex, EntityIndex(lex), MetricNames(lex), None, None, lower_words=frozenset())


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Unemployment rate (%)", "%"),
        ("Share of exports (%):", "%"),
        ("Output (thousand tonnes)", "thousand tonnes"),
        ("Exports (USD million)", "USD million"),
        ("Revenue (in millions of dollars)", "million dollars"),
        ("Population (2031 est.)", None),  # a year, not a unit
        ("Languages (official)", None),
        ("Border countries (3)", None),  # a count of what the list names
        ("Unemployment rate", None),
    ],
)
def test_the_unit_a_label_states_in_brackets(label: str, unit: str | None) -> None:
    assert label_unit(label, _ctx()) == unit


BRACKETED_UNITS = """Borduria

Unemployment rate (%): 7.4 (2031 est.) 7.9 (2030 est.)
Share of exports (%): copper 41, gold 12, zinc 8
Output (thousand tonnes): copper 412; zinc 96; lead 40
"""


def test_a_fields_bracketed_unit_is_its_figures_unit() -> None:
    """'Unemployment rate (%): 7.4' states 7.4%; 'Output (thousand tonnes): copper 412' states
    412,000 t of copper: the label's unit goes to each bare figure, each item names its part."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="b.txt", name="b.txt", data=BRACKETED_UNITS.encode()))
    got = {(c.metric, c.object, c.value, c.unit, c.period_start) for c in ex.claims(doc)}
    assert ("unemployment rate", None, 7.4, "%", "2031") in got
    assert ("unemployment rate", None, 7.9, "%", "2030") in got
    assert {(o, v) for m, o, v, u, _ in got if m == "share of exports" and u == "%"} == {
        ("copper", 41),
        ("gold", 12),
        ("zinc", 8),
    }
    assert {(o, v) for m, o, v, u, _ in got if m == "production" and u == "t"} == {
        ("copper", 412_000),
        ("zinc", 96_000),
        ("lead", 40_000),
    }


def test_a_list_wrapped_by_the_converter_keeps_its_items_after_the_wrap() -> None:
    """'Main exports: copper, 41%; gold,' / '12%; zinc, 8%': the converter's wrap is inside
    the list, so the items after it are the same field's parts."""
    text = "Borduria\n\nMain exports: copper, 41%; gold,\n12%; zinc, 8%; timber,\n6%\nInflation rate: 5.6%\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="x.txt", name="x.txt", data=text.encode()))
    claims = ex.claims(doc)
    parts = {(c.object, c.value) for c in claims if c.metric == "exports" and c.unit == "%"}
    assert parts == {("copper", 41), ("gold", 12), ("zinc", 8), ("timber", 6)}
    assert {(c.metric, c.value) for c in claims if c.object is None} == {("inflation rate", 5.6)}


def test_a_rainfall_in_a_fields_list_is_a_rainfall_not_the_fields_measure() -> None:
    """'Climate: temperate; annual rainfall 640 mm': the words before the figure name its
    measure, where the field ('climate') names none a length could be."""
    text = "Borduria\n\nClimate: temperate; annual rainfall 640 mm, mostly in autumn\nAnnual rainfall: 610 mm\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="r.txt", name="r.txt", data=text.encode()))
    assert sorted((c.metric, c.surface) for c in ex.claims(doc)) == [("rainfall", "610 mm"), ("rainfall", "640 mm")]


def test_a_two_column_table_whose_value_column_names_no_measure_reads_as_fields() -> None:
    """'| Climate | Value |' over '| Annual rainfall | 640 mm |': the row's label is the
    measure; 'Value' says nothing about it."""
    text = "# Borduria\n\n| Climate | Value |\n|---|---|\n| Annual rainfall | 640 mm |\n| Snowfall | 80 cm |\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="t.md", name="t.md", data=text.encode()))
    assert sorted((c.metric, c.surface) for c in ex.claims(doc)) == [("rainfall", "640 mm"), ("snowfall", "80 cm")]


def test_an_earlier_years_figure_in_brackets_is_that_years_not_the_fields_year() -> None:
    """'Unemployment rate: 6.1% (2030: 6.6%)': 6.6% is 2030's; the bracket is no year of 6.1%."""
    text = "Borduria\n\nUnemployment rate: 6.1% (2030: 6.6%)\nPopulation: 4,200,000 (2031 est.)\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="e.txt", name="e.txt", data=text.encode()))
    got = sorted((c.metric, c.value, c.period_start) for c in ex.claims(doc))
    assert got == [
        ("population", 4_200_000, "2031"),
        ("unemployment rate", 6.1, None),
        ("unemployment rate", 6.6, "2030"),
    ]


def test_items_under_a_heading_with_its_unit_and_a_flow_by_destination() -> None:
    """'Grain exports, by destination (%):' over '- Chile 44': each item is its partner's share
    of grain exports (not of all exports, nor Chile's own), in the heading's unit, however
    small its figure; '(thousands)' scales a count."""
    text = (
        "# Borduria grain\n\nGrain exports, by destination (%):\n- Chile 44\n- Peru 31\n- Other 25\n\n"
        "Farm employment (thousands): 212\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="g.md", name="g.md", data=text.encode()))
    got = sorted((c.metric, c.object, c.value, c.unit) for c in ex.claims(doc))
    assert got == [
        ("farm employment", None, 212_000, ""),
        ("share of grain exports", "Chile", 44, "%"),
        ("share of grain exports", "Other", 25, "%"),
        ("share of grain exports", "Peru", 31, "%"),
    ]


@pytest.mark.parametrize(
    ("label", "flow"),
    [("Exports - partners", "exports"), ("Import sources", "imports"), ("Grain exports, by destination (%)", "grain exports"),
     ("Exports, by destination", "exports"), ("Share of exports", None)],
)  # fmt: skip
def test_the_flow_a_label_lists_counterparties_of(label: str, flow: str | None) -> None:
    assert counterparty_flow(label, _ctx()) == flow


def test_a_note_is_read_as_a_sentence_not_as_a_field_named_note() -> None:
    """'Note: data for 2031 exclude Kurland, which mined 1,200 tonnes.': a report's note says
    something in a sentence; 'note' is no measure of its figures."""
    text = "Syldavia energy review 2031\n\nNote: data for 2031 exclude Kurland, which mined 1,200 tonnes.\n"
    ex = Extractor()
    doc = ex.document(RawDocument(path="n.txt", name="n.txt", data=text.encode()))
    claims = ex.claims(doc)
    assert [c.surface for c in claims] == ["1,200 tonnes"]
    assert claims[0].metric != "note"


@pytest.mark.parametrize(
    ("note", "tidied"),
    [("in millions of dollars", "million dollars"), ("US cents per kWh", "cents per kWh"), ("U.S. dollars", "dollars"),
     ("thousand tonnes", "thousand tonnes")],
)  # fmt: skip
def test_a_unit_note_as_the_quantity_layer_reads_it(note: str, tidied: str) -> None:
    from claimcheck.extract.listings import unit_note_tidied

    assert unit_note_tidied(note) == tidied
