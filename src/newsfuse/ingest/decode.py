"""Bytes to text: BOMs, UTF-8, UTF-16, charset detection, cp1252; binary data is refused."""

from __future__ import annotations

import codecs
import unicodedata

from newsfuse.model import RejectionCode

# Magic numbers of common binary formats people drop into an article folder by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.epub file)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x7fELF": "a program",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
}


class DecodeError(Exception):
    """The bytes are not text newsfuse can read; ``code`` and ``reason`` become a Rejection."""

    def __init__(self, code: RejectionCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def binary_kind(head: bytes) -> str | None:
    """Name the binary format ``head`` (the first bytes of a file) starts with, if known."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text.

    Tries, in order: a BOM (UTF-8, UTF-16, UTF-32), UTF-8, UTF-16 without BOM (every other byte
    NUL), charset detection (charset_normalizer), cp1252; a result counts only if it looks like
    text (few control characters).

    Args:
        data: the raw bytes.

    Returns:
        ``(text, encoding)``.

    Raises:
        DecodeError: ``binary`` for binary data, ``encoding`` when no encoding gives sensible text.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    RejectionCode.ENCODING,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start}); re-save it as UTF-8.",
                ) from None
    kind = binary_kind(data[:8])
    if kind:
        raise DecodeError(RejectionCode.BINARY, f"is {kind}, not text; convert it to text or HTML.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise DecodeError(
            RejectionCode.BINARY, "contains NUL bytes: it is binary data, not a text file."
        )
    for text, encoding in _candidates(data):
        if _looks_like_text(text):
            return text, encoding
    raise DecodeError(
        RejectionCode.ENCODING,
        "is not UTF-8 and no other encoding gives readable text; re-save it as UTF-8.",
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    encoding = "utf-16-le" if odd_nul > 0.3 > even_nul else "utf-16-be" if even_nul > 0.3 > odd_nul else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _looks_like_text(text) else None


def _candidates(data: bytes):
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - detection is a heuristic; fall through to cp1252
        best = None
    if best is not None and best.encoding:
        try:
            yield data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        yield data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass


def _looks_like_text(text: str) -> bool:
    """Few control or unassigned characters: what a human-written text looks like."""
    if not text:
        return True
    sample = text[:20_000]
    bad = sum(
        1
        for ch in sample
        if (unicodedata.category(ch) in ("Cc", "Cn", "Co") and ch not in "\n\r\t\f")
    )
    return bad / len(sample) < 0.01
