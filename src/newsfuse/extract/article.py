"""One article → its Mentions: runs the finders sentence by sentence and gives each claim its
evidence, attribution, hedge and scope."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from newsfuse.errors import InputError
from newsfuse.extract.doctext import doc_text
from newsfuse.extract import attribution as attrib
from newsfuse.extract.counts import find_counts, token_quantities
from newsfuse.extract.headcount import CountFinding
from newsfuse.extract.derive import derived_injuries
from newsfuse.extract.headline import headline_counts, headline_fallback
from newsfuse.extract.lexicon import load
from newsfuse.extract.actors import find_actors
from newsfuse.extract.event_type import find_event_types
from newsfuse.extract.gazetteer import geo_fields, reading
from newsfuse.extract.place import ANCHORED, find_places, states_named, title_places
from newsfuse.extract.place_context import article_context, main_country
from newsfuse.extract.responsibility import find_responsibility, last_groups_by_sentence
from newsfuse.extract.scope import SentenceScope, main_event_date, sentence_scopes, teaser_lines
from newsfuse.extract.time import DateMention, find_dates
from newsfuse.model import (
    COUNT_SLOTS,
    Analysed,
    Article,
    Attribution,
    CountValue,
    ActorValue,
    LabelValue,
    Mention,
    PlaceValue,
    Qualifier,
    ResponsibilityValue,
    Span,
    TimeValue,
)


@dataclass
class SentenceInfo:
    """What the finders saw in one sentence; shared by all slot modules."""

    index: int
    span: object  # spaCy Span
    counts: list[CountFinding] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    hedges: list[tuple[int, int, str]] = field(default_factory=list)
    event_types: list[tuple[str, int, int]] = field(default_factory=list)
    scope: SentenceScope | None = None
    main_date: dt.date | None = None
    ents: list = field(default_factory=list)


def extract_mentions(article: Article, analysed: Analysed) -> list[Mention]:
    """All claims ``article`` makes, each with its evidence offsets.

    Args:
        article: the article (its ``text`` is what offsets point into).
        analysed: the output of ``analyse`` for it, with the spaCy Doc in ``doc``.

    Returns:
        Mentions with ids ``<article_id>:<n>`` in text order (the publication date, which has
        no evidence in the text, first).

    Raises:
        InputError: when ``analysed`` has no Doc or its Doc is not of this article's text.
    """
    doc = analysed.doc
    if doc is None:
        raise InputError(f"Article {article.id}: no spaCy Doc; run analyse() with the article first.")
    if doc_text(doc) != article.text and doc_text(doc).lower() != article.text.lower():
        # (a parse of the text with its casing restored, analyse/truecase.py, differs in case only)
        raise InputError(f"Article {article.id}: the analysed text differs from the article text.")
    published = _published_date(article)
    sentences = _sentences(doc, published)
    builder = _Builder(article)
    if published is not None:
        builder.add("time", TimeValue(date=published, role="published"), 0, 0, None, confidence=1.0)
    _add_up_others(sentences)
    for info in sentences:
        for finding in info.counts:
            _add_count(builder, info, finding)
    main_counts = [(f, s.scope.scope) for s in sentences for f in s.counts]
    title_dead = max((c.point for c in headline_counts(article.title)
                      if c.slot == "killed" and c.qualifier == "exact"), default=0)
    for finding in derived_injuries(main_counts, title_dead):
        info = next(s for s in sentences if s.span.start_char <= finding.start < s.span.end_char)
        _add_count(builder, info, finding)
    _add_headline_counts(builder, article)
    _recalled_counts_stand(builder.mentions, sentences)
    _add_times(builder, sentences, sentences[0].main_date if sentences else None)
    _add_other_slots(builder, sentences, article.text)
    builder.mentions.sort(key=lambda m: (m.evidence.start if m.sentence else -1, m.evidence.end))
    for n, m in enumerate(builder.mentions):
        m.id = f"{article.id}:{n}"
    return builder.mentions


def _add_headline_counts(builder: _Builder, article: Article) -> None:
    """Counts the title states for slots the text is silent on (truncated crawls); their
    evidence points into ``article.title`` (``Span.field == "title"``)."""
    stated = [(m.slot, m.value.population, m.value.point) for m in builder.mentions
              if isinstance(m.value, CountValue) and m.scope == "main" and not m.value.subset_of]
    for slot, value, phrase, confidence in headline_fallback(article.title, stated):
        m = builder.add(slot, value, 0, 0, None, confidence=confidence)
        start = max(article.title.find(phrase), 0)
        m.evidence = Span(start=start, end=start + len(phrase), text=phrase, field="title")
        m.sentence = None


def _published_date(article: Article) -> dt.date | None:
    if article.published is None:
        return None
    return article.published.date() if isinstance(article.published, dt.datetime) else article.published


def entities_by_sentence(doc, sents) -> list[list]:
    """Each sentence's entities (``Span.ents`` rescans the whole Doc on every call)."""
    out: list[list] = [[] for _ in sents]
    starts = [s.start for s in sents]
    for ent in doc.ents:
        out[bisect.bisect_right(starts, ent.start) - 1].append(ent)
    return out


def _sentences(doc, published: dt.date | None) -> list[SentenceInfo]:
    sents = list(doc.sents)
    ents = entities_by_sentence(doc, sents)
    infos = []
    for i, sent in enumerate(sents):
        _, quantities = token_quantities(doc, sent.start_char, sent.end_char)
        infos.append(
            SentenceInfo(
                index=i,
                span=sent,
                counts=find_counts(doc, sent, quantities),
                dates=find_dates(sent, published, ents[i]),
                ents=ents[i],
                attributions=attrib.sentence_attributions(sent),
                hedges=attrib.sentence_hedges(doc_text(doc), sent.start_char, sent.end_char),
                event_types=find_event_types(sent),
            )
        )
    _mark_subset_sentences(infos, doc_text(doc))
    event_sentences = {s.index for s in infos if _reports_event(s)}
    main_date, main_year = main_event_date([s.dates for s in infos], event_sentences, published)
    scopes = sentence_scopes(sents, [s.dates for s in infos], main_date, main_year, doc_text(doc), ents)
    for info, scope in zip(infos, scopes, strict=True):
        info.scope = scope
        info.main_date = main_date
    return infos


def _add_up_others(infos: list[SentenceInfo]) -> None:
    """"A man was shot ... Another man was shot": the second count adds to the first, so it is
    stated as at least the sum (the people counted so far in that slot, plus these)."""
    seen: dict[tuple[str, str], int] = {}
    for info in infos:
        for f in info.counts:
            key = (f.slot, info.scope.scope)
            c = f.count
            if f.subset_of is None and c.point is not None:
                if c.additive and seen.get(key):
                    total = seen[key] + c.point
                    c.low, c.high, c.point, c.qualifier = total, None, total, Qualifier.AT_LEAST
                seen[key] = max(seen.get(key, 0), c.point)


def _reports_event(info: SentenceInfo) -> bool:
    """Does the sentence report the event (a count, or a type word that dates it)?"""
    undated = load("event_types")["undated"]
    return bool(info.counts) or any(label not in undated for label, _, _ in info.event_types)


def _mark_subset_sentences(infos: list[SentenceInfo], text: str) -> None:
    """"Of these, 60 are in critical condition": counts of a sentence opening so are a part of
    the last count before it, not a new total."""
    openers = tuple(load("counts")["subset_openers"])
    last_slot = None
    for info in infos:
        opening = text[info.span.start_char : info.span.start_char + 30].lower()
        if last_slot and opening.startswith(openers):
            for f in info.counts:
                if f.subset_of is None:
                    f.subset_of = last_slot
        for f in info.counts:
            if f.subset_of is None and f.slot != "shot":
                last_slot = f.slot


class _Builder:
    """Collects Mentions with ids in order and exact evidence spans."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions: list[Mention] = []
        self.teasers = teaser_lines(article.text, article.title)

    def add(self, slot: str, value, start: int, end: int, info: SentenceInfo | None, *,
            confidence: float = 1.0, revision: bool = False, attribution: Attribution | None = None,
            hedge: str | None = None) -> Mention:
        text = self.article.text
        sentence = None
        scope, background = "main", None
        if info is not None:
            s = info.span
            sentence = Span(start=s.start_char, end=s.end_char, text=text[s.start_char : s.end_char])
            if attribution is None:
                attribution = attrib.nearest_attribution(info.attributions, start, end)
            if hedge is None:
                hedge = attrib.nearest_hedge(info.hedges, start, end)
            scope, background = info.scope.scope, info.scope.background_event
            if any(a <= start < b for a, b in self.teasers):
                scope, background = "background", "another story's headline"
        mention = Mention(
            id=f"{self.article.id}:{len(self.mentions)}",
            article_id=self.article.id,
            slot=slot,
            value=value,
            evidence=Span(start=start, end=end, text=text[start:end]),
            sentence=sentence,
            attribution=attribution or Attribution(),
            hedge=hedge,
            scope=scope,
            background_event=background,
            revision=revision,
            confidence=confidence,
        )
        self.mentions.append(mention)
        return mention


def _add_count(builder: _Builder, info: SentenceInfo, f: CountFinding) -> None:
    c = f.count
    slot = f.slot
    population = f.population
    if slot not in COUNT_SLOTS:
        population = population or ("shot" if slot == "shot" else None)
        slot = "other_count"
    who = c.who if c.who in ("victims", "attackers", "all") else "all"
    value = CountValue(low=c.low, high=c.high, qualifier=c.qualifier, point=c.point, who=who,
                       subset_of=f.subset_of, population=population)
    builder.add(slot, value, f.start, f.end, info, confidence=f.confidence, revision=f.revision)


def _add_times(builder: _Builder, sentences: list[SentenceInfo], main_date: dt.date | None) -> None:
    """Dates and times of day; "occurred" for the main event's date and for dates in sentences
    that report the event. A time of day right after a date joins it ("Friday evening")."""
    for info in sentences:
        dates = list(info.dates)
        used: set[int] = set()
        for i, d in enumerate(dates):
            if i in used or (d.date is None and d.time_of_day is None):
                continue
            start, end, tod = d.start, d.end, d.time_of_day
            if d.date is not None and tod is None and i + 1 < len(dates):
                nxt = dates[i + 1]
                if nxt.date is None and nxt.time_of_day and nxt.start - d.end <= 3:
                    end, tod = nxt.end, nxt.time_of_day
                    used.add(i + 1)
            reports_event = _reports_event(info) or (d.date is not None and d.date == main_date)
            if d.kind == "statement" and d.date != main_date:
                reports_event = False  # "police said Sunday": the day of the report
            role = "occurred" if reports_event and info.scope.scope == "main" else "other"
            builder.add("time", TimeValue(date=d.date, time_of_day=tod, role=role), start, end, info)


def _geo(p) -> dict:
    """Coordinates and codes of a place finding (a venue's are its city's, once reconciled)."""
    if p.venue:
        return {"precision": "venue"}
    return geo_fields(p.geonameid, p.region, p.country)


#: The casualty slots whose figures a recalled event lends an article that states none of its own.
_RECALLED_SLOTS = frozenset({"killed", "injured"})


def _recalled_counts_stand(mentions: list[Mention], sentences: list[SentenceInfo]) -> None:
    """An article that states no casualty figure for an event of its own, only for one it
    recalls by its date (the trial, the inquiry, the curfew after a massacre "on 16 November"),
    is about that event: its killed and injured figures stand as the article's. Never when any
    main-event figure exists (a report of a new shooting that recalls an old one keeps them
    apart), nor for a sentence put aside by a cue ("in separate shootings") or another story's
    headline, nor for a figure worded as a bound or an estimate (a running tally, "more than
    1,000 since 1985")."""
    if any(m.slot in _RECALLED_SLOTS and m.scope == "main" for m in mentions):
        return
    dated = {(s.span.start_char, s.span.end_char) for s in sentences
             if (s.scope.reason or "").startswith(("year", "month", "date"))}
    for m in mentions:
        if m.slot in _RECALLED_SLOTS and m.sentence and (m.sentence.start, m.sentence.end) in dated and (
            m.background_event != "another story's headline" and m.value.qualifier in ("exact", "at_least")
        ):
            m.scope, m.background_event = "main", None
            m.confidence = round(m.confidence * 0.5, 2)


def _add_other_slots(builder: _Builder, sentences: list[SentenceInfo], text: str) -> None:
    """Event type, places, actors and responsibility."""
    sents = [s.span for s in sentences]
    ents = [s.ents for s in sentences]
    labels: dict[str, list[tuple[int, int, SentenceInfo]]] = {}
    for info in sentences:
        for label, start, end in info.event_types:
            if info.scope.scope == "main":
                labels.setdefault(label, []).append((start, end, info))
    # An article that names no event type for its own event but one for an event it recalls (a
    # trial, a curfew after a killing) is about that event: its types stand, with less confidence.
    recalled = not labels
    for info in sentences if recalled else ():
        for label, start, end in info.event_types:
            labels.setdefault(label, []).append((start, end, info))
    for label, spots in labels.items():
        start, end, info = spots[0]
        confidence = min(1.0, 0.4 + 0.15 * len(spots)) * (0.5 if recalled else 1.0)
        m = builder.add("event_type", LabelValue(label=label), start, end, info, confidence=round(confidence, 2))
        if recalled and m.background_event != "another story's headline":
            m.scope, m.background_event = "main", None
    states = states_named(text, ents)
    context = article_context(text, ents, states, builder.article.url)
    main = main_country(context)
    with reading(context):
        for p in find_places(sents, text, ents):
            info = sentences[p.sentence]
            value = PlaceValue(venue=p.venue, city=p.city, region=p.region, country=p.country,
                               relation=p.relation, geonameid=p.geonameid, **_geo(p))
            confidence = p.confidence
            if main and not (p.venue or p.city or p.region) and value.country_code == main:
                confidence = ANCHORED  # the country the report is about, though it names others
            builder.add("place", value, p.start, p.end, info, confidence=confidence)
        title = builder.article.title
        for p in title_places(title, states):
            value = PlaceValue(city=p.city, region=p.region, country=p.country, relation=p.relation,
                               geonameid=p.geonameid, **_geo(p))
            m = builder.add("place", value, 0, 0, None, confidence=p.confidence)
            m.evidence = Span(start=p.start, end=p.end, text=title[p.start:p.end], field="title")
    for a in find_actors(sents, ents):
        value = ActorValue(name=a.name, canonical=a.canonical, type=a.type, role=a.role, title=a.title)
        builder.add("actor", value, a.start, a.end, sentences[a.sentence])
    for i, r in find_responsibility(sents, last_groups_by_sentence(sents, ents), ents):
        info = sentences[i]
        attribution = None
        if r.stance != "attributed":
            attribution = Attribution(source=r.claimant, kind="armed_group")
        value = ResponsibilityValue(claimant=r.claimant, canonical=r.canonical, parent=r.parent, stance=r.stance,
                                    channel=r.channel, by=None)
        mention = builder.add("responsibility", value, r.start, r.end, info, attribution=attribution)
        if r.stance == "attributed":
            value.by = mention.attribution.source
