"""Batch mode's second look at small events: each article is scored against the rest of its
event, now that the event is complete, and leaves it when it would not join it.

Online, an article is placed against the event as it stood then (often one or two reports), and
is never moved. In a batch the whole event is known: an article whose fitted probability against
all its other members (leave-one-out, the same score and ``threshold`` as the online decision)
is below the threshold was joined on a partial picture, typically a look-alike shooting that
scored above the threshold against a single early report. It becomes an event of its own.

Only events of at most ``recheck_max_size`` articles are checked: there one wrong article is a
large share of the event, and the cost stays linear in the corpus (each check rebuilds a profile
of at most ``recheck_max_size - 1`` members). Left alone: near-duplicates (they follow their
first copy, and a first copy's copies go with it) and articles under a user's correction. When an
event's first article leaves, the rest is renamed after its new first article, so every event
id still names the article that starts it.
"""

from __future__ import annotations

from newsfuse.cluster.corrections import event_id_for
from newsfuse.cluster.similarity import EventProfile, pair_features, score


def recheck_small_events(clusterer) -> list[str]:
    """Move the articles that fail the leave-one-out check out of their small events.

    Args:
        clusterer: an :class:`~newsfuse.cluster.online.OnlineClusterer` that kept every placed
            article's features (``keep_features=True``) and has seen the whole corpus.

    Returns:
        The ids of the articles that now form events of their own (their copies went with them).
    """
    p = clusterer.params
    if p.recheck_max_size < 2:
        return []
    feats_of, info = clusterer._feats, clusterer._info
    constrained = set(clusterer._must) | set(clusterer._cannot)
    moved: list[str] = []
    for event in list(clusterer._events.values()):
        members = [a for a in event.article_ids if a in feats_of]
        if not 2 <= len(event.article_ids) <= p.recheck_max_size or len(members) < 2:
            continue
        for article_id in members:
            if info[article_id].duplicate_of is not None or article_id in constrained:
                continue
            rest = EventProfile(key=-1, id="", seed="")
            for other in members:
                if other != article_id and info[other].duplicate_of is None:
                    other_feats, other_weights = feats_of[other]
                    rest.touch(other_feats)
                    rest.fold(other_feats, other_weights, p.max_terms)
            if not rest.article_ids:
                continue
            feats, weights = feats_of[article_id]
            idf = clusterer.name_idf(feats)
            x = pair_features(feats, weights, rest, idf, veto=(p.max_gap_days, p.place_veto))
            if x is None or score(x, p.weights, p.bias) < p.threshold:
                if _move_out(clusterer, event, article_id):
                    moved.append(article_id)
    return moved


def _move_out(clusterer, event: EventProfile, article_id: str) -> bool:
    """``article_id`` and its copies leave ``event`` for a new event of their own (False: they
    are the whole event already)."""
    info = clusterer._info
    leaving = [a for a in event.article_ids if a == article_id or info[a].duplicate_of == article_id]
    if len(leaving) == len(event.article_ids):
        return False
    key = clusterer._new_key()
    new = EventProfile(key=key, id=event_id_for(article_id), seed=article_id)
    clusterer._events[key] = new
    for a in leaving:
        event.article_ids.remove(a)
        new.article_ids.append(a)
        info[a].event = key
    if event.seed == article_id:
        event.seed = min(event.article_ids, key=lambda a: info[a].seq)
        event.id = event_id_for(event.seed)
    return True
