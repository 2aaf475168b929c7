"""The outlet (``Article.source``): given by the input, else the URL's host, else the site name."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# Archive wrappers hide the original URL: http://web.archive.org/web/20160101000000/http://x.com/a
_ARCHIVE = re.compile(r"\Ahttps?://(?:web\.)?archive\.org/web/[^/]+/(?=https?://|[\w.-]+\.\w+/)", re.I)
_HOST_LIKE = re.compile(r"\A(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\Z", re.I)


_NOT_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unwrap_url(url: str | None) -> str | None:
    """The original URL of an archived one; other URLs unchanged; None for non-URLs."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    url = _ARCHIVE.sub("", url)
    if not re.match(r"\Ahttps?://", url, re.I):
        url = "http://" + url if _HOST_LIKE.match(url.split("/", 1)[0]) else url
    if not re.match(r"\Ahttps?://[^/\s]+", url, re.I) or _NOT_IN_URLS.search(url):
        return None
    try:  # what every later reader of the URL will do: "http://[::1" fails here, not on a page
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    return url if parts.hostname else None


def host_of(url: str | None) -> str | None:
    """``https://www.Example.com:443/x`` -> ``example.com``; None when there is no host."""
    url = unwrap_url(url)
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def name_of(value: Any) -> str | None:
    """An outlet named by an input field: a string, or a dict such as NewsAPI's ``{"name": ...}``."""
    if isinstance(value, dict):
        for key in ("name", "title", "domain", "id"):
            if isinstance(value.get(key), str) and value[key].strip():
                return name_of(value[key])
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    value = " ".join(value.split())
    if _HOST_LIKE.match(value) or value.lower().startswith(("http://", "https://")):
        return host_of(value) or value
    return value


def outlet(*, given: Any = None, url: str | None = None, site_name: str | None = None) -> str | None:
    """Decide the outlet of an article.

    Args:
        given: an outlet stated by the input (JSON ``source``/``source_domain``, front matter
            ``source:``); used as is, or as a lower-cased host without ``www.`` if it is one.
        url: the article URL; its host is the outlet when none is given.
        site_name: the site as the page or feed names itself (``og:site_name``, feed title).

    Returns:
        The outlet, or None when nothing names it (the file's folder is never guessed as an
        outlet: folders group articles by story as often as by outlet).
    """
    return name_of(given) or host_of(url) or name_of(site_name)
