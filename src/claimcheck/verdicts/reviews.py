"""Reviews: the ratings a fact-checker can give, and a review as plain data.

A review is keyed to its claim's content: the source's content hash, the quote and the figure
as written (`surface`). Claim ids change when a file is re-ingested; that key does not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from claimcheck.model import RATINGS
from claimcheck.verdicts.errors import VerdictError

__all__ = ["RATINGS", "RATING_SCALE", "ReviewRow", "claim_key", "checked_review"]

# The truth scale for ClaimReview's numeric ratingValue (worst 1, best 5). "unverifiable" is
# not a degree of truth, so it has no number; its alternateName carries it.
RATING_SCALE = {"false": 1, "misleading": 2, "mixed": 3, "mostly-true": 4, "true": 5}


def claim_key(content_hash: str, quote: str, surface: str) -> str:
    """A stable id for a claim's content: sha256 of (source hash, quote, surface)."""
    raw = json.dumps([content_hash, quote, surface], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def checked_review(rating: str, note: str, reviewer: str | None) -> tuple[str, str, str | None]:
    """The rating, note and reviewer tidied, or a VerdictError saying what is wrong."""
    r = rating.strip().lower().replace("_", "-").replace(" ", "-")
    if r not in RATINGS:
        raise VerdictError(f"unknown rating {rating!r}; use one of: {', '.join(RATINGS)}")
    text = note.strip()
    if not text:
        raise VerdictError("a review needs a note saying why (--note TEXT)")
    who = reviewer.strip() if reviewer else None
    return r, text, who or None


@dataclass(frozen=True)
class ReviewRow:
    """A stored review and the current claims it applies to (none when orphaned)."""

    review_id: int
    claim_ids: tuple[int, ...]
    rating: str
    note: str
    reviewer: str | None
    reviewed_at: datetime  # UTC
    source: str  # the file name when it was reviewed
    content_hash: str
    quote: str
    surface: str
    kind: str
    subject: str | None
    metric: str
    object: str | None
    value: float | None
    value_text: str | None
    unit: str | None
    qualifier: str
    period_start: str | None
    period_end: str | None

    @property
    def orphaned(self) -> bool:
        """No current claim has this review's content (the file changed or was removed)."""
        return not self.claim_ids

    @property
    def claim_key(self) -> str:
        return claim_key(self.content_hash, self.quote, self.surface)

    def as_row(self) -> dict[str, object]:
        """A flat dict for the CSV / JSON writers."""
        return {
            "review_id": self.review_id,
            "claim_id": ",".join(str(c) for c in self.claim_ids) if self.claim_ids else "orphaned",
            "rating": self.rating,
            "note": self.note,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat(timespec="seconds") + "Z",
            "source": self.source,
            "subject": self.subject,
            "metric": self.metric,
            "object": self.object,
            "value": self.value,
            "value_text": self.value_text,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "surface": self.surface,
            "quote": self.quote,
            "claim_key": self.claim_key,
        }


REVIEW_COLUMNS = [
    "review_id",
    "claim_id",
    "rating",
    "note",
    "reviewer",
    "reviewed_at",
    "source",
    "subject",
    "metric",
    "object",
    "value",
    "value_text",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "surface",
    "quote",
    "claim_key",
]
