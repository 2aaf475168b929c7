"""Claims of responsibility by any group, in any phrasing (my own example sentences)."""

from newsfuse.analyse import analyse
from newsfuse.extract import extract_mentions
from newsfuse.model import Article


def claims(text: str) -> list[tuple[str, str]]:
    article = Article(id="t", text=text)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return [(m.value.canonical or m.value.claimant, m.value.stance)
            for m in extract_mentions(article, analysed) if m.slot == "responsibility"]


def test_a_named_group_claims_responsibility():
    found = claims("A car bomb exploded outside the barracks. The Shining Path claimed responsibility for the attack.")
    assert ("Shining Path", "claimed") in found


def test_an_acronym_in_capitals_claims():
    text = "A BOMB EXPLODED AT THE POWER STATION LAST NIGHT. THE FMLN CLAIMED RESPONSIBILITY FOR THE BOMBING."
    assert ("Farabundo Marti National Liberation Front", "claimed") in claims(text)


def test_a_group_s_own_bulletin_claims_its_deeds():
    text = ("The Tupac Amaru Revolutionary Movement broadcast a bulletin on Friday. "
            "Our units attacked the police post and we killed two guards, it said.")
    assert ("Tupac Amaru Revolutionary Movement", "claimed") in claims(text)


def test_a_passive_claim_of_the_killing():
    text = "The killing of the two engineers was claimed by the National Liberation Army."
    assert ("National Liberation Army (Colombia)", "claimed") in claims(text)


def test_a_denial_is_not_a_claim():
    text = "A bomb destroyed the bridge. The ELN denied responsibility for the bombing."
    assert ("National Liberation Army (Colombia)", "denied") in claims(text)
