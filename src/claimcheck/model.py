"""Frozen dataclasses passed between pipeline stages.

Every span (`start`, `end`) is a character offset into the cleaned text of its document,
so `document.text[span.start:span.end] == span.text` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

# Qualifier words a figure can carry, as stored; `change` is the quantity layer's short form.
# A reviewer's verdict on a claim (`claimcheck review`); the reviews table checks it.
RATINGS = ("true", "mostly-true", "mixed", "misleading", "false", "unverifiable")
QUALIFIERS = ("exact", "approx", "nearly", "over", "under", "at_least", "at_most")
CHANGE_OF_QUALIFIER = {
    "exact": "=",
    "approx": "~",
    "nearly": "~",
    "over": ">",
    "at_least": ">",
    "under": "<",
    "at_most": "<",
}


_T = TypeVar("_T")


def evolve(obj: _T, **changes: Any) -> _T:
    """`obj` with `changes`: dataclasses.replace without running __init__ again (these frozen
    dataclasses check nothing there), for the copies made per sentence and per claim, where
    replace's cost showed in ingest profiles."""
    new = object.__new__(type(obj))
    object.__setattr__(new, "__dict__", {**obj.__dict__, **changes})
    return new


@dataclass(frozen=True)
class RawDocument:
    """Bytes as read from disk, before decoding."""

    path: str  # as the user named it (shown, and stored with the source)
    name: str
    data: bytes
    key: str = ""  # the file's identity: its resolved absolute path (read.read fills it in)


@dataclass(frozen=True)
class Metadata:
    """What a user or the file itself says about a document (title, date, publisher)."""

    title: str | None = None
    published: str | None = None  # ISO date, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD
    # how it was found: user | manifest | front_matter | stated | dateline | masthead | title | imprint | unknown
    published_how: str = "unknown"
    url: str | None = None
    publisher: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned document: the text every offset points into, plus what was found about it."""

    path: str
    name: str
    content_hash: str
    text: str
    meta: Metadata = field(default_factory=Metadata)
    # Spans of page furniture (share counters, related links, reference lists) that
    # extraction skips; the text itself keeps them so offsets stay honest.
    skipped: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class TableColumn:
    """A column of a statistical table: the period it is ("2030e": 2030, estimated) and what
    it measures when its header names that ("Reserves")."""

    name: str
    period: str | None
    estimated: bool = False


@dataclass(frozen=True)
class TableContext:
    """What a row of a statistical table needs from the rest of its table and document."""

    title: str  # the header's words before its periods ("Salient Statistics—Ruritania:")
    columns: tuple[TableColumn, ...]
    parent: str | None = None  # the row this row is part of ("Production:" above "Mine")
    unit_note: str | None = None  # the document's "(Data in metric tons unless otherwise noted)"
    of_what: str | None = None  # what the document is on, from a short title ("TIN")
    caption: str | None = None  # the short lines right above it ("Table 4. Catch by species" / "(thousand tonnes)")


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a table row) with its offsets into the document text."""

    text: str
    start: int
    end: int
    # For a table row: the header cells, and the row's cells with their offsets.
    header: tuple[str, ...] | None = None
    cells: tuple[tuple[str, int, int], ...] | None = None
    caption: str | None = None  # the short line above a table ("Table 2. Output, 2023")
    # A field's values under their label line ("Coastline" / "6,435 km"): the label names
    # what the figures measure
    label: str | None = None
    table: TableContext | None = None  # a row of a statistical table (with `cells`)
    item_of: str | None = None  # a list item's heading ("Share of catch by fleet" / "Trawlers 61%")
    section: str | None = None  # the heading of the section it stands in ("## Zambia", "MALAWI")
    lead: str | None = None  # a list item's lead-in line ("Since May 1, the agency has:")


@dataclass(frozen=True)
class Quantity:
    """A figure as the text states it: value or range, unit symbol, bound and offsets.

    Offsets are relative to the text handed to the extractor.
    """

    value: float | None
    low: float | None
    high: float | None
    unit: str
    surface: str
    start: int
    end: int
    qualifier: str = "exact"
    direction: str | None = None  # "up" / "down" for a stated rise or fall by an amount
    vague: bool = False  # "dozens of", "millions of": a quantity, but no claim
    # The value of one step in the last stated digit, scale applied ("3.5 million": 100000);
    # the claim layer turns it into an interval "up to rounding".
    step: float | None = None
    spelled: bool = False  # written in words ("three", "a dozen")
    fraction: bool = False  # a part of a whole: "half of", "a third of", "one in five"

    @property
    def change(self) -> str:
        """The quantity layer's bound or change symbol: = ~ > < up down."""
        return self.direction or CHANGE_OF_QUALIFIER[self.qualifier]


@dataclass(frozen=True)
class Period:
    """The time a figure refers to; `start`/`end` are ISO prefixes (YYYY, YYYY-MM, YYYY-MM-DD)."""

    start: str | None
    end: str | None
    text: str
    resolved: bool = True  # False for "last year" when the publication date is unknown


@dataclass(frozen=True)
class Claim:
    """One recorded claim with its provenance; offsets point into the document text."""

    kind: str  # numeric | title | event_date
    subject: str | None
    metric: str
    object: str | None
    value: float | None
    unit: str
    qualifier: str
    low: float | None
    high: float | None
    period_start: str | None
    period_end: str | None
    period_text: str | None
    attributed_to: str | None
    quote: str
    char_start: int
    char_end: int
    surface: str  # the figure (or title / date) as written
    surface_start: int
    surface_end: int
    stated_value: float | None = None  # before unit conversion
    stated_unit: str | None = None
    value_text: str | None = None  # non-numeric claims: the title or date as a value
    subject_alias: str | None = None  # the subject as written, when resolution renamed it
    # a figure nobody owns (no subject, and not the world's): whose it is, only its document
    # can tell, so it is compared only with the figures of its own document
    local: bool = False
    # where the subject came from: stated (in the sentence), document title, event (the event
    # the report is about), most-named place (a guess); None without a subject
    subject_how: str | None = None
    # the measure it names, one name for every wording of it (compare.measures): 'missing
    # people' and 'number of people missing' are 'miss'; claims are linked by it
    measure: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str, str | None]:
        """What makes two claims comparable: kind, subject, metric, object."""
        return (self.kind, self.subject, self.metric, self.object)
