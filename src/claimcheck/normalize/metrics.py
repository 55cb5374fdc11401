"""Metric names: the same metric, phrased differently, normalized to one name.

>>> from claimcheck.lexicon import default_lexicon
>>> m = MetricNames(default_lexicon())
>>> m.normalize("global share of rare earth element output")
'share of global rare earth production'
>>> m.share("the world's REEs", verb="supplying")
'share of global rare earth production'
"""

from __future__ import annotations

import re

from claimcheck.lexicon import Lexicon, recall


class MetricNames:
    """Synonym data from `data/metrics.json`, compiled once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        data = lex.metrics
        self.phrases: dict[str, str] = {k.lower(): v for k, v in data["phrases"].items()}
        alt = "|".join(re.escape(p) for p in sorted(self.phrases, key=len, reverse=True))
        self._phrase_rx = re.compile(r"(?<![\w-])(" + alt + r")(?![\w-])")
        self.verb_process: dict[str, str] = data["verb_process"]
        self.share_verbs = sorted(data["share_verbs"], key=len, reverse=True)
        self.process = frozenset(data["process_nouns"])
        self.anaphora: dict[str, list[str]] = data["anaphora"]
        self.symmetric = frozenset(data["symmetric"])
        self.drop = frozenset(data["drop"])
        self.dangling = frozenset(data.get("dangling", []))  # no metric ends with "in" or "of"
        self.dimension_metric: dict[str, str] = data["dimension_metrics"]
        self.company_measures = frozenset(data.get("company_measures", []))
        # "Lumina's data-center segment posted revenue of": a part of a company, named before it
        nouns = "|".join(re.escape(n) for n in data.get("segment_nouns", []))
        self.segment_rx = re.compile(
            r"(?<!['’])\b((?:[a-z][\w-]*\s+){1,2})(?:" + nouns + r")\b[^.;:,]{0,60}$" if nouns else r"(?!)"
        )
        self.agent_nouns: dict[str, str] = data.get("agent_nouns", {})
        # "Indicator 2029 2030": a table whose rows are measures, not things measured
        self.row_measure_heads = frozenset(data.get("row_measure_heads", []))
        self.not_company_measures = frozenset(data.get("not_company_measures", []))
        self.vague_metrics = frozenset(data.get("vague_metrics", []))
        self.money_words: dict[str, str] = data.get("money_words", {})
        self.gdp_ratio_nouns: dict[str, str] = data.get("gdp_ratio_nouns", {})
        self.class_nouns = frozenset(data.get("class_nouns", []))
        self.generic_subjects = frozenset(data.get("generic_subjects", []))
        self.count_events: dict[str, str] = data.get("count_events", {})
        self.counted_in: dict[str, str] = data.get("counted_in", {})
        # "The death toll rose to 79": measures that count a noun, and the metric they are
        self.counted_by: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in data.get("counted_by", {}).items()}
        self.change_rates: dict[str, str] = data.get("change_rates", {})
        self.measure_nouns = frozenset(data.get("measure_nouns", []))
        extent = data.get("extent_words", {})
        self.extent: dict[str, str] = {k.lower(): v for k, v in extent.items()}
        alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(self.extent, key=len, reverse=True))
        self.extent_rx = re.compile(r"\s+(" + alt + r")\b", re.I) if alt else re.compile("x^")
        # "Snowfall averages 80 cm": words naming what a figure of a dimension measures
        self._dimension_measures = {
            dim: (
                words,
                re.compile(
                    r"(?<![\w-])("
                    + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                    + r")(?![\w-])",
                    re.I,
                ),
            )
            for dim, words in data.get("dimension_measures", {}).items()
            if words
        }
        self._period_markers = [
            (name, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])", re.I))
            for name, phrases in data.get("period_markers", {}).items()
        ]

    def words(self, phrase: str) -> list[str]:
        """Lower-cased words with synonyms applied and filler dropped."""
        # the same phrases recur sentence after sentence: remember recent answers (in the
        # lexicon's memo: these names are built from the lexicon alone)
        return list(recall(self.lex, "metric words", phrase, lambda: tuple(self._words(phrase)), size=8192))

    def _words(self, phrase: str) -> list[str]:
        p = phrase.lower().replace("’", "'")
        p = re.sub(r"\[[^\]]*\]|\b\d[\d.,]*\b(?!-[a-z])", " ", p)  # "10-year" names an instrument
        p = re.sub(r"[^\w\s'%-]", " ", p)
        p = self._phrase_rx.sub(lambda m: self.phrases[m.group(1)], p)
        p = re.sub(r"'s\b", "", p)
        words = [w for w in p.split() if w not in self.drop and any(c.isalnum() or c == "%" for c in w)]
        while words and words[-1] in self.dangling:
            words.pop()  # "output in 2022/23 was": the period went, its preposition stays behind
        return words

    def dimension_measure(self, dim: str, before: str, after: str = "") -> str | None:
        """The measure a figure of dimension `dim` is when its sentence names one only by a
        word near it: the last such word `before` the figure ('Snowfall averages 80 cm' ->
        snowfall), else the first in the few words `after` it ('640 mm of rain' -> rainfall);
        None when there is none.

        >>> from claimcheck.lexicon import default_lexicon
        >>> MetricNames(default_lexicon()).dimension_measure("length", "Rainfall averages ")
        'rainfall'
        """
        named = self._dimension_measures.get(dim)
        if named is None:
            return None
        words, rx = named
        found = list(rx.finditer(before))
        if not found:
            found = list(rx.finditer(" ".join(after.split()[:3])))[:1]
        return words[found[-1].group(1).lower()] if found else None

    def not_money(self, metric: str) -> str:
        """The metric for a figure that is not an amount of money: "car revenue" came from "car
        sales", and 14 million cars are sales, not revenue."""
        words = metric.split()
        return " ".join(self.money_words.get(w, w) for w in words)

    def normalize(self, phrase: str) -> str:
        """A canonical metric name for a noun phrase."""
        words = self.words(phrase)
        if words[-1:] == ["rates"]:  # "inflation rates" (the rewrite made "inflation rate rates")
            words = [*words[:-1], "rate"]
        words = [w for k, w in enumerate(words) if k == 0 or w != words[k - 1]]
        name = self._gdp_ratio_name(words)
        if name is None:
            name = self._share_name(words)
        if name is not None:
            return name
        if len(words) >= 2 and words[-1] == "numbers" and words[-2].isalpha():
            # "passenger numbers" -> "number of passengers"
            return "number of " + " ".join([*words[:-2], _plural(words[-2])])
        if len(words) >= 3 and words[0] in self.process and words[1] == "of":
            return " ".join(words[2:] + words[:1])  # "production of coal" -> "coal production"
        return " ".join(words)

    def _gdp_ratio_name(self, words: list[str]) -> str | None:
        """The name for words ending "<noun>-to-gdp ratio" ("debt-to-GDP ratio" is what "public
        debt was 75.8% of GDP" states): "<what> as share of gdp"; None for other words."""
        if not (words and words[-1] == "ratio" and len(words) >= 2 and words[-2].endswith("-to-gdp")):
            return None
        noun = words[-2].removesuffix("-to-gdp")
        what = " ".join([*words[:-2], noun]) if words[:-2] else self.gdp_ratio_nouns.get(noun, noun)
        return f"{what} as share of gdp"

    def _share_name(self, words: list[str]) -> str | None:
        """The name for words about a share ("share of renewables in electricity generation",
        "global share of exports", "market share"), through `share`; None for words without
        "share", with it after "per" ("earnings per share"), or in none of those shapes."""
        i = words.index("share") if "share" in words else -1
        if i < 0 or words[i - 1 : i] == ["per"]:
            return None
        if "in" in words[i + 2 :] and i + 1 < len(words) and words[i + 1] == "of":
            j = words.index("in", i + 2)  # "share of renewables in electricity generation"
            return self.share(
                " ".join(words[j + 1 :]), global_="global" in words, modifier=" ".join(words[i + 2 : j]) or None
            )
        if i + 1 < len(words) and words[i + 1] == "of":
            scope = "global" in words[:i]
            modifier = " ".join(w for w in words[:i] if w != "global") or None
            return self.share(" ".join(words[i + 2 :]), global_=scope, modifier=modifier)
        if i == len(words) - 1 and i > 0:  # "market share", "global share"
            scope = "global" in words[:i]
            rest = [w for w in words[:i] if w != "global"]
            return self.share(" ".join(rest), global_=scope)
        return None

    def share(
        self,
        np: str,
        verb: str | None = None,
        global_: bool = False,
        modifier: str | None = None,
        context: str | None = None,
    ) -> str:
        """ "share of [global] <what> [<process>]" for "N% of <np>"."""
        words = self.words(np)
        if "global" in words:
            global_ = True
            words = [w for w in words if w != "global"]
        process = None
        cut = next((i for i, w in enumerate(words) if w in self.process), None)
        if cut is not None:
            while cut + 1 < len(words) and words[cut + 1] in self.process:
                cut += 1  # "electricity generation"
            words = words[: cut + 1]
        if words and words[-1] in self.process:
            process = words.pop()
            process = self.words(process)[0] if self.words(process) else process
        elif verb:
            process = self.verb_process.get(verb.lower())
        if not words and context:
            words = [w for w in self.words(context) if w != "global"]
        what = " ".join(words)
        name = "share of " + ("global " if global_ else "") + what + (f" {process}" if process else "")
        name = re.sub(r"\s+", " ", name).strip()
        if modifier:
            name = f"{' '.join(self.words(modifier))} {name}"
        return name

    def change_rate(self, metric: str, sentence: str) -> str | None:
        """The rate a percentage change of `metric` states ("consumer prices" -> "inflation rate"),
        named "monthly ..." when the sentence says the change is over a month."""
        rate = self.change_rates.get(metric)
        if rate is None:
            return None
        for name, rx in self._period_markers:
            if rx.search(sentence):
                return f"{name} {rate}"
        return rate

    def anaphor_targets(self, noun: str) -> list[str]:
        """Phrases that an anaphoric metric noun ("this reliance") refers back to."""
        return self.anaphora.get(noun.lower(), [])

    def is_symmetric(self, metric: str) -> bool:
        return any(w in self.symmetric for w in metric.split())


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("x", "ch", "sh")) else "s")
