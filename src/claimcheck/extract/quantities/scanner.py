"""The scan of one text: every number and every amount in words, read in order."""

from __future__ import annotations

import math
import re

from claimcheck.extract.quantities.bounds import _FOUND_RULES
from claimcheck.extract.quantities.build import _Builder
from claimcheck.extract.quantities.numbers import (
    _SCALE_WORDS,
    _masked,
    _Num,
    _parse_digits,
    _spelled_value,
    _word_count,
)
from claimcheck.extract.quantities.patterns import (
    _AMOUNT_AFTER_CODE,
    _FOLD,
    _FRACTION,
    _FRACTION_GUARD,
    _FRACTION_WORDS,
    _GLUED_CODE,
    _N_IN_M,
    _N_IN_M_GUARD,
    _N_OUT_OF_END,
    _NUM,
    _NUM_START,
    _OF_OR_END,
    _ONE_UNIT,
    _OVER_NUMBER,
    _POINT_DIGIT,
    _RUN_GUARD,
    _SCALE_FRACTION,
)
from claimcheck.lexicon import Lexicon, finditer_from, fold, may_match, phrase_key, trie_alternation
from claimcheck.model import Quantity, evolve


class _Scanner(_Builder):
    """Finds quantities in one text; a new scanner per text keeps the state local."""

    # -- candidates ---------------------------------------------------------------------
    def numbers(self) -> list[_Num]:
        text, lex = self.text, self.lex
        found: list[_Num] = []
        for m in finditer_from(_NUM, _NUM_START, text):
            value, step, comma = _parse_digits(m.group())
            if not math.isfinite(value):
                continue  # hundreds of digits, or 10^400: no quantity anyone states, and no float
            found.append(_Num(m.start(), m.end(), value, step, False, comma))
        for c in _GLUED_CODE.finditer(text):  # _NUM wants no letter before a number
            if (m := _AMOUNT_AFTER_CODE.match(text, c.end() - 1)) and (value := _parse_digits(m.group()))[0] < math.inf:
                found.append(_Num(m.start(), m.end(), value[0], value[1], False, value[2]))
        for m in lex.number_word_re.finditer(text) if may_match(lex.number_word_guard, self.words) else ():
            parsed = _spelled_value(m.group(), lex)
            if parsed is not None and math.isfinite(parsed[0]):  # ("hundred" 155 times: no float)
                found.append(_Num(m.start(), m.end(), parsed[0], parsed[1], True, False, words=_word_count(m.group())))
        found.sort(key=lambda n: (n.start, -n.end))
        return found

    def run(self) -> list[Quantity]:
        out: list[Quantity] = []
        taken = 0
        specials = self._scale_fractions() + self._specials() + self._folds() + self._runs()
        specials += self._word_fractions() + self._ratios()
        nums = self.numbers()
        events: list[tuple[int, int, object]] = [(q.start, 0, q) for q in specials]
        events += [(n.start, 1, n) for n in nums]
        events.sort(key=lambda e: (e[0], e[1]))
        for start, _, item in events:
            if start < taken or _masked(start, self.mask_starts, self.mask_ends):
                continue
            if isinstance(item, Quantity):
                out.append(item)
                taken = item.end
                continue
            built, end = self.build(item)  # type: ignore[arg-type]
            taken = max(taken, end)
            out.extend(built)
        out.sort(key=lambda q: q.start)
        for rule in _FOUND_RULES:
            out = rule(out, self.text, self.lex)
        # a finite number times its scale can still overflow ("1e308 billion")
        return [q for q in out if all(x is None or math.isfinite(x) for x in (q.value, q.low, q.high))]

    def _specials(self) -> list[Quantity]:
        """Vague amounts, fractions and multipliers: quantities without digits."""
        text, lex, words = self.text, self.lex, self.words
        out: list[Quantity] = []
        for m in lex.vague_re.finditer(text) if may_match(lex.vague_guard, words) else ():
            low, high = lex.vague[phrase_key(m.group(1))]
            unit, end = self._unit_or_noun(m.end(1), scaled=True, allow_count=True)
            out.append(
                Quantity(None, low, high, unit, text[m.start(1) : end], m.start(1), end, vague=True, spelled=True)
            )
        for m in lex.fraction_re.finditer(text) if may_match(lex.fraction_guard, words) else ():
            before, _ = self._word_before(m.start())
            if before.lower() in {"first", "second", "latter", "former", "last", "other"}:
                continue
            v = lex.fractions[phrase_key(m.group(1))]
            if point := self._of_a_point(v, m.start(1), m.end(1)):
                out.append(point)
                continue
            out.append(Quantity(v, None, None, "", m.group(1), m.start(1), m.end(1), spelled=True, fraction=True))
        n_in_m = [*_N_IN_M.finditer(text)] if may_match(_N_IN_M_GUARD, words) else []
        n_in_m += _N_OUT_OF_END.finditer(text) if "out of" in text else ()
        for m in n_in_m:  # "one in five children", "one out of three."
            a, b = (int(x) if x.isdigit() else lex.number_words.get(fold(x)) for x in (m.group(1), m.group(2)))
            if a and b and a < b:
                out.append(Quantity(a / b, None, None, "", m.group(), m.start(), m.end(), spelled=True, fraction=True))
        for m in _FRACTION.finditer(text) if may_match(_FRACTION_GUARD, words) else ():
            num = fold(m.group(1))
            numerator = 1.0 if num in ("a", "an") else lex.number_words.get(num, 1.0)
            if num in ("a", "an") and text[m.end() : m.end() + 3] != " of" and not lex.unit_re.match(text, m.end()):
                continue  # "a quarter" alone is usually a period ("in the first quarter")
            v = numerator / _FRACTION_WORDS[fold(m.group(2))]
            if point := self._of_a_point(v, m.start(), m.end()):
                out.append(point)
                continue
            unit, end = self._unit_or_noun(m.end(), scaled=False, allow_count=False)
            frac = not unit and text[m.end() : m.end() + 3] == " of"
            out.append(
                Quantity(v, None, None, unit, text[m.start() : end], m.start(), end, spelled=True, fraction=frac)
            )
        for m in _ONE_UNIT.finditer(text):
            unit = lex.unit_names.get(m.group(2).lower()) or lex.unit_names_cs.get(m.group(2), "")
            info = lex.units.get(unit)
            if info is None or info.dimension in ("duration", "multiple", "percent", "points"):
                continue  # "a year ago", "a day later": idioms, not amounts
            out.append(Quantity(1.0, None, None, unit, m.group(), m.start(), m.end(), spelled=True))
        for m in lex.multiplier_re.finditer(text) if may_match(lex.multiplier_guard, words) else ():
            if text[m.end() : m.end() + 1] == "-":
                continue
            v = lex.multipliers[fold(m.group(1))]
            direction = "up" if v > 1 else "down"
            out.append(
                Quantity(v, None, None, "x", m.group(1), m.start(1), m.end(1), direction=direction, spelled=True)
            )
        return out

    def _scale_fractions(self) -> list[Quantity]:
        """A fraction of a scale word: "half a million people" (500,000 people), "a quarter
        of a billion dollars", "two-thirds of a million"."""
        text = self.text
        if "illion" not in text or not ("alf" in text or "uarter" in text or "hird" in text):
            return []
        out = []
        for m in _SCALE_FRACTION.finditer(text):
            said = phrase_key(m.group(1).replace("-", " "))
            share = self.lex.fractions.get(said) or self.lex.fractions.get(f"a {said}")  # ("quarter million")
            if share is None:
                continue
            value = share * self.lex.scale_words[m.group(2).lower()]
            money = self.lex.currency_post_re.match(self.text, m.end())
            name = re.sub(r"\s+", " ", money.group(1)) if money else ""
            code = self.lex.currency_codes.get(name) or self.lex.currency_names.get(name.lower())
            if money and code:
                unit, end = code, money.end()  # "a quarter of a billion dollars", "half a billion USD"
            else:
                unit, end = self._unit_or_noun(m.end(), scaled=True, allow_count=True)
            qual, _ = self._qualifier(m.start())
            surface = self.text[m.start() : end]
            out.append(Quantity(value, None, None, unit, surface, m.start(), end, qual, spelled=True))
        return out

    def _runs(self) -> list[Quantity]:
        """An ordinal that counts a run: "the third year in a row", "a fifth straight month"
        are 3 years and 5 months; "for the second consecutive time" 2 times."""
        rx = self.lex.compiled.get("runs")
        if rx is None:
            lang = self.lex.raw["language"]
            ordinals = trie_alternation(lang.get("counting_ordinals", {}))
            run = lang.get("run_words", {})
            rx = self.lex.compiled["runs"] = re.compile(
                r"\b("
                + ordinals
                + r"|\d{1,2}(?:nd|rd|th))[ \t]+(?:("
                + trie_alternation(run.get("before", []))
                + r")[ \t]+)?([a-z]+?)(s?)\b(?(2)|[ \t]+(?:"
                + trie_alternation(run.get("after", []), flexible_space=True)
                + r")\b)",
                re.I,
            )
        if self.words.isdisjoint(_RUN_GUARD):
            return []
        out = []
        ordinals = self.lex.raw["language"].get("counting_ordinals", {})
        for m in rx.finditer(self.text):  # type: ignore[attr-defined]
            word, noun = m.group(1).lower(), m.group(3).lower()
            value = ordinals.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
            if value is None or m.group(4):
                continue  # ("the third years": not a run)
            unit = self.lex.unit_names.get(noun + "s") or noun + "s"
            unit = unit if unit in self.lex.units and self.lex.units[unit].dimension == "duration" else noun + "s"
            # (vague: a quantity, but no claim; the streak is said of another figure, "rose for
            # a fifth straight month", not a measure of its own)
            out.append(Quantity(float(value), None, None, unit, m.group(), m.start(), m.end(), vague=True, step=1.0))
        return out

    def _word_fractions(self) -> list[Quantity]:
        """Fractions in words beyond the lexicon's list ("three fifths", "twenty-three
        hundredths", "two and fifty-four hundredths", "five and a quarter", "a trillionth.")
        and decimals said with "point" ("five point five")."""
        text, lex = self.text, self.lex
        fraction_rx, point_rx, dens, digits = _word_fraction_patterns(lex)
        out = []
        fractions = () if self.words.isdisjoint(_word_fraction_guard(lex)) else fraction_rx.finditer(text)
        for m in fractions:
            num_word, den_word = m.group("num").lower(), m.group("den").lower()
            whole = _spelled_value(m.group("whole"), lex) if m.group("whole") else None
            article = num_word in ("a", "an")
            closed = _OF_OR_END.match(text, m.end())
            last = m.group("whole").rsplit(None, 1)[-1].lower() if whole else ""
            per = (
                _SCALE_WORDS.get(last, 1.0) if last not in ("hundred", "dozen") else 1.0
            )  # "six million and two thirds"
            if (article and whole is None and not closed) or (per == 1.0 and whole and den_word.startswith("hal")):
                continue  # ("a third term"; "two and a half years" is the number's own reading)
            num = 1.0 if article else (_spelled_value(m.group("num"), lex) or (None,))[0]
            den = _denominator(den_word, dens, lex)
            if num is None or not den or (m.group("pl") and num == 1 and whole is None):
                continue
            value = (whole[0] if whole else 0.0) + per * num / den
            share = whole is None and closed is not None and closed.group().strip() == "of"
            unit, end = ("", m.end()) if share else self._unit_or_noun(m.end(), False, whole is not None)
            surface = text[m.start() : end]  # ("five and a quarter hours": hours; "a fifth of": a share)
            out.append(Quantity(value, None, None, unit, surface, m.start(), end, spelled=True, fraction=share))
        points = point_rx.finditer(text) if "point" in self.words and _POINT_DIGIT.search(text) else ()
        for m in points:
            whole = _spelled_value(m.group(1), lex)
            if whole is None:
                continue
            places = "".join(str(digits[w.lower()]) for w in m.group(2).split())
            unit, end = self._unit_or_noun(m.end(), scaled=False, allow_count=True)
            value = whole[0] + float("0." + places)
            step = 10.0 ** -len(places)
            out.append(
                Quantity(value, None, None, unit, text[m.start() : end], m.start(), end, step=step, spelled=True)
            )
        return [self._signed(q) for q in out]

    def _ratios(self) -> list[Quantity]:
        """A ratio said with "over" and nothing after it: "one over three", "1 over 20." (but
        "$2000 over 3 years" is two figures)."""
        if "over" not in self.words or not _OVER_NUMBER.search(self.text):
            return []
        rx = self.lex.compiled.get("ratios")
        if rx is None:
            side = r"(?:" + self.lex.number_word_re.pattern + r"|\d+(?:\.\d+)?)"
            rx = self.lex.compiled["ratios"] = re.compile(
                r"(?<![\w.$€£])(" + side + r")[ \t]+over[ \t]+(" + side + r")(?=[ \t]*(?:[.,;!?]|$))", re.I
            )
        out = []
        for m in rx.finditer(self.text):  # type: ignore[attr-defined]
            a, b = (self._number_at(m.start(g)) for g in (1, 2))
            if a is not None and b is not None and b.value and b.end == m.end(2) and a.end == m.end(1):
                out.append(self._signed(Quantity(a.value / b.value, None, None, "", m.group(), m.start(), m.end())))
        return out

    def _signed(self, q: Quantity) -> Quantity:
        """`q` negative when "minus" or "negative" comes just before it."""
        word, wstart = self._word_before(q.start)
        if word.lower() not in ("minus", "negative") or q.value is None:
            return q
        return evolve(q, value=-q.value, surface=self.text[wstart : q.end], start=wstart)

    def _folds(self) -> list[Quantity]:
        """ "fivefold", "tenfold": a multiple in one word, changing the way the words around
        it say ("grew fivefold", "a tenfold rise")."""
        if "fold" not in self.text:
            return []
        folds = self.lex.raw["language"].get("fold_words", {})
        out = []
        for m in _FOLD.finditer(self.text):
            v = folds.get(m.group().lower())
            if v is not None:
                direction = self._direction(m.start(), m.end())
                out.append(
                    Quantity(
                        float(v), None, None, "x", m.group(), m.start(), m.end(), direction=direction, spelled=True
                    )
                )
        return out


def _word_fraction_guard(lex: Lexicon) -> frozenset[str]:
    """Words one of which a text must have for `_word_fractions` to look at it."""
    found = lex.compiled.get("word fraction guard")
    if found is None:
        lang = lex.raw["language"]
        dens = set(lang.get("fraction_denominators", {}))  # ("twenty-first": its tens word is not one)
        found = lex.compiled["word fraction guard"] = frozenset(
            [*dens, *(d + "s" for d in dens), "halves", "firsts", "first"]
        )
    return found  # type: ignore[no-any-return]


def _word_fraction_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int], dict[str, int]]:
    """The patterns of `_Scanner._word_fractions`, compiled once per lexicon."""
    found = lex.compiled.get("word fractions")
    if found is None:
        lang = lex.raw["language"]
        dens, compound = lang.get("fraction_denominators", {}), lang.get("compound_denominators", {})
        digits = lang.get("digit_words", {})
        card = lex.number_word_re.pattern
        den = (
            r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ -](?:"
            + trie_alternation(compound)
            + r")|"
            + trie_alternation(dens)
            + r")"
        )
        fraction = re.compile(
            r"(?:(?P<whole>" + card + r")[ \t]+and[ \t]+)?(?P<num>\ban?\b|" + card + r")[ \t-]+"
            r"(?P<den>" + den + r")(?P<pl>s)?\b",
            re.I,
        )
        words = trie_alternation(digits)
        point = re.compile(
            r"(" + card + r")[ \t]+point[ \t]+((?:" + words + r")\b(?:[ \t]+(?:" + words + r")\b)*)", re.I
        )
        found = lex.compiled["word fractions"] = (fraction, point, dens, digits)
    return found  # type: ignore[no-any-return]


def _denominator(word: str, dens: dict[str, int], lex: Lexicon) -> float:
    """ "fifth" 5, "twenty-first" 21, "hundredth" 100; 0 for none."""
    if word in dens:
        return float(dens[word])
    tens, _, unit = word.replace(" ", "-").partition("-")
    compound = lex.raw["language"].get("compound_denominators", {})
    return float(lex.number_words.get(tens, 0) + compound.get(unit, 0)) if unit in compound else 0.0
