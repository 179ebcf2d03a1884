"""Tests for decoding text inputs: BOMs, UTF-8, damaged UTF-8, legacy encodings, binary and empty input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pourparler.errors import InputError
from pourparler.ingest.decode import codec_label, decode_bytes, looks_binary

ARTICLE = "Hamas said it would “consider” the proposal — the négociations continue in Doha.\n"


def test_utf8_is_decoded_without_warnings() -> None:
    assert decode_bytes(ARTICLE.encode()) == (ARTICLE, [])


def test_newlines_are_normalised() -> None:
    text, _ = decode_bytes(b"one\r\ntwo\rthree\n")
    assert text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks_choose_the_encoding(bom: bytes, encoding: str) -> None:
    text, warnings = decode_bytes(bom + ARTICLE.encode(encoding))
    assert text == ARTICLE
    assert warnings == []


def test_utf16_without_bom_is_recognised() -> None:
    text, warnings = decode_bytes(ARTICLE.encode("utf-16-le"))
    assert text == ARTICLE
    assert warnings == ["no byte-order mark; decoded as utf-16-le"]


def test_cp1252_is_decoded_with_a_warning() -> None:
    text, warnings = decode_bytes(ARTICLE.encode("cp1252"))
    assert text == ARTICLE
    assert warnings == ["not UTF-8; decoded as windows-1252"]


def test_latin1_accents_come_out_as_western_text() -> None:
    text, warnings = decode_bytes("Ñandú, señor, año.".encode("latin-1"))
    assert text == "Ñandú, señor, año."
    assert warnings == ["not UTF-8; decoded as windows-1252"]


def test_cyrillic_legacy_encoding_is_guessed() -> None:
    russian = "Переговоры о прекращении огня продолжаются в Дохе, сообщили источники."
    text, warnings = decode_bytes(russian.encode("cp1251"))
    assert text == russian
    assert warnings == ["not UTF-8; decoded as windows-1251"]


def test_mostly_utf8_with_one_bad_byte_is_repaired() -> None:
    data = ARTICLE.encode() + b"caf\xe9 " + ARTICLE.encode()
    text, warnings = decode_bytes(data)
    assert warnings == ["1 invalid UTF-8 byte replaced"]
    assert "“consider”" in text
    assert "caf\ufffd " in text


def test_several_bad_bytes_are_counted() -> None:
    data = ARTICLE.encode() * 3 + b"\xff\xfe\xfd"
    _, warnings = decode_bytes(data)
    assert warnings == ["3 invalid UTF-8 bytes replaced"]


def test_utf8_bom_with_bad_bytes_stays_utf8() -> None:
    text, warnings = decode_bytes(codecs.BOM_UTF8 + b"caf\xe9 au lait")
    assert text == "caf\ufffd au lait"
    assert warnings == ["1 invalid UTF-8 byte replaced"]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"GIF89a\x01\x00\x01\x00",
        b"some text\x00with a NUL byte in the middle of it",
        bytes(range(1, 9)) * 20 + b"mostly control bytes",
    ],
)
def test_binary_content_is_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(InputError, match=r"^not text \(binary content\)$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^empty file$"):
        decode_bytes(data)


def test_form_feeds_and_tabs_are_text() -> None:
    text, _ = decode_bytes(b"Page one\tcolumn\x0cPage two\x0bline")
    assert text == "Page one\tcolumn\x0cPage two\x0bline"


def test_codec_labels_are_the_names_people_know() -> None:
    assert codec_label("cp1252") == "windows-1252"
    assert codec_label("iso8859_2") == "iso-8859-2"
    assert codec_label("latin_1") == "iso-8859-1"
    assert codec_label("shift_jis") == "shift_jis"
    assert codec_label("no-such-codec") == "no-such-codec"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text, warnings = decode_bytes(data)
    except InputError as error:
        assert str(error)
        return
    assert isinstance(text, str)
    assert "\r" not in text
    assert text.strip()
    assert all(isinstance(w, str) for w in warnings)


TEXTISH_BYTES = st.lists(
    st.one_of(st.sampled_from(b" etaoinshrdlu.,\n\r"), st.integers(0x80, 0xFF), st.integers(0x20, 0x7E)),
    max_size=400,
).map(bytes)


@settings(max_examples=200, deadline=None)
@given(TEXTISH_BYTES)
def test_text_like_bytes_with_high_bytes_decode_or_raise_input_error(data: bytes) -> None:
    """Exercises the damaged-UTF-8 and legacy-encoding paths, which random bytes rarely reach."""
    try:
        text, warnings = decode_bytes(data)
    except InputError as error:
        assert str(error)
        return
    assert isinstance(text, str) and "\r" not in text
    if not data.isascii():
        assert warnings or data.decode("utf-8", "strict")


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=500).filter(lambda s: s.strip() and "\x00" not in s and s[0] != "\ufeff"))
def test_utf8_text_round_trips(value: str) -> None:
    try:
        text, warnings = decode_bytes(value.encode("utf-8"))
    except InputError:
        return  # a string of control characters is fairly called binary
    assert text == value.replace("\r\n", "\n").replace("\r", "\n")
    assert warnings == []
