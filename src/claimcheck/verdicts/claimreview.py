"""schema.org ClaimReview (JSON-LD), the format fact-check aggregators read.

One ClaimReview per reviewed claim, from its latest review:

    {"@context": "https://schema.org", "@type": "ClaimReview",
     "claimReviewed": <the quote>,
     "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork", "url" | "name"},
                      "datePublished": <the source's publication date, when known>},
     "reviewRating": {"@type": "Rating", "ratingValue": 1..5, "worstRating": 1,
                      "bestRating": 5, "alternateName": <the rating word>},
     "author": {"@type": "Person" | "Organization", "name": ...},
     "datePublished": <the review time, UTC>, "reviewBody": <the note>}

The truth scale is false 1, misleading 2, mixed 3, mostly-true 4, true 5. "unverifiable" is
not a degree of truth: its Rating carries only the alternateName.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claimcheck.verdicts.reviews import RATING_SCALE, ReviewRow

CONTEXT = "https://schema.org"
DEFAULT_AUTHOR = "claimcheck"


@dataclass(frozen=True)
class Appearance:
    """Where the reviewed claim appeared: the source document as far as it is known."""

    name: str  # the file name
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, as precise as known
    author: str | None = None
    publisher: str | None = None


def rating(word: str) -> dict[str, Any]:
    """A schema.org Rating for one of claimcheck's rating words."""
    out: dict[str, Any] = {"@type": "Rating"}
    value = RATING_SCALE.get(word)
    if value is not None:
        out.update(ratingValue=value, worstRating=min(RATING_SCALE.values()), bestRating=max(RATING_SCALE.values()))
    out["alternateName"] = word
    return out


def claim_review(review: ReviewRow, where: Appearance, organization: str = DEFAULT_AUTHOR) -> dict[str, Any]:
    """The ClaimReview for one review of a claim that appeared in `where`."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if where.url:
        work["url"] = where.url
        if where.title:
            work["headline"] = where.title
    else:
        work["name"] = where.name
    if where.author:
        work["author"] = {"@type": "Person", "name": where.author}
    elif where.publisher:
        work["author"] = {"@type": "Organization", "name": where.publisher}
    claim: dict[str, Any] = {"@type": "Claim", "appearance": work}
    if where.published:
        claim["datePublished"] = where.published
    author = (
        {"@type": "Person", "name": review.reviewer}
        if review.reviewer
        else {"@type": "Organization", "name": organization or DEFAULT_AUTHOR}
    )
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": review.quote,
        "itemReviewed": claim,
        "reviewRating": rating(review.rating),
        "author": author,
        "datePublished": review.reviewed_at.isoformat(timespec="seconds") + "Z",
        "reviewBody": review.note,
        "identifier": review.claim_key,
    }


def claim_reviews(items: Iterable[tuple[ReviewRow, Appearance]], organization: str = DEFAULT_AUTHOR) -> list[dict]:
    """A JSON-LD array: one ClaimReview per (review, appearance)."""
    return [claim_review(r, a, organization) for r, a in items]
