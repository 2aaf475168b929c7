"""Which language an article is written in, so that only English is read as English.

The detector is py3langid (langid.py's byte n-gram model, 97 languages, offline). Two things
of news text mislead it, and both are handled here rather than by rules per language:

- upper-case wire copy (MUC-4: "TWO PEOPLE WERE KILLED IN LIMA") is far from the mixed-case
  text the model was trained on: the text is lower-cased first;
- a short text has few n-grams: an article shorter than ``MIN_CHARS`` gets no language (None,
  read as English, as before), and a detection below ``MIN_CONFIDENCE`` (the model's
  normalised probability) is not trusted either.

A language given by the input (a JSON ``language`` field) wins over detection.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Readable language; every other detected code is listed as not supported yet.
SUPPORTED = ("en",)
#: Fewer letters than this: too little to tell (a headline and one line).
MIN_CHARS = 60
#: The model's normalised probability below which a detection is not trusted.
MIN_CONFIDENCE = 0.9
#: The detector reads the start of the text: enough n-grams, bounded cost on long pages.
READ_CHARS = 300

_CODE = re.compile(r"\A([a-z]{2,3})(?:[-_][a-z0-9]+)*\Z")
_NAMES = {"english": "en", "german": "de", "deutsch": "de", "spanish": "es", "español": "es",
          "french": "fr", "français": "fr", "italian": "it", "portuguese": "pt", "russian": "ru",
          "dutch": "nl", "arabic": "ar", "chinese": "zh"}


def detect_language(title: str | None, text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of the article's language and the detector's confidence.

    Returns:
        ``(code, confidence)``; ``(None, confidence)`` when the text is too short or the
        detector unsure.
    """
    sample = " ".join(part for part in (title, text[:READ_CHARS]) if part).lower()
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return None, 0.0
    code, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    return (code if confidence >= MIN_CONFIDENCE else None), confidence


def normalise_language(given: str | None) -> str | None:
    """A language field as given ('en-US', 'English', 'de') to its two-letter code, or None."""
    if not given or not isinstance(given, str):
        return None
    low = given.strip().lower()
    if low in _NAMES:
        return _NAMES[low]
    match = _CODE.match(low)
    return match.group(1) if match else None


def is_supported(language: str | None) -> bool:
    """Whether newsfuse reads this language (unknown is read as English)."""
    return language is None or language in SUPPORTED


def unsupported_note(language: str) -> str:
    return f"language {language}: not supported yet"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
