"""extract.acronyms: a subject written as initials takes the full name its document gives it."""

from __future__ import annotations

import pytest

from claimcheck.extract.acronyms import Initials, initials, named_by_initials, spelled_out, spelled_out_subjects
from claimcheck.model import Claim


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Valdrex Energy Agency", "VEA"),
        ("Bank of Ruritania", "BR"),
        ("most-favoured-nation", "MFN"),
        ("Department of Health and Human Services", "DHHS"),
    ],
)
def test_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Valdrex Energy Agency (VEA) said output rose.", {"VEA": "Valdrex Energy Agency"}),
        ("figures launched by the Borduria Statistics Office (BSO) show", {"BSO": "Borduria Statistics Office"}),
        ("The WHO (World Health Organization) said.", {"WHO": "World Health Organization"}),
        # a heading in capitals, or words in lower case: no name to show instead
        ("ADVANCING MOST-FAVORED-NATION (MFN) PRICING", {}),
        ("most-favoured-nation (MFN) pricing", {}),
        # brackets that spell something else
        ("The Valdrex Energy Agency (IEA) said.", {}),
        # one acronym spelled two ways: neither
        ("the Valdrex Energy Agency (VEA) ... the Valdrex Export Authority (VEA)", {}),
    ],
)
def test_spelled_out(text: str, expected: dict[str, str]) -> None:
    assert spelled_out(text) == expected


def test_an_acronym_with_no_definition_takes_the_one_name_with_its_initials() -> None:
    text = "The Carecover Access Act passed; 4 million people joined; the CAA also caps costs."
    assert named_by_initials(text, "CAA") == "Carecover Access Act"
    assert named_by_initials(text, "VEA") is None
    both = "The Borduria Central Bank and the Bank of Central Borduria disagree; BCB says 4%."
    assert named_by_initials(both, "BCB") is None  # two names it could stand for


def _claim(subject: str | None) -> Claim:
    return Claim(
        kind="numeric", subject=subject, metric="enrolment", object=None, value=4e6, unit="people",
        qualifier="exact", low=None, high=None, period_start=None, period_end=None, period_text=None,
        attributed_to=None, quote="q", char_start=0, char_end=1, surface="4 million", surface_start=0, surface_end=1,
    )  # fmt: skip


def test_a_subject_in_initials_takes_the_full_name() -> None:
    text = "The Carecover Access Act (CAA) passed in 2030. Since then 4 million people have enrolled under the CAA."
    claims = spelled_out_subjects([_claim("CAA"), _claim("Borduria"), _claim(None), _claim("VEA")], Initials(text))
    assert [(c.subject, c.subject_alias) for c in claims] == [
        ("Carecover Access Act", "CAA"),
        ("Borduria", None),
        (None, None),
        ("VEA", None),  # spelled out nowhere
    ]


def test_a_documents_figure_of_an_acronym_is_the_full_names() -> None:
    from claimcheck.model import RawDocument
    from claimcheck.pipeline import Extractor

    text = (
        "# Carecover enrolment\n\nThe Carecover Access Act (CAA) took effect in 2030.\n\n"
        "The CAA covered 4.5 million people in 2031, officials said.\n"
    )
    ex = Extractor()
    doc = ex.document(RawDocument(path="c.md", name="c.md", data=text.encode()))
    assert {c.subject for c in ex.claims(doc) if c.value == 4.5e6} == {"Carecover Access Act"}
