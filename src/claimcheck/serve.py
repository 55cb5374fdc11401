"""`claimcheck serve`: the database in Datasette, with metadata that makes sense of it.

Titles and descriptions for the views people read, facets on what they filter by, canned
queries (conflicts across sources, the claims of one source, a subject's figures), and the
claims' full-text index (declared as Datasette detects it: migration 0012) on the claims and
claims_view pages. Datasette is an extra: `pip install 'claimcheck-db[serve]'`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError

INTERNAL = [  # bookkeeping no reader needs: hidden from the database's page
    "alembic_version",
    "pending_groups",
    "claims_fts_deferred",
    "trust_state",
    "entity_rules",
    "source_overrides",
    "source_files",
    "group_rivals",
]

_VIEWS: dict[str, dict[str, Any]] = {
    "claims_view": {
        "title": "Claims",
        "description": "Every claim with its source, value, period and group. Search the quotes with the box; "
        "a claim's group_id links it to the claims it was compared with.",
        "facets": ["kind", "group_status", "source", "subject_how"],
        "fts_table": "claims_fts",
        "fts_pk": "claim_id",
    },
    "conflicts_view": {
        "title": "Conflicts",
        "description": "Claims in groups whose values cannot all hold: one row per claim, value_cluster is its side.",
        "facets": ["subject", "metric", "source"],
    },
    "groups_view": {
        "title": "Groups",
        "description": "Every group of claims about the same thing (agree, conflict, trend, single), one row per claim.",
        "facets": ["status", "subject", "metric"],
    },
    "sources_view": {
        "title": "Sources",
        "description": "The documents read, with their metadata and how many claims each holds (without their texts).",
        "facets": ["published_how", "publisher"],
    },
    "reviews_view": {
        "title": "Reviews",
        "description": "Verdicts recorded with `claimcheck review`, with the claim they are about now.",
        "facets": ["rating", "reviewer"],
    },
    "source_trust_view": {
        "title": "Source trust",
        "description": "TruthFinder's estimate of how often each source sides with the majority: advice, not a verdict.",
    },
    "claims": {
        "title": "Claims (table)",
        "description": "The stored claims; claims_view adds each one's source and group.",
        "facets": ["kind"],
        "fts_table": "claims_fts",
        "fts_pk": "id",
    },
    "sources": {"title": "Sources (table)", "description": "The documents with their full cleaned texts."},
    "claim_groups": {"title": "Groups (table)", "description": "One row per group: its key, status and counts."},
}

QUERIES: dict[str, dict[str, str]] = {
    "cross_source_conflicts": {
        "title": "Conflicts across sources",
        "description": "Conflicting groups that two or more sources speak to, most sources first.",
        "sql": """SELECT group_id, subject, metric, object, n_sources, value_cluster AS side, value, value_text,
       period_start, period_end, source, source_published, quote
FROM conflicts_view
WHERE n_sources >= 2
ORDER BY n_sources DESC, group_id, value_cluster, claim_id""",
    },
    "claims_of_a_source": {
        "title": "Claims of one source",
        "description": "The claims of the sources whose file name contains the text you give.",
        "sql": """SELECT claim_id, source, kind, subject, metric, object, value, value_text, unit, period_start,
       period_end, group_id, group_status, quote
FROM claims_view
WHERE source LIKE '%' || :source || '%'
ORDER BY source, claim_id""",
    },
    "figures_of_a_subject": {
        "title": "A subject's figures",
        "description": "The figures stated about a subject (its name, or part of it), by metric and period.",
        "sql": """SELECT subject, metric, object, value, unit, qualifier, period_start, period_end, source,
       group_status, group_id, claim_id, quote
FROM claims_view
WHERE kind = 'numeric' AND subject LIKE '%' || :subject || '%'
ORDER BY subject, metric, period_start, claim_id""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the SQLite file whose stem is `database`."""
    tables: dict[str, dict[str, Any]] = {name: dict(meta) for name, meta in _VIEWS.items()}
    tables.update({name: {"hidden": True} for name in INTERNAL})
    return {
        "title": "claimcheck",
        "description": "Claims extracted from documents, grouped by what they are about, with where sources "
        "agree and where they conflict. Start with Conflicts, or the canned queries below.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }


def datasette_command(path: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    """The command that serves `path` with `metadata_file` (Datasette must be installed)."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise ClaimcheckError("claimcheck serve needs Datasette: pip install 'claimcheck-db[serve]'") from None
    exe = shutil.which("datasette", path=str(Path(sys.executable).parent)) or shutil.which("datasette")
    base = [exe] if exe else [sys.executable, "-m", "datasette"]
    return [*base, "serve", str(path), "--metadata", str(metadata_file), "--host", host, "--port", str(port)]
