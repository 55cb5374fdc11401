"""compare.identity: which claims may meet other documents' claims."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimcheck.compare.identity import ambiguous_in_sentence, as_concept, identity_of, measure_words, restatement
from claimcheck.lexicon import default_lexicon
from claimcheck.model import Claim

LEX = default_lexicon()


def _claim(metric: str, unit: str = "", subject: str | None = "Ruritania", how: str | None = "stated") -> Claim:
    return Claim(
        kind="numeric", subject=subject, metric=metric, object=None, value=1.0, unit=unit, qualifier="exact",
        low=None, high=None, period_start=None, period_end=None, period_text=None, attributed_to=None,
        quote="q", char_start=0, char_end=1, surface="1", surface_start=0, surface_end=1, subject_how=how,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("metric", "unit", "words"),
    [
        ("number of people killed", "people", ["killed"]),
        ("unemployment rate", "%", ["unemployment"]),
        ("number of countries", "countries", []),
        ("investment", "USD", []),
        ("rate", "%", []),
        ("area land", "km2", ["area", "land"]),
        ("number of border countries", "countries", ["border"]),
    ],
)
def test_measure_words(metric: str, unit: str, words: list[str]) -> None:
    assert measure_words(metric, unit, LEX) == words


def test_a_vague_measure_is_not_confident() -> None:
    ident = identity_of(_claim("number of americans", "americans"), LEX)
    assert not ident.confident and "names no measure" in ident.reasons[0]
    assert identity_of(_claim("unemployment rate", "%"), LEX).confident


def test_a_guessed_subject_is_not_confident() -> None:
    assert not identity_of(_claim("unemployment rate", "%", how="most-named place"), LEX).confident
    assert identity_of(_claim("unemployment rate", "%", how="document title"), LEX).confident


def test_an_events_count_is_confident_though_its_noun_is_plain() -> None:
    assert identity_of(_claim("number of cases", "cases", subject="Cholera", how="event"), LEX).confident
    assert not identity_of(_claim("number of cases", "cases"), LEX).confident


def test_an_event_date_of_a_common_noun_is_not_confident() -> None:
    date = replace(_claim("date"), kind="event_date", subject="agreement")
    assert not identity_of(date, LEX).confident
    assert identity_of(replace(date, subject="Treaty of Lisbon"), LEX).confident
    assert identity_of(replace(date, subject="memorandum of understanding"), LEX).confident


@pytest.mark.parametrize(
    ("metric", "unit", "named"),
    [
        ("number of deaths", "deaths", ("number of people killed", "people")),
        ("number of civilian fatalities", "fatalities", ("number of civilian people killed", "people")),
        ("number of lives", "lives", ("number of people killed", "people")),
        ("number of cases", "cases", ("number of cases", "cases")),
        ("fatalities", "civilians", ("number of people killed", "people")),  # an infobox's "Fatalities 86 civilians"
        ("fatalities", "%", ("fatalities", "%")),
    ],
)
def test_one_concept_under_one_name(metric: str, unit: str, named: tuple[str, str]) -> None:
    c = as_concept(_claim(metric, unit), LEX)
    assert (c.metric, c.unit) == named


def test_a_guessed_place_with_a_measure_named_in_several_words_may_meet() -> None:
    assert identity_of(_claim("goods trade deficit", "USD", how="most-named place"), LEX).confident
    assert not identity_of(_claim("deficit", "USD", how="most-named place"), LEX).confident


def test_a_share_of_one_plain_word_is_vague() -> None:
    assert not identity_of(_claim("share of consumption", "%"), LEX).confident
    assert identity_of(_claim("share of global copper production", "%"), LEX).confident


def test_one_sentences_figures_of_one_measure_that_cannot_both_hold_stay_home() -> None:
    level = replace(_claim("employment in shipbuilding", "jobs"), value=41200, low=41150.0, high=41250.0)
    misread = replace(level, value=9800, low=9750.0, high=9850.0, surface="9,800")
    other = replace(level, char_start=99)  # the same measure in another sentence
    got = ambiguous_in_sentence([level, misread, other])
    assert [c.local for c in got] == [True, True, False]
    assert [c.local for c in ambiguous_in_sentence([level, replace(level, surface="41,200 again")])] == [False, False]


def test_one_sentences_bounds_of_one_measure_far_apart_stay_home() -> None:
    """'more than 7,272 kg at one border and more than 650 kg at the other': the bounds overlap,
    but one sentence does not say one figure twice so far apart; a conversion's rounding
    ('160 mph (260 km/h)', 257.5 and 260 km/h) is one figure said twice."""
    south = replace(_claim("seized mass", "kg"), value=7272, low=7272.0, high=None, qualifier="over")
    north = replace(south, value=650, low=650.0, surface="650")
    assert [c.local for c in ambiguous_in_sentence([south, north])] == [True, True]
    stated = replace(_claim("highest winds", "km/h"), value=257.5, low=249.4, high=265.5)
    converted = replace(stated, value=260, low=255.0, high=265.0, surface="260 km/h")
    assert [c.local for c in ambiguous_in_sentence([stated, converted])] == [False, False]


def test_of_one_sentences_whole_and_part_only_the_part_stays_home() -> None:
    """'the death toll reached 11 when officials said five people were killed in the state':
    the five are a part's ('in the state'), the 11 the whole's, which may meet other reports."""
    quote = "The death toll reached 11 when officials said five people were killed in the state."
    whole = replace(
        _claim("number of people killed", "people"), value=11, low=10.5, high=11.5, quote=quote, char_start=0
    )
    whole = replace(whole, surface="11", surface_start=quote.index("11"), surface_end=quote.index("11") + 2)
    at = quote.index("five")
    part = replace(whole, value=5, low=4.5, high=5.5, surface="five", surface_start=at, surface_end=at + 4)
    assert [c.local for c in ambiguous_in_sentence([whole, part], LEX)] == [False, True]
    assert [c.local for c in ambiguous_in_sentence([whole, part])] == [True, True]  # (no lexicon: both)
    unscoped = replace(part, quote=quote.replace(" in the state", ""))
    assert [c.local for c in ambiguous_in_sentence([replace(whole, quote=unscoped.quote), unscoped], LEX)] == [
        True,
        True,
    ]


def test_one_sentences_open_bound_and_a_figure_below_it_stay_home() -> None:
    over = replace(_claim("settlement", "USD"), value=2e8, low=2e8, high=None, surface="more than $200 million")
    smaller = replace(over, value=5e7, low=4.95e7, high=5.05e7, surface="$50 million")
    assert [c.local for c in ambiguous_in_sentence([over, smaller])] == [True, True]


@pytest.mark.parametrize(
    ("metric", "unit", "named"),
    [
        ("number of people infected", "people", ("number of cases", "cases")),
        ("number of people diagnosed", "people", ("number of cases", "cases")),
        ("number of new infections", "infections", ("number of new cases", "cases")),
        ("infection rate", "%", ("infection rate", "%")),  # a share, not a count
        ("number of people killed", "people", ("number of people killed", "people")),
    ],
)
def test_people_infected_or_diagnosed_are_cases(metric: str, unit: str, named: tuple[str, str]) -> None:
    c = as_concept(_claim(metric, unit), LEX)
    assert (c.metric, c.unit) == named


@pytest.mark.parametrize("metric", ["payment", "savings", "spending", "investment"])
def test_a_sum_named_only_by_its_verb_names_no_measure(metric: str) -> None:
    """'Columbia will pay $200 million' and 'households pay $1,200 a year' are both payments of
    the page's country: joined, they were reported as a conflict."""
    assert not identity_of(_claim(metric, "USD"), LEX).confident
    assert identity_of(_claim(f"{metric} on heating bills", "USD"), LEX).confident


@pytest.mark.parametrize(("metric", "unit"), [("number of children infected", "children"), ("infection costs", "USD")])
def test_a_part_of_the_infected_or_money_is_not_cases(metric: str, unit: str) -> None:
    c = as_concept(_claim(metric, unit), LEX)
    assert (c.metric, c.unit) == (metric, unit)


@pytest.mark.parametrize(
    ("phrase", "confident"),
    [
        ("signed Executive Order", False),  # one of many orders signed: whose, which, the phrase does not say
        ("announced agreement", False),
        ("fire started", False),
        ("Cloquet fire", True),  # a named event
        ("Storm Kelda made landfall", True),
        ("memorandum of understanding", True),  # a thing, no act without its actor
        ("President Anton Mirko launched", False),  # an actor and a bare verb: which launch, unsaid
        ("Mirko signed Executive Order", True),  # an actor's act on an object: one of the actor's occasions
    ],
)
def test_an_event_date_of_an_act_without_its_actor_meets_only_its_restatements(phrase: str, confident: bool) -> None:
    date = replace(_claim("date"), kind="event_date", subject=phrase, value=None, value_text="May 12, 2031")
    assert identity_of(date, LEX).confident is confident


def test_copies_of_a_sentence_dated_today_meet_only_on_the_same_day() -> None:
    """'Today, the President signed ...' in a fact sheet posted twice: each copy's day is its
    own publication's, not a second date of one signing."""
    quote = "Today, President Anton Mirko signed an Executive Order."
    today = replace(
        _claim("date"), kind="event_date", subject="signed Executive Order", value=None, value_text="Today",
        quote=quote, surface="Today", surface_start=0, surface_end=5, period_start="2031-05-12",
    )  # fmt: skip
    assert restatement(today) == restatement(replace(today, char_start=40, surface_start=40, surface_end=45))
    assert restatement(today) != restatement(replace(today, period_start="2031-06-02"))
    dated = replace(today, quote=quote.replace("Today", "On May 12, 2031"), surface="May 12, 2031")
    assert restatement(dated) == restatement(replace(dated, period_start="2031-05-13"))  # (a date as written)


_REISSUED = "Since May 1, 2031, Valdrex has signed five agreements with foreign shipbuilders to cut repair costs."


def _reissued(surface: str = "five agreements", quote: str = _REISSUED, **changes: object) -> Claim:
    at = quote.index(surface)
    base = replace(
        _claim("number of agreements", "agreements", subject="Valdrex"),
        quote=quote, char_start=100, char_end=100 + len(quote),
        surface=surface, surface_start=100 + at, surface_end=100 + at + len(surface),
    )  # fmt: skip
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (_reissued("14 agreements", _REISSUED.replace("five", "14")), True),  # the figure changed: reissued
        (_reissued("FIVE AGREEMENTS", "  ".join(_REISSUED.upper().split(" ", 3))), True),  # case and spacing aside
        (_reissued("14 agreements", _REISSUED.replace("five", "14").replace("May 1", "May 2")), False),  # a date
        (_reissued("14 agreements", _REISSUED.replace("five", "14").replace("foreign", "local")), False),  # a word
        (_reissued("14 agreements", _REISSUED.replace("five", "14"), subject=None), False),  # nobody's figure
        (_reissued("14 agreements", _REISSUED.replace("five", "14"), unit="deals"), False),
    ],
)
def test_a_long_sentence_restated_with_its_figure_changed_is_one_statement(other: Claim, same: bool) -> None:
    """'Since May 1, Valdrex has signed five agreements ...' and a later copy with '14
    agreements': one running count reissued, so both meet (their dates then say trend or
    conflict); every other word, date and figure must be the same."""
    assert (restatement(_reissued()) == restatement(other)) is same


def test_a_short_or_unowned_sentence_meets_only_itself_word_for_word() -> None:
    short = "Valdrex signed five agreements."
    assert restatement(_reissued(quote=short)) != restatement(_reissued("14 agreements", short.replace("five", "14")))
    assert restatement(_reissued(quote=short)) == restatement(_reissued(quote=short, char_start=7, surface_start=22))
    nobody = _reissued(subject=None, subject_how=None)
    assert restatement(nobody) == restatement(replace(nobody, char_start=0, surface_start=nobody.surface_start - 100))


def test_a_subject_the_sentence_does_not_name_is_part_of_the_statement() -> None:
    """Two states' fact sheets both say 'in the state': their figures are two states'."""
    quote = "This year the program has helped five thousand families in the state to pay their heating bills."
    borduria = _reissued("five thousand families", quote, subject="Borduria", subject_how="document title")
    changed = quote.replace("five thousand", "6,200")
    assert restatement(borduria) != restatement(replace(borduria, subject="Valdrex", quote=quote))
    assert restatement(borduria) == restatement(_reissued("6,200 families", changed, subject="Borduria",
                                                          subject_how="document title"))  # fmt: skip
    # a subject the sentence names is in its words already
    stated = _reissued(subject="Valdrex", subject_how="stated")
    assert restatement(stated) == restatement(replace(stated, subject="Valdrex Holdings"))


@pytest.mark.parametrize(
    ("subject", "how", "metric", "unit", "confident"),
    [
        ("Valdrex", "stated", "price", "USD/month", True),  # a product's price is its own
        ("Valdrex", "stated", "previous monthly price", "USD/month", True),
        ("Valdrex", "document title", "price", "USD/month", False),  # not named by its sentence
        ("Portugal", "stated", "prices", "USD", False),  # a place's prices: of what?
        ("Valdrex", "stated", "price", "%", False),  # a change, not a price
        ("Valdrex", "stated", "investment", "USD", False),  # not a thing's own money
    ],
)
def test_a_things_own_price_is_a_measure(subject: str, how: str, metric: str, unit: str, confident: bool) -> None:
    """'The price of Valdrex will fall from $1,086 a month': the price of a thing the
    sentence names, no place, is a measure (a place's 'prices' are of anything sold there)."""
    assert identity_of(_claim(metric, unit, subject=subject, how=how), LEX).confident is confident


def test_a_change_over_no_stated_time_is_not_confident() -> None:
    """'violent crime down 22%' in one statement and 'violent crime rose by 39 percent' in 2023
    in another were reported as a conflict: a change states the time it is over, or it meets
    only its own sentence restated."""
    undated = _claim("change in violent crime", "%")
    ident = identity_of(undated, LEX)
    assert not ident.confident and ident.reasons == ("a change over no stated time",)
    assert identity_of(replace(undated, period_start="2031", period_end="2031"), LEX).confident
    assert identity_of(replace(undated, period_text="since 2029"), LEX).confident
