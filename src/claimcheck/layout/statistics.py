"""Statistical tables whose columns are periods, as PDF converters leave them.

A statistical summary states a table as lines of text: a header that ends in a run of
years ("Salient Statistics—Ruritania: 2026 2027 2028 2029 2030e"), sometimes over a line of
column names ("Mine production Reserves" / "2029 2030e"), then one row per line, its label
and one value per column ("Secondary 1,980 2,010 1,950 2,100 2,150"). A row may be a
parent of the rows under it ("Production:"), a cell may stand for no figure ("—", "NA",
"W" for withheld), carry a bound (">75") or follow a footnote marker ("Syldavia 7 9,800").

`period_table` reads such a table from a list of lines and gives each row's cells with
offsets into its line; `sentences` turns the rows into table rows with a `TableContext`.
Pure functions over strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimcheck.model import TableColumn

Cell = tuple[str, int, int]  # text, start, end (offsets into the row's line)

_PERIOD = re.compile(r"((?:19|20|21)\d\d)([a-z]{0,2})")  # "2030", "2030e" (estimated), "2029r"
# a cell's figure may carry an estimate's "e" on either side ("e9,800", "1,350e"): the cell,
# not its column, marks that figure as estimated (`cell_estimate`)
_VALUE = re.compile(r"e?[<>≤≥~]?[-−–]?[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?e?|[—–-]{1,2}|NA|W|XX|\(\d\)")
_ESTIMATE_MARK = re.compile(r"^e(?=[\d<>≤≥~$€£-])|(?<=[\d%])e$")


def cell_estimate(cell: str) -> tuple[bool, str]:
    """Whether a cell marks its figure as estimated, and the figure without the mark:
    'e9,800' -> (True, '9,800'), '1,350e' -> (True, '1,350'), '412' -> (False, '412')."""
    figure = _ESTIMATE_MARK.sub("", cell)
    return figure != cell, figure


_FOOTNOTE = re.compile(r"\d{1,2}")
_TOKEN = re.compile(r"\S+")
_MAX_LABEL_WORDS = 14
_MAX_ROWS = 200
# A parent's rows are short ("Production:" / "Mine", "Secondary"): the indentation that
# showed which rows were its is gone from converted text, so a longer label ends it
_CHILD_WORDS = 2


@dataclass(frozen=True)
class PeriodRow:
    """One row: its label (with its parent row's label, if any) and one cell per column."""

    label: Cell
    parent: str | None
    cells: tuple[Cell, ...]
    line: int  # index of its line in the lines handed in
    # the label's first line when the label wraps ("Net import reliance as a percentage" /
    # "of apparent consumption >50 62"): its words, offsets into the line before `line`
    wrapped: Cell | None = None


@dataclass(frozen=True)
class PeriodTable:
    title: str  # the header's words before its periods ("Salient Statistics—Ruritania:")
    columns: tuple[TableColumn, ...]
    rows: tuple[PeriodRow, ...]
    lines: int  # how many lines, header included, the table takes


def _tokens(line: str) -> list[Cell]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line)]


def _periods(tokens: list[Cell]) -> int:
    """How many tokens at the end of a line are periods ("2029 2030e")."""
    n = 0
    for t, _, _ in reversed(tokens):
        if not _PERIOD.fullmatch(t):
            break
        n += 1
    return n


def _header(lines: list[str], i: int) -> tuple[str, tuple[TableColumn, ...], int] | None:
    """A header at line i: its title, its columns, and how many lines it takes."""
    tokens = _tokens(lines[i])
    n = _periods(tokens)
    if n >= 2:
        title = lines[i][: tokens[-n][1]].strip()
        return title, tuple(_column("", tokens[-n + k][0]) for k in range(n)), 1
    if i + 1 < len(lines) and tokens and not any(_VALUE.fullmatch(t) for t, _, _ in tokens):
        below = _tokens(lines[i + 1])
        m = _periods(below)
        if m >= 1 and m == len(below):  # "Mine production Reserves" / "2029 2030e"
            names = _names(lines[i])
            columns = [_column(names[0] if names else "", t) for t, _, _ in below]
            columns += [TableColumn(name, None, False) for name in names[1:]]
            return "", tuple(columns), 2
    return None


def _column(name: str, token: str) -> TableColumn:
    m = _PERIOD.fullmatch(token)
    assert m is not None
    return TableColumn(name, m.group(1), m.group(2).startswith("e"))


def _names(line: str) -> list[str]:
    """Column names of a header line: a name starts at a capital ("Mine production Reserves")."""
    names: list[list[str]] = []
    for w in line.split():
        if not names or w[:1].isupper():
            names.append([w])
        else:
            names[-1].append(w)
    return [" ".join(n).rstrip("0123456789") for n in names]  # ("Reserves5": a footnote's number)


def _row(line: str, width: int) -> tuple[Cell, tuple[Cell, ...]] | None:
    """A row line: its label and exactly `width` value cells (a footnote marker between them
    dropped), or None."""
    tokens = _tokens(line)
    k = len(tokens)
    while k > 0 and _VALUE.fullmatch(tokens[k - 1][0]):
        k -= 1
    values = tokens[k:]
    if len(values) >= width + 2 and (grouped := _space_grouped(values, width)) is not None:
        values, k = grouped, len(tokens) - len(values)  # "Total 2 512 2 530": thousands spaced
    if len(values) == width + 1 and _FOOTNOTE.fullmatch(values[0][0]):
        values = values[1:]  # "Syldavia 7 9,800 10,100 W": note 7
    elif len(values) > width:
        values = values[len(values) - width :]
        k = len(tokens) - width
    if len(values) != width or k == 0 or k > _MAX_LABEL_WORDS or not tokens[0][0][:1].isalpha():
        return None
    words = _footnotes_dropped([t for t, _, _ in tokens[:k]])
    label = (_FOOTNOTE_GLUED.sub("", " ".join(words)), tokens[0][1], tokens[k - 1][2])
    return label, tuple(values)


def _footnotes_dropped(words: list[str]) -> list[str]:
    """A label's words without a footnote's digit set off inside it ("Net import reliance 1 as
    a percentage", as a converter parts "reliance1"): one digit after a word, before a word."""
    return [
        w
        for i, w in enumerate(words)
        if not (0 < i < len(words) - 1 and len(w) == 1 and w.isdigit() and words[i - 1][-4:].isalpha())
    ]


# a footnote's number glued to a label's word: "Net import reliance1", "Reserves2" (not "km2")
_FOOTNOTE_GLUED = re.compile(r"(?<=[a-z]{4})\d{1,2}\b|(?<=\b[a-z]{3})\d\b")  # (and "ore3"; not "km2")


def _label_start(line: str, next_row: tuple[Cell, tuple[Cell, ...]] | None) -> Cell | None:
    """A line of words only, the start of a label the next row ends in lower case ("Net
    import reliance as a percentage" / "of apparent consumption >50 62 58")."""
    text = line.strip()
    if next_row is None or not next_row[0][0][:1].islower() or not text[:1].isupper() or text.endswith(":"):
        return None
    words = [w for w in text.split() if not _FOOTNOTE.fullmatch(w)]  # ("reliance 1 as": a note's number)
    if len(words) > _MAX_LABEL_WORDS or any(_VALUE.fullmatch(w) for w in words):
        return None
    start = line.index(text)
    return _FOOTNOTE_GLUED.sub("", " ".join(words)), start, start + len(text)


def _space_grouped(values: list[Cell], width: int) -> list[Cell] | None:
    """Cells whose thousands are set off by a space ("2 512 2 530 2 450" in three columns),
    when joining every "1-3 digits" + "3 digits" pair leaves exactly `width` cells. (One token
    too many is read as a footnote's number first: "Borduria 4 512 498".)"""
    out: list[Cell] = []
    j = 0
    while j < len(values):
        t, s, e = values[j]
        nxt = values[j + 1] if j + 1 < len(values) else None
        if nxt is not None and _GROUP_HEAD.fullmatch(t) and _GROUP_TAIL.fullmatch(nxt[0]) and nxt[1] - e == 1:
            out.append((f"{t} {nxt[0]}", s, nxt[2]))
            j += 2
        else:
            out.append(values[j])
            j += 1
    return out if len(out) == width else None


_GROUP_HEAD = re.compile(r"[<>]?[-−–]?\d{1,3}")
_GROUP_TAIL = re.compile(r"\d{3}(?:\.\d+)?")


def _parent(line: str) -> str | None:
    """A row that names the rows below it: "Production:", "Imports:"."""
    text = line.strip()
    if text.endswith(":") and 0 < len(text.split()) <= 6 and text[:1].isupper():
        return text[:-1].strip()
    return None


def _own_row(label: str, heads: frozenset[str]) -> bool:
    """Whether a row under a parent is a row of its own: its label names a measure a table's
    top rows name (`heads`: "Imports for consumption 500" after "Production:" / "Mine"), or,
    with no such words known, it is longer than a part's ("Mine", "Secondary"). "Ore and
    concentrate" under "Imports for consumption:" and "U.S. producer, cathode" under
    "Price, cents per pound:" stay the parent's."""
    if heads:
        return not heads.isdisjoint(_WORD.findall(label.lower()))
    return len(label.split()) > _CHILD_WORDS


_WORD = re.compile(r"[a-z]+")


def period_table(lines: list[str], i: int = 0, heads: frozenset[str] = frozenset()) -> PeriodTable | None:
    """The period table whose header is at line i, when at least two rows follow it (`heads`:
    the words of measures that head a row of their own, `_own_row`)."""
    header = _header(lines, i)
    if header is None:
        return None
    title, columns, taken = header
    rows: list[PeriodRow] = []
    parent: str | None = None
    j = i + taken
    while j < len(lines) and j < i + taken + _MAX_ROWS:
        line = lines[j]
        if not line.strip():
            break
        row = _row(line, len(columns))
        if row is not None:
            if parent is not None and _own_row(row[0][0], heads):
                parent = None  # "Imports for consumption" after "Production:" / "Mine": a row of its own
            rows.append(PeriodRow(row[0], parent, row[1], j))
        elif (named := _parent(line)) is not None:
            parent = named
        elif j + 1 < len(lines) and (start := _label_start(line, below := _row(lines[j + 1], len(columns)))):
            assert below is not None
            rows.append(PeriodRow(below[0], None, below[1], j + 1, start))
            parent = None
            j += 1
        else:
            break
        j += 1
    if len(rows) < 2:
        return None
    return PeriodTable(title, columns, tuple(rows), j - i)


# -- a statistical table flattened onto one line --------------------------------------------
# a run of at least two periods followed by a word: the header of a flattened table
_FLAT_HEADER = re.compile(r"(?:(?:19|20|21)\d\d[a-z]{0,2}\s+)+(?:19|20|21)\d\d[a-z]{0,2}\s+[A-Za-z]")
_MAX_TITLE_WORDS = 10
_FLAT_HEAD_WITHIN = 400  # characters: a title of ten words and a run of years start the line
_FLAT_MAX = 20_000  # longer than any table on one line (as the separator-less reader's limit)


def could_be_flat_period_table(line: str) -> bool:
    """A cheap necessary condition for `flat_period_table`: a line no longer than a table,
    with a run of periods before a word near its start (after a short title)."""
    return len(line) <= _FLAT_MAX and _FLAT_HEADER.search(line, 0, _FLAT_HEAD_WITHIN) is not None


def flat_period_table(line: str, heads: frozenset[str] = frozenset()) -> PeriodTable | None:
    """`flat_period_rows` of one line alone."""
    return flat_period_rows([line], 0, heads)


def flat_period_rows(lines: list[str], i: int = 0, heads: frozenset[str] = frozenset()) -> PeriodTable | None:
    """A flattened table whose header opens line i (`_flat_on_line`), and the paragraphs after
    it a converter also flattened: parent rows ("Exports:") and lines of rows, each with
    exactly one value per period ("Ferromanganese 223 329 330 320 310 Silicomanganese 269
    ..."), up to the first line that is neither; blank lines between them are skipped."""
    first = _flat_on_line(lines[i], heads)
    if first is None:
        return None
    title, columns, rows, parent, ended = first
    j = i + 1
    while ended and j < len(lines) and j < i + _MAX_ROWS:
        line = lines[j]
        if line.strip():
            if (named := _parent(_NOTE_AFTER_COLON.sub(":", line))) is not None:
                parent = named
            elif (more := _flat_line_rows(_tokens(line), 0, len(columns), parent, heads))[2]:
                found, parent, _ = more
                rows += [replace(r, line=j - i) for r in found]
            else:
                break
        j += 1
    if len(rows) < 2:
        return None
    return PeriodTable(title, columns, tuple(rows), j - i if ended and j > i + 1 else 1)


_NOTE_AFTER_COLON = re.compile(r":\s*\d{1,2}\s*$")  # "Shipments from Government stockpile:2"


def _flat_on_line(
    line: str, heads: frozenset[str]
) -> tuple[str, tuple[TableColumn, ...], list[PeriodRow], str | None, bool] | None:
    """The header of a flattened table and the rows on its line: its title, columns, rows, the
    parent the line ends in, and whether the line ends where rows or a parent end."""
    head = _FLAT_HEADER.search(line, 0, _FLAT_HEAD_WITHIN) if len(line) <= _FLAT_MAX else None
    if head is None or len(line[: head.start()].split()) > _MAX_TITLE_WORDS:
        return None
    tokens = [t for t in _tokens(line) if t[1] >= head.start()]
    n = _leading_periods(tokens)
    columns = tuple(_column("", t) for t, _, _ in tokens[:n])
    rows, parent, ended = _flat_line_rows(tokens, n, n, None, heads)
    if not ended and (last := _TRAILING_PARENT.search(line)) is not None:
        parent, ended = last.group(1).strip(), True  # "... Production, mine — — — — Imports for consumption:"
    return line[: head.start()].strip(), columns, rows, parent, ended


_TRAILING_PARENT = re.compile(r"(?:^|\s)([A-Z][A-Za-z ,()-]{0,60}):\d{0,2}\s*$")


def _flat_line_rows(
    tokens: list[Cell], k: int, width: int, parent: str | None, heads: frozenset[str]
) -> tuple[list[PeriodRow], str | None, bool]:
    """The rows of a flattened line from token k: the rows, the parent after them, and
    whether they took the line to its end."""
    rows: list[PeriodRow] = []
    while k < len(tokens):
        row = _flat_row(tokens, k, width)
        if row is None:
            break
        label, cells, k = row
        named, _, own = label[0].rpartition(": ")  # "Production: Mine 1,200 ...": a parent row, then its own
        if named and len(named.split()) <= _CHILD_WORDS + 4:
            parent, label = named, (own, label[2] - len(own), label[2])
        elif parent is not None and _own_row(label[0], heads):
            parent = None
        rows.append(PeriodRow(label, parent, cells, 0))
    return rows, parent, k >= len(tokens)


def _leading_periods(tokens: list[Cell]) -> int:
    n = 0
    while n < len(tokens) and _PERIOD.fullmatch(tokens[n][0]):
        n += 1
    return n


def _flat_row(tokens: list[Cell], k: int, width: int) -> tuple[Cell, tuple[Cell, ...], int] | None:
    """The row at token k of a flattened table: its label (words up to the first value), then
    exactly `width` values; the label, the cells and the token after them, or None."""
    j = k
    while j < len(tokens) and not _VALUE.fullmatch(tokens[j][0]):
        j += 1
    if j == k or j - k > _MAX_LABEL_WORDS or not tokens[k][0][:1].isalpha():
        return None
    end = j
    while end < len(tokens) and _VALUE.fullmatch(tokens[end][0]) and not _starts_label(tokens, end):
        end += 1
    values = tokens[j:end]
    if len(values) == width + 1 and _FOOTNOTE.fullmatch(values[0][0]):
        values = values[1:]  # "Imports 7 800 790": note 7
    if len(values) != width:
        return None
    label = (_FOOTNOTE_GLUED.sub("", " ".join(t for t, _, _ in tokens[k:j])), tokens[k][1], tokens[j - 1][2])
    return label, tuple(values), end


def _starts_label(tokens: list[Cell], i: int) -> bool:
    """Whether the value-like token at i begins the next row's label ("W" and "NA" are cells,
    but never followed by lower-case words)."""
    return tokens[i][0] in ("W", "NA") and i + 1 < len(tokens) and tokens[i + 1][0][:1].islower()
