from newsfuse.analyse import embed
from newsfuse.report import build_brief


def test_headline_names_place_and_tolls(seed_report):
    brief = seed_report.events[0]
    assert "Crocus City Hall" in brief.headline and "at least 143 killed" in brief.headline


def test_summary_sentences_are_cited_article_text(seed_report):
    brief = seed_report.events[0]
    texts = {a.id: a.text for a in seed_report.articles}
    cite = {s.article_id: s.index for s in brief.sources}
    assert 3 <= len(brief.summary) <= 6
    assert len({s.text for s in brief.summary}) == len(brief.summary)
    for s in brief.summary:
        assert texts[s.article_id][s.start : s.end] == s.text
        assert cite[s.article_id] in s.citations


def test_citations_hold_and_the_own_article_comes_first(seed_report):
    from newsfuse.eval.citations import evaluate

    brief = seed_report.events[0]
    cite = {s.article_id: s.index for s in brief.sources}
    for s in brief.summary:
        assert s.citations[0] == cite[s.article_id]
        assert sorted(s.citations[1:]) == s.citations[1:] and cite[s.article_id] not in s.citations[1:]
    scores = evaluate(seed_report)
    assert scores["numbers"].share == 1.0 and scores["content"].share == 1.0
    assert scores["quotes"].share == 1.0


def test_sections(seed_report):
    brief = seed_report.events[0]
    assert brief.disputes == []
    assert {m.quote for m in brief.single_source} >= {"detained 11 people"}
    assert [e.what for e in brief.revisions][-1].startswith("killed: at least 143")
    assert brief.timeline[0].what.startswith("Shooting at Crocus City Hall")
    assert [s.index for s in brief.sources] == [1, 2, 3, 4, 5]
    assert brief.independent_sources == 5


def test_real_embeddings_pick_a_non_redundant_summary(seed):
    event, articles, mentions, facts = seed
    brief = build_brief(event, facts, articles, mentions, [], embed=embed)
    assert 3 <= len(brief.summary) <= 6
    texts = [s.text for s in brief.summary]
    vectors = embed(texts)
    sims = vectors @ vectors.T
    assert max(sims[i, j] for i in range(len(texts)) for j in range(len(texts)) if i != j) < 0.95


def test_summary_reuses_the_analysis_vectors(seed):
    from newsfuse.model import Analysed

    event, articles, mentions, facts = seed
    vectors = {}
    analysed = []
    for a in articles:
        (result,) = [Analysed(article_id=a.id)]
        from newsfuse.report.summary import split_sentences

        result.sentences = split_sentences(a.text)
        result.sentence_embeddings = embed([s.text for s in result.sentences[:3]]).tolist()
        vectors[a.id] = result.sentence_embeddings
        analysed.append(result)

    def no_model(texts):
        raise AssertionError(f"the model was called for {texts}")

    brief = build_brief(event, facts, articles, mentions, analysed, embed=no_model)
    assert 3 <= len(brief.summary) <= 6
    texts = {a.id: a.text for a in articles}
    assert all(texts[s.article_id][s.start : s.end] == s.text for s in brief.summary)
