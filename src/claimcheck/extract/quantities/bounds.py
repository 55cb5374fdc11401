"""Rules over the quantities found in one text: bounds said after a figure, bounds joined
into a range, and a currency's major and minor units read as one sum."""

from __future__ import annotations

import re
from collections.abc import Callable

from claimcheck.extract.quantities.numbers import _currency_units
from claimcheck.lexicon import Lexicon, fold, trie_alternation
from claimcheck.model import Quantity, evolve


def _bound_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The lexicon's trailing bounds ("or more") and what joins a lower and an upper bound
    ("and", "but"), compiled once per lexicon."""
    found = lex.compiled.get("bounds")
    if found is None:
        lang = lex.raw["language"]
        trailing = {fold(p): q for q, phrases in lang.get("trailing_bounds", {}).items() for p in phrases}
        after = re.compile(
            r"[ \t]+(" + trie_alternation(trailing, flexible_space=True) + r")\b(?![ \t]*(?:than[ \t]+)?[-−]?\.?\d)",
            re.I,
        )
        joins = trie_alternation(lang.get("bound_joins", []), flexible_space=True)
        quals = trie_alternation(lex.qualifier_of, flexible_space=True)
        between = re.compile(r"[ \t]*,?[ \t]*(?:" + joins + r")[ \t]+(?:" + quals + r")[ \t]*", re.I)
        found = lex.compiled["bounds"] = (after, between, trailing)
    return found  # type: ignore[no-any-return]


_PLURAL_AFTER = re.compile(r"[ \t]+([a-z][a-z-]*[a-z]s)\b")


def trailing_bound(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """A bound said after the figure: "200 or more" is at least 200, "50 or fewer" at most
    50 (but "5000 or less than 6000" is two figures)."""
    after, _, trailing = _bound_patterns(lex)
    out = []
    for q in found:
        m = after.match(text, q.end) if q.qualifier == "exact" and q.value is not None and not q.direction else None
        if m:
            end, unit = m.end(), q.unit
            if not unit and (noun := _PLURAL_AFTER.match(text, end)) and noun.group(1) not in lex.not_count:
                end, unit = noun.end(), noun.group(1)  # "20 or fewer pupils": 20 pupils at most
            q = evolve(q, qualifier=trailing[fold(m.group(1))], unit=unit, surface=text[q.start : end], end=end)
        out.append(q)
    return out


def bounded_range(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """A lower and an upper bound joined ("more than 100 and less than 300", "at most 50
    but at least 20"): one range between them, in the unit either states."""
    _, between, _ = _bound_patterns(lex)
    out: list[Quantity] = []
    for q in found:
        a = out[-1] if out else None
        if a is not None and (joined := _bounds_of(a, q)) and between.fullmatch(text, a.end, q.start):
            out[-1] = Quantity(None, *joined, a.unit or q.unit, text[a.start : q.end], a.start, q.end)
            continue
        out.append(q)
    return out


def _bounds_of(a: Quantity, b: Quantity) -> tuple[float, float] | None:
    """(low, high) when one of two figures is a lower bound and the other an upper one above
    it, in one unit; None otherwise."""
    if a.value is None or b.value is None or a.direction or b.direction or (a.unit and b.unit and a.unit != b.unit):
        return None
    sides = {a.change, b.change}
    if sides != {">", "<"}:
        return None
    low, high = (a.value, b.value) if a.change == ">" else (b.value, a.value)
    return (low, high) if low < high else None


def _joined_pairs(found: list[Quantity], join: Callable[[Quantity, Quantity], Quantity | None]) -> list[Quantity]:
    """`found` with each quantity that `join` makes one with the quantity kept before it
    merged into that one (a pass of the rules below)."""
    out: list[Quantity] = []
    for q in found:
        merged = join(out[-1], q) if out and out[-1].value is not None and q.value is not None else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append(q)
    return out


def major_and_minor(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """An amount in a currency and its hundredths after it are one sum: "3 dollars 50 cents"
    and "thirteen dollars and forty-five cents" are 3.50 and 13.45 dollars."""
    minor = lex.raw["units"]["currencies"].get("minor_units", {})

    def join(a: Quantity, q: Quantity) -> Quantity | None:
        if (
            minor.get(q.unit) in (a.unit, "*")
            and a.unit in _currency_units(lex)
            and a.value == int(a.value or 0)
            and 0 < (q.value or 0) < 100
            and _MINOR_JOIN.fullmatch(text, a.end, q.start)
        ):
            return _with_hundredths(a, q, text)
        return None

    return _joined_pairs(found, join)


def _with_hundredths(a: Quantity, q: Quantity, text: str) -> Quantity:
    return evolve(a, value=(a.value or 0) + (q.value or 0) / 100, surface=text[a.start : q.end], end=q.end, step=None)


_MINOR_JOIN = re.compile(r"[ \t]+(?:and[ \t]+)?")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)]|$)")


def major_and_bare_minor(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """Hundredths said as a bare number after an amount of money that names its currency after
    it, closing the clause: "15 dollars 50." and "thirteen dollars and forty-five" are 15.50 and
    13.45 dollars ("15 dollars and 50 more" or "5 million dollars and 12" stay two figures)."""
    if len(found) < 2:
        return found

    def join(a: Quantity, q: Quantity) -> Quantity | None:
        if (
            not q.unit
            and a.unit in _currency_units(lex)
            and a.value == int(a.value or 0)
            and a.step == 1.0  # stated to the whole unit, no scale ("5 million dollars")
            and (a.surface[:1].isdigit() or a.spelled)  # the currency after the amount, not "$15"
            and q.value == int(q.value or 0)
            and 0 < (q.value or 0) < 100
            and (q.spelled or len(q.surface) == 2)  # two digits, as cents are written ("40 euros and 2": two figures)
            and _MINOR_JOIN.fullmatch(text, a.end, q.start)
            and _CLAUSE_END.match(text, q.end)
        ):
            return _with_hundredths(a, q, text)
        return None

    return _joined_pairs(found, join)


def margin_of_error(found: list[Quantity], text: str, lex: Lexicon) -> list[Quantity]:
    """A figure and the margin said after it are one figure: "5.2 ± 0.3 kg" is 5.2 kg to within
    0.3 kg (its step, the width of what it states, is twice the margin), in the unit either
    states; "41% plus or minus 2%" is 41% within 2 points."""
    joins, hints = _margin_joins(lex)
    if len(found) < 2 or not any(h in text for h in hints):
        return found

    def join(a: Quantity, q: Quantity) -> Quantity | None:
        if (
            (q.value or 0) > 0
            and not q.direction
            and (not a.unit or a.unit == q.unit)
            and joins.fullmatch(text, a.end, q.start)
        ):
            return evolve(a, unit=q.unit, surface=text[a.start : q.end], end=q.end, step=2 * (q.value or 0))
        return None

    return _joined_pairs(found, join)


def _margin_joins(lex: Lexicon) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """What joins a figure and its margin ("±", "+/-", "plus or minus"), compiled once per
    lexicon, and the strings one of which a text must hold for a join to be in it."""
    found = lex.compiled.get("margins")
    if found is None:
        said = sorted(lex.raw["language"].get("margin_joins", []), key=len, reverse=True)
        words = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in said) or r"(?!)"
        rx = re.compile(r"[ \t]*(?:" + words + r")[ \t]*", re.I)
        hints = tuple(sorted({w.split()[0] if w[:1].isalpha() else w[:1] for w in said}))
        found = lex.compiled["margins"] = (rx, hints)
    return found  # type: ignore[no-any-return]


# run in order over a text's quantities
_FOUND_RULES = [trailing_bound, bounded_range, major_and_minor, major_and_bare_minor, margin_of_error]
