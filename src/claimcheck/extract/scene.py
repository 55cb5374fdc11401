"""The typed state the figure and claim rules share: a sentence's `Scene`, and the `Figure`
each kept figure of it becomes on its way to a claim (`figure_rules`, then `claim_rules`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from claimcheck.extract.attribution import source_at
from claimcheck.extract.context import BEFORE_CHANGE, FORECAST, TARGET, ClaimContext
from claimcheck.extract.quantity_rules import Reading
from claimcheck.model import Claim, Period, Quantity, Sentence, evolve
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.time import PeriodSpan

_T = TypeVar("_T")


def revised(obj: _T, **changes: Any) -> _T:
    """`obj` with `changes`, or `obj` itself when they change nothing: most rules leave most
    figures as they are, and building a frozen dataclass again for each of them was a tenth
    of extraction's time."""
    held = obj.__dict__
    if all(held[k] is v or held[k] == v for k, v in changes.items()):
        return obj
    return evolve(obj, **changes)  # (at a third of dataclasses.replace's cost)


@dataclass(frozen=True)
class FigureFrame:
    """Whose figure it is (subject), of what (metric), and about what else (object)."""

    subject: str | None
    metric: str
    object: str | None


@dataclass(frozen=True)
class Scene:
    """What the figure and claim rules know of a sentence: its text, kept figures, names,
    periods and sources, and the claims made of the figures before the one at hand."""

    s: Sentence
    ctx: ClaimContext  # with the sentence's speakers, never a figure's subject
    figures: tuple[Reading, ...]
    mentions: tuple[Mention, ...]
    periods: tuple[PeriodSpan, ...]
    sources: tuple[tuple[int, str], ...]  # where each source that leads its figures is named
    attribution: str | None
    several: bool  # sources lead clauses between the figures: each speaks for its own
    out: tuple[Claim, ...] = ()
    compared: Claim | None = None  # the figure the claim before was an earlier value of

    @property
    def text(self) -> str:
        return self.s.text

    @property
    def before(self) -> Claim | None:
        """The claim made of the figure just before, of which a figure may say something."""
        return self.out[-1] if self.out else None

    @property
    def gap(self) -> int:
        """Where the text after the claim before starts (0 with none)."""
        return self.out[-1].surface_end - self.s.start if self.out else 0

    def prev_end(self, i: int) -> int:
        return self.figures[i - 1].q.end if i else 0

    def next_start(self, i: int) -> int:
        return self.figures[i + 1].q.start if i + 1 < len(self.figures) else len(self.text)

    def said_by(self, q: Quantity) -> str | None:
        """Who states the figure at `q`."""
        return (source_at(list(self.sources), q.start) if self.several else None) or self.attribution


@dataclass(frozen=True)
class Figure:
    """One kept figure on its way to a claim: what the rules have decided of it so far."""

    i: int  # its place among the scene's figures
    reading: Reading
    q: Quantity
    compared: Claim | None  # the scene's, as this figure leaves it
    frame: FigureFrame | None = None
    base_from: int = 0  # where "compared with 2022" may start
    listed: bool = False  # a name's figure in a list after the figure before
    earlier: bool = False  # an earlier value of the figure before ("from 4.2%")
    borrowed: bool = False  # its measure is the figure before's
    moved: Move | None = None
    period: Period | None = None
    claim: Claim | None = None
    done: bool = False  # no rule after this one applies: `claim` is made, or None (dropped)

    @property
    def named(self) -> FigureFrame:
        """The frame, once `no_metric` has dropped the figures without one."""
        if self.frame is None:
            raise AssertionError("a claim rule ran before the figure had a frame")
        return self.frame

    @property
    def made(self) -> Claim:
        """The claim, once `make` has made it."""
        if self.claim is None:
            raise AssertionError("a rule on the claim ran before it was made")
        return self.claim

    def drop(self) -> Figure:
        return replace(self, claim=None, done=True)


FigureRule = Callable[[Figure, Scene], Figure]


def vague(frame: FigureFrame | None, ctx: ClaimContext) -> bool:
    """Whether a frame names no measure anyone could compare ("24%" in a flattened table)."""
    return frame is None or frame.metric in ctx.metrics.vague_metrics


def measure_itself(metric: str) -> str:
    """A metric without the words that say how it was stated: "previous forecast inflation
    rate", "target change in output" -> "inflation rate", "output"."""
    stated = (BEFORE_CHANGE, FORECAST, TARGET, "change in ")
    while any(metric.startswith(p) for p in stated):
        metric = next(metric.removeprefix(p) for p in stated if metric.startswith(p))
    return metric


def measured(claim: Claim) -> FigureFrame:
    """The frame of what `claim` measures, a change of it or not: a figure said of the same
    thing ("..., up 38%", "after expanding 2.7%", "reaching 1.43 billion")."""
    return FigureFrame(claim.subject, claim.metric.removeprefix(FORECAST).removeprefix("change in "), claim.object)


def same_as(claim: Claim) -> FigureFrame:
    """The frame of `claim` itself."""
    return FigureFrame(claim.subject, claim.metric, claim.object)


def is_change(claim: Claim) -> bool:
    return claim.metric.removeprefix(FORECAST).startswith("change in ")


def with_metric(f: Figure, metric: str) -> Figure:
    """`f` with its named frame measuring `metric` (the claim rules' refinement of a measure)."""
    return revised(f, frame=revised(f.named, metric=metric))


@dataclass(frozen=True)
class Move:
    """A figure at one end of "<verb> <what> from X to Y": the level before the change
    (`before`) or after it, the name of what moved when the clause names one ("its drug
    Repatha"), what moved when the clause names no measure the frame found, and the figure's
    unit with the rate the other end states ("from $1,086 per month to $346")."""

    before: bool
    name: str | None
    metric: str | None
    unit: str
    stated: bool = False  # the metric is what the verb's object names ("increasing the tariff on X")

    def reframe(self, frame: FigureFrame | None, ctx: ClaimContext) -> FigureFrame | None:
        """The figure's frame with the moved thing's name as subject (a place stays the object);
        the measure the verb's object names, when it names one."""
        if self.stated and self.metric and frame is not None:
            frame = FigureFrame(frame.subject, self.metric, frame.object)
        if vague(frame, ctx):
            subject = self.name or (frame.subject if frame is not None else None)
            return FigureFrame(subject, self.metric, None) if self.metric else frame
        if self.name is None or _one_of(self.name, frame.subject):
            return frame  # ("The price of Valdrex and Carecin will fall from ...": both's)
        subject, metric, obj = frame.subject, frame.metric, frame.object
        if subject and subject != self.name and ctx.entities.is_place(subject) and obj is None:
            obj = subject
        return FigureFrame(self.name, metric, obj)


def _one_of(name: str, subject: str | None) -> bool:
    """Whether a subject joins `name` with another ("Valdrex and Carecin")."""
    return bool(subject) and name in (subject or "").replace(", and ", " and ").replace(", ", " and ").split(" and ")
