"""Units: convert a stated quantity to its canonical unit, and make its value an interval.

"over 90%" is (90, 100]; "59 percent" is 59 up to the rounding of its stated digits
([58.5, 59.5]); "about 40%" is 40 give or take a tenth; "nearly 100%" is [90, 100].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimcheck.lexicon import Lexicon
from claimcheck.model import Quantity

APPROX_SPREAD = 0.1  # "about X": X ± 10%
NEARLY_SPREAD = 0.1  # "nearly X": [X - 10%, X]


@dataclass(frozen=True)
class Converted:
    value: float | None
    unit: str
    low: float | None
    high: float | None
    dimension: str


def dimension_of(unit: str, lex: Lexicon) -> str:
    """'percent', 'length', ... for lexicon units; 'currency' for ISO codes; else 'count'."""
    info = lex.unit(unit)
    if info:
        return info.dimension
    if unit in lex.currency_codes.values():
        return "currency"
    money, _, per = unit.partition("/")
    if per and money in lex.currency_codes.values():
        # "$80 a barrel" is a price; "$80,000 a year" or "$15 an hour" is money over time
        return "currency" if per in _TIME_UNITS else "price"
    if per in _TIME_UNITS and lex.unit(money):
        return "flow"  # "300 tonnes a day", "5 GWh a year": a measure over time
    if per and lex.unit(money) and lex.unit(per):
        return "ratio"  # "3.4 t/ha", "14.2 cents/kWh", "5 mg/kg": a measure per another
    return "count" if unit else "number"


_TIME_UNITS = frozenset(["hour", "day", "week", "month", "year", "minute", "second", "night"])


def count_unit(noun: str, lex: Lexicon) -> str:
    """One name for counted things that are the same: 'cars' -> 'vehicles' (data/units.json)."""
    return lex.count_synonyms.get(noun.lower(), noun)


def convert(q: Quantity, lex: Lexicon) -> Converted:
    """The quantity in its dimension's canonical unit, with its interval."""
    info = lex.unit(q.unit)
    dim = dimension_of(q.unit, lex)
    factor, unit = 1.0, q.unit
    if info:
        unit = lex.canonical.get(info.dimension, info.symbol)
        factor = info.factor if unit != info.symbol else 1.0
    elif dim == "count":
        unit = count_unit(unit, lex)

    def c(x: float | None) -> float | None:
        return None if x is None else _tidy(x * factor)

    if q.value is None:  # a stated range
        return Converted(None, unit, c(q.low), c(q.high), dim)
    v = q.value
    half = (q.step or 0.0) / 2
    bounded = dim == "percent"
    top = 100.0 if bounded and v < 100 else None
    floor = 0.0 if v >= 0 else None
    qual = q.qualifier
    if qual == "exact":
        low, high = v - half, v + half
    elif qual == "approx":
        spread = max(half, abs(v) * APPROX_SPREAD)
        low, high = v - spread, v + spread
    elif qual == "nearly":
        low, high = v - max(half, abs(v) * NEARLY_SPREAD), v
    elif qual in ("over", "at_least"):
        low, high = v, top
    else:  # under, at_most
        low, high = floor, v
    if bounded and 0 <= v <= 100:
        # a share cannot pass 100% or fall below 0; growth rates ("rose 150%") can, so only
        # figures inside [0, 100] are clamped
        high = min(high, 100.0) if high is not None else None
        low = max(low, 0.0) if low is not None else None
    return Converted(c(v), unit, c(low), c(high), dim)


def _tidy(x: float) -> float:
    """Round away binary noise from unit factors (1.609344 * 3.5)."""
    return float(f"{x:.12g}")


@dataclass(frozen=True)
class Stated:
    """A figure in the unit its text used ('160 mph'), from the canonical form it is compared in."""

    value: float | None
    unit: str
    low: float | None
    high: float | None


def as_stated(
    value: float | None,
    unit: str,
    low: float | None,
    high: float | None,
    stated_unit: str | None,
    lex: Lexicon,
    stated_value: float | None = None,
) -> Stated:
    """The figure in the unit the text stated, when `convert` moved it to another unit of its
    dimension: 257.5 km/h stated as 'mph' is 160 mph (`stated_value`, the figure as written,
    when there is one: converting back leaves float noise). Counts, money and figures stated
    in the canonical unit are returned as they are."""
    info = lex.unit(stated_unit) if stated_unit else None
    if info is None or info.symbol == unit or lex.canonical.get(info.dimension) != unit or not info.factor:
        return Stated(value, unit, low, high)

    def back(x: float | None) -> float | None:
        return None if x is None else float(f"{x / info.factor:.10g}")

    said = back(value)
    if said is not None and stated_value is not None and math.isclose(abs(said), abs(stated_value), rel_tol=1e-6):
        said = math.copysign(stated_value, said)  # (a fall is stored negative: "-160 mph")
    return Stated(said, info.symbol, back(low), back(high))
