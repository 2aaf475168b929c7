"""Event types (my own example sentences): "fire" as a verb is gunfire or a dismissal, and as a
noun it is often gunfire or a fire service; neither is a blaze."""

import pytest

from newsfuse.analyse import analyse
from newsfuse.extract import extract_mentions
from newsfuse.model import Article


def event_types(text: str) -> set[str]:
    article = Article(id="t", text=text)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return {m.value.label for m in extract_mentions(article, analysed) if m.slot == "event_type"}


@pytest.mark.parametrize("text", [
    "The team fired its head coach on Saturday after a poor start to the season.",
    "The gun fired once while the two boys were handling it in the kitchen.",
    "Police said more than twenty shots were fired outside the community center.",
    "The owner fired a shot at the intruder, who ran from the property.",
    # gunfire, or a service named for fires
    "Deputies exchanged fire with the suspect before he surrendered.",
    "The officer's partner returned fire and wounded the man as he fled.",
    "The shop came under fire from a passing car late on Friday.",
    "A man was wounded on Elm Street, according to police and fire officials.",
    "The fire department said the boy was taken to a hospital with a gunshot wound.",
])
def test_gunfire_and_fire_services_are_no_fire(text):
    assert "fire" not in event_types(text)


@pytest.mark.parametrize("text, shooting", [
    ("Police said more than twenty shots were fired outside the community center.", True),
    ("The gun fired once while the two boys were handling it in the kitchen.", True),
    ("A man fired at officers from a second-floor window.", True),
    ("The team fired its head coach on Saturday after a poor start to the season.", False),
    ("Militants fired rockets at the town overnight, the army said.", False),
])
def test_fired_guns_are_a_shooting(text, shooting):
    assert ("shooting" in event_types(text)) is shooting


@pytest.mark.parametrize("text", [
    "A fire destroyed the old dairy warehouse early on Tuesday, officials said.",
    "Crews fought the blaze at the supermarket for six hours.",
    "The barn caught fire shortly after midnight and burned to the ground.",
])
def test_a_fire_or_a_blaze_is_a_fire(text):
    assert "fire" in event_types(text)
