"""Figures in listings rather than prose: fact-book "Field: value" lines, where the field
names the metric, and table rows, whose column headers give the metric, unit and scale."""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.extract.context import ClaimContext, claimable, make_claim
from claimcheck.extract.quantities import extract_quantities
from claimcheck.model import Claim, Period, Quantity, Sentence
from claimcheck.normalize.time import find_periods

_HEADER_UNIT = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]|,\s*(in\s+.+)$")


# "Field: value" listings of almanacs and fact books: "Population: 3,281,676 (2024 est.)",
# "Area: total: 1,564,116 sq km land: 1,553,556 sq km", "border countries (2): China 4,630 km"
FIELD = re.compile(r"([A-Z][A-Za-z][A-Za-z ,/'-]{0,48}?)(?:\s*\((?:\d+|[a-z][a-z ,/'-]{1,40})\))?:\s+(?=\S)")
_SUBFIELD = re.compile(r"(?:^|[\s;])([a-z][a-z ]{1,30}?)(?:\s*\(\d+\))?:\s+")
_FIELD_YEAR = re.compile(r"(?:\s+of\s+GDP)?\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b[^()]*\)")
_OF_GDP = re.compile(r"\s+of\s+GDP\b")
_LINE_YEAR = re.compile(r"\s*\((?:[^()]*?\b)?(1[5-9]\d\d|20\d\d|21\d\d)\b[^()]*\)\s*$")


_PARTNERS = re.compile(r"(.+?)\s*[-–—]\s*partners", re.I)


def field_claims(s: Sentence, field: re.Match[str], ctx: ClaimContext) -> list[Claim]:
    """Claims of a fact-book line: the field (and sub-field) name the metric, the document's
    place is the subject unless an entity stands right before the figure (a border country)."""
    text = s.text
    label = field.group(1)
    furniture = ctx.lex.furniture
    if label.lower() in set(furniture["block_headings"]) | set(furniture["label_lines"]):
        return []  # "Share this article: Facebook 1.2k": page furniture, not a fact
    social = {w.lower() for w in furniture["social_networks"]}
    out = []
    prev_end = field.end()
    for q in extract_quantities(text, ctx.lex):
        before = text[max(0, q.start - 20) : q.start].split()
        if (
            q.start < field.end()
            or text[max(0, q.start - 1) : q.start] == "("
            or (before and before[-1].lower() in social)
        ):
            prev_end = max(prev_end, q.end)
            continue  # the field's own words, or "(2)"
        bare = not q.unit and q.value is not None and not q.spelled and (abs(q.value) >= 10 or (q.step or 1) < 1)
        if not (claimable(q, ctx.lex) or bare):
            prev_end = q.end
            continue
        between = text[prev_end : q.start]
        subs = _SUBFIELD.findall(between)
        sub = subs[-1] if subs and subs[-1].strip() not in ("total",) else ""
        ents = [e for e in ctx.entities.mentions(between) if e.known]
        obj = ents[-1].name if ents else None
        metric = ctx.metrics.normalize(f"{label} {sub}".strip()) or label.lower()
        subject = ctx.topic
        partners = _PARTNERS.fullmatch(label)
        if partners:  # "Exports - partners: China 39%, US 15%": shares of the page's exports
            metric = ctx.metrics.share(partners.group(1))
        elif _OF_GDP.match(text, q.end):  # "Public debt: 39.4% of GDP"
            metric = f"{metric} as share of gdp"
        if obj is not None and not partners and (obj == subject or not ctx.metrics.is_symmetric(metric)):
            subject, obj = obj, None
        own_year = _FIELD_YEAR.match(text, q.end)
        year = own_year or (_LINE_YEAR.search(text) if partners else None)  # "Japan 7% (2022)": the list's
        period = Period(year.group(1), year.group(1), year.group().strip()) if year else None
        out.append(make_claim(s, q, subject, metric, obj, period, None, ctx))
        prev_end = own_year.end() if own_year else q.end
    return out


# -- tables ----------------------------------------------------------------------------
def table_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """Figures in a table row, with the unit and scale its column header states."""
    assert s.header is not None and s.cells is not None
    out: list[Claim] = []
    if not s.cells:
        return out
    label, _, _ = s.cells[0]
    caption_periods = find_periods(s.caption, ctx.published) if s.caption else []
    period = caption_periods[0].period if len(caption_periods) == 1 else None
    label_entity = ctx.entities.mentions(label)
    is_entity = bool(label_entity) and label_entity[0].start == 0 and len(label_entity[0].name) >= len(label) - 3
    for idx, (cell, cs, _) in enumerate(s.cells[1:], start=1):
        if idx >= len(s.header) or not re.search(r"\d", cell):
            continue
        head = s.header[idx]
        probe, offset = _cell_with_header_unit(cell, head, ctx)
        qs = extract_quantities(probe, ctx.lex)
        if len(qs) != 1 or qs[0].start > offset or qs[0].end < offset + len(cell.split()[0]):
            continue
        q = qs[0]
        surface_end = min(max(q.end - offset, 0), len(cell))
        q = Quantity(
            q.value,
            q.low,
            q.high,
            q.unit,
            cell[:surface_end],
            cs,
            cs + surface_end,
            q.qualifier,
            q.direction,
            step=q.step,
        )
        if not claimable(q, ctx.lex):
            continue
        metric_head = re.sub(r"\s*(\([^)]*\)|\[[^\]]*\])\s*", " ", head).strip()
        metric_head = re.sub(r",\s*in\s+.+$", "", metric_head)
        metric = ctx.metrics.normalize(metric_head) or "value"
        subject = label_entity[0].name if is_entity else ctx.topic
        if not is_entity:
            metric = f"{metric} of {' '.join(ctx.metrics.words(label))}".strip()
        # the quantity's offsets become relative to the row, as for a sentence
        q = replace(q, start=q.start - s.start, end=q.end - s.start)
        out.append(make_claim(s, q, subject, metric, None, period, None, ctx))
    return out


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
