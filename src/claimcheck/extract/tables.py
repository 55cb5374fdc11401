"""Figures in table rows, whose column headers give the metric, unit and scale: a header's
unit ("Revenue (NOK million)"), a column that is a period ("2024", "2026e"), a caption's
measure, bounds in cells (">75"), and two-column rows that are fields ("Population | 4.2
million", read as `listings.field_claims` reads a field line)."""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.extract.context import FORECAST, ClaimContext, claimable, make_claim
from claimcheck.extract.listings import field_claims, unit_note_tidied
from claimcheck.extract.quantities import extract_quantities
from claimcheck.layout.statistics import cell_estimate
from claimcheck.model import Claim, Period, Quantity, Sentence
from claimcheck.normalize.time import find_periods

_HEADER_UNIT = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]|,\s*(in\s+.+)$")


def table_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """Figures in a table row, with the unit and scale its column header states."""
    assert s.header is not None and s.cells is not None
    out: list[Claim] = []
    if not s.cells:
        return out
    at = _label_column(s)  # "| 1 | Chile | 41,000 |": the rank is no label
    label, _, _ = s.cells[at]
    if len(s.cells) == 2 and all(not h.strip() or _VALUE_HEAD.fullmatch(h.strip()) for h in s.header[1:]):
        # an infobox as a table: "| Highest winds | 195 km/h (120 mph) |", under no header
        # or one that names no measure ("| Indicator | Value |")
        return _key_value_row(s, ctx)
    caption_periods = find_periods(s.caption, ctx.published) if s.caption else []
    period = caption_periods[0].period if len(caption_periods) == 1 else None
    row_period = _column_period(label, ctx)  # "| Year | Confirmed cases | Deaths |" / "| 2023 | 513 | 1 |"
    if row_period is not None:
        period = row_period[0]
    label_entity = ctx.entities.mentions(label)
    is_entity = bool(label_entity) and label_entity[0].start == 0 and len(label_entity[0].name) >= len(label) - 3
    for idx, (cell, cs, _) in enumerate(s.cells[at + 1 :], start=at + 1):
        if idx >= len(s.header) or not re.search(r"\d", cell):
            continue
        head = s.header[idx]
        when = _column_period(head, ctx)
        if when is not None:  # "| Source | 2022 | 2023 |": a column per period, its unit in the caption
            out.extend(_period_column_claim(s, cell, cs, when, label_entity[0].name if is_entity else None, ctx))
            continue
        q = _estimated_cell_quantity(s, cell, cs, _with_caption_unit(head, s.caption, ctx), ctx)  # ("260e": 260)
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


_VALUE_HEAD = re.compile(r"(?:values?|amount|figure|data|details|statistics?)", re.I)
_RANK_CELL = re.compile(r"[#=]?\d{1,3}[.)]?|[—–-]")
_RANK_HEAD = re.compile(r"(?:rank(?:ing)?|#|no\.?|pos(?:ition)?\.?)?", re.I)


def _with_caption_unit(head: str, caption: str | None, ctx: ClaimContext) -> str:
    """A column header with the unit its table's caption states ("Mine production, 2030
    (tonnes)" over "| Country | Production |"), when the header states none and measures
    an amount, not a share, a change or a rank."""
    if not caption or _header_unit(head) or _NOT_AN_AMOUNT.search(head):
        return head
    unit = _header_unit(caption.split("\n", 1)[0])
    qs = extract_quantities(f"1 {unit}", ctx.lex) if unit else []
    if len(qs) != 1 or not qs[0].unit or qs[0].end < len(unit) + 2:
        return head  # ("(2030)", "(est.)": no unit)
    return f"{head} ({unit})"


_NOT_AN_AMOUNT = re.compile(r"share|percent|%|change|growth|rate|rank|ratio|index|per\s+capita|yield", re.I)


def _label_column(s: Sentence) -> int:
    """Which cell of a row is its label: the first, or the second when the first is a rank
    ("| Rank | Country | Output |" / "| 1 | Chile | 41,000 |")."""
    assert s.cells is not None and s.header is not None
    if (
        len(s.cells) > 2
        and _RANK_CELL.fullmatch(s.cells[0][0].strip())
        and _RANK_HEAD.fullmatch(s.header[0].strip())
        and re.search(r"[A-Za-z]", s.cells[1][0])
    ):
        return 1
    return 0


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


def _estimated_cell_quantity(s: Sentence, cell: str, cs: int, head: str, ctx: ClaimContext) -> Quantity | None:
    """`_cell_quantity` of a cell that may mark its figure as an estimate ("260e", "e260") or
    sign it ("+12.2"): the figure read without the mark, its surface the whole cell."""
    marked, figure = cell_estimate(cell)
    if figure.startswith("+") and figure[1:2].isdigit():  # "+12.2" under "Change (%)": a sign, read as the figure's
        marked, figure = True, figure[1:]
    if not marked:
        return _cell_quantity(s, cell, cs, head, ctx)
    q = _cell_quantity(s, figure, cs + cell.index(figure), head, ctx)
    return replace(q, surface=cell, start=cs - s.start, end=cs - s.start + len(cell)) if q else None


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
    at = _label_column(s)  # ("| Rank | Country | 2029 |": the country names the row)
    label, label_head = s.cells[at][0], s.header[at]
    if not re.search(r"[A-Za-z]", label):
        return []  # "| 1 | 5.6 |": a row named nowhere
    caption = s.caption if s.caption and not s.caption.rstrip().endswith(".") else ""  # (not "Growth stayed strong.")
    caption = _TABLE_NUMBER.sub("", caption)  # "Table 4. Landings by species, thousand tonnes"
    if not caption and entity is not None and not _header_unit(label_head):
        return []  # "| Country | 2022 | 2023 |" with nothing saying what is measured
    unit = _header_unit(caption) or _header_unit(label_head)
    tail = _CAPTION_UNIT.search(caption)
    if not unit and tail and extract_quantities(f"1 {tail.group(1)}", ctx.lex)[0:1] and tail.group(1)[:1] != "1":
        unit, caption = tail.group(1), caption[: tail.start()]  # "Electricity generation by source, TWh"
    estimated, figure = cell_estimate(cell)  # "9,800e", "e5,200": this figure estimated
    q = _cell_quantity(s, figure, cs + (cell.index(figure) if estimated else 0), f"x ({unit})" if unit else "", ctx)
    if estimated and q is not None:
        q = replace(q, surface=cell, start=cs - s.start, end=cs - s.start + len(cell))
        period = period if "estimated" in period.text else replace(period, text=f"{period.text} (estimated)")
    if q is None or (not claimable(q, ctx.lex) and not (q.value is not None and not q.unit)):
        return []
    measured = _BY_WHAT.sub("", _HEADER_UNIT.sub("", caption or label_head)).strip(" ,:")
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
    money, _, per = first.partition("/")  # "US$/kg", "EUR/t": money per a unit
    if per and (money in ctx.lex.currency_symbols or money in ctx.lex.currency_codes):
        rest = unit[len(first) :].strip()
        return f"{money}{cell} per {per} {rest}".strip(), len(money)
    if first in ctx.lex.currency_symbols or first in ctx.lex.currency_codes:
        rest = unit[len(first) :].strip()
        return f"{first}{cell} {rest}".strip(), len(first)
    return f"{cell} {unit}", 0


def _header_unit(head: str) -> str:
    m = _HEADER_UNIT.search(head)
    if not m:
        return ""
    unit = next(g for g in m.groups() if g)
    return unit_note_tidied(unit)
