"""Titles, event dates and people's names across documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimcheck.db.engine import open_database
from claimcheck.db.models import ClaimGroup
from claimcheck.extract import titles
from claimcheck.extract.event_rules import EVENT_RULES, EventScene, event_dates
from claimcheck.extract.facts import FactRules
from claimcheck.lexicon import Lexicon
from claimcheck.model import RawDocument, Sentence
from claimcheck.normalize.entities import EntityIndex
from claimcheck.normalize.people import match_names, preferred, resolve_name
from claimcheck.pipeline import Extractor, ingest
from tests.conftest import load_cases


def _facts(extractor, text: str, kind: str, published: str | None = None):
    from dataclasses import replace

    from claimcheck.model import RawDocument

    doc = extractor.document(RawDocument("t", "t", text.encode()))
    if published:
        doc = replace(doc, meta=replace(doc.meta, published=published))
    return [c for c in extractor.claims(doc) if c.kind == kind]


@pytest.mark.parametrize(
    ("text", "person", "title", "org"),
    [
        (
            "The deal was praised by French President Emmanuel Macron on Monday.",
            "Emmanuel Macron",
            "President",
            "France",
        ),
        ("Germany's Chancellor Olaf Scholz flew to Delhi.", "Olaf Scholz", "Chancellor", "Germany"),
        ("Tesla's Chief Executive Officer Elon Musk said so.", "Elon Musk", "Chief Executive", "Tesla"),
        ("U.K. Prime Minister Rishi Sunak's plan was delayed.", "Rishi Sunak", "Prime Minister", "United Kingdom"),
        ("It met Secretary-General António Guterres.", "António Guterres", "Secretary-General", None),
        # particles inside a name: the name was cut before them ("Luiz Inácio Lula")
        ("Brazilian President Luiz Inácio Lula da Silva said so.", "Luiz Inácio Lula da Silva", "President", "Brazil"),
        ("Commission President Ursula von der Leyen visited Kyiv.", "Ursula von der Leyen", "President", None),
    ],
)
def test_titles(extractor, text: str, person: str, title: str, org: str | None) -> None:
    (c,) = _facts(extractor, text, "title")
    assert (c.subject, c.value_text, c.object) == (person, title, org)
    doc_text = text + "\n"
    assert doc_text[c.surface_start : c.surface_end] == c.surface


@pytest.mark.parametrize(
    "text",
    [
        "Former President Barack Obama spoke.",  # not a current title
        "General Motors cut 500 jobs.",  # a company, not General + name
        "The Prime Minister's office declined to comment.",  # no person named
        "The President of the Commission spoke.",
    ],
)
def test_not_titles(extractor, text: str) -> None:
    assert _facts(extractor, text, "title") == []


def test_event_dates(extractor) -> None:
    text = (
        "The two ministries signed a memorandum of understanding in June. "
        "During a visit to Nairobi on Tuesday, the minister met traders."
    )
    unresolved = _facts(extractor, text, "event_date")
    assert [(c.subject, c.value_text, c.period_start) for c in unresolved] == [
        ("memorandum of understanding", "June", None),
        ("visit to nairobi", "Tuesday", None),
    ]
    resolved = _facts(extractor, text, "event_date", published="2023-08-10")
    assert [c.period_start for c in resolved] == ["2023-06", "2023-08-08"]


def test_an_infobox_row_of_an_event_label_dates_the_event(extractor) -> None:
    """A storm page's infobox ("Formed | October 7, 2031 |", "Dissipated | ..."): each row whose
    label is an event gives its date; other rows ("Highest winds") none."""
    text = (
        "Storm Kelda\n\nMeteorological history | |\n---|---|\nFormed | October 7, 2031 |\n"
        "Dissipated | October 16, 2031 |\nHighest winds | 160 mph (260 km/h) |\n"
    )
    dates = _facts(extractor, text, "event_date")
    assert [(c.subject, c.period_start) for c in dates] == [("formed", "2031-10-07"), ("dissipated", "2031-10-16")]


def test_no_event_without_an_event_word(extractor) -> None:
    assert _facts(extractor, "Prices rose in June and fell on Friday.", "event_date") == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Anthony Blinken", "Antony Blinken", True),
        ("Jens Stoltenberg", "Jens Stoltenburg", True),
        ("K. Harris", "Kamala Harris", True),
        ("Joe Biden", "Hunter Biden", False),
        ("Kamala Harris", "Kamala Devi Harris", True),
        ("Ali Khan", "Ali Hassan", False),
        ("Li Wei", "Li Wen", False),
        ("Austin", "Anutin Charnvirakul", False),  # one name alone must be spelled the same
        ("Chen", "Mei Chen", True),
        ("Sergey Lavrov", "Sergei Lavrov", True),  # a full name may be transliterated
        ("Jan B. Novak", "Jan B. Novak Jr.", False),  # father and son
        ("Novak", "Jan B. Novak Jr.", True),
    ],
)
def test_match_names(a: str, b: str, same: bool) -> None:
    m = match_names(a, b)
    assert (m is not None) == same
    if m:
        assert m.reason and 0 < m.score <= 100


def test_resolution_needs_a_single_candidate() -> None:
    assert resolve_name("Biden", ["Joe Biden", "Hunter Biden"]).matched is None
    r = resolve_name("Biden", ["Joe Biden"])
    assert r.name == "Joe Biden" and "one name only" in r.match.reason
    assert preferred(["K. Harris", "Kamala Harris"]) == "Kamala Harris"


def test_titles_group_by_person_across_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Foreign Minister Sergey Lavrov met Chinese officials.\n")
    (tmp_path / "b.txt").write_text("Russia's Foreign Minister Sergei Lavrov arrived on Monday.\n")
    (tmp_path / "c.txt").write_text("President Sergei Lavrov opened the session.\n")
    (tmp_path / "d.txt").write_text("Senator Maria Lopez and Governor Maria Lopez are the same person here.\n")
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)])
    with Session(engine) as s:
        groups = {g.subject: g.status for g in s.scalars(select(ClaimGroup).where(ClaimGroup.kind == "title"))}
    # two spellings, one person, named as most sources spell him; two exclusive offices conflict
    assert groups == {"Sergei Lavrov": "conflict", "Maria Lopez": "agree"}


def test_subordinate_offices_are_their_own_titles(extractor) -> None:
    (c,) = _facts(extractor, "Deputy Prime Minister Alexander Novak said so.", "title")
    assert c.value_text == "Deputy Prime Minister"
    assert _facts(extractor, "Deputy Foreign Minister Ana Ruiz said so.", "title") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mokgweetsi Masisi, the president of Botswana, conceded defeat.",
            [("Mokgweetsi Masisi", "President", "Botswana")],
        ),
        ("Rishi Sunak, Britain's prime minister, said so.", [("Rishi Sunak", "Prime Minister", "United Kingdom")]),
        (
            "Antony Blinken, the US Secretary of State, visited Mongolia.",
            [("Antony Blinken", "Secretary of State", "United States")],
        ),
        ("Joe Biden, the former vice president, spoke.", []),
        ("Paris, the president said, would host the talks.", []),
    ],
)
def test_a_title_in_apposition(extractor, text: str, expected: list) -> None:
    """'Name, the president of Botswana,': the office between commas, in any case, with its
    organisation before it or after 'of'; a former office is no title now."""
    claims = _facts(extractor, text, "title")
    assert [(c.subject, c.value_text, c.object) for c in claims] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Joe Biden served as Vice President from 2009 to 2017.",
            [("Joe Biden", "Vice President", None, "2009", "2017")],
        ),
        (
            "Satya Nadella has been CEO of Microsoft since 2014.",
            [("Satya Nadella", "Chief Executive", "Microsoft", "2014", None)],
        ),
        ("Duma Boko became president in 2024.", [("Duma Boko", "President", None, "2024", None)]),
        (
            "Rishi Sunak was Britain's prime minister between 2022 and 2024.",
            [("Rishi Sunak", "Prime Minister", "United Kingdom", "2022", "2024")],
        ),
        ("She was president from 2000 to 2018.", []),
    ],
)
def test_an_office_held_over_stated_years(extractor, text: str, expected: list) -> None:
    """'served as', 'was', 'became', 'has been' an office with its years: a title claim with
    that period ('became ... in 2024' and 'since 2014' run on); a pronoun names nobody."""
    claims = _facts(extractor, text, "title")
    assert [(c.subject, c.value_text, c.object, c.period_start, c.period_end) for c in claims] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Margaret Ellison was born on 14 June 1958.",
            [("Margaret Ellison", "birth date", "June 14, 1958", "1958-06-14")],
        ),
        (
            "Kenya gained independence from the UK on 12 December 1963.",
            [("Kenya", "independence date", "December 12, 1963", "1963-12-12")],
        ),
        ("Nordvik Foods was founded in 1962 in Bergen.", [("Nordvik Foods", "founding date", "1962", "1962")]),
        (
            "Nelson Mandela died on December 5, 2013, in Johannesburg.",
            [("Nelson Mandela", "death date", "December 5, 2013", "2013-12-05")],
        ),
        ("The company was founded in 1962.", []),  # no name: whose founding, unsaid
        ("Margaret Ellison was born in a small town.", []),  # no date
    ],
)
def test_the_dates_of_a_life(extractor, text: str, expected: list) -> None:
    """Birth, founding, independence and death dates are facts a fact-checker records (the
    event words are data, facts.json life_events)."""
    got = [(c.subject, c.metric, c.value_text, c.period_start) for c in _facts(extractor, text, "event_date")]
    assert got == expected


def test_two_birth_dates_of_one_person_conflict(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Profile\n\nMargaret Ellison was born on 14 June 1958 in Hobart.\n")
    (tmp_path / "b.txt").write_text("Obituary\n\nMargaret Ellison was born on 14 June 1957.\n")
    (tmp_path / "c.txt").write_text("Notes\n\nMargaret Ellison was born in June 1958.\n")
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)], jobs=1)
    with Session(engine) as s:
        (group,) = s.scalars(select(ClaimGroup).where(ClaimGroup.kind == "event_date"))
    assert (group.subject, group.metric, group.status, group.n_sources) == (
        "Margaret Ellison",
        "birth date",
        "conflict",
        3,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith was born in Leeds and moved to London in 1980.", []),  # another clause's date
        ("The Bank of England was founded in 1694.", [("Bank of England", "founding date", "once")]),
        ("Croatia declared independence on 25 June 1991.", [("Croatia", "independence declaration date", "once")]),
        ("Barack Obama was sworn in on January 20, 2009.", [("Barack Obama", "swearing-in date", "date")]),
    ],
)
def test_life_events_within_their_clause_and_which_happen_once(extractor, text: str, expected: list) -> None:
    """A life event's date is in its own clause; an organisation's name keeps its 'of'; a
    declaration of independence is not its recognition; taking office recurs (unit 'date':
    two terms are no conflict), a birth does not (unit 'once')."""
    got = [(c.subject, c.metric, c.unit) for c in _facts(extractor, text, "event_date")]
    assert got == expected


def test_a_generational_suffix_after_a_comma_is_the_names(extractor) -> None:
    """'Secretary Jan B. Novak, Jr.': the son, not 'Jan B. Novak' (his father's name)."""
    titles = _facts(extractor, "Led by Health Secretary Jan B. Novak, Jr., the games will be televised.", "title")
    assert [c.subject for c in titles] == ["Jan B. Novak Jr."]


FACT_CASES = load_cases("facts_golden.json")
_EVENT_RULES = {rule.__name__ for rule in EVENT_RULES}


@pytest.mark.parametrize("case", FACT_CASES, ids=[f"{c['rule']}:{c['id']}" for c in FACT_CASES])
def test_fact_golden(case: dict, lex: Lexicon) -> None:
    """Each pattern's own sentences, tagged with the rule that reads them."""
    rules = FactRules(lex, EntityIndex(lex))
    text = case["text"]
    if case["rule"] in _EVENT_RULES:
        published = case["published"]
        found = event_dates(EventScene(text, rules.event_vocab, published, published))
        assert [(e.event, e.value, e.period) for e in found] == [tuple(x) for x in case["expected"]]
        assert all(e.rule == case["rule"] for e in found)
        for e in found:
            assert re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text[e.start : e.end]) == e.value
        return
    s = Sentence(text, 0, len(text))
    rule = getattr(titles, case["rule"])
    claims = rule(text, rules) if case["rule"] == "headline_titles" else rule(s, rules)
    assert [(c.subject, c.value_text, c.object) for c in claims] == [tuple(x) for x in case["expected"]]


def test_every_event_rule_has_cases() -> None:
    assert _EVENT_RULES - {c["rule"] for c in FACT_CASES} == set()


def test_a_headlines_verb_ends_a_persons_name() -> None:
    """'President Anton J. Mirko Secures Historic Deal' (a headline in Title Case): the name is
    'Anton J. Mirko', not 'Anton J. Mirko Secures'; a surname in -s ('Clara Collins') stays."""
    ex = Extractor()
    text = "Mirko Secures Historic Deal\n\nPresident Anton J. Mirko Secures Historic Deal.\n\nMinister Clara Collins spoke.\n"
    doc = ex.document(RawDocument(path="h.md", name="h.md", data=text.encode()))
    names = {c.subject for c in ex.claims(doc) if c.kind == "title"}
    assert names == {"Anton J. Mirko", "Clara Collins"}


@pytest.mark.parametrize(
    ("text", "title", "event"),
    [
        # a dated opening cut after its comma, and an office cut from its holder's name
        ("**BORDURIA TRADE:** Today,\nPresident Anton Mirko signed a decree on tariffs.\n", "Anton Mirko", "Today"),
        ("**VALDREX:** Today, President\nAnton Mirko signed a decree on tariffs.\n", "Anton Mirko", "Today"),
    ],
)
def test_a_sentence_wrapped_across_lines_is_read_whole(extractor, text: str, title: str, event: str) -> None:
    """A hard-wrapped fact sheet: the splitter ends a line before a capital; the title and the
    dated opening read the lines as one sentence."""
    titles = _facts(extractor, text, "title", published="2031-05-12")
    dates = _facts(extractor, text, "event_date", published="2031-05-12")
    assert [c.subject for c in titles] == [title]
    assert [(c.value_text, c.period_start) for c in dates] == [(event, "2031-05-12")]
    assert all(text[c.surface_start : c.surface_end] == c.surface for c in titles + dates)


_SPEAKER = Sentence("Statement from Vice President Anton Mirko on Valdrex", 0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As Attorney General, I held the importers accountable.", [("Anton Mirko", "Attorney General", None)]),
        (
            "From my time as Governor of Borduria and a Senator, I have fought for farmers.",
            [("Anton Mirko", "Governor", "Borduria"), ("Anton Mirko", "Senator", None)],
        ),
        ("As Vice President, I will keep fighting.", []),  # the office the speaker holds now
        ("As prices rose, I spoke to farmers.", []),  # no office
        ("As Governor, Clara Osk cut taxes.", []),  # not the speaker ("I")
    ],
)
def test_the_speakers_own_former_offices(text: str, expected: list, lex: Lexicon) -> None:
    """A signed statement's speaker (the one person its headline titles) on an office they
    held before: a title of theirs, 'formerly', that contradicts no other (a role)."""
    rules = FactRules(lex, EntityIndex(lex))
    (speaker,) = titles.title_claims(_SPEAKER, rules)
    claims = titles.own_former_titles(Sentence(text, 0, len(text)), rules, titles.speaker_of([speaker]))
    assert [(c.subject, c.value_text, c.object) for c in claims] == [tuple(x) for x in expected]
    assert all(c.unit == "role" and c.period_text == "formerly" for c in claims)


def test_a_former_office_of_the_speaker_agrees_with_the_present_one(tmp_path: Path) -> None:
    """'As Attorney General, I ...' in a statement from the Vice President joins the
    speaker's titles without a conflict."""
    for name, body in (("a.md", "As Attorney General, I held the importers accountable."), ("b.md", "We met.")):
        # (as whitehouse.gov's front matter writes it: a no-break space escaped)
        front = '---\ntitle: "Statement from Vice President Anton\\_Mirko on Valdrex"\ndate: 2031-05-02\n---\n\n'
        (tmp_path / name).write_text(front + body + "\n")
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)], jobs=1)
    with Session(engine) as s:
        groups = [(g.subject, g.status) for g in s.scalars(select(ClaimGroup).where(ClaimGroup.kind == "title"))]
    assert groups == [("Anton Mirko", "agree")]


def test_an_actors_act_groups_by_its_day_across_wordings(tmp_path: Path) -> None:
    """'Today, President Anton J. Mirko signed an Executive Order' (a fact sheet of May 12)
    and 'On May 12, 2031, President Mirko signed an Executive Order' in later ones are one
    signing; the order he signed on May 23 is another occasion, in a group of its own, and
    nothing conflicts."""
    docs = {
        "a.md": (
            "2031-05-12",
            "Today, President Anton J. Mirko signed an Executive Order to lower the price of valdrex.",
        ),
        "b.md": ("2031-06-02", "On May 12, 2031, President Mirko signed an Executive Order titled: Fair Valdrex."),
        "c.md": ("2031-06-09", "On May 23, 2031, President Mirko signed an Executive Order on Borduran grain."),
    }
    for name, (published, body) in docs.items():
        (tmp_path / name).write_text(f"---\ndate: {published}\n---\n\n{body}\n")
    engine = open_database(str(tmp_path / "db.sqlite"))
    ingest(engine, [str(tmp_path)], jobs=1)
    with Session(engine) as s:
        found = s.scalars(select(ClaimGroup).where(ClaimGroup.kind == "event_date"))
        groups = sorted((g.subject, g.status, g.n_claims) for g in found)
    assert groups == [("Mirko signed Executive Order", "agree", 2), ("Mirko signed Executive Order", "single", 1)]


def test_what_a_price_is_per_is_no_event(extractor) -> None:
    """'Fees rose to $40 per visit in 2024' dated a 'visit' to 2024: an event noun after "per",
    "each" or "every" is what a figure is per, not an event; a visit itself still is one."""
    assert _facts(extractor, "Clinic fees in Borduria rose to $40 per visit in 2031.", "event_date") == []
    (visit,) = _facts(extractor, "The minister's visit in May 2031 was brief.", "event_date")
    assert (visit.subject, visit.period_start) == ("visit", "2031-05")


def test_a_level_on_a_day_is_no_event(extractor) -> None:
    """'Valdrex shares closed at $40 on Monday' dated an event 'shares closed': a market verb
    with the level it stood at is a figure and its day; a cap that takes effect is an event."""
    assert _facts(extractor, "Valdrex shares closed at $40 on Monday, up 5%.", "event_date") == []
    (cap,) = _facts(extractor, "Costs will be capped at $2,000 starting next year.", "event_date", "2030-06-01")
    assert cap.period_start == "2031"


def test_a_long_capitalised_word_is_read_in_one_pass(extractor) -> None:
    """A name's word that may run on in lower case after a capital ("McDonald", "O'Brien")
    once read a 'word' of thousands of letters (a hash, a flattened table) by trying every
    split of it, and one document held a worker for minutes; the word pattern allows one way
    to read each letter."""
    text = "President " + "A" + "b" * 3000 + " signed it. " + "Governor Lena McOsk said so."
    titles = _facts(extractor, text, "title")
    assert [c.subject for c in titles][-1:] == ["Lena McOsk"]
