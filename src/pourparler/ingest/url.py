"""Fetching articles and feeds over http(s): refuses private addresses, oversized bodies and slow servers."""

from __future__ import annotations

import http
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pourparler.errors import InputError
from pourparler.ingest import registry
from pourparler.ingest.registry import Input, Item, Reader, ReadOptions, describe_limit, parse_content_type
from pourparler.model import Failure

if TYPE_CHECKING:
    import httpx

USER_AGENT = "pourparler/0.1"
SCHEMES = ("http", "https")
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"
)
# Servers that say nothing useful about the body: decide by its content.
_SNIFFED_TYPES = ("", "application/octet-stream", "binary/octet-stream", "application/unknown")
# Generic XML is read only when it is a feed or XHTML, never as plain text.
_XML_TYPES = ("application/xml", "text/xml")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: where it finally came from, what it says it is, and its body."""

    url: str
    content_type: str
    body: bytes


def read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    """Fetch one http(s) URL and read what comes back: a page, a plain text, or a feed's entries."""
    try:
        fetched = fetch(url, options)
    except InputError as error:
        yield Failure(url, str(error))
        return
    media_type, charset = parse_content_type(fetched.content_type)
    chosen = _reader_for(media_type, fetched.body)
    if chosen is None:
        yield Failure(url, f"unsupported content type {media_type}")
        return
    source = Input(label=url, data=fetched.body, url=fetched.url, charset=charset)
    yield from registry.run(chosen, source, options)


def fetch(url: str, options: ReadOptions) -> Fetched:
    """GET a URL, following redirects by hand so that every hop's address is checked before connecting."""
    import httpx

    deadline = time.monotonic() + options.timeout
    current = url
    with httpx.Client(
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        # Proxies from the environment would connect on our behalf to addresses we never checked.
        trust_env=False,
    ) as client:
        for hop in range(options.max_redirects + 1):
            target = _check_url(current, options, redirected=hop > 0)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise InputError(f"timed out fetching {target.host} (after {options.timeout:g} s)")
            try:
                with client.stream("GET", target, timeout=httpx.Timeout(remaining)) as response:
                    if response.is_redirect:
                        current = str(target.join(response.headers["location"]))
                        continue
                    if response.status_code >= 300:
                        raise InputError(f"HTTP {response.status_code} {_reason(response)}")
                    body = _read_body(response, options, deadline, target.host)
                    return Fetched(str(response.url), response.headers.get("content-type", ""), body)
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise InputError(_describe(error, target.host, options)) from None
    raise InputError(f"too many redirects (more than {options.max_redirects})")


def resolve_addresses(host: str, port: int) -> list[Address]:
    """Every address a host name resolves to (the seam tests replace to simulate DNS)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # An IPv6 link-local answer can carry a zone ("fe80::1%eth0") that ipaddress does not parse.
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def is_forbidden(address: Address) -> bool:
    """True for addresses a fetch from user input must not reach: anything not on the public internet."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_forbidden(embedded)
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )


def _check_url(url: str, options: ReadOptions, *, redirected: bool) -> httpx.URL:
    import httpx

    try:
        target = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise InputError(f"not a valid URL ({error})") from None
    what = f"refused to follow a redirect to {url}" if redirected else "refused"
    if target.scheme not in SCHEMES:
        raise InputError(f"{what}: only http and https URLs are fetched")
    if not target.host:
        raise InputError("not a valid URL (no host name)")
    host = target.raw_host.decode("ascii")
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        addresses = resolve_addresses(host, port)
    except socket.gaierror as error:
        reason = "a temporary DNS failure" if error.errno == socket.EAI_AGAIN else "name does not resolve"
        raise InputError(f"cannot connect to {target.host}: {reason}") from None
    except (UnicodeError, ValueError):
        raise InputError(f"not a valid host name: {target.host}") from None
    if not options.allow_private:
        refused = [address for address in addresses if is_forbidden(address)]
        if refused:
            raise InputError(
                f"{what}: {target.host} resolves to a private or local address ({refused[0]}); "
                "pass --allow-private to fetch it anyway"
            )
    return target


def _read_body(response: httpx.Response, options: ReadOptions, deadline: float, host: str) -> bytes:
    too_large = f"larger than the {describe_limit(options.max_bytes)} limit"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise InputError(too_large)
    body = bytearray()
    # Decoded bytes are counted, so a small gzip body that inflates past the limit is caught too.
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > options.max_bytes:
            raise InputError(too_large)
        if time.monotonic() > deadline:
            raise InputError(f"timed out reading from {host} (after {options.timeout:g} s)")
    return bytes(body)


def _reader_for(media_type: str, body: bytes) -> Reader | None:
    head = body[: registry.SNIFF_BYTES]
    if media_type in _SNIFFED_TYPES:
        return registry.sniff(head)
    if media_type in _XML_TYPES:
        return registry.sniff(head, allow_fallback=False)
    return registry.for_content_type(media_type)


def _reason(response: httpx.Response) -> str:
    if response.reason_phrase:
        return response.reason_phrase
    try:
        return http.HTTPStatus(response.status_code).phrase
    except ValueError:
        return "error"


def _describe(error: httpx.HTTPError | httpx.InvalidURL, host: str, options: ReadOptions) -> str:
    import httpx

    seconds = f"{options.timeout:g} s"
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting to {host} (after {seconds})"
    if isinstance(error, httpx.TimeoutException):
        return f"timed out waiting for {host} to answer (after {seconds})"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect to {host}: {_connect_reason(error)}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"{host} broke off the response ({_short(error)})"
    if isinstance(error, httpx.DecodingError):
        return f"cannot decode the response from {host} ({_short(error)})"
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"not a valid URL ({_short(error)})"
    return f"cannot fetch from {host} ({_short(error)})"


def _connect_reason(error: BaseException) -> str:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"its TLS certificate is not valid ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError):
            return f"the TLS handshake failed ({cause.reason or _short(cause)})"
        if isinstance(cause, socket.gaierror):
            return "name does not resolve"
        cause = cause.__cause__ or cause.__context__
    text = _short(error)
    if "refused" in text.lower():
        return "connection refused"
    return text


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    text = text.removeprefix("[Errno 111] ")
    return text if len(text) <= 120 else text[:117] + "..."
