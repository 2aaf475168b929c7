"""Bad bytes: encodings, binary files, empty files, files over the size limit."""

from __future__ import annotations

import pytest

from newsfuse.ingest import read_sources
from newsfuse.ingest.decode import DecodeError, decode_bytes

TEXT = "Les secours ont évacué 40 personnes à Brévanne, dit le préfet — « tous sains et saufs ».\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]
)
def test_encodings_that_decode(tmp_path, encoding):
    path = tmp_path / f"a-{encoding}.txt"
    text = TEXT if encoding != "cp1252" else TEXT.replace("—", "-").replace("« ", '"').replace(" »", '"')
    path.write_bytes(text.encode(encoding))
    result = read_sources([path], max_bytes=10_000)
    assert not result.rejected, result.rejected
    assert "évacué" in result.articles[0].text


def test_binary_files_are_rejected(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "blob.txt").write_bytes(b"abc\x00\x01\x02" * 50 + bytes(range(256)) * 4)
    result = read_sources([tmp_path], max_bytes=10_000)
    assert not result.articles
    assert [r.code for r in result.rejected] == ["binary", "binary"]
    assert "PNG" in result.rejected[1].reason or "PNG" in result.rejected[0].reason


def test_undecodable_bytes_are_an_encoding_rejection():
    junk = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40 + bytes(range(0x80, 0xA0)) * 10
    with pytest.raises(DecodeError) as err:
        decode_bytes(junk)
    assert err.value.code in ("encoding", "binary")


def test_bad_utf16_with_bom(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    result = read_sources([path], max_bytes=10_000)
    assert result.rejected[0].code == "encoding"
    assert "UTF-8" in result.rejected[0].reason


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n\t \n")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    result = read_sources([tmp_path], max_bytes=10_000)
    assert not result.articles
    assert [r.code for r in result.rejected] == ["empty", "empty", "empty"]


def test_file_over_the_limit_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("must not be read"))
    result = read_sources([path], max_bytes=1000)
    assert [r.code for r in result.rejected] == ["too_large"]
    assert "1,000" in result.rejected[0].reason


def test_only_boilerplate_is_no_text(tmp_path):
    (tmp_path / "x.txt").write_text("Share this\nAdvertisement\nCopyright 2024 Example Media.\n")
    result = read_sources([tmp_path], max_bytes=10_000)
    assert [r.code for r in result.rejected] == ["no_text"]


# Our own sentences, saved in the legacy encodings of their languages.
LEGACY_SAMPLES = [
    ("Le maire a parlé à la presse après la réunion, où il a annoncé la fermeture du pont.", "latin-1"),
    ("Die Brücke über den Fluss wurde am Montag gesperrt. Größere Schäden gab es nicht.", "latin-1"),
    ("El alcalde informó que el puente permanecerá cerrado “hasta nuevo aviso”.", "cp1252"),
    ("Burmistrz powiedział, że most zostanie zamknięty. Nikt nie został ranny.", "cp1250"),
    ("Мэр города сообщил, что мост будет закрыт, никто не пострадал.", "cp1251"),
    ("À Paris, à midi.", "latin-1"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY_SAMPLES)
def test_legacy_encodings_are_read_as_written(text, encoding):
    assert decode_bytes(text.encode(encoding))[0] == text


def test_one_stray_latin1_byte_in_utf8_is_repaired_not_rejected():
    data = "Le café — fermé".encode() + " à midi.".encode("latin-1")
    assert decode_bytes(data) == ("Le café — fermé à midi.", "utf-8 (repaired)")
