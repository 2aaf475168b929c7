"""The event typology (my own example sentences): political violence, disasters and accidents
each get a type, placed in a standard scheme; the primary type is the manner when there is one."""

import pytest

from newsfuse.analyse import analyse
from newsfuse.extract import extract_mentions
from newsfuse.extract.event_type import primary_label, standard_type
from newsfuse.extract.lexicon import load
from newsfuse.model import Article


def mentions(text: str):
    article = Article(id="t", text=text)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return extract_mentions(article, analysed)


def primary(text: str) -> str | None:
    labels = {m.value.label for m in mentions(text) if m.slot == "event_type" and m.scope == "main"}
    return primary_label(dict.fromkeys(labels, 1))[0]


@pytest.mark.parametrize("text, label", [
    ("Gunmen assassinated the provincial governor outside his home on Monday.", "assassination"),
    ("Villagers said the militia massacred forty farmers in the valley.", "massacre"),
    ("Rebels kidnapped two engineers working on the pipeline, the company said.", "kidnapping"),
    ("Army troops and rebels clashed for six hours near the border town.", "armed clash"),
    ("An air strike hit a market in the north of the country on Sunday.", "air strike"),
    ("A suicide bomber blew himself up at the checkpoint, killing nine.", "suicide bombing"),
    ("Rebels burned three buses on the highway overnight.", "arson"),
    ("The old bridge collapsed during the evening rush hour, sending cars into the river.", "bridge collapse"),
    ("The bus crashed into a ravine on the mountain road, killing 14 passengers.", "road crash"),
    ("A magnitude 6.1 earthquake struck the coastal province before dawn.", "earthquake"),
    ("A terrorist attack shook the capital when a car bomb exploded outside the ministry.", "bombing"),
])
def test_each_kind_of_event_gets_its_type(text, label):
    assert primary(text) == label


def test_a_bridge_collapse_is_no_industrial_accident():
    labels = {m.value.label for m in mentions("The footbridge collapsed under the crowd.") if m.slot == "event_type"}
    assert "industrial accident" not in labels and "bridge collapse" in labels


def test_a_killing_by_people_is_a_murder_and_one_by_a_crash_is_not():
    assert primary("Guerrillas killed the mayor of the small town on Sunday.") == "murder"
    assert primary("The storm killed three people in the valley.") == "storm"


def test_a_characterisation_stands_over_several_manners():
    support = {"terrorist attack": 5, "shooting": 5, "arson": 5, "bombing": 5}
    assert primary_label(support)[0] == "terrorist attack"
    assert primary_label({"terrorist attack": 1, "bombing": 1, "explosion": 1})[0] == "bombing"


def test_every_label_has_one_place_in_the_standard_typology():
    data = load("event_types")
    assert set(data["labels"]) == set(data["standard"]) == set(data["primary_order"])
    assert standard_type("air strike")["type"] == "Explosions/Remote violence"
    assert standard_type("kidnapping")["sub_type"] == "Abduction/forced disappearance"
    assert standard_type("bridge collapse")["scheme"] == "EM-DAT"
