"""A small hand-written stream: look-alike shootings that differ in city and week, plus copies.

Every text here was written for these tests.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from newsfuse.model import Article

S1 = (
    "Two men were wounded in a shooting outside the Lucky Lanes bowling alley in Springfield late "
    "Friday, police said. Officers found the victims, ages 24 and 31, in the parking lot on Maple "
    "Avenue shortly before midnight. Both were taken to Mercy Hospital with injuries that were not "
    "considered life-threatening. Detective Laura Brennan said the gunman fled in a grey pickup "
    "truck and asked witnesses to call the department."
)
S2 = (
    "A gunman opened fire in the parking lot of Lucky Lanes on Maple Avenue in Springfield on Friday "
    "night, wounding two men aged 24 and 31. Detective Laura Brennan told reporters the shooter "
    "drove away in a grey pickup. The men were treated at Mercy Hospital and are expected to "
    "recover, according to the Springfield police department."
)
S3 = (
    "Springfield police on Saturday arrested Dorian Keller, 19, in connection with Friday's shooting "
    "at the Lucky Lanes bowling alley that wounded two men. Detective Laura Brennan said Keller was "
    "found with a grey pickup truck matching witness descriptions. He is held on two counts of "
    "aggravated assault."
)
F1 = (
    "Two men were wounded in a shooting outside the Sunset Bowl bowling alley in Fresno late Friday, "
    "police said. The victims, ages 22 and 40, were found in the parking lot on Cedar Street. Both "
    "were taken to Valley Medical Center. Sergeant Omar Haddad said the gunman fled on foot and "
    "no arrest has been made."
)
F2 = (
    "A shooting in the parking lot of the Sunset Bowl on Cedar Street in Fresno left two men "
    "wounded on Friday night. Sergeant Omar Haddad said the victims, 22 and 40, were treated at "
    "Valley Medical Center. Police are searching for the gunman, who ran from the scene."
)
L1 = (
    "Two men were wounded in a shooting outside a bowling alley in Springfield late Friday, police "
    "said. The victims, ages 35 and 52, were found near the entrance of Starlite Lanes on Oak "
    "Boulevard. Both were taken to Mercy Hospital. Lieutenant Grace Okafor said the shooter fled in "
    "a dark sedan."
)
L2 = (
    "Gunfire outside Starlite Lanes on Oak Boulevard in Springfield wounded two men, 35 and 52, on "
    "Friday night. Lieutenant Grace Okafor said officers are looking for a dark sedan seen leaving "
    "the area. The victims were treated at Mercy Hospital."
)


def _article(article_id, text, day, title, source):
    return Article(
        id=article_id,
        title=title,
        text=text,
        source=source,
        published=datetime(2024, 5, day) if day <= 31 else datetime(2024, 6, day - 31),
    )


@pytest.fixture(scope="session")
def stream() -> list[Article]:
    """Events: 'spring' (3 articles + a wire copy), 'fresno' a week later, 'spring-june' five
    weeks later in the same city as the first."""
    copy = S1 + " The investigation is continuing."
    return [
        _article("spring-1", "SPRINGFIELD (AP) — " + S1, 3, "Two wounded in bowling alley shooting", "apnews.com"),
        _article("spring-2", S2, 3, "Gunman wounds two outside Springfield bowling alley", "springfieldnews.com"),
        _article("spring-copy", "SPRINGFIELD (AP) — " + copy, 4, "Two wounded in bowling alley shooting", "dailyherald.com"),
        _article("spring-3", S3, 4, "Arrest made in Springfield bowling alley shooting", "springfieldnews.com"),
        _article("fresno-1", F1, 10, "Two wounded in bowling alley shooting", "fresnotimes.com"),
        _article("fresno-2", F2, 10, "Two men shot outside Fresno bowling alley", "valleyreport.com"),
        _article("june-1", L1, 38, "Two wounded in bowling alley shooting", "springfieldnews.com"),
        _article("june-2", L2, 38, "Two men shot outside Springfield bowling alley", "citybeat.com"),
    ]


@pytest.fixture(scope="session")
def analysed_stream(stream):
    from newsfuse.analyse import analyse

    return analyse(stream, n_process=1, embeddings=True)


def _gold_of(article_id: str) -> str:
    """The story a test article belongs to: its id up to the first dash."""
    return article_id.split("-")[0]


@pytest.fixture(scope="session")
def gold_of():
    return _gold_of
