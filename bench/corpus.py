"""Deterministic synthetic news corpus for claimcheck benchmarks.

    python bench/corpus.py --n 1000 --seed 7 --out DIR

writes N news-size documents (about 2-6 KB each) as DIR/NNN/doc_NNNNNN.txt, plus a
manifest DIR/corpus.json. The same N and seed give byte-identical files, whatever
--jobs is: each folder of 1000 documents has its own `random.Random` seeded from
(seed, folder), per-fact values come from CRC-32 of their key, and nothing depends on
the clock, `hash()` or dict order.

A document recombines real sentences, read at run time from the project's `seeds/*.txt`
and the "text" fields of `tests/data/claims_golden.json` and
`tests/data/quantities_golden.json`, with sentences made from templates. Templates state
figures from one fixed "world": a true value per (subject, metric, object, year), so the
same figure recurs across documents (agree), changes across years (trend), and is
sometimes misquoted (conflict). Subjects are countries and companies; the company pool
grows with N, so group sizes stay realistic as the corpus grows, while the countries and
the recombined real sentences form a few "hot" groups that grow with N, as in real news.
Some documents carry page furniture: a label, a title, a "Published:" line, share
counters, a "Related posts" list and a "References" list.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import os
import random
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_FILES = ("tests/data/claims_golden.json", "tests/data/quantities_golden.json")
DOCS_PER_FOLDER = 1000
P_WRONG = 0.04  # chance that a stated figure is a misquote (the source of conflicts)
# Share of body sentences made from figure templates. 0.46 with the real sentences (which
# state figures too) gives 5.7 claims per KB of text, several times what news articles
# state (the seed articles: 1.0 per KB); --figures makes sparser corpora.
FIGURES = 0.46

COUNTRIES = (  # names that read well without "the" ("Chile's output")
    "China", "Iran", "India", "Germany", "Brazil", "Japan", "Ukraine", "France",
    "Indonesia", "Australia", "Chile", "Canada", "Mexico", "Poland", "Spain", "Turkey",
    "South Africa", "Nigeria", "Vietnam", "Kenya", "Peru", "Argentina", "Egypt", "Norway",
    "Kazakhstan", "Mongolia", "Philippines", "Thailand", "Pakistan", "Italy", "Sweden",
    "Saudi Arabia", "Colombia", "Morocco", "Ghana", "Malaysia", "Bangladesh", "Romania",
    "Finland", "Portugal", "Tanzania", "Zambia", "Ethiopia", "Algeria", "Greece", "Uruguay",
)  # fmt: skip
NEIGHBOURS = {
    "Poland": "Germany", "Spain": "Portugal", "Canada": "the United States", "Mongolia": "China",
    "Kazakhstan": "Russia", "France": "Spain", "India": "Pakistan", "Chile": "Argentina",
    "Kenya": "Tanzania", "Brazil": "Peru", "Mexico": "the United States", "Finland": "Russia",
    "Norway": "Sweden", "Zambia": "Tanzania", "Greece": "Turkey", "Thailand": "Malaysia",
}  # fmt: skip
PARTNERS = ("China", "the United States", "Germany", "Japan", "India", "France", "the United Kingdom")
COMMODITIES = ("copper", "coal", "wheat", "rice", "iron ore", "lithium", "coffee", "cotton", "steel", "nickel")
MARKETS = ("global battery", "freight", "copper", "cloud computing", "smartphone", "cement", "shipping")
STEMS = (
    "Nor", "Ald", "Kes", "Bren", "Cal", "Dun", "Fal", "Gor", "Hal", "Ith", "Jor", "Kal", "Lun",
    "Mar", "Nev", "Orr", "Pel", "Quin", "Ros", "Sel", "Tor", "Ulv", "Ves", "Wyn",
)  # fmt: skip
ENDINGS = ("vik", "mark", "trel", "ford", "dale", "wick", "ton", "stad", "berg", "more", "gate", "holm")
REGIONS = ("", "Pacific", "Atlantic", "Northern", "Global", "United", "Continental", "Eastern")
SECTORS = (
    "Mining", "Energy", "Motors", "Airlines", "Shipping", "Foods", "Steel", "Telecom",
    "Logistics", "Power", "Minerals", "Textiles", "Chemicals", "Holdings",
)  # fmt: skip
COUNTRY_SOURCES = (
    "the World Bank", "the International Energy Agency", "Reuters", "the national statistics office",
    "the International Monetary Fund", "the finance ministry", "Bloomberg", "the trade ministry",
)  # fmt: skip
COMPANY_SOURCES = ("company filings", "Bloomberg", "Reuters", "its annual report")
QUALIFIERS = (  # (text, rounding) and weights: "nearly" rounds up, "over" down
    (("", "nearest"), 52),
    (("about ", "nearest"), 14),
    (("roughly ", "nearest"), 5),
    (("nearly ", "up"), 8),
    (("almost ", "up"), 4),
    (("over ", "down"), 9),
    (("more than ", "down"), 8),
)
QUALIFIER_POOL = tuple(q for q, weight in QUALIFIERS for _ in range(weight))  # one rng.choice draws by weight
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
FILLER = (
    "Officials in {c} said the figures would be revised later this year.",
    "Analysts expect demand to remain strong despite higher borrowing costs.",
    "{k} did not respond to a request for comment.",
    "The government of {c} has promised to publish more detailed data.",
    "Investors have watched {k} closely since the start of the decade.",
    "Critics argue that the official numbers understate the scale of the problem.",
    "{k} said it would continue to invest in {c}.",
    "Trade between {c} and {c2} has become a political issue.",
    "Prices for {m} have been volatile as buyers look for new suppliers.",
    "The ministry declined to give a breakdown by region.",
    "Environmental groups have questioned the pace of new projects in {c}.",
    "Executives at {k} described the market as challenging but stable.",
    "Lawmakers in {c} are debating new rules on foreign ownership.",
    "The central bank in {c} has kept its policy unchanged.",
    "Shipping delays have added to costs for exporters across the region.",
    "Industry groups say clearer permitting rules would speed up investment.",
    "{k} plans to expand its operations in {c2}, according to people familiar with the matter.",
    "Economists caution that comparisons between countries depend on how the data are collected.",
)
HEADLINES = (
    "{s} bets on {m} as demand shifts",
    "Inside {s}'s push for cleaner power",
    "What the latest figures say about {s}",
    "{s} under pressure as costs rise",
    "Investors weigh {s}'s outlook",
    "How {s} became a key player in {m}",
    "The numbers behind {s}'s growth",
)
RELATED = (
    "{s} {m} output hits {v}",
    "{s} raises {m} exports to {v}",
    "Why {s} is betting {v} on new capacity",
    "{s} reports record year",
)
SURNAMES = ("Smith", "Chen", "Garcia", "Okafor", "Nguyen", "Kowalski", "Haddad", "Tanaka", "Silva", "Novak")
FIELDS = ("Resource Economics", "Energy Policy", "Mining Studies", "Development Studies", "Trade Policy")
LABELS = ("News", "Analysis", "Business", "Markets")
SOCIAL = ("Facebook", "Twitter", "LinkedIn", "WhatsApp", "Email", "Share")

_SPLIT = re.compile(
    r"(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bU\.S\.)(?<=[.!?])\s+(?=[A-Z“\"])"
)


# -- the world: true values -------------------------------------------------------------
@lru_cache(maxsize=1 << 16)
def _unit_float(*parts: object) -> float:
    """A stable number in [0, 1) from its key (CRC-32, not Python's salted hash)."""
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8")) / 2**32


@dataclass(frozen=True)
class Metric:
    """A kind of figure a subject has, and the sentences that state it."""

    name: str
    unit: str  # formatter key: t, USD, %, km, MW, count
    low: float  # range of the base value (log-uniform)
    high: float
    dated: bool
    phrasings: tuple[str, ...]  # slots: {s} subject, {o} object, {q}{v} figure, {p} period, {a} source
    objects: str = ""  # "", commodity, partner, market, neighbour
    growth: float = 0.08  # largest yearly change, as a fraction


COUNTRY_METRICS = (
    Metric("production", "t", 1e5, 5e7, True, (
        "{s}'s {o} output was {q}{v} {p}{a}.",
        "{s} produced {q}{v} of {o} {p}{a}.",
        "{s}'s {o} production reached {q}{v} {p}{a}.",
    ), objects="commodity"),
    Metric("commodity exports", "t", 5e4, 2e7, True, (
        "{s}'s {o} exports rose to {q}{v} {p}{a}.",
        "{s} exported {q}{v} of {o} {p}{a}.",
    ), objects="commodity"),
    Metric("unemployment", "%", 3, 25, True, (
        "The unemployment rate in {s} was {q}{v} {p}{a}.",
        "{s}'s unemployment rate stood at {q}{v} {p}{a}.",
    ), growth=0.05),
    Metric("inflation", "%", 1.5, 40, True, ("Inflation in {s} was {q}{v} {p}{a}.",), growth=0.1),
    Metric("solar", "MW", 200, 80000, True, (
        "{s}'s installed solar capacity reached {q}{v} {p}{a}.",
        "{s} had {q}{v} of solar capacity {p}{a}.",
    ), growth=0.15),
    Metric("wind", "MW", 200, 60000, True, ("{s}'s wind capacity reached {q}{v} {p}{a}.",), growth=0.1),
    Metric("exports to", "USD", 1e9, 3e11, True, (
        "{s}'s exports to {o} were worth {q}{v} {p}{a}.",
        "{s}'s exports to {o} rose to {q}{v} {p}{a}.",
    ), objects="partner"),
    Metric("defence", "USD", 1e9, 8e10, True, ("{s}'s defence spending reached {q}{v} {p}{a}.",), growth=0.06),
    Metric("population", "count", 2e6, 3e8, True, ("{s}'s population reached {q}{v} {p}{a}.",), growth=0.02),
    Metric("roads", "km", 2e4, 2e6, False, ("{s}'s road network spans {q}{v}{a}.",)),
    Metric("railways", "km", 1e3, 1e5, False, ("{s}'s railway network runs {q}{v}{a}.",)),
    Metric("border", "km", 200, 5000, False, (
        "{s} shares a {v:adj} border with {o}{a}.",
        "{s}'s border with {o} runs {q}{v}{a}.",
    ), objects="neighbour"),
)  # fmt: skip
COMPANY_METRICS = (
    Metric("revenue", "USD", 5e7, 5e10, True, (
        "{s} reported revenue of {q}{v} {p}{a}.",
        "{s} reported annual revenue of {q}{v} {p}{a}.",
    )),
    Metric("profit", "USD", 5e6, 5e9, True, ("{s} posted a net profit of {q}{v} {p}{a}.",), growth=0.3),
    Metric("staff", "count", 500, 2e5, True, ("{s} employed {q}{v} people {p}{a}.",), growth=0.05),
    Metric("share", "%", 2, 40, True, ("{s} held {q}{v} of the {o} market {p}{a}.",), objects="market"),
)  # fmt: skip
SECTOR_METRICS = {
    "Mining": Metric("output", "t", 1e4, 5e6, True, ("{s} produced {q}{v} of {o} {p}{a}.",), objects="commodity"),
    "Minerals": Metric("output", "t", 1e4, 5e6, True, ("{s} produced {q}{v} of {o} {p}{a}.",), objects="commodity"),
    "Energy": Metric("solar", "MW", 100, 20000, True, ("{s} operated {q}{v} of solar capacity {p}{a}.",)),
    "Power": Metric("wind", "MW", 100, 20000, True, ("{s} had {q}{v} of wind capacity {p}{a}.",)),
    "Motors": Metric("vehicles", "count", 1e4, 5e6, True, ("{s} delivered {q}{v} vehicles {p}{a}.",)),
    "Airlines": Metric("passengers", "count", 1e6, 1e8, True, ("{s} carried {q}{v} passengers {p}{a}.",)),
    "Shipping": Metric("boxes", "count", 1e5, 2e7, True, ("{s} handled {q}{v} containers {p}{a}.",)),
}


@dataclass(frozen=True)
class Subject:
    """A country or company, and the metrics documents state about it."""

    name: str
    is_company: bool
    metrics: tuple[Metric, ...]


class World:
    """The fixed facts every document draws on, for one seed and corpus size."""

    def __init__(self, seed: int, n_docs: int, figures: float = FIGURES) -> None:
        self.seed = seed
        self.n_companies = max(40, n_docs // 5)
        self.mix = _mix(figures)

    def company(self, i: int) -> Subject:
        """Company number `i`: a made-up name, stable for the seed and distinct for every i
        below 32,256 (the number of name combinations)."""
        names = len(STEMS) * len(ENDINGS)
        total = names * len(REGIONS) * len(SECTORS)
        k = (i * 7919 + self.seed) % total  # 7919 is prime and does not divide `total`
        stem = STEMS[k % len(STEMS)] + ENDINGS[(k // len(STEMS)) % len(ENDINGS)]
        region = REGIONS[(k // names) % len(REGIONS)]
        sector = SECTORS[k // (names * len(REGIONS))]
        extra = (SECTOR_METRICS[sector],) if sector in SECTOR_METRICS else ()
        return Subject(" ".join(w for w in (stem, region, sector) if w), True, COMPANY_METRICS + extra)

    def country(self, name: str) -> Subject:
        """A country; the border metric only for those with a neighbour listed."""
        metrics = tuple(m for m in COUNTRY_METRICS if m.objects != "neighbour" or name in NEIGHBOURS)
        return Subject(name, False, metrics)

    def commodities(self, subject: str) -> list[str]:
        """The three commodities a subject deals in."""
        return sorted(COMMODITIES, key=lambda c: _unit_float(self.seed, subject, c))[:3]

    def objects(self, metric: Metric, subject: str) -> list[str]:
        """What a metric of `subject` can be about: commodities, partners, markets, a neighbour."""
        if metric.objects == "commodity":
            return self.commodities(subject)
        if metric.objects == "partner":
            return [p for p in PARTNERS if p.removeprefix("the ") != subject]
        if metric.objects == "market":
            return sorted(MARKETS, key=lambda m: _unit_float(self.seed, subject, m))[:2]
        if metric.objects == "neighbour":
            return [NEIGHBOURS[subject]]
        return [""]

    def value(self, metric: Metric, subject: str, obj: str, years: tuple[int, int] | None) -> float:
        """The true value of a figure: a base for the key, grown yearly, averaged over a period."""
        key = (subject, obj) if metric.name != "border" else tuple(sorted((subject, obj)))
        base = metric.low * (metric.high / metric.low) ** _unit_float(self.seed, metric.name, *key)
        if years is None:
            return base
        growth = metric.growth * (2 * _unit_float(self.seed, metric.name, *key, "growth") - 1)
        span = range(years[0], years[1] + 1)
        return sum(base * (1 + growth) ** (y - 2019) for y in span) / len(span)


# -- figures as text --------------------------------------------------------------------
def _round_sig(x: float, digits: int, mode: str) -> tuple[float, int]:
    """`x` rounded to `digits` significant digits (nearest, up or down), and its exponent."""
    exp = math.floor(math.log10(abs(x))) - digits + 1
    step = 10.0**exp
    rounder: Callable[[float], float] = {"nearest": round, "up": math.ceil, "down": math.floor}[mode]
    return rounder(x / step) * step, exp


def _number(value: float, digits: int, mode: str, scale: float = 1.0) -> str:
    """`value / scale` rounded, with thousands separators and no trailing decimal zeros.

    Without a scale word a figure is always rounded to 3 significant digits: a reader
    (and claimcheck) takes "126,000" as exact, so two sources rounding the same true
    value to different digits would disagree.
    """
    if scale == 1.0 and value >= 1000:
        digits = 3
    v, exp = _round_sig(value, digits, mode)
    decimals = max(0, round(math.log10(scale)) - exp)
    text = f"{v / scale:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure(rng: random.Random, unit: str, value: float, mode: str, adjective: bool = False) -> str:
    """A figure as a reporter would write it: "5.3 million tonnes", "$7.8bn", "12.1%"."""
    d = rng.choice((2, 3, 3))
    if unit == "t":
        if value >= 1e6:
            return f"{_number(value, d, mode, 1e6)} million {rng.choice(('tonnes', 'tonnes', 'metric tons'))}"
        return f"{_number(value, d, mode)} tonnes"
    if unit == "USD":
        if value >= 1e9:
            return rng.choice(("${} billion", "${}bn", "US${} billion")).format(_number(value, d, mode, 1e9))
        if value >= 1e6:
            return rng.choice(("${} million", "${}m")).format(_number(value, d, mode, 1e6))
        return f"${_number(value, d, mode)}"
    if unit == "%":
        return rng.choice(("{}%", "{}%", "{} percent", "{} per cent")).format(_number(value, d, mode))
    if unit == "km":
        if adjective:
            return f"{_number(value, d, mode)}-kilometre"
        return rng.choice(("{} km", "{} kilometres")).format(_number(value, d, mode))
    if unit == "MW":
        if value >= 1000 and rng.random() < 0.4:
            return f"{_number(value, d, mode, 1000)} GW"
        return f"{_number(value, d, mode)} MW"
    if value >= 1e6:
        return f"{_number(value, d, mode, 1e6)} million"
    return _number(value, d, mode)


def period(rng: random.Random, is_company: bool, focus: int) -> tuple[tuple[int, int], str]:
    """When a figure holds, and its phrase: mostly the `focus` year of that figure, else
    another year in 2019-2025, or one of two spans that do not overlap (2010-2013, 2014-2017)."""
    r = rng.random()
    if r < 0.88:
        y = focus if r < 0.72 else rng.randint(2019, 2025)
        words = ("in {}", "in {}", "during {}", "in fiscal {}") if is_company else ("in {}", "in {}", "during {}")
        return (y, y), rng.choice(words).format(y)
    a, b = rng.choice(((2010, 2013), (2014, 2017)))
    phrase = rng.choice(("during {a}-{b}", "between {a} and {b}", "over the period {a}-{b}"))
    return (a, b), phrase.format(a=a, b=b)


def attribution(rng: random.Random, is_company: bool) -> str:
    """A source phrase (', according to the World Bank', ', Reuters said') or, half the time, none."""
    if rng.random() < 0.5:
        return ""
    if is_company:
        return f", according to {rng.choice(COMPANY_SOURCES)}"
    return rng.choice((", according to {}", ", {} said")).format(rng.choice(COUNTRY_SOURCES))


def claim_sentence(rng: random.Random, world: World, subject: Subject) -> str:
    """One template sentence stating a figure about `subject`, usually the true one."""
    metric = rng.choice(subject.metrics)
    obj = rng.choice(world.objects(metric, subject.name))
    focus = 2021 + int(4 * _unit_float(world.seed, metric.name, subject.name, obj, "year"))
    years, when = period(rng, subject.is_company, focus) if metric.dated else (None, "")
    value = world.value(metric, subject.name, obj, years)
    if rng.random() < P_WRONG:
        value *= rng.choice((0.6, 0.75, 1.3, 1.5))
    template = rng.choice(metric.phrasings)
    qualifier, mode = ("", "nearest") if "{v:adj}" in template else rng.choice(QUALIFIER_POOL)
    text = figure(rng, metric.unit, value, mode, adjective="{v:adj}" in template)
    source = attribution(rng, subject.is_company)
    sentence = template.replace("{v:adj}", text).format(s=subject.name, o=obj, q=qualifier, v=text, p=when, a=source)
    return sentence.replace(" .", ".").replace(" ,", ",")


# -- real sentences -----------------------------------------------------------------------
@dataclass(frozen=True)
class RealText:
    """Sentences read from the project: narrative from seeds, figures from golden tests."""

    seeds: tuple[str, ...]
    golden: tuple[str, ...]


def seed_sentences(text: str) -> Iterator[str]:
    """Prose sentences of a seed document: no tables, lists, headings or references."""
    for line in text.split("\n"):
        line = line.strip()
        if len(line) < 60 or "|" in line or line.startswith(("#", "-", "*")) or re.match(r"^\d+\.\s", line):
            continue
        for s in _SPLIT.split(line):
            if 40 <= len(s) <= 400 and s[-1] in '.!?"”':
                yield s


def load_real_text(root: Path = ROOT) -> RealText:
    """The real sentences this generator recombines, read now from the repository."""
    seeds = [s for p in sorted((root / "seeds").glob("*.txt")) for s in seed_sentences(p.read_text("utf-8"))]
    golden: list[str] = []
    for name in GOLDEN_FILES:
        for case in json.loads((root / name).read_text("utf-8")):
            text = case.get("text", "").strip()
            if text and "\n" not in text and len(text) <= 400:
                golden.append(text)
    return RealText(tuple(seeds), tuple(golden))


# -- documents ----------------------------------------------------------------------------
def _other(rng: random.Random, world: World) -> Subject:
    if rng.random() < 0.5:
        return world.country(rng.choice(COUNTRIES))
    return world.company(rng.randrange(world.n_companies))


def _skewed(rng: random.Random, n: int, power: float = 1.6) -> int:
    """An index in range(n), low indices more often: some subjects are in the news more."""
    return min(n - 1, int(n * rng.random() ** power))


def _mix(figures: float) -> tuple[float, float, float, float]:
    """Where a uniform draw stops being: a figure about the topic, a figure about another
    subject, filler, a golden test sentence (else a seed sentence). Figure templates take
    `figures` of the sentences; the rest keep their default proportions."""
    if figures == FIGURES:
        return (0.38, 0.46, 0.79, 0.85)  # the default corpus, exactly as before --figures
    if not 0 <= figures <= 1:
        raise ValueError(f"the share of figure sentences must be between 0 and 1, not {figures}")
    rest = 1 - figures
    filler = figures + rest * 0.33 / 0.54
    return (figures * 0.38 / 0.46, figures, filler, filler + rest * 0.06 / 0.54)


def body_sentence(rng: random.Random, world: World, real: RealText, topic: Subject) -> str:
    """The next sentence of a body: a figure about the topic, filler, or a real sentence."""
    r = rng.random()
    topic_figure, figure, filler, golden = world.mix
    if r < topic_figure:
        return claim_sentence(rng, world, topic)
    if r < figure:
        return claim_sentence(rng, world, _other(rng, world))
    if r < filler:
        c, c2 = rng.sample(COUNTRIES, 2)
        k = world.company(rng.randrange(world.n_companies)).name
        return rng.choice(FILLER).format(c=c, c2=c2, k=k, m=rng.choice(COMMODITIES))
    if r < golden:
        return rng.choice(real.golden)
    return rng.choice(real.seeds)


def body(rng: random.Random, world: World, real: RealText, topic: Subject, size: int) -> list[str]:
    """Paragraphs of 2-5 sentences, the first led by a figure about the topic, up to `size` chars."""
    paragraphs: list[str] = []
    total = 0
    while total < size:
        n = rng.randint(2, 5)
        sentences = [body_sentence(rng, world, real, topic) for _ in range(n)]
        if not paragraphs:
            sentences[0] = claim_sentence(rng, world, topic)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


def _date_line(rng: random.Random) -> str:
    y, m, d = rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(
        (
            f"Published: {d} {MONTHS[m - 1]} {y}",
            f"Published on {MONTHS[m - 1]} {d}, {y}",
            f"Posted: {y}-{m:02d}-{d:02d}",
        )
    )


def _share_lines(rng: random.Random) -> list[str]:
    out = []
    for net in rng.sample(SOCIAL, rng.randint(2, 4)):
        count = rng.choice(("", f"{rng.randint(1, 99)}k", str(rng.randint(3, 999))))
        out.append(net + count if net not in ("Email", "Share") else net)
    return out


def _related(rng: random.Random, world: World) -> list[str]:
    lines = ["Related posts", ""]
    for _ in range(rng.randint(3, 6)):
        s = world.country(rng.choice(COUNTRIES))
        v = figure(rng, "t", 10 ** rng.uniform(5, 7.5), "nearest")
        lines.append(rng.choice(RELATED).format(s=s.name, m=rng.choice(COMMODITIES), v=v))
    return lines


def _references(rng: random.Random) -> list[str]:
    lines = ["References", ""]
    for i in range(1, rng.randint(3, 6)):
        a = rng.randint(1, 400)
        lines.append(
            f"{i}. {rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}. ({rng.randint(2005, 2024)}). "
            f"{rng.choice(COMMODITIES).capitalize()} markets and {rng.choice(FIELDS).lower()}. "
            f"Journal of {rng.choice(FIELDS)}, vol. {rng.randint(1, 40)}, no. {rng.randint(1, 12)}, "
            f"pp. {a}-{a + rng.randint(5, 30)}."
        )
    return lines


def document(rng: random.Random, world: World, real: RealText) -> str:
    """One document: optional furniture around a body about one topic."""
    if rng.random() < 0.45:
        topic = world.country(COUNTRIES[_skewed(rng, len(COUNTRIES))])
    else:
        topic = world.company(_skewed(rng, world.n_companies))
    head: list[str] = []
    if rng.random() < 0.1:
        head.append(rng.choice(LABELS))
    if rng.random() < 0.85:
        head.append(rng.choice(HEADLINES).format(s=topic.name, m=rng.choice(COMMODITIES)))
    if rng.random() < 0.55:
        head.append(_date_line(rng))
    if rng.random() < 0.3:
        head.extend(_share_lines(rng))
    parts = ["\n".join(head)] if head else []
    parts.extend(body(rng, world, real, topic, rng.randint(1600, 4800)))
    if rng.random() < 0.3:
        parts.append("\n".join(_related(rng, world)))
    if rng.random() < 0.15:
        parts.append("\n".join(_references(rng)))
    return "\n\n".join(parts) + "\n"


# -- files ----------------------------------------------------------------------------------
def doc_path(out: Path, i: int) -> Path:
    return out / f"{i // DOCS_PER_FOLDER:03d}" / f"doc_{i:06d}.txt"


def fingerprint(root: Path = ROOT) -> str:
    """What the corpus depends on besides N and seed: this file and the texts it reads."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for p in [*sorted((root / "seeds").glob("*.txt")), *(root / n for n in GOLDEN_FILES)]:
        h.update(p.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class FolderJob:
    """One folder of up to DOCS_PER_FOLDER documents: the unit of (parallel) work."""

    n: int
    seed: int
    folder: int
    out: Path
    root: Path
    figures: float = FIGURES


@cache
def _real_text(root: Path) -> RealText:
    return load_real_text(root)


def write_folder(job: FolderJob) -> int:
    """Write one folder's documents, one at a time; return the bytes written.

    Each folder has its own `random.Random` seeded from (seed, folder), so a folder's
    files do not depend on which process writes it or in what order.
    """
    rng = random.Random(f"{job.seed}/{job.folder}")
    world = World(job.seed, job.n, job.figures)
    real = _real_text(job.root)
    first = job.folder * DOCS_PER_FOLDER
    total = 0
    for i in range(first, min(job.n, first + DOCS_PER_FOLDER)):
        data = document(rng, world, real).encode("utf-8")
        path = doc_path(job.out, i)
        if i == first:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def generate(
    n: int, seed: int, out: Path, root: Path = ROOT, jobs: int = 1, figures: float = FIGURES
) -> dict[str, object]:
    """Write `n` documents into `out` and a manifest; return the manifest.

    `jobs` processes write whole folders in parallel; the files are the same for any `jobs`.
    `figures` is the share of body sentences made from figure templates.
    """
    _mix(figures)  # a share out of range fails before anything is written
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    work = [FolderJob(n, seed, f, out, root, figures) for f in range(math.ceil(n / DOCS_PER_FOLDER))]
    if jobs > 1 and len(work) > 1:
        with multiprocessing.Pool(min(jobs, len(work))) as pool:
            total = sum(pool.imap_unordered(write_folder, work))
    else:
        total = sum(map(write_folder, work))
    manifest: dict[str, object] = {"n": n, "seed": seed, "bytes": total, "fingerprint": fingerprint(root)}
    if figures != FIGURES:
        manifest["figures"] = figures
    (out / "corpus.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    ap.add_argument(
        "--figures", type=float, default=FIGURES, help=f"share of sentences from figure templates (default {FIGURES})"
    )
    args = ap.parse_args(argv)
    try:
        m = generate(args.n, args.seed, args.out, jobs=args.jobs, figures=args.figures)
    except (FileExistsError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {m['n']} documents, {m['bytes']} bytes, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
