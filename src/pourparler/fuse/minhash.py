"""MinHash signatures of word shingles and their LSH band keys, for near-duplicate articles."""

from __future__ import annotations

import hashlib
import re
import struct

SHINGLE_WORDS = 3
PERMUTATIONS = 64  # a multiple of HASHES_PER_DIGEST
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard usually share a band
HASHES_PER_DIGEST = 16  # one 64-byte blake2b digest gives 16 independent 32-bit hashes

_ROWS = PERMUTATIONS // BANDS
_DIGESTS = PERMUTATIONS // HASHES_PER_DIGEST
_UNPACK = struct.Struct(f"<{PERMUTATIONS}I").unpack
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The runs of `size` consecutive lower-cased words (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of a text's shingles; empty for a text with no words."""
    rows = [_hashes(s.encode("utf-8")) for s in shingles(text)]
    return [min(column) for column in zip(*rows, strict=True)] if rows else []


def similarity(a: list[int], b: list[int]) -> float:
    """The estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def band_keys(sig: list[int]) -> list[str]:
    """One key per band of rows; two signatures sharing a key are candidate near-duplicates."""
    if not sig:
        return []
    keys = []
    for band in range(BANDS):
        rows = struct.pack(f"<{_ROWS}I", *sig[band * _ROWS : (band + 1) * _ROWS])
        keys.append(f"{band}:{hashlib.blake2b(rows, digest_size=8).hexdigest()}")
    return keys


def _hashes(shingle: bytes) -> tuple[int, ...]:
    digest = b"".join(
        hashlib.blake2b(shingle, digest_size=64, person=struct.pack("<Q", i)).digest()
        for i in range(_DIGESTS)
    )
    return _UNPACK(digest)
