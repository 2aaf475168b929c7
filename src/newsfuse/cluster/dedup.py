"""Near-duplicates (MinHash/LSH over word shingles) and the wire-service source key.

A copy is an article whose word-shingle set is close to one seen earlier (a syndicated wire copy
or a lightly edited republication). Its ``duplicate_of`` is the first copy seen, never a copy of
a copy. Articles that credit their content to the same wire service ("(AP) —", "according to
Reuters") share a source key, so neither counts as an independent source of the other.
"""

from __future__ import annotations

import json
import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsfuse.errors import ConfigError

WIRE_PATH = Path(__file__).parent / "wire.json"
_TOKEN = re.compile(r"\w+")


_MAX_CACHED_WORDS = 500_000
_MASK64 = (1 << 64) - 1
#: Odd multipliers that combine a shingle's word hashes (position matters: 'a b' != 'b a').
_POSITION_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)


def _mix(h: np.ndarray) -> np.ndarray:
    """The 64-bit finaliser of MurmurHash3: every input bit reaches every output bit, so the
    (linear) CRC32 word hashes give independent-looking shingle hashes."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Stable 32-bit hashes of the word ``size``-grams of the lower-cased text (the whole text
    as one shingle when it is shorter), without duplicates.

    Each word is hashed once (CRC32) and a shingle's hash mixes its words' hashes by position,
    so no shingle string is ever built.
    """
    words = _TOKEN.findall(text.lower())
    crcs = np.fromiter((zlib.crc32(w.encode()) for w in words), np.uint64, len(words))
    with np.errstate(over="ignore"):
        return np.unique(_word_shingle_hashes(_mix(crcs), size))


def _word_hash(word: str) -> int:
    """A word's 64-bit hash: its CRC32 through :func:`_mix`, in Python integers (a numpy
    scalar costs more than the arithmetic)."""
    h = zlib.crc32(word.encode())
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _MASK64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _MASK64
    return h ^ (h >> 33)


def _word_shingle_hashes(word_hashes: np.ndarray, size: int) -> np.ndarray:
    """Shingle hashes (uint32, repeats kept) from the words' hashes (uint64) in text order.

    Repeats are harmless to a MinHash (a minimum over a multiset is the one over its set).
    """
    if not len(word_hashes):
        return np.zeros(0, dtype=np.uint32)
    if size > len(_POSITION_MULT):
        raise ConfigError(f"shingles of more than {len(_POSITION_MULT)} words are not supported.")
    with np.errstate(over="ignore"):
        size = min(size, len(word_hashes))
        count = len(word_hashes) - size + 1
        combined = np.zeros(count, dtype=np.uint64)
        for i in range(size):
            combined += word_hashes[i : i + count] * _POSITION_MULT[i]
        return _mix(combined).astype(np.uint32)  # the low 32 bits


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The 32-bit MurmurHash3 finaliser, as datasketch's affine32 scheme applies it."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_signature(hashes: np.ndarray, permutations: np.ndarray) -> np.ndarray:
    """The MinHash values of a set of 32-bit hashes under affine32 ``permutations`` (2 x k).

    The same values as ``MinHash(scheme="affine32").update_batch`` on the same integers (a test
    checks it), computed in one numpy pass instead of a Python call per shingle.
    """
    a, b = permutations
    with np.errstate(over="ignore"):
        mixed = _fmix32(hashes.astype(np.uint32, copy=False))
        return (mixed[:, None] * a + b).min(axis=0)


class NearDuplicateIndex:
    """First-seen copies of texts, for finding later near-duplicates in constant time.

    Args:
        threshold: Jaccard similarity (estimated) from which a text is a copy, in (0, 1].
        num_perm: MinHash permutations.
        shingle_size: words per shingle.
        min_words: texts shorter than this are never called copies (too little evidence).

    Example:
        >>> index = NearDuplicateIndex(threshold=0.8)
        >>> index.add("a", "the river rose two metres overnight and the bridge was closed to traffic")
        >>> index.add("b", "the river rose two metres overnight and the bridge was closed to traffic")
        ('a', 1.0)
    """

    def __init__(
        self, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 5, min_words: int = 30
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"near-duplicate threshold must be in (0, 1], got {threshold}.")
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {num_perm}.")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_words = min_words
        self.max_chars = 1500
        self.title_overlap = 0.3
        self._titles: dict[str, set[str]] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        # One set of permutations for all texts: building them per MinHash is the slow part.
        template = MinHash(num_perm=num_perm, seed=1, scheme="affine32")
        self._permutations, self._scheme = template.permutations, template.scheme
        self._hashes: dict[str, MinHash] = {}
        # Word -> hash: most words of a news stream recur, and a lookup is cheaper than a hash.
        self._word_hashes: dict[str, int] = {}
        self._first: dict[str, str] = {}  # article id -> its first copy (itself when original)
        self._order: dict[str, int] = {}

    def add(self, article_id: str, text: str, title: str | None = None) -> tuple[str, float] | None:
        """Index ``text``; return (first copy id, similarity) when it copies an earlier text.

        When both articles have titles, their titles must share at least ``title_overlap`` of
        their words too: crawled pages whose text is the same paywall or cookie notice are not
        copies of each other.

        Raises:
            ConfigError: when ``article_id`` was added before.
        """
        if article_id in self._first:
            raise ConfigError(f"article {article_id!r} was added to the duplicate index twice.")
        # The head of a text is enough to recognise a copy, and keeps long texts cheap.
        text = text[: self.max_chars]
        self._first[article_id] = article_id
        self._order[article_id] = len(self._order)
        title_words = set(_TOKEN.findall(title.lower())) if title else set()
        self._titles[article_id] = title_words
        words = _TOKEN.findall(text.lower())
        if len(words) < self.min_words:
            return None
        mh = MinHash(
            seed=1, permutations=self._permutations, scheme=self._scheme,
            hashvalues=minhash_signature(self._shingles(words), self._permutations),
        )
        best: tuple[str, float] | None = None
        for other in self._lsh.query(mh):
            sim = float(mh.jaccard(self._hashes[other]))
            if sim < self.threshold or not self._titles_agree(title_words, self._titles[other]):
                continue
            first = self._first[other]
            key = (-sim, self._order[first])
            if best is None or key < (-best[1], self._order[best[0]]):
                best = (first, sim)
        self._hashes[article_id] = mh
        self._lsh.insert(article_id, mh)
        if best is not None:
            self._first[article_id] = best[0]
        return best

    def _shingles(self, words: list[str]) -> np.ndarray:
        known = self._word_hashes
        if len(known) > _MAX_CACHED_WORDS:  # a long-running stream: bound the memory
            known.clear()
        for word in set(words).difference(known):  # most words were seen before
            known[word] = _word_hash(word)
        hashes = np.fromiter(map(known.__getitem__, words), np.uint64, len(words))
        return _word_shingle_hashes(hashes, self.shingle_size)

    def _titles_agree(self, mine: set[str], theirs: set[str]) -> bool:
        if not mine or not theirs:
            return True
        return len(mine & theirs) / len(mine | theirs) >= self.title_overlap

    def forget(self, article_id: str) -> None:
        """Forget an article entirely: it is no longer found as anyone's first copy."""
        self.remove(article_id)
        self._first.pop(article_id, None)
        self._order.pop(article_id, None)
        self._titles.pop(article_id, None)

    def remove(self, article_id: str) -> None:
        """Forget an article (its copies keep pointing at it)."""
        if article_id in self._hashes:
            self._lsh.remove(article_id)
            del self._hashes[article_id]


@lru_cache(maxsize=1)
def _wire_patterns() -> tuple[dict[str, str], list[re.Pattern], re.Pattern, re.Pattern]:
    """(alias in lower case -> agency, one regex per pattern and case rule, any capitals-only
    alias, any other alias in lower-cased text)."""
    spec = json.loads(WIRE_PATH.read_text(encoding="utf-8"))
    agency_of, exact, folded = {}, [], []
    for agency, aliases in spec["agencies"].items():
        for alias in aliases:
            agency_of[alias.lower()] = agency
            # Short all-caps aliases (AP, AFP) only match in capitals: 'ap' is not the AP.
            (exact if alias.isupper() and len(alias) <= 4 else folded).append(alias)
    compiled = []
    for aliases, flags in ((exact, re.M), (folded, re.M | re.I)):
        names = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
        compiled.extend(re.compile(p.replace("{name}", names), flags) for p in spec["patterns"])
    # Most articles name no agency at all: two cheap searches (with the same case rules as the
    # patterns; the folded aliases on lower-cased text, as re.I costs several times as much)
    # rule them out.
    exact_any = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in exact) + r")\b")
    folded_any = re.compile(r"\b(?:" + "|".join(re.escape(a.lower()) for a in folded) + r")\b")
    return agency_of, compiled, exact_any, folded_any


def wire_source(title: str | None, text: str, head_chars: int = 400, tail_chars: int = 300) -> str | None:
    """The wire service an article credits its content to, or None.

    Looks at the head (datelines, bylines, "according to") and the tail (credits) of the text.

    Returns:
        An agency key from ``wire.json`` (``ap``, ``reuters``, ...), e.g. ``"ap"`` for a text
        starting "LONDON (AP) — ...".
    """
    head = f"{title or ''}\n{text[:head_chars]}"
    tail = text[-tail_chars:] if len(text) > head_chars else ""
    agency_of, patterns, exact_any, folded_any = _wire_patterns()
    for part in (head, tail):
        if not part or not (exact_any.search(part) or folded_any.search(part.lower())):
            continue
        for pattern in patterns:
            match = pattern.search(part) if part else None
            if match:
                return agency_of[match.group(1).lower()]
    return None
