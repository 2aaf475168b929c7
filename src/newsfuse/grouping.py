"""Grouping ids that are linked in pairs (union-find), shared by ``cluster`` and ``reconcile``.

Both stages group an event's articles into independent sources: copies, one wire story, one
outlet. They link different pairs, but the grouping itself is this one function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


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
