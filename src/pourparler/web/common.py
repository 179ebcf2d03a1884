"""What the API and the pages share: settings, the open store, the guard on changes, analysing an article."""

from __future__ import annotations

import io
import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request

from pourparler.errors import InputError
from pourparler.ingest import ReadOptions
from pourparler.ingest.sources import read_stream
from pourparler.model import Document, Failure
from pourparler.store import Store

MAX_UPLOAD_BYTES = 2_000_000
TOKEN_ENV = "POURPARLER_TOKEN"
TOKEN_HEADER = "X-Pourparler-Token"
# The URL reader's advice is for the command line; a web user cannot pass --allow-private.
_PRIVATE_HINT = re.compile(r"; pass --allow-private\b[^;]*")


@dataclass(slots=True)
class Settings:
    """How the app was started. `guarded`: changing endpoints need `token` (bound beyond loopback)."""

    db: str | None = None
    token: str | None = None
    guarded: bool = False
    profile_dirs: tuple[Path, ...] = ()
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    labels: dict[str, str] = field(default_factory=dict)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings(request: Request) -> Settings:
    return request.app.state.settings


def store(request: Request) -> Store:
    return request.app.state.store


def check_token(request: Request, supplied: str | None) -> None:
    """Refuse a change when the server is guarded and the token is missing or wrong (403)."""
    current = settings(request)
    if not current.guarded:
        return
    if not current.token:
        raise HTTPException(
            403,
            f"changes are disabled: this server listens beyond loopback without a token; "
            f"restart it with {TOKEN_ENV} set",
        )
    if supplied != current.token:
        raise HTTPException(403, f"this change needs the server's token in the {TOKEN_HEADER} header")


def analyse_article(
    current: Settings,
    target: Store,
    *,
    data: bytes | None = None,
    url: str | None = None,
    label: str = "<pasted>",
    published: str | None = None,
) -> tuple[Document, dict[str, Any]]:
    """Read pasted or uploaded bytes (text, HTML, ...) or fetch a public URL, then clean, analyse and
    store it like `ingest` does; the document and its stored slice. Unreadable input raises InputError."""
    from pourparler.ingest.url import read_url
    from pourparler.pipeline import analyse_one, prepare

    options = ReadOptions(max_bytes=current.max_upload_bytes)
    if url is not None:
        items = list(read_url(url, options))
    elif data is not None:
        items = list(read_stream(io.BytesIO(data), label, options))
    else:
        raise InputError("give an article's text, a file or a URL")
    if not items:
        raise InputError(f"{label}: nothing to read")
    first = items[0]
    if isinstance(first, Failure):
        raise InputError(_PRIVATE_HINT.sub("; this server fetches public addresses only", str(first)))
    document = prepare(first, published=published)
    part = analyse_one(document, current.profile_dirs)
    target.add(document, part, current.labels)
    return document, part
