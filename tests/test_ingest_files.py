"""Tests for reading files, directories and stdin: text, HTML, JSONL, size limits and bad inputs."""

from __future__ import annotations

import errno
import gzip
import io
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pourparler.ingest import ReadOptions, read_sources, registry
from pourparler.ingest.registry import Input, Item
from pourparler.model import Failure, RawDocument

ARTICLE = (
    "Hostage talks falter: Israel refuses Hamas demands\n\n"
    "Israel on Thursday recalled its remaining delegation from Doha, an Israeli official said.\n"
    "“Hamas has not responded at all to the American proposal,” the official said.\n"
)
PAGE = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Talks</title></head>'
    "<body><article><p>Israel recalled its delegation from Doha.</p></article></body></html>\n"
)


def read(*sources: str | Path, **options: Any) -> list[Item]:
    return list(read_sources([str(s) for s in sources], ReadOptions(**options)))


def only(items: list[Item]) -> Item:
    assert len(items) == 1, items
    return items[0]


def document(items: list[Item]) -> RawDocument:
    item = only(items)
    assert isinstance(item, RawDocument), item
    return item


def failure(items: list[Item]) -> Failure:
    item = only(items)
    assert isinstance(item, Failure), item
    return item


# --- text -----------------------------------------------------------------------------------------


def test_pasted_text_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    doc = document(read(path))
    assert doc == RawDocument(source=str(path), text=ARTICLE)


@pytest.mark.parametrize("name", ["notes.md", "notes.text", "notes", "notes.unknownsuffix"])
def test_text_suffixes_and_unknown_suffixes_that_sniff_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    assert document(read(path)).text == ARTICLE


def test_cp1252_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    doc = document(read(path))
    assert doc.text == ARTICLE
    assert doc.warnings == ["not UTF-8; decoded as windows-1252"]


def test_mostly_utf8_file_with_one_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(ARTICLE.encode() + b"one bad byte: \x97\n")
    doc = document(read(path))
    assert doc.warnings == ["1 invalid UTF-8 byte replaced"]
    assert doc.text is not None and doc.text.startswith(ARTICLE)


def test_txt_holding_an_html_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    doc = document(read(path))
    assert doc.html == PAGE
    assert doc.text is None


# --- html -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.xhtml", "page"])
def test_html_page_by_suffix_or_by_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    doc = document(read(path))
    assert doc.html == PAGE
    assert doc.source == str(path)


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
    page += "<body><p>Переговоры о прекращении огня</p></body></html>"
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    doc = document(read(path))
    assert doc.html == page
    assert doc.warnings == []


def test_html_labelled_latin1_is_read_as_windows_1252(tmp_path: Path) -> None:
    page = '<html><head><meta charset="ISO-8859-1"></head><body><p>It’s “quoted”</p></body></html>'
    path = tmp_path / "quotes.html"
    path.write_bytes(page.encode("cp1252"))
    assert document(read(path)).html == page


def test_html_that_is_utf8_despite_its_label_is_read_as_utf8(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>café — “quoted”</p></body></html>'
    path = tmp_path / "mislabelled.html"
    path.write_bytes(page.encode("utf-8"))
    assert document(read(path)).html == page


def test_html_without_charset_falls_back_to_detection(tmp_path: Path) -> None:
    page = "<html><body><p>Les négociations continuent à Doha, a déclaré le médiateur.</p></body></html>"
    path = tmp_path / "fr.html"
    path.write_bytes(page.encode("cp1252"))
    doc = document(read(path))
    assert doc.html == page
    assert doc.warnings == ["not UTF-8; decoded as windows-1252"]


# --- bad inputs -----------------------------------------------------------------------------------


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(2000))
    assert failure(read(path)) == Failure(str(path), "not text (binary content)")


def test_binary_file_with_a_text_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert failure(read(path)).reason == "not text (binary content)"


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty", "blank.txt"])
def test_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"  \n\n" if name == "blank.txt" else b"")
    assert failure(read(path)) == Failure(str(path), "empty file")


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big"])
def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as stream:
        stream.write(b"A sparse article. ")
        stream.truncate(50_000_000)
    started = time.monotonic()
    result = failure(read(path))
    assert result == Failure(str(path), "too large (50.0 MB; the limit is 20 MB)")
    assert time.monotonic() - started < 1.0


def test_size_limit_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    size = path.stat().st_size
    assert failure(read(path, max_bytes=100)).reason == f"too large ({size} bytes; the limit is 100 bytes)"
    assert isinstance(only(read(path, max_bytes=size)), RawDocument)


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert failure(read(path)) == Failure(str(path), "cannot read: no such file")


def test_unreadable_file_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    # Tests may run as root, who can read a file whatever its mode.
    monkeypatch.setattr(Path, "open", refuse)
    assert failure(read(path)) == Failure(str(path), "cannot read: permission denied")


def test_other_url_schemes_are_refused() -> None:
    assert failure(read("ftp://example.com/a.txt")).reason == "cannot fetch ftp:// URLs; only http and https"


def test_a_batch_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = read(tmp_path / "missing.txt", empty, good)
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "RawDocument"]


# --- directories ----------------------------------------------------------------------------------


def test_directory_is_walked_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Article B.", encoding="utf-8")
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("Article C.", encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir()
    (tmp_path / "sub" / "deeper" / "d").write_text("Article D.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("hidden too", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    items = read(tmp_path)
    assert [item.source for item in items] == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "report.pdf"),
        str(tmp_path / "sub" / "c.md"),
        str(tmp_path / "sub" / "deeper" / "d"),
    ]
    assert items[2] == Failure(str(tmp_path / "report.pdf"), "not text (binary content)")
    assert isinstance(items[0], RawDocument) and items[0].html == PAGE
    assert isinstance(items[4], RawDocument) and items[4].text == "Article D."


def test_empty_directory_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / ".only-hidden").write_text("x", encoding="utf-8")
    assert failure(read(tmp_path)) == Failure(str(tmp_path), "no files to read in this directory")


# --- jsonl ----------------------------------------------------------------------------------------


def test_jsonl_reads_each_line_and_reports_the_malformed_one(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        '{"text": "First article.", "url": "https://example.com/1", "title": "One", '
        '"published": "2025-05-22", "outlet": "Ynetnews"}',
        '{"html": "<p>Second article.</p>"}',
        '{"text": "hello""x"}',
        "",
        '["not", "an", "object"]',
        '{"title": "no body"}',
        '{"text": "Last article.\\r\\nSecond line."}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert items == [
        RawDocument(
            source=f"{path}:1",
            text="First article.",
            url="https://example.com/1",
            title="One",
            published="2025-05-22",
            outlet="Ynetnews",
        ),
        RawDocument(source=f"{path}:2", html="<p>Second article.</p>"),
        Failure(f"{path}:3", "line 3 is not valid JSON (Expecting ',' delimiter at column 17)"),
        Failure(f"{path}:5", "line 5 is not a JSON object"),
        Failure(f"{path}:6", 'line 6 has no "text" or "html" string'),
        RawDocument(source=f"{path}:7", text="Last article.\nSecond line."),
    ]


def test_jsonl_odd_fields_give_warnings(tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Body.", "html": "<p>Body.</p>", "published": 1716336000}\r\n')
    doc = document(read(path))
    assert doc.html == "<p>Body.</p>" and doc.text is None and doc.published is None
    assert doc.warnings == ['both "html" and "text" given; used "html"', '"published" ignored (not a string)']


def test_jsonl_gz_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    assert [d.text for d in read(path) if isinstance(d, RawDocument)] == ["One.", "Two."]


def test_damaged_jsonl_gz_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    data = gzip.compress(
        b"".join(b'{"text": "Article %d. %s"}\n' % (i, os.urandom(40).hex().encode()) for i in range(200))
    )
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert all(isinstance(item, RawDocument) for item in items[:-1])
    assert len(items) > 10
    last = items[-1]
    assert isinstance(last, Failure) and last.source == str(path)
    assert last.reason.startswith("the compressed file is damaged after line ")


def test_jsonl_is_capped_per_line_not_per_file(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"text": "short"}\n{"text": "' + "x" * 500 + '"}\n{"text": "also short"}\n', encoding="utf-8"
    )
    items = read(path, max_bytes=100)
    assert items == [
        RawDocument(source=f"{path}:1", text="short"),
        Failure(f"{path}:2", "line 2 is too large (more than 100 bytes)"),
        RawDocument(source=f"{path}:3", text="also short"),
    ]


def test_binary_jsonl_is_refused_once(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\x00\x01\x02\n" * 50)
    assert failure(read(path)) == Failure(str(path), "not text (binary content)")


# --- stdin ----------------------------------------------------------------------------------------


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, ARTICLE.encode())
    assert document(read("-")) == RawDocument(source="<stdin>", text=ARTICLE)


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"\n  " + PAGE.encode())
    assert document(read("-")).html == "\n  " + PAGE


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b'{"text": "One."}\n{"html": "<p>Two.</p>"}\n')
    items = read("-")
    assert items == [
        RawDocument(source="<stdin>:1", text="One."),
        RawDocument(source="<stdin>:2", html="<p>Two.</p>"),
    ]


def test_stdin_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>T</title><link>https://example.com/t</link><description>Body text.</description></item>"
        "</channel></rss>"
    )
    stdin(monkeypatch, feed.encode())
    doc = document(read("-"))
    assert doc.source == "<stdin>#entry-1"
    assert doc.outlet == "Wire"


def test_stdin_empty_and_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"")
    assert failure(read("-")) == Failure("<stdin>", "nothing to read (the input is empty)")
    stdin(monkeypatch, b"x" * 2_000)
    assert failure(read("-", max_bytes=1_000)) == Failure("<stdin>", "larger than the 1 kB limit")


def test_stdin_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert failure(read("-")) == Failure("<stdin>", "not text (binary content)")


# --- registry -------------------------------------------------------------------------------------


def test_the_longest_suffix_wins() -> None:
    assert registry.for_filename("crawl.warc.gz") is registry.get("warc")
    assert registry.for_filename("EXPORT.JSONL") is registry.get("jsonl")
    assert registry.for_filename("page.HTM") is registry.get("html")
    assert registry.for_filename("data.gz") is None
    assert registry.for_filename("feed.xml") is None


def test_a_new_reader_is_added_by_registering_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_READERS", dict(registry._READERS))

    def sniff_shout(head: bytes) -> bool:
        return head.startswith(b"SHOUT:")

    @registry.reader("shout", suffixes=(".shout",), sniff=sniff_shout, order=5)
    def read_shout(source: Input, options: ReadOptions) -> Iterator[Item]:
        yield RawDocument(source=source.label, text=source.read(options.max_bytes).decode().upper())

    by_suffix = tmp_path / "a.shout"
    by_suffix.write_text("quiet words", encoding="utf-8")
    by_content = tmp_path / "b"
    by_content.write_text("SHOUT: and more", encoding="utf-8")
    assert [d.text for d in read(tmp_path) if isinstance(d, RawDocument)] == [
        "QUIET WORDS",
        "SHOUT: AND MORE",
    ]
    with pytest.raises(ValueError, match="already registered"):
        registry.reader("shout")(read_shout)
