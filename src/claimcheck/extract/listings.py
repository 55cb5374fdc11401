"""Figures in listings rather than prose: fact-book "Field: value" lines, where the field
names the metric, and table rows, whose column headers give the metric, unit and scale."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from claimcheck.extract.context import FORECAST, ClaimContext, claimable, make_claim, restated_claim
from claimcheck.extract.frames import AUX
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.quantity_rules import JOINED, restates, same_amount
from claimcheck.lexicon import recall
from claimcheck.model import Claim, Period, Quantity, Sentence
from claimcheck.normalize.lemmas import is_plural_noun
from claimcheck.normalize.time import find_periods
from claimcheck.normalize.units import count_unit

_HEADER_UNIT = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]|,\s*(in\s+.+)$")


# "Field: value" listings of almanacs and fact books: "Population: 3,281,676 (2024 est.)",
# "Area: total: 1,564,116 sq km land: 1,553,556 sq km", "border countries (2): China 4,630 km"
_BOLD = r"(?:\*\*|__)?"  # Markdown's "**Unemployment rate:** 5.69%", "**Revenue**: NOK 61.2 billion"
FIELD = re.compile(
    r"(?:[-*+•]\s+)?"
    + _BOLD
    + r"([A-Z][A-Za-z][A-Za-z ,/'-]{0,48}?)"
    # "(2)", "(official)", "(2019 est.)"
    + r"(?:\s*\((?:\d+|[a-z][a-z ,/'-]{1,40}|[A-Za-z ]{0,12}(?:1[89]|20)\d\d(?:[-–]\d\d(?:\d\d)?)?(?:\s*est\.?)?)\))?"
    + _BOLD
    + r"(?::|(?<=[a-z)])--)"  # "Life expectancy--71.3 yrs.": an older fact book's separator
    + _BOLD
    + r"\s*(?=\S)"
)
_SUBFIELD = re.compile(r"(?:^|[\s;])([a-z][a-z ]{1,30}?|\d+(?:-\d+)?\s+years(?:\s+and\s+over)?)(?:\s*\(\d+\))?:\s+")
_FIELD_YEAR = re.compile(r"(?:\s+of\s+GDP)?\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b[^()]*\)")
_NAMES_SUBFIELD = re.compile(r"(?:\s+and\s+(?:over|older|above))?:")
_LIST_ITEM = re.compile(r"\s*[,;]?\s*([A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)(?:\s*\([^()]{1,30}\))?\s*,?\s*")
# a note in words after a field's figure says which of the measure it is ("(insured losses)", "(landlocked)")
_SCOPE_NOTE = re.compile(r"\s*\(((?!est\b|estimated\b|approx)[a-z][a-z -]{2,30})\)")
_PRICE_BASE = re.compile(r"\b[A-Z]{3}\b|dollars|prices")
_FOOTNOTE_AFTER = re.compile(r",?\s+\d{1,2}\s*$")
_FOOTNOTE_MARK = re.compile(r"[A-Za-z],\s+$")  # "Chile, " before a small bare number
_OF_GDP = re.compile(r"\s+of\s+GDP\b")
_LINE_YEAR = re.compile(r"\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b[^()]*\)\s*$")


def counterparty_flow(label: str, ctx: ClaimContext) -> str | None:
    """The trade flow a label lists counterparties of: "Exports - partners", "Import sources",
    "Sources of imports", "Main export destinations" -> exports / imports; None for any other
    label. (Words: language.json "trade_counterparties".)"""
    m = _counterparty_label(ctx).fullmatch(label.strip())
    if m is None:
        return None
    flow = (m.group("flow") or m.group("flow2")).lower()
    return flow if flow.endswith("s") else f"{flow}s"


def _counterparty_label(ctx: ClaimContext) -> re.Pattern[str]:
    def compile_() -> re.Pattern[str]:
        words = ctx.lex.raw["language"]["trade_counterparties"]
        flow, relation = "|".join(words["flows"]), "|".join(words["relations"])
        return re.compile(
            rf"(?:(?:main|major|leading|top)\s+)?(?P<flow>{flow})\s*(?:[-–—]\s*)?(?:{relation})"
            rf"|(?:(?:main|major|leading|top)\s+)?(?:{relation})\s+of\s+(?P<flow2>{flow})",
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
    line_year, label_period = _line_periods(text, values_from, ctx)
    # "Ethnic groups: Mestizo 60.2%, Amerindian 25.8%, ...": a list of the parts of a whole
    parts = sum(q.unit == "%" and q.start >= values_from for q in found) >= 2
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
        if (
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
        frame = _field_frame(text, q, between, label, sub, parts, ctx)
        own_year = _FIELD_YEAR.match(text, q.end)
        if own_year and _PRICE_BASE.search(own_year.group()):
            own_year = None  # "$3.3 billion (2019 USD)": the year of the money's value, not of the figure
        # "Japan 7% (2022)": the list's year; "total: 18.6 million male: 9.1 million (2024 est.)": the line's
        year = own_year or (_LINE_YEAR.search(text) if frame.listed else line_year)
        if year is None and frame.listed:
            year = line_year
        period = Period(year.group(1), year.group(1), year.group().strip()) if year else label_period
        q = counted_by_label(q, f"{label} {sub}", ctx)
        out.append(make_claim(s, q, frame.subject, frame.metric, frame.object, period, None, ctx))
        prev_end = own_year.end() if own_year else q.end
    return out


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
    if scope := _SCOPE_NOTE.match(text, q.end):  # "Cost $2.5 billion (insured losses)": which cost
        metric = f"{metric} {scope.group(1).lower()}"
    subject = ctx.topic
    partners = counterparty_flow(label, ctx)
    # ("Borduria, 4 38%": a footnote marker after the part's name)
    named = _FOOTNOTE_AFTER.sub(" ", between).lstrip(" ):")
    part = _LIST_ITEM.fullmatch(named) if parts and q.unit == "%" else None
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


# -- tables ----------------------------------------------------------------------------
def table_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """Figures in a table row, with the unit and scale its column header states."""
    assert s.header is not None and s.cells is not None
    out: list[Claim] = []
    if not s.cells:
        return out
    label, _, _ = s.cells[0]
    if len(s.cells) == 2 and not any(h.strip() for h in s.header[1:]):
        return _key_value_row(s, ctx)  # an infobox as a table: "| Highest winds | 195 km/h (120 mph) |"
    caption_periods = find_periods(s.caption, ctx.published) if s.caption else []
    period = caption_periods[0].period if len(caption_periods) == 1 else None
    row_period = _column_period(label, ctx)  # "| Year | Confirmed cases | Deaths |" / "| 2023 | 513 | 1 |"
    if row_period is not None:
        period = row_period[0]
    label_entity = ctx.entities.mentions(label)
    is_entity = bool(label_entity) and label_entity[0].start == 0 and len(label_entity[0].name) >= len(label) - 3
    for idx, (cell, cs, _) in enumerate(s.cells[1:], start=1):
        if idx >= len(s.header) or not re.search(r"\d", cell):
            continue
        head = s.header[idx]
        when = _column_period(head, ctx)
        if when is not None:  # "| Source | 2022 | 2023 |": a column per period, its unit in the caption
            out.extend(_period_column_claim(s, cell, cs, when, label_entity[0].name if is_entity else None, ctx))
            continue
        q = _cell_quantity(s, cell, cs, head, ctx)
        if q is None:
            continue
        if not claimable(q, ctx.lex) and not (row_period and q.value is not None):
            continue  # (a row that is a period states small counts too: "| 2023 | 513 | 1 |")
        metric_head = re.sub(r"\s*(\([^)]*\)|\[[^\]]*\])\s*", " ", head).strip()
        metric_head = re.sub(r",\s*in\s+.+$", "", metric_head)
        metric = ctx.metrics.normalize(metric_head) or "value"
        subject = label_entity[0].name if is_entity else ctx.topic
        if row_period is not None:
            metric = f"{FORECAST}{metric}" if row_period[1] else metric
        elif not is_entity:
            metric = f"{metric} of {' '.join(ctx.metrics.words(label))}".strip()
        out.append(make_claim(s, q, subject, metric, None, period, None, ctx))
    return out


_CELL_BOUND = {">": "over", "<": "under", "≥": "at_least", "≤": "at_most", "~": "approx"}


def cell_bound(cell: str) -> tuple[str | None, str]:
    """A table cell's bound and its figure: '>380' -> ('over', '380'), '<1' -> ('under',
    '1'), '412' -> (None, '412'); a sign is no bound ('-3.1')."""
    bound = _CELL_BOUND.get(cell[:1]) if len(cell) > 1 and cell[1:2].isdigit() else None
    return bound, (cell[1:] if bound else cell)


def _key_value_row(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """A row of a two-column table whose header names no value column (an infobox converted
    to a table): its label is a field's, its cell the field's values."""
    assert s.cells is not None
    label = s.cells[0][0]
    value_start = s.cells[1][1]
    if not re.search(r"\d", s.cells[1][0]) or not re.search(r"[A-Za-z]", label):
        return []
    return field_claims(s, label, value_start - s.start, ctx)


def _cell_quantity(s: Sentence, cell: str, cs: int, head: str, ctx: ClaimContext) -> Quantity | None:
    """The one figure a cell (at `cs` in the document) holds, with the unit and scale its
    column header states, its offsets relative to the row as for a sentence; None when the
    cell holds none or several, or text before its figure."""
    bound, figure = cell_bound(cell)  # ">380", "<1": a bound, not a sign
    probe, offset = _cell_with_header_unit(figure, head, ctx)
    qs = extract_quantities(probe, ctx.lex)
    if len(qs) != 1 or qs[0].start > offset or qs[0].end < offset + len(cell.split()[0]):
        return None
    q = qs[0]
    surface_end = min(max(q.end - offset + (1 if bound else 0), 0), len(cell))
    start = cs - s.start
    return Quantity(
        q.value,
        q.low,
        q.high,
        q.unit,
        cell[:surface_end],
        start,
        start + surface_end,
        bound or q.qualifier,
        q.direction,
        step=q.step,
    )


_TABLE_NUMBER = re.compile(r"^(?:Table|Figure|Exhibit|Chart)\s+[\dA-Z]+[.:]?\s*", re.I)
_CAPTION_UNIT = re.compile(r",\s*([^,()\d]{1,25})$")
_BY_WHAT = re.compile(r"\s+by\s+[a-z ]+$", re.I)  # "generation by source": what the rows are
_PERIOD_HEAD_EXTRA = re.compile(
    r"[\s*_]*(?:\(?(?:est|proj|projected|forecast|f|e|p|prel|preliminary)\.?\)?)?[\s*_]*$", re.I
)
_FORECAST_HEAD = re.compile(r"\b(?:proj|projected|projection|forecast|f)\b\.?", re.I)


_ESTIMATED_YEAR = re.compile(r"((?:19|20|21)\d\d)[ep]")


def _column_period(head: str, ctx: ClaimContext) -> tuple[Period, bool] | None:
    """The period a column header is and nothing else ('2023', 'FY2024', 'Q1 2024', '2024
    proj.'), and whether it marks a forecast; None for any other header."""
    estimated = _ESTIMATED_YEAR.fullmatch(head.strip(" *_"))
    if estimated:  # "2031e", "2030p": that year, estimated or preliminary
        year = estimated.group(1)
        return Period(year, year, f"{year} (estimated)"), False
    spans = find_periods(head, ctx.published)
    if len(spans) != 1:
        return None
    span = spans[0]
    if head[: span.start].strip(" *_") or not _PERIOD_HEAD_EXTRA.fullmatch(head, span.end):
        return None
    return span.period, bool(_FORECAST_HEAD.search(head, span.end))


def _period_column_claim(
    s: Sentence, cell: str, cs: int, when: tuple[Period, bool], entity: str | None, ctx: ClaimContext
) -> list[Claim]:
    """A figure in a column that is a period: the row names what is measured (or whose it is,
    when the row is a name), the caption or the first header its unit and measure."""
    assert s.header is not None
    period, forecast = when
    label = s.cells[0][0]
    if not re.search(r"[A-Za-z]", label):
        return []  # "| 1 | Kenya | 5.6 |": a rank, and the row's name stands elsewhere
    caption = s.caption if s.caption and not s.caption.rstrip().endswith(".") else ""  # (not "Growth stayed strong.")
    caption = _TABLE_NUMBER.sub("", caption)  # "Table 4. Landings by species, thousand tonnes"
    if not caption and entity is not None and not _header_unit(s.header[0]):
        return []  # "| Country | 2022 | 2023 |" with nothing saying what is measured
    unit = _header_unit(caption) or _header_unit(s.header[0])
    tail = _CAPTION_UNIT.search(caption)
    if not unit and tail and extract_quantities(f"1 {tail.group(1)}", ctx.lex)[0:1] and tail.group(1)[:1] != "1":
        unit, caption = tail.group(1), caption[: tail.start()]  # "Electricity generation by source, TWh"
    q = _cell_quantity(s, cell, cs, f"x ({unit})" if unit else "", ctx)
    if q is None or (not claimable(q, ctx.lex) and not (q.value is not None and not q.unit)):
        return []
    measured = _BY_WHAT.sub("", _HEADER_UNIT.sub("", caption or s.header[0])).strip(" ,:")
    if entity is not None:  # "| Kenya | 5.6 | 4.9 |" under "Real GDP growth (%)"
        metric = ctx.metrics.normalize(measured) or "value"
    else:  # "| Wind | 65.7 | 71.9 |" under "Electricity generation by source, TWh"
        metric = ctx.metrics.normalize(f"{label} {measured}" if caption else label) or "value"
    if forecast:
        metric = f"{FORECAST}{metric}"
    return [make_claim(s, q, entity or ctx.topic, metric, None, period, None, ctx)]


def _cell_with_header_unit(cell: str, head: str, ctx: ClaimContext) -> tuple[str, int]:
    """A probe text for the quantity layer: the cell with its column's unit and scale.

    'Revenue (US$ bn)' + '316.6' -> 'US$316.6 bn'; 'Employees' + '103,000' -> '103,000
    employees'. Returns the probe and where the cell starts in it.
    """
    unit = _header_unit(head)
    if not unit:
        words = head.lower().split()
        if len(words) == 1 and words[0].endswith("s") and words[0].isalpha():
            return f"{cell} {words[0]}", 0  # a count column: "Employees"
        return cell, 0
    first = unit.split()[0]
    if first in ctx.lex.currency_symbols or first in ctx.lex.currency_codes:
        rest = unit[len(first) :].strip()
        return f"{first}{cell} {rest}".strip(), len(first)
    return f"{cell} {unit}", 0


def _header_unit(head: str) -> str:
    m = _HEADER_UNIT.search(head)
    if not m:
        return ""
    unit = next(g for g in m.groups() if g)
    return re.sub(r"^in\s+", "", unit.strip())


# -- lists of labelled figures -----------------------------------------------------------
def item_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """'- Trawlers 61%' under 'Share of catch by fleet:': the heading names the measure, the
    item's label the part it is of (the object), the document whose."""
    assert s.item_of is not None
    found = [q for q in extract_quantities(s.text, ctx.lex) if q.value is not None]
    if len(found) != 1:
        return []
    q = found[0]
    name = s.text[: q.start].rstrip(" ,:")
    place = ctx.entities.mentions(name)
    is_place = bool(place) and place[0].start == 0 and len(place[0].name) >= len(name) - 3
    metric = ctx.metrics.normalize(s.item_of) or s.item_of.lower()
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
