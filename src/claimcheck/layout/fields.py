"""Lines that are a document's structure rather than its sentences: section headings, a
field's label over its values ("Coastline" / "6,435 km"), an infobox's rows ("Fatalities
86 civilians" in a stack of short lines), a list's heading over items that are a label and
a figure ("Share of catch by fleet:" / "- Trawlers 61%").

Pure functions over strings; `sentences` asks them which lines are which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.layout.lists import LIST_MARK

# a heading: "## Zambia", "ZAMBIA", "Country notes: Zambia" on a line of its own
_MD_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*\s*$")
_HEADING_WORDS = 8


def section_heading(line: str) -> str | None:
    """The heading a line is, if it is one: a Markdown heading, or a short line with no
    sentence's end that is all capitals or Title Case."""
    line = line.strip()
    md = _MD_HEADING.fullmatch(line)
    if md:
        return md.group(1).strip("*_ ")
    words = line.split(maxsplit=_HEADING_WORDS)  # (more than that is no heading: a 15 MiB line is not split whole)
    if not words or len(words) > _HEADING_WORDS or line.endswith((".", "!", "?", ":", ";", ",")) or "|" in line:
        return None
    if any(c.isdigit() for c in line) or LIST_MARK.match(line):
        return None
    caps = [w for w in words if w[:1].isalpha()]
    return line if caps and (line.isupper() or all(w[:1].isupper() for w in caps if len(w) > 3)) else None


def headings(text: str) -> Iterator[tuple[int, str]]:
    """(where it ends, heading) for each heading line, in order."""
    pos = 0
    for line in text.split("\n"):
        head = section_heading(line)
        if head is not None:
            yield pos + len(line), head
        pos += len(line) + 1


# a field's label on a line of its own: "Coastline", "Population growth rate", "GDP - real
# growth rate", "Inflation rate (consumer prices)"; not a sentence, not a list item
_LABEL = re.compile(r"[A-Z][A-Za-z]*(?:[ ,/'&-]+[A-Za-z()]+|\s*\([a-z][a-z ,/'-]{0,40}\)){0,8}")
# the line under it starts with a figure ("6,435 km", "-0.5% (2023 est.)") or a sub-field
# ("total: 756,102 sq km", "total : ...", "border countries (3): ...")
_NAMED_SHARE = r"[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,3}\s+[-–−]?\d[\d,.]*\s*%"
_VALUE_START = re.compile(
    r"[-–−+$€£¥]?\d|[a-z][a-z ]{0,30}?(?:\s*\(\d+\))?\s?:\s"
    r"|" + _NAMED_SHARE + r"[,;]\s*" + _NAMED_SHARE  # "Syldavia 38%, Borduria 21%": parts or partners
)
_ASIDE = re.compile(r"\([^()]*\)|\bnote:.*$|[a-z][a-z ]{0,30}?(?:\s*\(\d+\))?\s?:")
_FIGURE = re.compile(r"\d[\d,.]*")
_PROSE_WORD = re.compile(r"\b[a-z]{3,}\b")
_PROSE_PER_FIGURE = 3  # "12 people were killed in the blast": prose; "9,665 km" values


def values_line(line: str) -> bool:
    """A line of values: figures with their units and sub-field names, not a sentence."""
    if not _VALUE_START.match(line):
        return False
    bare = _ASIDE.sub(" ", line)
    figures = len(_FIGURE.findall(bare))
    return figures > 0 and len(_PROSE_WORD.findall(bare)) <= _PROSE_PER_FIGURE * figures


def field_heading(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A paragraph that opens with a field's label on its own line over lines of values
    (fact books, almanacs, infoboxes): the label, and where the values start.

    >>> field_heading("Coastline\\n6,435 km", 0, 18)
    ('Coastline', 10)
    """
    nl = text.find("\n", start, end)
    if nl < 0:
        return None
    first = text[start:nl].strip()
    rest = text[nl + 1 : end].lstrip()
    if not label_line(first) or not rest or not values_line(rest.split("\n", 1)[0]):
        return None
    return first.rstrip(":").rstrip(), nl + 1 + (len(text[nl + 1 : end]) - len(rest))


# a list item that is a label and one figure: "- Trawlers 61%", "* Longliners, 24%", "1. Small boats: 15%"
LABELLED_ITEM = re.compile(
    r"(?:[-*•▪◦‣]|\d{1,2}[.)])\s+([A-Z][\w'’&/() -]{0,50}?)[,:]?\s+([-–−+]?[$€£¥]?\d[\d,.]*\s*(?:%|percent)?)"
)


def list_heading(block: str) -> str | None:
    """A line that heads the list below it ("Share of catch by fleet:"), without figures."""
    line = block.strip()
    if "\n" in line or not line.endswith(":") or any(c.isdigit() for c in line) or len(line.split()) > 12:
        return None
    return line.rstrip(":").strip().strip("*_").strip() or None


# an infobox's row: a label, then its value from the first figure ("Flooded area 2,310
# hectares (5,708 acres)", "Missing people 3", "Cost $2.5 billion (insured losses)")
_INFOBOX_ROW = re.compile(
    r"([A-Z][A-Za-z'’-]*(?: [a-z][A-Za-z'’-]*){0,3}(?: \([^()\d]{1,20}\)| \((?:1[89]|20)\d\d\))?) "
    r"(?=[$€£]?\d)(?![\d.]+\.\s)"
)  # (not "Table 2. ..."; "Gini (2020) 29.4", "GDP (PPP) $52.4 billion")
# a document's numbered part, named in a caption or a heading: "Table 2.1 Gross generation"
_PART_NUMBER = re.compile(
    r"(?:Table|Figure|Fig\.|Chart|Exhibit|Box|Map|Graph|Annex|Appendix|Section|Chapter)\s+[A-Z]?\d"
)
# a heading row of an infobox that dates the sub-rows below it: "GDP (PPP) 2023 estimate"
_DATED_HEAD = re.compile(r"(.*?\S)\s+((?:1[89]|20)\d\d\s+(?:estimates?|est\.?|census))\s*$")
# a heading row dated in brackets, as an encyclopedia's box writes it: "Population (2030)"
_BRACKET_DATED_HEAD = re.compile(r"(.*?[A-Za-z)])\s*\(((?:1[89]|20)\d\d(?:\s+(?:estimates?|est\.?|census))?)\)\s*$")
_INFOBOX_LINE = 80  # longer lines are prose, whatever surrounds them
_INFOBOX_STACK = 3  # an infobox is a stack of at least this many short lines


def infobox_row(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A line of an infobox (a stack of short lines with no full stops, as a page's summary
    box is converted), when it is 'Label figure...': its label, and where it starts (the
    label is part of the row's quote: "Fatalities 12 crew").

    >>> infobox_row("Area\\nFatalities 12 crew\\nCause unknown\\n", 5, 23)
    ('Fatalities', 5)
    """
    line = text[start:end]
    m = _INFOBOX_ROW.match(line)
    if m is None or "\n" in line or not _short(line) or _stack(text, start, end) < _INFOBOX_STACK:
        return None
    if _DATED_HEAD.fullmatch(line) or _PART_NUMBER.match(line):
        return None  # "GDP (PPP) 2023 estimate": the heading of the rows below; "Table 2.1 ...": a caption
    return m.group(1), start


# a sub-row under an infobox's heading row: "• Total 28,750 km2", "• 2024 estimate
# 3,107,100", "• Per capita $16,870", "• Water (%) 4.7"
_SUBROW = re.compile(r"[•·▪]\s+((?:(?:1[89]|20)\d\d\s+)?[A-Za-z][A-Za-z'’ -]*?(?:\s\([^()]{1,12}\))?)\s+(?=[$€£]?\d)")
_TOTAL = frozenset({"total"})


def infobox_subrow(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A bulleted row of an infobox under its heading row ("Population" / "• 2024 estimate
    3,107,100"; "GDP (PPP) 2023 estimate" / "• Per capita $16,870"): the label both name
    ("Population (2024 estimate)", "GDP (PPP) per capita (2023 estimate)", "Area" for its
    total), and where the row starts after its bullet.

    >>> infobox_subrow("Area\n• Total 120 km2\nCapital Szohod\n", 5, 20)
    ('Area', 7)
    """
    line = text[start:end]
    m = _SUBROW.match(line)
    if m is None or "\n" in line or not _short(line) or _stack(text, start, end) < _INFOBOX_STACK:
        return None
    head = _heading_row(text, start)
    if head is None:
        return None
    d = _DATED_HEAD.fullmatch(head) or _BRACKET_DATED_HEAD.fullmatch(head)  # "Population (2030)"
    head, dated = (d.group(1), d.group(2)) if d else (head, None)
    sub = m.group(1).strip()
    year = re.match(r"(?:1[89]|20)\d\d\b", sub)
    name = head if year or sub.lower() in _TOTAL else f"{head} {sub[0].lower()}{sub[1:]}"
    when = _as_field_year(sub if year else dated)
    return (f"{name} ({when})" if when else name), start + m.start(1)


def _as_field_year(when: str | None) -> str | None:
    """'2024 estimate' as a fact book writes it ('2024 est.'), '2011 census' as its year."""
    if when is None:
        return None
    year, _, kind = when.partition(" ")
    return f"{year} est." if kind.lower().startswith("est") else year


def _heading_row(text: str, start: int) -> str | None:
    """The nearest line above a sub-row that is no sub-row itself, in the same stack."""
    pos = start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start : pos - 1].strip()
        if pos - 1 <= prev_start or not _short(line):
            return None
        if not line.startswith(("•", "·", "▪")):
            dated = _DATED_HEAD.fullmatch(line) or _BRACKET_DATED_HEAD.fullmatch(line)
            return line if not any(c.isdigit() for c in line) or dated else None
        pos = prev_start
    return None


def _short(line: str) -> bool:
    """A line of an infobox: short, no sentence's end, no table's cell separators."""
    line = line.strip()
    return bool(line) and len(line) <= _INFOBOX_LINE and not line.endswith((".", "!", "?", ":")) and "|" not in line


def _stack(text: str, start: int, end: int) -> int:
    """How many short lines stand together, without a blank line, around start..end."""
    lines = 1
    pos = start
    while pos > 0 and lines < _INFOBOX_STACK:  # upwards
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        if pos - 1 <= prev_start or not _short(text[prev_start : pos - 1]):
            break
        lines, pos = lines + 1, prev_start
    pos = end
    while pos < len(text) and lines < _INFOBOX_STACK:  # downwards
        nxt_end = text.find("\n", pos + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        if nxt_end <= pos + 1 or not _short(text[pos + 1 : nxt_end]):
            break
        lines, pos = lines + 1, nxt_end
    return lines


def label_line(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= 60 and not line.isupper() and bool(_LABEL.fullmatch(line))


def next_line(text: str, end: int) -> str | None:
    """The line right after `end` (no blank line between), if any."""
    if text[end : end + 1] != "\n" or end + 1 >= len(text) or text[end + 1] == "\n":
        return None
    nl = text.find("\n", end + 1)
    return text[end + 1 : nl if nl >= 0 else len(text)]
