"""Page-layout artefacts, tables: tables whose cell separators were lost, either a header
line over rows ("Chile 5,000 24%") or a whole table flattened onto one line.

Pure functions over strings: `flat_table`, `spaced_table` and `looks_tabular` read lines of
cleaned text and give cells with offsets into the string they were handed; `sentences`
turns them into table rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")  # as in columns: a line that ends a sentence

# Rows a table flattened onto one line needs before its pattern counts as repeating: with
# two, "Country Output Share Chile 5,600 24% Peru 2,600 11%" could as well be a headline.
MIN_FLAT_ROWS = 3
MAX_COLUMN_WORDS = 6  # a longer "column name" is a sentence that happens to hold capitals

# -- tables whose cell separators were lost ------------------------------------------------

# A cell figure: a number with thousands separators or decimals, a sign, a currency symbol
# or a per cent sign; or a dash standing for an empty cell.
_FIGURE = re.compile(r"[-+−]?[$€£¥]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[–—-]")
_YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
_TOKEN = re.compile(r"\S+")

Cell = tuple[str, int, int]  # text, start, end (offsets into the string handed in)


@dataclass(frozen=True)
class FlatTable:
    """Rows recovered from a table without cell separators; offsets are into the input."""

    header: tuple[str, ...]  # the label column's header, then one per figure column
    rows: tuple[tuple[Cell, ...], ...]  # each row: its label cell, then its figures
    start: int  # where the header starts (single-line tables) or the first row starts
    end: int


def _tokens(line: str, base: int = 0) -> list[Cell]:
    """Words with offsets; a full stop after a figure that ends a sentence ("... 8%." at the
    end, or before "Source: ...") is not part of the cell."""
    toks = [(m.group(0), base + m.start(), base + m.end()) for m in _TOKEN.finditer(line)]
    for k, (t, s, e) in enumerate(toks):
        if t.endswith(".") and _FIGURE.fullmatch(t[:-1]) and (k + 1 == len(toks) or toks[k + 1][0][:1].isupper()):
            toks[k] = (t[:-1], s, e - 1)
    return toks


def _is_figure(tok: str) -> bool:
    return _FIGURE.fullmatch(tok) is not None


def _runs(tokens: list[Cell]) -> list[tuple[bool, list[Cell]]]:
    """Tokens grouped into alternating runs: (is_figures, tokens)."""
    runs: list[tuple[bool, list[Cell]]] = []
    for tok in tokens:
        fig = _is_figure(tok[0])
        if runs and runs[-1][0] == fig:
            runs[-1][1].append(tok)
        else:
            runs.append((fig, [tok]))
    return runs


def header_columns(words: list[str]) -> list[str]:
    """Column names of a header whose separators were lost: a name starts at a capital.

    A unit in brackets ends a name; a run of years ("2021 2022 2023") is one column each.

    >>> header_columns("Country Mine production (kt) Share of world".split())
    ['Country', 'Mine production (kt)', 'Share of world']
    """
    groups: list[list[str]] = []
    for k, w in enumerate(words):
        year = _YEAR.fullmatch(w) is not None
        year_run = year and any(0 <= n < len(words) and _YEAR.fullmatch(words[n]) is not None for n in (k - 1, k + 1))
        closed = bool(groups) and groups[-1][-1].endswith(")") and not w.startswith("(")
        if not groups or w[:1].isupper() or year_run or closed:
            groups.append([w])
        else:
            groups[-1].append(w)
    return [" ".join(g) for g in groups]


def _label_ok(label: list[Cell]) -> bool:
    """A row label: 1-5 words, starting with a capital, no clause punctuation inside."""
    if not 1 <= len(label) <= 5 or not label[0][0][:1].isupper():
        return False
    # "St." and "Rep." are abbreviations; "rose." or "prices," end a clause
    return not any(t.endswith((",", ";", ":")) or (t.endswith(".") and len(t) > 4) for t, _, _ in label)


def _cell_span(tokens: list[Cell]) -> Cell:
    return " ".join(t for t, _, _ in tokens), tokens[0][1], tokens[-1][2]


def _usable_header(columns: list[str]) -> bool:
    """Columns the claim layer can read: each has a word of three or more characters (not a
    stray "In" or "By" of a Title Case caption) and at most six words, and none is a bare year (the claim layer
    takes a table's period from its caption, so a year column's period would be lost)."""
    return all(
        len(re.sub(r"\W", "", c)) >= 3 and len(c.split()) <= MAX_COLUMN_WORDS and not _YEAR.fullmatch(c)
        for c in columns
        if c
    )


def flat_table(line: str) -> FlatTable | None:
    """A whole table flattened onto one line, when its structure is unambiguous.

    The line must end in at least three rows of the same shape (a label that starts with a
    capital, then the same number of figures), preceded by a header whose capitalised names
    give exactly one column per figure plus one for the labels, for exactly one way of
    telling where the first label starts.

    >>> t = flat_table("Region Output (kt) Share North 5,000 24% South 2,600 12% East 900 4%")
    >>> t.header, [r[0][0] for r in t.rows]
    (('Region', 'Output (kt)', 'Share'), ['North', 'South', 'East'])
    """
    tokens = _tokens(line)
    runs = _runs(tokens)
    end_tok = len(tokens)
    if runs and not runs[-1][0]:  # a trailing "Source: ..." note may follow the last row
        if not runs[-1][1][0][0].endswith(":"):
            return None
        end_tok -= len(runs[-1][1])
        runs = runs[:-1]
    pairs: list[tuple[list[Cell], list[Cell]]] = []
    k = None
    while len(runs) >= 2 and not runs[-2][0] and runs[-1][0]:
        figures = runs[-1][1]
        if k is not None and len(figures) != k:
            break
        k = len(figures)
        pairs.insert(0, (runs[-2][1], figures))
        runs = runs[:-2]
    if k is None or len(pairs) < MIN_FLAT_ROWS:
        return None
    if not all(_label_ok(label) for label, _ in pairs[1:]):
        return None
    prefix = [t for _, run in runs for t in run]
    first_label = pairs[0][0]
    fits = []
    for m in range(1, min(5, len(first_label)) + 1):
        head = prefix + first_label[:-m]
        columns = header_columns([t for t, _, _ in head])
        if head and len(columns) == k + 1 and _label_ok(first_label[-m:]):
            fits.append((m, columns, head))
    if len(fits) != 1:
        return None
    m, columns, head = fits[0]
    if not _usable_header(columns):
        return None
    rows = [(first_label[-m:], pairs[0][1])] + pairs[1:]
    return FlatTable(
        header=tuple(columns),
        rows=tuple((_cell_span(label), *figures) for label, figures in rows),
        start=head[0][1],
        end=tokens[end_tok - 1][2],
    )


def _row(line: str, base: int) -> tuple[Cell, tuple[Cell, ...]] | None:
    """A row line "Chile 5,000 24%": its label and figures, or None."""
    runs = _runs(_tokens(line, base))
    if len(runs) != 2 or runs[0][0] or not runs[1][0] or not _label_ok(runs[0][1]):
        return None
    return _cell_span(runs[0][1]), tuple(runs[1][1])


def spaced_table(lines: list[str]) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]] | None:
    """A header line and the rows below it whose cell separators were lost.

    `lines[0]` is the header; rows follow while each is a label and the same number of
    figures (at least two rows). Returns the header columns and, per row, its label and
    figure cells with offsets into that row's line.

    >>> spaced_table(["Region Output (kt)", "North 1,200", "South 900", "Notes follow."])[0]
    ('Region', 'Output (kt)')
    """
    header_words = lines[0].split() if lines else []
    if not header_words or any(_is_figure(w) and not _YEAR.fullmatch(w) for w in header_words):
        return None
    if _TERMINAL.search(lines[0].rstrip()) and not lines[0].rstrip().endswith(")"):
        return None  # a sentence above figures, not a header
    rows: list[tuple[Cell, ...]] = []
    k = None
    for line in lines[1:]:
        row = _row(line, 0)
        if row is None or (k is not None and len(row[1]) != k):
            break
        if not rows and _period_header(row[1]):
            return None  # "Product 2030 2031" under a caption: the table's own header, of periods
        k = len(row[1])
        rows.append((row[0], *row[1]))
    if k is None or len(rows) < 2:
        return None
    columns = header_columns(header_words)
    if len(columns) == k:
        columns = ["", *columns]  # the label column has no header of its own
    if len(columns) != k + 1 or not _usable_header(columns):
        return None
    return tuple(columns), rows


def _period_header(figures: list[Cell]) -> bool:
    """Whether a row's figures are a run of years ("2030 2031"): a header of periods."""
    return len(figures) >= 2 and all(_YEAR.fullmatch(t) for t, _, _ in figures)


_FIGURE_THEN_WORD = re.compile(r"(?:\d%?|[–—-])\.?\s+(\w)")


def could_be_table(line: str) -> bool:
    """A cheap necessary condition for `flat_table` and `looks_tabular`: two places where a
    figure is followed by a capitalised word (one row's label after the row before). Most
    paragraphs fail it, and skip tokenizing."""
    n = 0
    for m in _FIGURE_THEN_WORD.finditer(line):
        if m.group(1).isupper():
            n += 1
            if n == 2:
                return True
    return False


def looks_tabular(line: str) -> bool:
    """Whether a line looks like flattened table cells rather than a sentence.

    At least four figures making a quarter of the words, at least two places where a figure
    (not a year: "In 2023 Chile ...") is followed directly by a capitalised word, as a row
    label follows the last cell of the row before; and no more than one word ending in
    clause punctuation, which running text has plenty of.
    """
    tokens = [t for t, _, _ in _tokens(line)]
    figures = [k for k, t in enumerate(tokens) if _is_figure(t) and t not in "–—-"]
    if len(figures) < 4 or len(figures) < 0.25 * len(tokens):
        return False
    clauses = sum(1 for t in tokens[:-1] if t.endswith((",", ";", ".", "!", "?")) and not _is_figure(t[:-1]))
    if clauses > 1:
        return False
    breaks = sum(
        1 for k in figures if k + 1 < len(tokens) and tokens[k + 1][:1].isupper() and not _YEAR.fullmatch(tokens[k])
    )
    return breaks >= 2
