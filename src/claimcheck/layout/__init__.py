"""Page-layout artefacts of PDF-converted and scraped text: `columns` (side by side, or
alternating line by line) and `tables` (cell separators lost)."""

from claimcheck.layout.columns import decolumn, deinterleave
from claimcheck.layout.tables import (
    FlatTable,
    could_be_table,
    flat_table,
    header_columns,
    looks_tabular,
    spaced_table,
)

__all__ = [
    "FlatTable",
    "could_be_table",
    "decolumn",
    "deinterleave",
    "flat_table",
    "header_columns",
    "looks_tabular",
    "spaced_table",
]
