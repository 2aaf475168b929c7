"""Casing restoration: capitals-only text is restored letter for letter; normal text untouched."""

from newsfuse.analyse.truecase import degraded_casing, restore_case

WIRE = ("SAN SALVADOR, 3 MAR 90 (RADIO) -- [TEXT] GUERRILLAS OF THE FMLN ATTACKED A MILITARY "
        "POST NEAR THE CITY LAST NIGHT. TWO SOLDIERS WERE KILLED AND FIVE CIVILIANS WERE WOUNDED.")


def test_capitals_only_text_is_detected_and_normal_text_is_not():
    assert degraded_casing(WIRE) == "upper"
    assert degraded_casing("Two soldiers were killed near the city on Tuesday, the army said.") is None
    assert degraded_casing(WIRE.lower() * 3) == "lower"
    assert degraded_casing("FMLN") is None  # too short to say


def test_restoration_keeps_every_offset_and_letter():
    restored = restore_case(WIRE)
    assert len(restored) == len(WIRE)
    assert restored.lower() == WIRE.lower()
    assert restored != WIRE
    start = WIRE.index("TWO SOLDIERS")
    assert restored[start:start + 12].lower() == "two soldiers"


def test_restoration_reads_like_ordinary_casing():
    restored = restore_case(WIRE)
    assert restored.startswith("San Salvador")
    assert "the FMLN attacked a military post" in restored
    assert ". Two soldiers were killed" in restored


def test_normal_text_is_returned_unchanged():
    text = "Police said the gunman, 24, was arrested in Dallas. NASA was not involved."
    assert restore_case(text) is text


def test_mentions_of_capitals_only_text_quote_the_original_text():
    from newsfuse.analyse import analyse
    from newsfuse.extract import extract_mentions
    from newsfuse.model import Article

    article = Article(id="wire", text=WIRE)
    (analysed,) = analyse([article], embeddings=False)
    mentions = extract_mentions(article, analysed)
    killed = [m for m in mentions if m.slot == "killed"]
    assert [m.value.point for m in killed] == [2]
    for m in mentions:
        if m.evidence.field == "text" and m.evidence.end:
            assert m.evidence.text == WIRE[m.evidence.start:m.evidence.end]
