"""`tertulia demo`: the service plus a demo news site on another origin.

The demo site is a second, tiny Flask app on its own port, so the widget is
embedded cross-origin exactly as on a real site. Its pages include the thread's
HTML fragment and the listing's counts from the service, as a site's server or
edge would, so readers without JavaScript see the comments too.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable

import click
from flask import Flask, abort, current_app, render_template, request
from flask.cli import with_appcontext
from markupsafe import Markup
from werkzeug.serving import make_server, run_simple

from widget import storage
from widget.core.urls import public_base
from widget.identity import sso_secret as sso_secrets
from widget.storage import database
from widget.storage.database import db

from .accounts import add_subscriber_sign_in
from .seed import DEMO_SITE_NAME, demo_origins, ensure_demo_site, seed_demo

__all__ = ["DEMO_SITE_NAME", "create_demo_site", "demo_command", "demo_origins"]

# The demo articles: slug -> (template, language).
ARTICLES = {
    "2026/11/covert-action-considered": ("demo/article.html", "en"),
    "es/2026/11/accion-encubierta": ("demo/article.html", "es"),
}
LANGUAGES = ("en", "es")
THEMES = ("light", "dark", "auto")
FETCH_TIMEOUT = 3  # seconds: a slow service leaves the page with its plain link


def _fetch(url: str) -> bytes | None:
    """A GET to the comment service, as a site's server does it; None when it fails."""
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            return response.read()
    except (OSError, ValueError):
        return None


def create_demo_site(
    api_base: str,
    site_base: str | None = None,
    fetch_base: str | None = None,
    sso_secret: Callable[[], str | None] | None = None,
) -> Flask:
    """The demo news site: an index with comment counts, two articles, a subscriber sign-in.

    `api_base`: the service as browsers reach it; `fetch_base`: as this server reaches it
    (the same unless said); `site_base`: the site's canonical origin (its articles' thread
    keys), else the address each request came to; `sso_secret`: the demo site's SSO secret
    (else its config's DEMO_SSO_SECRET), with which it signs its readers' tokens.
    """
    fetch_base = fetch_base or api_base
    from widget import ROOT

    site = Flask(
        "tertulia_demo",
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )

    add_subscriber_sign_in(site, sso_secret or (lambda: site.config.get("DEMO_SSO_SECRET")))

    def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
        value = request.args.get(name)
        return value if value in allowed else default

    def base() -> str:
        return (site_base or request.url_root).rstrip("/") + "/"

    @site.get("/")
    def index():
        """Listing page: each article link gets its comment count (the embed updates it)."""
        urls = [base() + slug + "/" for slug in ARTICLES]
        found = _fetch(f"{fetch_base}/api/counts?" + urllib.parse.urlencode({"url": urls}, True))
        counts = json.loads(found).get("counts", {}) if found else {}
        return render_template(
            "demo/index.html",
            api_base=api_base,
            articles=ARTICLES,
            site_base=base(),
            counts=counts,
            lang=choice("lang", LANGUAGES, "en"),
            theme=choice("theme", THEMES, "auto"),
        )

    @site.get("/<path:slug>/")
    def article(slug: str):
        """An article with the two embed lines at its end, the thread's fragment inside."""
        if slug not in ARTICLES:
            abort(404)
        template, lang = ARTICLES[slug]
        lang = choice("lang", LANGUAGES, lang)
        query = urllib.parse.urlencode({"url": base() + slug + "/", "lang": lang})
        fragment = _fetch(f"{fetch_base}/api/threads.html?{query}")
        return render_template(
            template,
            api_base=api_base,
            site_base=base(),
            lang=lang,
            theme=choice("theme", THEMES, "auto"),
            slug=slug,
            # The service's sanitised fragment, as a site includes it at build time.
            fragment=Markup(fragment.decode()) if fragment else None,
        )

    return site


def prepare_demo(app: Flask, host: str, port: int, demo_port: int) -> tuple[str, str, str, int]:
    """Point every address at these ports, migrate, register the site once and seed it:
    (the service's base, the demo's, the demo's canonical origin, comments added)."""
    api_base = f"http://{host}:{port}"
    demo_base = f"http://{host}:{demo_port}"
    # Links in pages and mail lead here, whatever WIDGET_PUBLIC_URL said; both loopback names work.
    app.config["PUBLIC_URL"] = public_base(api_base)
    app.config["TRUSTED_HOSTS"] = [host, "localhost", "127.0.0.1"]
    app.config["DEMO_URL"] = demo_base + "/"
    database.upgrade(db.engine)
    ensure_demo_site(demo_port)
    site_base = demo_origins(demo_port)[0]
    return api_base, demo_base, site_base, seed_demo(site_base)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, help="Port of the comment service.")
@click.option(
    "--demo-port",
    type=int,
    default=None,
    help="Port of the demo news site [default: WIDGET_DEMO_PORT, 8081].",
)
@with_appcontext
def demo_command(host: str, port: int, demo_port: int | None) -> None:
    """Migrate, register the demo site ("The Border Ledger", once, with a few comments), and
    serve the service on --port and the demo news site on --demo-port.

    Every address follows the ports: the widget's, the demo's origins, the links in mail.
    """
    app = current_app._get_current_object()
    demo_port = demo_port or app.config["DEMO_PORT"]
    api_base, demo_base, site_base, added = prepare_demo(app, host, port, demo_port)
    site = storage.find_site_by_origin(site_base)
    secret = sso_secrets.ensure_secret(site).current if site else None
    demo_site = create_demo_site(api_base, site_base, sso_secret=lambda: secret)
    demo_server = make_server(host, demo_port, demo_site, threaded=True)
    threading.Thread(target=demo_server.serve_forever, daemon=True).start()
    click.echo(f"Comment service: {api_base}/")
    click.echo(f"Demo news site:  {demo_base}/  (open this one)")
    if added:
        click.echo(f"                 ({added} comments to start with)")
    click.echo(f"Moderation:      {api_base}/admin/")
    click.echo("  (an account: .venv/bin/tertulia admins create you@example.org)")
    if str(app.config.get("SMTP_URL")).startswith("console:"):
        click.echo("Mail:            printed below (WIDGET_SMTP_URL=console://)")
    run_simple(host, port, app, threaded=True, use_reloader=False)
