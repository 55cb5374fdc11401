"""Reference figures: parse an authoritative CSV, and check claims against it.

A reference row reads like a claim: subject, metric, object, a value with its unit and
qualifier, and the period it is for (`2022` or `2014-2017`). Its value becomes an interval the
same way a claim's does (`claimcheck.normalize.units.convert`): "74" exact is [73.5, 74.5], the
rounding of its digits; "over 70" is [70, 100] for a share.

A claim is checked against the references with the same key (subject, metric, object and
canonical unit, compared case-insensitively) and the same period, in whole years. It is
`consistent` when its interval overlaps the reference's, `inconsistent` when it does not, and
`no_reference` when no reference covers its period (or it states none).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from claimcheck.lexicon import Lexicon
from claimcheck.model import QUALIFIERS, Quantity
from claimcheck.normalize.units import convert
from claimcheck.verdicts.errors import ReferenceFileError, RowProblem

COLUMNS = ("subject", "metric", "object", "value", "unit", "qualifier", "period", "source_name", "source_url")
OPTIONAL_COLUMNS = ("note",)
RESULTS = ("consistent", "inconsistent", "no_reference")
_PERIOD = re.compile(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?")
_EPS = 1e-9

Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class Reference:
    """One authoritative figure, its unit canonical and its value an interval."""

    line: int
    subject: str
    metric: str
    object: str | None
    value: float
    value_text: str
    unit: str
    qualifier: str
    low: float | None
    high: float | None
    period_start: str
    period_end: str
    source_name: str
    source_url: str | None = None
    note: str | None = None
    dataset: str = ""

    @property
    def key(self) -> Key:
        return key_of(self.subject, self.metric, self.object, self.unit)

    @property
    def period(self) -> str:
        return self.period_start if self.period_start == self.period_end else f"{self.period_start}-{self.period_end}"


def key_of(subject: str | None, metric: str | None, obj: str | None, unit: str | None) -> Key:
    """What makes a claim and a reference comparable, case and spacing ignored."""

    def norm(s: str | None) -> str:
        return " ".join((s or "").split()).casefold()

    return norm(subject), norm(metric), norm(obj), (unit or "").strip()


# -- parsing ---------------------------------------------------------------------------
def parse_references(text: str, lex: Lexicon, name: str = "references.csv") -> list[Reference]:
    """Every row of a reference CSV, or a ReferenceFileError listing each bad line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ReferenceFileError(name, [RowProblem(1, "the file is empty; expected a header row")]) from None
    except csv.Error as e:
        raise ReferenceFileError(name, [RowProblem(1, f"not readable as CSV ({e})")]) from None
    cols = [h.strip().lower() for h in header]
    wrong = _header_problems(header, cols)
    if wrong:
        expected = ", ".join(COLUMNS) + " (and optionally " + ", ".join(OPTIONAL_COLUMNS) + ")"
        raise ReferenceFileError(name, [RowProblem(1, "; ".join(wrong) + f"; expected {expected}")])
    refs: list[Reference] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[Key, str, str], int] = {}
    for line, cells in _rows(reader, problems):
        problem, ref = _accepted(cells, cols, line, lex, seen)
        if problem is not None:
            problems.append(RowProblem(line, problem))
        elif ref is not None:
            refs.append(ref)
    if problems:
        raise ReferenceFileError(name, problems)
    if not refs:
        raise ReferenceFileError(name, [RowProblem(reader.line_num or 1, "no figures below the header")])
    return refs


def _header_problems(header: list[str], cols: list[str]) -> list[str]:
    """What is wrong with a header row: missing, unknown and repeated columns."""
    missing = [c for c in COLUMNS if c not in cols]
    unknown = [h for h, c in zip(header, cols, strict=True) if c not in COLUMNS + OPTIONAL_COLUMNS]
    dupes = sorted({c for c in cols if cols.count(c) > 1})
    what = []
    if missing:
        what.append("missing column" + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
    if unknown:
        what.append("unknown column" + ("s " if len(unknown) > 1 else " ") + ", ".join(repr(u) for u in unknown))
    if dupes:
        what.append("repeated column" + ("s " if len(dupes) > 1 else " ") + ", ".join(dupes))
    return what


def _rows(reader: Any, problems: list[RowProblem]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row after the header; a row that is not CSV ends the
    reading, as a problem at its line."""
    last = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            problems.append(RowProblem(last + 1, f"not readable as CSV ({e})"))
            return
        line, last = last + 1, reader.line_num
        yield line, cells


def _accepted(
    cells: list[str], cols: list[str], line: int, lex: Lexicon, seen: dict[tuple[Key, str, str], int]
) -> tuple[str | None, Reference | None]:
    """A row's problem, or its reference (neither for a blank row); `seen` notes where each
    (key, period) was first given, so a repeat is a problem."""
    if not any(c.strip() for c in cells):
        return None, None
    if len(cells) != len(cols):
        return f"has {len(cells)} cells but the header has {len(cols)}", None
    row = dict(zip(cols, (c.strip() for c in cells), strict=True))
    ref, errs = _parse_row(row, line, lex)
    if errs:
        return "; ".join(errs), None
    assert ref is not None
    ident = (ref.key, ref.period_start, ref.period_end)
    if ident in seen:
        return f"the same subject, metric, object, unit and period as line {seen[ident]}", None
    seen[ident] = line
    return None, ref


def _parse_row(row: dict[str, str], line: int, lex: Lexicon) -> tuple[Reference | None, list[str]]:
    errs: list[str] = []
    for col in ("subject", "metric", "value", "period", "source_name"):
        if not row[col]:
            errs.append(f"{col} is empty")
    value = step = None
    if row["value"]:
        value, step = _number(row["value"])
        if value is None:
            errs.append(f"value {row['value']!r} is not a number (write digits like 74 or 1200.5)")
    qualifier = _qualifier(row["qualifier"], lex)
    if qualifier is None:
        errs.append(f"qualifier {row['qualifier']!r} is not one of {', '.join(QUALIFIERS)} (empty means exact)")
    period = None
    if row["period"]:
        period = _period(row["period"])
        if period is None:
            errs.append(f"period {row['period']!r} is not a year or a span of years (2022, 2014-2017)")
    url = row["source_url"] or None
    if url and not re.match(r"https?://\S+$", url):
        errs.append(f"source_url {url!r} is not an http(s) address")
    unit = _unit_symbol(row["unit"], lex)
    if errs or value is None or qualifier is None or period is None:
        return None, errs
    q = Quantity(value, None, None, unit, row["value"], 0, 0, qualifier=qualifier, step=step)
    conv = convert(q, lex)
    assert conv.value is not None
    return (
        Reference(
            line=line,
            subject=row["subject"],
            metric=row["metric"],
            object=row["object"] or None,
            value=conv.value,
            value_text=row["value"],
            unit=conv.unit,
            qualifier=qualifier,
            low=conv.low,
            high=conv.high,
            period_start=period[0],
            period_end=period[1],
            source_name=row["source_name"],
            source_url=url,
            note=row.get("note") or None,
        ),
        [],
    )


def _number(text: str) -> tuple[float | None, float | None]:
    """The value and one step of its last stated digit ("74.5" is 74.5 and 0.1)."""
    try:
        d = Decimal(text.replace(",", "").replace("_", ""))
    except InvalidOperation:
        return None, None
    if not d.is_finite() or not math.isfinite(float(d)):  # "1e309": a Decimal, but no float
        return None, None
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int)
    return float(d), float(Decimal(1).scaleb(exponent))


def _qualifier(text: str, lex: Lexicon) -> str | None:
    t = " ".join(text.lower().replace("_", " ").split())
    if not t:
        return "exact"
    if t.replace(" ", "_") in QUALIFIERS:
        return t.replace(" ", "_")
    return lex.qualifier_of.get(t)


def _period(text: str) -> tuple[str, str] | None:
    m = _PERIOD.fullmatch(text.strip())
    if not m:
        return None
    start, end = m.group(1), m.group(2) or m.group(1)
    return (start, end) if start <= end else None


def _unit_symbol(text: str, lex: Lexicon) -> str:
    """The quantity layer's symbol for a unit as written ('percent' is '%'); else as written."""
    u = text.strip()
    if not u or u in lex.units:
        return u
    sym = lex.unit_names_cs.get(u) or lex.unit_names.get(u.lower())
    if sym:
        return sym
    code = lex.currency_symbols.get(u) or lex.currency_names.get(u.lower())
    if code:
        return code
    if u.upper() in lex.currency_codes:
        return lex.currency_codes[u.upper()]
    return u


# -- checking --------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimFigure:
    """What checking needs of a numeric claim."""

    claim_id: int
    source: str
    subject: str | None
    metric: str
    object: str | None
    unit: str | None
    value: float | None
    qualifier: str
    low: float | None
    high: float | None
    period_start: str | None
    period_end: str | None
    surface: str

    @property
    def key(self) -> Key:
        return key_of(self.subject, self.metric, self.object, self.unit)

    @property
    def period(self) -> str:
        a, b = self.period_start, self.period_end
        if not a and not b:
            return "no period"
        return a if a == b else f"{a or ''}-{b or ''}"


@dataclass(frozen=True)
class CheckResult:
    """A claim against one reference (or against none, with the reason in `note`)."""

    claim: ClaimFigure
    result: str  # consistent | inconsistent | no_reference
    reference: Reference | None
    note: str = ""

    def as_row(self) -> dict[str, object]:
        c, r = self.claim, self.reference
        return {
            "claim_id": c.claim_id,
            "source": c.source,
            "subject": c.subject,
            "metric": c.metric,
            "object": c.object,
            "unit": c.unit,
            "value": c.value,
            "qualifier": c.qualifier,
            "low": c.low,
            "high": c.high,
            "period_start": c.period_start,
            "period_end": c.period_end,
            "surface": c.surface,
            "result": self.result,
            "reference_value": r.value if r else None,
            "reference_qualifier": r.qualifier if r else None,
            "reference_low": r.low if r else None,
            "reference_high": r.high if r else None,
            "reference_period": r.period if r else None,
            "reference_source": r.source_name if r else None,
            "reference_url": r.source_url if r else None,
            "dataset": r.dataset if r else None,
            "dataset_line": r.line if r else None,
            "note": self.note,
        }


CHECK_COLUMNS = [
    "claim_id",
    "source",
    "subject",
    "metric",
    "object",
    "unit",
    "value",
    "qualifier",
    "low",
    "high",
    "period_start",
    "period_end",
    "surface",
    "result",
    "reference_value",
    "reference_qualifier",
    "reference_low",
    "reference_high",
    "reference_period",
    "reference_source",
    "reference_url",
    "dataset",
    "dataset_line",
    "note",
]


def year_period(start: str | None, end: str | None) -> tuple[str, str] | None:
    """A claim's period as whole years ('2014', '2017'), or None if undated or finer than a year."""
    if not start:
        return None
    end = end or None
    if end is None or not (re.fullmatch(r"\d{4}", start) and re.fullmatch(r"\d{4}", end)):
        return None
    return start, end


def overlap(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """Whether two intervals (None = unbounded on that side) share a point."""
    alo = -math.inf if a[0] is None else a[0]
    ahi = math.inf if a[1] is None else a[1]
    blo = -math.inf if b[0] is None else b[0]
    bhi = math.inf if b[1] is None else b[1]
    return alo <= bhi + _EPS and blo <= ahi + _EPS


def check(claims: Iterable[ClaimFigure], references: Sequence[Reference]) -> list[CheckResult]:
    """Each claim whose key has references, against the references for its period."""
    by_key: dict[Key, dict[tuple[str, str], list[Reference]]] = {}
    for r in references:
        by_key.setdefault(r.key, {}).setdefault((r.period_start, r.period_end), []).append(r)
    out: list[CheckResult] = []
    for c in sorted(claims, key=lambda c: c.claim_id):
        periods = by_key.get(c.key)
        if not periods:
            continue
        span = year_period(c.period_start, c.period_end)
        known = ", ".join(p if p == q else f"{p}-{q}" for p, q in sorted(periods))
        if span is None:
            why = "claim has no period" if not c.period_start else f"claim period {c.period} is not whole years"
            out.append(CheckResult(c, "no_reference", None, f"{why}; references: {known}"))
            continue
        refs = periods.get(span)
        if not refs:
            out.append(CheckResult(c, "no_reference", None, f"none for {c.period}; references: {known}"))
            continue
        interval = (c.low, c.high) if (c.low is not None or c.high is not None) else (c.value, c.value)
        for r in sorted(refs, key=lambda r: (r.dataset, r.line)):
            ok = overlap(interval, (r.low, r.high))
            out.append(CheckResult(c, "consistent" if ok else "inconsistent", r))
    return out
