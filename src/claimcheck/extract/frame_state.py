"""The state every frame rule reads: a figure in its sentence (`FrameState`), and the type
of a frame rule. The rules are in `frame_rules.py` and `frame_share.py`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimcheck.extract.agents import agent, subject_fallback
from claimcheck.extract.context import CONVERSION, ClaimContext
from claimcheck.extract.frames import RIGHT_CUT, Frame
from claimcheck.model import Quantity
from claimcheck.normalize.entities import Mention
from claimcheck.normalize.metrics import MetricNames
from claimcheck.normalize.units import dimension_of


@dataclass(frozen=True)
class FrameState:
    """A figure in its sentence, as every frame rule sees it."""

    text: str
    q: Quantity
    mentions: Sequence[Mention]
    ctx: ClaimContext
    right: str  # the text after the figure, without the figure again in other units
    right_clause: str  # `right` up to the end of the figure's clause
    dim: str  # the figure's dimension ('percent', 'length', 'count', ...)

    @classmethod
    def of(cls, text: str, q: Quantity, mentions: Sequence[Mention], ctx: ClaimContext) -> FrameState:
        right = text[q.end :]
        conversion = CONVERSION.match(right)
        if conversion:  # "636 km (395 mi) long": the figure in other units says nothing new
            right = right[conversion.end() :]
        cut = RIGHT_CUT.search(right)
        right_clause = right[: cut.start()] if cut else right
        return cls(text, q, mentions, ctx, right, right_clause, dimension_of(q.unit, ctx.lex))

    @property
    def m(self) -> MetricNames:
        return self.ctx.metrics

    @property
    def left(self) -> str:
        """The sentence before the figure."""
        return self.text[: self.q.start]

    def agent(self, at: int | None = None) -> str | None:
        """The entity the clause holding the figure (or the verb at `at`) is about."""
        return agent(self.text, self.q.start if at is None else at, self.mentions, self.ctx)

    def fallback_subject(self, metric_np: str = "") -> str | None:
        """The sentence's leading name, a place after "in", or the document's place."""
        return subject_fallback(self.text, self.right_clause, self.mentions, self.ctx, metric_np)


FrameRule = Callable[[FrameState], Frame | None]
