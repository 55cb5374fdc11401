"""Claims of a statistical table's row (`layout.statistics`): one per cell that holds a figure.

Each figure takes its period from its column ("2030e": 2030, estimated), its unit from the
row's label ("Price, average, dollars per kilogram"), else from the document's note ("Data
in metric tons unless otherwise noted"), its subject from the table's title ("Salient
Statistics—Ruritania"), else from the row when the row is a place, else from the document;
and its metric from the row (with its parent row: "Production:" / "Mine" is mine
production), or from the column when the row is a place ("Reserves").
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.extract.context import ClaimContext, make_claim
from claimcheck.extract.listings import label_unit, unit_note_tidied
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.tables import cell_bound
from claimcheck.layout.statistics import cell_estimate
from claimcheck.lexicon import recall
from claimcheck.model import Claim, Period, Quantity, Sentence, TableColumn, TableContext
from claimcheck.normalize.units import dimension_of

# "—", "NA", "W" (withheld), "XX": a cell with no figure
_NO_FIGURE = re.compile(r"[—–-]{1,2}|NA|W|XX|\(\d\)")
_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
_COUNTED = frozenset({"number", "count", "numbers"})
_OF_GDP_NOTE = re.compile(r"\s*[(\[]\s*(?:%|percent|per cent)\s+of\s+GDP\s*[)\]]", re.I)
_PERCENT_WORDS = re.compile(r"\b(?:percent|percentage|per cent)\b|%", re.I)
# the title's subject: "Salient Statistics—Ruritania:", "Country profile: Borduria"
_TITLE_NOTE = re.compile(r"(?<=:)\s*\d{1,2}\s*$")
_TITLE_SUBJECT = re.compile(r"[—–:-]\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:?\s*$")


def period_table_claims(s: Sentence, ctx: ClaimContext) -> list[Claim]:
    """The figures of one row of a statistical table."""
    assert s.table is not None and s.cells is not None
    table = s.table
    label = s.cells[0][0]
    row_entity = _row_entity(label, ctx) or _rest_row(label)
    if row_entity is None and not _world_row(label, ctx):
        row_entity = _unknown_place_row(label, table)
    subject = None if _world_row(label, ctx) else _table_subject(table, ctx) or row_entity or ctx.topic
    unit, measure = _row_unit(label, table, ctx)
    out = []
    for (cell, cs, _), column in zip(s.cells[1:], table.columns, strict=False):
        estimated, figure = cell_estimate(cell)  # "e9,800", "1,350e": this figure estimated
        q = _cell_quantity(figure, cs - s.start, unit, ctx)
        if q is None:
            continue
        if estimated:
            q = replace(q, surface=cell, end=q.start + len(cell))
        metric = _metric(measure, column, table, row_entity, ctx)
        period = _column_period(column, estimated)
        out.append(
            make_claim(
                s, q, row_entity if row_entity and subject != row_entity else subject, metric, None, period, None, ctx
            )
        )
    return out


def _row_entity(label: str, ctx: ClaimContext) -> str | None:
    """The place a row is ("Borduria 22,000 23,500"), when its label is that name alone."""
    mentions = ctx.entities.mentions(label)
    if mentions and mentions[0].start == 0 and mentions[0].end >= len(label) - 3:
        return mentions[0].name  # (the name as written, not its canonical form: "Korea, North" is no "South Korea")
    if mentions and mentions[0].start == 0 and _DESIGNATION.fullmatch(label, mentions[0].end):
        return mentions[0].name  # "Korea, Republic of", "Iran, Islamic Republic of" (not "Korea, North")
    return None


# the rest of a name a statistical table writes inverted: ", Republic of", " (Plurinational State of)"
_DESIGNATION = re.compile(
    r"\s*(?:,\s*|\()(?:(?:the|of|Republic|Islamic|United|Democratic|People['’]s|Federal|Plurinational|State|Kingdom"
    r"|Federation|Arab|Socialist)\s*)+\)?\s*\d?"
    r"|\s*\([A-Z][a-z]+\)\s*\d?"  # "Congo (Kinshasa)": the name told apart by its capital
)


def _unknown_place_row(label: str, table: TableContext) -> str | None:
    """A row of a table whose columns name what they measure ("Mine production", "Reserves"):
    its label is a place, known or not ("Korea, North"), never a measure of the page's place."""
    if not any(c.name for c in table.columns) or not label[:1].isupper():
        return None
    return re.sub(r"\s*\d{1,2}$", "", label).strip() or None  # ("Syldavia 7": a footnote's number)


def _rest_row(label: str) -> str | None:
    """The row of the places a table does not list ("Other countries 7,400"), named as
    written: a place's row like the others', not a measure of the table's place."""
    m = _REST_ROW.fullmatch(label.strip())
    return m.group(1) if m else None


_REST_ROW = re.compile(r"((?:All\s+)?[Oo]ther(?:s|\s+countries|\s+nations)?|[Rr]est\s+of\s+(?:the\s+)?[Ww]orld)\s*\d?")


def _table_subject(table: TableContext, ctx: ClaimContext) -> str | None:
    m = _TITLE_SUBJECT.search(_TITLE_NOTE.sub("", table.title))  # ("Salient Statistics—Ruritania:1": note 1)
    return ctx.entities.resolve(m.group(1)) if m else None


def _row_unit(label: str, table: TableContext, ctx: ClaimContext) -> tuple[str, str]:
    """The unit a row's figures are in, and the row's label without it: the label's last
    part when it is a unit ("Price, average, dollars per kilogram"), a percentage when the
    label says so, else the document's note."""
    parts = [p.strip() for p in label.split(",")]
    if len(parts) > 1 and _is_unit(parts[-1], ctx):
        return parts[-1], ", ".join(parts[:-1])
    if len(parts) > 1 and parts[-1].lower() in _COUNTED:
        return "", ", ".join(parts[:-1])  # "Employment, mine and mill, number": a count, not tons
    if of_gdp := _OF_GDP_NOTE.search(label):  # "Current account balance (% of GDP)"
        return "%", f"{label[: of_gdp.start()].strip()} as share of gdp"
    if said := label_unit(label, ctx):  # "Exports (million USD)", "Unemployment rate (%)"
        return said, label[: label.rindex("(" if "(" in label else "[")].strip()
    if _PERCENT_WORDS.search(label):
        return "%", label
    parent_unit = _unit_part(table.parent, ctx)[0] if table.parent else None  # ("Price, cents per pound:" / "COMEX")
    return parent_unit or caption_unit(table.caption, ctx) or label_unit(
        table.title, ctx
    ) or table.unit_note or "", label


def _unit_part(label: str, ctx: ClaimContext) -> tuple[str | None, str]:
    """A label's last comma part when it is a unit, and the label without it ("Price, annual
    average, cents per pound": cents per pound; price, annual average)."""
    head, _, last = label.rpartition(",")
    return (last.strip(), head.strip()) if head and _is_unit(last.strip(), ctx) else (None, label)


def caption_measure(caption: str | None) -> str | None:
    """What a table broken down by its rows measures, from its caption: "Table 4. Catch by
    species, 2027–2029" -> catch (each row a species); None when the caption says no "by"."""
    first = (caption or "").split("\n", 1)[0]
    m = _CAPTION_BY.match(first)
    return m.group(1).strip().lower() if m else None


# "Table 4. Catch by species", "Figure 2: Exports by destination"
_CAPTION_BY = re.compile(r"(?:(?:Table|Figure|Chart)\s+[\dA-Z.]+[.:]?\s+)?([A-Z][\w -]{1,40}?)\s+by\s+[a-z]")


def caption_unit(caption: str | None, ctx: ClaimContext) -> str | None:
    """The unit a table's caption states in brackets ("(thousand tonnes)", "(in millions of
    dollars)", "[Data in thousand barrels per day]") or after its last comma ("..., GWh"); read
    once per caption, not for each of its table's rows."""
    if not caption:
        return None
    return recall(ctx.lex, "caption unit", caption, lambda: _caption_unit(caption, ctx))


def _caption_unit(caption: str, ctx: ClaimContext) -> str | None:
    notes = [m.group(1) for m in _BRACKETED.finditer(caption)]
    if "," in caption:
        notes.append(caption.rsplit(",", 1)[1])  # "Gross electricity generation by source, GWh"
    for said in notes:
        note = _NOTE_END.sub("", _NOTE_OPENING.sub("", said)).strip()
        note = unit_note_tidied(note)  # "millions of dollars": million dollars; "US cents": cents
        if note and _is_scaled_unit(note, ctx):
            return note
    return None


def _is_scaled_unit(text: str, ctx: ClaimContext) -> bool:
    """'thousand tonnes', 'million dollars', 'dollars per kilogram': a unit (with its scale),
    not a count ("(number)")."""
    qs = extract_quantities(f"1 {text}", ctx.lex)
    return len(qs) == 1 and bool(qs[0].unit) and qs[0].end >= len(text) and _no_count(qs[0].unit, ctx)


def _no_count(unit: str, ctx: ClaimContext) -> bool:
    """A unit that measures rather than counts: not "(number)"; a rate ("cent/lb") never counts."""
    return "/" in unit or dimension_of(unit, ctx.lex) != "count"


_BRACKETED = re.compile(r"[(\[]([^()\[\]]{2,60})[)\]]")
_NOTE_OPENING = re.compile(r"^\s*(?:data\s+(?:are\s+)?)?(?:in\s+)?", re.I)
_NOTE_END = re.compile(r",?\s*unless\s+otherwise\s+(?:noted|specified|stated)\s*$", re.I)


def _is_unit(text: str, ctx: ClaimContext) -> bool:
    """Whether a label's part is a unit of measure the lexicon knows ("dollars per kilogram"),
    not a word the quantity layer would count ("refined")."""
    qs = extract_quantities(f"1 {text}", ctx.lex)
    return len(qs) == 1 and bool(qs[0].unit) and qs[0].end >= len(text) and _no_count(qs[0].unit, ctx)


def _cell_quantity(cell: str, start: int, unit: str, ctx: ClaimContext) -> Quantity | None:
    """A cell's figure in the row's unit, its offsets relative to the row; None for "—",
    "NA", "W"."""
    if _NO_FIGURE.fullmatch(cell):
        return None
    bound, figure = cell_bound(cell)
    figure = _SPACED_THOUSANDS.sub("", figure)  # "2 512": 2512
    probe = f"{figure}%" if unit == "%" and not figure.endswith("%") else f"{figure} {unit}".strip()
    qs = extract_quantities(probe, ctx.lex)
    if len(qs) != 1 or qs[0].start != 0 or qs[0].value is None:
        return None
    q = qs[0]
    return Quantity(
        q.value, q.low, q.high, q.unit, cell, start, start + len(cell), bound or q.qualifier, q.direction, step=q.step
    )


def _metric(measure: str, column: TableColumn, table: TableContext, row_entity: str | None, ctx: ClaimContext) -> str:
    """What a cell measures: the row (with its parent), or the column when the row is a place
    (or the table's title when the column names nothing), of what the document is on."""
    world = _world_row(measure, ctx)
    captioned = _captioned_measure(table, ctx)  # "Table 3. Mineral output (kt)" over "Product 2030 2031"
    if row_entity is not None or world:
        what = column.name or _scope_dropped(captioned, ctx) or re.sub(r"[:—–-].*$", "", table.title).strip() or "value"
        what = f"world {what}" if world else what  # "World total (rounded) 146,000": the world's
    else:
        head, _, rest = measure.partition(",")  # "Production, mine": mine production
        what = f"{rest.strip()} {head}" if rest else measure
        if table.parent:
            what = f"{what} {_unit_part(table.parent, ctx)[1]}"
        elif by := caption_measure(table.caption):  # "Catch by species" / "Cod": catch of cod
            what = f"total {by}" if what.lower() == "total" else f"{by} of {what}"
        elif captioned:  # "Mineral output" / "Coal 2,100 2,240": mineral output of coal
            what = f"{captioned} of {what}"
        elif titled := _titled_measure(table, ctx):  # "Generation (TWh) 2029 2030" / "Hydro": generation of hydro
            what = f"{titled} of {what}"
    # (a row's words as they stand: "mine production" is not "refinery production", whatever
    # prose's "mined" and "produced" share)
    metric = " ".join(re.findall(r"[\w'’-]+", what.lower())) or "value"
    if table.of_what and table.of_what not in metric:
        metric = f"{metric} of {table.of_what}"
    return metric


def _captioned_measure(table: TableContext, ctx: ClaimContext) -> str | None:
    """What a table measures by its caption, when its header line names only its label
    column ("Product 2030 2031", "Country 2030 2031e") and its rows are things measured,
    not measures ("Indicator"): "Table 3. Mineral output (thousand tonnes)" -> mineral
    output; "Producers of valdrex, thousand tonnes" -> valdrex production."""
    head = table.title.strip()
    if not _COLUMN_HEAD.fullmatch(head) or head.lower() in ctx.metrics.row_measure_heads or not table.caption:
        return None
    first = _TABLE_NUMBER.sub("", table.caption.split("\n", 1)[0])
    said = _BRACKETED.sub(" ", first).split(",", 1)[0].strip(" .:")
    if _CAPTION_BY.match(first) or not re.search(r"[A-Za-z]{3}", said) or len(said.split()) > _CAPTION_MEASURE_WORDS:
        return None  # ("Catch by species": `caption_measure`'s)
    agent = _AGENTS_OF.fullmatch(said)  # "Producers of valdrex": valdrex production
    if agent and (process := ctx.metrics.agent_nouns.get(agent.group(1).lower())):
        return f"{agent.group(2)} {process}".lower()
    return said.lower()


def _titled_measure(table: TableContext, ctx: ClaimContext) -> str | None:
    """The measure a table's title names when it states its unit ("Generation (TWh)"): the
    title without the unit; None for a title that states none ("Salient Statistics—X")."""
    if not label_unit(table.title, ctx):
        return None
    return _BRACKETED.sub(" ", table.title).strip(" :").lower() or None


def _scope_dropped(measure: str | None, ctx: ClaimContext) -> str | None:
    """A table's measure as one row's, when the row is a place: "world mine production" is
    Chile's mine production (the world's is its total row)."""
    if measure is None:
        return None
    words = measure.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in ctx.entities.world else measure


_COLUMN_HEAD = re.compile(r"[A-Z][a-z]+(?:\s[a-z]+)?")  # "Product", "Country", "Crop type"
_TABLE_NUMBER = re.compile(r"^\s*(?:Table|Figure|Exhibit|Chart)\s+[\dA-Z]+(?:\.\d+)?[.:]?\s*", re.I)
_AGENTS_OF = re.compile(r"(?:(?:main|major|leading|top|largest)\s+)?([A-Za-z]+?)s?\s+of\s+(.+)", re.I)
_CAPTION_MEASURE_WORDS = 6


def _world_row(label: str, ctx: ClaimContext) -> bool:
    """A row of the world's total ("World total (rounded)", "World total")."""
    words = label.lower().replace("(", " ").split()
    return bool(words) and words[0] in ctx.entities.world and "total" in words


def _column_period(column: TableColumn, estimated: bool = False) -> Period | None:
    """The period of a cell's column, said to be estimated when the column or the cell says so."""
    if column.period is None:
        return None
    said = f"{column.period} (estimated)" if column.estimated or estimated else column.period
    return Period(column.period, column.period, said)
