"""Name canonicalisation across articles: aliases, acronyms and transliterations.

Two names are taken for one entity when

- the alias data (``data/aliases.json``) maps both to one canonical organisation, or
- their *folded* forms meet: case, accents, punctuation and titles are dropped and the spelling
  folds of ``data/transliteration.json`` are applied (Andrei/Andrey, Piknik/Picnic), or
- the folded forms are close (normalised similarity at least ``SIMILAR``) and share the surname, or
- one is a surname-only or shorter form of the other ("Vorobyov" / "Andrey Vorobyov").

Nothing here is specific to one story: the data files hold the general knowledge.
"""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

#: Folded names at least this similar (difflib ratio) and sharing a surname are one person.
SIMILAR = 0.85
#: ... and each of their given names, folded, at least this similar (Yusuf / Yousef, Tomasz / Tomas).
GIVEN_SIMILAR = 0.8

_PUNCT = re.compile(r"[^\w\s-]")
_SPACE = re.compile(r"[\s_-]+")


@lru_cache(maxsize=1)
def _data() -> tuple[dict, dict]:
    base = resources.files("newsfuse.reconcile") / "data"
    aliases = json.loads((base / "aliases.json").read_text(encoding="utf-8"))
    translit = json.loads((base / "transliteration.json").read_text(encoding="utf-8"))
    return aliases, translit


def alias_data() -> dict:
    """The parsed ``data/aliases.json``."""
    return _data()[0]


def normalise(name: str) -> str:
    """Lower-case ASCII with punctuation dropped and spaces collapsed ("Da'esh" -> "daesh")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "").replace("\u2019", "")
    text = _PUNCT.sub(" ", text.lower())
    return _SPACE.sub(" ", text).strip()


def _alias_key(name: str) -> str:
    key = normalise(name)
    key = re.sub(r"^the ", "", key)
    return re.sub(r" (group|militants|organisation|organization|terror group)$", "", key)


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, tuple[str, str | None, str]]:
    aliases, _ = _data()
    index: dict[str, tuple[str, str | None, str]] = {}
    for canonical, entry in aliases["organisations"].items():
        record = (canonical, entry.get("parent"), entry.get("type", "organisation"))
        for alias in [canonical, *entry.get("aliases", [])]:
            index[_alias_key(alias)] = record
    return index


@lru_cache(maxsize=16384)
def lookup_organisation(name: str) -> tuple[str, str | None, str] | None:
    """The alias data's entry for ``name``.

    Returns:
        ``(canonical, parent, type)`` or None when the name is not in the alias data.
    """
    return _alias_index().get(_alias_key(name))


def root_organisation(name: str) -> str:
    """The top organisation of ``name`` ("IS-K" -> "Islamic State"); the name itself if unknown."""
    seen = set()
    found = lookup_organisation(name)
    canonical = found[0] if found else name
    while found and found[1] and found[1] not in seen:
        seen.add(found[1])
        canonical = found[1]
        found = lookup_organisation(found[1])
    return canonical


@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """Normalised name with titles dropped and transliteration folds applied."""
    _, translit = _data()
    titles = set(translit["titles"])
    words = [w for w in normalise(name).replace("-", " ").split() if w not in titles]
    text = " ".join(words)
    for pattern, replacement in translit["folds"]:
        text = re.sub(pattern, replacement, text)
    return text


def same_person(a: str, b: str) -> bool:
    """Whether two person names denote one person (see the module docstring)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    wa, wb = fa.split(), fb.split()
    if wa[-1] != wb[-1] and SequenceMatcher(None, wa[-1], wb[-1]).ratio() < SIMILAR:
        return False
    # "Vorobyov" and "Andrey Vorobyov"; "V. Putin" and "Vladimir Putin".
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < len(long_):
        initials_ok = all(
            any(s == l or (len(s) == 1 and l.startswith(s)) for l in long_[:-1]) for s in short[:-1]
        )
        return initials_ok and SequenceMatcher(None, short[-1], long_[-1]).ratio() >= SIMILAR
    # Same number of words: every given name must match too (an initial, or a spelling of it),
    # or relatives who share a surname merge ("Tom Bradley" / "Tim Bradley").
    for x, y in zip(wa[:-1], wb[:-1]):
        if not (len(x) == 1 or len(y) == 1 or SequenceMatcher(None, x, y).ratio() >= GIVEN_SIMILAR):
            return False
    return SequenceMatcher(None, fa, fb).ratio() >= SIMILAR


# Memoised: grouping an event's actors compares every pair of names, mostly the same few.
@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Whether two names of any kind denote one entity: alias data first, then spelling."""
    oa, ob = lookup_organisation(a), lookup_organisation(b)
    if oa or ob:
        return bool(oa and ob and oa[0] == ob[0])
    return same_person(a, b)


def canonical_name(names: list[str]) -> str:
    """The name to show for a group of variants: the alias data's canonical form if known,
    else the longest full variant among the most frequent ones."""
    for name in names:
        found = lookup_organisation(name)
        if found:
            return found[0]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: (len(fold(n).split()), counts[n], -names.index(n)))
