"""Figures in listings rather than prose: fact-book "Field: value" lines, where the field
names the metric, list items, and lines that open with their figure. Table rows are read in
`tables.py`."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from claimcheck.extract.context import ClaimContext, claimable, make_claim, restated_claim
from claimcheck.extract.frames import AUX
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.quantity_rules import JOINED, restates, same_amount
from claimcheck.lexicon import recall
from claimcheck.model import Claim, Period, Quantity, Sentence
from claimcheck.normalize.lemmas import is_plural_noun
from claimcheck.normalize.time import find_periods
from claimcheck.normalize.units import count_unit, dimension_of

# "Field: value" listings of almanacs and fact books: "Population: 3,281,676 (2024 est.)",
# "Area: total: 1,564,116 sq km land: 1,553,556 sq km", "border countries (2): China 4,630 km"
_BOLD = r"(?:\*\*|__)?"  # Markdown's "**Unemployment rate:** 5.69%", "**Revenue**: NOK 61.2 billion"
FIELD = re.compile(
    r"(?:[-*+•]\s+)?"
    + _BOLD
    + r"([A-Z][A-Za-z][A-Za-z ,/'-]{0,48}?)"
    # "(2)", "(official)", "(2019 est.)"
    + r"(?:\s*\((?:\d+|[a-z][a-z ,/'-]{1,40}|[A-Za-z ]{0,12}(?:1[89]|20)\d\d(?:[-–]\d\d(?:\d\d)?)?(?:\s*est\.?)?"
    + r"|%|[A-Z]{3}\s+[a-z]+|[a-z]+\s+[A-Z]{3}|US\$\s*[a-z]+)\))?"  # a unit: "(%)", "(USD million)"
    + _BOLD
    + r"(?::|(?<=[a-z)])--)"  # "Life expectancy--71.3 yrs.": an older fact book's separator
    + _BOLD
    + r"\s*(?=\S)"
)
_SUBFIELD = re.compile(r"(?:^|[\s;])([a-z][a-z ]{1,30}?|\d+(?:-\d+)?\s+years(?:\s+and\s+over)?)(?:\s*\(\d+\))?:\s+")
# (not "(2030: 3.1 t/ha)": a year that states a figure of its own is that figure's, `_EARLIER`)
_FIELD_YEAR = re.compile(r"(?:\s+of\s+GDP)?\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b(?!\s*:)[^()]*\)")
_NAMES_SUBFIELD = re.compile(r"(?:\s+and\s+(?:over|older|above))?:")
_LIST_ITEM = re.compile(r"\s*[,;]?\s*([A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)(?:\s*\([^()]{1,30}\))?\s*,?\s*")
# a note in words after a field's figure says which of the measure it is ("(insured losses)", "(landlocked)")
_SCOPE_NOTE = re.compile(r"\s*\(((?!est\b|estimated\b|approx)[a-z][a-z -]{2,30})\)")
_PRICE_BASE = re.compile(r"\b[A-Z]{3}\b|dollars|prices")
_FOOTNOTE_AFTER = re.compile(r",?\s+\d{1,2}\s*$")
_FOOTNOTE_MARK = re.compile(r"[A-Za-z],\s+$")  # "Chile, " before a small bare number
_OF_GDP = re.compile(r"\s+of\s+GDP\b")
_LINE_YEAR = re.compile(r"\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b(?!\s*:)[^()]*\)\s*$")
# "Average yield: 3.4 t/ha (2030: 3.1 t/ha)": an earlier year's figure, in brackets after the field's
_EARLIER = re.compile(r"\((1[5-9]\d\d|20\d\d|21\d\d):\s*$")


def counterparty_flow(label: str, ctx: ClaimContext) -> str | None:
    """The trade flow a label lists counterparties of: "Exports - partners", "Import sources",
    "Sources of imports", "Main export destinations" -> exports / imports, "Grain exports, by
    destination" -> grain exports; None for any other label. (Words: language.json "trade_counterparties".)"""
    m = _counterparty_label(ctx).fullmatch(label.strip())
    if m is None:
        return None
    flow = (m.group("flow") or m.group("flow2") or m.group("flow3")).lower()
    flow = flow if flow.endswith("s") else f"{flow}s"
    return f"{m.group('what').lower()}{flow}" if m.group("what") else flow  # ("grain exports")


def _counterparty_label(ctx: ClaimContext) -> re.Pattern[str]:
    def compile_() -> re.Pattern[str]:
        words = ctx.lex.raw["language"]["trade_counterparties"]
        flow, relation = "|".join(words["flows"]), "|".join(words["relations"])
        return re.compile(
            rf"(?:(?:main|major|leading|top)\s+)?(?P<flow>{flow})\s*(?:[-–—]\s*)?(?:{relation})"
            rf"|(?:(?:main|major|leading|top)\s+)?(?:{relation})\s+of\s+(?P<flow2>{flow})"
            # "Grain exports, by destination (%)": what flows, then by whom
            rf"|(?P<what>(?:[A-Za-z]+\s+){{0,2}}?)(?P<flow3>{flow}),?\s+by\s+(?:{relation})(?:\s*\([^()]*\))?",
            re.I,
        )

    return recall(ctx.lex, "compiled", "counterparty label", compile_)


# a fact-book field whose values stand on the lines below it ("Real GDP growth rate:")
LABEL_LINE = re.compile(
    _BOLD
    + r"([A-Z][A-Za-z][A-Za-z ,/'-]{0,60}?)(?:\s*\((?:\d+|[a-z][a-z0-9 ,/'-]{1,40})\))?"
    + _BOLD
    + ":"
    + _BOLD
    + r"\s*"
)


def field_claims(s: Sentence, label: str, values_from: int, ctx: ClaimContext) -> list[Claim]:
    """Claims of a fact-book line: the field (and sub-field) name the metric, the document's
    place is the subject unless an entity stands right before the figure (a border country).
    The values start at `values_from` (0 on a line under its field)."""
    text = s.text
    furniture = ctx.lex.furniture
    if label.lower() in set(furniture["block_headings"]) | set(furniture["label_lines"]):
        return []  # "Share this article: Facebook 1.2k": page furniture, not a fact
    social = {w.lower() for w in furniture["social_networks"]}
    out = _counted_subfields(s, values_from, ctx)
    prev_end = values_from
    text = _ranks_masked(text, ctx)
    # the values alone: a label before them is no name of theirs ("Fatalities 41 people" is
    # not "Team 37")
    values = " " * values_from + text[values_from:]
    found = [_subfield_named(text, q) for q in extract_quantities(values, ctx.lex)]
    if unit := label_unit(text[:values_from], ctx):  # "Unemployment rate (%): 7.4", "Output (kt): ..."
        found = [in_unit(q, unit, ctx) if q.start >= values_from else q for q in found]
    line_year, label_period = _line_periods(text, values_from, ctx)
    if not (line_year or label_period) and (labelled := _FIELD_YEAR.search(label)):
        line_year, label = (
            labelled,
            (label[: labelled.start()] + label[labelled.end() :]).strip(),
        )  # "Population (2024 est.)"
    # "Ethnic groups: Mestizo 60.2%, Amerindian 25.8%, ...": a list of the parts of a whole;
    # "Output (thousand tonnes): copper 412; zinc 96": of the label's measure, in its unit
    parts = sum((q.unit == "%" or bool(unit)) and q.start >= values_from for q in found) >= 2
    prev_q = Quantity(None, None, None, "", "", -1, -1)  # the figure before, which the next may restate
    for q in found:
        before = text[max(0, q.start - 20) : q.start].split()
        if _NAMES_SUBFIELD.match(text, q.end):
            continue  # "0-14 years: 24.6%", "65 years and over: 9.3%": a sub-field's name
        said = out[-1] if out and out[-1].surface_start == s.start + prev_q.start else None
        if said is not None and restates(text, prev_q, q, ctx.lex) and same_amount(prev_q, q, ctx.lex):
            out.append(restated_claim(said, q, s, ctx))  # "160 mph (260 km/h)"
            prev_end = q.end
            continue
        prev_q = q
        earlier = _EARLIER.search(text, values_from, q.start)
        if earlier is None and (
            q.start < values_from
            or text[max(0, q.start - 1) : q.start] == "("
            or (before and before[-1].lower() in social)
            or text.count("(", values_from, q.start)
            > text.count(")", values_from, q.start)  # "(male 4,068,000/female ...)"
        ):
            prev_end = max(prev_end, q.end)
            continue  # the field's own words, or "(2)"
        bare = not q.unit and q.value is not None and not q.spelled and (abs(q.value) >= 10 or (q.step or 1) < 1)
        # a field's one figure is its value, however small: "Missing people 3"
        bare = bare or (q.value is not None and [f.start >= values_from for f in found].count(True) == 1)
        # "12 civilians and 5 firefighters": a small count joined to a field's count is stated as it is
        joined = bool(out) and q.unit != "" and JOINED.fullmatch(text, prev_end, q.start) is not None
        if not (claimable(q, ctx.lex) or bare or joined):
            if not _FOOTNOTE_MARK.search(text, 0, q.start) or not q.surface.isdigit():
                prev_end = q.end  # ("Borduria, 4 38%": a footnote marker leaves the name to the figure)
            continue
        between = text[prev_end : q.start]
        subs = _SUBFIELD.findall(between)
        sub = subs[-1] if subs and subs[-1].strip() not in ("total",) else ""
        if sub.strip() == "note":
            prev_end = q.end
            continue  # "note: data are in 2021 dollars": how, not what
        frame = _field_frame(text, q, between, label, sub, parts and (q.unit == "%" or bool(unit)), ctx)
        own_year = _FIELD_YEAR.match(text, q.end)
        if own_year and _PRICE_BASE.search(own_year.group()):
            own_year = None  # "$3.3 billion (2019 USD)": the year of the money's value, not of the figure
        # "Japan 7% (2022)": the list's year; "total: 18.6 million male: 9.1 million (2024 est.)": the line's
        year = own_year or (_LINE_YEAR.search(text) if frame.listed else line_year)
        if year is None and frame.listed:
            year = line_year
        period = Period(year.group(1), year.group(1), year.group().strip()) if year else label_period
        if earlier is not None:
            period = Period(earlier.group(1), earlier.group(1), earlier.group(1))
        q = counted_by_label(q, f"{label} {sub}", ctx)
        out.append(make_claim(s, q, frame.subject, frame.metric, frame.object, period, None, ctx))
        prev_end = own_year.end() if own_year else q.end
    return out


def label_unit(label: str, ctx: ClaimContext) -> str | None:
    """The unit a label states in brackets at its end: 'Unemployment rate (%)' -> '%',
    'Output (thousand tonnes)' -> 'thousand tonnes', 'Exports (USD million)' -> 'USD
    million'; None for '(2019 est.)', '(official)', or no brackets."""
    m = _LABEL_UNIT.search(label)
    if m is None:
        return None
    note = unit_note_tidied(m.group(1))
    if note.lower() in _PERCENT_NOTES:
        return "%"
    if _SCALE_NOTE.fullmatch(note):  # "Farm employment (thousands): 212": a count in thousands
        return note.lower().rstrip("s")
    qs = extract_quantities(f"1 {note}", ctx.lex)
    if len(qs) != 1 or not qs[0].unit or qs[0].end < len(note) or dimension_of(qs[0].unit, ctx.lex) == "count":
        return None
    return note


def unit_note_tidied(note: str) -> str:
    """A unit as a note states it, as the quantity layer reads units: '(in millions of
    dollars)' -> 'million dollars', '(US cents per kWh)' -> 'cents per kWh'."""
    note = _SCALES_OF.sub(r"\1 ", re.sub(r"^in\s+", "", note.strip()))
    return _NATIONAL_MONEY.sub("", note)


_NATIONAL_MONEY = re.compile(r"\bU\.?S\.?\s+(?=(?:cents?|dollars?)\b)")  # "US cents": cents
_LABEL_UNIT = re.compile(r"[(\[]([^()\[\]]{1,40})[)\]]\s*[:\-–—]*\s*(?:\*\*|__)?\s*[:\-–—]*\s*$")
_SCALES_OF = re.compile(r"\b(thousand|million|billion|trillion)s\s+of\s+", re.I)
_ITEM_FIGURE = re.compile(r"(?<![\w.,])[-–−]?\d[\d,]*(?:\.\d+)?$")  # an item's figure, at its end
_SCALE_NOTE = re.compile(r"(?:thousand|million|billion)s?", re.I)
_PERCENT_NOTES = frozenset(["%", "percent", "per cent", "pct"])


def in_unit(q: Quantity, unit: str, ctx: ClaimContext) -> Quantity:
    """A bare figure in the unit its label states ('7.4' under '(%)' is 7.4%, '412' under
    '(thousand tonnes)' is 412,000 t); its surface and offsets stay the figure's own. A figure
    that states a unit of its own keeps it."""
    if q.unit or (q.value is None and not q.surface):
        return q
    probe = f"{q.surface}%" if unit == "%" else f"{q.surface} {unit}"
    qs = extract_quantities(probe, ctx.lex)
    if len(qs) != 1 or qs[0].start != 0 or qs[0].value is None or not (qs[0].unit or qs[0].value != q.value):
        return q  # (a scale alone, "(thousands)", scales the figure)
    said = qs[0]
    return replace(q, value=said.value, low=said.low, high=said.high, unit=said.unit)


def _line_periods(text: str, values_from: int, ctx: ClaimContext) -> tuple[re.Match[str] | None, Period | None]:
    """The year a fact-book line states for all its figures, or the span of years its label
    states ("Import sources (2019–22): ..."), for figures that state none."""
    line_year = _LINE_YEAR.search(text) if len(_FIELD_YEAR.findall(text)) == 1 else None
    line_year = line_year or _FIELD_YEAR.search(text, 0, values_from)  # "Population (2019 est.): 4.2 million"
    spans = find_periods(text[:values_from], ctx.published) if values_from else []
    label_period = spans[0].period if len(spans) == 1 and spans[0].period.start != spans[0].period.end else None
    if label_period is not None:
        line_year = None
    return line_year, label_period


class _FieldFrame(NamedTuple):
    """Whose a field's figure is and of what; `listed` when it is one of a list's parts or
    partners, whose year the list states."""

    subject: str | None
    metric: str
    object: str | None
    listed: bool


def _field_frame(
    text: str, q: Quantity, between: str, label: str, sub: str, parts: bool, ctx: ClaimContext
) -> _FieldFrame:
    """The field (and sub-field `sub`) name the metric; the document's place is the subject
    unless an entity stands in `between`, the words before the figure (a border country)."""
    ents = [e for e in ctx.entities.mentions(between) if e.known]
    obj = ents[-1].name if ents else None
    metric = ctx.metrics.normalize(f"{label} {sub}".strip()) or label.lower()
    named = ctx.metrics.dimension_measure(dimension_of(q.unit, ctx.lex), between) if q.unit else None
    if named and named not in metric:  # "Climate: temperate; annual rainfall 640 mm": a rainfall
        metric = named
    if scope := _SCOPE_NOTE.match(text, q.end):  # "Cost $2.5 billion (insured losses)": which cost
        metric = f"{metric} {scope.group(1).lower()}"
    subject = ctx.topic
    partners = counterparty_flow(label, ctx)
    # ("Borduria, 4 38%": a footnote marker after the part's name)
    named = _FOOTNOTE_AFTER.sub(" ", between).lstrip(" ):")
    part = _LIST_ITEM.fullmatch(named) if parts else None
    if part and not (partners and obj):  # "Spanish (official) 82.9%": the share of Spanish
        obj = re.sub(r"^and\s+", "", part.group(1))  # ("...; and other 13%": other)
    band = sub[:1].isdigit()
    if band:  # "Age structure:" / "0-14 years: 24.6%": that band's share
        obj, metric = sub, ctx.metrics.normalize(label) or label.lower()
    if partners:  # "Exports - partners: China 39%, US 15%": shares of the page's exports
        metric = ctx.metrics.share(partners)
    elif _OF_GDP.match(text, q.end):  # "Public debt: 39.4% of GDP"
        metric = f"{metric} as share of gdp"
    if obj is not None and not (partners or part or band) and (obj == subject or not ctx.metrics.is_symmetric(metric)):
        subject, obj = obj, None
    return _FieldFrame(subject, metric, obj, bool(partners or part))


def counted_by_label(q: Quantity, label: str, ctx: ClaimContext) -> Quantity:
    """'Missing people: 3', 'Buildings destroyed: 18,804': a bare count under a label counts
    the label's last plural noun, as '3 people missing' would say."""
    if q.unit or q.value is None or q.fraction or q.value != int(q.value) or len(_LABEL_WORDS.findall(label)) < 2:
        return q  # ("Exchange rates: 874.5" is no count of rates; "Airports: 324" is named by its label)
    plural = ctx.lex.plurals_without_s
    noun = next((w for w in reversed(_LABEL_WORDS.findall(label)) if is_plural_noun(w, plural)), None)
    return replace(q, unit=count_unit(noun.lower(), ctx.lex)) if noun else q


_LABEL_WORDS = re.compile(r"[A-Za-z][a-z]+")


def _ranks_masked(text: str, ctx: ClaimContext) -> str:
    """The line with its rank sub-fields blanked ("country comparison to the world: 39"): a
    place in a list is no figure of the place, and its number must not run into the next."""
    names = ctx.lex.furniture.get("rank_fields", ())
    if not names or not any(n in text for n in names):
        return text
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\s*:\s*\d[\d,]*")
    return rx.sub(lambda m: " " * len(m.group()), text)


_NUMBER = re.compile(r"[-–−+]?[$€£¥]?\d[\d,.]*")


def _subfield_named(text: str, q: Quantity) -> Quantity:
    """'total: 18,664,652 male: 9,169,736': 'male' names the next sub-field, not the unit."""
    if not q.unit or not re.match(r"\s?:", text[q.end : q.end + 2]) or not text[: q.start].rstrip().endswith(":"):
        return q  # ("0-14 years: 24.6%": the figure itself names the sub-field)
    figure = _NUMBER.match(q.surface)
    if figure is None or figure.end() == len(q.surface):
        return q
    return replace(q, unit="", surface=figure.group(), end=q.start + figure.end())


_COUNTED_SUBFIELD = re.compile(r"\b((?:[a-z]+\s)?[a-z]+)\s*\((\d{1,3})\)\s?:")  # "border countries (3):"


def _counted_subfields(s: Sentence, values_from: int, ctx: ClaimContext) -> list[Claim]:
    """'border countries (3): ...': how many the list names, a figure of its own."""
    out = []
    for m in _COUNTED_SUBFIELD.finditer(s.text, values_from):
        name = m.group(1).strip()
        q = Quantity(float(m.group(2)), None, None, name.split()[-1], m.group(2), m.start(2), m.end(2))
        metric = f"number of {name}"
        out.append(make_claim(s, q, ctx.topic, metric, None, None, None, ctx))
    return out


# -- lists of labelled figures -----------------------------------------------------------
def item_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """'- Trawlers 61%' under 'Share of catch by fleet:': the heading names the measure, the
    item's label the part it is of (the object), the document whose."""
    assert s.item_of is not None
    unit = label_unit(s.item_of, ctx)  # "Exports, by destination (%):" / "- Chile 44"
    found = [q for q in extract_quantities(s.text, ctx.lex) if q.value is not None]
    if not found and unit and (last := _ITEM_FIGURE.search(s.text)):
        found = [Quantity(None, None, None, "", last.group(), last.start(), last.end())]  # (too small alone)
    if len(found) != 1:
        return []
    q = in_unit(found[0], unit, ctx) if unit else found[0]
    if q.value is None:
        return []
    name = s.text[: q.start].rstrip(" ,:")
    place = ctx.entities.mentions(name)
    is_place = bool(place) and place[0].start == 0 and len(place[0].name) >= len(name) - 3
    metric = ctx.metrics.normalize(_LABEL_UNIT.sub("", s.item_of)) or s.item_of.lower()
    if flow := counterparty_flow(s.item_of, ctx):  # "Exports, by destination (%)" / "- Chile 44"
        partner = place[0].name if is_place else name
        return [make_claim(s, q, ctx.topic, ctx.metrics.share(flow), partner, None, None, ctx)]
    if is_place:  # "- Chile 24%" under "Share of world output:": Chile's share
        return [make_claim(s, q, place[0].name, metric, None, None, None, ctx)]
    return [make_claim(s, q, ctx.topic, metric, name, None, None, ctx)]


# "**1,600:** number of lobbyists ...", "$187 million: The amount ...": a figure, then what it is
_FIGURE_THEN_LABEL = re.compile(r"\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?=[A-Za-z])")
_RELATIVES = frozenset(["which", "who", "whom", "whose", "can"])  # (with the lexicon's determiners and AUX)
_SPENT_ON = re.compile(
    r"\b(spent|spend|spends|saved|save|saves|invested|invest|paid|pay)\s+(on|in)\s+([a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,3}?)"
    r"(?=\s+(?:in|for|since|during|by|over|this|last)\b|\s*[.,;]|\s*$)"
)


def figure_first_claims(s: Sentence, ctx: ClaimContext) -> list[Claim] | None:
    """A line that opens with a figure and then says what it is ("1,600: number of lobbyists
    the industry had in 2021", "**$187 million:** The amount the industry spent on lobbying
    in 2022"), as fact sheets list their numbers: the words after the colon name the measure
    and its period. None when the line is not of that form."""
    text = s.text
    lead = len(text) - len(text.lstrip("-*+• "))
    if not text[lead : lead + 3].lstrip("*_$€£¥").strip()[:1].isdigit():
        return None  # (cheap: most lines open with a word)
    found = extract_quantities(text, ctx.lex)  # (the sentence's own, remembered: read once)
    if not found or found[0].value is None or found[0].start > lead + 2:
        return None
    q = found[0]
    said = _FIGURE_THEN_LABEL.match(text, q.end)
    if said is None:
        return None
    description = " ".join(text[said.end() :].split())
    if (not q.unit and q.value < 10 and q.value == int(q.value)) or extract_quantities(description, ctx.lex):
        return None  # ("1: The economy grew 3% in 2023.": a numbered sentence with its own figure)
    metric = _described_measure(description, ctx)
    if not metric:
        return None
    spans = find_periods(description, ctx.published)
    period = spans[0].period if len(spans) == 1 else None
    return [make_claim(s, counted_by_label(q, metric, ctx), ctx.topic, metric, None, period, None, ctx)]


def _described_measure(description: str, ctx: ClaimContext) -> str:
    """The measure a description names: its opening noun phrase ('number of lobbyists the
    companies had' -> 'number of lobbyists'), or what it says was spent or saved on ('the
    amount the industry spent on lobbying' -> 'spending on lobbying')."""
    spent = _SPENT_ON.search(description)
    if spent:
        what = ctx.lex.money_verbs.get(spent.group(1).lower(), spent.group(1).lower())
        return f"{what} {spent.group(2)} {spent.group(3)}"
    words = description.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    kept: list[str] = []

    def stops(word: str) -> bool:  # a determiner, a relative or an auxiliary ends the noun phrase
        return word in ctx.lex.determiners or word in AUX or word in _RELATIVES

    for w in words:
        bare = w.strip(".,;:()")
        if kept and (stops(bare.lower()) or bare[:1].isupper() or bare != w):
            if bare != w and not stops(bare.lower()) and not bare[:1].isupper():
                kept.append(bare)  # ("number of lobbyists," : the word before the comma is the measure's)
            break
        kept.append(bare)
    return ctx.metrics.normalize(" ".join(kept).lower()) or " ".join(kept).lower()
