"""Cleaning: boilerplate around the body, mojibake, whitespace; real paragraphs stay."""

from __future__ import annotations

from newsfuse.ingest.clean import clean_text, normalise

BODY = "\n\n".join(
    [
        "Firefighters battled a blaze at a warehouse in Brevanne for six hours on Sunday, the fire service said.",
        "Three workers were taken to hospital with smoke inhalation. About 50 residents were evacuated.",
        "The cause of the fire is not yet known. Read more about the investigation in Monday's edition, the editor said.",
        "Police said no arrests had been made.",
    ]
)


def test_bio_related_list_comment_prompt_and_cut_off_fragment():
    tail = (
        "\n\nAnn Li\n\nAnn Li is an award-winning correspondent at the Example Post who covers the "
        "region. She can be reached at the newsroom.\n\nRelated Articles\n\nWarehouse owner "
        "fined in 2019\nCouncil debates fire rules\n\nLeave a Reply\n\nYour email address will not "
        "be published. Required fields are marked *\n\nLeav"
    )
    assert clean_text(BODY + tail) == BODY


def test_share_copyright_and_subscription_lines():
    tail = "\n\nShare this:\nFacebook\nTwitter\n\nCopyright 2016 WXYZ. All rights reserved.\n\nSubscribe to our newsletter"
    assert clean_text(BODY + tail) == BODY


def test_read_more_teaser_lines_anywhere():
    paras = BODY.split("\n\n")
    text = "\n\n".join([paras[0], "READ MORE: Warehouse fire in 2019 killed two", *paras[1:]])
    assert clean_text(text) == BODY


def test_a_read_more_heading_in_the_middle_is_not_a_cut():
    # "Related" heading in the first half followed by prose: nothing is removed.
    text = "Related\n\n" + BODY + "\n\nThe council will meet on Tuesday to discuss the fire and the safety rules for warehouses in the town."
    cleaned = clean_text(text)
    assert BODY in cleaned and cleaned.endswith("warehouses in the town.")


def test_real_short_last_paragraphs_are_kept():
    for ending in ("No arrests have been made.", "The investigation is ongoing.", "Police are still investigating."):
        assert clean_text(BODY + "\n\n" + ending).endswith(ending)


def test_bio_like_sentence_without_bio_cues_is_kept():
    text = BODY + "\n\nSmith is a reporter who was injured while covering the fire."
    assert clean_text(text) == text


def test_mojibake_and_whitespace():
    broken = "The mayorâ€™s office said  â€œeveryone\u00a0is safeâ€\x9d.\r\n\r\n\r\n\tNext   line\u200b. "
    assert normalise(broken) == "The mayor’s office said “everyone is safe”.\n\nNext line."


def test_curly_quotes_are_not_straightened():
    assert normalise("It’s “fine”.") == "It’s “fine”."
