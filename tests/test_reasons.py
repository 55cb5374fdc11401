"""compare.reasons: why a claim is in its group and why the group has its status (golden cases)."""

from __future__ import annotations

import doctest
from dataclasses import replace
from typing import Any

import pytest

from claimcheck.compare import reasons
from claimcheck.compare.reasons import Fact, confident, group_reason, member_reason, status_reason, together_reason


def fact(claim_id: int = 1, source_id: int = 1, **kw: Any) -> Fact:
    """A numeric claim stated in its sentence ('China ... 59%'), changed by `kw`."""
    base = Fact(
        claim_id=claim_id,
        source_id=source_id,
        source=f"{source_id:03}.txt",
        kind="numeric",
        subject="China",
        subject_how="stated",
        metric="share of global rare earth production",
        object=None,
        unit="%",
        value=59.0,
        low=58.5,
        high=59.5,
        surface="59%",
        value_cluster=1,
    )
    return replace(base, **kw)


def figure(value: float, surface: str | None = None, qualifier: str = "exact", **kw: Any) -> dict[str, Any]:
    """The value fields of a figure stated to whole units ('85' is 84.5-85.5)."""
    if qualifier == "over":
        low, high = value, 100.0
    else:
        low, high = value - 0.5, value + 0.5
    return dict(value=value, low=low, high=high, qualifier=qualifier, surface=surface or f"{value:g}", **kw)


MEMBER_CASES = [
    pytest.param(
        fact(), "subject 'China' named in its sentence; metric 'share of global rare earth production'", id="stated"
    ),
    pytest.param(
        fact(
            subject="Chile",
            subject_how="document title",
            metric="area land",
            unit="km2",
            value=3108.0,
            low=3105.0,
            high=3111.0,
            stated_value=1200.0,
            stated_unit="mi2",
            surface="1,200 sq mi",
        ),
        "subject 'Chile' from the document title; metric 'area land'; converted '1,200 sq mi' to 3,108 km²",
        id="title-subject-converted",
    ),
    pytest.param(
        fact(
            subject="Ebola", subject_how="event", metric="number of cases", object="Guinea", unit="cases", value=1540.0
        ),
        "subject 'Ebola' from the event the report is about; metric 'number of cases'; object 'Guinea'",
        id="event-subject-object",
    ),
    pytest.param(
        fact(unit="people", stated_unit="persons", value=3.0, stated_value=3.0, metric="number of people missing"),
        "subject 'China' named in its sentence; metric 'number of people missing'; 'persons' counted as people",
        id="noun-not-converted",
    ),
    pytest.param(
        fact(subject="Chile", subject_how="most-named place", metric="unemployment rate", within_source=True),
        "subject 'Chile' guessed from the place the document names most; metric 'unemployment rate'; "
        "compared only with its sentence restated",
        id="guessed-subject",
    ),
    pytest.param(
        fact(subject="Zambia", subject_how="section", metric="copper production", unit="t", value=820000.0),
        "subject 'Zambia' from its section's heading; metric 'copper production'",
        id="section-subject",
    ),
    pytest.param(
        fact(subject="United Kingdom", subject_how="publisher", metric="farm insolvency rate", unit="%", value=1.9),
        "subject 'United Kingdom' its publisher's country (a government's page); metric 'farm insolvency rate'",
        id="publisher-subject",
    ),
    pytest.param(
        fact(subject=None, subject_how=None, metric="unemployment rate", within_source=True),
        "no subject; metric 'unemployment rate'; compared only with its sentence restated: "
        "whose figure it is, only its document tells",
        id="no-subject",
    ),
    pytest.param(
        fact(subject="Voice of America", metric="number of languages", unit="languages", within_source=True),
        "subject 'Voice of America' named in its sentence; metric 'number of languages'; "
        "compared only with its sentence restated: 'number of languages' names no measure on its own",
        id="vague-metric",
    ),
    pytest.param(
        fact(subject="Chile", subject_how=None, metric="rate", within_source=True),
        "subject 'Chile'; metric 'rate'; compared only with its sentence restated",
        id="stored-before-0009",
    ),
    pytest.param(
        fact(
            kind="title", subject="Joe Biden", subject_how=None, metric="title", unit="office", value_text="President"
        ),
        "person 'Joe Biden'",
        id="title",
    ),
    pytest.param(
        fact(
            kind="event_date",
            subject="memorandum of understanding",
            subject_how=None,
            metric="signing date",
            unit="event",
            value_text="June",
            within_source=True,
        ),
        "subject 'memorandum of understanding'; metric 'signing date'; compared only with its sentence restated: "
        "'memorandum of understanding' is no name",
        id="event-date-of-no-name",
    ),
]


@pytest.mark.parametrize(("member", "expected"), MEMBER_CASES)
def test_member_reason(member: Fact, expected: str) -> None:
    assert member_reason(member) == expected


TITLE = dict(
    kind="title", subject="Joe Biden", subject_how=None, metric="title", unit="office", value=None, low=None, high=None
)

STATUS_CASES = [
    pytest.param(
        "conflict",
        [fact(1, 1, **figure(85)), fact(2, 2, value_cluster=2, **figure(86))],
        "'85' and '86' cannot both hold and neither states a period",
        id="conflict-undated",
    ),
    pytest.param(
        "conflict",
        [
            fact(1, 1, period_start="2021", period_end="2021", **figure(59, "59 percent")),
            fact(2, 2, value_cluster=2, **figure(90, "90%", "over")),
        ],
        "'59 percent' (2021) and 'over 90%' cannot both hold: 'over 90%' states no period",
        id="conflict-one-undated",
    ),
    pytest.param(
        "conflict",
        [
            fact(1, 1, period_start="2021", period_end="2021", **figure(74, "74%")),
            fact(2, 2, value_cluster=2, period_start="2021", period_end="2021", **figure(80, "80%")),
        ],
        "'74%' and '80%' cannot both hold for 2021",
        id="conflict-same-period",
    ),
    pytest.param(
        "conflict",
        [
            fact(1, 1, period_start="2018", period_end="2021", **figure(74, "74%")),
            fact(2, 2, value_cluster=2, period_start="2020", period_end="2022", **figure(80, "80%")),
        ],
        "'74%' (2018-2021) and '80%' (2020-2022) cannot both hold: the periods overlap",
        id="conflict-overlapping-periods",
    ),
    pytest.param(
        "conflict",
        [
            fact(1, 1, **figure(10)),
            fact(2, 1, value_cluster=3, **figure(30)),
            fact(3, 2, value_cluster=2, **figure(20)),
        ],
        "'10' and '20' cannot both hold and neither states a period",
        id="conflict-pair-is-between-sources",
    ),
    pytest.param(
        "conflict",
        [
            fact(1, 1, period_start="2014", period_end="2017", **figure(80)),
            fact(2, 2, value_cluster=2, period_start="2018", period_end="2021", **figure(74)),
        ],
        "values from different sources cannot all hold (the clashing pair is not among these claims)",
        id="conflict-pair-not-shown",
    ),
    pytest.param(
        "conflict",
        [
            fact(1, 1, value_text="President", **TITLE),
            fact(2, 2, value_cluster=2, value_text="Vice President", **TITLE),
        ],
        "'President' and 'Vice President' cannot both hold and neither states a period",
        id="conflict-titles",
    ),
    pytest.param(
        "trend",
        [
            fact(1, 1, period_start="2014-10-19", period_end="2014-10-19", **figure(9911)),
            fact(2, 2, value_cluster=2, period_start="2014-12-07", period_end="2014-12-07", **figure(17908)),
        ],
        "values differ across periods 2014-10-19 and 2014-12-07",
        id="trend",
    ),
    pytest.param(
        "trend",
        [
            fact(n, n, value_cluster=n, period_start=str(2009 + n), period_end=str(2009 + n), **figure(n))
            for n in range(1, 6)
        ],
        "values differ across 5 periods, 2010 to 2014",
        id="trend-many-periods",
    ),
    pytest.param(
        "trend",
        [
            fact(1, 1, value_text="Vice President", period_start="2009", period_end="2017", **TITLE),
            fact(2, 2, value_cluster=2, value_text="President", **TITLE),
        ],
        "an office held over 2009-2017 and a title given without a date: a change over time",
        id="trend-title",
    ),
    pytest.param("agree", [fact(1, 1), fact(2, 2)], "all values compatible across 2 documents", id="agree"),
    pytest.param("agree", [fact(1, 1), fact(2, 1)], "all values compatible, all from one document", id="agree-one"),
    pytest.param("single", [fact()], "one claim: nothing to compare it with", id="single"),
    pytest.param(
        "single",
        [fact(1, 1, **figure(1088)), fact(2, 1, value_cluster=2, **figure(299))],
        "one document's figures only: they differ, and a conflict is between sources",
        id="single-one-document",
    ),
]


@pytest.mark.parametrize(("status", "members", "expected"), STATUS_CASES)
def test_status_reason(status: str, members: list[Fact], expected: str) -> None:
    assert status_reason(status, members) == expected


TOGETHER_CASES = [
    pytest.param(
        [fact(1, 1), fact(2, 2, subject_how="document title")],
        "same subject, metric and unit; subject named in their sentences or from their documents' titles",
        id="two-ways",
    ),
    pytest.param(
        [fact(1, 1, object="Guinea", subject_how="event"), fact(2, 2, object="Guinea", subject_how="event")],
        "same subject, metric, object and unit; subject from the event each report is about",
        id="object",
    ),
    pytest.param([fact(1, 1, **TITLE), fact(2, 2, **TITLE)], "same person", id="title"),
    pytest.param(
        [fact(1, 1, subject=None, subject_how=None, within_source=True)] * 2,
        "one sentence only: whose figure it is, only its document tells",
        id="within-source",
    ),
    pytest.param(
        [fact(1, 1, subject_how="most-named place", within_source=True)] * 2,
        "one sentence only: its subject was guessed",
        id="guessed",
    ),
    pytest.param(
        [fact(subject_how="event", subject="Camp Fire")],
        "subject 'Camp Fire' from the event the report is about",
        id="one",
    ),
]


@pytest.mark.parametrize(("members", "expected"), TOGETHER_CASES)
def test_together_reason(members: list[Fact], expected: str) -> None:
    assert together_reason(members) == expected


def test_group_reason_is_the_status_then_the_key() -> None:
    members = [fact(1, 1, **figure(85)), fact(2, 2, value_cluster=2, **figure(86))]
    assert group_reason("conflict", members) == (
        "'85' and '86' cannot both hold and neither states a period · same subject, metric and unit; "
        "subject named in their sentences"
    )


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        pytest.param([fact(1, 1), fact(2, 2, subject_how="document title")], True, id="stated-and-title"),
        pytest.param([fact(1, 1, subject_how=None)], True, id="stored-before-0009"),
        pytest.param([fact(1, 1, within_source=True)], False, id="within-source"),
        pytest.param([fact(1, 1), fact(2, 2, subject_how="most-named place")], False, id="guessed"),
    ],
)
def test_confident(members: list[Fact], expected: bool) -> None:
    assert confident(members) is expected


def test_a_large_group_is_explained_without_comparing_every_pair() -> None:
    """Thousands of sources stating two values: one claim per value and two sources each are
    compared, not every pair."""
    members = [fact(n, n, **figure(85)) for n in range(1, 3001)]
    members += [fact(n, n, value_cluster=2, **figure(86)) for n in range(3001, 6001)]
    assert status_reason("conflict", members) == "'85' and '86' cannot both hold and neither states a period"


def test_module_example() -> None:
    assert doctest.testmod(reasons).failed == 0
