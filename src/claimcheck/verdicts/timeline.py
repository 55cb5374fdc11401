"""A group's values over their periods, as data: one point per claim, in the order a timeline shows them.

Drawing them (a text chart, a PNG) is the CLI's business: claimcheck.render_timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    """A numeric claim as the timeline needs it."""

    claim_id: int
    source: str
    value: float | None
    qualifier: str
    low: float | None
    high: float | None
    unit: str | None
    period_start: str | None
    period_end: str | None
    side: int | None = None

    @property
    def dated(self) -> bool:
        return bool(self.period_start or self.period_end)

    @property
    def period(self) -> str:
        a, b = self.period_start, self.period_end
        if not a and not b:
            return "undated"
        if a == b or not b:
            return f"{a}" + ("" if b else "-")
        return f"{a or ''}-{b}"

    def interval(self) -> tuple[float | None, float | None]:
        if self.low is None and self.high is None:
            return self.value, self.value
        return self.low, self.high


def ordered(points: Sequence[Point]) -> list[Point]:
    """Dated claims by period (start, then end), then the undated ones."""
    dated = sorted((p for p in points if p.dated), key=lambda p: (p.period_start or "", p.period_end or "", p.claim_id))
    undated = sorted((p for p in points if not p.dated), key=lambda p: p.claim_id)
    return dated + undated
