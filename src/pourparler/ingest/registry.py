"""The reader registry: which reader takes an input, chosen by file suffix, content type or content."""

from __future__ import annotations

import errno
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pourparler.errors import InputError
from pourparler.model import Failure, RawDocument

Item = RawDocument | Failure

DEFAULT_MAX_BYTES = 20_000_000
# Enough to see a doctype, an XML root element, a WARC header or a first JSON line.
SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits on what the readers accept."""

    max_bytes: int = DEFAULT_MAX_BYTES  # per file / per fetched URL / per stdin
    allow_private: bool = False  # URLs to loopback/private/link-local/reserved addresses refused unless True
    timeout: float = 20.0  # seconds, per URL (connect+read)
    max_redirects: int = 5


@dataclass(slots=True)
class Input:
    """One input handed to a reader: a file on disk or bytes already in memory, with its transport's hints."""

    label: str  # what RawDocument.source and Failure.source say: a path, "<stdin>" or a URL
    path: Path | None = None
    data: bytes | None = None
    url: str | None = None  # the final URL, for fetched pages
    charset: str | None = None  # the charset the transport declared (HTTP Content-Type)

    def read(self, max_bytes: int) -> bytes:
        """The whole content, refusing more than max_bytes (a file may have grown since it was measured)."""
        if self.data is None:
            assert self.path is not None
            with self.path.open("rb") as stream:
                data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(f"too large (more than {describe_limit(max_bytes)})")
            self.data = data
        return self.data

    def open(self) -> BinaryIO:
        """A binary stream over the content, for readers that stream and cap each record themselves."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size


ReadFunction = Callable[[Input, ReadOptions], Iterator[Item]]
Sniffer = Callable[[bytes], bool]


@dataclass(frozen=True, slots=True)
class Reader:
    """A registered reader and how inputs are matched to it."""

    name: str
    read: ReadFunction
    suffixes: tuple[str, ...] = ()
    content_types: tuple[str, ...] = ()
    sniff: Sniffer | None = None
    # Sniffers run in ascending order; the most specific formats go first.
    order: int = 50
    # False for archives that are streamed and whose records are capped one by one.
    whole_file_capped: bool = True
    fallback: bool = False


_READERS: dict[str, Reader] = {}


def reader(
    name: str,
    *,
    suffixes: tuple[str, ...] = (),
    content_types: tuple[str, ...] = (),
    sniff: Sniffer | None = None,
    order: int = 50,
    whole_file_capped: bool = True,
    fallback: bool = False,
) -> Callable[[ReadFunction], ReadFunction]:
    """Register a read function under `name`; `fallback` marks the reader for content nothing else claims."""

    def register(read: ReadFunction) -> ReadFunction:
        if name in _READERS:
            raise ValueError(f"a reader named {name!r} is already registered")
        _READERS[name] = Reader(
            name=name,
            read=read,
            suffixes=tuple(s.lower() for s in suffixes),
            content_types=tuple(c.lower() for c in content_types),
            sniff=sniff,
            order=order,
            whole_file_capped=whole_file_capped,
            fallback=fallback,
        )
        return read

    return register


def get(name: str) -> Reader:
    return _READERS[name]


def readers() -> list[Reader]:
    """All registered readers, in sniffing order."""
    return sorted(_READERS.values(), key=lambda r: (r.order, r.name))


def for_filename(name: str) -> Reader | None:
    """The reader that claims this file name's suffix; the longest suffix wins (".warc.gz" over ".gz")."""
    lowered = name.lower()
    best: tuple[int, Reader] | None = None
    for candidate in _READERS.values():
        for suffix in candidate.suffixes:
            if lowered.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), candidate)
    return best[1] if best else None


def for_content_type(media_type: str) -> Reader | None:
    """The reader registered for a MIME type such as "text/html" (parameters already removed)."""
    media_type = media_type.lower()
    for candidate in readers():
        if media_type in candidate.content_types:
            return candidate
    return None


def sniff(head: bytes, *, allow_fallback: bool = True) -> Reader | None:
    """The first reader whose sniffer recognises these leading bytes, else the fallback reader."""
    fallback_reader: Reader | None = None
    for candidate in readers():
        if candidate.fallback:
            fallback_reader = fallback_reader or candidate
            continue
        if candidate.sniff is not None and candidate.sniff(head):
            return candidate
    return fallback_reader if allow_fallback else None


def run(chosen: Reader, source: Input, options: ReadOptions) -> Iterator[Item]:
    """Apply a reader, turning a failure of the whole input into one Failure so that a batch goes on."""
    try:
        yield from chosen.read(source, options)
    except InputError as error:
        yield Failure(source.label, str(error))
    except OSError as error:
        yield Failure(source.label, cannot_read(error))


def cannot_read(error: OSError) -> str:
    """A user's sentence for an operating-system error while opening or reading an input."""
    reasons = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory",
        errno.ENOTDIR: "a part of the path is not a directory",
        errno.ELOOP: "too many levels of symbolic links",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EIO: "input/output error",
    }
    reason = reasons.get(error.errno or 0) or (error.strerror or str(error) or "unknown error").lower()
    return f"cannot read: {reason}"


def describe_size(size: int) -> str:
    """A size as people read it: 50.0 MB, 12.3 kB, 512 bytes (decimal units, like the limit)."""
    for unit, scale in (("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes" if size != 1 else "1 byte"


def describe_limit(limit: int) -> str:
    """A limit as people set it: 20 MB rather than 20.0 MB."""
    text = describe_size(limit)
    return text.replace(".0 ", " ")


def too_large(size: int, limit: int) -> str:
    return f"too large ({describe_size(size)}; the limit is {describe_limit(limit)})"


_CHARSET_PARAMETER = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def parse_content_type(value: str) -> tuple[str, str | None]:
    """The media type (lower-case, parameters dropped) and the charset parameter of a Content-Type value."""
    media_type = value.split(";", 1)[0].strip().lower()
    found = _CHARSET_PARAMETER.search(value)
    return media_type, found.group(1) if found else None
