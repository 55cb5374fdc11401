"""Sentence splitting with offsets, aware of abbreviations, list items and text tables.

A table (lines of `|`-separated cells) becomes one Sentence per data row, carrying the
header cells so that a unit stated in the header ("Reserves (million tons)") reaches the
figures in the rows. Tables whose separators were lost (a header line over "Chile 5,000
24%" rows, or a whole table on one line) are read the same way when `layout` can tell
their columns apart, and skipped when it cannot.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import NamedTuple

from claimcheck.layout import could_be_table, flat_table, looks_tabular, spaced_table
from claimcheck.layout.fields import (
    LABELLED_ITEM,
    field_heading,
    headings,
    infobox_row,
    infobox_subrow,
    label_line,
    list_heading,
    next_line,
    values_line,
)
from claimcheck.layout.lines import Lines
from claimcheck.layout.lists import LIST_MARK as _LIST_MARK
from claimcheck.layout.statistics import PeriodTable, could_be_flat_period_table, flat_period_rows, period_table
from claimcheck.lexicon import Lexicon, recall
from claimcheck.model import Document, Sentence, TableContext, evolve

_MAX_ROWS = 500  # rows read below one header line without separators
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# a sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital,
# digit or quote; or at a full stop glued to a capitalized word ("resources.As the")
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2})\.(?=[A-Z][a-z])")


def _is_table_row(line: str) -> bool:
    return "|" in line and not _TABLE_SEP.match(line)


def _cells(line: str, offset: int) -> tuple[tuple[str, int, int], ...]:
    cells = []
    pos = 0
    parts = line.split("|")
    for i, part in enumerate(parts):
        start = pos
        pos += len(part) + 1
        stripped = part.strip()
        if (i == 0 or i == len(parts) - 1) and not stripped:
            continue
        lead = len(part) - len(part.lstrip())
        cells.append((stripped, offset + start + lead, offset + start + lead + len(stripped)))
    return tuple(cells)


class _Skipped:
    """A document's skipped spans, sorted, for lookups in log time: a page of thousands of
    furniture lines must not make splitting quadratic."""

    def __init__(self, spans: tuple[tuple[int, int], ...]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach = list(itertools.accumulate((e for _, e in self.spans), max))  # furthest end so far

    def covers(self, start: int, end: int) -> bool:
        """Whether one skipped span holds all of start..end."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end

    def trim(self, start: int, end: int) -> int:
        """`start` moved past the skipped spans it falls in that end before `end`."""
        while (i := bisect.bisect_right(self.starts, start) - 1) >= 0:
            e = self.spans[i][1]
            if not start < e < end:
                break
            start = e
        return start


class _Block(NamedTuple):
    """A paragraph (header None) or a table row with its header, caption and cells."""

    start: int
    end: int
    header: tuple[str, ...] | None = None
    caption: str | None = None
    cells: tuple[tuple[str, int, int], ...] | None = None  # None: split the row at its pipes
    table: TableContext | None = None  # a statistical table's row: its columns and title


def split_sentences(doc: Document, lex: Lexicon) -> list[Sentence]:
    """The sentences and table rows of a document, outside its furniture, in order."""
    return list(iter_sentences(doc, lex))


def iter_sentences(doc: Document, lex: Lexicon) -> Iterator[Sentence]:
    """split_sentences one at a time, for a document too large to hold them all."""
    return _sectioned(_unsectioned(doc, lex), doc.text)


def _unsectioned(doc: Document, lex: Lexicon) -> Iterator[Sentence]:
    text = doc.text
    skipped = _Skipped(doc.skipped)
    label: str | None = None  # the field whose values the lines below it are
    label_end = 0
    list_head: str | None = None  # the heading of the list whose items follow
    lead: str | None = None  # the sentence a list's items complete ("Since May 1, we have:")
    notes = _document_notes(doc)
    for start, end, header, caption, cells, table in _blocks(text, lex):
        if skipped.covers(start, end):
            continue
        if header is not None:
            line = text[start:end]
            cells = cells if cells is not None else _cells(line, start)
            if table is None and end - start > MAX_SENTENCE and len(cells) > 2:
                yield from _row_pieces(text, header, cells, caption)
                continue
            table = replace(table, unit_note=notes[0], of_what=notes[1]) if table is not None else None
            yield Sentence(line, start, end, header=header, cells=cells, caption=caption, table=table)
            continue
        block = text[start:end]
        item = _LIST_MARK.match(block) is not None
        lead = _lead(block) if not item else lead
        if (head := list_heading(block)) is not None:
            list_head = head  # "Share of catch by fleet:" over "- Trawlers 61%"
        elif (
            list_head is not None
            and (item := LABELLED_ITEM.fullmatch(block.strip()))
            and not lex.rise.union(lex.fall).intersection(item.group(1).lower().split())
        ):  # ("- Output grew 5%": a sentence)
            yield _list_item(text, start, item, list_head)
            continue
        else:
            list_head = None
        # "Coastline" / "6,435 km"; "Fatalities 86 civilians" in a box of short lines
        heading = field_heading(text, start, end) or infobox_row(text, start, end) or infobox_subrow(text, start, end)
        if heading is not None:
            label, start = heading
        elif label is not None and text[label_end:start].strip(" ") == "\n" and values_line(text[start:end]):
            pass  # the next line of the field's values
        elif (nxt := next_line(text, end)) is not None and label_line(text[start:end]) and values_line(nxt):
            label, label_end = text[start:end].strip().rstrip(":").rstrip(), end
            continue  # the label alone names the figures on the lines below it
        else:
            label = None
        label_end = end
        yield from _block_sentences(text, start, end, lex, skipped, label, lead if item else None)


def _block_sentences(
    text: str, start: int, end: int, lex: Lexicon, skipped: _Skipped, label: str | None, lead: str | None
) -> Iterator[Sentence]:
    """The sentences of a block of prose, without list marks, edge spaces and furniture, each
    with the field label and the list's lead-in line it stands under."""
    for s, e in _split_block(text, start, end, lex):
        s = skipped.trim(s, e)
        m = _LIST_MARK.match(text, s, e)
        if m:
            s = m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and not skipped.covers(s, e):
            yield from (Sentence(text[a:b], a, b, label=label, lead=lead) for a, b in _pieces(text, s, e))


_LEAD_WORDS = 30
_LEAD_CHARS = 400


def _lead(block: str) -> str | None:
    """A line a list below it completes ("**Since May 1, the agency has:**" over "- evacuated
    4,850 people;"): a short line ending with a colon, not a list item itself."""
    if len(block) > _LEAD_CHARS:
        return None  # (a megabyte paragraph is no lead-in; do not copy it to find out)
    line = block.strip().strip("*_").strip()
    return line if line.endswith(":") and "\n" not in line and len(line.split()) <= _LEAD_WORDS else None


def _sectioned(sentences: Iterable[Sentence], text: str) -> Iterator[Sentence]:
    """Each sentence with the heading of the section it stands in (the last heading line
    above it)."""
    heads = iter(headings(text))
    nxt = next(heads, None)
    section: str | None = None
    for s in sentences:
        while nxt is not None and nxt[0] <= s.start:
            section = nxt[1]
            nxt = next(heads, None)
        yield evolve(s, section=section) if section else s


def _list_item(text: str, start: int, item: re.Match[str], heading: str) -> Sentence:
    """A list item whose label names one part of what its heading measures."""
    lead = len(text[start:]) - len(text[start:].lstrip())
    s = start + lead + item.start(1)
    e = start + lead + item.end(2)
    return Sentence(text[s:e], s, e, item_of=heading)


# "(Data in metric tons of tin content unless otherwise noted)", "[Data in thousand barrels
# per day unless otherwise noted]": the unit of a document's tables
_UNIT_NOTE = re.compile(
    r"[(\[]\s*Data (?:are )?in (.{2,80}?)(?:,? unless otherwise (?:noted|specified|stated))?\s*[)\]]", re.I
)
_YEAR_END = re.compile(r"(?:19|20|21)\d\d[a-z]{0,2}\s*$")
_OF_WHAT_WORDS = 2  # "TIN", "Rare earths": a commodity, not "Crude oil outlook"


# a title in capitals with a footnote's number glued to it, as a PDF's text gives "LITHIUM¹"
_FOOTNOTED_TITLE = re.compile(r"^([A-Z][A-Z ,&'-]*[A-Z])\d{1,2}$")


def _document_notes(doc: Document) -> tuple[str | None, str | None]:
    """The unit a document's note gives its tables, and what a short title says the document
    is on ("TIN", "Rare earths"): both read by the rows of its statistical tables."""
    note = _UNIT_NOTE.search(doc.text)
    title = _FOOTNOTED_TITLE.sub(r"\1", (doc.meta.title or "").strip())  # "LITHIUM1": lithium, footnote 1
    of_what = (
        title.lower()
        if title and len(title.split()) <= _OF_WHAT_WORDS and not any(c.isdigit() for c in title)
        else None
    )
    return (note.group(1).strip() if note else None), of_what


MAX_SENTENCE = 1200  # characters; the longest sentence of the seeds and test documents has 380


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence, or a run-on one (a list or a dump with no full stops) in pieces of at most
    MAX_SENTENCE characters, cut at the last "; ", ", " or space: every figure is read
    against its whole sentence, so one of thousands of figures made extraction quadratic."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
        if cut <= start + MAX_SENTENCE // 2:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit  # (the separator stays with the first piece)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _row_pieces(
    text: str, header: tuple[str, ...], cells: tuple[tuple[str, int, int], ...], caption: str | None
) -> Iterator[Sentence]:
    """A table row longer than MAX_SENTENCE in pieces of whole cells of at most that length,
    each with the row's label and its own columns' header cells: a claim's quote is its
    sentence, and in a row of 20,000 cells every claim's quote was the whole row."""
    label, rest = cells[0], cells[1:]
    k = 0
    while k < len(rest):
        m = k + 1
        while m < len(rest) and rest[m][2] - rest[k][1] <= MAX_SENTENCE:
            m += 1
        start, end = rest[k][1], rest[m - 1][2]
        columns = (header[0], *header[1 + k : 1 + m]) if header else header
        yield Sentence(text[start:end], start, end, header=columns, cells=(label, *rest[k:m]), caption=caption)
        k = m


def _caption(text: str, start: int | None, end: int) -> str | None:
    """The paragraph above a table as its caption, when it is one short line."""
    if start is None:
        return None
    prev = text[start:end].strip()
    return prev if len(prev.split()) <= 15 and "\n" not in prev else None


# Longer than any table printed on one line: a megabyte paragraph with no line break is prose
# (tokenizing it whole to look for a table held some 30 bytes per character).
_FLAT_TABLE_MAX = 20_000


def _paragraph(text: str, start: int, end: int, caption: str | None) -> Iterator[_Block]:
    """A paragraph, or the rows of a table flattened onto its one line, or nothing when the
    line is table cells whose columns cannot be told apart (no claim is better than one
    that pairs a row's label with another row's figure)."""
    line = text[start:end]
    if end - start <= _FLAT_TABLE_MAX and "\n" not in line.strip() and could_be_table(line):
        table = flat_table(line)
        if table is not None:
            for row in table.rows:
                cells = tuple((c, start + s, start + e) for c, s, e in row)
                yield _Block(cells[0][1], cells[-1][2], table.header, caption, cells)
            return
        if looks_tabular(line):
            return
    yield _Block(start, end)


def _blocks(text: str, lex: Lexicon) -> Iterator[_Block]:
    """Paragraph blocks and table rows (pipe tables, and tables whose separators were lost).

    A paragraph that ends without terminal punctuation continues into the next one when
    that starts in lower case (PDF conversion breaks sentences across blank lines), or on a
    capital after a line cut off mid-sentence (`_cut_off`).
    """
    lines = Lines(text)
    heads = _row_heads(lex)  # (once: every line may open a table)
    i = 0
    para_start: int | None = None
    para_end = 0
    last: tuple[int | None, int] = (None, 0)  # the paragraph before: a caption to a flat table
    while i < len(lines):
        s, e, line = lines[i]
        if _is_table_row(line) and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1][2]):
            caption = _caption(text, para_start, para_end)
            if para_start is not None:
                yield _Block(para_start, para_end)
                para_start = None
            header = tuple(c for c, _, _ in _cells(line, s))
            end = _pipe_rows_end(lines, i + 2)
            yield from (_Block(lines[k][0], lines[k][1], header, caption) for k in range(i + 2, end))
            i = end
            continue
        stats = (
            period_table([ln for _, _, ln in lines[i : i + _MAX_ROWS + 2]], 0, heads)
            if _YEAR_END.search(line)
            else None
        )
        if stats is None and i + 1 < len(lines) and _YEAR_END.search(lines[i + 1][2]):
            stats = period_table([ln for _, _, ln in lines[i : i + _MAX_ROWS + 3]], 0, heads)
        if stats is None and could_be_flat_period_table(line):
            # "Generation (TWh) 2029 2030e Hydro 19.1 19.6 Coal ...", and the paragraphs of rows after it
            stats = flat_period_rows([ln for _, _, ln in lines[i : i + _MAX_ROWS + 2]], 0, heads)
        if stats is not None:
            if para_start is not None:
                yield from _paragraph(text, para_start, para_end, None)
                para_start = None
            yield from _statistics_rows(lines, i, stats)
            i += stats.lines
            continue
        spaced = _spaced_table(lines, i)
        if spaced is not None:
            header, rows = spaced
            caption = _caption(text, para_start, para_end)
            if para_start is not None:
                yield from _paragraph(text, para_start, para_end, None)
                para_start = None
            for k, row in enumerate(rows, start=i + 1):
                base = lines[k][0]
                cells = tuple((c, base + cs, base + ce) for c, cs, ce in row)
                yield _Block(cells[0][1], cells[-1][2], header, caption, cells)
            i += 1 + len(rows)
            continue
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if para_start is not None:
            if _paragraph_goes_on(text[para_start:para_end].rstrip(), stripped, lines[i - 1][1] == para_end, lex):
                para_end = e
                i += 1
                continue
            yield from _paragraph(text, para_start, para_end, _caption(text, *last))
            last = (para_start, para_end)
        para_start, para_end = s, e
        i += 1
    if para_start is not None:
        yield from _paragraph(text, para_start, para_end, _caption(text, *last))


def _pipe_rows_end(lines: Lines, k: int) -> int:
    """Where the rows of a pipe table that start at line k end."""
    while k < len(lines) and _is_table_row(lines[k][2]):
        k += 1
    return k


def _row_heads(lex: Lexicon) -> frozenset[str]:
    """The words of measures that head a statistical table's row of their own (metrics.json
    "table_row_heads")."""
    return recall(lex, "table row heads", 0, lambda: frozenset(lex.metrics.get("table_row_heads", ())))


def _statistics_rows(lines: Lines, i: int, stats: PeriodTable) -> Iterator[_Block]:
    """The blocks of a statistical table whose header is line i: each row with its cells, its
    wrapped label joined, and the table's title, columns, parent row and caption."""
    above = _caption_above(lines, i)
    header = (stats.title, *(c.name or c.period or "" for c in stats.columns))
    for row in stats.rows:
        base = lines[i + row.line][0]
        cells = tuple((c, base + cs, base + ce) for c, cs, ce in (row.label, *row.cells))
        if row.wrapped is not None:  # the label's first line, on the line before
            first, fs, _ = row.wrapped
            cells = ((f"{first} {row.label[0]}", lines[i + row.line - 1][0] + fs, cells[0][2]), *cells[1:])
        context = TableContext(stats.title, stats.columns, row.parent, caption=above)
        yield _Block(cells[0][1], cells[-1][2], header, None, cells, context)


def _paragraph_goes_on(prev: str, line: str, adjacent: bool, lex: Lexicon) -> bool:
    """Whether a paragraph that ends without terminal punctuation goes on into the next line:
    one that starts in lower case (a PDF broke the sentence across a blank line), or, with no
    blank line between, a capital after a line cut off mid-sentence (`_cut_off`)."""
    wrapped = adjacent and line[0].isupper() and _cut_off(prev, lex)
    cut = line[0].islower() or wrapped
    return bool(prev) and prev[-1] not in ".!?:;\"”'’)" and cut and not _LIST_MARK.match(line)


def _caption_above(lines: Lines, i: int) -> str | None:
    """The caption of a table whose header is line i: the short lines right above it (a blank
    line between allowed), "Table 4. Catch by species, 2027–2029" / "(thousand tonnes)"."""
    j = i - 1
    if j >= 0 and not lines[j][2].strip():
        j -= 1
    found: list[str] = []
    while j >= 0 and len(found) < _CAPTION_LINES and (line := lines[j][2].strip()):
        if len(line.split()) > _CAPTION_WORDS:
            break
        found.insert(0, line)
        j -= 1
    return "\n".join(found) or None


_CAPTION_LINES = 3
_CAPTION_WORDS = 15


def _spaced_table(lines: Lines, i: int) -> tuple[tuple[str, ...], list[tuple[tuple[str, int, int], ...]]] | None:
    """A header at line i over rows that lost their cell separators (see layout.spaced_table)."""
    if i + 2 >= len(lines) or "|" in lines[i][2]:
        return None
    if not lines[i + 1][2].strip() or not lines[i + 1][2].split()[-1][-1:].isdigit() and "%" not in lines[i + 1][2]:
        return None  # cheap test first: a row ends in a figure
    window = [ln for _, _, ln in lines[i : i + 1 + _MAX_ROWS]]
    return spaced_table(window)


def _split_block(text: str, start: int, end: int, lex: Lexicon) -> Iterator[tuple[int, int]]:
    block = text[start:end]
    # a block of several lines (list items, headings) splits at its line breaks too,
    # unless a line break only continues a sentence across a blank line
    pieces: list[tuple[int, int]] = []
    pos = 0
    for line in block.split("\n"):
        pieces.append((pos, pos + len(line)))
        pos += len(line) + 1
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        seg = block[s:e].strip()
        if not seg:
            continue
        if merged and (seg[0].islower() or seg[0].isupper() and _cut_off(block[merged[-1][0] : merged[-1][1]], lex)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    for ps, pe in merged:
        seg_start = ps
        for m in _BOUNDARY.finditer(block, ps, pe):
            cut = m.start() + 1
            if not _real_boundary(block, m.start(), lex):
                continue
            while cut < pe and block[cut] in "\"'”’)]":
                cut += 1
            yield start + seg_start, start + cut
            seg_start = m.end()
        if seg_start < pe:
            yield start + seg_start, start + pe


def _cut_off(line: str, lex: Lexicon) -> bool:
    """Whether a hard-wrapped line stops mid-sentence before a capital: on a comma ("Today,"
    over "President Anton Mirko signed ...") or on an office before its holder's name
    ("... President" over "Anton Mirko signed ...")."""
    words = line.rstrip().split()
    if not words:
        return False
    offices = recall(lex, "sentence offices", 0, lambda: frozenset(t["title"].split()[-1] for t in lex.facts["titles"]))
    return words[-1].endswith(",") or words[-1] in offices


_ABBREVIATION_LIMIT = 32  # longer than any abbreviation: "aa.Aa" * 4000 must not be quadratic
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _real_boundary(block: str, dot: int, lex: Lexicon) -> bool:
    """False when the full stop ends an abbreviation or an initial ("Mr.", "U.S.", "L.")."""
    if block[dot] != ".":
        return True
    i = dot
    stop = max(0, dot - _ABBREVIATION_LIMIT)
    while i > stop and (block[i - 1].isalnum() or block[i - 1] == "."):
        i -= 1
    word = block[i:dot].lower()
    if block[i - 1 : i] in ("°", "º"):
        return True  # "10.1 °C." ends a sentence: a unit, not an initial or "c." (circa)
    if word in lex.abbreviations:
        # "U.S." ends a sentence when the next word is a common sentence opener
        nxt = _NEXT_WORD.match(block, dot + 1)
        return (
            bool(nxt)
            and nxt.group(1) in {"The", "It", "He", "She", "They", "We", "This", "But", "In"}
            and word not in {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep"}
        )
    if len(word) == 1 and block[i : i + 1].isupper():
        return False  # an initial: "L. Oyun-Erdene"
    return True
