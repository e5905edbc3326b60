"""Headless Chromium over exported sites: Debian's chromium driven by Playwright, sites served by a
local HTTP server on 127.0.0.1. No browser is ever downloaded; a missing or broken chromium makes
these tests fail with the reason, never skip.
"""

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from knowledge import load_knowledge_base
from knowledge.export import export
from tests.knowledge.site_fixtures import FIXTURE_CONTENT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``shipped/`` (the shipped content) and ``fixture/`` (tests/data/site_kb), exported as HTML."""
    root = tmp_path_factory.mktemp("sites")
    export(load_knowledge_base(), "html", root / "shipped", base_url="https://help.example.com/")
    export(load_knowledge_base(FIXTURE_CONTENT), "html", root / "fixture")
    return root


@pytest.fixture(scope="session")
def server(sites: Path) -> Iterator[str]:
    """Base URL of a static server over ``sites`` (port chosen by the system)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(sites)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)", pytrace=False)
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as error:  # any launch failure is the same finding: no usable browser
            pytest.fail(f"Chromium at {CHROMIUM} could not be launched: {error}", pytrace=False)
        yield launched
        launched.close()


class PageWatch:
    """What a page did that it never should: dialogs (alert), script errors, non-local requests."""

    def __init__(self, page: Page, allowed_prefixes: tuple[str, ...]):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self._request(request.url, allowed_prefixes))

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(getattr(dialog, "message", "?"))
        dialog.dismiss()  # type: ignore[attr-defined]

    def _request(self, url: str, allowed_prefixes: tuple[str, ...]) -> None:
        if not url.startswith(allowed_prefixes):
            self.foreign_requests.append(url)

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a page opened a dialog: {self.dialogs}"
        assert self.errors == [], f"script errors: {self.errors}"
        assert self.foreign_requests == [], f"requests outside the site: {self.foreign_requests}"


def open_page(browser: Browser, server: str, width: int = 1280, height: int = 800) -> tuple[Page, PageWatch]:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(TIMEOUT_MS)
    return page, PageWatch(page, (server, "file://", "about:", "data:"))


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Page]:
    """A desktop-sized page; at the end, it must not have opened a dialog, failed a script or left the site."""
    opened, watch = open_page(browser, server)
    yield opened
    opened.close()
    watch.assert_clean()
