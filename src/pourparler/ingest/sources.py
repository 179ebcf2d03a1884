"""Where inputs come from: files, directories walked in order, and standard input."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pourparler.ingest import registry
from pourparler.ingest.registry import Input, Item, ReadOptions, cannot_read, describe_limit, too_large
from pourparler.model import Failure

STDIN_LABEL = "<stdin>"


def read_path(argument: str, options: ReadOptions) -> Iterator[Item]:
    """A file, or every visible file under a directory in sorted order."""
    path = Path(argument)
    try:
        status = path.stat()
    except OSError as error:
        yield Failure(argument, cannot_read(error))
        return
    if stat.S_ISDIR(status.st_mode):
        yield from read_directory(path, argument, options)
    else:
        yield from read_file(path, argument, options, status)


def read_directory(top: Path, label: str, options: ReadOptions) -> Iterator[Item]:
    """Every file under a directory, depth first in sorted order, skipping hidden files and folders."""
    for item in directory_files(top, label):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            status = item.stat()
        except OSError as error:
            yield Failure(str(item), cannot_read(error))
            continue
        # Sockets, pipes and devices inside a tree are not documents, and reading a pipe could block.
        if stat.S_ISREG(status.st_mode):
            yield from read_file(item, str(item), options, status)


def directory_files(top: Path, label: str) -> list[Path | Failure]:
    """The files under a directory in the order `read_directory` reads them (depth first, sorted, hidden
    files and folders skipped), and a Failure for each part that cannot be listed or an empty directory."""
    found: list[tuple[tuple[str, ...], Path]] = []
    problems: list[tuple[tuple[str, ...], Failure]] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else top
        problems.append((_parts(where, top), Failure(str(where), cannot_read(error))))

    for folder, folders, files in os.walk(top, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = Path(folder) / name
                found.append((_parts(path, top), path))
    items: list[tuple[tuple[str, ...], Path | Failure]] = [*found, *problems]
    items.sort(key=lambda item: item[0])
    if not items:
        return [Failure(label, "no files to read in this directory")]
    return [item for _, item in items]


def read_file(path: Path, label: str, options: ReadOptions, status: os.stat_result) -> Iterator[Item]:
    """One file: its reader chosen by suffix, else by content; its size checked before it is read."""
    if not stat.S_ISREG(status.st_mode):
        # A pipe such as bash's <(command) can be read only once and has no size: read it as a stream.
        try:
            with path.open("rb") as stream:
                yield from read_stream(stream, label, options)
        except OSError as error:
            yield Failure(label, cannot_read(error))
        return
    chosen = registry.for_filename(path.name)
    if chosen is None:
        if status.st_size == 0:
            yield Failure(label, "empty file")
            return
        try:
            with path.open("rb") as stream:
                head = stream.read(registry.SNIFF_BYTES)
        except OSError as error:
            yield Failure(label, cannot_read(error))
            return
        chosen = registry.sniff(head)
        assert chosen is not None, "the text reader is the fallback and is always registered"
    if chosen.whole_file_capped and status.st_size > options.max_bytes:
        yield Failure(label, too_large(status.st_size, options.max_bytes))
        return
    yield from registry.run(chosen, Input(label=label, path=path), options)


def read_stdin(options: ReadOptions) -> Iterator[Item]:
    """Standard input, up to the size limit, read by whatever its content looks like."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield Failure(STDIN_LABEL, "cannot read standard input")
        return
    yield from read_stream(stream, STDIN_LABEL, options)


def read_stream(stream: BinaryIO, label: str, options: ReadOptions) -> Iterator[Item]:
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as error:
        yield Failure(label, cannot_read(error))
        return
    if len(data) > options.max_bytes:
        yield Failure(label, f"larger than the {describe_limit(options.max_bytes)} limit")
        return
    if not data.strip():
        yield Failure(label, "nothing to read (the input is empty)")
        return
    chosen = registry.sniff(data[: registry.SNIFF_BYTES])
    assert chosen is not None, "the text reader is the fallback and is always registered"
    yield from registry.run(chosen, Input(label=label, data=data), options)


def _parts(path: Path, top: Path) -> tuple[str, ...]:
    try:
        return path.relative_to(top).parts
    except ValueError:
        return path.parts
