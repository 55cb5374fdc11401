"""Document-level subject rules (extract/subjects.py): which names a sentence writes could be
what its figures are about."""

from __future__ import annotations

import pytest

from claimcheck.extract.context import ClaimContext
from claimcheck.extract.subjects import sentence_names, the_government
from claimcheck.lexicon import default_lexicon
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.metrics import MetricNames


@pytest.fixture(scope="module")
def ctx() -> ClaimContext:
    lex = default_lexicon()
    return ClaimContext(lex, EntityIndex(lex), MetricNames(lex), None, None, lower_words=frozenset())


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a programme or product the sentence names is what its figure is about
        ("Today, Carecover covers about 80 million people.", ["Carecover"]),
        ("Nearly 11 million people signed up on HealthPlan.gov this year.", ["HealthPlan.gov"]),
        # a label of several words opening the line says who speaks, not what
        ('*Statement from the President:* "Today, 9 million people joined Carecover Plus.', ["Carecover Plus"]),
        # a plural common noun opening the sentence is no name
        ("Seniors with Carecover pay $35 per month for insulin.", ["Carecover"]),
        # the government speaking is no name of what it speaks of
        ("The Administration ended the glitch, with about one million people covered.", []),
        ("Thanks to the Mirko Administration, Carecover grew 4%.", ["Carecover"]),
        # a number word, or a long participle or adverb opening the sentence, is no name
        ("Two foreign-owned advisers hold more than 90% of the market.", []),
        ("Unprecedented regulation from Carecover has cost $50,000 a family.", ["Carecover"]),
        ("Boeing delivered 40 planes.", ["Boeing"]),  # (a name ending in -ing stays)
        # a preposition-like opener or a verb's -ing opening the sentence is no name
        ("Given the progress of Carecover talks, 9 deals were made.", ["Carecover"]),
        ("Investing nearly $1.5 billion in schools, the plan helps 7,500 of them.", []),
        ("Creating a pilot program, Carecover will fund 3 reactors.", ["Carecover"]),
        # a citation's source and a fiscal year are no names a figure is about
        ("Some 64% of parents prefer Carecover schools (IPSOS, 2018).", ["Carecover"]),
        ("Carecover missed its target by 41,000 recruits in FY2023.", ["Carecover"]),
        # a capitalised word made an adjective by a hyphen names no programme
        ("Parts used in Borduria-assembled cars get an offset of 3.75%.", []),
        # a place, a demonym and a person are not programmes
        ("Americans in France paid $40 to Anton Mirko.", []),
        # an acronym's plural is things counted, no name
        ("In 2031, Americans bought 1.6 million cars, SUVs, and trucks from Carecover dealers.", ["Carecover"]),
    ],
)
def test_sentence_names(ctx: ClaimContext, sentence: str, names: list[str]) -> None:
    assert sentence_names(sentence, ctx, frozenset({"Anton Mirko"})) == names


@pytest.mark.parametrize(
    ("name", "government"),
    [
        ("Administration", True),
        ("Mirko Administration", True),
        ("Valdrex-Mirko Administration", True),
        ("Food and Drug Administration", False),  # a body, not its leaders' government
        ("Carecover", False),
    ],
)
def test_the_government(name: str, government: bool) -> None:
    assert the_government(name, {"Mirko", "Valdrex", "Anton"}) is government


def test_a_measures_word_opening_a_sentence_is_no_name(ctx: ClaimContext) -> None:
    assert sentence_names("Funding for Carecover rises to $3.1 billion.", ctx, frozenset()) == ["Carecover"]


VALDREX_CITY = """# Valdrex City

Valdrex City
Country\tBorduria
Area
 • City\t412.5 km2 (159.3 sq mi)
Elevation\t1,250 m (4,100 ft)
Population (2030)
 • City\t1,234,567

Valdrex City is the capital of Borduria. It had a population of 1.23 million at the 2030 census.
"""


def test_an_infobox_copied_as_text_before_the_defining_sentence() -> None:
    """An encyclopedia page copied as text: the infobox's rows (tabs, bullets, short labels)
    come before the sentence that defines the title, and the page is still the title's (every
    figure had no subject); its population row counts people, as the sentence's does."""
    from claimcheck.model import RawDocument
    from claimcheck.pipeline import Extractor

    ex = Extractor()
    claims = ex.claims(ex.document(RawDocument(path="v.md", name="v.md", data=VALDREX_CITY.encode())))
    assert {c.subject for c in claims if c.kind == "numeric"} == {"Valdrex City"}
    assert {(c.metric, c.unit) for c in claims if c.value == 1_234_567} == {("population city", "")}
    (stated,) = [c for c in claims if c.value == 1_230_000]
    assert (stated.metric, stated.unit) == ("population", "people")


def test_a_bare_count_of_a_counted_measure_counts_its_noun(ctx: ClaimContext) -> None:
    """'Population: 1,234,567' had no unit and never met 'a population of 1.2 million' (people)."""
    from claimcheck.model import RawDocument
    from claimcheck.pipeline import Extractor

    ex = Extractor()
    doc = ex.document(RawDocument(path="f.md", name="f.md", data=b"# Valdrex\n\nPopulation: 1,234,567 (2030 est.)\n"))
    assert [(c.metric, c.unit) for c in ex.claims(doc)] == [("population", "people")]
