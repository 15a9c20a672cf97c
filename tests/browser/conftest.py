"""Browser tests: Debian's Chromium through Playwright, against live servers.

The comment service runs at http://comments.test:PORT and the article pages at
http://blog.test:PORT (Chromium maps *.test to 127.0.0.1), so the widget is
embedded cross-site, as on a real news site. SQLite only: the API tests cover
PostgreSQL.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.actions import Api
from widget.demo.site import create_demo_site
from widget.sites.editing import register_site

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE_PATH = "/2026/11/covert-action-considered/"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    if browser_name != "chromium":  # only Debian's Chromium is available here
        return browser_type_launch_args
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": [
            *browser_type_launch_args.get("args", []),
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--host-resolver-rules=MAP *.test 127.0.0.1",
        ],
    }


@pytest.fixture
def database_url(tmp_path, sqlite_template):
    """Browser tests run on SQLite only (overrides the two-backend fixture)."""
    path = tmp_path / "tertulia.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


class LiveServer:
    """A WSGI app served from a thread on a free port of 127.0.0.1."""

    def __init__(self, app, host_name: str) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://{host_name}:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class Live:
    """The comment service, the news site, and helpers to make host pages."""

    def __init__(self, app, service: LiveServer, blog: LiveServer, pages: dict) -> None:
        self.app = app
        self.service = service
        self.blog = blog
        self.pages = pages

    @property
    def article_url(self) -> str:
        return self.blog.url + ARTICLE_PATH

    def api(self) -> Api:
        """Post through the API as another reader would, to seed threads."""
        return Api(self.app.test_client(), origin=self.blog.url, address="198.51.100.9")

    def host_page(
        self,
        name: str,
        body: str = "",
        lang: str = "en",
        head: str = "",
        container: str = '<div id="comments"></div>',
        script_attrs: str = "",
    ) -> str:
        """Serve a host page at /t/NAME embedding the widget; returns its URL."""
        self.pages[name] = (
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>Host page {name}</title>{head}</head><body><main><h1>Host page</h1>"
            f"{body}{container}"
            f'<script async src="{self.service.url}/embed.js" {script_attrs}></script>'
            "</main></body></html>"
        )
        return f"{self.blog.url}/t/{name}"


@pytest.fixture
def live(app_factory):
    """Live servers for one test; rate limits on, but generous unless a test lowers them."""
    app = app_factory(
        RATELIMIT_ENABLED=True,
        POST_RATE_LIMIT="1000 per minute",
        WRITE_ATTEMPT_RATE_LIMIT="1000 per minute",
        READ_RATE_LIMIT="1000 per minute",
    )
    service = LiveServer(app, "comments.test")
    # Links in the HTML fragment the demo includes are absolute, as in production.
    app.config["PUBLIC_URL"] = service.url
    pages: dict[str, str] = {}
    # The demo's server fetches the fragment and counts as a site's server would: by address.
    fetch_base = f"http://127.0.0.1:{service.server.server_port}"
    blog_app: Flask = create_demo_site(service.url, fetch_base=fetch_base)

    @blog_app.get("/t/<name>")
    def host_page(name: str):
        return pages[name]

    blog = LiveServer(blog_app, "blog.test")
    with app.app_context():
        register_site("Blog", [blog.url], "none")
    yield Live(app, service, blog, pages)
    blog.stop()
    service.stop()


@pytest.fixture
def page(page):
    """Playwright's page, failing the test on any script error in the page."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == []


def shot(locator_or_page, name: str, **options) -> Path:
    """Save a screenshot under tests/artifacts/ (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    locator_or_page.screenshot(path=str(path), **options)
    return path
