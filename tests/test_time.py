"""Periods and dates: what a figure refers to, resolved against the publication date only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.normalize.periods import one_before, overlaps, span_back
from claimcheck.normalize.time import find_periods, latest_stated_date, parse_date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("in 2021", None, ("2021", "2021")),
        ("during 2014-2017", None, ("2014", "2017")),
        ("between 2018 and 2021", None, ("2018", "2021")),
        ("in 2018/19", None, ("2018", "2019")),
        ("fiscal 2023", None, ("2023", "2023")),
        ("in Q3 2024", None, ("2024-07", "2024-09")),
        ("in the third quarter of 2024", None, ("2024-07", "2024-09")),
        ("in the first half of 2023", None, ("2023-01", "2023-06")),
        ("in March 2023", None, ("2023-03", "2023-03")),
        ("on 3 January 2022", None, ("2022-01-03", "2022-01-03")),
        ("since 2010", None, ("2010", None)),
        # a count since a time runs to when the text was written
        ("since 2010", "2024-05-01", ("2010", "2024-05-01")),
        ("since September 30, 2025", "2026-02-05", ("2025-09-30", "2026-02-05")),
        ("Since March 2020, 5 million", "2022-06-10", ("2020-03", "2022-06-10")),
        ("since September 30, 2025", None, ("2025-09-30", None)),
        ("since September 30, 2025", "2025-01-01", ("2025-09-30", None)),  # (written before: no end)
        ("last year", "2024-05-01", ("2023", "2023")),
        ("this year", "2024-05-01", ("2024", "2024")),
        ("last month", "2024-05-01", ("2024-04", "2024-04")),
        # a month without a year: the last one up to the publication date
        ("slowed to 4.5% in February", "2024-03-14", ("2024-02", "2024-02")),
        ("fell in November", "2024-03-14", ("2023-11", "2023-11")),
        ("during March", "2024-03", ("2024-03", "2024-03")),
        ("in May", None, (None, None)),
        ("in May", "2024", (None, None)),  # the year alone cannot say which May
        ("last year", None, (None, None)),
        # a year or some months up to a stated month: a company's fiscal year, a UK "year to"
        ("in the fiscal year ended March 31, 2024", None, ("2023-04", "2024-03")),
        ("in the year to 31 March 2024", None, ("2023-04", "2024-03")),
        ("in the 12 months to June 2023", None, ("2022-07", "2023-06")),
        ("in the three months ended September 30, 2024", None, ("2024-07", "2024-09")),
        ("in the six months ending February 2024", None, ("2023-09", "2024-02")),
    ],
)
def test_periods(text: str, published: str | None, expected: tuple) -> None:
    (p,) = find_periods(text, published)
    assert (p.period.start, p.period.end) == expected
    assert text[p.start : p.end] == p.period.text


def test_unresolved_relative_keeps_phrase() -> None:
    (p,) = find_periods("It rose last year.", None)
    assert not p.period.resolved and p.period.text == "last year"


def test_a_month_is_a_period_only_after_in_during_or_for() -> None:
    """'May' the verb, a day ('February 14, 2024') and a month with its year are not bare months."""
    assert find_periods("Prices may rise, and May was dry.", "2024-06-01") == []
    assert [p.period.text for p in find_periods("on February 14, 2024 and in March 2023", "2024-06")] == [
        "February 14, 2024",
        "March 2023",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "$2.15 a pound, the highest level since 2011",
        "the first annual drop since 2015",
        "a record low since 1998",
        "4.3%, its highest level since October 2021",
        "41.3 TWh, the lowest level since records began in 1950",
    ],
)
def test_since_after_a_superlative_is_a_baseline_not_a_period(text: str) -> None:
    """The year a record is measured against is not when the figure was stated, and not a
    year period either."""
    assert find_periods(text, None) == []
    assert [p.period.text for p in find_periods(text.replace("since", "and in"), None)] != []


@pytest.mark.parametrize(
    "text", ["the first Category 5 storm to strike Borduria since Anton in 1992", "deadlier than the Varn fire in 1918"]
)
def test_the_year_of_a_named_thing_compared_with_is_not_a_period(text: str) -> None:
    assert find_periods(text, None) == []
    assert find_periods("Exports have risen 40% since 2019", None) != []


def test_percent_after_year_like_number_is_not_a_period() -> None:
    assert find_periods("a 2020% rise", None) == []


def test_overlaps() -> None:
    assert overlaps(("2021", "2021"), ("2018", "2021"))
    assert not overlaps(("2021", "2021"), ("2022", "2022"))
    assert overlaps(("2010", None), ("2021", "2021"))
    assert overlaps(("2024-03", "2024-03"), ("2024", "2024"))
    assert not overlaps(("2024-03", "2024-03"), ("2024-04", "2024-06"))


def test_parse_date() -> None:
    assert parse_date("Published: 21 April 2025") == "2025-04-21"
    assert parse_date("April 21, 2025") == "2025-04-21"
    assert parse_date("2025-04-21") == "2025-04-21"
    assert parse_date("March 2024") == "2024-03"
    assert parse_date("31 February 2024") is None  # no such day: not a date, not a month
    assert parse_date("29 February 2024") == "2024-02-29" and parse_date("29 February 2023") is None
    assert parse_date("no date") is None


_PERIOD_TOKENS = [
    "Q1",
    "q3",
    "first quarter",
    "Fourth-Quarter",
    "H2",
    "second half of",
    "January",
    "Sept.",
    "Dec",
    "May",
    "since",
    "SINCE",
    "ſince",
    "fiscal",
    "FY",
    "fy'24",
    "last month",
    "in",
    "February",
    "May",
    "next year",
    "a year ago",
    "between",
    "from",
    "and",
    "to",
    "through",
    "2021",
    "1999",
    "2150",
    "24",
    "-",
    "–",
    "/",
    " ",
    ",",
    "3rd",
    "15",
    "%",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PERIOD_TOKENS), max_size=12).map(" ".join))
def test_period_patterns_need_their_guard_words(text: str) -> None:
    """find_periods skips a pattern when the text lacks its words or a year: a pattern that
    matches must find them."""
    from claimcheck.lexicon import fold
    from claimcheck.normalize.time import _ANY_YEAR, _DIGIT, _PERIOD_RX, _WITHOUT_DIGITS, _WITHOUT_YEAR

    for kind, rx, words in _PERIOD_RX:
        if rx.search(text):
            assert not words or any(w in fold(text) for w in words), (kind, text)
            assert kind in _WITHOUT_YEAR or _ANY_YEAR.search(text), (kind, text)
            assert kind in _WITHOUT_DIGITS or _DIGIT.search(text), (kind, text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Output rose 5% in the ſecond quarter of 2023.", "2023-04", "2023-06"),
        ("GDP grew 5% in the fİrst quarter of 2023.", "2023-01", "2023-03"),
        ("Sales fell 2% in the ſecond half of 2022.", "2022-07", "2022-12"),
    ],
)
def test_period_words_that_re_i_matches_are_read(text: str, start: str, end: str) -> None:
    """Python's re.I matches ſ with s and İ with i: the words must be looked up folded the
    same way (str.lower() raised KeyError and stopped the document)."""
    [p] = find_periods(text, None)
    assert (p.period.start, p.period.end) == (start, end)


def test_a_stated_date_must_be_a_real_day() -> None:
    """Dates users type (sources.csv, `sources set --published`): '2024-13-45', '2024-02-30'
    and '0000' were stored, and 'last year' then resolved to year -1."""
    from claimcheck.normalize.time import stated_date

    assert [stated_date(x) for x in ("2024-02-29", "2024-03", "2024", "12 March 2024")] == [
        "2024-02-29",
        "2024-03",
        "2024",
        "2024-03-12",
    ]
    assert [stated_date(x) for x in ("2024-13-45", "2023-02-29", "0000", "0000-00-00", "2024-00")] == [None] * 5
    assert parse_date("Published: 30 February 2024") is None


def test_a_month_without_a_year_after_a_dated_month_takes_its_year() -> None:
    """With no publication date, 'in September' after 'in October 2024' is September 2024,
    and 'in December' after 'in February 2024' is December 2023."""
    spans = find_periods("It was 6.4% in October 2024, down from 6.5% in September.", None)
    assert [(s.period.start, s.period.resolved) for s in spans] == [("2024-10", True), ("2024-09", True)]
    spans = find_periods("It was 2.4% in February 2024, after 2.9% in December.", None)
    assert [s.period.start for s in spans] == ["2024-02", "2023-12"]
    spans = find_periods("It was 6.5% in September.", None)
    assert [(s.period.start, s.period.resolved) for s in spans] == [(None, False)]


def test_a_year_after_than_is_what_a_figure_is_compared_with() -> None:
    """'10.1% lower than in 2022', 'rose 3.8% from a year earlier', 'from the same period of
    2024': what the figure is compared with, not its period."""
    assert find_periods("Emissions were 10.1% lower than in 2022.", None) == []
    assert find_periods("Wages rose 3.8% from a year earlier.", "2025-09-05") == []
    assert find_periods("The deficit rose 38.3% from the same period of 2024.", None) == []
    assert [p.period.text for p in find_periods("Emissions were 10.1% lower in 2023 than in 2022.", None)] == ["2023"]
    assert find_periods("Its value was $48 million, a 12% increase from that in 2028.", None) == []
    assert find_periods("Imports were 5% higher than those of 2027.", None) == []


@pytest.mark.parametrize(
    ("text", "reference", "day"),
    [
        ("1,204 cases had been reported as of March 12", "2031-03-20", "2031-03-12"),
        ("the tally as of December 30", "2031-01-04", "2030-12-30"),  # the year before
        ("in the week that ended February 8", "2031-01-30", "2031-02-08"),  # a caption date a week earlier
        ("figures through Sept. 3", "2031-09", "2031-09-03"),
        ("1,204 cases had been reported as of 12 March", "2031-03-20", "2031-03-12"),  # day first
        ("the tally as of 30 December", "2031-01-04", "2030-12-30"),
    ],
)
def test_a_day_without_its_year_is_the_one_nearest_the_reference(text: str, reference: str, day: str) -> None:
    spans = find_periods(text, reference)
    assert [(s.period.start, s.period.end) for s in spans] == [(day, day)]


def test_a_day_without_its_year_and_no_reference_is_unresolved() -> None:
    spans = find_periods("as of March 12", None)
    assert len(spans) == 1 and not spans[0].period.resolved


def test_latest_stated_date() -> None:
    text = "Rescuers search a flooded street, May 3, 2031.\nThe river rose on 28 April 2031 and fell in 2030."
    assert latest_stated_date(text) == "2031-05-03"
    assert latest_stated_date("Prices rose in 2030.") is None


def test_a_count_since_a_day_without_its_year_runs_to_the_reference() -> None:
    spans = find_periods("Since 2 March, the agency has evacuated 4,850 people.", "2031-03-05")
    assert [(s.period.start, s.period.end) for s in spans] == [("2031-03-02", "2031-03-05")]
    assert find_periods("rose 1,2 May", "2031-03-05") == []  # (a number's digits, not a day)


@pytest.mark.parametrize(
    ("period", "span", "before"),
    [
        ("2031-02-08", "week", "2031-02-01"),
        ("2031-01-01", "day", "2030-12-31"),
        ("2031-03-31", "month", "2031-02-28"),  # (the month's last day)
        ("2031-01", "month", "2030-12"),
        ("2031", "year", "2030"),
        ("2031-05", "year", "2030-05"),
        ("2031", "week", None),  # finer than the period: no date follows
        ("March", "month", None),  # no ISO date
    ],
)
def test_one_span_before(period: str, span: str, before: str | None) -> None:
    assert one_before(period, span) == before


def test_a_span_back_is_read_from_its_phrase() -> None:
    assert [span_back(p) for p in ("the week before", "a year earlier", "in the previous month", "in Valdrex")] == [
        "week",
        "year",
        "month",
        None,
    ]
