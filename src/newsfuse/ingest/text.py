"""Plain text and Markdown: the text is the article; a title line, metadata lines and a byline
at the start are read by the cleaning step (``metadata.split_header``)."""

from __future__ import annotations

import re

from newsfuse.ingest.record import RawArticle

# Markdown marks that are formatting, not wording: images, links (keep their text), emphasis.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]+|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^>[ \t]?", re.MULTILINE)


def read_text(text: str, input: str, *, markdown: bool = False) -> RawArticle:
    """One text file to one article (its header is parsed when the article is finished).

    Args:
        text: the decoded file.
        input: the path (or ``-``).
        markdown: strip Markdown formatting (links keep their text; images go).
    """
    if markdown:
        text = _MD_IMAGE.sub("", text)
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_EMPHASIS.sub(r"\2", text)
        text = _MD_QUOTE.sub("", text)
    return RawArticle(text=text, input=input, input_format="text", parse_header=True)
