"""Bytes to text: BOMs, UTF-8, UTF-16, charset detection, cp1252; binary data is refused."""

from __future__ import annotations

import codecs
import re
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
    repaired = _utf8_repaired(data)
    if repaired is not None:
        return repaired, "utf-8 (repaired)"
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


def _utf8_repaired(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a latin-1 "é" pasted into a UTF-8 file): each stray byte
    read as cp1252. None when the bytes are not mostly UTF-8 (no valid multi-byte sequence, or
    as many stray bytes as valid sequences): then it is a file in another encoding."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ord(ch) > 127) - stray
    if valid == 0 or stray >= valid:
        return None
    return "".join(_cp1252_byte(ord(ch) - 0xDC00) if "\udc80" <= ch <= "\udcff" else ch
                   for ch in text)


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: latin-1's control
        return bytes([byte]).decode("latin-1")


#: Non-letters a Western European text in cp1252 commonly has outside ASCII.
_CP1252_PUNCTUATION = set("\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026"
                          "\u00ab\u00bb\u00b0\u20ac\u00a3\u00a9\u00ae\u2022\u00b7\u00a7")


def _letters_outside_ascii(text: str) -> float | None:
    """The share of letters that are not ASCII, or None when a non-ASCII character is neither a
    letter nor common punctuation: a wrong single-byte codec turns letters into symbols
    (Polish "ł" in cp1252 is "³", "ę" in cp1257 is "ź" but "ą" is "ą"... and "ż" is "æ")."""
    letters = accented = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            accented += ord(ch) > 127
        elif ord(ch) > 127 and ch not in _CP1252_PUNCTUATION:
            return None
    return accented / letters if letters else None


def _plain_cp1252(data: bytes) -> str | None:
    """The text as cp1252 when it reads as a Western European text: every non-ASCII character a
    letter or common punctuation, and accented letters a minority of the letters. Detection
    guesses cp1250 for a short French text ("à" read as "ŕ"); cp1250 (Polish "ł" is "³" in
    cp1252), cp1251 and cp1253 (almost every letter outside ASCII) fail this test."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    share = _letters_outside_ascii(text)
    return text if share is not None and share < 0.3 else None


#: Encodings that news pages and files are written in; detection may name any of the ~90
#: codecs Python has (hp_roman8, cp775...), which are never the answer for a news text.
_WEB_ENCODINGS = re.compile(
    r"\A(?:cp125\d|iso8859_\d+|koi8_[ru]|mac_roman|shift_jis|cp932|euc_jp|iso2022_jp|gb2312|gbk"
    r"|gb18030|big5|big5hkscs|euc_kr|cp949|tis_620|cp874|utf_16\w*)\Z")
_WESTERN = ("cp1252", "latin_1", "iso8859_1", "iso8859_15")


def _candidates(data: bytes):
    sample = data[:200_000]
    western = _plain_cp1252(sample) is not None
    if western:
        yield data.decode("cp1252"), "cp1252"
    try:
        from charset_normalizer import from_bytes

        guesses = [m.encoding for m in from_bytes(sample)]
    except Exception:  # noqa: BLE001 - detection is a heuristic; fall through to cp1252
        guesses = []
    # Not Western European by the test above (a cp1252 guess would read "ł" as "³"): the first
    # guess whose reading has letters where the text has letters, else the first guess.
    readings = []
    for encoding in guesses:
        if not _WEB_ENCODINGS.match(encoding or "") or encoding in _WESTERN:
            continue
        try:
            readings.append((data.decode(encoding), encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    lettered = [r for r in readings if _letters_outside_ascii(r[0][:200_000]) is not None]
    yield from (lettered or readings)[:1]
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
