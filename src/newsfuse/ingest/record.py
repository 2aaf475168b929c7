"""What a reader yields before cleaning: a loose record that ``finish`` turns into an Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsfuse.model import Rejection, RejectionCode


@dataclass
class RawArticle:
    """One article as a reader found it; every field but ``text`` and ``input`` is optional.

    ``site_name`` is the outlet as named by the page or feed (used when no URL host is known);
    ``source`` is an outlet given explicitly by the input (a JSON ``source`` field), used as is.
    """

    text: str
    input: str
    input_format: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: plain text: look for a title line, leading metadata lines and a byline in the text.
    parse_header: bool = False


#: What every reader yields: articles and rejections in input order.
Item = RawArticle | Rejection


def reject(input: str, code: RejectionCode, reason: str) -> Rejection:
    """Build a Rejection (a short alias so readers stay readable)."""
    return Rejection(input=input, code=code, reason=reason)
