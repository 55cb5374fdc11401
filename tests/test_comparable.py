"""Which claims meet across documents (compare.identity, applied by the pipeline): a vague
measure or a guessed subject stays in its own document; a stated subject and a named
measure meet, and conflict."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimcheck.db.engine import open_database
from claimcheck.db.models import ClaimGroup
from claimcheck.model import RawDocument
from claimcheck.pipeline import Extractor, ingest


def _groups(tmp_path: Path, texts: dict[str, str]) -> list[tuple[str | None, str, str, int]]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)], jobs=1)
    with Session(engine) as s:
        return sorted((g.subject, g.metric, g.status, g.n_sources) for g in s.scalars(select(ClaimGroup)))


def test_vague_measures_of_two_documents_do_not_meet(tmp_path: Path) -> None:
    groups = _groups(
        tmp_path,
        {
            "a.txt": "Trade note\n\nRuritania has signed trade agreements with 20 countries.\n",
            "b.txt": "Visa note\n\nRuritania now admits travellers from 75 countries without a visa.\n",
        },
    )
    assert [g for g in groups if g[2] == "conflict"] == []
    assert all(n == 1 for *_, n in groups)


def test_a_named_measure_of_a_stated_subject_meets_and_conflicts(tmp_path: Path) -> None:
    groups = _groups(
        tmp_path,
        {
            "a.txt": "Jobs\n\nRuritania's unemployment rate was 6.1% in 2030.\n",
            "b.txt": "Labour\n\nThe unemployment rate in Ruritania was 7.4% in 2030.\n",
        },
    )
    assert ("Ruritania", "unemployment rate", "conflict", 2) in groups


def test_subject_provenance_is_recorded() -> None:
    ex = Extractor()
    text = (
        "Harbour report\n\nBorduria's ports handled 4.1 million containers in 2030. Borduria is growing. "
        "Borduria's ferries are busy. Port fees rose 3% in 2030.\n"
    )
    doc = ex.document(RawDocument(path="p.txt", name="p.txt", data=text.encode()))
    hows = {c.surface: c.subject_how for c in ex.claims(doc) if c.kind == "numeric"}
    assert hows.get("4.1 million containers") == "stated"


def test_an_ordinary_word_is_no_subject() -> None:
    """'Gains like these ...': a sentence's first word that the document writes in lower case
    elsewhere is no name; a heading in capitals neither."""
    ex = Extractor()
    text = (
        "# AT A GLANCE\n\nThe jobless rate is at a record low of 3.1%.\n\n"
        "Gains like these cut the jobless rate to 3.1% this year. Our gains are real.\n"
    )
    doc = ex.document(RawDocument(path="g.md", name="g.md", data=text.encode()))
    subjects = {c.subject for c in ex.claims(doc) if c.kind == "numeric"}
    assert subjects == {None}


REVIEW = """# Regional mining review 2031

Output across the region rose in 2030.

## Zambia

Copper output rose 4% to 820,000 tonnes in 2030.

## Malawi and Zambia

Uranium exports fell 12% in 2030.

## Outlook

Cobalt accounted for 3% of global battery demand in 2030.
"""


def test_a_figure_without_a_subject_is_its_sections_place() -> None:
    ex = Extractor()
    doc = ex.document(RawDocument(path="r.md", name="r.md", data=REVIEW.encode()))
    got = {c.value: (c.subject, c.subject_how) for c in ex.claims(doc) if c.kind == "numeric"}
    assert got[820_000] == ("Zambia", "section")
    assert got[-12][0] is None  # a heading of two places names no one place
    assert got[3][0] is None  # a share of something global stays nobody's


STATEMENT = """---
title: "BY THE NUMBERS: The Farm Credit Act"
source_url: https://www.agriculture.gov.xx/statements/farm-credit/
---

The farm insolvency rate is at a record low of 1.9%.

Gains like these cut the farm insolvency rate to 1.9% this year.

Global wheat prices rose 4% in 2030.
"""


def test_a_governments_page_speaks_of_its_country() -> None:
    ex = Extractor()
    text = STATEMENT.replace("agriculture.gov.xx", "agriculture.gov.uk")
    doc = ex.document(RawDocument(path="s.md", name="s.md", data=text.encode()))
    got = [(c.subject, c.subject_how, c.local) for c in ex.claims(doc) if c.metric == "farm insolvency rate"]
    assert got == [("United Kingdom", "publisher", False)] * 2  # (not 'BY THE NUMBERS', not 'Gains')
    world = [c for c in ex.claims(doc) if "wheat" in c.metric]
    assert world and world[0].subject is None  # a figure of the world's is nobody's country's


PROGRAMMES = """---
title: "Statement on record enrolment"
source_url: https://www.health.gov/statements/enrolment/
---

Today, President Anton Mirko said 50 million Americans with Carecover Plus will have their costs capped at $2,000 per year.

Nearly 11 million Americans signed up for insurance on HealthPlan.gov this year.

The Budget Office estimates the cap will save taxpayers $160 billion.

Today, 8% of Americans have no insurance.
"""


def test_a_governments_page_names_the_programme_its_sentence_names() -> None:
    """A .gov statement's figure whose clause names no subject is the programme, product or
    body its sentence names ("Britons with Carecover Plus", "on HealthPlan.gov.uk"), not the
    country; a person, a source ("the Budget Office estimates"), a demonym or an opener
    ("Today") is no such name, and the country stays."""
    ex = Extractor()
    doc = ex.document(RawDocument(path="p.md", name="p.md", data=PROGRAMMES.encode()))
    got = {c.value: c.subject for c in ex.claims(doc) if c.kind == "numeric"}
    assert got[50_000_000] == got[2000] == "Carecover Plus"
    assert got[11_000_000] == "HealthPlan.gov"
    assert got[160e9] == got[8] == "United States"


def test_a_programme_beats_the_country_a_page_is_about() -> None:
    """On a .gov page about its own country (the country is the document's main place), a
    figure whose sentence names a programme and not the country is the programme's; a
    sentence naming the country keeps it."""
    text = PROGRAMMES + (
        "\nThe United States leads. The United States spends more. Across the United States, care costs.\n"
        "\nToday, Carecover covers about 80 million people.\n"
        "\nThe United States spends $4 billion a year on Carecover.\n"
        "\nSeniors with Carecover are protected, and insulin is capped at $35 per month.\n"
        "\nFollowing the Administration's efforts, Carecover Plus enrolment rose 6%.\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="p.md", name="p.md", data=text.encode()))
    got = {c.value: c.subject for c in ex.claims(doc) if c.kind == "numeric"}
    assert got[80_000_000] == got[35] == "Carecover"  # (not "Seniors")
    assert got[6] == "Carecover Plus"  # (not "Administration")
    assert got[4e9] == "United States"


def test_a_page_of_no_government_names_no_country() -> None:
    ex = Extractor()
    doc = ex.document(RawDocument(path="s.md", name="s.md", data=STATEMENT.replace(".gov.xx", ".example.org").encode()))
    assert {c.subject for c in ex.claims(doc) if c.metric == "farm insolvency rate"} == {None}


def test_a_sentence_restated_word_for_word_meets_itself(tmp_path: Path) -> None:
    """A figure whose identity is not confident ('number of countries') meets the same
    sentence in another document: the same claim restated, so they agree; a changed
    sentence does not meet it."""
    said = "More than 75 countries have asked to join the talks.\n"
    groups = _groups(
        tmp_path,
        {
            "a.txt": "Trade note\n\n" + said,
            "b.txt": "Weekly digest\n\n" + said.replace("  ", " "),
            "c.txt": "Later note\n\nMore than 80 countries have asked to join the talks.\n",
        },
    )
    counted = [(status, n) for _, metric, status, n in groups if metric == "number of countries"]
    assert sorted(counted) == [("agree", 2), ("single", 1)]


def test_a_running_count_reissued_with_a_new_figure_is_a_trend(tmp_path: Path) -> None:
    """A statement reissued with only its count changed ('Since May 1, 2031, Portugal has
    signed five agreements ...', then 14, then 16): one running count, each copy dated by its
    publication, so a trend, though 'number of agreements' alone names no measure."""
    said = (
        "Since May 1, 2031, Portugal has signed {n} agreements with foreign shipbuilders to bring repair "
        "costs in line with those paid in neighbouring ports.\n"
    )
    texts = {
        f"{i}.md": f"---\ntitle: Shipyards update\ndate: {day}\n---\n\n# Shipyards update\n\n" + said.format(n=n)
        for i, (n, day) in enumerate([("five", "2031-06-01"), ("14", "2031-09-01"), ("16", "2031-11-20")])
    }
    texts["other.md"] = "# Shipyards\n\nPortugal has signed 40 agreements with foreign shipbuilders.\n"
    groups = _groups(tmp_path, texts)
    assert sorted((status, n) for _, metric, status, n in groups if metric == "number of agreements") == [
        ("single", 1),
        ("trend", 3),
    ]


def test_a_governments_page_about_a_partner_states_its_own_countrys_figures() -> None:
    """A .gov fact sheet headed with a partner ("A New Partnership with Japan"): a figure it
    states with no subject ("The Administration has provided $95 million in grants") is its
    own country's, not the partner's; the partner's figures name it."""
    text = (
        '---\ntitle: "Fact Sheet: A New Partnership with Japan"\n'
        "source_url: https://www.whitehouse.gov/fact-sheets/2031/05/partnership/\n---\n\n"
        "The partnership with Japan begins today. Japan and its neighbours welcomed it.\n\n"
        "The Administration has provided $95 million in recovery grants to coastal towns.\n\n"
        "Japan will invest $40 billion in new plants.\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="p.md", name="p.md", data=text.encode()))
    got = {c.value: c.subject for c in ex.claims(doc) if c.kind == "numeric"}
    assert got[95e6] == "United States"
    assert got[40e9] == "Japan"
