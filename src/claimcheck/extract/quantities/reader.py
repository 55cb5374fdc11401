"""What surrounds a number: currency, glued letters, unit or counted noun, qualifier and
direction; the base of the scanner that reads each number."""

from __future__ import annotations

import re

from claimcheck.extract.quantities.numbers import (
    _ASCII_WORD,
    _demonym_plurals,
    _glued_count_noun,
    _glued_currency,
    _mask_spans,
    _next_words,
    _Num,
    _parse_digits,
    _prev_word,
    _spelled_value,
    _word_count,
    _year_like,
)
from claimcheck.extract.quantities.patterns import (
    _ADJ_SKIP,
    _AMOUNT_BEFORE,
    _BASE_YEAR_BEFORE,
    _CODE_BEFORE,
    _DAY_BEFORE,
    _FILLER_END,
    _FREQUENCIES,
    _GLUED_POWER,
    _LETTERS,
    _LISTED_KINDS,
    _NAMED_KIND,
    _NUM,
    _OF_A_POINT,
    _OF_TOTAL,
    _ORDINAL,
    _RELATIVE_END,
    _SENTENCE_WORDS,
    _YEAR_PREPS,
)
from claimcheck.lexicon import Lexicon, fold, phrase_key
from claimcheck.model import Quantity, evolve

# a percentage or multiple right before "greater than" / "lower than": what follows is its base
_COMPARED_BASE = re.compile(r"(?:%|\bper\s*cent|\bpercent|\btimes|\bpoints?)\s*$", re.I)
_PER_LETTERS = re.compile(r"/[A-Za-z]{1,4}(?![\w/])")


class _Reader:
    """Reads the words around a number in one text; a new reader per text keeps the state local."""

    def __init__(self, text: str, lex: Lexicon, words: frozenset[str]) -> None:
        self.text = text
        self.lex = lex
        self.words = words  # words_of(text), for the phrase guards
        self.mask_starts, self.mask_ends = _mask_spans(text)
        self._before: dict[int, tuple[str, int]] = {}  # _word_before's answers, by position
        self._after: dict[tuple[int, int], list[tuple[str, int, int]]] = {}  # _words_after's

    def _word_before(self, pos: int) -> tuple[str, int]:
        """`_prev_word` of this text at `pos`, found once per scan: a number's rules ask for
        the word before it several times."""
        found = self._before.get(pos)
        if found is None:
            found = self._before[pos] = _prev_word(self.text, pos)
        return found

    def _words_after(self, pos: int, n: int) -> list[tuple[str, int, int]]:
        """`_next_words` of this text at `pos`, found once per scan (not to be changed)."""
        found = self._after.get((pos, n))
        if found is None:
            found = self._after[(pos, n)] = _next_words(self.text, pos, n)
        return found

    def _signed(self, q: Quantity) -> Quantity:
        """`q` negative when "minus" or "negative" comes just before it."""
        word, wstart = self._word_before(q.start)
        if word.lower() not in ("minus", "negative") or q.value is None:
            return q
        return evolve(q, value=-q.value, surface=self.text[wstart : q.end], start=wstart)

    def _amount_before(self, pos: int) -> bool:
        """Whether an amount with its unit ends right before `pos` ("1.2 billion pesos ("), so
        that a bracketed amount after it restates it ("($20.7 million)"), not a loss."""
        amount = _AMOUNT_BEFORE.search(self.text, max(0, pos - 40), pos)
        if amount is None:
            return False
        lex = self.lex
        words = [w.lower() for w in _ASCII_WORD.findall(amount.group())]
        return bool(words) and all(
            w in lex.currency_names or w in lex.scale_words or w in lex.unit_names for w in words
        )

    def _of_a_point(self, v: float, start: int, end: int) -> Quantity | None:
        """ "a quarter of a percentage point", "half a point": a fraction of a point, in points."""
        point = _OF_A_POINT.match(self.text, end)
        if point is None:
            return None
        direction = self._direction(self._qualifier(start)[1], point.end())
        return Quantity(v, None, None, "pp", self.text[start : point.end()], start, point.end(), direction=direction)

    def _left_ok(self, n: _Num) -> bool:
        text, s = self.text, n.start
        if s == 0:
            return True
        p = text[s - 1]
        if p.isalpha() and (code := _CODE_BEFORE.search(text, max(0, s - 5), s)):
            return code.group(1) in self.lex.currency_codes  # "GBP40m", "RM5.20", "USD115"
        if p.isalnum() or p in "%)]”\"'’":
            return False
        if p in "-‑−" and s >= 2 and text[s - 2].isalpha():
            return False  # COVID-19, F-35, Su-57
        if p in ".," and s >= 2 and text[s - 2].isalnum() and not (p == "," and text[s - 2].isdigit()):
            return False  # a footnote after a word ("km.3", "inhabitants,17") or "Twitter1.2k"
        if p in "/+" and s >= 2 and text[s - 2].isalnum():
            return False  # 24/7, J1149.5+6663
        return True

    def _currency_before(self, start: int) -> tuple[str | None, int]:
        text, lex = self.text, self.lex
        window = text[max(0, start - 6) : start]
        m = lex.currency_pre_re.search(window)
        if not m:
            return None, start
        sym = m.group(1)
        code = lex.currency_symbols[sym] if sym else lex.currency_codes[m.group(2)]
        return code, start - (len(window) - m.start())

    def _currency_at(self, pos: int) -> tuple[str | None, int]:
        """A currency symbol or code ("$", "NOK ") that starts at `pos`, and where it ends."""
        m = self.lex.currency_at_re.match(self.text, pos)
        if m is None:
            return None, pos
        sym = m.group(1)
        return (self.lex.currency_symbols[sym] if sym else self.lex.currency_codes[m.group(2)]), m.end()

    def _number_at(self, pos: int) -> _Num | None:
        m = _NUM.match(self.text, pos)
        if m:
            value, step, comma = _parse_digits(m.group())
            return _Num(m.start(), m.end(), value, step, False, comma)
        m = self.lex.number_word_re.match(self.text, pos)
        if m:
            parsed = _spelled_value(m.group(), self.lex)
            if parsed is not None:
                return _Num(m.start(), m.end(), parsed[0], parsed[1], True, False, words=_word_count(m.group()))
        return None

    def _glued(self, n: _Num, pos: int, cur: str | None) -> tuple[float, str, int, bool]:
        """Letters glued to a number: a scale ("20k", "$1.2bn"), a unit ("10km"), or a name."""
        text, lex = self.text, self.lex
        m = _LETTERS.match(text, pos)
        if not m or n.spelled:
            return 1.0, "", pos, False
        if text[m.end() : m.end() + 1] in ("2", "3") and (power := self._glued_power(pos)):
            return 1.0, power[0], power[1], False  # "4,500km2": square kilometres, not kilometres
        g = m.group()
        if rate := self._glued_rate(g, m.end()):
            return 1.0, rate[0], rate[1], False  # "170km/h": a speed, not a length
        if _ORDINAL.match(g) and m.end() - pos == 2:
            return 1.0, "", m.end(), True
        if g == "s" and n.value >= 1000:
            return 1.0, "", m.end(), True  # decades: "1980s"
        if g == "m" and not cur:
            if self._million_before_noun(n, m.end()):
                return 1e6, "", m.end(), False  # "3.4m passengers": millions, not metres
            return 1.0, "m", m.end(), False
        if g in lex.scale_suffixes:
            return lex.scale_suffixes[g], "", m.end(), False
        if not cur and (code := _glued_currency(g, lex)):
            return code[0], code[1], m.end(), False  # "115USD", "30MUSD", "85p"
        if g in lex.unit_names_cs:
            return 1.0, lex.unit_names_cs[g], m.end(), False
        if g.lower() in lex.unit_names:
            return 1.0, lex.unit_names[g.lower()], m.end(), False
        if g in lex.glued_units and self._word_before(n.start)[0].lower() not in lex.labels:
            return 1.0, lex.glued_units[g], m.end(), False  # "warmed 1.5C" (but "Section 2C")
        if _glued_count_noun(n, g, lex):
            return 1.0, g, m.end(), False  # "7,897cases": a typo'd space, the noun it counts
        return 1.0, "", m.end(), True  # 5G, 221B, A4: names, not quantities

    def _glued_rate(self, letters: str, end: int) -> tuple[str, int] | None:
        """A unit per another glued to a number ("170km/h", "5mg/kg") that the lexicon names:
        the unit and where it ends."""
        per = _PER_LETTERS.match(self.text, end)
        if per is None:
            return None
        said = letters + per.group()
        unit = self.lex.unit_names_cs.get(said) or self.lex.unit_names.get(said.lower())
        return (unit, per.end()) if unit else None

    def _glued_power(self, pos: int) -> tuple[str, int] | None:
        """A unit of area or volume glued to a number with its power as a digit ("4,500km2",
        "120m2", "30m3"), which the lexicon names: the unit and where it ends."""
        m = _GLUED_POWER.match(self.text, pos)
        if m is None:
            return None
        said = m.group()
        unit = self.lex.unit_names_cs.get(said) or self.lex.unit_names.get(said.lower())
        return (unit, m.end()) if unit else None

    def _million_before_noun(self, n: _Num, pos: int) -> bool:
        """Whether a glued "m" is millions: before a plural noun that is not a unit, after a
        number with decimals or below 100 ("3.4m passengers", "12m voters"; but "400m
        hurdles" is a race in metres)."""
        noun = self._words_after(pos, 1)
        if not noun or noun[0][1] != pos + 1:
            return False
        w = noun[0][0]
        plural = w.islower() and w.endswith("s") and not w.endswith("ss") and w not in self.lex.not_count
        return plural and w not in self.lex.unit_names and (n.value != int(n.value) or n.value < 100)

    def _unit_after(self, pos: int, scale: float, n: _Num) -> tuple[str, int, str | None]:
        """A unit or currency name after the number (and scale)."""
        text, lex = self.text, self.lex
        best: tuple[int, str, str | None] = (pos, "", None)
        for rx in (lex.unit_re, lex.unit_cs_re):
            m = rx.match(text, pos)
            if m and m.end() > best[0]:
                best = (
                    m.end(),
                    lex.unit_names.get(phrase_key(m.group(1)), "")
                    if rx is lex.unit_re
                    else lex.unit_names_cs[m.group(1)],
                    None,
                )
        m = lex.currency_post_re.match(text, pos)
        if m is None and text[pos : pos + 1] == "-":
            m = self._hyphened_currency(pos)
        if m and m.end() >= best[0]:
            name = re.sub(r"\s+", " ", m.group(1))
            code = lex.currency_codes.get(name) or lex.currency_names.get(name.lower()) or self._lower_code(name)
            ambiguous = name.lower() in {"pounds", "pound", "won", "rand"}
            if code and (not ambiguous or scale != 1.0):
                best = (m.end(), code, code)
        if best[1] == "year" and n.value >= 1000 and not n.has_comma and not n.spelled and scale == 1.0:
            return "", pos, None
        return best[1], best[0], best[2]

    def _hyphened_currency(self, pos: int) -> re.Match[str] | None:
        """A currency named after a hyphen, the amount an adjective ("a 100-dollar bill", "a
        10-million-euro loan", "the 500-rupee note"): matched as `currency_post_re` would."""
        rx = self.lex.compiled.get("hyphened currency")
        if rx is None:
            after = self.lex.currency_post_re.pattern.removeprefix(r"[ \t]+")
            rx = self.lex.compiled["hyphened currency"] = re.compile("-" + after, re.I)
        return rx.match(self.text, pos)  # type: ignore[attr-defined,no-any-return]

    def _lower_code(self, name: str) -> str | None:
        """A currency code written in lower case ("20 usd", "10 rmb"), unless it is a word too
        ("try", "pen")."""
        if not name.islower() or name in self.lex.raw["units"]["currencies"].get("lowercase_codes_not", []):
            return None
        return self.lex.currency_codes.get(name.upper())

    def _unit_or_noun(self, pos: int, scaled: bool, allow_count: bool) -> tuple[str, int]:
        text, lex = self.text, self.lex
        for rx in (lex.unit_re, lex.unit_cs_re):
            m = rx.match(text, pos)
            if m:
                name = m.group(1)
                sym = lex.unit_names_cs.get(name) or lex.unit_names.get(name.lower(), "")
                return sym, m.end()
        if allow_count:
            noun, end = self._count_noun(pos)
            if noun:
                return noun, end
        return "", pos

    def _count_noun(self, pos: int) -> tuple[str, int]:
        """A plain noun counted by the number ("17 elements", "3.3 million new jobs")."""
        lex = self.lex
        of_total = _OF_TOTAL.match(self.text, pos)
        if of_total and of_total.group(1) not in lex.not_count:
            return of_total.group(1), pos  # "411 of the 650 seats": 411 seats (the surface stays "411")
        words = self._words_after(pos, 2)
        if not words:
            return "", pos
        w1, _, e1 = words[0]
        lw1 = w1.lower()
        if w1 in _demonym_plurals(lex):
            return lw1, e1  # "40,000 Palestinians", "3 million Ukrainians": people of a nation
        if named := self._named_kind(pos):
            return named  # "9,911 Ebola cases", "3.3 million Medicare beneficiaries"
        if lw1 in lex.not_count or not w1.islower() or lw1 in lex.months or lw1 in lex.weekdays:
            if lw1 in _ADJ_SKIP and len(words) > 1:
                w2, _, e2 = words[1]
                every = f"{lw1} " if lw1 in _FREQUENCIES else ""  # daily and monthly users are two measures
                if w2 in _ADJ_SKIP and (third := self._words_after(e2, 1)):
                    w3, _, e3 = third[0]  # "1.2 billion monthly active users"
                    if w3.islower() and w3 not in lex.not_count:
                        return (f"{every}{w2} {w3}" if every else w3), e3
                if w2.islower() and w2 not in lex.not_count:
                    return f"{every}{w2}", e2
                if w2 in _demonym_plurals(lex):
                    return w2.lower(), e2  # "3 million more Americans": people of a nation too
            return "", pos
        listed = _LISTED_KINDS.match(self.text, pos)
        if (
            listed
            and not lw1.endswith(("s", "ly"))
            and listed.group(1) not in lex.not_count
            and f"{fold(listed.group(1))} of" not in lex.vague  # ("wounded dozens", "damaged hundreds of")
            and fold(listed.group(1)).removesuffix("s") not in lex.scale_words
        ):
            return listed.group(1), listed.end(1)  # "23,253 confirmed, probable, and suspected cases"
        if len(words) > 1 and lw1.endswith("ed") and words[1][0].lower() in lex.determiners:
            return "", pos  # "22 million missed their first dose": a verb, and what it counts is unsaid
        if len(words) > 1:
            w2, _, e2 = words[1]
            plural2 = w2.endswith("s") and not w2.endswith("ss") and w2.islower() and w2 not in lex.not_count
            if (lw1 in _ADJ_SKIP and w2.islower() and w2 not in lex.not_count) or (
                plural2 and not lw1.endswith("s") and lw1 not in lex.unit_names
            ):
                return w2, e2  # "85.1 million international tourists"
            if not lw1.endswith("s") and w2.islower() and not w2.endswith("s") and (third := self._words_after(e2, 1)):
                w3, _, e3 = third[0]  # "160 community diagnostic centres": a kind of centres, named whole
                if w3.islower() and w3.endswith("s") and not w3.endswith("ss") and w3 not in lex.not_count:
                    if lw1 not in lex.not_count and w2 not in lex.not_count and lw1 not in lex.unit_names:
                        return f"{lw1} {w2} {w3}", e3
        return lw1, e1

    def _scale_class(self, n: _Num) -> Quantity | None:
        """A class on a named scale, the scale's word before its number ("Category 4",
        "category 5"): the class, in the scale's unit; the word belongs to the figure."""
        if n.spelled or n.value != int(n.value) or not 0 <= n.value <= 10:
            return None
        word, wstart = self._word_before(n.start)
        unit = self.lex.raw["units"].get("scale_classes", {}).get(word.lower())
        if unit is None or self.text[wstart + len(word) : n.start] != " ":
            return None
        after = self._words_after(n.end, 1)
        if not after or after[0][0].lower() in _SENTENCE_WORDS or after[0][1] != n.end + 1:
            return None  # "a Category 4 storm", but not a label: "see Category 4 in the appendix"
        qual, _ = self._qualifier(wstart)
        return Quantity(n.value, None, None, unit, self.text[wstart : n.end], wstart, n.end, qual, step=1.0)

    def _money_rate(self, pos: int) -> tuple[str, int] | None:
        """The period of an amount of money paid over one, said after it other than with "per"
        or "a": "$35 for a month's supply", "$800 annually". The period and where it ends."""
        rx = self.lex.compiled.get("money rate")
        if rx is None:
            raw = self.lex.raw["units"]
            adverbs = "|".join(sorted(raw.get("rate_adverbs", {}), key=len, reverse=True))
            supplies = "|".join(raw.get("supply_nouns", []))
            rx = self.lex.compiled["money rate"] = re.compile(
                r"[ \t]+(?:(?:for|per)[ \t]+(?:(?:a|an|one)[ \t]+)?([a-z]+)['’]s[ \t]+(?:"
                + supplies
                + r")|("
                + adverbs
                + r"))\b",
                re.I,
            )
        m = rx.match(self.text, pos)
        if m is None:
            return None
        if m.group(2):
            return self.lex.raw["units"]["rate_adverbs"][m.group(2).lower()], m.end()
        per = self.lex.per_units.get(m.group(1).lower())
        return (per, m.end()) if per else None

    def _named_kind(self, pos: int) -> tuple[str, int] | None:
        """The plural noun a count names after a name that says which kind ("9,911 Ebola
        cases", "11 confirmed Ebola cases", "10 Medicare Part D drugs"): the name is a
        modifier, the noun what is counted. Not a model name in capitals ("737 MAX jets")."""
        m = _NAMED_KIND.match(self.text, pos)
        if m is None:
            return None
        adjective, noun = m.group(1), m.group(2)
        if adjective and adjective.lower() not in _ADJ_SKIP:
            return None
        if noun in self.lex.not_count or not (
            (noun.endswith("s") and not noun.endswith("ss")) or noun in self.lex.plurals_without_s
        ):
            return None
        return noun, m.end(2)

    def _qualifier(self, start: int) -> tuple[str, int]:
        text = self.text
        window = text[max(0, start - 40) : start]
        m = self.lex.qualifier_re.search(window)
        if not m:
            return "exact", start
        phrase = phrase_key(m.group(1))
        qstart = start - (len(window) - m.start(1))
        if phrase == "up to" and self._word_before(qstart)[0].lower() in self.lex.up_particle_verbs:
            return "exact", start  # "was revised up to 79,000", "ramped up to": a verb's particle
        if _COMPARED_BASE.search(text, max(0, qstart - 16), qstart) and phrase.endswith(" than"):
            return "exact", start  # "10% greater than $10.0 billion": the base a change is from, no bound
        return self.lex.qualifier_of[phrase], qstart

    def _direction(self, qstart: int, end: int, counted: bool = False) -> str | None:
        """'up', 'down' or None: the change a verb or noun next to the figure states. A verb
        that changes a figure only with 'by' ("cut output by 5%") changes a count it takes
        ("added 22,000 jobs", "shed 15,000 jobs") when `counted`."""
        text, lex = self.text, self.lex
        left = text[max(0, qstart - 60) : qstart]
        filler = _FILLER_END.search(left)
        if filler and lex.amount_filler_re.fullmatch(" " + filler.group(1)):
            left = left[: filler.start(1)]  # "rose an average of 3.2%": the verb is before the filler
        words = [w.lower() for w in _ASCII_WORD.findall(left)]
        while len(words) > 1 and words[-1] in lex.increment_words:
            words.pop()  # "cut output by an additional 5%", "rose a further 2%"
        candidates = [w for w in words[-1:] if w not in lex.by_only or counted]
        if words[-2:-1] and words[-1] == "up" and words[-2] in lex.phrasal_up:
            candidates = []  # "made up 15%", "ended up"
        if words and words[-1] == "by":
            # "cut its workforce by 1,500", "increase the net price of new drugs by 25%"
            candidates = list(reversed(words[-9:-1]))
        if (
            words[-3:-2]
            and words[-1] == "of"
            and words[-3] in ("a", "an", "the")
            and _RELATIVE_END.search(text, max(0, end - 12), end)
        ):
            # "a rise of 4.9%", "an increase of 5 points": the noun of change before the figure
            # (but "booked a gain of $200 million" is an amount)
            if words[-2] in lex.rise_nouns:
                return "up"
            if words[-2] in lex.fall_nouns:
                return "down"
        nxt = self._words_after(end, 1)
        height = bool(nxt) and nxt[0][0].lower() in lex.height_words
        for w in candidates:
            if w in lex.rise and not height:
                return "up"
            if w in lex.fall and not height:
                return "down"
        after = self._words_after(end, 1)
        if after and after[0][0].lower() in ("less", "fewer") and _RELATIVE_END.search(text, max(0, end - 12), end):
            return "down"  # "imported 27% less gas than in 2022"
        if after:  # "a 3% increase", "the 7.6 percent growth recorded in 2021", "posted 5% growth"
            noun = after[0][0].lower()
            if noun in lex.rise_nouns:
                return "up"
            if noun in lex.fall_nouns:
                return "down"
        return None

    def _plausible(
        self, n: _Num, start: int, end: int, unit: str, cur: str | None, scale: float, count_noun: bool
    ) -> bool:
        """Reject numbers that are years, dates, labels, names, list numbers or addresses."""
        text, lex = self.text, self.lex
        strong = bool(cur) or scale != 1.0 or (bool(unit) and not count_noun)
        if _year_like(n) and scale == 1.0 and (after := self._words_after(n.end, 1)):
            if after[0][0].lower() in lex.after_base_year and self._word_before(start)[0].lower() in _BASE_YEAR_BEFORE:
                return False  # "below 1990 levels", "in 2021 dollars" (not "was 1500 euros")
        word, wstart = self._word_before(start)
        lw = word.lower().rstrip(".")
        if n.spelled and not unit and scale == 1.0 and n.words < 2 and n.value in (1, 12):
            return False  # "one of the", "a dozen": a pronoun or a count of something unsaid
        # street addresses: "10 Downing Street", "221B Baker Street"
        words = self._words_after(end if end > n.end else n.end, 3)
        if len(words) >= 2 and words[0][0][:1].isupper() and not cur:
            for w, _, _ in words[1:]:
                if w.lower().rstrip(".") in lex.streets:
                    return False
        if strong:
            return True
        # "737 MAX": a number followed by an all-capitals word is a model name
        nxt_caps = self._words_after(n.end, 1)
        if nxt_caps and len(nxt_caps[0][0]) >= 2 and nxt_caps[0][0].isupper() and not unit:
            return False
        is_int = n.value == int(n.value) and "." not in text[n.start : n.end]
        if is_int and 1000 <= n.value <= 2199 and not n.has_comma:
            if not count_noun or lw in _YEAR_PREPS or text[start - 1 : start] == "(":
                return False
            named = self._words_after(n.end, 1)
            if named and named[0][0][:1].isupper():
                return False  # "2020 Census estimates": a year that names an edition, no count
            day = _DAY_BEFORE.search(text, max(0, start - 8), start)
            if day and lex.month_re.fullmatch(self._word_before(day.start())[0]):
                return False  # "September 30, 2024 rose 5%": the year of a date
        # dates: "August 2", "2 August 2025", "Aug. 5"
        if lex.month_re.fullmatch(word.rstrip(",")) or lex.month_re.fullmatch(word.rstrip(",.")):
            return False
        nxt = self._words_after(n.end, 1)
        if nxt and lex.month_re.fullmatch(nxt[0][0].rstrip(".")) and nxt[0][0][0].isupper():
            return False
        if lw in lex.labels:
            return False
        if (
            word
            and any(c.isupper() for c in word)
            and lw not in _SENTENCE_WORDS
            and lw not in lex.qualifier_of
            and not word.endswith((",", "."))
            and text[wstart + len(word) : start].strip() == ""
            and not n.has_comma  # (a headline's verb: "Toll Reaches 5,000"; names carry no "5,000")
        ):
            return False  # product or place names: "iPhone 15", "Power of Siberia 2"
        # list numbering at the start of a line: "1. Introduction", "2) Methods"
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() == "" and re.match(r"[.)]\s", text[n.end : n.end + 2]):
            return False
        return True
