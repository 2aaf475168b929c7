"""HTML pages (files, WARC records) and HTML fragments (feed entries, JSON fields) to text."""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from newsfuse.ingest.limits import MAX_HTML_TAGS
from newsfuse.ingest.metadata import parse_datetime
from newsfuse.ingest.outlet import unwrap_url
from newsfuse.ingest.record import Item, RawArticle, reject
from newsfuse.model import RejectionCode

# <meta> names/properties, most specific first.
_PUBLISHED = ("article:published_time", "og:published_time", "datepublished", "publishdate",
              "publish-date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
              "dcterms.created", "dc.date", "date")
_UPDATED = ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
            "dcterms.modified", "lastmod")
_SITE = ("og:site_name", "application-name", "twitter:site")
_AUTHOR = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "tr", "table", "section", "article", "header", "footer", "pre", "figure", "figcaption", "hr"}
_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
#: Characters lxml refuses in any string (XML 1.0 forbids them): a form feed or an ESC in a
#: field would otherwise fail the whole record.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WHOLE_PAGE = re.compile(r"\A\s*(?:<!doctype[^>]*>\s*)?<html[\s>]", re.I)


def looks_like_html(text: str) -> bool:
    """True when a string field carries markup (``<p>``, ``<br/>``...) rather than plain text."""
    return bool(_TAG.search(text[:5000]))


def read_html(html: str, input: str, *, url: str | None = None, input_format: str = "html") -> Item:
    """One HTML page to an article: main text with trafilatura, metadata from ``<meta>`` tags.

    Args:
        html: the page, decoded.
        input: the input name for messages (path, path#n).
        url: the page URL when known (WARC-Target-URI); else taken from the page.
        input_format: recorded on the article (``html`` or ``warc``).

    Returns:
        A RawArticle, or a ``no_text`` Rejection when the page has no text (only markup, scripts,
        navigation) or cannot be parsed.
    """
    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        return reject(input, RejectionCode.TOO_LARGE,
                      f"is HTML with {tags:,} tags, over the budget of {MAX_HTML_TAGS:,} for one "
                      "page (a news page has a few thousand); it was not parsed.")
    html = _NOT_XML.sub(" ", html)
    tree = _parse(html)
    if tree is None:
        return reject(input, RejectionCode.NO_TEXT, "is HTML with no parsable content.")
    meta = _meta(tree)
    lang = tree.get("lang") or tree.get("xml:lang")
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura raises many types on odd pages; fall back below
        doc = None
    data: dict[str, Any] = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").strip()
    if not text:
        text = _fallback_text(html)
    if not text:
        return reject(
            input, RejectionCode.NO_TEXT,
            "is HTML without article text (only markup, scripts or navigation); "
            "save the article page itself, not an index or app page.",
        )
    title = data.get("title") or meta.get("og:title") or None
    if title and text.split("\n", 1)[0].strip().casefold() == title.strip().casefold():
        text = text.split("\n", 1)[1] if "\n" in text else text
    page_url = url or unwrap_url(meta.get("og:url") or meta.get("canonical") or data.get("url"))
    return RawArticle(
        text=text,
        input=input,
        input_format=input_format,
        title=title,
        url=page_url,
        site_name=_first(meta, _SITE) or data.get("sitename"),
        author=data.get("author") or _first(meta, _AUTHOR),
        published=parse_datetime(_first(meta, _PUBLISHED)) or parse_datetime(data.get("date")),
        updated=parse_datetime(_first(meta, _UPDATED)),
        language=data.get("language") or lang,
        extra={k: v for k, v in (("description", data.get("description")),) if v},
    )


def fragment_to_text(fragment: str) -> str:
    """An HTML fragment (feed content, a JSON ``content`` field) to plain text with line breaks."""
    fragment = _NOT_XML.sub(" ", fragment)
    try:
        if _WHOLE_PAGE.match(fragment):  # a whole page in a field: its body is the text
            root = lxml.html.document_fromstring(fragment).find("body")
            if root is None:
                return ""
        else:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        return _TAG.sub(" ", fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() == "br":
                continue
            el.text = "\n" + (el.text or "")
    return _BLANK_LINES.sub("\n", root.text_content()).strip()


def _parse(html: str):
    try:
        return trafilatura.load_html(html)
    except Exception:  # noqa: BLE001 - lxml/trafilatura parsing errors vary
        return None


def _meta(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value:
            out.setdefault(key, value)
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            out.setdefault("canonical", el.get("href"))
    for el in tree.iter("time"):
        if el.get("datetime") and "pubdate" in el.attrib:
            out.setdefault("pubdate", el.get("datetime"))
    return out


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)


def _fallback_text(html: str) -> str:
    """trafilatura's baseline (all paragraph text) for short pages its main extractor skips."""
    tree = _parse(html)
    if tree is None:
        return ""
    try:
        _, text, _ = trafilatura.baseline(tree)
    except Exception:  # noqa: BLE001
        return ""
    return (text or "").strip()
