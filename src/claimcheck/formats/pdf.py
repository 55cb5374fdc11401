"""PDFs: the text layer in reading order, as Markdown, and the file's title and date.

pdfplumber (over pdfminer.six) gives each word with its position, size and font, and finds
ruled tables. Words are put back into lines and paragraphs here; a page set in two columns
is read column by column (a line of each in turn would interleave sentences); a ruled table
becomes a Markdown pipe table, so its cells keep their row and column headers. An unruled
table stays as lines ("Production 1,200 1,350 1,900" under "2021 2022 2023"), which the
layout code already reads as a table.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimcheck.errors import ReadError
from claimcheck.formats import Converted

# pdfminer logs what it tolerates in a damaged file; with no handler Python would print it
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less share a line
MIN_GUTTER = 12.0  # points: a gap between words this wide may be the space between two columns
PARAGRAPH_GAP = 0.8  # a vertical gap wider than this many line heights starts a paragraph


@dataclass(frozen=True)
class Line:
    """Words on one line (or one column's part of it), left to right."""

    words: tuple[dict[str, Any], ...]

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def size(self) -> float:
        return max(w.get("size", 0.0) for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass(frozen=True)
class Table:
    """A ruled table found on a page, as Markdown, and where it stands."""

    top: float
    x0: float
    x1: float
    markdown: str


def read_pdf(data: bytes, path: str) -> Converted:
    """The text of a PDF as Markdown, with its /Title and /CreationDate under front matter's
    keys. Raises ReadError for an encrypted, damaged or scanned (image-only) file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_text(page) for page in pdf.pages]
            meta = _metadata(pdf.metadata)
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError(
                path, "is encrypted and needs a password", "save a copy without the password and ingest that"
            ) from None
        raise ReadError(path, f"cannot be read as a PDF ({_said(cause)})", _REPAIR) from None
    except Exception as e:  # pdfminer raises what it meets (KeyError, TypeError, ...) on a broken file
        raise ReadError(path, f"cannot be read as a PDF ({_said(e)})", _REPAIR) from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise ReadError(
            path,
            "has no text layer (a scanned PDF holds pictures of its pages)",
            "run OCR on it first (for example: ocrmypdf in.pdf out.pdf) and ingest the result",
        )
    return Converted(text + "\n", meta)


_REPAIR = "it may be damaged or incomplete: open it and save it again, or export its text"


def _said(e: BaseException) -> str:
    """An exception as a few words for a user: its message, or its kind when it has none."""
    said = " ".join(str(e).split())[:120]
    return said or type(e).__name__


def _page_text(page: Any) -> str:
    """One page as Markdown: lines and ruled tables in reading order."""
    found = page.find_tables()  # ruled tables only: unruled ones stay lines the layout code reads
    boxes = [t.bbox for t in found]
    every = page.extract_words(extra_attrs=["size"])
    lines = _lines([w for w in every if not any(_inside(w, box) for box in boxes)])
    items: list[Line | Table] = sorted([*lines, *(_table(t) for t in found)], key=lambda i: i.top)
    return _markdown(_reading_order(items, _gutter(lines, float(page.width))), _body_size(every))


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return bool(
        x0 - 1 <= word["x0"] and word["x1"] <= x1 + 1 and top - 1 <= word["top"] and word["bottom"] <= bottom + 1
    )


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    """Words grouped into lines by their tops, each line left to right, lines top to bottom."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Line(tuple(sorted(ws, key=lambda w: w["x0"]))) for ws in lines]


def _table(found: Any) -> Table:
    """A ruled table as a Markdown pipe table: its first row is the header."""
    rows = [[" ".join((cell or "").split()).replace("|", "/") for cell in row] for row in found.extract()]
    rows = [r for r in rows if any(r)]
    out = []
    for i, row in enumerate(rows):
        out.append("| " + " | ".join(row) + " |")
        if i == 0:
            out.append("|" + "---|" * len(row))
    x0, top, x1, _ = found.bbox
    return Table(float(top), float(x0), float(x1), "\n".join(out))


def _prose(words: list[dict[str, Any]]) -> bool:
    """Words that read as text, not as a row of figures: a table's cells are not columns."""
    return len(words) >= 3 and 2 * sum(any(c.isalpha() for c in w["text"]) for w in words) >= len(words)


def _gutter(lines: list[Line], width: float) -> float | None:
    """Where a page set in two columns divides, or None: an x in the middle of the page that
    few lines cross, with lines of text on both sides of it (≥ 3 each)."""
    best: tuple[int, float] | None = None
    for step in range(int(width * 0.3), int(width * 0.7), 4):
        x = float(step)
        crossing = left = right = 0
        for line in lines:
            if any(w["x0"] < x < w["x1"] for w in line.words):
                crossing += 1
                continue
            left += _prose([w for w in line.words if w["x1"] <= x])
            right += _prose([w for w in line.words if w["x0"] >= x])
        score = min(left, right)
        if crossing <= 0.2 * len(lines) and score >= 3 and (best is None or score > best[0]):
            best = (score, x)
    return best[1] if best else None


COLUMN_BREAK = None  # between the runs of lines that _markdown must not join into one paragraph


def _reading_order(items: list[Line | Table], gutter: float | None) -> Iterator[Line | Table | None]:
    """Items in reading order: in a two-column stretch of the page, the left column's lines,
    then the right's; what crosses the gutter (a title, a wide table) ends the stretch."""
    if gutter is None:
        yield from items
        return
    left: list[Line | Table] = []
    right: list[Line | Table] = []
    for item in items:
        parts = _split(item, gutter)
        if parts is None:
            yield from _columns(left, right)
            yield item
            continue
        left += parts[:1] if parts[0] else []
        right += parts[1:] if parts[1] else []
    yield from _columns(left, right)


def _columns(left: list[Line | Table], right: list[Line | Table]) -> Iterator[Line | Table | None]:
    """A two-column stretch, column by column, and empties the lists for the next one."""
    if left or right:
        yield from [COLUMN_BREAK, *left, COLUMN_BREAK, *right, COLUMN_BREAK]
    left.clear()
    right.clear()


def _split(item: Line | Table, gutter: float) -> tuple[Line | Table | None, Line | Table | None] | None:
    """An item's parts left and right of the gutter; None if it crosses it."""
    if isinstance(item, Table):
        if item.x0 < gutter < item.x1:
            return None
        return (item, None) if item.x1 <= gutter else (None, item)
    if any(w["x0"] < gutter < w["x1"] for w in item.words):
        return None
    left = tuple(w for w in item.words if w["x1"] <= gutter)
    right = tuple(w for w in item.words if w["x0"] >= gutter)
    return (Line(left) if left else None, Line(right) if right else None)


def _markdown(items: Iterator[Line | Table | None], body: float) -> str:
    """Lines, tables and column breaks as Markdown: a blank line between paragraphs (a wider
    gap than the line spacing), around tables and headings, and at a column break."""
    out: list[str] = []
    prev: Line | None = None
    for item in items:
        if not isinstance(item, Line):
            out += ["", item.markdown, ""] if isinstance(item, Table) else [""]
            prev = None
            continue
        mark = _heading_mark(item, body)
        if mark or prev is None or item.top - prev.bottom > PARAGRAPH_GAP * (prev.bottom - prev.top):
            out.append("")
        out.append(mark + item.text)
        if mark:
            out.append("")
        prev = None if mark else item
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _body_size(words: list[dict[str, Any]]) -> float:
    """The font size most of the page's characters are set in."""
    sizes = Counter({})
    for w in words:
        sizes[round(float(w.get("size", 0.0)), 1)] += len(w["text"])
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading_mark(line: Line, body: float) -> str:
    """'# ' or '## ' for a short line set larger than the body text, else ''."""
    if not body or line.size < 1.2 * body or len(line.words) > 15 or line.text.endswith("."):
        return ""
    return "# " if line.size >= 1.6 * body else "## "


_NOT_A_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled\b)|\.(?:docx?|pdf|indd|tex|xlsx?|pptx?|rtf|odt)$", re.I)
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _metadata(info: dict[str, Any]) -> dict[str, str]:
    """The document information dictionary under front matter's keys: /Title (unless it is a
    file name a converter left there), /Author, and /CreationDate as the date."""
    out = {}
    title = _info_text(info.get("Title"))
    if title and not _NOT_A_TITLE.search(title):
        out["title"] = title
    if author := _info_text(info.get("Author")):
        out["author"] = author
    if published := _pdf_date(_info_text(info.get("CreationDate")) or ""):
        out["published"] = published
    return out


def _pdf_date(value: str) -> str | None:
    """A PDF date ("D:20240115120000Z") as an ISO date as precise as it is; None if not a date."""
    m = _PDF_DATE.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(g for g in (year, month, day) if g) if "1900" <= year <= "2099" else None


def _info_text(value: Any) -> str | None:
    """A document information value as text (pdfplumber gives str, or bytes it could not decode)."""
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text

        value = decode_text(value)
    if not isinstance(value, str):
        return None
    return " ".join(value.replace("\x00", "").split()) or None
