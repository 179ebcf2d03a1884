"""The reader for WARC archives (CC-NEWS and crawler output): one document per HTML response or resource."""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pourparler.errors import InputError
from pourparler.ingest import registry
from pourparler.ingest.decode import EMPTY
from pourparler.ingest.html import decode_html
from pourparler.ingest.registry import Input, Item, ReadOptions, describe_limit, parse_content_type
from pourparler.model import Failure, RawDocument

_T = TypeVar("_T")
_GZIP_MAGIC = b"\x1f\x8b"


def sniff_warc(head: bytes) -> bool:
    """True for a WARC file, plain or gzipped record by record."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(_GZIP_MAGIC):
        try:
            inflated = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head[:4096], 16)
        except zlib.error:
            return False
        return inflated.startswith(b"WARC/")
    return False


@registry.reader(
    "warc",
    suffixes=(".warc", ".warc.gz"),
    content_types=("application/warc",),
    sniff=sniff_warc,
    order=10,
    whole_file_capped=False,
)
def read_warc(source: Input, options: ReadOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    size = source.size()
    if size == 0:
        raise InputError(EMPTY)
    with source.open() as stream:
        if not sniff_warc(stream.read(registry.SNIFF_BYTES)):
            raise InputError("not a WARC archive")
        stream.seek(0)
        archive = ArchiveIterator(stream)
        records = iter(archive)
        complete = 0
        # A record is known to be whole only once the iterator has read past it, so each document is held
        # back until then: a truncated record must not come out as a shorter article.
        pending: tuple[Any, Item | None] | None = None
        error: Exception | None = None
        while True:
            try:
                record = _quietly(lambda: next(records))
            except StopIteration:
                break
            except Exception as problem:  # warcio raises many kinds of error on a damaged archive
                error = problem
                break
            if pending is not None:
                if not _is_whole(pending[0]):
                    yield _damaged(source.label, complete, None)
                    return
                complete += 1
                if pending[1] is not None:
                    yield pending[1]
            pending = (record, _document(record, f"{source.label}#record-{complete + 1}", options))
        if pending is not None:
            if not _is_whole(pending[0]):
                yield _damaged(source.label, complete, error)
                return
            complete += 1
            if pending[1] is not None:
                yield pending[1]
        if error is not None:
            yield _damaged(source.label, complete, error)
            return
        end = archive.get_record_offset() + archive.get_record_length() if pending is not None else 0
        if end < size and _has_more_than_blank_lines(source, end):
            yield _damaged(source.label, complete, None)


def _document(record: Any, label: str, options: ReadOptions) -> Item | None:
    """The article in one record, a Failure for an HTML record that cannot be read, None for other records."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media_type, charset = parse_content_type(content_type)
    if registry.for_content_type(media_type) is not registry.get("html"):
        return None
    try:
        payload = _quietly(lambda: record.content_stream().read(options.max_bytes + 1))
    except Exception as error:  # a damaged HTTP body (bad chunking, bad gzip) spoils this record only
        return Failure(label, f"cannot decode the HTTP body ({type(error).__name__})")
    if len(payload) > options.max_bytes:
        return Failure(label, f"too large (more than {describe_limit(options.max_bytes)})")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if not payload.strip():
        return Failure(label, "empty record")
    try:
        html, warnings = decode_html(payload, charset)
    except InputError as error:
        return Failure(label, str(error))
    return RawDocument(source=label, html=html, url=url, warnings=warnings)


def _is_whole(record: Any) -> bool:
    declared = record.rec_headers.get_header("Content-Length")
    try:
        length = int(declared)
    except (TypeError, ValueError):
        return False
    return bool(length == record.length and record.raw_stream.limit == 0)


def _has_more_than_blank_lines(source: Input, offset: int) -> bool:
    with source.open() as stream:
        stream.seek(offset)
        rest = stream.read(64 * 1024)
    return bool(rest.strip(b"\r\n"))


def _damaged(label: str, complete: int, error: BaseException | None) -> Failure:
    records = f"{complete} record{'s' if complete != 1 else ''}"
    if error is not None and "non-chunked gzip" in str(error):
        return Failure(
            label,
            f"the archive is gzipped as a whole, not record by record; {records} read "
            "(recompress it with `warcio recompress`)",
        )
    return Failure(label, f"archive is truncated or damaged: {records} read before the damage")


def _quietly(action: Callable[[], _T]) -> _T:
    # warcio writes its complaints about damaged input to stderr; we report them as a Failure instead.
    with contextlib.redirect_stderr(io.StringIO()):
        return action()
