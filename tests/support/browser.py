"""Playwright on Debian's Chromium, with a guard that fails a test on anything a reader
should never meet: a console error, an uncaught exception, a Python traceback on the page,
or a request to any address but loopback (which is also blocked outright)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in LOOPBACK


class Guard:
    """Collects what a reader should never meet; ``check()`` fails with all of it."""

    def __init__(self):
        self.problems: list[str] = []
        self._allowed: list[re.Pattern[str]] = []

    def allow(self, pattern: str) -> None:
        """Expect console errors matching ``pattern`` (e.g. a 404 in a failure drill)."""
        self._allowed.append(re.compile(pattern))

    def _allowed_text(self, text: str) -> bool:
        return any(p.search(text) for p in self._allowed)

    def console(self, message) -> None:
        if message.type == "error" and not self._allowed_text(message.text):
            self.problems.append(f"console error: {message.text} ({message.location})")

    def page_error(self, error) -> None:
        text = str(error)
        if not self._allowed_text(text):
            self.problems.append(f"uncaught exception: {text}")

    def request(self, request) -> None:
        if not is_loopback(request.url):
            self.problems.append(f"request to a non-loopback address: {request.url}")

    def attach(self, context) -> None:
        context.on("console", self.console)
        context.on("weberror", lambda web_error: self.page_error(web_error.error))
        context.on("request", self.request)
        context.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*$"),
                      lambda route: route.abort() if not is_loopback(route.request.url) else route.continue_())

    def check(self, pages=()) -> None:
        for page in pages:
            try:
                text = page.content()
            except Exception:  # the page may already be closed by the test
                continue
            if "Traceback (most recent call last)" in text:
                self.problems.append(f"a Python traceback is shown on {page.url}")
        if self.problems:
            raise AssertionError("The browser met problems:\n" + "\n".join(self.problems))
