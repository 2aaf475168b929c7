import numpy as np

from newsfuse.analyse import analyse, analyse_each, embed, lead_text
from newsfuse.analyse.embeddings import _batches
from newsfuse.model import Article

# Our own short texts; enough of them that both processes get work.
TEXTS = [
    "Two men were shot outside a bar on Main Street late on Friday, police said. "
    "One of them died at the scene. The other was taken to a hospital in stable condition.",
    "A fire at a warehouse in the east of the city injured four workers on Monday. "
    "Firefighters said the blaze started in a storage room.",
    "Police arrested three people after a stabbing at a bus station. No one was killed.",
]
ARTICLES = [Article(id=f"w{i}", title=f"Report {i}", text=TEXTS[i % 3]) for i in range(7)]


def _count_mentions(article, analysed):
    assert analysed.doc is not None and analysed.doc.text == article.text
    return (article.id, len(analysed.entities))


def test_workers_give_what_one_process_gives():
    one = analyse_each(ARTICLES, _count_mentions, n_process=1, embeddings=False)
    two = analyse_each(ARTICLES, _count_mentions, n_process=2, embeddings=False)
    assert [r for _, r in one] == [r for _, r in two] == [(a.id, len(x.entities)) for a, (x, _) in
                                                          zip(ARTICLES, one, strict=True)]
    assert [x.model_dump() for x, _ in one] == [x.model_dump() for x, _ in two]
    assert all(x.doc is None for x, _ in one + two)  # Docs stay where they were made


def test_analyse_keeps_docs_across_processes():
    results = analyse(ARTICLES, n_process=2, embeddings=False)
    assert [r.doc.text for r in results] == [a.text for a in ARTICLES]
    assert [[t.dep_ for t in r.doc] for r in results] == [
        [t.dep_ for t in r.doc] for r in analyse(ARTICLES, n_process=1, embeddings=False)
    ]


def test_leads_are_embedded_in_the_workers():
    one = analyse(ARTICLES[:4], n_process=1)
    two = analyse(ARTICLES[:4], n_process=2)
    expected = embed([lead_text(a) for a in ARTICLES[:4]])
    for a, b, vector in zip(one, two, expected, strict=True):
        assert np.allclose(a.embedding, vector, atol=1e-5)
        assert np.allclose(b.embedding, vector, atol=1e-5)


def test_batches_hold_texts_of_similar_length():
    texts = ["short sentence here."] * 3 + ["a much longer text " * 30] * 2 + ["x" * 5000]
    batches = _batches(texts, 64)
    assert sorted(i for b in batches for i in b) == list(range(len(texts)))
    assert [sorted(b) for b in batches] == [[0, 1, 2], [3, 4], [5]]
    assert max(len(b) for b in _batches(["same"] * 10, 4)) == 4


def test_an_article_over_spacys_limit_is_analysed_from_its_start(monkeypatch):
    from newsfuse.analyse import analyse, workers
    from newsfuse.model import Article

    monkeypatch.setattr(workers, "MAX_TEXT_CHARS", 3_300)  # the real 100,000 parses for seconds
    text = "The bridge was closed on Monday. " * 40_000  # 1,320,000 characters: spaCy's E088
    (analysed,) = analyse([Article(id="long", text=text)], n_process=1, embeddings=False)
    assert analysed.sentences and analysed.sentences[-1].end <= 3_300
