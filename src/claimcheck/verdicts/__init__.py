"""Verdicts: from "these sources disagree" to what a fact-checker records and publishes.

- reviews (`add_review`, `list_reviews`, `reviews_for_claims`): a rating and a note per claim,
  keyed to the claim's content so it survives re-ingestion;
- reference figures (`import_reference_file`, `check_claims`): authoritative values, and
  whether each claim is consistent with the one for its period;
- source reliability (`source_trust`, `cluster_support`): TruthFinder-style advice;
- ClaimReview JSON-LD (`claim_reviews`), full-text search (`search_claims`) and a timeline
  of a group's values (`timeline_points`, `render_text`, `render_png`).

Functions that take a Session never commit: the caller owns the transaction.
"""

from __future__ import annotations

from claimcheck.verdicts.claimreview import Appearance, claim_review, claim_reviews
from claimcheck.verdicts.errors import ReferenceFileError, RowProblem, VerdictError
from claimcheck.verdicts.references import CheckResult, ClaimFigure, Reference, check, parse_references
from claimcheck.verdicts.reliability import (
    SourceTrust,
    TruthReport,
    cluster_support,
    current_support,
    refresh_trust,
    save_trust,
    side_rows,
    source_trust,
    truth_report,
)
from claimcheck.verdicts.reviews import RATING_SCALE, RATINGS, ReviewRow, claim_key
from claimcheck.verdicts.search import SearchHit, search_claims
from claimcheck.verdicts.store import (
    ImportSummary,
    add_review,
    bundled_references,
    check_claims,
    import_reference_file,
    import_references,
    latest_reviews,
    list_references,
    list_reviews,
    reviews_for_claims,
    timeline_points,
    timeline_title,
)
from claimcheck.verdicts.timeline import Point, render_png, render_text
from claimcheck.verdicts.truth import TruthParams, TruthResult, truthfinder

__all__ = [
    "current_support",
    "refresh_trust",
    "save_trust",
    "RATINGS",
    "RATING_SCALE",
    "Appearance",
    "CheckResult",
    "ClaimFigure",
    "ImportSummary",
    "Point",
    "Reference",
    "ReferenceFileError",
    "ReviewRow",
    "RowProblem",
    "SearchHit",
    "SourceTrust",
    "TruthParams",
    "TruthReport",
    "TruthResult",
    "VerdictError",
    "add_review",
    "bundled_references",
    "check",
    "check_claims",
    "claim_key",
    "claim_review",
    "claim_reviews",
    "cluster_support",
    "import_reference_file",
    "import_references",
    "latest_reviews",
    "list_references",
    "list_reviews",
    "parse_references",
    "render_png",
    "render_text",
    "reviews_for_claims",
    "side_rows",
    "search_claims",
    "source_trust",
    "timeline_points",
    "timeline_title",
    "truth_report",
    "truthfinder",
]
