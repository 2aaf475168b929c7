"""People, organisations and claims of responsibility, canonicalised across articles.

The actor fact lists each actor once, on a side as ACLED's actor1 / actor2 do: perpetrators
(who shot, attacked or was arrested for it; armed groups), victims (who was killed or hurt),
and other named parties (officials, experts, witnesses...), in that order; ``value`` keeps the
names of each side (``perpetrators``, ``victims``, ``others``) beside the full ``actors`` list.

Actors are grouped by :func:`newsfuse.reconcile.names.same_name` (alias data, transliteration
folds, surname matching). Claims of responsibility are grouped by their *root* organisation
(``IS-K`` -> ``Islamic State``): a branch is a finer answer, not a conflict. Only ``claimed`` and
``denied`` stances are claims; "US officials blame X" (``attributed``) is reported beside them.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import ActorValue, Fact, FactStatus, Mention, PlaceValue, ResponsibilityValue
from newsfuse.reconcile.categorical import vote, voted_confidence, voted_status
from newsfuse.reconcile.sources import fact_mention
from newsfuse.reconcile.names import (
    alias_data,
    canonical_name,
    lookup_organisation,
    normalise,
    root_organisation,
    same_name,
)
from newsfuse.reconcile.sources import SourceGroups


def _names(m: Mention) -> list[str]:
    v = m.value
    return [n for n in (v.name, v.canonical) if n]


def group_actors(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Actor mentions grouped into one list per entity, in order of first mention."""
    groups: list[list[Mention]] = []
    # Each group's distinct names (a dict keeps them in order): an event's reports repeat the same
    # few names, and comparing every repeat again was most of reconcile's time on gva-dev.
    names: list[dict[str, None]] = []
    for m in mentions:
        own = _names(m)
        person = m.value.type == "person"
        hits = [
            i for i, known in enumerate(names)
            if (groups[i][0].value.type == "person") == person
            and any(same_name(a, b) for a in own for b in known)
        ]
        if len(hits) > 1:
            # A bare surname matching several people ("Smith") is ambiguous: keep it apart.
            if all(len(n.split()) == 1 for n in own):
                hits = []
            else:
                hits = hits[:1]
        if hits:
            groups[hits[0]].append(m)
            names[hits[0]].update(dict.fromkeys(own))
        else:
            groups.append([m])
            names.append(dict.fromkeys(own))
    return groups


def _place_names(mentions: Sequence[Mention]) -> set[str]:
    """The event's places as the extract stage read them: a town the tagger also took for an
    organisation ("Dunmarrow: questions over fire exits") is the place, not an actor."""
    return {
        normalise(name)
        for m in mentions if m.slot == "place" and isinstance(m.value, PlaceValue)
        for name in (m.value.venue, m.value.city, m.value.region, m.value.country) if name
    }


_AGENCY_WORDS = frozenset({"police", "pd", "sheriff", "sheriffs", "department", "office", "patrol"})


def _a_place(m: Mention, places: set[str]) -> bool:
    """An organisation named only as one of the event's places ("Doswell Town Road"). People stay
    (a person named like a place is more often a place read wrongly), and so do agencies ("the
    Hendry County Sheriff's Office", which the place stage may take for the scene)."""
    if m.value.type == "person" or not all(normalise(n) in places for n in _names(m)):
        return False
    return not any(w in _AGENCY_WORDS for n in _names(m) for w in normalise(n).split())


#: The sides of an event's actors, in the order they are listed.
SIDES = ("perpetrator", "victim", "other")


def actor_side(role: str | None, kind: str) -> str:
    """Which side an actor is on, from its role in the reports: who shot, attacked or was
    arrested for it (and an armed group with no other role) is a perpetrator; who was killed or
    hurt a victim; officials, experts, witnesses and anyone else named are other parties."""
    if role in ("perpetrator", "suspect") or (role is None and kind == "group"):
        return "perpetrator"
    return "victim" if role == "victim" else "other"


def reconcile_actors(mentions: Sequence[Mention], groups: SourceGroups) -> Fact | None:
    """One fact listing each distinct actor once, with every spelling seen."""
    found = [m for m in mentions if m.slot == "actor" and m.scope == "main"
             and isinstance(m.value, ActorValue)]
    places = _place_names(mentions)
    found = [m for m in found if not _a_place(m, places)]
    if not found:
        return None
    actors = []
    origins_all: set[str] = set()
    for members in group_actors(found):
        all_names = [n for m in members for n in _names(m)]
        name = canonical_name(all_names)
        origins = {groups.origin(m) for m in members}
        origins_all |= origins
        titles = [m.value.title for m in members if m.value.title]
        roles = [m.value.role for m in members if m.value.role]
        role = max(dict.fromkeys(roles), key=roles.count) if roles else None
        actors.append({
            "name": name,
            "aliases": sorted(set(all_names) - {name}),
            "type": members[0].value.type,
            "role": role,
            "side": actor_side(role, members[0].value.type),
            "title": max(titles, key=len) if titles else None,
            "mention_ids": [m.id for m in members],
            "sources": len(origins),
        })
    # ACLED's actor1 / actor2 and the rest: who did it, to whom, and who else is named.
    actors.sort(key=lambda a: SIDES.index(a["side"]))
    by_side = {side: [a["name"] for a in actors if a["side"] == side] for side in SIDES}
    return Fact(
        slot="actor",
        best="; ".join(a["name"] for a in actors),
        status=FactStatus.AGREED if len(origins_all) > 1 else FactStatus.SINGLE_SOURCE,
        value={"actors": actors, "perpetrators": by_side["perpetrator"],
               "victims": by_side["victim"], "others": by_side["other"]},
        mentions=[fact_mention(m) for m in found],
        sources=len(origins_all),
        confidence=1.0 if len(origins_all) > 1 else 0.5,
        aliases=sorted({a for actor in actors for a in actor["aliases"]}),
    )


def _canonical_claimant(v: ResponsibilityValue) -> str:
    for name in (v.canonical, v.claimant):
        if name and lookup_organisation(name):
            return lookup_organisation(name)[0]
    return v.canonical or v.claimant


def _root(v: ResponsibilityValue) -> str:
    if v.parent:
        return root_organisation(v.parent)
    return root_organisation(_canonical_claimant(v))


def claim_channels(claims: Sequence[Mention]) -> tuple[list[str], list[str]]:
    """(channels, forms) of the claims: "statement, Aamaq, news agency" and "Amaq, Telegram" ->
    (["Amaq News Agency", "Telegram"], ["statement"]), most cited first."""
    data = alias_data()
    spellings = {s: name for name, words in data["channels"].items() for s in words}
    forms_known, generic = set(data["channel_forms"]), set(data["generic_channels"])
    tally: dict[str, list] = {}
    for m in claims:
        for part in (m.value.channel or "").split(","):
            key = part.strip().lower()
            if not key or key in generic:
                continue
            if key in forms_known:
                tally.setdefault(key, ["form", 0])[1] += 1
                continue
            org = lookup_organisation(key)
            name = org[0] if org else spellings.get(key, part.strip())
            tally.setdefault(name, ["channel", 0])[1] += 1
    ranked = sorted(tally.items(), key=lambda kv: -kv[1][1])
    return [k for k, (kind, _) in ranked if kind == "channel"], [k for k, (kind, _) in ranked if kind == "form"]


def reconcile_responsibility(mentions: Sequence[Mention], groups: SourceGroups) -> Fact | None:
    """Who claimed the event: one canonical claimant with its finest branch and channels."""
    found = [m for m in mentions if m.slot == "responsibility" and m.scope == "main"
             and isinstance(m.value, ResponsibilityValue)]
    if not found:
        return None
    claims = [m for m in found if m.value.stance == "claimed"]
    attributed = [m for m in found if m.value.stance == "attributed"]
    denied = [m for m in found if m.value.stance == "denied"]
    roots: list[str] = []

    def root_key(m: Mention) -> str:
        r = _root(m.value)
        for known in roots:
            if same_name(known, r):
                return known
        roots.append(r)
        return r

    ranked = vote(claims, root_key, groups)
    other = {
        "attributed": [{"to": _canonical_claimant(m.value), "by": m.value.by, "mention_id": m.id}
                       for m in attributed],
        "denied": [{"by": _canonical_claimant(m.value), "mention_id": m.id} for m in denied],
    }
    if not ranked:
        return Fact(slot="responsibility", status=FactStatus.UNKNOWN, value={"claimant": None, **other},
                    mentions=[fact_mention(m) for m in found])
    root, supporting, origins = ranked[0]
    branches = [c for c in (_canonical_claimant(m.value) for m in supporting) if c != root]
    branch = max(dict.fromkeys(branches), key=branches.count) if branches else None
    channels, forms = claim_channels(supporting)
    status = voted_status(ranked)
    return Fact(
        slot="responsibility",
        best=root,
        status=status,
        value={"claimant": root, "branch": branch, "stance": "claimed", "channels": channels, "forms": forms,
               "rivals": [r for r, _, _ in ranked[1:]], **other},
        mentions=[fact_mention(m) for m in supporting],
        conflicting=[fact_mention(m) for _, ms, _ in ranked[1:] for m in ms],
        sources=len(origins),
        confidence=voted_confidence(ranked, status, groups),
        aliases=sorted({m.value.claimant for m in supporting} - {root}),
    )
