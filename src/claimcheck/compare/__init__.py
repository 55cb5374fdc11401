"""Comparison, the stage that decides which claims are about the same thing and how they
compare: `measures` (one name for every wording of a measure, by which claims are linked),
`identity` (whether a claim's subject and measure are confident enough to meet other
documents' claims) and `judge` (agree, conflict, trend or single, and the sides)."""

from claimcheck.compare.identity import Identity, ambiguous_in_sentence, as_concept, identity_of, restatement
from claimcheck.compare.judge import (
    SEVERAL_SOURCES,
    Item,
    Outcome,
    Verdict,
    compare,
    comparison_key,
    compatible,
    conflicting_sides,
    distinct_by_cluster,
    judge,
    one_source,
    representatives,
    signature,
)
from claimcheck.compare.measures import measure_of, measured

__all__ = [
    "SEVERAL_SOURCES",
    "Identity",
    "Item",
    "Outcome",
    "Verdict",
    "ambiguous_in_sentence",
    "as_concept",
    "compare",
    "comparison_key",
    "compatible",
    "conflicting_sides",
    "distinct_by_cluster",
    "identity_of",
    "judge",
    "measure_of",
    "measured",
    "one_source",
    "representatives",
    "restatement",
    "signature",
]
