"""Time: calendar dates and the periods figures refer to.

Relative expressions ("last year") are resolved against the publication date passed in,
never against today's date; without one they are kept unresolved, with their phrase.

    >>> [p.start for p in find_periods("from 80% in 2014-2017 to 74% in 2018", None)]
    ['2014', '2018']
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.lexicon import fold
from claimcheck.model import Period

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}  # the calendar is not a lexicon: English month names are fixed
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = r"(" + _MONTH_NAMES + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(1[5-9]\d\d|20\d\d|21\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"

_DATE_PATTERNS = [
    (re.compile(_DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"), ("d", "m", "y")),
    (re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"), ("m", "d", "y")),
    (re.compile(r"\b" + _YEAR + r"-(\d{2})-(\d{2})\b"), ("y", "mn", "d")),
    (re.compile(_MONTH + r",?\s+" + _YEAR + r"\b"), ("m", "y")),
]


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """An ISO date as precise as given, or None unless it is a real day of the calendar
    (no month 13, no 30 February, no year 0: "last year" would become year -1)."""
    try:
        datetime.date(y, 1 if m is None else m, 1 if d is None else d)
    except ValueError:
        return None
    if d is not None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if m is not None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}"


_ISO_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def stated_date(text: str) -> str | None:
    """A date a user typed ("2024-03-12", "2024-03", "2024", or "12 March 2024") as ISO, or
    None when it is no date: an ISO shape must be a real date ("2024-13-45" is not)."""
    iso = _ISO_SHAPE.fullmatch(text.strip())
    if iso:
        y, m, d = (int(g) if g else None for g in iso.groups())
        return _iso(y, m, d)  # type: ignore[arg-type]
    return parse_date(text)


def parse_date(text: str) -> str | None:
    """The first calendar date in `text`, as an ISO string as precise as stated.

    >>> parse_date("Published: 21 April 2025")
    '2025-04-21'
    """
    for rx, order in _DATE_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        y = int(parts["y"])
        mo = int(parts["mn"]) if "mn" in parts else _MONTHS[fold(parts["m"]).rstrip(".")]
        d = int(parts["d"]) if "d" in parts else None
        return _iso(y, mo, d)
    return None


_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?![\d.])")


def parse_numeric_date(text: str) -> str | None:
    """The first all-digit date in `text` ("12.05.2031", "2031/05/12", "12/5/2031") as an ISO
    day; None when there is none or it could be read two ways. Dots are day first (the
    European way); slashes are read only when one of day and month is over 12.

    >>> parse_numeric_date("Published 12.05.2031"), parse_numeric_date("05/12/2031")
    ('2031-05-12', None)
    """
    m = _NUMERIC_DATE.search(text)
    if m is None:
        return None
    a, sep, b, c = m.groups()
    if len(a) == 4:  # year first: 2031/05/12, 2031.05.12
        return _iso(int(a), int(b), int(c)) if len(c) <= 2 else None
    if len(c) != 4:
        return None  # a two-digit year: 12.05.31 is too easily a version or a score
    day_first = sep == "." or int(a) > 12
    if sep != "." and int(a) <= 12 and int(b) <= 12 and a != b:
        return None  # 05/12/2031: 5 December or May 12
    d, mo = (int(a), int(b)) if day_first else (int(b), int(a))
    return _iso(int(c), mo, d)


@dataclass(frozen=True)
class PeriodSpan:
    """A period and where its phrase stands in the sentence."""

    period: Period
    start: int
    end: int


def _year2(first: str, second: str) -> str:
    return first[:2] + second if len(second) == 2 else second


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_COUNTS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# (kind, pattern, words): a pattern runs only on text that contains one of its words (in
# lower case; none listed: no word needed). Most sentences name no month, quarter or fiscal
# year, and a substring test costs far less than running a pattern along the text.
_PERIOD_RX: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (
        "range",
        re.compile(r"\b(?:between|from)\s+" + _YEAR + r"\s+(?:and|to|until|through)\s+" + _YEAR + r"\b"),
        ("between", "from"),
    ),
    ("range", re.compile(r"\b" + _YEAR + r"\s*[-–/]\s*(\d{4}|\d\d)\b(?!\s*%)"), ()),
    (
        "quarter",
        re.compile(
            r"\b(?:Q([1-4])|(first|second|third|fourth)[- ]quarter(?:\s+of)?)\s*,?\s+(?:fiscal\s+)?" + _YEAR + r"\b",
            re.I,
        ),
        ("q",),
    ),
    ("half", re.compile(r"\b(?:H([12])|(first|second) half(?:\s+of)?)\s+" + _YEAR + r"\b", re.I), ("h1", "h2", "half")),
    (  # "the fiscal year ended March 31, 2024", "the 12 months to June 2023": the months up to it
        "ending",
        re.compile(
            r"\b(?:(?:fiscal|financial)\s+)?(?:year|(\d{1,2}|three|six|nine|twelve)\s+months)\s+"
            r"(?:ended|ending|to|through)\s+(?:"
            + _DAY
            + r"\s+)?"
            + _MONTH
            + r"(?:\s+"
            + _DAY
            + r")?,?\s+"
            + _YEAR
            + r"\b",
            re.I,
        ),
        ("ended", "ending", " to ", "through"),
    ),
    ("day", re.compile(_DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"), _MONTH_WORDS),
    ("day", re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"), _MONTH_WORDS),
    ("month", re.compile(_MONTH + r",?\s+" + _YEAR + r"\b"), _MONTH_WORDS),
    ("since", re.compile(r"\bsince\s+" + _YEAR + r"\b", re.I), ("since",)),
    ("fiscal", re.compile(r"\b(?:fiscal(?:\s+year)?|FY)\s*'?(\d{4}|\d\d)\b", re.I), ("fiscal", "fy")),
    ("year", re.compile(r"(?<![\d,.$€£-])\b" + _YEAR + r"\b(?![.,]\d|\s*%|-\w)"), ()),
    ("relative_month", re.compile(r"\b(last|previous|this|current|next)\s+month\b", re.I), ("month",)),
    (  # "in February" with no year: the last February up to the publication date
        "bare_month",
        re.compile(r"(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bfor\s))(" + _MONTH_NAMES + r")\b(?!\s*,?\s*\d)"),
        _MONTH_WORDS,
    ),
    (  # "as of March 12", "the week that ended February 8": that day of the reference's year
        "bare_day",
        re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?!,?\s*\d)"),
        _MONTH_WORDS,
    ),
    (  # "since 2 March", "as of 12 March": the same, day first
        "bare_day_first",
        re.compile(r"(?<![\d,.])\b" + _DAY + r"\s+" + _MONTH + r"\b(?!,?\s*\d)"),
        _MONTH_WORDS,
    ),
    (
        "relative",
        re.compile(
            r"\b(last|previous|past|this|current|next|prior|preceding)\s+year\b|\ba\s+year\s+(?:earlier|ago|before)\b",
            re.I,
        ),
        ("year",),
    ),
]
_RELATIVE_OFFSET = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "prior": -1,
    "preceding": -1,
    "this": 0,
    "current": 0,
    "next": 1,
}


_DIGIT = re.compile(r"\d")
_ANY_YEAR = re.compile(r"1[5-9]\d\d|2[01]\d\d")  # what _YEAR matches, anywhere
_WITHOUT_DIGITS = frozenset({"relative", "relative_month", "bare_month"})
_WITHOUT_YEAR = _WITHOUT_DIGITS | {"fiscal", "bare_day", "bare_day_first"}  # "FY24", "March 12", "12 March"


# "the highest level since 2011", "the first drop since 2015": the year is what the figure is
# compared with, not when it was measured
_BASELINE = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|strongest|weakest|fastest|slowest|sharpest|steepest|"
    r"deepest|greatest|fewest|best|worst|most|least|first|warmest|hottest|coldest|driest|wettest|record)"
    r"\b(?:\s+[\w-]+){0,3}\s+$",
    re.I,
)


_SINCE_BEFORE = re.compile(
    r"\bsince\s+(?:(?:records|record-keeping|measurements|data)\s+(?:began|started)\s+in\s+)?$", re.I
)
# "10.1% lower than in 2022", "rose 3.8% from a year earlier", "from the same period of 2024",
# "a 12% increase from that in 2028"
_THAN_BEFORE = re.compile(
    r"\b(?:than|from|compared\s+(?:with|to)|versus|vs\.?)\s+(?:in\s+|during\s+|(?:that|those)\s+(?:in|of|for|during)\s+|the\s+same\s+"
    r"(?:period|month|quarter|time)\s+(?:of|in|a|last)\s+)?$",
    re.I,
)


# "since Andrew in", "than the Cloquet fire in": the time of another named thing a figure is
# compared with
_NAMED_BEFORE = re.compile(
    r"\b(?:since|than)\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*\s+(?:[a-z][\w'’-]*\s+){0,2}(?:in|of)\s+$"
)


def _is_baseline(text: str, kind: str, m: re.Match[str]) -> bool:
    """Whether a period phrase names what a figure is compared with, not when it was
    measured: 'its highest level since October 2021', '10.1% lower than in 2022', 'since
    Andrew in 1992'."""
    since = (m.start(), m.start()) if kind == "since" else None  # ("since 2015": its own "since")
    if since is None and (before := _SINCE_BEFORE.search(text, max(0, m.start() - 40), m.start())):
        since = (before.start(), m.start())
    if since is not None and _BASELINE.search(text, max(0, since[0] - 60), since[0]):
        return True
    if _NAMED_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return True  # "the first Category 5 storm since Andrew in 1992": Andrew's year
    return _THAN_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None


def find_periods(text: str, published: str | None) -> list[PeriodSpan]:
    """Every period phrase in `text`, non-overlapping, in order of position."""
    found: list[PeriodSpan] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    digits = _DIGIT.search(text) is not None
    year = digits and _ANY_YEAR.search(text) is not None
    lower = fold(text)  # as re.I compares ("ſince" and "sınce" are "since")
    for kind, rx, words in _PERIOD_RX:
        if (not year and kind not in _WITHOUT_YEAR) or (not digits and kind not in _WITHOUT_DIGITS):
            continue  # every other pattern needs a year
        if words and not any(w in lower for w in words):
            continue
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if _is_baseline(text, kind, m):
                taken.append((m.start(), m.end()))  # a record's baseline, not the figure's period
                continue
            p = _period_of(kind, m, published)
            if p is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(PeriodSpan(p, m.start(), m.end()))
    found.sort(key=lambda s: s.start)
    return [_cumulative(text, span, published) for span in _months_after_a_dated_month(found)]


_SINCE_BEFORE_SPAN = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def _cumulative(text: str, span: PeriodSpan, published: str | None) -> PeriodSpan:
    """A count 'since September 30, 2025' (or 'since 2019') runs from that time to when the
    text was written: its period starts there and ends at the publication date, when that is
    known and later (a report of February 2026 covers 2025-09-30..2026-02-05)."""
    p = span.period
    own = p.text.lower().startswith("since")
    before = None if own else _SINCE_BEFORE_SPAN.search(text, max(0, span.start - 12), span.start)
    if not (own or before) or p.start is None:
        return span
    end = published if published and published[: len(p.start)] >= p.start else None
    start = before.start() if before else span.start
    return PeriodSpan(Period(p.start, end, text[start : span.end], p.resolved), start, span.end)


def _months_after_a_dated_month(found: list[PeriodSpan]) -> list[PeriodSpan]:
    """A month without a year after a month with one, in one sentence, is of that year or
    the one before ("6.4% in October 2024, down from 6.5% in September": September 2024),
    when no publication date resolved it."""
    anchor: str | None = None
    out = []
    for span in found:
        p = span.period
        if p.resolved and p.start and len(p.start) == 7 and p.end == p.start:
            anchor = p.start
        elif not p.resolved and anchor and fold(p.text) in _MONTHS:
            y, mo = int(anchor[:4]), _MONTHS[fold(p.text)]
            iso = _iso(y if mo <= int(anchor[5:7]) else y - 1, mo)
            span = PeriodSpan(Period(iso, iso, p.text), span.start, span.end)
        out.append(span)
    return out


_Groups = tuple[str | None, ...]


def _range_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A range of years ("2030-35", "from 2030 to 2035"); none unless the second is later."""
    a, b = g[0], _year2(g[0], g[1])
    if int(b) <= int(a):
        return None
    return Period(a, b, text)


def _quarter_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A quarter ("Q3 2030", "third quarter of 2030"): its three months (a fiscal one: its year)."""
    if "fiscal" in fold(text):
        # a company's fiscal quarters are not the calendar's (Apple's fourth ends in
        # September): the fiscal year is all that can be said for sure
        return Period(g[2], g[2], text)
    q = _QUARTERS[fold(g[0] or g[1])]
    y = int(g[2])
    return Period(_iso(y, 3 * q - 2), _iso(y, 3 * q), text)


def _half_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A half of a year ("H1 2030", "the second half of 2030"): its six months."""
    h = 1 if fold(g[0] or g[1]) in ("1", "first") else 2
    y = int(g[2])
    return Period(_iso(y, 6 * h - 5), _iso(y, 6 * h), text)


def _day_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A full date, "7 May 2030" or "May 7, 2030"; none when no such day exists."""
    if g[0].isdigit():
        d, mo, y = int(g[0]), _MONTHS[fold(g[1])], int(g[2])
    else:
        mo, d, y = _MONTHS[fold(g[0])], int(g[1]), int(g[2])
    iso = _iso(y, mo, d)
    return Period(iso, iso, text) if iso else None


def _ending_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A span of months ending at a month ("the twelve months ending June 2030", "the year
    ended June 2030"): from the first of those months to the last; none beyond a year."""
    months = 12 if g[0] is None else _MONTH_COUNTS.get(fold(g[0])) or int(g[0])
    y, mo = int(g[4]), _MONTHS[fold(g[2])]
    if not 1 <= months <= 12:
        return None
    first = y * 12 + mo - months  # months since year 0 of the first month, less one
    return Period(_iso(first // 12, first % 12 + 1), _iso(y, mo), text)


def _month_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A month of a year ("June 2030")."""
    iso = _iso(int(g[1]), _MONTHS[fold(g[0])])
    return Period(iso, iso, text)


def _since_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A time since a year ("since 2030"): open at its end."""
    return Period(g[0], None, text)


def _fiscal_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A fiscal year ("FY2030", "FY30"): its year, widened from two digits."""
    y = g[0] if len(g[0]) == 4 else "20" + g[0]
    return Period(y, y, text)


def _year_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A year ("in 2030")."""
    return Period(g[0], g[0], text)


def _relative_month_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A month named from the publication month ("last month"); unresolved without one."""
    if published is None or len(published) < 7:
        return Period(None, None, text, resolved=False)
    y, mo = int(published[:4]), int(published[5:7]) + _RELATIVE_OFFSET.get(fold(g[0]), -1)
    y, mo = (y - 1, 12) if mo == 0 else (y + 1, 1) if mo == 13 else (y, mo)
    iso = _iso(y, mo)
    return Period(iso, iso, text)


def _bare_month_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A month without its year ("in June"): the latest such month up to the publication
    month; unresolved without one. Its text is the month's name alone."""
    if published is None or len(published) < 7:
        return Period(None, None, g[0], resolved=False)
    y, mo = int(published[:4]), _MONTHS[fold(g[0])]
    iso = _iso(y if mo <= int(published[5:7]) else y - 1, mo)
    return Period(iso, iso, g[0])


def _bare_day_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A day without its year, month first ("as of June 7")."""
    return _bare_day(_MONTHS[fold(g[0])], int(g[1]), text, published)


def _bare_day_first_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A day without its year, day first ("as of 7 June")."""
    return _bare_day(_MONTHS[fold(g[1])], int(g[0]), text, published)


def _relative_period(g: _Groups, text: str, published: str | None) -> Period | None:
    """A year named from the publication date ("last year"); unresolved without one."""
    word = fold(g[0] or "last")
    if published is None:
        return Period(None, None, text, resolved=False)
    y = str(int(published[:4]) + _RELATIVE_OFFSET.get(word, -1))
    return Period(y, y, text)


_PERIOD_OF_KIND: dict[str, Callable[[_Groups, str, str | None], Period | None]] = {
    "range": _range_period,
    "quarter": _quarter_period,
    "half": _half_period,
    "day": _day_period,
    "ending": _ending_period,
    "month": _month_period,
    "since": _since_period,
    "fiscal": _fiscal_period,
    "year": _year_period,
    "relative_month": _relative_month_period,
    "bare_month": _bare_month_period,
    "bare_day": _bare_day_period,
    "bare_day_first": _bare_day_first_period,
    "relative": _relative_period,
}


def _period_of(kind: str, m: re.Match[str], published: str | None) -> Period | None:
    """The period a match of one of the patterns names, by the rule for its kind; its words
    are looked up folded (the patterns are re.I, which matches "ſecond" and "fİrst")."""
    rule = _PERIOD_OF_KIND.get(kind)
    return rule(m.groups(), m.group(), published) if rule else None


def _bare_day(month: int, day: int, text: str, published: str | None) -> Period | None:
    """A day named without its year is that day nearest the reference date (a report dated
    December 10 saying "as of December 7"; in January, "as of December 30" of the year
    before; a report whose only date is a caption of January 30 saying "February 8")."""
    if published is None or len(published) < 7:
        return Period(None, None, text, resolved=False)
    y, ref_month = int(published[:4]), int(published[5:7])
    ref = y * 372 + ref_month * 31 + (int(published[8:10]) if len(published) >= 10 else 15)
    year = min((y - 1, y, y + 1), key=lambda c: abs(c * 372 + month * 31 + day - ref))
    iso = _iso(year, month, day)
    return Period(iso, iso, text) if iso else None


def latest_stated_date(text: str) -> str | None:
    """The latest full date (day, month and year) a text states: the time a report without a
    publication date is as of ("Rescuers search a flooded street, May 3, 2031")."""
    days = []
    for rx in _FULL_DATES:  # (the two day patterns alone: a whole document is long)
        for m in rx.finditer(text):
            p = _period_of("day", m, None)
            if p is not None and p.start:
                days.append(p.start)
    return max(days) if days else None


_FULL_DATES = [rx for kind, rx, _ in _PERIOD_RX if kind == "day"]
