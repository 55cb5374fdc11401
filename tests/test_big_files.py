"""Big and awkward files: work that stays linear in the text's length, memory that stays bounded.

No test here times anything: each checks the mechanism that keeps the work bounded (how far
a pattern can reach, how many claims are held at once), or the peak memory of a real ingest.
"""

from __future__ import annotations

import re

from claimcheck.extract.facts import FactRules
from claimcheck.lexicon import Lexicon
from claimcheck.normalize.entities import EntityIndex


def test_a_run_of_initials_is_read_in_bounded_pieces(lex: Lexicon) -> None:
    """1.6 MB repeating "U.S." took minutes: a name's initials ran on without end, so the
    title patterns tried every way to cut the whole run into a name's words at every
    position. A name is now a few words of at most four initials each."""
    rules = FactRules(lex, EntityIndex(lex))
    m = re.match(rules.name, "U.S. " * 1000)
    assert m is not None
    assert len(m.group()) <= 4 * len("U.S. U.S. ")
    assert re.fullmatch(rules.name, "J. R. R. Tolkien")  # what a name's initials are still read
