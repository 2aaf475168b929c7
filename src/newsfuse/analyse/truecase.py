"""Casing restored for text written in capitals only (wire copy) or in lower case only.

spaCy's small English model reads casing: on "GUERRILLAS KILLED TWO SOLDIERS" it finds no
sentence, entity or verb worth having. :func:`restore_case` rewrites such a text in ordinary
casing before the parse, letter for letter (the length never changes, so every character
offset into the restored text is an offset into the original: evidence quotes are cut from the
original text with them). Words already in mixed case (the cased lines of a page whose
transcript is in capitals) stay as written. Normal text is never touched: :func:`degraded_casing` says whether a
text needs it (the share of its letters in upper case).

The model (``data/casing.json``, built by ``scripts/build_casing_model.py`` from the cased
development articles, the entity patterns and the gazetteer) holds each word's usual form where
:func:`default_form` would get it wrong: ``fbi`` → ``FBI``, ``the`` (lower), ``peru`` → ``Peru``.
A word the model does not know takes :func:`default_form`: in a capitals-only text an unknown
word is most often a name (Title case), a short one without vowels an acronym (kept), one with a
common English ending a word (lower case). The first word of each sentence or line is capitalised.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "data" / "casing.json"
#: Above this share of upper-case letters a text is capitals only (headlines in Title Case run
#: 20-30%, ordinary prose 2-5%).
UPPER_SHARE = 0.6
#: Below this share (and with enough letters) a text is lower case only.
LOWER_SHARE = 0.005
MIN_LETTERS = 40
WORD = re.compile(r"[A-Za-z]+")
#: Endings of English words, not names: an unknown "PERPETRATED" is "perpetrated".
_WORD_ENDINGS = re.compile(
    r"(?:ed|ing|ly|ness|ment|ments|tion|tions|sion|sions|ities|ity|ous|ive|ives|ism|isms|ist|ists|"
    r"ers|ship|able|ible|ful|less|ward|wards|ance|ence|ies)$")
#: Endings of nationality and place adjectives: an unknown "SALVADORAN" is "Salvadoran".
_NAME_ENDINGS = re.compile(r"(?:an|ans|ian|ians|ese|ish|ean|eans)$")
#: Month names and their abbreviations: a name beside a number is the month ("26 MAY 89"), not "may".
_MONTHS = frozenset("january february march april may june july august september october november "
                    "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NUMBER_NEAR = re.compile(r"\d")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"]?\s+|\n\s*|\[\w+\]\s+|--\s+)$")


@lru_cache(maxsize=1)
def _model() -> tuple[frozenset[str], dict[str, str]]:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return frozenset(data["lower"]), data["forms"]


def degraded_casing(text: str) -> str | None:
    """"upper" when the text is in capitals only, "lower" when in lower case only, else None."""
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS:
        return None
    upper = sum(c.isupper() for c in text) / letters
    if upper >= UPPER_SHARE:
        return "upper"
    if upper <= LOWER_SHARE and letters >= 5 * MIN_LETTERS:
        return "lower"
    return None


def default_form(word: str, condition: str) -> str:
    """The form of a word the model does not know (``word`` lower-cased)."""
    if condition == "lower":
        return word
    if _WORD_ENDINGS.search(word) and len(word) > 5 and not _NAME_ENDINGS.search(word):
        return word
    if len(word) <= 4 and not re.search(r"[aeiouy]", word) or len(word) <= 3:
        return word.upper()  # FMLN, MNR, UCA: an acronym
    return word.title()


def word_form(word: str, condition: str) -> str:
    """The usual written form of ``word`` (any casing) in a text of this ``condition``."""
    low = word.lower()
    lower, forms = _model()
    if low in forms:
        return forms[low]
    if low in lower:
        return low
    return default_form(low, condition)


def restore_case(text: str, condition: str | None = None) -> str:
    """``text`` in ordinary casing when it is capitals only or lower case only, else unchanged.

    Same length as ``text`` and the same letters (only their case differs).
    """
    condition = condition or degraded_casing(text)
    if condition is None:
        return text
    out = []
    last = 0
    for m in WORD.finditer(text):
        out.append(text[last:m.start()])
        word = m.group(0)
        if not (word.isupper() if condition == "upper" else word.islower()):
            out.append(word)  # already cased: a heading or quote in a mixed page stays as written
            last = m.end()
            continue
        form = word_form(word, condition)
        before = text[max(0, m.start() - 12):m.start()]
        if form.lower() in _MONTHS and (_NUMBER_NEAR.search(text[max(0, m.start() - 3):m.start()])
                                        or _NUMBER_NEAR.search(text[m.end():m.end() + 3])):
            form = form.title()
        if len(word) == 1 and "." in (text[m.end():m.end() + 1], text[m.start() - 1:m.start()]) and (
            re.match(r"\.[A-Za-z]\b", text[m.end():m.end() + 2]) or re.search(r"\b[A-Za-z]\.$", text[max(0, m.start() - 2):m.start()])
        ):
            form = word.upper()  # the letters of "U.S.", "U.N."
        if m.start() and text[m.start() - 1] in "'’" and m.start() > 1 and text[m.start() - 2].isalpha():
            form = word.lower()  # the "s" of "CRISTIANI'S", the "t" of "DON'T"
        elif _SENTENCE_START.search(before) or m.start() == 0:
            form = form[:1].upper() + form[1:]
        out.append(form if len(form) == len(word) and form.lower() == word.lower() else word)
        last = m.end()
    out.append(text[last:])
    restored = "".join(out)
    assert len(restored) == len(text)  # offsets carry over: a broken invariant must not pass
    return restored
