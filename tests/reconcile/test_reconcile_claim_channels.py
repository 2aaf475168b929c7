"""Claims of responsibility: one claimant with its branch, canonical channels."""

from newsfuse.model import Article, Event, Mention, ResponsibilityValue, Span
from newsfuse.reconcile import reconcile_event
from newsfuse.reconcile.actors import claim_channels


def _claim(article, claimant, channel=None, stance="claimed", parent=None):
    return Mention(id=f"{article}:1", article_id=article, slot="responsibility",
                   value=ResponsibilityValue(claimant=claimant, channel=channel, stance=stance, parent=parent),
                   evidence=Span(start=0, end=3, text="abc"))


def test_channels_are_canonical_and_forms_apart():
    channels, forms = claim_channels([
        _claim("a", "ISIS", "statement, Aamaq, news agency"),
        _claim("b", "Islamic State", "Amaq, Telegram"),
        _claim("c", "Islamic State", "message, telegram channel"),
    ])
    assert channels == ["Amaq News Agency", "Telegram"]
    assert set(forms) == {"statement", "message"}


def test_branch_is_finer_and_attribution_is_not_a_claim():
    ms = [_claim("a", "ISIS", "Telegram"), _claim("b", "ISIS-K", "statement", parent="Islamic State"),
          _claim("c", "al-Qaeda", stance="attributed")]
    arts = [Article(id=i, text="abc", source=f"{i}.example") for i in "abc"]
    fact = reconcile_event(Event(id="e", article_ids=list("abc")), arts, ms)["responsibility"]
    assert fact.best == "Islamic State" and fact.value["branch"] == "Islamic State Khorasan Province"
    assert fact.value["rivals"] == [] and fact.status != "disputed"
    assert fact.value["attributed"][0]["to"] == "al-Qaeda"
