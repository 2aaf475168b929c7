"""Language detection (ingest/language.py) on short texts written for the tests."""

from __future__ import annotations

import pytest

from newsfuse.ingest import read_sources
from newsfuse.ingest.language import detect_language, is_supported, normalise_language

TEXTS = {
    "de": "Bei einem Busunglück in den Alpen sind am Montag mindestens zwölf Menschen ums Leben "
          "gekommen, teilte die Polizei mit. Der Bus war von der Straße abgekommen.",
    "es": "Al menos doce personas murieron el lunes cuando un autobús se salió de la carretera "
          "en los Alpes, informó la policía. Otras veinte resultaron heridas.",
    "fr": "Au moins douze personnes sont mortes lundi lorsqu'un car a quitté la route dans les "
          "Alpes, a indiqué la police. Vingt autres ont été blessées.",
    "en": "At least twelve people were killed on Monday when a bus left the road in the Alps "
          "and plunged into a ravine, police said. Another twenty were injured.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_detects_the_language(language):
    code, confidence = detect_language(None, TEXTS[language])
    assert code == language and confidence >= 0.9


def test_upper_case_wire_text_is_english():
    wire = ("LIMA, 9 JAN 90 (EFE) -- [TEXT] TWO POLICEMEN WERE KILLED AND THREE WERE WOUNDED "
            "TODAY WHEN A CAR BOMB EXPLODED NEAR A POLICE STATION IN SAN ISIDRO, POLICE SAID.")
    assert detect_language(None, wire)[0] == "en"


def test_too_short_to_tell_is_none_and_read_as_english():
    assert detect_language("Schüsse", "Zwei Tote.") == (None, 0.0)
    assert is_supported(None) and is_supported("en") and not is_supported("de")


@pytest.mark.parametrize("given, code", [
    ("en-US", "en"), ("EN", "en"), ("English", "en"), ("de_DE", "de"), ("", None), ("??", None),
])
def test_a_given_language_is_normalised(given, code):
    assert normalise_language(given) == code


def test_ingest_records_the_language_and_a_given_one_wins():
    result = read_sources([{"text": TEXTS["de"]}, {"text": TEXTS["en"]},
                           {"text": TEXTS["es"], "language": "en-GB"}], max_bytes=1_000_000)
    assert [a.language for a in result.articles] == ["de", "en", "en"]
