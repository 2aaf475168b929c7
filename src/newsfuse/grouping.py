"""Grouping ids that are linked in pairs (union-find), shared by ``cluster`` and ``reconcile``.

Both stages group an event's articles into independent sources: copies, one wire story, one
outlet. The grouping is this one function, and one outlet is one :func:`outlet_key` in both, so
the events list and the brief count the same independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_OUTLET_SUFFIX = re.compile(r"\b(com|co uk|org|net|news|tv|online)\b")


def outlet_key(name: str | None) -> str:
    """An outlet name reduced so 'cnn.com', 'CNN' and 'www.cnn.com' meet ('' for none)."""
    from newsfuse.reconcile.names import normalise

    if not name:
        return ""
    text = normalise(name.replace(".", " ")).removeprefix("www ")
    return _OUTLET_SUFFIX.sub("", text).strip()


def connected(ids: Sequence[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each id mapped to the first id (in ``ids`` order) of the group the pairs link it into.

    Pairs that name an id outside ``ids`` are ignored.

    >>> connected(["a", "b", "c", "d"], [("c", "a"), ("d", "x")])
    {'a': 'a', 'b': 'b', 'c': 'a', 'd': 'd'}
    """
    position = {a: i for i, a in enumerate(ids)}
    parent = {a: a for a in ids}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                first, later = sorted((ra, rb), key=position.__getitem__)
                parent[later] = first
    return {a: find(a) for a in ids}
