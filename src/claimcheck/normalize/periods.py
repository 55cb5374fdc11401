"""How two periods, or two stated dates, stand to each other: whether they overlap, whether one
lies within the other, whether two dates can be one day. The comparison stage reads them."""

from __future__ import annotations

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
