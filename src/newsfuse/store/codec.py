"""Conversions between the model types and column values."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import numpy as np

from newsfuse.model import Analysed


def utc_naive(value: datetime | date | None) -> datetime | None:
    """A datetime as naive UTC (what indexed columns hold), a date as its midnight."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def text_hash(text: str) -> str:
    """What makes two versions of an article 'the same': the hash of its whitespace-normalised text."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def vector_bytes(vector) -> bytes | None:
    if vector is None:
        return None
    return np.asarray(vector, dtype=np.float32).tobytes()


def bytes_vector(blob: bytes | None) -> np.ndarray | None:
    if not blob:
        return None
    return np.frombuffer(blob, dtype=np.float32)


def analysed_json(analysed: Analysed) -> dict:
    """The parts of an Analysed worth keeping (not the Doc, not the embedding: a column has it)."""
    return analysed.model_dump(mode="json", exclude={"doc", "embedding", "sentence_embeddings"})


def analysed_from_row(article_id: str, data: dict | None, embedding: bytes | None) -> Analysed:
    analysed = Analysed.model_validate(data) if data else Analysed(article_id=article_id)
    vector = bytes_vector(embedding)
    if vector is not None:
        analysed.embedding = vector.tolist()
    return analysed


def enum_value(value) -> str:
    """An enum member's value, or the string itself (models keep enum values as strings)."""
    return str(getattr(value, "value", value))
