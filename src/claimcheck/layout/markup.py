"""Markup read as the text it renders to, and lines put back together.

Markdown and scraped pages carry syntax around their words: a link's address after its text,
`**bold**` around a figure, an HTML `<sup>` inside a date, a backslash before an underscore.
A figure glued to any of them is lost to every later stage, so the reader renders the text
once, here, and every offset after this points into the rendered text.

Hard-wrapped prose (a converter's 72-column lines, a PDF's lines) is joined back into its
paragraph where a line break falls inside a sentence: "nearly 11.5" / "million Americans" is
one figure. Headings, list items, label lines and table rows keep their line breaks.

Each rule is a small function from text to text, applied in `RULES` order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimcheck.layout.tables import could_be_table

# [text](address) and ![alt](address): the text is what a reader reads (a hard-wrapped
# text may hold one line break: "nearly [four\nmillion](https://...) seniors")
_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\n(?![ \t]*\n)){0,300})\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\)"
)
# inline HTML that only styles its text
_INLINE_TAG = re.compile(
    r"</?(?:sup|sub|b|i|em|strong|span|u|small|abbr|mark|font|a|time|cite|q)(?:\s[^<>\n]*)?>|<br\s*/?>", re.I
)
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:[^\n]|\n(?!\n))+?)(?<=\S)\1")  # (one line break inside)
# a backslash escape of Markdown punctuation: "Joe\_Biden", "\###"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


def links_as_text(text: str) -> str:
    """'prices [fell](https://x.org/a) 4%' -> 'prices fell 4%'."""
    return _LINK.sub(lambda m: m.group(1), text)


def inline_tags_dropped(text: str) -> str:
    """'January 1<sup>st</sup>' -> 'January 1st'."""
    return _INLINE_TAG.sub("", text) if "<" in text else text


def strong_unmarked(text: str) -> str:
    """'capped at **$2,000** per year' -> 'capped at $2,000 per year'. A bold label
    ('**Why it matters:** ...') stays: it is an inline heading, and later stages read it so."""
    if "**" not in text and "__" not in text:
        return text
    return _STRONG.sub(lambda m: m.group() if m.group(2).endswith(":") else m.group(2), text)


def escapes_resolved(text: str) -> str:
    r"""'Joe\_Biden' -> 'Joe_Biden'; '\###' -> '###'."""
    return _ESCAPE.sub(lambda m: m.group(1), text) if "\\" in text else text


# reference markers glued to what they cite: "civilians[3][5]", "in 2018.[12]"
_CITATION = re.compile(
    r"(?:(?<=[\w.,;:)%\]])|(?<=[.!?] ))\[(?:\d{1,3}|note \d{1,3}|citation needed)\]", re.I
)  # (also after a sentence's end and a space: "in Paradise. [11][12] The fire ...")


def citations_dropped(text: str) -> str:
    """'86 civilians[3][5]' -> '86 civilians': a reference marker is no part of the sentence."""
    return _CITATION.sub("", text) if "[" in text else text


# an infobox row whose label runs into its value: "Flooded area2,310 hectares", "Casualties41"
_GLUED_LABEL = re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)?(?: [a-z]+){0,3}?[a-z]{2})(?=[$€£]?\d)", re.M)
_GLUED_LINE_MAX = 80


def glued_labels_parted(text: str) -> str:
    """'Casualties41 soldiers' -> 'Casualties 41 soldiers' on a short label line."""

    def part(m: re.Match[str]) -> str:
        end = text.find("\n", m.end())
        line = text[m.start() : len(text) if end < 0 else end]
        return m.group(1) + " " if len(line) <= _GLUED_LINE_MAX and not line.rstrip().endswith(".") else m.group(1)

    return _GLUED_LABEL.sub(part, text)


_WRAP_MIN = 40  # a wrapped line of prose is at least this long; headings and labels are shorter
_LIST_START = re.compile(r"\s*(?:[-*+•▪◦‣]\s|\(?\d{1,2}[.)]\s|#|\||>)")
_HEADING_START = re.compile(r"\s*(?:#|\||>)")
_FIELD_START = re.compile(r"[A-Z][A-Za-z ,/'()-]{0,48}:\s")
_YEARS_END = re.compile(r"(?:19|20|21)\d\d[a-z]{0,2}\s+(?:19|20|21)\d\d[a-z]{0,2}\s*$")
_FIGURES = re.compile(r"(?<![\w.])[<>]?[-–−]?\d[\d,.]*%?(?![\w.])|(?<!\S)[—–-](?!\S)")
_ROW_FIGURES = 3  # a line of three or more bare figures or dashes is a table's row
_ROW_END = re.compile(r"\d[\d,]*(?:\.\d+)?%?$")  # (not "in 2030.": a sentence's end)


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


# a figure broken before its scale or unit: "$1.5" / "billion", "12" / "percent of"
_FIGURE_END = re.compile(r"(?:^|\s)[-–−+]?[$€£¥]?\d[\d,]*(?:\.\d+)?$")
_SCALE_START = re.compile(r"(?:million|billion|trillion|thousand|percent|per cent|%)\b", re.I)


_INITIAL_START = re.compile(r"\s*(?![IVX]\.)[A-Z]\.\s+[A-Z][a-z]")
_NAME_END = re.compile(r"\s[A-Z][a-z]+$")
_INITIAL_END = re.compile(r"\b[A-Z][a-z]+\s+(?![IVX]\.)[A-Z]\.$")  # (not "World War I.")


def _figure_before_scale(line: str, nxt: str) -> bool:
    """Whether `line` ends on a figure and `nxt` starts with its scale or unit ("$1.5" /
    "billion"), whatever the lines' length: a narrow column's broken figure."""
    return bool(_FIGURE_END.search(line.rstrip()) and _SCALE_START.match(nxt.lstrip()) and len(line.split()) > 1)


def _ends_on_continuing_word(line: str, nxt: str, continuing: frozenset[str]) -> bool:
    """Whether `line` (of more than two words) ends on one of the `continuing` words ("to",
    "of") and `nxt` is a non-empty line that starts no list item."""
    last = line.rstrip().rsplit(" ", 1)[-1].lower()
    return last in continuing and len(line.split()) > 2 and bool(nxt.strip()) and not _LIST_START.match(nxt)


def _name_wrapped(line: str, nxt: str) -> bool:
    """Whether the break falls inside a name: after a middle initial ("Secretary Robert F." /
    "Kennedy Jr., the ..."), or before one ("... President Anton" / "Q. Mirko announced")."""
    if _INITIAL_END.search(line.rstrip()) and nxt.lstrip()[:1].isupper():
        return True
    return bool(_INITIAL_START.match(nxt) and _NAME_END.search(line.rstrip()))


def _tabular_break(line: str, nxt: str) -> bool:
    """Whether the two lines read as a table's parts rather than one sentence: a pipe, a
    table-like or title-case line, a row of years or figures ("Salient Statistics—X: 2022
    2023e", "Production, mine 1,200 1,350 — 1,900"), or a short row under its header
    ("Copper 8,050 71%")."""
    if "|" in line or "|" in nxt or could_be_table(line) or could_be_table(nxt) or _title_case(line):
        return True
    if _YEARS_END.search(line) or len(_FIGURES.findall(nxt)) >= _ROW_FIGURES:
        return True
    return bool(len(nxt) < _WRAP_MIN and _ROW_END.search(nxt))


def _prose_goes_on(line: str, nxt: str) -> bool:
    """Whether, read by its last and first characters, the break is inside a sentence: `nxt`
    starts lower-case ("... nearly 11.5" / "million Americans signed up"), or `line` ends
    lower-case or on a comma/dash and `nxt` is a line of prose ("... through the" /
    "Affordable Care Act can find"); a line ending otherwise is a caption over its table
    ("Top makers by share, 2023"), and a short line without a full stop a heading or header."""
    head, end = nxt.lstrip()[:1], line.rstrip()[-1:]
    if head.islower():
        return True
    if not (end.islower() or end in ",;–—-"):
        return False
    return head.isdigit() or head in "$€£" or len(nxt) >= _WRAP_MIN or nxt.rstrip()[-1:] in ".!?"


# a listed part and its figure, then the list's separator: "copper, 41%;", "Syldavia 31%,"
_LISTED = re.compile(r"[A-Za-z)],?\s+[$€£]?\d[\d,.]*\s*%?\s*[;,]")
# how a list's rest opens: a figure ("12%; zinc"), or a part and its figure ("zinc, 8%")
_LIST_GOES_ON = re.compile(
    r"\s*(?:[$€£]?\d[\d,.]*\s*%?|(?:and\s+)?[A-Za-z][\w'’ -]{0,30}?,?\s+[$€£]?\d[\d,.]*\s*%?)(?:[;,.]|\s*\(|\s*$)"
)


_LIST_LINE_MAX = 600


def _list_wrapped(line: str, nxt: str) -> bool:
    """Whether a field's list of parts and figures ("Main exports: copper, 41%; gold, 12%;")
    goes on over the next line ("zinc, 8%; timber, 6%"), as a converter wraps a line however
    short: the line (a field's, or the rest of its list) lists at least one part and ends on a
    separator or a part's name, and the next opens with a part or its figure and is no field
    of its own."""
    end = line.rstrip()[-1:]
    if not (end in ",;" or end.isalpha()) or not _LISTED.search(line):
        return False
    if ":" not in line and not _LIST_GOES_ON.match(line):
        return False  # (the field's label is on the list's first line, or the line is its rest)
    return bool(_LIST_GOES_ON.match(nxt)) and not (_FIELD_START.match(nxt) or _LIST_START.match(nxt))


def _continues(line: str, nxt: str, continuing: frozenset[str] = frozenset()) -> bool:
    """Whether the break between two lines of one paragraph falls inside a sentence."""
    if _figure_before_scale(line, nxt) or _list_wrapped(line, nxt):
        return True
    if _ends_on_continuing_word(line, nxt, continuing):
        return not _HEADING_START.match(line)  # "revenue rose to" / "$1.5 billion in 2030."
    if _wrapped_label(line, nxt):
        return True
    if len(line) < _WRAP_MIN or line.endswith("  ") or not nxt.strip():
        return False
    # (a list item's own wrapped line continues it: "- The surplus was $4.2" / "billion in 2030.")
    if _LIST_START.match(nxt) or _HEADING_START.match(line) or _FIELD_START.match(nxt):
        return False
    if _name_wrapped(line, nxt):
        return True
    if _LIST_START.match(line) and line.rstrip().endswith((".", "!", "?", ":", ";")):
        return False  # a list item that ends its sentence ends the item
    if _tabular_break(line, nxt):
        return False
    return _prose_goes_on(line, nxt)


# an infobox label wrapped in a narrow column: "Buildings" / "destroyed" / "18,804"
_LABEL_HEAD = re.compile(r"[A-Z][a-z]+(?:[ -][A-Za-z][a-z]*){0,2}")
_LABEL_REST = re.compile(r"[a-z]+(?:[ -][a-z]+){0,2}")
_VALUE_NEXT = re.compile(r"[$€£]?\d")


def _wrapped_label(line: str, nxt: str) -> bool:
    """Whether two short lines are one label broken in a narrow column ("Buildings" /
    "destroyed"), or its last words over its value ("destroyed" / "18,804"): a line of a
    few lower-case words is no heading, label or sentence of its own."""
    line, nxt = line.strip(), nxt.strip()
    if _LABEL_REST.fullmatch(nxt) and _LABEL_HEAD.fullmatch(line):
        return True
    return bool(_LABEL_REST.fullmatch(line) and _VALUE_NEXT.match(nxt) and len(nxt) < _WRAP_MIN)


def wrapped_lines_joined(text: str, continuing: frozenset[str] = frozenset()) -> str:
    """Lines of one paragraph broken inside a sentence become one line (same length: the
    break becomes a space, so nothing else moves); a line ending with one of the
    `continuing` words ("to", "of") goes on, however short."""
    lines = text.split("\n")
    out = []
    joined = ""  # the line as joined so far: a list wrapped twice is read whole (`_list_wrapped`)
    for i, line in enumerate(lines):
        out.append(line)
        # (a list is a short line: a long run of joined prose is not carried, nor scanned again)
        joined = f"{joined} {line}" if joined and len(joined) < _LIST_LINE_MAX else line
        if i + 1 < len(lines) and (_continues(line, lines[i + 1], continuing) or _list_wrapped(joined, lines[i + 1])):
            out.append(" ")
        elif i + 1 < len(lines):
            out.append("\n")
            joined = ""
    return "".join(out)


RULES: tuple[Callable[[str], str], ...] = (
    escapes_resolved,
    links_as_text,
    citations_dropped,
    inline_tags_dropped,
    strong_unmarked,
    glued_labels_parted,
    wrapped_lines_joined,
)


def render(text: str, continuing: frozenset[str] = frozenset()) -> str:
    """The text as a reader sees it: markup rendered, wrapped prose joined (`continuing`:
    the lexicon's words no sentence ends with)."""
    for rule in RULES:
        text = wrapped_lines_joined(text, continuing) if rule is wrapped_lines_joined else rule(text)
    return text
