"""Online event clustering: each article, in publication order, joins its best open event or
starts a new one.

Per article the work is bounded: near-duplicate look-up (MinHash LSH), ``candidates`` events from
an approximate nearest-neighbour index (usearch HNSW) over the open events' profile vectors, and
a logistic score (``similarity``) of the article against each candidate. Events close when no
article joined them for ``window_days`` of publication time (or ``idle_articles`` articles, for
undated streams) and leave the index, so the index holds only the open events.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, deque
from operator import itemgetter

import numpy as np
from usearch.index import Index

from newsfuse.cluster.ann import EMBED_DIMS, index_vector
from newsfuse.cluster.constraints import CorrectionsMixin
from newsfuse.cluster.corrections import event_id_for
from newsfuse.cluster.dedup import NearDuplicateIndex, wire_source
from newsfuse.cluster.features import ArticleFeatures, article_features
from newsfuse.cluster.params import ClusterParams, load_params
from newsfuse.cluster.sources import ArticleInfo, build_event
from newsfuse.cluster.similarity import MAX_MEMBERS, EventProfile, pair_features, score
from newsfuse.model import Analysed, Article, Correction, Duplicate, Event, Mention

#: Rarest names of an article looked up in the name postings, and events kept per name.
NAME_LOOKUPS = 4
NAME_POSTINGS = 4


class OnlineClusterer(CorrectionsMixin):
    """Streaming event clustering with near-duplicate detection and user corrections.

    Args:
        params: parameters (default: the fitted ``params.json``).
        corrections: merges and splits recorded earlier; they act as must-link / cannot-link
            constraints while articles arrive, and :meth:`events` replays them on the result.

    Example:
        >>> clusterer = OnlineClusterer()
        >>> for article, analysed in zip(articles, analysed_list):   # in publication order
        ...     event_id = clusterer.add(article, analysed)
        >>> events, duplicates = clusterer.events(), clusterer.duplicates
    """

    keep_features = False  # the default for states saved before the option existed

    def __init__(
        self,
        params: ClusterParams | None = None,
        corrections=(),
        *,
        forget_closed: bool = False,
        keep_features: bool = False,
    ) -> None:
        self.params = params or load_params()
        # keep_features: a closed event's articles keep their features, for batch mode's second
        # look (recheck.py); a stream drops them, so memory follows the open events.
        self.keep_features = keep_features
        # forget_closed: a closed event's articles also leave the duplicate index and the
        # placement records, so memory (and a saved state, see state.py) holds only open events.
        self.forget_closed = forget_closed
        self._next_key = 0
        p = self.params
        self._dups = NearDuplicateIndex(p.dup_threshold, p.dup_num_perm, p.dup_shingle, p.dup_min_words)
        self._index = Index(ndim=EMBED_DIMS + p.entity_dims, metric="cos", dtype="f32")
        self._events: dict[int, EventProfile] = {}
        self._open: set[int] = set()
        self._by_day: list[tuple[int, int]] = []  # (last day, key) heap for closing by date
        self._by_seq: list[tuple[int, int]] = []  # (last seq, key) heap for closing by count
        self._info: dict[str, ArticleInfo] = {}
        self._feats: dict[str, tuple[ArticleFeatures, dict[str, float]]] = {}
        self._name_events: dict[str, deque] = {}  # rare name -> recent events that have it
        self._term_df: Counter = Counter()
        self._entity_df: Counter = Counter()
        self._seen = 0
        self._now_day: int | None = None
        self._duplicates: dict[str, Duplicate] = {}
        self.corrections: list[Correction] = []
        self._must: dict[str, str] = {}  # union-find parent over article ids
        self._cannot: dict[str, set[str]] = {}
        for correction in corrections:
            self._constrain(correction)

    @property
    def duplicates(self) -> list[Duplicate]:
        """The near-duplicates found, in the order their copies arrived."""
        return list(self._duplicates.values())

    def _new_key(self) -> int:
        key, self._next_key = self._next_key, self._next_key + 1
        return key

    # --- the stream ---------------------------------------------------------------------------

    def add(
        self, article: Article, analysed: Analysed | None = None, mentions: list[Mention] | None = None
    ) -> str:
        """Place one article (the next in publication order) and return its event id."""
        feats, weights = self.prepare(article, analysed, mentions)
        dup = self._dups.add(article.id, article.text, article.title)
        if dup is not None and dup[0] not in self._info:  # its first copy was forgotten
            dup = None
        forced = self._forced_event(article.id)
        excluded = self._excluded_events(article.id)
        if forced is None and dup is not None and self._info[dup[0]].event not in excluded:
            forced = self._info[dup[0]].event
        if dup is not None:
            self._duplicates[article.id] = Duplicate(
                article_id=article.id, duplicate_of=dup[0], kind="near", similarity=round(dup[1], 4)
            )
        if forced is not None:
            event, fold = self._events[forced], dup is None
        else:
            event, fold = self.choose(feats, weights, excluded)
        key = self.place(feats, weights, event, fold=fold)
        self._info[article.id] = ArticleInfo(
            event=key,
            seq=feats.seq,
            title=article.title,
            published=article.published,
            source=article.source,
            wire=wire_source(article.title, article.text),
            duplicate_of=dup[0] if dup else None,
            folded=fold,
        )
        return self._events[key].id

    def prepare(
        self, article: Article, analysed: Analysed | None, mentions: list[Mention] | None
    ) -> tuple[ArticleFeatures, dict[str, float]]:
        """Features of the next article, updating the running document frequencies."""
        feats = article_features(
            article, analysed, mentions if self.params.use_mentions else None, self._seen
        )
        self._seen += 1
        self._term_df.update(feats.terms.keys())
        self._entity_df.update(feats.persons | feats.places | feats.others)
        top_n, df, log = self._seen + 1, self._term_df, math.log  # locals: a hot loop
        weighted = {t: (1.0 + log(c)) * (log(top_n / (df[t] + 1)) + 1.0) for t, c in feats.terms.items()}
        top = heapq.nlargest(80, weighted.items(), key=itemgetter(1))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        weights = {t: w / norm for t, w in top}
        feats.terms = Counter()  # the profile keeps the weights; the raw counts are not needed
        if feats.day is not None:
            self._now_day = feats.day if self._now_day is None else max(self._now_day, feats.day)
        self._close_stale()
        return feats, weights

    def entity_idf(self, name: str) -> float:
        return math.log((self._seen + 1) / (self._entity_df[name] + 1)) + 1.0

    def candidates(self, feats: ArticleFeatures) -> list[EventProfile]:
        """Open events near the article: the ``params.candidates`` nearest in the index, plus
        the latest events that share one of its rarest names (people, places), dormant ones
        included when they share a person (:meth:`_follow_up`)."""
        keys = []
        if self._open:
            count = min(self.params.candidates, len(self._open))
            # One query at a time: threads=1 spares usearch a thread pool per call.
            matches = self._index.search(self._vector(feats.embedding, feats), count, threads=1)
            keys = [int(k) for k in matches.keys]
        for name in self._rare_names(feats):
            keys.extend(self._name_events.get(name, ()))
        keys = [k for k in dict.fromkeys(keys) if k in self._open or self._follow_up(k, feats)]
        return [self._events[k] for k in keys]

    def _follow_up(self, key: int, feats: ArticleFeatures) -> bool:
        """A closed event can still take a follow-up (a trial, a funeral) within
        ``follow_up_days`` of its last article when the follow-up names one of its people."""
        days = self.params.follow_up_days
        event = self._events.get(key)
        if not days or event is None or feats.day is None or event.last_day is None:
            return False
        return feats.day - event.last_day <= days and any(n in event.persons for n in feats.persons)

    def _rare_names(self, feats: ArticleFeatures) -> list[str]:
        df = self._entity_df
        cached = feats.rare_names
        if cached is not None and cached[0] is df and cached[1] == self._seen:  # same counts
            return cached[2]
        rare = sorted(feats.persons | feats.lead_places, key=lambda n: (df[n], n))[: NAME_LOOKUPS]
        feats.rare_names = (df, self._seen, rare)
        return rare

    def features_against(self, feats, weights, event: EventProfile) -> list[float] | None:
        """The pair features the stream scores (None: a hard rule rules the pair out)."""
        p = self.params
        veto = (p.max_gap_days, p.place_veto)
        return pair_features(feats, weights, event, self.name_idf(feats), veto=veto)

    def name_idf(self, feats: ArticleFeatures) -> dict[str, float]:
        """Rarity weight of the article's names and title words (from running frequencies)."""
        names = feats.persons | feats.places | feats.others
        idf = {n: self.entity_idf(n) for n in names}
        n = self._seen
        for t in feats.title_terms:
            idf[t] = math.log((n + 1) / (self._term_df[t] + 1)) + 1.0
        return idf

    def choose(
        self, feats: ArticleFeatures, weights: dict[str, float], excluded: set[int] = frozenset()
    ) -> tuple[EventProfile | None, bool]:
        """The best event to join (None: start one) and whether to fold the article into it."""
        p = self.params
        scored = []
        idf = self.name_idf(feats)
        for event in self.candidates(feats):
            if event.key in excluded:
                continue
            x = pair_features(feats, weights, event, idf, veto=(p.max_gap_days, p.place_veto))
            if x is None:
                continue
            scored.append((score(x, p.weights, p.bias), -event.key, event))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        if not scored or scored[0][0] < p.threshold:
            return None, True
        # A roundup matches several open events: it joins the best but does not blur its profile.
        roundup = len(scored) > 1 and scored[1][0] >= p.threshold
        return scored[0][2], not roundup

    def place(
        self, feats: ArticleFeatures, weights: dict[str, float], event: EventProfile | None, *, fold: bool = True
    ) -> int:
        """Add the article to ``event`` (or a new event) and return the event's key."""
        if event is None:
            key = self._new_key()
            event = EventProfile(key=key, id=event_id_for(feats.article_id), seed=feats.article_id)
            self._events[key] = event
            self._open.add(key)
        if event.key not in self._open:  # a follow-up re-opens its event
            self._open.add(event.key)
            self._reindex(event)
        event.touch(feats)
        if fold or event.profile_members == 0:
            event.fold(feats, weights, self.params.max_terms)
            # A big event's index vector hardly moves: refreshing it only while the event is
            # small keeps the cost per article flat however large events grow.
            if event.profile_members <= MAX_MEMBERS:
                self._reindex(event)
        if event.last_day is not None:
            heapq.heappush(self._by_day, (event.last_day, event.key))
        heapq.heappush(self._by_seq, (event.last_seq, event.key))
        self._feats[feats.article_id] = (feats, weights)
        if fold:
            for name in self._rare_names(feats):
                posting = self._name_events.setdefault(name, deque(maxlen=NAME_POSTINGS))
                if not posting or posting[-1] != event.key:
                    posting.append(event.key)
        return event.key

    # --- the index ----------------------------------------------------------------------------

    def _vector(self, embedding: np.ndarray | None, names) -> np.ndarray:
        return index_vector(embedding, names, self.params, self._entity_df, self._seen)

    def _reindex(self, event: EventProfile) -> None:
        if event.key in self._index:
            self._index.remove(event.key)
        centroid = event.centroid()
        # The three bags summed (as Counter's + would, without its per-name Python calls).
        names = dict(event.persons)
        for bag in (event.places, event.others):
            for name, count in bag.items():
                names[name] = names.get(name, 0) + count
        vector = self._vector(centroid if centroid is not None else np.zeros(0), names)
        self._index.add(event.key, vector, threads=1)

    def _close(self, key: int, *, dormant: bool = False) -> None:
        """Take an event out of the index. A ``dormant`` one (closed by date) can still take a
        follow-up for ``follow_up_days``; with ``forget_closed`` it is forgotten after that."""
        if key in self._open:
            self._open.discard(key)
            if key in self._index:
                self._index.remove(key)
            # Only its profile is scored again (follow-ups): its articles' features can go.
            if not self.keep_features:
                for article_id in self._events[key].article_ids:
                    self._feats.pop(article_id, None)
            if dormant and self.params.follow_up_days:
                self.__dict__.setdefault("_dormant", deque()).append((self._events[key].last_day, key))
            else:
                self._forget(key)

    def _forget(self, key: int) -> None:
        if self.forget_closed and key not in self._open and key in self._events:
            for article_id in self._events.pop(key).article_ids:
                self._info.pop(article_id, None)
                self._dups.forget(article_id)
                self._duplicates.pop(article_id, None)

    def _close_stale(self) -> None:
        p = self.params
        if self._now_day is not None:
            while self._by_day and self._by_day[0][0] < self._now_day - p.window_days:
                day, key = heapq.heappop(self._by_day)
                if key in self._events and self._events[key].last_day == day:
                    self._close(key, dormant=True)
            dormant = self.__dict__.get("_dormant")
            while dormant and dormant[0][0] < self._now_day - p.follow_up_days:
                self._forget(dormant.popleft()[1])
        while self._by_seq and self._by_seq[0][0] < self._seen - p.idle_articles:
            seq, key = heapq.heappop(self._by_seq)
            if key in self._events and self._events[key].last_seq == seq:
                self._close(key)

    # --- placement look-ups (cost independent of the number of events) --------------------------

    def placed(self, article_id: str) -> str | None:
        """The id of the event holding ``article_id``, or None when it was never added (or its
        event closed and was forgotten)."""
        info = self._info.get(article_id)
        return self._events[info.event].id if info is not None else None

    def peers(self, article_id: str) -> list[str]:
        """The articles (placement order) of the event holding ``article_id``; [] if unknown."""
        info = self._info.get(article_id)
        return list(self._events[info.event].article_ids) if info is not None else []

    def duplicate_of(self, article_id: str) -> Duplicate | None:
        """The near-duplicate record of ``article_id`` when it was found to be a copy."""
        return self._duplicates.get(article_id)

    @property
    def articles_seen(self) -> int:
        return self._seen

    # --- output -------------------------------------------------------------------------------

    def events(self) -> list[Event]:
        """The events so far, corrections replayed, each with duplicates and source groups."""
        from newsfuse.cluster.corrections import apply_corrections

        out = [
            build_event(e.id, sorted(e.article_ids, key=lambda a: self._info[a].seq), self._info)
            for e in self._events.values()
            if e.article_ids
        ]
        if self.corrections:
            out = apply_corrections(out, self.corrections, published=lambda a: self._info[a].published)
        return out

    def assignments(self) -> dict[str, str]:
        """article id -> event id."""
        return {a: e.id for e in self.events() for a in e.article_ids}
