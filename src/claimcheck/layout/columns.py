"""Page-layout artefacts, columns: two columns printed side by side, and two columns whose
lines were extracted a line of each in turn.

Pure functions over strings. `decolumn` and `deinterleave` run inside `clean_text` (before
spaces are collapsed), so the text they return, each column in reading order, left column
first, is the stored text that every offset points into.
"""

from __future__ import annotations

import re

# -- two columns side by side ---------------------------------------------------------------

_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_CODE = re.compile(r"[=;{}<>#|\\]")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_LIST_START = re.compile(r"[-*•▪◦‣]\s|\(?\d{1,2}[.)]\s")
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")

MIN_GUTTER = 2  # columns of whitespace every line of a region keeps open
MIN_EVIDENCE = 3  # lines with prose on both sides of the gutter


def decolumn(text: str) -> str:
    """Text with side-by-side columns (`pdftotext -layout`) rewritten as one column each.

    A region is a run of lines sharing a gutter: a band of at least two blank character
    columns with prose on both sides in at least three lines. Its left column's lines come
    first, then the right column's, each unwrapped into paragraphs with hyphenated line
    breaks joined. Everything else is returned as it was.

    >>> print(decolumn("Output of the mine rose     and the firm sold more\\n"
    ...                "in the year to March as     copper than ever before.\\n"
    ...                "prices climbed steeply.     Debt fell by half.\\n"), end="")
    Output of the mine rose in the year to March as prices climbed steeply.
    <BLANKLINE>
    and the firm sold more copper than ever before. Debt fell by half.
    """
    if not _GAP.search(text):
        return text
    compounds = {m.group(0).lower() for m in _HYPHENATED.finditer(text)}
    lines = text.split("\n")
    out: list[str] = []
    i = floor = 0
    while i < len(lines):
        region = _region(lines, i, floor)
        if region is None:
            out.append(lines[i])
            i += 1
            continue
        first, end, gutter, columns = region
        if not columns:  # lines sharing a gutter without prose on both sides: a table, say
            out.extend(lines[i:end])
            i = end
            continue
        del out[len(out) - (i - first) :]  # lines taken back from above the starting line
        out.extend(_reflow(lines[first:end], gutter, compounds))
        i = floor = end
    return "\n".join(out)


def _space_run(line: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The widest run of blanks in `line` (open-ended past its end) that overlaps [lo, hi)."""
    padded = line + " " * (hi + 1)
    best: tuple[int, int] | None = None
    x = lo
    while x < hi:
        if padded[x] != " ":
            x += 1
            continue
        s, e = x, x
        while s > 0 and padded[s - 1] == " ":
            s -= 1
        while e < len(padded) and padded[e] == " ":
            e += 1
        if e == len(padded):
            e = 1 << 30  # blank to the end of the line
        if best is None or min(e, hi) - max(s, lo) > min(best[1], hi) - max(best[0], lo):
            best = (s, e)
        x = e
    return best


def _narrow(line: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The gutter [lo, hi) narrowed to what `line` leaves blank, or None if too narrow."""
    run = _space_run(line, lo, hi)
    if run is None:
        return None
    nlo, nhi = max(lo, run[0]), min(hi, run[1])
    return (nlo, nhi) if nhi - nlo >= MIN_GUTTER else None


def _region(lines: list[str], i: int, floor: int) -> tuple[int, int, int, bool] | None:
    """(first line, end line, gutter column, whether it is prose columns) of the lines that
    share a gutter from line i, or None when line i has no single gap to start one.

    Lines above i (down to `floor`, where the previous region ended) join it when they have
    text on both sides of the gutter."""
    gaps = list(_GAP.finditer(lines[i]))
    if len(gaps) != 1 or not lines[i][: gaps[0].start()].strip():
        return None
    lo, hi = gaps[0].start(), gaps[0].end()
    j, blanks = i + 1, 0
    while j < len(lines):
        if not lines[j].strip():
            blanks += 1
            if blanks > 1:
                break
            j += 1
            continue
        narrowed = _narrow(lines[j], lo, hi)
        if narrowed is None:
            break
        lo, hi = narrowed
        blanks = 0
        j += 1
    j = _trim_tail(lines, i, j, lo)
    first = i
    while first > floor and lines[first - 1].strip():
        narrowed = _narrow(lines[first - 1], lo, hi)
        left, right = lines[first - 1][:lo].strip(), lines[first - 1][lo:].strip()
        if narrowed is None or not (left and right):
            break  # only a line with text on both sides joins from above: not a title
        lo, hi = narrowed
        first -= 1
    both = [(ln[:lo].strip(), ln[lo:].strip()) for ln in lines[first:j]]
    both = [(a, b) for a, b in both if a and b]
    evidence = sum(1 for a, b in both if _prose(a) and _prose(b))
    if evidence < MIN_EVIDENCE or evidence < 0.6 * len(both):
        return i, max(j, i + 1), lo, False
    return first, j, lo, True


def _trim_tail(lines: list[str], i: int, j: int, gutter: int) -> int:
    """The region's end. Below its last line with text on both sides come that column's
    last lines, then, after a blank line, only paragraphs of one column that start with a
    full-width line: a page number or a caption below the columns is not theirs."""
    end = j
    while end > i and not lines[end - 1].strip():
        end -= 1
    k = i
    for n in range(i, end):
        if lines[n][:gutter].strip() and lines[n][gutter:].strip():
            k = n + 1  # past the last line with text on both sides
    while k < end and lines[k].strip():
        k += 1  # a column's last lines, directly below
    widths = (
        max((len(ln[:gutter].strip()) for ln in lines[i:k]), default=0),
        max((len(ln[gutter:].strip()) for ln in lines[i:k]), default=0),
    )
    while k < end:
        start = k + 1 if not lines[k].strip() else k
        stop = start
        while stop < end and lines[stop].strip():
            stop += 1
        sides = {bool(ln[:gutter].strip()) for ln in lines[start:stop]}
        if stop - start < 2 or len(sides) != 1:
            break
        side = 0 if sides.pop() else 1
        first = (lines[start][:gutter], lines[start][gutter:])[side].strip()
        if len(first) < 0.7 * widths[side]:
            break
        k = stop
    return k


def _prose(fragment: str) -> bool:
    """Whether a fragment reads as running text: words, mostly letters, a lower-case word."""
    if len(fragment.split()) < 2 or _CODE.search(fragment):
        return False
    chars = [c for c in fragment if not c.isspace()]
    letters = sum(1 for c in chars if c.isalpha())
    return letters >= 0.6 * len(chars) and re.search(r"\b[^\W\d_A-Z]{2,}\b", fragment) is not None


def _reflow(lines: list[str], gutter: int, compounds: set[str]) -> list[str]:
    """The region's left column, then its right column, as paragraphs (one per line)."""
    left = _paragraphs([ln[:gutter].strip() for ln in lines], compounds)
    right = _paragraphs([ln[gutter:].strip() for ln in lines], compounds)
    if left and right and not _TERMINAL.search(left[-1]) and not _LIST_START.match(right[0]):
        # the last sentence of the left column runs on at the top of the right one
        left[-1] = _join(left[-1], right.pop(0), compounds)
    out: list[str] = []
    for para in left + right:
        out.extend([para, ""])
    return out[:-1]


def _paragraphs(fragments: list[str], compounds: set[str]) -> list[str]:
    """Column lines unwrapped: a paragraph ends at a blank, a short finished line or a heading."""
    width = max((len(f) for f in fragments), default=0)
    paras: list[str] = []
    current: str | None = None
    last = ""
    for frag in fragments:
        if not frag:
            if current is not None:
                paras.append(current)
            current = None
            continue
        if current is None:
            current = frag
        else:
            short = len(last) < 0.8 * width
            ends = bool(_TERMINAL.search(last))
            heading = len(last) < 0.6 * width and not ends and frag[:1].isupper()
            if (short and ends) or heading or _LIST_START.match(frag):
                paras.append(current)
                current = frag
            else:
                current = _join(current, frag, compounds)
        last = frag
    if current is not None:
        paras.append(current)
    return paras


def _join(head: str, tail: str, compounds: set[str]) -> str:
    """Two wrapped lines as one; "produc-" + "tion" is "production" unless the text elsewhere
    writes the pair with its hyphen ("long-term") or the word already has one ("out-of-")."""
    m = re.fullmatch(r"(\S*?)([^\W\d_]+)-", head[head.rfind(" ") + 1 :])  # the last word only
    n = re.match(r"[^\W\d_A-Z][^\W\d_]*", tail)
    if m and n:
        if "-" in m.group(1) or f"{m.group(2)}-{n.group(0)}".lower() in compounds:
            return head + tail
        return head[:-1] + tail
    return f"{head} {tail}"


# -- two columns whose lines alternate -------------------------------------------------------

MIN_ALTERNATING = 8  # lines in a block before its order is judged
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# a line's sentence end, then the next line's lower-case start (what `_alternating` counts),
# found over the whole text at once: too few anywhere, and no block is looked at
_BROKEN_END = re.compile(r"[.!?][\"'”’)\]]*[^\S\n]*\n[^\S\n]*[^\sA-Z0-9]")  # (a superset of lower case)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:etc|e\.g|i\.e|vs|Mr|Mrs|Ms|Dr|No|Co|Inc|Ltd|St)\.$")


def deinterleave(text: str) -> str:
    """Text whose two columns were extracted a line of each in turn, put back one column after
    the other (unwrapped); any other text is returned as it was.

    The evidence is sentence ends: in reading order a line that ends a sentence is followed by
    one that starts with a capital, while a line from the other column starts mid-sentence as
    often as not. A block of at least eight lines is reordered only when, read as it is, two or
    more sentence ends (and at least half of them) are followed by a lower-case start, and, read
    every other line, none is.

    >>> lines = ["Copper output rose 5% in 2023.", "Lithium prices fell by half in", "The mine added a",
    ...          "the same year. Analysts expect", "new shaft. Costs rose.", "a rebound. Demand is",
    ...          "Exports grew again.", "strong in Asia."]
    >>> print(deinterleave("\\n".join(lines)))
    Copper output rose 5% in 2023. The mine added a new shaft. Costs rose.
    <BLANKLINE>
    Exports grew again.
    <BLANKLINE>
    Lithium prices fell by half in the same year. Analysts expect a rebound. Demand is strong in Asia.
    """
    if len(_BROKEN_END.findall(text, 0)) < 2:
        return text  # no block can have two sentence ends followed by a lower-case start
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        block = lines[i:j]
        if _alternating(block):
            compounds = {m.group(0).lower() for m in _HYPHENATED.finditer(text)}
            left = _paragraphs([ln.strip() for ln in block[0::2]], compounds)
            right = _paragraphs([ln.strip() for ln in block[1::2]], compounds)
            out.extend("\n\n".join(left + right).split("\n"))
        else:
            out.extend(block)
        i = j
    return "\n".join(out)


def _alternating(block: list[str]) -> bool:
    if len(block) < MIN_ALTERNATING:
        return False
    as_read, ends = _broken_sentence_ends(block, 1)
    if as_read < 2 or 2 * as_read < ends:
        return False
    return _broken_sentence_ends(block, 2)[0] == 0


def _broken_sentence_ends(block: list[str], step: int) -> tuple[int, int]:
    """How many lines that end a sentence are followed, `step` lines on, by a lower-case start;
    and how many lines end a sentence."""
    broken = ends = 0
    for k in range(len(block) - step):
        line = block[k].rstrip()
        if not _SENTENCE_END.search(line) or _ABBREVIATION_END.search(line):
            continue
        ends += 1
        nxt = block[k + step].lstrip()
        if nxt[:1].islower():
            broken += 1
    return broken, ends
