"""A static file server for the built site, on 127.0.0.1 only.

Used by the browser tests and the benchmark. It serves what any static host would, with
the MIME types Pyodide needs (``.wasm``, ``.mjs``), optional extra response headers (a
Content-Security-Policy, say) and optional per-path faults for failure drills.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from pathlib import Path
from typing import Callable

MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".ics": "text/calendar",
}

# The caching deploy/nginx.conf sets (SiteServer(cache=True) applies it): versioned and
# content-addressed files for a year, everything else revalidated on each use.
IMMUTABLE = re.compile(r"^/(runtime/pyodide/[^/]+/|runtime/app/[0-9a-f]{16}/|assets/.+\.[0-9a-f]{8}\.min\.(js|css)$)")
LONG_LIVED = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def cache_control(path: str) -> str:
    """The Cache-Control header deploy/nginx.conf gives a URL path."""
    return LONG_LIVED if IMMUTABLE.match(path.split("?", 1)[0]) else REVALIDATE


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}
    server: "_Server"

    def log_message(self, *args):  # quiet: tests print their own findings
        pass

    def log_request(self, code="-", size="-"):
        # What a server's access log records of each request (its line, with the whole
        # address), kept for tests that prove what never reaches a server.
        self.server.requests.append(self.requestline)

    def end_headers(self):
        for name, value in self.server.extra_headers.items():
            self.send_header(name, value)
        if self.server.cache and not getattr(self, "faulted", False):
            self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()

    def do_GET(self):
        fault = self.server.fault_for(self.path)
        if fault is not None:
            self.faulted = True  # a drill's answer is never cached, so a retry can succeed
            fault(self)
            return
        super().do_GET()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    cache = False
    requests: list[str]
    extra_headers: dict[str, str]
    faults: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]

    def fault_for(self, path: str):
        # The path alone: a query may name other files (the engine's worker carries the
        # runtime's addresses in its own).
        path = path.split("?", 1)[0]
        for fragment, fault in self.faults.items():
            if fragment in path:
                return fault
        return None


def free_port() -> int:
    """A loopback port nobody listens on now (the site is built for it, then served on it)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_port(site_dir: Path) -> int:
    """The port a built site's sitemap names: Material's instant navigation only works
    when the site is served at the origin its site_url gives (host and port)."""
    import re
    from urllib.parse import urlsplit

    match = re.search(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    return urlsplit(match.group(1)).port or 80


class SiteServer:
    """``with SiteServer(site_dir) as server: server.url`` -> 'http://127.0.0.1:PORT/'.

    ``cache=True`` sends the Cache-Control headers of deploy/nginx.conf (the benchmark
    measures what a deployment serves); without it, only Last-Modified, as before."""

    def __init__(self, root: Path, headers: dict[str, str] | None = None, port: int = 0, cache: bool = False):
        handler = functools.partial(_Handler, directory=str(root))
        self._server = _Server(("127.0.0.1", port), handler)
        self._server.cache = cache
        self._default_headers = dict(headers or {})
        self._server.extra_headers = dict(self._default_headers)
        self._server.faults = {}
        self._server.requests = []
        self._held: list[threading.Event] = []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[str]:
        """Every request line received so far ("GET /path?query HTTP/1.1"), as an access log
        records them."""
        return list(self._server.requests)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def set_headers(self, headers: dict[str, str]) -> None:
        """Send ``headers`` with every answer instead of the server's own (until reset)."""
        self._server.extra_headers = dict(headers)

    def reset_headers(self) -> None:
        """Back to the headers the server was made with."""
        self._server.extra_headers = dict(self._default_headers)

    def fail(self, path_fragment: str, status: int = 404) -> None:
        """Answer every request whose path contains ``path_fragment`` with ``status``."""
        def fault(handler):
            handler.send_error(status)
        self._server.faults[path_fragment] = fault

    def slow(self, path_fragment: str, seconds: float) -> None:
        """Delay requests for ``path_fragment`` by ``seconds`` before serving them."""
        def fault(handler):
            time.sleep(seconds)
            http.server.SimpleHTTPRequestHandler.do_GET(handler)
        self._server.faults[path_fragment] = fault

    def hold(self, path_fragment: str) -> threading.Event:
        """Keep requests for ``path_fragment`` waiting until the returned event is set (a test
        then sees the page before that file arrives, however fast the machine); cleared faults
        release them."""
        release = threading.Event()
        self._held.append(release)

        def fault(handler):
            release.wait(timeout=300)
            http.server.SimpleHTTPRequestHandler.do_GET(handler)
        self._server.faults[path_fragment] = fault
        return release

    def corrupt(self, path_fragment: str) -> None:
        """Serve garbage bytes (200 OK) instead of the file."""
        def fault(handler):
            body = b"\x00corrupt" * 512
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        self._server.faults[path_fragment] = fault

    def clear_faults(self) -> None:
        self._server.faults.clear()
        for release in self._held:
            release.set()
        self._held.clear()

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
