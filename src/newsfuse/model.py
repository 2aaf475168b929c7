"""The types passed between stages: the contract of newsfuse.

Every stage reads and writes only these types (see docs/design.md for the data flow)::

    sources ─ingest─▶ Article ─analyse─▶ Analysed ─extract─▶ [Mention]
    Article + Analysed ─cluster─▶ Event
    Event + [Mention] ─reconcile─▶ [Fact]
    Event + [Fact] ─report─▶ Brief            (all of a run: Report)

They are pydantic models, so each one serialises to JSON (``model_dump(mode="json")``) and back
(``Type.model_validate(obj)``), and ``newsfuse schema`` derives the published JSON Schema
(docs/schema/) from them. Offsets are Python string indices (code points) into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


# --- ingest ---------------------------------------------------------------------------------------


class Article(_Model):
    """One news report, cleaned. ``text`` is what every offset points into."""

    id: str = Field(description="Given id, else 'a' + the first 16 hex digits of sha256(text).")
    title: str | None = None
    text: str = Field(description="Cleaned text: boilerplate, metadata lines and mojibake removed.")
    original_text: str | None = Field(
        default=None, description="The text as read, when cleaning changed it."
    )
    source: str | None = Field(default=None, description="Outlet, e.g. 'reuters.com'.")
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = Field(
        default=None,
        description="ISO 639-1 code: as given by the input, else detected by ingest; None when "
        "the text is too short or the detector unsure (read as English).",
    )
    input: str | None = Field(
        default=None, description="Where it was read: path[:line], '-' or '<input #n>' (memory)."
    )
    input_format: str | None = Field(
        default=None, description="text, html, json, jsonl, rss, atom, warc or object (a dict)."
    )
    extra: dict[str, Any] = Field(default_factory=dict, description="Input fields kept as given.")


class RejectionCode(str, Enum):
    BINARY = "binary"
    ENCODING = "encoding"
    EMPTY = "empty"
    MALFORMED = "malformed"
    NO_TEXT = "no_text"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"


class Rejection(_Model):
    """An input (or a part of one, such as a JSON line) that could not become an Article."""

    input: str = Field(description="The path, path:line or '-' for stdin.")
    code: RejectionCode
    reason: str = Field(description="A sentence a user can act on.")


class Unsupported(_Model):
    """An article kept but not read: newsfuse does not read its language yet.

    It is in ``Report.articles`` and nowhere else: not extracted, not in any event.
    """

    article_id: str
    input: str | None = None
    language: str
    note: str = Field(description="'language de: not supported yet'")


class Duplicate(_Model):
    """An article recognised as a copy of one seen earlier."""

    article_id: str
    duplicate_of: str = Field(description="The id of the first copy seen.")
    kind: Literal["exact", "near"] = "exact"
    similarity: float = 1.0
    input: str | None = None


# --- analyse --------------------------------------------------------------------------------------


class Span(_Model):
    """Character offsets into ``Article.text`` (or ``Article.title``) with the text they cover."""

    start: int
    end: int
    text: str
    field: Literal["text", "title"] = Field(
        default="text", description="Which field of the article the offsets point into."
    )


class Entity(_Model):
    start: int
    end: int
    text: str
    label: str = Field(description="spaCy label (PERSON, ORG, GPE, ...) or a pattern label.")
    canonical: str | None = Field(default=None, description="Alias-resolved name, if known.")


class Analysed(_Model):
    """Model output for one article; nothing after ``analyse`` loads a model."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    article_id: str
    sentences: list[Span] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    embedding: list[float] | None = Field(
        default=None, description="L2-normalised embedding of title and lead."
    )
    sentence_embeddings: list[list[float]] | None = None
    doc: Any = Field(default=None, exclude=True, description="The spaCy Doc (in memory only).")


# --- extract --------------------------------------------------------------------------------------


class Slot(str, Enum):
    KILLED = "killed"
    INJURED = "injured"
    HOSPITALIZED = "hospitalized"
    CRITICAL = "critical"
    MISSING = "missing"
    ARRESTED = "arrested"
    EVACUATED = "evacuated"
    ATTACKERS = "attackers"
    OTHER_COUNT = "other_count"
    EVENT_TYPE = "event_type"
    PLACE = "place"
    TIME = "time"
    ACTOR = "actor"
    RESPONSIBILITY = "responsibility"


COUNT_SLOTS: tuple[str, ...] = (
    "killed",
    "injured",
    "hospitalized",
    "critical",
    "missing",
    "arrested",
    "evacuated",
    "attackers",
)


class Qualifier(str, Enum):
    """How a count was worded; ``low``/``high`` already carry what it means."""

    EXACT = "exact"  # "62"
    AT_LEAST = "at_least"  # "at least 40" -> [40, None]
    MORE_THAN = "more_than"  # "more than 100", "over 100" -> [101, None]
    AT_MOST = "at_most"  # "up to 50" -> [0, 50]
    FEWER_THAN = "fewer_than"  # "nearly 70", "almost 70", "fewer than 70" -> [0, 69]
    ABOUT = "about"  # "about 60" -> a range around 60
    VAGUE = "vague"  # "dozens", "hundreds", "several"


class CountValue(_Model):
    kind: Literal["count"] = "count"
    low: int = 0
    high: int | None = Field(default=None, description="None: no upper bound.")
    qualifier: Qualifier = Qualifier.EXACT
    point: int | None = Field(default=None, description="The figure as stated (40 in 'at least 40').")
    who: Literal["victims", "attackers", "all"] = "all"
    subset_of: str | None = Field(
        default=None, description="Slot this count is a part of ('115 hospitalized, including five children')."
    )
    population: str | None = Field(default=None, description="Who, if narrower: 'children'.")


class PlaceValue(_Model):
    kind: Literal["place"] = "place"
    venue: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    relation: str | None = Field(default=None, description="'near', 'suburb of', 'in', ...")
    geonameid: int | None = None
    latitude: float | None = Field(default=None, description="WGS84, of the finest level resolved.")
    longitude: float | None = None
    precision: Literal["venue", "street", "city", "admin1", "country"] | None = None
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    admin1: str | None = Field(default=None, description="First-level division (US state, oblast, department).")
    admin1_code: str | None = Field(default=None, description="ISO 3166-2, where one exists.")
    admin2: str | None = Field(default=None, description="Second-level division (county, district).")


class TimeValue(_Model):
    kind: Literal["time"] = "time"
    date: dt.date | None = None
    time_of_day: str | None = Field(default=None, description="'evening', '20:00', ...")
    role: Literal["occurred", "published", "other"] = "occurred"


class ActorValue(_Model):
    kind: Literal["actor"] = "actor"
    name: str
    canonical: str | None = None
    type: Literal["person", "organisation", "group"] = "person"
    role: str | None = Field(default=None, description="'perpetrator', 'victim', 'official', ...")
    title: str | None = Field(default=None, description="'Moscow regional governor'")


class ResponsibilityValue(_Model):
    kind: Literal["responsibility"] = "responsibility"
    claimant: str
    canonical: str | None = None
    parent: str | None = Field(default=None, description="The organisation a branch belongs to.")
    stance: Literal["claimed", "denied", "attributed"] = "claimed"
    channel: str | None = Field(default=None, description="'Telegram', 'Amaq news agency', ...")
    by: str | None = Field(default=None, description="Who attributes it, when stance is 'attributed'.")


class LabelValue(_Model):
    kind: Literal["label"] = "label"
    label: str = Field(description="Event type: shooting, bombing, stabbing, earthquake, ...")


MentionValue = Annotated[
    Union[CountValue, PlaceValue, TimeValue, ActorValue, ResponsibilityValue, LabelValue],
    Field(discriminator="kind"),
]


class SourceKind(str, Enum):
    POLICE = "police"
    OFFICIAL = "official"
    MINISTRY = "ministry"
    HOSPITAL = "hospital"
    MEDICAL = "medical"
    ARMED_GROUP = "armed_group"
    NEWS_AGENCY = "news_agency"
    MEDIA = "media"
    WITNESS = "witness"
    ARTICLE = "article"
    OTHER = "other"


class Attribution(_Model):
    """Who said it. The default is the article itself, unattributed."""

    source: str | None = None
    kind: SourceKind = SourceKind.ARTICLE
    span: Span | None = None


class Mention(_Model):
    """One claim in one article, with the exact text that supports it."""

    id: str = Field(description="'<article_id>:<n>'")
    article_id: str
    slot: Slot
    value: MentionValue
    evidence: Span = Field(description="The phrase that states the claim.")
    sentence: Span | None = Field(default=None, description="The sentence around the evidence.")
    attribution: Attribution = Field(default_factory=Attribution)
    hedge: str | None = Field(default=None, description="'reportedly', 'expected to rise', ...")
    scope: Literal["main", "background"] = "main"
    background_event: str | None = Field(default=None, description="Which other event, if known.")
    revision: bool = Field(default=False, description="Worded as an update: 'rose to', 'revised'.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class ArticleMentions(_Model):
    """One article's claims: what ``newsfuse extract`` writes, one per line (JSON Lines)."""

    article_id: str
    title: str | None = None
    source: str | None = None
    published: datetime | None = None
    input: str | None = None
    language: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    note: str | None = Field(
        default=None, description="Why nothing was extracted: 'language de: not supported yet'."
    )


# --- cluster --------------------------------------------------------------------------------------


class Correction(_Model):
    """A user's fix to the clustering, replayed after every re-clustering."""

    action: Literal["merge", "split"]
    event_ids: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    created: datetime | None = None


class Event(_Model):
    """One occurrence in the world and the articles that report it (the cluster stage's output)."""

    id: str
    title: str | None = None
    article_ids: list[str] = Field(description="All articles, copies included, by publication.")
    duplicates: dict[str, list[str]] = Field(
        default_factory=dict, description="First copy id -> ids of its copies."
    )
    source_groups: list[list[str]] = Field(
        default_factory=list, description="Article ids grouped by independent source."
    )
    independent_sources: int = 0
    first_published: datetime | None = None
    last_published: datetime | None = None


# --- reconcile ------------------------------------------------------------------------------------


class FactStatus(str, Enum):
    AGREED = "agreed"
    UPDATED = "updated"
    DISPUTED = "disputed"
    SINGLE_SOURCE = "single_source"
    UNKNOWN = "unknown"


class SeriesPoint(_Model):
    published: datetime | None = None
    article_id: str
    mention_id: str
    value: str = Field(description="The figure as worded: 'at least 40', 'over 60', '62'.")
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier | None = None
    attribution: str | None = None


class FactMention(_Model):
    """A mention cited by a fact: enough to show and link its evidence without the article."""

    mention_id: str
    article_id: str
    quote: str
    start: int
    end: int
    field: Literal["text", "title"] = "text"
    attribution: str | None = None


class Side(_Model):
    """One side of a dispute: a value and who holds it."""

    value: str
    mention_ids: list[str]
    sources: list[str] = Field(default_factory=list)


class Fact(_Model):
    """What the sources of one event say about one slot, reconciled: best value, status, evidence."""

    slot: str
    best: int | str | None = None
    low: int | None = None
    high: int | None = None
    status: FactStatus = FactStatus.UNKNOWN
    value: dict[str, Any] | None = Field(default=None, description="Structured value for non-counts.")
    series: list[SeriesPoint] = Field(default_factory=list)
    mentions: list[FactMention] = Field(default_factory=list, description="Supporting mentions.")
    conflicting: list[FactMention] = Field(default_factory=list)
    sides: list[Side] = Field(default_factory=list, description="For disputed facts.")
    sources: int = Field(default=0, description="Independent sources supporting it.")
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    aliases: list[str] = Field(default_factory=list)


# --- report ---------------------------------------------------------------------------------------


class SummarySentence(_Model):
    text: str
    citations: list[int] = Field(
        description="1-based indices into Brief.sources: the sentence's own article first, then "
        "every other article that states its figures and content."
    )
    article_id: str
    start: int
    end: int
    note: str | None = Field(
        default=None,
        description="For a revised figure the sentence quotes: 'killed: earlier reports: at least 40' "
        "on the latest figure, 'killed: superseded, later reports: at least 143' on an earlier one.",
    )


class TimelineEntry(_Model):
    when: datetime | dt.date | None = None
    what: str
    kind: Literal["event", "revision", "report"] = "event"
    citations: list[int] = Field(default_factory=list)


class SourceRef(_Model):
    index: int = Field(description="The number cited as [n].")
    article_id: str
    title: str | None = Field(None, description="The article's title; its opening words when it has none.")
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    group: int = Field(description="Independent-source group; copies share a group.")


class Brief(_Model):
    """Everything newsfuse says about one event."""

    id: str = Field(description="The event id.")
    title: str | None = None
    headline: str | None = None
    article_ids: list[str]
    duplicates: dict[str, list[str]] = Field(default_factory=dict)
    independent_sources: int = 0
    summary: list[SummarySentence] = Field(default_factory=list)
    facts: dict[str, Fact] = Field(default_factory=dict)
    disputes: list[str] = Field(default_factory=list, description="Slots whose fact is disputed.")
    single_source: list[FactMention] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    revisions: list[TimelineEntry] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Report(_Model):
    """The output of a run: ``newsfuse brief --format json`` prints one."""

    schema_version: str = SCHEMA_VERSION
    generated: datetime | None = None
    events: list[Brief] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)
    unsupported: list[Unsupported] = Field(
        default_factory=list, description="Articles in a language newsfuse does not read yet."
    )


class IngestResult(_Model):
    """What ingest read: articles in input order, the inputs it rejected, exact copies."""

    articles: list[Article] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)


SCHEMA_TYPES: dict[str, type[BaseModel]] = {
    "report": Report,
    "article": Article,
    "mention": Mention,
    "event": Event,
    "fact": Fact,
    "brief": Brief,
    "rejection": Rejection,
    "article-mentions": ArticleMentions,
}
