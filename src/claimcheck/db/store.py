"""The names modules outside db/ imported from db.store before db/ was split by what it stores.

db/ holds one module per thing stored: files, documents, groups, entities, state (locks and
staleness) and queries; new code imports those. This module only re-exports what
cli_database.py and report.py still import from here; remove it once they import the rooms.
"""

from claimcheck.db.groups import pending_keys
from claimcheck.db.queries import claims_query, group_members_query, sources_query
from claimcheck.db.state import left_to_recompute, trust_is_stale

__all__ = [
    "claims_query",
    "group_members_query",
    "left_to_recompute",
    "pending_keys",
    "sources_query",
    "trust_is_stale",
]
