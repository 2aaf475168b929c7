"""Citations that hold: a line cites another article only when it states the same figures and
has a sentence the line copies or paraphrases (newsfuse.report.support)."""

from newsfuse.model import Article, CountValue, Mention, Span
from newsfuse.report.summary import citing, event_claims
from newsfuse.report.support import content_words, sentence_claim

TEXTS = {
    "a": "The ferry capsized off Tarn Point in high winds, killing 12 of the 80 people aboard.",
    "b": "The ferry capsized off Tarn Point in high winds, killing 19 of the 80 people aboard.",
    "c": "Rescuers said the ferry capsized off Tarn Point in high winds, killing 19 of the 80 people aboard.",
    "d": "The harbour master said 19 people died and blamed the weather for the disaster.",
}


def _killed(article_id: str, phrase: str, n: int) -> Mention:
    start = TEXTS[article_id].index(phrase)
    return Mention(id=f"{article_id}:1", article_id=article_id, slot="killed",
                   value=CountValue(low=n, high=n, point=n),
                   evidence=Span(start=start, end=start + len(phrase), text=phrase))


def _case():
    articles = [Article(id=i, text=t) for i, t in TEXTS.items()]
    mentions = [_killed("a", "killing 12", 12), _killed("b", "killing 19", 19),
                _killed("c", "killing 19", 19), _killed("d", "19 people died", 19)]
    return articles, mentions


def test_a_sentence_cites_only_the_articles_that_state_it():
    articles, mentions = _case()
    cite = {"a": 1, "b": 2, "c": 3, "d": 4}
    claims = event_claims(articles, mentions)
    text = TEXTS["b"]
    claim = sentence_claim(text, 0, mentions, "b")
    # c copies it with the same figures; a has the same words but 12 dead; d has 19 dead but
    # another sentence.
    assert citing(claim, "b", claims, cite) == [2, 3]
    # own article first, even when its number is higher
    assert citing(sentence_claim(TEXTS["c"], 0, mentions, "c"), "c", claims, cite) == [3, 2]
    assert citing(sentence_claim(TEXTS["a"], 0, mentions, "a"), "a", claims, cite) == [1]


def test_numbers_no_mention_reads_must_be_written_in_the_cited_article():
    articles, mentions = _case()
    claim = sentence_claim(TEXTS["b"], 0, [], "b")  # no mentions: the bare numbers count
    assert claim.numbers == {19, 80}
    claims = event_claims(articles, [])
    assert citing(claim, "b", claims, {"a": 1, "b": 2, "c": 3, "d": 4}) == [2, 3]


def test_content_words_fold_plurals_and_drop_stop_words():
    assert content_words("The attackers were seen") == content_words("an attacker seen")
