"""Tests for the WARC reader: HTML records, skipped records, per-record limits and damaged archives."""

from __future__ import annotations

import gzip as gzip_module
import io
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pourparler.ingest import ReadOptions, read_sources
from pourparler.ingest.registry import Item
from pourparler.model import Failure, RawDocument


def page(number: int) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Article {number}</title></head><body>"
        f"<p>Negotiators met in Doha for round {number} of the talks.</p>{'<p>filler</p>' * 50}</body></html>"
    )


def response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


def build_warc(*, gzip: bool, extra: bool = False) -> tuple[bytes, list[int]]:
    """A WARC with three HTML responses, and with `extra` records to skip; also each record's end offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    ends: list[int] = []
    if extra:
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
        ends.append(buffer.tell())
        response(writer, "https://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        ends.append(buffer.tell())
        response(
            writer,
            "https://example.com/gone",
            b"<html><body>gone</body></html>",
            "text/html",
            "404 Not Found",
        )
        ends.append(buffer.tell())
    for number in range(1, 4):
        response(
            writer, f"https://example.com/article-{number}", page(number).encode(), "text/html; charset=utf-8"
        )
        ends.append(buffer.tell())
    return buffer.getvalue(), ends


def read(path: Path, **options: Any) -> list[Item]:
    return list(read_sources([str(path)], ReadOptions(**options)))


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    data, _ = build_warc(gzip=gzip, extra=True)
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data)
    items = read(path)
    assert items == [
        RawDocument(source=f"{path}#record-{n + 3}", html=page(n), url=f"https://example.com/article-{n}")
        for n in range(1, 4)
    ]


def test_resource_records_with_html_are_read(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    record = writer.create_warc_record(
        "https://example.com/saved",
        "resource",
        payload=io.BytesIO(page(7).encode()),
        warc_content_type="text/html",
    )
    writer.write_record(record)
    path = tmp_path / "saved.warc.gz"
    path.write_bytes(buffer.getvalue())
    assert read(path) == [
        RawDocument(source=f"{path}#record-1", html=page(7), url="https://example.com/saved")
    ]


def test_http_charset_decodes_the_record(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    html = "<html><body><p>It’s “quoted” — café</p></body></html>"
    response(writer, "https://example.com/legacy", html.encode("cp1252"), "text/html; charset=windows-1252")
    path = tmp_path / "legacy.warc.gz"
    path.write_bytes(buffer.getvalue())
    doc = read(path)[0]
    assert isinstance(doc, RawDocument) and doc.html == html


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_archive_yields_records_before_the_damage(tmp_path: Path, gzip: bool) -> None:
    data, ends = build_warc(gzip=gzip)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: ends[1] + (ends[2] - ends[1]) // 2])
    items = read(path)
    assert items[:2] == [
        RawDocument(source=f"{path}#record-{n}", html=page(n), url=f"https://example.com/article-{n}")
        for n in (1, 2)
    ]
    assert items[2:] == [
        Failure(str(path), "archive is truncated or damaged: 2 records read before the damage")
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_every_cut_point_is_either_complete_or_reported(tmp_path: Path, gzip: bool) -> None:
    data, ends = build_warc(gzip=gzip)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    step = 7 if gzip else 53
    for cut in range(1, len(data), step):
        path.write_bytes(data[:cut])
        items = read(path)
        documents = [item for item in items if isinstance(item, RawDocument)]
        # No truncated article ever comes out as a shorter one.
        assert all(doc.html == page(int(doc.source.rsplit("-", 1)[1])) for doc in documents)
        failures = [item for item in items if isinstance(item, Failure)]
        complete = sum(1 for end in ends if end <= cut)
        assert len(documents) in (complete, complete + 1)  # +1: only the record's end markers were cut
        if len(documents) == complete and cut not in ends:
            assert len(failures) == 1, (cut, items)


def test_archive_gzipped_as_a_whole_is_explained(tmp_path: Path) -> None:
    data, _ = build_warc(gzip=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip_module.compress(data))
    items = read(path)
    assert items[-1] == Failure(
        str(path),
        "the archive is gzipped as a whole, not record by record; 1 record read "
        "(recompress it with `warcio recompress`)",
    )
    assert all(isinstance(item, RawDocument) for item in items[:-1])


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n", encoding="utf-8")
    assert read(path) == [Failure(str(path), "not a WARC archive")]


def test_archives_are_exempt_from_the_file_cap_but_records_are_capped(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for number in range(1, 4):
        response(writer, f"https://example.com/{number}", page(number).encode(), "text/html")
    response(
        writer,
        "https://example.com/huge",
        ("<html><body>" + "x" * 5000 + "</body></html>").encode(),
        "text/html",
    )
    path = tmp_path / "big.warc"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size > 3000
    items = read(path, max_bytes=3000)
    assert [item.source.rsplit("#", 1)[1] for item in items] == [
        "record-1",
        "record-2",
        "record-3",
        "record-4",
    ]
    assert items[3] == Failure(f"{path}#record-4", "too large (more than 3 kB)")


def test_warc_is_sniffed_without_its_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, _ = build_warc(gzip=True)
    path = tmp_path / "download.bin"
    path.write_bytes(data)
    assert len(read(path)) == 3
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
    items = list(read_sources(["-"]))
    assert [item.source for item in items] == [f"<stdin>#record-{n}" for n in (1, 2, 3)]
