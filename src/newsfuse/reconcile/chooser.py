"""A learned check on the killed/injured ``best``: re-rank the figures an event's reports give.

The rules (``counts``, ``casualties``) pick one figure per event. The chooser lists every
candidate the event's reports allow for the slot (the rules' figure, 0, each stated figure,
each article's own figure, each title figure, people "shot" minus the dead) and scores each
with a linear model over a few features: how many articles state it, in their lead or title,
as their own figure, whether it is the largest, the latest, said by an official, told only by
singular phrases... (:data:`FEATURES`). The highest score wins; the rules' figure wins ties.
Weights live in ``data/chooser.json`` (``params.ChooserParams``), fitted by
``benchmarks/fit/fit_count_chooser.py`` (a
conditional logit over each event's candidates, cross-validated over two halves of the
development events). docs/reconcile.md, "Counts" 9 and "Per-event counts", has the figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from newsfuse.model import Article, CountValue, Fact, FactStatus, Mention
from newsfuse.reconcile.confidence import confidence, evidence_weight
from newsfuse.reconcile.counts import (
    article_figure,
    contains,
    singular,
    slot_settings,
    title_pattern,
)
from newsfuse.reconcile.params import active_params
from newsfuse.reconcile.sources import fact_mention
from newsfuse.reconcile.titles import title_figures

#: The features of a candidate, in the order of the weights.
FEATURES = (
    "rule", "zero", "one", "log_value", "above_rule", "below_rule", "is_max",
    "articles", "article_share", "own_figure", "own_share", "titles", "lead", "at_least",
    "singular_only", "background", "latest", "first", "official", "shot_minus_dead",
    "critical", "above_rule_many", "zero_no_title", "zero_silent", "zero_implied_only",
    "plus_one", "plus_one_told_apart", "title_hit", "zero_no_title_words", "zero_nothing_in_lead",
    "shot_apart", "singular_beside_dead",
)
#: The mention slots that give candidates for each chooser slot.
SOURCES = {"killed": ("killed",), "injured": ("injured", "critical")}
#: The certainty of a figure only the chooser gives (like a derived "shot minus killed").
DERIVED = 0.7
_OFFICIAL = {"police", "official", "ministry", "hospital", "medical"}

def load_weights() -> dict[str, list[float]] | None:
    """Slot -> weights (in :data:`FEATURES` order) of the parameters in force (``params.py``;
    fitted: ``data/chooser.json``); None if unfit or fitted on other features."""
    return active_params().chooser.weights_for(FEATURES)


def _shot_singles(mentions: Sequence[Mention]) -> list[Mention]:
    """Main-event text mentions of one person shot ("a woman who was shot")."""
    return [m for m in mentions if m.slot == "other_count" and isinstance(m.value, CountValue)
            and m.value.population == "shot" and m.scope == "main" and m.evidence.field != "title"
            and m.value.low == 1 and m.value.high == 1]


_APART = re.compile(r"\b(?:also|another|too)\b", re.I)


def _shot_apart(mentions: Sequence[Mention]) -> int:
    """People hit told one by one as others than the dead ("her boyfriend was also shot",
    "a man was killed and his son was shot"): the sentences with one person shot that say
    "also"/"another" or state a death of someone else beside it."""
    dead_in = {m.sentence.start for m in mentions if m.slot == "killed" and m.sentence}
    found = set()
    for m in _shot_singles(mentions):
        if m.sentence is None:
            continue
        if _APART.search(m.sentence.text) or (m.sentence.start in dead_in and m.value.who != "attackers"):
            found.add(m.sentence.start)
    return len(found)


def _lead(m: Mention) -> bool:
    return m.evidence.field != "title" and m.evidence.start < slot_settings()["lead_chars"]


def candidates(slot: str, rule: int, mentions: Sequence[Mention], titles: Sequence[Mention],
               articles: Sequence[Article], dead: int) -> tuple[list[int], list[list[float]]]:
    """The figures the event's reports allow for ``slot``, and each one's features.

    Args:
        slot: ``killed`` or ``injured``.
        rule: the figure the rules chose (0 when none).
        mentions: the mentions the rules saw for the slot (claims).
        titles: claims and title context (for the title figures).
        articles: the event's articles (publication order).
        dead: the event's toll (for injured: people shot minus the dead).

    Returns:
        (candidate figures, one feature row per candidate).
    """
    pool = [m for m in mentions if m.slot in SOURCES[slot] and isinstance(m.value, CountValue)
            and m.value.subset_of != slot and m.value.qualifier != "vague"]
    main = [m for m in pool if m.scope == "main"]
    by_article: dict[str, list[Mention]] = {}
    for m in main:
        if m.slot == slot:
            by_article.setdefault(m.article_id, []).append(m)
    own = {a: article_figure(ms).value.low for a, ms in by_article.items()}
    stated: dict[int, set[str]] = {}
    for m in main:
        if m.value.qualifier == "exact":
            stated.setdefault(m.value.low, set()).add(m.article_id)
    title_of = {}
    for value, m in title_figures(titles, slot, dead):
        title_of.setdefault(value, set()).add(m.article_id)
    shot = {max((m.value.point or 0) - dead, 0) for m in titles
            if m.slot == "other_count" and m.value.population == "shot" and m.scope == "main"
            and m.value.qualifier == "exact"} if slot == "injured" else set()
    apart = _shot_apart(mentions) if slot == "injured" else 0
    told = {v for v in (*stated, *own.values(), *title_of, *shot, *([apart] if apart else []))}
    values = sorted({0, rule, *told})
    top = max(values)
    order = [a.id for a in sorted(articles, key=lambda a: (a.published is None, a.published or 0))]
    speaking = {m.article_id for m in main} | {a for s in title_of.values() for a in s}
    n = max(len(speaking), 1)
    silent = 1 - len(speaking) / max(len(articles), 1)
    told_apart = max((len({m.sentence.start if m.sentence else m.evidence.start for m in ms
                           if singular(m) and m.value.qualifier == "exact"})
                      for ms in by_article.values()),
                     default=0)
    hit_title = any(a.title and title_pattern("hit").search(a.title) for a in articles)
    words = title_pattern("hit") if slot == "injured" else title_pattern("dead")
    no_title_words = not any(a.title and words.search(a.title) for a in articles)
    nothing_in_lead = not any(m.evidence.field == "title" or _lead(m)
                              for m in main if m.slot == slot)
    implied_only = all(m.confidence < 0.8 for m in main if m.slot == slot)
    rows = []
    for v in values:
        says = stated.get(v, set())
        exact_v = [m for m in main if m.value.qualifier == "exact" and m.value.low == v]
        in_order = [a for a in order if a in says]
        owners = sum(1 for f in own.values() if f == v)
        rows.append([
            float(v == rule), float(v == 0), float(v == 1), math.log1p(v),
            float(v > rule), float(v < rule), float(v == top and v > 0),
            math.log1p(len(says)), len(says) / n, math.log1p(owners), owners / n,
            math.log1p(len(title_of.get(v, ()))),
            math.log1p(len({m.article_id for m in exact_v if _lead(m)})),
            math.log1p(len({m.article_id for m in main
                            if m.value.qualifier != "exact" and m.value.low == v})),
            float(bool(exact_v) and all(singular(m) for m in exact_v)),
            math.log1p(len({m.article_id for m in pool if m.scope != "main"
                            and contains(m.value, v) and m.value.high is not None})),
            float(bool(order) and bool(in_order) and in_order[-1] == order[-1]),
            float(bool(order) and bool(in_order) and in_order[0] == order[0]),
            float(any(m.attribution.kind in _OFFICIAL for m in exact_v)),
            float(v in shot),
            float(any(m.slot != slot for m in exact_v)),
            float(v > rule and len(says) > 1),
            float(v == 0 and not title_of),
            silent if v == 0 else 0.0,
            float(v == 0 and implied_only),
            float(v == rule + 1),
            float(v == rule + 1 and told_apart >= 2), float(v >= 1 and hit_title),
            float(v == 0 and no_title_words), float(v == 0 and nothing_in_lead),
            float(v == apart and apart > 0),
            float(bool(exact_v) and all(singular(m) for m in exact_v) and dead > 0),
        ])
    return values, rows


def choose(slot: str, fact: Fact | None, mentions: Sequence[Mention], titles: Sequence[Mention],
           articles: Sequence[Article], dead: int) -> Fact | None:
    """``fact`` with ``best`` replaced by the chooser's figure when it differs (Args as
    :func:`candidates`; ``fact`` None: the rules found no figure, taken as 0). The figure's own
    mentions then support it, the rules' become conflicting, and ``low``/``high`` widen to hold
    it. Returns None where there was no fact and the chooser keeps 0."""
    if slot not in SOURCES or (fact is not None and not isinstance(fact.best, int)):
        return fact
    rule = fact.best if fact is not None else 0
    values, rows = candidates(slot, rule, mentions, titles, articles, dead)
    hook = active_params().on_candidates
    if hook is not None:  # a fit script records each event's candidates
        hook(slot, values, rows)
    weights = (load_weights() or {}).get(slot)
    if not weights:
        return fact
    scores = [sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]
    figure = values[max(range(len(values)), key=lambda i: (scores[i], values[i] == rule))]
    if figure == rule:
        return fact
    support = [m for m in [*mentions, *titles] if m.slot in SOURCES[slot]
               and isinstance(m.value, CountValue) and m.scope == "main"
               and m.value.qualifier == "exact" and m.value.low == figure]
    if not support:  # people shot minus the dead
        support = _shot_singles(titles) or [m for m in titles if m.slot == "other_count"
                                            and m.value.population == "shot" and m.scope == "main"]
    cited = [fact_mention(m) for m in {m.id: m for m in support}.values()]
    if fact is None:
        return _new_fact(slot, figure, support, cited)
    chosen = fact.model_copy(deep=True)
    chosen.best = figure
    chosen.low = min(chosen.low if chosen.low is not None else figure, figure)
    if chosen.high is not None and chosen.high < figure:
        chosen.high = figure
    if isinstance(chosen.value, dict) and isinstance(chosen.value.get("victims"), int):
        chosen.value = {**chosen.value, "victims": max(chosen.value["victims"] + figure - rule, 0)}
    chosen.conflicting = [*chosen.mentions, *chosen.conflicting]
    chosen.mentions = cited
    return chosen


def _new_fact(slot: str, figure: int, support: Sequence[Mention], cited) -> Fact:
    """A figure the rules did not state (no injured figure, but a title's people shot minus the
    dead): single-source unless several articles support it; a derived figure's confidence."""
    origins = {m.article_id for m in support}
    weights = [evidence_weight(m.attribution.kind, bool(m.hedge), False) * DERIVED for m in support]
    status = FactStatus.SINGLE_SOURCE if len(origins) <= 1 else FactStatus.AGREED
    return Fact(slot=slot, best=figure, low=figure, high=figure, status=status, mentions=cited,
                sources=max(len(origins), 1), value={"derived_from": "chooser"},
                confidence=confidence(weights or [0.5], 1.0, status.value, slot))
