"""Online clustering: look-alike events split by city and week, copies, batch equals stream."""

from __future__ import annotations

import random


from newsfuse.cluster import OnlineClusterer, cluster_articles, publication_order


def _partition(events):
    return sorted(sorted(e.article_ids) for e in events)


def test_same_event_joins_and_lookalikes_split(stream, analysed_stream, gold_of):
    events, _ = cluster_articles(stream, analysed_stream, {})
    got = _partition(events)
    want = sorted(
        sorted(a.id for a in stream if gold_of(a.id) == g) for g in {gold_of(a.id) for a in stream}
    )
    assert got == want


def test_near_copy_is_a_duplicate_and_not_an_independent_source(stream, analysed_stream):
    events, duplicates = cluster_articles(stream, analysed_stream, {})
    assert [(d.article_id, d.duplicate_of, d.kind) for d in duplicates] == [
        ("spring-copy", "spring-1", "near")
    ]
    assert duplicates[0].similarity > 0.8
    spring = next(e for e in events if "spring-1" in e.article_ids)
    assert spring.duplicates == {"spring-1": ["spring-copy"]}
    assert spring.id == "ev-spring-1"
    groups = {frozenset(g) for g in spring.source_groups}
    # The copy shares its original's group; the two springfieldnews.com reports share one too.
    assert frozenset({"spring-1", "spring-copy"}) in groups
    assert frozenset({"spring-2", "spring-3"}) in groups
    assert spring.independent_sources == 2


def test_batch_equals_stream_in_publication_order(stream, analysed_stream):
    shuffled = list(range(len(stream)))
    random.Random(7).shuffle(shuffled)
    batch_events, batch_dups = cluster_articles(
        [stream[i] for i in shuffled], [analysed_stream[i] for i in shuffled], {}
    )
    clusterer = OnlineClusterer()
    for i in publication_order(stream):
        clusterer.add(stream[i], analysed_stream[i], [])
    assert [e.model_dump() for e in clusterer.events()] == [e.model_dump() for e in batch_events]
    assert clusterer.duplicates == batch_dups


def test_text_only_clustering_works_without_analyse(stream):
    events, duplicates = cluster_articles(stream, [], {})
    assert sum(len(e.article_ids) for e in events) == len(stream)
    assert duplicates[0].duplicate_of == "spring-1"


def test_roundup_does_not_glue_events(stream, analysed_stream, gold_of):
    from datetime import datetime

    from newsfuse.model import Article

    roundup = Article(
        id="roundup-1",
        title="Weekend violence: shootings at two bowling alleys",
        text=(
            "Two shootings at bowling alleys marked a violent week. In Springfield, two men were "
            "wounded outside Lucky Lanes on Maple Avenue and Dorian Keller, 19, was arrested. In "
            "Fresno, two men were wounded outside the Sunset Bowl on Cedar Street; Sergeant Omar "
            "Haddad said no arrest has been made."
        ),
        published=datetime(2024, 5, 11),
        source="statewire.com",
    )
    from newsfuse.analyse import analyse

    articles = [*stream, roundup]
    analysed = [*analysed_stream, *analyse([roundup], n_process=1)]
    events, _ = cluster_articles(articles, analysed, {})
    for event in events:
        cities = {gold_of(a) for a in event.article_ids} - {"roundup"}
        assert len(cities) == 1, event.article_ids


def test_group_by_field_keeps_input_grouping(stream):
    from newsfuse.cluster import group_by_field

    tagged = [a.model_copy(update={"extra": {"story": a.id.split("-")[0]}}) for a in stream]
    events, duplicates = group_by_field(tagged, [], "story")
    assert duplicates == []
    assert sorted(e.id for e in events) == ["fresno", "june", "spring"]
    # Independent sources by the one rule the brief uses too (copies, one outlet, one wire).
    from newsfuse.reconcile import source_groups

    for event in events:
        members = [a for a in tagged if a.id in event.article_ids]
        assert event.independent_sources == source_groups(event, members).count
    spring = next(e for e in events if e.id == "spring")
    assert len(spring.article_ids) == 4 and spring.independent_sources < 4


TRIAL = (
    "Dorian Keller, 19, pleaded not guilty on Tuesday to two counts of aggravated assault in a "
    "Springfield courtroom. Prosecutors say Keller fired at two men in a parking lot last spring. "
    "The judge set the trial for the autumn and kept his bail unchanged."
)
LOOKALIKE = (
    "A 20-year-old man pleaded not guilty on Monday to charges of aggravated assault after a "
    "shooting that wounded two men outside a bar in Springfield in February, court records show. "
    "His lawyer asked for a lower bail, which the court refused."
)


def _later(article_id, text, title, days):
    from datetime import datetime, timedelta

    from newsfuse.model import Article

    return Article(id=article_id, title=title, text=text, source="courtnews.com",
                   published=datetime(2024, 5, 4) + timedelta(days=days))


def _run(articles, analysed, forget):
    clusterer = OnlineClusterer(forget_closed=forget)
    by_id = {a.article_id: a for a in analysed}
    for i in publication_order(articles):
        clusterer.add(articles[i], by_id[articles[i].id])
    return clusterer


def test_follow_up_months_later_joins_when_it_names_the_same_person(stream, analysed_stream):
    from newsfuse.analyse import analyse

    trial = _later("spring-trial", TRIAL, "Springfield man pleads not guilty in bowling alley shooting", 80)
    plea = _later("other-plea", LOOKALIKE, "Springfield man pleads not guilty in bar shooting", 80)
    extra = analyse([trial, plea], n_process=1, embeddings=True)
    for forget in (False, True):  # the store's clusterer forgets closed events, not dormant ones
        # 80 days on, the event closed long ago (45-day window), but the trial names its suspect.
        clusterer = _run([*stream, trial], [*analysed_stream, extra[0]], forget)
        assert clusterer.placed("spring-trial") == clusterer.placed("spring-1") == "ev-spring-1"
        # A look-alike plea in the same city that names nobody from it starts its own event.
        clusterer = _run([*stream, plea], [*analysed_stream, extra[1]], forget)
        assert clusterer.placed("other-plea") == "ev-other-plea"
