"""The names callers imported from db.store before db/ was split by what it stores; new code imports the room itself.

files (source files and user metadata), documents (sources, claims, search index), groups
(pending keys, judged groups), entities (people and their spellings), state (locks, staleness),
queries (report selects). Kept so that modules outside db/ need no change; remove once none
imports it.
"""

from claimcheck.db.documents import Key, add_claims, save_document, save_documents
from claimcheck.db.files import (
    any_stored,
    count_sources,
    file_holding,
    forget_files,
    held_by,
    move_file,
    record_files,
    set_source_override,
    sole_file,
    source_metadata,
    source_overrides,
    stored_source,
)
from claimcheck.db.groups import mark_pending, pending_keys
from claimcheck.db.queries import claims_query, group_members_query, sources_query
from claimcheck.db.state import left_to_recompute, lock_document, lock_groups, mark_trust_stale, trust_is_stale

__all__ = [
    "Key",
    "add_claims",
    "any_stored",
    "claims_query",
    "count_sources",
    "file_holding",
    "forget_files",
    "group_members_query",
    "held_by",
    "left_to_recompute",
    "lock_document",
    "lock_groups",
    "mark_pending",
    "mark_trust_stale",
    "move_file",
    "pending_keys",
    "record_files",
    "save_document",
    "save_documents",
    "set_source_override",
    "sole_file",
    "source_metadata",
    "source_overrides",
    "sources_query",
    "stored_source",
    "trust_is_stale",
]
