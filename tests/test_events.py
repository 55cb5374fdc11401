"""The event a report is about (extract/events.py): tolls, cases and damage are the event's,
a place named with them is their scope, a reporting body is not their subject."""

from __future__ import annotations

import pytest

from claimcheck.extract.events import document_event
from claimcheck.model import RawDocument
from claimcheck.pipeline import Extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _doc(ex: Extractor, text: str):
    return ex.document(RawDocument(path="n.txt", name="n.txt", data=text.encode()))


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Toll From Typhoon Kalmaegi Rises\n\nTyphoon Kalmaegi struck the coast on Monday. Rescuers said 40 people died.",
            "Typhoon Kalmaegi",
        ),
        ("Dixie Creek Fire Grows\n\nThe Dixie Creek Fire has burned 12,000 acres, officials said.", "Dixie Creek Fire"),
        (
            "Marburg Deaths Climb in Rwanda\n\nThe Marburg outbreak has killed 15 people. Marburg cases rose to 66.",
            "Marburg",
        ),
        ("After Valley Flood, Town Rebuilds\n\nThe Valley Flood destroyed 300 homes.", "Valley Flood"),
        ("Parliament Passes Budget\n\nThe budget raises spending by 4% in 2031.", None),
        (  # a fact sheet that mentions an epidemic twice is no report on it
            "Carecover Enrollment Hits a Record\n\nCarecover covers 24 million people. It funds Marburg "
            "prevention, and new Marburg infections fell 12%.",
            None,
        ),
        (  # an untitled report that names its event again and again
            "The Marburg outbreak spread to two districts. Marburg cases rose to 66. Marburg deaths reached 15.",
            "Marburg",
        ),
        # a byline's name does not run on into the next line's event ("Irena Vask\n\nStorm")
        ("Kelda Leaves 14 Dead\n\nBy Irena Vask\n\nStorm Kelda killed 14 people.", "Storm Kelda"),
        # a tie: the event the headline names by its short name, not the one first in the alphabet
        ("Kelda Leaves 14 Dead\n\nStorm Kelda killed 14 people, more than Storm Idris.", "Storm Kelda"),
    ],
)
def test_document_event(ex: Extractor, text: str, event: str | None) -> None:
    assert document_event(_doc(ex, text), ex.lex, ex.entities) == event


def test_tolls_are_the_events_and_places_their_scope(ex: Extractor) -> None:
    text = (
        "Cholera Deaths Rise in the Region\n\n"
        "The cholera outbreak has killed 212 people, the World Health Organization said. "
        "In Malawi, 97 people died of cholera.\n"
    )
    claims = ex.claims(_doc(ex, text))
    rows = {(c.subject, c.object, c.value) for c in claims if c.kind == "numeric"}
    assert ("Cholera", None, 212) in rows  # not the World Health Organization's
    assert ("Cholera", "Malawi", 97) in rows  # Malawi is where, the outbreak is whose


def test_figures_of_other_things_keep_their_subject(ex: Extractor) -> None:
    text = "Hurricane Dora Nears Coast\n\nHurricane Dora is heading north. Mexico's economy grew 3.1% in 2030.\n"
    claims = ex.claims(_doc(ex, text))
    growth = [c for c in claims if c.value == 3.1]
    assert growth and growth[0].subject == "Mexico"


def test_the_event_by_its_short_name_is_the_event_not_a_scope(ex: Extractor) -> None:
    """'Kelda claimed at least 11 lives' in a report on Storm Kelda: the storm's toll, with no
    scope (it was read as the storm's toll *in* 'Kelda', which split it from the others)."""
    text = "Death Toll From Storm Kelda Climbs to 11\n\nBefore it swept out to sea, Kelda claimed at least 11 lives.\n"
    tolls = [(c.subject, c.object) for c in ex.claims(_doc(ex, text)) if c.value == 11]
    assert tolls == [("Storm Kelda", None)] * 2


def test_a_running_toll_is_as_of_the_reports_date(ex: Extractor) -> None:
    text = (
        "Cholera Death Toll Rises to 310\n\n"
        "Health workers unload supplies in Lilongwe, March 14, 2031.\n\n"
        "According to the ministry, 1,204 cholera cases had been reported as of March 12. "
        "Most were in Blantyre (702 cases), followed by Zomba (211).\n\n"
        "The cholera outbreak has killed 310 people, officials said.\n"
    )
    claims = {c.value: c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"}
    assert claims[702].period_start == "2031-03-12"  # the paragraph's "as of" day
    assert claims[310].period_start == "2031-03-14"  # no day of its own: the report's date
    headline = [c for c in ex.claims(_doc(ex, text)) if c.value == 310 and c.char_start < 30]
    assert headline and all(c.period_start == "2031-03-14" for c in headline)  # as of the report too


def test_a_toll_of_places_listed_together_is_all_of_theirs(ex: Extractor) -> None:
    text = (
        "Cholera Death Toll Rises\n\nOfficials in Lilongwe reported on March 14, 2031 that a total of 2,410 cholera "
        "cases have been reported from three countries (Malawi, Zambia, and Mozambique). "
        "Most were from Malawi (1,502 cases), followed by Zambia (611).\n"
    )
    rows = {c.value: c.object for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"}
    assert rows[2410] == "Malawi, Zambia and Mozambique"
    assert rows[1502] == "Malawi" and rows[611] == "Zambia"


def test_a_toll_on_a_page_about_the_event_has_no_scope_its_sentence_does_not_name(ex: Extractor) -> None:
    """An infobox row ('Fatalities | 74') on a storm's page that names one country most: the
    page's place is no scope of the toll, the sentence never names it."""
    text = (
        "Hurricane Dora Kills Dozens\n\n"
        "Overall effects | |\n---|---|\nFatalities | 74 |\nDamage | $2.5 billion |\nHighest winds | 120 mph |\n\n"
        "Hurricane Dora struck Mexico in 2030. Mexico declared an emergency. Mexico sent troops.\n"
        "In Mexico, 60 people died.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"]
    rows = {(c.subject, c.object, c.value) for c in claims}
    assert ("Hurricane Dora", None, 74) in rows  # not Mexico's toll: the row does not say where
    assert ("Hurricane Dora", "Mexico", 60) in rows  # the sentence does


def test_a_possessive_place_is_the_scope_and_it_is_the_event_only_on_its_own_page(ex: Extractor) -> None:
    """'Borduria's disaster agency said 97 people died': Borduria's toll of the storm. 'It has
    a population of 80,000' in a report on a storm is about anything but the storm; on the
    storm's own page 'It covered an area of ...' is the storm's."""
    report = (
        "Storm Zeta Toll Rises\n\n"
        "Storm Zeta struck the coast. Borduria's disaster agency said 97 people died.\n"
        "It has a population of 80,000.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, report)) if c.kind == "numeric"]
    assert ("Storm Zeta", "Borduria", 97) in {(c.subject, c.object, c.value) for c in claims}
    assert all(c.subject != "Storm Zeta" for c in claims if c.value == 80000)
    page = "Storm Zeta (2031)\n\nStorm Zeta was a storm in 2031. It covered an area of 1,200 square kilometers.\n"
    claims = [c for c in ex.claims(_doc(ex, page)) if c.kind == "numeric"]
    assert [(c.subject, c.value) for c in claims] == [("Storm Zeta", 1200)]


def test_a_page_that_opens_by_defining_the_event_is_its_own_page(ex: Extractor) -> None:
    """A page whose title was not kept (a mobile copy) is still the event's own page when its
    text opens by defining it: its 'It covered ...' is the event's. A report that opens
    otherwise keeps 'It' nobody's."""
    page = (
        "The Kelda Fire was the deadliest wildfire in Borduria's history. The fire killed 40 people. "
        "It covered an area of 1,200 square kilometers.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, page)) if c.kind == "numeric"]
    assert ("Kelda Fire", 1200) in {(c.subject, c.value) for c in claims}
    report = (
        "Crews fought the Kelda Fire for a week. The fire killed 40 people. "
        "It covered an area of 1,200 square kilometers.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, report)) if c.kind == "numeric"]
    assert all(c.subject != "Kelda Fire" for c in claims if c.value == 1200)


def test_an_events_class_is_no_running_count_and_has_no_place_scope(ex: Extractor) -> None:
    """'a Category 4 storm in Malawi': the storm's category, neither a running count dated by the
    report nor a figure of one place (a toll in a place is still scoped)."""
    text = (
        "Storm Kelda Hits the Coast\n\nMarch 14, 2031\n\n"
        "Kelda made landfall as a Category 4 storm in Malawi. "
        "In Malawi, 12 people died.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"]
    category = [c for c in claims if c.metric == "category"]
    assert [(c.subject, c.object, c.period_start) for c in category] == [("Storm Kelda", None, None)]
    assert [(c.object, c.period_start) for c in claims if c.value == 12] == [("Malawi", "2031-03-14")]


def test_a_body_named_after_a_place_reports_the_toll_it_does_not_scope_it(ex: Extractor) -> None:
    """'The Varna County sheriff's office also revised the death toll downward, from 88 to
    85': the county names who reports, not where; the 88 is the level before the revision."""
    text = (
        "Varn Fire Toll Revised\n\nDecember 5, 2031\n\n"
        "The Varna County sheriff's office also revised the death toll downward, from 88 to 85.\n"
    )
    got = [(c.subject, c.object, c.metric, c.value) for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"]
    assert got == [
        ("Varn Fire", None, "previous number of people killed", 88),
        ("Varn Fire", None, "number of people killed", 85),
    ]


def test_an_earlier_value_a_span_before_is_dated_a_span_before_the_reports_date(ex: Extractor) -> None:
    """'65 new cases, compared with 39 the week before' in a report as of March 8: 39 new cases
    in the week before, a change over time, not two counts of one day in conflict."""
    text = (
        "Storm Kelda toll rises\n\nMarch 10, 2031\n\nStorm Kelda flooded the coast. The agency counted new "
        "cases in the week that ended March 8. Borduria had 65 new cases, compared with 39 the week before.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"]
    rows = {c.value: (c.metric, c.period_start) for c in claims}
    assert rows[65] == ("number of new cases", "2031-03-08")
    assert rows[39] == ("number of new cases", "2031-03-01")


def test_an_undated_earlier_value_meets_only_its_own_document(ex: Extractor) -> None:
    """'65 new cases, compared with 39 the week before' in a text that never says when: the 39
    is kept, but compared only within its document (another report's undated 39 or 65 is no
    evidence about it)."""
    claims = [c for c in ex.claims(_doc(ex, "Borduria had 65 new cases, compared with 39 the week before.\n"))]
    assert [(c.value, c.local) for c in claims if c.value == 39] == [(39, True)]


@pytest.mark.parametrize(
    ("sentence", "value", "subject"),
    [
        ("Last year's Storm Idris killed 40 people in the same region.", 40, "Storm Idris"),
        ("Storm Kelda killed 12 people; last year's Storm Idris killed 40 people.", 12, "Storm Kelda"),
        ("Storm Kelda killed 12 people; last year's Storm Idris killed 40 people.", 40, "Storm Idris"),
        (
            "The storm, the worst since Storm Idris in 2030 which killed 40 people, damaged 4,800 homes.",
            40,
            "Storm Idris",
        ),
        (
            "The storm, the worst since Storm Idris in 2030 which killed 40 people, damaged 4,800 homes.",
            4800,
            "Storm Kelda",
        ),
        ("Kelda has killed 12 people, fewer than the 40 people killed by Storm Idris.", 40, "Storm Idris"),
        ("Kelda has killed 12 people, fewer than the 40 people killed by Storm Idris.", 12, "Storm Kelda"),
        ("The death toll rose to 12, officials said.", 12, "Storm Kelda"),
    ],
)
def test_a_toll_of_another_event_keeps_its_own_event(ex: Extractor, sentence: str, value: int, subject: str) -> None:
    """A report on one storm that recalls another: the other storm's toll is not the report's."""
    text = f"Storm Kelda Toll Rises\n\nStorm Kelda struck Borduria on Sunday.\n\n{sentence}\n"
    claims = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric" and c.value == value]
    assert claims and {c.subject for c in claims} == {subject}
    other = [c for c in claims if c.subject != "Storm Kelda"]
    assert all(
        c.period_text != "the report's date" and c.object is None for c in other
    )  # (no running toll of this report)


@pytest.mark.parametrize(
    "sentence",
    [
        "In Croatia, 4 people were killed.",
        "In neighbouring Croatia, four people died when a bridge collapsed near the town of Vrelk, police said.",
        "In Croatia, where the storm struck first, authorities have confirmed four deaths.",
        "In southern Croatia, 4 people died.",
    ],
)
def test_a_place_opening_the_sentence_scopes_its_toll(ex: Extractor, sentence: str) -> None:
    """A toll whose sentence opens with where it happened, in a report headed on another
    place, is that place's part of the event's toll, not the whole (it joined the storm's
    total and made a false conflict); the reporting body is not what is counted."""
    text = f"Storm Kelda kills 14 in Slovenia\n\nStorm Kelda battered Slovenia on Sunday. {sentence}\n"
    tolls = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric" and c.value == 4]
    assert [(c.subject, c.metric, c.object) for c in tolls] == [("Storm Kelda", "number of people killed", "Croatia")]


def test_a_place_after_the_toll_scopes_only_its_part(ex: Extractor) -> None:
    text = "Storm Kelda kills 14 in Slovenia\n\nStorm Kelda killed 14 people, three of them in Croatia.\n"
    total = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric" and c.value == 14 and c.char_start > 30]
    assert [(c.subject, c.object) for c in total] == [("Storm Kelda", None)]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Damage was estimated at $410 million, the government said.", [410e6]),
        ("The government estimated damage at EUR 14 billion ($890 million).", [14e9, 890e6]),
        ("Officials put the damage at $890 million.", [890e6]),
        ("The government put the damage at 14 billion euros, or about $890 million.", [14e9, 890e6]),
        (
            "Damage could exceed 10 billion euros ($640 million), Finance Minister Anton Mirko told reporters.",
            [10e9, 640e6],
        ),
    ],
)
def test_damage_is_the_events_even_when_no_other_sentence_ties_them(
    ex: Extractor, sentence: str, values: list[float]
) -> None:
    """A damage estimate in a report on a storm is the storm's, though the document never
    writes "damage" in lower case (a lone capitalised word opening a sentence was read as a
    name, and the figure dropped) or states it as what an estimate puts at the figure."""
    text = (
        f"Storm Kelda hits Borduria\n\nStorm Kelda swept across Slovenia on Sunday. {sentence} Rescuers were at work.\n"
    )
    damage = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric" and c.metric == "damage"]
    assert sorted(c.value for c in damage) == sorted(values)
    assert {c.subject for c in damage} == {"Storm Kelda"}


def test_expected_insurance_claims_are_the_events_forecast(ex: Extractor) -> None:
    text = (
        "Storm Kelda hits Slovenia\n\nInsurers expect claims of up to $300 million, the insurance association said.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"]
    assert [(c.subject, c.metric, c.object, c.qualifier) for c in claims] == [
        ("Storm Kelda", "forecast claims", None, "at_most")
    ]


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("The death toll stands at 38.", None),
        ("The number of dead is now 38.", None),
        ("The toll currently stands at 38, officials said.", None),
        (
            "Rescuers in Slovenia were searching for survivors on Tuesday after Storm Kelda left 38 people dead.",
            "Slovenia",
        ),
        ("Rescuers searched for survivors after Storm Kelda left at least 38 people dead.", None),
        ("Storm Kelda killed 38 people in Croatia.", "Croatia"),
        ("Storm Kelda killed 38 people in Croatia and 3 in Slovenia.", "Croatia"),
        ("Storm Kelda, which killed 38 Croatians in October 2030, was the worst in decades.", "Croatia"),
        ("Thirty-eight Croatians died in the floods.", "Croatia"),
    ],
)
def test_other_ways_of_stating_a_toll(ex: Extractor, sentence: str, scope: str | None) -> None:
    """A toll that 'stands at' or 'is now' a number, one after a clause of what others did,
    and people counted by their demonym (people killed, of that place) are the storm's toll."""
    text = f"Storm Kelda hits Slovenia\n\nStorm Kelda battered the region on Sunday. {sentence}\n"
    tolls = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric" and c.value == 38]
    assert [(c.subject, c.metric, c.unit, c.object) for c in tolls] == [
        ("Storm Kelda", "number of people killed", "people", scope)
    ]


@pytest.mark.parametrize(
    ("headline", "scope"),
    [("Storm Kelda: 28 dead in Slovenia", "Slovenia"), ("Storm Kelda kills 28 in Croatia", "Croatia")],
)
def test_a_headlines_toll_is_a_toll_not_a_field(ex: Extractor, headline: str, scope: str) -> None:
    """'Storm Kelda: 28 dead in Slovenia' is no field 'Storm Kelda' valued 28: a bare count by a
    toll's word counts people."""
    text = f"{headline}\n\nStorm Kelda battered the region on Sunday.\n"
    tolls = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric" and c.value == 28]
    assert [(c.subject, c.metric, c.unit, c.object) for c in tolls] == [
        ("Storm Kelda", "number of people killed", "people", scope)
    ]


def test_a_nations_people_outside_an_event_report_keep_their_own_unit(ex: Extractor) -> None:
    text = "Carecover update\n\nCarecover has enrolled 412,000 Slovenians.\n"
    assert [c.unit for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"] == ["slovenians"]


def test_a_toll_of_an_event_a_fact_sheet_names_is_that_events(ex: Extractor) -> None:
    """A government's fact sheet reports no event, but a toll whose clause names one is that
    event's, scoped by the demonym's place; its other figures stay the page's."""
    text = (
        "FACT SHEET: President Anton Mirko Signs a Partnership with Slovenia\n\n"
        "The Administration has provided $95 million in recovery grants to the provinces hit by "
        "Storm Kelda, which killed 11 Croatians in October 2030.\n"
    )
    claims = {c.value: c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"}
    toll = claims[11]
    assert (toll.subject, toll.metric, toll.unit, toll.object) == (
        "Storm Kelda",
        "number of people killed",
        "people",
        "Croatia",
    )
    assert claims[95e6].subject != "Storm Kelda"


def test_the_headlines_region_is_the_events_own_place_and_a_toll_has_its_verbs(ex: Extractor) -> None:
    """'Eleven Listed as Missing After Valdrex Wildfire' over '11 people are still unaccounted
    for after the Kelda Fire in Northern Valdrex, down from more than 1,000': the region the
    headline names (the lexicon knows no such place) is the fire's own, no part of its toll;
    the headline's spelled count with its verbs is the same count; so are "three were killed"
    and "four who drowned"."""
    text = (
        "Eleven Listed as Missing After Valdrex Wildfire\n\n"
        "The Kelda Fire has killed 85 people, three of whom were killed in one town. "
        "Eleven people are still unaccounted for after the Kelda Fire in Northern Valdrex, down from more than 1,000.\n"
    )
    claims = [c for c in ex.claims(_doc(ex, text)) if c.kind == "numeric"]
    rows = {(c.value, c.metric, c.object) for c in claims}
    assert (11, "number of people missing", None) in rows
    assert sum(1 for v, m, o in rows if v == 11 and o is None) == 1  # (the headline's and the text's: one row)
    (flood,) = [
        c for c in ex.claims(_doc(ex, "The flood in Croatia killed 14, including four who drowned.\n")) if c.value == 4
    ]
    assert flood.metric == "number of people killed"
