"""How two periods, or two stated dates, stand to each other: whether they overlap, whether one
lies within the other, whether two dates can be one day. The comparison stage reads them."""

from __future__ import annotations

import calendar
import datetime
import functools
import re

from claimcheck.normalize.time import _MONTHS


def overlaps(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two periods (ISO prefixes, open ends allowed) share any time."""
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    return a0 <= b1 and b0 <= a1


def _bounds(p: tuple[str | None, str | None]) -> tuple[str, str]:
    """Comparable (low, high) strings: '2021' spans 2021-00-00 .. 2021-99-99."""
    start, end = p
    lo = start + "-00-00"[len(start) - 4 :] if start else "0000-00-00"
    if end is None:
        return lo, "9999-99-99" if start else "9999-99-99"
    return lo, end + "-99-99"[len(end) - 4 :]


def nested(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether one of two closed periods of months or longer lies within the other and is
    shorter: a quarter of a year, a year of 2019-2023. Their figures are two figures (a
    quarter's unemployment rate is not the year's), where a day in a year is a figure as of
    that day, and overlapping periods are one time."""
    if None in a or None in b or any(len(x or "") > 7 for x in (*a, *b)):
        return False
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    return (alo, ahi) != (blo, bhi) and ((alo <= blo and bhi <= ahi) or (blo <= alo and ahi <= bhi))


def dates_compatible(a: str, b: str) -> bool:
    """Whether two stated dates can be the same day: 'June' ~ 'June 12'; 'Wednesday' ~ anything."""
    return all(x is None or y is None or x == y for x, y in zip(_fields(a), _fields(b), strict=True))


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WORD_DATE = re.compile(r"([A-Z][a-z]+)(?: (\d{1,2}))?(?:,? (\d{4}))?")


@functools.lru_cache(maxsize=1 << 14)  # a group compares each of its dates with many others
def _fields(v: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a stated date, None where it does not say."""
    iso = _ISO_DATE.fullmatch(v)
    if iso:
        return (int(iso.group(1)), *(int(g) if g else None for g in iso.group(2, 3)))
    m = _WORD_DATE.fullmatch(v)
    if m and m.group(1).lower() in _MONTHS:
        year, day = m.group(3), m.group(2)
        return (int(year) if year else None, _MONTHS[m.group(1).lower()], int(day) if day else None)
    return (None, None, None)


def one_before(period: str, span: str) -> str | None:
    """The period one `span` (day, week, month or year) before an ISO `period`, at its
    precision: '2031-02-08' a week before is '2031-02-01'; '2031-03' a month before is
    '2031-02'; '2031' a year before is '2030'. None when the span is finer than the period
    ('2031' a week before) or the period is no date.

    >>> one_before("2031-03-01", "month"), one_before("2031-01", "month"), one_before("2031", "week")
    ('2031-02-01', '2030-12', None)
    """
    iso = _ISO_DATE.fullmatch(period)
    if iso is None:
        return None
    year, month, day = (int(g) if g else None for g in iso.groups())
    if span == "year":
        return f"{year - 1}" + period[4:]
    if month is None:
        return None
    if span == "month":
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return f"{year:04d}-{month:02d}" + (
            "" if day is None else f"-{min(day, calendar.monthrange(year, month)[1]):02d}"
        )
    if day is None or span not in ("week", "day"):
        return None
    shifted = datetime.date(year, month, day) - datetime.timedelta(days=7 if span == "week" else 1)
    return shifted.isoformat()


# "a year earlier", "the week before", "in the previous month", "a month ago": one span back
SPAN_EARLIER = re.compile(
    r"\s+(?:a|one|the)\s+(?:previous\s+)?(day|week|month|year)(?:\s*(?:earlier|before|prior|ago)\b)?"
    r"|\s+in\s+the\s+previous\s+(day|week|month|year)\b"
)


EARLIER = "earlier"  # the period of an earlier value no span or date is said of ("down from 1,000")


def span_back(phrase: str) -> str | None:
    """The span a phrase says a figure is earlier by ('the week before': week), or None."""
    m = SPAN_EARLIER.fullmatch(" " + phrase.strip())
    return next((g for g in m.groups() if g), None) if m else None
