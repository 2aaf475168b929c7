"""JSON and JSON Lines: the uniform data format and the field names of other tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsfuse.ingest.html import fragment_to_text, looks_like_html
from newsfuse.ingest.limits import MAX_JSON_DEPTH, describe, too_deep
from newsfuse.ingest.metadata import field_names, norm_key, parse_datetime
from newsfuse.ingest.record import Item, RawArticle, reject
from newsfuse.model import RejectionCode


def map_record(obj: Any, input: str, input_format: str) -> Item:
    """One JSON object to a RawArticle, by the names in ``fields.json``.

    The first present, non-empty name of each field wins (``text`` before ``maintext`` before
    ``content``...); every other key, and any date that does not parse, is kept in ``extra``.

    Returns:
        A RawArticle, or a Rejection (``malformed`` for a non-object, ``no_text`` without text).
    """
    if not isinstance(obj, dict):
        return reject(input, RejectionCode.MALFORMED,
                      f"is a JSON {type(obj).__name__}, not an object with article fields.")
    if too_deep(obj):
        return _too_deep(input)
    try:
        return _map_object(obj, input, input_format)
    except Exception as exc:  # noqa: BLE001 - one record's failure is its own rejection
        return reject(input, RejectionCode.MALFORMED, f"could not be read ({describe(exc)}).")


def _too_deep(input: str) -> Item:
    return reject(input, RejectionCode.MALFORMED,
                  f"is JSON nested more than {MAX_JSON_DEPTH} levels deep; an article record needs "
                  "two or three.")


def _map_object(obj: dict, input: str, input_format: str) -> Item:
    by_norm: dict[str, str] = {}
    for key in obj:
        by_norm.setdefault(norm_key(str(key)), key)
    used: set[str] = set()
    found: dict[str, Any] = {}
    names = field_names()
    for field in ("id", "title", "text", "published", "updated", "url", "source", "author", "language"):
        for name in names[field]:
            key = by_norm.get(name)
            if key is None or key in used or _empty(obj[key]):
                continue
            value = _convert(field, obj[key])
            if value is None:
                continue
            found[field] = value
            used.add(key)
            break
    text = found.get("text")
    if not text or not text.strip():
        given = [k for k in obj if norm_key(str(k)) in names["text"]]
        reason = (
            f"has an empty {given[0]!r} field: there is no article text to read."
            if given
            else "has no article text: none of the fields "
            + ", ".join(names["text"][:6]) + "... is present."
        )
        return reject(input, RejectionCode.NO_TEXT, reason)
    return RawArticle(
        text=text,
        input=input,
        input_format=input_format,
        id=found.get("id"),
        title=found.get("title"),
        url=found.get("url"),
        source=found.get("source"),
        author=found.get("author"),
        published=found.get("published"),
        updated=found.get("updated"),
        language=found.get("language"),
        extra={k: v for k, v in obj.items() if k not in used},
    )


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _convert(field: str, value: Any) -> Any:
    """A field's value in the Article's type, or None when it does not fit (kept in extra)."""
    if field == "text":
        if isinstance(value, list):
            value = "\n\n".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if not isinstance(value, str):
            return None
        return fragment_to_text(value) if looks_like_html(value) else value
    if field in ("published", "updated"):
        return parse_datetime(value)
    if field == "author":
        if isinstance(value, list):
            names = [v.get("name") if isinstance(v, dict) else v for v in value]
            value = ", ".join(str(n).strip() for n in names if isinstance(n, str) and n.strip())
        elif isinstance(value, dict):
            value = value.get("name")
        return value.strip() if isinstance(value, str) and value.strip() else None
    if field == "source":
        return value if isinstance(value, (str, dict)) else None
    if field == "id":
        return str(value) if isinstance(value, (str, int)) and str(value).strip() else None
    if field == "title":
        return " ".join(value.split()) if isinstance(value, str) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_json(text: str, input: str) -> list[Item]:
    """A JSON document: one object, a list of objects, or an object with a list of articles.

    The list may sit under ``articles``, ``items``, ``data``... (``list_keys`` in fields.json).
    A document that is really JSON Lines (one object per line) is read as JSON Lines.
    """
    try:
        doc = json.loads(text)
    except RecursionError:  # the parser recurses once per level
        return [_too_deep(input)]
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return list(read_json_lines(enumerate(text.split("\n"), 1), input, max_bytes=None))
        return [reject(input, RejectionCode.MALFORMED,
                       f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).")]
    if too_deep(doc):
        return [_too_deep(input)]
    if isinstance(doc, dict):
        by_norm = {norm_key(str(k)): k for k in doc}
        has_text = any(n in by_norm and isinstance(doc[by_norm[n]], str) for n in field_names()["text"])
        if not has_text:
            for name in field_names()["list_keys"]:
                key = by_norm.get(name)
                if key is not None and isinstance(doc[key], list):
                    return _read_list(doc[key], input)
        return [map_record(doc, input, "json")]
    if isinstance(doc, list):
        return _read_list(doc, input)
    return [reject(input, RejectionCode.MALFORMED,
                   f"is a JSON {type(doc).__name__}; expected an article object or a list of them.")]


def _read_list(items: list, input: str) -> list[Item]:
    if not items:
        return [reject(input, RejectionCode.EMPTY, "is an empty JSON list: no articles in it.")]
    return [map_record(obj, f"{input}#{i}", "json") for i, obj in enumerate(items, 1)]


def read_json_lines(
    lines: Iterable[tuple[int, bytes | str]], input: str, *, max_bytes: int | None
) -> Iterator[Item]:
    """JSON Lines, one article per line; a bad line is rejected as ``path:line``, the rest load.

    Args:
        lines: ``(line number, line)`` pairs; bytes are decoded as UTF-8 (as JSON requires).
        input: the path, for ``path:line`` names.
        max_bytes: longer lines are rejected unread (None: no limit).
    """
    any_line = False
    for number, line in lines:
        name = f"{input}:{number}"
        if max_bytes is not None and len(line) > max_bytes:
            any_line = True
            yield reject(name, RejectionCode.TOO_LARGE,
                         f"is a line of {len(line):,} bytes, over the limit of {max_bytes:,}.")
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                any_line = True
                yield reject(name, RejectionCode.ENCODING,
                             f"is not valid UTF-8 (byte {exc.start}); JSON Lines must be UTF-8.")
                continue
        if not line.strip():
            continue
        any_line = True
        try:
            obj = json.loads(line)
        except RecursionError:
            yield _too_deep(name)
            continue
        except json.JSONDecodeError as exc:
            yield reject(name, RejectionCode.MALFORMED,
                         f"is not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line.")
            continue
        yield map_record(obj, name, "jsonl")
    if not any_line:
        yield reject(input, RejectionCode.EMPTY, "has no lines: the JSON Lines file is empty.")
