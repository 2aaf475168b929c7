"""Inputs: expanding files, folders, glob patterns and ``-`` (stdin); telling their format."""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsfuse.ingest.limits import safe_name
from newsfuse.model import Rejection, RejectionCode

STDIN = "-"

#: Format by file extension (longest match first for ``.warc.gz``).
EXTENSIONS: dict[str, str] = {
    ".warc.gz": "warc", ".warc": "warc", ".arc.gz": "warc", ".arc": "warc",
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
#: In a folder walk these are documentation, not articles (a file named explicitly is read).
SKIPPED_NAMES = re.compile(r"\A(?:readme|license|licence|changelog|contributing|notice)(?:\.\w+)?\Z", re.I)

_GLOB_CHARS = re.compile(r"[*?\[]")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_START = re.compile(rb"\A(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>/]", re.I | re.S)


@dataclass(frozen=True)
class Input:
    """One file (or stdin) to read; ``name`` is how messages and ``Article.input`` call it."""

    name: str
    path: Path | None  # None: stdin


def expand(
    sources: Iterable[str | Path], *, follow_links: bool = False
) -> tuple[list[Input], list[Rejection]]:
    """Turn the user's sources into files, in a stable order, without duplicates.

    Folders are walked recursively in sorted order, skipping hidden files and folders and
    README/LICENSE-like files; glob patterns (``*``, ``?``, ``[...]``, ``**``) are expanded.
    In a folder, a symbolic link that leads out of the folder is not followed unless
    ``follow_links`` (a ``passwd.txt -> /etc/passwd`` would put that file in the brief), and
    links to nothing (dangling, loops) and pipes, sockets or devices are rejections.

    Returns:
        The inputs, and a ``not_found`` rejection for each source that names nothing.
    """
    inputs: list[Input] = []
    rejected: list[Rejection] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            inputs.append(Input(name=safe_name(str(path)), path=path))

    for source in sources:
        text = str(source)
        if text == STDIN:
            inputs.append(Input(name=STDIN, path=None))
            continue
        path = Path(text).expanduser()
        if path.is_dir():
            for file in _walk(path, rejected, follow_links):
                add(file)
        elif path.is_file():
            add(path)
        elif _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(str(path), recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            for d in (Path(m) for m in matches if Path(m).is_dir()):
                files.extend(_walk(d, rejected, follow_links))
            if not files:
                rejected.append(Rejection(input=safe_name(text), code=RejectionCode.NOT_FOUND,
                                          reason="is a pattern that matches no file."))
            for file in files:
                add(file)
        elif path.exists():
            rejected.append(Rejection(input=safe_name(text), code=RejectionCode.UNREADABLE,
                                      reason="is neither a file nor a folder (a device, socket or pipe?)."))
        else:
            rejected.append(Rejection(input=safe_name(text), code=RejectionCode.NOT_FOUND,
                                      reason="does not exist; check the path."))
    return inputs, rejected


def _walk(folder: Path, rejected: list[Rejection], follow_links: bool) -> list[Path]:
    """The files under ``folder``; links and special files that are not read go to ``rejected``."""
    files = []
    root = folder.resolve()

    def refuse(path: Path, code: RejectionCode, reason: str) -> None:
        rejected.append(Rejection(input=safe_name(str(path)), code=code, reason=reason))

    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or SKIPPED_NAMES.match(path.name):
            continue
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # dangling, or a loop
                refuse(path, RejectionCode.NOT_FOUND,
                       "is a symbolic link to nothing (its target is missing, or links loop).")
                continue
            if not follow_links and not target.is_relative_to(root):
                refuse(path, RejectionCode.UNREADABLE,
                       f"is a symbolic link out of {safe_name(str(folder))} (to "
                       f"{safe_name(str(target))}); links leaving an input folder are not followed.")
                continue
            if target.is_dir():
                continue  # inside the folder, its files are walked anyway
        if path.is_file():
            files.append(path)
        elif not path.is_dir():
            refuse(path, RejectionCode.UNREADABLE,
                   "is not a regular file (a pipe, socket or device); it was not read.")
    return files


def format_by_name(name: str) -> str | None:
    """The format an extension promises, or None (no or unknown extension)."""
    low = name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if low.endswith(ext):
            return EXTENSIONS[ext]
    return None


def has_extension(name: str) -> bool:
    return bool(Path(name).suffix) and not name.endswith(".")


def sniff(head: bytes) -> str | None:
    """The format the first bytes show: warc, feed, html, json, jsonl; None for plain text."""
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gzipped_warc(head) else None
    if body.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if body.startswith(b"<"):
        if _FEED_ROOT.search(body[:4000]) and not re.search(rb"<html[\s>]", body[:4000], re.I):
            return "feed"
        if _HTML_START.match(body) or re.search(rb"<(?:html|body)[\s>]", body[:4000], re.I):
            return "html"
        return None
    if body.startswith((b"{", b"[")):
        first = body.split(b"\n", 1)[0].strip()
        try:
            json.loads(first)
            return "jsonl" if body.startswith(b"{") and b"\n{" in body else "json"
        except (ValueError, RecursionError):
            return "json"
    return None


def _gzipped_warc(head: bytes) -> bool:
    import zlib

    try:
        inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return False
    return inner.startswith((b"WARC/", b"filedesc://"))
