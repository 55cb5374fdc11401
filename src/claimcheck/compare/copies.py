"""Near-copies: documents that are lightly edited copies of each other count as one source.

A document is read as its set of word shingles (every run of SHINGLE words, lowercased).
Two documents are near-copies when the Jaccard similarity of their shingle sets is at least
COPY_JACCARD: an article and the same article with a byline added and a sentence reworded
share most of their shingles, two articles on one event that quote the same paragraph share
that paragraph only. Finding the candidates among many stored documents must not compare
every pair, so each document gets a MinHash signature (PERMUTATIONS minimum hash values),
cut into BANDS bands of ROWS values: documents that agree on a whole band are candidates
(locality-sensitive hashing), and a candidate is a copy only when the shingles of the two
texts say so exactly. With 25 bands of 4, two documents of similarity 0.7 share a band
with probability 0.999, of 0.5 with 0.80 and of 0.3 with 0.18, so the exact check runs on
few pairs. Near-copies of near-copies are one family (single linkage): the document stored
first is its original, and a family counts as one source.

Pure functions: the database stores the band hashes (`db.copies`) and the pipeline asks.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 5  # words per shingle: a changed word alters five shingles, a shared phrase of four none
# Shingle sets at least this similar are one document, lightly edited: a 400-word article with
# a byline added and a sentence rewritten keeps about 0.85 of its shingles; different articles
# on one subject (a page and its later edition, two reports of one outbreak) in the
# development sets share 0.33 at most.
COPY_JACCARD = 0.7
MIN_SHINGLES = 40  # shorter documents are never copies: a few short lines alike are a template, not a copy
BANDS, ROWS = 25, 4
PERMUTATIONS = BANDS * ROWS

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s")
_WORDS_AT_ONCE = 1 << 18  # characters read together: a 15 MB text is signed in pieces, in bounded memory
_PRIME = (1 << 61) - 1  # the universal hash family's modulus (a Mersenne prime)
_MAX_HASH = (1 << 32) - 1
_CHUNK = 2048  # shingles hashed together: 2048 x PERMUTATIONS values, 1.6 MB
# the permutations are fixed (seeded), so signatures stored by one run match the next one's
_RNG = np.random.default_rng(20261207)
# a < 2^31 and x < 2^32: a*x + b stays below 2^64, so uint64 arithmetic never wraps
_A = _RNG.integers(1, 1 << 31, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)


Shingles = np.ndarray  # a document's distinct shingles, each as a 64-bit hash, sorted
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the rolling shingle hash (uint64 wraps)


def shingles(text: str) -> Shingles:
    """The word shingles of a text (runs of SHINGLE words, lowercased) as sorted distinct 64-bit
    hashes: two texts share a shingle exactly when they share the run of words (the chance
    that two different runs share a hash is negligible, about n^2 / 2^64).

    >>> len(shingles("Storm Kelda hit Valdrex on Monday night")), len(shingles("Storm Kelda"))
    (3, 1)
    """
    pieces = list(_shingle_pieces(text))
    return np.unique(np.concatenate(pieces)) if pieces else np.zeros(0, dtype=np.uint64)


def _shingle_pieces(text: str) -> Iterator[np.ndarray]:
    """A text's shingle hashes, a piece of the text at a time (the pieces' runs overlap by
    SHINGLE - 1 words, so every run of the whole text is in one piece). A text of fewer than
    SHINGLE words is one shingle of all of them."""
    carry = np.zeros(0, dtype=np.uint64)
    made = False
    for new in _word_pieces(text):
        words = np.concatenate((carry, new)) if len(carry) else new
        if len(words) < SHINGLE:
            carry = words
            continue
        yield _runs(words, SHINGLE)
        made, carry = True, words[len(words) - SHINGLE + 1 :]
    if not made and len(carry):
        yield _runs(carry, len(carry))


def _runs(words: np.ndarray, width: int) -> np.ndarray:
    """The hash of every run of `width` words."""
    runs = len(words) - width + 1
    hashed = np.zeros(runs, dtype=np.uint64)
    for k in range(width):
        hashed = hashed * _MIX + words[k : k + runs] + np.uint64(1)
    return hashed


def _word_pieces(text: str) -> Iterator[np.ndarray]:
    """The CRC-32 of each lowercased word's UTF-8 bytes, in order, a piece of the text at a time:
    its words listed at once and hashed by C loops (map), not a Python step per word. A piece
    ends after a space, where no word and no lowercasing context (a final sigma) runs on."""
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, min(start + _WORDS_AT_ONCE, len(text)))
        end = cut.end() if cut else len(text)
        words = _WORD.findall(text[start:end].lower())
        yield np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
        start = end


def jaccard(a: Shingles, b: Shingles) -> float:
    """The Jaccard similarity of two shingle sets (0 when both are empty)."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def near_copies(a: Shingles, b: Shingles) -> bool:
    """Whether two documents' shingle sets make them one document lightly edited: both long
    enough to tell (MIN_SHINGLES), and similar to at least COPY_JACCARD."""
    return min(len(a), len(b)) >= MIN_SHINGLES and jaccard(a, b) >= COPY_JACCARD


def minhash(shingle_set: Shingles) -> np.ndarray:
    """The MinHash signature of a shingle set: for each of PERMUTATIONS hash functions
    ((a*x + b) mod p, truncated to 32 bits, x the shingle's hash folded to 32 bits), the
    smallest value over the shingles."""
    if not len(shingle_set):
        return np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint64)
    x = (shingle_set ^ (shingle_set >> np.uint64(32))) & np.uint64(_MAX_HASH)
    out = np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint64)
    mixed = np.empty((min(_CHUNK, len(x)), PERMUTATIONS), dtype=np.uint64)
    high = np.empty_like(mixed)
    for i in range(0, len(x), _CHUNK):  # a long document's shingles a chunk at a time: bounded memory
        part = x[i : i + _CHUNK, None]
        y, h = mixed[: len(part)], high[: len(part)]
        np.multiply(part, _A, out=y)
        y += _B
        _mod_prime(y, h)
        y &= np.uint64(_MAX_HASH)
        np.minimum(out, y.min(axis=0), out=out)
    return out


_P = np.uint64(_PRIME)


def _mod_prime(y: np.ndarray, scratch: np.ndarray) -> None:
    """y mod (2^61 - 1), in place, without numpy's slow 64-bit division: 2^61 is 1 modulo the
    prime, so y = high * 2^61 + low is high + low (at most the prime + 7) modulo it."""
    np.right_shift(y, np.uint64(61), out=scratch)
    y &= _P
    y += scratch
    over = y >= _P
    if over.any():  # (once in some 2^58 values)
        y[over] -= _P


def band_hashes(signature: np.ndarray) -> list[int]:
    """One hash per band of a signature, as signed 63-bit integers (a database's BIGINT); the
    band's number is part of its hash, so equal values in different bands do not meet."""
    out = []
    for band in range(BANDS):
        values = signature[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + values, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little") >> 1)
    return out


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What is stored of a document to find its near-copies: its band hashes, whether it is
    long enough to have any, and its shingles (None for a text signed in pieces: they are
    made again from the text if it has a candidate)."""

    bands: tuple[int, ...]
    shingles: Shingles | None
    comparable: bool


def fingerprint(text: str) -> Fingerprint:
    """A document's band hashes (none for a document too short to be a copy), from its
    shingles a piece of the text at a time: the MinHash of a union is the least of its parts'
    MinHashes, so a long text never holds all its shingles at once (a 15 MiB text held 99 MiB)."""
    signature = np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint64)
    first: Shingles = np.zeros(0, dtype=np.uint64)  # the least distinct shingles, up to MIN_SHINGLES
    pieces = 0
    for hashed in _shingle_pieces(text):
        found = np.unique(hashed)
        np.minimum(signature, minhash(found), out=signature)
        first = np.union1d(first, found[:MIN_SHINGLES])[:MIN_SHINGLES] if pieces else found
        pieces += 1
    comparable = len(first) >= MIN_SHINGLES
    bands = tuple(band_hashes(signature)) if comparable else ()
    return Fingerprint(bands, first if pieces <= 1 else None, comparable)


CANDIDATE_ROWS = 20  # sources ranked per family asked for (a large family's members first, then the next family's)


@dataclass
class BandIndex:
    """The signed documents holding some of a batch's bands, and the family each counts in:
    a batch's candidates found in memory from one query, kept as the batch is signed (an
    original's bands added, a forgotten signature dropped, families merged) so that each
    document sees what it would have seen had every document before it been stored first.

    >>> index = BandIndex.of([(11, 1, 1), (12, 1, 1), (11, 2, 1), (13, 3, 3)])
    >>> index.candidates([11, 12, 13], families=5)
    [(1, 1), (3, 3)]
    """

    holders: dict[int, set[int]] = field(default_factory=dict)  # band -> source ids
    family: dict[int, int] = field(default_factory=dict)  # source id -> its family
    bands: dict[int, list[int]] = field(default_factory=dict)  # source id -> its bands

    @classmethod
    def of(cls, rows: Iterable[tuple[int, int, int]]) -> BandIndex:
        """An index of (band, source id, family) rows."""
        index = cls()
        for band, source, family in rows:
            index.holders.setdefault(band, set()).add(source)
            index.family[source] = family
            index.bands.setdefault(source, []).append(band)
        return index

    def candidates(self, bands: Iterable[int], families: int) -> list[tuple[int, int]]:
        """For up to `families` families, the source (id, family) that shares most of these
        bands, most shared first, ties to the older source."""
        shared = Counter(source for band in set(bands) for source in self.holders.get(band, ()))
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[: families * CANDIDATE_ROWS]
        best: dict[int, int] = {}
        for source, _ in ranked:
            best.setdefault(self.family[source], source)
        return [(source, family) for family, source in list(best.items())[:families]]

    def add(self, source: int, bands: Iterable[int]) -> None:
        """A source signed as an original, with its bands."""
        self.drop([source])
        self.family[source] = source
        self.bands[source] = list(set(bands))
        for band in self.bands[source]:
            self.holders.setdefault(band, set()).add(source)

    def drop(self, sources: Iterable[int]) -> None:
        """Sources no longer signed (or whose bands are gone): never candidates again."""
        for source in sources:
            for band in self.bands.pop(source, ()):
                self.holders[band].discard(source)
            self.family.pop(source, None)

    def merge(self, into: int, others: Sequence[int]) -> None:
        """The families `others` made part of family `into`."""
        moved = set(others)
        for source, family in self.family.items():
            if family in moved:
                self.family[source] = into


def families_copied(doc: Fingerprint, candidates: Iterable[tuple[int, str]], text: str = "") -> list[int]:
    """The families a document nearly copies, given one candidate per family (family id, text)
    among those sharing a band with it (`text` is the document's, whose shingles are made again
    when its fingerprint does not hold them). None: it is an original. Several: it joins them (an
    original stored after two of its copies that differ from each other more than from it)."""
    if not doc.comparable:
        return []
    mine = doc.shingles
    found = set()
    for family, other in candidates:
        mine = shingles(text) if mine is None else mine
        if near_copies(mine, shingles(other)):
            found.add(family)
    return sorted(found)
