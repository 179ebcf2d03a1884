"""Bytes to text: byte-order marks, then UTF-8, then the likeliest legacy encoding; binary is refused."""

from __future__ import annotations

import codecs
import re

from pourparler.errors import InputError

BINARY = "not text (binary content)"
EMPTY = "empty file"

# UTF-32 LE must be tried before UTF-16 LE: its mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats whose first bytes can be plain ASCII (a PDF header, a GIF).
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"OggS",
    b"ID3",
    b"II*\x00",
    b"MM\x00*",
)

# Control bytes that text does not contain; tab, newline, vertical tab (Word's line break),
# form feed and carriage return are text.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]")
# What browsers actually use for these labels (WHATWG Encoding Standard): pages labelled Latin-1 or ASCII
# are written in windows-1252, and a UTF-16 label inside bytes we could read as ASCII is wrong.
_LABEL_OVERRIDES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
_BINARY_SHARE = 0.01
_SAMPLE = 256 * 1024

# Encodings charset-normalizer may choose from when the input is not UTF-8, the usual ones on the web
# first: ties between encodings that decode the input equally well go to the earlier one.
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "iso8859_5",
    "utf_16",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a text input; returns the text with newlines normalised to \\n, and warnings for the user.

    Raises InputError for empty or whitespace-only input and for binary content.
    """
    if not data.strip():
        raise InputError(EMPTY)
    warnings: list[str] = []
    text = _decode_with_bom(data)
    if text is None:
        body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
        if b"\x00" in body:
            text = _decode_utf16_without_bom(body, warnings)
        elif looks_binary(body):
            raise InputError(BINARY)
        else:
            text = _decode_utf8_or_legacy(body, warnings, utf8_marked=body is not data)
    if _has_many_controls(text):
        raise InputError(BINARY)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(EMPTY)
    return text, warnings


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """True for bytes that no text file holds: a NUL, a known binary signature, or many control bytes."""
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))
    return controls > _BINARY_SHARE * len(sample)


def peek_text(head: bytes) -> str:
    """The leading bytes as text for sniffing markup: BOM-aware, Latin-1 otherwise, left-stripped."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore").lstrip()
    return head.decode("latin-1").lstrip()


def codec_label(encoding: str) -> str:
    """The name people know an encoding by: windows-1252 for cp1252, iso-8859-2 for iso8859_2."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "iso-8859-" + name[len("iso8859-") :]
    return name


def encoding_for_label(label: str) -> str | None:
    """The Python codec for a charset label from a header or a page, as browsers read it; None if unknown."""
    label = label.strip().strip("\"'").lower()
    label = _LABEL_OVERRIDES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return None  # handled with plain UTF-8, which knows what to do with a few bad bytes
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_utf16_without_bom(data: bytes, warnings: list[str]) -> str:
    """UTF-16 without a byte-order mark has a NUL beside nearly every ASCII character; binary does not."""
    sample = data[:_SAMPLE]
    half = max(len(sample) // 2, 1)
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    encoding = None
    if len(data) % 2 == 0 and odd_nuls >= 0.4 * half and even_nuls <= 0.05 * half:
        encoding = "utf-16-le"
    elif len(data) % 2 == 0 and even_nuls >= 0.4 * half and odd_nuls <= 0.05 * half:
        encoding = "utf-16-be"
    if encoding is None:
        raise InputError(BINARY)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(BINARY) from None
    warnings.append(f"no byte-order mark; decoded as {encoding}")
    return text


def _decode_utf8_or_legacy(data: bytes, warnings: list[str], *, utf8_marked: bool) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED_BYTES.findall(escaped))
    non_ascii = len(escaped) - len(escaped.encode("ascii", "ignore"))
    valid_multibyte = non_ascii - invalid
    # Valid multi-byte sequences are evidence of UTF-8: a legacy encoding almost never forms them by chance.
    if utf8_marked or (valid_multibyte > 0 and valid_multibyte >= invalid):
        warnings.append(f"{invalid} invalid UTF-8 byte{'s' if invalid != 1 else ''} replaced")
        return data.decode("utf-8", "replace")
    encoding = _guess_legacy_encoding(data)
    if encoding is None:
        raise InputError("cannot tell the text encoding; save the file as UTF-8")
    warnings.append(f"not UTF-8; decoded as {codec_label(encoding)}")
    return data.decode(encoding, "replace")


def _guess_legacy_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    preference = {name: rank for rank, name in enumerate(LEGACY_ENCODINGS)}
    try:
        matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    except Exception:  # a heuristic over arbitrary bytes: if it breaks, the encoding is simply unknown
        return None
    ranked: list[tuple[float, float, int, str]] = []
    for match in matches:
        for encoding in match.could_be_from_charset or [match.encoding]:
            if encoding in preference:
                score = (round(match.chaos, 2), -round(match.coherence, 2))
                ranked.append((*score, preference[encoding], encoding))
    if not ranked:
        return None
    return min(ranked)[3]


def _has_many_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))
    return controls > _BINARY_SHARE * len(sample)
