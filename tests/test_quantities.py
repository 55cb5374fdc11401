"""The quantity layer against golden cases written independently of the code."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract.quantities import extract_quantities
from claimcheck.lexicon import MEMO_SIZE, finditer_from, recall
from tests.conftest import load_cases

CASES = load_cases("quantities_golden.json")


def _norm(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden(case: dict, lex) -> None:
    got = extract_quantities(case["text"], lex)
    for q in got:
        assert case["text"][q.start : q.end] == q.surface
    assert [(_norm(q.value), _norm(q.low), _norm(q.high), q.unit, q.surface, q.change) for q in got] == [
        (_norm(e["value"]), _norm(e["low"]), _norm(e["high"]), e["unit"], e["surface"], e["change"])
        for e in case["quantities"]
    ]


def test_golden_set_is_large_and_has_negatives() -> None:
    assert len(CASES) >= 150
    assert sum(1 for c in CASES if not c["quantities"]) >= 20


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It holds 3.5 million tons of ore.", 3_500_000, "t"),
        ("Costs hit $1.2bn.", 1_200_000_000, "USD"),
        ("The run was 3.5 miles.", 3.5, "mi"),
        ("A 4,710-kilometer border.", 4710, "km"),
    ],
)
def test_scale_applied_but_no_conversion(text: str, value: float, unit: str, lex) -> None:
    (q,) = extract_quantities(text, lex)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Facebook20k",
        "See vol. 13, no. 2, pp. 101-112, 2019.",
        "The Power of Siberia 2 pipeline and 5G networks.",
        "1. Introduction",
        "It was signed on August 2nd, 2023 at 9:30 a.m. [3]",
        "Visit https://example.org/2024/report-55 or doi:10.1000/xyz123.",
    ],
)
def test_not_quantities(text: str, lex) -> None:
    assert extract_quantities(text, lex) == []


def test_qualifier_and_step(lex) -> None:
    (q,) = extract_quantities("It supplies over 90% of demand.", lex)
    assert (q.qualifier, q.change, q.step) == ("over", ">", 1.0)
    (q,) = extract_quantities("about 3.25 km", lex)
    assert (q.qualifier, q.step) == ("approx", 0.01)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a factor of 2.48×10−5 was seen", [(2.48e-05, "", "2.48×10−5")]),
        ("it emits 4e14 photons", [(4e14, "photons", "4e14 photons")]),
        ("valued at 10 000 dollars.", [(10000, "USD", "10 000 dollars")]),
        ("add ⅓ cup and 2½ miles", [(1 / 3, "cup", "⅓ cup"), (2.5, "mi", "2½ miles")]),
        ("I want a hundred and two of those", [(102, "", "a hundred and two")]),
        ("three million, two hundred & forty votes", [(3000240, "votes", "three million, two hundred & forty votes")]),
        ("two and a half miles east", [(2.5, "mi", "two and a half miles")]),
        ("two thirds of the cake", [(2 / 3, "", "two thirds")]),
        ("The door is 2 1/2 in thick", [(2.5, "in", "2 1/2 in")]),
        ("It grew 5 in 2021", [(5, "", "5")]),
        ("The annual loss was ($99.99).", [(-99.99, "USD", "($99.99)")]),
        ("It cost -15€ today", [(-15, "EUR", "-15€")]),
        ("only $15.4/hour", [(15.4, "USD/hour", "$15.4/hour")]),
        ("Brent traded at $80 a barrel.", [(80, "USD/bbl", "$80 a barrel")]),
        ("for several hundred years", [(None, "year", "several hundred years")]),
        ("zones run from 7 to 10 here", [(None, "", "7 to 10")]),  # a span: no word of change before "from"
        ("the zone rose from 7 to 10 here", [(7, "", "7"), (10, "", "10")]),  # a change: two levels
        ("the hardiness zones are 7 to 10.", [(None, "", "7 to 10")]),
        ("Between 1 and 14 March 2024", []),
        ("They were given 45 and 50 mg ethanol.", [(45, "mg", "45"), (50, "mg", "50 mg")]),
        ("temperatures ranged from -18 °C to -34 °C", [(None, "degC", "-18 °C to -34 °C")]),
        ("I want a gallon of beer", [(1, "gal", "a gallon")]),
        ("a year ago it fell", []),
        ("exactly 8x2^10 bits", [(8192, "bit", "8x2^10 bits")]),
        ("There are two in my car", [(2, "", "two")]),
        ("That one costs 3 dimes", [(3, "dimes", "3 dimes")]),
        ("reach 1 fb−1 of data", [(1, "fb", "1 fb")]),
        ("I arrived at 2.13 am.", []),
    ],
)
def test_more_number_forms(text: str, expected: list, lex) -> None:
    got = [(q.value, q.unit, q.surface) for q in extract_quantities(text, lex)]
    assert len(got) == len(expected)
    for (v, u, s), (ev, eu, es) in zip(got, expected, strict=True):
        assert (u, s) == (eu, es)
        assert (v is None and ev is None) or v == pytest.approx(ev)


# -- speed devices that must not change a result ---------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .,:/-–+()[]^{}¹²v½apmo'xX%$€e", max_size=60))
def test_finditer_from_finds_what_finditer_finds(text: str) -> None:
    from claimcheck.extract.quantities.patterns import _MASK_PARTS, _NUM, _NUM_START

    pairs = [(_NUM, _NUM_START)] + [(rx, starts) for _, rx, starts in _MASK_PARTS if starts is not None]
    for rx, starts in pairs:
        assert [m.span() for m in finditer_from(rx, starts, text)] == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Output was 5 mıllion tonnes.", ["5 mıllion tonnes"]),  # dotless i: re.I reads it as i
        ("It grew to 5 MİLLİON barrels.", ["5 MİLLİON barrels"]),
        ("Dozens of people and mıllions of others.", ["Dozens of people", "mıllions of"]),
        ("1 ın 4 adults smoke.", ["1 ın 4"]),
    ],
)
def test_case_variants_re_i_accepts_are_looked_up_folded(text: str, surfaces: list[str], lex) -> None:
    """Python's re.I matches "ı", "İ", "ſ" and the kelvin sign with ASCII letters; the words
    it matched are looked up in the lexicon folded the same way (a KeyError stopped ingest)."""
    assert [q.surface for q in extract_quantities(text, lex)] == surfaces


def test_remembered_quantities_are_not_shared_with_callers(lex) -> None:
    text = "Exports rose 5% to $1.2bn in 2021."
    first = extract_quantities(text, lex)
    first.clear()  # a caller changing its list does not change the next caller's
    assert [q.surface for q in extract_quantities(text, lex)] == ["5%", "$1.2bn"]


def test_memo_tables_stay_bounded(lex) -> None:
    for i in range(MEMO_SIZE + 10):
        recall(lex, "test-bounded", i, lambda i=i: i * 2)
    assert 0 < len(lex.memos["test-bounded"]) <= MEMO_SIZE
    recall(lex, "test-bounded", "k", lambda: 1)
    assert recall(lex, "test-bounded", "k", lambda: 2) == 1  # remembered, not computed again


_SPELLED = ["one", "Two", "twenty", "TWENTY-five", "hundred", "thousands of", "Dozens of", "a few", "million",
            "half", "a third", "two-thirds", "Three Quarters", "doubled", "Halving", "in", "out of", "a", "an",
            "fifth", "ſeven", "fıve", "MİLLİON", "ın", "of", "-", " ", ",", "5", "tonnes", "children"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SPELLED), max_size=10).map(" ".join))
def test_phrase_guards_never_skip_a_match(text: str) -> None:
    """A pattern is skipped when the text lacks every one of its phrases' words; a pattern
    that matches must find one phrase's words there."""
    from claimcheck.extract.quantities.patterns import _FRACTION, _FRACTION_GUARD, _N_IN_M, _N_IN_M_GUARD
    from claimcheck.lexicon import default_lexicon, may_match, words_of

    lex = default_lexicon()
    words = words_of(text)
    for rx, guard in [
        (lex.number_word_re, lex.number_word_guard),
        (lex.vague_re, lex.vague_guard),
        (lex.fraction_re, lex.fraction_guard),
        (lex.multiplier_re, lex.multiplier_guard),
        (_FRACTION, _FRACTION_GUARD),
        (_N_IN_M, _N_IN_M_GUARD),
    ]:
        if rx.search(text):
            assert may_match(guard, words), (rx.pattern[:40], text)


@pytest.mark.parametrize(
    "figure",
    ["9" * 400, "1" + "0" * 400, "1,000," + ",".join(["000"] * 130), "1.5 x 10^400", "1e308 billion"],
)
def test_numbers_beyond_any_float_are_no_quantity(figure: str, lex) -> None:
    """A figure with hundreds of digits is no quantity anyone states; it must neither stop
    the document (OverflowError) nor come out as Infinity, which JSON cannot carry."""
    text = f"Exports rose to {figure} tonnes in 2023, and imports to 250 tonnes."
    got = extract_quantities(text, lex)
    assert [(q.value, q.surface) for q in got] == [(250.0, "250 tonnes")]


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("The plot covers 1,234 1/2 acres.", 1234.5, "1,234 1/2 acres"),
        ("They split 1,000/2 tonnes.", 500.0, "1,000/2 tonnes"),
        ("Output was 3 x 10^8/2 tonnes.", 1.5e8, "3 x 10^8/2 tonnes"),
        ("Output was 1e1/2 tonnes.", 5.0, "1e1/2 tonnes"),
        ("It weighs 5 1/2 tonnes.", 5.5, "5 1/2 tonnes"),
        ("It weighs 7/2 tonnes.", 3.5, "7/2 tonnes"),
    ],
)
def test_a_fraction_after_any_number(text: str, value: float, surface: str, lex) -> None:
    """The number pattern allows a fraction after every kind of number (separators, x 10^n,
    e-notation); each must be read, not raise ValueError."""
    [q] = extract_quantities(text, lex)
    assert (q.value, q.surface) == (value, surface)


@pytest.mark.parametrize("text", ["5\n1/2 tonnes", "5\u16801/2 tonnes", "5\t1/2 tonnes"])
def test_a_mixed_number_split_by_other_whitespace(text: str, lex) -> None:
    [q] = extract_quantities(text, lex)
    assert q.value == 5.5


@pytest.mark.parametrize("words", [" ".join(["hundred"] * 155), " ".join(["dozen"] * 286)])
def test_spelled_numbers_beyond_any_float_are_no_quantity(words: str, lex) -> None:
    assert extract_quantities(f"They counted {words} and 250 tonnes.", lex)[-1].surface == "250 tonnes"


def test_the_word_before_a_number_is_looked_for_nearby_only() -> None:
    """'5-5-5-...' is one long 'word': looking back to its start for every number in it made
    a text of them quadratic (20 KB took 19 s)."""
    from claimcheck.extract.quantities.numbers import _WORD_LIMIT, _prev_word

    text = "5-" * 10_000 + "5"
    word, start = _prev_word(text, len(text) - 1)
    assert len(word) <= _WORD_LIMIT and text[start : len(text) - 1] == word
    assert _prev_word("rose by 5", 8) == ("by", 5)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Revenue of between NOK 48 billion and NOK 50 billion.", 48e9, 50e9, "NOK"),
        ("Sales of NOK 5 billion to NOK 6 billion.", 5e9, 6e9, "NOK"),
        ("It costs between US$ 5 and US$ 7.", 5, 7, "USD"),
        ("Revenue of between $48 billion and $50 billion.", 48e9, 50e9, "USD"),
    ],
)
def test_a_range_with_a_currency_code_at_both_ends(text: str, low: float, high: float, unit: str, lex) -> None:
    """'between NOK 48 billion and NOK 50 billion' is one range, as with '$' at both ends."""
    [q] = extract_quantities(text, lex)
    assert (q.value, q.low, q.high, q.unit) == (None, low, high, unit)


def test_no_range_between_two_currencies(lex) -> None:
    qs = extract_quantities("Revenue was between USD 48 billion and EUR 50 billion in 2023.", lex)
    assert [(q.value, q.unit) for q in qs] == [(48e9, "USD"), (50e9, "EUR")]


@pytest.mark.parametrize(
    "text",
    [
        "Newcastle won their 3-1 win over Villa.",
        "The party took the 905 region.",
        "The 2030 goal is still at risk.",
        "It is below 1990 levels.",
        "It is measured in 2021 dollars.",
        "Sales on September 30, 2024 rose sharply.",
    ],
)
def test_a_score_a_name_or_a_year_counts_nothing(text: str, lex) -> None:
    """'3-1 win', '905 region', '2030 goal': a singular noun after a number other than one
    names or scores; '1990 levels', '2021 dollars' and a date's year are years."""
    assert [q.surface for q in extract_quantities(text, lex) if q.unit or q.value in (1990, 2021, 2024)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an amount in brackets after an amount is the same in another currency, not a loss
        ("Damage was put at 1.2 billion pesos ($20.7 million).", [(1.2e9, "exact"), (2.07e7, "exact")]),
        ("Net loss ($99.99)", [(-99.99, "exact")]),
        # a minus before the currency: a fact book's deficit
        ("Current account balance: -$9.927 billion (2022 est.)", [(-9.927e9, "exact")]),
        ("The deficit was −NOK 1.2 billion.", [(-1.2e9, "exact")]),
        # "revised up to" is a verb's particle; "up to" alone is at most
        ("The figure was revised up to 79,000.", [(79000, "exact")]),
        ("The plant can make up to 5,000 tonnes.", [(5000, "at_most")]),
        # hundredths of a currency
        ("The tariff is 41.2 euro cents per kWh.", [(0.412, "exact")]),
    ],
)
def test_brackets_particles_and_cents(text: str, expected: list, lex) -> None:
    got = [(q.value, q.qualifier) for q in extract_quantities(text, lex)]
    assert [q for _, q in got] == [q for _, q in expected]
    assert [v for v, _ in got] == pytest.approx([v for v, _ in expected])


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The economy added 22,000 jobs.", "up"),
        ("The federal government shed 15,000 jobs.", "down"),
        ("The company cut 1,500 jobs.", "down"),
        ("The company cut output by 5%.", "down"),
        ("The fund raised $5 billion.", None),  # an amount raised, not a change
    ],
)
def test_a_verb_of_change_by_changes_the_count_it_takes(text: str, direction: str | None, lex) -> None:
    """'added 22,000 jobs' is a change in the number of jobs; 'raised $5 billion' is no change."""
    (q,) = extract_quantities(text, lex)
    assert q.direction == direction


def test_a_quarter_of_a_percentage_point_is_a_quarter_point(lex) -> None:
    """'cut rates by a quarter of a percentage point' was a share of 25%."""
    qs = extract_quantities("The bank cut interest rates by a quarter of a percentage point to 4.0%.", lex)
    assert [(q.value, q.unit, q.direction) for q in qs] == [(0.25, "pp", "down"), (4.0, "%", None)]


@pytest.mark.parametrize(
    ("text", "unit", "canonical"),
    [
        ("a low of 919 mbar", "hPa", 919),
        ("27.14 inHg at the centre", "inHg", 919.066),
        ("almost 240 sq. miles", "mi2", 621.597),
        ("12 sq miles of marsh", "mi2", 31.08),
    ],
)
def test_pressure_and_spelled_out_square_miles(text: str, unit: str, canonical: float, lex) -> None:
    """Storm reports give pressure in millibars and inches of mercury; encyclopedia pages
    abbreviate 'sq. miles'. Each was a bare number."""
    from claimcheck.normalize.units import convert

    (q,) = extract_quantities(text, lex)
    assert q.unit == unit and round(convert(q, lex).value, 3) == canonical


@pytest.mark.parametrize(
    ("compared", "stated_unit", "stated"),
    [
        ((257.49504, "km/h", 256.690368, 258.299712), "mph", (160, "mph", 159.5, 160.5)),
        ((620.528776385, "km2", None, None), "acre", (153336, "acre", None, None)),
        ((-257.49504, "km/h", None, None), "mph", (-160, "mph", None, None)),
        ((12, "people", None, None), "people", (12, "people", None, None)),  # a count is as it was
        ((3.5, "km", 3.45, 3.55), "km", (3.5, "km", 3.45, 3.55)),  # stated in the canonical unit
    ],
)
def test_a_figure_is_given_back_in_the_unit_it_was_stated_in(compared, stated_unit, stated, lex) -> None:
    from claimcheck.normalize.units import as_stated

    s = as_stated(*compared, stated_unit, lex)
    assert (round(s.value, 6), s.unit, s.low, s.high) == stated


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        (
            "a total of 4,120 confirmed, probable, and suspected cases",
            "4,120 confirmed, probable, and suspected cases",
            "cases",
        ),
        ("officials counted 310 confirmed and probable deaths", "310 confirmed and probable deaths", "deaths"),
        ("10 cats and dogs were seen", "10 cats", "cats"),  # a plural first: the list is of counted things
    ],
)
def test_kinds_listed_before_the_counted_noun(text: str, surface: str, unit: str, lex) -> None:
    """'23,253 confirmed, probable, and suspected cases' counted 'confirmed': the kinds listed
    before a plural noun modify it, and the noun is what is counted."""
    (q,) = extract_quantities(text, lex)
    assert (q.surface, q.unit) == (surface, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [("seven in 10 voters", 0.7), ("more than 1 in every 4 jobs", 0.25), ("nine in ten households", 0.9)],
)
def test_n_in_m_with_words_digits_and_every(text: str, value: float, lex) -> None:
    """'seven in 10 Americans' read as 10 Americans, '1 in every 4 jobs' as 4 jobs."""
    (q,) = [q for q in extract_quantities(text, lex) if q.fraction]
    assert q.value == value


def test_a_stated_figure_is_given_as_written_not_converted_back(lex) -> None:
    """65,758 sq mi came back as 65757.9999998: the figure as written is given."""
    from claimcheck.normalize.units import as_stated, convert

    (q,) = extract_quantities("an area of 65,758 sq mi", lex)
    c = convert(q, lex)
    assert as_stated(c.value, c.unit, c.low, c.high, q.unit, lex, q.value).value == 65758
    assert as_stated(-c.value, c.unit, None, None, q.unit, lex, q.value).value == -65758


@pytest.mark.parametrize(
    "text",
    ["The strike killed 15 immediately and wounded dozens", "It destroyed 40 overnight and damaged hundreds of homes"],
)
def test_an_adverb_or_a_vague_amount_is_no_listed_kind(text: str, lex) -> None:
    assert [q.unit for q in extract_quantities(text, lex)][0] == ""


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Borduria is lowering the cost of school meals by 70%", "down"),
        ("The plan would increase the net price of new imported cars by 25%", "up"),
        ("Ruritania is reducing bus fares by 10%", "down"),
    ],
)
def test_a_verb_of_change_several_words_before_by(text: str, direction: str, lex) -> None:
    (q,) = extract_quantities(text, lex)
    assert q.direction == direction


def test_a_sum_joined_to_a_rate_shares_it(lex) -> None:
    """'from $1,000 and $1,350 per month': the first sum is a month's too."""
    from claimcheck.extract.context import ClaimContext
    from claimcheck.extract.quantity_rules import read_figures
    from claimcheck.pipeline import Extractor

    ex = Extractor(lex)
    ctx = ClaimContext(lex, ex.entities, ex.metrics, None, None)
    readings, _ = read_figures("Fares will fall from $10 and $14 per month to $6.", ctx)
    assert [r.q.unit for r in readings] == ["USD/month", "USD/month", "USD"]


def test_margin_of_error_is_the_figures_precision(lex) -> None:
    """ "5.2 ± 0.3 kg": one figure whose step is twice the margin, so its interval is 4.9-5.5."""
    (q,) = extract_quantities("The Valdrex beam weighs 5.2 ± 0.3 kg.", lex)
    assert (q.value, q.unit, q.surface) == (5.2, "kg", "5.2 ± 0.3 kg")
    assert q.step is not None and abs(q.step - 0.6) < 1e-9
