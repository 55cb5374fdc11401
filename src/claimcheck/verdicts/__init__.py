"""Verdicts: from "these sources disagree" to what a fact-checker records and publishes.

- reviews (`add_review`, `list_reviews`, `reviews_for_claims`): a rating and a note per claim,
  keyed to the claim's content so it survives re-ingestion (`follow_edit`: and an edit that
  leaves the claim's sentence and figure as they were);
- reference figures (`import_reference_file`, `check_claims`): authoritative values, and
  whether each claim is consistent with the one for its period;
- source reliability (`source_trust`, `cluster_support`): TruthFinder-style advice;
- ClaimReview JSON-LD (`claim_reviews`), full-text search (`search_claims`) and a timeline
  of a group's values (`timeline_points`: data; claimcheck.render_timeline draws it).

Functions that take a Session never commit: the caller owns the transaction.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names are imported from their module on first use (PEP 562): a command that needs one verdict
# function does not pay for the rest (reference parsing, ClaimReview, timelines) at start-up.
_WHERE = {
    "Appearance": "claimreview",
    "claim_review": "claimreview",
    "claim_reviews": "claimreview",
    "ReferenceFileError": "errors",
    "RowProblem": "errors",
    "VerdictError": "errors",
    "CheckResult": "references",
    "ClaimFigure": "references",
    "Reference": "references",
    "check": "references",
    "parse_references": "references",
    "SourceTrust": "reliability",
    "TruthReport": "reliability",
    "cluster_support": "reliability",
    "current_support": "reliability",
    "refresh_trust": "reliability",
    "save_trust": "reliability",
    "side_rows": "reliability",
    "source_trust": "reliability",
    "truth_report": "reliability",
    "RATINGS": "reviews",
    "RATING_SCALE": "reviews",
    "ReviewRow": "reviews",
    "claim_key": "reviews",
    "SearchHit": "search",
    "search_claims": "search",
    "ImportSummary": "store",
    "add_review": "store",
    "bundled_references": "store",
    "check_claims": "store",
    "follow_edit": "store",
    "import_reference_file": "store",
    "import_references": "store",
    "latest_reviews": "store",
    "list_references": "store",
    "list_reviews": "store",
    "reviews_for_claims": "store",
    "timeline_points": "store",
    "timeline_title": "store",
    "Point": "timeline",
    "TruthParams": "truth",
    "TruthResult": "truth",
    "truthfinder": "truth",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:  # the same names, for type checkers (ruff: F401 ignored for this file)
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
    from claimcheck.verdicts.timeline import Point
    from claimcheck.verdicts.truth import TruthParams, TruthResult, truthfinder
