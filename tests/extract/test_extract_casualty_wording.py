"""Deaths stated as nouns, named victims, passed away, recalled events (my own sentences)."""

import pytest

from newsfuse.analyse import analyse
from newsfuse.eval.counts import article_counts
from newsfuse.extract import extract_mentions
from newsfuse.model import Article


def killed(text: str) -> int:
    article = Article(id="t", text=text)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return article_counts(extract_mentions(article, analysed))["victims_killed"]


@pytest.mark.parametrize("text, expected", [
    ("The council condemned the murder of six teachers in the northern province.", 6),
    ("The assassination of union leader Tomas Herrera and of lawyer Ana Ruiz was condemned by the party.", 2),
    ("The victim was taken to the military hospital, where he passed away.", 1),
    ("The party mourned the assassination of presidential candidate Rafael Ortiz.", 1),
    ("Students marched after the 16 November killing of three farmers.", 3),
    ("The senator's assassination shocked the country.", 1),
])
def test_deaths_in_every_form(text, expected):
    assert killed(text) == expected


def test_a_tally_is_no_toll_of_a_recalled_event():
    text = ("The party asked for protection. Since it was founded in 1985, more than 1,000 of its "
            "members have been killed throughout the country.")
    assert killed(text) == 0


def test_wire_copy_in_capitals_reads_the_same():
    lower = "Guerrillas killed two soldiers and wounded five civilians near the town on Sunday."
    assert killed(lower.upper()) == killed(lower) == 2
