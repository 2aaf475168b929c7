from newsfuse.analyse import analyse
from newsfuse.analyse.nlp import load_patterns
from newsfuse.model import Article


def test_every_pattern_file_is_loaded():
    labels = {p["label"] for p in load_patterns()}
    ids = {p.get("id") for p in load_patterns()}
    assert {"ORG", "FAC"} <= labels
    assert {"Islamic State", "Islamic State Khorasan", "Amaq"} <= ids


def test_armed_groups_agencies_and_venues_are_tagged():
    text = ("The Islamic State said ISIS-K fighters attacked Crocus City Hall; Daesh posted it via Amaq, "
            "the Investigative Committee said.")
    (result,) = analyse([Article(id="p", text=text)], n_process=1, embeddings=False)
    ents = {e.text: (e.label, e.canonical) for e in result.entities}
    assert ents["Islamic State"] == ("ORG", "Islamic State")
    assert ents["ISIS-K"] == ("ORG", "Islamic State Khorasan")
    assert ents["Daesh"] == ("ORG", "Islamic State")
    assert ents["Amaq"][1] == "Amaq"
    assert ents["Crocus City Hall"][0] == "FAC"
    assert all(text[e.start : e.end] == e.text for e in result.entities)
    assert [text[s.start : s.end] for s in result.sentences] == [s.text for s in result.sentences]
