"""One number read whole: sign, scale, currency, a range to a second number, unit or
counted noun, and whether it is a quantity at all."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.extract.quantities.numbers import (
    _ASCII_WORD,
    _SCALE_WORDS,
    _currency_units,
    _Num,
    _tidy,
    _year_like,
)
from claimcheck.extract.quantities.patterns import (
    _AND_A_HALF,
    _AND_FRACTION,
    _AND_JOIN,
    _AND_OR,
    _CENTS,
    _CLAUSE_BREAK,
    _COMPOUND_ADJECTIVE,
    _FROM_BEFORE,
    _INCH,
    _MILLION_CODE,
    _PER,
    _PLURAL_NOUN,
    _PLUS_OR,
    _RANGE_SEP,
    _RANGE_VERB,
    _SYMBOL_AFTER,
    _SYMBOLS,
    _TIME_AGO,
    _YEAR_PREPS,
)
from claimcheck.extract.quantities.reader import _Reader
from claimcheck.lexicon import Lexicon, fold
from claimcheck.model import Quantity


def _share_of(m: re.Match[str], lex: Lexicon) -> float:
    """The fraction an `_AND_FRACTION` match says ("a quarter" 0.25, "two thirds" 0.667)."""
    num = 1.0 if m.group(1).lower() in ("a", "an") else lex.number_words.get(m.group(1).lower(), 0.0)
    den = (
        lex.raw["language"]
        .get("fraction_denominators", {})
        .get(m.group(2).lower().rstrip("s").replace("halve", "half"))
    )
    return num / den if den else 0.0


def _last_scale(n: _Num, text: str) -> float:
    """The scale word a spelled number ends with ("one million": 1e6), else 1."""
    if not n.spelled:
        return 1.0
    last = text[n.start : n.end].rsplit(None, 1)[-1].lower()
    return _SCALE_WORDS.get(last, 1.0) if last not in ("dozen", "hundred") else 1.0


def _no_score(n: _Num, n2: _Num) -> bool:
    """Two bare numbers joined by a dash that no game's score is: rising to four digits and
    more ("1000-5000"), which no year range is either (years are masked before)."""
    return n.value < n2.value and n2.value >= 1000 and not n.spelled


def _shared_scale(n: _Num, n2: _Num, scale2: float, text: str) -> float:
    """The scale the first end of a range takes from the second, which alone states one: "8
    to 12 million" is 8 million to 12 million and "three to four hundred" 300 to 400, but in
    "between 900,000 and 1.2 million" the first end is whole already: it is larger than the
    second's number, or written with thousands separators."""
    if n.has_comma:
        return 1.0
    if scale2 != 1.0:
        return scale2 if n.value <= n2.value else 1.0
    if not n2.spelled:
        return 1.0
    scales = [_SCALE_WORDS[w] for w in _ASCII_WORD.findall(text[n2.start : n2.end].lower()) if w in _SCALE_WORDS]
    big = max(scales, default=1.0)
    return big if big > 1.0 and n.value < n2.value / big else 1.0


@dataclass
class _Draft:
    """One number's reading as `_Builder.build` assembles it, a step at a time."""

    n: _Num
    start: int  # where the quantity's surface starts (a sign or currency before the number moves it)
    pos: int  # where the reading has got to
    negative: bool = False
    cur: str | None = None
    scale: float = 1.0
    unit: str = ""
    second: tuple[_Num, float, int] | None = None  # a range's second end: number, scale, end
    second_start: int = 0
    split_from: bool = False  # "from 80% to 74%": a change, two levels rather than one range
    count_noun: bool = False


_Built = tuple[list[Quantity], int]  # the quantities found at a number, and where the scan goes on


class _Builder(_Reader):
    """Builds the quantities that start at one number."""

    def build(self, n: _Num) -> _Built:
        """Quantities starting at number `n`, and where the scan may continue."""
        if not n.spelled and not self._left_ok(n):
            return [], n.end
        if classed := self._scale_class(n):
            return [classed], n.end  # "a Category 4 hurricane": a class on a scale
        d = _Draft(n, n.start, n.end)
        self._sign_and_currency(d)
        d.scale, d.unit, d.pos, skip = self._glued(n, d.pos, d.cur)
        if skip:
            return [], d.pos
        if d.unit and not d.cur and d.unit in _currency_units(self.lex):
            d.cur = d.unit  # "115USD", "85p"
        self._scale_after(d)
        ranged = self._range(d)
        if ranged is not None:
            return ranged
        self._unit_of(d)
        self._rate(d)
        return self._counted(d) or self._rejected(d) or self._emit(d)

    def _sign_and_currency(self, d: _Draft) -> None:
        """A sign, a currency, or "minus" before the number: "-5", "-$9.9 billion", "minus 3"."""
        text, start = self.text, d.start
        if start > 0 and text[start - 1] in "-−" and (start < 2 or text[start - 2] in " \t\n([$€£¥<>="):
            d.negative = True
            start -= 1
        d.cur, start = self._currency_before(start)
        if (
            d.cur
            and not d.negative
            and start > 0
            and text[start - 1] in "-−"
            and (start < 2 or text[start - 2] in " \t\n(")
        ):
            d.negative, start = True, start - 1  # "-$9.927 billion", "−NOK 1.2 billion": a deficit
        if not d.negative:
            word, wstart = self._word_before(start)
            if word.lower() in ("minus", "negative") and not _PLUS_OR.search(text, max(0, wstart - 10), wstart):
                d.negative = True  # (but "plus or minus 0.12C" is a margin)
                start = wstart
        d.start = start

    def _scale_after(self, d: _Draft) -> None:
        """A fraction, a scale word and a currency symbol after the number."""
        text, lex, n = self.text, self.lex, d.n
        half = _AND_A_HALF.match(text, d.pos)
        if half:
            n.value += 0.5 * _last_scale(n, text)  # "one million and a half": 1.5 million
            d.pos = half.end()
        elif (
            _last_scale(n, text) > 1.0
            and (part := _AND_FRACTION.match(text, d.pos))
            and (share := _share_of(part, lex))
        ):
            n.value += share * _last_scale(n, text)  # "five billion and three quarters"
            d.pos = part.end()
        if d.scale == 1.0:
            m = lex.scale_word_re.match(text, d.pos)
            if m:
                d.scale = lex.scale_words[fold(m.group(1))]
                d.pos = m.end()
                if not half and (part := _AND_FRACTION.match(text, d.pos)) and (share := _share_of(part, lex)):
                    n.value, d.pos = n.value + share, part.end()  # "3 million and a half", "and a quarter"
                elif d.scale in (100.0, 1000.0) and (rest := self._and_rest(d.pos, d.scale)):
                    n.value, d.pos = n.value + rest[0] / d.scale, rest[1]  # "3 hundred and 21": 321
        pos = d.pos
        if (
            not d.cur
            and text[pos : pos + 2].lstrip(" \t")[:1] in _SYMBOLS
            and (after := _SYMBOL_AFTER.match(text, pos))
        ):
            d.cur, d.pos = lex.currency_symbols.get(after.group(1)), after.end()  # "-15€", "10 €"

    def _range(self, d: _Draft) -> _Built | None:
        """A range: "10-20%", "between 10 and 20 percent", "8 to 12 million", "from 4.8 to 4.7".
        Both ends with one unit are built whole (returned); otherwise the second end is noted."""
        text, n = self.text, d.n
        if not d.unit and not d.cur:
            u_peek, p_peek, _ = self._unit_after(d.pos, d.scale, n)
            rm_peek = _RANGE_SEP.match(text, p_peek) if u_peek and d.scale == 1.0 else None
            if rm_peek:
                unit_range = self._same_unit_range(rm_peek, u_peek, d.start, n)
                if unit_range is not None:
                    return unit_range
        rm = _RANGE_SEP.match(text, d.pos)
        # "from 37.1% in 2019 to 31.4%": a year after "in" opens no range with the next figure
        year = n.value == int(n.value) and 1000 <= n.value <= 2199 and not n.has_comma and d.scale == 1.0
        before = self._word_before(d.start)[0] if rm and year and not d.cur else ""
        if (
            before
            and (before.lower().rstrip(".") in _YEAR_PREPS or self.lex.month_re.fullmatch(before))
            and not self._counted_span(before, rm)
        ):
            rm = None  # (nor one after a month: "16.2 percent in March 2023 to 4.3 percent")
        if rm and not d.unit:
            self._second_end(d, rm)
        return None

    def _counted_span(self, before: str, rm: re.Match[str]) -> bool:
        """Whether two numbers that could be years, after a word that a year may follow but a
        count does too ("of"), are the span of a count: the second names its unit or plural
        noun ("a diet of 1800 - 2200 calories"; but "the floods of 1990-1991" stay years)."""
        if before.lower() not in self.lex.raw["language"].get("count_span_openers", ()):
            return False
        n2 = self._number_at(rm.end())
        if n2 is None or n2.spelled:
            return False
        unit, _, cur = self._unit_after(n2.end, 1.0, n2)
        info = self.lex.units.get(unit)
        if unit and (cur or (info is not None and info.dimension != "duration")):
            return True
        noun = _PLURAL_NOUN.match(self.text, n2.end)
        return noun is not None and noun.group(1) not in self.lex.not_count and not unit

    def _second_end(self, d: _Draft, rm: re.Match[str]) -> None:
        """The second end of a range after separator `rm`, with the scale it shares."""
        text, lex, n, start = self.text, self.lex, d.n, d.start
        sep = rm.group(1) or rm.group(2)
        cur2, after_cur = self._currency_at(rm.end())
        n2 = self._number_at(after_cur)
        if n2 is None or (d.cur and cur2 and d.cur != cur2):  # "USD 48 billion and EUR 50 billion": two
            return
        left = text[max(0, start - 40) : start].lower()
        between = re.search(r"\bbetween\s+(?:\S+\s+){0,2}$", left) is not None
        from_ = self._from_is_change(start, left, falling=n.value > n2.value)
        # "fell by $620 million to $2.1 billion": a change, then the level reached
        by_ = re.search(r"\bby\s+(?:\S+\s+){0,2}$", left) is not None
        # "fell by 837,000 to 124.4 million": a range never runs from a larger figure
        # down to a smaller one, so "by" the larger one is a change, then the level
        bigger = n.value is not None and n2.value is not None and n.value >= n2.value
        from_ = from_ or (by_ and (d.cur is not None or d.scale != 1.0 or (sep == "to" and bigger)))
        if not ((sep == "and" and between) or sep in ("-", "–", "—", "~", "to", "through", "thru")):
            return
        scale2, unit2, p2, skip2 = self._glued(n2, n2.end, d.cur or cur2)
        if skip2:
            return
        if scale2 == 1.0:
            m = lex.scale_word_re.match(text, p2)
            if m:
                scale2 = lex.scale_words[fold(m.group(1))]
                p2 = m.end()
        # the second end without a scale of its own takes the first's ("3 million to 4")
        d.second = (n2, scale2 if scale2 != 1.0 else d.scale, p2)
        d.second_start = rm.end()
        d.split_from = sep == "to" and from_
        if d.scale == 1.0 and not d.split_from:
            d.scale = _shared_scale(n, n2, scale2, text)
        d.cur = d.cur or cur2
        d.unit = unit2
        d.pos = p2

    def _unit_of(self, d: _Draft) -> None:
        """The unit or currency after the number, or one it shares with the next ("45 and 50 mg")."""
        text, lex, n = self.text, self.lex, d.n
        if not d.unit and not d.cur:
            d.unit, d.pos, d.cur = self._unit_after(d.pos, d.scale, n)
            if d.cur and (cents := _CENTS.match(text, d.pos)):
                d.scale, d.pos = d.scale / 100, cents.end()  # "41.2 euro cents": hundredths of a euro
            elif d.cur and d.scale == 1.0 and (late := lex.scale_word_re.match(text, d.pos)):
                d.scale, d.pos = lex.scale_words[fold(late.group(1))], late.end()  # "75 USD million"
            elif not d.unit and (millions := _MILLION_CODE.match(text, d.pos)):
                if code := lex.currency_codes.get(millions.group(1)):
                    d.scale, d.unit, d.cur, d.pos = d.scale * 1e6, code, code, millions.end()  # "120 MEUR"
        if d.cur:
            d.unit = d.cur
            if (
                d.start > 0
                and text[d.start - 1] == "("
                and text[d.pos : d.pos + 1] == ")"
                and not self._amount_before(d.start - 1)
            ):  # (but "1.2 billion pesos ($20.7 million)" is the same amount in dollars)
                d.negative, d.start, d.pos = True, d.start - 1, d.pos + 1  # accounting: "($99.99)"
        if (
            not d.unit
            and not d.cur
            and d.second is None
            and not (
                _year_like(n) and self._word_before(d.start)[0].lower() in ("in", "during", "since", "until", "by")
            )
        ):  # ("rose 5% in 2023 and 3% in 2022": the year takes no "%"; "doses of 1000 and 2000 mg" do)
            shared = self._shared_unit(d.pos)
            if shared:
                d.unit = shared  # "45 and 50 mg": the first number is in mg too
        if not d.unit and not d.cur:
            inch = _INCH.match(text, d.pos)
            if inch:
                d.unit, d.pos = "in", d.pos + inch.group().find("in") + 2

    def _rate(self, d: _Draft) -> None:
        """A unit per another: "$15.4/hour", "$80 a barrel", "$35 for a month's supply"."""
        if not d.unit:
            return
        lex = self.lex
        per = _PER.match(self.text, d.pos)
        denominator = _denominator(per, lex) if per else None
        if (
            denominator
            and (d.cur or not per.group().lstrip().startswith(("a ", "an ")))
            and not _TIME_AGO.match(self.text, per.end())  # "$3.7 billion a year earlier": not a rate
        ):
            d.unit = f"{d.unit}/{denominator}"
            d.pos = per.end()
        elif d.cur and (rated := self._money_rate(d.pos)):
            d.unit, d.pos = f"{d.unit}/{rated[0]}", rated[1]  # "$800 annually"

    def _counted(self, d: _Draft) -> _Built | None:
        """The noun a bare number counts, or an age; None to go on, or no quantity at all."""
        text, lex, n = self.text, self.lex, d.n
        if n.spelled and n.value == 1 and not d.unit and not d.cur:
            nxt = self._words_after(d.pos, 1)
            if nxt and nxt[0][0].endswith("s") and not nxt[0][0].endswith("ss"):
                return [], d.pos  # "that one costs": 'one' before a plural is a pronoun, not a count
        if not d.unit and not d.cur and self._word_before(d.start)[0].lower() in lex.age_words:
            d.unit = "year"
        if not d.unit:
            unit, end2 = self._count_noun(d.pos)
            if unit and (
                n.value == 1
                or unit.endswith("s")
                or unit in lex.plurals_without_s
                or lex.unit(unit)
                or n.has_comma  # "40,000 oxen", "3,000 militia": a large count takes any plural
                or d.scale != 1.0  # "2 million moose"
            ):
                d.unit, d.count_noun, d.pos = unit, True, end2
            # (else no unit: "their 3-1 win", "the 905 region", "the 2030 goal": a name or a score)
        if (
            not d.unit
            and not d.cur
            and d.scale == 1.0
            and d.second is None
            and n.step in (1.0, None)  # ("a 6.0-sigma result", "a 7.1-magnitude quake": the number is the point)
            and _COMPOUND_ADJECTIVE.match(text, n.end)
        ):
            return [], n.end  # "a two-bedroom flat", "a 12-storey block": the number names a kind
        return None

    def _rejected(self, d: _Draft) -> _Built | None:
        """No quantity when the number is a year, date, label or name, or a range a score or dates."""
        n, pos = d.n, d.pos
        signed_word = d.negative and n.spelled  # "minus one": a number, not a pronoun
        if (
            d.second is None
            and not signed_word
            and not self._plausible(n, d.start, pos, d.unit, d.cur, d.scale, d.count_noun)
        ):
            return [], pos if (d.unit or d.scale != 1.0) else n.end
        if d.second is not None and not d.unit and not d.cur and d.scale == 1.0:
            n2 = d.second[0]
            years = all(1000 <= x.value <= 2199 and not x.has_comma for x in (n, n2))
            nxt = self._words_after(pos, 1)
            dated = bool(nxt) and self.lex.month_re.fullmatch(nxt[0][0]) is not None
            dash = self.text[n.end : d.second_start].strip() in "-–—" and not _no_score(n, n2)  # ("20~100": no score)
            if dash or years or dated:
                return [], pos  # "3-1", "2014-17", "1 and 14 March": scores, years and dates
        return None

    def _emit(self, d: _Draft) -> _Built:
        """The quantity or quantities `d` reads as: one value, one range, or a change's two levels."""
        text, n, start, pos, unit, scale = self.text, d.n, d.start, d.pos, d.unit, d.scale
        qual, qstart = self._qualifier(start)
        direction = self._direction(qstart, pos, counted=d.count_noun)
        sign = -1.0 if d.negative else 1.0
        step = _money_step(n, scale, d.cur)
        if d.second is None:
            v = _tidy(sign * n.value * scale)
            q = Quantity(
                v, None, None, unit, text[start:pos], start, pos, qual, direction, step=step, spelled=n.spelled
            )
            return [q], pos
        n2, scale2, _ = d.second
        v1 = sign * n.value * scale
        v2 = n2.value * scale2
        if d.split_from:
            first_end = n.end if scale == 1.0 else self._end_of_first(n, scale)
            step2 = n2.step * scale2 if n2.step else None
            q1 = Quantity(
                v1,
                None,
                None,
                unit,
                text[start:first_end],
                start,
                first_end,
                qual,
                direction,
                step=step,
                spelled=n.spelled,
            )
            q2 = Quantity(
                v2, None, None, unit, text[d.second_start : pos], d.second_start, pos, step=step2, spelled=n2.spelled
            )
            return [q1, q2], pos
        low, high = min(v1, v2), max(v1, v2)
        return [
            Quantity(None, low, high, unit, text[start:pos], start, pos, qual, direction, step=step, spelled=n.spelled)
        ], pos

    def _same_unit_range(
        self, rm: re.Match[str], unit: str, start: int, first: _Num
    ) -> tuple[list[Quantity], int] | None:
        """'between 30% and 40%', '10%-20%': both ends carry the same unit."""
        text = self.text
        sep = rm.group(1) or rm.group(2)
        left = text[max(0, start - 40) : start].lower()
        if sep == "and" and not re.search(r"\bbetween\s+$", left):
            return None
        falling = first.value > n2.value if (n2 := self._number_at(rm.end())) else False
        if sep == "to" and (re.search(r"\bby\s+(?:\S+\s+){0,2}$", left) or self._from_is_change(start, left, falling)):
            return None
        if sep != "and" and self._direction(self._qualifier(start)[1], first.end):
            return None  # "rose 5% to 30%": a change, then the level
        neg2 = text[rm.end() : rm.end() + 1] in ("-", "−")
        n2 = self._number_at(rm.end() + neg2)
        if n2 is None:
            return None
        scale2, unit2, p2, skip = self._glued(n2, n2.end, None)
        if not unit2:
            unit2, p2, _ = self._unit_after(p2, scale2, n2)
        if skip or unit2 != unit or scale2 != 1.0:
            return None
        qual, _ = self._qualifier(start)
        sign1 = -1.0 if text[start] in ("-", "−") or text[start : start + 5].lower() == "minus" else 1.0
        low, high = sorted((sign1 * first.value, -n2.value if neg2 else n2.value))
        return [Quantity(None, low, high, unit, text[start:p2], start, p2, qual, step=first.step)], p2

    def _and_rest(self, pos: int, scale: float) -> tuple[float, int] | None:
        """The whole number below `scale` that "and" adds after a scale word ("3 hundred and
        21", "3 hundred and one"), and where it ends."""
        m = _AND_JOIN.match(self.text, pos)
        rest = self._number_at(m.end()) if m else None
        if rest is None or rest.value != int(rest.value) or not 0 < rest.value < scale:
            return None
        return rest.value, rest.end

    def _from_is_change(self, start: int, left: str, falling: bool) -> bool:
        """Whether "from" just before a figure opens a change rather than the span of one
        measure ("fines from $100 to $500", "ranged from 7 to 10"): it runs down ("Plavix,
        from $756 to $16"), or its clause has a word of change ("fell from 80% to 74%", "went
        from 40 mph to 55 mph") or a participle ("extending cover from two to twelve months")."""
        at = _FROM_BEFORE.search(left)
        if at is None or _RANGE_VERB.search(left):
            return False
        if falling:
            return True
        lex = self.lex
        clause = _CLAUSE_BREAK.split(self.text[max(0, start - 100) : start - (len(left) - at.start())])[-1]
        changes = lex.compiled.get("change words")
        if changes is None:
            extra = lex.raw["language"].get("change_verbs_before_from", [])
            changes = lex.compiled["change words"] = lex.rise | lex.fall | lex.rise_nouns | lex.fall_nouns | set(extra)
        return any(
            w.lower() in changes or (w.islower() and len(w) > 4 and w.endswith(("ed", "ing")))  # type: ignore[operator]
            for w in _ASCII_WORD.findall(clause)
        )

    def _shared_unit(self, pos: int) -> str:
        """The lexicon unit of 'and|or <number> <unit>' right after a bare number."""
        m = _AND_OR.match(self.text, pos)
        if not m:
            return ""
        n2 = self._number_at(m.end())
        if n2 is None:
            return ""
        scale2, unit2, p2, skip = self._glued(n2, n2.end, None)
        if not unit2 and not skip:
            unit2, _, cur2 = self._unit_after(p2, scale2, n2)
            if cur2:
                return ""
        return unit2 if unit2 in self.lex.units else ""

    def _end_of_first(self, n: _Num, scale: float) -> int:
        m = self.lex.scale_word_re.match(self.text, n.end)
        return m.end() if m else n.end


def _money_step(n: _Num, scale: float, cur: str | None) -> float | None:
    """The step a number is stated to: its last digit's, or, for a sum of money in thousands
    with one trailing zero ("$1,350 a month"), tens: a price written so is rounded as often as
    not, where a count or a length ("1,350 km") is as stated."""
    step = n.step * scale if n.step is not None else None
    if cur and step == 1.0 and n.value >= 1000 and n.value % 10 == 0 and n.value % 100 != 0:
        return 10.0
    return step


def _denominator(per: re.Match[str], lex: Lexicon) -> str | None:
    """What a unit is per ("per day", "/ha", "per kilowatt-hour"): a rate word or a unit the
    lexicon names. (Money per anything else, "$40 per visit", stays money: what it is paid
    for belongs to its measure.)"""
    word = per.group(1).lower()
    if word in _NOT_PER:
        return None  # ("$5 per cent of its value": a share)
    if word in lex.per_units:
        return lex.per_units[word]
    if word in lex.unit_names and lex.unit(lex.unit_names[word]) is not None:
        return lex.unit_names[word]  # ("3.4 t/ha", "12 cents per kilowatt-hour")
    return None


_NOT_PER = frozenset({"cent", "cents", "centum"})
