"""Tests for fetching URLs from a local server: content types, redirects, address checks, limits, errors."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from pourparler.ingest import ReadOptions, read_sources, url
from pourparler.ingest.registry import Item
from pourparler.model import Failure, RawDocument

PAGE = (
    b"<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Talks resume in Doha.</p></body></html>"
)
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    b"<item><title>One</title><link>https://example.com/1</link><description>First.</description></item>"
    b"<item><title>Two</title><link>https://example.com/2</link><description>Second.</description></item>"
    b"</channel></rss>"
)
LOCAL = ReadOptions(allow_private=True)


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[Handler], None]]] = {}
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def reply(self, body: bytes, content_type: str, *, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _slow(handler: Handler) -> None:
    time.sleep(1.5)
    handler.reply(PAGE, "text/html")


def _stream_forever(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(1000):
            handler.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
    except OSError:
        pass  # the client hung up once it had enough, as it should


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/article": lambda h: h.reply(PAGE, "text/html; charset=utf-8"),
    "/plain": lambda h: h.reply(b"Talks resume in Doha.\r\n", "text/plain"),
    "/koi8": lambda h: h.reply("Переговоры продолжаются.".encode("koi8_r"), "text/plain; charset=KOI8-R"),
    "/feed": lambda h: h.reply(FEED, "application/rss+xml"),
    "/xml-feed": lambda h: h.reply(FEED, "text/xml"),
    "/sitemap": lambda h: h.reply(b'<?xml version="1.0"?><urlset></urlset>', "application/xml"),
    "/pdf": lambda h: h.reply(b"%PDF-1.7\n", "application/pdf"),
    "/untyped": lambda h: h.reply(PAGE, "application/octet-stream"),
    "/user-agent": lambda h: h.reply(h.headers.get("User-Agent", "").encode(), "text/plain"),
    "/big": lambda h: h.reply(b"<p>" + b"x" * 5000 + b"</p>", "text/html"),
    "/big-unannounced": lambda h: h.reply(b"<p>" + b"x" * 5000 + b"</p>", "text/html", length=False),
    "/endless": _stream_forever,
    "/slow": _slow,
    "/redirect": lambda h: h.redirect("/article"),
    "/loop": lambda h: h.redirect("/loop"),
    "/to-ftp": lambda h: h.redirect("ftp://example.com/file"),
    "/teapot": lambda h: h.send_error(418),
}


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (size cap, timeout) are what those tests want


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    Handler.routes = ROUTES
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(address: str, options: ReadOptions = LOCAL) -> list[Item]:
    return list(read_sources([address], options))


def test_html_page(server: str) -> None:
    assert fetch(f"{server}/article") == [
        RawDocument(source=f"{server}/article", html=PAGE.decode(), url=f"{server}/article")
    ]


def test_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    [doc] = fetch(f"{server}/redirect")
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{server}/redirect"
    assert doc.url == f"{server}/article"


def test_plain_text(server: str) -> None:
    assert fetch(f"{server}/plain") == [
        RawDocument(source=f"{server}/plain", text="Talks resume in Doha.\n", url=f"{server}/plain")
    ]


def test_declared_charset_of_plain_text(server: str) -> None:
    [doc] = fetch(f"{server}/koi8")
    assert isinstance(doc, RawDocument)
    assert doc.text == "Переговоры продолжаются."
    assert doc.warnings == []


@pytest.mark.parametrize("route", ["/feed", "/xml-feed"])
def test_feed_entries(server: str, route: str) -> None:
    items = fetch(f"{server}{route}")
    assert [(i.source, i.url, i.outlet) for i in items if isinstance(i, RawDocument)] == [
        (f"{server}{route}#entry-1", "https://example.com/1", "Wire"),
        (f"{server}{route}#entry-2", "https://example.com/2", "Wire"),
    ]


def test_untyped_body_is_sniffed(server: str) -> None:
    [doc] = fetch(f"{server}/untyped")
    assert isinstance(doc, RawDocument) and doc.html == PAGE.decode()


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("/pdf", "unsupported content type application/pdf"),
        ("/sitemap", "unsupported content type application/xml"),
        ("/missing", "HTTP 404 Not Found"),
        ("/teapot", "HTTP 418 I'm a Teapot"),
    ],
)
def test_unusable_responses(server: str, route: str, reason: str) -> None:
    assert fetch(f"{server}{route}") == [Failure(f"{server}{route}", reason)]


def test_user_agent(server: str) -> None:
    [doc] = fetch(f"{server}/user-agent")
    assert isinstance(doc, RawDocument) and doc.text == "pourparler/0.1"


@pytest.mark.parametrize("route", ["/big", "/big-unannounced", "/endless"])
def test_size_cap(server: str, route: str) -> None:
    options = ReadOptions(allow_private=True, max_bytes=1000)
    assert fetch(f"{server}{route}", options) == [Failure(f"{server}{route}", "larger than the 1 kB limit")]


def test_timeout(server: str) -> None:
    started = time.monotonic()
    [failure] = fetch(f"{server}/slow", ReadOptions(allow_private=True, timeout=0.5))
    assert time.monotonic() - started < 1.4
    assert failure == Failure(f"{server}/slow", "timed out waiting for 127.0.0.1 to answer (after 0.5 s)")


def test_too_many_redirects(server: str) -> None:
    options = ReadOptions(allow_private=True, max_redirects=2)
    assert fetch(f"{server}/loop", options) == [Failure(f"{server}/loop", "too many redirects (more than 2)")]


def test_redirect_to_another_scheme_is_refused(server: str) -> None:
    [failure] = fetch(f"{server}/to-ftp")
    assert failure == Failure(
        f"{server}/to-ftp",
        "refused to follow a redirect to ftp://example.com/file: only http and https URLs are fetched",
    )


def test_private_addresses_are_refused_by_default(server: str) -> None:
    Handler.hits.clear()
    [failure] = fetch(f"{server}/article", ReadOptions())
    assert failure == Failure(
        f"{server}/article",
        "refused: 127.0.0.1 resolves to a private or local address (127.0.0.1); "
        "pass --allow-private to fetch it anyway",
    )
    assert Handler.hits == []


def test_redirect_from_a_public_host_to_a_private_one_is_refused(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_resolve = url.resolve_addresses

    def resolve(host: str, port: int) -> list[url.Address]:
        # The test server stands in for a public site; "localhost" still resolves for real.
        if host == "127.0.0.1":
            return [ipaddress.ip_address("93.184.216.34")]
        return real_resolve(host, port)

    monkeypatch.setattr(url, "resolve_addresses", resolve)
    port = server.rsplit(":", 1)[1]
    ROUTES["/to-private"] = lambda h: h.redirect(f"http://localhost:{port}/article")
    Handler.hits.clear()
    [failure] = fetch(f"{server}/to-private", ReadOptions())
    assert isinstance(failure, Failure)
    assert failure.reason.startswith(
        f"refused to follow a redirect to http://localhost:{port}/article: "
        "localhost resolves to a private or local address ("
    )
    assert Handler.hits == ["/to-private"]


def test_name_that_does_not_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    def resolve(host: str, port: int) -> list[url.Address]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(url, "resolve_addresses", resolve)
    assert fetch("https://example.invalid/a") == [
        Failure("https://example.invalid/a", "cannot connect to example.invalid: name does not resolve")
    ]


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/"
    assert fetch(address) == [Failure(address, "cannot connect to 127.0.0.1: connection refused")]


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("240.0.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),
        ("2002:7f00:1::", True),
        ("93.184.216.34", False),
        ("2606:2800:220:1:248:1893:25c8:1946", False),
    ],
)
def test_forbidden_addresses(address: str, forbidden: bool) -> None:
    assert url.is_forbidden(ipaddress.ip_address(address)) is forbidden
