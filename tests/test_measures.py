"""compare.measures: one name for every wording of a measure; and the counted noun of a label."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimcheck.compare.measures
from claimcheck.cli import main
from claimcheck.compare.measures import measure_of, measured
from claimcheck.lexicon import default_lexicon
from claimcheck.model import Claim
from claimcheck.normalize.lemmas import is_plural_noun, lemma

LEX = default_lexicon()


@pytest.mark.parametrize(
    ("a", "b", "unit"),
    [
        ("number of people missing", "missing people", "people"),  # word order, "number of"
        ("non-fatal injuries", "number of civilians injured", "civilians"),  # synonyms, the counted noun
        ("cost of insulin", "insulin costs", "USD/month"),  # "of", plural
        ("share of global population", "share of world population", "%"),
        ("goods exports", "exports of goods", "USD"),
        ("number of people killed", "deaths", "people"),
        ("open enrollment sign-ups", "open enrolment", "people"),
        ("seniors' drug costs", "drug costs of seniors", "USD"),  # a possessive
    ],
)
def test_two_wordings_of_one_measure_meet(a: str, b: str, unit: str) -> None:
    assert measure_of(a, unit, LEX) == measure_of(b, unit, LEX)


@pytest.mark.parametrize(
    ("a", "b", "unit"),
    [
        ("land area", "area", "km2"),  # scope is kept
        ("water area", "land area", "km2"),
        ("imports", "exports", "USD"),
        ("number of people injured", "number of people killed", "people"),
        ("new cases", "cases", "cases"),
        ("urban population", "rural population", "%"),
        ("monthly premium", "annual premium", "USD"),
    ],
)
def test_different_measures_stay_apart(a: str, b: str, unit: str) -> None:
    assert measure_of(a, unit, LEX) != measure_of(b, unit, LEX)


def test_a_metric_of_function_words_only_is_its_counted_noun_or_its_words() -> None:
    assert measure_of("number of", "people", LEX) == "people"
    assert measure_of("of the", "", LEX) == "of the"


def test_docstring_examples() -> None:
    result = doctest.testmod(claimcheck.compare.measures)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("word", "plural"),
    [("buildings", True), ("people", True), ("fatalities", True), ("glass", False), ("news", False), ("was", False)],
)
def test_plural_nouns(word: str, plural: bool) -> None:
    assert is_plural_noun(word, LEX.plurals_without_s) is plural


def test_lemmas_drop_plurals_and_possessives() -> None:
    assert [lemma(w) for w in ("injuries", "Costs", "seniors'", "country's")] == ["injury", "cost", "senior", "country"]


def test_a_bare_count_under_a_label_counts_the_labels_noun() -> None:
    """'Missing people 3' in an infobox and '3 people missing' in prose: one count of people."""
    from claimcheck.pipeline import Extractor

    page = "Storm Bell\n\nMissing people 3\nBuildings destroyed 1,204\nHighest winds 120 mph\n"
    _, claims = Extractor().text_claims(page)
    assert [(c.value, c.unit) for c in claims] == [(3, "people"), (1204, "structures"), (193.12128, "km/h")]


def test_differently_worded_figures_of_two_documents_share_a_group(tmp_path: Path) -> None:
    """An infobox's 'Missing people 3' and a report's 'three people are still missing' are one
    measure of one event: one group, which says they agree."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.txt").write_text("Storm Bell\n\nMissing people 3\nBuildings destroyed 1,204\nHighest winds 120 mph\n")
    (docs / "report.txt").write_text(
        "Storm Bell leaves three missing\n\nAfter Storm Bell, 3 people are still missing, officials said.\n"
    )
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", str(docs)]).exit_code == 0
    rows = runner.invoke(main, ["export", "claims", "--format", "csv"]).stdout.splitlines()
    import csv

    claims = [r for r in csv.DictReader(rows) if float(r["value"]) == 3]
    assert len(claims) == 2 and len({r["group_id"] for r in claims}) == 1
    assert {r["group_status"] for r in claims} == {"agree"}


def test_how_a_count_is_known_is_not_what_it_counts() -> None:
    """'known cases', 'reported cases' and 'cases' are one count."""
    assert measure_of("number of known cases", "cases", LEX) == measure_of("number of cases", "cases", LEX)
    assert measure_of("reported deaths", "people", LEX) == measure_of("deaths", "people", LEX)
    assert measure_of("number of patients", "patients", LEX) == "patient"  # the counted noun, when nothing else


def test_counted_nouns_of_one_kind_meet_in_a_measure() -> None:
    """'Buildings destroyed 18,804' (an infobox) and 'destroyed 18,804 structures'."""
    assert measure_of("buildings destroyed", "structures", LEX) == measure_of(
        "number of structures destroyed", "structures", LEX
    )


def test_a_label_of_one_word_or_a_decimal_is_not_a_counted_noun() -> None:
    from claimcheck.pipeline import Extractor

    page = "Borduria\n\nAirports: 324\nExchange rates: 874.5\nPorts destroyed: 12\n"
    _, claims = Extractor().text_claims(page)
    assert [(c.metric, c.unit) for c in claims] == [
        ("airports", ""),
        ("exchange rate", ""),
        ("ports destroyed", "ports"),
    ]


@pytest.mark.parametrize(
    ("a", "b", "unit", "same"),
    [
        ("monthly premium", "premium", "USD/month", True),  # the unit says monthly
        ("annual out-of-pocket cap", "out-of-pocket cap", "USD/year", True),
        ("annual premium", "premium", "USD/month", False),  # a year's premium in a month's unit: not said by it
        ("monthly premium", "premium", "USD", False),  # no time in the unit
    ],
)
def test_a_rate_word_the_unit_says_is_no_part_of_the_measure(a: str, b: str, unit: str, same: bool) -> None:
    assert (measure_of(a, unit, LEX) == measure_of(b, unit, LEX)) is same


def _priced(metric: str, subject: str | None) -> Claim:
    return Claim(
        kind="numeric", subject=subject, metric=metric, object=None, value=1086.0, unit="USD/month",
        qualifier="exact", low=None, high=None, period_start=None, period_end=None, period_text=None,
        attributed_to=None, quote="q", char_start=0, char_end=1, surface="$1,086", surface_start=0, surface_end=1,
    )  # fmt: skip


def test_the_owners_name_is_no_part_of_its_measure() -> None:
    """'the monthly price of the Valdrex pill' of Valdrex is the pill's monthly price."""
    assert measured(_priced("previous monthly price of valdrex", "Valdrex"), LEX).measure == "previous price"
    assert measured(_priced("previous price", "Valdrex"), LEX).measure == "previous price"
    assert measured(_priced("price of valdrexa", "Valdrex"), LEX).measure == "price valdrexa"  # (a whole word only)


def test_an_occasion_of_a_repeated_act_is_measured_by_its_day() -> None:
    """An actor's act ('Mirko signed Executive Order', unit 'occasion') meets the claims of the
    same day only; other event dates keep their key."""

    def dated(unit: str, day: str | None) -> Claim:
        return Claim(
            "event_date", "Mirko signed Executive Order", "date", None, None, unit, "exact", None, None, day, day,
            None, None, "q", 0, 1, "q", 0, 1, value_text="Today",
        )  # fmt: skip

    assert measured(dated("occasion", "2031-05-12"), LEX).measure == "date 2031-05-12"
    assert measured(dated("occasion", None), LEX).measure is None  # (unresolved: as written)
    assert measured(dated("date", "2031-05-12"), LEX).measure is None


def test_an_events_area_is_one_measure_however_worded() -> None:
    """A fire's 'burned area', 'the fire charred 622 km2' and 'it covered an area of ...' are
    one measure of the event; a place's area is not made the event's, and stays apart from its
    'land area'."""

    def area(metric: str, subject_how: str, subject: str = "Kelda Fire") -> Claim:
        return Claim(
            kind="numeric", subject=subject, metric=metric, object=None, value=620.0, unit="km2",
            qualifier="exact", low=None, high=None, period_start=None, period_end=None, period_text=None,
            attributed_to=None, quote="q", char_start=0, char_end=1, surface="620 km2", surface_start=0,
            surface_end=1, subject_how=subject_how,
        )  # fmt: skip

    words = ("burned area", "area", "area charred")
    assert {measured(area(w, "event"), LEX).measure for w in words} == {"area"}
    place = [measured(area(w, "stated", "Borduria"), LEX).measure for w in ("land area", "area")]
    assert place[0] != place[1]
